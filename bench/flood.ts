/**
 * Flood benchmark (issue 7, "Flood control"; part of `npm run bench`): the real server in its
 * own process, honest players moving in FLOOD_MATCHES other matches (one seated socket each,
 * one move every FLOOD_THINK_MS, waiting for the answer), and an attacker who sends 2,000
 * moves at once into one match: first from one socket, then spread over 50 sockets of one
 * address. Prints the honest move round-trip (p50, p95, p99) before and during each flood,
 * against the target of p99 under 150 ms, what the attacker got through, and how many bytes a
 * bystander seat of the flooded match received. Honest players connect from 127.0.0.2 and the
 * attacker from 127.0.0.1, as they would from different machines. Numbers only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { REFUSED_EVENT } from '../server/transport.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GAME = 'island-chain';
const MATCHES = Number(process.env.FLOOD_MATCHES ?? 20);
const THINK_MS = Number(process.env.FLOOD_THINK_MS ?? 250);
const PHASE_MS = Number(process.env.FLOOD_PHASE_MS ?? 4000);
const FLOOD = 2000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A POST to the server from `from` (a loopback address: each stands for one machine). */
function post<T>(port: number, from: string, path: string, body: unknown): Promise<T> {
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

/** The server on a port it picks (`--port 0`); resolves with its port once it says it is serving. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dataDir],
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

interface Seat {
  readonly matchID: string;
  readonly credentials: string;
  readonly socket: Socket;
  bytes: number;
}

async function seat(from: string, port: number, matchID: string, playerID: string | null): Promise<Seat> {
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
  const s: Seat = { matchID, credentials, socket, bytes: 0 };
  socket.onAny((_e: string, ...args: unknown[]) => {
    s.bytes += JSON.stringify(args).length;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const synced = new Promise<void>((resolve) => socket.once('sync', () => resolve()));
  socket.emit('sync', matchID, playerID, credentials || undefined, 4);
  await synced;
  return s;
}

const ORDER = { type: 'gray-zone', action: 'protest', zone: 'kanto' };
const moveFrame = (s: Seat, i: number) => ({
  type: 'MAKE_MOVE',
  payload:
    i % 2 === 0
      ? { type: 'order', args: [{ order: ORDER }], playerID: '0', credentials: s.credentials }
      : { type: 'withdraw', args: [{ index: 0 }], playerID: '0', credentials: s.credentials },
});

/** One honest player: a move, wait for the answer (an update or a refusal), think, again. */
async function play(s: Seat, until: () => boolean, rtts: { t: number; ms: number }[]): Promise<void> {
  for (let i = 0; !until(); i++) {
    const start = performance.now();
    const answered = new Promise<void>((resolve) => {
      const done = () => {
        s.socket.off('update', done);
        s.socket.off(REFUSED_EVENT, done);
        resolve();
      };
      s.socket.on('update', done);
      s.socket.on(REFUSED_EVENT, done);
    });
    s.socket.emit('update', moveFrame(s, i), 0, s.matchID, '0');
    await answered;
    rtts.push({ t: start, ms: performance.now() - start });
    await sleep(THINK_MS);
  }
}

const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'island-chain-flood-'));
  const { child: server, port } = await startServer(dir);
  try {
    // `--creates-per-minute` is not raised: matches are created from several addresses in turn.
    const create = async (from: string) =>
      (
        await post<{ matchID: string }>(port, from, `/games/${GAME}/create`, {
          numPlayers: 4,
          setupData: { scenarioId: 'takaichi-2025' },
        })
      ).matchID;
    const hosts = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7'];
    const target = await create('127.0.0.1');
    const honest: Seat[] = [];
    for (let i = 0; i < MATCHES; i++) {
      const host = hosts[i % hosts.length]!;
      honest.push(await seat(host, port, await create(host), '0'));
    }
    const attacker = await seat('127.0.0.1', port, target, '0');
    const bystander = await seat('127.0.0.8', port, target, null);

    const rtts: { t: number; ms: number }[] = [];
    let stop = false;
    const players = honest.map((s) => play(s, () => stop, rtts));
    const phases: { name: string; from: number; to: number; note: string }[] = [];

    let from = performance.now();
    await sleep(PHASE_MS);
    phases.push({ name: 'no flood', from, to: performance.now(), note: '' });

    const flood = async (name: string, sockets: readonly Seat[]) => {
      let refused = 0;
      let tooFast = 0;
      for (const a of sockets)
        a.socket.on(REFUSED_EVENT, (r: { reason: string }) => {
          refused++;
          if (/too many/.test(r.reason)) tooFast++;
        });
      const bytes = bystander.bytes;
      from = performance.now();
      for (let i = 0; i < FLOOD; i++) {
        const a = sockets[i % sockets.length]!;
        a.socket.emit('update', moveFrame(a, i), 0, target, '0');
      }
      const sent = performance.now() - from;
      await sleep(PHASE_MS);
      for (const a of sockets) a.socket.off(REFUSED_EVENT);
      phases.push({
        name,
        from,
        to: performance.now(),
        note: `${FLOOD} sent in ${sent.toFixed(0)} ms; ${refused} refused (${tooFast} for rate); bystander got ${(((bystander.bytes - bytes) / 1024) | 0).toLocaleString()} kB`,
      });
    };
    await flood('2,000 moves, one socket', [attacker]);
    await sleep(1500); // the address bucket refills
    const many = [attacker];
    for (let i = 1; i < 50; i++) many.push(await seat('127.0.0.1', port, target, null));
    for (const m of many.slice(1)) Object.assign(m, { credentials: attacker.credentials });
    await flood('2,000 moves, 50 sockets of one address', many);
    stop = true;
    await Promise.all(players);

    console.log(
      `\nFlood: the real server (NODE_ENV=production) in its own process; ${MATCHES} other matches, one honest move every ${THINK_MS} ms each, answers awaited`,
    );
    const rows = phases.map((p) => {
      const xs = rtts.filter((r) => r.t >= p.from && r.t < p.to).map((r) => r.ms);
      return [
        p.name,
        String(xs.length),
        pct(xs, 50).toFixed(1),
        pct(xs, 95).toFixed(1),
        pct(xs, 99).toFixed(1),
        pct(xs, 99) < 150 ? 'met' : 'MISSED',
        p.note,
      ];
    });
    const head = ['phase', 'moves', 'p50 ms', 'p95 ms', 'p99 ms', 'p99 < 150 ms', 'attacker'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
    for (const s of [...honest, ...many, bystander]) s.socket.close();
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
