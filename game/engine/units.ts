/** Unit helpers over state and catalog. */
import { type MunitionDef, munitionById, type UnitTypeDef, unitTypeById } from '../data/units.ts';
import { type Faction, isBlue, type ZoneId } from '../types.ts';
import type { MatchState, UnitState } from './state.ts';

export function unitType(u: UnitState): UnitTypeDef {
  const t = unitTypeById.get(u.type);
  if (!t) throw new Error(`internal: unknown unit type ${u.type}`);
  return t;
}

/**
 * A unit's ground combat power (DESIGN.md section 8, "Amphibious and ground"): its steps times
 * its type's ground power, Taiwan's raised by its reserve mobilization — as ground combat weighs
 * it and as the end of an invasion is assessed.
 */
export const groundPowerOf = (
  s: { readonly taiwan: { readonly reserveMobilization: number } },
  u: UnitState,
): number =>
  unitType(u).groundPower *
  u.strength *
  (u.faction === 'taiwan' ? 1 + s.taiwan.reserveMobilization / 200 : 1);

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
  zoneIndexes.delete(units);
}

/**
 * Each units map's units by zone (insertion order within a zone). A unit's zone changes only
 * through `moveUnit`, which drops the map's zone index (tests/units.test.ts checks that no
 * other code assigns a zone).
 */
const zoneIndexes = new WeakMap<object, Map<ZoneId, UnitState[]>>();

function zoneIndexOf(units: MatchState['units']): Map<ZoneId, UnitState[]> {
  let ix = zoneIndexes.get(units);
  if (!ix) {
    ix = new Map();
    for (const u of indexOf(units).all) {
      const here = ix.get(u.zone);
      if (here) here.push(u);
      else ix.set(u.zone, [u]);
    }
    zoneIndexes.set(units, ix);
  }
  return ix;
}

/** Moves a unit of a working copy to `zone`. */
export function moveUnit(units: Record<string, { zone: ZoneId }>, id: string, zone: ZoneId): void {
  const u = units[id];
  if (!u) return;
  u.zone = zone;
  zoneIndexes.delete(units);
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

/** `liveUnits` in one zone (the same order), without testing the units elsewhere. */
export function liveUnitsIn(
  state: Pick<MatchState, 'units'>,
  zone: ZoneId,
  f?: (u: UnitState) => boolean,
): UnitState[] {
  return live(zoneIndexOf(state.units).get(zone) ?? [], f);
}

export const unitsIn = (state: Pick<MatchState, 'units'>, zone: ZoneId, faction?: Faction): UnitState[] =>
  liveUnitsIn(state, zone, faction === undefined ? undefined : (u) => u.faction === faction);

export const enemies = (a: Faction, b: Faction): boolean => isBlue(a) !== isBlue(b);
