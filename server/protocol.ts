/**
 * What the server accepts from a client (issue 7, "An allow-list at the socket boundary" and
 * "Every identifier a client sends"). Every byte from a browser is hostile until it has passed
 * one of these checks, each of which returns a sentence naming the problem instead of throwing:
 *
 * - identifiers (match, seat, credentials, move, scenario) against a pattern, then looked up
 *   with `Object.hasOwn` or a `Map`, never a plain object index;
 * - JSON values against limits of depth, size and key names (`__proto__`, `constructor` and
 *   `prototype` are refused wherever they appear, so no parsed value can reach a prototype);
 * - a socket `update` frame against the one shape the game needs: `MAKE_MOVE` of an own move
 *   of the game, rebuilt field by field, so nothing else a client adds reaches boardgame.io;
 * - a token bucket per socket and per address for the rate of frames.
 */

/** boardgame.io's match ids (nanoid) and the server's own (base64url). */
export const MATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Seats are players '0'–'4' (four factions and the White Cell). */
export const PLAYER_ID = /^[0-4]$/;
/** Credentials the server generates are base64url. */
export const CREDENTIALS = /^[A-Za-z0-9_-]{1,128}$/;
/** A move name of the game: letters and digits, starting with a letter. */
export const MOVE_NAME = /^[A-Za-z][A-Za-z0-9]{0,31}$/;
/** A key inside a client's JSON value: a letter first, then letters, digits, `_`, `-` or `.`. */
const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** Keys that reach an object's prototype or constructor through a plain index. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };
const pass = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = (error: string): Checked<never> => ({ ok: false, error });

/** A short, printable rendering of a client's value for an error message (never the whole value). */
export function describe(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (x === null || typeof x !== 'object') return String(x);
  return Array.isArray(x) ? 'an array' : 'an object';
}

export function checkId(x: unknown, pattern: RegExp, what: string): Checked<string> {
  if (typeof x !== 'string') return fail(`${what} must be a string (got ${describe(x)})`);
  if (!pattern.test(x)) return fail(`${what} ${describe(x)} is not a valid ${what}`);
  return pass(x);
}

/** Limits for a JSON value sent by a client. */
export interface JsonLimits {
  /** Deepest nesting of objects and arrays. */
  readonly depth: number;
  /** Values (objects, arrays and scalars) in all. */
  readonly nodes: number;
  /** Longest string. */
  readonly string: number;
}

/** Move payloads: an order is a few small objects. */
export const MOVE_LIMITS: JsonLimits = { depth: 6, nodes: 400, string: 2_000 };
/** A seat's player data in the lobby. */
export const PLAYER_DATA_LIMITS: JsonLimits = { depth: 3, nodes: 40, string: 200 };

/**
 * Whether `value` is plain JSON within `limits`: only null, booleans, finite numbers, strings,
 * arrays and objects whose prototype is Object.prototype or null, with keys matching `KEY`
 * (so none of `__proto__`, `constructor`, `prototype`). `path` names where a problem is.
 */
export function checkJson(value: unknown, limits: JsonLimits, path = 'value'): Checked<unknown> {
  let nodes = 0;
  const walk = (x: unknown, at: string, depth: number): string | null => {
    nodes += 1;
    if (nodes > limits.nodes) return `${path} holds more than ${limits.nodes} values`;
    if (x === null || typeof x === 'boolean') return null;
    if (typeof x === 'number') return Number.isFinite(x) ? null : `${at} is not a finite number`;
    if (typeof x === 'string')
      return x.length > limits.string ? `${at} is longer than ${limits.string} characters` : null;
    if (typeof x !== 'object') return `${at} is a ${typeof x}, which JSON does not have`;
    if (depth >= limits.depth) return `${at} is nested deeper than ${limits.depth} levels`;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const e = walk(x[i], `${at}[${i}]`, depth + 1);
        if (e) return e;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) return `${at} is not a plain object`;
    for (const key of Object.keys(x)) {
      if (RESERVED_KEYS.has(key) || !KEY.test(key))
        return `${at} has the key ${describe(key)}, which is not allowed (keys are letters, digits, "_", "-" and ".", starting with a letter)`;
      const e = walk((x as Record<string, unknown>)[key], `${at}.${key}`, depth + 1);
      if (e) return e;
    }
    return null;
  };
  const error = walk(value, path, 0);
  return error ? fail(error) : pass(value);
}

/** The one action a client may send: a move of the game, as boardgame.io's master takes it. */
export interface MoveAction {
  readonly type: 'MAKE_MOVE';
  readonly payload: {
    readonly type: string;
    readonly args: readonly unknown[];
    readonly playerID: string;
    readonly credentials?: string;
  };
}

const ACTION_KEYS = new Set(['type', 'payload']);
const PAYLOAD_KEYS = new Set(['type', 'args', 'playerID', 'credentials']);
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks the first argument of an `update` frame against the allow-list: `{ type: 'MAKE_MOVE',
 * payload: { type: <an own move of the game>, args: [payload?], playerID, credentials } }`
 * with no other key anywhere, the payload plain JSON within `MOVE_LIMITS`. Returns a new
 * action built from the checked fields alone. PATCH, RESET, SYNC, UPDATE, UNDO, REDO,
 * GAME_EVENT, PLUGIN and every other type are refused here, before boardgame.io sees them.
 */
export function checkMoveAction(action: unknown, moves: object, playerID: string): Checked<MoveAction> {
  if (!isObject(action)) return fail('an update carries an action object');
  if (action.type !== 'MAKE_MOVE')
    return fail(`only moves (MAKE_MOVE) are accepted from a client, not ${describe(action.type)}`);
  const extra = Object.keys(action).find((k) => !ACTION_KEYS.has(k));
  if (extra !== undefined) return fail(`the action has an unexpected field ${describe(extra)}`);
  const p = action.payload;
  if (!isObject(p)) return fail('the move has no payload object');
  const extraP = Object.keys(p).find((k) => !PAYLOAD_KEYS.has(k));
  if (extraP !== undefined) return fail(`the move has an unexpected field ${describe(extraP)}`);
  const name = checkId(p.type, MOVE_NAME, 'move name');
  if (!name.ok) return name;
  if (!Object.hasOwn(moves, name.value)) return fail(`there is no move ${describe(name.value)}`);
  if (p.playerID !== playerID) return fail('the action is for another seat');
  if (p.credentials !== undefined && typeof p.credentials !== 'string')
    return fail('credentials must be a string');
  const args = p.args === undefined || p.args === null ? [] : p.args;
  if (!Array.isArray(args) || args.length > 1)
    return fail('a move takes at most one argument, its order or answer');
  const json = checkJson(args, MOVE_LIMITS, 'the move argument');
  if (!json.ok) return json;
  return pass({
    type: 'MAKE_MOVE',
    payload: {
      type: name.value,
      args,
      playerID,
      ...(typeof p.credentials === 'string' ? { credentials: p.credentials } : {}),
    },
  });
}

/** A token bucket: `capacity` frames at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes a token if there is one. */
  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether the bucket is full again (it can be forgotten). */
  full(now: number): boolean {
    return this.tokens + ((now - this.last) / 1000) * this.perSecond >= this.capacity;
  }
}

/** Rates of socket frames, and how many tasks a match may have waiting. */
export interface FloodLimits {
  /** Frames one socket may send at once, and per second after that. */
  readonly socketBurst: number;
  readonly socketPerSecond: number;
  /** The same for all the sockets of one address (a seminar room may share one). */
  readonly addressBurst: number;
  readonly addressPerSecond: number;
  /** Tasks (moves, syncs, joins) a match may have queued; more are refused until it catches up. */
  readonly queuePerMatch: number;
}

export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  socketBurst: 40,
  socketPerSecond: 10,
  addressBurst: 200,
  addressPerSecond: 50,
  queuePerMatch: 64,
};

/** Token buckets by key (a socket id, an address), forgetting the ones that have refilled. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private sweeps = 0;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): boolean {
    const t = this.now();
    if (++this.sweeps >= 1000) {
      this.sweeps = 0;
      for (const [k, b] of this.buckets) if (b.full(t)) this.buckets.delete(k);
    }
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(this.burst, this.perSecond, t);
      this.buckets.set(key, b);
    }
    return b.take(t);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
