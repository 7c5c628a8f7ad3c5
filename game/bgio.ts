/**
 * The boardgame.io adapter (DESIGN.md sections 1, 3 and 4; CONVENTIONS items 2 and 8): the
 * one file in `game/` that knows boardgame.io. One phase, one endless turn in which every
 * seat is active at once (sealed simultaneous planning); one move per engine action type,
 * each turning `(playerID, payload)` into an `Action` whose seat comes from the playerID
 * alone, then calling `applyAction`. Rounds advance inside the engine, not through
 * boardgame.io turns.
 *
 * Every move is server-only (`client: false`): adjudication draws from the secret seed,
 * which no client holds. Moves that carry sealed content are `redact: true`, so other
 * seats see them in boardgame.io's log without their arguments. Every move ignores a
 * stale state id: planning is simultaneous, so a client is often one update behind
 * another seat's move, and the engine re-validates each action against the current state.
 */
import type { Ctx, Game, LongFormMove, Plugin } from 'boardgame.io';
import { ActivePlayers, INVALID_MOVE } from 'boardgame.io/core';
import { type Policy, policiesFor } from './bots/policies.ts';
import type { Scenario } from './data/scenario.ts';
import { validateAction } from './engine/actions.ts';
import { applyAction, newMatch } from './engine/apply.ts';
import { type MatchView, newFogMemo, type ViewSeat, viewFor } from './engine/fog.ts';
import { legalOrders } from './engine/legal.ts';
import type { Action, ActionType } from './engine/orders.ts';
import type { MatchState } from './engine/state.ts';
import {
  err,
  FACTIONS,
  type Faction,
  ok,
  type Result,
  type RuleError,
  ruleError,
  SEATS,
  type Seat,
} from './types.ts';

/** Seats by boardgame.io playerID: '0'–'3' the factions, '4' the optional White Cell (section 3). */
export const SEAT_OF_PLAYER: Readonly<Record<string, Seat>> = {
  '0': 'japan',
  '1': 'us',
  '2': 'china',
  '3': 'taiwan',
  '4': 'white',
};
export const PLAYER_OF_SEAT: { readonly [S in Seat]: string } = {
  japan: '0',
  us: '1',
  china: '2',
  taiwan: '3',
  white: '4',
};

/**
 * The seat a playerID holds in a match, or null when it holds none. With `ctx`, a playerID
 * outside the match's play order (say '4' in a match without a White Cell) holds none.
 */
export function seatOf(playerID: string | null | undefined, ctx?: Pick<Ctx, 'playOrder'>): Seat | null {
  if (playerID === null || playerID === undefined) return null;
  if (ctx && !ctx.playOrder.includes(playerID)) return null;
  return Object.hasOwn(SEAT_OF_PLAYER, playerID) ? SEAT_OF_PLAYER[playerID]! : null;
}

/** What a match is created from (boardgame.io `setupData`). */
export interface SetupData {
  readonly scenarioId: string;
  /**
   * The match seed. Without it the seed comes from `GameOptions.newSeed` (the server's CSPRNG)
   * or, failing that, from boardgame.io's PRNG, whose default seed is the creation time.
   */
  readonly seed?: string;
  /** A White Cell seat (player '4'); defaults to true with five players and false with four. */
  readonly white?: boolean;
  /** Faction seats the server plays with an engine policy (section 11), e.g. `{ china: 'aggressive' }`. */
  readonly bots?: Partial<Record<Faction, Policy>>;
  /**
   * Actions applied after `newMatch`, each of which must be accepted, so a match starts where
   * another left off: a branch of a finished match from the start of one of its rounds
   * (`branchPrefix`). Needs `seed`, the seed the actions were played with.
   */
  readonly prefix?: readonly Action[];
}
const SETUP_FIELDS = ['scenarioId', 'seed', 'white', 'bots', 'prefix'];

/** The longest `setupData.prefix` a match is set up from. */
export const MAX_PREFIX = 5_000;

/** Move names by action type; each move takes the action without `type` and `seat`. */
export const MOVE_OF_ACTION = {
  order: 'order',
  withdraw: 'withdraw',
  commit: 'commit',
  propose: 'propose',
  answer: 'answer',
  offer: 'offer',
  respond: 'respond',
  inject: 'inject',
  amend: 'amend',
  rule: 'rule',
  'set-timer': 'setTimer',
  'timer-expired': 'timerExpired',
  advance: 'advance',
  end: 'end',
} as const satisfies { readonly [T in ActionType]: string };
export type MoveName = (typeof MOVE_OF_ACTION)[ActionType];

/** A move's argument: the action minus `type` and `seat` (the seat comes from the playerID). */
export type MovePayload<T extends ActionType = ActionType> = T extends ActionType
  ? Omit<Extract<Action, { type: T }>, 'type' | 'seat'>
  : never;

/** Actions whose content is sealed or shown only to some seats: their log entries are redacted. */
const REDACTED: ReadonlySet<ActionType> = new Set<ActionType>([
  'order',
  'withdraw',
  'propose',
  'answer',
  'rule',
]);

/** The move and argument that send an action, e.g. for replaying a record through a client. */
export function moveOf(action: Action): { readonly move: MoveName; readonly payload: MovePayload } {
  const { type, seat: _seat, ...payload } = action;
  return { move: MOVE_OF_ACTION[type], payload: payload as MovePayload };
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Builds the engine action for a move: the seat always comes from the caller, never from the payload. */
export function actionOf(type: ActionType, seat: Seat, payload: unknown): Action {
  return { ...(isRecord(payload) ? payload : {}), type, seat } as Action;
}

/**
 * `checkAction(G, seat, action)`: whether the engine would accept this action from this
 * seat now, with the reason if not. The move runs the same checks on the server; a client
 * calls this on its view first to show the reason, since boardgame.io reports a refused
 * move only as `INVALID_MOVE`. On a view the answer is advisory: a rule that turns on what
 * the seat cannot see is settled by the server.
 */
export function checkAction(
  G: MatchState | MatchView,
  seat: ViewSeat | null,
  action: Action,
  lookup: (id: string) => Scenario | undefined,
): Result<void, RuleError> {
  if (seat === null || seat === 'observer' || !SEATS.includes(seat))
    return err(ruleError('ERR_NOT_SEATED', 'only a seated player can act'));
  const scenario = lookup(G.scenarioId);
  if (!scenario) return err(ruleError('ERR_UNKNOWN_SCENARIO', `no scenario "${G.scenarioId}"`));
  if (scenario.hash !== G.scenarioHash)
    return err(
      ruleError(
        'ERR_SCENARIO_MISMATCH',
        `this match was created from scenario ${G.scenarioId} with hash ${G.scenarioHash}`,
      ),
    );
  if (!isRecord(action)) return err(ruleError('ERR_BAD_ACTION', 'an action is an object with a "type"'));
  return validateAction(G, scenario, actionOf(action.type, seat, action));
}

const ACTION_OF_MOVE: ReadonlyMap<string, ActionType> = new Map(
  (Object.keys(MOVE_OF_ACTION) as ActionType[]).map((t) => [MOVE_OF_ACTION[t], t]),
);

/** The engine action type a move name stands for, or undefined (looked up in a Map, never an object index). */
export const actionTypeOfMove = (move: string): ActionType | undefined => ACTION_OF_MOVE.get(move);

/**
 * `checkMove(state, playerID, move, args)`: the server's check of a client's move against the
 * full state before boardgame.io runs it (issue 7), so a refused move never reaches the
 * reducer (which would log its arguments and broadcast the unchanged state). The same rules
 * as the move itself: the seat from the playerID, the action from the move's one argument.
 */
export function checkMove(
  state: { readonly G: unknown; readonly ctx: Pick<Ctx, 'playOrder'> },
  playerID: string,
  move: string,
  args: readonly unknown[],
  lookup: (id: string) => Scenario | undefined,
): Result<void, RuleError> {
  const type = actionTypeOfMove(move);
  if (!type) return err(ruleError('ERR_BAD_ACTION', `there is no move "${move}"`));
  const seat = seatOf(playerID, state.ctx);
  if (!seat) return err(ruleError('ERR_NOT_SEATED', `player ${playerID} holds no seat in this match`));
  const G = state.G as MatchState;
  const scenario = lookup(G.scenarioId);
  if (!scenario) return err(ruleError('ERR_UNKNOWN_SCENARIO', `no scenario "${G.scenarioId}"`));
  try {
    return validateAction(G, scenario, actionOf(type, seat, args[0]));
  } catch (e) {
    return err(ruleError('ERR_INTERNAL', `the engine failed on this action: ${String(e)}`));
  }
}

/** A refused move, reported to `GameOptions.onReject` on the server. */
export interface Rejection {
  readonly playerID: string;
  readonly action: Action | null;
  readonly error: RuleError;
}

export interface GameOptions {
  /** Setup used where the creator passes none; boardgame.io's `Local` transport creates matches without `setupData`. */
  readonly defaults?: Partial<SetupData>;
  /** Called on the server with the reason whenever a move returns `INVALID_MOVE`. */
  readonly onReject?: (rejection: Rejection) => void;
  /** Draws the seed of a match created without one; the server passes a CSPRNG (DESIGN.md section 1). */
  readonly newSeed?: () => string;
}

/** Checks `setupData.bots`: faction keys, each with one of that faction's policies. */
function botsError(bots: unknown): string | undefined {
  if (bots === undefined) return undefined;
  if (!isRecord(bots)) return 'setupData.bots must be an object such as { "china": "aggressive" }';
  for (const [seat, policy] of Object.entries(bots)) {
    if (!FACTIONS.includes(seat as Faction))
      return `setupData.bots: "${seat}" is not a faction seat (${FACTIONS.join(', ')})`;
    const allowed = policiesFor(seat as Faction);
    if (typeof policy !== 'string' || !allowed.includes(policy as Policy))
      return `setupData.bots.${seat}: "${String(policy)}" is not a ${seat} policy (${allowed.join(', ')})`;
  }
  return undefined;
}

/** Checks `setupData` for `numPlayers` seats; returns a sentence naming the problem, or undefined. */
function setupError(
  lookup: (id: string) => Scenario | undefined,
  data: unknown,
  numPlayers: number,
): string | undefined {
  if (!isRecord(data)) return 'setupData must be an object such as { "scenarioId": "takaichi-2025" }';
  const extra = Object.keys(data).filter((k) => !SETUP_FIELDS.includes(k));
  if (extra.length > 0) return `unknown setupData field "${extra[0]}" (allowed: ${SETUP_FIELDS.join(', ')})`;
  if (typeof data.scenarioId !== 'string' || data.scenarioId === '')
    return 'setupData.scenarioId is required';
  if (!lookup(data.scenarioId)) return `no scenario "${data.scenarioId}"`;
  if (
    data.seed !== undefined &&
    (typeof data.seed !== 'string' || data.seed === '' || data.seed.length > 200)
  )
    return 'setupData.seed must be a non-empty string of at most 200 characters';
  if (data.white !== undefined && typeof data.white !== 'boolean')
    return 'setupData.white must be true or false';
  const bots = botsError(data.bots);
  if (bots) return bots;
  if (data.prefix !== undefined) {
    if (!Array.isArray(data.prefix)) return 'setupData.prefix must be an array of actions';
    if (data.prefix.length > MAX_PREFIX)
      return `setupData.prefix holds ${data.prefix.length} actions; at most ${MAX_PREFIX} are accepted`;
    if (data.seed === undefined)
      return 'setupData.prefix needs setupData.seed, the seed its actions were played with';
  }
  if (numPlayers !== 4 && numPlayers !== 5)
    return `a match has 4 seats, or 5 with the White Cell (got ${numPlayers})`;
  const white = data.white ?? numPlayers === 5;
  if (white && numPlayers !== 5) return 'a White Cell needs a fifth seat (numPlayers 5)';
  if (!white && numPlayers === 5)
    return 'the fifth seat is the White Cell: set white to true, or play with 4 seats';
  return undefined;
}

/**
 * Applies `setupData.prefix` to a new match: every action must be accepted, and the match
 * must still be in play after the last one. The error names the first action refused.
 */
export function applyPrefix(
  scenario: Scenario,
  start: MatchState,
  prefix: readonly unknown[],
): Result<MatchState, string> {
  let state = start;
  for (const [i, a] of prefix.entries()) {
    if (!isRecord(a) || typeof a.type !== 'string' || !SEATS.includes(a.seat as Seat))
      return err(`setupData.prefix[${i}] is not an action (an object with a "type" and a "seat")`);
    let r: Result<MatchState, RuleError>;
    try {
      r = applyAction(scenario, state, a as unknown as Action);
    } catch (e) {
      return err(`setupData.prefix[${i}] (${a.type} by ${String(a.seat)}) broke the engine: ${String(e)}`);
    }
    if (!r.ok)
      return err(`setupData.prefix[${i}] (${a.type} by ${String(a.seat)}) is refused: ${r.error.message}`);
    state = r.value;
  }
  if (state.stage === 'ended')
    return err(
      'setupData.prefix ends the match; a match can only start from a point where it is still in play',
    );
  return ok(state);
}

/** Orders a seat considers per step in `enumerate`, and how many it places before it commits. */
const ENUMERATE_ORDERS = 8;
const ENUMERATE_PLACED = 3;

/** A move action as boardgame.io's `MAKE_MOVE`, for `ai.enumerate`. */
const makeMoveAction = (action: Action) => {
  const { move, payload } = moveOf(action);
  return {
    type: 'MAKE_MOVE',
    payload: { type: move, args: [payload], playerID: PLAYER_OF_SEAT[action.seat] },
  };
};

/**
 * `enumerate(G, ctx, scenario)`: the moves boardgame.io's own bots (RandomBot, MCTSBot) choose
 * from (DESIGN.md section 11). Every seat is active at once and boardgame.io's bots always act
 * as the first active player, so the moves are those of the first faction in play order that
 * has not committed: up to `ENUMERATE_ORDERS` of its legal orders (spread over the list, from
 * `legalOrders`, the rules' own enumeration) until it has placed `ENUMERATE_PLACED`, and its
 * commit; with every faction committed, White Cell's advance. Each is a full `MAKE_MOVE`
 * action naming that seat, so a round is always finite.
 */
export function enumerateMoves(G: MatchState, ctx: Pick<Ctx, 'playOrder'>, scenario: Scenario) {
  if (G.stage !== 'planning') return [];
  const seats = ctx.playOrder.map((p) => seatOf(p, ctx)).filter((x): x is Seat => x !== null);
  const f = FACTIONS.find((x) => seats.includes(x) && !G.pending[x].committed);
  if (!f) return seats.includes('white') ? [makeMoveAction({ type: 'advance', seat: 'white' })] : [];
  const moves = [makeMoveAction({ type: 'commit', seat: f })];
  if (G.pending[f].orders.length >= ENUMERATE_PLACED) return moves;
  const orders = legalOrders(G, scenario, f);
  const step = Math.max(1, Math.floor(orders.length / ENUMERATE_ORDERS));
  for (let i = 0; i < orders.length && moves.length <= ENUMERATE_ORDERS; i += step)
    moves.push(makeMoveAction({ type: 'order', seat: f, order: orders[i]! }));
  return moves;
}

/** A seed from boardgame.io's PRNG: 4 × 32 bits in base 36. */
function drawSeed(random: { Number(): number }): string {
  return Array.from({ length: 4 }, () =>
    Math.floor(random.Number() * 0x100000000)
      .toString(36)
      .padStart(7, '0'),
  ).join('');
}

/**
 * boardgame.io hands moves an Immer draft of G, and reading a whole state through Immer's
 * proxies (or copying it) costs more than the move itself. The engine never writes to the
 * state it is given (`applyAction` returns a new state sharing what the action did not
 * change; a deep-freeze test guards it), so the move should get the state itself. This plugin
 * wraps each move outside boardgame.io's Immer plugin (plugins wrap in order, Immer's first)
 * and passes the undrafted G on in the context, as `base` (issue 11: no copy per move).
 * Immer then freezes only what is new in the state the move returns.
 */
const BASE_PLUGIN: Plugin = {
  name: 'island-chain-base',
  fnWrap:
    (fn) =>
    (context, ...args) =>
      fn({ ...context, base: context.G }, ...args),
};

/** The move's state: the undrafted G when `BASE_PLUGIN` passed it, else a JSON copy of the draft. */
const plain = (G: MatchState, base: unknown): MatchState =>
  base !== undefined ? (base as MatchState) : (JSON.parse(JSON.stringify(G)) as MatchState);

/**
 * `makeGame(lookup)`: the boardgame.io `Game` for Island Chain, finding scenarios through
 * `lookup` (DESIGN.md section 1). Players '0'–'3' are Japan, the US, China and Taiwan;
 * '4' is the White Cell when the match has five seats.
 */
export function makeGame(
  lookup: (id: string) => Scenario | undefined,
  options: GameOptions = {},
): Game<MatchState, Record<string, unknown>, SetupData> {
  const withDefaults = (data: unknown): unknown =>
    data === undefined ? { ...options.defaults } : isRecord(data) ? { ...options.defaults, ...data } : data;

  const fog = newFogMemo();
  const makeMove = (type: ActionType): LongFormMove<MatchState> => ({
    move: ({ G, ctx, playerID, ...rest }, payload?: unknown) => {
      const seat = seatOf(playerID, ctx);
      const reject = (action: Action | null, error: RuleError): typeof INVALID_MOVE => {
        options.onReject?.({ playerID, action, error });
        return INVALID_MOVE;
      };
      if (!seat) return reject(null, ruleError('ERR_NOT_SEATED', `player ${playerID} holds no seat`));
      const action = actionOf(type, seat, payload);
      const scenario = lookup(G.scenarioId);
      if (!scenario)
        return reject(action, ruleError('ERR_UNKNOWN_SCENARIO', `no scenario "${G.scenarioId}"`));
      let r: Result<MatchState, RuleError>;
      try {
        r = applyAction(scenario, plain(G, (rest as { base?: unknown }).base), action);
      } catch (e) {
        // A malformed payload must not take the server down; the match state is untouched.
        return reject(action, ruleError('ERR_INTERNAL', `the engine failed on this action: ${String(e)}`));
      }
      return r.ok ? r.value : reject(action, r.error);
    },
    client: false,
    redact: REDACTED.has(type),
    ignoreStaleStateID: true,
  });

  const moves = Object.fromEntries(
    (Object.keys(MOVE_OF_ACTION) as ActionType[]).map((t) => [MOVE_OF_ACTION[t], makeMove(t)]),
  ) as Record<MoveName, LongFormMove<MatchState>>;

  return {
    name: 'island-chain',
    minPlayers: 4,
    maxPlayers: 5,
    disableUndo: true,
    plugins: [BASE_PLUGIN],
    validateSetupData: (data, numPlayers) => {
      const merged = withDefaults(data);
      const problem = setupError(lookup, merged, numPlayers);
      if (problem || !isRecord(merged) || !Array.isArray(merged.prefix)) return problem;
      const setup = merged as unknown as SetupData;
      const scenario = lookup(setup.scenarioId)!;
      const start = newMatch(scenario, { seed: setup.seed!, white: setup.white ?? numPlayers === 5 });
      const r = applyPrefix(scenario, start, setup.prefix!);
      return r.ok ? undefined : r.error;
    },
    setup: ({ ctx, random }, data) => {
      const merged = withDefaults(data);
      const problem = setupError(lookup, merged, ctx.numPlayers);
      // boardgame.io validates setupData before setup; reaching here with bad data is a caller bug.
      if (problem) throw new Error(`island-chain setup: ${problem}`);
      const setup = merged as SetupData;
      const scenario = lookup(setup.scenarioId)!;
      const start = newMatch(scenario, {
        seed: setup.seed ?? options.newSeed?.() ?? drawSeed(random),
        white: setup.white ?? ctx.numPlayers === 5,
      });
      if (!setup.prefix) return start;
      const r = applyPrefix(scenario, start, setup.prefix);
      if (!r.ok) throw new Error(`island-chain setup: ${r.error}`);
      return r.value;
    },
    moves,
    turn: { activePlayers: ActivePlayers.ALL },
    events: {
      endGame: false,
      endPhase: false,
      endTurn: false,
      setPhase: false,
      endStage: false,
      setStage: false,
      pass: false,
      setActivePlayers: false,
    },
    endIf: ({ G }) => (G.stage === 'ended' ? { outcome: G.outcome } : undefined),
    ai: {
      enumerate: (G, ctx) => {
        const scenario = lookup(G.scenarioId);
        return scenario ? (enumerateMoves(G, ctx, scenario) as never) : [];
      },
    },
    // Each state's seat views share the coverage worked out for its units (`FogMemo`).
    playerView: ({ G, ctx, playerID }) => viewFor(G, seatOf(playerID, ctx) ?? 'observer', fog),
  };
}
