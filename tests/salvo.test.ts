/**
 * The salvo model (DESIGN.md section 8) against the published CSIS 2023 anti-ship
 * table: ~15% of missiles fail; each is engaged by two interceptors at Pk 0.7; ~10%
 * miss in terminal guidance; terminal defense and EW stop ~70% of the rest — about half
 * a leaker per 25-missile salvo against an Aegis group. These published figures are
 * stable, so they are asserted exactly.
 */
import { describe, expect, it } from 'vitest';
import { SALVO, type SalvoInput, salvoDraw, salvoExpected, stream } from '../game/index.ts';

const AEGIS = SALVO.terminalDefenseShip.value;
const aegis = (shots: number, interceptors = 1000): SalvoInput => ({
  shots,
  interceptors,
  terminalDefense: AEGIS,
  ballistic: false,
});

describe('the published table (data/tables.ts SALVO)', () => {
  it('carries the CSIS 2023 figures and cites them', () => {
    expect(SALVO.launchReliability.value).toBe(0.85);
    expect(SALVO.interceptorsPerMissile.value).toBe(2);
    expect(SALVO.interceptorPk.value).toBe(0.7);
    expect(SALVO.terminalMiss.value).toBe(0.1);
    expect(SALVO.terminalDefenseShip.value).toBe(0.7);
    for (const f of Object.values(SALVO)) expect(f.source.length).toBeGreaterThan(10);
  });
});

describe('salvoExpected', () => {
  it('25 missiles against an Aegis group with ample interceptors leave about half a hit', () => {
    const r = salvoExpected(aegis(25));
    expect(r.hits).toBeGreaterThan(0.4);
    expect(r.hits).toBeLessThan(0.6);
    // 25 × 0.85 launched, all engaged, (1 − 0.7)² survive, 0.9 guided, 0.3 past terminal defense.
    expect(r.launched).toBeCloseTo(21.25, 9);
    expect(r.engaged).toBeCloseTo(21.25, 9);
    expect(r.interceptorsUsed).toBeCloseTo(42.5, 9);
    expect(r.hits).toBeCloseTo(25 * 0.85 * 0.09 * 0.9 * 0.3, 9);
  });

  it('an exhausted magazine lets many more through', () => {
    const full = salvoExpected(aegis(25));
    const half = salvoExpected(aegis(25, 20));
    const empty = salvoExpected(aegis(25, 0));
    expect(empty.engaged).toBe(0);
    expect(empty.interceptorsUsed).toBe(0);
    expect(half.hits).toBeGreaterThan(full.hits);
    expect(empty.hits).toBeGreaterThan(half.hits);
    expect(empty.hits).toBeGreaterThan(5 * full.hits);
    expect(empty.hits).toBeCloseTo(25 * 0.85 * 0.9 * 0.3, 9);
  });

  it('interceptors engage two per missile while they last', () => {
    const r = salvoExpected(aegis(25, 10));
    expect(r.engaged).toBe(5);
    expect(r.interceptorsUsed).toBe(10);
  });

  it('ballistic missiles are little affected by terminal defense', () => {
    const cruise = salvoExpected(aegis(25));
    const ballistic = salvoExpected({ ...aegis(25), ballistic: true });
    expect(ballistic.hits).toBeGreaterThan(2 * cruise.hits);
    const noTerminal = salvoExpected({ ...aegis(25), terminalDefense: 0 });
    expect(ballistic.hits).toBeLessThanOrEqual(noTerminal.hits);
  });

  it('a land base with light point defense takes more hits than a ship group', () => {
    const land = salvoExpected({ ...aegis(25), terminalDefense: SALVO.terminalDefenseLand.value });
    expect(land.hits).toBeGreaterThan(salvoExpected(aegis(25)).hits);
  });

  it('better interceptors (IAMD) mean fewer hits; shared targeting means more', () => {
    const base = salvoExpected(aegis(25)).hits;
    expect(salvoExpected({ ...aegis(25), pkBonus: 0.1 }).hits).toBeLessThan(base);
    expect(salvoExpected({ ...aegis(25), accuracyBonus: 0.05 }).hits).toBeGreaterThan(base);
  });

  it('hits scale with the salvo and are zero for no shots', () => {
    expect(salvoExpected(aegis(0)).hits).toBe(0);
    expect(salvoExpected(aegis(50)).hits).toBeCloseTo(2 * salvoExpected(aegis(25)).hits, 9);
  });
});

describe('salvoDraw', () => {
  const mean = (input: SalvoInput, n: number, prefix: string): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += salvoDraw(input, stream('salvo-test', `${prefix}-${i}`)).hits;
    return sum / n;
  };

  it('over many keyed streams, the mean of 25-missile salvos is the expected value', () => {
    const expected = salvoExpected(aegis(25)).hits;
    expect(Math.abs(mean(aegis(25), 4000, 'aegis') - expected)).toBeLessThan(0.06);
  });

  it('the mean of an unopposed salvo is the expected value (within 5%)', () => {
    const input = aegis(40, 0);
    const expected = salvoExpected(input).hits;
    expect(Math.abs(mean(input, 2000, 'open') - expected) / expected).toBeLessThan(0.05);
  });

  it('large salvos (normal approximation) also average out to the expected value', () => {
    const input = aegis(400, 300);
    const expected = salvoExpected(input).hits;
    expect(Math.abs(mean(input, 1000, 'large') - expected) / expected).toBeLessThan(0.05);
  });

  it('the same stream key gives the same draw; different keys can differ', () => {
    const input = aegis(60, 40);
    const a = salvoDraw(input, stream('match-seed', 'round-3/strike-japan-0'));
    const b = salvoDraw(input, stream('match-seed', 'round-3/strike-japan-0'));
    expect(a).toEqual(b);
    const others = Array.from(
      { length: 20 },
      (_, i) => salvoDraw(input, stream('match-seed', `k-${i}`)).hits,
    );
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('draws are whole numbers within the stages, and never use more interceptors than there are', () => {
    for (let i = 0; i < 500; i++) {
      const input = aegis(i % 70, (i * 7) % 90);
      const r = salvoDraw(input, stream('bounds', `${i}`));
      expect(Number.isInteger(r.launched) && Number.isInteger(r.hits)).toBe(true);
      expect(r.launched).toBeLessThanOrEqual(input.shots);
      expect(r.engaged).toBeLessThanOrEqual(r.launched);
      expect(r.interceptorsUsed).toBeLessThanOrEqual(input.interceptors);
      expect(r.hits).toBeGreaterThanOrEqual(0);
      expect(r.hits).toBeLessThanOrEqual(r.launched);
    }
  });
});
