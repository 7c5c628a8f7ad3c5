/**
 * Persistence (issues 3 and 11): the server runs as its own process; four players play into
 * round 2 and two of them commit; the process is killed with SIGKILL and started again on the
 * same data directory — SQLite with `synchronous=NORMAL`, then PostgreSQL (`--database-url`, a
 * database of its own; skipped without a server, failed under CI=true). The clients reconnect by
 * themselves, find the match exactly as it was (round, commits, Japan's sealed order) and finish
 * the round.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { FACTIONS, type Faction, legalOrders, type MatchState, type Order } from '../../game/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import {
  createMatch,
  freePort,
  GAME,
  http,
  joinSeat,
  move,
  type SocketClient,
  socketClient,
  tempDir,
  until,
  viewOf,
  withPostgres,
} from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO = 'takaichi-2025';
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** `node --import tsx server/main.ts` on `port` and `dataDir`; resolves once the lobby answers. */
async function serverProcess(
  port: number,
  dataDir: string,
  args: readonly string[],
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--host',
      '127.0.0.1',
      ...args,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  cleanup.push(() => child.kill('SIGKILL'));
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      try {
        return (await http(`http://127.0.0.1:${port}/games`)).status === 200;
      } catch {
        return false;
      }
    },
    30_000,
    'the server process to listen',
  );
  return { child, output: () => out };
}

/** The match played, the server killed and started again with `args`; see the header. */
async function survivesKill(args: readonly string[] = []): Promise<string> {
  const { dir, remove } = tempDir();
  cleanup.push(remove);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const first = await serverProcess(port, dir, args);

  const id = await createMatch(url, { scenarioId: SCENARIO });
  const clients = {} as Record<Faction, SocketClient>;
  const creds = {} as Record<Faction, string>;
  for (const f of FACTIONS) {
    creds[f] = await joinSeat(url, id, PLAYER_OF_SEAT[f], f);
    clients[f] = socketClient(url, id, PLAYER_OF_SEAT[f], creds[f]);
    cleanup.push(() => clients[f].stop());
  }
  const view = (f: Faction) => viewOf(clients[f]);
  await until(() => FACTIONS.every((f) => view(f)?.round === 1), 10_000, 'every client to sync');

  // Round 1: everyone commits.
  for (const f of FACTIONS) move(clients[f], 'commit');
  await until(() => FACTIONS.every((f) => view(f)?.round === 2), 10_000, 'round 2');

  // Round 2: Japan orders and commits, the US commits; China and Taiwan have not.
  const japanView = view('japan')!;
  const order: Order = legalOrders(japanView as unknown as MatchState, getScenario(SCENARIO)!, 'japan').find(
    (o) => o.type === 'fund' || o.type === 'move',
  )!;
  move(clients.japan, 'order', { order });
  await until(() => view('japan')!.pending.japan.orders.length === 1, 5000, "Japan's order");
  move(clients.japan, 'commit');
  move(clients.us, 'commit');
  await until(
    () => FACTIONS.every((f) => view(f)!.pending.japan.committed && view(f)!.pending.us.committed),
    5000,
    'the commits',
  );
  const stateID = clients.china.getState()!._stateID;
  const round2 = view('china')!;

  first.child.kill('SIGKILL');
  await until(() => first.child.exitCode !== null || first.child.signalCode !== null, 5000, 'the kill');
  await until(
    () => FACTIONS.every((f) => !clients[f].getState()?.isConnected),
    10_000,
    'the clients to notice',
  );

  const second = await serverProcess(port, dir, args);
  // New clients, which hold nothing from before, get the state as it was from the new process.
  const fresh = {
    china: socketClient(url, id, PLAYER_OF_SEAT.china, creds.china),
    japan: socketClient(url, id, PLAYER_OF_SEAT.japan, creds.japan),
  };
  cleanup.push(
    () => fresh.china.stop(),
    () => fresh.japan.stop(),
  );
  await until(() => viewOf(fresh.china) && viewOf(fresh.japan), 10_000, 'fresh clients to sync');
  expect(fresh.china.getState()!._stateID).toBe(stateID);
  const after = viewOf(fresh.china)!;
  expect(after.round).toBe(2);
  expect(after.pending).toEqual(round2.pending);
  expect(after.history).toEqual(round2.history);
  expect(viewOf(fresh.japan)!.pending.japan).toEqual({ orders: [order], committed: true });
  // The old clients reconnect on their own and play on.
  await until(
    () => FACTIONS.every((f) => clients[f].getState()?.isConnected),
    20_000,
    'the clients to reconnect',
  );
  move(clients.china, 'commit');
  move(clients.taiwan, 'commit');
  await until(() => FACTIONS.every((f) => view(f)?.round === 3), 10_000, 'round 3');
  expect(view('japan')!.history.map((h) => h.round)).toEqual([1, 2]);
  const lobby = await http<{ players: { name?: string }[] }>(`${url}/games/${GAME}/${id}`);
  expect(lobby.json.players.map((p) => p.name)).toEqual([...FACTIONS]);
  expect(second.output()).toMatch(/round 2 adjudicated/);
  return second.output();
}

const KILLED =
  'a match survives kill -9: same round, same commits, same sealed order; the clients finish the round';

describe('persistence on SQLite', () => {
  it(KILLED, async () => {
    expect(await survivesKill()).toMatch(/storage: SQLite .*island-chain\.sqlite/);
  });
});

await withPostgres('persistence on PostgreSQL', (db) => {
  it(KILLED, async () => {
    expect(await survivesKill(['--database-url', db.url])).toMatch(/storage: PostgreSQL postgres:/);
  });
});
