/**
 * Shared positions and helpers of the politics tests (politics-rules.test.ts: each order's
 * legality and the Diet's vote; politics-step.test.ts: what the politics step does).
 */
import type {
  DraftState,
  EventKind,
  Faction,
  LegalStatus,
  MatchState,
  Order,
  Scenario,
} from '../game/index.ts';
import { patch, scenario } from './helpers.ts';
import { calmStart, eventsSince, type Orders, play, quiet } from './round.ts';

export const tk = scenario('takaichi-2025');
export const inv = scenario('taiwan-invasion');
export const alone = scenario('taiwan-invasion-taiwan-alone');
export const neutral = scenario('taiwan-invasion-japan-neutral');

/** A pinned position: the rung, Japan with no declaration and 60 capital, no attacks, mid-range tracks, no gray-zone presence. */
export function at(rung: number, edit: (d: DraftState) => void = () => {}, sc: Scenario = tk): MatchState {
  return calmStart(sc, 'politics', (d) => {
    d.escalation = rung as DraftState['escalation'];
    d.japan.legalStatus = 'none';
    d.japan.politicalCapital = 60;
    d.japan.coalitionSeats = 233;
    d.japan.publicSupport = 50;
    d.china.standing = 50;
    d.us.intervening = false;
    d.us.credibility = 50;
    d.flags.usAttacked = false;
    d.flags.japanAttacked = false;
    edit(d);
  });
}

/** A position with orders already pending for a faction (the duplicate checks read them). */
export const withPending = (s: MatchState, f: Faction, os: readonly Order[]): MatchState =>
  patch(s, (d) => {
    d.pending[f] = { orders: [...os], committed: false } as DraftState['pending'][Faction];
  });

/** Plays the round of `s` with these orders (a scenario without random events). */
export const step = (s: MatchState, os: Orders, sc: Scenario = tk): MatchState => play(quiet(sc), s, os);

/** The events of one kind the round wrote. */
export const events = <K extends EventKind>(s: MatchState, after: MatchState, kind: K) =>
  eventsSince(s, after, kind);

/** What the orders changed in a number, against the same round played without them. */
export const effect = (
  s: MatchState,
  os: Orders,
  read: (x: MatchState) => number,
  sc: Scenario = tk,
): number => read(step(s, os, sc)) - read(step(s, {}, sc));

export const declare = (status: LegalStatus): Order => ({ type: 'declare', status });
