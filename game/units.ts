/** Unit helpers over state and catalog. */
import { type MunitionDef, type UnitTypeDef, munitionById, unitTypeById } from './data/units.ts';
import type { MatchState, UnitState } from './state.ts';
import type { Faction, ZoneId } from './types.ts';

export function unitType(u: UnitState): UnitTypeDef {
  const t = unitTypeById.get(u.type);
  if (!t) throw new Error(`internal: unknown unit type ${u.type}`);
  return t;
}

export function munition(id: string): MunitionDef | undefined {
  return munitionById.get(id);
}

/** Units still in the fight (strength above a tenth of a step), in id order for determinism. */
export function liveUnits(state: MatchState, f?: (u: UnitState) => boolean): UnitState[] {
  const out: UnitState[] = [];
  for (const id of Object.keys(state.units).sort()) {
    const u = state.units[id];
    if (u && u.strength > 0.1 && (!f || f(u))) out.push(u);
  }
  return out;
}

export const unitsIn = (state: MatchState, zone: ZoneId, faction?: Faction): UnitState[] =>
  liveUnits(state, (u) => u.zone === zone && (faction === undefined || u.faction === faction));

export const isRed = (f: Faction): boolean => f === 'china';
export const enemies = (a: Faction, b: Faction): boolean => isRed(a) !== isRed(b);
