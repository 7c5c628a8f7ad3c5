/**
 * Bot seats on the server (issue 3, "Bots take empty seats"): the engine's policies play the
 * seats listed in `setupData.bots` through the master, with or without anyone connected.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { FACTIONS, type MatchState } from '../../game/index.ts';
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
} from './helpers.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  vi.restoreAllMocks();
});

describe('bots on the server', () => {
  it('bots finish a match with no humans, and its record replays to the same state', async () => {
    const s = await ours();
    cleanup.push(() => s.close());
    const id = await createMatch(s.url, {
      scenarioId: 'senkaku-gray-zone',
      bots: { japan: 'baseline', us: 'forward-denial', china: 'aggressive', taiwan: 'baseline' },
    });
    const match = await until(
      async () => {
        const r = await http<{ gameover?: { outcome: { category: string } } }>(
          `${s.url}/games/${GAME}/${id}`,
        );
        return r.json.gameover ? r.json : undefined;
      },
      30_000,
      'the bot match to end',
    );
    expect(match.gameover!.outcome.category).toBeTruthy();
    const G = (await s.storage.fetch(id, { state: true })).state!.G as MatchState;
    expect(G.stage).toBe('ended');
    expect(G.history.length).toBeGreaterThan(0);
    const record = await http<{ verified: boolean; record: { actions: unknown[] } }>(
      `${s.url}/games/${GAME}/${id}/record`,
    );
    expect(record.json.verified).toBe(true);
    // Bot seats are taken at creation: no one can join them.
    const join = await http(`${s.url}/games/${GAME}/${id}/join`, { playerID: '2', playerName: 'intruder' });
    expect(join.status).toBe(409);
  });

  it('bots plan at once, answer a human partner, and commit after the human seats have', async () => {
    const s = await ours();
    cleanup.push(() => s.close());
    const id = await createMatch(s.url, {
      scenarioId: 'takaichi-2025',
      bots: { us: 'baseline', china: 'opportunist', taiwan: 'baseline' },
    });
    const creds = await joinSeat(s.url, id, PLAYER_OF_SEAT.japan, 'Japan');
    const japan: SocketClient = socketClient(s.url, id, PLAYER_OF_SEAT.japan, creds);
    cleanup.push(() => japan.stop());
    const stored = async () => (await s.storage.fetch(id, { state: true })).state!.G as MatchState;
    // The bots plan round 1 straight away but wait for Japan.
    await until(
      async () => (await s.storage.getServerValue<{ planned: string[] }>(id, 'bots'))?.planned.length === 3,
      10_000,
      'bot plans',
    );
    await until(() => viewOf(japan)?.round === 1, 5000, 'sync');
    const before = await stored();
    expect(FACTIONS.filter((f) => before.pending[f].committed)).toEqual([]);
    expect(before.pending.china.orders.length).toBeGreaterThan(0);

    // Japan proposes shared ISR to the US bot, which answers it.
    move(japan, 'propose', { kind: 'shared-isr' });
    const answered = await until(
      async () => {
        const p = (await stored()).proposals.find((x) => x.by === 'japan' && x.kind === 'shared-isr');
        return p && p.status !== 'open' ? p : undefined;
      },
      5000,
      'the US bot to answer',
    );
    expect(['accepted', 'refused']).toContain(answered.status);
    expect(FACTIONS.filter((f) => viewOf(japan)!.pending[f].committed)).toEqual([]);

    move(japan, 'commit');
    await until(() => viewOf(japan)?.round === 2, 10_000, 'round 2');
    const after = await stored();
    expect(after.history.map((h) => h.round)).toEqual([1]);
    // Round 2: planned again, waiting for Japan again.
    await until(
      async () => (await s.storage.getServerValue<{ round: number }>(id, 'bots'))?.round === 2,
      5000,
      'round 2 plans',
    );
    expect(FACTIONS.filter((f) => after.pending[f].committed)).toEqual([]);
  });
});
