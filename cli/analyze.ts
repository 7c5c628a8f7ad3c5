/**
 * `island-chain analyze`: a batch of seeded bot matches per scenario (and per value of one
 * varied parameter) through the pure harness, spread over worker threads, with a progress
 * bar, one CSV row per match and a side-by-side summary. The statistics are in
 * analysis/stats.ts; this file runs the workers, formats and writes.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Presets, SingleBar } from 'cli-progress';
import {
  type BatchSummary,
  type GameResult,
  type GroupSummary,
  LOSS_CATEGORIES,
  parseVary,
  playGame,
  type Spread,
  summarizeGroup,
  TRACK_KEYS,
  type VarySpec,
  variantEffects,
  varyScenario,
} from '../analysis/stats.ts';
import { defaultPolicy, FACTIONS, OUTCOMES, RULES_VERSION, type Scenario } from '../game/index.ts';
import { parseSeats, type Seats } from '../match/index.ts';
import { num } from '../report/text.ts';
import { CliError, EXIT } from './errors.ts';
import { scenarioFromArg } from './load.ts';
import type { Io } from './program.ts';

/** What a worker thread is given once per run (structured-cloned): the scenario of each group, the seats and the batch seed. */
export interface WorkerSetup {
  readonly scenarios: readonly Scenario[];
  readonly seats: Seats;
  readonly seed: string;
}
/** One match of a run: `index` is its place in the run's results, `game` numbers its seed. */
export interface Task {
  readonly index: number;
  readonly group: number;
  readonly game: number;
}
/** Tasks for a thread; the first message of each run to a thread also carries the run's setup. */
export type ToWorker = { readonly setup?: WorkerSetup; readonly tasks: readonly Task[] };
export type FromWorker =
  | { readonly type: 'result'; readonly index: number; readonly result: GameResult }
  | { readonly type: 'idle' }
  | { readonly type: 'error'; readonly message: string; readonly stack: string };

export interface AnalyzeOptions {
  readonly scenario: readonly string[];
  readonly games: string;
  readonly seed?: string;
  readonly seats: string;
  readonly workers?: string;
  readonly out?: string;
  readonly json?: string;
  readonly vary?: string;
  readonly queue?: string;
  readonly chunkSize?: string;
  readonly prefix?: string;
}

/** One column of the batch: a scenario, or one value of the varied parameter on it. */
interface Group {
  readonly scenario: Scenario;
  readonly variant: string | null;
}

export const positiveInt = (text: string, option: string, max: number): number => {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max)
    throw new CliError(`bad ${option}: "${text}" is not a whole number from 1 to ${max}`, EXIT.usage);
  return n;
};

// ---------------------------------------------------------------------------------------
// Running the games

export interface Progress {
  /** One more match done. */
  readonly tick: () => void;
  /** `n` more matches done. */
  readonly advance: (n: number) => void;
  readonly stop: () => void;
}

/**
 * Reports progress: a cli-progress bar with rate and ETA on a terminal, a plain line every
 * 10% otherwise. On a terminal, Ctrl-C stops the bar and exits 130, unless `exitOnInterrupt`
 * is false (the caller has its own handler that cleans up first).
 */
export function progressReporter(io: Io, total: number, exitOnInterrupt = true): Progress {
  const start = Date.now();
  let done = 0;
  const rate = (): string => num(done / Math.max(0.001, (Date.now() - start) / 1000));
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        format: 'analyze [{bar}] {percentage}% · {value}/{total} matches · {rate}/s · ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '0' });
    // Ctrl-C stops the bar first, so the terminal gets its cursor back.
    const interrupt = (): void => {
      bar.stop();
      if (exitOnInterrupt) process.exit(130);
    };
    process.once('SIGINT', interrupt);
    const advance = (n: number): void => {
      done += n;
      bar.update(done, { rate: rate() });
    };
    return {
      tick: () => advance(1),
      advance,
      stop: () => {
        process.off('SIGINT', interrupt);
        bar.stop();
      },
    };
  }
  const step = Math.max(1, Math.ceil(total / 10));
  const advance = (n: number): void => {
    const before = done;
    done += n;
    // A line each time the count crosses a tenth, and at the end.
    if (Math.floor(done / step) === Math.floor(before / step) && (done !== total || before === total)) return;
    const elapsed = (Date.now() - start) / 1000;
    const left = done > 0 ? (elapsed / done) * (total - done) : 0;
    io.err(
      `analyze: ${done}/${total} matches (${Math.round((done / total) * 100)}%) · ${rate()}/s · ~${Math.ceil(left)} s left`,
    );
  };
  return { tick: () => advance(1), advance, stop: () => undefined };
}

/**
 * Starts a worker thread on cli/worker.ts. Node 20 does not apply a worker's `--import tsx`
 * to its entry file (ERR_UNKNOWN_FILE_EXTENSION), so a one-line bootstrap registers tsx's
 * loader (resolved from this file, whatever the working directory) and then imports it.
 */
function startWorker(): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

/** Worker threads that play runs of tasks one run at a time; `island-chain worker` keeps one for its life. */
export interface ThreadPool {
  readonly size: number;
  /** Plays every task and returns the results by task index, so the order never depends on the threads. */
  run(setup: WorkerSetup, tasks: readonly Task[], tick: () => void): Promise<GameResult[]>;
  close(): Promise<void>;
}

/** Starts `size` worker threads. After a failed run the pool is broken: close it and start another. */
export function startPool(size: number): ThreadPool {
  const threads = Array.from({ length: size }, () => startWorker());
  let current: { message: (w: Worker, msg: FromWorker) => void; fail: (e: Error) => void } | null = null;
  let broken: Error | null = null;
  let closing = false;
  const fail = (e: Error): void => {
    broken ??= e;
    current?.fail(e);
  };
  for (const w of threads) {
    w.on('message', (msg: FromWorker) => current?.message(w, msg));
    w.on('error', fail);
    w.on('exit', (code) => {
      if (!closing) fail(new Error(`a worker thread stopped (exit code ${code}) before the batch ended`));
    });
  }
  return {
    size,
    async run(setup, tasks, tick) {
      if (broken) throw broken;
      if (current) throw new Error('internal: the thread pool is already running a batch');
      const results: GameResult[] = new Array(tasks.length);
      if (tasks.length === 0) return results;
      let next = 0;
      let remaining = tasks.length;
      const hasSetup = new Set<Worker>();
      try {
        await new Promise<void>((resolve, reject) => {
          const feed = (w: Worker): void => {
            if (next >= tasks.length) return;
            // Chunks shrink toward the end so the threads finish together.
            const chunk = Math.max(1, Math.min(16, Math.floor((tasks.length - next) / (size * 4))));
            const batch = tasks.slice(next, next + chunk);
            next += batch.length;
            w.postMessage((hasSetup.has(w) ? { tasks: batch } : { setup, tasks: batch }) satisfies ToWorker);
            hasSetup.add(w);
          };
          current = {
            message: (w, msg) => {
              if (msg.type === 'result') {
                results[msg.index] = msg.result;
                tick();
                if (--remaining === 0) resolve();
              } else if (msg.type === 'idle') feed(w);
              else fail(Object.assign(new Error(msg.message), { stack: msg.stack }));
            },
            fail: reject,
          };
          for (const w of threads) feed(w);
        });
      } finally {
        current = null;
      }
      return results;
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}

/** Plays every task on `workers` threads (on this thread for one) and returns the results by task index. */
export async function runTasks(
  setup: WorkerSetup,
  tasks: readonly Task[],
  workers: number,
  tick: () => void,
): Promise<GameResult[]> {
  if (workers <= 1) {
    const results: GameResult[] = new Array(tasks.length);
    for (const t of tasks) {
      const scenario = setup.scenarios[t.group];
      if (!scenario) throw new Error(`internal: no scenario for group ${t.group}`);
      results[t.index] = playGame(scenario, setup.seats, setup.seed, t.game);
      tick();
      // Let the progress bar draw between games.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  const pool = startPool(workers);
  try {
    return await pool.run(setup, tasks, tick);
  } finally {
    await pool.close();
  }
}

// ---------------------------------------------------------------------------------------
// CSV

const csvCell = (v: string | number | boolean | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const col = (s: string): string => s.replace(/-/g, '_');

/** The fixed CSV header: the same columns whatever the scenarios and outcomes. */
export const CSV_COLUMNS: readonly string[] = [
  'scenario',
  'scenarioHash',
  'variant',
  'game',
  'seed',
  'outcome',
  'reason',
  'rounds',
  'peakEscalation',
  'peakRound',
  ...FACTIONS.flatMap((f) => LOSS_CATEGORIES.map((c) => `loss_${f}_${col(c)}`)),
  ...FACTIONS.map((f) => `loss_${f}_total`),
  ...TRACK_KEYS.map((k) => `end_${k}`),
  'zonesTaken',
  'actions',
  'rejected',
  'finalHash',
];

function csvRow(group: Group, r: GameResult): string {
  const cells = [
    group.scenario.id,
    group.scenario.hash,
    group.variant ?? '',
    r.game,
    r.seed,
    r.outcome,
    r.reason,
    r.rounds,
    r.peakEscalation,
    r.peakRound,
    ...FACTIONS.flatMap((f) => LOSS_CATEGORIES.map((c) => r.losses[f][c] ?? 0)),
    ...FACTIONS.map((f) => r.totalLosses[f]),
    ...TRACK_KEYS.map((k) => r.tracks[k] ?? null),
    Object.entries(r.zoneControl)
      .map(([z, f]) => `${z}:${f}`)
      .join(' '),
    r.actions,
    r.rejected,
    r.finalHash,
  ];
  return cells.map(csvCell).join(',');
}

// ---------------------------------------------------------------------------------------
// The side-by-side summary

const pct = (p: number): string => `${(p * 100).toFixed(1)}%`;
const interval = (low: number, high: number): string =>
  `[${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}]`;
const signedNum = (n: number): string => (n > 0 ? `+${num(n)}` : num(n));
const spreadCell = (s: Spread | null): string => (s ? `${num(s.median)} [${num(s.q1)}–${num(s.q3)}]` : '—');

/** Splits a long header at dashes so columns stay narrow. */
function wrapHeader(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of text.split(/(?<=-)/)) {
    if (line && (line + part).length > width) {
      lines.push(line);
      line = part;
    } else line += part;
  }
  return [...lines, line];
}

type Row = readonly [label: string, cells: readonly string[]] | string;

function table(
  headers: readonly string[],
  subheaders: readonly (string | null)[],
  rows: readonly Row[],
): string[] {
  const labelW = Math.max(30, ...rows.map((r) => (typeof r === 'string' ? 0 : r[0].length + 2)));
  const cellW = Math.max(
    18,
    ...rows.flatMap((r) => (typeof r === 'string' ? [] : r[1].map((c) => c.length))),
    ...subheaders.map((s) => s?.length ?? 0),
  );
  const wrapped = headers.map((h) => wrapHeader(h, cellW));
  const depth = Math.max(...wrapped.map((w) => w.length));
  const out: string[] = [];
  for (let i = 0; i < depth; i++)
    out.push(`${''.padEnd(labelW)}${wrapped.map((w) => (w[i] ?? '').padEnd(cellW + 2)).join('')}`.trimEnd());
  if (subheaders.some((s) => s !== null))
    out.push(`${''.padEnd(labelW)}${subheaders.map((s) => (s ?? '').padEnd(cellW + 2)).join('')}`.trimEnd());
  for (const r of rows) {
    if (typeof r === 'string') out.push(r);
    else out.push(`${`  ${r[0]}`.padEnd(labelW)}${r[1].map((c) => c.padEnd(cellW + 2)).join('')}`.trimEnd());
  }
  return out;
}

const variantLabel = (v: string | null): string | null =>
  v === null ? null : v.slice(v.lastIndexOf('.') + 1);

/** The printed summary: scenarios (and variants) as columns, so an excursion reads against its base. */
export function summaryText(s: BatchSummary): string[] {
  const gs = s.groups;
  const cells = (f: (g: GroupSummary) => string): string[] => gs.map(f);
  const seen = OUTCOMES.filter((o) =>
    gs.some((g) => (g.outcomes.find((x) => x.outcome === o)?.count ?? 0) > 0),
  );
  const rows: Row[] = [
    ['games', cells((g) => String(g.games))],
    'Outcome (share of matches, 95% Wilson interval)',
    ...seen.map(
      (o): Row => [
        o,
        cells((g) => {
          const x = g.outcomes.find((y) => y.outcome === o);
          return x ? `${pct(x.p)} ${interval(x.low, x.high)}` : '—';
        }),
      ],
    ),
    'Match length and escalation (median [q1–q3])',
    ['rounds', cells((g) => spreadCell(g.rounds))],
    ['peak escalation (rung)', cells((g) => spreadCell(g.peakEscalation))],
    'Losses in steps (median [q1–q3])',
    ...FACTIONS.map((f): Row => [f, cells((g) => spreadCell(g.losses[f]))]),
  ];
  // Rungs every scenario starts above say nothing; they are left out.
  const rungs = [0, 1, 2, 3, 4].filter((rung) => gs.some((g) => g.escalation[rung]?.atStart === false));
  rows.push(
    rungs.length > 0
      ? 'Red escalated past rung (share [95%] · median round it first did)'
      : 'Red escalated past rung: — (every match starts at rung 5 invasion)',
    ...rungs.map(
      (rung): Row => [
        `${rung} ${gs[0]?.escalation[rung]?.name ?? ''}`,
        cells((g) => {
          const e = g.escalation[rung];
          if (!e) return '—';
          if (e.atStart) return 'at start';
          if (e.count === 0) return `${pct(0)} ${interval(e.low, e.high)}`;
          return `${pct(e.p)} ${interval(e.low, e.high)} · r${num(e.medianRound ?? 0)}`;
        }),
      ],
    ),
  );
  const rounds = Math.max(0, ...gs.map((g) => g.deterrence.length));
  if (gs.some((g) => g.deterrence.some((d) => d.n > 0))) {
    rows.push("Red's deterrence estimate by round (mean temptation / mean margin, share deterred)");
    for (let i = 0; i < rounds; i++)
      rows.push([
        `round ${i + 1}`,
        cells((g) => {
          const d = g.deterrence[i];
          return d && d.n > 0
            ? `${num(d.meanTemptation)} / ${signedNum(d.meanMargin)} (${Math.round(d.deterred * 100)}%)`
            : '—';
        }),
      ]);
  } else rows.push("Red's deterrence estimate: — (every round at rung 5 invasion: no rung above to weigh)");
  rows.push(
    'End of match (median [q1–q3])',
    ...(
      ['cohesion', 'taiwanWill', 'energyDays', 'japanSupport', 'usCommitment', 'chinaStanding'] as const
    ).map((k): Row => [k, cells((g) => spreadCell(g.finalTracks[k] ?? null))]),
  );
  const out = table(
    gs.map((g) => g.scenario),
    gs.map((g) => variantLabel(g.variant)),
    rows,
  );
  if (s.effects.length > 0) {
    const shown = OUTCOMES.filter((o) =>
      s.effects.some((e) => e.outcomes.some((x) => x.outcome === o && (x.diff !== 0 || seen.includes(o)))),
    );
    out.push('');
    out.push(
      ...table(
        s.effects.map((e) => e.scenario),
        s.effects.map(
          (e) => `${variantLabel(e.variant)} vs ${variantLabel(e.baseline)?.split('=')[1] ?? ''}`,
        ),
        [
          `Effect of ${s.vary?.key ?? ''}: change in outcome share against the first value (points, 95% Newcombe interval)`,
          ...shown.map(
            (o): Row => [
              o,
              s.effects.map((e) => {
                const x = e.outcomes.find((y) => y.outcome === o);
                if (!x) return '—';
                const p = (v: number): string => `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}`;
                return `${p(x.diff)} [${p(x.low)}, ${p(x.high)}]`;
              }),
            ],
          ),
        ],
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The command

function writeOut(file: string, text: string, what: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new CliError(`cannot write ${what} "${file}": ${(e as Error).message}`, EXIT.input);
  }
}

function buildGroups(scenarios: readonly Scenario[], vary: VarySpec | null): Group[] {
  if (!vary) return scenarios.map((scenario) => ({ scenario, variant: null }));
  return scenarios.flatMap((base) =>
    vary.values.map((value) => {
      const r = varyScenario(base, vary.key, value);
      if (!r.ok) throw new CliError(`bad --vary: ${r.error}`, EXIT.usage);
      return { scenario: r.value, variant: `${vary.key}=${value}` };
    }),
  );
}

/** `analyze`: runs the batch, prints the summary, writes the CSV and the JSON summary. */
export async function analyze(io: Io, opts: AnalyzeOptions): Promise<void> {
  if (opts.scenario.length === 0)
    throw new CliError('analyze needs at least one --scenario <id|file>', EXIT.usage);
  const games = positiveInt(opts.games, '--games', 1_000_000);
  // BullMQ and ioredis load only for a queued batch.
  const q = opts.queue === undefined ? null : await import('./queue.ts');
  const queue = q && opts.queue !== undefined ? q.parseQueueUrl(opts.queue) : null;
  if (queue && opts.workers !== undefined)
    throw new CliError(
      '--workers sets local threads; with --queue, give it to each island-chain worker instead',
      EXIT.usage,
    );
  if (!queue && (opts.chunkSize !== undefined || opts.prefix !== undefined))
    throw new CliError('--chunk-size and --prefix apply only with --queue', EXIT.usage);
  const chunkSize =
    opts.chunkSize === undefined
      ? (q?.DEFAULT_CHUNK_SIZE ?? 0)
      : positiveInt(opts.chunkSize, '--chunk-size', 100_000);
  const prefix = q?.parsePrefix(opts.prefix);
  const requested =
    opts.workers === undefined ? availableParallelism() : positiveInt(opts.workers, '--workers', 256);
  const seatsParsed = parseSeats(opts.seats);
  if (!seatsParsed.ok) throw new CliError(`bad --seats: ${seatsParsed.error}`, EXIT.usage);
  const seats = seatsParsed.value;
  let vary: VarySpec | null = null;
  if (opts.vary !== undefined) {
    const v = parseVary(opts.vary);
    if (!v.ok) throw new CliError(`bad --vary: ${v.error}`, EXIT.usage);
    vary = v.value;
  }
  const scenarios = opts.scenario.map(scenarioFromArg);
  const dup = scenarios.find((s, i) => scenarios.findIndex((t) => t.id === s.id) !== i);
  if (dup) throw new CliError(`scenario "${dup.id}" is given twice`, EXIT.usage);
  const groups = buildGroups(scenarios, vary);
  const seed = opts.seed ?? randomBytes(4).toString('hex');
  const tasks: Task[] = groups.flatMap((_g, group) =>
    Array.from({ length: games }, (_x, i) => ({ index: group * games + i, group, game: i + 1 })),
  );
  const workers = Math.min(requested, tasks.length);
  const policies = Object.fromEntries(
    FACTIONS.map((f) => [f, `bot:${seats[f] ?? defaultPolicy(f)}`]),
  ) as BatchSummary['seats'];

  const where =
    q && queue
      ? `queue ${q.shownUrl(queue)} in chunks of up to ${chunkSize}`
      : `${workers} worker${workers === 1 ? '' : 's'}`;
  io.err(
    `analyze: ${tasks.length} matches (${games} per ${vary ? 'scenario and value' : 'scenario'}) · seed ${seed} · ${where}`,
  );
  const started = Date.now();
  const setup: WorkerSetup = { scenarios: groups.map((g) => g.scenario), seats, seed };
  const progress = progressReporter(io, tasks.length, !queue);
  let results: GameResult[];
  try {
    results =
      q && queue
        ? await q.runOnQueue({
            url: queue,
            prefix,
            chunkSize,
            setup,
            tasks,
            progress,
            io,
          })
        : await runTasks(setup, tasks, workers, progress.tick);
  } finally {
    progress.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  io.err(
    `analyze: ${tasks.length} matches in ${num(seconds)} s (${num(tasks.length / Math.max(seconds, 0.001))} matches/s, ${queue ? 'on the queue' : `${workers} worker${workers === 1 ? '' : 's'}`})`,
  );

  const perGroup = groups.map((_g, i) => results.slice(i * games, (i + 1) * games));
  const summaries = groups.map((g, i) => summarizeGroup(g.scenario, g.variant, perGroup[i] ?? []));
  const summary: BatchSummary = {
    rulesVersion: RULES_VERSION,
    seed,
    gamesPerGroup: games,
    seats: policies,
    vary,
    groups: summaries,
    effects: variantEffects(summaries),
  };

  io.out(
    `Island Chain batch · ${games} matches per ${vary ? `scenario and value of ${vary.key}` : 'scenario'} · seed ${seed} (game i plays seed "${seed}-i") · rules ${RULES_VERSION}`,
  );
  io.out(`Seats: ${FACTIONS.map((f) => `${f}=${policies[f]}`).join(' ')}`);
  io.out('');
  for (const line of summaryText(summary)) io.out(line);
  if (opts.out) {
    const lines = [
      CSV_COLUMNS.join(','),
      ...groups.flatMap((g, i) => (perGroup[i] ?? []).map((r) => csvRow(g, r))),
    ];
    writeOut(opts.out, `${lines.join('\n')}\n`, 'CSV file');
    io.out('');
    io.out(`CSV written to ${opts.out} (${lines.length - 1} rows)`);
  }
  if (opts.json) {
    writeOut(opts.json, `${JSON.stringify(summary, null, 2)}\n`, 'summary file');
    if (!opts.out) io.out('');
    io.out(`Summary written to ${opts.json}`);
  }
}
