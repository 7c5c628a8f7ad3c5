/**
 * Several tables, one seminar (issue 10, "Several tables, one seminar"): the White Cell opens
 * N matches (2–8) of one scenario at once, each with a White Cell seat and the same bot and
 * human seats, with one seed for every table or a seed each; watches them side by side; and
 * afterwards compares them, placing each table's outcome in the distribution of a bot batch of
 * the same scenario.
 *
 * - `POST /games/:name/seminar` with `{ scenarioId, tables, bots?, seed?, seeding? }`: the
 *   tables are built (and their setup checked) before anything is stored; the create rate limit
 *   and the open-match cap of lobby.ts count each table, and a seminar they would not wholly
 *   allow is refused whole. Each table is created as `seats.ts` creates a match (sealed metadata,
 *   bots scheduled, a key per human seat kept as its SHA-256). Answers `{ seminarID, seminarKey,
 *   tables: [{ matchID, seatKeys }] }`. The seminar's key is kept as its SHA-256 in every table's
 *   `server_kv` (key `seminar`), so the seminar goes with its tables.
 * - `POST /games/:name/seminar/:id` with `{ key }`: each table's public state, read from the
 *   observer's view (round, stage, escalation, who has committed, the outcome, the public tracks).
 * - `POST /games/:name/seminar/:id/compare` with `{ key, games?, seed? }`: a bot batch of the
 *   seminar's scenario (default bot seats, `games` ≤ 1000, default 200) played on a worker thread
 *   through `playGame` (analysis/stats.ts); one batch at a time per server, results cached per
 *   scenario, games and seed. Answers 202 with its progress while it runs, then the outcome
 *   shares and where each finished table's outcome falls among them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Game, Server } from 'boardgame.io';
import { createMatch } from 'boardgame.io/internal';
import type { Server as BgioServer } from 'boardgame.io/server';
import { z } from 'zod';
import type { GroupSummary, OutcomeShare } from '../analysis/stats.ts';
import { PLAYER_OF_SEAT } from '../game/bgio.ts';
import {
  FACTIONS,
  type Faction,
  type MatchState,
  OUTCOMES,
  type OutcomeCategory,
  type Scenario,
  scoreVector,
  viewFor,
} from '../game/index.ts';
import { getScenario, SCENARIO_IDS } from '../scenarios/index.ts';
import { botSeats } from './bots.ts';
import type { CreateCounter, Limits } from './lobby.ts';
import { CREDENTIALS } from './protocol.ts';
import { checkBody, type RouteContext, readJsonBody, SEAT_KEYS } from './seats.ts';
import { OpenMatchCapError, type ServerStore } from './store.ts';

type Router = ReturnType<typeof BgioServer>['router'];
type MatchData = Server.MatchData;

/** Tables a seminar may open. */
export const MIN_TABLES = 2;
export const MAX_TABLES = 8;
/** Bot games a comparison may ask for, and the default. */
export const MAX_BATCH_GAMES = 1000;
export const DEFAULT_BATCH_GAMES = 200;
/** The batch seed when none is given: a batch is reproducible with `analyze --seed seminar`. */
export const DEFAULT_BATCH_SEED = 'seminar';
/** `server_kv` key of the seminar record, kept with each of its tables. */
export const SEMINAR_KEY = 'seminar';
/** Largest body the seminar routes read. */
const MAX_BODY = 4 * 1024;
/** Batches kept after they ran. */
const MAX_CACHED = 16;
const WINDOW_MS = 60_000;

/** What the server keeps of a seminar, under each of its tables. */
export interface SeminarRecord {
  readonly seminarID: string;
  /** SHA-256 (hex) of the seminar's key. */
  readonly keyDigest: string;
  readonly scenarioId: string;
  readonly tables: readonly string[];
  readonly seeding: 'same' | 'each';
  readonly bots: Partial<Record<Faction, string>>;
  /** Epoch ms. */
  readonly createdAt: number;
}

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** Whether `key` is the seminar's key: digests compared in constant time. */
function keyOpens(record: SeminarRecord, key: string): boolean {
  const expected = Buffer.from(record.keyDigest, 'hex');
  const given = digest(key);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const SCENARIO = `must be the id of a scenario this server knows (${SCENARIO_IDS.join(', ')})`;
const SEED = 'must be text of 1 to 200 characters without control characters';
const POLICY = 'must be a bot policy name';
const KEY = "must be the seminar's key (the part of its link after #key=)";
const seminarKey = z.string({ error: KEY }).regex(CREDENTIALS, KEY);
const seed = z
  .string({ error: SEED })
  .min(1, SEED)
  .max(200, SEED)
  .regex(/^[^\p{C}]*$/u, SEED);
const policy = z.string({ error: POLICY }).max(40, POLICY);

/** The seminar routes' bodies; strict: an unknown field is refused by name. */
export const SEMINAR_BODIES = {
  create: z.strictObject({
    scenarioId: z
      .string({ error: SCENARIO })
      .refine((id) => SCENARIO_IDS.includes(id), { message: SCENARIO }),
    tables: z
      .number({ error: `must be a whole number from ${MIN_TABLES} to ${MAX_TABLES}` })
      .int(`must be a whole number from ${MIN_TABLES} to ${MAX_TABLES}`)
      .min(MIN_TABLES, `must be at least ${MIN_TABLES}`)
      .max(MAX_TABLES, `must be at most ${MAX_TABLES}`),
    bots: z
      .strictObject({
        japan: policy.optional(),
        us: policy.optional(),
        china: policy.optional(),
        taiwan: policy.optional(),
      })
      .optional(),
    seed: seed.optional(),
    seeding: z
      .enum(['same', 'each'], { error: 'must be "same" (one seed for every table) or "each"' })
      .optional(),
  }),
  open: z.strictObject({ key: seminarKey }),
  compare: z.strictObject({
    key: seminarKey,
    games: z
      .number({ error: `must be a whole number from 1 to ${MAX_BATCH_GAMES}` })
      .int(`must be a whole number from 1 to ${MAX_BATCH_GAMES}`)
      .min(1, 'must be at least 1')
      .max(MAX_BATCH_GAMES, `must be at most ${MAX_BATCH_GAMES}`)
      .optional(),
    seed: seed.optional(),
  }),
} as const;

/**
 * Answers a refusal with its sentence. Not `ctx.throw`: Koa drops the headers set before a throw
 * (Retry-After) and hides the message of a 5xx.
 */
function refuse(ctx: RouteContext, status: number, message: string, retryAfter?: number): void {
  if (retryAfter !== undefined) ctx.set('Retry-After', String(retryAfter));
  ctx.status = status;
  ctx.body = message;
}

// ---------------------------------------------------------------------------------------
// The bot batch

/** What the comparison keeps of a batch (from `summarizeGroup`). */
export interface BatchSummary {
  readonly scenarioId: string;
  readonly scenarioHash: string;
  readonly games: number;
  readonly seed: string;
  readonly outcomes: readonly OutcomeShare[];
  readonly finalTracks: GroupSummary['finalTracks'];
  readonly rounds: GroupSummary['rounds'];
  readonly peakEscalation: GroupSummary['peakEscalation'];
  /** Epoch ms when it finished. */
  readonly computedAt: number;
  readonly seconds: number;
}

export type BatchState =
  | { readonly state: 'done'; readonly summary: BatchSummary }
  | { readonly state: 'running'; readonly done: number; readonly total: number }
  | { readonly state: 'busy'; readonly scenarioId: string; readonly done: number; readonly total: number }
  | { readonly state: 'failed'; readonly error: string };

/**
 * The worker thread's code: registers tsx (so it can import the TypeScript sources), plays the
 * games through `playGame` with the default bot seats and posts progress, then the summary.
 */
function workerCode(): string {
  // tsx's API resolved from this file, whatever the working directory (as cli/analyze.ts does).
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const stats = JSON.stringify(new URL('../analysis/stats.ts', import.meta.url).href);
  return `
(async () => {
  const { parentPort, workerData } = require('node:worker_threads');
  try {
    (await import(${tsx})).register();
    const { playGame, summarizeGroup } = await import(${stats});
    const { scenario, games, seed } = workerData;
    const results = [];
    for (let g = 1; g <= games; g++) {
      results.push(playGame(scenario, {}, seed, g));
      parentPort.postMessage({ type: 'progress', done: g });
    }
    const s = summarizeGroup(scenario, null, results);
    parentPort.postMessage({ type: 'done', summary: { outcomes: s.outcomes, finalTracks: s.finalTracks, rounds: s.rounds, peakEscalation: s.peakEscalation } });
  } catch (e) {
    parentPort.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
})();`;
}

type FromBatchWorker =
  | { readonly type: 'progress'; readonly done: number }
  | {
      readonly type: 'done';
      readonly summary: Pick<BatchSummary, 'outcomes' | 'finalTracks' | 'rounds' | 'peakEscalation'>;
    }
  | { readonly type: 'error'; readonly message: string };

/**
 * Bot batches for comparisons: at most one runs at a time, on its own worker thread, so the
 * event loop never plays a game; finished ones are kept per scenario, games and seed.
 */
export class BotBatches {
  private readonly cache = new Map<string, BatchSummary>();
  private running: {
    readonly key: string;
    readonly scenarioId: string;
    readonly total: number;
    done: number;
    readonly worker: Worker;
  } | null = null;
  private readonly failed = new Map<string, string>();
  /** Batches started (the tests check that a cached one is not run again). */
  started = 0;

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  private static keyOf(scenario: Scenario, games: number, seed: string): string {
    return JSON.stringify([scenario.id, scenario.hash, games, seed]);
  }

  /** The batch's summary when it ran; otherwise starts it (when no other runs) and says how far it is. */
  request(scenario: Scenario, games: number, seed: string): BatchState {
    const key = BotBatches.keyOf(scenario, games, seed);
    const cached = this.cache.get(key);
    if (cached) return { state: 'done', summary: cached };
    const failure = this.failed.get(key);
    if (failure !== undefined) {
      this.failed.delete(key);
      return { state: 'failed', error: failure };
    }
    const r = this.running;
    if (r) {
      return r.key === key
        ? { state: 'running', done: r.done, total: r.total }
        : { state: 'busy', scenarioId: r.scenarioId, done: r.done, total: r.total };
    }
    this.start(key, scenario, games, seed);
    return { state: 'running', done: 0, total: games };
  }

  private start(key: string, scenario: Scenario, games: number, seed: string): void {
    const started = this.now();
    this.started += 1;
    const worker = new Worker(workerCode(), { eval: true, workerData: { scenario, games, seed } });
    worker.unref();
    const run = { key, scenarioId: scenario.id, total: games, done: 0, worker };
    this.running = run;
    this.log(`bot batch: ${games} games of ${scenario.id} (seed ${seed}) started on a worker thread`);
    const finish = (error: string | null) => {
      if (this.running !== run) return;
      this.running = null;
      if (error !== null) {
        this.failed.set(key, error);
        this.log(`bot batch of ${scenario.id} failed: ${error}`);
      }
      void worker.terminate();
    };
    worker.on('message', (msg: FromBatchWorker) => {
      if (msg.type === 'progress') run.done = msg.done;
      else if (msg.type === 'error') finish(msg.message);
      else {
        const seconds = Math.round((this.now() - started) / 100) / 10;
        this.cache.set(key, {
          scenarioId: scenario.id,
          scenarioHash: scenario.hash,
          games,
          seed,
          ...msg.summary,
          computedAt: this.now(),
          seconds,
        });
        if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
        this.log(`bot batch: ${games} games of ${scenario.id} done in ${seconds} s`);
        finish(null);
      }
    });
    worker.on('error', (e) => finish(e.message));
    worker.on('exit', (code) =>
      finish(`the worker thread stopped (exit code ${code}) before the batch ended`),
    );
  }

  /** Stops a running batch (the server is closing). */
  async close(): Promise<void> {
    const r = this.running;
    this.running = null;
    if (r) await r.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------
// A table's public state

/** The public tracks of a table (`scoreVector` over the observer's view: nothing fog hides). */
export interface TableStatus {
  readonly matchID: string;
  /** The match is gone (emptied by its players). */
  readonly missing?: true;
  readonly round?: number;
  readonly maxRounds?: number;
  readonly stage?: MatchState['stage'];
  readonly escalation?: number;
  readonly peakEscalation?: number;
  readonly committed?: Readonly<Record<Faction, boolean>> | null;
  readonly outcome?: {
    readonly category: OutcomeCategory;
    readonly reason: string;
    readonly round: number;
    /** For a match the White Cell ended: the situation then, scored as at a last round. */
    readonly assessment: OutcomeCategory | null;
  } | null;
  readonly tracks?: Readonly<Record<string, number | string | boolean>>;
  readonly losses?: Readonly<Record<Faction, number>>;
  /** Escalation at the end of each adjudicated round. */
  readonly escalationByRound?: readonly number[];
}

/** A table's state as any observer may see it. */
export function tableStatus(matchID: string, G: MatchState | undefined): TableStatus {
  if (!G) return { matchID, missing: true };
  const view = viewFor(G, 'observer');
  // The observer's view zeroes what fog hides; scoreVector reads only public tracks from it.
  const score = scoreVector(view as unknown as MatchState);
  return {
    matchID,
    round: view.round,
    maxRounds: view.maxRounds,
    stage: view.stage,
    escalation: view.escalation,
    peakEscalation: view.peakEscalation,
    committed:
      view.stage === 'planning'
        ? (Object.fromEntries(FACTIONS.map((f) => [f, view.pending[f].committed])) as Record<
            Faction,
            boolean
          >)
        : null,
    outcome: view.outcome
      ? {
          category: view.outcome.category,
          reason: view.outcome.reason,
          round: view.outcome.round,
          assessment: view.outcome.assessment ?? null,
        }
      : null,
    tracks: score.tracks,
    losses: score.totalLosses,
    escalationByRound: view.history.map((h) => h.escalation),
  };
}

/** The outcome a table is compared on: a facilitator's ending by its assessment. */
export const comparedOutcome = (t: TableStatus): OutcomeCategory | null =>
  t.outcome
    ? t.outcome.category === 'ended-by-facilitator'
      ? t.outcome.assessment
      : t.outcome.category
    : null;

// ---------------------------------------------------------------------------------------
// Routes

export interface SeminarOptions {
  readonly store: ServerStore;
  readonly game: Game;
  /** The lobby's limits (`createLimits` in lobby.ts) and its counter, shared with create. */
  readonly limits: Limits;
  readonly counter: CreateCounter;
  readonly newID: () => string;
  readonly newKey: () => string;
  readonly log: (line: string) => void;
  readonly now?: () => number;
}

/** Adds the seminar routes to the router (before boardgame.io's own); answers what the server closes. */
export function addSeminarRoutes(router: Router, o: SeminarOptions): { close(): Promise<void> } {
  const { store, game, log } = o;
  const now = o.now ?? Date.now;
  const batches = new BotBatches(log, now);

  const isBot = (metadata: MatchData, playerID: string): boolean => {
    const seat = Object.entries(PLAYER_OF_SEAT).find(([, id]) => id === playerID)?.[0];
    return seat !== undefined && seat !== 'white' && Object.hasOwn(botSeats(metadata.setupData), seat);
  };

  /** The seminar's record after its key is checked; a 404 or a 403 with a sentence otherwise. */
  const openSeminar = async (ctx: RouteContext, id: string, key: string): Promise<SeminarRecord> => {
    const all = await store.listServerValues<SeminarRecord>(SEMINAR_KEY);
    const found = all.find((r) => r.value?.seminarID === id)?.value;
    if (!found) return ctx.throw(404, `Seminar ${id} not found (or every one of its tables is gone).`);
    if (!keyOpens(found, key)) return ctx.throw(403, `This key does not open seminar ${id}.`);
    return found;
  };

  const statuses = async (record: SeminarRecord): Promise<TableStatus[]> =>
    Promise.all(
      record.tables.map(async (matchID) => {
        const { state } = await store.fetch(matchID, { state: true });
        return tableStatus(matchID, state?.G as MatchState | undefined);
      }),
    );

  router.post('/games/:name/seminar', async (ctx) => {
    if (ctx.params.name !== game.name) return ctx.throw(404, `Game ${ctx.params.name} not found`);
    const b = checkBody(ctx, await readJsonBody(ctx, MAX_BODY), SEMINAR_BODIES.create);
    const seeding = b.seeding ?? 'same';
    const bots = Object.fromEntries(
      Object.entries(b.bots ?? {}).filter(([, p]) => p !== undefined),
    ) as Record<Faction, string>;
    // One seed for every table: the creator's, or one drawn here; each its own: the creator's
    // with the table's number (`<seed>-<n>`, as a batch derives its games' seeds), or drawn.
    const shared = b.seed ?? o.newKey();
    const seedOf = (n: number): string =>
      seeding === 'same' ? shared : b.seed !== undefined ? `${b.seed}-${n}` : o.newKey();
    // Every table is built (its setup checked) before anything is counted or stored.
    const built = Array.from({ length: b.tables }, (_x, i) => {
      const setupData = {
        scenarioId: b.scenarioId,
        seed: seedOf(i + 1),
        white: true,
        ...(Object.keys(bots).length > 0 ? { bots } : {}),
      };
      return createMatch({ game, numPlayers: 5, setupData, unlisted: false });
    });
    for (const m of built) if ('setupDataError' in m) return ctx.throw(400, String(m.setupDataError));

    // The rate limit and the cap count each table; a seminar they would not wholly allow is refused.
    const t = now();
    const undo: (() => Promise<void>)[] = [];
    const giveBack = () => Promise.all(undo.map((u) => u().catch(() => undefined)));
    for (let i = 0; i < b.tables; i++) {
      let taken: Awaited<ReturnType<CreateCounter['take']>>;
      try {
        taken = await o.counter.take(ctx.ip, o.limits.createPerMinute, WINDOW_MS, t);
      } catch {
        await giveBack();
        return refuse(
          ctx,
          503,
          'The server cannot count recent creations right now (its shared store does not answer). Try again in a moment.',
        );
      }
      if (!taken.ok) {
        await giveBack();
        const wait = Math.max(1, Math.ceil((WINDOW_MS - (t - taken.oldest)) / 1000));
        return refuse(
          ctx,
          429,
          `Too many matches created from this address: a seminar of ${b.tables} tables counts as ${b.tables} creations, and at most ${o.limits.createPerMinute} are allowed a minute (${i} left now). Try again in ${wait} s, or open fewer tables.`,
          wait,
        );
      }
      undo.push(taken.undo);
    }
    const full = (open: number) =>
      refuse(
        ctx,
        429,
        `The server holds ${open} open matches and its limit is ${o.limits.maxOpenMatches}: a seminar of ${b.tables} tables needs ${b.tables} more. Finish or end some matches, or open fewer tables.`,
      );
    // A quick refusal when the tables plainly do not fit; `createMatches` checks again in the
    // transaction that creates them, where concurrent creations cannot both pass.
    const open = await store.countOpen();
    if (open + b.tables > o.limits.maxOpenMatches) {
      await giveBack();
      return full(open);
    }

    const seminarID = o.newID();
    const seminarKeyValue = o.newKey();
    const tables: { matchID: string; seatKeys: Record<string, string> }[] = [];
    const ids = built.map(() => o.newID());
    const record: SeminarRecord = {
      seminarID,
      keyDigest: digest(seminarKeyValue).toString('hex'),
      scenarioId: b.scenarioId,
      tables: ids,
      seeding,
      bots,
      createdAt: now(),
    };
    const matches = built.flatMap((opts, i) =>
      'setupDataError' in opts ? [] : [{ matchID: ids[i]!, opts }],
    );
    try {
      await store.createMatches(matches, o.limits.maxOpenMatches);
    } catch (e) {
      await giveBack();
      if (e instanceof OpenMatchCapError) return full(e.open);
      throw e;
    }
    try {
      for (const { matchID } of matches) {
        const { metadata } = await store.fetch(matchID, { metadata: true });
        const humans = Object.keys(metadata?.players ?? {}).filter((s) => metadata && !isBot(metadata, s));
        const seatKeys = Object.fromEntries(humans.map((s) => [s, o.newKey()]));
        await store.setServerValue(
          matchID,
          SEAT_KEYS,
          Object.fromEntries(Object.entries(seatKeys).map(([s, k]) => [s, digest(k).toString('hex')])),
        );
        await store.setServerValue(matchID, SEMINAR_KEY, record);
        tables.push({ matchID, seatKeys });
      }
    } catch (e) {
      // A store that failed midway: the tables are removed, so no half seminar stays.
      for (const { matchID } of matches) await store.wipe(matchID).catch(() => undefined);
      await giveBack();
      throw e;
    }
    log(
      `seminar ${seminarID} created: ${b.tables} tables of ${b.scenarioId} (${seeding === 'same' ? 'one seed' : 'a seed each'}): ${ids.join(', ')}`,
    );
    ctx.body = { seminarID, seminarKey: seminarKeyValue, scenarioId: b.scenarioId, seeding, tables };
  });

  router.post('/games/:name/seminar/:id', async (ctx) => {
    if (ctx.params.name !== game.name) return ctx.throw(404, `Game ${ctx.params.name} not found`);
    const id = ctx.params.id!;
    const b = checkBody(ctx, await readJsonBody(ctx, MAX_BODY), SEMINAR_BODIES.open);
    const record = await openSeminar(ctx, id, b.key);
    ctx.body = {
      seminarID: id,
      scenarioId: record.scenarioId,
      seeding: record.seeding,
      bots: record.bots,
      createdAt: record.createdAt,
      tables: await statuses(record),
    };
  });

  router.post('/games/:name/seminar/:id/compare', async (ctx) => {
    if (ctx.params.name !== game.name) return ctx.throw(404, `Game ${ctx.params.name} not found`);
    const id = ctx.params.id!;
    const b = checkBody(ctx, await readJsonBody(ctx, MAX_BODY), SEMINAR_BODIES.compare);
    const record = await openSeminar(ctx, id, b.key);
    const scenario = getScenario(record.scenarioId);
    if (!scenario) return ctx.throw(409, `This server no longer knows scenario "${record.scenarioId}".`);
    const games = b.games ?? DEFAULT_BATCH_GAMES;
    const seed = b.seed ?? DEFAULT_BATCH_SEED;
    const batch = batches.request(scenario, games, seed);
    if (batch.state === 'failed') return refuse(ctx, 500, `The bot batch failed: ${batch.error}`);
    if (batch.state === 'busy')
      return refuse(
        ctx,
        503,
        `The server is playing another bot batch (${batch.scenarioId}, ${batch.done} of ${batch.total} games); it plays one at a time. Try again when it ends.`,
        5,
      );
    if (batch.state === 'running') {
      ctx.status = 202;
      ctx.body = {
        state: 'running',
        scenarioId: scenario.id,
        games,
        seed,
        done: batch.done,
        total: batch.total,
      };
      return;
    }
    const s = batch.summary;
    const share = (o: OutcomeCategory | null) => s.outcomes.find((x) => x.outcome === o);
    const tables = (await statuses(record)).map((t) => {
      const compared = comparedOutcome(t);
      const x = share(compared);
      return {
        ...t,
        compared,
        share: compared ? (x?.p ?? 0) : null,
        count: compared ? (x?.count ?? 0) : null,
      };
    });
    ctx.body = { state: 'done', ...s, outcomeOrder: OUTCOMES, tables };
  });

  return { close: () => batches.close() };
}
