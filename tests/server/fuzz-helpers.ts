/**
 * Helpers of the fuzz suite (tests/server/fuzz.test.ts, where the assertions are): the server and its
 * matches, snapshots of what is stored, and the checks run after every case.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { State } from 'boardgame.io';
import fc from 'fast-check';
import { MOVE_OF_ACTION, moveOf, PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { FACTIONS, type Faction, legalOrders, type MatchState, type ViewSeat } from '../../game/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import { REFUSED_EVENT } from '../../server/transport.ts';
import { createMatch, joinSeat, type ours, type RawSocket, rawSocket } from './helpers.ts';

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be a whole number (got "${raw}")`);
  return n;
}
export const RUNS = envInt('FUZZ_RUNS', 150);
export const SEED = envInt('FUZZ_SEED', randomInt(2 ** 31));
/** A case takes a few ms to a few tens of ms. */
export const TIMEOUT = 60_000 + RUNS * 150;
export const OPTIONS = { numRuns: RUNS, seed: SEED, endOnFailure: true };
export const LIFTED = {
  floodLimits: {
    socketBurst: 1e6,
    socketPerSecond: 1e6,
    addressBurst: 1e6,
    addressPerSecond: 1e6,
    queuePerMatch: 1e6,
  },
  createPerMinute: 1e6,
  maxOpenMatches: 1e6,
};
export const SCENARIO = 'takaichi-2025';
export const SEATS = ['0', '1', '2', '3', '4'] as const;
export const MOVE_NAMES: readonly string[] = Object.values(MOVE_OF_ACTION);
export const words = (s: string): string[] => s.split(' ');
/** Names a plain object index resolves on Object.prototype. */
export const SNEAKY = words('__proto__ constructor prototype toString hasOwnProperty valueOf');
/** What boardgame.io 0.50.2 sends of a state (its PRNG state is in plugins.random; 0.50 has no ctx._random). */
export const STATE_KEYS = new Set(words('G ctx plugins _undo _redo _stateID'));
export const CTX_KEYS = new Set(
  words(
    'numPlayers turn currentPlayer playOrder playOrderPos phase activePlayers _activePlayersMinMoves ' +
      '_activePlayersMaxMoves _activePlayersNumMoves _prevActivePlayers _nextActivePlayers numMoves gameover',
  ),
);
export const PLUGIN_KEYS = new Set(words('random log events'));
/** Keys of G only White Cell's view has (game/fog.ts). */
export const WHITE_ONLY = words('seed logDigest counter');
/** Frames about one match: their first argument is its id. */
export const MATCH_EVENTS = new Set(words('sync update patch matchData'));
/** Lobby answers a hostile request may get; any other error body says what is wrong in words. */
export const STATUSES = [200, 400, 403, 404, 405, 409, 413, 415, 429];
export const SENTENCE = /\p{L}+\s+\p{L}+/u;

export type Server = Awaited<ReturnType<typeof ours>>;
export interface Frame {
  readonly event: string;
  readonly args: readonly unknown[];
}
export interface Match {
  readonly id: string;
  readonly seed: string;
  /** By playerID. */
  readonly credentials: Readonly<Record<string, string>>;
}
/** A socket synced to a match as a seat: every frame it gets is checked. */
export interface Watched {
  readonly raw: RawSocket;
  readonly match: Match;
  readonly seat: ViewSeat;
}
/** A match as stored: its state, and its state, log and metadata as JSON text. */
export interface Snapshot {
  readonly state: State;
  readonly text: { readonly state: string; readonly log: string; readonly metadata: string };
}
export interface Needle {
  readonly what: string;
  readonly text: string;
}
/** What a case's holes are filled from when it is sent. */
export interface Context {
  readonly target: Match;
  readonly bystander: Match;
  readonly state: State;
}

/** A part of a case filled in when it is sent: a fixture's identifier, or a large value printed short. */
export class Hole {
  constructor(
    readonly label: string,
    readonly fill: (c: Context) => unknown,
  ) {}
  [fc.toStringMethod](): string {
    return `<${this.label}>`;
  }
}

export const isPlain = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' &&
  x !== null &&
  !Array.isArray(x) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(x));

/** The case with its holes filled; own `__proto__` keys stay own keys. */
export function fill(x: unknown, c: Context): unknown {
  if (x instanceof Hole) return x.fill(c);
  if (Array.isArray(x)) return x.map((e) => fill(e, c));
  if (isPlain(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, fill(v, c)]));
  return x;
}

export const gOf = (s: Snapshot): MatchState => s.state.G as MatchState;

export async function snapshot(s: Server, id: string, connections: 'kept' | 'ignored'): Promise<Snapshot> {
  const { state, metadata, log } = await s.storage.fetch(id, { state: true, metadata: true, log: true });
  if (!state || !metadata) throw new Error(`match ${id} is gone from the store`);
  const players = Object.entries(metadata.players).map(([p, { isConnected, ...rest }]) => [
    p,
    connections === 'kept' ? { ...rest, isConnected } : rest,
  ]);
  const text = { ...metadata, players: Object.fromEntries(players) };
  return {
    state,
    text: { state: JSON.stringify(state), log: JSON.stringify(log), metadata: JSON.stringify(text) },
  };
}

export const BASELINE = new Map(
  Reflect.ownKeys(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)!]),
);
/** How Object.prototype differs from when this file was loaded. */
export function pollution(): string[] {
  const out: string[] = [];
  for (const k of Reflect.ownKeys(Object.prototype)) {
    const d = Object.getOwnPropertyDescriptor(Object.prototype, k)!;
    const b = BASELINE.get(k);
    if (!b) out.push(`Object.prototype has a new key ${String(k)}`);
    else if (d.value !== b.value || d.get !== b.get || d.set !== b.set)
      out.push(`Object.prototype.${String(k)} was replaced`);
  }
  const probe: Record<string, unknown> = {};
  for (const k of words('name credentials data leak'))
    if (probe[k] !== undefined) out.push(`({}).${k} is ${String(probe[k])}`);
  return out;
}

/** What no socket and no lobby answer may hold: a match's seed (no view has it, White Cell's neither) and credentials. */
export const secretsOf = (name: string, m: Match): Needle[] => [
  { what: `the ${name}'s seed`, text: m.seed },
  ...Object.entries(m.credentials).map(([p, c]) => ({
    what: `the ${name}'s credentials of player ${p}`,
    text: c,
  })),
];

/** Notes the orders pending in G as sealed: JSON text → faction. */
export function noteSealed(sealed: Map<string, Faction>, G: MatchState): void {
  for (const f of FACTIONS) for (const o of G.pending[f].orders) sealed.set(JSON.stringify(o), f);
}

/** Keys of a state sent to a non-White seat that boardgame.io does not send or only White Cell may see. */
export function stateProblems(s: Record<string, unknown>): string[] {
  const foreign = (x: unknown, known: ReadonlySet<string>): string[] =>
    (isPlain(x) ? Object.keys(x) : []).filter((k) => !known.has(k));
  const whiteOnly = isPlain(s.G) ? WHITE_ONLY.filter((k) => Object.hasOwn(s.G as object, k)) : [];
  return [
    ...foreign(s, STATE_KEYS).map((k) => `the state key "${k}"`),
    ...foreign(s.ctx, CTX_KEYS).map((k) => `the ctx key "${k}"`),
    ...foreign(s.plugins, PLUGIN_KEYS).map((k) => `the plugin "${k}"`),
    ...whiteOnly.map((k) => `G.${k}, which only White Cell sees`),
  ];
}

export function visitStates(x: unknown, visit: (s: Record<string, unknown>) => void): void {
  if (Array.isArray(x)) for (const e of x) visitStates(e, visit);
  else if (isPlain(x)) {
    if (Object.hasOwn(x, 'G') && Object.hasOwn(x, 'ctx')) visit(x);
    for (const v of Object.values(x)) visitStates(v, visit);
  }
}

/**
 * Everything wrong with the frames socket `w` received: `matches` name the secrets no socket
 * gets; `sealed` (null when the round changed during the case) the orders only their faction
 * and White Cell see.
 */
export function problemsIn(
  frames: readonly Frame[],
  w: Watched,
  matches: readonly (readonly [string, Match])[],
  sealed: ReadonlyMap<string, Faction> | null,
): string[] {
  const white = w.seat === 'white';
  const needles = matches.flatMap(([name, m]) => secretsOf(name, m));
  const own = new Set([...(sealed ?? [])].filter(([, f]) => f === w.seat).map(([o]) => o));
  for (const [o, f] of white ? [] : (sealed ?? []))
    if (f !== w.seat && !own.has(o)) needles.push({ what: `${f}'s sealed order ${o}`, text: o });
  const out: string[] = [];
  for (const f of frames) {
    const text = JSON.stringify(f.args);
    for (const n of needles) if (text.includes(n.text)) out.push(`${f.event}: holds ${n.what}`);
    if (MATCH_EVENTS.has(f.event) && f.args[0] !== w.match.id)
      out.push(`${f.event}: is about match ${String(f.args[0])}`);
    if (!white) visitStates(f.args, (s) => out.push(...stateProblems(s).map((p) => `${f.event}: has ${p}`)));
  }
  return out;
}

/** Whether a frame is a move of the game's own for the seat it names, with that seat's credentials. */
export function ownMove(f: Frame, m: Match): boolean {
  const [action, , matchID, playerID] = f.args;
  if (f.event !== 'update' || matchID !== m.id || typeof playerID !== 'string') return false;
  const p = isPlain(action) && action.type === 'MAKE_MOVE' ? action.payload : undefined;
  return (
    Object.hasOwn(m.credentials, playerID) &&
    isPlain(p) &&
    typeof p.type === 'string' &&
    MOVE_NAMES.includes(p.type) &&
    p.playerID === playerID &&
    p.credentials === m.credentials[playerID]
  );
}

/**
 * Waits until `raw` has received, from index `from` on, a frame `test` accepts: true. If the
 * socket is dropped first: false when `dropOk`, else a failure.
 */
export function arrival(
  raw: RawSocket,
  from: number,
  test: (f: Frame) => boolean,
  what: string,
  dropOk = false,
) {
  return new Promise<boolean>((resolve, reject) => {
    let seen = from;
    const finish = (result: boolean | Error): void => {
      clearTimeout(timer);
      raw.socket.offAny(look);
      raw.socket.off('disconnect', dropped);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const look = (): void => {
      while (seen < raw.received.length)
        if (test(raw.received[seen++]!)) {
          finish(true);
          return;
        }
    };
    const dropped = (): void =>
      finish(dropOk ? false : new Error(`the socket was dropped waiting for ${what}`));
    const timer = setTimeout(() => finish(new Error(`no ${what} within 10 s`)), 10_000);
    raw.socket.onAny(look);
    raw.socket.on('disconnect', dropped);
    look();
    if (!raw.socket.connected) dropped();
  });
}

export const refusalOf =
  (token: string) =>
  (f: Frame): boolean =>
    f.event === REFUSED_EVENT &&
    String((f.args[0] as { reason?: unknown } | undefined)?.reason).includes(token);
export const BARRIER = 'fuzz-barrier-';

/** A frame the server refuses at once: every frame sent to the socket before has arrived when its refusal has. */
export function barrier(raw: RawSocket, token: string, dropOk = false): Promise<boolean> {
  const from = raw.received.length;
  raw.socket.emit(token);
  return arrival(raw, from, refusalOf(token), `the refusal of "${token}"`, dropOk);
}

/** A sync as an observer: answered once every earlier task of the match has run (one queue per match). */
export function probe(w: Watched): Promise<boolean> {
  const from = w.raw.received.length;
  w.raw.socket.emit('sync', w.match.id, null);
  return arrival(
    w.raw,
    from,
    (f) => f.event === 'sync' && f.args[0] === w.match.id,
    `the probe of ${w.seat}`,
  );
}

export const engineOf = (raw: RawSocket) =>
  (raw.socket.io as unknown as { engine: { write(x: string | Buffer): void } }).engine;

export async function openMatch(
  s: Server,
  setup: Record<string, unknown>,
  numPlayers: number,
): Promise<Match> {
  const seed = `fuzz-secret-seed-${randomBytes(8).toString('hex')}`;
  const id = await createMatch(s.url, { ...setup, scenarioId: SCENARIO, seed }, numPlayers);
  const credentials: Record<string, string> = {};
  for (const p of SEATS.slice(0, numPlayers)) credentials[p] = await joinSeat(s.url, id, p);
  return { id, credentials, seed };
}

export async function watch(s: Server, match: Match, seat: ViewSeat): Promise<Watched> {
  const raw = await rawSocket(s.url);
  const playerID = seat === 'observer' ? null : PLAYER_OF_SEAT[seat];
  raw.socket.emit('sync', match.id, playerID, playerID === null ? null : match.credentials[playerID]);
  await arrival(raw, 0, (f) => f.event === 'sync', `the first sync of ${seat}`);
  return { raw, match, seat };
}

export interface Table {
  readonly match: Match;
  readonly japan: Watched;
  readonly china: Watched;
  readonly white: Watched;
  readonly observer: Watched;
}

export async function openTable(s: Server): Promise<Table> {
  const match = await openMatch(s, { white: true }, 5);
  const [japan, china, white, observer] = await Promise.all([
    watch(s, match, 'japan'),
    watch(s, match, 'china'),
    watch(s, match, 'white'),
    watch(s, match, 'observer'),
  ]);
  return { match, japan, china, white, observer };
}

/** Japan orders a legal move if it has no order pending and may order; returns whether it did. */
export async function sealOrder(t: Table, G: MatchState): Promise<boolean> {
  if (G.stage !== 'planning' || G.pending.japan.committed || G.pending.japan.orders.length > 0) return false;
  const order = legalOrders(G, getScenario(SCENARIO)!, 'japan').find((o) => o.type === 'move');
  if (!order) return false;
  const { move, payload } = moveOf({ type: 'order', seat: 'japan', order });
  const [playerID, from] = [PLAYER_OF_SEAT.japan, t.japan.raw.received.length];
  const credentials = t.match.credentials[playerID];
  const action = { type: 'MAKE_MOVE', payload: { type: move, args: [payload], playerID, credentials } };
  t.japan.raw.socket.emit('update', action, 0, t.match.id, playerID);
  await arrival(t.japan.raw, from, (f) => f.event === 'update' || f.event === REFUSED_EVENT, "Japan's order");
  return true;
}
