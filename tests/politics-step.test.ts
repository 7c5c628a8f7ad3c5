/**
 * Escalation, declarations and politics (DESIGN.md sections 4, 6 and 7; game/rules/politics.ts),
 * tested directly: the politics step — escalation, declarations and the Diet, US intervention,
 * spending, the 2+2, command investment, mobilization — and every track it moves (each
 * order's legality is in politics-rules.test.ts). Rounds are adjudicated whole through the
 * front door; where another step moves the same track (the economy's drift of
 * political capital and cohesion), the order's effect is read as the difference from the same
 * round played without it. Figures come from the rule's tables (declarationCost, COMMAND) or
 * from its formula, stated beside each expectation.
 */
import { describe, expect, it } from 'vitest';
import {
  COMMAND,
  type DraftState,
  declarationCost,
  type Faction,
  type MatchState,
  type Order,
} from '../game/index.ts';
import { patch } from './helpers.ts';
import { at, declare, effect, events, inv, step } from './politics-fixtures.ts';
import type { Orders } from './round.ts';

describe('the politics step: escalation', () => {
  it('climbing costs China 3 standing a rung; stepping down earns 2; the log names both rungs', () => {
    const s = at(0);
    const one = step(s, { china: [{ type: 'escalate', to: 1 }] });
    expect(one.escalation).toBe(1);
    expect(one.china.standing).toBe(50 - 3);
    expect(events(s, one, 'escalation').map((e) => e.data)).toEqual([{ from: 0, to: 1 }]);
    expect(one.peakEscalation).toBe(1);
    // Two rungs: −6 against the same round played at rung 2 without the climb (the later
    // steps then see the same rung).
    const two = step(s, { china: [{ type: 'escalate', to: 2 }] });
    expect(two.china.standing - step(at(2), {}).china.standing).toBe(-3 * 2);

    const down = step(at(1), { china: [{ type: 'escalate', to: 0 }] });
    expect(down.escalation).toBe(0);
    expect(down.china.standing).toBe(50 + 2);
  });

  it("other factions' escalate orders and China's other orders leave the ladder alone", () => {
    const d = step(at(1), { china: [{ type: 'mobilize' }], japan: [{ type: 'escalate', to: 3 }] });
    expect(d.escalation).toBe(1);
    expect(d.china.standing).toBe(50);
  });
});

describe('the politics step: declarations and the Diet', () => {
  const capital = (x: MatchState) => x.japan.politicalCapital;

  it('lifting a situation always passes (chance 1) and costs the "other" price', () => {
    for (const seed of ['a', 'b', 'c']) {
      const s = patch(
        at(3, (d) => (d.japan.legalStatus = 'important-influence')),
        (d) => (d.seed = seed),
      );
      const d = step(s, { japan: [declare('none')] });
      expect(d.japan.legalStatus).toBe('none');
      expect(effect(s, { japan: [declare('none')] }, capital)).toBe(-declarationCost('none'));
      expect(events(s, d, 'declaration-passed').map((e) => e.data)).toEqual([{ status: 'none', chance: 1 }]);
    }
  });

  it('a vote that passes sets the status and costs the full price; one that fails costs half (rounded up) and 2 seats', () => {
    const cost = declarationCost('important-influence');
    const seen = new Set<string>();
    for (let i = 0; i < 16; i++) {
      // Public support 0 at rung 2: 0.35 + 0 + 0 + 0.16 + 0.1 (important-influence) = 0.61.
      const s = patch(
        at(2, (d) => (d.japan.publicSupport = 0)),
        (d) => (d.seed = `diet-${i}`),
      );
      const os = { japan: [declare('important-influence')] };
      const d = step(s, os);
      if (d.japan.legalStatus === 'important-influence') {
        seen.add('passed');
        expect(effect(s, os, capital)).toBe(-cost);
        expect(d.japan.coalitionSeats).toBe(233);
        expect(events(s, d, 'declaration-passed').map((e) => e.data)).toEqual([
          { status: 'important-influence', chance: 0.61 },
        ]);
      } else {
        seen.add('failed');
        expect(d.japan.legalStatus).toBe('none');
        expect(effect(s, os, capital)).toBe(-Math.ceil(cost / 2));
        expect(d.japan.coalitionSeats).toBe(233 - 2);
        expect(events(s, d, 'declaration-failed').map((e) => e.data)).toEqual([
          { status: 'important-influence', chance: 0.61 },
        ]);
      }
    }
    expect(seen).toEqual(new Set(['passed', 'failed']));
  });

  it('an odd price is halved upwards on failure, and the logged chance is the clamped one (0.05)', () => {
    // 0 seats (−2.0), support 0, rung 4, Japan attacked: 0.35 − 2.0 + 0.32 + 0.3 + 0.25 < 0.05 → 0.05.
    let failures = 0;
    for (let i = 0; i < 8; i++) {
      const s = patch(
        at(4, (d) => {
          d.japan.coalitionSeats = 0;
          d.japan.publicSupport = 0;
          d.flags.japanAttacked = true;
        }),
        (d) => (d.seed = `odd-${i}`),
      );
      const os = { japan: [declare('armed-attack')] };
      const d = step(s, os);
      if (d.japan.legalStatus === 'none') {
        failures++;
        expect(effect(s, os, capital)).toBe(-Math.ceil(declarationCost('armed-attack') / 2));
        expect(declarationCost('armed-attack') % 2).toBe(1);
        expect(events(s, d, 'declaration-failed')[0]?.data.chance).toBe(0.05);
      }
    }
    expect(failures).toBeGreaterThanOrEqual(5);
  });

  it('the vote follows the chance: at 0.98 nearly all of 20 votes pass, at 0.05 nearly all fail', () => {
    let passedHigh = 0;
    let passedLow = 0;
    for (let i = 0; i < 20; i++) {
      const high = patch(
        at(3, (d) => {
          d.japan.coalitionSeats = 465;
          d.japan.publicSupport = 100;
        }),
        (d) => (d.seed = `v-${i}`),
      );
      if (step(high, { japan: [declare('survival-threatening')] }).japan.legalStatus !== 'none') passedHigh++;
      const low = patch(
        at(3, (d) => {
          d.japan.coalitionSeats = 0;
          d.japan.publicSupport = 0;
        }),
        (d) => (d.seed = `v-${i}`),
      );
      if (step(low, { japan: [declare('survival-threatening')] }).japan.legalStatus !== 'none') passedLow++;
    }
    expect(passedHigh).toBeGreaterThanOrEqual(16);
    expect(passedLow).toBeLessThanOrEqual(4);
  });

  it('a declaration whose basis is gone by adjudication is logged with the reason, costs nothing and changes nothing', () => {
    // China steps down to rung 1 in the same step, before the declaration is read.
    const s = at(2);
    const os = { china: [{ type: 'escalate', to: 1 } as Order], japan: [declare('important-influence')] };
    const d = step(s, os);
    expect(d.japan.legalStatus).toBe('none');
    expect(d.japan.coalitionSeats).toBe(233);
    expect(d.japan.politicalCapital).toBe(step(s, { china: os.china }).japan.politicalCapital);
    const logged = events(s, d, 'declaration-without-basis');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.data.status).toBe('important-influence');
    expect(logged[0]?.data.reason).toMatch(/quarantine/);
    expect(events(s, d, 'declaration-passed')).toHaveLength(0);
    expect(events(s, d, 'declaration-failed')).toHaveLength(0);
  });
});

describe('the politics step: US intervention', () => {
  it('commits the US: credibility +10, pool units ready after the reinforcement delay, logged once', () => {
    const s = at(
      4,
      (d) => {
        d.round = 3;
        d.us.reinforcementDelay = 2;
        for (const u of Object.values(d.units)) if (u.zone === 'us-pool') u.readyRound = 9;
      },
      inv,
    );
    const pool = Object.values(s.units).filter((u) => u.zone === 'us-pool');
    expect(pool.length).toBeGreaterThan(0);
    const os = { us: [{ type: 'intervene' } as Order] };
    const d = step(s, os, inv);
    expect(d.us.intervening).toBe(true);
    expect(effect(s, os, (x) => x.us.credibility, inv)).toBe(10);
    for (const u of pool) expect(d.units[u.id]?.readyRound).toBe(Math.min(u.readyRound, 3 + 2));
    expect(pool.some((u) => u.readyRound > 5)).toBe(true);
    expect(events(s, d, 'us-intervenes')).toHaveLength(1);
  });

  it('an earlier readiness is kept (min, not a reset)', () => {
    const s = at(
      4,
      (d) => {
        d.round = 3;
        d.us.reinforcementDelay = 5;
        for (const u of Object.values(d.units)) if (u.zone === 'us-pool') u.readyRound = 4;
      },
      inv,
    );
    const d = step(s, { us: [{ type: 'intervene' }] }, inv);
    for (const u of Object.values(s.units))
      if (u.zone === 'us-pool') expect(d.units[u.id]?.readyRound).toBe(4);
  });

  it('a US already intervening gains nothing more', () => {
    const s = at(4, (d) => (d.us.intervening = true));
    const d = step(s, { us: [{ type: 'intervene' }] });
    expect(effect(s, { us: [{ type: 'intervene' }] }, (x) => x.us.credibility)).toBe(0);
    expect(events(s, d, 'us-intervenes')).toHaveLength(0);
  });
});

describe('the politics step: defense spending and burden-sharing', () => {
  const pinned = (edit: (d: DraftState) => void = () => {}) =>
    at(1, (d) => {
      d.japan.defenseSpendingPctGdp = 2;
      d.japan.debtPctGdp = 240;
      d.taiwan.defenseSpendingPctGdp = 2.5;
      d.taiwan.publicWill = 50;
      d.us.spendingDemandPctGdp = 3.5;
      d.us.burdenSharing = 50;
      edit(d);
    });

  it('Japan raising spending pays 10 capital, 2 × the rise in debt and 4 × in support; it is rounded to 0.01', () => {
    const s = pinned();
    const os = { japan: [{ type: 'spending', pctGdp: 2.504 } as Order] };
    const d = step(s, os);
    expect(d.japan.defenseSpendingPctGdp).toBe(2.5);
    const up = 2.504 - 2;
    expect(effect(s, os, (x) => x.japan.politicalCapital)).toBe(-10);
    expect(effect(s, os, (x) => x.japan.debtPctGdp)).toBeCloseTo(up * 2, 3);
    expect(effect(s, os, (x) => x.japan.publicSupport)).toBeCloseTo(-up * 4, 3);
    expect(events(s, d, 'spending-set').map((e) => e.data)).toEqual([
      { faction: 'japan', pctGdp: 2.504, was: 2 },
    ]);
  });

  it('Japan cutting or holding spending costs nothing', () => {
    for (const pct of [1.5, 2]) {
      const os = { japan: [{ type: 'spending', pctGdp: pct } as Order] };
      expect(step(pinned(), os).japan.defenseSpendingPctGdp).toBe(pct);
      expect(effect(pinned(), os, (x) => x.japan.politicalCapital)).toBe(0);
      expect(effect(pinned(), os, (x) => x.japan.debtPctGdp)).toBe(0);
    }
  });

  it("Taiwan's spending is set without Japan's political price", () => {
    const s = pinned();
    const os = { taiwan: [{ type: 'spending', pctGdp: 3.333 } as Order] };
    const d = step(s, os);
    expect(d.taiwan.defenseSpendingPctGdp).toBe(3.33);
    expect(effect(s, os, (x) => x.japan.politicalCapital)).toBe(0);
    expect(events(s, d, 'spending-set').map((e) => e.data)).toEqual([
      { faction: 'taiwan', pctGdp: 3.333, was: 2.5 },
    ]);
  });

  it("burden-sharing moves a quarter of the way to Japan's spending as a % of the US demand", () => {
    // 2 / 3.5 × 100 ≈ 57.14; from 50 a quarter of the gap: 50 + 7.14 × 0.25 ≈ 51.786.
    expect(step(pinned(), {}).us.burdenSharing).toBeCloseTo(50 + ((2 / 3.5) * 100 - 50) * 0.25, 2);
    // Above the target it falls: from 80, 80 + (57.14 − 80) × 0.25 ≈ 74.286.
    const high = step(
      pinned((x) => (x.us.burdenSharing = 80)),
      {},
    );
    expect(high.us.burdenSharing).toBeCloseTo(80 + ((2 / 3.5) * 100 - 80) * 0.25, 2);
  });

  it('a demand below 0.1% of GDP counts as 0.1 (no division by zero)', () => {
    // 0.01 / max(0.1, 0.05) × 100 = 10 → 0 + 10 × 0.25 = 2.5 (with 0.05 it would be 5).
    const small = step(
      pinned((x) => {
        x.us.spendingDemandPctGdp = 0.05;
        x.japan.defenseSpendingPctGdp = 0.01;
        x.us.burdenSharing = 0;
      }),
      {},
    );
    expect(small.us.burdenSharing).toBeCloseTo(2.5, 3);
  });
});

describe('the politics step: the 2+2', () => {
  const pinned = (since: number) =>
    at(1, (d) => {
      d.alliance.cohesion = 50;
      d.alliance.roundsSinceTwoPlusTwo = since;
    });
  const both: Orders = { japan: [{ type: 'two-plus-two' }], us: [{ type: 'two-plus-two' }] };

  it('held when both order it: clock reset, cohesion +10, Japan pays 5 capital', () => {
    const s = pinned(4);
    const d = step(s, both);
    expect(d.alliance.roundsSinceTwoPlusTwo).toBe(0);
    expect(effect(s, both, (x) => x.alliance.cohesion)).toBe(10);
    expect(effect(s, both, (x) => x.japan.politicalCapital)).toBe(-5);
    expect(events(s, d, 'two-plus-two')).toHaveLength(1);
  });

  it.each<[Faction]>([['japan'], ['us']])(
    'ordered by %s alone: no meeting, a note to the allies and White',
    (f) => {
      const s = pinned(4);
      const os = { [f]: [{ type: 'two-plus-two' }] } as Orders;
      const d = step(s, os);
      expect(d.alliance.roundsSinceTwoPlusTwo).toBe(5);
      expect(effect(s, os, (x) => x.alliance.cohesion)).toBe(0);
      expect(effect(s, os, (x) => x.japan.politicalCapital)).toBe(0);
      expect(events(s, d, 'two-plus-two-one-sided').map((e) => e.visibleTo)).toEqual([
        ['japan', 'us', 'white'],
      ]);
      expect(events(s, d, 'two-plus-two')).toHaveLength(0);
    },
  );

  it('cohesion decays by 1 a round once more than 6 rounds have passed without one', () => {
    // The same round, 5 and 6 rounds since the last: only the second (7 after the step) decays.
    const read = (x: MatchState) => x.alliance.cohesion;
    expect(read(step(pinned(6), {})) - read(step(pinned(5), {}))).toBe(-1);
    expect(read(step(pinned(5), {})) - read(step(pinned(4), {}))).toBe(0);
    const d = step(pinned(6), {});
    expect(d.alliance.roundsSinceTwoPlusTwo).toBe(7);
    expect(events(pinned(6), d, 'two-plus-two-one-sided')).toHaveLength(0);
  });
});

describe('the politics step: command investment counts months', () => {
  const pinned = (rung: number, level: number, progress: number) =>
    at(rung, (d) => {
      d.alliance.commandLevel = level;
      d.alliance.upgradeProgress = progress;
    });
  const both: Orders = { japan: [{ type: 'invest-command' }], us: [{ type: 'invest-command' }] };

  it('both investing in a 30-day round add a month; in a 3.5-day round 3.5/30, rounded to 0.001', () => {
    const s = pinned(0, 0, 0);
    const d = step(s, both);
    expect(d.alliance.upgradeProgress).toBe(1);
    expect(d.alliance.commandLevel).toBe(0);
    expect(events(s, d, 'command-investment')).toEqual([
      { data: { progress: 1, need: COMMAND.upgradeMonths1.value }, visibleTo: ['japan', 'us', 'white'] },
    ]);
    expect(step(pinned(4, 0, 0), both).alliance.upgradeProgress).toBe(0.117);
  });

  it('reaching the months needed raises the level and restarts the count', () => {
    const s = pinned(0, 0, COMMAND.upgradeMonths1.value - 1);
    const d = step(s, both);
    expect(d.alliance.commandLevel).toBe(1);
    expect(d.alliance.upgradeProgress).toBe(0);
    expect(events(s, d, 'command-level').map((e) => e.data)).toEqual([{ level: 1 }]);
    expect(step(pinned(0, 1, COMMAND.upgradeMonths2.value - 1), both).alliance.commandLevel).toBe(2);
    expect(step(pinned(0, 1, COMMAND.upgradeMonths2.value - 1.5), both).alliance.commandLevel).toBe(1);
  });

  it.each<[Faction]>([['japan'], ['us']])(
    '%s investing alone makes no progress (a note to the allies)',
    (f) => {
      const s = pinned(0, 0, 1);
      const d = step(s, { [f]: [{ type: 'invest-command' }] } as Orders);
      expect(d.alliance.upgradeProgress).toBe(1);
      expect(events(s, d, 'command-investment-one-sided').map((e) => e.visibleTo)).toEqual([
        ['japan', 'us', 'white'],
      ]);
    },
  );

  it('no investment: no note at all', () => {
    const s = pinned(0, 0, 1);
    const d = step(s, {});
    expect(events(s, d, 'command-investment-one-sided')).toHaveLength(0);
    expect(events(s, d, 'command-investment')).toHaveLength(0);
  });
});

describe('the politics step: Taiwan mobilizes', () => {
  it('reserves +25 and public will +1, logged with the new level', () => {
    const s = at(1, (d) => {
      d.taiwan.reserveMobilization = 10;
      d.taiwan.publicWill = 50;
    });
    const os = { taiwan: [{ type: 'mobilize' } as Order] };
    const d = step(s, os);
    expect(d.taiwan.reserveMobilization).toBe(35);
    expect(effect(s, os, (x) => x.taiwan.publicWill)).toBe(1);
    expect(events(s, d, 'reserves-mobilized').map((e) => e.data)).toEqual([{ pct: 35 }]);
    expect(step(s, {}).taiwan.reserveMobilization).toBe(10);
  });
});
