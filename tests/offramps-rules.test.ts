/**
 * Off-ramps (DESIGN.md section 4, "Off-ramps"; game/rules/offramps.ts), tested directly: who
 * answers an offer (China answers Blue's; Taiwan, the US unless it stays out, and Japan once in
 * a survival-threatening situation answer China's), when an offer may be made and answered, and
 * the settlement at the end of adjudication, where a single refusal closes an offer.
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  type Faction,
  type MatchState,
  newMatch,
  offerResponders,
  type Scenario,
  type Terms,
  type TermsOffer,
  validateAction,
} from '../game/index.ts';
import { codeOf, patch, scenario } from './helpers.ts';
import { play, quiet } from './round.ts';

const q = scenario('taiwan-quarantine');
const alone = scenario('taiwan-invasion-taiwan-alone');

/** A quarantine (rung 2) in round 3, Japan with no declaration, no offers yet. */
function crisis(edit: (d: DraftState) => void = () => {}, sc: Scenario = q): MatchState {
  return patch(newMatch(sc, { seed: 'offramps' }), (d) => {
    d.escalation = 2;
    d.round = 3;
    d.japan.legalStatus = 'none';
    d.offers = [];
    edit(d);
  });
}

type DraftOffer = DraftState['offers'][number];
const offer = (o: Partial<TermsOffer> & Pick<TermsOffer, 'by'>): DraftOffer => ({
  id: `o-${o.by}`,
  round: 2,
  terms: 'ceasefire-in-place',
  answers: {},
  status: 'open',
  ...o,
});

describe('who answers an offer', () => {
  it.each<[Faction]>([['japan'], ['us'], ['taiwan']])("China alone answers %s's offer", (by) => {
    expect(offerResponders(crisis(), q, by)).toEqual(['china']);
  });

  it("Taiwan and the US answer China's; Japan too once in a survival-threatening situation or beyond", () => {
    expect(offerResponders(crisis(), q, 'china')).toEqual(['taiwan', 'us']);
    expect(
      offerResponders(
        crisis((d) => (d.japan.legalStatus = 'important-influence')),
        q,
        'china',
      ),
    ).toEqual(['taiwan', 'us']);
    expect(
      offerResponders(
        crisis((d) => (d.japan.legalStatus = 'survival-threatening')),
        q,
        'china',
      ),
    ).toEqual(['taiwan', 'us', 'japan']);
    expect(
      offerResponders(
        crisis((d) => (d.japan.legalStatus = 'armed-attack')),
        q,
        'china',
      ),
    ).toEqual(['taiwan', 'us', 'japan']);
  });

  it("in a scenario where the US stays out ('never'), Taiwan alone answers China", () => {
    expect(
      offerResponders(
        crisis(() => {}, alone),
        alone,
        'china',
      ),
    ).toEqual(['taiwan']);
  });
});

describe('making an offer', () => {
  const make = (s: MatchState, seat: string, terms: string = 'status-quo-ante') =>
    codeOf(validateAction(s, q, { type: 'offer', seat: seat as Faction, terms: terms as Terms }));

  it('from a faction seat, with known terms, from rung 2', () => {
    expect(make(crisis(), 'taiwan')).toBe('ok');
    expect(make(crisis(), 'china', 'ceasefire-in-place')).toBe('ok');
    expect(make(crisis(), 'japan', 'phased-withdrawal')).toBe('ok');
    expect(make(crisis(), 'white')).toBe('ERR_BAD_SEAT');
    expect(make(crisis(), 'taiwan', 'unconditional-surrender')).toBe('ERR_BAD_TERMS');
    expect(
      make(
        crisis((d) => (d.escalation = 1)),
        'taiwan',
      ),
    ).toBe('ERR_NO_CRISIS');
    expect(
      make(
        crisis((d) => (d.escalation = 5)),
        'taiwan',
      ),
    ).toBe('ok');
  });

  it("one open offer per side: a closed one, or another side's, does not block", () => {
    const open = crisis((d) => (d.offers = [offer({ by: 'taiwan' })]));
    expect(make(open, 'taiwan')).toBe('ERR_DUPLICATE');
    expect(make(open, 'china')).toBe('ok');
    expect(
      make(
        crisis((d) => (d.offers = [offer({ by: 'taiwan', status: 'refused' })])),
        'taiwan',
      ),
    ).toBe('ok');
  });
});

describe('answering an offer', () => {
  const respond = (s: MatchState, seat: string, id: string, sc: Scenario = q) =>
    codeOf(validateAction(s, sc, { type: 'respond', seat: seat as Faction, offer: id, accept: true }));

  it('a responder answers the round after the offer, once', () => {
    const s = crisis((d) => (d.offers = [offer({ by: 'taiwan' })]));
    expect(respond(s, 'china', 'o-taiwan')).toBe('ok');
    expect(respond(s, 'china', 'o-none')).toBe('ERR_NO_OFFER');
    expect(respond(s, 'japan', 'o-taiwan')).toBe('ERR_NOT_YOURS');
    expect(respond(s, 'white', 'o-taiwan')).toBe('ERR_NOT_YOURS');
    const answered = crisis((d) => (d.offers = [offer({ by: 'taiwan', answers: { china: false } })]));
    expect(respond(answered, 'china', 'o-taiwan')).toBe('ERR_ALREADY');
    const same = crisis((d) => (d.offers = [offer({ by: 'taiwan', round: 3 })]));
    expect(respond(same, 'china', 'o-taiwan')).toBe('ERR_TOO_SOON');
    const closed = crisis((d) => (d.offers = [offer({ by: 'taiwan', status: 'accepted' })]));
    expect(respond(closed, 'china', 'o-taiwan')).toBe('ERR_ALREADY');
  });

  it("China's offer: each Blue responder answers for itself; Japan only once at war", () => {
    const s = crisis((d) => (d.offers = [offer({ by: 'china', answers: { taiwan: true } })]));
    expect(respond(s, 'us', 'o-china')).toBe('ok');
    expect(respond(s, 'taiwan', 'o-china')).toBe('ERR_ALREADY');
    expect(respond(s, 'japan', 'o-china')).toBe('ERR_NOT_YOURS');
    expect(respond(s, 'china', 'o-china')).toBe('ERR_NOT_YOURS');
    const atWar = patch(s, (d) => (d.japan.legalStatus = 'survival-threatening'));
    expect(respond(atWar, 'japan', 'o-china')).toBe('ok');
  });
});

describe('settling offers at the end of adjudication', () => {
  const settle = (offers: DraftOffer[]) => {
    const s = crisis((d) => (d.offers = offers));
    return { s, after: play(quiet(q), s) };
  };
  const lines = (s: MatchState, after: MatchState) =>
    after.log.slice(s.log.length).filter((e) => e.kind === 'offer-rejected');

  it('an offer with a refusal among its answers is closed as refused, in the open log', () => {
    const { s, after } = settle([
      offer({ by: 'china', terms: 'phased-withdrawal', answers: { taiwan: true, us: false } }),
    ]);
    expect(after.stage).toBe('planning');
    expect(after.offers[0]?.status).toBe('refused');
    expect(lines(s, after).map((e) => [e.data, e.visibleTo])).toEqual([
      [{ by: 'china', terms: 'phased-withdrawal' }, 'all'],
    ]);
  });

  it('an offer still waiting for answers, or made this round, stays open; an accepted offer ends the match', () => {
    const waiting = settle([offer({ by: 'china', answers: { taiwan: true } })]);
    expect(waiting.after.offers[0]?.status).toBe('open');
    expect(waiting.after.stage).toBe('planning');
    // Made this round (3): not settled, even with a refusal recorded.
    const fresh = settle([offer({ by: 'taiwan', round: 3, answers: { china: false } })]);
    expect(fresh.after.offers[0]?.status).toBe('open');
    const accepted = settle([offer({ by: 'taiwan', status: 'accepted', answers: { china: true } })]);
    expect(accepted.after.stage).toBe('ended');
    // A refused offer stays refused and is not logged again.
    const old = settle([offer({ by: 'taiwan', status: 'refused', answers: { china: false } })]);
    expect(old.after.offers[0]?.status).toBe('refused');
    expect(lines(old.s, old.after)).toHaveLength(0);
    expect(old.after.stage).toBe('planning');
  });
});
