/**
 * Several instances (issue 11): two server processes on one PostgreSQL database and one Redis,
 * each under a key prefix of its own test (deleted after it).
 *
 * - Behind a proxy (`--trust-proxy`, one process) the create limit and the socket address bucket
 *   count the address the proxy forwarded.
 * - A seat taken over through one instance leaves its sockets on the other (they are told, and
 *   get no more of the seat's view); the create rate limit is counted across the two:
 *   creations on either use the address's one allowance.
 * - Seats connected to different instances play a round: a move made on one instance reaches
 *   the seats on the other, each with its own view only (a raw socket on the other instance
 *   never receives the seed or Japan's sealed order). The lease holder (which runs the bots and
 *   the planning timer) follows moves made on the other instance: the bots commit after the
 *   last human committed there, and the timer White Cell set there runs on the holder.
 * - The holder is killed with SIGKILL mid-match (round 2, the bots planned, the countdown
 *   running); the other instance takes the lease over after it expires, its timer makes
 *   `timerExpired` at the stored deadline, its bots plan the next round, White Cell ends the
 *   match there; every action stored before the kill is in the record, which verifies.
 *
 * Needs PostgreSQL and Redis (skipped without them, failed under CI=true). The servers are
 * spawned as `node --import tsx server/main.ts`, so the kill is a real SIGKILL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { FACTIONS, legalOrders, type MatchState, type MatchView, type Order } from '../../game/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import { startServer } from '../../server/main.ts';
import { PostgresStorage } from '../../server/pgStorage.ts';
import { DEFAULT_FLOOD_LIMITS } from '../../server/protocol.ts';
import type { TimerRecord } from '../../server/timer.ts';
import { REFUSED_EVENT, SEAT_EVENT } from '../../server/transport.ts';
import {
  createMatch,
  deleteRedisKeys,
  freePort,
  GAME,
  http,
  joinSeat,
  move,
  ours,
  rawSocket,
  redisClient,
  redisTestPrefix,
  type SocketClient,
  socketClient,
  tempDir,
  until,
  viewOf,
  withPostgresAndRedis,
} from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO = 'takaichi-2025';
/** Short leases, so that a killed holder's are taken over within seconds. */
const LEASE_MS = 1500;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  // Every clean-up runs, whatever an earlier one threw (a client stopped twice, say).
  for (const f of cleanup.splice(0).reverse())
    await Promise.resolve()
      .then(f)
      .catch(() => undefined);
});

interface Instance {
  readonly url: string;
  readonly child: ChildProcess;
  /** The instance id it logged (the value of the leases it holds). */
  readonly id: string;
  output(): string;
}

/** One server process on the database and Redis; resolves once the lobby answers. */
async function instance(dbUrl: string, redisUrl: string, prefix: string, extra: string[] = []) {
  const port = await freePort();
  const { dir, remove } = tempDir();
  cleanup.push(remove);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dir,
      '--database-url',
      dbUrl,
      '--redis-url',
      redisUrl,
      '--redis-prefix',
      prefix,
      '--lease-ms',
      String(LEASE_MS),
      ...extra,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  cleanup.push(() => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      try {
        return (await http(`${url}/games`)).status === 200;
      } catch {
        return false;
      }
    },
    60_000,
    'the server process to listen',
  );
  const id = /this one (\S+),/.exec(out)?.[1];
  if (!id) throw new Error(`no instance id in the log: ${out}`);
  return { url, child, id, output: () => out } satisfies Instance;
}

/** Two instances under a key prefix of their own, deleted after the test. */
async function pair(
  dbUrl: string,
  redisUrl: string,
  extra: string[] = [],
): Promise<[Instance, Instance, string]> {
  const prefix = redisTestPrefix();
  cleanup.push(() => deleteRedisKeys(prefix, redisUrl));
  const [a, b] = await Promise.all([
    instance(dbUrl, redisUrl, prefix, extra),
    instance(dbUrl, redisUrl, prefix, extra),
  ]);
  return [a, b, prefix];
}

describe('several instances: options', () => {
  it('--trust-proxy: the create limit and the socket address bucket count the address the proxy forwarded', async () => {
    const s = await ours({
      trustProxy: true,
      createPerMinute: 1,
      floodLimits: { ...DEFAULT_FLOOD_LIMITS, addressBurst: 3, addressPerSecond: 0.01 },
    });
    cleanup.push(() => s.close());
    const create = async (forwarded: string) =>
      (
        await fetch(`${s.url}/games/${GAME}/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
          body: JSON.stringify({ numPlayers: 4, setupData: { scenarioId: SCENARIO } }),
        })
      ).status;
    expect(await create('203.0.113.5')).toBe(200);
    expect(await create('203.0.113.5')).toBe(429);
    // What the client wrote before the proxy's entry changes nothing: the last entry counts.
    expect(await create('198.51.100.7, 203.0.113.5')).toBe(429);
    expect(await create('203.0.113.6')).toBe(200);

    // Sockets: one bucket per forwarded address.
    const socketFrom = async (forwarded: string) => {
      const socket = io(`${s.url}/${GAME}`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { 'x-forwarded-for': forwarded },
      });
      cleanup.push(() => socket.close());
      const reasons: string[] = [];
      socket.on(REFUSED_EVENT, (r: { reason: string }) => reasons.push(r.reason));
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      return { socket, reasons };
    };
    const a = await socketFrom('203.0.113.5');
    for (let i = 0; i < 4; i++) a.socket.emit('chat', 'x');
    await until(() => a.reasons.length === 4, 5000, 'four answers');
    expect(a.reasons.slice(0, 3).every((r) => /not a message this server takes/.test(r))).toBe(true);
    expect(a.reasons[3]).toMatch(/too many messages/);
    const b = await socketFrom('203.0.113.6');
    b.socket.emit('chat', 'x');
    await until(() => b.reasons.length === 1, 5000, 'an answer');
    expect(b.reasons[0]).toMatch(/not a message this server takes/);
  });

  it('--redis-url without a PostgreSQL --database-url is a startup error', async () => {
    const { dir, remove } = tempDir();
    cleanup.push(remove);
    await expect(
      startServer({ port: 0, dataDir: dir, quiet: true, redisUrl: 'redis://127.0.0.1:6379' }),
    ).rejects.toThrow(
      /--redis-url needs a PostgreSQL --database-url: several instances cannot share an SQLite file/,
    );
  });
});

await withPostgresAndRedis('several instances on one database and Redis', (db, redisUrl) => {
  it('an unreachable Redis is a startup error naming host and port', async () => {
    const port = await freePort();
    const { dir, remove } = tempDir();
    cleanup.push(remove);
    await expect(
      startServer({
        port: 0,
        dataDir: dir,
        quiet: true,
        databaseUrl: db.url,
        redisUrl: `redis://127.0.0.1:${port}`,
      }),
    ).rejects.toThrow(`cannot reach Redis at 127.0.0.1:${port}`);
  });

  it('a seat taken over on one instance leaves its sockets on the other; the create limit counts both instances', async () => {
    const [a, b] = await pair(db.url, redisUrl, ['--creates-per-minute', '3', '--max-open-matches', '1000']);
    const created = await http<{ matchID: string; seatKeys: Record<string, string> }>(
      `${a.url}/games/${GAME}/create`,
      {
        numPlayers: 4,
        setupData: { scenarioId: SCENARIO },
      },
    );
    expect(created.status).toBe(200);
    const { matchID: id, seatKeys } = created.json;
    const join = (s: Instance, playerID: string, name: string) =>
      http<{ playerCredentials: string }>(`${s.url}/games/${GAME}/${id}/join`, {
        playerID,
        playerName: name,
        seatKey: seatKeys[playerID],
      });
    const synced = async (s: Instance, playerID: string | null, credentials?: string) => {
      const r = await rawSocket(s.url);
      cleanup.push(() => r.close());
      r.socket.emit('sync', id, playerID, credentials, 4);
      await until(() => r.received.some((m) => m.event === 'sync'), 10_000, 'sync');
      return r;
    };
    const first = (await join(a, '0', 'Aiko')).json.playerCredentials;
    const old = await synced(b, '0', first);
    const observer = await synced(b, null);
    // The link opened in another browser, through instance A: B's socket of the seat is told and let go.
    expect((await join(a, '0', 'Aiko (laptop)')).status).toBe(200);
    await until(() => old.received.some((m) => m.event === SEAT_EVENT), 10_000, 'the seat notice on B');
    const us = (await join(a, '1', 'Sam')).json.playerCredentials;
    const mover = await synced(a, '1', us);
    mover.socket.emit(
      'update',
      { type: 'MAKE_MOVE', payload: { type: 'commit', args: [], playerID: '1', credentials: us } },
      0,
      id,
      '1',
    );
    await until(
      () => observer.received.some((m) => m.event === 'update'),
      10_000,
      "the observer on B to see the US's commit",
    );
    expect(old.received.filter((m) => m.event === 'update')).toEqual([]);

    // The create limit: one creation above on A, two more (one on each), then neither instance creates.
    await createMatch(b.url, { scenarioId: SCENARIO });
    await createMatch(a.url, { scenarioId: SCENARIO });
    // A alone has counted two and B one: only the shared count is at the limit.
    for (const s of [a, b]) {
      const r = await http(`${s.url}/games/${GAME}/create`, {
        numPlayers: 4,
        setupData: { scenarioId: SCENARIO },
      });
      expect(r.status).toBe(429);
      expect(r.text).toMatch(/at most 3 a minute/);
    }
  }, 90_000);

  it('creations arriving at two instances together never pass the shared open-match cap', async () => {
    const store = new PostgresStorage(db.url);
    cleanup.push(() => store.close());
    await store.connect();
    const before = await store.countOpen();
    const [a, b] = await pair(db.url, redisUrl, [
      '--creates-per-minute',
      '1000',
      '--max-open-matches',
      String(before + 3),
    ]);
    const body = { numPlayers: 4, setupData: { scenarioId: SCENARIO } };
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_x, i) => http(`${(i % 2 ? a : b).url}/games/${GAME}/create`, body)),
    );
    expect(burst.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(9);
    expect(refused.every((r) => r.text.includes(`its limit is ${before + 3}`))).toBe(true);
    expect(await store.countOpen()).toBe(before + 3);
  }, 90_000);

  it('seats on two instances play; the lease holder killed mid-match, the other finishes it and the record verifies', async () => {
    const [a, b, prefix] = await pair(db.url, redisUrl);
    const store = new PostgresStorage(db.url);
    cleanup.push(() => store.close());
    const redis = redisClient(redisUrl);
    await redis.connect();
    cleanup.push(() => redis.disconnect());

    const seed = `multi-instance-${Date.now()}-secret`;
    const id = await createMatch(
      a.url,
      { scenarioId: SCENARIO, seed, white: true, bots: { china: 'aggressive', taiwan: 'baseline' } },
      5,
    );
    // The lease of the match's bots: taken by the instance that created it (or, in a race, by the
    // other's sweep). Japan plays on the holder; the US and White Cell on the other instance.
    const leaseKey = `${prefix}lease:${id}`;
    const holderID = await until(() => redis.get(leaseKey).then((v) => v ?? undefined), 5000, 'the lease');
    const [holder, other] = holderID === a.id ? [a, b] : [b, a];
    expect(holder.id).toBe(holderID);

    const creds = {
      japan: await joinSeat(holder.url, id, PLAYER_OF_SEAT.japan, 'japan'),
      us: await joinSeat(other.url, id, PLAYER_OF_SEAT.us, 'us'),
      white: await joinSeat(other.url, id, PLAYER_OF_SEAT.white, 'white'),
    };
    const connect = (s: Instance, seat: keyof typeof creds): SocketClient => {
      const c = socketClient(s.url, id, PLAYER_OF_SEAT[seat], creds[seat], 5);
      cleanup.push(() => c.stop());
      return c;
    };
    let japan = connect(holder, 'japan');
    const us = connect(other, 'us');
    const white = connect(other, 'white');
    // Every frame the US seat's socket on the other instance receives.
    const watcher = await rawSocket(other.url);
    cleanup.push(() => watcher.close());
    watcher.socket.emit('sync', id, PLAYER_OF_SEAT.us, creds.us, 5);
    await until(
      () => [japan, us, white].every((c) => viewOf(c)?.round === 1),
      15_000,
      'every client to sync',
    );

    const planned = async (round: number) => {
      const p = await store.getServerValue<{ round: number; planned: string[] }>(id, 'bots');
      return p?.round === round && p.planned.length === 2;
    };
    await until(() => planned(1), 15_000, 'the bots to plan round 1');
    const stored = async () => (await store.fetch(id, { state: true })).state!;
    const current = (await stored())._stateID;
    await until(() => japan.getState()?._stateID === current, 10_000, 'Japan to see the bots’ plans');

    // Japan (on the holder) orders and commits; the US on the other instance sees it, without the order.
    const order: Order = legalOrders(
      viewOf(japan) as unknown as MatchState,
      getScenario(SCENARIO)!,
      'japan',
    ).find((o) => o.type === 'fund' || o.type === 'move')!;
    move(japan, 'order', { order });
    await until(() => viewOf(japan)!.pending.japan.orders.length === 1, 5000, "Japan's order");
    move(japan, 'commit');
    await until(
      () => viewOf(us)?.pending.japan.committed,
      10_000,
      "the US (other instance) to see Japan's commit",
    );
    expect(viewOf(us)!.pending.japan.orders).toEqual([]);
    expect(viewOf(white)!.pending.japan.orders).toEqual([order]);

    // The US, the last human faction, commits on the other instance: the bots, on the holder, commit after it.
    move(us, 'commit');
    await until(
      () => FACTIONS.every((f) => viewOf(white)!.pending[f].committed),
      15_000,
      'the bots (on the holder) to commit after the US (on the other instance)',
    );

    // White Cell sets the planning timer on the other instance; the holder runs it (and stores it).
    const timer = async (s: Instance) =>
      (await http<{ timer: TimerRecord | null }>(`${s.url}/games/${GAME}/${id}/timer`)).json.timer;
    move(white, 'setTimer', { seconds: 10 });
    await until(async () => (await timer(other))?.deadline, 10_000, 'the timer, run by the holder');
    move(white, 'advance');
    await until(() => viewOf(white)?.round === 2 && viewOf(us)?.round === 2, 15_000, 'round 2');
    const round2 = await until(
      async () => {
        const t = await timer(other);
        return t?.round === 2 && t.deadline ? t : undefined;
      },
      10_000,
      'the round 2 countdown',
    );
    await until(() => planned(2), 15_000, 'the bots to plan round 2');

    // What the US seat's socket on the other instance received: its own view, nothing more.
    const frames = watcher.received.filter((m) => m.event === 'update' || m.event === 'sync');
    expect(frames.length).toBeGreaterThan(3);
    expect(watcher.text()).not.toContain(seed);
    expect(watcher.text()).not.toContain(JSON.stringify(order));
    for (const m of frames) {
      const state = (m.event === 'sync' ? (m.args[1] as { state: { G: MatchView } }).state : m.args[1]) as {
        G: MatchView;
      };
      expect(state.G.pending.japan.orders).toEqual([]);
    }

    // The holder dies mid-match.
    const before = (await store.fetch(id, { state: true, log: true })).log!;
    holder.child.kill('SIGKILL');
    await until(() => holder.child.signalCode !== null, 5000, 'the kill');
    japan.stop();
    japan = connect(other, 'japan');
    await until(() => viewOf(japan)?.round === 2, 10_000, 'Japan to sync on the other instance');

    // The other instance takes the lease over after it expires and runs the countdown out.
    await until(
      async () => (await redis.get(leaseKey)) === other.id,
      10_000,
      'the other instance to take the lease',
    );
    await until(() => viewOf(white)!.pending.japan.committed, 20_000, 'the round 2 timer to run out');
    expect(Date.now()).toBeGreaterThanOrEqual(round2.deadline! - 50);
    expect(viewOf(white)!.log.some((e) => /planning timer ran out: Japan commits/.test(e.text))).toBe(true);
    expect(other.output()).toMatch(/round 2 planning timer \(10 s\) ran out/);

    // Its bots play round 3; White Cell ends the match there.
    move(white, 'advance');
    await until(() => viewOf(white)?.round === 3, 15_000, 'round 3');
    await until(() => planned(3), 15_000, 'the bots (now on the other instance) to plan round 3');
    await until(async () => (await timer(other))?.round === 3, 10_000, 'the round 3 countdown');
    move(white, 'end', { reason: 'the seminar is over' });
    await until(async () => (await stored()).ctx.gameover, 10_000, 'the match to end');

    const after = (await store.fetch(id, { state: true, log: true })).log!;
    expect(after.slice(0, before.length)).toEqual(before);
    const record = await http<{ verified: boolean; record: { seed: string; actions: { type: string }[] } }>(
      `${other.url}/games/${GAME}/${id}/record`,
    );
    expect(record.status).toBe(200);
    expect(record.json.verified).toBe(true);
    expect(record.json.record.seed).toBe(seed);
    const types = record.json.record.actions.map((a) => a.type);
    expect(types).toContain('order');
    expect(types).toContain('set-timer');
    expect(types).toContain('timer-expired');
    expect(types.at(-1)).toBe('end');
    // The lease of a finished match is given back.
    await until(async () => (await redis.get(leaseKey)) === null, 10_000, 'the lease to be released');
  }, 110_000);
});
