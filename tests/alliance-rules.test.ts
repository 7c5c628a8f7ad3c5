import { describe, expect, it } from 'vitest';
import {
  COMBINED_COST,
  COMMAND,
  type CombinedProposal,
  capacityLeft,
  cohesionBonus,
  combinedLatency,
  coordinationCapacity,
  type DraftState,
  type Faction,
  type Order,
  sharedIsr,
  upgradeMonthsNeeded,
  usCombatAllowedFrom,
  validateOrder,
} from '../game/index.ts';
import { inv, type Propose, proposal, propose, war, withPending } from './alliance-fixtures.ts';
import { codeOf, patch } from './helpers.ts';

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
