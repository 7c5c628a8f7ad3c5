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
export function liveUnits(state: Pick<MatchState, 'units'>, f?: (u: UnitState) => boolean): UnitState[] {
  const out: UnitState[] = [];
  // Insertion order (scenario order, then units added by programs) is part of the state and
  // survives JSON and structuredClone, so iteration is deterministic without sorting.
  for (const u of Object.values(state.units)) if (u.strength > 0.1 && (!f || f(u))) out.push(u);
  return out;
}

export const unitsIn = (state: Pick<MatchState, 'units'>, zone: ZoneId, faction?: Faction): UnitState[] =>
  liveUnits(state, (u) => u.zone === zone && (faction === undefined || u.faction === faction));

export const enemies = (a: Faction, b: Faction): boolean => isBlue(a) !== isBlue(b);
