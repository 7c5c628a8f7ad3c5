/**
 * Several tables, one seminar (issue 10; server/seminar.ts): a seminar opens N tables of one
 * scenario (the same seed or a seed each), each with a White Cell seat and seat keys; its key
 * opens its tables' public state; the create rate limit and the open-match cap count each table
 * and refuse a seminar whole; hostile bodies are refused with a sentence naming the problem and
 * nothing is created; the comparison's bot batch plays on a worker thread, its shares sum to 1,
 * and it is cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchState } from '../../game/index.ts';
import { SEAT_KEYS } from '../../server/seats.ts';
import { SEMINAR_KEY } from '../../server/seminar.ts';
import { GAME, http, ours, until } from './helpers.ts';

type Ours = Awaited<ReturnType<typeof ours>>;
interface Created {
  seminarID: string;
  seminarKey: string;
  tables: { matchID: string; seatKeys: Record<string, string> }[];
}

const servers: Ours[] = [];
let s: Ours;
beforeAll(async () => {
  s = await ours({ createPerMinute: 1000, maxOpenMatches: 1000 });
  servers.push(s);
});
afterAll(async () => {
  for (const x of servers) await x.close();
});

const seminarUrl = (x: Ours, path = '') => `${x.url}/games/${GAME}/seminar${path}`;
const BASE = { scenarioId: 'taiwan-invasion', bots: { china: 'aggressive', taiwan: 'baseline' } };

async function seminar(x: Ours, body: Record<string, unknown>) {
  return http<Created>(seminarUrl(x), body);
}

/** A POST with a raw body (for bodies JSON.stringify cannot make). */
async function raw(url: string, text: string, type = 'application/json') {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body: text });
  return { status: res.status, text: await res.text() };
}

const initialG = async (x: Ours, id: string) =>
  ((await x.storage.fetch(id, { initialState: true })).initialState?.G ?? null) as MatchState | null;
const matchCount = async (x: Ours) => (await x.storage.listMatches()).length;

describe('opening a seminar', () => {
  it('opens two tables with the same seed: identical initial states, a White Cell seat and keys for the human seats', async () => {
    const r = await seminar(s, { ...BASE, tables: 2, seed: 'room-a' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.tables).toHaveLength(2);
    const [a, b] = r.json.tables;
    expect(a!.matchID).not.toBe(b!.matchID);
    for (const t of r.json.tables) {
      // Japan, the US and the White Cell are human: each has a key; the bots have none.
      expect(Object.keys(t.seatKeys).sort()).toEqual(['0', '1', '4']);
      const { metadata } = await s.storage.fetch(t.matchID, { metadata: true });
      expect(Object.keys(metadata!.players)).toHaveLength(5);
      expect(JSON.stringify(metadata)).not.toContain('room-a');
      expect(await s.storage.getServerValue(t.matchID, SEAT_KEYS)).toBeTruthy();
      const record = await s.storage.getServerValue<{ keyDigest: string }>(t.matchID, SEMINAR_KEY);
      expect(JSON.stringify(record)).not.toContain(r.json.seminarKey);
    }
    const ga = await initialG(s, a!.matchID);
    const gb = await initialG(s, b!.matchID);
    expect(ga?.seed).toBe('room-a');
    expect(JSON.stringify(ga)).toBe(JSON.stringify(gb));
    expect(ga?.white.present).toBe(true);
    // A table's White Cell key takes its seat.
    const join = await http(`${s.url}/games/${GAME}/${a!.matchID}/join`, {
      playerID: '4',
      playerName: 'Facilitator',
      seatKey: a!.seatKeys['4'],
    });
    expect(join.status, join.text).toBe(200);
  });

  it('gives each table its own seed when asked: the initial states differ', async () => {
    const r = await seminar(s, { ...BASE, tables: 3, seed: 'room-b', seeding: 'each' });
    expect(r.status, r.text).toBe(200);
    const gs = await Promise.all(r.json.tables.map((t) => initialG(s, t.matchID)));
    expect(gs.map((g) => g?.seed)).toEqual(['room-b-1', 'room-b-2', 'room-b-3']);
    expect(new Set(gs.map((g) => JSON.stringify(g))).size).toBe(3);
    // Without a seed, each table draws its own; with "same", one is drawn for all.
    const drawn = await seminar(s, { ...BASE, tables: 2, seeding: 'each' });
    const [d1, d2] = await Promise.all(drawn.json.tables.map((t) => initialG(s, t.matchID)));
    expect(d1?.seed).not.toBe(d2?.seed);
    const same = await seminar(s, { ...BASE, tables: 2 });
    const [s1, s2] = await Promise.all(same.json.tables.map((t) => initialG(s, t.matchID)));
    expect(s1?.seed).toBe(s2?.seed);
  });

  it('refuses hostile bodies with a sentence naming the problem, and creates nothing', async () => {
    const before = await matchCount(s);
    const cases: [unknown, RegExp][] = [
      [{ ...BASE, tables: 2, white: false }, /"white"/],
      [{ ...BASE, tables: 1 }, /"tables" must be at least 2/],
      [{ ...BASE, tables: 9 }, /"tables" must be at most 8/],
      [{ ...BASE, tables: 2.5 }, /"tables" must be a whole number/],
      [{ ...BASE, tables: '2' }, /"tables" must be a whole number/],
      [{ ...BASE }, /"tables"/],
      [{ ...BASE, tables: 2, scenarioId: 'atlantis' }, /"scenarioId" must be the id of a scenario/],
      [{ ...BASE, tables: 2, scenarioId: 'toString' }, /"scenarioId"/],
      [{ ...BASE, tables: 2, bots: { china: 'nuclear' } }, /china.*nuclear.*not a china policy/],
      [{ ...BASE, tables: 2, bots: { klingon: 'aggressive' } }, /"bots".*"klingon"/],
      [{ ...BASE, tables: 2, bots: { china: 'x'.repeat(41) } }, /"bots.china" must be a bot policy name/],
      [{ ...BASE, tables: 2, seed: 'x'.repeat(201) }, /"seed" must be text of 1 to 200/],
      [{ ...BASE, tables: 2, seed: 'a\u0000b' }, /"seed"/],
      [{ ...BASE, tables: 2, seeding: 'some' }, /"seeding" must be "same"/],
      [[1, 2], /expected object|must be/i],
    ];
    for (const [b, message] of cases) {
      const r = await http(seminarUrl(s), b);
      expect(r.status, JSON.stringify(b)).toBe(400);
      expect(r.text).toMatch(message);
    }
    const proto = await raw(seminarUrl(s), '{"scenarioId":"taiwan-invasion","tables":2,"__proto__":{"x":1}}');
    expect(proto.status).toBe(400);
    expect(proto.text).toMatch(/not acceptable JSON/);
    const nested = await raw(
      seminarUrl(s),
      '{"scenarioId":"taiwan-invasion","tables":2,"bots":{"constructor":{"prototype":1}}}',
    );
    expect(nested.status).toBe(400);
    expect((await raw(seminarUrl(s), 'tables=2', 'text/plain')).status).toBe(415);
    const big = await raw(seminarUrl(s), JSON.stringify({ ...BASE, tables: 2, seed: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    expect(await matchCount(s)).toBe(before);
  });
});

describe('limits', () => {
  it('counts each table against the create rate limit and refuses a seminar it would not wholly allow', async () => {
    const x = await ours({ createPerMinute: 5, maxOpenMatches: 100 });
    servers.push(x);
    expect((await seminar(x, { ...BASE, tables: 4 })).status).toBe(200);
    const refused = await seminar(x, { ...BASE, tables: 2 });
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(
      /a seminar of 2 tables counts as 2 creations.*at most 5 are allowed a minute \(1 left now\)/,
    );
    expect(await matchCount(x)).toBe(4);
    // The refused seminar gave its counts back: one more match may be created, then no more.
    const one = await http(`${x.url}/games/${GAME}/create`, { setupData: { scenarioId: 'taiwan-invasion' } });
    expect(one.status, one.text).toBe(200);
    const none = await http(`${x.url}/games/${GAME}/create`, {
      setupData: { scenarioId: 'taiwan-invasion' },
    });
    expect(none.status).toBe(429);
  });

  it('counts each table against the open-match cap and refuses a seminar that would pass it', async () => {
    const x = await ours({ createPerMinute: 100, maxOpenMatches: 3 });
    servers.push(x);
    expect((await seminar(x, { ...BASE, tables: 2 })).status).toBe(200);
    const refused = await seminar(x, { ...BASE, tables: 2 });
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(
      /holds 2 open matches and its limit is 3: a seminar of 2 tables needs 2 more/,
    );
    expect(await matchCount(x)).toBe(2);
    const one = await http(`${x.url}/games/${GAME}/create`, { setupData: { scenarioId: 'taiwan-invasion' } });
    expect(one.status, one.text).toBe(200);
  });
});

describe('the seminar page and its comparison', () => {
  let created: Created;
  beforeAll(async () => {
    const r = await seminar(s, { ...BASE, tables: 2, seed: 'room-c' });
    expect(r.status).toBe(200);
    created = r.json;
  });

  it("needs the seminar's key", async () => {
    const id = created.seminarID;
    const missing = await http(seminarUrl(s, `/${id}`), {});
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/"key" must be the seminar's key/);
    const wrong = await http(seminarUrl(s, `/${id}`), { key: created.tables[0]!.seatKeys['4'] });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toMatch(/does not open seminar/);
    const unknown = await http(seminarUrl(s, '/nosuchseminar'), { key: created.seminarKey });
    expect(unknown.status).toBe(404);
    const extra = await http(seminarUrl(s, `/${id}`), { key: created.seminarKey, white: true });
    expect(extra.status).toBe(400);
    const compare = await http(seminarUrl(s, `/${id}/compare`), { key: 'wrong-key', games: 2 });
    expect(compare.status).toBe(403);

    const r = await http<{ tables: { matchID: string; round: number; escalation: number; stage: string }[] }>(
      seminarUrl(s, `/${id}`),
      { key: created.seminarKey },
    );
    expect(r.status, r.text).toBe(200);
    expect(r.json.tables.map((t) => t.matchID)).toEqual(created.tables.map((t) => t.matchID));
    for (const t of r.json.tables) {
      expect(t.round).toBe(1);
      expect(t.stage).toBe('planning');
      expect(typeof t.escalation).toBe('number');
    }
    // Public data only: no seed, no hidden orders.
    expect(r.text).not.toContain('room-c');
    expect(r.text).not.toContain('"orders"');
  });

  it('plays a bounded bot batch on a worker thread: shares sum to 1, and the result is cached', async () => {
    const id = created.seminarID;
    const url = seminarUrl(s, `/${id}/compare`);
    expect((await http(url, { key: created.seminarKey, games: 1001 })).status).toBe(400);
    expect((await http(url, { key: created.seminarKey, games: 0 })).status).toBe(400);

    const first = await http<{ state: string; total: number }>(url, { key: created.seminarKey, games: 8 });
    expect(first.status, first.text).toBe(202);
    expect(first.json).toMatchObject({ state: 'running', total: 8 });
    // One batch at a time: another one is refused while it plays.
    const other = await http(url, { key: created.seminarKey, games: 9 });
    expect(other.status).toBe(503);
    expect(other.text).toMatch(/plays one at a time/);
    // The event loop is free while the games are played.
    const t0 = Date.now();
    expect((await http(`${s.url}/games/${GAME}/${created.tables[0]!.matchID}/seats`)).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(1000);

    type Done = {
      state: 'done';
      games: number;
      computedAt: number;
      outcomes: { outcome: string; count: number; p: number }[];
      tables: { matchID: string; compared: string | null; share: number | null }[];
    };
    const done = await until(
      async () => {
        const r = await http<Done>(url, { key: created.seminarKey, games: 8 });
        return r.status === 200 ? r.json : undefined;
      },
      120_000,
      'the bot batch',
    );
    expect(done.games).toBe(8);
    expect(done.outcomes.reduce((a, o) => a + o.count, 0)).toBe(8);
    expect(done.outcomes.reduce((a, o) => a + o.p, 0)).toBeCloseTo(1, 3);
    // Both tables are still in play: nothing to place yet.
    expect(done.tables.map((t) => t.compared)).toEqual([null, null]);

    const again = await http<Done>(url, { key: created.seminarKey, games: 8 });
    expect(again.status).toBe(200);
    expect(again.json.computedAt).toBe(done.computedAt);
  }, 150_000);
});
