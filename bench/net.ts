/**
 * What the server benchmarks share (bench/flood.ts, bench/load.ts): the real server in its own
 * process, lobby requests from a chosen loopback address (each address stands for one
 * machine), seated sockets, and percentiles. Numbers only: nothing here asserts a timing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch, type Operation } from 'rfc6902';
import { io, type Socket } from 'socket.io-client';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GAME = 'island-chain';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A POST to the server from `from` (a loopback address: each stands for one machine). */
export function post<T>(port: number, from: string, path: string, body: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text) as T)
            : reject(new Error(`${path}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** BENCH_PROFILE=<folder> runs the server under V8's CPU profiler, writing a .cpuprofile there. */
const profile = (): string[] =>
  process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];

/**
 * The server (NODE_ENV=production, as `npm start` runs it) on a port it picks (`--port 0`),
 * with `args` added; resolves with its port once it says it is serving.
 */
export function startServer(
  dataDir: string,
  args: readonly string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [...profile(), '--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dataDir, ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return new Promise((resolve, reject) => {
    let out: string | null = '';
    child.stdout!.on('data', (d: Buffer) => {
      if (out === null) return; // serving: the rest is the server's log
      out += d;
      const m = /serving on http:\/\/\S+:(\d+)/.exec(out);
      if (m) {
        out = null;
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before serving`)));
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface Seat {
  readonly matchID: string;
  readonly playerID: string | null;
  readonly credentials: string;
  readonly socket: Socket;
  bytes: number;
  /** The seat's view as the browser's client holds it: from its sync, then each update or patch. */
  state: { readonly _stateID: number } | null;
  /**
   * Emits `update` (matchID, state, deltalog) for every new state, whether the server sent it
   * whole or as a patch (applied with the library boardgame.io's client uses).
   */
  readonly updates: EventEmitter;
}

/** A seated (or, with `playerID` null, observing) socket from address `from`, synced. */
export async function seat(
  from: string,
  port: number,
  matchID: string,
  playerID: string | null,
  onSync?: (state: unknown) => void,
  countBytes = false,
): Promise<Seat> {
  const credentials =
    playerID === null
      ? ''
      : (
          await post<{ playerCredentials: string }>(port, from, `/games/${GAME}/${matchID}/join`, {
            playerID,
            playerName: `p${playerID}`,
          })
        ).playerCredentials;
  const socket = io(`http://127.0.0.1:${port}/${GAME}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    localAddress: from,
  } as Parameters<typeof io>[1]);
  const s: Seat = {
    matchID,
    playerID,
    credentials,
    socket,
    bytes: 0,
    state: null,
    updates: new EventEmitter(),
  };
  s.updates.setMaxListeners(0);
  socket.on('update', (m: string, state: { _stateID: number }, log: unknown) => {
    s.state = state;
    s.updates.emit('update', m, state, log);
  });
  socket.on('patch', (m: string, prev: number, _next: number, ops: Operation[], log: unknown) => {
    if (s.state?._stateID !== prev) return; // boardgame.io's client ignores it too
    // Applied in place: this seat alone holds its state (a browser, on its own machine, copies
    // it first; here every seat shares the server's two cores, so the load costs the server less).
    const state = s.state;
    if (applyPatch(state, ops).some((e) => e !== null))
      throw new Error('a patch from the server did not apply');
    s.updates.emit('update', m, state, log);
  });
  if (countBytes)
    socket.onAny((_e: string, ...args: unknown[]) => {
      s.bytes += JSON.stringify(args).length;
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const synced = new Promise<void>((resolve) =>
    socket.once('sync', (_id: string, info: { state: { _stateID: number } }) => {
      s.state = info.state;
      onSync?.(info.state);
      resolve();
    }),
  );
  socket.emit('sync', matchID, playerID, credentials || undefined, 5);
  await synced;
  return s;
}

/** The p-th percentile (nearest rank) of `xs`. */
export const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Prints rows as a table with padded columns. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}
