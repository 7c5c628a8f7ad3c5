/**
 * Keyed randomness (game/engine/rng.ts; DESIGN.md section 1): a stream is fixed by the match
 * seed and its key, and its draws have the distributions the rules assume — uniform, Bernoulli,
 * integers, and binomials by summed trials (n ≤ 64) or a clamped normal approximation (n > 64).
 */
import { describe, expect, it } from 'vitest';
import { stream } from '../game/index.ts';

const draws = (seed: string, key: string, n: number) => {
  const s = stream(seed, key);
  return Array.from({ length: n }, () => s.next());
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

describe('a stream is fixed by its seed and key', () => {
  it('the same seed and key give the same draws; another key or seed, others', () => {
    expect(draws('s', 'round-1/strike-a', 20)).toEqual(draws('s', 'round-1/strike-a', 20));
    expect(draws('s', 'round-1/strike-a', 20)).not.toEqual(draws('s', 'round-1/strike-b', 20));
    expect(draws('t', 'round-1/strike-a', 20)).not.toEqual(draws('s', 'round-1/strike-a', 20));
  });
});

describe('draws', () => {
  const N = 20000;
  it('next is uniform in [0, 1)', () => {
    const xs = draws('u', 'k', N);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    expect(xs.filter((x) => x < 0.25).length / N).toBeCloseTo(0.25, 1);
  });

  it('chance(p) comes true with probability p; never at 0, always at 1', () => {
    const s = stream('c', 'k');
    let hits = 0;
    for (let i = 0; i < N; i++) if (s.chance(0.3)) hits++;
    expect(Math.abs(hits / N - 0.3)).toBeLessThan(0.015);
    for (let i = 0; i < 200; i++) {
      expect(s.chance(0)).toBe(false);
      expect(s.chance(1)).toBe(true);
    }
  });

  it('int(n) is a whole number in [0, n), each about equally often', () => {
    const s = stream('i', 'k');
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < N; i++) {
      const k = s.int(5);
      expect(Number.isInteger(k)).toBe(true);
      counts[k]! += 1;
    }
    expect(counts.reduce((a, b) => a + b)).toBe(N);
    for (const c of counts) expect(Math.abs(c / N - 0.2)).toBeLessThan(0.015);
  });
});

describe('binomial(n, p)', () => {
  it('edge cases: no trials or p ≤ 0 give 0, p ≥ 1 gives every trial, a fractional n counts whole trials', () => {
    const s = stream('b', 'edges');
    expect(s.binomial(0, 0.5)).toBe(0);
    expect(s.binomial(-3, 0.5)).toBe(0);
    expect(s.binomial(10, 0)).toBe(0);
    expect(s.binomial(10, -0.2)).toBe(0);
    expect(s.binomial(10, 1)).toBe(10);
    expect(s.binomial(5.9, 1)).toBe(5);
    expect(s.binomial(500, 1)).toBe(500);
    expect(s.binomial(500, 0)).toBe(0);
  });

  it.each([
    [20, 0.5],
    [64, 0.85],
    [65, 0.3],
    [1000, 0.3],
    [400, 0.09],
  ])('n = %i, p = %f: mean n·p and spread √(n·p·(1-p)), always within [0, n]', (n, p) => {
    const s = stream('b', `moments-${n}-${p}`);
    const xs = Array.from({ length: 4000 }, () => s.binomial(n, p));
    for (const x of xs) {
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(n);
    }
    const m = n * p;
    const sigma = Math.sqrt(n * p * (1 - p));
    // The mean of 4,000 draws is within 4 standard errors; the spread within 10%.
    expect(Math.abs(mean(xs) - m)).toBeLessThan((4 * sigma) / Math.sqrt(4000) + 0.05);
    expect(Math.abs(sd(xs) / sigma - 1)).toBeLessThan(0.1);
  });

  it('draws as many numbers as the replay contract says: none for a certain result, one per trial up to 64, two above', () => {
    // Which draw a later rule gets depends on how many came before: every golden record pins this.
    const fresh = draws('b', 'consume', 70);
    const nextAfter = (use: (s: ReturnType<typeof stream>) => void) => {
      const s = stream('b', 'consume');
      use(s);
      return s.next();
    };
    expect(
      nextAfter((s) => {
        s.binomial(10, 1);
        s.binomial(10, 0);
        s.binomial(0, 0.5);
      }),
    ).toBe(fresh[0]);
    expect(nextAfter((s) => s.binomial(64, 0.4))).toBe(fresh[64]);
    expect(nextAfter((s) => s.binomial(65, 0.4))).toBe(fresh[2]);
    expect(nextAfter((s) => s.binomial(3.7, 0.4))).toBe(fresh[3]);
  });

  it('the normal approximation is clamped to [0, n] near the ends', () => {
    const s = stream('b', 'clamp');
    for (let i = 0; i < 2000; i++) {
      const hi = s.binomial(100, 0.999);
      const lo = s.binomial(100, 0.001);
      expect(hi).toBeLessThanOrEqual(100);
      expect(lo).toBeGreaterThanOrEqual(0);
    }
  });
});
