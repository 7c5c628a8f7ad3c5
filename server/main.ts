/**
 * The Island Chain server (DESIGN.md section 1; issues 3 and 11): one process serving the built
 * client, the boardgame.io lobby API and the game sockets, with matches in SQLite (the default)
 * or PostgreSQL (`--database-url postgres://...`), both behind `ServerStore` (store.ts). With
 * `--redis-url` (and PostgreSQL) several instances serve the same matches: updates travel
 * between them on Redis pub/sub (pubsub.ts), each match's bots and timer run on the holder of
 * its lease (lease.ts), and the create rate limit is counted in Redis (redis.ts).
 *
 *   node --import tsx server/main.ts [--port 8000] [--host 0.0.0.0] [--data-dir ./data]
 *        [--database-url postgres://user@host:5432/db] [--client-dir dist/client]
 *        [--max-open-matches 50] [--creates-per-minute 10]
 *        [--redis-url redis://host:6379] [--redis-prefix island-chain:] [--lease-ms 10000]
 *        [--trust-proxy]
 *
 * Environment: PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL, REDIS_PREFIX, TRUST_PROXY=1. `startServer` does
 * the same for tests (port 0 = any free port).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Server as BgioServer, LogEntry, State, StorageAPI } from 'boardgame.io';
import { Origins, Server } from 'boardgame.io/server';
import { checkMove, makeGame } from '../game/bgio.ts';
import type { MatchState } from '../game/index.ts';
import { getScenario } from '../scenarios/index.ts';
import { BotRunner, botSeats } from './bots.ts';
import { addCaptureRoutes, finishedCapture } from './capture.ts';
import { DEFAULT_LEASE_MS, MatchRunners } from './lease.ts';
import { addRoutes, createLimits, MemoryCreateCounter, sealMatch, secret } from './lobby.ts';
import { PostgresStorage } from './pgStorage.ts';
import type { FloodLimits } from './protocol.ts';
import { MatchRelay } from './pubsub.ts';
import { DEFAULT_REDIS_PREFIX, parseRedisPrefix, RedisCreateCounter, RedisLink } from './redis.ts';
import { addSeatRoutes, guardPaths } from './seats.ts';
import { addSeminarRoutes } from './seminar.ts';
import { serveClient } from './static.ts';
import { SqliteStorage } from './storage.ts';
import type { NewMatch, ServerStore, ServerValue, StoreOptions } from './store.ts';
import { PlanningTimers } from './timer.ts';
import { reportRefusal, SecureSocketIO } from './transport.ts';

export interface ServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly dataDir: string;
  /**
   * A `postgres://` or `postgresql://` URL: matches are kept in that PostgreSQL database. Absent
   * (or empty): in SQLite, `island-chain.sqlite` in `dataDir`.
   */
  readonly databaseUrl?: string;
  /** Where the built client is (default `dist/client` at the repository root). */
  readonly clientDir?: string;
  /** Interface to listen on (default: all). */
  readonly host?: string;
  /** No log lines. */
  readonly quiet?: boolean;
  /** Matches one address may create per minute (default 10). */
  readonly createPerMinute?: number;
  /** Open matches the server holds at most (default 50). */
  readonly maxOpenMatches?: number;
  /** Socket frame rates and the per-match queue cap (default `DEFAULT_FLOOD_LIMITS`). */
  readonly floodLimits?: FloodLimits;
  /**
   * A `redis://` or `rediss://` URL: several instances on one PostgreSQL database (`databaseUrl`
   * is then required). Absent (or empty): a single instance.
   */
  readonly redisUrl?: string;
  /** The prefix of every Redis key and channel (default `island-chain:`). */
  readonly redisPrefix?: string;
  /** The period of a match's lease on its bots and timer, in ms (default 10,000). */
  readonly leaseMs?: number;
  /**
   * Reached only through a reverse proxy: a client's address (for the per-address limits) is the
   * last `X-Forwarded-For` entry, the one the proxy added. Never set it for a server that clients
   * reach directly: they could then pick their address.
   */
  readonly trustProxy?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** The match store (tests read it to check what clients were not sent). */
  readonly storage: ServerStore;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_DIR = resolve(import.meta.dirname, '../dist/client');
export const DATABASE_FILE = 'island-chain.sqlite';

/** Credentials compared in constant time; a seat without credentials accepts none. */
function authentic(credentials: unknown, expected: unknown): boolean {
  if (typeof credentials !== 'string' || typeof expected !== 'string' || expected === '') return false;
  const a = Buffer.from(credentials);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

type MatchData = BgioServer.MatchData;

/** `--max-open-matches` when not given. */
const DEFAULT_MAX_OPEN_MATCHES = 50;

/** The store `options` select: PostgreSQL for a `databaseUrl`, else SQLite in the data directory. */
export function openStore(
  options: Pick<ServerOptions, 'dataDir' | 'databaseUrl'>,
  storeOptions: StoreOptions = {},
): ServerStore {
  if (options.databaseUrl) return new PostgresStorage(options.databaseUrl, storeOptions);
  return new SqliteStorage(join(resolve(options.dataDir), DATABASE_FILE), storeOptions);
}

/** Round and game-over of a match's latest state, as this process last saw it. */
interface Seen {
  readonly round: number;
  readonly over: boolean;
}

/**
 * The store with the server's rule for new matches (sealed metadata, then bots and a log line),
 * and what the state hook needs of the state before a move: the master's hook cannot await a
 * read, so the round and game-over of each match's state are noted when the match is created
 * or its state first fetched (every move fetches it first) and updated by the hook.
 */
class MatchStore implements ServerStore {
  onCreated: (matchID: string, metadata: ReturnType<typeof sealMatch>, state: State) => void = () =>
    undefined;
  readonly seen = new Map<string, Seen>();

  constructor(
    private readonly inner: ServerStore,
    /** The open-match cap every creation through this store is held to (`--max-open-matches`). */
    private readonly maxOpen: number,
  ) {}

  get description(): string {
    return this.inner.description;
  }
  type(): StorageAPI.Type {
    return this.inner.type();
  }
  connect(): Promise<void> {
    return this.inner.connect();
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  /** Creates a match within the open-match cap (else OpenMatchCapError, and nothing created). */
  async createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): Promise<void> {
    await this.createMatches([{ matchID, opts }], this.maxOpen);
  }

  /** Creates matches all or none, within `maxOpen` and never past this store's own cap. */
  async createMatches(matches: readonly NewMatch[], maxOpen: number): Promise<void> {
    const sealed = matches.map((m) => ({
      matchID: m.matchID,
      opts: { ...m.opts, metadata: sealMatch(m.opts.metadata) },
    }));
    await this.inner.createMatches(sealed, Math.min(maxOpen, this.maxOpen));
    for (const m of sealed) {
      this.note(m.matchID, m.opts.initialState);
      this.onCreated(m.matchID, m.opts.metadata, m.opts.initialState);
    }
  }

  async fetch<O extends StorageAPI.FetchOpts>(matchID: string, opts: O): Promise<StorageAPI.FetchResult<O>> {
    const result = await this.inner.fetch(matchID, opts);
    const { state } = result as { state?: State };
    if (state && !this.seen.has(matchID)) this.note(matchID, state);
    return result;
  }

  /** Notes a match's latest state for the hook. */
  note(matchID: string, state: State): void {
    this.seen.set(matchID, {
      round: (state.G as MatchState).round,
      over: state.ctx.gameover !== undefined,
    });
  }

  setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    return this.inner.setState(matchID, state, deltalog);
  }
  commit(
    matchID: string,
    state: State,
    deltalog?: readonly LogEntry[],
    metadata?: MatchData,
  ): Promise<boolean> {
    return this.inner.commit(matchID, state, deltalog, metadata);
  }
  setMetadata(matchID: string, metadata: MatchData): Promise<void> {
    return this.inner.setMetadata(matchID, metadata);
  }
  async wipe(matchID: string): Promise<void> {
    await this.inner.wipe(matchID);
    this.seen.delete(matchID);
  }
  listMatches(opts?: StorageAPI.ListMatchesOpts): Promise<string[]> {
    return this.inner.listMatches(opts);
  }
  countOpen(): Promise<number> {
    return this.inner.countOpen();
  }
  getServerValue<T>(matchID: string, key: string): Promise<T | undefined> {
    return this.inner.getServerValue<T>(matchID, key);
  }
  setServerValue(matchID: string, key: string, value: unknown): Promise<void> {
    return this.inner.setServerValue(matchID, key, value);
  }
  listServerValues<T>(key: string): Promise<ServerValue<T>[]> {
    return this.inner.listServerValues<T>(key);
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.quiet
    ? () => undefined
    : (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  if (options.redisUrl && !options.databaseUrl)
    throw new Error(
      '--redis-url needs a PostgreSQL --database-url: several instances cannot share an SQLite file',
    );
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if (!Number.isInteger(leaseMs) || leaseMs < 300) throw new Error('--lease-ms must be 300 or more');
  const redis = options.redisUrl
    ? new RedisLink(options.redisUrl, parseRedisPrefix(options.redisPrefix ?? DEFAULT_REDIS_PREFIX), log)
    : null;
  const storage = new MatchStore(
    openStore(options, {
      onStaleWrite: (w) =>
        log(
          `match ${w.matchID}: refused a stale state write (state ${w.stateID}, stored ${w.storedStateID ?? 'none'})`,
        ),
    }),
    options.maxOpenMatches ?? DEFAULT_MAX_OPEN_MATCHES,
  );
  try {
    // Redis first: an instance that cannot reach it leaves the database untouched.
    await redis?.connect();
    await storage.connect();
  } catch (e) {
    await storage.close().catch(() => undefined);
    await redis?.close();
    throw e;
  }
  log(`storage: ${storage.description}`);
  if (redis) log(`instances: ${redis.description}, this one ${redis.instanceID}, leases of ${leaseMs} ms`);

  // Outside production, pages on other localhost ports (the Vite dev server) may use the lobby and sockets.
  const devOrigins = [Origins.LOCALHOST_IN_DEVELOPMENT].filter((o): o is RegExp => o !== false);
  const transport = new SecureSocketIO(
    {
      onEvent: log,
      onState: (matchID, state, action) => {
        const G = state.G as MatchState;
        const gameover = state.ctx.gameover !== undefined;
        const before = storage.seen.get(matchID);
        storage.note(matchID, state);
        if (before !== undefined && G.round > before.round)
          log(
            `match ${matchID}: round ${before.round} adjudicated (escalation ${G.escalation}); round ${G.round} planning`,
          );
        if (gameover && before?.over === false)
          log(
            `match ${matchID} ended in round ${G.round}: ${G.outcome?.category ?? 'over'}: ${G.outcome?.reason ?? ''}`,
          );
        changed(matchID, state, action, true);
      },
      onRemoteState: (matchID, state, action) => {
        storage.note(matchID, state);
        changed(matchID, state, action, false);
      },
      checkMove: (state, playerID, move, args) => {
        const r = checkMove(state, playerID, move, args, getScenario);
        return r.ok ? null : `${r.error.message} [${r.error.code}]`;
      },
    },
    devOrigins,
    options.floodLimits,
    options.trustProxy ?? false,
  );
  const timers = new PlanningTimers(storage, transport, log, Date.now, redis !== null);
  const bots: BotRunner = new BotRunner(storage, transport, (id): boolean => runners?.runs(id) ?? true);
  // With Redis: updates from the other instances, and a lease per match on its bots and timer.
  const relay = redis ? new MatchRelay(redis, (id, payloads) => transport.receive(id, payloads), log) : null;
  if (relay) transport.connectRelay(relay);
  const runners: MatchRunners | null =
    redis && relay ? new MatchRunners(redis, relay, storage, transport, bots, timers, leaseMs, log) : null;
  /** A state of a match was stored, here (`local`) or by another instance. */
  const changed = (matchID: string, state: State, action: unknown, local: boolean) => {
    if (runners) return runners.changed(matchID, state, action, local);
    const gameover = state.ctx.gameover !== undefined;
    timers.onState(matchID, state.G as MatchState, gameover, action);
    if (!gameover) bots.schedule(matchID);
  };
  storage.onCreated = (matchID, metadata, state) => {
    const G = state.G as MatchState;
    const seats = Object.entries(botSeats(metadata.setupData)).map(([f, p]) => `${f}=${p}`);
    log(
      `match ${matchID} created: ${G.scenarioId}, ${Object.keys(metadata.players).length} seats` +
        `${G.white.present ? ' with White Cell' : ''}, bots: ${seats.length ? seats.join(', ') : 'none'}`,
    );
    if (runners) runners.created(matchID, seats.length > 0);
    else if (seats.length > 0) setImmediate(() => bots.schedule(matchID));
  };

  const game = makeGame(getScenario, {
    newSeed: () => randomBytes(16).toString('hex'),
    onReject: (r) => reportRefusal(`${r.error.message} [${r.error.code}]`),
  });
  const server = Server({
    games: [game],
    db: storage,
    transport,
    origins: devOrigins,
    authenticateCredentials: (credentials, player) => authentic(credentials, player?.credentials),
    generateCredentials: () => secret(),
  });
  const app = server.app;
  if (options.trustProxy) {
    // Koa's ctx.ip becomes the last X-Forwarded-For entry.
    app.proxy = true;
    app.maxIpsCount = 1;
  }
  // The seminar routes count their tables against the same limits and counter as create.
  const limits = {
    createPerMinute: options.createPerMinute ?? 10,
    maxOpenMatches: options.maxOpenMatches ?? DEFAULT_MAX_OPEN_MATCHES,
  };
  const createCounter = redis ? new RedisCreateCounter(redis) : new MemoryCreateCounter();
  app.use(createLimits(limits, () => storage.countOpen(), Date.now, createCounter));
  app.use(guardPaths(game.name!));
  app.use(serveClient(options.clientDir ?? DEFAULT_CLIENT_DIR));
  addSeatRoutes(server.router, {
    store: storage,
    transport,
    game,
    authentic,
    newCredentials: () => secret(),
    newMatchID: () => secret(12),
    log,
  });
  addCaptureRoutes(server.router, { store: storage, queue: transport, authentic });
  addRoutes(server.router, storage, timers, game, (id) => finishedCapture(storage, id));
  const seminars = addSeminarRoutes(server.router, {
    store: storage,
    game,
    limits,
    counter: createCounter,
    newID: () => secret(12),
    newKey: () => secret(),
    log,
  });
  if (options.host) {
    const listen = app.listen.bind(app) as (...args: unknown[]) => unknown;
    (app as unknown as { listen: (...args: unknown[]) => unknown }).listen = (port: unknown, cb: unknown) =>
      listen(port, options.host, cb);
  }

  // The stored countdowns are loaded before any move can arrive: the state hook works from them.
  // With leases, each is loaded when its match's lease is taken.
  if (!runners) await timers.resumeAll();
  const { appServer } = await server.run({ port: options.port });
  const port = (appServer.address() as AddressInfo).port;
  const host =
    options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (runners) await runners.leases.start();
  else await bots.resumeAll();
  log(`Island Chain serving on ${url} (${storage.description})`);

  let closed = false;
  return {
    url,
    port,
    storage,
    close: async () => {
      if (closed) return;
      closed = true;
      bots.stop();
      timers.stop();
      await seminars.close();
      await transport.close();
      appServer.closeAllConnections();
      await new Promise<void>((done) => (appServer.listening ? appServer.close(() => done()) : done()));
      await transport.drain();
      await timers.flush();
      // The stored countdowns are current: another instance may take the leases over.
      await runners?.leases.stop();
      relay?.close();
      await redis?.close();
      await storage.close();
    },
  };
}

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got "${value}")`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'client-dir': { type: 'string' },
      'max-open-matches': { type: 'string' },
      'creates-per-minute': { type: 'string' },
      'redis-url': { type: 'string' },
      'redis-prefix': { type: 'string' },
      'lease-ms': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
  const running = await startServer({
    port: intOption(values.port ?? process.env.PORT, 'port') ?? 8000,
    dataDir: values['data-dir'] ?? process.env.DATA_DIR ?? './data',
    databaseUrl: values['database-url'] ?? (process.env.DATABASE_URL || undefined),
    host: values.host ?? process.env.HOST,
    clientDir: values['client-dir'],
    quiet: values.quiet ?? false,
    maxOpenMatches: intOption(values['max-open-matches'], 'max-open-matches'),
    createPerMinute: intOption(values['creates-per-minute'], 'creates-per-minute'),
    redisUrl: values['redis-url'] ?? (process.env.REDIS_URL || undefined),
    redisPrefix: values['redis-prefix'] ?? (process.env.REDIS_PREFIX || undefined),
    leaseMs: intOption(values['lease-ms'], 'lease-ms'),
    trustProxy: values['trust-proxy'] ?? process.env.TRUST_PROXY === '1',
  });
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
