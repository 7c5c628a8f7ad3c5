/**
 * Batch analysis (DESIGN.md section 1 "Analysis"; section 9's score vector): seeds derived
 * from a batch seed, one seeded match reduced to a compact result, and the statistics of a
 * batch — outcome shares with Wilson intervals, quartiles of losses, how often and when
 * Red escalated past each rung, Red's deterrence estimate and track bands over rounds,
 * and the effect of one varied scenario parameter (Newcombe intervals on differences).
 * Pure: no I/O, no clock, no unseeded randomness; the CLI (cli/analyze.ts) runs and prints.
 */
import {
  type ByFaction,
  byFaction,
  err,
  FACTIONS,
  type Faction,
  loadScenario,
  MAX_RUNG,
  type MatchState,
  mergeScenario,
  OUTCOMES,
  type OutcomeCategory,
  ok,
  type Result,
  type RoundSummary,
  RUNGS,
  type Scenario,
  scoreVector,
  UNIT_CATEGORIES,
} from '../game/index.ts';
import { runMatch, type Seats, stateHash } from '../match/index.ts';

// ---------------------------------------------------------------------------------------
// Statistics

/** The standard normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** A proportion and its confidence interval. */
export interface Interval {
  readonly p: number;
  readonly low: number;
  readonly high: number;
}

/**
 * Wilson score interval for k successes in n trials (95% by default). With no trials the
 * share is unknown: p 0 and the interval [0, 1].
 */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (n <= 0) return { p: 0, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { p, low: k <= 0 ? 0 : Math.max(0, centre - half), high: k >= n ? 1 : Math.min(1, centre + half) };
}

/** A difference of two shares (`b − a`) and its interval. */
export interface Difference {
  readonly diff: number;
  readonly low: number;
  readonly high: number;
}

/**
 * Newcombe's hybrid score interval (his method 10) for the difference of two independent
 * proportions kb/nb − ka/na, built from the two Wilson intervals. With common seeds the
 * samples are paired, so this interval is conservative.
 */
export function newcombe(ka: number, na: number, kb: number, nb: number, z = Z95): Difference {
  const a = wilson(ka, na, z);
  const b = wilson(kb, nb, z);
  const diff = b.p - a.p;
  return {
    diff,
    low: diff - Math.sqrt((b.p - b.low) ** 2 + (a.high - a.p) ** 2),
    high: diff + Math.sqrt((b.high - b.p) ** 2 + (a.p - a.low) ** 2),
  };
}

/**
 * Quantile `q` (0–1) of ascending `sorted` values by linear interpolation between order
 * statistics (Hyndman and Fan's type 7, the default of R and NumPy). NaN when empty.
 */
export function quantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const x0 = sorted[lo] ?? Number.NaN;
  const x1 = sorted[Math.min(lo + 1, n - 1)] ?? x0;
  return x0 + (h - lo) * (x1 - x0);
}

/** Count, mean, extremes and quartiles of a sample. */
export interface Spread {
  readonly n: number;
  readonly mean: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
}

/** Rounds to 4 decimals, so summaries do not carry floating-point noise. */
export const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** The spread of `values` (any order); null when there are none. */
export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    mean: r4(s.reduce((a, b) => a + b, 0) / s.length),
    min: r4(s[0] ?? 0),
    q1: r4(quantile(s, 0.25)),
    median: r4(quantile(s, 0.5)),
    q3: r4(quantile(s, 0.75)),
    max: r4(s[s.length - 1] ?? 0),
  };
}

const median = (values: readonly number[]): number | null =>
  values.length === 0
    ? null
    : r4(
        quantile(
          [...values].sort((a, b) => a - b),
          0.5,
        ),
      );

// ---------------------------------------------------------------------------------------
// Seeds and scenario variants

/** The seed of game `game` (1-based) of a batch with seed `batchSeed`: `"<batchSeed>-<game>"`. */
export const deriveSeed = (batchSeed: string, game: number): string => `${batchSeed}-${game}`;

/** `--vary key=v1,v2`: a dotted scenario field and the values to run it at. */
export interface VarySpec {
  readonly key: string;
  readonly values: readonly string[];
}

/** Parses `tracks.alliance.commandLevel=0,1,2`; the error says what is wrong with the text. */
export function parseVary(text: string): Result<VarySpec, string> {
  const eq = text.indexOf('=');
  const key = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (eq < 0 || !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(key))
    return err(
      `"${text}" is not key=v1,v2 with a dotted scenario field, e.g. tracks.alliance.commandLevel=0,2`,
    );
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim());
  if (values.length === 0 || values.some((v) => v === ''))
    return err(`"${text}" needs a comma-separated list of values after "=" (no empty ones)`);
  if (new Set(values).size !== values.length) return err(`"${text}" lists a value twice`);
  return ok({ key, values });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The scenario with one field set: `key` is a dotted path that must already exist and hold
 * a number, text or true/false; `value` is read as that kind. The result is merged with
 * `mergeScenario` and validated again with `loadScenario`, so a value out of range is an
 * error naming the field. Setting a field to the value it has gives back the same hash.
 */
export function varyScenario(base: Scenario, key: string, value: string): Result<Scenario, string> {
  const { hash: _hash, ...raw } = base;
  const parts = key.split('.');
  let node: unknown = raw;
  for (const [i, part] of parts.entries()) {
    const here = parts.slice(0, i).join('.');
    if (Array.isArray(node))
      return err(`"${key}": ${here} is a list; --vary sets one number, text or true/false field`);
    if (!isPlainObject(node) || !Object.hasOwn(node, part)) {
      const fields = isPlainObject(node) ? Object.keys(node).join(', ') : '';
      return err(
        `"${key}" is not a field of scenario ${base.id}${fields ? ` (${here || 'the top level'} has: ${fields})` : ''}`,
      );
    }
    node = node[part];
  }
  let parsed: number | string | boolean;
  if (typeof node === 'number') {
    parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed)) return err(`"${key}": "${value}" is not a number`);
  } else if (typeof node === 'boolean') {
    if (value !== 'true' && value !== 'false') return err(`"${key}": "${value}" is not true or false`);
    parsed = value === 'true';
  } else if (typeof node === 'string') parsed = value;
  else
    return err(
      `"${key}" is ${Array.isArray(node) ? 'a list' : 'a group of fields'}; --vary sets one number, text or true/false field`,
    );
  const override = parts.reduceRight<unknown>((inner, part) => ({ [part]: inner }), parsed);
  const r = loadScenario(mergeScenario(raw, override));
  if (!r.ok)
    return err(`"${key}=${value}": ${r.error.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}`);
  return ok(r.value);
}

// ---------------------------------------------------------------------------------------
// One match

/** Unit categories in the fixed order of the loss columns. */
export const LOSS_CATEGORIES: readonly string[] = UNIT_CATEGORIES;

/** End-of-match tracks (the keys of `scoreVector(s).tracks`) in the fixed order of their columns. */
export const TRACK_KEYS = [
  'escalation',
  'legalStatus',
  'commandLevel',
  'cohesion',
  'japanSpending',
  'japanSupport',
  'coalitionSeats',
  'usCommitment',
  'usIntervening',
  'burdenSharing',
  'chinaStanding',
  'taiwanWill',
  'energyDays',
] as const;

/** Per-round series kept from `MatchState.history`, flattened: `stockpiles.japan` and so on. */
export const SERIES_KEYS: readonly string[] = [
  'escalation',
  'redBestTemptation',
  'deterrenceMargin',
  'cohesion',
  'commandLevel',
  'capacity',
  'japanSupport',
  'taiwanWill',
  'energyDays',
  ...(['stockpiles', 'budgets', 'losses'] as const).flatMap((k) => FACTIONS.map((f) => `${k}.${f}`)),
];

/** The value of a flattened series key in one round's summary. */
export function seriesValue(h: RoundSummary, key: string): number {
  const [group, faction] = key.split('.') as [string, Faction | undefined];
  const v = (h as unknown as Record<string, unknown>)[group];
  if (faction) return (v as ByFaction<number>)[faction];
  return v as number;
}

/** What a batch keeps of one match: the score vector, the final hash and the round series. */
export interface GameResult {
  readonly game: number;
  readonly seed: string;
  readonly outcome: OutcomeCategory | null;
  readonly reason: string;
  readonly rounds: number;
  readonly peakEscalation: number;
  readonly peakRound: number;
  readonly losses: ByFaction<Readonly<Record<string, number>>>;
  readonly totalLosses: ByFaction<number>;
  readonly tracks: Readonly<Record<string, number | string | boolean>>;
  readonly zoneControl: Readonly<Record<string, Faction>>;
  readonly actions: number;
  readonly rejected: number;
  readonly finalHash: string;
  /** Per-round values by `SERIES_KEYS`, one entry per adjudicated round. */
  readonly series: Readonly<Record<string, readonly number[]>>;
}

/** Reduces a finished match to its `GameResult`. */
export function gameResult(
  state: MatchState,
  meta: { readonly game: number; readonly seed: string; readonly actions: number; readonly rejected: number },
): GameResult {
  const score = scoreVector(state);
  return {
    ...meta,
    outcome: score.outcome,
    reason: state.outcome?.reason ?? '',
    rounds: score.rounds,
    peakEscalation: score.peakEscalation,
    peakRound: score.peakRound,
    losses: score.losses,
    totalLosses: score.totalLosses,
    tracks: score.tracks,
    zoneControl: score.zoneControl,
    finalHash: stateHash(state),
    series: Object.fromEntries(SERIES_KEYS.map((k) => [k, state.history.map((h) => seriesValue(h, k))])),
  };
}

/** Plays game `game` of a batch through `runMatch` with the derived seed. */
export function playGame(scenario: Scenario, seats: Seats, batchSeed: string, game: number): GameResult {
  const seed = deriveSeed(batchSeed, game);
  // Only the final hash goes into the batch, so the per-round hashes are skipped.
  const { record, state, rejected } = runMatch(scenario, seats, seed, { roundHashes: false });
  return gameResult(state, { game, seed, actions: record.actions.length, rejected });
}

// ---------------------------------------------------------------------------------------
// A batch

export interface OutcomeShare extends Interval {
  readonly outcome: OutcomeCategory;
  readonly count: number;
}

/** How often Red's escalation went past a rung, and the median round it first did. */
export interface RungPassage extends Interval {
  readonly rung: number;
  readonly name: string;
  /** The scenario starts above this rung: every match is past it from round 1. */
  readonly atStart: boolean;
  readonly count: number;
  readonly medianRound: number | null;
}

/** Red's deterrence estimate in one round, over the matches that had a rung above the current one. */
export interface DeterrenceRound {
  readonly round: number;
  readonly n: number;
  readonly meanTemptation: number;
  readonly meanMargin: number;
  /** Share of those matches in which Red was deterred (margin > 0). */
  readonly deterred: number;
}

export interface BandRound {
  readonly round: number;
  readonly n: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly mean: number;
}

/** The statistics of one scenario (or one variant of it) over a batch. */
export interface GroupSummary {
  readonly scenario: string;
  readonly name: string;
  readonly scenarioHash: string;
  readonly variant: string | null;
  readonly games: number;
  readonly outcomes: readonly OutcomeShare[];
  readonly rounds: Spread | null;
  readonly peakEscalation: Spread | null;
  readonly losses: ByFaction<Spread | null>;
  /** Mean steps lost per match by unit category (categories with any loss). */
  readonly meanLossesByType: ByFaction<Readonly<Record<string, number>>>;
  readonly escalation: readonly RungPassage[];
  readonly deterrence: readonly DeterrenceRound[];
  /** Quartile bands of every `SERIES_KEYS` series by round, over the matches that reached it. */
  readonly bands: Readonly<Record<string, readonly BandRound[]>>;
  /** Spread of each numeric end-of-match track. */
  readonly finalTracks: Readonly<Record<string, Spread | null>>;
}

const withInterval = (count: number, n: number): Interval => {
  const w = wilson(count, n);
  return { p: r4(w.p), low: r4(w.low), high: r4(w.high) };
};

/** First round whose escalation is above `rung`; the peak round if the series never shows it. */
function firstRoundPast(r: GameResult, rung: number): number | null {
  const i = (r.series.escalation ?? []).findIndex((e) => e > rung);
  if (i >= 0) return i + 1;
  return r.peakEscalation > rung ? r.peakRound : null;
}

function rungPassages(startRung: number, results: readonly GameResult[]): RungPassage[] {
  const n = results.length;
  return RUNGS.slice(0, MAX_RUNG).map((name, rung) => {
    if (startRung > rung)
      return { rung, name, atStart: true, count: n, ...withInterval(n, n), medianRound: 1 };
    const rounds = results.map((r) => firstRoundPast(r, rung)).filter((x): x is number => x !== null);
    return {
      rung,
      name,
      atStart: false,
      count: rounds.length,
      ...withInterval(rounds.length, n),
      medianRound: median(rounds),
    };
  });
}

const maxRounds = (results: readonly GameResult[]): number =>
  Math.max(0, ...results.map((r) => r.series.escalation?.length ?? 0));

function deterrenceRounds(results: readonly GameResult[]): DeterrenceRound[] {
  const out: DeterrenceRound[] = [];
  for (let i = 0; i < maxRounds(results); i++) {
    const rows = results.filter((r) => (r.series.escalation?.[i] ?? MAX_RUNG) < MAX_RUNG);
    const at = (r: GameResult, k: string): number => r.series[k]?.[i] ?? 0;
    const n = rows.length;
    const mean = (k: string): number => (n === 0 ? 0 : r4(rows.reduce((a, r) => a + at(r, k), 0) / n));
    out.push({
      round: i + 1,
      n,
      meanTemptation: mean('redBestTemptation'),
      meanMargin: mean('deterrenceMargin'),
      deterred: n === 0 ? 0 : r4(rows.filter((r) => at(r, 'deterrenceMargin') > 0).length / n),
    });
  }
  return out;
}

function bands(results: readonly GameResult[]): Record<string, BandRound[]> {
  const rounds = maxRounds(results);
  return Object.fromEntries(
    SERIES_KEYS.map((k) => {
      const series: BandRound[] = [];
      for (let i = 0; i < rounds; i++) {
        const s = spread(results.flatMap((r) => (r.series[k]?.[i] === undefined ? [] : [r.series[k]![i]!])));
        if (s) series.push({ round: i + 1, n: s.n, q1: s.q1, median: s.median, q3: s.q3, mean: s.mean });
      }
      return [k, series];
    }),
  );
}

/** Summarizes the matches of one scenario (or one variant of it). */
export function summarizeGroup(
  scenario: Scenario,
  variant: string | null,
  results: readonly GameResult[],
): GroupSummary {
  const n = results.length;
  const outcomes = OUTCOMES.map((outcome) => {
    const count = results.filter((r) => r.outcome === outcome).length;
    return { outcome, count, ...withInterval(count, n) };
  });
  const numericTracks = Object.keys(results[0]?.tracks ?? {}).filter(
    (k) => typeof results[0]?.tracks[k] === 'number',
  );
  return {
    scenario: scenario.id,
    name: scenario.name,
    scenarioHash: scenario.hash,
    variant,
    games: n,
    outcomes,
    rounds: spread(results.map((r) => r.rounds)),
    peakEscalation: spread(results.map((r) => r.peakEscalation)),
    losses: byFaction((f) => spread(results.map((r) => r.totalLosses[f]))),
    meanLossesByType: byFaction((f) => {
      const out: Record<string, number> = {};
      for (const c of LOSS_CATEGORIES) {
        const total = results.reduce((a, r) => a + (r.losses[f][c] ?? 0), 0);
        if (total > 0) out[c] = r4(total / n);
      }
      return out;
    }),
    escalation: rungPassages(scenario.escalation, results),
    deterrence: deterrenceRounds(results),
    bands: bands(results),
    finalTracks: Object.fromEntries(
      numericTracks.map((k) => [k, spread(results.map((r) => r.tracks[k] as number))]),
    ),
  };
}

/** The difference in outcome shares between a variant and the first value of `--vary`. */
export interface VariantEffect {
  readonly scenario: string;
  readonly baseline: string;
  readonly variant: string;
  readonly outcomes: readonly ({ readonly outcome: OutcomeCategory } & Difference)[];
}

/** For each scenario, each later variant against the first: differences of outcome shares with 95% intervals. */
export function variantEffects(groups: readonly GroupSummary[]): VariantEffect[] {
  const out: VariantEffect[] = [];
  for (const id of [...new Set(groups.map((g) => g.scenario))]) {
    const [base, ...rest] = groups.filter((g) => g.scenario === id && g.variant !== null);
    if (!base) continue;
    for (const g of rest)
      out.push({
        scenario: id,
        baseline: base.variant ?? '',
        variant: g.variant ?? '',
        outcomes: OUTCOMES.map((outcome) => {
          const ka = base.outcomes.find((o) => o.outcome === outcome)?.count ?? 0;
          const kb = g.outcomes.find((o) => o.outcome === outcome)?.count ?? 0;
          const d = newcombe(ka, base.games, kb, g.games);
          return { outcome, diff: r4(d.diff), low: r4(d.low), high: r4(d.high) };
        }),
      });
  }
  return out;
}

/** The summary a batch writes with `--json` (deterministic: no timing, no worker count). */
export interface BatchSummary {
  readonly rulesVersion: string;
  readonly seed: string;
  readonly gamesPerGroup: number;
  readonly seats: Readonly<Record<Faction, string>>;
  readonly vary: VarySpec | null;
  readonly groups: readonly GroupSummary[];
  readonly effects: readonly VariantEffect[];
}
