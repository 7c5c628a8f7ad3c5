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
