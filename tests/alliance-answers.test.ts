import { describe, expect, it } from 'vitest';
import {
  COMMAND,
  type CombinedProposal,
  coordinationCapacity,
  type DraftState,
  type EventKind,
  type MatchState,
  type Order,
  type Scenario,
} from '../game/index.ts';
import { answer, type DraftProposal, inv, neutral, proposal, war } from './alliance-fixtures.ts';
import { patch } from './helpers.ts';
import { eventsSince, play, quiet } from './round.ts';

describe('answers: addressed, open, affordable and lawful', () => {
  const on = (p: DraftProposal, edit: (d: DraftState) => void = () => {}, sc: Scenario = inv) =>
    war((d) => {
      d.proposals = [p];
      edit(d);
    }, sc);

  it('no such proposal, someone else answering, an answered proposal', () => {
    const p = proposal({ kind: 'shared-isr' });
    expect(answer(on(p), 'p-none', 'japan', true)).toBe('ERR_NO_PROPOSAL');
    expect(answer(on(p), p.id, 'us', true)).toBe('ERR_NOT_YOURS');
    expect(answer(on({ ...p, status: 'accepted' }), p.id, 'japan', true)).toBe('ERR_ALREADY');
    expect(answer(on({ ...p, status: 'lapsed' }), p.id, 'japan', false)).toBe('ERR_ALREADY');
  });

  it('a refusal needs neither capacity nor a legal status', () => {
    const p = proposal({ kind: 'combined-strike' });
    const s = on(p, (d) => {
      d.alliance.capacityUsed = 99;
      d.japan.legalStatus = 'none';
    });
    expect(answer(s, p.id, 'japan', false)).toBe('ok');
    expect(answer(s, p.id, 'japan', true)).toBe('ERR_NO_CAPACITY');
  });

  it('an acceptance is charged: a strike needs 2 left, cover 1', () => {
    const cap = COMMAND.baseCapacity.value + COMMAND.perLevel.value;
    const strike = proposal({ kind: 'combined-strike' });
    expect(
      answer(
        on(strike, (d) => (d.alliance.capacityUsed = cap - 2)),
        strike.id,
        'japan',
        true,
      ),
    ).toBe('ok');
    expect(
      answer(
        on(strike, (d) => (d.alliance.capacityUsed = cap - 1)),
        strike.id,
        'japan',
        true,
      ),
    ).toBe('ERR_NO_CAPACITY');
    const cover = proposal({ kind: 'iamd-cover', zone: 'okinawa' });
    expect(
      answer(
        on(cover, (d) => (d.alliance.capacityUsed = cap - 1)),
        cover.id,
        'japan',
        true,
      ),
    ).toBe('ok');
  });

  it.each<[CombinedProposal['kind'], string, string]>([
    ['logistics-support', 'none', 'ERR_LEGAL_STATUS'],
    ['logistics-support', 'important-influence', 'ok'],
    ['iamd-cover', 'important-influence', 'ERR_LEGAL_STATUS'],
    ['iamd-cover', 'survival-threatening', 'ok'],
    ['combined-strike', 'important-influence', 'ERR_LEGAL_STATUS'],
    ['combined-strike', 'survival-threatening', 'ok'],
    ['combined-strike', 'armed-attack', 'ok'],
    ['shared-isr', 'none', 'ok'],
    ['us-ops-from-japan', 'none', 'ok'],
  ])('Japan accepting %s in a "%s" situation → %s', (kind, status, code) => {
    const p = proposal({ kind, zone: 'okinawa' });
    const s = on(p, (d) => (d.japan.legalStatus = status as DraftState['japan']['legalStatus']));
    expect(answer(s, p.id, 'japan', true)).toBe(code);
  });

  it("consent in a scenario where Japan refuses it ('never') → ERR_SCENARIO_FORBIDS; other kinds are not affected", () => {
    const consent = proposal({ kind: 'us-ops-from-japan' });
    expect(
      answer(
        on(consent, () => {}, neutral),
        consent.id,
        'japan',
        true,
        neutral,
      ),
    ).toBe('ERR_SCENARIO_FORBIDS');
    const isr = proposal({ kind: 'shared-isr' });
    expect(
      answer(
        on(isr, () => {}, neutral),
        isr.id,
        'japan',
        true,
        neutral,
      ),
    ).toBe('ok');
  });
});

describe('the coordination step (first in adjudication)', () => {
  const step = (s: MatchState, japan: readonly Order[] = []) => play(quiet(inv), s, { japan });
  const events = <K extends EventKind>(s: MatchState, after: MatchState, kind: K) =>
    eventsSince(s, after, kind);
  const allies = ['japan', 'us', 'white'];

  it('an open proposal lapses at the end of its round, noted to the allies and White only', () => {
    const p = proposal({ kind: 'shared-isr', by: 'japan', to: 'us' });
    const s = war((d) => (d.proposals = [p]));
    const d = step(s);
    expect(d.combined).toHaveLength(0);
    expect(events(s, d, 'proposal-lapsed')).toEqual([
      { data: { by: 'japan', operation: 'shared-isr' }, visibleTo: allies },
    ]);
    expect(events(s, d, 'combined-agreed')).toHaveLength(0);
  });

  it('accepted proposals are charged in order; one that does not fit is dropped', () => {
    // Level 0, cohesion 50: capacity = base (2). A strike (2) fits; the ISR after it (1) does not.
    const strike = proposal({ kind: 'combined-strike', status: 'accepted' });
    const isr = proposal({ kind: 'shared-isr', status: 'accepted' });
    const s = war((d) => {
      d.alliance.commandLevel = 0;
      d.proposals = [strike, isr];
    });
    expect(coordinationCapacity(s)).toBe(COMMAND.baseCapacity.value);
    const d = step(s);
    // Level 0: the strike takes effect next round.
    expect(d.combined.map((c) => [c.proposal.kind, c.effectiveRound])).toEqual([['combined-strike', 2]]);
    expect(events(s, d, 'combined-agreed')).toEqual([
      { data: { operation: 'combined-strike', latency: 1, capacity: 2, used: 2 }, visibleTo: allies },
    ]);
    expect(events(s, d, 'proposal-dropped')).toEqual([
      { data: { operation: 'shared-isr', capacity: 2 }, visibleTo: allies },
    ]);
  });

  it('an accepted action exactly filling capacity is kept (used + cost = capacity)', () => {
    const s = war((d) => {
      d.alliance.commandLevel = 0;
      d.proposals = [
        proposal({ kind: 'shared-isr', status: 'accepted' }),
        proposal({ kind: 'logistics-support', status: 'accepted' }),
      ];
    });
    const d = step(s);
    expect(events(s, d, 'combined-agreed').map((e) => e.data.used)).toEqual([1, 2]);
    expect(events(s, d, 'proposal-dropped')).toHaveLength(0);
  });

  it('consent in force uses capacity every round; consent granted for a later round does not yet', () => {
    const strike = proposal({ kind: 'combined-strike', status: 'accepted' });
    const inForce = war((d) => {
      d.alliance.commandLevel = 0;
      d.alliance.consentGranted = true;
      d.alliance.consentRound = 1;
      d.proposals = [strike];
    });
    // 1 for consent + 2 for the strike > base capacity 2: the strike is dropped.
    expect(events(inForce, step(inForce), 'proposal-dropped').map((e) => e.data.operation)).toEqual([
      'combined-strike',
    ]);
    const notYet = patch(inForce, (x) => (x.alliance.consentRound = 2));
    expect(events(notYet, step(notYet), 'combined-agreed').map((e) => e.data.used)).toEqual([2]);
  });

  it('at level 1 an agreed action takes effect this round (latency 0)', () => {
    const s = war((d) => (d.proposals = [proposal({ kind: 'shared-isr', status: 'accepted' })]));
    const d = step(s);
    expect(events(s, d, 'combined-agreed').map((e) => e.data.latency)).toEqual([0]);
    // Effective in round 1, it is cleared when round 2 is adjudicated.
    expect(d.combined.map((c) => c.effectiveRound)).toEqual([1]);
    expect(step(d).combined).toEqual([]);
  });

  it('accepted consent is granted from the round the latency allows (this round at level 1, the next at level 0)', () => {
    for (const [level, from] of [
      [1, 1],
      [0, 2],
    ] as const) {
      const s = war((d) => {
        d.alliance.commandLevel = level;
        d.proposals = [proposal({ kind: 'us-ops-from-japan', status: 'accepted' })];
      });
      const d = step(s);
      expect(d.alliance.consentGranted).toBe(true);
      expect(d.alliance.consentRound).toBe(from);
      expect(d.combined.map((c) => c.effectiveRound)).toEqual([from]);
    }
  });

  it('refused and lapsed proposals are not charged; past combined actions are cleared, current ones kept', () => {
    const s = war((d) => {
      d.round = 3;
      d.proposals = [
        proposal({ kind: 'shared-isr', status: 'refused' }),
        proposal({ kind: 'logistics-support', status: 'lapsed' }),
      ];
      d.combined = [
        { proposal: proposal({ kind: 'shared-isr', status: 'accepted' }), effectiveRound: 2 },
        { proposal: proposal({ kind: 'logistics-support', status: 'accepted' }), effectiveRound: 3 },
      ] as DraftState['combined'];
    });
    const d = step(s);
    expect(d.combined.map((c) => c.effectiveRound)).toEqual([3]);
    expect(events(s, d, 'proposal-lapsed')).toHaveLength(0);
    expect(events(s, d, 'combined-agreed')).toHaveLength(0);
    expect(events(s, d, 'proposal-dropped')).toHaveLength(0);
  });

  it('revoking consent ends it and costs 10 cohesion, in the open', () => {
    const s = war((d) => {
      d.alliance.consentGranted = true;
      d.alliance.consentRound = 1;
    });
    const d = step(s, [{ type: 'revoke-consent' }]);
    expect(d.alliance.consentGranted).toBe(false);
    expect(d.alliance.cohesion - step(s).alliance.cohesion).toBe(-10);
    expect(events(s, d, 'consent-revoked')).toEqual([{ data: {}, visibleTo: 'all' }]);
    expect(step(s).alliance.consentGranted).toBe(true);
  });
});
