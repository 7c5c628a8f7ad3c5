/** Unit helpers over state and catalog. */
import { type MunitionDef, munitionById, type UnitTypeDef, unitTypeById } from '../data/units.ts';
import { type Faction, isBlue, type ZoneId } from '../types.ts';
import type { MatchState, UnitState } from './state.ts';

export function unitType(u: UnitState): UnitTypeDef {
  const t = unitTypeById.get(u.type);
  if (!t) throw new Error(`internal: unknown unit type ${u.type}`);
  return t;
}

export function munition(id: string): MunitionDef | undefined {
  return munitionById.get(id);
}

/** Units still in the fight (strength above a tenth of a step), in the state's insertion order. */
export function liveUnits(state: MatchState, f?: (u: UnitState) => boolean): UnitState[] {
  const out: UnitState[] = [];
  // Insertion order (scenario order, then units added by programs) is part of the state and
  // survives JSON and structuredClone, so iteration is deterministic without sorting.
  for (const u of unitList(state.units)) if (u.strength > 0.1 && (!f || f(u))) out.push(u);
  return out;
}

/**
 * The unit objects of a units map, memoized per map. Unit objects may change in a draft
 * (the array holds the same objects), but adding a unit to a map must call `forgetUnitList`.
 */
const UNIT_LISTS = new WeakMap<object, readonly UnitState[]>();
function unitList(units: MatchState['units']): readonly UnitState[] {
  let list = UNIT_LISTS.get(units);
  if (!list) {
    list = Object.values(units);
    UNIT_LISTS.set(units, list);
  }
  return list;
}

/** Drops the memoized unit list of a map that gained a unit. */
export const forgetUnitList = (units: object): boolean => UNIT_LISTS.delete(units);

export const unitsIn = (state: MatchState, zone: ZoneId, faction?: Faction): UnitState[] =>
  liveUnits(state, (u) => u.zone === zone && (faction === undefined || u.faction === faction));

export const enemies = (a: Faction, b: Faction): boolean => isBlue(a) !== isBlue(b);
