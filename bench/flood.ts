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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFUSED_EVENT } from '../server/transport.ts';
import { GAME, pct, post, type Seat, seat, sleep, startServer, stopServer, table } from './net.ts';

const MATCHES = Number(process.env.FLOOD_MATCHES ?? 20);
const THINK_MS = Number(process.env.FLOOD_THINK_MS ?? 250);
const PHASE_MS = Number(process.env.FLOOD_PHASE_MS ?? 4000);
const FLOOD = 2000;

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
        s.updates.off('update', done);
        s.socket.off(REFUSED_EVENT, done);
        resolve();
      };
      s.updates.on('update', done);
      s.socket.on(REFUSED_EVENT, done);
    });
    s.socket.emit('update', moveFrame(s, i), 0, s.matchID, '0');
    await answered;
    rtts.push({ t: start, ms: performance.now() - start });
    await sleep(THINK_MS);
  }
}

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
    const bystander = await seat('127.0.0.8', port, target, null, undefined, true);

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
    table(head, rows);
    for (const s of [...honest, ...many, bystander]) s.socket.close();
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
