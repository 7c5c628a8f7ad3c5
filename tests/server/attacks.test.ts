/**
 * Issue 7: the socket and lobby holes found by playing as a hostile participant. Where the
 * hole is boardgame.io 0.50.2's own, each test first shows it on plain boardgame.io (its
 * `Server` with InMemory storage and the stock transport, running the same game), then shows
 * that our server refuses the same bytes: a reason to the sender alone, nothing stored,
 * nothing broadcast.
 */
import { request } from 'node:http';
import type { State } from 'boardgame.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { moveOf, PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { legalOrders, type MatchState, type Seat } from '../../game/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import type { FloodLimits } from '../../server/protocol.ts';
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
const SEED = 'attack-test-secret-seed';
const { track, quiet } = closeAfterEach();
afterEach(() => {
  // Should a server under test let a prototype be polluted, the next test starts clean.
  for (const k of ['name', 'credentials', 'data']) delete (Object.prototype as Record<string, unknown>)[k];
});

type Ours = Awaited<ReturnType<typeof ours>>;
const SEATS: readonly Seat[] = ['japan', 'us', 'china', 'taiwan', 'white'];

interface Table {
  readonly matchID: string;
  readonly creds: Readonly<Record<Seat, string>>;
  /** One synced raw socket per seat, and an observer's. */
  readonly socks: Readonly<Record<Seat | 'observer', RawSocket>>;
}

/** A five-seat match with every seat joined and synced, plus an observer. */
async function table(url: string): Promise<Table> {
  const matchID = await createMatch(url, { scenarioId: SCENARIO, seed: SEED, white: true }, 5);
  const creds = {} as Record<Seat, string>;
  const socks = {} as Record<Seat | 'observer', RawSocket>;
  for (const seat of SEATS) creds[seat] = await joinSeat(url, matchID, PLAYER_OF_SEAT[seat]);
  for (const seat of [...SEATS, 'observer'] as const) {
    const s = track(await rawSocket(url));
    s.socket.emit('sync', matchID, seat === 'observer' ? null : PLAYER_OF_SEAT[seat], creds[seat as Seat], 5);
    socks[seat] = s;
  }
  await until(
    () => Object.values(socks).every((s) => s.received.some((m) => m.event === 'sync')),
    5000,
    'sync',
  );
  return { matchID, creds, socks };
}

/** Sends an `update` frame as boardgame.io's client would, with any action. */
const frame = (s: RawSocket, action: unknown, stateID: number, matchID: string, playerID: string) =>
  s.socket.emit('update', action, stateID, matchID, playerID);

const refusals = (s: RawSocket) =>
  s.received.filter((m) => m.event === REFUSED_EVENT).map((m) => (m.args[0] as { reason: string }).reason);

async function stored(s: Ours, matchID: string) {
  const r = await s.storage.fetch(matchID, { state: true, metadata: true, log: true });
  return { state: r.state!, metadata: r.metadata!, log: r.log ?? [] };
}

/** Everything stored for a match, minus who is connected (connection changes write it). */
async function snapshot(s: Ours, matchID: string): Promise<string> {
  const { state, metadata, log } = await stored(s, matchID);
  const players = Object.values(metadata.players).map(({ isConnected: _c, ...p }) => p);
  return JSON.stringify({ state, metadata: { ...metadata, players }, log });
}

/**
 * A legal move by Taiwan after an attack: since a match's tasks run in order, when every
 * socket has received its update, anything the attack was going to send has been sent.
 */
async function probe(s: Ours, t: Table): Promise<void> {
  const G = (await stored(s, t.matchID)).state.G as MatchState;
  const order = legalOrders(G, getScenario(SCENARIO)!, 'taiwan').find((o) => o.type === 'gray-zone')!;
  const { move, payload } = moveOf({ type: 'order', seat: 'taiwan', order });
  const live = Object.values(t.socks).filter((x) => x.socket.connected);
  const before = live.map((x) => x.received.length);
  frame(
    t.socks.taiwan,
    {
      type: 'MAKE_MOVE',
      payload: { type: move, args: [payload], playerID: '3', credentials: t.creds.taiwan },
    },
    0,
    t.matchID,
    '3',
  );
  await until(
    () => live.every((x, i) => x.received.length > before[i]!),
    5000,
    "every socket to receive Taiwan's move",
  );
}

/** White Cell ends the match. */
const endMatch = (t: Table) =>
  frame(
    t.socks.white,
    {
      type: 'MAKE_MOVE',
      payload: {
        type: 'end',
        args: [{ reason: 'the seminar is over' }],
        playerID: '4',
        credentials: t.creds.white,
      },
    },
    0,
    t.matchID,
    '4',
  );

/** Frames each socket received since `marks`. */
const since = (t: Table, marks: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(t.socks).map(([k, x]) => [k, x.received.slice(marks[k]).map((m) => m.event)]),
  );
const marksOf = (t: Table) =>
  Object.fromEntries(Object.entries(t.socks).map(([k, x]) => [k, x.received.length]));

/**
 * Sends a hostile frame as Japan (a seated player with its own credentials) and checks our
 * server's answer: a refusal with a reason to Japan alone, nothing stored, and every other
 * socket's next frame is the probe's update.
 */
async function refusedOnOurs(s: Ours, t: Table, action: unknown, reason: RegExp): Promise<void> {
  const before = await snapshot(s, t.matchID);
  const marks = marksOf(t);
  const stateID = (await stored(s, t.matchID)).state._stateID;
  frame(t.socks.japan, action, stateID, t.matchID, '0');
  await until(
    () => refusals(t.socks.japan).length > 0 && t.socks.japan.received.length > marks.japan!,
    5000,
    'the refusal',
  );
  expect(refusals(t.socks.japan).at(-1)).toMatch(reason);
  expect(await snapshot(s, t.matchID)).toBe(before);
  await probe(s, t);
  const got = since(t, marks);
  expect(got.japan).toEqual([REFUSED_EVENT, 'update']);
  for (const seat of ['us', 'china', 'taiwan', 'white', 'observer']) expect(got[seat]).toEqual(['update']);
  t.socks.japan.received.length = 0;
}

/** A POST with node:http, which reads no option a polluted prototype could supply. */
function postStatus(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The state plain boardgame.io holds for a match. */
const plainState = (p: Awaited<ReturnType<typeof plain>>, id: string) =>
  p.db.fetch(id, { state: true }).state!;

async function plainTable(p: Awaited<ReturnType<typeof plain>>) {
  const matchID = await createMatch(p.url, { scenarioId: SCENARIO, seed: SEED, white: true }, 5);
  const japan = await joinSeat(p.url, matchID, '0');
  const attacker = track(await rawSocket(p.url));
  const bystander = track(await rawSocket(p.url));
  attacker.socket.emit('sync', matchID, '0', japan, 5);
  bystander.socket.emit('sync', matchID, null, undefined, 5);
  await until(
    () => [attacker, bystander].every((s) => s.received.some((m) => m.event === 'sync')),
    5000,
    'sync',
  );
  return { matchID, japan, attacker, bystander };
}

describe('issue 7, attack 1: PATCH reads hidden state', () => {
  const patch = (credentials: string) => ({
    type: 'PATCH',
    patch: [
      { op: 'copy', from: '/G/seed', path: '/ctx/leak' },
      { op: 'copy', from: '/G/pending/china', path: '/ctx/c' },
    ],
    payload: { playerID: '0', credentials },
  });

  it('plain boardgame.io applies it and sends the seed in ctx to every socket; ours refuses it to the sender alone', async () => {
    quiet();
    const p = track(await plain());
    const t = await plainTable(p);
    frame(t.attacker, patch(t.japan), 0, t.matchID, '0');
    const leaked = await until(
      () => t.bystander.received.find((m) => m.event === 'update')?.args[1] as State | undefined,
      5000,
      "the observer's update",
    );
    expect((leaked.ctx as unknown as { leak: string }).leak).toBe(SEED);

    const s = track(await ours());
    const mine = await table(s.url);
    await refusedOnOurs(s, mine, patch(mine.creds.japan), /only moves \(MAKE_MOVE\)/);
    for (const sock of Object.values(mine.socks)) expect(sock.text()).not.toContain(SEED);
  });
});

describe('issue 7, attack 2: RESET, SYNC and UPDATE overwrite the match', () => {
  const forged = (state: State, type: string, credentials: string) => {
    const G = state.G as MatchState;
    return {
      type,
      state: {
        ...state,
        _stateID: state._stateID + 1,
        G: { ...G, round: 11, seed: 'attacker-seed', japan: { ...G.japan, politicalCapital: 999 } },
      },
      payload: { playerID: '0', credentials },
    };
  };

  it('plain boardgame.io stores the forged state; ours refuses each of the three', async () => {
    quiet();
    const p = track(await plain());
    const t = await plainTable(p);
    frame(t.attacker, forged(plainState(p, t.matchID), 'RESET', t.japan), 0, t.matchID, '0');
    const G = await until(
      () => {
        const g = plainState(p, t.matchID).G as MatchState;
        return g.round === 11 ? g : undefined;
      },
      5000,
      'the forged state',
    );
    expect(G.seed).toBe('attacker-seed');
    expect(G.japan.politicalCapital).toBe(999);

    const s = track(await ours());
    const mine = await table(s.url);
    for (const type of ['RESET', 'SYNC', 'UPDATE']) {
      const state = (await stored(s, mine.matchID)).state;
      await refusedOnOurs(s, mine, forged(state, type, mine.creds.japan), new RegExp(`not "${type}"`));
    }
    const G2 = (await stored(s, mine.matchID)).state.G as MatchState;
    expect(G2.round).toBe(1);
    expect(G2.seed).toBe(SEED);
  });
});

describe('issue 7, attack 3: GAME_EVENT ends the match; other action types', () => {
  const event = (type: string, credentials: string) => ({
    type: 'GAME_EVENT',
    payload: { type, args: [{ winner: '0' }], playerID: '0', credentials },
  });

  it('plain boardgame.io stores a gameover from endGame although the game disables it; ours refuses', async () => {
    quiet();
    const p = track(await plain());
    const t = await plainTable(p);
    frame(t.attacker, event('endGame', t.japan), 0, t.matchID, '0');
    const over = await until(() => plainState(p, t.matchID).ctx.gameover, 5000, 'the forged gameover');
    expect(over).toEqual({ winner: '0' });

    const s = track(await ours());
    const mine = await table(s.url);
    await refusedOnOurs(s, mine, event('endGame', mine.creds.japan), /not "GAME_EVENT"/);
    expect((await stored(s, mine.matchID)).state.ctx.gameover).toBeUndefined();
    expect((await http(`${s.url}/games/${GAME}/${mine.matchID}/record`)).status).toBe(403);
  });

  it('UNDO, REDO, PLUGIN and endTurn are refused with a reason, where boardgame.io dropped them silently', async () => {
    const s = track(await ours());
    const mine = await table(s.url);
    const payload = { playerID: '0', credentials: mine.creds.japan };
    await refusedOnOurs(s, mine, { type: 'UNDO', payload }, /not "UNDO"/);
    await refusedOnOurs(s, mine, { type: 'REDO', payload }, /not "REDO"/);
    await refusedOnOurs(s, mine, { type: 'PLUGIN', payload: { ...payload, type: 'random' } }, /not "PLUGIN"/);
    await refusedOnOurs(s, mine, event('endTurn', mine.creds.japan), /not "GAME_EVENT"/);
    // A move action with anything beyond its four fields is not a move either.
    await refusedOnOurs(
      s,
      mine,
      { type: 'MAKE_MOVE', payload: { type: 'commit', args: [], ...payload }, patch: [] },
      /unexpected field "patch"/,
    );
  });
});

describe('issue 7, attack 4: prototype pollution', () => {
  const pollution = () => ['name', 'credentials', 'data'].filter((k) => k in Object.prototype);

  it('plain boardgame.io writes a "__proto__" seat onto Object.prototype; ours answers 400 and every seat stays joinable', async () => {
    const p = track(await plain());
    const a = await createMatch(p.url, { scenarioId: SCENARIO });
    const b = await createMatch(p.url, { scenarioId: SCENARIO });
    try {
      const r = await http(`${p.url}/games/${GAME}/${a}/join`, { playerID: '__proto__', playerName: 'x' });
      expect(r.status).toBe(200);
      expect(pollution()).toEqual(['name', 'credentials']);
      // Now no free seat of any match can be joined: every seat inherits a name. (Node's own
      // fetch breaks too, reading the inherited `credentials` as a request option.)
      expect(await postStatus(`${p.url}/games/${GAME}/${b}/join`, { playerID: '1', playerName: 'y' })).toBe(
        409,
      );
    } finally {
      delete (Object.prototype as Record<string, unknown>).name;
      delete (Object.prototype as Record<string, unknown>).credentials;
    }
    expect(pollution()).toEqual([]);

    const s = track(await ours());
    const mine = await createMatch(s.url, { scenarioId: SCENARIO });
    const before = await snapshot(s, mine);
    for (const playerID of ['__proto__', 'constructor', 'toString', '7', 7]) {
      const r = await http(`${s.url}/games/${GAME}/${mine}/join`, { playerID, playerName: 'x' });
      expect(r.status).toBe(400);
      expect(r.text).toMatch(/"playerID" must be a seat number/);
    }
    // A body with a literal "__proto__" key (which JSON.parse turns into an own key) is refused by the parser.
    const raw = await fetch(`${s.url}/games/${GAME}/${mine}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"playerID":"1","playerName":"x","data":{"__proto__":{"polluted":true}}}',
    });
    expect(raw.status).toBe(400);
    expect(await raw.text()).toMatch(/prototype/i);
    expect(pollution()).toEqual([]);
    expect(await snapshot(s, mine)).toBe(before);
    expect(await joinSeat(s.url, mine, '1', 'US player')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('scenario ids "__proto__", "constructor" and "toString" are a 400 naming the id, not a 500', async () => {
    const s = track(await ours());
    for (const scenarioId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = await http(`${s.url}/games/${GAME}/create`, { numPlayers: 4, setupData: { scenarioId } });
      expect(r.status, scenarioId).toBe(400);
      expect(r.text).toContain(`no scenario "${scenarioId}"`);
    }
    expect(await s.storage.listMatches()).toEqual([]);
  });

  it('a move named "__proto__" is refused; the log and the record are untouched and the record still verifies', async () => {
    const s = track(await ours());
    const t = await table(s.url);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      await refusedOnOurs(
        s,
        t,
        { type: 'MAKE_MOVE', payload: { type: name, args: [], playerID: '0', credentials: t.creds.japan } },
        new RegExp(`there is no move "${name}"|not a valid move name`),
      );
    const log = (await stored(s, t.matchID)).log;
    expect(log.every((e) => typeof e.action.payload.type === 'string')).toBe(true);
    endMatch(t);
    await until(async () => (await stored(s, t.matchID)).state.ctx.gameover, 5000, 'the end');
    const record = await http<{ verified: boolean; record: { actions: { type: string }[] } }>(
      `${s.url}/games/${GAME}/${t.matchID}/record`,
    );
    expect(record.json.verified).toBe(true);
    // Four refused moves, four probes (Taiwan's orders), and White's end.
    expect(record.json.record.actions.map((a) => a.type)).toEqual([...Array(4).fill('order'), 'end']);
  });
});

describe('issue 7, attack 5: oversized metadata', () => {
  const big = 'x'.repeat(450_000);

  it('plain boardgame.io stores a 450 kB name and 450 kB of data in public metadata; ours refuses both', async () => {
    const p = track(await plain());
    const a = await createMatch(p.url, { scenarioId: SCENARIO });
    const r = await http(`${p.url}/games/${GAME}/${a}/join`, {
      playerID: '0',
      playerName: big,
      data: { big },
    });
    expect(r.status).toBe(200);
    expect((await http(`${p.url}/games/${GAME}`)).text.length).toBeGreaterThan(900_000);

    const s = track(await ours());
    const mine = await createMatch(s.url, { scenarioId: SCENARIO });
    const before = await snapshot(s, mine);
    const tooBig = await http(`${s.url}/games/${GAME}/${mine}/join`, { playerID: '0', playerName: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toMatch(/larger than 4 kB/);
    const longName = await http(`${s.url}/games/${GAME}/${mine}/join`, {
      playerID: '0',
      playerName: 'n'.repeat(41),
    });
    expect(longName.status).toBe(400);
    expect(longName.text).toMatch(/"playerName" must be at most 40 characters/);
    const bigData = await http(`${s.url}/games/${GAME}/${mine}/join`, {
      playerID: '0',
      playerName: 'ok',
      data: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => [k, 'd'.repeat(150)])),
    });
    expect(bigData.status).toBe(400);
    expect(bigData.text).toMatch(/"data" must be at most 1024 bytes/);
    const control = await http(`${s.url}/games/${GAME}/${mine}/join`, {
      playerID: '0',
      playerName: 'a\u0000b',
    });
    expect(control.status).toBe(400);
    expect(await snapshot(s, mine)).toBe(before);
    expect((await http(`${s.url}/games/${GAME}`)).text.length).toBeLessThan(10_000);
  });
});

describe('issue 7, attack 6: floods', () => {
  it('one socket sending 2,000 moves: past its burst they are refused at the door and the socket is cut off; bystanders get only accepted moves; nothing logs move arguments', async () => {
    const errors = quiet();
    const logs = vi.spyOn(console, 'log');
    const s = track(await ours());
    const t = await table(s.url);
    const stateID = (await stored(s, t.matchID)).state._stateID;
    const order = { type: 'gray-zone', action: 'protest', zone: 'kanto' };
    const chinaBefore = t.socks.china.received.length;
    const floodStart = Date.now();
    for (let i = 0; i < 2000; i++)
      frame(
        t.socks.japan,
        {
          type: 'MAKE_MOVE',
          payload:
            i % 2 === 0
              ? { type: 'order', args: [{ order }], playerID: '0', credentials: t.creds.japan }
              : { type: 'withdraw', args: [{ index: 99 }], playerID: '0', credentials: t.creds.japan },
        },
        0,
        t.matchID,
        '0',
      );
    // Past its burst of 40 the socket is told at most once a second, and after 500 refused
    // frames in a row it is disconnected: the rest of the flood is never read.
    await until(() => !t.socks.japan.socket.connected, 10_000, 'the flooder to be disconnected');
    const floodSeconds = (Date.now() - floodStart) / 1000;
    await probe(s, t);
    const told = refusals(t.socks.japan).filter((r) => /too many messages/.test(r));
    // One notice when the flood starts, at most one more a second while it lasted (on a loaded
    // machine it lasts longer), and the disconnection notice — never one per refused frame.
    expect(told.length).toBeLessThanOrEqual(Math.ceil(floodSeconds) + 2);
    expect(told.length).toBeLessThan(20);
    expect(told.at(-1)).toMatch(/disconnected after 500 refused messages in a row/);
    // Every frame China received is the update of an accepted move (Japan's and the probe's).
    const accepted = (await stored(s, t.matchID)).state._stateID - stateID;
    const chinaFrames = () => t.socks.china.received.slice(chinaBefore).map((m) => m.event);
    await until(
      () => chinaFrames().filter((e) => e === 'update').length >= accepted,
      5000,
      'the update of every accepted move',
    );
    const chinaGot = chinaFrames();
    // (and one public player list: Japan's seat was disconnected).
    expect(chinaGot.filter((e) => e !== 'matchData')).toEqual(Array(accepted).fill('update'));
    expect(chinaGot.filter((e) => e === 'matchData')).toHaveLength(1);
    expect(accepted).toBeLessThanOrEqual(1 + 40 / 2);
    // Half of the admitted moves (withdrawals of an order Japan never had) were refused by the engine.
    expect(accepted).toBeGreaterThan(0);
    const printed = [...errors.mock.calls, ...logs.mock.calls].flat().map(String).join('\n');
    expect(printed).not.toMatch(/invalid move|args:|protest/);
  });

  it('the per-address bucket holds across sockets, and a match refuses moves past its queue cap', async () => {
    const limits: FloodLimits = {
      socketBurst: 40,
      socketPerSecond: 1,
      addressBurst: 60,
      addressPerSecond: 1,
      queuePerMatch: 1000,
    };
    const s = track(await ours({ floodLimits: limits }));
    const t = await table(s.url);
    const extra = await Promise.all([0, 1, 2].map(async () => track(await rawSocket(s.url))));
    // 6 syncs, then 3 × 30 from one address: no socket passes its 40, the address passes its 60.
    for (const x of extra) for (let i = 0; i < 30; i++) x.socket.emit('sync', t.matchID, null, undefined, 5);
    const synced = () => extra.map((x) => x.received.filter((m) => m.event === 'sync').length);
    await until(() => synced().reduce((a, b) => a + b) >= 60 - 6 - 1, 5000, 'the address to be used up');
    await new Promise((r) => setTimeout(r, 300));
    const total = synced().reduce((a, b) => a + b);
    expect(total).toBeGreaterThanOrEqual(60 - 6 - 1);
    expect(total).toBeLessThanOrEqual(60 - 6 + 1);
    // Each socket refused was told once (a notice a second at most).
    for (const [i, x] of extra.entries())
      expect(refusals(x).filter((r) => /too many messages/.test(r)).length).toBe(synced()[i]! < 30 ? 1 : 0);
    const capped = track(
      await ours({ floodLimits: { ...limits, socketBurst: 1e6, addressBurst: 1e6, queuePerMatch: 5 } }),
    );
    const c = await table(capped.url);
    for (let i = 0; i < 50; i++)
      frame(
        c.socks.japan,
        {
          type: 'MAKE_MOVE',
          payload: { type: 'withdraw', args: [{ index: 99 }], playerID: '0', credentials: c.creds.japan },
        },
        0,
        c.matchID,
        '0',
      );
    await until(() => refusals(c.socks.japan).length === 50, 5000, 'fifty refusals');
    const busy = refusals(c.socks.japan).filter((r) => /too many moves waiting/.test(r)).length;
    expect(busy).toBeGreaterThanOrEqual(40);
    expect(refusals(c.socks.japan).filter((r) => /ERR_/.test(r)).length).toBe(50 - busy);
  });
});

describe('issue 7, item 7: smaller holes', () => {
  it("a seat's view holds no digest or counter derived from entries it may not see; White's does", async () => {
    const s = track(await ours());
    const t = await table(s.url);
    await probe(s, t);
    const lastG = (x: RawSocket) => {
      const m = [...x.received].reverse().find((r) => r.event === 'update')!;
      return (m.args[1] as State).G as Record<string, unknown>;
    };
    for (const seat of ['japan', 'us', 'china', 'taiwan', 'observer'] as const) {
      expect(lastG(t.socks[seat]), seat).not.toHaveProperty('logDigest');
      expect(lastG(t.socks[seat]), seat).not.toHaveProperty('counter');
    }
    expect(lastG(t.socks.white)).toHaveProperty('logDigest');
    expect(lastG(t.socks.white)).toHaveProperty('counter');
  });

  it('playAgain: refused while the match runs, and once it ended one next match however many ask at once', async () => {
    const s = track(await ours());
    const t = await table(s.url);
    const again = (seat: Seat) =>
      http<{ nextMatchID: string }>(`${s.url}/games/${GAME}/${t.matchID}/playAgain`, {
        playerID: PLAYER_OF_SEAT[seat],
        credentials: t.creds[seat],
      });
    const early = await again('china');
    expect(early.status).toBe(403);
    expect(early.text).toMatch(/has not ended/);
    expect(await s.storage.listMatches()).toHaveLength(1);
    const forged = await http(`${s.url}/games/${GAME}/${t.matchID}/playAgain`, {
      playerID: '2',
      credentials: t.creds.japan,
    });
    expect(forged.status).toBe(403);
    endMatch(t);
    await until(async () => (await stored(s, t.matchID)).metadata.gameover, 5000, 'the end');
    const answers = await Promise.all((['japan', 'us', 'china'] as const).map(again));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.json.nextMatchID)).size).toBe(1);
    expect(await s.storage.listMatches()).toHaveLength(2);
  });

  it('a move writes state, log and metadata in one transaction: if the metadata cannot be written, neither is the state', async () => {
    const s = track(await ours());
    const id = await createMatch(s.url, { scenarioId: SCENARIO });
    const { state, metadata } = await stored(s, id);
    const next = { ...state, _stateID: state._stateID + 1 };
    const broken = { ...metadata, updatedAt: 10n } as unknown as typeof metadata;
    await expect(s.storage.commit(id, next, [], broken)).rejects.toThrow();
    expect((await stored(s, id)).state._stateID).toBe(state._stateID);
    expect(await s.storage.commit(id, next, [], { ...metadata, updatedAt: 10 })).toBe(true);
    const after = await stored(s, id);
    expect(after.state._stateID).toBe(state._stateID + 1);
    expect(after.metadata.updatedAt).toBe(10);
  });
});
