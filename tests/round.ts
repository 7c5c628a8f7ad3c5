/**
 * Helpers for the rule-area tests that adjudicate one round through the engine's front door
 * (`adjudicate`): a scenario without timeline or deck events, a position without gray-zone
 * presence or programs under way (so no incident or delivery moves a track by chance), and
 * the events of one kind a round wrote.
 */
import {
  adjudicate,
  type CombinedKind,
  type DraftState,
  type EventData,
  type EventKind,
  FACTIONS,
  type Faction,
  type MatchState,
  newMatch,
  type Order,
  type Scenario,
  unitTypeById,
} from '../game/index.ts';
import { addUnit, patch } from './helpers.ts';

/** A copy of a scenario with no scheduled events and an empty event deck. */
export const quiet = (sc: Scenario): Scenario => ({ ...sc, events: [], eventDeck: [], eventChance: 0 });

/**
 * Round 1 of `sc` with nothing left to chance outside the rule under test: no coast guard or
 * militia on the board, no program funded, and the edit applied last.
 */
export function calmStart(sc: Scenario, seed: string, edit: (d: DraftState) => void = () => {}): MatchState {
  return patch(newMatch(sc, { seed }), (d) => {
    for (const [id, u] of Object.entries(d.units))
      if ((unitTypeById.get(u.type)?.presence ?? 0) > 0) delete d.units[id];
    for (const f of FACTIONS) {
      d.programs[f] = {};
      d.programMonths[f] = {};
    }
    edit(d);
  });
}

export type Orders = Partial<Record<Faction, readonly Order[]>>;

/** Adjudicates the round of `s` with exactly these orders pending (every seat committed). */
export function play(sc: Scenario, s: MatchState, orders: Orders = {}): MatchState {
  const ready = patch(s, (d) => {
    for (const f of FACTIONS)
      d.pending[f] = { orders: [...(orders[f] ?? [])], committed: true } as DraftState['pending'][Faction];
  });
  return adjudicate(ready, sc);
}

/** The events of one kind written after `before` (data and who may see them), in order. */
export function eventsSince<K extends EventKind>(
  before: MatchState,
  after: MatchState,
  kind: K,
): { data: EventData[K]; visibleTo: unknown }[] {
  return after.log
    .slice(before.log.length)
    .filter((e) => e.kind === kind)
    .map((e) => ({ data: e.data as EventData[K], visibleTo: e.visibleTo }));
}

/** A unit on a war position: id, type, zone and strength (the faction follows the type's prefix). */
export type Spec = [id: string, type: string, zone: string, strength: number];

/** The faction of a unit type, by its prefix (cn-, tw-, us-; the rest are Japan's). */
export const factionOfType = (type: string): Faction =>
  type.startsWith('cn-')
    ? 'china'
    : type.startsWith('tw-')
      ? 'taiwan'
      : type.startsWith('us-')
        ? 'us'
        : 'japan';

/**
 * Round 1 of `sc` at `rung` with every unit at strength 0, `setup` applied, then only `units`
 * put on the board, then the test's own `edit`.
 */
export function warPosition(
  sc: Scenario,
  seed: string,
  rung: number,
  setup: (d: DraftState) => void,
  units: readonly Spec[],
  edit: (d: DraftState) => void,
): MatchState {
  return patch(newMatch(sc, { seed }), (d) => {
    d.escalation = rung as DraftState['escalation'];
    setup(d);
    for (const u of Object.values(d.units)) u.strength = 0;
    for (const [id, type, zone, strength] of units)
      addUnit(d, { id, type, faction: factionOfType(type), zone, strength });
    edit(d);
  });
}

/** The US intervening and Japan at war (a survival-threatening situation declared). */
export const atWar = (d: DraftState): void => {
  d.us.intervening = true;
  d.japan.legalStatus = 'survival-threatening';
};

/**
 * A war-position setup (`warPosition`'s `setup`): at war (`atWar`), every missile each side
 * holds at 100, and the named stocks added at the amounts given.
 */
export const armed =
  (extra: Partial<Record<Faction, Record<string, number>>> = {}) =>
  (d: DraftState): void => {
    atWar(d);
    for (const f of FACTIONS) {
      for (const m of Object.keys(d.stockpiles[f])) d.stockpiles[f][m] = 100;
      d.stockpiles[f] = { ...d.stockpiles[f], ...extra[f] };
    }
  };

/**
 * Puts an accepted combined action of `kind`, proposed by Japan to the US, in force from
 * `effectiveRound` (this round unless given); `extra` names its zone, strike or id.
 */
export function inForce(
  d: DraftState,
  kind: CombinedKind,
  extra: {
    id?: string;
    zone?: string;
    strike?: { target: string; aim: string; parts: { unit: string; weapon: string; count: number }[] };
  } = {},
  effectiveRound = d.round,
): void {
  d.combined.push({
    effectiveRound,
    proposal: {
      id: `${kind}-${d.combined.length}`,
      round: d.round,
      by: 'japan',
      to: 'us',
      kind,
      status: 'accepted',
      ...extra,
    },
  });
}
