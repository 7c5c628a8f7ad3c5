/**
 * Command coordination, USFJ/JJOC (DESIGN.md section 5): each effect of the command
 * architecture changes what happens — capacity, its exhaustion, disruption, latency,
 * strike deconfliction, prior consultation and the multi-round upgrade path.
 * Figures come from game/data/tables.ts (COMMAND), so tuning them keeps these green.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  COMBINED_COST,
  COMMAND,
  capacityLeft,
  cohesionBonus,
  combinedLatency,
  coordinationCapacity,
  type DraftState,
  type MatchState,
  newMatch,
  type Order,
  sharedIsr,
  upgradeMonthsNeeded,
  usCombatAllowedFrom,
  validateAction,
  validateOrder,
} from '../game/index.ts';
import { act, actAll, addUnit, codeOf, commitAll, logOf, orders, patch, scenario } from './helpers.ts';

const inv = scenario('taiwan-invasion');
const tk = scenario('takaichi-2025');

/** Wartime position at a given command level: rung 4, both allies fighting, consent not yet given, neutral cohesion. */
function war(level: number, edit: (d: DraftState) => void = () => {}): MatchState {
  return patch(newMatch(inv, { seed: 'command' }), (d) => {
    d.escalation = 4;
    d.us.intervening = true;
    d.japan.legalStatus = 'survival-threatening';
    d.alliance.commandLevel = level;
    d.alliance.cohesion = 50;
    d.alliance.disruption = 0;
    d.alliance.consentGranted = false;
    d.alliance.consentRound = 0;
    d.alliance.capacityUsed = 0;
    d.stockpiles.japan = { ...d.stockpiles.japan, 'type-12': 50 };
    addUnit(d, { id: 't-jp-ssm', type: 'jp-ssm', faction: 'japan', zone: 'ishigaki', strength: 2 });
    addUnit(d, { id: 't-us-ddg', type: 'us-ddg', faction: 'us', zone: 'ecs-south', strength: 2 });
    addUnit(d, { id: 't-us-fighter', type: 'us-fighter', faction: 'us', zone: 'okinawa', strength: 8 });
    addUnit(d, { id: 't-cn-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 });
    edit(d);
  });
}

const proposeAccept = (s: MatchState, propose: Action & { type: 'propose' }): MatchState => {
  const s1 = act(inv, s, propose);
  const p = s1.proposals.at(-1)!;
  return act(inv, s1, { type: 'answer', seat: p.to, proposal: p.id, accept: true });
};

describe('coordination capacity = base + per level + cohesion bonus − disruption', () => {
  const base = COMMAND.baseCapacity.value;
  const per = COMMAND.perLevel.value;
  it.each<[number, number, number]>([
    [0, 50, 0],
    [1, 50, 0],
    [2, 50, 0],
    [1, 85, 0],
    [1, 15, 0],
    [1, 50, 1],
    [2, 85, 2],
    [0, 15, 10],
  ])('level %i, cohesion %i, disruption %i', (level, cohesion, disruption) => {
    const s = patch(newMatch(tk, { seed: 'cap' }), (d) => {
      d.alliance.commandLevel = level;
      d.alliance.cohesion = cohesion;
      d.alliance.disruption = disruption;
    });
    const expected = Math.max(0, base + per * level + cohesionBonus(cohesion) - disruption);
    expect(coordinationCapacity(s)).toBe(expected);
  });

  it('each level adds capacity; cohesion helps; disruption hurts; never below zero', () => {
    expect(per).toBeGreaterThan(0);
    expect(cohesionBonus(85)).toBeGreaterThan(cohesionBonus(50));
    expect(cohesionBonus(50)).toBeGreaterThan(cohesionBonus(15));
    const at = (level: number, disruption: number): number =>
      coordinationCapacity(
        patch(newMatch(tk, { seed: 'cap' }), (d) => {
          d.alliance.commandLevel = level;
          d.alliance.cohesion = 50;
          d.alliance.disruption = disruption;
        }),
      );
    expect(at(1, 0)).toBeGreaterThan(at(0, 0));
    expect(at(2, 0)).toBeGreaterThan(at(1, 0));
    expect(at(1, 1)).toBe(at(1, 0) - 1);
    expect(at(0, 10)).toBe(0);
  });

  it('standing consent for US operations from Japan uses capacity every round', () => {
    let s = war(1, (d) => {
      d.alliance.consentGranted = true;
      d.alliance.consentRound = 1;
    });
    s = commitAll(inv, s);
    expect(s.round).toBe(2);
    expect(s.alliance.capacityUsed).toBe(COMBINED_COST['us-ops-from-japan']);
    expect(capacityLeft(s)).toBe(coordinationCapacity(s) - COMBINED_COST['us-ops-from-japan']);
  });
});

describe('capacity runs out', () => {
  it('a proposal when no capacity is left → ERR_NO_CAPACITY', () => {
    const s = war(1, (d) => (d.alliance.disruption = 10));
    expect(coordinationCapacity(s)).toBe(0);
    expect(codeOf(validateAction(s, inv, { type: 'propose', seat: 'us', kind: 'shared-isr' }))).toBe(
      'ERR_NO_CAPACITY',
    );
  });

  it('accepting beyond capacity → ERR_NO_CAPACITY, and further proposals too', () => {
    let s = war(1);
    const left = capacityLeft(s);
    const zones = ['okinawa', 'kyushu', 'amami', 'miyako', 'ishigaki', 'kanto', 'western-honshu', 'yonaguni'];
    expect(left + 1).toBeLessThanOrEqual(zones.length);
    for (const zone of zones.slice(0, left + 1))
      s = act(inv, s, { type: 'propose', seat: 'us', kind: 'iamd-cover', zone });
    const ids = s.proposals.map((p) => p.id);
    s = actAll(
      inv,
      s,
      ids.slice(0, left).map((id): Action => ({ type: 'answer', seat: 'japan', proposal: id, accept: true })),
    );
    expect(capacityLeft(s)).toBe(0);
    expect(
      codeOf(validateAction(s, inv, { type: 'answer', seat: 'japan', proposal: ids[left]!, accept: true })),
    ).toBe('ERR_NO_CAPACITY');
    expect(
      codeOf(validateAction(s, inv, { type: 'answer', seat: 'japan', proposal: ids[left]!, accept: false })),
    ).toBe('ok');
    expect(codeOf(validateAction(s, inv, { type: 'propose', seat: 'japan', kind: 'shared-isr' }))).toBe(
      'ERR_NO_CAPACITY',
    );
  });

  it('a cyber attack disrupts the alliance network: less capacity next round', () => {
    const s = patch(newMatch(tk, { seed: 'cyber' }), (d) => (d.bonuses.cyber = 0));
    const quiet = commitAll(tk, s);
    const cyber = commitAll(
      tk,
      orders(tk, s, 'china', [{ type: 'gray-zone', action: 'cyber', zone: 'kanto' }]),
    );
    expect(cyber.alliance.disruption).toBeGreaterThan(quiet.alliance.disruption);
    expect(coordinationCapacity(cyber)).toBeLessThan(coordinationCapacity(quiet));
  });

  it('a strike on the Kanto headquarters disrupts coordination next round', () => {
    const s = patch(war(1), (d) => {
      for (const u of Object.values(d.units)) if (u.zone === 'kanto') u.interceptors = 0;
      addUnit(d, { id: 't-cn-rocket', type: 'cn-rocket', faction: 'china', zone: 'fujian', strength: 40 });
      d.stockpiles.china = { ...d.stockpiles.china, 'df-26': 100 };
    });
    const hq: Order = {
      type: 'strike',
      unit: 't-cn-rocket',
      target: 'kanto',
      aim: 'hq',
      weapon: 'df-26',
      count: 40,
    };
    const quiet = commitAll(inv, s);
    const hit = commitAll(inv, orders(inv, s, 'china', [hq]));
    expect(hit.alliance.disruption).toBeGreaterThan(0);
    expect(coordinationCapacity(hit)).toBeLessThan(coordinationCapacity(quiet));
  });
});

describe('latency: level 0 next round, level 1 and up this round', () => {
  it('combinedLatency by level', () => {
    expect(combinedLatency(0)).toBe(1);
    expect(combinedLatency(1)).toBe(0);
    expect(combinedLatency(2)).toBe(0);
  });

  it.each([
    [0, 2],
    [1, 1],
    [2, 1],
  ])('shared ISR accepted in round 1 at level %i takes effect in round %i', (level, effective) => {
    const s = commitAll(inv, proposeAccept(war(level), { type: 'propose', seat: 'us', kind: 'shared-isr' }));
    expect(s.round).toBe(2);
    const c = s.combined.find((x) => x.proposal.kind === 'shared-isr');
    expect(c?.effectiveRound).toBe(effective);
    // In force during round 2's planning and adjudication only when it was delayed.
    expect(sharedIsr(s)).toBe(effective === 2);
  });

  it.each([
    [0, 2],
    [1, 1],
  ])('consent for US operations from Japan agreed at level %i is in force from round %i', (level, from) => {
    const s0 = war(level);
    const fighter = s0.units['t-us-fighter']!;
    expect(usCombatAllowedFrom(s0, fighter)).toBe(false);
    const s = commitAll(inv, proposeAccept(s0, { type: 'propose', seat: 'us', kind: 'us-ops-from-japan' }));
    expect(s.alliance.consentGranted).toBe(true);
    expect(s.alliance.consentRound).toBe(from);
    expect(usCombatAllowedFrom(s, s.units['t-us-fighter']!)).toBe(true);
  });
});

describe('prior consultation', () => {
  const strike: Order = {
    type: 'strike',
    unit: 't-us-fighter',
    target: 'fujian',
    aim: 'airbase',
    weapon: 'jassm-er',
    count: 1,
  };

  it('a US strike from Okinawa is rejected without consent and accepted with consent in force', () => {
    expect(codeOf(validateOrder(war(1), inv, 'us', strike))).toBe('ERR_NO_CONSENT');
    const consent = war(1, (d) => {
      d.alliance.consentGranted = true;
      d.alliance.consentRound = 1;
    });
    expect(codeOf(validateOrder(consent, inv, 'us', strike))).toBe('ok');
  });

  it('the same strike from a ship at sea needs no consent', () => {
    const sea: Order = {
      type: 'strike',
      unit: 't-us-ddg',
      target: 'ecs-south',
      aim: 'ships',
      weapon: 'sm-6',
      count: 1,
    };
    expect(codeOf(validateOrder(war(1), inv, 'us', sea))).toBe('ok');
  });

  it('consent obtained through the alliance makes the strike legal in the next round', () => {
    const s = commitAll(
      inv,
      proposeAccept(war(1), { type: 'propose', seat: 'us', kind: 'us-ops-from-japan' }),
    );
    expect(codeOf(validateOrder(s, inv, 'us', strike))).toBe('ok');
  });

  it('when Japan revokes consent, the strike is rejected again', () => {
    let s = war(1, (d) => {
      d.alliance.consentGranted = true;
      d.alliance.consentRound = 1;
    });
    s = commitAll(inv, orders(inv, s, 'japan', [{ type: 'revoke-consent' }]));
    expect(s.alliance.consentGranted).toBe(false);
    expect(codeOf(validateOrder(s, inv, 'us', strike))).toBe('ERR_NO_CONSENT');
  });
});

describe('strike deconfliction below level 2', () => {
  const combined: Action = {
    type: 'propose',
    seat: 'us',
    kind: 'combined-strike',
    strike: {
      target: 'ecs-south',
      aim: 'ships',
      parts: [
        { unit: 't-jp-ssm', weapon: 'type-12', count: 4 },
        { unit: 't-us-ddg', weapon: 'sm-6', count: 4 },
      ],
    },
  };
  /** Plays a combined strike until it has been carried out; returns the log of every round. */
  function run(level: number, seed: string): string[] {
    let s = patch(war(level), (d) => (d.seed = seed));
    s = commitAll(inv, proposeAccept(s, combined as Action & { type: 'propose' }));
    if (combinedLatency(level) > 0) s = commitAll(inv, s);
    return [...logOf(s, 1), ...logOf(s, 2)];
  }
  const SEEDS = Array.from({ length: 30 }, (_, i) => `deconflict-${i}`);
  const failures = (level: number): { failed: number; struck: number } => {
    let failed = 0;
    let struck = 0;
    for (const seed of SEEDS) {
      const log = run(level, seed);
      if (log.some((t) => t.includes('fails to deconflict'))) failed++;
      if (log.some((t) => t.startsWith('Combined Japan–US strike'))) struck++;
    }
    return { failed, struck };
  };

  it('over many seeds, level 0 wastes combined salvos more often than level 2, which never does', () => {
    const l0 = failures(0);
    const l2 = failures(2);
    expect(l0.struck).toBe(SEEDS.length);
    expect(l2.struck).toBe(SEEDS.length);
    expect(l2.failed).toBe(0);
    expect(l0.failed).toBeGreaterThan(l2.failed);
    expect(l0.failed).toBeLessThan(SEEDS.length);
  });
});

describe('the upgrade path', () => {
  const invest: Order = { type: 'invest-command' };
  const fresh = (): MatchState =>
    patch(newMatch(tk, { seed: 'upgrade' }), (d) => {
      d.alliance.commandLevel = 0;
      d.alliance.upgradeProgress = 0;
    });
  const round = (s: MatchState, japan: boolean, us: boolean): MatchState => {
    let cur = s;
    if (japan) cur = orders(tk, cur, 'japan', [invest]);
    if (us) cur = orders(tk, cur, 'us', [invest]);
    return commitAll(tk, cur);
  };

  it('both investing for the rounds needed raises the level, one round at a time', () => {
    const need = upgradeMonthsNeeded(0);
    expect(need).toBeGreaterThan(1);
    let s = fresh();
    for (let i = 1; i < need; i++) {
      s = round(s, true, true);
      expect(s.alliance.upgradeProgress).toBe(i);
      expect(s.alliance.commandLevel).toBe(0);
    }
    s = round(s, true, true);
    expect(s.alliance.commandLevel).toBe(1);
    expect(s.alliance.upgradeProgress).toBe(0);
  });

  it('only one partner investing makes no progress', () => {
    let s = fresh();
    for (let i = 0; i < upgradeMonthsNeeded(0) + 1; i++) s = round(s, i % 2 === 0, i % 2 === 1);
    expect(s.alliance.upgradeProgress).toBe(0);
    expect(s.alliance.commandLevel).toBe(0);
  });

  it('level 2 is the top: investing further → ERR_MAX_LEVEL', () => {
    const s = patch(fresh(), (d) => (d.alliance.commandLevel = 2));
    expect(codeOf(validateOrder(s, tk, 'japan', invest))).toBe('ERR_MAX_LEVEL');
  });

  it('a 2+2 needs both: it resets the clock and lifts cohesion only when both order it', () => {
    const s = fresh();
    const meet: Order = { type: 'two-plus-two' };
    const both = commitAll(tk, orders(tk, orders(tk, s, 'japan', [meet]), 'us', [meet]));
    const onlyJapan = commitAll(tk, orders(tk, s, 'japan', [meet]));
    const onlyUs = commitAll(tk, orders(tk, s, 'us', [meet]));
    expect(both.alliance.roundsSinceTwoPlusTwo).toBe(0);
    expect(onlyJapan.alliance.roundsSinceTwoPlusTwo).toBe(s.alliance.roundsSinceTwoPlusTwo + 1);
    expect(onlyUs.alliance.roundsSinceTwoPlusTwo).toBe(s.alliance.roundsSinceTwoPlusTwo + 1);
    expect(both.alliance.cohesion).toBeGreaterThan(onlyJapan.alliance.cohesion);
    expect(both.alliance.cohesion).toBeGreaterThan(onlyUs.alliance.cohesion);
  });
});
