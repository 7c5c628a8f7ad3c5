/**
 * What a socket is sent (issue 3): boardgame.io's per-seat filter (the game's `playerView`, a
 * redacted log), plus a `sync` that carries the seat's view of the initial state instead of the
 * raw initial state, and player lists without credentials.
 */
import type { Game, LogEntry, Server, State } from 'boardgame.io';
import { getFilterPlayerView } from 'boardgame.io/internal';

/** A message of boardgame.io's transport: its type and arguments. */
export type TransportData = { type: string; args: unknown[] };
/** Cuts a message down to what one seat (null: an observer) may see. */
export type Filter = (playerID: string | null, payload: TransportData) => TransportData;

/** Public player metadata: credentials stripped (what boardgame.io's `matchData` message carries). */
export const publicPlayers = (metadata: Server.MatchData): Omit<Server.PlayerMetadata, 'credentials'>[] =>
  Object.values(metadata.players).map(({ credentials: _c, ...rest }) => rest);

/**
 * boardgame.io's per-seat filter (playerView, redacted log), plus: a `sync` carries the
 * seat's view of the initial state instead of the raw initial state.
 */
export function secureFilter(game: Game): Filter {
  const base = getFilterPlayerView(game) as unknown as Filter;
  return (playerID, payload) => {
    const out = base(playerID, payload);
    if (out.type !== 'sync') return out;
    const [matchID, info] = out.args as [string, { initialState?: State; log?: LogEntry[] }];
    const { initialState, ...rest } = info;
    const view = initialState
      ? (
          base(playerID, { type: 'sync', args: [matchID, { state: initialState, log: [] }] }).args[1] as {
            state: State;
          }
        ).state
      : undefined;
    return { type: 'sync', args: [matchID, { ...rest, ...(view ? { initialState: view } : {}) }] };
  };
}
