/**
 * Seats that survive a new browser (issue 10, item 1; server/seats.ts): the join link's key
 * takes a seat over and the old credentials stop working; the White Cell re-issues a seat's
 * link or frees the seat; hostile requests are refused with a sentence and change nothing;
 * the seat list says who has committed and nothing fog hides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYER_OF_SEAT } from '../../game/bgio.ts';
import { SEAT_EVENTS, SEAT_KEYS } from '../../server/seats.ts';
import { REFUSED_EVENT, SEAT_EVENT } from '../../server/transport.ts';
import { GAME, http, ours, type RawSocket, seatedSocket, until } from './helpers.ts';

type Ours = Awaited<ReturnType<typeof ours>>;
let s: Ours;
const open: RawSocket[] = [];

beforeAll(async () => {
  s = await ours();
});
afterAll(async () => {
  for (const r of open) r.close();
  await s?.close();
});

const route = (id: string, path: string) => `${s.url}/games/${GAME}/${id}/${path}`;

/** A new match with a White Cell, China a bot; answers its id and the seat keys. */
async function newMatch(white = true) {
  const r = await http<{ matchID: string; seatKeys: Record<string, string> }>(
    `${s.url}/games/${GAME}/create`,
    {
      numPlayers: white ? 5 : 4,
      setupData: { scenarioId: 'taiwan-quarantine', white, bots: { china: 'aggressive' } },
    },
  );
  expect(r.status).toBe(200);
  return r.json;
}

async function join(id: string, body: Record<string, unknown>) {
  return http<{ playerID: string; playerCredentials: string; seatKey?: string }>(route(id, 'join'), body);
}

/** A raw socket synced to the match as a seat (or an observer), recording what it receives. */
const seated = (id: string, playerID: string | null, credentials?: string): Promise<RawSocket> =>
  seatedSocket(s.url, open, id, playerID, credentials, 5);

const moveOf = (r: RawSocket, id: string, playerID: string, credentials: string, type = 'commit') =>
  r.socket.emit(
    'update',
    { type: 'MAKE_MOVE', payload: { type, args: [], playerID, credentials } },
    0,
    id,
    playerID,
  );

const refusals = (r: RawSocket) =>
  r.received.filter((m) => m.event === REFUSED_EVENT).map((m) => (m.args[0] as { reason: string }).reason);
const seatEvents = (r: RawSocket) =>
  r.received
    .filter((m) => m.event === SEAT_EVENT)
    .map((m) => m.args[0] as { playerID: string; kind: string });
const updates = (r: RawSocket) => r.received.filter((m) => m.event === 'update').length;

/** Everything a seat change could touch: the metadata and the server's seat records. */
async function snapshot(id: string) {
  const { metadata, state } = await s.storage.fetch(id, { metadata: true, state: true });
  return JSON.stringify({
    metadata,
    stateID: state?._stateID,
    keys: await s.storage.getServerValue(id, SEAT_KEYS),
    events: await s.storage.getServerValue(id, SEAT_EVENTS),
  });
}

const credentialsOf = async (id: string, playerID: string) =>
  (await s.storage.fetch(id, { metadata: true })).metadata!.players[Number(playerID)]!.credentials;

describe('the join link is the seat', () => {
  it('create answers a key for each human seat; no key is public or stored as itself', async () => {
    const { matchID, seatKeys } = await newMatch();
    expect(Object.keys(seatKeys).sort()).toEqual(['0', '1', '3', '4']);
    const everything = [
      (await http(`${s.url}/games/${GAME}/${matchID}`)).text,
      (await http(`${s.url}/games/${GAME}?isGameover=false`)).text,
      (await http(route(matchID, 'seats'))).text,
      await snapshot(matchID),
    ].join('\n');
    for (const k of Object.values(seatKeys)) expect(everything).not.toContain(k);
  });

  it('opening the link in another browser takes the seat over; the old socket is told and stops acting', async () => {
    const { matchID, seatKeys } = await newMatch();
    const first = await join(matchID, { playerID: '0', playerName: 'Aiko', seatKey: seatKeys['0'] });
    expect(first.status).toBe(200);
    expect(first.json.seatKey).toBeUndefined();
    const old = await seated(matchID, '0', first.json.playerCredentials);
    const observer = await seated(matchID, null);
    expect(refusals(old)).toEqual([]);

    // The same link in a second browser: the seat is held, the key takes it over.
    const second = await join(matchID, {
      playerID: '0',
      playerName: 'Aiko (laptop)',
      seatKey: seatKeys['0'],
    });
    expect(second.status).toBe(200);
    expect(second.json.playerCredentials).not.toBe(first.json.playerCredentials);
    await until(() => seatEvents(old).length > 0, 5000, 'the old socket to be told');
    expect(seatEvents(old)).toMatchObject([{ playerID: '0', kind: 'taken-over' }]);
    await until(() => seatEvents(observer).length > 0, 5000, 'the table to be told');
    expect(seatEvents(observer)).toMatchObject([{ playerID: '0', kind: 'taken-over' }]);

    // The old credentials no longer hold the seat: a move is refused, a fresh sync too.
    const before = updates(old);
    moveOf(old, matchID, '0', first.json.playerCredentials);
    await until(() => refusals(old).length > 0, 5000, 'the refusal');
    expect(refusals(old)[0]).toMatch(/credentials do not hold/);
    const resync = await seated(matchID, '0', first.json.playerCredentials);
    expect(resync.received.some((m) => m.event === 'sync')).toBe(false);
    expect(refusals(resync).length).toBe(1);

    // The new holder plays; the old socket, out of the match, gets none of the seat's view.
    const now = await seated(matchID, '0', second.json.playerCredentials);
    moveOf(now, matchID, '0', second.json.playerCredentials);
    await until(() => updates(now) > 0, 5000, 'the new holder’s commit');
    expect(refusals(now)).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(updates(old)).toBe(before);

    const meta = (await s.storage.fetch(matchID, { metadata: true })).metadata!;
    expect(meta.players[0]!.name).toBe('Aiko (laptop)');
    const seats = await http<{ seats: { playerID: string; committed: boolean | null }[]; events: unknown[] }>(
      route(matchID, 'seats'),
    );
    expect(seats.json.seats.find((x) => x.playerID === '0')?.committed).toBe(true);
    expect(seats.json.events).toMatchObject([{ playerID: '0', seat: 'japan', kind: 'taken-over' }]);
  });

  it('without the key a held seat stays held, and a wrong key is refused, changing nothing', async () => {
    const { matchID, seatKeys } = await newMatch();
    await join(matchID, { playerID: '1', playerName: 'Sam', seatKey: seatKeys['1'] });
    const before = await snapshot(matchID);
    const keyless = await join(matchID, { playerID: '1', playerName: 'Mallory' });
    expect(keyless.status).toBe(409);
    expect(keyless.text).toMatch(/already seated.*link/);
    const otherSeatsKey = await join(matchID, {
      playerID: '1',
      playerName: 'Mallory',
      seatKey: seatKeys['0'],
    });
    expect(otherSeatsKey.status).toBe(403);
    expect(otherSeatsKey.text).toMatch(/does not hold player 1/);
    const guessed = await join(matchID, { playerID: '1', playerName: 'Mallory', seatKey: 'A'.repeat(32) });
    expect(guessed.status).toBe(403);
    expect(await snapshot(matchID)).toBe(before);
  });

  it('a seat with no key yet (a branch, playAgain) gets one when it is first joined', async () => {
    const { matchID } = await newMatch();
    await s.storage.setServerValue(matchID, SEAT_KEYS, undefined);
    const r = await join(matchID, { playerID: '3', playerName: 'Lin' });
    expect(r.status).toBe(200);
    expect(r.json.seatKey).toMatch(/^[A-Za-z0-9_-]+$/);
    const again = await join(matchID, { playerID: '3', playerName: 'Lin (phone)', seatKey: r.json.seatKey });
    expect(again.status).toBe(200);
  });
});

describe('the White Cell re-issues and frees seats', () => {
  async function seatedMatch() {
    const m = await newMatch();
    const creds: Record<string, string> = {};
    for (const id of ['0', '1', '3', '4']) {
      const r = await join(m.matchID, { playerID: id, playerName: `p${id}`, seatKey: m.seatKeys[id] });
      creds[id] = r.json.playerCredentials;
    }
    return { ...m, creds };
  }

  it('re-issue: the old link and the old credentials stop working, the new link works', async () => {
    const { matchID, seatKeys, creds } = await seatedMatch();
    const old = await seated(matchID, '1', creds['1']);
    const r = await http<{ playerID: string; seatKey: string }>(route(matchID, 'reissue'), {
      playerID: '4',
      credentials: creds['4'],
      target: '1',
    });
    expect(r.status).toBe(200);
    expect(r.json.playerID).toBe('1');
    expect(r.json.seatKey).not.toBe(seatKeys['1']);
    await until(() => seatEvents(old).length > 0, 5000, 'the old socket to be told');
    expect(seatEvents(old)).toMatchObject([{ playerID: '1', kind: 'reissued' }]);
    expect(await credentialsOf(matchID, '1')).toBeUndefined();
    moveOf(old, matchID, '1', creds['1']!);
    await until(() => refusals(old).length > 0, 5000, 'the refusal');
    expect(refusals(old)[0]).toMatch(/credentials do not hold/);

    const oldLink = await join(matchID, { playerID: '1', playerName: 'Sam', seatKey: seatKeys['1'] });
    expect(oldLink.status).toBe(403);
    const newLink = await join(matchID, { playerID: '1', playerName: 'Sam', seatKey: r.json.seatKey });
    expect(newLink.status).toBe(200);
    const events = (await http<{ events: { kind: string }[] }>(route(matchID, 'seats'))).json.events;
    expect(events.map((e) => e.kind)).toEqual(['reissued', 'taken-over']);
  });

  it('free: the seat is empty, the old link and credentials stop working, a fresh link joins it', async () => {
    const { matchID, seatKeys, creds } = await seatedMatch();
    const old = await seated(matchID, '3', creds['3']);
    const r = await http<{ seatKey: string }>(route(matchID, 'free'), {
      playerID: '4',
      credentials: creds['4'],
      target: '3',
    });
    expect(r.status).toBe(200);
    await until(() => seatEvents(old).length > 0, 5000, 'the old socket to be told');
    expect(seatEvents(old)).toMatchObject([{ playerID: '3', kind: 'freed' }]);
    const p = (await s.storage.fetch(matchID, { metadata: true })).metadata!.players[3]!;
    expect(p).toEqual({ id: 3 });
    const leave = await http(route(matchID, 'leave'), { playerID: '3', credentials: creds['3'] });
    expect(leave.status).toBe(403);
    expect((await join(matchID, { playerID: '3', playerName: 'x', seatKey: seatKeys['3'] })).status).toBe(
      403,
    );
    expect((await join(matchID, { playerID: '3', playerName: 'Lin', seatKey: r.json.seatKey })).status).toBe(
      200,
    );
  });

  it('hostile requests are refused with a sentence naming the problem, and change nothing', async () => {
    const { matchID, creds } = await seatedMatch();
    const cases: [string, unknown, number, RegExp][] = [
      [
        'reissue',
        { playerID: '4', credentials: creds['0'], target: '1' },
        403,
        /credentials do not hold player 4/,
      ],
      ['free', { playerID: '4', credentials: 'x'.repeat(32), target: '1' }, 403, /credentials do not hold/],
      ['reissue', { playerID: '0', credentials: creds['0'], target: '1' }, 403, /Only the White Cell/],
      ['free', { playerID: '1', credentials: creds['1'], target: '1' }, 403, /Only the White Cell/],
      ['reissue', { playerID: '4', credentials: creds['4'], target: '2' }, 409, /bot seat/],
      ['reissue', { playerID: '4', credentials: creds['4'], target: '5' }, 400, /"target" must be the seat/],
      ['free', { playerID: '4', credentials: creds['4'], target: '4' }, 400, /cannot free its own seat/],
      ['free', { playerID: '4', credentials: creds['4'], target: '__proto__' }, 400, /"target"/],
      ['free', { playerID: '4', credentials: creds['4'], target: 1 }, 400, /"target"/],
      ['free', { playerID: '4', credentials: creds['4'] }, 400, /"target"/],
      ['reissue', { playerID: '4', credentials: creds['4'], target: '1', seatKey: 'x' }, 400, /seatKey/],
      ['reissue', { playerID: '4', credentials: 'no spaces allowed', target: '1' }, 400, /"credentials"/],
      ['reissue', [], 400, /object/],
      ['join', { playerID: '1', playerName: 'x', seatKey: 'not a key!' }, 400, /"seatKey" must be the key/],
      ['join', { playerName: 'x', seatKey: 'abc' }, 400, /"playerID" must name the seat/],
      ['join', { playerID: '2', playerName: 'x', seatKey: 'abc' }, 409, /bot seat/],
    ];
    const before = await snapshot(matchID);
    for (const [path, body, status, message] of cases) {
      const r = await http(route(matchID, path), body);
      expect([path, body, r.status]).toEqual([path, body, status]);
      expect(r.text).toMatch(message);
    }
    const raw = async (path: string, text: string, type = 'application/json') =>
      fetch(route(matchID, path), { method: 'POST', headers: { 'content-type': type }, body: text });
    const proto = await raw(
      'free',
      `{"playerID":"4","credentials":"${creds['4']}","target":"1","__proto__":{"x":1}}`,
    );
    expect(proto.status).toBe(400);
    expect((await raw('reissue', '{"playerID":')).status).toBe(400);
    const form = await raw('free', 'playerID=4', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(await form.text()).toMatch(/must be JSON/);
    expect(await snapshot(matchID)).toBe(before);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('the White Cell re-issues its own leaked link and keeps the seat with new credentials', async () => {
    const { matchID, seatKeys, creds } = await seatedMatch();
    const old = await seated(matchID, '4', creds['4']);
    const r = await http<{ seatKey: string; playerCredentials: string }>(route(matchID, 'reissue'), {
      playerID: '4',
      credentials: creds['4'],
      target: '4',
    });
    expect(r.status).toBe(200);
    expect(r.json.playerCredentials).toMatch(/^[\w-]+$/);
    await until(() => seatEvents(old).length > 0, 5000, 'the old White Cell socket to be told');
    expect(seatEvents(old)).toMatchObject([{ playerID: '4', kind: 'reissued' }]);
    const leaked = { playerID: '4', playerName: 'Mallory', seatKey: seatKeys['4'] };
    expect((await join(matchID, leaked)).status).toBe(403);
    const stale = await http(route(matchID, 'reissue'), {
      playerID: '4',
      credentials: creds['4'],
      target: '0',
    });
    expect(stale.status).toBe(403);
    const fresh = await http(route(matchID, 'reissue'), {
      playerID: '4',
      credentials: r.json.playerCredentials,
      target: '0',
    });
    expect(fresh.status).toBe(200);
    const back = await join(matchID, { playerID: '4', playerName: 'Facilitator', seatKey: r.json.seatKey });
    expect(back.status).toBe(200);
  });

  it('a match without a White Cell has no one to re-issue seats', async () => {
    const { matchID, seatKeys } = await newMatch(false);
    const r = await join(matchID, { playerID: '0', playerName: 'a', seatKey: seatKeys['0'] });
    const before = await snapshot(matchID);
    const w = await http(route(matchID, 'reissue'), {
      playerID: '4',
      credentials: r.json.playerCredentials,
      target: '0',
    });
    expect(w.status).toBe(404);
    expect(w.text).toMatch(/no player 4/);
    expect(await snapshot(matchID)).toBe(before);
  });
});

describe('who has committed', () => {
  it('the seat list says who has committed this round, and carries nothing fog hides', async () => {
    const { matchID, seatKeys } = await newMatch();
    const japan = await join(matchID, { playerID: '0', playerName: 'Aiko', seatKey: seatKeys['0'] });
    const sock = await seated(matchID, '0', japan.json.playerCredentials);
    type Seats = {
      round: number;
      stage: string;
      seats: {
        playerID: string;
        seat: string;
        name: string | null;
        bot: string | null;
        committed: boolean | null;
      }[];
    };
    const read = async () => (await http<Seats>(route(matchID, 'seats'))).json;
    expect((await read()).seats.map((x) => [x.seat, x.committed])).toEqual([
      ['japan', false],
      ['us', false],
      ['china', false],
      ['taiwan', false],
      ['white', null],
    ]);
    moveOf(sock, matchID, PLAYER_OF_SEAT.japan, japan.json.playerCredentials);
    await until(async () => (await read()).seats[0]!.committed === true, 5000, 'the commit');
    const r = await read();
    expect(r).toMatchObject({ round: 1, stage: 'planning' });
    expect(r.seats[2]).toMatchObject({ seat: 'china', bot: 'aggressive' });
    const text = JSON.stringify(r);
    for (const hidden of ['credentials', 'orders', 'budget', 'seed', 'units'])
      expect(text).not.toContain(hidden);
    expect(Object.keys(r).sort()).toEqual(['events', 'matchID', 'round', 'seats', 'stage']);
    expect((await http(route('no-such-match', 'seats'))).status).toBe(404);
  });
});
