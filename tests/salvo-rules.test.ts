/**
 * The salvo model's rules (DESIGN.md section 8; game/rules/salvo.ts) beyond the published table
 * that tests/salvo.test.ts checks: the caps on interceptor Pk (0.95) and on terminal accuracy
 * (every guided missile), ballistic missiles facing a tenth of terminal defence, whole pairs of
 * interceptors in a drawn salvo, and the same stages drawn and expected. Figures are the
 * SALVO table's, stated beside each expectation.
 */
import { describe, expect, it } from 'vitest';
import { SALVO, type SalvoInput, salvoDraw, salvoExpected, stream } from '../game/index.ts';

const RELIABILITY = SALVO.launchReliability.value;
const PER = SALVO.interceptorsPerMissile.value;
const PK = SALVO.interceptorPk.value;
const GUIDED = 1 - SALVO.terminalMiss.value;

const input = (i: Partial<SalvoInput>): SalvoInput => ({
  shots: 40,
  interceptors: 0,
  terminalDefense: 0,
  ballistic: false,
  ...i,
});
/** Mean of a stage over `n` keyed draws. */
const mean = (
  i: SalvoInput,
  n: number,
  key: string,
  stage: 'launched' | 'engaged' | 'hits' = 'hits',
): number => {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += salvoDraw(i, stream('salvo-rules', `${key}-${k}`))[stage];
  return sum / n;
};

describe('salvoExpected: each stage as the rule states it', () => {
  it('interceptor Pk rises with the bonus but never above 0.95', () => {
    const leak = (pkBonus: number) => salvoExpected(input({ interceptors: 1000, pkBonus })).hits;
    const launched = 40 * RELIABILITY;
    expect(leak(0)).toBeCloseTo(launched * (1 - PK) ** PER * GUIDED, 9);
    expect(leak(0.1)).toBeCloseTo(launched * (1 - PK - 0.1) ** PER * GUIDED, 9);
    expect(leak(0.25)).toBeCloseTo(launched * 0.05 ** PER * GUIDED, 9);
    expect(leak(0.6)).toBe(leak(0.25));
    expect(leak(0.1)).toBeLessThan(leak(0));
  });

  it('shared targeting raises terminal accuracy up to every missile that leaks', () => {
    const hits = (accuracyBonus: number) => salvoExpected(input({ accuracyBonus })).hits;
    const launched = 40 * RELIABILITY;
    expect(hits(0)).toBeCloseTo(launched * GUIDED, 9);
    expect(hits(0.05)).toBeCloseTo(launched * (GUIDED + 0.05), 9);
    expect(hits(0.1)).toBeCloseTo(launched, 9);
    expect(hits(0.5)).toBeCloseTo(launched, 9);
  });

  it('ballistic missiles face a tenth of terminal defence', () => {
    const open = salvoExpected(input({ terminalDefense: 0.7 }));
    const ballistic = salvoExpected(input({ terminalDefense: 0.7, ballistic: true }));
    expect(open.hits).toBeCloseTo(40 * RELIABILITY * GUIDED * 0.3, 9);
    expect(ballistic.hits).toBeCloseTo(40 * RELIABILITY * GUIDED * 0.93, 9);
  });

  it('interceptors beyond two per launched missile are not used; fewer engage half as many missiles', () => {
    const ample = salvoExpected(input({ interceptors: 1000 }));
    expect(ample.engaged).toBeCloseTo(40 * RELIABILITY, 9);
    expect(ample.interceptorsUsed).toBeCloseTo(40 * RELIABILITY * PER, 9);
    const few = salvoExpected(input({ interceptors: 9 }));
    expect(few.engaged).toBe(9 / PER);
    expect(few.interceptorsUsed).toBe(9);
    // The engaged leak (1 − Pk)²; the rest all leak.
    expect(few.hits).toBeCloseTo((4.5 * (1 - PK) ** PER + (34 - 4.5)) * GUIDED, 9);
  });
});

describe('salvoDraw: the same stages as whole-missile draws', () => {
  it('interceptors engage in whole pairs: an odd one is left over', () => {
    const r = salvoDraw(input({ shots: 40, interceptors: 5 }), stream('salvo-rules', 'odd'));
    expect(r.launched).toBeGreaterThanOrEqual(2);
    expect(r.engaged).toBe(2);
    expect(r.interceptorsUsed).toBe(4);
  });

  it('engaged never exceeds what was launched, and uses two interceptors each', () => {
    for (let k = 0; k < 50; k++) {
      const r = salvoDraw(input({ shots: 6, interceptors: 100 }), stream('salvo-rules', `few-${k}`));
      expect(r.engaged).toBe(r.launched);
      expect(r.interceptorsUsed).toBe(PER * r.engaged);
      expect(r.hits).toBeLessThanOrEqual(r.launched);
    }
  });

  it('with no interceptors, full accuracy and no terminal defence, every launched missile hits', () => {
    for (let k = 0; k < 30; k++) {
      const r = salvoDraw(input({ accuracyBonus: 0.1 }), stream('salvo-rules', `open-${k}`));
      expect(r.engaged).toBe(0);
      expect(r.interceptorsUsed).toBe(0);
      expect(r.hits).toBe(r.launched);
    }
  });

  it('terminal defence of 1 stops every cruise missile; ballistic ones still get nine in ten through', () => {
    const cruise = input({ terminalDefense: 1, accuracyBonus: 0.1 });
    for (let k = 0; k < 20; k++) expect(salvoDraw(cruise, stream('salvo-rules', `td-${k}`)).hits).toBe(0);
    const ballistic = { ...cruise, ballistic: true };
    expect(mean(ballistic, 400, 'bal') / mean(ballistic, 400, 'bal', 'launched')).toBeCloseTo(0.9, 1);
  });

  it('the Pk cap holds in draws: with a huge bonus about 1 in 400 engaged missiles leaks', () => {
    const capped = input({ shots: 40, interceptors: 1000, pkBonus: 1, accuracyBonus: 0.1 });
    const leak = mean(capped, 400, 'cap') / mean(capped, 400, 'cap', 'engaged');
    expect(leak).toBeLessThan(0.01);
    expect(leak).toBeGreaterThan(0);
  });

  it('launch reliability: about 85% of shots launch', () => {
    expect(mean(input({ shots: 40 }), 400, 'rel', 'launched') / 40).toBeCloseTo(RELIABILITY, 1);
  });
});
