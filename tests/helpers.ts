/**
 * Shared helpers for the rules tests. Positions are built from a shipped scenario's
 * `newMatch` and then pinned with `patch` (a structured clone edited in place), so a
 * test states exactly the facts it depends on (rung, legal status, a test unit) and
 * keeps passing while the scenario files are tuned.
 */
import {
  type Action,
  applyAction,
  type DraftState,
  draftOf,
  FACTIONS,
  type Faction,
  freeze,
  type MatchState,
  newMatch,
  type Order,
  type Result,
  type RuleError,
  type Scenario,
  unitTypeById,
} from '../game/index.ts';
import { getScenario } from '../scenarios/index.ts';

/** A shipped scenario by id; fails loudly if it is missing or broken. */
export function scenario(id: string): Scenario {
  const s = getScenario(id);
  if (!s) throw new Error(`test setup: no scenario "${id}"`);
  return s;
}

/** Round 1 of a shipped scenario. */
export function start(id: string, seed = 'test', white = false): { sc: Scenario; s: MatchState } {
  const sc = scenario(id);
  return { sc, s: newMatch(sc, { seed, white }) };
}

/** A copy of `s` edited by `edit`; the original is untouched. */
export function patch(s: MatchState, edit: (d: DraftState) => void): MatchState {
  const d = draftOf(s);
  edit(d);
  return freeze(d);
}

/** Puts a test unit on the board (full magazine, ready now). */
export function addUnit(
  d: DraftState,
  u: { id: string; type: string; faction: Faction; zone: string; strength: number },
): void {
  const t = unitTypeById.get(u.type);
  if (!t) throw new Error(`test setup: unknown unit type ${u.type}`);
  d.units[u.id] = {
    ...u,
    maxStrength: u.strength,
    interceptors: t.interceptorsPerStep * u.strength,
    readyRound: 1,
  };
}

/** Applies an action that must be legal; throws with the engine's reason otherwise. */
export function act(sc: Scenario, s: MatchState, a: Action): MatchState {
  const r = applyAction(sc, s, a);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(a)} to be legal: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Applies a sequence of legal actions. */
export const actAll = (sc: Scenario, s: MatchState, actions: readonly Action[]): MatchState =>
  actions.reduce((acc, a) => act(sc, acc, a), s);

/** Adds orders for a seat. */
export const orders = (sc: Scenario, s: MatchState, seat: Faction, os: readonly Order[]): MatchState =>
  actAll(
    sc,
    s,
    os.map((order): Action => ({ type: 'order', seat, order })),
  );

/** Commits every faction that has not committed (adjudicating the round when no White Cell sits). */
export function commitAll(sc: Scenario, s: MatchState): MatchState {
  let cur = s;
  for (const f of FACTIONS)
    if (cur.stage === 'planning' && !cur.pending[f].committed)
      cur = act(sc, cur, { type: 'commit', seat: f });
  return cur;
}

/** The error code of a result, or 'ok'. */
export const codeOf = (r: Result<unknown, RuleError>): string => (r.ok ? 'ok' : r.error.code);

/** Freezes a value and everything in it, so any write by the code under test throws. */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/** Log lines of a given round. */
export const logOf = (s: MatchState, round: number): string[] =>
  s.log.filter((e) => e.round === round).map((e) => e.text);
