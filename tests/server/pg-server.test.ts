/**
 * The server on PostgreSQL (issue 11): `startServer({ databaseUrl })` on a database of its own;
 * humans play through real sockets beside two bot seats and the White Cell, the server stops,
 * a new one starts on the same database, the match goes on to its end, and its record (rebuilt
 * from the log in PostgreSQL) verifies. Skipped without a PostgreSQL server (failed under CI=true).
 */
import { afterEach, expect, it } from 'vitest';
import { PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { legalOrders, type MatchState, type Order } from '../../game/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import {
  createMatch,
  GAME,
  http,
  joinSeat,
  move,
  ours,
  type SocketClient,
  socketClient,
  until,
  viewOf,
  withPostgres,
} from './helpers.ts';

const SCENARIO = 'takaichi-2025';
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

await withPostgres('the server on PostgreSQL', (db) => {
  it('plays moves through sockets, survives a restart on the same database, and its record verifies', async () => {
    const first = await ours({ databaseUrl: db.url });
    cleanup.push(() => first.close());
    expect(first.storage.description).toBe(`PostgreSQL ${db.url}`);
    const url = first.url;
    const id = await createMatch(
      url,
      { scenarioId: SCENARIO, white: true, bots: { china: 'aggressive', taiwan: 'baseline' } },
      5,
    );
    const creds = {
      japan: await joinSeat(url, id, PLAYER_OF_SEAT.japan, 'japan'),
      us: await joinSeat(url, id, PLAYER_OF_SEAT.us, 'us'),
      white: await joinSeat(url, id, PLAYER_OF_SEAT.white, 'white'),
    };
    const connect = (base: string, seat: keyof typeof creds): SocketClient => {
      const c = socketClient(base, id, PLAYER_OF_SEAT[seat], creds[seat], 5);
      cleanup.push(() => c.stop());
      return c;
    };
    const japan = connect(url, 'japan');
    const us = connect(url, 'us');
    const white = connect(url, 'white');
    await until(
      () => [japan, us, white].every((c) => viewOf(c)?.round === 1),
      10_000,
      'every client to sync',
    );

    // The bots plan round 1 at once; a move sent meanwhile could meet a newer state and be refused.
    const planned = async (round: number) => {
      const progress = await first.storage.getServerValue<{ round: number; planned: string[] }>(id, 'bots');
      return progress?.round === round && progress.planned.length === 2;
    };
    await until(() => planned(1), 10_000, 'the bots to plan round 1');
    const current = (await first.storage.fetch(id, { state: true })).state!._stateID;
    await until(() => japan.getState()?._stateID === current, 10_000, 'Japan to see the bots’ plans');

    // Round 1: Japan orders and commits, the US commits, the bots commit after them, White advances.
    const order: Order = legalOrders(
      viewOf(japan) as unknown as MatchState,
      getScenario(SCENARIO)!,
      'japan',
    ).find((o) => o.type === 'fund' || o.type === 'move')!;
    move(japan, 'order', { order });
    await until(() => viewOf(japan)!.pending.japan.orders.length === 1, 5000, "Japan's order");
    move(japan, 'commit');
    move(us, 'commit');
    await until(
      () => (['japan', 'us', 'china', 'taiwan'] as const).every((f) => viewOf(white)!.pending[f].committed),
      10_000,
      'every faction to commit',
    );
    move(white, 'advance');
    await until(() => viewOf(white)?.round === 2, 10_000, 'round 2');
    const seen = white.getState()!._stateID;
    // The bots plan round 2 at once (and then wait for the humans to commit).
    await until(() => planned(2), 10_000, 'the bots to plan round 2');
    await first.close();

    // A new server on the same database finds the match as it was and plays on.
    const second = await ours({ databaseUrl: db.url });
    cleanup.push(() => second.close());
    const stored = await second.storage.fetch(id, { state: true, log: true });
    const stateID = stored.state!._stateID;
    expect(stateID).toBeGreaterThanOrEqual(seen);
    expect((stored.state!.G as MatchState).round).toBe(2);
    expect((stored.state!.G as MatchState).history.map((h) => h.round)).toEqual([1]);
    const japanese = stored.log.filter((e) => e.action.payload.playerID === PLAYER_OF_SEAT.japan);
    expect(japanese.map((e) => [e.action.payload.type, e.action.payload.args])).toEqual([
      ['order', [{ order }]],
      ['commit', []],
    ]);
    const white2 = connect(second.url, 'white');
    const japan2 = connect(second.url, 'japan');
    await until(() => viewOf(white2)?.round === 2 && viewOf(japan2), 10_000, 'the clients to sync again');
    expect(white2.getState()!._stateID).toBe(stateID);
    move(japan2, 'commit');
    await until(() => viewOf(white2)!.pending.japan.committed, 5000, "Japan's commit");
    move(white2, 'end', { reason: 'the seminar is over' });
    await until(
      async () => (await second.storage.fetch(id, { state: true })).state?.ctx.gameover,
      10_000,
      'the match to end',
    );
    const record = await http<{ verified: boolean; record: { actions: { type: string }[] } }>(
      `${second.url}/games/${GAME}/${id}/record`,
    );
    expect(record.status).toBe(200);
    expect(record.json.verified).toBe(true);
    expect(record.json.record.actions.map((a) => a.type)).toContain('order');
    expect(record.json.record.actions.at(-1)!.type).toBe('end');
    expect(await second.storage.countOpen()).toBe(0);
  });
});
