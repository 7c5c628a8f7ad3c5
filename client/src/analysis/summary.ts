/**
 * Reading a batch summary (`island-chain analyze --json`, the `BatchSummary` of
 * analysis/stats.ts) in the browser: the shape is checked field by field so a wrong file
 * says what is wrong instead of drawing nothing. Only what the charts use is required.
 */
import type { BatchSummary, GroupSummary } from '../../../analysis/stats.ts';
import { err, ok, type Result } from '../../../game/index.ts';

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function checkGroup(g: unknown, i: number): string | null {
  const at = `groups[${i}]`;
  if (!isObject(g)) return `"${at}" must be an object`;
  for (const f of ['scenario', 'name'] as const)
    if (typeof g[f] !== 'string') return `"${at}.${f}" must be a string`;
  if (!isNum(g.games)) return `"${at}.games" must be a number`;
  if (!Array.isArray(g.outcomes)) return `"${at}.outcomes" must be an array`;
  for (const [j, o] of g.outcomes.entries())
    if (!isObject(o) || typeof o.outcome !== 'string' || !isNum(o.p) || !isNum(o.low) || !isNum(o.high))
      return `"${at}.outcomes[${j}]" must be { outcome, count, p, low, high }`;
  if (!isObject(g.bands)) return `"${at}.bands" must be an object of series`;
  for (const [k, series] of Object.entries(g.bands)) {
    if (!Array.isArray(series)) return `"${at}.bands.${k}" must be an array`;
    for (const [j, b] of series.entries())
      if (!isObject(b) || !isNum(b.round) || !isNum(b.q1) || !isNum(b.median) || !isNum(b.q3))
        return `"${at}.bands.${k}[${j}]" must be { round, q1, median, q3 }`;
  }
  if (g.escalation !== undefined && !Array.isArray(g.escalation))
    return `"${at}.escalation" must be an array`;
  if (g.deterrence !== undefined && !Array.isArray(g.deterrence))
    return `"${at}.deterrence" must be an array`;
  return null;
}

/** Checks parsed JSON against the summary's shape; the error names the first wrong field. */
export function parseSummary(json: unknown): Result<BatchSummary, string> {
  if (!isObject(json)) return err('a batch summary is a JSON object');
  if (typeof json.rulesVersion !== 'string')
    return err('missing "rulesVersion": is this a summary from `analyze --json`?');
  if (!Array.isArray(json.groups))
    return err('"groups" must be an array (one entry per scenario or variant)');
  if (json.groups.length === 0) return err('"groups" is empty: the batch has no scenarios');
  for (const [i, g] of json.groups.entries()) {
    const problem = checkGroup(g, i);
    if (problem) return err(problem);
  }
  return ok(json as unknown as BatchSummary);
}

export function parseSummaryText(text: string): Result<BatchSummary, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err(`the file is not JSON (${(e as Error).message})`);
  }
  return parseSummary(json);
}

/** A group's title: the scenario's name, and the varied value if any. */
export const groupTitle = (g: GroupSummary): string => (g.variant ? `${g.name} · ${g.variant}` : g.name);

/** A short key for a group (scenario id and variant), unique in a summary. */
export const groupKey = (g: GroupSummary): string =>
  g.variant ? `${g.scenario} (${g.variant})` : g.scenario;

/** Readable names of the per-round series (`SERIES_KEYS` in analysis/stats.ts). */
export function seriesLabel(key: string): string {
  const names: Record<string, string> = {
    escalation: 'Escalation rung',
    redBestTemptation: "Red's best temptation",
    deterrenceMargin: 'Deterrence margin (resolve − temptation)',
    cohesion: 'Alliance cohesion',
    commandLevel: 'Command architecture level',
    capacity: 'Coordination capacity',
    japanSupport: 'Japan public support',
    taiwanWill: 'Taiwan public will',
    energyDays: 'Taiwan energy stocks (days)',
  };
  const [group, faction] = key.split('.');
  if (faction) {
    const what: Record<string, string> = {
      stockpiles: 'munitions stockpile',
      budgets: 'budget points',
      losses: 'losses (steps, cumulative)',
    };
    return `${faction === 'us' ? 'US' : faction!.replace(/^\w/, (c) => c.toUpperCase())} ${what[group!] ?? group}`;
  }
  return names[key] ?? key;
}

/**
 * Round ticks for an x axis: whole rounds only, every round up to 12 and an even step
 * beyond, so the axis never reads "1 2 2 3 3" (Plot's half-round ticks formatted as integers).
 */
export function roundTicks(maxRound: number): number[] {
  const last = Math.max(2, Math.ceil(maxRound));
  const step = Math.max(1, Math.ceil(last / 12));
  const ticks: number[] = [];
  for (let r = 1; r <= last; r += step) ticks.push(r);
  return ticks;
}

/** A value axis: a domain rounded out to whole ticks, the ticks, and their labels. */
export interface ValueAxis {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  readonly format: (x: number) => string;
}

/**
 * A y axis with about `count` ticks at 1, 2 or 5 × 10ⁿ (as d3 picks them), labelled with
 * exactly the decimals the step needs: "0 2 4 6", "0.0 0.5 1.0", "0.00 0.05 0.10" — never
 * "6.0 5.0 4.0", "-0" or "0.000000" (a flat series gets an axis of ±1 around its value).
 */
export function valueAxis(lo: number, hi: number, count = 6): ValueAxis {
  // A span under a thousandth (the engine's resolution) is a flat line: give it ±1 around it.
  if (!(hi - lo >= 1e-3)) return valueAxis(lo - 1, hi + 1, count);
  const raw = (hi - lo) / count;
  let power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  let mult = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  if (mult === 10) {
    mult = 1;
    power += 1;
  }
  const digits = Math.max(0, -power);
  const step = mult * 10 ** power;
  const at = (k: number): number => Number((k * step).toFixed(digits));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(at(k));
  const format = (x: number): string => {
    const t = x.toFixed(digits);
    return Number(t) === 0 ? (0).toFixed(digits) : t;
  };
  return { domain: [at(first), at(last)], ticks, format };
}

/** A y domain for a series: its quartiles and medians, with zero in view and never a flat line. */
export function valueDomain(values: readonly number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  return hi - lo < 1e-9 ? [lo - 1, hi + 1] : [lo, hi];
}

/** Series read from Red's deterrence estimate: without a rung above there is nothing to read. */
export const DETERRENCE_SERIES: ReadonlySet<string> = new Set(['deterrenceMargin', 'redBestTemptation']);

/** The top of the escalation ladder (rung 5, invasion). */
const TOP_RUNG = 5;

/**
 * True when a group's matches sat at the top rung in every round (at least three in four,
 * by the escalation band's first quartile): Red had no rung above, so its deterrence
 * estimate is empty and the margin series is a flat 0 that means nothing.
 */
export function noRungAbove(g: GroupSummary, key: string): boolean {
  if (!DETERRENCE_SERIES.has(key)) return false;
  const esc = g.bands.escalation ?? [];
  return esc.length > 0 && esc.every((b) => b.q1 >= TOP_RUNG);
}
