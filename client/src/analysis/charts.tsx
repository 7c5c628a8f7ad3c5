/**
 * The analysis page's charts, drawn by Observable Plot: outcome shares with their 95% Wilson
 * intervals, a series' quartile band and median across rounds, medians of several groups
 * overlaid, and how often Red went past each rung.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import type { BandRound, GroupSummary, RungPassage } from '../../../analysis/stats.ts';
import { titleCase } from '../theme.ts';
import { roundTicks, valueAxis } from './summary.ts';

const STYLE = { background: 'transparent', color: '#e3ebf3', fontSize: '12px', overflow: 'visible' } as const;

/** A y scale's domain, ticks and labels from `valueAxis`. */
function yAxis(domain: readonly [number, number]) {
  const a = valueAxis(domain[0], domain[1]);
  return { domain: [...a.domain], ticks: [...a.ticks], tickFormat: a.format };
}

/** Mounts a Plot figure and replaces it whenever its options change. */
export function PlotFigure({
  options,
  testId,
}: {
  readonly options: Plot.PlotOptions;
  readonly testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = Plot.plot(options);
    ref.current?.replaceChildren(el);
    return () => el.remove();
  }, [options]);
  return <div className="plot" ref={ref} data-testid={testId} />;
}

export interface OutcomeRow {
  readonly outcome: string;
  readonly label: string;
  readonly p: number;
  readonly low: number;
  readonly high: number;
  readonly count: number;
}

/** Outcome shares of one group, on a y domain shared by every group so the charts line up. */
export function outcomeChart(g: GroupSummary, domain: readonly string[], width: number): Plot.PlotOptions {
  const rows: OutcomeRow[] = domain.map((outcome) => {
    const o = g.outcomes.find((x) => x.outcome === outcome);
    return {
      outcome,
      label: titleCase(outcome),
      p: o?.p ?? 0,
      low: o?.low ?? 0,
      high: o?.high ?? 0,
      count: o?.count ?? 0,
    };
  });
  return {
    width,
    height: 40 + 26 * domain.length,
    marginLeft: 170,
    marginRight: 72,
    style: STYLE,
    x: { domain: [0, 100], percent: true, label: 'share of matches (%) →', grid: true },
    y: { domain: rows.map((r) => r.label), label: null },
    marks: [
      Plot.barX(rows, { x: 'p', y: 'label', fill: '#4ea1ff', fillOpacity: 0.75 }),
      Plot.ruleY(rows, { y: 'label', x1: 'low', x2: 'high', stroke: '#e3ebf3', strokeWidth: 1.5 }),
      Plot.tickX(rows, { x: 'low', y: 'label', stroke: '#e3ebf3' }),
      Plot.tickX(rows, { x: 'high', y: 'label', stroke: '#e3ebf3' }),
      Plot.text(rows, {
        x: 'high',
        y: 'label',
        text: (r: OutcomeRow) => `${Math.round(r.p * 100)}% (${r.count})`,
        dx: 6,
        textAnchor: 'start',
        fill: '#8ea3b8',
      }),
      Plot.ruleX([0], { stroke: '#29415a' }),
    ],
  };
}

/** Quartile band and median of one series across rounds, on a shared y domain. */
export function bandChart(
  series: readonly BandRound[],
  label: string,
  yDomain: readonly [number, number],
  maxRound: number,
  width: number,
): Plot.PlotOptions {
  return {
    width,
    height: 220,
    marginLeft: 48,
    style: STYLE,
    x: { domain: [1, Math.max(2, maxRound)], label: 'round →', ticks: roundTicks(maxRound), tickFormat: 'd' },
    y: { ...yAxis(yDomain), label: `↑ ${label}`, grid: true },
    marks: [
      Plot.areaY(series, {
        x: 'round',
        y1: 'q1',
        y2: 'q3',
        fill: '#4ea1ff',
        fillOpacity: 0.28,
        curve: 'linear',
      }),
      Plot.lineY(series, { x: 'round', y: 'median', stroke: '#4ea1ff', strokeWidth: 2, curve: 'linear' }),
      Plot.dot(series, {
        x: 'round',
        y: 'median',
        r: 2.5,
        fill: '#4ea1ff',
        tip: true,
        title: (b: BandRound) =>
          `round ${b.round}: median ${b.median}, quartiles ${b.q1}–${b.q3} (n = ${b.n})`,
      }),
    ],
  };
}

export interface MedianRow {
  readonly group: string;
  readonly round: number;
  readonly median: number;
}

/** Medians of one series for every group, overlaid: scenarios side by side on one axis. */
export function compareChart(
  rows: readonly MedianRow[],
  groups: readonly string[],
  label: string,
  yDomain: readonly [number, number],
  maxRound: number,
  width: number,
): Plot.PlotOptions {
  return {
    width,
    height: 260,
    marginLeft: 48,
    style: STYLE,
    color: { legend: true, scheme: 'observable10', domain: [...groups] },
    x: { domain: [1, Math.max(2, maxRound)], label: 'round →', ticks: roundTicks(maxRound), tickFormat: 'd' },
    y: { ...yAxis(yDomain), label: `↑ ${label} (median)`, grid: true },
    marks: [
      Plot.lineY(rows, { x: 'round', y: 'median', stroke: 'group', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'round', y: 'median', fill: 'group', r: 2.5, tip: true }),
    ],
  };
}

export interface PassageRow extends RungPassage {
  readonly group: string;
}

/** Share of matches in which Red went past each rung, with intervals, groups side by side. */
export function escalationChart(
  rows: readonly PassageRow[],
  groups: readonly string[],
  width: number,
): Plot.PlotOptions {
  const shown = rows.filter((r) => !r.atStart);
  return {
    width,
    height: 60 + 22 * groups.length * 5,
    marginLeft: 110,
    marginRight: 40,
    style: STYLE,
    color: { legend: true, scheme: 'observable10', domain: [...groups] },
    x: { domain: [0, 100], percent: true, grid: true, label: 'share of matches past the rung (%) →' },
    fy: { label: null },
    y: { domain: [...groups], axis: null },
    marks: [
      Plot.barX(shown, { x: 'p', y: 'group', fy: (r: PassageRow) => `${r.rung} ${r.name}`, fill: 'group' }),
      Plot.ruleY(shown, {
        y: 'group',
        fy: (r: PassageRow) => `${r.rung} ${r.name}`,
        x1: 'low',
        x2: 'high',
        stroke: '#e3ebf3',
      }),
      Plot.ruleX([0], { stroke: '#29415a' }),
    ],
  };
}
