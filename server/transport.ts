/**
 * The socket transport (issue 3, "Security"): boardgame.io 0.50.2's socket.io transport with
 * its handlers replaced, so that
 *
 * - `sync` never hands a client the unfiltered `initialState`: the sync message carries the
 *   seat's own view of the initial state (`playerView`), like every other state it is sent;
 * - `sync` and `update` for an unknown match are refused (boardgame.io's master would create
 *   a match on demand for a bare `sync`), and a seat's `sync` needs that seat's credentials;
 * - an `update` whose action names another seat than the one whose credentials it carries is
 *   refused (boardgame.io authenticates one and runs the move as the other);
 * - every message for a match (sync, update, connection changes, and the server's own
 *   moves for bots and timers) runs through one queue per match, so no two read-modify-write
 *   cycles of a match interleave; each task yields to the event loop before it runs, so one
 *   match's flood cannot starve the others, and a match's queue has a cap;
 * - (issue 7) only two messages are taken from a client, `sync` and `update`, and an `update`
 *   only as a `MAKE_MOVE` of an own move of the game (`checkMoveAction`): PATCH, RESET, SYNC,
 *   UPDATE, UNDO, REDO, GAME_EVENT, PLUGIN, chat and everything else are refused to that socket
 *   alone with a reason, and reach neither boardgame.io nor the store nor any other socket;
 * - frames are rate-limited by a token bucket per socket and per address, and limited in size;
 * - a move is checked (seat, credentials, the engine's rules) before boardgame.io runs it, and
 *   what the master writes for it is captured and committed in one transaction only when the
 *   state advanced: a refused move stores nothing, logs nothing and broadcasts nothing;
 * - (issue 11, several instances) with a relay (pubsub.ts), what a task broadcasts is also
 *   published, unfiltered, to the other instances once it is stored, and what they publish is
 *   delivered here through the same per-seat filter as a local broadcast (`receive`): nothing
 *   unfiltered reaches a socket on any instance. A seat taken from its sockets here is taken
 *   from its sockets on every instance.
 *
 * Credentials are checked by the master with the server's `authenticateCredentials`, which
 * boardgame.io applies to every match, joined or not (its default skips a match no one has
 * joined yet). The door's rate limits are in floodGate.ts, the per-seat cut in viewFilter.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Game, LogEntry, Server, State, StorageAPI } from 'boardgame.io';
import { Master } from 'boardgame.io/master';
import { SocketIO } from 'boardgame.io/server';
import { FloodGate, type IOSocket } from './floodGate.ts';
import {
  CREDENTIALS,
  checkId,
  checkMoveAction,
  DEFAULT_FLOOD_LIMITS,
  describe,
  type FloodLimits,
  MATCH_ID,
  type MoveAction,
  PLAYER_ID,
} from './protocol.ts';
import type { Payload, Relay } from './pubsub.ts';
import { SeatViews } from './seatViews.ts';
import { StateCache } from './stateCache.ts';
import { type Filter, publicPlayers, secureFilter, type TransportData } from './viewFilter.ts';
import { wireParser } from './wireParser.ts';

export { publicPlayers } from './viewFilter.ts';

type MatchData = Server.MatchData;

interface IONamespace {
  on(event: 'connection', listener: (socket: IOSocket) => void): unknown;
  removeAllListeners(event: string): unknown;
}
interface IOServer {
  of(name: string): IONamespace;
  close(fn?: (err?: Error) => void): void;
}
/**
 * The store a move is committed to: state, log entries and metadata in one transaction,
 * resolving to whether it was written (`ServerStore.commit` in `store.ts`).
 */
export interface MoveStore extends StorageAPI.Async {
  commit(
    matchID: string,
    state: State,
    deltalog?: readonly LogEntry[],
    metadata?: MatchData,
  ): Promise<boolean>;
}
interface Auth {
  authenticateCredentials(args: {
    playerID: string;
    credentials?: string;
    metadata: MatchData;
  }): Promise<boolean> | boolean;
}
type AppWithIO = Parameters<SocketIO['init']>[0] & {
  _io?: unknown;
  context: { db: MoveStore; auth: Auth };
};

interface Connection {
  readonly socket: IOSocket;
  readonly matchID: string;
  readonly playerID: string | null;
  readonly credentials: string | undefined;
}

/** Emitted to a socket whose message was refused: `{ matchID, reason }`. */
export const REFUSED_EVENT = 'island-chain:refused';
/** Emitted to a match's sockets when a seat changes hands: `{ matchID, playerID, seat, kind, at }`. */
export const SEAT_EVENT = 'island-chain:seat';
/** Between instances only (never emitted): a seat's sockets must leave the match, `[playerID, notice]`. */
const REVOKE = 'island-chain:revoke';

/** Where a move being processed for a socket reports the engine's refusal (the socket's `refuse`). */
const REFUSALS = new AsyncLocalStorage<(reason: string) => void>();

/**
 * Called by the game's `onReject` (game/bgio.ts): sends the engine's reason to the socket
 * whose move it refused. Moves made by the server itself (bots, the timer) have no socket.
 */
export function reportRefusal(reason: string): void {
  REFUSALS.getStore()?.(reason);
}

/** What the server learns from the master after each accepted message. */
export interface TransportHooks {
  /** A new state of a match, once this instance has stored it (inside the match's queue). */
  onState?(matchID: string, state: State, action: unknown): void;
  /**
   * A new state of a match that another instance stored (with a relay), in the order stored;
   * `action` is the move that made it, from its log entries.
   */
  onRemoteState?(matchID: string, state: State, action: unknown): void;
  /** Something worth a log line. */
  onEvent?(line: string): void;
  /**
   * The game's own check of a move against the current state, before boardgame.io runs it:
   * null when the rules accept it, or the reason they refuse it (sent to the mover alone).
   */
  checkMove?(state: State, playerID: string, move: string, args: readonly unknown[]): string | null;
}

/** The largest socket frame the server reads (socket.io closes a connection that sends more). */
export const MAX_FRAME_BYTES = 64 * 1024;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class SecureSocketIO extends SocketIO {
  private readonly hooks: TransportHooks;
  private readonly connections = new Map<string, Connection>();
  private readonly rooms = new Map<string, Set<string>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly filters = new Map<string, Filter>();
  private readonly held = new Map<string, TransportData[]>();
  private readonly waiting = new Map<string, number>();
  /** The last state stored or received for each match, and the newest `_stateID` (issue 11). */
  private readonly states = new StateCache();
  /** What each socket holds, and the views states are patched against (seatViews.ts). */
  private readonly views = new SeatViews();
  /** The other instances (issue 11), when there are any. */
  private relay: Relay | null = null;
  private readonly limits: FloodLimits;
  private readonly gate: FloodGate;
  private games: Game[] = [];
  private db: MoveStore | null = null;
  private auth: Auth | null = null;
  private io: IOServer | null = null;

  /**
   * `corsOrigins`: other origins whose pages may open game sockets (the Vite dev server's).
   * `trustProxy`: the server is reached only through a reverse proxy, whose `X-Forwarded-For`
   * entry (the last) is a socket's address for the per-address rate limit.
   */
  constructor(
    hooks: TransportHooks = {},
    corsOrigins: readonly (string | RegExp)[] = [],
    limits: FloodLimits = DEFAULT_FLOOD_LIMITS,
    trustProxy = false,
  ) {
    const socketOpts = {
      maxHttpBufferSize: MAX_FRAME_BYTES,
      parser: wireParser, // text packets only, written without a binary scan
      ...(corsOrigins.length > 0 ? { cors: { origin: [...corsOrigins] } } : {}),
    };
    // boardgame.io types socketOpts as socket.io's full ServerOptions; socket.io takes a partial one.
    super({ socketOpts } as never);
    this.hooks = hooks;
    this.limits = limits;
    this.gate = new FloodGate(
      limits,
      trustProxy,
      (socket, matchID, reason) => this.refuse(socket, matchID, reason),
      (line) => this.hooks.onEvent?.(line),
    );
  }

  override init(
    app: Parameters<SocketIO['init']>[0],
    games: Game[],
    origins?: Parameters<SocketIO['init']>[2],
  ): void {
    // boardgame.io sets up socket.io on the Koa app; its connection handlers are then replaced.
    super.init(app, games, origins);
    const a = app as AppWithIO;
    this.db = a.context.db;
    if (typeof this.db.commit !== 'function')
      throw new Error('the socket transport needs a store with commit()');
    this.auth = a.context.auth;
    this.io = a._io as IOServer;
    this.games = games;
    for (const game of games) {
      const nsp = this.io.of(game.name!);
      nsp.removeAllListeners('connection');
      this.filters.set(game.name!, secureFilter(game));
      nsp.on('connection', (socket) => this.onConnection(socket, game));
    }
  }

  /** Connects the transport to the other instances (before the server takes connections). */
  connectRelay(relay: Relay): void {
    this.relay = relay;
  }

  /**
   * Payloads another instance stored and published for a match: an update newer than any this
   * instance has seen replaces the kept state (`latest`), goes to the `onRemoteState` hook and to
   * the match's sockets here, each seat's view cut by the same filter as a local broadcast; an
   * older one is dropped. Player lists go to the sockets; a revoked seat leaves its sockets here.
   * Anything else is ignored.
   */
  receive(matchID: string, payloads: readonly Payload[]): void {
    for (const p of payloads) {
      if (p.type === REVOKE) {
        const [playerID, notice] = p.args;
        if (typeof playerID === 'string' && typeof notice === 'object' && notice !== null)
          this.revokeHere(matchID, playerID, notice);
      } else if (p.type === 'update') {
        const state = p.args[1] as (State & { deltalog?: LogEntry[] }) | undefined;
        if (p.args[0] !== matchID || typeof state?._stateID !== 'number') continue;
        if (!this.states.isNewest(matchID, state._stateID)) continue;
        this.states.noteNewest(matchID, state._stateID);
        const { deltalog, ...stored } = state;
        this.states.remember(matchID, stored as State);
        const made = deltalog?.find((e) => e.action.type === 'MAKE_MOVE')?.action;
        this.hooks.onRemoteState?.(matchID, stored as State, made);
        this.deliver(matchID, p);
      } else if (p.type === 'matchData' && p.args[0] === matchID) this.deliver(matchID, p);
    }
  }

  /**
   * Runs `fn` after every earlier task of the match has finished; tasks of one match never
   * overlap. What the task broadcasts is held until it has finished, so no client sees a
   * state before it is stored (boardgame.io's master broadcasts first, then writes).
   */
  exclusive<T>(matchID: string, fn: () => Promise<T> | T): Promise<T> {
    const prev = this.queues.get(matchID) ?? Promise.resolve();
    this.waiting.set(matchID, (this.waiting.get(matchID) ?? 0) + 1);
    const run = prev.then(async () => {
      // A task yields before it runs, so a long queue of one match lets every other match's
      // messages (and the lobby) in between its tasks.
      await yieldToLoop();
      const left = (this.waiting.get(matchID) ?? 1) - 1;
      if (left > 0) this.waiting.set(matchID, left);
      else this.waiting.delete(matchID);
      const held: TransportData[] = [];
      this.held.set(matchID, held);
      // With other instances, the match's task runs under its lock there too (released after
      // the task's updates are published, so the next holder hears of them first).
      const unlock = this.relay ? await this.relay.lock(matchID) : null;
      try {
        return await fn();
      } finally {
        this.held.delete(matchID);
        for (const payload of held) this.deliver(matchID, payload);
        this.relay?.publish(matchID, held);
        await unlock?.();
      }
    });
    const tail = run.catch((e: unknown) =>
      this.hooks.onEvent?.(`match ${matchID}: internal error: ${String(e)}`),
    );
    this.queues.set(matchID, tail);
    void tail.then(() => {
      if (this.queues.get(matchID) === tail) this.queues.delete(matchID);
    });
    return run;
  }

  /** Like `exclusive`, but refused (null) while the match already has its cap of tasks waiting. */
  private tryExclusive(matchID: string, fn: () => Promise<unknown>): Promise<unknown> | null {
    if ((this.waiting.get(matchID) ?? 0) >= this.limits.queuePerMatch) return null;
    return this.exclusive(matchID, fn);
  }

  /** Waits until every queued task has finished (for shutdown). */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /**
   * A move made by the server itself (a bot seat, the planning timer), as `playerID`, without
   * credentials; call it inside `exclusive`. Returns whether the move was accepted and stored.
   */
  async serverMove(matchID: string, playerID: string, move: string, args: unknown[]): Promise<boolean> {
    const action: MoveAction = { type: 'MAKE_MOVE', payload: { type: move, args, playerID } };
    // Another instance may have stored a move of the match meanwhile: the move is tried again
    // on the newer state (and refused there if the rules now refuse it).
    for (let attempt = 0; attempt < 3; attempt++) {
      const { state, metadata } = await this.current(matchID);
      if (!state || !metadata || state.ctx.gameover !== undefined) return false;
      const refused = await this.runMove(this.games[0]!, matchID, state, metadata, action);
      if (refused === null) return true;
      if (refused !== CHANGED) return false;
    }
    return false;
  }

  /**
   * Runs a checked move through boardgame.io's master against a store that serves the state and
   * metadata the caller already read (inside the match's queue they are current) and only
   * captures what the master writes; commits state, log entries and metadata in one transaction when the
   * state advanced. Otherwise nothing is stored and what the master broadcast is dropped.
   * Returns null when the move was stored, or the reason it was not. Call inside `exclusive`.
   */
  private async runMove(
    game: Game,
    matchID: string,
    state: State,
    metadata: MatchData,
    action: MoveAction,
  ): Promise<string | null> {
    const db = this.db!;
    const held = this.held.get(matchID);
    const mark = held?.length ?? 0;
    const writes: { state?: State; deltalog?: LogEntry[]; metadata?: MatchData } = {};
    const capture: StorageAPI.Async = {
      type: () => db.type(),
      connect: async () => undefined,
      createMatch: async () => undefined,
      fetch: async (id, opts) =>
        id === matchID && !opts.log && !opts.initialState
          ? ({ ...(opts.state ? { state } : {}), ...(opts.metadata ? { metadata } : {}) } as never)
          : db.fetch(id, opts),
      setState: async (_id, s, deltalog) => {
        writes.state = s;
        writes.deltalog = deltalog;
      },
      setMetadata: async (_id, metadata) => {
        writes.metadata = metadata;
      },
      wipe: async () => undefined,
      listMatches: async () => [],
    };
    let computed: { state: State; action: unknown } | null = null;
    const master = new Master(game, capture, this.sender(matchID, null) as never, undefined as never);
    master.subscribe(({ state: s, action: a }) => {
      computed = { state: s, action: a };
    });
    const result = await master.onUpdate(action as never, state._stateID, matchID, action.payload.playerID);
    const next = writes.state;
    const advanced = next !== undefined && next._stateID > state._stateID && computed !== null;
    const stored = advanced && (await db.commit(matchID, next, writes.deltalog, writes.metadata));
    if (stored) {
      this.states.noteNewest(matchID, next._stateID);
      this.states.remember(matchID, next);
      const c = computed as unknown as { state: State; action: unknown };
      this.hooks.onState?.(matchID, c.state, c.action);
      return null;
    }
    this.states.drop(matchID);
    held?.splice(mark);
    if (result && 'error' in result) return result.error;
    return advanced ? CHANGED : 'the move was not accepted';
  }

  /**
   * A match's metadata (always read: seats change through the lobby routes) and its state (from
   * `latest` when this instance stored the last one). Call inside `exclusive`.
   */
  private async current(matchID: string): Promise<{ state?: State; metadata?: MatchData }> {
    const known = this.states.get(matchID);
    if (known) {
      const { metadata } = await this.db!.fetch(matchID, { metadata: true });
      if (metadata) return { state: known, metadata };
      this.states.drop(matchID); // wiped
      return {};
    }
    const read = await this.db!.fetch(matchID, { state: true, metadata: true });
    if (read.state && read.metadata) this.states.remember(matchID, read.state);
    return read;
  }

  /** Sends every client of a match the new public player list (after a join or a leave). */
  broadcastMatchData(matchID: string, metadata: MatchData): void {
    this.broadcast(matchID, { type: 'matchData', args: [matchID, publicPlayers(metadata)] });
  }

  /**
   * A seat changed hands (server/seats.ts: taken over, its link re-issued, freed): every socket
   * of the match gets `SEAT_EVENT` with `notice`, and the sockets that held `playerID` leave the
   * match, so they get no more of the seat's view (their credentials no longer hold it either).
   */
  revokeSeat(matchID: string, playerID: string, notice: object): void {
    this.revokeHere(matchID, playerID, notice);
    this.relay?.publish(matchID, [{ type: REVOKE, args: [playerID, notice] }]);
  }

  private revokeHere(matchID: string, playerID: string, notice: object): void {
    for (const id of [...(this.rooms.get(matchID) ?? [])]) {
      const c = this.connections.get(id);
      if (!c) continue;
      c.socket.emit(SEAT_EVENT, notice);
      if (c.playerID === playerID) this.removeConnection(id);
    }
  }

  /** Closes every socket and the socket.io server. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.io) return resolve();
      this.io.close(() => resolve());
    });
  }

  private onConnection(socket: IOSocket, game: Game): void {
    // socket.io hands on a packet's first element as the event name whatever its type (a
    // number, an array): it is only ever compared or described, never used as a string.
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (event === 'sync' || event === 'update') return;
      if (!this.gate.admit(socket, args[0])) return;
      const matchID = typeof args[0] === 'string' ? args[0] : null;
      this.refuse(
        socket,
        matchID,
        `${describe(event)} is not a message this server takes (only sync and update)`,
      );
    });
    socket.on('sync', (matchID: unknown, playerID: unknown, credentials: unknown) => {
      if (!this.gate.admit(socket, matchID)) return;
      const id = checkId(matchID, MATCH_ID, 'match id');
      if (!id.ok) return this.refuse(socket, matchID, id.error);
      const queued = this.tryExclusive(id.value, () =>
        this.sync(socket, game, id.value, playerID, credentials),
      );
      if (!queued) this.refuse(socket, id.value, BUSY);
    });
    socket.on('update', (action: unknown, _stateID: unknown, matchID: unknown, playerID: unknown) => {
      if (!this.gate.admit(socket, matchID)) return;
      const id = checkId(matchID, MATCH_ID, 'match id');
      if (!id.ok) return this.refuse(socket, matchID, id.error);
      const seat = checkId(playerID, PLAYER_ID, 'player id');
      if (!seat.ok) return this.refuse(socket, id.value, `moves need a seat: ${seat.error}`);
      const checked = checkMoveAction(action, game.moves ?? {}, seat.value);
      if (!checked.ok) return this.refuse(socket, id.value, checked.error);
      const queued = this.tryExclusive(id.value, () =>
        this.clientMove(socket, game, id.value, checked.value),
      );
      if (!queued) this.refuse(socket, id.value, BUSY);
    });
    socket.on('disconnect', () => {
      const c = this.connections.get(socket.id);
      this.removeConnection(socket.id);
      this.gate.forget(socket.id);
      if (c?.playerID != null) {
        const seat = c.playerID;
        void this.exclusive(c.matchID, () =>
          this.master(game, c.matchID, socket).onConnectionChange(c.matchID, seat, c.credentials, false),
        );
      }
    });
  }

  /** A seated player's move: seat, credentials and the game's rules are checked before the master runs it. */
  private async clientMove(socket: IOSocket, game: Game, matchID: string, action: MoveAction): Promise<void> {
    const { metadata, state } = await this.current(matchID);
    if (!metadata || !state) return this.refuse(socket, matchID, 'no such match');
    const { playerID, credentials, type, args } = action.payload;
    if (!Object.hasOwn(metadata.players, playerID))
      return this.refuse(socket, matchID, `this match has no player ${playerID}`);
    if (!(await this.auth!.authenticateCredentials({ playerID, credentials, metadata })))
      return this.refuse(socket, matchID, 'these credentials do not hold that seat');
    if (state.ctx.gameover !== undefined) return this.refuse(socket, matchID, 'the match is over');
    const { credentials: _c, ...payload } = action.payload;
    const refused = this.hooks.checkMove?.(state, playerID, type, args) ?? null;
    if (refused !== null) return this.refuse(socket, matchID, refused);
    // Should the move itself refuse what the check let through, its reason reaches this socket
    // through `reportRefusal`; otherwise the master's own.
    let reported = false;
    const error = await REFUSALS.run(
      (reason) => {
        reported = true;
        this.refuse(socket, matchID, reason);
      },
      () => this.runMove(game, matchID, state, metadata, { type: 'MAKE_MOVE', payload }),
    );
    if (error !== null && !reported) this.refuse(socket, matchID, error);
  }

  private async sync(
    socket: IOSocket,
    game: Game,
    matchID: string,
    playerID: unknown,
    credentials: unknown,
  ): Promise<void> {
    const { metadata } = await this.db!.fetch(matchID, { metadata: true });
    // boardgame.io would create a match here, open to anyone's moves.
    if (!metadata) return this.refuse(socket, matchID, 'no such match');
    let seat: string | null = null;
    if (playerID !== null && playerID !== undefined) {
      const p = checkId(playerID, PLAYER_ID, 'player id');
      if (!p.ok) return this.refuse(socket, matchID, p.error);
      if (!Object.hasOwn(metadata.players, p.value))
        return this.refuse(socket, matchID, `this match has no player ${p.value}`);
      seat = p.value;
    }
    if (
      credentials !== undefined &&
      credentials !== null &&
      !checkId(credentials, CREDENTIALS, 'credentials').ok
    )
      return this.refuse(socket, matchID, 'credentials must be the string the lobby gave');
    const creds = typeof credentials === 'string' ? credentials : undefined;
    const master = this.master(game, matchID, socket);
    const numPlayers = Object.keys(metadata.players).length;
    // Listening to the other instances before the state is read: an update stored after the
    // read arrives through the relay, one stored before is in what is read.
    await this.relay?.want(matchID, 'sockets', true);
    // The master checks a seat's credentials and answers with the seat's view (or nothing).
    const refused = await master.onSync(matchID, seat, creds, numPlayers);
    if (refused) {
      if (!this.rooms.has(matchID)) void this.relay?.want(matchID, 'sockets', false);
      return this.refuse(socket, matchID, refused.error);
    }
    this.removeConnection(socket.id);
    this.connections.set(socket.id, { socket, matchID, playerID: seat, credentials: creds });
    const room = this.rooms.get(matchID) ?? new Set<string>();
    this.rooms.set(matchID, room);
    room.add(socket.id);
    if (seat !== null) await master.onConnectionChange(matchID, seat, creds, true);
  }

  private refuse(socket: IOSocket, matchID: unknown, reason: string): void {
    socket.emit(REFUSED_EVENT, { matchID: typeof matchID === 'string' ? matchID : null, reason });
  }

  private removeConnection(socketID: string): void {
    const c = this.connections.get(socketID);
    if (!c) return;
    this.connections.delete(socketID);
    const room = this.rooms.get(c.matchID);
    room?.delete(socketID);
    if (room && room.size === 0) {
      this.rooms.delete(c.matchID);
      this.views.forget(c.matchID);
      void this.relay?.want(c.matchID, 'sockets', false);
    }
  }

  /**
   * Sends a payload to every socket of the match: held while a task of the match runs (and
   * sent when it has finished), else at once; with a relay, the other instances get it too.
   */
  private broadcast(matchID: string, payload: TransportData): void {
    const held = this.held.get(matchID);
    if (held) {
      held.push(payload);
      return;
    }
    this.deliver(matchID, payload);
    this.relay?.publish(matchID, [payload]);
  }

  /** Sends a payload to this instance's sockets of the match (seatViews.ts: views cut once, states as patches). */
  private deliver(matchID: string, payload: TransportData): void {
    const sockets = [...(this.rooms.get(matchID) ?? [])].flatMap((id) => this.connections.get(id) ?? []);
    this.views.deliver(matchID, payload, sockets, this.filters.get(this.games[0]!.name!)!);
  }

  /** What the master sends: to this socket alone (`send`) or to the match's room (`sendAll`). */
  private sender(matchID: string, socket: IOSocket | null) {
    const filter = this.filters.get(this.games[0]!.name!)!;
    return {
      send: ({ playerID, ...data }: { playerID: string | null } & TransportData) => {
        if (!socket) return;
        const out = filter(playerID, data);
        // The view a socket holds after its sync: later states go to it as patches against it.
        const view = out.type === 'sync' ? (out.args[1] as { state?: State }).state : undefined;
        if (view && typeof view._stateID === 'number') this.views.synced(matchID, playerID, socket, view);
        socket.emit(out.type, ...out.args);
      },
      sendAll: (payload: TransportData) => this.broadcast(matchID, payload),
    };
  }

  /** A master for sync and connection changes, which checks a seat's credentials. */
  private master(game: Game, matchID: string, socket: IOSocket | null): Master {
    return new Master(game, this.db!, this.sender(matchID, socket) as never, this.auth as never);
  }
}

const BUSY = 'the match has too many moves waiting: send again in a moment';
/** A move computed on a state that another writer replaced before it was stored. */
const CHANGED = 'the match changed meanwhile; send the move again';
