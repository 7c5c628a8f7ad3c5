/**
 * The server's match store (issue 11, "PostgreSQL storage"): one interface, `ServerStore`, that
 * both backends implement — `SqliteStorage` (storage.ts, the embedded default) and
 * `PostgresStorage` (pgStorage.ts, chosen by `--database-url`). Everything outside the two
 * backends (main.ts, transport.ts, bots.ts, timer.ts, lobby.ts, seats.ts) sees only this.
 *
 * What every backend guarantees:
 * - boardgame.io's `StorageAPI.Async`: the master and the lobby await every call.
 * - `matches` holds one row per match (metadata, initial state, latest state and its `_stateID`);
 *   the log is append-only (rows only inserted; UPDATE refused, DELETE refused while the match
 *   exists); `server_kv` holds the server's own per-match records, removed with the match.
 * - A state write is a compare-and-set on `_stateID`: it lands only when its state id is newer
 *   than the stored one, so a stale or concurrent write never overwrites a newer state, and two
 *   writers (two connections, two server instances) offering the same next `_stateID` can never
 *   both win. A refused write is reported to `onStaleWrite` and writes nothing.
 * - `commit` is one transaction: the state, the log entries it brings and the metadata land
 *   together or not at all.
 * - The open-match cap is checked and new matches inserted in one transaction serialized across
 *   connections and instances (`createMatches`), so concurrent creations can never take the
 *   server past its cap.
 */
import type { LogEntry, Server, State, StorageAPI } from 'boardgame.io';

type MatchData = Server.MatchData;

/** Why a state write was not written; reported to `onStaleWrite`. */
export interface StaleWrite {
  readonly matchID: string;
  /** The stored state id, or null when the match does not exist. */
  readonly storedStateID: number | null;
  /** The state id of the refused write. */
  readonly stateID: number;
}

export interface StoreOptions {
  /** Called when a state write is refused (unknown match, or not newer than the stored state). */
  readonly onStaleWrite?: (w: StaleWrite) => void;
}

/** A match to create: boardgame.io's creation options under its id. */
export interface NewMatch {
  readonly matchID: string;
  readonly opts: StorageAPI.CreateMatchOpts;
}

/** The open-match cap refused a creation; nothing was created. */
export class OpenMatchCapError extends Error {
  constructor(
    /** Matches open when the creation was refused. */
    readonly open: number,
    /** The cap. */
    readonly limit: number,
    /** Matches the refused creation asked for. */
    readonly wanted: number,
  ) {
    super(
      wanted === 1
        ? `The server already holds ${open} open matches, its limit is ${limit}. Finish or end one, or wait for one to end, then create a match.`
        : `The server holds ${open} open matches and its limit is ${limit}: ${wanted} more do not fit. Finish or end some matches, or open fewer tables.`,
    );
    this.name = 'OpenMatchCapError';
  }
}

/** A server record of one match in `server_kv`. */
export interface ServerValue<T> {
  readonly matchID: string;
  readonly value: T;
}

/**
 * The store the server runs on: boardgame.io's `StorageAPI.Async` plus the server's own calls,
 * all asynchronous. `setState` is `commit` without metadata.
 */
export interface ServerStore extends StorageAPI.Async {
  /** Which backend and where, for the log (`SQLite <file>`, `PostgreSQL <url without password>`). */
  readonly description: string;
  /** Opens the database and brings its schema up to date. Idempotent. */
  connect(): Promise<void>;
  /**
   * A move's writes in one transaction: the new state, its log entries and the match's metadata,
   * only when `state._stateID` is newer than the stored one (an atomic compare-and-set).
   * Resolves to whether it was written; a refusal is also reported to `onStaleWrite`.
   */
  commit(
    matchID: string,
    state: State,
    deltalog?: readonly LogEntry[],
    metadata?: MatchData,
  ): Promise<boolean>;
  /** Number of matches not yet over (for the open-match cap). */
  countOpen(): Promise<number>;
  /**
   * Creates every one of `matches` in one transaction if the open matches plus these stay
   * within `maxOpen`; otherwise creates none and rejects with `OpenMatchCapError`. The count
   * and the inserts are serialized against every other `createMatches` on the database (any
   * connection, any instance), so two creations can never both take the last place.
   */
  createMatches(matches: readonly NewMatch[], maxOpen: number): Promise<void>;
  /** The server's own record `key` for a match, or undefined. */
  getServerValue<T>(matchID: string, key: string): Promise<T | undefined>;
  /** Sets (or with `undefined` removes) the server's own record `key` for a match. */
  setServerValue(matchID: string, key: string, value: unknown): Promise<void>;
  /** Every (match, value) holding the server record `key`. */
  listServerValues<T>(key: string): Promise<ServerValue<T>[]>;
  /** Closes the database (after the server stopped using it). */
  close(): Promise<void>;
}

/** 1 when the metadata says the match is over (the `gameover` column of `matches`). */
export const gameoverFlag = (metadata: MatchData): number =>
  metadata.gameover === undefined || metadata.gameover === null ? 0 : 1;

/** The URL schemes that select PostgreSQL. */
const POSTGRES_SCHEMES = new Set(['postgres:', 'postgresql:']);

/**
 * Checks a `--database-url` and says which backend it selects. Throws a sentence naming the
 * problem (never the password) when it is not a `postgres://` or `postgresql://` URL.
 */
export function parseDatabaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      '--database-url is not a URL; give postgres://user[:password]@host[:port]/database (or leave it out for SQLite)',
    );
  }
  if (!POSTGRES_SCHEMES.has(parsed.protocol))
    throw new Error(
      `--database-url must be a postgres:// or postgresql:// URL (got "${parsed.protocol}//..."); leave it out for SQLite`,
    );
  if (!parsed.hostname) throw new Error('--database-url names no host');
  return parsed;
}

/** The URL with its password replaced by `***`, for log lines and error messages. */
export function redactUrl(url: URL | string): string {
  const u = new URL(url.toString());
  if (u.password) u.password = '***';
  return u.toString();
}
