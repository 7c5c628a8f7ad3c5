/**
 * boardgame.io 0.50.2's holes (issue 3, "Security"): each test shows the hole on plain
 * boardgame.io (its `Server` with InMemory storage and stock socket transport, running the
 * same game) and that our server closes it.
 */
import type { Game, State } from 'boardgame.io';
import { InitializeGame } from 'boardgame.io/internal';
import { describe, expect, it } from 'vitest';
import { makeGame, moveOf, PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { legalOrders, type MatchState, type MatchView } from '../../game/index.ts';
import { getScenario, IslandChainGame } from '../../scenarios/index.ts';
import { REFUSED_EVENT } from '../../server/transport.ts';
import {
  closeAfterEach,
  createMatch,
  GAME,
  http,
  joinSeat,
  ours,
  plain,
  type RawSocket,
  rawSocket,
  until,
} from './helpers.ts';

const SCENARIO = 'takaichi-2025';
const { track, quiet } = closeAfterEach();

/** Our server's stored state of a match (the tests' view of the truth). */
async function storedState(s: Awaited<ReturnType<typeof ours>>, matchID: string): Promise<State | undefined> {
  return (await s.storage.fetch(matchID, { state: true })).state;
}

/** The match seed boardgame.io would draw for a game whose PRNG seed is `t` in base 36 (its default). */
function seedFromTime(t: number): string {
  const G = InitializeGame({
    game: { ...IslandChainGame, seed: t.toString(36).slice(-10) },
    numPlayers: 4,
    setupData: { scenarioId: SCENARIO },
  }).G as MatchState;
  return G.seed;
}

/** Searches creation times near `createdAt` (the lobby shows it) for one that yields `seed`. */
function recoverSeed(createdAt: number, seed: string): number | null {
  for (let d = 0; d <= 60; d++)
    for (const t of [createdAt + d, createdAt - d]) if (seedFromTime(t) === seed) return t;
  return null;
}

const sync = (s: RawSocket, matchID: string, playerID: string | null, credentials?: string) =>
  s.socket.emit('sync', matchID, playerID, credentials, 4);
const update = (
  s: RawSocket,
  matchID: string,
  playerID: string,
  move: string,
  args: unknown[],
  stateID = 0,
  credentials?: string,
) =>
  s.socket.emit(
    'update',
    { type: 'MAKE_MOVE', payload: { type: move, args, playerID, credentials } },
    stateID,
    matchID,
    playerID,
  );
const syncInfo = (s: RawSocket) =>
  s.received.find((m) => m.event === 'sync')?.args[1] as { state: State; initialState?: State } | undefined;

describe('security: the holes of plain boardgame.io, closed', () => {
  it('a: plain boardgame.io seeds a match from its creation time, which the lobby shows; ours uses a secret CSPRNG seed', async () => {
    const p = track(await plain());
    const id = await createMatch(p.url, { scenarioId: SCENARIO });
    const lobby = await http<{ createdAt: number }>(`${p.url}/games/${GAME}/${id}`);
    const actual = (p.db.fetch(id, { state: true }).state!.G as MatchState).seed;
    // Anyone can rebuild the plain server's seed from the lobby's createdAt.
    expect(recoverSeed(lobby.json.createdAt, actual)).not.toBeNull();
    // And a seed the creator gives is served to anyone by the lobby.
    const given = await createMatch(p.url, { scenarioId: SCENARIO, seed: 'creator-secret-seed' });
    expect((await http(`${p.url}/games/${GAME}/${given}`)).text).toContain('creator-secret-seed');
    expect((await http(`${p.url}/games/${GAME}`)).text).toContain('creator-secret-seed');

    const s = track(await ours());
    const mine = await createMatch(s.url, { scenarioId: SCENARIO });
    const ourLobby = await http<{ createdAt: number }>(`${s.url}/games/${GAME}/${mine}`);
    const seed = ((await storedState(s, mine))!.G as MatchState).seed;
    expect(seed).toMatch(/^[0-9a-f]{32}$/);
    expect(recoverSeed(ourLobby.json.createdAt, seed)).toBeNull();
    expect(ourLobby.text).not.toContain(seed);

    // A White Cell match whose factions are all bots: it waits for White to advance or end it.
    const secretMatch = await createMatch(
      s.url,
      {
        scenarioId: 'senkaku-gray-zone',
        seed: 'creator-secret-seed',
        white: true,
        bots: { japan: 'baseline', us: 'baseline', china: 'opportunist', taiwan: 'baseline' },
      },
      5,
    );
    expect(((await storedState(s, secretMatch))!.G as MatchState).seed).toBe('creator-secret-seed');
    for (const path of [
      `/games/${GAME}/${secretMatch}`,
      `/games/${GAME}`,
      `/games/${GAME}/${secretMatch}/record`,
    ])
      expect((await http(`${s.url}${path}`)).text).not.toContain('creator-secret-seed');
    expect((await http(`${s.url}/games/${GAME}/${secretMatch}/record`)).status).toBe(403);
    // Kept secret until the match ends; then its record gives it.
    const white = await joinSeat(s.url, secretMatch, PLAYER_OF_SEAT.white);
    const sock = track(await rawSocket(s.url));
    update(sock, secretMatch, PLAYER_OF_SEAT.white, 'end', [{ reason: 'the seminar is over' }], 0, white);
    await until(async () => (await storedState(s, secretMatch))?.ctx.gameover, 5000, 'the match to end');
    const record = await http<{ record: { seed: string }; verified: boolean }>(
      `${s.url}/games/${GAME}/${secretMatch}/record`,
    );
    expect(record.status).toBe(200);
    expect(record.json.record.seed).toBe('creator-secret-seed');
    expect(record.json.verified).toBe(true);
  });

  it('b: plain boardgame.io sends the unfiltered initialState on sync; ours sends only the seat view', async () => {
    const p = track(await plain());
    const id = await createMatch(p.url, { scenarioId: SCENARIO });
    const creds = await joinSeat(p.url, id, PLAYER_OF_SEAT.china);
    const full = p.db.fetch(id, { state: true }).state!.G as MatchState;
    const china = track(await rawSocket(p.url));
    sync(china, id, PLAYER_OF_SEAT.china, creds);
    const leaked = (await until(() => syncInfo(china), 5000, 'sync')).initialState!;
    expect((leaked.G as MatchState).seed).toBe(full.seed);
    expect(Object.keys((leaked.G as MatchState).units).length).toBe(Object.keys(full.units).length);
    // A spectator, with no credentials at all, gets it too.
    const spectator = track(await rawSocket(p.url));
    sync(spectator, id, null);
    expect((await until(() => syncInfo(spectator), 5000, 'sync')).initialState?.G.seed).toBe(full.seed);

    const s = track(await ours());
    const mine = await createMatch(s.url, { scenarioId: SCENARIO });
    const ourCreds = await joinSeat(s.url, mine, PLAYER_OF_SEAT.china);
    const G = (await storedState(s, mine))!.G as MatchState;
    for (const [seat, credentials] of [
      [PLAYER_OF_SEAT.china, ourCreds],
      [null, undefined],
    ] as const) {
      const sock = track(await rawSocket(s.url));
      sync(sock, mine, seat, credentials);
      const info = await until(() => syncInfo(sock), 5000, 'sync');
      const initial = info.initialState!.G as unknown as MatchView;
      expect(initial.seat).toBe(seat === null ? 'observer' : 'china');
      expect(initial).not.toHaveProperty('seed');
      expect(Object.keys(initial.units).length).toBeLessThan(Object.keys(G.units).length);
      expect(info.initialState!.plugins).toEqual(info.state.plugins);
      expect(sock.text()).not.toContain(G.seed);
    }
  });

  it('c: a bare sync for an unknown match id makes plain boardgame.io create a match open to anyone; ours refuses', async () => {
    quiet();
    // The hole is boardgame.io's master; a game that can be set up without setupData
    // (as boardgame.io's Local transport needs) shows it.
    const p = track(await plain(makeGame(getScenario, { defaults: { scenarioId: SCENARIO } })));
    const stranger = track(await rawSocket(p.url));
    sync(stranger, 'made-up-id', '0');
    await until(() => syncInfo(stranger), 5000, 'sync');
    expect(p.db.fetch('made-up-id', { state: true }).state).toBeDefined();
    update(stranger, 'made-up-id', PLAYER_OF_SEAT.china, 'commit', []);
    await until(
      () =>
        (p.db.fetch('made-up-id', { state: true }).state?.G as MatchState | undefined)?.pending.china
          .committed,
    );

    const s = track(await ours());
    const probe = track(await rawSocket(s.url));
    sync(probe, 'made-up-id', '0');
    sync(probe, 'made-up-id', null);
    update(probe, 'made-up-id', PLAYER_OF_SEAT.china, 'commit', []);
    await until(() => probe.received.filter((m) => m.event === REFUSED_EVENT).length === 3, 5000, 'refusals');
    expect(probe.received.map((m) => m.event)).toEqual([REFUSED_EVENT, REFUSED_EVENT, REFUSED_EVENT]);
    expect(await storedState(s, 'made-up-id')).toBeUndefined();
    expect(await s.storage.listMatches()).toEqual([]);
  });

  it('c: plain boardgame.io takes moves without credentials until someone joins; ours always checks them', async () => {
    quiet();
    const p = track(await plain());
    const id = await createMatch(p.url, { scenarioId: SCENARIO });
    const anyone = track(await rawSocket(p.url));
    update(anyone, id, PLAYER_OF_SEAT.china, 'commit', []);
    await until(
      () => (p.db.fetch(id, { state: true }).state?.G as MatchState | undefined)?.pending.china.committed,
      5000,
      'the forged commit',
    );

    const s = track(await ours());
    const mine = await createMatch(s.url, { scenarioId: SCENARIO });
    const sock = track(await rawSocket(s.url));
    update(sock, mine, PLAYER_OF_SEAT.china, 'commit', []);
    update(sock, mine, PLAYER_OF_SEAT.china, 'commit', [], 0, 'guessed');
    await until(() => sock.received.filter((m) => m.event === REFUSED_EVENT).length === 2, 5000, 'refusals');
    // A seat's own credentials work; another seat's do not.
    const china = await joinSeat(s.url, mine, PLAYER_OF_SEAT.china);
    const japan = await joinSeat(s.url, mine, PLAYER_OF_SEAT.japan);
    update(sock, mine, PLAYER_OF_SEAT.china, 'commit', [], 0, japan);
    await until(() => sock.received.filter((m) => m.event === REFUSED_EVENT).length === 3, 5000, 'refusal');
    expect(((await storedState(s, mine))!.G as MatchState).pending.china.committed).toBe(false);
    update(sock, mine, PLAYER_OF_SEAT.china, 'commit', [], 0, china);
    await until(
      async () => ((await storedState(s, mine))!.G as MatchState).pending.china.committed,
      5000,
      'the commit',
    );
    // A seat's sync without its credentials gets nothing.
    const thief = track(await rawSocket(s.url));
    sync(thief, mine, PLAYER_OF_SEAT.japan, 'guessed');
    await until(() => thief.received.length > 0, 5000, 'an answer');
    expect(thief.received.map((m) => m.event)).toEqual([REFUSED_EVENT]);
  });

  it("f: plain boardgame.io checks one seat's credentials but runs the move as the seat the action names; ours refuses", async () => {
    quiet();
    /** China, with its own credentials, sends Japan's commit: the action's playerID is Japan's. */
    const spoof = (s: RawSocket, matchID: string, chinaCreds: string) =>
      s.socket.emit(
        'update',
        {
          type: 'MAKE_MOVE',
          payload: { type: 'commit', args: [], playerID: PLAYER_OF_SEAT.japan, credentials: chinaCreds },
        },
        0,
        matchID,
        PLAYER_OF_SEAT.china,
      );
    const p = track(await plain());
    const id = await createMatch(p.url, { scenarioId: SCENARIO });
    const pc = await joinSeat(p.url, id, PLAYER_OF_SEAT.china);
    await joinSeat(p.url, id, PLAYER_OF_SEAT.japan);
    const a = track(await rawSocket(p.url));
    spoof(a, id, pc);
    const G = await until(
      () => {
        const g = p.db.fetch(id, { state: true }).state?.G as MatchState | undefined;
        return g?.pending.japan.committed ? g : undefined;
      },
      5000,
      "China's forged Japanese commit",
    );
    expect(G.pending.china.committed).toBe(false);

    const s = track(await ours());
    const mine = await createMatch(s.url, { scenarioId: SCENARIO });
    const cc = await joinSeat(s.url, mine, PLAYER_OF_SEAT.china);
    await joinSeat(s.url, mine, PLAYER_OF_SEAT.japan);
    const b = track(await rawSocket(s.url));
    spoof(b, mine, cc);
    await until(() => b.received.some((m) => m.event === REFUSED_EVENT), 5000, 'the refusal');
    const ourG = (await storedState(s, mine))!.G as MatchState;
    expect(ourG.pending.japan.committed).toBe(false);
    expect((await storedState(s, mine))!._stateID).toBe(0);
  });

  /** Japan orders and commits; returns the order and what China's socket received. */
  async function sealedOrder(url: string, storage: (id: string) => Promise<MatchState>) {
    const id = await createMatch(url, { scenarioId: SCENARIO });
    const jc = await joinSeat(url, id, PLAYER_OF_SEAT.japan);
    const cc = await joinSeat(url, id, PLAYER_OF_SEAT.china);
    const china = track(await rawSocket(url));
    const japan = track(await rawSocket(url));
    sync(china, id, PLAYER_OF_SEAT.china, cc);
    sync(japan, id, PLAYER_OF_SEAT.japan, jc);
    await until(() => syncInfo(china) && syncInfo(japan), 5000, 'sync');
    const G = await storage(id);
    const order = legalOrders(G, getScenario(SCENARIO)!, 'japan').find((o) => o.type === 'move')!;
    const { move, payload } = moveOf({ type: 'order', seat: 'japan', order });
    update(japan, id, PLAYER_OF_SEAT.japan, move, [payload], 0, jc);
    update(japan, id, PLAYER_OF_SEAT.japan, 'commit', [], 1, jc);
    const updates = (s: RawSocket) => s.received.filter((m) => m.event === 'update');
    await until(() => updates(china).length >= 2 && updates(japan).length >= 2, 5000, 'two updates');
    return { order, china, japan, G: await storage(id) };
  }

  it("d: sealed order arguments: a game without redact leaks them to every socket; ours never sends Japan's order to China", async () => {
    // Plain boardgame.io with moves not marked `redact` (its default): China's socket gets the order.
    const unredacted: Game = {
      ...IslandChainGame,
      moves: Object.fromEntries(
        Object.entries(IslandChainGame.moves!).map(([k, m]) => [k, { ...(m as object), redact: false }]),
      ) as Game['moves'],
    };
    const p = track(await plain(unredacted));
    const leak = await sealedOrder(
      p.url,
      async (id) => p.db.fetch(id, { state: true }).state!.G as MatchState,
    );
    expect(leak.china.text()).toContain(JSON.stringify(leak.order));

    const s = track(await ours());
    const { order, china, japan, G } = await sealedOrder(
      s.url,
      async (id) => (await storedState(s, id))!.G as MatchState,
    );
    expect(G.pending.japan.orders).toEqual([order]);
    expect(japan.text()).toContain(JSON.stringify(order));
    expect(china.text()).not.toContain(JSON.stringify(order));
    const entries = china.received
      .filter((m) => m.event === 'update')
      .flatMap((m) => m.args[2] as { action: { payload: { type: string; args: unknown } } }[]);
    const orderEntry = entries.find((e) => e.action.payload.type === 'order');
    expect(orderEntry?.action.payload.args).toBeNull();
    // A later sync (the whole log at once) is redacted the same way.
    const cc = await joinSeat(s.url, (await s.storage.listMatches())[0]!, PLAYER_OF_SEAT.taiwan);
    const taiwan = track(await rawSocket(s.url));
    sync(taiwan, (await s.storage.listMatches())[0]!, PLAYER_OF_SEAT.taiwan, cc);
    await until(() => syncInfo(taiwan), 5000, 'sync');
    expect(taiwan.text()).not.toContain(JSON.stringify(order));
    expect(china.text()).not.toContain(G.seed);
  });

  it('e: plain boardgame.io lets anyone create matches without limit; ours rate-limits per address and caps open matches', async () => {
    const p = track(await plain());
    for (let i = 0; i < 12; i++)
      expect(
        (await http(`${p.url}/games/${GAME}/create`, { numPlayers: 4, setupData: { scenarioId: SCENARIO } }))
          .status,
      ).toBe(200);

    const s = track(await ours({ createPerMinute: 10 }));
    const statuses: number[] = [];
    let refusal = '';
    for (let i = 0; i < 12; i++) {
      const r = await http(`${s.url}/games/${GAME}/create`, {
        numPlayers: 4,
        setupData: { scenarioId: SCENARIO },
      });
      statuses.push(r.status);
      if (r.status === 429) refusal = r.text;
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    expect(refusal).toMatch(/at most 10 a minute/);

    const capped = track(await ours({ createPerMinute: 100, maxOpenMatches: 3 }));
    const body = { numPlayers: 4, setupData: { scenarioId: SCENARIO } };
    for (let i = 0; i < 3; i++)
      expect((await http(`${capped.url}/games/${GAME}/create`, body)).status).toBe(200);
    const full = await http(`${capped.url}/games/${GAME}/create`, body);
    expect(full.status).toBe(429);
    expect(full.text).toMatch(/3 open matches/);
    expect(await capped.storage.listMatches()).toHaveLength(3);

    // A burst of creations arriving together takes exactly the free places (the two-instance
    // race, where a count then an insert would let several through, is in multi-instance.test.ts).
    const racing = track(await ours({ createPerMinute: 100, maxOpenMatches: 4 }));
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => http(`${racing.url}/games/${GAME}/create`, body)),
    );
    expect(burst.filter((r) => r.status === 200)).toHaveLength(4);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(6);
    expect(burst.filter((r) => r.status === 429).every((r) => /its limit is 4/.test(r.text))).toBe(true);
    expect(await racing.storage.listMatches()).toHaveLength(4);
  });
});
