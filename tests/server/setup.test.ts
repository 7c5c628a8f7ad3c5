/**
 * The server's additions to match setup (game/bgio.ts): `setupData.bots` and a seed drawn by
 * the server's `newSeed` when the creator gives none; and what the lobby stores (lobby.ts).
 */
import { InitializeGame } from 'boardgame.io/internal';
import { describe, expect, it } from 'vitest';
import { makeGame } from '../../game/bgio.ts';
import type { MatchState } from '../../game/index.ts';
import { getScenario, IslandChainGame } from '../../scenarios/index.ts';
import { actionsFromLog, sealMatch } from '../../server/lobby.ts';

const SCENARIO = 'takaichi-2025';

describe('match setup on the server', () => {
  it('validates setupData.bots: faction seats with their own policies', () => {
    const v = IslandChainGame.validateSetupData!;
    expect(
      v({ scenarioId: SCENARIO, bots: { china: 'aggressive', japan: 'forward-denial' } }, 4),
    ).toBeUndefined();
    expect(v({ scenarioId: SCENARIO, bots: {} }, 4)).toBeUndefined();
    expect(v({ scenarioId: SCENARIO, bots: { white: 'baseline' } } as never, 5)).toMatch(
      /"white" is not a faction/,
    );
    expect(v({ scenarioId: SCENARIO, bots: { china: 'baseline' } }, 4)).toMatch(/not a china policy/);
    expect(v({ scenarioId: SCENARIO, bots: { japan: 'aggressive' } }, 4)).toMatch(/not a japan policy/);
    expect(v({ scenarioId: SCENARIO, bots: ['china'] } as never, 4)).toMatch(/bots must be an object/);
  });

  it("draws the seed from the server's newSeed when none is given, and keeps a given one", () => {
    const game = makeGame(getScenario, { newSeed: () => 'from-the-csprng' });
    const init = (setupData: object) =>
      (
        InitializeGame({ game, numPlayers: 4, setupData: { scenarioId: SCENARIO, ...setupData } })
          .G as MatchState
      ).seed;
    expect(init({})).toBe('from-the-csprng');
    expect(init({ seed: 'mine' })).toBe('mine');
  });

  it('stores metadata without the seed and with bot seats taken', () => {
    const sealed = sealMatch({
      gameName: 'island-chain',
      players: { 0: { id: 0 }, 1: { id: 1 }, 2: { id: 2 }, 3: { id: 3 } },
      setupData: { scenarioId: SCENARIO, seed: 'secret', bots: { china: 'cautious' } },
      createdAt: 1,
      updatedAt: 1,
    });
    expect(sealed.setupData).toEqual({ scenarioId: SCENARIO, bots: { china: 'cautious' } });
    expect(sealed.players[2]).toMatchObject({ id: 2, name: 'Bot (cautious)', data: { bot: 'cautious' } });
    expect(sealed.players[2]!.credentials).toMatch(/^[\w-]{32}$/);
    expect(sealed.players[0]).toEqual({ id: 0 });
  });

  it('turns the log of accepted moves back into engine actions, each seat from its playerID', () => {
    const entry = (type: string, args: unknown[] | null, playerID: string) =>
      ({
        action: { type: 'MAKE_MOVE', payload: { type, args, playerID } },
        _stateID: 1,
        turn: 1,
        phase: '',
      }) as never;
    expect(
      actionsFromLog([
        entry('commit', [], '2'),
        entry('setTimer', [{ seconds: 60 }], '4'),
        entry('order', [{ order: { type: 'invest-command' }, seat: 'china' }], '0'),
        { action: { type: 'GAME_EVENT', payload: { type: 'endTurn' } } } as never,
      ]),
    ).toEqual([
      { type: 'commit', seat: 'china' },
      { type: 'set-timer', seat: 'white', seconds: 60 },
      { type: 'order', seat: 'japan', order: { type: 'invest-command' } },
    ]);
  });
});
