/**
 * SQLite storage for boardgame.io (issue 3, "Storage"): an `Async` storage adapter on
 * better-sqlite3, the server's default, so a match survives a crash or a `kill -9`.
 *
 * - WAL journal, `synchronous=FULL`: a write that returned is on disk.
 * - Every write is one transaction: a move's state, the log entries it brings and the match's
 *   metadata land together or not at all (`commit`).
 * - `matches` holds one row per match (metadata, initial state, latest state and its `_stateID`).
 * - `log` is append-only: rows are only ever inserted; triggers refuse any UPDATE, and any
 *   DELETE while the match still exists (a log goes only when `wipe` removes its match).
 * - `setState` is guarded by `_stateID`: a write whose state id is not newer than the stored
 *   one is refused, so a stale write can never overwrite a newer state.
 * - `server_kv` keeps the server's own per-match records (planning timers, bot progress),
 *   removed with the match.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LogEntry, Server, State, StorageAPI } from 'boardgame.io';

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

/** Why a `setState` was not written; reported to `onStaleWrite`. */
export interface StaleWrite {
  readonly matchID: string;
  readonly storedStateID: number | null;
  readonly stateID: number;
}

export interface SqliteStorageOptions {
  /** Called when a state write is refused (unknown match, or not newer than the stored state). */
  readonly onStaleWrite?: (w: StaleWrite) => void;
}

/** `new SqliteStorage(file)`: boardgame.io `StorageAPI.Async` on one SQLite file (`:memory:` for tests). */
export class SqliteStorage implements StorageAPI.Async {
  readonly file: string;
  private db: Database.Database | null = null;
  private readonly options: SqliteStorageOptions;

  constructor(file: string, options: SqliteStorageOptions = {}) {
    this.file = file;
    this.options = options;
  }

  type(): StorageAPI.Type {
    return ASYNC as StorageAPI.Type;
  }

  /** Opens the file (creating its folder), turns WAL on and creates the tables. Idempotent. */
  connect(): void {
    if (this.db) return;
    if (this.file !== ':memory:') mkdirSync(dirname(this.file), { recursive: true });
    const db = new Database(this.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.db = db;
  }

  /** The open database (for the server's own tables and for tests). */
  get sql(): Database.Database {
    if (!this.db) this.connect();
    return this.db!;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  async createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): Promise<void> {
    const { initialState, metadata } = opts;
    const db = this.sql;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO matches (match_id, game_name, metadata, initial_state, state, state_id, gameover, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        matchID,
        metadata.gameName,
        JSON.stringify(metadata),
        JSON.stringify(initialState),
        JSON.stringify(initialState),
        initialState._stateID,
        metadata.gameover === undefined || metadata.gameover === null ? 0 : 1,
        metadata.updatedAt,
      );
    })();
  }

  /**
   * Writes the match's state and appends `deltalog` to its log, in one transaction, only if
   * `state._stateID` is newer than the stored one; otherwise writes nothing.
   */
  async setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    this.commit(matchID, state, deltalog);
  }

  /**
   * A move's writes in one transaction (issue 7): the new state, its log entries and the
   * match's metadata land together or not at all. Refused like `setState` when the state is
   * not newer than the stored one. Returns whether it was written.
   */
  commit(matchID: string, state: State, deltalog?: readonly LogEntry[], metadata?: MatchData): boolean {
    const db = this.sql;
    const written = db.transaction((): number | null | true => {
      const row = db.prepare('SELECT state_id FROM matches WHERE match_id = ?').get(matchID) as
        | { state_id: number }
        | undefined;
      if (!row) return null;
      if (!(state._stateID > row.state_id)) return row.state_id;
      db.prepare('UPDATE matches SET state = ?, state_id = ? WHERE match_id = ?').run(
        JSON.stringify(state),
        state._stateID,
        matchID,
      );
      const append = db.prepare('INSERT INTO log (match_id, state_id, entry) VALUES (?, ?, ?)');
      for (const entry of deltalog ?? []) append.run(matchID, entry._stateID, JSON.stringify(entry));
      if (metadata) this.writeMetadata(matchID, metadata);
      return true;
    })();
    if (written !== true)
      this.options.onStaleWrite?.({ matchID, storedStateID: written, stateID: state._stateID });
    return written === true;
  }

  private writeMetadata(matchID: string, metadata: MatchData): void {
    this.sql
      .prepare('UPDATE matches SET metadata = ?, gameover = ?, updated_at = ? WHERE match_id = ?')
      .run(
        JSON.stringify(metadata),
        metadata.gameover === undefined || metadata.gameover === null ? 0 : 1,
        metadata.updatedAt,
        matchID,
      );
  }

  /** Replaces the match's metadata (a no-op for an unknown match: metadata never creates one). */
  async setMetadata(matchID: string, metadata: MatchData): Promise<void> {
    this.writeMetadata(matchID, metadata);
  }

  async fetch<O extends FetchOpts>(matchID: string, opts: O): Promise<FetchResult<O>> {
    const db = this.sql;
    const result: Partial<Record<keyof FetchOpts, unknown>> = {};
    const row = db
      .prepare('SELECT metadata, initial_state, state, state_id FROM matches WHERE match_id = ?')
      .get(matchID) as MatchRow | undefined;
    if (!row) return result as FetchResult<O>;
    if (opts.state) result.state = JSON.parse(row.state);
    if (opts.metadata) result.metadata = JSON.parse(row.metadata);
    if (opts.initialState) result.initialState = JSON.parse(row.initial_state);
    if (opts.log)
      result.log = (
        db.prepare('SELECT entry FROM log WHERE match_id = ? ORDER BY id').all(matchID) as { entry: string }[]
      ).map((r) => JSON.parse(r.entry));
    return result as FetchResult<O>;
  }

  /** Deletes the match, then its log and the server's records of it. */
  async wipe(matchID: string): Promise<void> {
    const db = this.sql;
    db.transaction(() => {
      db.prepare('DELETE FROM matches WHERE match_id = ?').run(matchID);
      db.prepare('DELETE FROM log WHERE match_id = ?').run(matchID);
      db.prepare('DELETE FROM server_kv WHERE match_id = ?').run(matchID);
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
    return (this.sql.prepare(sql).all(...args) as { match_id: string }[]).map((r) => r.match_id);
  }

  /** The stored state, read synchronously (for the server's hooks, which cannot await). */
  peekState(matchID: string): State | undefined {
    const row = this.sql.prepare('SELECT state FROM matches WHERE match_id = ?').get(matchID) as
      | { state: string }
      | undefined;
    return row ? (JSON.parse(row.state) as State) : undefined;
  }

  /** Number of matches not yet over (for the open-match cap). */
  countOpen(): number {
    return (this.sql.prepare('SELECT COUNT(*) AS n FROM matches WHERE gameover = 0').get() as { n: number })
      .n;
  }

  /** The server's own record `key` for a match, or undefined. */
  getServerValue<T>(matchID: string, key: string): T | undefined {
    const row = this.sql
      .prepare('SELECT value FROM server_kv WHERE match_id = ? AND key = ?')
      .get(matchID, key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  /** Sets (or with `undefined` removes) the server's own record `key` for a match. */
  setServerValue(matchID: string, key: string, value: unknown): void {
    const db = this.sql;
    db.transaction(() => {
      if (value === undefined)
        db.prepare('DELETE FROM server_kv WHERE match_id = ? AND key = ?').run(matchID, key);
      else
        db.prepare(
          'INSERT INTO server_kv (match_id, key, value) VALUES (?, ?, ?) ON CONFLICT (match_id, key) DO UPDATE SET value = excluded.value',
        ).run(matchID, key, JSON.stringify(value));
    })();
  }

  /** Every (match, value) holding the server record `key`. */
  listServerValues<T>(key: string): { matchID: string; value: T }[] {
    return (
      this.sql.prepare('SELECT match_id, value FROM server_kv WHERE key = ?').all(key) as {
        match_id: string;
        value: string;
      }[]
    ).map((r) => ({ matchID: r.match_id, value: JSON.parse(r.value) as T }));
  }
}
