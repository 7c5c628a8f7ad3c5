import fc from 'fast-check';
import { REFUSED_EVENT } from '../../server/transport.ts';
import {
  type Context,
  engineOf,
  type Frame,
  fill,
  Hole,
  isPlain,
  MOVE_NAMES,
  SCENARIO,
  SEATS,
  SNEAKY,
  words,
} from './fuzz-helpers.ts';
import { GAME, type RawSocket } from './helpers.ts';
// --- Socket cases ------------------------------------------------------------------------------

/** One of the arbitraries, each given as `[weight, arbitrary]`. */
export const pick = <T>(...options: (readonly [number, fc.Arbitrary<T>])[]): fc.Arbitrary<T> =>
  fc.oneof(...options.map(([weight, arbitrary]) => ({ weight, arbitrary })));
export const TARGET = new Hole('target', (c) => c.target.id);
export const BYSTANDER = new Hole('bystander', (c) => c.bystander.id);
export const credentialsOf = (p: string): Hole =>
  new Hole(`credentials of player ${p}`, (c) => c.target.credentials[p]);
export const FORGED = new Hole('the state forged: round 11, seed "attacker", _stateID + 1', (c) => ({
  ...c.state,
  G: { ...(c.state.G as object), round: 11, seed: 'attacker' },
  _stateID: c.state._stateID + 1,
}));
export const ACK = new Hole('an ack callback', () => () => undefined);

export const text = fc.oneof(fc.string({ maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 24 }));
/** `unit` repeated `min`–`max` times. */
export const repeated = (min: number, max: number, units: readonly string[]) =>
  fc
    .record({ n: fc.integer({ min, max }), unit: fc.constantFrom(...units) })
    .map(({ n, unit }) => new Hole(`${JSON.stringify(unit)} × ${n}`, () => unit.repeat(n)));
export const huge = repeated(1_000, 100_000, ['x', 'é', '\u0000', '"', '\\', '𝕏']);
export const nested = fc
  .tuple(fc.integer({ min: 7, max: 150 }), fc.jsonValue({ maxDepth: 0 }), fc.boolean())
  .map(
    ([depth, leaf, object]) =>
      new Hole(`${object ? 'objects' : 'arrays'} nested ${depth} deep`, () => {
        let x: unknown = leaf;
        for (let i = 0; i < depth; i++) x = object ? { a: x } : [x];
        return x;
      }),
  );
/** An object with `key` as an own key (as JSON.parse makes `"__proto__"`) beside other keys. */
export const withOwnKey = (key: string, value: unknown, rest: object = {}): Record<string, unknown> =>
  Object.fromEntries([[key, value], ...Object.entries(rest)]);
export const reservedKeys = fc.oneof(
  fc.constantFrom(
    withOwnKey(
      '__proto__',
      Object.fromEntries(words('leak name credentials data').map((k) => [k, 'polluted'])),
    ),
    withOwnKey('constructor', { prototype: { leak: 'polluted' } }),
  ),
  fc
    .tuple(
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
      fc.jsonValue({ maxDepth: 2 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    )
    .map(([k, v, rest]) => withOwnKey(k, v, rest)),
);
/** Payloads shaped like the engine's actions: mostly wrong, now and then legal. */
export const engineShaped = fc.record(
  {
    order: fc.oneof(
      fc.record({
        type: fc.oneof(
          fc.constantFrom(...words('move strike fund gray-zone escalate declare mobilize land')),
          text,
        ),
        unit: text,
        to: fc.oneof(text, fc.integer()),
        zone: text,
      }),
      reservedKeys,
    ),
    index: fc.integer({ min: -2, max: 3 }),
    reason: text,
    proposal: text,
    accept: fc.boolean(),
    track: text,
    delta: fc.double(),
  },
  { requiredKeys: [] },
);
export const binary = fc.uint8Array({ maxLength: 32 }).map((a) => Buffer.from(a));
export const value: fc.Arbitrary<unknown> = pick<unknown>(
  [6, fc.jsonValue({ maxDepth: 4 })],
  [2, reservedKeys],
  [3, engineShaped],
  [1, nested],
  [1, huge],
  [1, binary],
);
/** A move's arguments: mostly none or one (what a move takes), sometimes more or not an array. */
export const args = pick<unknown>(
  [2, fc.constant([])],
  [6, fc.oneof(engineShaped, value).map((v) => [v])],
  [2, fc.array(value, { maxLength: 4 })],
  [1, fc.oneof(value, fc.constantFrom(undefined, null))],
);
export const playerID = pick<unknown>(
  [8, fc.constantFrom(...SEATS)],
  [1, fc.constantFrom(...SNEAKY, '10', '5', '-1', ' 0', '00', '1e0', '')],
  [1, fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constant(null), text)],
);
/** Credentials that do not hold seat `p`: another seat's, made up, missing, not a string. */
export const notCredentialsFor = (p: unknown) =>
  pick<unknown>(
    [2, fc.constantFrom(...SEATS.filter((s) => s !== p)).map(credentialsOf)],
    [2, fc.oneof(text, fc.base64String({ minLength: 32, maxLength: 32 }))],
    [1, fc.constant(undefined)],
    [1, fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 1 }), huge)],
  );
/** A seat and credentials: mostly its own (as `{ playerID, credentials }` in a payload). */
export const who = playerID.chain((p) =>
  fc.record({
    playerID: fc.constant(p),
    credentials: pick(
      [3, fc.constant(credentialsOf(SEATS.find((s) => s === p) ?? '0'))],
      [2, notCredentialsFor(p)],
    ),
  }),
);
export const moveName = pick<unknown>(
  [12, fc.constantFrom(...MOVE_NAMES)],
  [2, fc.constantFrom(...SNEAKY)],
  [1, text],
  [1, fc.jsonValue({ maxDepth: 1 })],
);
export const matchID = pick<unknown>(
  [20, fc.constant(TARGET)],
  [3, fc.constant(BYSTANDER)],
  [1, fc.constantFrom(...SNEAKY)],
  [1, text],
  [1, repeated(65, 5_000, ['a', '-'])],
  [1, fc.jsonValue({ maxDepth: 1 })],
);
/** A value from `a` one time in nine, else undefined. */
export const rarely = <T>(a: fc.Arbitrary<T>) => pick<T | undefined>([8, fc.constant(undefined)], [1, a]);
/** Now and then a payload names another seat than the frame, or has one more key. */
export const extraKey = rarely(fc.tuple(fc.constantFrom(...SNEAKY, 'redact', 'client', 'deltalog'), value));
export const makeMove = fc
  .record({ w: who, move: moveName, args, spoof: rarely(playerID), extra: extraKey })
  .map(({ w, move, args, spoof, extra }) => {
    const payload = { type: move, args, playerID: spoof ?? w.playerID, credentials: w.credentials };
    return { type: 'MAKE_MOVE', payload: extra ? withOwnKey(extra[0], extra[1], payload) : payload };
  });
export const PATCH = [
  { op: 'copy', from: '/G/seed', path: '/ctx/leak' },
  { op: 'copy', from: '/G/pending', path: '/ctx/pending' },
  { op: 'replace', path: '/G/round', value: 11 },
];
/** boardgame.io's other actions as its client builds them (a seat and credentials in the payload), and made-up ones. */
export const forged = who.chain((w) =>
  fc.oneof(
    fc.constant({ type: 'PATCH', prevStateID: 0, stateID: 1, patch: PATCH, deltalog: [], payload: w }),
    fc
      .constantFrom(...words('RESET SYNC UPDATE'))
      .map((type) => ({ type, state: FORGED, initialState: FORGED, log: [], clientOnly: true, payload: w })),
    fc.constantFrom('UNDO', 'REDO').map((type) => ({ type, payload: { type: null, args: null, ...w } })),
    fc
      .tuple(
        fc.constantFrom('GAME_EVENT', 'PLUGIN'),
        fc.constantFrom(...words('endGame endTurn random log')),
        args,
      )
      .map(([type, name, args]) => ({ type, payload: { type: name, args, ...w } })),
    fc.record({ type: fc.oneof(text, fc.jsonValue({ maxDepth: 1 })), payload: value }),
    value,
  ),
);
export const updateFrame = fc
  .tuple(
    pick<unknown>([4, makeMove], [1, forged]),
    fc.oneof(fc.nat(40), fc.jsonValue({ maxDepth: 1 })),
    matchID,
  )
  .chain(([action, stateID, id]) => {
    const named = isPlain(action) && isPlain(action.payload) ? action.payload : {};
    const seat = Object.hasOwn(named, 'playerID')
      ? pick([8, fc.constant(named.playerID)], [1, playerID])
      : playerID;
    return seat.map((p): Frame => ({ event: 'update', args: [action, stateID, id, p] }));
  });
export const syncFrame = fc
  .tuple(
    matchID,
    pick<{ playerID: unknown; credentials: unknown }>(
      [3, who],
      [1, fc.constant({ playerID: null, credentials: undefined })],
    ),
    value,
  )
  .map(
    ([id, w, numPlayers]): Frame => ({ event: 'sync', args: [id, w.playerID, w.credentials, numPlayers] }),
  );
/** socket.io-client refuses to send its reserved names. */
export const RESERVED_EVENTS = words(
  'connect connect_error disconnect disconnecting newListener removeListener',
);
export const otherFrame = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(REFUSED_EVENT, 'update ', ...words('chat error connection patch matchData'), ...SNEAKY),
      text.filter((e) => !RESERVED_EVENTS.includes(e) && e !== 'sync' && e !== 'update'),
    ),
    fc.array(fc.oneof(matchID, value), { maxLength: 4 }),
  )
  .map(([event, args]): Frame => ({ event, args }));
/** A frame as socket.io-client sends it; now and then cut short, lengthened or with an ack callback. */
export const emitted = fc
  .tuple(
    pick([6, updateFrame], [2, syncFrame], [1, otherFrame]),
    pick<{ cut?: number; more?: unknown; ack?: true }>(
      [12, fc.constant({})],
      [2, fc.record({ cut: fc.nat(4) })],
      [1, fc.record({ more: value })],
      [1, fc.constant({ ack: true })],
    ),
  )
  .map(([f, s]): Frame => {
    if (s.cut !== undefined) return { event: f.event, args: f.args.slice(0, s.cut) };
    return { event: f.event, args: [...f.args, ...('more' in s ? [s.more] : []), ...(s.ack ? [ACK] : [])] };
  });
export interface RawPacket {
  readonly packet: string | readonly unknown[];
  readonly attachments: readonly Buffer[];
}
export type SocketCase = { readonly frame: Frame } | RawPacket;
export const placeholder = (num: number) => ({ _placeholder: true, num });
/**
 * A socket.io packet written to the connection as is: a binary event (socket.io-parser rebuilds
 * those key by key) whose action hides in an own `__proto__` key, or whose attachment index is
 * out of range; an event named with a number or a name socket.io reserves; or text.
 */
export const rawPacket = pick<RawPacket>(
  [
    2,
    updateFrame.map((f) => ({
      packet: [f.event, withOwnKey('__proto__', f.args[0]), placeholder(0), ...f.args.slice(2)],
      attachments: [Buffer.from([1])],
    })),
  ],
  [
    1,
    updateFrame.map((f) => ({
      packet: [f.event, ...f.args, placeholder(7)],
      attachments: [Buffer.from([1])],
    })),
  ],
  [
    1,
    fc
      .tuple(fc.oneof(fc.integer(), fc.constantFrom(...RESERVED_EVENTS)), fc.array(value, { maxLength: 2 }))
      .map(([event, rest]) => ({ packet: [event, ...rest], attachments: [] })),
  ],
  [
    2,
    fc
      .oneof(
        text,
        text.map((t) => `2/${GAME},${t}`),
      )
      .map((packet) => ({ packet, attachments: [] })),
  ],
);
export const socketCase: fc.Arbitrary<SocketCase> = pick<SocketCase>(
  [12, emitted.map((frame) => ({ frame }))],
  [1, rawPacket],
);

/** Sends a case from the attacker; returns the frame as sent, or null for a raw packet. */
export function send(raw: RawSocket, c: SocketCase, ctx: Context): Frame | null {
  if ('frame' in c) {
    const args = fill(c.frame.args, ctx) as unknown[];
    raw.socket.emit(c.frame.event, ...args);
    return { event: c.frame.event, args };
  }
  const n = c.attachments.length;
  const json = typeof c.packet === 'string' ? null : JSON.stringify(fill(c.packet, ctx));
  engineOf(raw).write(
    json === null ? (c.packet as string) : n > 0 ? `5${n}-/${GAME},${json}` : `2/${GAME},${json}`,
  );
  for (const a of c.attachments) engineOf(raw).write(a);
  return null;
}

// --- Lobby cases -------------------------------------------------------------------------------

export const playerName = pick<unknown>(
  [4, fc.string({ minLength: 1, maxLength: 20 })],
  [1, text],
  [1, repeated(41, 10_000, ['x', '\u0007', ' '])],
);
/** A join's body, mostly in the schema's shape (every seat is taken: it can only be refused). */
export const joinBody = fc
  .tuple(
    pick([3, fc.constantFrom(...SEATS)], [1, playerID], [1, fc.constant(undefined)]),
    playerName,
    rarely(value),
  )
  .map(([playerID, playerName, data]) => ({ playerID, playerName, data }));
/** A body for leave, update, rename or playAgain, mostly in the schema's shape, never with credentials that hold the seat. */
export const seatBody = (route: unknown) =>
  playerID.chain((p) =>
    fc
      .tuple(
        notCredentialsFor(p),
        playerName,
        rarely(fc.tuple(fc.constantFrom(...words('data unlisted newName')), value)),
      )
      .map(([credentials, newName, extra]) => ({
        playerID: p,
        credentials,
        ...(route === 'update' || route === 'rename' ? { newName } : {}),
        ...(extra ? { [extra[0]]: extra[1] } : {}),
      })),
  );
export const setupData = pick<unknown>(
  [2, fc.constantFrom({ scenarioId: SCENARIO }, { scenarioId: SCENARIO, white: true })],
  [
    3,
    fc.record(
      {
        scenarioId: fc.oneof(fc.constant(SCENARIO), fc.constantFrom(...SNEAKY), text),
        seed: fc.oneof(text, repeated(150, 300, ['s'])),
        white: fc.oneof(fc.boolean(), value),
        bots: value,
        prefix: value,
      },
      { requiredKeys: ['scenarioId'] },
    ),
  ],
  [1, value],
);
export const createBody = fc
  .tuple(pick([4, fc.constantFrom(4, 5)], [1, value]), setupData, rarely(value))
  .map(([numPlayers, setupData, unlisted]) => ({ numPlayers, setupData, unlisted }));
export const recordBody = fc.record(
  { record: value, round: value, white: value, bots: value },
  { requiredKeys: [] },
);
/** Bodies written out, so that `__proto__` and `constructor` keys and broken JSON reach the server as sent. */
export const CRAFTED = [
  '{"playerID":"__proto__","playerName":"x"}',
  '{"playerID":"constructor","playerName":"x"}',
  '{"__proto__":{"name":"polluted","credentials":"polluted"},"playerName":"x"}',
  '{"constructor":{"prototype":{"leak":"polluted"}},"playerName":"x"}',
  '{"playerName":"x","data":{"__proto__":{"leak":"polluted"}}}',
  '{"playerID":"0","credentials":"x","newName":"x","__proto__":{"data":"polluted"}}',
  '{"numPlayers":4,"setupData":{"scenarioId":"takaichi-2025","__proto__":{"leak":"polluted"}}}',
  '{"numPlayers":4,"setupData":{"scenarioId":"__proto__"}}',
  '{"numPlayers":4,"setupData":{"scenarioId":"takaichi-2025","bots":{"constructor":"baseline"}}}',
  '{"record":{"__proto__":{"seed":"polluted"}},"round":1}',
  ...['', '{', '{"playerName":"x"', 'null', '[]', '"x"', '1e999', '{"a":1}{"b":2}', '\u0000'],
];
export const deepText = fc
  .record({ n: fc.integer({ min: 100, max: 200_000 }), open: fc.constantFrom('[', '{"a":') })
  .map(
    ({ n, open }) =>
      new Hole(`JSON nested ${n} deep`, () => `${open.repeat(n)}1${(open === '[' ? ']' : '}').repeat(n)}`),
  );
export const segment = pick<unknown>(
  [10, fc.constant(TARGET)],
  [2, fc.constant(BYSTANDER)],
  [2, fc.constantFrom(...SNEAKY)],
  [1, fc.constantFrom('%zz', '%00', '%2F', '..', '%E0%A4%A', 'create')],
  [1, fc.string({ maxLength: 24 }).map(encodeURIComponent)],
  [1, repeated(65, 3_000, ['a'])],
);
export const route = pick<string>(
  [4, fc.constantFrom(...words('join leave update rename playAgain'))],
  [1, fc.constantFrom(...words('timer record report'))],
  [1, fc.string({ maxLength: 12 }).map(encodeURIComponent)],
);
export interface LobbyCase {
  readonly method: string;
  readonly path: readonly unknown[];
  readonly contentType: string | undefined;
  readonly body: { readonly json: unknown } | { readonly raw: unknown };
}
/** A body for a route: mostly shaped like the route's own, else anything. */
export const bodyFor = (r: unknown) => {
  const own =
    r === 'join'
      ? joinBody
      : r === 'create'
        ? createBody
        : r === 'branch' || r === 'report'
          ? recordBody
          : seatBody(r);
  return pick<LobbyCase['body']>(
    [6, own.map((json) => ({ json }))],
    [2, value.map((json) => ({ json }))],
    [2, fc.constantFrom(...CRAFTED).map((raw) => ({ raw }))],
    [1, fc.oneof(text, deepText).map((raw) => ({ raw }))],
    [1, repeated(5_000, 1_100_000, ['x']).map((filler) => ({ json: { playerName: 'x', filler } }))],
  );
};
export const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'text/plain',
  'multipart/form-data; boundary=x',
  undefined,
];
export const lobbyCase: fc.Arbitrary<LobbyCase> = fc
  .record({
    method: pick([10, fc.constant('POST')], [1, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH')]),
    game: pick([12, fc.constant(GAME)], [1, fc.constantFrom(...SNEAKY, 'Island-Chain', '%69sland-chain')]),
    rest: pick<unknown[]>(
      [3, fc.constantFrom('create', 'branch', 'report').map((r) => [r])],
      [8, fc.tuple(segment, route)],
      [1, segment.map((s) => [s])],
      [1, fc.constant([])],
    ),
    contentType: pick<string | undefined>(
      [10, fc.constant('application/json')],
      [1, fc.constantFrom(...CONTENT_TYPES)],
      [1, fc.string({ maxLength: 20 })],
    ),
  })
  .chain(({ method, game, rest, contentType }) =>
    bodyFor(rest.at(-1)).map((body) => ({ method, path: [game, ...rest], contentType, body })),
  );

/** Whether a lobby case asks to create a match (which may succeed: creating is open to anyone). */
export const creates = (c: LobbyCase): boolean =>
  c.method === 'POST' && c.path.length === 2 && c.path[1] === 'create';

export async function request(
  url: string,
  c: LobbyCase,
  ctx: Context,
): Promise<{ status: number; text: string }> {
  const body =
    'raw' in c.body ? String(fill(c.body.raw, ctx)) : (JSON.stringify(fill(c.body.json, ctx)) ?? '');
  const res = await fetch(`${url}/games/${c.path.map((s) => String(fill(s, ctx))).join('/')}`, {
    method: c.method,
    headers: c.contentType === undefined ? {} : { 'content-type': c.contentType },
    body: c.method === 'GET' ? undefined : Buffer.from(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: await res.text() };
}
