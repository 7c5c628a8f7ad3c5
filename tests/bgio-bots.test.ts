/**
 * boardgame.io's own bots play through the adapter (DESIGN.md section 11; issue 8): the Game's
 * `ai.enumerate` offers the legal moves of the first faction that has not committed, so
 * RandomBot and MCTSBot (and `Simulate`) drive whole rounds, and every state they reach is one
 * the engine accepts.
 */
import { MCTSBot, RandomBot, Simulate } from 'boardgame.io/ai';
import { InitializeGame } from 'boardgame.io/internal';
import { describe, expect, it } from 'vitest';
import { enumerateMoves, makeGame, type Rejection, SEAT_OF_PLAYER } from '../game/bgio.ts';
import { FACTIONS, type MatchState, validateAction } from '../game/index.ts';
import { getScenario, IslandChainGame } from '../scenarios/index.ts';
import { scenario } from './helpers.ts';

const start = (scenarioId: string, numPlayers: 4 | 5 = 4) =>
  InitializeGame({
    game: { ...IslandChainGame, seed: 'bgio-bots' },
    numPlayers,
    setupData: { scenarioId, seed: 'bgio-bots-seed', white: numPlayers === 5 },
  });

describe('ai.enumerate', () => {
  it('offers the first uncommitted faction its commit and legal orders, each accepted by the engine', () => {
    const state = start('takaichi-2025');
    const G = state.G as MatchState;
    const sc = scenario('takaichi-2025');
    const moves = enumerateMoves(G, state.ctx, sc);
    expect(moves[0]!.payload).toMatchObject({ type: 'commit', playerID: '0' });
    expect(moves.length).toBeGreaterThan(2);
    for (const m of moves.slice(1)) {
      expect(m.payload.type).toBe('order');
      const seat = SEAT_OF_PLAYER[m.payload.playerID]!;
      expect(validateAction(G, sc, { type: 'order', seat, ...m.payload.args[0] } as never).ok).toBe(true);
    }
    // Japan committed: the US is next; with every faction committed, a White Cell advances.
    const afterJapan = { ...G, pending: { ...G.pending, japan: { orders: [], committed: true } } };
    expect(enumerateMoves(afterJapan, state.ctx, sc)[0]!.payload.playerID).toBe('1');
    const white = start('takaichi-2025', 5);
    const allIn = {
      ...(white.G as MatchState),
      pending: Object.fromEntries(FACTIONS.map((f) => [f, { orders: [], committed: true }])),
    } as unknown as MatchState;
    expect(enumerateMoves(allIn, white.ctx, sc)).toEqual([
      { type: 'MAKE_MOVE', payload: { type: 'advance', args: [{}], playerID: '4' } },
    ]);
    expect(enumerateMoves({ ...G, stage: 'ended' }, state.ctx, sc)).toEqual([]);
  });
});

/** The game, counting every move its engine refuses (a bot's move the rules do not accept). */
function counted() {
  const rejections: Rejection[] = [];
  return { game: makeGame(getScenario, { onReject: (r) => rejections.push(r) }), rejections };
}

describe("boardgame.io's bots play through the adapter", () => {
  it('RandomBot plays senkaku-gray-zone to its end in Simulate', async () => {
    const { game, rejections } = counted();
    const bot = new RandomBot({ enumerate: game.ai!.enumerate, seed: 'random-bot' });
    const { state } = await Simulate({
      game,
      bots: bot,
      state: start('senkaku-gray-zone'),
      depth: 2000,
    });
    const G = state.G as MatchState;
    expect(state.ctx.gameover).toBeDefined();
    expect(G.stage).toBe('ended');
    expect(G.round).toBe(scenario('senkaku-gray-zone').rounds);
    expect(G.history).toHaveLength(G.round);
    // Orders were placed and took effect (each faction's are logged to it), not only commits.
    expect(G.log.filter((e) => e.step === 'orders').length).toBeGreaterThan(G.round);
    expect(rejections).toEqual([]);
  }, 60_000);

  it('MCTSBot plays whole rounds of takaichi-2025, every move one the engine accepts', async () => {
    const { game, rejections } = counted();
    const bot = new MCTSBot({
      game,
      enumerate: game.ai!.enumerate,
      seed: 'mcts-bot',
      iterations: 8,
      playoutDepth: 4,
    });
    const { state } = await Simulate({
      game,
      bots: bot,
      state: start('takaichi-2025'),
      depth: 20,
    });
    const G = state.G as MatchState;
    expect(G.round).toBeGreaterThan(1);
    expect(G.history.length).toBe(G.round - 1);
    expect(G.log.some((e) => e.step === 'review')).toBe(true);
    // Neither the moves played nor those MCTS tried in its playouts were refused by the rules.
    expect(rejections).toEqual([]);
  }, 120_000);
});
