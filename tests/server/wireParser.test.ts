/**
 * The server's socket.io parser (server/wireParser.ts) and the JSON text it writes
 * (server/frozenJson.ts): the same text packets as socket.io-parser, JSON exactly as
 * `JSON.stringify` writes it (non-ASCII characters as `\u` escapes) however often a frozen
 * object is written, and binary refused at the door while an ordinary client still plays.
 */
import fc from 'fast-check';
import { Decoder as StockDecoder, Encoder as StockEncoder } from 'socket.io-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ascii, stringify } from '../../server/frozenJson.ts';
import { REFUSED_EVENT } from '../../server/transport.ts';
import { Decoder, decodePacket, Encoder, type Packet } from '../../server/wireParser.ts';
import {
  createMatch,
  joinSeat,
  ours,
  rawSocket,
  type SocketClient,
  socketClient,
  until,
  viewOf,
} from './helpers.ts';

const deepFreeze = <T>(x: T): T => {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x) && !ArrayBuffer.isView(x)) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
};

/** Freezes some of the objects in `x` (those whose path hashes odd), leaving the rest as they are. */
const freezeSome = (x: unknown, seed: number): unknown => {
  if (typeof x !== 'object' || x === null) return x;
  let i = seed;
  for (const v of Object.values(x)) {
    i = (i * 31 + 7) % 1009;
    freezeSome(v, i);
  }
  if (seed % 2 === 1) Object.freeze(x);
  return x;
};

/** What `stringify` must write: JSON.stringify's text, non-ASCII characters escaped. */
const json = (v: unknown): string | undefined => {
  const t = JSON.stringify(v);
  return t === undefined ? t : ascii(t);
};

describe('frozenJson stringify', () => {
  it('writes what JSON.stringify writes, for any JSON value, frozen or not, written once or again', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(1000), (value, seed) => {
        const v = freezeSome(structuredClone(value), seed);
        expect(stringify(v)).toBe(json(v));
        expect(stringify(v)).toBe(json(v));
        expect(stringify(deepFreeze(v))).toBe(json(v));
        expect(stringify({ again: v, list: [v, v] })).toBe(json({ again: v, list: [v, v] }));
      }),
      { numRuns: 300 },
    );
  });

  it('follows JSON.stringify on what JSON itself leaves out or rewrites', () => {
    const date = new Date(0);
    const cases: unknown[] = [
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
      [undefined, () => 1, Symbol('s'), Number.NaN, Number.POSITIVE_INFINITY, -0],
      { when: date, nested: [date] },
      { toJSON: (key: string) => `key:${key}` },
      { inner: { toJSON: (key: string) => ({ key }) } },
      [{ toJSON: (key: string) => key }],
      Object.assign(Object.create(null), { x: 1 }),
      { s: 'quote " backslash \\ newline \n lone \ud800 emoji 😀', '\u2028key': 1 },
      // biome-ignore lint/suspicious/noSparseArray: a hole is written as null
      [1, , 3],
      { big: new Uint8Array([1, 2]), boxed: [new String('s'), new Number(2), new Boolean(false)] },
      new Map([[1, 2]]),
      'top',
      7,
      null,
      true,
    ];
    for (const c of cases) {
      expect(stringify(c)).toBe(json(c));
      expect(stringify(deepFreeze(c))).toBe(json(c));
    }
    expect(stringify(undefined)).toBe(json(undefined));
  });

  it('writes non-ASCII characters as escapes: ASCII text that parses to the same value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), (d) => {
        const v = deepFreeze({ d, list: Object.values(d) });
        const text = stringify(v)!;
        // ASCII: JSON escapes the control characters below 0x20; DEL (0x7f) stays as it is.
        expect(text).toMatch(/^[\x20-\x7f]*$/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(stringify(v)).toBe(text);
      }),
      { numRuns: 200 },
    );
    expect(stringify({ a: 'dash \u2014 \u00e9 \ud83d\ude00' })).toBe(
      '{"a":"dash \\u2014 \\u00e9 \\ud83d\\ude00"}',
    );
  });

  it('writes an object again when something under it changed: only wholly frozen objects are kept', () => {
    const inner = { n: 1 };
    const outer = Object.freeze({ inner, list: Object.freeze([inner]) });
    expect(stringify(outer)).toBe('{"inner":{"n":1},"list":[{"n":1}]}');
    inner.n = 2;
    expect(stringify(outer)).toBe('{"inner":{"n":2},"list":[{"n":2}]}');
    const withDate = Object.freeze({ at: Object.freeze(new Date(0)) });
    expect(stringify(withDate)).toBe(json(withDate));
  });
});

/** socket.io-parser's packets, non-ASCII characters escaped. */
const stockEncode = (p: Packet): unknown =>
  (new StockEncoder().encode(p as never) as string[]).map((t) => ascii(t));
const stockDecode = (s: string): unknown => {
  const d = new StockDecoder();
  let got: unknown;
  d.on('decoded', (p: unknown) => {
    got = p;
  });
  d.add(s);
  return got;
};

describe('wire parser', () => {
  it('encodes packets as socket.io-parser does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2, 3, 4),
        fc.constantFrom('/', '/island-chain'),
        fc.option(fc.nat(), { nil: undefined }),
        fc.array(fc.jsonValue(), { maxLength: 4 }),
        (type, nsp, id, args) => {
          const p: Packet = { type, nsp, data: ['update', ...args], ...(id === undefined ? {} : { id }) };
          expect(new Encoder().encode(p)).toEqual(stockEncode(p));
        },
      ),
      { numRuns: 200 },
    );
    for (const p of [
      { type: 0, nsp: '/island-chain', data: { sid: 'abc' } },
      { type: 1, nsp: '/island-chain' },
      { type: 4, nsp: '/x', data: { message: 'Invalid namespace' } },
    ])
      expect(new Encoder().encode(p)).toEqual(stockEncode(p));
  });

  it('decodes what a client sends as socket.io-parser does', () => {
    const sent = [
      '0',
      '0/island-chain,',
      '0/island-chain,{"token":"x"}',
      '1/island-chain,',
      '2["sync","m",null,null,5]',
      '2/island-chain,["update",{"type":"MAKE_MOVE"},3,"m","0"]',
      '2/island-chain,12["sync","m"]',
      '2/island-chain,[7,"numbered event"]',
      '2/island-chain,',
      '2/island-chain,1',
    ];
    for (const s of sent) expect(decodePacket(s)).toEqual(stockDecode(s));
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 4 }),
        fc.option(fc.nat(), { nil: undefined }),
        (args, id) => {
          const s = new StockEncoder().encode({
            type: 2,
            nsp: '/island-chain',
            id,
            data: ['ev', ...args],
          })[0] as string;
          expect(decodePacket(s)).toEqual(stockDecode(s));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses binary frames, binary packets and packets a client never sends', () => {
    const d = new Decoder();
    expect(() => d.add(Buffer.from([1, 2, 3]))).toThrow(/binary/);
    expect(() => d.add(new ArrayBuffer(4))).toThrow(/binary/);
    for (const s of [
      '51-/island-chain,["update",{"_placeholder":true,"num":0}]',
      '61-/island-chain,0[{"_placeholder":true,"num":0}]',
      '3/island-chain,1[]',
      '4/island-chain,"no"',
      '9',
      '',
      '2/island-chain,["connect"]',
      '2/island-chain,{"not":"a list"}',
      '2/island-chain,[oops',
      '1/island-chain,{}',
    ])
      expect(() => decodePacket(s), s).toThrow();
  });
});

describe('the server with its wire parser', () => {
  type Running = Awaited<ReturnType<typeof ours>>;
  let server: Running;
  const clients: SocketClient[] = [];
  beforeAll(async () => {
    server = await ours();
  });
  afterAll(async () => {
    for (const c of clients) c.stop();
    await server?.close();
  });

  it('closes a socket that sends a binary packet, and reads nothing from it', async () => {
    const matchID = await createMatch(server.url, { scenarioId: 'takaichi-2025' });
    const raw = await rawSocket(server.url);
    const closed = new Promise<string>((r) => raw.socket.once('disconnect', (reason) => r(reason)));
    // socket.io-client sends a BINARY_EVENT header, then the bytes as a binary frame.
    raw.socket.emit('sync', matchID, Buffer.from('credentials'));
    expect(await closed).not.toBe('io client disconnect');
    expect(raw.received.filter((m) => m.event === 'sync')).toEqual([]);
    raw.close();
  });

  it('closes a socket that sends a bare binary frame', async () => {
    const raw = await rawSocket(server.url);
    const closed = new Promise<string>((r) => raw.socket.once('disconnect', (reason) => r(reason)));
    (raw.socket.io as unknown as { engine: { send(data: Uint8Array): void } }).engine.send(
      new Uint8Array([2, 91, 93]),
    );
    expect(await closed).not.toBe('io client disconnect');
    raw.close();
  });

  it('lets an ordinary client sync and play, and refuses with a reason as before', async () => {
    const matchID = await createMatch(server.url, { scenarioId: 'takaichi-2025' });
    const creds = await joinSeat(server.url, matchID, '0');
    const japan = socketClient(server.url, matchID, '0', creds);
    clients.push(japan);
    await until(() => viewOf(japan), 10_000, 'Japan synced');
    japan.moves.order!({ order: { type: 'gray-zone', action: 'protest', zone: 'kanto' } });
    await until(() => (viewOf(japan)?.pending.japan.orders.length ?? 0) === 1, 10_000, 'the order');
    const view = viewOf(japan)!;
    expect(view.seat).toBe('japan');
    expect(view.seed).toBeUndefined();
    const raw = await rawSocket(server.url);
    const refused = new Promise<unknown>((r) => raw.socket.once(REFUSED_EVENT, r));
    raw.socket.emit('chat', matchID, 'hello');
    expect(await refused).toMatchObject({ matchID });
    raw.close();
  }, 30_000);
});
