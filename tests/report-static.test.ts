/**
 * The after-action report's charts are static (issue 10, "Static reports"): for every golden
 * record the page holds no `<script>` element, and one `<svg>` per chart with its title and
 * description, data marks (one point per round where the series has a value), both axis
 * titles and tick labels, and a data table with a row per round; the tick arithmetic and the
 * series values are checked against the replayed state.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordFile } from '../cli/load.ts';
import { RUNGS } from '../game/index.ts';
import { replay } from '../match/index.ts';
import { chartSpecs, renderReport } from '../report/aar.ts';
import { chartSvg, niceTicks } from '../report/charts.ts';
import { getScenario } from '../scenarios/index.ts';

const GOLDEN = join(resolve(import.meta.dirname, '..'), 'tests', 'golden');
const CHART_IDS = [
  'escalation',
  'deterrence',
  'politics',
  'energy',
  'budgets',
  'stockpiles',
  'losses',
  'capacity',
];

/** The inner text of the chart's container (charts never nest a `<div>`). */
const chartOf = (html: string, id: string): string => {
  const start = html.indexOf(`<div class="plot" id="chart-${id}">`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</div>', start));
};
const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

describe.each(readdirSync(GOLDEN).filter((f) => f.endsWith('.record.json')))(
  'static charts of %s',
  (file) => {
    const record = readRecordFile(join(GOLDEN, file));
    const scenario = getScenario(record.scenarioId);
    if (!scenario) throw new Error(`no scenario ${record.scenarioId}`);
    const res = replay(record, scenario);
    const html = renderReport(record, scenario, res);
    const rounds = res.state.history.length;

    it('has no script at all, so nothing waits on one', () => {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<noscript/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
    });

    it('has one SVG per chart, with a title, a description, data marks and labelled axes', () => {
      expect(count(html, /<svg[\s>]/g)).toBe(CHART_IDS.length);
      for (const id of CHART_IDS) {
        const svg = chartOf(html, id);
        expect(count(svg, /<svg[\s>]/g), id).toBe(1);
        expect(svg, id).toMatch(new RegExp(`role="img" aria-labelledby="${id}-title ${id}-desc"`));
        expect(svg, id).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`));
        expect(svg, id).toMatch(new RegExp(`<desc id="${id}-desc">[^<]{40,}</desc>`));
        const marks = count(svg, /<(?:path|rect|circle) class="(?:line|area|bar|dot)"/g);
        if (svg.includes('class="empty"')) expect(svg, id).toContain('No rung above the current one');
        else expect(marks, id).toBeGreaterThan(0);
        expect(svg, id).toContain('>Round →</text>');
        expect(svg, id).toMatch(/<text class="axis-label"[^>]*>↑ [^<]+<\/text>/);
        expect(count(svg, /<text class="tick"[^>]*text-anchor="end">/g), `${id} y ticks`).toBeGreaterThan(1);
        expect(count(svg, /<text class="tick"[^>]*text-anchor="middle">\d+<\/text>/g), `${id} x ticks`).toBe(
          rounds,
        );
      }
    });

    it('draws a point per round on the escalation ladder at its rung, each with its value as a tooltip', () => {
      const svg = chartOf(html, 'escalation');
      const dots = [...svg.matchAll(/<circle class="dot"[^>]*><title>Round (\d+) · escalation: (\d) /g)];
      expect(dots.map((d) => Number(d[1]))).toEqual(res.state.history.map((h) => h.round));
      expect(dots.map((d) => Number(d[2]))).toEqual(res.state.history.map((h) => h.escalation));
      for (const [i, r] of RUNGS.entries()) expect(svg).toContain(`>${i} ${r}</text>`);
    });

    it('has a data table beside every chart with a row per round', () => {
      const specs = chartSpecs(res.state, res.roundStates, scenario);
      expect(specs.map((s) => s.id)).toEqual(CHART_IDS);
      for (const spec of specs) {
        const fig = html.slice(
          html.indexOf(`id="fig-${spec.id}"`),
          html.indexOf('</figure>', html.indexOf(`id="fig-${spec.id}"`)),
        );
        if (spec.series.every((s) => s.values.every((v) => v === null))) continue;
        expect(fig, spec.id).toContain('<details class="chart-data"><summary>Data</summary><table>');
        expect(count(fig, /<tbody>.*<\/tbody>/gs), spec.id).toBe(1);
        expect(count(fig.slice(fig.indexOf('<tbody>')), /<tr><th scope="row">\d+<\/th>/g), spec.id).toBe(
          rounds,
        );
      }
      const losses = specs.find((s) => s.id === 'losses');
      expect(losses?.series.find((s) => s.name === 'china')?.values).toEqual(
        res.state.history.map((h) => h.losses.china),
      );
    });
  },
);

describe('chart arithmetic', () => {
  it('widens a domain to whole steps of 1, 2 or 5 × 10ⁿ', () => {
    expect(niceTicks(0, 87)).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceTicks(-1.1, 2.1)).toEqual({
      domain: [-1.5, 2.5],
      ticks: [-1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5],
    });
    expect(niceTicks(0, 0).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('breaks a line where a series has no value, and keeps a point for each value', () => {
    const svg = chartSvg({
      id: 't',
      title: 'T',
      caption: 'C.',
      rounds: [1, 2, 3, 4, 5],
      y: { label: 'v' },
      series: [{ name: 's', color: '#000', kind: 'line', values: [1, 2, null, 4, 5] }],
    });
    expect(count(svg, /<path class="line"/g)).toBe(2);
    expect(count(svg, /<circle class="dot"/g)).toBe(4);
    expect(svg).toContain(
      '<desc id="t-desc">C. Rounds 1–5. s: 1 in round 1, 5 in round 5 (lowest 1, highest 5).</desc>',
    );
  });
});
