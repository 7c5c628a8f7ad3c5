/**
 * SQLite storage for boardgame.io (issue 3, "Storage"; issue 11): the server's embedded default,
 * a `ServerStore` (store.ts) on better-sqlite3, so a match survives a crash or a `kill -9`.
 *
 * - WAL journal, `synchronous=NORMAL`: a transaction is committed once its pages are appended to
 *   the write-ahead log, which the OS holds whatever happens to the process, so a write that
 *   returned survives a crash or `kill -9` of the server. The log is synced at checkpoints, not
 *   at every commit: a power cut or an OS crash may lose the last commits (never corrupt the
 *   file). That is the trade `FULL` would avoid at one fsync per move.
 * - Every write is one transaction: a move's state, the log entries it brings and the match's
 *   metadata land together or not at all (`commit`).
 * - `matches` holds one row per match (metadata, initial state, latest state and its `_stateID`).
 * - `log` is append-only: rows are only ever inserted; triggers refuse any UPDATE, and any
 *   DELETE while the match still exists (a log goes only when `wipe` removes its match).
 * - `setState` is guarded by `_stateID`: a write whose state id is not newer than the stored
 *   one is refused, so a stale write can never overwrite a newer state. The check and the
 *   write are one `UPDATE ... WHERE state_id < ?` inside a write transaction, so two
 *   connections on the same file offering the same `_stateID` cannot both win.
 * - `server_kv` keeps the server's own per-match records (planning timers, bot progress,
 *   branch records), removed with the match.
 *
 * better-sqlite3 is synchronous: each call runs to its end before the returned promise settles.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LogEntry, Server, State, StorageAPI } from 'boardgame.io';
import { stringify } from './frozenJson.ts';
import {
  gameoverFlag,
  type NewMatch,
  OpenMatchCapError,
  type ServerStore,
  type ServerValue,
  type StoreOptions,
} from './store.ts';

type FetchOpts = StorageAPI.FetchOpts;
type FetchResult<O extends FetchOpts> = StorageAPI.FetchResult<O>;
type MatchData = Server.MatchData;

/** boardgame.io's `Type.ASYNC`: the master awaits every call. */
const ASYNC = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS matches (
  match_id      TEXT PRIMARY KEY,
  game_name     TEXT NOT NULL,
  metadata      TEXT NOT NULL,
  initial_state TEXT NOT NULL,
  state         TEXT NOT NULL,
  state_id      INTEGER NOT NULL,
  gameover      INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS matches_by_game ON matches (game_name, gameover, updated_at);
CREATE TABLE IF NOT EXISTS log (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  match_id TEXT NOT NULL,
  state_id INTEGER NOT NULL,
  entry    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_by_match ON log (match_id, id);
CREATE TRIGGER IF NOT EXISTS log_no_update BEFORE UPDATE ON log
BEGIN SELECT RAISE(ABORT, 'the match log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS log_no_delete BEFORE DELETE ON log
WHEN EXISTS (SELECT 1 FROM matches WHERE match_id = OLD.match_id)
BEGIN SELECT RAISE(ABORT, 'the match log is append-only'); END;
CREATE TABLE IF NOT EXISTS server_kv (
  match_id TEXT NOT NULL,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (match_id, key)
);
`;

interface MatchRow {
  readonly metadata: string;
  readonly initial_state: string;
  readonly state: string;
  readonly state_id: number;
}

export type { StaleWrite } from './store.ts';
/** Options of `SqliteStorage`: `onStaleWrite`. */
export type SqliteStorageOptions = StoreOptions;

/** `new SqliteStorage(file)`: the `ServerStore` on one SQLite file (`:memory:` for tests). */
export class SqliteStorage implements ServerStore {
  readonly file: string;
  private db: Database.Database | null = null;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly options: SqliteStorageOptions;

  constructor(file: string, options: SqliteStorageOptions = {}) {
    this.file = file;
    this.options = options;
  }

  type(): StorageAPI.Type {
    return ASYNC as StorageAPI.Type;
  }

  get description(): string {
    return `SQLite ${this.file}`;
  }

  /** Opens the file (creating its folder), turns WAL on and creates the tables. Idempotent. */
  async connect(): Promise<void> {
    this.open();
  }

  private open(): Database.Database {
    if (this.db) return this.db;
    if (this.file !== ':memory:') mkdirSync(dirname(this.file), { recursive: true });
    const db = new Database(this.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.db = db;
    return db;
  }

  /** The open database (for tests). */
  get sql(): Database.Database {
    return this.open();
  }

  async close(): Promise<void> {
    this.statements.clear();
    this.db?.close();
    this.db = null;
  }

  /** A prepared statement, prepared once per open database (issue 11: no parse of the SQL per move). */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.open().prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  async createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): Promise<void> {
    this.sql.transaction(() => this.insertMatch(matchID, opts))();
  }

  async createMatches(matches: readonly NewMatch[], maxOpen: number): Promise<void> {
    // IMMEDIATE takes the database's write lock before the count, so another connection's
    // creation waits (busy_timeout) until this one has committed and then counts these too.
    this.sql
      .transaction(() => {
        const open = this.openCount();
        if (open + matches.length > maxOpen) throw new OpenMatchCapError(open, maxOpen, matches.length);
        for (const m of matches) this.insertMatch(m.matchID, m.opts);
      })
      .immediate();
  }

  private insertMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): void {
    const { initialState, metadata } = opts;
    this.stmt(
      `INSERT INTO matches (match_id, game_name, metadata, initial_state, state, state_id, gameover, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      matchID,
      metadata.gameName,
      JSON.stringify(metadata),
      JSON.stringify(initialState),
      JSON.stringify(initialState),
      initialState._stateID,
      gameoverFlag(metadata),
      metadata.updatedAt,
    );
  }

  /**
   * Writes the match's state and appends `deltalog` to its log, in one transaction, only if
   * `state._stateID` is newer than the stored one; otherwise writes nothing.
   */
  async setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    await this.commit(matchID, state, deltalog);
  }

  /**
   * A move's writes in one transaction (issue 7): the new state, its log entries and the
   * match's metadata land together or not at all. Refused like `setState` when the state is
   * not newer than the stored one. Returns whether it was written.
   */
  async commit(
    matchID: string,
    state: State,
    deltalog?: readonly LogEntry[],
    metadata?: MatchData,
  ): Promise<boolean> {
    const db = this.sql;
    const written = db
      .transaction((): number | null | true => {
        // The state's text reuses what the sockets were just sent of it (frozenJson.ts); the
        // metadata a move brings goes in the same statement.
        const text = stringify(state);
        const won = metadata
          ? this.stmt(
              `UPDATE matches SET state = ?, state_id = ?, metadata = ?, gameover = ?, updated_at = ?
               WHERE match_id = ? AND state_id < ?`,
            ).run(
              text,
              state._stateID,
              JSON.stringify(metadata),
              gameoverFlag(metadata),
              metadata.updatedAt,
              matchID,
              state._stateID,
            )
          : this.stmt('UPDATE matches SET state = ?, state_id = ? WHERE match_id = ? AND state_id < ?').run(
              text,
              state._stateID,
              matchID,
              state._stateID,
            );
        if (won.changes === 0) {
          const row = this.stmt('SELECT state_id FROM matches WHERE match_id = ?').get(matchID) as
            | { state_id: number }
            | undefined;
          return row ? row.state_id : null;
        }
        const append = this.stmt('INSERT INTO log (match_id, state_id, entry) VALUES (?, ?, ?)');
        for (const entry of deltalog ?? []) append.run(matchID, entry._stateID, JSON.stringify(entry));
        return true;
      })
      .immediate();
    if (written !== true)
      this.options.onStaleWrite?.({ matchID, storedStateID: written, stateID: state._stateID });
    return written === true;
  }

  private writeMetadata(matchID: string, metadata: MatchData): void {
    this.stmt('UPDATE matches SET metadata = ?, gameover = ?, updated_at = ? WHERE match_id = ?').run(
      JSON.stringify(metadata),
      gameoverFlag(metadata),
      metadata.updatedAt,
      matchID,
    );
  }

  /** Replaces the match's metadata (a no-op for an unknown match: metadata never creates one). */
  async setMetadata(matchID: string, metadata: MatchData): Promise<void> {
    this.writeMetadata(matchID, metadata);
  }

  async fetch<O extends FetchOpts>(matchID: string, opts: O): Promise<FetchResult<O>> {
    const result: Partial<Record<keyof FetchOpts, unknown>> = {};
    // Only the columns asked for: a move reads the metadata alone, not the state's text.
    const cols = [
      'state_id',
      ...(['metadata', 'initial_state', 'state'] as const).filter((c) =>
        c === 'initial_state' ? opts.initialState : opts[c],
      ),
    ];
    const row = this.stmt(`SELECT ${cols.join(', ')} FROM matches WHERE match_id = ?`).get(matchID) as
      | MatchRow
      | undefined;
    if (!row) return result as FetchResult<O>;
    if (opts.state) result.state = JSON.parse(row.state);
    if (opts.metadata) result.metadata = JSON.parse(row.metadata);
    if (opts.initialState) result.initialState = JSON.parse(row.initial_state);
    if (opts.log)
      result.log = (
        this.stmt('SELECT entry FROM log WHERE match_id = ? ORDER BY id').all(matchID) as { entry: string }[]
      ).map((r) => JSON.parse(r.entry));
    return result as FetchResult<O>;
  }

  /** Deletes the match, then its log and the server's records of it. */
  async wipe(matchID: string): Promise<void> {
    const db = this.sql;
    db.transaction(() => {
      this.stmt('DELETE FROM matches WHERE match_id = ?').run(matchID);
      this.stmt('DELETE FROM log WHERE match_id = ?').run(matchID);
      this.stmt('DELETE FROM server_kv WHERE match_id = ?').run(matchID);
    })();
  }

  async listMatches(opts: StorageAPI.ListMatchesOpts = {}): Promise<string[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.gameName !== undefined) {
      where.push('game_name = ?');
      args.push(opts.gameName);
    }
    const w = opts.where ?? {};
    if (w.isGameover !== undefined) {
      where.push('gameover = ?');
      args.push(w.isGameover ? 1 : 0);
    }
    if (w.updatedBefore !== undefined) {
      where.push('updated_at < ?');
      args.push(w.updatedBefore);
    }
    if (w.updatedAfter !== undefined) {
      where.push('updated_at > ?');
      args.push(w.updatedAfter);
    }
    const sql = `SELECT match_id FROM matches${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at, match_id`;
    return (this.stmt(sql).all(...args) as { match_id: string }[]).map((r) => r.match_id);
  }

  /** Number of matches not yet over (for the open-match cap). */
  async countOpen(): Promise<number> {
    return this.openCount();
  }
  private openCount(): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM matches WHERE gameover = 0').get() as { n: number }).n;
  }

  /** The server's own record `key` for a match, or undefined. */
  async getServerValue<T>(matchID: string, key: string): Promise<T | undefined> {
    const row = this.stmt('SELECT value FROM server_kv WHERE match_id = ? AND key = ?').get(matchID, key) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  /** Sets (or with `undefined` removes) the server's own record `key` for a match. */
  async setServerValue(matchID: string, key: string, value: unknown): Promise<void> {
    if (value === undefined)
      this.stmt('DELETE FROM server_kv WHERE match_id = ? AND key = ?').run(matchID, key);
    else
      this.stmt(
        'INSERT INTO server_kv (match_id, key, value) VALUES (?, ?, ?) ON CONFLICT (match_id, key) DO UPDATE SET value = excluded.value',
      ).run(matchID, key, JSON.stringify(value));
  }

  /** Every (match, value) holding the server record `key`. */
  async listServerValues<T>(key: string): Promise<ServerValue<T>[]> {
    return (
      this.stmt('SELECT match_id, value FROM server_kv WHERE key = ?').all(key) as {
        match_id: string;
        value: string;
      }[]
    ).map((r) => ({ matchID: r.match_id, value: JSON.parse(r.value) as T }));
  }
}
