/**
 * Off-ramps (DESIGN.md section 4): offers of terms, who answers them and when, how a match
 * ends on accepted terms — and the bots that offer and accept terms when the terms beat
 * fighting on, for Red and for Blue.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  botTurn,
  type MatchState,
  newMatch,
  type Policy,
  RUNG,
  validateAction,
} from '../game/index.ts';
import { runMatch } from '../match/index.ts';
import { act, codeOf, commitAll, patch, scenario } from './helpers.ts';

const q = scenario('taiwan-quarantine');

/** The bot actions of one turn for the given seats, each accepted. */
function botActions(
  s: MatchState,
  bots: Partial<Record<'japan' | 'us' | 'china' | 'taiwan', Policy>>,
): Action[] {
  const out: Action[] = [];
  const turn = botTurn({ scenario: q, bots, current: () => s });
  for (let step = turn.next(); !step.done; step = turn.next(true)) out.push(step.value);
  return out;
}

describe('offers and answers (the rules)', () => {
  const crisis = patch(newMatch(q, { seed: 'terms' }), (d) => (d.escalation = RUNG.quarantine));

  it('terms are offered only in a crisis, one open offer per side, and answered the round after', () => {
    const calm = patch(crisis, (d) => (d.escalation = RUNG.coercion));
    expect(codeOf(validateAction(calm, q, { type: 'offer', seat: 'taiwan', terms: 'status-quo-ante' }))).toBe(
      'ERR_NO_CRISIS',
    );
    const s1 = act(q, crisis, { type: 'offer', seat: 'taiwan', terms: 'status-quo-ante' });
    expect(
      codeOf(validateAction(s1, q, { type: 'offer', seat: 'taiwan', terms: 'ceasefire-in-place' })),
    ).toBe('ERR_DUPLICATE');
    const id = s1.offers[0]!.id;
    expect(codeOf(validateAction(s1, q, { type: 'respond', seat: 'china', offer: id, accept: true }))).toBe(
      'ERR_TOO_SOON',
    );
    expect(codeOf(validateAction(s1, q, { type: 'respond', seat: 'japan', offer: id, accept: true }))).toBe(
      'ERR_NOT_YOURS',
    );
  });

  it('China accepting a Blue offer the next round ends the match as terms agreed', () => {
    let s = act(q, crisis, { type: 'offer', seat: 'taiwan', terms: 'status-quo-ante' });
    s = commitAll(q, s);
    expect(s.round).toBe(2);
    const id = s.offers[0]!.id;
    s = act(q, s, { type: 'respond', seat: 'china', offer: id, accept: true });
    expect(s.stage).toBe('ended');
    expect(s.outcome?.category).toBe('terms-agreed');
    expect(s.log.some((e) => e.kind === 'terms-agreed')).toBe(true);
  });

  it("a refusal closes the offer and the match goes on; China's offer needs every Blue responder", () => {
    let s = act(q, crisis, { type: 'offer', seat: 'taiwan', terms: 'status-quo-ante' });
    s = commitAll(q, s);
    s = act(q, s, { type: 'respond', seat: 'china', offer: s.offers[0]!.id, accept: false });
    expect(s.stage).toBe('planning');
    expect(s.offers[0]!.status).toBe('refused');
    let r = act(q, crisis, { type: 'offer', seat: 'china', terms: 'ceasefire-in-place' });
    r = commitAll(q, r);
    const id = r.offers[0]!.id;
    r = act(q, r, { type: 'respond', seat: 'taiwan', offer: id, accept: true });
    expect(r.stage).toBe('planning'); // the US has not answered yet
    r = act(q, r, { type: 'respond', seat: 'us', offer: id, accept: true });
    expect(r.outcome?.category).toBe('terms-agreed');
  });
});

describe('bots offer and accept terms when the terms beat fighting on', () => {
  const crisis = patch(newMatch(q, { seed: 'bot-terms' }), (d) => (d.escalation = RUNG.quarantine));

  it('in a crisis the Taiwanese bot puts the status quo on the table', () => {
    const acts = botActions(crisis, { taiwan: 'baseline' });
    expect(acts).toContainEqual({ type: 'offer', seat: 'taiwan', terms: 'status-quo-ante' });
    const calm = patch(crisis, (d) => (d.escalation = RUNG.coercion));
    expect(botActions(calm, { taiwan: 'baseline' }).some((a) => a.type === 'offer')).toBe(false);
  });

  /** A quarantine that has failed: Taiwan's will and energy hold, Red's standing is spent, an offer is waiting. */
  const failing = (edit: (d: Parameters<Parameters<typeof patch>[1]>[0]) => void = () => {}): MatchState => {
    let s = act(q, crisis, { type: 'offer', seat: 'taiwan', terms: 'status-quo-ante' });
    s = commitAll(q, s);
    return patch(s, (d) => {
      d.taiwan.publicWill = 70;
      d.taiwan.energyDays = 90; // reserves refilled: a blockade would not bite within the horizon
      d.china.standing = 10;
      d.china.resolve = 10; // Red will not climb further
      d.china.confidence = 0; // Red believes its estimate as computed
      edit(d);
    });
  };
  const answer = (s: MatchState, policy: Policy) =>
    botActions(s, { china: policy }).find((a) => a.type === 'respond' && a.seat === 'china');

  it('an opportunist or calculating Red whose quarantine has failed accepts the status quo; an aggressive one never does', () => {
    expect(answer(failing(), 'opportunist')).toMatchObject({ accept: true });
    expect(answer(failing(), 'calculating')).toMatchObject({ accept: true });
    expect(answer(failing(), 'aggressive')).toMatchObject({ accept: false });
  });

  it('Red refuses while the coercion works (Taiwan near breaking) or while its standing holds', () => {
    expect(
      answer(
        failing((d) => (d.taiwan.publicWill = 30)),
        'opportunist',
      ),
    ).toMatchObject({ accept: false });
    expect(
      answer(
        failing((d) => (d.china.standing = 60)),
        'opportunist',
      ),
    ).toMatchObject({ accept: false });
  });

  it('over whole bot games, quarantines end on agreed terms in some games and not in others', () => {
    const outcomes = [1, 2, 3, 4, 5, 6].map(
      (i) => runMatch(q, { china: 'calculating' }, `terms-${i}`).state.outcome,
    );
    expect(outcomes.some((o) => o?.category === 'terms-agreed')).toBe(true);
    expect(runMatch(q, { china: 'aggressive' }, 'terms-1').state.outcome?.category).not.toBe('terms-agreed');
  });
});
