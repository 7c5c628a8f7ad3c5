/**
 * Batch analysis on a BullMQ job queue in Redis (issue 11).
 *
 * `island-chain analyze … --queue redis://host:port[/db]` splits the batch's matches into
 * chunks, in task order, and adds each chunk as a job whose id is the batch id and the
 * chunk's index, so a retry or a re-add never makes a second copy. A job carries everything
 * a worker needs — the scenarios of its chunk as data (after --vary), the seats, the batch
 * seed and the rules version — so workers share no files with the machine that runs
 * `analyze`. The results come back as the job's return value; `analyze` puts them in task
 * order, so the CSV and the summary are the same bytes as a local run's, and removes each
 * job as it collects it.
 *
 * `island-chain worker --queue …` takes one chunk at a time and plays it on its own worker
 * threads (the same pool as a local `analyze`). A worker that dies (kill -9, a lost machine)
 * stops renewing its chunk's lock; after the lock expires another worker's stalled-job check
 * puts the chunk back on the queue and someone else plays it. Games are played off the
 * worker's main thread, so a short lock is safe.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { type Job, type JobsOptions, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { GameResult } from '../analysis/stats.ts';
import { RULES_VERSION } from '../game/index.ts';
import { num } from '../report/text.ts';
import {
  type Progress,
  positiveInt,
  startPool,
  type Task,
  type ThreadPool,
  type WorkerSetup,
} from './analyze.ts';
import { CliError, EXIT } from './errors.ts';
import type { Io } from './program.ts';

/** The one queue every batch goes through; `--prefix` sets the Redis key prefix (BullMQ's `prefix`). */
export const QUEUE_NAME = 'island-chain-analyze';
/** Matches per chunk when `--chunk-size` is not given. */
export const DEFAULT_CHUNK_SIZE = 100;
/** At most this many chunks of one batch are in Redis at once; more are added as chunks come back. */
const MAX_IN_FLIGHT = 256;
/**
 * The queue's event stream keeps about this many events. A `completed` event carries the
 * chunk's results (about 2 kB a match), so BullMQ's default of 10,000 could hold hundreds of
 * megabytes; `analyze` reads the stream as it grows and polls for anything it missed.
 */
const EVENTS_MAX_LEN = 2000;
/** How often `analyze` checks the oldest outstanding chunks itself, in case it missed an event. */
const POLL_MS = 2000;
/** A worker's chunk lock, in milliseconds, when `--lock-duration` is not given. */
const DEFAULT_LOCK_MS = 10_000;
/** How long to wait for Redis to answer before saying it cannot be reached. */
const CONNECT_TIMEOUT_MS = 3000;

// ---------------------------------------------------------------------------------------
// Options

/** The URL as it may be printed: without its password. */
export function shownUrl(text: string): string {
  try {
    const url = new URL(text);
    if (!url.password) return text;
    url.password = '***';
    return url.toString();
  } catch {
    return text;
  }
}

/** `--queue`: a `redis://` or `rediss://` URL with a host, an optional port and an optional db number. */
export function parseQueueUrl(text: string): string {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (
    !url ||
    (url.protocol !== 'redis:' && url.protocol !== 'rediss:') ||
    !url.hostname ||
    !/^(\/\d*)?$/.test(url.pathname) ||
    url.search !== '' ||
    url.hash !== ''
  )
    throw new CliError(
      `bad --queue: "${shownUrl(text)}" is not a redis:// or rediss:// URL (redis://host:port[/db], for example redis://127.0.0.1:6379/0)`,
      EXIT.usage,
    );
  return text;
}

/** `--prefix`: the Redis key prefix of the queue (BullMQ's default is "bull"). */
export function parsePrefix(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^[\w.:-]{1,100}$/.test(text))
    throw new CliError(
      `bad --prefix: "${text}" must be 1 to 100 letters, digits, "_", ".", ":" or "-"`,
      EXIT.usage,
    );
  return text;
}

/** Connection options for BullMQ: the URL, and a bounded wait for each connection attempt. */
const connection = (url: string) => ({ url, connectTimeout: CONNECT_TIMEOUT_MS });

/**
 * Checks that Redis answers at `url` before any queue is opened, so an unreachable Redis is
 * a clear error within seconds instead of BullMQ reconnecting forever.
 */
export async function probeRedis(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The connection's own error (ECONNREFUSED, ETIMEDOUT, ENOTFOUND…) says more than the rejection.
  let cause: Error | null = null;
  client.on('error', (e: Error) => {
    cause ??= e;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const why = (cause ?? (e as Error)).message || String(e);
    throw new CliError(
      `cannot reach Redis at ${shownUrl(url)}: ${why} (is Redis running there, and is --queue right?)`,
      EXIT.input,
    );
  } finally {
    client.disconnect();
  }
}

// ---------------------------------------------------------------------------------------
// Jobs

/**
 * Numbers JSON cannot carry (NaN, ±Infinity, -0) travel as `{ "$num": "…" }`, so a result
 * comes back from Redis exactly as a worker thread would have posted it.
 */
const WIRE_NUMBER = '$num';
function toWire(v: unknown): unknown {
  if (typeof v === 'number')
    return Number.isFinite(v) && !Object.is(v, -0)
      ? v
      : { [WIRE_NUMBER]: Object.is(v, -0) ? '-0' : String(v) };
  if (Array.isArray(v)) return v.map(toWire);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]));
  return v;
}
function fromWire(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    const [only] = entries;
    if (entries.length === 1 && only?.[0] === WIRE_NUMBER && typeof only[1] === 'string')
      return Number(only[1]);
    return Object.fromEntries(entries.map(([k, x]) => [k, fromWire(x)]));
  }
  return v;
}

/** A job's data: one chunk of a batch, with its own copy of what it needs. */
interface ChunkData {
  readonly rulesVersion: string;
  readonly batch: string;
  /** The chunk's index in the batch, from 0. */
  readonly chunk: number;
  /** On the wire (see `toWire`): the scenarios of the chunk's groups only, the seats and the seed. */
  readonly setup: unknown;
  /** The chunk's matches: `index` from 0 within the chunk, `group` into `setup.scenarios`. */
  readonly tasks: readonly Task[];
}

interface Chunk {
  readonly id: string;
  readonly index: number;
  /** The batch task index of the chunk's first match. */
  readonly first: number;
  readonly games: readonly number[];
  readonly data: ChunkData;
}

/** Splits the batch's tasks (in index order) into chunks of at most `size` matches. */
function splitChunks(setup: WorkerSetup, tasks: readonly Task[], size: number, batch: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (let first = 0, index = 0; first < tasks.length; first += size, index++) {
    const part = tasks.slice(first, first + size);
    const groups = [...new Set(part.map((t) => t.group))];
    const scenarios = groups.map((g) => {
      const s = setup.scenarios[g];
      if (!s) throw new Error(`internal: no scenario for group ${g}`);
      return s;
    });
    chunks.push({
      id: `${batch}-${index}`,
      index,
      first,
      games: part.map((t) => t.game),
      data: {
        rulesVersion: RULES_VERSION,
        batch,
        chunk: index,
        setup: toWire({ scenarios, seats: setup.seats, seed: setup.seed } satisfies WorkerSetup),
        tasks: part.map((t, i) => ({ index: i, group: groups.indexOf(t.group), game: t.game })),
      },
    });
  }
  return chunks;
}

const jobOptions = (id: string): JobsOptions => ({
  jobId: id,
  // A chunk that throws is tried again (a worker that dies is caught by the stalled check instead).
  attempts: 3,
  backoff: { type: 'fixed', delay: 1000 },
  // `analyze` removes each job as it collects it; these only bound what an interrupted batch leaves.
  removeOnComplete: { age: 3600 },
  removeOnFail: { age: 24 * 3600 },
});

/** Reads a job's data; anything this worker cannot play fails the job at once, without retries. */
function readChunk(data: unknown): { chunk: ChunkData; setup: WorkerSetup } {
  const d = data as Partial<ChunkData> | null;
  if (!d || typeof d !== 'object' || !Array.isArray(d.tasks) || !d.setup || typeof d.batch !== 'string')
    throw new UnrecoverableError('not an island-chain analyze chunk');
  if (d.rulesVersion !== RULES_VERSION)
    throw new UnrecoverableError(
      `this worker runs rules ${RULES_VERSION} but the batch was made under rules ${String(d.rulesVersion)}; run a worker of the same version`,
    );
  const setup = fromWire(d.setup) as WorkerSetup;
  if (!Array.isArray(setup.scenarios) || typeof setup.seed !== 'string')
    throw new UnrecoverableError('the chunk has no scenarios or seed');
  return { chunk: d as ChunkData, setup };
}

// ---------------------------------------------------------------------------------------
// analyze --queue

export interface QueueRun {
  readonly url: string;
  readonly prefix: string | undefined;
  readonly chunkSize: number;
  readonly setup: WorkerSetup;
  readonly tasks: readonly Task[];
  readonly progress: Progress;
  readonly io: Io;
}

class Interrupted extends Error {}

/**
 * Plays the batch through the queue and returns the results by task index. Waits on the
 * queue's `completed`, `failed` and `progress` events, and every `POLL_MS` also looks at the
 * oldest outstanding chunks itself, so a missed event only delays it.
 */
export async function runOnQueue(run: QueueRun): Promise<GameResult[]> {
  const { url, prefix, io } = run;
  await probeRedis(url);
  const batch = `b${randomBytes(6).toString('hex')}`;
  const chunks = splitChunks(run.setup, run.tasks, run.chunkSize, batch);
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const results: GameResult[] = new Array(run.tasks.length);
  const collected = new Set<string>();
  /** Matches already shown on the progress bar for each chunk not yet collected. */
  const shown = new Map<string, number>();
  let added = 0;
  let lastError = '';
  const onError = (e: Error): void => {
    if (e.message === lastError) return;
    lastError = e.message;
    io.err(`analyze: queue at ${shownUrl(url)}: ${e.message}`);
  };
  const queue = new Queue(QUEUE_NAME, {
    connection: connection(url),
    prefix,
    streams: { events: { maxLen: EVENTS_MAX_LEN } },
  });
  const events = new QueueEvents(QUEUE_NAME, { connection: connection(url), prefix });
  queue.on('error', onError);
  events.on('error', onError);
  io.err(
    `analyze: batch ${batch} · ${chunks.length} chunk${chunks.length === 1 ? '' : 's'} on ${shownUrl(url)}`,
  );

  let poll: NodeJS.Timeout | undefined;
  let interrupt: (() => void) | undefined;
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    if ((await queue.getWorkersCount().catch(() => -1)) === 0)
      io.err(
        `analyze: no worker is on this queue yet; the batch waits for one (island-chain worker --queue ${shownUrl(url)}${prefix ? ` --prefix ${prefix}` : ''})`,
      );
    return await new Promise<GameResult[]>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown): void => {
        failed = true;
        reject(e);
      };
      const addMore = async (): Promise<void> => {
        const upto = Math.min(chunks.length, collected.size + MAX_IN_FLIGHT);
        if (failed || added >= upto) return;
        const next = chunks.slice(added, upto);
        added = upto;
        await queue.addBulk(next.map((c) => ({ name: 'chunk', data: c.data, opts: jobOptions(c.id) })));
      };
      const collect = async (c: Chunk, value: unknown): Promise<void> => {
        if (collected.has(c.id) || failed) return;
        const rs = fromWire(value);
        if (!Array.isArray(rs) || rs.length !== c.games.length || rs.some((r, i) => r?.game !== c.games[i]))
          throw new CliError(
            `chunk ${c.index + 1} came back without its ${c.games.length} results`,
            EXIT.internal,
          );
        collected.add(c.id);
        rs.forEach((r, i) => {
          results[c.first + i] = r as GameResult;
        });
        run.progress.advance(c.games.length - (shown.get(c.id) ?? 0));
        shown.delete(c.id);
        await queue.remove(c.id);
        if (collected.size === chunks.length) resolve(results);
        else await addMore();
      };
      const failedChunk = (c: Chunk, reason: string): void => {
        if (!collected.has(c.id))
          fail(
            new CliError(
              `chunk ${c.index + 1} of ${chunks.length} failed on a worker: ${reason}`,
              EXIT.internal,
            ),
          );
      };

      events.on('completed', ({ jobId, returnvalue }) => {
        const c = byId.get(jobId);
        if (c) collect(c, returnvalue).catch(fail);
      });
      events.on('failed', ({ jobId, failedReason }) => {
        const c = byId.get(jobId);
        if (c) failedChunk(c, failedReason);
      });
      events.on('progress', ({ jobId, data }) => {
        const c = byId.get(jobId);
        if (!c || collected.has(jobId) || typeof data !== 'number') return;
        const before = shown.get(jobId) ?? 0;
        const now = Math.min(data, c.games.length);
        if (now <= before) return;
        shown.set(jobId, now);
        run.progress.advance(now - before);
      });
      events.on('stalled', ({ jobId }) => {
        const c = byId.get(jobId);
        if (c)
          io.err(
            `analyze: chunk ${c.index + 1} stalled (its worker stopped renewing its lock); it is back on the queue for another worker`,
          );
      });

      let checking = false;
      const check = async (): Promise<void> => {
        const outstanding = chunks.slice(0, added).filter((c) => !collected.has(c.id));
        for (const c of outstanding.slice(0, 50)) {
          const state = await queue.getJobState(c.id);
          if (state === 'completed') {
            const job = await queue.getJob(c.id);
            if (job) await collect(c, job.returnvalue);
          } else if (state === 'failed')
            failedChunk(c, (await queue.getJob(c.id))?.failedReason ?? 'unknown');
          // Gone without being collected (evicted by age): add it again; the job id keeps it single.
          else if (state === 'unknown' && !collected.has(c.id))
            await queue.add('chunk', c.data, jobOptions(c.id));
        }
      };
      poll = setInterval(() => {
        if (checking) return;
        checking = true;
        check()
          .catch((e: unknown) => (e instanceof CliError ? fail(e) : onError(e as Error)))
          .finally(() => {
            checking = false;
          });
      }, POLL_MS);
      interrupt = () => fail(new Interrupted());
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      addMore().catch(fail);
    });
  } catch (e) {
    // Take the batch's chunks off the queue; one a worker is playing stays until it finishes
    // and is then dropped by age (removeOnComplete).
    await Promise.allSettled(
      chunks
        .slice(0, added)
        .filter((c) => !collected.has(c.id))
        .map((c) => queue.remove(c.id)),
    );
    if (e instanceof Interrupted) {
      io.err('analyze: interrupted; the batch is taken off the queue');
      process.exit(130);
    }
    throw e;
  } finally {
    clearInterval(poll);
    if (interrupt) {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
    await Promise.allSettled([events.close(), queue.close()]);
  }
}

// ---------------------------------------------------------------------------------------
// island-chain worker

export interface WorkerOptions {
  readonly queue: string;
  readonly workers?: string;
  readonly prefix?: string;
  readonly lockDuration?: string;
}

/**
 * `island-chain worker`: takes chunks from the queue one at a time and plays each on the
 * worker threads, until SIGINT or SIGTERM. The first signal lets the chunk in hand finish
 * and stops; a second stops at once (that chunk stalls and is played elsewhere).
 */
export async function workerCommand(io: Io, opts: WorkerOptions): Promise<void> {
  const url = parseQueueUrl(opts.queue);
  const prefix = parsePrefix(opts.prefix);
  const threads =
    opts.workers === undefined ? availableParallelism() : positiveInt(opts.workers, '--workers', 256);
  const lockDuration =
    opts.lockDuration === undefined
      ? DEFAULT_LOCK_MS
      : positiveInt(opts.lockDuration, '--lock-duration', 3_600_000);
  if (lockDuration < 1000)
    throw new CliError(`bad --lock-duration: ${lockDuration} ms is under 1000 ms`, EXIT.usage);
  await probeRedis(url);

  let pool: ThreadPool = startPool(threads);
  const play = async (job: Job): Promise<unknown> => {
    const { chunk, setup } = readChunk(job.data);
    const started = Date.now();
    let done = 0;
    let reported = started;
    const tick = (): void => {
      done++;
      const now = Date.now();
      if (now - reported < 250 || done === chunk.tasks.length) return;
      reported = now;
      job.updateProgress(done).catch(() => undefined);
    };
    try {
      const results = await pool.run(setup, chunk.tasks, tick);
      io.err(
        `worker: chunk ${chunk.chunk + 1} of batch ${chunk.batch}: ${results.length} matches in ${num((Date.now() - started) / 1000)} s`,
      );
      return toWire(results);
    } catch (e) {
      // A failed run leaves the pool broken; the next chunk gets fresh threads.
      await pool.close();
      pool = startPool(threads);
      throw e;
    }
  };
  const worker = new Worker(QUEUE_NAME, play, {
    connection: connection(url),
    prefix,
    concurrency: 1,
    lockDuration,
    stalledInterval: Math.max(500, Math.round(lockDuration / 2)),
    maxStalledCount: 3,
  });
  let lastError = '';
  worker.on('error', (e) => {
    if (e.message === lastError) return;
    lastError = e.message;
    io.err(`worker: queue at ${shownUrl(url)}: ${e.message}`);
  });
  worker.on('failed', (job, e) => io.err(`worker: chunk ${job?.id ?? '?'} failed: ${e.message}`));

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        io.err(`worker: ${signal} again: stopping now; the chunk in hand will be played by another worker`);
        process.exit(130);
      }
      stopping = true;
      io.err(`worker: ${signal}: finishing the chunk in hand, then stopping (send it again to stop at once)`);
      worker
        .close()
        .catch(onCloseError)
        .finally(() => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        });
    };
    const onCloseError = (e: unknown): void => io.err(`worker: while stopping: ${(e as Error).message}`);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    worker
      .waitUntilReady()
      .then(() =>
        io.err(
          `worker: waiting for chunks on ${shownUrl(url)}${prefix ? ` (prefix ${prefix})` : ''} · ${threads} thread${threads === 1 ? '' : 's'} · rules ${RULES_VERSION}`,
        ),
      )
      .catch(onCloseError);
  });
  await pool.close();
  io.err('worker: stopped');
}
