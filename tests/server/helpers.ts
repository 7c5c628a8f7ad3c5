/**
 * Helpers for the server tests: our server on a free port with a temporary data directory,
 * a plain boardgame.io server (InMemory storage, stock socket transport) to show each hole,
 * lobby calls, raw sockets that record every message, boardgame.io socket clients, and a
 * PostgreSQL database of its own for each test file that needs one (`withPostgres`).
 * With Redis as well (several instances): `withPostgresAndRedis`, a key prefix per test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Game, State } from 'boardgame.io';
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { Server } from 'boardgame.io/server';
import { Redis } from 'ioredis';
import pg from 'pg';
import { applyPatch, type Operation } from 'rfc6902';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, describe, it, type MockInstance, vi } from 'vitest';
import { makeGame } from '../../game/bgio.ts';
import type { MatchState, MatchView } from '../../game/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import { type RunningServer, type ServerOptions, startServer } from '../../server/main.ts';
import { REFUSED_EVENT } from '../../server/transport.ts';

export const GAME = 'island-chain';

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'island-chain-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Our server on a free port with a fresh data directory; `close` removes both. */
export async function ours(
  options: Partial<ServerOptions> = {},
): Promise<RunningServer & { dataDir: string }> {
  const { dir, remove } = tempDir();
  const s = await startServer({
    port: 0,
    dataDir: dir,
    quiet: true,
    clientDir: join(dir, 'no-client'),
    ...options,
  });
  return {
    ...s,
    dataDir: dir,
    close: async () => {
      await s.close();
      remove();
    },
  };
}

export interface PlainServer {
  readonly url: string;
  /** boardgame.io's InMemory storage, to read what the server holds. */
  readonly db: { fetch(id: string, opts: object): { state?: State; metadata?: unknown } };
  close(): Promise<void>;
}

/** Plain boardgame.io 0.50.2: `Server` with its defaults (InMemory, stock socket.io transport). */
export async function plain(game: Game = makeGame(getScenario)): Promise<PlainServer> {
  const server = Server({ games: [game], origins: [] });
  const { appServer } = await server.run({ port: 0 });
  const port = (appServer.address() as { port: number }).port;
  const ioServer = (server.app as unknown as { _io: { close(cb: () => void): void } })._io;
  return {
    url: `http://localhost:${port}`,
    db: server.db as unknown as PlainServer['db'],
    close: () =>
      new Promise<void>((done) => {
        ioServer.close(() => done());
        appServer.closeAllConnections();
      }),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface HttpResult<T = unknown> {
  readonly status: number;
  readonly text: string;
  readonly json: T;
}

export async function http<T = unknown>(url: string, body?: unknown): Promise<HttpResult<T>> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, text, json: json as T };
}

export async function createMatch(
  url: string,
  setupData: Record<string, unknown>,
  numPlayers = 4,
): Promise<string> {
  const r = await http<{ matchID: string }>(`${url}/games/${GAME}/create`, { numPlayers, setupData });
  if (r.status !== 200) throw new Error(`create failed: ${r.status} ${r.text}`);
  return r.json.matchID;
}

export async function joinSeat(url: string, matchID: string, playerID: string, name = `p${playerID}`) {
  const r = await http<{ playerCredentials: string }>(`${url}/games/${GAME}/${matchID}/join`, {
    playerID,
    playerName: name,
  });
  if (r.status !== 200) throw new Error(`join failed: ${r.status} ${r.text}`);
  return r.json.playerCredentials;
}

/**
 * A raw socket.io client on the game's namespace that records every message it receives. The
 * server sends a seat's states after the first as patches against the view the socket holds
 * (server/jsonPatch.ts); a patch is recorded as the `update` it amounts to (the state the
 * browser's client holds once it has applied it, with the same deltalog), its operations kept
 * beside it in `patch`, so a test reads every state a seat was sent, and `text()` holds the
 * patches as sent too. A patch that does not apply to the state held is recorded as it came
 * (event `patch`), for the test to fail on.
 */
export interface RawSocket {
  readonly socket: Socket;
  readonly received: { event: string; args: unknown[]; patch?: Operation[] }[];
  /** Everything received, as one JSON string. */
  text(): string;
  close(): void;
}

export async function rawSocket(url: string): Promise<RawSocket> {
  const socket = io(`${url}/${GAME}`, { transports: ['websocket'], forceNew: true, reconnection: false });
  const received: RawSocket['received'] = [];
  /** The state this socket holds for each match, as the browser's client would. */
  const held = new Map<string, { _stateID: number }>();
  socket.onAny((event: string, ...args: unknown[]) => {
    const [matchID] = args as [string];
    if (event === 'sync') {
      const state = (args[1] as { state?: { _stateID: number } } | undefined)?.state;
      if (state) held.set(matchID, state);
    } else if (event === 'update') {
      const state = args[1] as { _stateID: number } | undefined;
      if (state) held.set(matchID, state);
    } else if (event === 'patch') {
      const [, prevStateID, , ops, log] = args as [string, number, number, Operation[], unknown];
      const before = held.get(matchID);
      if (before && before._stateID === prevStateID) {
        const state = JSON.parse(JSON.stringify(before)) as { _stateID: number };
        if (applyPatch(state, ops).every((e) => e === null)) {
          held.set(matchID, state);
          received.push({ event: 'update', args: [matchID, state, log], patch: ops });
          return;
        }
      }
    }
    received.push({ event, args });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, received, text: () => JSON.stringify(received), close: () => socket.close() };
}

/** A raw socket synced to a match as a seat (or an observer), recording what it receives; kept in `open` to close. */
export async function seatedSocket(
  url: string,
  open: { close(): void }[],
  matchID: string,
  playerID: string | null,
  credentials: string | undefined,
  numPlayers: number,
): Promise<RawSocket> {
  const r = await rawSocket(url);
  open.push(r);
  r.socket.emit('sync', matchID, playerID, credentials, numPlayers);
  await until(() => r.received.some((m) => m.event === 'sync' || m.event === REFUSED_EVENT), 5000, 'sync');
  return r;
}

/** Polls until `check` returns a value other than undefined/false, or fails after `ms`. */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export type SocketClient = ReturnType<typeof Client<MatchState>>;

/** A boardgame.io client over socket.io, as the browser runs it. */
export function socketClient(
  url: string,
  matchID: string,
  playerID: string | null,
  credentials?: string,
  numPlayers = 4,
): SocketClient {
  const c = Client<MatchState>({
    game: makeGame(getScenario) as never,
    numPlayers,
    matchID,
    ...(playerID === null ? {} : { playerID }),
    ...(credentials ? { credentials } : {}),
    multiplayer: SocketIO({ server: url }),
  });
  c.start();
  return c;
}

/** What the server sent this client: its seat's view. */
export const viewOf = (c: SocketClient): MatchView | undefined =>
  c.getState()?.G as unknown as MatchView | undefined;

/** Moves a client as its seat (moves are server-only: the client only forwards them). */
export function move(c: SocketClient, name: string, payload?: unknown): void {
  const m = c.moves[name];
  if (!m) throw new Error(`no move ${name}`);
  if (payload === undefined) m();
  else m(payload);
}

/**
 * Registers an `afterEach` that closes, newest first, everything `track` was given during the
 * test and restores mocks; `quiet()` silences console.error (boardgame.io logs refused actions
 * with it, which the tests of its holes expect).
 */
export function closeAfterEach(): {
  track: <T extends { close(): unknown }>(x: T) => T;
  quiet: () => MockInstance;
} {
  const open: (() => unknown)[] = [];
  afterEach(async () => {
    for (const f of open.splice(0).reverse()) await f();
    vi.restoreAllMocks();
  });
  return {
    track: (x) => {
      open.push(() => x.close());
      return x;
    },
    quiet: () => vi.spyOn(console, 'error').mockImplementation(() => undefined),
  };
}

/**
 * The PostgreSQL server the tests use, through its `postgres` maintenance database:
 * `TEST_POSTGRES_URL`, or the project machines' (127.0.0.1:5432, user `postgres`, trust).
 */
export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PgTestDatabase {
  /** The URL of the new database (`ic_test_<random>`). */
  readonly url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/** A new empty database `ic_test_<random>` on the tests' PostgreSQL server, or why there is none (`skip`). */
export async function pgTestDatabase(): Promise<PgTestDatabase | { readonly skip: string }> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (e) {
    const at = new URL(PG_ADMIN_URL);
    return {
      skip: `no PostgreSQL server answers at ${at.hostname}:${at.port || 5432} (${e instanceof Error ? e.message || e.name : String(e)})`,
    };
  }
  const name = `ic_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A `describe` block on a database of its own, dropped after the block. Without a PostgreSQL
 * server the block is skipped with a message saying so, except under `CI=true`, where the
 * block fails.
 */
export async function withPostgres(title: string, body: (db: PgTestDatabase) => void): Promise<void> {
  const db = await pgTestDatabase();
  if ('skip' in db) {
    describe(title, () => {
      if (process.env.CI === 'true')
        it('needs PostgreSQL (CI=true)', () => {
          throw new Error(`CI=true requires the PostgreSQL tests to run, but ${db.skip}`);
        });
      else {
        const message = `PostgreSQL tests skipped: ${db.skip}; set TEST_POSTGRES_URL to run them`;
        console.warn(message);
        it.skip(message, () => undefined);
      }
    });
    return;
  }
  describe(title, () => {
    afterAll(() => db.drop());
    body(db);
  });
}

/**
 * The Redis the multi-instance tests use: `ISLAND_CHAIN_TEST_REDIS`, or the project machines'
 * (127.0.0.1:6379, no password). Each test keeps its keys under a prefix of its own
 * (`redisTestPrefix`) and deletes them (`deleteRedisKeys`).
 */
export const REDIS_TEST_URL = process.env.ISLAND_CHAIN_TEST_REDIS || 'redis://127.0.0.1:6379';

/** A client on the tests' Redis that gives up at once when it does not answer. */
export function redisClient(url = REDIS_TEST_URL): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    commandTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  return client;
}

/** Null when the tests' Redis answers, else why not. */
export async function redisAbsent(url = REDIS_TEST_URL): Promise<string | null> {
  const client = redisClient(url);
  // The connection's own error (ECONNREFUSED…) says more than the rejection.
  let cause: Error | null = null;
  client.on('error', (e: Error) => {
    cause ??= e;
  });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG' ? null : `Redis at ${url} does not answer PING`;
  } catch (e) {
    const why = (cause ?? (e as Error)).message || String(e);
    return `no Redis answers at ${url} (${why})`;
  } finally {
    client.disconnect();
  }
}

/** A key prefix of its own for one test (`ic_test_<random>:`). */
export const redisTestPrefix = (): string => `ic_test_${randomBytes(6).toString('hex')}:`;

/** Deletes every key under `prefix`; resolves to how many there were. */
export async function deleteRedisKeys(prefix: string, url = REDIS_TEST_URL): Promise<number> {
  const client = redisClient(url);
  await client.connect();
  try {
    let n = 0;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) n += await client.del(...keys);
    } while (cursor !== '0');
    return n;
  } finally {
    client.disconnect();
  }
}

/**
 * A `describe` block on a PostgreSQL database of its own and the tests' Redis. Without either
 * server the block is skipped with a message saying which is missing, except under `CI=true`,
 * where the block fails.
 */
export async function withPostgresAndRedis(
  title: string,
  body: (db: PgTestDatabase, redisUrl: string) => void,
): Promise<void> {
  const noRedis = await redisAbsent();
  const db = noRedis ? null : await pgTestDatabase();
  const missing = noRedis ?? (db && 'skip' in db ? db.skip : null);
  if (missing !== null || !db || 'skip' in db) {
    describe(title, () => {
      if (process.env.CI === 'true')
        it('needs PostgreSQL and Redis (CI=true)', () => {
          throw new Error(`CI=true requires the PostgreSQL and Redis tests to run, but ${missing}`);
        });
      else {
        const message = `PostgreSQL and Redis tests skipped: ${missing}; set TEST_POSTGRES_URL and ISLAND_CHAIN_TEST_REDIS to run them`;
        console.warn(message);
        it.skip(message, () => undefined);
      }
    });
    return;
  }
  describe(title, () => {
    afterAll(() => db.drop());
    body(db, REDIS_TEST_URL);
  });
}
