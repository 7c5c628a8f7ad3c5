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

/** A units map's units in insertion order, all and by faction (units never change faction). */
interface UnitIndex {
  readonly all: readonly UnitState[];
  readonly byFaction: { readonly [F in Faction]: readonly UnitState[] };
}

/**
 * The index of each units map seen, by the map's identity. A map's unit objects may change
 * (strength, zone) in place; only adding a unit changes the index, and the one place that adds
 * units to a map in use calls `unitsAdded`. A new state's map is a new key.
 */
const indexes = new WeakMap<object, UnitIndex>();

function indexOf(units: MatchState['units']): UnitIndex {
  let ix = indexes.get(units);
  if (!ix) {
    const all = Object.values(units);
    const byFaction = { japan: [], us: [], china: [], taiwan: [] } as { [F in Faction]: UnitState[] };
    for (const u of all) byFaction[u.faction].push(u);
    ix = { all, byFaction };
    indexes.set(units, ix);
  }
  return ix;
}

/** Must be called after a unit is added to a units map that may already have been read. */
export function unitsAdded(units: MatchState['units']): void {
  indexes.delete(units);
}

const live = (from: readonly UnitState[], f?: (u: UnitState) => boolean): UnitState[] => {
  const out: UnitState[] = [];
  for (const u of from) if (u.strength > 0.1 && (!f || f(u))) out.push(u);
  return out;
};

/** Units still in the fight (strength above a tenth of a step), in the state's insertion order. */
export function liveUnits(state: Pick<MatchState, 'units'>, f?: (u: UnitState) => boolean): UnitState[] {
  // Insertion order (scenario order, then units added by programs) is part of the state and
  // survives JSON and structuredClone, so iteration is deterministic without sorting.
  return live(indexOf(state.units).all, f);
}

/** `liveUnits` of one faction (the same order), without testing every other faction's units. */
export function liveUnitsOf(
  state: Pick<MatchState, 'units'>,
  faction: Faction,
  f?: (u: UnitState) => boolean,
): UnitState[] {
  return live(indexOf(state.units).byFaction[faction], f);
}

export const unitsIn = (state: Pick<MatchState, 'units'>, zone: ZoneId, faction?: Faction): UnitState[] =>
  liveUnits(state, (u) => u.zone === zone && (faction === undefined || u.faction === faction));

export const enemies = (a: Faction, b: Faction): boolean => isBlue(a) !== isBlue(b);
