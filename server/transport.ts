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
 * - every message for a match (sync, update, chat, connection changes, and the server's own
 *   moves for bots and timers) runs through one queue per match, so no two read-modify-write
 *   cycles of a match interleave.
 *
 * Credentials are checked by the master with the server's `authenticateCredentials`, which
 * boardgame.io applies to every match, joined or not (its default skips a match no one has
 * joined yet).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Game, LogEntry, Server, State, StorageAPI } from 'boardgame.io';
import { getFilterPlayerView } from 'boardgame.io/internal';
import { Master } from 'boardgame.io/master';
import { SocketIO } from 'boardgame.io/server';

type MatchData = Server.MatchData;
type TransportData = { type: string; args: unknown[] };
type Filter = (playerID: string | null, payload: TransportData) => TransportData;

/** The parts of a socket.io socket the transport uses. */
interface IOSocket {
  readonly id: string;
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
}
interface IONamespace {
  on(event: 'connection', listener: (socket: IOSocket) => void): unknown;
  removeAllListeners(event: string): unknown;
}
interface IOServer {
  of(name: string): IONamespace;
  close(fn?: (err?: Error) => void): void;
}
type AppWithIO = Parameters<SocketIO['init']>[0] & {
  _io?: unknown;
  context: { db: StorageAPI.Async; auth: unknown };
};

interface Connection {
  readonly socket: IOSocket;
  readonly matchID: string;
  readonly playerID: string | null;
  readonly credentials: string | undefined;
}

/** Emitted to a socket whose message was refused: `{ matchID, reason }`. */
export const REFUSED_EVENT = 'island-chain:refused';

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
  /** A new state of a match, straight after the master computed it (before it is stored). */
  onState?(matchID: string, state: State, action: unknown): void;
  /** Something worth a log line. */
  onEvent?(line: string): void;
}

const isID = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 100;
const isPlayerID = (x: unknown): x is string => typeof x === 'string' && /^\d{1,2}$/.test(x);

/** Public player metadata: credentials stripped (what boardgame.io's `matchData` message carries). */
export const publicPlayers = (metadata: MatchData): Omit<Server.PlayerMetadata, 'credentials'>[] =>
  Object.values(metadata.players).map(({ credentials: _c, ...rest }) => rest);

export class SecureSocketIO extends SocketIO {
  private readonly hooks: TransportHooks;
  private readonly connections = new Map<string, Connection>();
  private readonly rooms = new Map<string, Set<string>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly filters = new Map<string, Filter>();
  private readonly held = new Map<string, TransportData[]>();
  private games: Game[] = [];
  private db: StorageAPI.Async | null = null;
  private auth: unknown;
  private io: IOServer | null = null;

  /** `corsOrigins`: other origins whose pages may open game sockets (the Vite dev server's). */
  constructor(hooks: TransportHooks = {}, corsOrigins: readonly (string | RegExp)[] = []) {
    // boardgame.io types socketOpts as socket.io's full ServerOptions; socket.io takes a partial one.
    super(corsOrigins.length > 0 ? ({ socketOpts: { cors: { origin: [...corsOrigins] } } } as never) : {});
    this.hooks = hooks;
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

  /**
   * Runs `fn` after every earlier task of the match has finished; tasks of one match never
   * overlap. What the task broadcasts is held until it has finished, so no client sees a
   * state before it is stored (boardgame.io's master broadcasts first, then writes).
   */
  exclusive<T>(matchID: string, fn: () => Promise<T> | T): Promise<T> {
    const prev = this.queues.get(matchID) ?? Promise.resolve();
    const run = prev.then(async () => {
      const held: TransportData[] = [];
      this.held.set(matchID, held);
      try {
        return await fn();
      } finally {
        this.held.delete(matchID);
        for (const payload of held) this.broadcast(matchID, payload);
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

  /** Waits until every queued task has finished (for shutdown). */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /**
   * A move made by the server itself (a bot seat, the planning timer), as `playerID`, without
   * credentials; call it inside `exclusive`. Returns whether the master accepted it.
   */
  async serverMove(matchID: string, playerID: string, move: string, args: unknown[]): Promise<boolean> {
    const game = this.games[0]!;
    const db = this.db!;
    const before = await db.fetch(matchID, { state: true });
    if (!before.state) return false;
    const master = this.master(game, matchID, null, false);
    const action = { type: 'MAKE_MOVE', payload: { type: move, args, playerID } };
    await master.onUpdate(action as never, before.state._stateID, matchID, playerID);
    const after = await db.fetch(matchID, { state: true });
    return (after.state?._stateID ?? 0) > before.state._stateID;
  }

  /** Sends every client of a match the new public player list (after a join or a leave). */
  broadcastMatchData(matchID: string, metadata: MatchData): void {
    this.broadcast(matchID, { type: 'matchData', args: [matchID, publicPlayers(metadata)] });
  }

  /** Closes every socket and the socket.io server. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.io) return resolve();
      this.io.close(() => resolve());
    });
  }

  private onConnection(socket: IOSocket, game: Game): void {
    socket.on('sync', (matchID: unknown, playerID: unknown, credentials: unknown) => {
      if (!isID(matchID)) return this.refuse(socket, matchID, 'no match id');
      void this.exclusive(matchID, () => this.sync(socket, game, matchID, playerID, credentials));
    });
    socket.on('update', (action: unknown, stateID: unknown, matchID: unknown, playerID: unknown) => {
      if (!isID(matchID)) return this.refuse(socket, matchID, 'no match id');
      void this.exclusive(matchID, async () => {
        const { metadata } = await this.db!.fetch(matchID, { metadata: true });
        if (!metadata) return this.refuse(socket, matchID, 'no such match');
        if (!isPlayerID(playerID)) return this.refuse(socket, matchID, 'moves need a seat');
        // boardgame.io checks the credentials of the playerID argument but runs the move as the
        // action's own payload.playerID: the two must be the same seat.
        const payload = (action as { payload?: { playerID?: unknown } } | null)?.payload;
        if (!payload || payload.playerID !== playerID)
          return this.refuse(socket, matchID, 'the action is for another seat');
        // The engine's reason for a refused move reaches this socket through `reportRefusal`.
        const result = await REFUSALS.run(
          (reason) => this.refuse(socket, matchID, reason),
          () =>
            this.master(game, matchID, socket, true).onUpdate(
              action as never,
              typeof stateID === 'number' ? stateID : -1,
              matchID,
              playerID,
            ),
        );
        if (result && 'error' in result) this.refuse(socket, matchID, result.error);
      });
    });
    socket.on('chat', (matchID: unknown, message: unknown, credentials: unknown) => {
      if (!isID(matchID)) return;
      void this.exclusive(matchID, async () => {
        const { metadata } = await this.db!.fetch(matchID, { metadata: true });
        if (!metadata) return;
        await this.master(game, matchID, socket, true).onChatMessage(
          matchID,
          message as never,
          typeof credentials === 'string' ? credentials : undefined,
        );
      });
    });
    socket.on('disconnect', () => {
      const c = this.connections.get(socket.id);
      this.removeConnection(socket.id);
      if (c?.playerID != null) {
        const seat = c.playerID;
        void this.exclusive(c.matchID, () =>
          this.master(game, c.matchID, socket, true).onConnectionChange(
            c.matchID,
            seat,
            c.credentials,
            false,
          ),
        );
      }
    });
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
    const seat = playerID === null || playerID === undefined ? null : playerID;
    if (seat !== null && !isPlayerID(seat)) return this.refuse(socket, matchID, 'bad player id');
    const creds = typeof credentials === 'string' ? credentials : undefined;
    const master = this.master(game, matchID, socket, true);
    const numPlayers = Object.keys(metadata.players).length;
    // The master checks a seat's credentials and answers with the seat's view (or nothing).
    const refused = await master.onSync(matchID, seat, creds, numPlayers);
    if (refused) return this.refuse(socket, matchID, refused.error);
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
    if (room && room.size === 0) this.rooms.delete(c.matchID);
  }

  private broadcast(matchID: string, payload: TransportData): void {
    const held = this.held.get(matchID);
    if (held) {
      held.push(payload);
      return;
    }
    const filter = this.filters.get(this.games[0]!.name!)!;
    for (const id of this.rooms.get(matchID) ?? []) {
      const c = this.connections.get(id);
      if (!c) continue;
      const data = filter(c.playerID, payload);
      c.socket.emit(data.type, ...data.args);
    }
  }

  private master(game: Game, matchID: string, socket: IOSocket | null, authenticate: boolean): Master {
    const filter = this.filters.get(game.name!)!;
    const transport = {
      send: ({ playerID, ...data }: { playerID: string | null } & TransportData) => {
        if (!socket) return;
        const out = filter(playerID, data);
        socket.emit(out.type, ...out.args);
      },
      sendAll: (payload: TransportData) => this.broadcast(matchID, payload),
    };
    const master = new Master(
      game,
      this.db!,
      transport as never,
      (authenticate ? this.auth : undefined) as never,
    );
    master.subscribe(({ state, action }) => this.hooks.onState?.(matchID, state, action));
    return master;
  }
}

/**
 * boardgame.io's per-seat filter (playerView, redacted log), plus: a `sync` carries the
 * seat's view of the initial state instead of the raw initial state.
 */
function secureFilter(game: Game): Filter {
  const base = getFilterPlayerView(game) as unknown as Filter;
  return (playerID, payload) => {
    const out = base(playerID, payload);
    if (out.type !== 'sync') return out;
    const [matchID, info] = out.args as [string, { initialState?: State; log?: LogEntry[] }];
    const { initialState, ...rest } = info;
    const view = initialState
      ? (
          base(playerID, { type: 'sync', args: [matchID, { state: initialState, log: [] }] }).args[1] as {
            state: State;
          }
        ).state
      : undefined;
    return { type: 'sync', args: [matchID, { ...rest, ...(view ? { initialState: view } : {}) }] };
  };
}
