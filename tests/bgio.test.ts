/**
 * Headless boardgame.io clients against a Local master with a fixed seed (CONVENTIONS
 * item 12): one client per seat, as in a networked match. Local delivers the master's
 * updates synchronously, so each move's effect is visible as soon as it is dispatched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'boardgame.io/client';
import { CreateGameReducer, createMatch, InitializeGame, ProcessGameConfig } from 'boardgame.io/internal';
import { Local } from 'boardgame.io/multiplayer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkAction,
  makeGame,
  PLAYER_OF_SEAT,
  type Rejection,
  SEAT_OF_PLAYER,
  seatOf,
} from '../game/bgio.ts';
import {
  FACTIONS,
  hashValue,
  legalOrders,
  type MatchState,
  type MatchView,
  newMatch,
  type Order,
  viewFor,
  visibleUnits,
} from '../game/index.ts';
import { stateHash } from '../match/index.ts';
import { getScenario, IslandChainGame } from '../scenarios/index.ts';
import { act, scenario } from './helpers.ts';

const SCENARIO = 'takaichi-2025';
const SEED = 'bgio-client-test';
const sc = scenario(SCENARIO);

type TestClient = ReturnType<typeof Client<MatchState>>;
let running: TestClient[] = [];

/** A match on a fresh Local master (one per game object) with a client for every seat. */
function table(numPlayers: 4 | 5 = 4) {
  const rejections: Rejection[] = [];
  const game = makeGame(getScenario, {
    defaults: { scenarioId: SCENARIO, seed: SEED },
    onReject: (r) => rejections.push(r),
  });
  const clients = Array.from({ length: numPlayers }, (_, i) =>
    Client({ game, numPlayers, playerID: String(i), multiplayer: Local() }),
  );
  for (const c of clients) c.start();
  running.push(...clients);
  const at = (seat: keyof typeof PLAYER_OF_SEAT): TestClient => clients[Number(PLAYER_OF_SEAT[seat])]!;
  return { game, clients, at, rejections };
}

afterEach(() => {
  for (const c of running) c.stop();
  running = [];
  vi.restoreAllMocks();
});

/** boardgame.io prints "ERROR: invalid move" for each refused move; tests that expect refusals count them instead. */
const quietErrors = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);

const stateOf = (c: TestClient) => {
  const s = c.getState();
  if (!s) throw new Error('test setup: client has not synced');
  return s;
};
/** What the master sent this client: its seat's view, not the full state. */
const viewOf = (c: TestClient): MatchView => stateOf(c).G as unknown as MatchView;

/** A Japanese unit move that is legal at the start of the scenario. */
function japanMove(s: MatchState): Order {
  const o = legalOrders(s, sc, 'japan').find((x) => x.type === 'move');
  if (!o) throw new Error('test setup: Japan has no legal move in round 1');
  return o;
}

describe('boardgame.io adapter', () => {
  it('seats: players 0-4 are japan, us, china, taiwan, white and back', () => {
    expect(Object.entries(SEAT_OF_PLAYER)).toEqual([
      ['0', 'japan'],
      ['1', 'us'],
      ['2', 'china'],
      ['3', 'taiwan'],
      ['4', 'white'],
    ]);
    for (const [p, seat] of Object.entries(SEAT_OF_PLAYER)) expect(PLAYER_OF_SEAT[seat]).toBe(p);
    expect([
      seatOf('5'),
      seatOf('toString'),
      seatOf(null),
      seatOf('4', { playOrder: ['0', '1', '2', '3'] }),
    ]).toEqual([null, null, null, null]);
    expect(IslandChainGame.name).toBe('island-chain');
    expect([IslandChainGame.minPlayers, IslandChainGame.maxPlayers]).toEqual([4, 5]);
    // Every move is server-only (adjudication draws from the secret seed) and tolerates a stale state id.
    for (const m of Object.values(IslandChainGame.moves!))
      expect(m).toMatchObject({ client: false, ignoreStaleStateID: true });
  });

  it('the clients start from the same round-1 state as the pure engine', () => {
    const { at } = table();
    const engine = newMatch(sc, { seed: SEED });
    expect(hashValue(viewOf(at('taiwan')))).toBe(hashValue(viewFor(engine, 'taiwan')));
    expect(stateOf(at('taiwan')).ctx.activePlayers).toEqual({ '0': null, '1': null, '2': null, '3': null });
  });

  it('(a) an illegal order returns INVALID_MOVE and leaves the state unchanged', () => {
    const errors = quietErrors();
    const { at, rejections } = table();
    const japan = at('japan');
    const engine = newMatch(sc, { seed: SEED });
    const chinese = Object.values(engine.units).find((u) => u.faction === 'china')!;
    const illegal: Order = { type: 'move', unit: chinese.id, to: chinese.zone };
    const reason = checkAction(
      viewOf(japan),
      'japan',
      { type: 'order', seat: 'japan', order: illegal },
      getScenario,
    );
    expect(reason.ok).toBe(false);

    const before = stateOf(japan);
    japan.moves.order!({ order: illegal });
    const after = stateOf(japan);
    expect(after._stateID).toBe(before._stateID);
    expect(hashValue(after.G)).toBe(hashValue(before.G));
    expect(viewOf(japan).pending.japan.orders).toHaveLength(0);
    expect(rejections).toHaveLength(1);
    expect(rejections[0]!.playerID).toBe('0');
    expect(rejections[0]!.error.code).toBe(reason.ok ? 'ok' : reason.error.code);
    expect(errors).toHaveBeenCalledTimes(1);

    // The same client's legal order goes through, so the refusal above was about the order.
    const legal = japanMove(engine);
    expect(
      checkAction(viewOf(japan), 'japan', { type: 'order', seat: 'japan', order: legal }, getScenario).ok,
    ).toBe(true);
    japan.moves.order!({ order: legal });
    expect(stateOf(japan)._stateID).toBe(before._stateID + 1);
    expect(viewOf(japan).pending.japan.orders).toEqual([legal]);
  });

  it('(b) a seat cannot act for another: the seat always comes from the playerID', () => {
    quietErrors();
    const { at, rejections } = table();
    const china = at('china');
    const order = japanMove(newMatch(sc, { seed: SEED }));

    china.moves.order!({ seat: 'japan', order });
    expect(viewOf(at('japan')).pending.japan.orders).toHaveLength(0);
    expect(rejections.map((r) => r.action?.seat)).toEqual(['china']);

    china.moves.commit!({ seat: 'japan' });
    const seen = viewOf(at('us')).pending;
    expect(seen.japan.committed).toBe(false);
    expect(seen.china.committed).toBe(true);
    // checkAction applies the same rule: the action's own seat field is ignored.
    expect(checkAction(viewOf(china), 'china', { type: 'order', seat: 'japan', order }, getScenario).ok).toBe(
      false,
    );
  });

  it("(c) China's view has no seed, none of Japan's pending orders and no unseen Japanese units", () => {
    const { at } = table();
    const order = japanMove(newMatch(sc, { seed: SEED }));
    at('japan').moves.order!({ order });
    const engine = act(sc, newMatch(sc, { seed: SEED }), { type: 'order', seat: 'japan', order });
    expect(engine.pending.japan.orders).toHaveLength(1);

    const view = viewOf(at('china'));
    expect(view).not.toHaveProperty('seed');
    expect(JSON.stringify(view)).not.toContain(SEED);
    expect(view.pending.japan.orders).toHaveLength(0);
    const visible = visibleUnits(engine, 'china').map((u) => u.id);
    expect(Object.keys(view.units).sort()).toEqual([...visible].sort());
    const hidden = Object.values(engine.units).filter(
      (u) => u.faction === 'japan' && !visible.includes(u.id),
    );
    expect(hidden.length).toBeGreaterThan(0);
    for (const u of hidden) expect(view.units).not.toHaveProperty(u.id);
    // Japan itself sees its order.
    expect(viewOf(at('japan')).pending.japan.orders).toEqual([order]);
  });

  it('(d) order moves are redacted in the log for every other seat', () => {
    const { at } = table();
    const order = japanMove(newMatch(sc, { seed: SEED }));
    at('japan').moves.order!({ order });
    at('china').moves.commit!();

    const entry = (seat: 'japan' | 'china' | 'us', type: string) =>
      stateOf(at(seat)).log.find((e) => e.action.type === 'MAKE_MOVE' && e.action.payload.type === type);
    expect(entry('japan', 'order')?.action.payload.args).toEqual([{ order }]);
    for (const seat of ['china', 'us'] as const) {
      const e = entry(seat, 'order');
      expect(e?.action.payload.playerID).toBe('0');
      expect(e?.action.payload.args).toBeNull();
      expect(JSON.stringify(stateOf(at(seat)).log)).not.toContain(order.type === 'move' ? order.to : '');
    }
    // A commit is public: not redacted.
    expect(entry('japan', 'commit')?.action.payload.args).toEqual([]);
  });

  it('(e) after all four commit, the round advances and a history entry exists', () => {
    const { at } = table();
    for (const seat of ['japan', 'us', 'china'] as const) at(seat).moves.commit!();
    expect(viewOf(at('taiwan')).round).toBe(1);
    expect(viewOf(at('taiwan')).history).toHaveLength(0);
    at('taiwan').moves.commit!();
    for (const seat of ['japan', 'us', 'china', 'taiwan'] as const) {
      const v = viewOf(at(seat));
      expect(v.round).toBe(2);
      expect(v.history.map((h) => h.round)).toEqual([1]);
      expect(v.pending[seat]).toEqual({ orders: [], committed: false });
    }
  });

  it('(f) validateSetupData rejects an unknown scenario id and bad fields', () => {
    const v = IslandChainGame.validateSetupData!;
    expect(v({ scenarioId: 'atlantis-2099' }, 4)).toMatch(/atlantis-2099/);
    expect(v({ scenarioId: SCENARIO }, 4)).toBeUndefined();
    expect(v({ scenarioId: SCENARIO, seed: 'x', white: true }, 5)).toBeUndefined();
    expect(v(undefined, 4)).toMatch(/setupData/);
    expect(v({ scenarioId: SCENARIO, seed: 7 } as never, 4)).toMatch(/seed/);
    expect(v({ scenarioId: SCENARIO, white: 'yes' } as never, 5)).toMatch(/white/);
    expect(v({ scenarioId: SCENARIO, white: true }, 4)).toMatch(/fifth seat/);
    expect(v({ scenarioId: SCENARIO, sede: 'x' } as never, 4)).toMatch(/sede/);
    // boardgame.io's own match creation surfaces the message.
    const made = createMatch({
      game: IslandChainGame,
      numPlayers: 4,
      setupData: { scenarioId: 'atlantis-2099' },
      unlisted: false,
    });
    expect(made).toEqual({ setupDataError: 'no scenario "atlantis-2099"' });
  });

  it('without a given seed, the match seed is drawn from boardgame.io randomness, reproducibly', () => {
    const init = (seed: string) =>
      InitializeGame({
        game: { ...IslandChainGame, seed },
        numPlayers: 4,
        setupData: { scenarioId: SCENARIO },
      });
    const a = init('bgio-prng-a').G as MatchState;
    expect(a.seed).toMatch(/^[0-9a-z]{28}$/);
    expect((init('bgio-prng-a').G as MatchState).seed).toBe(a.seed);
    expect((init('bgio-prng-b').G as MatchState).seed).not.toBe(a.seed);
    const given = InitializeGame({
      game: IslandChainGame,
      numPlayers: 4,
      setupData: { scenarioId: SCENARIO, seed: SEED },
    }).G as MatchState;
    expect(stateHash(given)).toBe(stateHash(newMatch(sc, { seed: SEED })));
  });

  it('a White Cell seat (player 4) holds the round until it advances, and its end sets gameover', () => {
    quietErrors();
    const { at, rejections } = table(5);
    expect(viewOf(at('white')).white.present).toBe(true);
    expect(viewOf(at('white')).units).toEqual(newMatch(sc, { seed: SEED, white: true }).units);
    for (const seat of ['japan', 'us', 'china', 'taiwan'] as const) at(seat).moves.commit!();
    expect(viewOf(at('white')).round).toBe(1);
    at('china').moves.advance!();
    expect(rejections.map((r) => [r.playerID, r.error.code])).toEqual([['2', 'ERR_BAD_SEAT']]);
    expect(viewOf(at('white')).round).toBe(1);
    at('white').moves.advance!();
    expect(viewOf(at('white')).round).toBe(2);

    at('white').moves.end!({ reason: 'seminar time is up' });
    const s = stateOf(at('china'));
    expect(s.G.stage).toBe('ended');
    expect(s.ctx.gameover).toEqual({ outcome: s.G.outcome });
    expect(s.G.outcome?.reason).toMatch(/seminar time is up/);
  });

  it('player 4 in a four-seat match holds no seat: observer view, no moves', () => {
    const { game } = table();
    const stray = Client({ game, numPlayers: 4, playerID: '4', multiplayer: Local() });
    stray.start();
    running.push(stray);
    const view = viewOf(stray);
    expect(view.seat).toBe('observer');
    expect(view.units).toEqual({});
    expect(stateOf(stray).isActive).toBe(false);
  });

  it('a move gets the state itself, not a copy: what it does not change is shared with the state before (issue 11)', () => {
    const game = makeGame(getScenario, { defaults: { scenarioId: SCENARIO, seed: SEED } });
    const before = InitializeGame({ game, numPlayers: 4 });
    const reducer = CreateGameReducer({ game: ProcessGameConfig(game) as never, isClient: false });
    const move = (state: typeof before, name: string, payload: unknown, playerID: string) =>
      reducer(state, { type: 'MAKE_MOVE', payload: { type: name, args: [payload], playerID } } as never);
    const order = legalOrders(before.G, getScenario(SCENARIO)!, 'japan')[0]!;
    const after = move(before, 'order', { order }, PLAYER_OF_SEAT.japan);
    expect(after._stateID).toBe(before._stateID + 1);
    expect(after.G.pending.japan.orders).toEqual([order]);
    // Untouched parts are the very same objects (a JSON copy per move would make them equal only).
    expect(after.G.units).toBe(before.G.units);
    expect(after.G.zones).toBe(before.G.zones);
    expect(after.G.pending.china).toBe(before.G.pending.china);
    // and the state before is left as it was.
    expect(before.G.pending.japan.orders).toEqual([]);
    // A whole round through the reducer adjudicates like the engine alone.
    let s = after;
    for (const f of FACTIONS) s = move(s, 'commit', {}, PLAYER_OF_SEAT[f]);
    expect(s.G.round).toBe(2);
  });

  it('no file in game/ but bgio.ts imports boardgame.io', () => {
    const dir = resolve(import.meta.dirname, '../game');
    const offenders = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && f !== 'bgio.ts')
      .filter((f) => /from\s+['"]boardgame\.io/.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('no file in game/ imports from outside game/ (scenarios, server, client, cli, report, analysis) or a Node module', () => {
    const dir = resolve(import.meta.dirname, '../game');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('bgio.ts');
    const offenders = files.flatMap((f) => {
      const imports = [...readFileSync(join(dir, f), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map(
        (m) => m[1]!,
      );
      const depth = f.split('/').length - 1;
      const outside = (p: string) =>
        p.startsWith('.') && p.split('/').filter((x) => x === '..').length > depth;
      return imports.filter((p) => outside(p) || p.startsWith('node:')).map((p) => `${f}: ${p}`);
    });
    expect(offenders).toEqual([]);
  });
});
