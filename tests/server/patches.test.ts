/**
 * States as patches (issue 11, "A fast server path"; server/transport.ts `deliver`,
 * server/jsonPatch.ts): after its sync, a seat's socket is sent each new state as a JSON Patch
 * against the view it holds, far smaller than the view; the view the patches build is exactly
 * the seat's view of the stored state (what it must see, and nothing fog hides), also for a
 * socket synced to a state its seat was never sent; boardgame.io's own client, fed patches,
 * holds the same view as the server cuts.
 */
import type { State } from 'boardgame.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { type MatchState, viewFor } from '../../game/index.ts';
import {
  GAME,
  http,
  joinSeat,
  ours,
  type RawSocket,
  seatedSocket,
  socketClient,
  until,
  viewOf,
} from './helpers.ts';

type Ours = Awaited<ReturnType<typeof ours>>;
let s: Ours;
const open: { close(): void }[] = [];

beforeAll(async () => {
  s = await ours();
});
afterAll(async () => {
  for (const r of open) r.close();
  await s?.close();
});

async function newMatch(bots: Record<string, string> = {}): Promise<string> {
  const r = await http<{ matchID: string }>(`${s.url}/games/${GAME}/create`, {
    numPlayers: 4,
    setupData: { scenarioId: 'takaichi-2025', bots },
  });
  expect(r.status).toBe(200);
  return r.json.matchID;
}

const seated = (id: string, playerID: string | null, credentials?: string): Promise<RawSocket> =>
  seatedSocket(s.url, open, id, playerID, credentials, 4);

const move = (
  r: RawSocket,
  id: string,
  playerID: string,
  credentials: string,
  type: string,
  args: unknown[],
) =>
  r.socket.emit(
    'update',
    { type: 'MAKE_MOVE', payload: { type, args, playerID, credentials } },
    0,
    id,
    playerID,
  );

const states = (r: RawSocket) => r.received.filter((m) => m.event === 'update');
const stored = async (id: string) => (await s.storage.fetch(id, { state: true })).state as State<MatchState>;

describe('states sent as patches', () => {
  it('a synced seat gets each move as a patch that builds its view of the stored state, and nothing more', async () => {
    const id = await newMatch();
    const japan = PLAYER_OF_SEAT.japan;
    const china = PLAYER_OF_SEAT.china;
    const jc = await joinSeat(s.url, id, japan);
    const cc = await joinSeat(s.url, id, china);
    const j = await seated(id, japan, jc);
    const c = await seated(id, china, cc);
    const watcher = await seated(id, null);
    const order = { type: 'gray-zone', action: 'patrol', zone: 'senkaku' };
    move(c, id, china, cc, 'order', [{ order }]);
    await until(() => states(j).length >= 1 && states(watcher).length >= 1, 5000, 'the order');
    move(j, id, japan, jc, 'commit', []);
    await until(() => states(j).length >= 2 && states(c).length >= 2, 5000, 'the commit');
    const state = await stored(id);
    for (const [r, seat] of [
      [j, 'japan'],
      [c, 'china'],
      [watcher, 'observer'],
    ] as const) {
      const got = states(r);
      // Every state after the sync came as a patch, each smaller than a tenth of the whole view.
      expect(got.every((m) => m.patch !== undefined)).toBe(true);
      const last = got.at(-1)!.args[1] as State<MatchState>;
      expect(last._stateID).toBe(state._stateID);
      // The state built from patches is the seat's view of the stored state, exactly.
      expect(JSON.parse(JSON.stringify(last.G))).toEqual(
        JSON.parse(JSON.stringify(viewFor(state.G, seat as 'japan' | 'china' | 'observer'))),
      );
      for (const m of got)
        expect(JSON.stringify(m.patch).length).toBeLessThan(JSON.stringify(m.args[1]).length / 10);
    }
    // China's order is China's alone: Japan and the observer see it pending in no patch.
    expect(JSON.stringify(states(j).map((m) => m.patch))).not.toContain('"patrol"');
    expect(JSON.stringify(states(watcher).map((m) => m.patch))).not.toContain('"patrol"');
    expect(JSON.stringify(states(c).map((m) => m.patch))).toContain('"patrol"');
  });

  it('a socket synced after states the seat was not sent gets patches against its sync', async () => {
    const id = await newMatch();
    const japan = PLAYER_OF_SEAT.japan;
    const china = PLAYER_OF_SEAT.china;
    const jc = await joinSeat(s.url, id, japan);
    const cc = await joinSeat(s.url, id, china);
    const c = await seated(id, china, cc);
    // A state no socket of Japan's seat is sent; Japan then syncs to it, and China moves on.
    const patrol = { order: { type: 'gray-zone', action: 'patrol', zone: 'senkaku' } };
    move(c, id, china, cc, 'order', [patrol]);
    await until(() => states(c).length >= 1, 5000, "China's order");
    const j = await seated(id, japan, jc);
    move(c, id, china, cc, 'withdraw', [{ index: 0 }]);
    await until(() => states(j).length >= 1, 5000, 'the withdrawal');
    move(c, id, china, cc, 'order', [patrol]);
    await until(() => states(j).length >= 2, 5000, 'the second order');
    expect(states(j).every((m) => m.patch !== undefined)).toBe(true);
    const state = await stored(id);
    expect(JSON.parse(JSON.stringify((states(j)[1]!.args[1] as State<MatchState>).G))).toEqual(
      JSON.parse(JSON.stringify(viewFor(state.G, 'japan'))),
    );
  });

  it("boardgame.io's own client, fed patches, holds the view the server cuts", async () => {
    const id = await newMatch({ china: 'cautious', taiwan: 'baseline' });
    const japan = PLAYER_OF_SEAT.japan;
    const us = PLAYER_OF_SEAT.us;
    const jc = await joinSeat(s.url, id, japan);
    const uc = await joinSeat(s.url, id, us);
    const jClient = socketClient(s.url, id, japan, jc);
    const uClient = socketClient(s.url, id, us, uc);
    open.push({ close: () => jClient.stop() }, { close: () => uClient.stop() });
    await until(() => viewOf(jClient) && viewOf(uClient), 5000, 'both synced');
    jClient.moves.order!({ order: { type: 'invest-command' } });
    jClient.moves.commit!();
    uClient.moves.commit!();
    const round2 = () => viewOf(jClient)?.round === 2 && viewOf(uClient)?.round === 2;
    await until(round2, 10_000, 'round 2 on both clients');
    // The bots may move on meanwhile: compare once both clients hold the stored state.
    let state = await stored(id);
    await until(
      async () => {
        state = await stored(id);
        return (
          jClient.getState()?._stateID === state._stateID && uClient.getState()?._stateID === state._stateID
        );
      },
      10_000,
      'both clients at the stored state',
    );
    expect(JSON.parse(JSON.stringify(viewOf(jClient)))).toEqual(
      JSON.parse(JSON.stringify(viewFor(state.G, 'japan'))),
    );
    expect(JSON.parse(JSON.stringify(viewOf(uClient)))).toEqual(
      JSON.parse(JSON.stringify(viewFor(state.G, 'us'))),
    );
  });
});
