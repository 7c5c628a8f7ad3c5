/**
 * Branching a finished match (issue 4, "Branch"): `setupData.prefix` in game/bgio.ts, the
 * `POST /games/island-chain/branch` route and a branch's own record (server/lobby.ts), and
 * the after-action report routes. A branch reuses the source match's seed, which is public
 * only because that match has ended: the route refuses a record that does not replay, or
 * whose match has not ended.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InitializeGame } from 'boardgame.io/internal';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatchState } from '../../game/index.ts';
import { branchPrefix, type MatchRecord, replay, stateHash } from '../../match/index.ts';
import { getScenario, IslandChainGame } from '../../scenarios/index.ts';
import { GAME, http, ours, until } from './helpers.ts';

const GOLDEN = join(import.meta.dirname, '..', 'golden', 'taiwan-quarantine.record.json');
const golden = (): MatchRecord => JSON.parse(readFileSync(GOLDEN, 'utf8')) as MatchRecord;
const scenario = getScenario('taiwan-quarantine')!;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function server(opts: Parameters<typeof ours>[0] = {}) {
  const s = await ours(opts);
  cleanup.push(() => s.close());
  return s;
}

const branch = (url: string, body: unknown) =>
  http<{ matchID: string; round: number }>(`${url}/games/${GAME}/branch`, body);

/** The record cut after the action that starts `round`: a match still in play. */
function unfinished(record: MatchRecord, round: number): MatchRecord {
  const point = branchPrefix(record, scenario, round);
  if (!point.ok) throw new Error(point.error.message);
  return {
    ...record,
    actions: point.value.prefix,
    roundHashes: record.roundHashes.slice(0, round - 1),
  };
}

describe('setupData.prefix and branchPrefix (game/bgio.ts)', () => {
  it('a prefix up to the start of a round re-creates the recorded state there', () => {
    const record = golden();
    const r = replay(record, scenario);
    for (const round of [1, 2, 5, 10]) {
      const point = branchPrefix(record, scenario, round);
      expect(point.ok, `round ${round}`).toBe(true);
      if (!point.ok) continue;
      expect(point.value.state.round).toBe(round);
      expect(point.value.state.stage).toBe('planning');
      if (round > 1) expect(stateHash(point.value.state)).toBe(r.roundHashes[round - 2]);
      const G = InitializeGame({
        game: IslandChainGame,
        numPlayers: 4,
        setupData: {
          scenarioId: record.scenarioId,
          seed: record.seed,
          prefix: [...point.value.prefix],
        },
      }).G as MatchState;
      expect(stateHash(G)).toBe(stateHash(point.value.state));
    }
  });

  it('refuses a prefix without a seed, an action the engine refuses, and a prefix that ends the match', () => {
    const v = IslandChainGame.validateSetupData!;
    const record = golden();
    expect(v({ scenarioId: record.scenarioId, prefix: [...record.actions.slice(0, 3)] }, 4)).toMatch(
      /prefix needs setupData\.seed/,
    );
    expect(v({ scenarioId: record.scenarioId, seed: record.seed, prefix: 'x' as never }, 4)).toMatch(
      /must be an array/,
    );
    const bad = [
      { type: 'commit', seat: 'china' },
      { type: 'commit', seat: 'china' },
    ];
    expect(v({ scenarioId: record.scenarioId, seed: record.seed, prefix: bad as never }, 4)).toMatch(
      /prefix\[1\] \(commit by china\) is refused/,
    );
    expect(
      v({ scenarioId: record.scenarioId, seed: record.seed, prefix: [{ nonsense: 1 }] as never }, 4),
    ).toMatch(/prefix\[0\] is not an action/);
    expect(v({ scenarioId: record.scenarioId, seed: record.seed, prefix: [...record.actions] }, 4)).toMatch(
      /prefix ends the match/,
    );
  });

  it('branchPrefix refuses rounds the record does not reach or cannot vouch for', () => {
    const record = golden();
    expect(branchPrefix(record, scenario, 11)).toMatchObject({ ok: false, error: { code: 'ERR_BAD_ROUND' } });
    expect(branchPrefix(record, scenario, 0)).toMatchObject({ ok: false, error: { code: 'ERR_BAD_ROUND' } });
    const corrupt = { ...record, roundHashes: record.roundHashes.map((h, i) => (i === 2 ? 'f00d' : h)) };
    expect(branchPrefix(corrupt, scenario, 3).ok).toBe(true);
    expect(branchPrefix(corrupt, scenario, 4)).toMatchObject({ ok: false, error: { code: 'ERR_DIVERGES' } });
    expect(branchPrefix(unfinished(record, 4), scenario, 2)).toMatchObject({
      ok: false,
      error: { code: 'ERR_NOT_FINISHED' },
    });
  });
});

describe('POST /games/island-chain/branch', () => {
  it('refuses a record that does not replay', async () => {
    const s = await server();
    const record = golden();
    const diverging = {
      ...record,
      roundHashes: record.roundHashes.map((h, i) => (i === 0 ? '0'.repeat(16) : h)),
    };
    const r1 = await branch(s.url, { record: diverging, round: 2 });
    expect(r1.status).toBe(400);
    expect(r1.text).toMatch(/diverges from these rules in round 1/);
    // The first round's start needs no verified hash: round 1 is the scenario and the seed.
    expect((await branch(s.url, { record: diverging, round: 1 })).status).toBe(200);

    const tampered = {
      ...record,
      actions: record.actions.map((a, i) => (i === 0 ? { ...a, order: { type: 'escalate', to: 5 } } : a)),
    };
    const r2 = await branch(s.url, { record: tampered, round: 3 });
    expect(r2.status).toBe(400);
    expect(r2.text).toMatch(/Cannot branch/);

    const otherScenario = { ...record, scenarioHash: 'deadbeefdeadbeef' };
    const r3 = await branch(s.url, { record: otherScenario, round: 2 });
    expect(r3.status).toBe(400);
    expect(r3.text).toMatch(/hash deadbeefdeadbeef/);

    const r4 = await branch(s.url, { record: { ...record, seed: 7 }, round: 2 });
    expect(r4.status).toBe(400);
    expect(r4.text).toMatch(/"seed" must be a string/);
    const huge = { ...record, actions: Array.from({ length: 5001 }, () => record.actions[0]) };
    expect((await branch(s.url, { record: huge, round: 2 })).status).toBe(413);
    expect((await branch(s.url, { record, round: 11 })).status).toBe(400);
    expect((await branch(s.url, { record, round: 2, white: true })).text).toMatch(/without a White Cell/);
    expect((await branch(s.url, { record, round: 2, bots: { china: 'baseline' } })).text).toMatch(
      /not a china policy/,
    );
  });

  it("refuses an unfinished match's record: its seed is still secret", async () => {
    const s = await server();
    const r = await branch(s.url, { record: unfinished(golden(), 4), round: 2 });
    expect(r.status).toBe(403);
    expect(r.text).toMatch(/has not ended \(it stops in round 4\)/);
    // A live match on the server does not hand out its record to branch from.
    const live = await branch(s.url, { record: golden(), round: 3 });
    const rec = await http(`${s.url}/games/${GAME}/${live.json.matchID}/record`);
    expect(rec.status).toBe(403);
  });

  it("creates a match at the requested round with the record's seed, and its record replays from round 1", async () => {
    const s = await server();
    const record = golden();
    const r = await branch(s.url, {
      record: { ...record, bookmarks: [{ round: 2, note: 'ignored by the server' }] },
      round: 8,
      bots: { japan: 'baseline', us: 'baseline', china: 'aggressive', taiwan: 'baseline' },
    });
    expect(r.status, r.text).toBe(200);
    expect(r.json.round).toBe(8);
    const id = r.json.matchID;
    const initial = (await s.storage.fetch(id, { initialState: true })).initialState!.G as MatchState;
    expect(initial.seed).toBe(record.seed);
    expect(initial.round).toBe(8);
    expect(stateHash(initial)).toBe(record.roundHashes[6]);
    // The lobby's metadata holds neither the seed nor the prefix.
    const meta = await http<{ setupData: Record<string, unknown> }>(`${s.url}/games/${GAME}/${id}`);
    expect(meta.json.setupData).toEqual({
      scenarioId: record.scenarioId,
      white: false,
      bots: { japan: 'baseline', us: 'baseline', china: 'aggressive', taiwan: 'baseline' },
    });
    expect(meta.text).not.toContain(record.seed);

    // Bots play the branch to its end; its record starts with the source's actions.
    await until(
      async () => (await http<{ gameover?: unknown }>(`${s.url}/games/${GAME}/${id}`)).json.gameover,
      30_000,
      'the branch to end',
    );
    const out = await http<{ record: MatchRecord; verified: boolean }>(`${s.url}/games/${GAME}/${id}/record`);
    expect(out.json.verified).toBe(true);
    const point = branchPrefix(record, scenario, 8);
    expect(point.ok && out.json.record.actions.slice(0, point.value.prefix.length)).toEqual(
      point.ok ? point.value.prefix : null,
    );
    expect(out.json.record.roundHashes.slice(0, 7)).toEqual(record.roundHashes.slice(0, 7));
    expect(replay(out.json.record, scenario).ok).toBe(true);

    // The after-action report of the finished branch, and of a record sent in the body.
    const html = await http(`${s.url}/games/${GAME}/${id}/report`);
    expect(html.status).toBe(200);
    expect(html.text).toMatch(/after-action report/);
    const posted = await http(`${s.url}/games/${GAME}/report`, { record });
    expect(posted.status).toBe(200);
    expect(posted.text).toMatch(/<!DOCTYPE html>/);
  });

  it('is rate-limited like create', async () => {
    const s = await server({ createPerMinute: 2 });
    const record = golden();
    expect((await branch(s.url, { record, round: 2 })).status).toBe(200);
    expect((await branch(s.url, { record, round: 3 })).status).toBe(200);
    const third = await branch(s.url, { record, round: 4 });
    expect(third.status).toBe(429);
    expect(third.text).toMatch(/Too many matches/);
  });
});
