/**
 * PostgreSQL storage (issue 11, "PostgreSQL storage"): the `ServerStore` (store.ts) on `pg`,
 * chosen by `--database-url postgres://...`, so several server instances can share one database.
 *
 * - Schema migrations: `schema_migrations` records each numbered migration applied. `connect`
 *   applies the missing ones in one transaction under an advisory lock, so instances starting
 *   together apply each migration once and none sees a half-made schema. A database migrated by
 *   a newer server (an unknown version) is refused.
 * - The same tables as SQLite: `matches` (metadata, initial state, latest state, its `_stateID`),
 *   `log` (append-only: triggers refuse UPDATE, and DELETE or TRUNCATE while the match exists),
 *   `server_kv` (the server's own per-match records). States, metadata and log entries are kept
 *   as text, so what is read back is byte for byte what was written, as in SQLite.
 * - `commit` is one transaction whose state write is an atomic compare-and-set,
 *   `UPDATE matches ... WHERE match_id = $ AND state_id < $`: the row lock makes a second writer
 *   wait for the first and then re-check `state_id`, so of two writers offering the same next
 *   `_stateID` exactly one wins. The log entries and the metadata are written only by the winner.
 * - An unreachable database is an error naming host and port after a few seconds, not a hang.
 */
import type { LogEntry, Server, State, StorageAPI } from 'boardgame.io';
import pg from 'pg';
import {
  gameoverFlag,
  type NewMatch,
  OpenMatchCapError,
  parseDatabaseUrl,
  redactUrl,
  type ServerStore,
  type ServerValue,
  type StoreOptions,
} from './store.ts';

type FetchOpts = StorageAPI.FetchOpts;

/** The advisory lock key that serializes match creation (the open-match cap) across instances. */
const CREATE_LOCK = 0x1c_0be9;
type FetchResult<O extends FetchOpts> = StorageAPI.FetchResult<O>;
type MatchData = Server.MatchData;

/** boardgame.io's `Type.ASYNC`: the master awaits every call. */
const ASYNC = 1;

/** The advisory lock taken while migrating (any fixed number; the same in every instance). */
const MIGRATION_LOCK = 0x15c4a1;

/** The schema, one numbered step at a time; a step is never changed once released, only added to. */
export const MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}[] = [
  {
    version: 1,
    name: 'matches, append-only log, server records',
    sql: `
CREATE TABLE matches (
  match_id      text PRIMARY KEY,
  game_name     text NOT NULL,
  metadata      text NOT NULL,
  initial_state text NOT NULL,
  state         text NOT NULL,
  state_id      integer NOT NULL,
  gameover      boolean NOT NULL DEFAULT false,
  updated_at    bigint NOT NULL
);
CREATE INDEX matches_by_game ON matches (game_name, gameover, updated_at);
CREATE TABLE log (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  match_id text NOT NULL,
  state_id integer NOT NULL,
  entry    text NOT NULL
);
CREATE INDEX log_by_match ON log (match_id, id);
CREATE FUNCTION log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM matches WHERE match_id = OLD.match_id) THEN
    RAISE EXCEPTION 'the match log is append-only';
  END IF;
  RETURN OLD;
END $$;
CREATE FUNCTION log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM matches) THEN
    RAISE EXCEPTION 'the match log is append-only';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER log_no_update BEFORE UPDATE ON log FOR EACH ROW EXECUTE FUNCTION log_append_only();
CREATE TRIGGER log_no_delete BEFORE DELETE ON log FOR EACH ROW EXECUTE FUNCTION log_append_only();
CREATE TRIGGER log_no_truncate BEFORE TRUNCATE ON log FOR EACH STATEMENT EXECUTE FUNCTION log_no_truncate();
CREATE TABLE server_kv (
  match_id text NOT NULL,
  key      text NOT NULL,
  value    text NOT NULL,
  PRIMARY KEY (match_id, key)
);
`,
  },
];

interface MatchRow {
  readonly metadata: string;
  readonly initial_state: string;
  readonly state: string;
  readonly log?: string[];
}

export interface PostgresStorageOptions extends StoreOptions {
  /** Milliseconds to wait for a connection before giving up (default 5000). */
  readonly connectTimeoutMs?: number;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
}

/** `new PostgresStorage(url)`: the `ServerStore` on a PostgreSQL database. */
export class PostgresStorage implements ServerStore {
  /** The pool (for tests). */
  readonly pool: pg.Pool;
  readonly description: string;
  private readonly where: string;
  private connected: Promise<void> | null = null;
  private closed = false;

  constructor(
    url: string,
    private readonly options: PostgresStorageOptions = {},
  ) {
    const parsed = parseDatabaseUrl(url);
    this.description = `PostgreSQL ${redactUrl(parsed)}`;
    this.where = `${parsed.hostname}:${parsed.port || '5432'}`;
    this.pool = new pg.Pool({
      connectionString: url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      max: options.poolSize ?? 10,
    });
    // An idle connection that breaks (the database restarted) must not crash the server; the
    // next query opens a new one or fails with its own error.
    this.pool.on('error', () => undefined);
  }

  type(): StorageAPI.Type {
    return ASYNC as StorageAPI.Type;
  }

  /** Checks that the database answers and applies the missing migrations. Idempotent. */
  connect(): Promise<void> {
    this.connected ??= this.migrate();
    return this.connected;
  }

  private async migrate(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      this.connected = null;
      throw new Error(
        `cannot reach PostgreSQL at ${this.where}: ${e instanceof Error ? e.message || e.name : String(e)}`,
      );
    }
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version    integer PRIMARY KEY,
           name       text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (r) => r.version,
        ),
      );
      const known = new Set(MIGRATIONS.map((m) => m.version));
      const unknown = [...applied].filter((v) => !known.has(v));
      if (unknown.length > 0)
        throw new Error(
          `the database at ${this.where} has schema migration ${Math.max(...unknown)}, which this server does not know (it knows up to ${Math.max(...known)}); run a newer server`,
        );
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.connected = null;
      throw e;
    } finally {
      client.release();
    }
  }

  /** Ends the pool. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  private async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): Promise<void> {
    await this.insertMatch(this.pool, matchID, opts);
  }

  async createMatches(matches: readonly NewMatch[], maxOpen: number): Promise<void> {
    await this.transaction(async (c) => {
      // Every instance's creations queue on one transaction-scoped advisory lock, so the count
      // below already includes any creation that committed before this one.
      await c.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK]);
      const { rows } = await c.query<{ n: number }>(
        'SELECT count(*)::integer AS n FROM matches WHERE NOT gameover',
      );
      const open = rows[0]!.n;
      if (open + matches.length > maxOpen) throw new OpenMatchCapError(open, maxOpen, matches.length);
      for (const m of matches) await this.insertMatch(c, m.matchID, m.opts);
    });
  }

  private async insertMatch(
    c: pg.Pool | pg.PoolClient,
    matchID: string,
    opts: StorageAPI.CreateMatchOpts,
  ): Promise<void> {
    const { initialState, metadata } = opts;
    await c.query(
      `INSERT INTO matches (match_id, game_name, metadata, initial_state, state, state_id, gameover, updated_at)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
      [
        matchID,
        metadata.gameName,
        JSON.stringify(metadata),
        JSON.stringify(initialState),
        initialState._stateID,
        gameoverFlag(metadata) === 1,
        metadata.updatedAt,
      ],
    );
  }

  /** `commit` without metadata. */
  async setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    await this.commit(matchID, state, deltalog);
  }

  async commit(
    matchID: string,
    state: State,
    deltalog?: readonly LogEntry[],
    metadata?: MatchData,
  ): Promise<boolean> {
    const written = await this.transaction(async (c): Promise<number | null | true> => {
      const won = await c.query(
        'UPDATE matches SET state = $1, state_id = $2 WHERE match_id = $3 AND state_id < $2',
        [JSON.stringify(state), state._stateID, matchID],
      );
      if (won.rowCount === 0) {
        const row = await c.query<{ state_id: number }>('SELECT state_id FROM matches WHERE match_id = $1', [
          matchID,
        ]);
        return row.rows[0]?.state_id ?? null;
      }
      for (const entry of deltalog ?? [])
        await c.query('INSERT INTO log (match_id, state_id, entry) VALUES ($1, $2, $3)', [
          matchID,
          entry._stateID,
          JSON.stringify(entry),
        ]);
      if (metadata) await this.writeMetadata(c, matchID, metadata);
      return true;
    });
    if (written !== true)
      this.options.onStaleWrite?.({ matchID, storedStateID: written, stateID: state._stateID });
    return written === true;
  }

  private async writeMetadata(c: pg.Pool | pg.PoolClient, matchID: string, metadata: MatchData) {
    await c.query('UPDATE matches SET metadata = $1, gameover = $2, updated_at = $3 WHERE match_id = $4', [
      JSON.stringify(metadata),
      gameoverFlag(metadata) === 1,
      metadata.updatedAt,
      matchID,
    ]);
  }

  /** Replaces the match's metadata (a no-op for an unknown match: metadata never creates one). */
  async setMetadata(matchID: string, metadata: MatchData): Promise<void> {
    await this.writeMetadata(this.pool, matchID, metadata);
  }

  /** Reads what is asked in one statement, so state, metadata and log are of one moment. */
  async fetch<O extends FetchOpts>(matchID: string, opts: O): Promise<FetchResult<O>> {
    const result: Partial<Record<keyof FetchOpts, unknown>> = {};
    const log = opts.log ? ', ARRAY(SELECT entry FROM log WHERE match_id = $1 ORDER BY id) AS log' : '';
    const { rows } = await this.pool.query<MatchRow>(
      `SELECT metadata, initial_state, state${log} FROM matches WHERE match_id = $1`,
      [matchID],
    );
    const row = rows[0];
    if (!row) return result as FetchResult<O>;
    if (opts.state) result.state = JSON.parse(row.state);
    if (opts.metadata) result.metadata = JSON.parse(row.metadata);
    if (opts.initialState) result.initialState = JSON.parse(row.initial_state);
    if (opts.log) result.log = (row.log ?? []).map((e) => JSON.parse(e));
    return result as FetchResult<O>;
  }

  /** Deletes the match, then its log and the server's records of it, in one transaction. */
  async wipe(matchID: string): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('DELETE FROM matches WHERE match_id = $1', [matchID]);
      await c.query('DELETE FROM log WHERE match_id = $1', [matchID]);
      await c.query('DELETE FROM server_kv WHERE match_id = $1', [matchID]);
    });
  }

  async listMatches(opts: StorageAPI.ListMatchesOpts = {}): Promise<string[]> {
    const where: string[] = [];
    const args: (string | number | boolean)[] = [];
    const add = (clause: string, value: string | number | boolean) => {
      args.push(value);
      where.push(clause.replace('?', `$${args.length}`));
    };
    if (opts.gameName !== undefined) add('game_name = ?', opts.gameName);
    const w = opts.where ?? {};
    if (w.isGameover !== undefined) add('gameover = ?', w.isGameover);
    if (w.updatedBefore !== undefined) add('updated_at < ?', w.updatedBefore);
    if (w.updatedAfter !== undefined) add('updated_at > ?', w.updatedAfter);
    const sql = `SELECT match_id FROM matches${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at, match_id`;
    return (await this.pool.query<{ match_id: string }>(sql, args)).rows.map((r) => r.match_id);
  }

  async countOpen(): Promise<number> {
    return (
      await this.pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM matches WHERE NOT gameover')
    ).rows[0]!.n;
  }

  async getServerValue<T>(matchID: string, key: string): Promise<T | undefined> {
    const { rows } = await this.pool.query<{ value: string }>(
      'SELECT value FROM server_kv WHERE match_id = $1 AND key = $2',
      [matchID, key],
    );
    return rows[0] ? (JSON.parse(rows[0].value) as T) : undefined;
  }

  async setServerValue(matchID: string, key: string, value: unknown): Promise<void> {
    if (value === undefined)
      await this.pool.query('DELETE FROM server_kv WHERE match_id = $1 AND key = $2', [matchID, key]);
    else
      await this.pool.query(
        'INSERT INTO server_kv (match_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (match_id, key) DO UPDATE SET value = excluded.value',
        [matchID, key, JSON.stringify(value)],
      );
  }

  async listServerValues<T>(key: string): Promise<ServerValue<T>[]> {
    const { rows } = await this.pool.query<{ match_id: string; value: string }>(
      'SELECT match_id, value FROM server_kv WHERE key = $1 ORDER BY match_id',
      [key],
    );
    return rows.map((r) => ({ matchID: r.match_id, value: JSON.parse(r.value) as T }));
  }
}
