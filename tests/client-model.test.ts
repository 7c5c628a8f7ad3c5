/**
 * The board's view model and the analysis page's axes (client/src): what the dashboards,
 * the status tab, the orders and alliance panels and the review say, in words and numbers,
 * without a browser. Issue 10 items 3 and 8: no "margin 0 (deterred)" at the top rung, no
 * "Us ops from japan", no internal program ids, no mixed precision, no "1 2 2 3 3" ticks.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../analysis/stats.ts';
import {
  noRungAbove,
  parseSummary,
  roundTicks,
  valueAxis,
  valueDomain,
} from '../client/src/analysis/summary.ts';
import {
  buildModel,
  deterrenceReading,
  fmt,
  fmtPair,
  fmtSteps,
  orderLabel,
  programProgress,
  roundReview,
} from '../client/src/match/model.ts';
import { COMBINED_LABEL, combinedLabel, titleCase } from '../client/src/theme.ts';
import {
  COMBINED_KINDS,
  type DeterrenceEstimate,
  type MatchView,
  newMatch,
  PROGRAMS,
  type RoundSummary,
  RUNG,
  unitName,
  viewFor,
} from '../game/index.ts';
import { getScenario } from '../scenarios/index.ts';

const ROOT = resolve(import.meta.dirname, '..');

function modelAt(scenarioId: string, seat: 'japan' | 'us' | 'china' | 'taiwan' | 'white') {
  const scenario = getScenario(scenarioId)!;
  const s = newMatch(scenario, { seed: 'client-model', white: true });
  return buildModel(viewFor(s, seat), scenario);
}

describe('the deterrence reading', () => {
  it('at the top rung (an invasion under way) says there is no rung above, not "margin 0 (deterred)"', () => {
    for (const seat of ['japan', 'us', 'taiwan', 'china', 'white'] as const) {
      const m = modelAt('taiwan-invasion', seat);
      expect(m.view.escalation).toBe(RUNG.invasion);
      const det = m.deterrence;
      expect(det, seat).not.toBeNull();
      expect(det!.estimate.options).toEqual([]);
      expect(det!.reading.state, seat).toBe('no-rung-above');
      expect(det!.reading.tone, seat).toBe('bad');
      expect(det!.reading.headline).toBe('No rung above');
      expect(det!.reading.detail).toMatch(
        /^No rung above: China is at invasion \(rung 5\).*deterrence has failed/,
      );
      for (const text of [det!.reading.headline, det!.reading.detail]) {
        expect(text).not.toMatch(/deterred/);
        expect(text).not.toMatch(/margin 0/);
      }
    }
  });

  it('below the top rung reads the margin: deterred is good and says of what, tempted is bad', () => {
    const m = modelAt('taiwan-quarantine', 'japan');
    const det = m.deterrence!;
    expect(det.kind).toBe('blue');
    expect(det.estimate.options.length).toBeGreaterThan(0);
    const deterred = det.estimate.margin >= 0;
    expect(det.reading.state).toBe(deterred ? 'deterred' : 'tempted');
    expect(det.reading.tone).toBe(deterred ? 'good' : 'bad');
    expect(det.reading.headline).toBe(fmt(det.estimate.margin, 2));
    expect(det.reading.detail).toContain(`rung ${det.estimate.best!.rung}`);

    const base: DeterrenceEstimate = { ...det.estimate };
    const best = { ...base.best!, temptation: 0.5 };
    const tempted = deterrenceReading('blue', { ...base, best, margin: -0.5 });
    expect(tempted).toMatchObject({ state: 'tempted', tone: 'bad', headline: '-0.50' });
    expect(tempted.detail).toMatch(
      /tempted: Red's best option above the current rung, rung \d \(\w+\), temptation 0\.50, is worth it/,
    );
    const held = deterrenceReading('blue', { ...base, best: { ...best, temptation: -0.25 }, margin: 0.25 });
    expect(held).toMatchObject({ state: 'deterred', tone: 'good', headline: '0.25' });
    const red = deterrenceReading('red', { ...base, best, resolve: 1, margin: 0.5 });
    expect(red.tone).toBe('neutral');
    expect(red.headline).toBe(`best: rung ${best.rung} (0.50)`);
    expect(red.detail).toMatch(/^Resolve 1; margin 0\.50 \(deterred/);
  });
});

describe('wording', () => {
  it('combined operations have their proper names wherever a kind is shown', () => {
    expect(combinedLabel('us-ops-from-japan')).toBe('US combat operations from Japan');
    expect(combinedLabel('iamd-cover')).toBe('IAMD cover');
    expect(combinedLabel('shared-isr')).toBe('Shared ISR');
    expect(combinedLabel('logistics-support')).toBe('Logistics support');
    expect(combinedLabel('combined-strike')).toBe('Combined strike');
    expect(Object.keys(COMBINED_LABEL).sort()).toEqual([...COMBINED_KINDS].sort());
    // The fallback keeps acronyms and country names.
    expect(titleCase('us-ops-from-japan')).toBe('US ops from Japan');
    expect(titleCase('shared-isr')).toBe('Shared ISR');
    expect(titleCase('deterrence-held')).toBe('Deterrence held');
  });

  it("pending orders name the program, zone and weapon, never the engine's ids", () => {
    const program = PROGRAMS.find((p) => p.id === 'long-range-missiles')!;
    expect(orderLabel({ type: 'fund', program: program.id, amount: 1 })).toBe(
      `Fund ${program.name} (1 point)`,
    );
    expect(orderLabel({ type: 'fund', program: program.id, amount: 2 })).not.toContain(program.id);
    expect(orderLabel({ type: 'two-plus-two' })).toBe('Two plus two meeting');
    expect(orderLabel({ type: 'escalate', to: RUNG.blockade })).toBe('Escalate to rung 3 (blockade)');
    expect(orderLabel({ type: 'declare', status: 'survival-threatening' })).toBe(
      'Declare a survival-threatening situation',
    );
    const m = modelAt('taiwan-quarantine', 'japan');
    const unit = m.units.find((u) => u.own)!;
    const zone = m.zones.find((z) => z.def.id !== unit.zone)!;
    expect(orderLabel({ type: 'move', unit: unit.id, to: zone.def.id })).toBe(
      `Move ${unitName(unit.id)} to ${zone.def.name}`,
    );
    expect(orderLabel({ type: 'move', unit: unit.id, to: zone.def.id })).not.toContain(unit.id);
  });

  it('numbers: one precision per value and per change, whole steps for losses', () => {
    expect(fmt(64.8)).toBe('64.8');
    expect(fmt(64.04)).toBe('64.0');
    expect(fmt(64)).toBe('64');
    expect(fmt(-0.001, 2)).toBe('0.00');
    expect(fmtPair(64.83, 64.8)).toEqual(['64.83', '64.80']);
    expect(fmtPair(64.83, 60.1)).toEqual(['64.8', '60.1']);
    expect(fmtPair(0.125, 0.5)).toEqual(['0.13', '0.50']);
    expect(fmtPair(3, 4)).toEqual(['3', '4']);
    expect(fmtPair(3, 3.5)).toEqual(['3.00', '3.50']);
    expect(fmtSteps(112.7)).toBe('113');
    expect(fmtSteps(0.3)).toBe('<1');
    expect(fmtSteps(0)).toBe('0');
  });

  it("the review's losses are this round's, with the running total beside them", () => {
    const summary = (round: number, taiwan: number): RoundSummary =>
      ({
        round,
        losses: { japan: 0, us: 1.5, china: 2, taiwan },
        stockpiles: { japan: 10, us: 10, china: 10, taiwan: 10 },
      }) as unknown as RoundSummary;
    const view = { log: [], history: [summary(1, 40.2), summary(2, 112.7)] } as unknown as MatchView;
    const r = roundReview(view, 2);
    expect(r.losses?.taiwan.total).toBeCloseTo(112.7);
    expect(r.losses?.taiwan.round).toBeCloseTo(72.5);
    expect(r.losses?.us.round).toBe(0);
    expect(roundReview(view, 1).losses?.taiwan).toEqual({ round: 40.2, total: 40.2 });
  });
});

describe('analysis axes', () => {
  const summary = parseSummary(
    JSON.parse(readFileSync(join(ROOT, 'tests', 'e2e', 'fixtures', 'analysis-summary.json'), 'utf8')),
  );

  it('round ticks are whole rounds, each once', () => {
    expect(roundTicks(8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(roundTicks(1)).toEqual([1, 2]);
    const long = roundTicks(30);
    expect(long.length).toBeLessThanOrEqual(12);
    expect(long.every(Number.isInteger)).toBe(true);
    expect(new Set(long).size).toBe(long.length);
  });

  it('a flat series gets a real domain, and ticks a sensible precision', () => {
    expect(valueDomain([0, 0, 0])).toEqual([-1, 1]);
    expect(valueDomain([2.2, 5.9])).toEqual([0, 5.9]);
    expect(valueDomain([-3, -1])).toEqual([-3, 0]);
    const labels = (lo: number, hi: number): string[] => {
      const a = valueAxis(lo, hi);
      return a.ticks.map(a.format);
    };
    expect(labels(0, 5.9)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(labels(-1, 1)).toEqual(['-1.0', '-0.5', '0.0', '0.5', '1.0']);
    expect(labels(0, 0.3)).toEqual(['0.00', '0.05', '0.10', '0.15', '0.20', '0.25', '0.30']);
    expect(labels(0, 100)).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(labels(0, 0)).toEqual(['-1.0', '-0.5', '0.0', '0.5', '1.0']);
    expect(valueAxis(0.2, 5.9).domain).toEqual([0, 6]);
    for (const [lo, hi] of [
      [0, 1e-7],
      [-3.3, 7.1],
      [0, 2081],
    ] as const) {
      const l = labels(lo, hi);
      expect(new Set(l).size, l.join(' ')).toBe(l.length);
      expect(l.join(' ')).not.toMatch(/0\.000000|-0(\.0+)?(\s|$)/);
    }
  });

  it('a scenario at invasion throughout has no deterrence series to draw', () => {
    expect(summary.ok).toBe(true);
    const groups = (summary as { value: BatchSummary }).value.groups;
    const invasion = groups.find((g) => g.scenario === 'taiwan-invasion')!;
    const quarantine = groups.find((g) => g.scenario === 'taiwan-quarantine')!;
    expect(noRungAbove(invasion, 'deterrenceMargin')).toBe(true);
    expect(noRungAbove(invasion, 'redBestTemptation')).toBe(true);
    expect(noRungAbove(invasion, 'cohesion')).toBe(false);
    expect(noRungAbove(quarantine, 'deterrenceMargin')).toBe(false);
  });
});

describe('programs in the status panel', () => {
  it('says what is in service, what is paid for and how many months are left, and how far the money has got', () => {
    expect(programProgress('tomahawk', 3, 24, true)).toBe('in service');
    expect(programProgress('tomahawk', 3, 23, false)).toBe('paid for · 1 month to delivery');
    expect(programProgress('tomahawk', 3, 16, false)).toBe('paid for · 8 months to delivery');
    expect(programProgress('iamd', 2, 19.2, false)).toBe('2 of 5 points · 19 of 48 months');
  });
});
