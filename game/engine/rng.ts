/**
 * Keyed, reproducible randomness (DESIGN.md section 1; CONVENTIONS item 7).
 * Every draw is made from a generator keyed by the match seed and a stream name,
 * e.g. `round-3/strike-12`, so one step's draws never shift another's.
 */
import seedrandom from 'seedrandom';

export interface Stream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Bernoulli trial. */
  chance(p: number): boolean;
  /** Binomial(n, p) by summed trials for small n and a normal approximation for large n. */
  binomial(n: number, p: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export function stream(seed: string, key: string): Stream {
  // Alea (seedrandom's port of Baagøe's generator): keyed set-up is three times cheaper than
  // the default ARC4, and a match opens hundreds of streams.
  // Set up at the first draw: many streams (a strike's deconfliction, a quiet zone's) never draw.
  let rng: { quick(): number } | null = null;
  const next = (): number => {
    if (rng === null) rng = seedrandom.alea(`${seed}/${key}`);
    return rng.quick();
  };
  const s: Stream = {
    next,
    chance: (p) => next() < p,
    int: (n) => Math.floor(next() * n),
    binomial(n, p) {
      const trials = Math.max(0, Math.floor(n));
      if (trials === 0 || p <= 0) return 0;
      if (p >= 1) return trials;
      if (trials <= 64) {
        let k = 0;
        for (let i = 0; i < trials; i++) if (next() < p) k++;
        return k;
      }
      // Box–Muller normal approximation, clamped; deterministic given the stream.
      const u1 = Math.max(next(), 1e-12);
      const u2 = next();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      const mean = trials * p;
      const sd = Math.sqrt(trials * p * (1 - p));
      return Math.min(trials, Math.max(0, Math.round(mean + z * sd)));
    },
  };
  return s;
}

/** Rounds a fractional expected count stochastically: 2.3 → 2 or 3 with P(3) = 0.3. */
export function roundStochastic(x: number, s: Stream): number {
  const base = Math.floor(x);
  return base + (s.chance(x - base) ? 1 : 0);
}
