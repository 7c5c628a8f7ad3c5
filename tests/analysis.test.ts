/**
 * Batch statistics (analysis/stats.ts) against hand-computed and published cases: Wilson
 * intervals, Newcombe's difference interval, type-7 quantiles, seed derivation, scenario
 * variants for --vary, and the summary of a batch built from synthetic match results.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deriveSeed,
  type GameResult,
  gameResult,
  newcombe,
  parseVary,
  playGame,
  quantile,
  SERIES_KEYS,
  spread,
  summarizeGroup,
  TRACK_KEYS,
  variantEffects,
  varyScenario,
  wilson,
} from '../analysis/stats.ts';
import { byFaction, type Scenario, scoreVector } from '../game/index.ts';
import { runMatch } from '../match/index.ts';
import { getScenario } from '../scenarios/index.ts';

const scenario = (id: string): Scenario => {
  const s = getScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};

describe('wilson', () => {
  it.each([
    // k, n, low, high — hand-computed with z = 1.96: centre (p + z²/2n)/(1 + z²/n) ± z/(1 + z²/n)·√(p(1−p)/n + z²/4n²)
    [8, 10, 0.49, 0.943],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [50, 100, 0.4038, 0.5962],
    [1, 2, 0.0945, 0.9055],
  ])('%i of %i → [%f, %f]', (k, n, low, high) => {
    const w = wilson(k, n);
    expect(w.p).toBeCloseTo(k / n, 10);
    expect(w.low).toBeCloseTo(low, 3);
    expect(w.high).toBeCloseTo(high, 3);
  });

  it('gives [0, 1] with no trials and narrows as n grows', () => {
    expect(wilson(0, 0)).toEqual({ p: 0, low: 0, high: 1 });
    const small = wilson(4, 10);
    const large = wilson(400, 1000);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });
});

describe('newcombe', () => {
  it("reproduces Newcombe's (1998) example: 56/70 − 48/80 = 0.2, 95% CI [0.0524, 0.3339]", () => {
    const d = newcombe(48, 80, 56, 70);
    expect(d.diff).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });

  it('is antisymmetric in its two samples', () => {
    const ab = newcombe(5, 10, 8, 10);
    const ba = newcombe(8, 10, 5, 10);
    expect(ab.diff).toBeCloseTo(-ba.diff, 10);
    expect(ab.low).toBeCloseTo(-ba.high, 10);
    expect(ab.high).toBeCloseTo(-ba.low, 10);
  });
});

describe('quantile and spread', () => {
  it('interpolates between order statistics (type 7, as R and NumPy)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([1, 2, 3, 4, 10], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4, 10], 0.75)).toBe(4);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('sorts its input and reports the quartiles, mean and extremes', () => {
    expect(spread([10, 1, 4, 3, 2])).toEqual({ n: 5, mean: 4, min: 1, q1: 2, median: 3, q3: 4, max: 10 });
    expect(spread([])).toBeNull();
  });
});

describe('seeds and --vary', () => {
  it('derives game seeds as "<seed>-<game>"', () => {
    expect(deriveSeed('S', 1)).toBe('S-1');
    expect(deriveSeed('batch-7', 12)).toBe('batch-7-12');
  });

  it('parses key=v1,v2 and rejects malformed text', () => {
    expect(parseVary('tracks.alliance.commandLevel=0,2')).toEqual({
      ok: true,
      value: { key: 'tracks.alliance.commandLevel', values: ['0', '2'] },
    });
    for (const bad of ['tracks.alliance.commandLevel', '=1,2', 'a..b=1', 'x=1,,2', 'x=1,1'])
      expect(parseVary(bad).ok, bad).toBe(false);
  });

  it('sets a nested field, revalidates, and keeps the hash when the value is unchanged', () => {
    const base = scenario('taiwan-invasion');
    const two = varyScenario(base, 'tracks.alliance.commandLevel', '2');
    const same = varyScenario(
      base,
      'tracks.alliance.commandLevel',
      String(base.tracks.alliance.commandLevel),
    );
    const neutral = varyScenario(base, 'constraints.japanIntervention', 'never');
    if (!two.ok || !same.ok || !neutral.ok) throw new Error('variant rejected');
    expect(two.value.tracks.alliance.commandLevel).toBe(2);
    expect(two.value.hash).not.toBe(base.hash);
    expect(same.value.hash).toBe(base.hash);
    expect(neutral.value.constraints.japanIntervention).toBe('never');
    expect(base.constraints.japanIntervention).toBe('policy');
  });

  it('names the key in every error: unknown field, out of range, wrong kind, a group', () => {
    const base = scenario('takaichi-2025');
    const cases: [string, string, RegExp][] = [
      ['tracks.alliance.comandLevel', '1', /"tracks\.alliance\.comandLevel" is not a field.*commandLevel/],
      [
        'tracks.alliance.commandLevel',
        '7',
        /tracks\.alliance\.commandLevel=7.*tracks\.alliance\.commandLevel:/,
      ],
      ['tracks.alliance.commandLevel', 'high', /"tracks\.alliance\.commandLevel": "high" is not a number/],
      ['constraints.japanIntervention', 'sometimes', /constraints\.japanIntervention/],
      ['tracks.alliance', '1', /"tracks\.alliance" is a group of fields/],
      ['units.0.strength', '1', /"units\.0\.strength": units is a list/],
    ];
    for (const [key, value, message] of cases) {
      const r = varyScenario(base, key, value);
      expect(r.ok, key).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });
});

describe('one match', () => {
  it('keeps every end-of-match track in TRACK_KEYS, and a series entry per round', () => {
    const sc = scenario('senkaku-gray-zone');
    const { state, record } = runMatch(sc, {}, 'analysis-1');
    expect(Object.keys(scoreVector(state).tracks)).toEqual([...TRACK_KEYS]);
    const r = gameResult(state, { game: 1, seed: 'analysis-1', actions: record.actions.length, rejected: 0 });
    for (const k of SERIES_KEYS) expect(r.series[k], k).toHaveLength(state.history.length);
    expect(r.series.deterrenceMargin).toEqual(state.history.map((h) => h.deterrenceMargin));
    expect(playGame(sc, {}, 'analysis', 1).finalHash).toBe(r.finalHash);
  });
});

/** A synthetic result: only the fields the summary reads matter. */
function fake(
  game: number,
  outcome: GameResult['outcome'],
  escalation: number[],
  margin: number[],
): GameResult {
  const zeros = escalation.map(() => 0);
  return {
    game,
    seed: `F-${game}`,
    outcome,
    reason: '',
    rounds: escalation.length,
    peakEscalation: Math.max(...escalation),
    peakRound: escalation.indexOf(Math.max(...escalation)) + 1,
    losses: byFaction(() => ({ air: game })),
    totalLosses: byFaction((f) => (f === 'china' ? game * 2 : game)),
    tracks: { cohesion: 50 + game },
    zoneControl: {},
    actions: 0,
    rejected: 0,
    finalHash: '',
    series: {
      ...Object.fromEntries(SERIES_KEYS.map((k) => [k, zeros])),
      escalation,
      deterrenceMargin: margin,
      redBestTemptation: margin.map((m) => 1 - m),
    },
  };
}

describe('summarizeGroup and variantEffects', () => {
  const sc = { ...scenario('senkaku-gray-zone'), escalation: 1 };
  const results = [
    fake(1, 'deterrence-held', [1, 1, 1], [1, 1, 1]),
    fake(2, 'coercion-failed', [1, 2, 3], [1, -1, -2]),
    fake(3, 'coercion-failed', [2, 2], [-1, 0.5]),
    fake(4, 'coercion-failed', [1, 1, 5], [2, 2, 0]),
  ];
  const g = summarizeGroup(sc, null, results);

  it('counts outcome shares with Wilson intervals', () => {
    const failed = g.outcomes.find((o) => o.outcome === 'coercion-failed');
    expect(failed?.count).toBe(3);
    expect(failed?.p).toBe(0.75);
    expect(failed?.low).toBeCloseTo(wilson(3, 4).low, 4);
    expect(g.outcomes.reduce((a, o) => a + o.count, 0)).toBe(4);
  });

  it('gives quartiles of losses per side', () => {
    expect(g.losses.japan).toMatchObject({ median: 2.5, q1: 1.75, q3: 3.25 });
    expect(g.losses.china).toMatchObject({ median: 5, q1: 3.5, q3: 6.5 });
    expect(g.meanLossesByType.us).toEqual({ air: 2.5 });
  });

  it('tallies how often and when Red escalated past each rung', () => {
    const [r0, r1, r2, r3, r4] = g.escalation;
    expect(r0).toMatchObject({ atStart: true, count: 4 });
    expect(r1).toMatchObject({ atStart: false, count: 3, medianRound: 2 }); // rounds 2, 1, 3
    expect(r2).toMatchObject({ count: 2, medianRound: 3 }); // rounds 3, 3
    expect(r3).toMatchObject({ count: 1, medianRound: 3 });
    expect(r4?.p).toBe(0.25);
  });

  it("averages Red's estimate per round over matches with a rung above, and bands over matches that reached it", () => {
    expect(g.deterrence.map((d) => d.n)).toEqual([4, 4, 2]); // game 4 is at rung 5 in round 3; game 3 ended
    expect(g.deterrence[0]).toMatchObject({ meanMargin: 0.75, meanTemptation: 0.25, deterred: 0.75 });
    expect(g.deterrence[2]).toMatchObject({ meanMargin: -0.5, deterred: 0.5 });
    expect(g.bands.escalation?.map((b) => b.n)).toEqual([4, 4, 3]);
    expect(g.bands.escalation?.[2]).toMatchObject({ median: 3, q1: 2, q3: 4 });
    expect(g.finalTracks.cohesion).toMatchObject({ median: 52.5 });
  });

  it('differences each variant against the first value with a Newcombe interval', () => {
    const a = summarizeGroup(sc, 'k=0', results);
    const b = summarizeGroup(sc, 'k=1', [
      ...results.slice(0, 1),
      ...results.slice(0, 1),
      ...results.slice(2),
    ]);
    const [effect] = variantEffects([a, b]);
    const held = effect?.outcomes.find((o) => o.outcome === 'deterrence-held');
    expect(effect).toMatchObject({ baseline: 'k=0', variant: 'k=1' });
    expect(held?.diff).toBe(0.25);
    expect(held?.low).toBeCloseTo(newcombe(1, 4, 2, 4).low, 4);
    expect(variantEffects([g])).toEqual([]);
  });
});

describe('purity', () => {
  it('analysis/stats.ts uses no Node module, clock or Math.random', () => {
    const src = readFileSync(resolve(import.meta.dirname, '../analysis/stats.ts'), 'utf8');
    const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).toContain('export function wilson');
    expect(code).not.toMatch(/from ['"]node:|Math\.random|Date\.now|new Date/);
  });
});
