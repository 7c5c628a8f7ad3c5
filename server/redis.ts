/**
 * Redis between server instances (issue 11, "Several instances"): the connection the
 * instances share, chosen by `--redis-url` / `REDIS_URL` next to a PostgreSQL `--database-url`.
 * Three things live in it, all under one key prefix (`--redis-prefix`, default `island-chain:`):
 *
 * - `match:<id>`: the pub/sub channel of a match's stored updates (pubsub.ts);
 * - `lease:<id>` and the channel `leases`: who runs a match's bots and planning timer (lease.ts);
 * - `lock:<id>`: held while an instance runs a task of the match (`MatchLocks` below), so that
 *   the read-modify-write cycles of a match's metadata (joins, connections, moves) never
 *   interleave across instances, as the per-match queue keeps them apart within one;
 * - `creates:<address>`: the create rate limit per address, counted across instances
 *   (`RedisCreateCounter` below, used by lobby.ts's `createLimits`).
 *
 * Redis carries unfiltered match states (every unit, every sealed order, the seed): it is
 * trusted like the database and must not be reachable by players.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { CreateCounter } from './lobby.ts';

/** How long to wait for Redis at start before saying it cannot be reached. */
const CONNECT_TIMEOUT_MS = 5000;
/** How long one command may take once running (a lease renewal, a publish, a create count). */
const COMMAND_TIMEOUT_MS = 3000;

export const DEFAULT_REDIS_PREFIX = 'island-chain:';

/** The URL with its password replaced by `***`, for log lines and error messages. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * Checks a `--redis-url`: a `redis://` or `rediss://` URL with a host, an optional port and an
 * optional database number. Throws a sentence naming the problem (never the password).
 */
export function parseRedisUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('--redis-url is not a URL; give redis://[:password@]host[:port][/db]');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`--redis-url must be a redis:// or rediss:// URL (got "${url.protocol}//...")`);
  if (!url.hostname) throw new Error('--redis-url names no host');
  if (!/^(\/\d*)?$/.test(url.pathname) || url.search !== '' || url.hash !== '')
    throw new Error(`--redis-url ${redactRedisUrl(text)}: only a database number may follow the host`);
  return url;
}

/** Checks a `--redis-prefix`: 1 to 100 letters, digits, `_`, `.`, `:` or `-`. */
export function parseRedisPrefix(text: string): string {
  if (!/^[\w.:-]{1,100}$/.test(text))
    throw new Error(`--redis-prefix "${text}" must be 1 to 100 letters, digits, "_", ".", ":" or "-"`);
  return text;
}

/**
 * The instance's two connections to Redis: `cmd` for commands and publishing, `sub` for
 * subscriptions (a subscribed connection takes no other commands). Both reconnect by
 * themselves; `sub` subscribes again to its channels after a reconnection.
 */
export class RedisLink {
  readonly cmd: Redis;
  readonly sub: Redis;
  readonly description: string;
  /** This instance's name in leases and messages: host, process id and random bytes. */
  readonly instanceID: string;
  /** Host and port, for error messages. */
  private readonly where: string;
  private closed = false;
  /** Whether `connect` succeeded (errors before it are its own, not logged). */
  private started = false;
  private lastError: Error | null = null;

  constructor(
    url: string,
    readonly prefix: string = DEFAULT_REDIS_PREFIX,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    const parsed = parseRedisUrl(url);
    this.description = `Redis ${redactRedisUrl(url)} (prefix ${prefix})`;
    this.instanceID = `${process.pid}-${randomBytes(6).toString('hex')}`;
    const where = `${parsed.hostname}:${parsed.port || '6379'}`;
    this.where = where;
    const options = {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      // Reconnect with a growing pause, at most 2 s.
      retryStrategy: (times: number) => Math.min(times * 200, 2000),
    };
    this.cmd = new Redis(url, { ...options, commandTimeout: COMMAND_TIMEOUT_MS });
    this.sub = new Redis(url, options);
    let told = false;
    const onError = (e: Error) => {
      this.lastError = e;
      if (this.closed || told || !this.started) return;
      told = true;
      this.log(`redis at ${where}: ${e.message || e.name}; reconnecting`);
    };
    this.cmd.on('error', onError);
    this.sub.on('error', onError);
    this.cmd.on('ready', () => (told = false));
  }

  /** Connects both; an unreachable Redis is an error naming host and port within a few seconds. */
  async connect(): Promise<void> {
    try {
      await Promise.all([this.connectOne(this.cmd), this.connectOne(this.sub)]);
      await this.cmd.ping();
      this.started = true;
    } catch (e) {
      this.disconnect();
      // The connection's own error (ECONNREFUSED, ETIMEDOUT, ENOTFOUND…) says more than the rejection.
      const why = (this.lastError ?? (e as Error)).message || String(e);
      throw new Error(`cannot reach Redis at ${this.where}: ${why}`);
    }
  }

  private async connectOne(client: Redis): Promise<void> {
    // At start a refused connection is an error at once, not a retry loop.
    const retry = client.options.retryStrategy;
    client.options.retryStrategy = () => null;
    try {
      await client.connect();
    } finally {
      client.options.retryStrategy = retry;
    }
  }

  /** A key or channel name under the prefix. */
  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** Closes both connections (after the leases are released). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.cmd.quit().catch(() => undefined), this.sub.quit().catch(() => undefined)]);
    this.disconnect();
  }

  private disconnect(): void {
    this.closed = true;
    this.cmd.disconnect();
    this.sub.disconnect();
  }
}

/**
 * Takes one creation for an address if it made fewer than `limit` in the last `windowMs`
 * (a sorted set of creation times per address, trimmed to the window, in one script so two
 * instances cannot both take the last one). Returns `{1, member}` when taken, else `{0, oldest}`.
 */
const TAKE_CREATE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, oldest[2]}
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, ARGV[4]}
`;

/** The create rate limit counted in Redis, so it holds across instances (`createLimits` in lobby.ts). */
export class RedisCreateCounter implements CreateCounter {
  constructor(private readonly redis: RedisLink) {}

  async take(
    address: string,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<{ ok: true; undo: () => Promise<void> } | { ok: false; oldest: number }> {
    const key = this.redis.key('creates', address);
    const member = `${now}-${randomBytes(4).toString('hex')}`;
    const [taken, value] = (await this.redis.cmd.eval(
      TAKE_CREATE,
      1,
      key,
      String(now),
      String(windowMs),
      String(limit),
      member,
    )) as [number, string];
    if (taken === 1)
      return {
        ok: true,
        undo: async () => {
          await this.redis.cmd.zrem(key, member);
        },
      };
    return { ok: false, oldest: Number(value) };
  }
}

/** Renews a key's expiry while it still holds the caller's token. */
const RENEW_TOKEN = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;
/** Deletes a key while it still holds the caller's token. */
const DELETE_TOKEN = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** How long a task's lock lives without renewal (it is renewed every third of that while held). */
const LOCK_MS = 5000;
/** How long a task waits for another instance's lock before it runs without (and says so). */
const LOCK_WAIT_MS = 3 * LOCK_MS;

/**
 * One lock per match across instances, taken around each task of the match's queue
 * (`SecureSocketIO.exclusive`). The store's compare-and-set on `_stateID` already keeps two
 * instances from both writing a state; the lock keeps the rest of a task (the metadata a join,
 * a connection change or a move reads and writes back) from interleaving with another
 * instance's. A lock whose holder died expires after `LOCK_MS`; should Redis not answer, the
 * task runs without it (the state's compare-and-set still holds) and a line is logged.
 */
export class MatchLocks {
  constructor(
    private readonly redis: RedisLink,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Takes the match's lock, waiting for another instance's; resolves to its release. */
  async lock(matchID: string): Promise<() => Promise<void>> {
    const key = this.redis.key('lock', matchID);
    const token = randomBytes(8).toString('hex');
    const until = Date.now() + LOCK_WAIT_MS;
    try {
      for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
        if ((await this.redis.cmd.set(key, token, 'PX', LOCK_MS, 'NX')) === 'OK') break;
        if (Date.now() > until) {
          this.log(
            `match ${matchID}: another instance held its lock for ${LOCK_WAIT_MS} ms; running without`,
          );
          return async () => undefined;
        }
        await new Promise((r) => setTimeout(r, pause));
      }
    } catch (e) {
      this.log(`match ${matchID}: no lock (${e instanceof Error ? e.message : String(e)}); running without`);
      return async () => undefined;
    }
    const renewal = setInterval(() => {
      this.redis.cmd.eval(RENEW_TOKEN, 1, key, token, String(LOCK_MS)).catch(() => undefined);
    }, LOCK_MS / 3);
    return async () => {
      clearInterval(renewal);
      await this.redis.cmd.eval(DELETE_TOKEN, 1, key, token).catch(() => undefined);
    };
  }
}
