/**
 * The alliance's command architecture (DESIGN.md section 5; game/rules/alliance.ts), tested
 * directly: the orders (command investment, the 2+2, revoking consent), combined-operation
 * proposals and answers, capacity, latency, deconfliction by level, prior consultation, and
 * the coordination step where proposals lapse, are charged or dropped. Figures come from
 * game/data/tables.ts (COMMAND) and the rule's table of costs (COMBINED_COST).
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  COMBINED_COST,
  COMMAND,
  type CombinedProposal,
  capacityLeft,
  cohesionBonus,
  combinedLatency,
  coordinationCapacity,
  type DraftState,
  type EventKind,
  type Faction,
  type MatchState,
  newMatch,
  type Order,
  type Scenario,
  sharedIsr,
  upgradeMonthsNeeded,
  usCombatAllowedFrom,
  validateAction,
  validateOrder,
} from '../game/index.ts';
import { addUnit, codeOf, patch, scenario } from './helpers.ts';
import { eventsSince, play, quiet } from './round.ts';

const inv = scenario('taiwan-invasion');
const neutral = scenario('taiwan-invasion-japan-neutral');

/** Wartime at command level 1: rung 4, Japan survival-threatening, no consent, neutral cohesion, capacity untouched, test units. */
function war(edit: (d: DraftState) => void = () => {}, sc: Scenario = inv): MatchState {
  return patch(newMatch(sc, { seed: 'alliance' }), (d) => {
    d.escalation = 4;
    d.us.intervening = true;
    d.japan.legalStatus = 'survival-threatening';
    d.japan.politicalCapital = 50;
    d.alliance.commandLevel = 1;
    d.alliance.cohesion = 50;
    d.alliance.disruption = 0;
    d.alliance.consentGranted = false;
    d.alliance.consentRound = 0;
    d.alliance.capacityUsed = 0;
    d.budgets.japan = 3;
    d.budgets.us = 3;
    d.proposals = [];
    d.combined = [];
    d.stockpiles.japan = { ...d.stockpiles.japan, 'type-12': 50 };
    addUnit(d, { id: 't-jp-ssm', type: 'jp-ssm', faction: 'japan', zone: 'ishigaki', strength: 2 });
    addUnit(d, { id: 't-us-ddg', type: 'us-ddg', faction: 'us', zone: 'ecs-south', strength: 2 });
    addUnit(d, { id: 't-us-fighter', type: 'us-fighter', faction: 'us', zone: 'okinawa', strength: 8 });
    addUnit(d, { id: 't-cn-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 });
    edit(d);
  });
}

let nextId = 0;
/** A proposal already on the table (status and round pinned). */
type DraftProposal = DraftState['proposals'][number];
function proposal(p: Partial<CombinedProposal> & Pick<CombinedProposal, 'kind'>): DraftProposal {
  nextId += 1;
  return {
    id: `p-test-${nextId}`,
    round: 1,
    by: 'us',
    to: 'japan',
    status: 'open',
    ...p,
  } as DraftProposal;
}

type Propose = Extract<Action, { type: 'propose' }>;
const propose = (s: MatchState, a: Omit<Propose, 'type'>, sc: Scenario = inv) =>
  codeOf(validateAction(s, sc, { type: 'propose', ...a } as Propose));
const answer = (s: MatchState, id: string, seat: Faction, accept: boolean, sc: Scenario = inv) =>
  codeOf(validateAction(s, sc, { type: 'answer', seat, proposal: id, accept }));

const withPending = (s: MatchState, f: Faction, os: readonly Order[], committed = false): MatchState =>
  patch(s, (d) => {
    d.pending[f] = { orders: [...os], committed } as DraftState['pending'][Faction];
  });

describe('capacity, latency and deconfliction by command level', () => {
  it('cohesion bonus: +1 from 70, −1 below 30, none between', () => {
    expect(cohesionBonus(70)).toBe(1);
    expect(cohesionBonus(69.9)).toBe(0);
    expect(cohesionBonus(30)).toBe(0);
    expect(cohesionBonus(29.9)).toBe(-1);
  });

  it('capacity = base + per level × level + cohesion bonus − disruption, never below 0; capacity left subtracts what is used', () => {
    const { baseCapacity: base, perLevel: per } = COMMAND;
    const cap = (edit: (d: DraftState) => void) => coordinationCapacity(war(edit));
    expect(cap((d) => (d.alliance.commandLevel = 2))).toBe(base.value + 2 * per.value);
    expect(
      cap((d) => {
        d.alliance.commandLevel = 2;
        d.alliance.cohesion = 80;
        d.alliance.disruption = 1;
      }),
    ).toBe(base.value + 2 * per.value + 1 - 1);
    expect(
      cap((d) => {
        d.alliance.commandLevel = 0;
        d.alliance.disruption = 10;
      }),
    ).toBe(0);
    const used = war((d) => (d.alliance.capacityUsed = 1));
    expect(capacityLeft(used)).toBe(coordinationCapacity(used) - 1);
  });

  it('latency: a round at level 0, none from level 1', () => {
    expect([0, 1, 2].map(combinedLatency)).toEqual([1, 0, 0]);
  });

  it('upgrade months: upgradeMonths1 to level 1, upgradeMonths2 to level 2, none beyond', () => {
    expect(upgradeMonthsNeeded(0)).toBe(COMMAND.upgradeMonths1.value);
    expect(upgradeMonthsNeeded(1)).toBe(COMMAND.upgradeMonths2.value);
    expect(upgradeMonthsNeeded(2)).toBe(Number.POSITIVE_INFINITY);
  });

  it('shared ISR is in force only in the round it takes effect', () => {
    const s = war((d) => {
      d.round = 3;
      d.combined = [
        { proposal: proposal({ kind: 'shared-isr', status: 'accepted' }), effectiveRound: 3 },
        { proposal: proposal({ kind: 'logistics-support', status: 'accepted' }), effectiveRound: 5 },
        { proposal: proposal({ kind: 'shared-isr', status: 'accepted' }), effectiveRound: 4 },
      ] as DraftState['combined'];
    });
    expect(sharedIsr(s)).toBe(true);
    expect(sharedIsr(patch(s, (d) => (d.round = 4)))).toBe(true);
    expect(sharedIsr(patch(s, (d) => (d.round = 5)))).toBe(false);
  });
});

describe('prior consultation: US units in Japan fight only with consent in force', () => {
  it.each<[string, (d: DraftState) => void, string, boolean]>([
    ['a US unit in Japan without consent', () => {}, 't-us-fighter', false],
    [
      'with consent in force since this round',
      (d) => {
        d.alliance.consentGranted = true;
        d.alliance.consentRound = 1;
      },
      't-us-fighter',
      true,
    ],
    [
      'with consent granted but effective next round',
      (d) => {
        d.alliance.consentGranted = true;
        d.alliance.consentRound = 2;
      },
      't-us-fighter',
      false,
    ],
    [
      'with consent revoked (its round passed)',
      (d) => {
        d.alliance.consentGranted = false;
        d.alliance.consentRound = 1;
      },
      't-us-fighter',
      false,
    ],
    ['a US ship at sea', () => {}, 't-us-ddg', true],
    ['a Japanese unit in Japan', () => {}, 't-jp-ssm', true],
  ])('%s → %s', (_n, edit, unit, allowed) => {
    const s = war(edit);
    expect(usCombatAllowedFrom(s, s.units[unit]!)).toBe(allowed);
  });
});

describe('the alliance orders', () => {
  it.each<[string, Faction, Order, (d: DraftState) => void, string]>([
    ['China investing in the command', 'china', { type: 'invest-command' }, () => {}, 'ERR_NOT_YOURS'],
    ['Taiwan investing in the command', 'taiwan', { type: 'invest-command' }, () => {}, 'ERR_NOT_YOURS'],
    ['Japan investing', 'japan', { type: 'invest-command' }, () => {}, 'ok'],
    ['the US investing', 'us', { type: 'invest-command' }, () => {}, 'ok'],
    [
      'investing at level 2',
      'us',
      { type: 'invest-command' },
      (d) => (d.alliance.commandLevel = 2),
      'ERR_MAX_LEVEL',
    ],
    [
      'investing with no budget',
      'japan',
      { type: 'invest-command' },
      (d) => (d.budgets.japan = 0),
      'ERR_BUDGET',
    ],
    ['China calling a 2+2', 'china', { type: 'two-plus-two' }, () => {}, 'ERR_NOT_YOURS'],
    [
      'Japan calling a 2+2 with 5 capital',
      'japan',
      { type: 'two-plus-two' },
      (d) => (d.japan.politicalCapital = 5),
      'ok',
    ],
    [
      'Japan calling a 2+2 with 4 capital',
      'japan',
      { type: 'two-plus-two' },
      (d) => (d.japan.politicalCapital = 4),
      'ERR_POLITICAL_CAPITAL',
    ],
    [
      "the US calling a 2+2 whatever Japan's capital",
      'us',
      { type: 'two-plus-two' },
      (d) => (d.japan.politicalCapital = 0),
      'ok',
    ],
    [
      'the US revoking consent',
      'us',
      { type: 'revoke-consent' },
      (d) => (d.alliance.consentGranted = true),
      'ERR_NOT_YOURS',
    ],
    ['Japan revoking consent it never gave', 'japan', { type: 'revoke-consent' }, () => {}, 'ERR_ALREADY'],
    [
      'Japan revoking consent',
      'japan',
      { type: 'revoke-consent' },
      (d) => (d.alliance.consentGranted = true),
      'ok',
    ],
  ])('%s → %s', (_n, f, o, edit, code) => {
    expect(codeOf(validateOrder(war(edit), inv, f, o))).toBe(code);
  });

  it('investing counts against the budget left after pending funding (1 point)', () => {
    const s = withPending(
      war((d) => (d.budgets.japan = 2)),
      'japan',
      [{ type: 'fund', program: 'tomahawk', amount: 1 }],
    );
    expect(codeOf(validateOrder(s, inv, 'japan', { type: 'invest-command' }))).toBe('ok');
    const spent = withPending(
      war((d) => (d.budgets.japan = 2)),
      'japan',
      [{ type: 'fund', program: 'tomahawk', amount: 2 }],
    );
    expect(codeOf(validateOrder(spent, inv, 'japan', { type: 'invest-command' }))).toBe('ERR_BUDGET');
  });

  it.each<[Order]>([[{ type: 'invest-command' }], [{ type: 'two-plus-two' }]])(
    'a second %o in a round → ERR_DUPLICATE',
    (o) => {
      const s = withPending(war(), 'us', [o]);
      expect(codeOf(validateOrder(s, inv, 'us', o))).toBe('ERR_DUPLICATE');
    },
  );

  it('a second revocation in a round → ERR_DUPLICATE', () => {
    const s = withPending(
      war((d) => (d.alliance.consentGranted = true)),
      'japan',
      [{ type: 'revoke-consent' }],
    );
    expect(codeOf(validateOrder(s, inv, 'japan', { type: 'revoke-consent' }))).toBe('ERR_DUPLICATE');
  });
});

describe('proposals: who, what, within capacity, one of a kind at a time', () => {
  const strike = (parts: { unit: string; weapon: string; count: number }[]) => ({
    target: 'ecs-south',
    aim: 'ships' as const,
    parts,
  });
  const jpPart = { unit: 't-jp-ssm', weapon: 'type-12', count: 2 };
  const usPart = { unit: 't-us-ddg', weapon: 'sm-6', count: 2 };

  it.each<[string, Omit<Propose, 'type'>, (d: DraftState) => void, string]>([
    ['China proposing', { seat: 'china', kind: 'shared-isr' }, () => {}, 'ERR_NOT_ALLIANCE'],
    ['Taiwan proposing', { seat: 'taiwan', kind: 'shared-isr' }, () => {}, 'ERR_NOT_ALLIANCE'],
    ['an unknown kind', { seat: 'us', kind: 'joint-parade' as Propose['kind'] }, () => {}, 'ERR_BAD_KIND'],
    ['shared ISR', { seat: 'japan', kind: 'shared-isr' }, () => {}, 'ok'],
    ['logistics support', { seat: 'us', kind: 'logistics-support' }, () => {}, 'ok'],
    ['consent asked by the US', { seat: 'us', kind: 'us-ops-from-japan' }, () => {}, 'ok'],
    ['consent asked by Japan', { seat: 'japan', kind: 'us-ops-from-japan' }, () => {}, 'ERR_NOT_YOURS'],
    [
      'consent asked when already in force',
      { seat: 'us', kind: 'us-ops-from-japan' },
      (d) => (d.alliance.consentGranted = true),
      'ERR_ALREADY',
    ],
    ['IAMD over Okinawa', { seat: 'us', kind: 'iamd-cover', zone: 'okinawa' }, () => {}, 'ok'],
    ['IAMD with no zone', { seat: 'us', kind: 'iamd-cover' }, () => {}, 'ERR_NO_ZONE'],
    [
      'IAMD over a zone not on the map',
      { seat: 'us', kind: 'iamd-cover', zone: 'atlantis' },
      () => {},
      'ERR_NO_ZONE',
    ],
    ['IAMD over the sea', { seat: 'us', kind: 'iamd-cover', zone: 'ecs-south' }, () => {}, 'ERR_BAD_TARGET'],
    ['IAMD over China', { seat: 'us', kind: 'iamd-cover', zone: 'fujian' }, () => {}, 'ERR_BAD_TARGET'],
    [
      'a combined strike with a part from each',
      { seat: 'us', kind: 'combined-strike', strike: strike([jpPart, usPart]) },
      () => {},
      'ok',
    ],
    ['a combined strike with no strike', { seat: 'us', kind: 'combined-strike' }, () => {}, 'ERR_BAD_STRIKE'],
    [
      'a combined strike of one part',
      { seat: 'us', kind: 'combined-strike', strike: strike([jpPart]) },
      () => {},
      'ERR_BAD_STRIKE',
    ],
    [
      'a combined strike of two Japanese parts',
      { seat: 'us', kind: 'combined-strike', strike: strike([jpPart, jpPart]) },
      () => {},
      'ERR_BAD_STRIKE',
    ],
    [
      'a combined strike with a Chinese unit among its parts',
      {
        seat: 'us',
        kind: 'combined-strike',
        strike: strike([jpPart, usPart, { unit: 't-cn-ddg', weapon: 'yj-18', count: 1 }]),
      },
      () => {},
      'ERR_NO_UNIT',
    ],
    [
      'a combined strike whose US part fires a weapon it lacks',
      {
        seat: 'us',
        kind: 'combined-strike',
        strike: strike([jpPart, { unit: 't-us-ddg', weapon: 'type-12', count: 2 }]),
      },
      () => {},
      'not-ok',
    ],
  ])('%s → %s', (_n, a, edit, code) => {
    const got = propose(war(edit), a);
    if (code === 'not-ok') expect(got).not.toBe('ok');
    else expect(got).toBe(code);
  });

  it('a proposer or a partner that has committed cannot propose', () => {
    expect(propose(withPending(war(), 'us', [], true), { seat: 'us', kind: 'shared-isr' })).toBe(
      'ERR_COMMITTED',
    );
    expect(propose(withPending(war(), 'japan', [], true), { seat: 'us', kind: 'shared-isr' })).toBe(
      'ERR_PARTNER_COMMITTED',
    );
  });

  it('capacity: a combined strike costs 2, the others 1; a proposal above what is left is refused', () => {
    expect(COMBINED_COST['combined-strike']).toBe(2);
    for (const k of ['us-ops-from-japan', 'iamd-cover', 'shared-isr', 'logistics-support'] as const)
      expect(COMBINED_COST[k]).toBe(1);
    // Level 1, cohesion 50, no disruption: base + per = capacity; leave exactly 1.
    const cap = COMMAND.baseCapacity.value + COMMAND.perLevel.value;
    const one = war((d) => (d.alliance.capacityUsed = cap - 1));
    expect(capacityLeft(one)).toBe(1);
    expect(propose(one, { seat: 'us', kind: 'shared-isr' })).toBe('ok');
    expect(
      propose(one, {
        seat: 'us',
        kind: 'combined-strike',
        strike: { target: 'ecs-south', aim: 'ships', parts: [jpPart, usPart] },
      }),
    ).toBe('ERR_NO_CAPACITY');
    const none = war((d) => (d.alliance.capacityUsed = cap));
    expect(propose(none, { seat: 'us', kind: 'shared-isr' })).toBe('ERR_NO_CAPACITY');
  });

  it('one open proposal of a kind per proposer, except combined strikes and IAMD cover', () => {
    const open = (
      kind: CombinedProposal['kind'],
      by: Faction = 'us',
      status: CombinedProposal['status'] = 'open',
    ) =>
      war((d) => {
        d.proposals = [proposal({ kind, by, to: by === 'us' ? 'japan' : 'us', status, zone: 'okinawa' })];
      });
    expect(propose(open('shared-isr'), { seat: 'us', kind: 'shared-isr' })).toBe('ERR_DUPLICATE');
    // The partner's open proposal, another kind, or a closed one do not block it.
    expect(propose(open('shared-isr', 'japan'), { seat: 'us', kind: 'shared-isr' })).toBe('ok');
    expect(propose(open('logistics-support'), { seat: 'us', kind: 'shared-isr' })).toBe('ok');
    expect(propose(open('shared-isr', 'us', 'accepted'), { seat: 'us', kind: 'shared-isr' })).toBe('ok');
    // Several strikes and several zones' cover may be open at once.
    expect(propose(open('iamd-cover'), { seat: 'us', kind: 'iamd-cover', zone: 'okinawa' })).toBe('ok');
    expect(
      propose(open('combined-strike'), {
        seat: 'us',
        kind: 'combined-strike',
        strike: { target: 'ecs-south', aim: 'ships', parts: [jpPart, usPart] },
      }),
    ).toBe('ok');
  });
});

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
