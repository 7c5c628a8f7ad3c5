import type { State } from 'boardgame.io';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Faction } from '../../game/index.ts';
import { REFUSED_EVENT } from '../../server/transport.ts';
import { creates, lobbyCase, request, send, socketCase } from './fuzz-cases.ts';
import {
  arrival,
  BARRIER,
  barrier,
  engineOf,
  gOf,
  LIFTED,
  type Match,
  noteSealed,
  OPTIONS,
  openMatch,
  openTable,
  ownMove,
  pollution,
  probe,
  problemsIn,
  RUNS,
  refusalOf,
  SEED,
  SENTENCE,
  type Server,
  type Snapshot,
  STATUSES,
  sealOrder,
  secretsOf,
  snapshot,
  type Table,
  TIMEOUT,
  type Watched,
  watch,
} from './fuzz-helpers.ts';
import { GAME, ours, type RawSocket, rawSocket } from './helpers.ts';

// --- Properties --------------------------------------------------------------------------------

const announce = (what: string): void =>
  console.info(`${what}: ${RUNS} cases from seed ${SEED} (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`);

/** Exceptions and rejections nothing caught: each would end the server's process (main.ts handles neither). */
const crashes: string[] = [];
const crashed = (e: unknown): void => {
  crashes.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
};
beforeAll(() => {
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
});
afterAll(() => {
  process.off('uncaughtException', crashed);
  process.off('unhandledRejection', crashed);
});

describe('fuzz: the socket protocol', () => {
  let server: Server;
  let table: Table;
  let bystander: Match;
  let bystanderChina: Watched;
  let bystanderObserver: Watched;
  let attacker: RawSocket;
  let last: { readonly target: Snapshot; readonly bystander: Snapshot };
  /** Matches in the store: sockets never create one. */
  let matches = 2;
  const sealed = new Map<string, Faction>();
  const watched = (): Watched[] => [
    ...[table.japan, table.china, table.white, table.observer],
    ...[bystanderChina, bystanderObserver],
  ];
  const named = (): [string, Match][] => [
    ['target', table.match],
    ['bystander', bystander],
  ];
  const closeTable = (t: Table): void => {
    for (const w of [t.japan, t.china, t.white, t.observer]) w.raw.close();
  };
  const connectedAttacker = async (): Promise<RawSocket> => {
    if (!attacker.socket.connected) {
      attacker.close();
      attacker = await rawSocket(server.url);
    }
    attacker.received.length = 0;
    return attacker;
  };

  /**
   * Keeps hidden data in the target: a new target when a case ended the match, and a sealed
   * order of Japan's pending whenever Japan may order. Returns the stored target.
   */
  async function keepSecrets(): Promise<Snapshot> {
    let snap = await snapshot(server, table.match.id, 'ignored');
    if (snap.state.ctx.gameover !== undefined) {
      closeTable(table);
      table = await openTable(server);
      matches += 1;
      sealed.clear();
      snap = await snapshot(server, table.match.id, 'ignored');
    }
    if (await sealOrder(table, gOf(snap))) snap = await snapshot(server, table.match.id, 'ignored');
    noteSealed(sealed, gOf(snap));
    return snap;
  }

  beforeAll(async () => {
    server = await ours(LIFTED);
    bystander = await openMatch(server, {}, 4);
    [bystanderChina, bystanderObserver] = await Promise.all([
      watch(server, bystander, 'china'),
      watch(server, bystander, 'observer'),
    ]);
    table = await openTable(server);
    attacker = await rawSocket(server.url);
    last = { target: await keepSecrets(), bystander: await snapshot(server, bystander.id, 'kept') };
  }, 60_000);

  afterAll(async () => {
    attacker?.close();
    if (table) closeTable(table);
    bystanderChina?.raw.close();
    bystanderObserver?.raw.close();
    await server?.close();
  });

  it('sees the secrets where they belong, and its checks flag them anywhere else', async () => {
    const [order, faction] = [...sealed][0]!;
    expect(faction).toBe('japan');
    await arrival(table.white.raw, 0, (f) => f.event === 'update', "White Cell's view of Japan's order");
    expect(table.japan.raw.text()).toContain(order);
    // White Cell's frames, were they China's.
    expect(problemsIn(table.white.raw.received, { ...table.white, seat: 'china' }, named(), sealed)).toEqual(
      expect.arrayContaining([
        'sync: has G.logDigest, which only White Cell sees',
        'sync: has G.counter, which only White Cell sees',
        `update: holds japan's sealed order ${order}`,
      ]),
    );
    // Plain boardgame.io's PATCH copying the seed into ctx, and a frame about another match.
    const sync = table.observer.raw.received.find((f) => f.event === 'sync')!;
    const { state } = sync.args[1] as { state: State };
    const patched = { ...state, ctx: { ...state.ctx, leak: table.match.seed } };
    expect(
      problemsIn([{ event: 'update', args: [table.match.id, patched, []] }], table.observer, named(), sealed),
    ).toEqual(["update: holds the target's seed", 'update: has the ctx key "leak"']);
    expect(
      problemsIn([{ event: 'matchData', args: [bystander.id, []] }], table.china, named(), sealed),
    ).toEqual([`matchData: is about match ${bystander.id}`]);
    // What a join as player "__proto__" did to plain boardgame.io's lobby.
    const proto = Object.prototype as Record<string, unknown>;
    proto.credentials = 'polluted';
    const polluted = pollution();
    Reflect.deleteProperty(proto, 'credentials');
    expect(polluted).toEqual(['Object.prototype has a new key credentials', '({}).credentials is polluted']);
    expect(pollution()).toEqual([]);
  });

  it(
    `takes ${RUNS} hostile frames: refuses what it must, changes and leaks nothing, stays up`,
    async () => {
      announce('socket fuzz');
      const started = Date.now();
      let n = 0;
      const property = fc.asyncProperty(socketCase, async (c) => {
        n += 1;
        crashes.length = 0;
        const before = last;
        const sender = await connectedAttacker();
        const frame = send(sender, c, { target: table.match, bystander, state: before.target.state });
        // Once the attacker's barrier is refused, the server has read the case; once the probes
        // are answered, the matches' queues have run it; once each watched socket's barrier is
        // refused, every frame the case sent it has arrived.
        const token = `${BARRIER}${n}`;
        const stayed = await barrier(sender, token, true);
        await Promise.all([probe(table.observer), probe(bystanderObserver)]);
        await Promise.all(watched().map((w) => barrier(w.raw, token)));

        expect(crashes, 'an uncaught error, which ends the server process').toEqual([]);
        const lobby = await fetch(`${server.url}/games/${GAME}/${table.match.id}`, {
          signal: AbortSignal.timeout(10_000),
        });
        expect([lobby.status, (await lobby.text()).length > 0], 'the lobby answers').toEqual([200, true]);
        expect(await server.storage.listMatches(), 'no socket creates a match').toHaveLength(matches);

        const after = {
          target: await snapshot(server, table.match.id, 'ignored'),
          bystander: await snapshot(server, bystander.id, 'kept'),
        };
        if (after.target.state._stateID !== before.target.state._stateID) {
          expect(
            frame !== null && ownMove(frame, table.match),
            "only a seat's own move changes the match",
          ).toBe(true);
          expect(after.target.state._stateID).toBe(before.target.state._stateID + 1);
        } else {
          expect(after.target.text, 'a refused frame changed the match').toEqual(before.target.text);
          if (stayed && frame !== null)
            await arrival(sender, 0, (f) => !refusalOf(BARRIER)(f), 'answer to the frame');
        }

        const sameRound = gOf(after.target).round === gOf(before.target).round;
        if (sameRound) noteSealed(sealed, gOf(after.target));
        for (const w of watched()) {
          const to = `frames to the ${w.seat} socket of the ${w.match === bystander ? 'bystander' : 'target'}`;
          expect(problemsIn(w.raw.received, w, named(), sameRound ? sealed : null), to).toEqual([]);
          w.raw.received.length = 0;
        }
        if (!sameRound) sealed.clear();

        expect(after.bystander.text, 'the bystander changed').toEqual(before.bystander.text);
        expect(pollution()).toEqual([]);
        last = { target: await keepSecrets(), bystander: after.bystander };
      });
      await fc.assert(property, OPTIONS);
      console.info(`socket fuzz: ${n} cases in ${Date.now() - started} ms`);
    },
    TIMEOUT,
  );

  // Found by this suite (fixed in server/transport.ts): socket.io hands `onAny` an EVENT
  // packet's first element whatever its type (socket.io-parser accepts a number), and nothing
  // for a packet without data (with or without an ack id). The handler called `event.slice`,
  // which threw inside socket.io's dispatch, where nothing catches: one such packet from any
  // client ended the server process. The last is what socket.io-client sends for `emit(1, 'x')`.
  it.each([`2/${GAME},`, `2/${GAME},1`, `2/${GAME},[1]`, `2/${GAME},[1,"x"]`])(
    'refuses the packet %s, whose event is not a string, and stays up',
    async (packet) => {
      crashes.length = 0;
      const sender = await connectedAttacker();
      engineOf(sender).write(packet);
      await arrival(sender, 0, (f) => f.event === REFUSED_EVENT, 'its refusal');
      expect(crashes, 'an uncaught error, which ends the server process').toEqual([]);
    },
  );
});

describe('fuzz: the lobby routes', () => {
  let server: Server;
  let target: Match;
  let bystander: Match;

  beforeAll(async () => {
    server = await ours(LIFTED);
    target = await openMatch(server, { white: true }, 5);
    bystander = await openMatch(server, {}, 4);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it(
    `takes ${RUNS} hostile requests: answers each with a 4xx sentence or a create, changes and leaks nothing`,
    async () => {
      announce('lobby fuzz');
      const started = Date.now();
      const secrets = [...secretsOf('target', target), ...secretsOf('bystander', bystander)];
      let last = [await snapshot(server, target.id, 'kept'), await snapshot(server, bystander.id, 'kept')];
      let n = 0;
      const property = fc.asyncProperty(lobbyCase, async (c) => {
        n += 1;
        crashes.length = 0;
        const res = await request(server.url, c, { target, bystander, state: last[0]!.state });
        const said = `${res.status} ${res.text.slice(0, 200)}`;
        expect(crashes, 'an uncaught error, which ends the server process').toEqual([]);
        expect(STATUSES, said).toContain(res.status);
        if (res.status === 200) expect(c.method === 'GET' || creates(c), said).toBe(true);
        else expect(res.text, said).toMatch(SENTENCE);
        for (const s of secrets) expect(res.text.includes(s.text), `the answer holds ${s.what}`).toBe(false);
        const after = [
          await snapshot(server, target.id, 'kept'),
          await snapshot(server, bystander.id, 'kept'),
        ];
        expect(after.map((s) => s.text)).toEqual(last.map((s) => s.text));
        expect(pollution()).toEqual([]);
        last = after;
      });
      await fc.assert(property, OPTIONS);
      console.info(`lobby fuzz: ${n} cases in ${Date.now() - started} ms`);
    },
    TIMEOUT,
  );
});
