/**
 * Server load benchmark (issue 11, "A fast server path"; part of `npm run bench`, and
 * `npm run loadtest` for the full run). The real server in its own process (NODE_ENV=production,
 * SQLite in a fresh data folder), and in this process seated sockets that play legal moves only:
 *
 * 1. **Throughput**: LOAD_FAST_MATCHES matches (default 10) × 5 seats, each seat sending its
 *    next move as soon as its last one is answered, for LOAD_FAST_SECONDS (default 10): moves
 *    per second through the server, socket.io and storage.
 * 2. **Load**: LOAD_MATCHES matches (default 50) × 5 seats (White Cell included), each seat
 *    thinking LOAD_THINK_MS (default 1,000 ms, drawn from 0.5×–1.5×) between moves, for
 *    LOAD_SECONDS (default 20; `npm run loadtest` runs 60): move round-trip p50 / p95 / p99
 *    against the target of p99 under 150 ms, and the server's CPU use.
 *
 * A faction seat orders up to two legal orders (drawn from the engine's candidate orders on the
 * seat's own view and checked with `validateOrder`, see `nextMove`), then commits; White Cell advances once every
 * faction has committed. The table also shows how late this process's event loop ran (p99 and
 * max): the part of a round-trip that is the clients' own delay, not the server's.
 * A match that ends is replaced by a new one. A move's round-trip runs from sending it to
 * the update that carries it (or its refusal). Numbers only: nothing here asserts a timing.
 * The load pattern is seeded (LOAD_SEED), so runs differ only in the machine's timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import seedrandom from 'seedrandom';
import { FACTIONS, type MatchView, type Order, orderCandidates, validateOrder } from '../game/index.ts';
import { getScenario } from '../scenarios/index.ts';
import { REFUSED_EVENT } from '../server/transport.ts';
import {
  cpuSeconds,
  GAME,
  pct,
  post,
  type Seat,
  seat,
  sleep,
  startServer,
  stopServer,
  table,
} from './net.ts';

const env = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`load: ${name} must be a non-negative number (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
};

const SCENARIO = process.env.LOAD_SCENARIO ?? 'takaichi-2025';
const SEATS = ['0', '1', '2', '3', '4'] as const;
const WHITE = '4';

interface Player {
  readonly seat: Seat;
  view: MatchView | null;
  /** The seat's candidate orders at the start of the round (read once a round, as a player reads the board once). */
  legal: { round: number; orders: Order[] } | null;
  stateID: number;
  gameover: boolean;
}

interface Sample {
  readonly t: number;
  readonly ms: number;
  readonly accepted: boolean;
  readonly move: string;
}

/**
 * The next legal move for a seat, or null when it has nothing to do now. A faction seat draws
 * from its candidate orders (read once a round) and checks each it draws with the engine's
 * `validateOrder` on its current view, as a player picks an order and finds whether it is
 * allowed: checking all of a large seat's candidates each round took tens of ms on the thread
 * that times the server's replies, and a round start of 50 matches held replies up for a second.
 */
function nextMove(p: Player, rng: () => number): { type: string; args: unknown[] } | null {
  const G = p.view;
  if (!G || p.gameover || G.stage !== 'planning') return null;
  if (p.seat.playerID === WHITE)
    return FACTIONS.every((f) => G.pending[f].committed) ? { type: 'advance', args: [{}] } : null;
  const f = FACTIONS[Number(p.seat.playerID)]!;
  const mine = G.pending[f];
  if (mine.committed) return null;
  const scenario = getScenario(G.scenarioId);
  if (mine.orders.length < 2 && scenario) {
    if (p.legal?.round !== G.round)
      p.legal = { round: G.round, orders: [...orderCandidates(G, scenario, f)] };
    const candidates = p.legal?.orders ?? [];
    for (let tries = 0; tries < 20 && candidates.length > 0; tries++) {
      const order = candidates[Math.floor(rng() * candidates.length)]!;
      if (validateOrder(G, scenario, f, order).ok) return { type: 'order', args: [{ order }] };
    }
  }
  return { type: 'commit', args: [{}] };
}

class Table {
  readonly players: Player[] = [];

  private constructor(
    readonly port: number,
    readonly from: string,
  ) {}

  /** A new match with five human seats, each seated from `from`. */
  static async open(port: number, from: string): Promise<Table> {
    const t = new Table(port, from);
    const { matchID } = await post<{ matchID: string }>(port, from, `/games/${GAME}/create`, {
      numPlayers: 5,
      setupData: { scenarioId: SCENARIO },
    });
    for (const id of SEATS) {
      const p: Player = { seat: null as never, view: null, legal: null, stateID: -1, gameover: false };
      const s = await seat(from, port, matchID, id, (state) => t.take(p, state));
      Object.assign(p, { seat: s });
      s.updates.on('update', (_m: string, state: unknown) => t.take(p, state));
      t.players.push(p);
    }
    return t;
  }

  private take(p: Player, state: unknown): void {
    const s = state as { G: MatchView; _stateID: number; ctx: { gameover?: unknown } };
    if (s._stateID <= p.stateID) return;
    p.view = s.G;
    p.stateID = s._stateID;
    p.gameover = s.ctx.gameover !== undefined;
  }

  get over(): boolean {
    return this.players.every((p) => p.gameover);
  }

  close(): void {
    for (const p of this.players) p.seat.socket.close();
  }
}

/** Sends a move and waits for the update that carries it (its deltalog names this seat) or a refusal. */
async function send(p: Player, move: { type: string; args: unknown[] }): Promise<Sample> {
  const s = p.seat;
  const start = performance.now();
  const accepted = await new Promise<boolean>((resolve) => {
    const onUpdate = (
      _m: string,
      _state: unknown,
      deltalog?: { action?: { payload?: { playerID?: string } } }[],
    ) => {
      if (!deltalog?.some((e) => e.action?.payload?.playerID === s.playerID)) return;
      done(true);
    };
    const onRefused = () => done(false);
    const done = (ok: boolean) => {
      s.updates.off('update', onUpdate);
      s.socket.off(REFUSED_EVENT, onRefused);
      resolve(ok);
    };
    s.updates.on('update', onUpdate);
    s.socket.on(REFUSED_EVENT, onRefused);
    s.socket.emit(
      'update',
      {
        type: 'MAKE_MOVE',
        payload: { type: move.type, args: move.args, playerID: s.playerID, credentials: s.credentials },
      },
      p.stateID,
      s.matchID,
      s.playerID,
    );
  });
  return { t: start, ms: performance.now() - start, accepted, move: move.type };
}

interface Phase {
  readonly matches: number;
  readonly thinkMs: number;
  readonly seconds: number;
}

interface PhaseResult {
  readonly samples: Sample[];
  readonly wallSeconds: number;
  readonly serverCpuSeconds: number;
  /** CPU seconds this process (the seated sockets) used. */
  readonly clientCpuSeconds: number;
  /**
   * How late this process's event loop ran (ms, p99 and max): a reply that arrives while the
   * seated sockets are busy (reading a new round's legal orders, applying patches) is timed
   * late by that much, so this bounds the share of a round-trip that is the clients', not the server's.
   */
  readonly clientLoopDelay: { readonly p99: number; readonly max: number };
  readonly matchesPlayed: number;
}

async function runPhase(port: number, pid: number, phase: Phase, seed: string): Promise<PhaseResult> {
  const rng = seedrandom(seed);
  const tables: Table[] = [];
  // One loopback address per match, as players come from many machines.
  const address = (i: number) => `127.0.${1 + Math.floor(i / 200)}.${10 + (i % 200)}`;
  for (let i = 0; i < phase.matches; i++) tables.push(await Table.open(port, address(i)));
  let played = tables.length;
  const samples: Sample[] = [];
  const cpu0 = cpuSeconds(pid);
  const own0 = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  const end = t0 + phase.seconds * 1000;
  const think = () => (phase.thinkMs === 0 ? 0 : phase.thinkMs * (0.5 + rng()));

  const playSeat = async (i: number, k: number): Promise<void> => {
    await sleep(think());
    while (performance.now() < end) {
      let t = tables[i]!;
      if (t.over) {
        // Seat 0 replaces a finished match; the others wait for it.
        if (k === 0) {
          t.close();
          t = await Table.open(port, address(i));
          tables[i] = t;
          played++;
        } else {
          await sleep(50);
          continue;
        }
      }
      const p = t.players[k]!;
      const move = nextMove(p, rng);
      if (move) samples.push(await send(p, move));
      await sleep(move ? think() : Math.max(20, think() / 4));
    }
  };
  await Promise.all(tables.flatMap((_, i) => SEATS.map((_s, k) => playSeat(i, k))));
  const wallSeconds = (performance.now() - t0) / 1000;
  const serverCpuSeconds = cpuSeconds(pid) - cpu0;
  const own = process.cpuUsage(own0);
  loop.disable();
  for (const t of tables) t.close();
  return {
    samples,
    wallSeconds,
    serverCpuSeconds,
    clientCpuSeconds: (own.user + own.system) / 1e6,
    clientLoopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    matchesPlayed: played,
  };
}

export interface LoadOptions {
  readonly fast: Phase;
  readonly load: Phase;
  readonly seed: string;
}

export function loadOptionsFromEnv(defaultSeconds: number): LoadOptions {
  return {
    fast: {
      matches: env('LOAD_FAST_MATCHES', 10),
      thinkMs: 0,
      seconds: env('LOAD_FAST_SECONDS', 10),
    },
    load: {
      matches: env('LOAD_MATCHES', 50),
      thinkMs: env('LOAD_THINK_MS', 1000),
      seconds: env('LOAD_SECONDS', defaultSeconds),
    },
    seed: process.env.LOAD_SEED ?? 'load',
  };
}

/** Runs both phases against a fresh server and prints their rows. */
export async function runLoad(options: LoadOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'island-chain-load-'));
  const { child, port } = await startServer(dir, [
    '--creates-per-minute',
    '100000',
    '--max-open-matches',
    String(options.fast.matches + options.load.matches + 100),
  ]);
  try {
    const rows: string[][] = [];
    let byMove = '';
    for (const [name, phase] of [
      ['throughput', options.fast],
      ['load', options.load],
    ] as const) {
      if (phase.matches === 0 || phase.seconds === 0) continue;
      const r = await runPhase(port, child.pid!, phase, `${options.seed}/${name}`);
      const ok = r.samples.filter((s) => s.accepted);
      for (const m of new Set(r.samples.map((s) => s.move))) {
        const xs = r.samples.filter((s) => s.move === m).map((s) => s.ms);
        byMove += `${name} ${m}: ${xs.length} moves, p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms\n`;
      }
      const ms = r.samples.map((s) => s.ms);
      rows.push([
        name,
        `${phase.matches} × 5`,
        phase.thinkMs === 0 ? 'none' : `${phase.thinkMs} ms`,
        r.wallSeconds.toFixed(1),
        String(ok.length),
        String(r.samples.length - ok.length),
        (ok.length / r.wallSeconds).toFixed(0),
        pct(ms, 50).toFixed(1),
        pct(ms, 95).toFixed(1),
        pct(ms, 99).toFixed(1),
        phase.thinkMs === 0 ? '—' : pct(ms, 99) < 150 ? 'met' : 'MISSED',
        `${((r.serverCpuSeconds / r.wallSeconds) * 100).toFixed(0)}%`,
        ok.length > 0 ? ((r.serverCpuSeconds * 1000) / ok.length).toFixed(2) : '—',
        `${((r.clientCpuSeconds / r.wallSeconds) * 100).toFixed(0)}%`,
        `${r.clientLoopDelay.p99.toFixed(0)} / ${r.clientLoopDelay.max.toFixed(0)}`,
        String(r.matchesPlayed),
      ]);
    }
    if (process.env.LOAD_BY_MOVE) console.log(byMove);
    console.log(
      `\nServer: the real server (NODE_ENV=production, SQLite) in its own process, ${SCENARIO}; seated sockets in this process play legal moves only`,
    );
    table(
      [
        'phase',
        'matches',
        'think',
        's',
        'moves',
        'refused',
        'moves/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'p99 < 150 ms',
        'server CPU',
        'CPU ms/move',
        'clients CPU',
        'clients loop lag p99/max ms',
        'matches played',
      ],
      rows,
    );
  } finally {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runLoad(loadOptionsFromEnv(60)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
