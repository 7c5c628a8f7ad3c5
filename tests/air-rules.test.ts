/**
 * The air-combat rule (DESIGN.md section 8: attrition per sortie is small; most aircraft are
 * lost on the ground): who fights in the air, how many sorties each side flies in a round,
 * the loss rate that grows with the enemy's sorties (up to twice the base rate), and how a
 * side's losses are shared among its wings.
 *
 * Positions are the invasion scenario with every unit at strength 0 and only the fighters a
 * test adds, the US intervening and Japan at war unless a test says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { AIR, type DraftState, type MatchState, RUNG, stream } from '../game/index.ts';
import { scenario } from './helpers.ts';
import { atWar, eventsSince, play, quiet, type Spec, warPosition } from './round.ts';

const inv = quiet(scenario('taiwan-invasion'));
const DAYS = 3.5; // a conflict round

function war(seed: string, units: Spec[], edit: (d: DraftState) => void = () => {}): MatchState {
  return warPosition(inv, seed, RUNG.strikes, atWar, units, edit);
}
const fights = (s: MatchState, after: MatchState) => eventsSince(s, after, 'air-combat').map((e) => e.data);
const str = (s: MatchState, id: string) => s.units[id]!.strength;

/** The losses the rule draws for `red` and `blue` total strength, from the round's air stream. */
function expectedLosses(seed: string, red: number, blue: number): [number, number] {
  const rs = red * AIR.sortiesPerDay.value * DAYS;
  const bs = blue * AIR.sortiesPerDay.value * DAYS;
  const p = AIR.attritionPerSortie.value;
  const r = stream(seed, 'round-1/air');
  const redLoss = r.binomial(Math.round(rs), p * Math.min(2, bs / Math.max(rs, 1)));
  const blueLoss = r.binomial(Math.round(bs), p * Math.min(2, rs / Math.max(bs, 1)));
  return [redLoss, blueLoss];
}

/** The first seed of `prefix-<i>` whose round draws losses on both sides. */
function seedWithLosses(prefix: string, red: number, blue: number): string {
  for (let i = 0; i < 200; i++) {
    const seed = `${prefix}-${i}`;
    const [a, b] = expectedLosses(seed, red, blue);
    if (a > 0 && b > 0) return seed;
  }
  throw new Error('test setup: no seed with losses on both sides');
}

describe('air combat', () => {
  const big: Spec[] = [
    ['R', 'cn-fighter', 'fujian', 200],
    ['B', 'tw-fighter', 'taichung', 200],
  ];

  it('only once strikes are under way', () => {
    const s = war('calm', big, (d) => (d.escalation = RUNG.blockade as DraftState['escalation']));
    const after = play(inv, s);
    expect(fights(s, after)).toEqual([]);
    expect([str(after, 'R'), str(after, 'B')]).toEqual([200, 200]);
    const hot = war(seedWithLosses('hot', 200, 200), big);
    expect(fights(hot, play(inv, hot))).toHaveLength(1);
  });

  it('takes fighters on both sides: bombers do not fight it, nor a side alone in the air', () => {
    for (const units of [
      [['R', 'cn-fighter', 'fujian', 200]],
      [
        ['H', 'cn-bomber', 'fujian', 200],
        ['B', 'tw-fighter', 'taichung', 200],
      ],
      [
        ['R', 'cn-fighter', 'fujian', 200],
        ['X', 'us-bomber', 'guam', 200],
      ],
    ] as Spec[][]) {
      const seed = seedWithLosses('alone', 200, 200);
      const s = war(seed, units);
      const after = play(inv, s);
      expect(fights(s, after)).toEqual([]);
      for (const [id, , , n] of units) expect(str(after, id)).toBe(n);
    }
  });

  it('Japan’s wings stay out while Japan is not at war', () => {
    const units: Spec[] = [
      ['R', 'cn-fighter', 'fujian', 200],
      ['J', 'jp-fighter', 'okinawa', 200],
    ];
    const seed = seedWithLosses('japan', 200, 200);
    const out = war(seed, units, (d) => (d.japan.legalStatus = 'none' as DraftState['japan']['legalStatus']));
    const after = play(inv, out);
    expect(fights(out, after)).toEqual([]);
    expect(str(after, 'J')).toBe(200);
    const atWar = war(seed, units);
    expect(fights(atWar, play(inv, atWar))).toHaveLength(1);
  });

  it('losses per sortie rise with the enemy’s sorties, at most twice the base rate; shared by strength', () => {
    // China flies three times Taiwan's and the US's sorties: China's rate is a third of the base,
    // Blue's twice the base (capped).
    const seed = seedWithLosses('shares', 300, 100);
    const s = war(seed, [
      ['R1', 'cn-fighter', 'fujian', 200],
      ['R2', 'cn-fighter', 'zhejiang', 100],
      ['T', 'tw-fighter', 'taichung', 60],
      ['U', 'us-fighter', 'okinawa', 40],
    ]);
    const after = play(inv, s);
    const [redLoss, blueLoss] = expectedLosses(seed, 300, 100);
    expect(fights(s, after)).toEqual([{ redLoss, blueLoss }]);
    expect(str(after, 'R1')).toBeCloseTo(200 - (redLoss * 2) / 3, 2);
    expect(str(after, 'R2')).toBeCloseTo(100 - redLoss / 3, 2);
    expect(str(after, 'T')).toBeCloseTo(60 - blueLoss * 0.6, 2);
    expect(str(after, 'U')).toBeCloseTo(40 - blueLoss * 0.4, 2);
    expect(after.losses.china.air).toBeCloseTo(redLoss, 2);
    expect(after.log.filter((e) => e.kind === 'air-combat').map((e) => e.step)).toEqual(['strikes']);
    // The other way round: Blue flies three times China's sorties.
    const seed2 = seedWithLosses('shares-blue', 100, 300);
    const s2 = war(seed2, [
      ['R1', 'cn-fighter', 'fujian', 100],
      ['T', 'tw-fighter', 'taichung', 300],
    ]);
    const [r2, b2] = expectedLosses(seed2, 100, 300);
    expect(fights(s2, play(inv, s2))).toEqual([{ redLoss: r2, blueLoss: b2 }]);
  });

  it('a round without losses is not reported', () => {
    // One wing a side flies 5 sorties: most rounds lose nothing.
    const units: Spec[] = [
      ['R', 'cn-fighter', 'fujian', 1],
      ['B', 'tw-fighter', 'taichung', 1],
    ];
    let seed = '';
    for (let i = 0; i < 50 && !seed; i++) {
      const [a, b] = expectedLosses(`none-${i}`, 1, 1);
      if (a + b === 0) seed = `none-${i}`;
    }
    expect(seed).not.toBe('');
    const s = war(seed, units);
    const after = play(inv, s);
    expect(fights(s, after)).toEqual([]);
    expect([str(after, 'R'), str(after, 'B')]).toEqual([1, 1]);
  });

  it('attrition stays small: under one aircraft in a hundred sorties at even odds', () => {
    // 200 wings a side fly 1,050 sorties each; at 0.5% the mean loss is about 5 a side.
    let red = 0;
    let blue = 0;
    for (let i = 0; i < 10; i++) {
      const s = war(`even-${i}`, big);
      const after = play(inv, s);
      red += 200 - str(after, 'R');
      blue += 200 - str(after, 'B');
    }
    const sorties = 10 * 200 * AIR.sortiesPerDay.value * DAYS;
    expect(red / sorties).toBeGreaterThan(0.002);
    expect(red / sorties).toBeLessThan(0.01);
    expect(blue / sorties).toBeGreaterThan(0.002);
    expect(blue / sorties).toBeLessThan(0.01);
  });
});
