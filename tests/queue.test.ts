/**
 * `analyze --queue` and `island-chain worker` on a real Redis (issue 11), spawned as a user
 * runs them: two worker processes give the same CSV bytes and summary as a local run; a
 * worker killed with SIGKILL mid-batch leaves its chunk to stall and another worker plays
 * it, with the same CSV; no job of the batch is left in Redis; a bad --queue is a usage
 * error and an unreachable Redis a clear error within seconds.
 *
 * Redis is expected at 127.0.0.1:6379 without a password (or at ISLAND_CHAIN_TEST_REDIS).
 * Each test uses its own key
 * prefix and deletes its keys. Without Redis the tests that need it are skipped, except
 * with CI=true, where they fail.
 */
import { type ChildProcess, type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
/** ISLAND_CHAIN_TEST_REDIS points the tests at another Redis. */
const REDIS = process.env.ISLAND_CHAIN_TEST_REDIS || 'redis://127.0.0.1:6379';
const QUEUE_NAME = 'island-chain-analyze';
const SLOW = 60_000;

async function redisAnswers(): Promise<boolean> {
  const client = new Redis(REDIS, {
    lazyConnect: true,
    connectTimeout: 2000,
    commandTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const REDIS_UP = await redisAnswers();
const CI = process.env.CI === 'true';
const NO_REDIS = `no Redis answers at ${REDIS}`;
if (!REDIS_UP)
  console.warn(
    CI
      ? `queue tests: ${NO_REDIS}, and CI=true requires it: they fail`
      : `queue tests: ${NO_REDIS}; the tests that need it are skipped (start redis-server to run them)`,
  );
/** A test that needs Redis: run where it answers, fail under CI=true without it, else skip. */
const withRedis = (name: string, fn: () => Promise<void>, timeout: number): void => {
  if (REDIS_UP) it(name, fn, timeout);
  else if (CI)
    it(name, () => {
      throw new Error(`${NO_REDIS}; CI=true needs it for this test`);
    });
  else it.skip(`${name} (skipped: ${NO_REDIS})`, fn);
};

// ---------------------------------------------------------------------------------------
// Processes

function cli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ISLAND_CHAIN_DEBUG: '' },
  });
}

interface Running {
  readonly child: ChildProcess;
  out: string;
  err: string;
  /** Resolves with the exit code once the process has ended and its output is read. */
  readonly closed: Promise<number | null>;
}
const running = new Set<Running>();

function startCli(...args: string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ISLAND_CHAIN_DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r: Running = {
    child,
    out: '',
    err: '',
    closed: new Promise((res) => child.on('close', (code) => res(code))),
  };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    r.out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    r.err += d;
  });
  running.add(r);
  void r.closed.then(() => running.delete(r));
  return r;
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const worker = (prefix: string, ...more: string[]): Running =>
  startCli('worker', '--queue', REDIS, '--prefix', prefix, '--workers', '1', ...more);
const ready = (w: Running): Promise<void> =>
  waitFor('a worker to be ready', () => w.err.includes('waiting for chunks'));

async function stop(w: Running): Promise<number | null> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  return w.closed;
}

// ---------------------------------------------------------------------------------------
// Redis

const newPrefix = (): string => `ic-test-${randomBytes(5).toString('hex')}`;

async function keysOf(prefix: string): Promise<string[]> {
  const client = new Redis(REDIS);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    return keys;
  } finally {
    client.disconnect();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const keys = await keysOf(prefix);
  if (keys.length === 0) return;
  const client = new Redis(REDIS);
  try {
    await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

/** Nothing of the batch is left: no job key, and no job in any state. */
async function expectNoLitter(prefix: string, stderr: string): Promise<void> {
  const batch = /batch (b[0-9a-f]+)/.exec(stderr)?.[1];
  expect(batch, stderr).toBeTruthy();
  const keys = await keysOf(prefix);
  expect(keys.filter((k) => k.includes(`${batch}`))).toEqual([]);
  const base = `${prefix}:${QUEUE_NAME}:`;
  for (const state of ['wait', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'paused'])
    expect(keys, state).not.toContain(`${base}${state}`);
}

// ---------------------------------------------------------------------------------------

let dir = '';
const tmp = (name: string): string => join(dir, name);
/** Four groups (two scenarios × two values) of 6 games; chunks of 5 straddle the groups. */
const VARIED = [
  '--scenario',
  'senkaku-gray-zone',
  '--scenario',
  'taiwan-quarantine',
  '--games',
  '6',
  '--seed',
  'Q',
  '--vary',
  'tracks.alliance.commandLevel=0,2',
];
/** Two scenarios × 12 games, in 8 chunks of 3. */
const PLAIN = [
  '--scenario',
  'senkaku-gray-zone',
  '--scenario',
  'taiwan-quarantine',
  '--games',
  '12',
  '--seed',
  'K',
];
const strip = (s: string): string => s.replace(/\S+\.(csv|json)/g, 'FILE');
let localVaried: SpawnSyncReturns<string>;
let localPlain: SpawnSyncReturns<string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'island-chain-queue-'));
  if (!REDIS_UP) return;
  localVaried = cli(
    'analyze',
    ...VARIED,
    '--workers',
    '1',
    '--out',
    tmp('varied.csv'),
    '--json',
    tmp('varied.json'),
  );
  localPlain = cli('analyze', ...PLAIN, '--workers', '1', '--out', tmp('plain.csv'));
}, SLOW);
afterEach(async () => {
  for (const r of running) r.child.kill('SIGKILL');
  await Promise.all([...running].map((r) => r.closed));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('analyze --queue with island-chain worker processes', () => {
  withRedis(
    'two workers give the same CSV bytes and summary as a local run, each chunk played once, and leave no job in Redis',
    async () => {
      expect(localVaried.status, localVaried.stderr).toBe(0);
      const prefix = newPrefix();
      try {
        const workers = [worker(prefix), worker(prefix)];
        await Promise.all(workers.map(ready));
        const a = startCli(
          'analyze',
          ...VARIED,
          '--queue',
          REDIS,
          '--prefix',
          prefix,
          '--chunk-size',
          '5',
          '--out',
          tmp('q-varied.csv'),
          '--json',
          tmp('q-varied.json'),
        );
        expect(await a.closed, a.err).toBe(0);
        expect(a.err).toContain('5 chunks');
        expect(a.err).not.toContain('no worker is on this queue');
        expect(readFileSync(tmp('q-varied.csv'), 'utf8')).toBe(readFileSync(tmp('varied.csv'), 'utf8'));
        expect(readFileSync(tmp('q-varied.json'), 'utf8')).toBe(readFileSync(tmp('varied.json'), 'utf8'));
        expect(strip(a.out)).toBe(strip(localVaried.stdout));
        // The progress lines reach 100% from the queue's events.
        expect(a.err).toContain('24/24 matches (100%)');
        await expectNoLitter(prefix, a.err);

        const codes = await Promise.all(workers.map(stop));
        expect(codes).toEqual([0, 0]);
        const played = workers.flatMap((w) =>
          [...w.err.matchAll(/worker: chunk (\d+) of batch/g)].map((m) => m[1]),
        );
        expect(played.sort()).toEqual(['1', '2', '3', '4', '5']);
        for (const w of workers) expect(w.err).toContain('worker: stopped');
      } finally {
        await deleteKeys(prefix);
      }
    },
    SLOW,
  );

  withRedis(
    'a worker killed with SIGKILL mid-chunk: its chunk stalls, another worker plays it, and the CSV is the same',
    async () => {
      expect(localPlain.status, localPlain.stderr).toBe(0);
      const prefix = newPrefix();
      const queue = new Queue(QUEUE_NAME, { connection: { url: REDIS }, prefix });
      try {
        // A short lock, so the dead worker's chunk comes back within a few seconds.
        const first = worker(prefix, '--lock-duration', '1500');
        await ready(first);
        const a = startCli(
          'analyze',
          ...PLAIN,
          '--queue',
          REDIS,
          '--prefix',
          prefix,
          '--chunk-size',
          '3',
          '--out',
          tmp('q-plain.csv'),
        );
        await waitFor('the first worker to hold a chunk', async () => (await queue.getActiveCount()) > 0);
        first.child.kill('SIGKILL');
        await first.closed;
        // With its worker dead, only the stalled check can move the chunk out of `active`.
        expect(await queue.getActiveCount()).toBe(1);
        const second = worker(prefix, '--lock-duration', '1500');
        expect(await a.closed, a.err).toBe(0);
        expect(readFileSync(tmp('q-plain.csv'), 'utf8')).toBe(readFileSync(tmp('plain.csv'), 'utf8'));
        expect(strip(a.out)).toBe(strip(localPlain.stdout));
        const stalled = /chunk (\d+) stalled/.exec(a.err)?.[1];
        expect(stalled, a.err).toBeTruthy();
        expect(second.err).toContain(`worker: chunk ${stalled} of batch`);
        expect(first.err).not.toContain(`worker: chunk ${stalled} of batch`);
        await expectNoLitter(prefix, a.err);
        expect(await stop(second)).toBe(0);
      } finally {
        await queue.close();
        await deleteKeys(prefix);
      }
    },
    SLOW,
  );
});

describe('analyze --queue when a chunk fails', () => {
  withRedis(
    'a chunk that throws on every attempt fails the batch with the reason (exit 4) and leaves no job',
    async () => {
      const prefix = newPrefix();
      const broken = new Worker(
        QUEUE_NAME,
        async () => {
          throw new Error('boom from a broken worker');
        },
        { connection: { url: REDIS }, prefix },
      );
      try {
        const a = startCli(
          ...['analyze', '--scenario', 'senkaku-gray-zone', '--games', '1', '--seed', 'F'],
          ...['--queue', REDIS, '--prefix', prefix],
        );
        expect(await a.closed, a.err).toBe(4);
        expect(a.err).toContain('island-chain: chunk 1 of 1 failed on a worker: boom from a broken worker');
        expect(a.err).not.toMatch(/^\s+at /m);
        await expectNoLitter(prefix, a.err);
      } finally {
        await broken.close();
        await deleteKeys(prefix);
      }
    },
    SLOW,
  );
});

describe('--queue errors', () => {
  it(
    'a --queue that is not a redis:// or rediss:// URL, or --workers with --queue, or --chunk-size without it, is a usage error (exit 2)',
    () => {
      for (const bad of ['http://127.0.0.1:6379', '127.0.0.1:6379', 'redis://127.0.0.1:6379/zero']) {
        const r = cli('analyze', '--scenario', 'senkaku-gray-zone', '--games', '2', '--queue', bad);
        expect(r.status, `${bad}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(`bad --queue: "${bad}" is not a redis:// or rediss:// URL`);
        expect(r.stderr).not.toMatch(/^\s+at /m);
      }
      const workers = cli(
        'analyze',
        '--scenario',
        'senkaku-gray-zone',
        '--games',
        '2',
        '--queue',
        REDIS,
        '--workers',
        '2',
      );
      expect(workers.status, workers.stderr).toBe(2);
      expect(workers.stderr).toContain('with --queue, give it to each island-chain worker');
      const local = cli('analyze', '--scenario', 'senkaku-gray-zone', '--games', '2', '--chunk-size', '5');
      expect(local.status, local.stderr).toBe(2);
      expect(local.stderr).toContain('--chunk-size and --prefix apply only with --queue');
      const w = cli('worker', '--queue', 'localhost');
      expect(w.status, w.stderr).toBe(2);
      expect(w.stderr).toContain('bad --queue');
      const none = cli('worker');
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('--queue');
    },
    SLOW,
  );

  it(
    'an unreachable Redis fails within seconds with a message naming the URL (exit 1), for analyze and worker',
    async () => {
      const url = 'redis://127.0.0.1:1';
      for (const args of [
        ['analyze', '--scenario', 'senkaku-gray-zone', '--games', '2', '--queue', url],
        ['worker', '--queue', url, '--workers', '1'],
      ]) {
        const started = Date.now();
        const r = startCli(...args);
        const code = await r.closed;
        const seconds = (Date.now() - started) / 1000;
        expect(code, r.err).toBe(1);
        expect(r.err).toContain(`island-chain: cannot reach Redis at ${url}`);
        expect(r.err).not.toMatch(/^\s+at /m);
        expect(seconds, `${args[0]} took ${seconds} s`).toBeLessThan(15);
      }
    },
    SLOW,
  );
});
