/**
 * Who wins (DESIGN.md section 9; game/engine/outcome.ts), the rules tests/outcome.test.ts
 * leaves open: what counts as the defenders when a lodgment is weighed against them (ground
 * combat power on the main island, as ground combat weighs it),
 * whose sealift keeps an invasion alive, a map drawn without the Senkakus, and the order in
 * which the endings are checked when more than one holds at once. Positions come from the
 * shipped invasion scenario, pinned with `patch` so each test states the facts it rests on.
 *
 * Mutants of outcome.ts no test here kills, because they cannot change behaviour: `?.` on a
 * zone the match's own map names (capital, main island: `geographyOf` keeps only zones on the
 * map; the second `?.` in the supply check sits behind the first), and `> 0.1` / `<= 0.1` on a
 * sum of live units' strengths (each above 0.1, so the sum is 0 or above 0.1).
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  decisiveOutcome,
  groundPowerOf,
  type MatchState,
  newMatch,
  RUNG,
  type Scenario,
  scoreVector,
} from '../game/index.ts';
import { act, addUnit, patch, scenario } from './helpers.ts';

const inv = scenario('taiwan-invasion');
const tk = scenario('takaichi-2025');
const MAIN = ['taipei', 'taichung', 'tainan-kaohsiung', 'hualien-taitung'];

/**
 * The invasion at round 4 with nothing decisive: Taiwan's will and Japan's support high, the
 * peak at the invasion rung, no Chinese ground unit on the main island and Taiwan's own forces
 * cleared (a test adds the defenders it needs), then `edit`.
 */
const invasion = (edit: (d: DraftState) => void = () => {}): MatchState =>
  patch(newMatch(inv, { seed: 'outcome-rules', white: true }), (d) => {
    d.round = 4;
    d.escalation = RUNG.invasion;
    d.peakEscalation = RUNG.invasion;
    d.taiwan.publicWill = 60;
    d.japan.publicSupport = 60;
    for (const u of Object.values(d.units)) {
      if (u.faction === 'taiwan') u.strength = 0;
      if (u.faction === 'china' && MAIN.includes(u.zone)) u.strength = 0;
    }
    edit(d);
  });

/** China holds `zone` and has been supplied there (no round cut off). */
const hold = (d: DraftState, zone: string, unsupplied = 0): void => {
  d.zones[zone] = { ...d.zones[zone]!, controller: 'china', unsuppliedRounds: unsupplied };
};

const lodge = (d: DraftState, zone: string, strength: number, id = `t-cn-${zone}`): void =>
  addUnit(d, { id, type: 'cn-amphib-bde', faction: 'china', zone, strength });

const tw = (d: DraftState, id: string, type: string, strength: number, zone = 'tainan-kaohsiung'): void =>
  addUnit(d, { id, type, faction: 'taiwan', zone, strength });

/** A landing as the engine logs it (rules/landing.ts). */
const landed = (d: DraftState): void => {
  d.log.push({
    round: d.round,
    step: 'ground',
    kind: 'landing',
    text: 'Chinese forces land 2 battalions at Taichung (of 3 embarked)',
    visibleTo: 'all',
    data: { zone: 'taichung', landed: 2, embarked: 3 },
  });
};

/** Every Chinese amphibious lift group sunk. */
const fleetSunk = (d: DraftState): void => {
  for (const u of Object.values(d.units)) if (u.faction === 'china' && u.type === 'cn-amphib') u.strength = 0;
};

/**
 * The situation scored as at the end of the match: White Cell ends it here, and its outcome
 * keeps that score as the assessment (the same scoring the last round applies).
 */
const verdict = (s: MatchState, sc: Scenario = inv): string | undefined => {
  const after = act(sc, s, { type: 'end', seat: 'white', reason: 'time is up' });
  expect(after.outcome?.category).toBe('ended-by-facilitator');
  return after.outcome?.assessment;
};

describe('the lodgment weighed against the defenders: ground combat power on the main island', () => {
  /** A supplied lodgment of 2 amphibious steps in Taichung against `army` steps of Taiwan's army in the south, plus `extra`. */
  const position = (army: number, extra: (d: DraftState) => void = () => {}): MatchState =>
    invasion((d) => {
      tw(d, 't-tw-army', 'tw-army', army);
      hold(d, 'taichung');
      lodge(d, 'taichung', 2);
      extra(d);
    });
  const weighed = (army: number, extra?: (d: DraftState) => void): string | undefined =>
    verdict(position(army, extra));
  /** Ground power of one faction's (or its enemies') ground units on the main island. */
  const powerOf = (s: MatchState, china: boolean): number =>
    Object.values(s.units)
      .filter((u) => u.strength > 0.1 && MAIN.includes(u.zone) && (u.faction === 'china') === china)
      .reduce((a, u) => a + groundPowerOf(s, u), 0);

  it('half the defenders’ power is the line: 2 amphibious steps trend toward China against 4 army steps, not 5', () => {
    // The figures behind the line, from the unit tables: 2 × 1.5 against 4 × 1 × 1.3 (mobilized) and 5 × 1 × 1.3.
    const four = position(4);
    const five = position(5);
    expect(powerOf(four, true)).toBeGreaterThanOrEqual(powerOf(four, false) * 0.5);
    expect(powerOf(five, true)).toBeLessThan(powerOf(five, false) * 0.5);
    expect(weighed(4)).toBe('stalemate-toward-china');
    expect(weighed(5)).toBe('stalemate-indeterminate');
  });

  it('steps are not power: three coastal-defence steps weigh less than one army step', () => {
    // 2 ashore against 4 army + 3 coastal steps: half of 7 steps is 3.5 > 2, but 3 coastal
    // battalions add 3 × 0.2 × 1.3 of power, short of lifting half the defence above 3.
    expect(weighed(4, (d) => tw(d, 't-tw-coastal', 'tw-coastal', 3))).toBe('stalemate-toward-china');
    expect(weighed(4, (d) => tw(d, 't-tw-army-2', 'tw-army', 1, 'taipei'))).toBe('stalemate-indeterminate');
  });

  it('reserve mobilization raises the defenders’ power: the same army holds the line fully mobilized', () => {
    expect(weighed(4.4)).toBe('stalemate-toward-china');
    expect(weighed(4.4, (d) => (d.taiwan.reserveMobilization = 100))).toBe('stalemate-indeterminate');
  });

  it('US and Japanese troops on the main island defend it, as they fight beside Taiwan’s in ground combat', () => {
    expect(
      weighed(4, (d) => {
        addUnit(d, { id: 't-us-mlr', type: 'us-mlr', faction: 'us', zone: 'taichung', strength: 4 });
      }),
    ).toBe('stalemate-indeterminate');
    expect(
      weighed(4, (d) => {
        addUnit(d, { id: 't-jp-inf', type: 'jp-infantry', faction: 'japan', zone: 'taipei', strength: 2 });
      }),
    ).toBe('stalemate-indeterminate');
  });

  it('Taiwan’s troops on the outlying islands do not defend the main island', () => {
    expect(weighed(4, (d) => tw(d, 't-tw-kinmen', 'tw-army', 4, 'kinmen-matsu'))).toBe(
      'stalemate-toward-china',
    );
  });

  it('Taiwan’s fighters and navy, with no ground power, do not count as defenders', () => {
    expect(
      weighed(4, (d) => {
        tw(d, 't-tw-fighter', 'tw-fighter', 4, 'taipei');
        tw(d, 't-tw-navy', 'tw-navy', 4, 'taiwan-strait-north');
      }),
    ).toBe('stalemate-toward-china');
  });

  it('a destroyed Taiwanese brigade is no defender', () => {
    expect(weighed(4, (d) => tw(d, 't-tw-gone', 'tw-army', 0.05))).toBe('stalemate-toward-china');
  });
});

describe('the invasion force destroyed: only China’s own sealift keeps it alive', () => {
  /** After a landing, with no lodgment on the main island and China's lift group sunk. */
  const destroyed = (edit: (d: DraftState) => void = () => {}): MatchState =>
    invasion((d) => {
      tw(d, 't-tw-army', 'tw-army', 4);
      fleetSunk(d);
      landed(d);
      edit(d);
    });

  it('with the fleet sunk and nothing ashore, the invasion is a Chinese defeat in the round it happens', () => {
    const o = decisiveOutcome(destroyed());
    expect(o?.category).toBe('chinese-defeat');
    expect(o?.round).toBe(4);
  });

  it('one step of Chinese lift afloat keeps the invasion alive', () => {
    const s = destroyed((d) =>
      addUnit(d, { id: 't-cn-lift', type: 'cn-amphib', faction: 'china', zone: 'fujian', strength: 1 }),
    );
    expect(decisiveOutcome(s)).toBeNull();
  });

  it('a lift group under another flag does not (the scenario format lets any faction field any type)', () => {
    for (const f of ['us', 'japan', 'taiwan'] as const) {
      const s = destroyed((d) =>
        addUnit(d, { id: `t-${f}-lift`, type: 'cn-amphib', faction: f, zone: 'okinawa', strength: 4 }),
      );
      expect(decisiveOutcome(s)?.category, f).toBe('chinese-defeat');
    }
  });

  it('a destroyed lodgment on the main island is no lodgment', () => {
    const s = destroyed((d) => lodge(d, 'taipei', 0.1));
    expect(decisiveOutcome(s)?.category).toBe('chinese-defeat');
  });
});

describe('which ending is named when several hold at once', () => {
  it('the invasion destroyed is a Chinese defeat even with the Senkakus held', () => {
    const s = invasion((d) => {
      tw(d, 't-tw-army', 'tw-army', 4);
      fleetSunk(d);
      landed(d);
      hold(d, 'senkaku');
    });
    expect(verdict(s)).toBe('chinese-defeat');
  });

  it('the Senkakus held outrank the invasion’s stalemate scale at the end', () => {
    const s = invasion((d) => {
      tw(d, 't-tw-army', 'tw-army', 4);
      hold(d, 'taichung');
      lodge(d, 'taichung', 3);
      hold(d, 'senkaku');
    });
    expect(verdict(s)).toBe('senkaku-seized');
    // The same lodgment without the Senkakus is scored on the invasion's scale.
    const without = patch(s, (d) => {
      d.zones.senkaku = { ...d.zones.senkaku!, controller: 'japan' };
    });
    expect(verdict(without)).toBe('stalemate-toward-china');
  });

  it('two zones of the main island held is a victory even with no troops ashore to weigh', () => {
    const s = invasion((d) => {
      tw(d, 't-tw-army', 'tw-army', 10);
      hold(d, 'taichung', 2);
      hold(d, 'tainan-kaohsiung', 2);
    });
    expect(verdict(s)).toBe('chinese-victory');
  });

  it('Taipei held decides the match before any scoring, and names Taipei', () => {
    const s = invasion((d) => {
      tw(d, 't-tw-army', 'tw-army', 10);
      hold(d, 'taipei');
      hold(d, 'senkaku');
    });
    expect(verdict(s)).toBe('chinese-victory');
    expect(decisiveOutcome(s)?.reason).toContain('Taipei');
  });
});

describe('a map drawn without the Senkakus', () => {
  /** Takaichi 2025 at round 3 with the Senkaku zone (and anything in it) taken off the map. */
  const noSenkaku = (peak: (typeof RUNG)[keyof typeof RUNG]): MatchState =>
    patch(newMatch(tk, { seed: 'outcome-rules', white: true }), (d) => {
      d.round = 3;
      d.escalation = peak;
      d.peakEscalation = peak;
      d.taiwan.publicWill = 60;
      d.japan.publicSupport = 60;
      delete d.zones.senkaku;
      for (const [id, u] of Object.entries(d.units)) if (u.zone === 'senkaku') delete d.units[id];
    });

  it('is scored as any other map: deterrence held below quarantine, coercion failed above it', () => {
    expect(noSenkaku(RUNG.competition).zones.senkaku).toBeUndefined();
    expect(verdict(noSenkaku(RUNG.competition), tk)).toBe('deterrence-held');
    expect(verdict(noSenkaku(RUNG.blockade), tk)).toBe('coercion-failed');
  });

  it('its score vector lists no zone control', () => {
    expect(scoreVector(noSenkaku(RUNG.coercion)).zoneControl).toEqual({});
  });
});
