/**
 * Parity (DESIGN.md section 1; CONVENTIONS item 12): the same record gives the same final
 * state through the pure engine (`runMatch`) and through boardgame.io, played by four
 * headless clients on a Local master, each action sent by the client of its own seat.
 *
 * The master's authoritative G is never sent to a client (every view drops the seed), so
 * the test reads it where boardgame.io itself hands it to game code: `endIf`, which the
 * master calls with the new G after every move. Each client's G is checked too, against
 * `viewFor` of the engine's final state for that seat.
 */
import { Client } from 'boardgame.io/client';
import { Local } from 'boardgame.io/multiplayer';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGame, moveOf, PLAYER_OF_SEAT } from '../game/bgio.ts';
import { FACTIONS, hashValue, type MatchState, viewFor } from '../game/index.ts';
import { replay, runMatch, stateHash } from '../match/index.ts';
import { getScenario } from '../scenarios/index.ts';
import { scenario } from './helpers.ts';

const CASES = ['taiwan-invasion', 'takaichi-2025'].flatMap((id) =>
  ['parity-seed-1', 'parity-seed-2'].map((seed) => ({ id, seed })),
);

type TestClient = ReturnType<typeof Client<MatchState>>;
let running: TestClient[] = [];
afterEach(() => {
  for (const c of running) c.stop();
  running = [];
});

describe('parity: pure engine vs boardgame.io', () => {
  it.each(CASES)('$id with seed $seed ends in the same state both ways', ({ id, seed }) => {
    const sc = scenario(id);
    const { record, state: final } = runMatch(sc, {}, seed);
    expect(replay(record, sc).ok).toBe(true);
    expect(final.stage).toBe('ended');

    // The master's G after every move, and the hash at each round change, as the harness records them.
    let authority: MatchState | null = null;
    const roundHashes: string[] = [];
    const base = makeGame(getScenario, { defaults: { scenarioId: id, seed } });
    const game: typeof base = {
      ...base,
      endIf: (context) => {
        const G = context.G;
        if (
          authority &&
          authority !== G &&
          (G.round !== authority.round || (G.stage === 'ended' && authority.stage !== 'ended'))
        )
          roundHashes.push(stateHash(G));
        authority = G;
        return base.endIf!(context);
      },
    };
    const clients = FACTIONS.map((f) =>
      Client({ game, numPlayers: 4, playerID: PLAYER_OF_SEAT[f], multiplayer: Local() }),
    );
    running.push(...clients);
    for (const c of clients) c.start();

    for (const [i, action] of record.actions.entries()) {
      const client = clients[Number(PLAYER_OF_SEAT[action.seat])]!;
      const { move, payload } = moveOf(action);
      client.moves[move]!(payload);
      // Every recorded action is accepted: the master's state id moves on by one.
      expect(client.getState()?._stateID, `action #${i} ${JSON.stringify(action)}`).toBe(i + 1);
    }

    expect(authority).not.toBeNull();
    expect(stateHash(authority!)).toBe(stateHash(final));
    expect(roundHashes).toEqual(record.roundHashes);
    for (const [i, f] of FACTIONS.entries()) {
      const s = clients[i]!.getState()!;
      expect(hashValue(s.G), `${f}'s view`).toBe(hashValue(viewFor(final, f)));
      expect(s.ctx.gameover).toEqual({ outcome: final.outcome });
    }
  });
});
