/**
 * The Island Chain server (DESIGN.md section 1; issue 3): one process serving the built client,
 * the boardgame.io lobby API and the game sockets, with matches in SQLite.
 *
 *   node --import tsx server/main.ts [--port 8000] [--host 0.0.0.0] [--data-dir ./data]
 *        [--client-dir dist/client] [--max-open-matches 50] [--creates-per-minute 10]
 *
 * Environment: PORT, HOST, DATA_DIR. `startServer` does the same for tests (port 0 = any free port).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { State, StorageAPI } from 'boardgame.io';
import { Origins, Server } from 'boardgame.io/server';
import { checkMove, makeGame } from '../game/bgio.ts';
import type { MatchState } from '../game/index.ts';
import { getScenario } from '../scenarios/index.ts';
import { BotRunner, botSeats } from './bots.ts';
import { addRoutes, createLimits, sealMatch, secret } from './lobby.ts';
import type { FloodLimits } from './protocol.ts';
import { addSeatRoutes, guardPaths } from './seats.ts';
import { serveClient } from './static.ts';
import { SqliteStorage } from './storage.ts';
import { PlanningTimers } from './timer.ts';
import { reportRefusal, SecureSocketIO } from './transport.ts';

export interface ServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly dataDir: string;
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
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** The match store (tests read it to check what clients were not sent). */
  readonly storage: SqliteStorage;
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

/** The store with the server's rule for new matches: sealed metadata, then bots and a log line. */
class MatchStore extends SqliteStorage {
  onCreated: (matchID: string, metadata: ReturnType<typeof sealMatch>, state: State) => void = () =>
    undefined;

  override async createMatch(matchID: string, opts: StorageAPI.CreateMatchOpts): Promise<void> {
    const metadata = sealMatch(opts.metadata);
    await super.createMatch(matchID, { ...opts, metadata });
    this.onCreated(matchID, metadata, opts.initialState);
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.quiet
    ? () => undefined
    : (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const storage = new MatchStore(join(resolve(options.dataDir), DATABASE_FILE), {
    onStaleWrite: (w) =>
      log(
        `match ${w.matchID}: refused a stale state write (state ${w.stateID}, stored ${w.storedStateID ?? 'none'})`,
      ),
  });
  storage.connect();

  const rounds = new Map<string, number>();
  // Outside production, pages on other localhost ports (the Vite dev server) may use the lobby and sockets.
  const devOrigins = [Origins.LOCALHOST_IN_DEVELOPMENT].filter((o): o is RegExp => o !== false);
  const transport = new SecureSocketIO(
    {
      onEvent: log,
      onState: (matchID, state, action) => {
        const G = state.G as MatchState;
        const gameover = state.ctx.gameover !== undefined;
        const before =
          rounds.get(matchID) ?? (storage.peekState(matchID)?.G as MatchState | undefined)?.round;
        rounds.set(matchID, G.round);
        if (before !== undefined && G.round > before)
          log(
            `match ${matchID}: round ${before} adjudicated (escalation ${G.escalation}); round ${G.round} planning`,
          );
        if (gameover && storage.peekState(matchID)?.ctx.gameover === undefined)
          log(
            `match ${matchID} ended in round ${G.round}: ${G.outcome?.category ?? 'over'}: ${G.outcome?.reason ?? ''}`,
          );
        timers.onState(matchID, G, gameover, action);
        if (!gameover) bots.schedule(matchID);
      },
      checkMove: (state, playerID, move, args) => {
        const r = checkMove(state, playerID, move, args, getScenario);
        return r.ok ? null : `${r.error.message} [${r.error.code}]`;
      },
    },
    devOrigins,
    options.floodLimits,
  );
  const timers = new PlanningTimers(storage, transport, log);
  const bots = new BotRunner(storage, transport);
  storage.onCreated = (matchID, metadata, state) => {
    const G = state.G as MatchState;
    const seats = Object.entries(botSeats(metadata.setupData)).map(([f, p]) => `${f}=${p}`);
    log(
      `match ${matchID} created: ${G.scenarioId}, ${Object.keys(metadata.players).length} seats` +
        `${G.white.present ? ' with White Cell' : ''}, bots: ${seats.length ? seats.join(', ') : 'none'}`,
    );
    rounds.set(matchID, G.round);
    if (seats.length > 0) setImmediate(() => bots.schedule(matchID));
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
  app.use(
    createLimits(
      { createPerMinute: options.createPerMinute ?? 10, maxOpenMatches: options.maxOpenMatches ?? 50 },
      () => storage.countOpen(),
    ),
  );
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
  addRoutes(server.router, storage, timers);
  if (options.host) {
    const listen = app.listen.bind(app) as (...args: unknown[]) => unknown;
    (app as unknown as { listen: (...args: unknown[]) => unknown }).listen = (port: unknown, cb: unknown) =>
      listen(port, options.host, cb);
  }

  const { appServer } = await server.run({ port: options.port });
  const port = (appServer.address() as AddressInfo).port;
  const host =
    options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  timers.resumeAll();
  await bots.resumeAll();
  log(`Island Chain serving on ${url} (data: ${storage.file})`);

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
      await transport.close();
      appServer.closeAllConnections();
      await new Promise<void>((done) => (appServer.listening ? appServer.close(() => done()) : done()));
      await transport.drain();
      storage.close();
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
      'client-dir': { type: 'string' },
      'max-open-matches': { type: 'string' },
      'creates-per-minute': { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const running = await startServer({
    port: intOption(values.port ?? process.env.PORT, 'port') ?? 8000,
    dataDir: values['data-dir'] ?? process.env.DATA_DIR ?? './data',
    host: values.host ?? process.env.HOST,
    clientDir: values['client-dir'],
    quiet: values.quiet ?? false,
    maxOpenMatches: intOption(values['max-open-matches'], 'max-open-matches'),
    createPerMinute: intOption(values['creates-per-minute'], 'creates-per-minute'),
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
