/**
 * Movement (DESIGN.md section 4 step 4, section 2 for the board): how far and where a unit may
 * move, the move order's legality and its candidates, and the movement step.
 */

import { geographyOf } from '../data/geography.ts';
import { AIR_REBASE_KM, canStand, distanceKm, reachable, zoneDef } from '../data/map.ts';
import type { Scenario } from '../data/scenario.ts';
import type { DraftState } from '../engine/draft.ts';
import type { Knowledge } from '../engine/knowledge.ts';
import { fail, OK, type OrderOf, type OrderRules } from '../engine/rule.ts';
import type { UnitState } from '../engine/state.ts';
import type { StepContext } from '../engine/step.ts';
import { log } from '../engine/tracks.ts';
import { enemies, liveUnitsOf, moveUnit, unitType } from '../engine/units.ts';
import { FACTIONS, type Faction, own, phaseOf, type Result, RUNG, type RuleError } from '../types.ts';
import { combatPermission } from './strike.ts';

/** Movement allowance in zones: doubled in crisis, quadrupled in competition. */
export function moveAllowance(state: Knowledge, u: UnitState): number {
  const base = unitType(u).move;
  const phase = phaseOf(state.escalation);
  return phase === 'conflict' ? base : phase === 'crisis' ? base * 2 : base * 4;
}

/** Zones a unit may move to this round. */
export function moveTargets(state: Knowledge, scenario: Scenario, u: UnitState): string[] {
  const active = new Set(scenario.zones);
  const t = unitType(u);
  if (zoneDef(u.zone).kind === 'pool')
    return state.round >= u.readyRound ? geographyOf(scenario.zones).reinforcementGateway.slice(0, 1) : [];
  if (t.domain === 'air') {
    return scenario.zones.filter(
      (z) =>
        z !== u.zone &&
        zoneDef(z).kind !== 'pool' &&
        canStand('air', z) &&
        distanceKm(u.zone, z) <= AIR_REBASE_KM &&
        friendlyGround(state, u.faction, z),
    );
  }
  const crossSea = t.domain === 'land' && state.escalation < RUNG.strikes;
  const r = reachable(u.zone, moveAllowance(state, u), t.domain, active, crossSea);
  const targets = [...r.keys()].filter(
    (z) =>
      zoneDef(z).kind !== 'pool' &&
      canStand(t.domain, z) &&
      (zoneDef(z).kind === 'sea' || friendlyGround(state, u.faction, z)),
  );
  return [...new Set([...targets, ...advanceTargets(state, scenario, u)])].sort();
}

/**
 * Where a ground unit may advance overland into ground it does not hold (section 8, "Amphibious
 * and ground"): on Taiwan's main island, from a zone to an adjacent one held by the enemy,
 * once its faction may use force. China's lodgments push inland toward Taipei this way and
 * Taiwan's reserves counterattack them; combat follows in the ground step. Elsewhere ground
 * war needs a landing.
 */
export function advanceTargets(state: Knowledge, scenario: Scenario, u: UnitState): string[] {
  if (unitType(u).domain !== 'land' || unitType(u).groundPower <= 0) return [];
  const island = geographyOf(scenario.zones).taiwanMain;
  if (!island.includes(u.zone)) return [];
  if (!combatPermission(state, scenario, u.faction).ok) return [];
  return zoneDef(u.zone).adjacent.filter(
    (z) => island.includes(z) && scenario.zones.includes(z) && !friendlyGround(state, u.faction, z),
  );
}

/** A land zone counts as friendly when its country is on the faction's side or the faction controls it. */
export function friendlyGround(state: Knowledge, f: Faction, zone: string): boolean {
  const z = zoneDef(zone);
  if (z.kind === 'sea') return true;
  const ctl = own(state.zones, zone)?.controller;
  if (ctl) return !enemies(ctl, f);
  if (z.country === 'international') return true;
  if (z.country === 'philippines') return f === 'us';
  if (f === 'china') return z.country === 'china';
  return z.country !== 'china';
}

function checkMove(
  state: Knowledge,
  scenario: Scenario,
  f: Faction,
  o: OrderOf<'move'>,
): Result<void, RuleError> {
  const u = own(state.units, o.unit);
  if (!u || u.strength <= 0.1) return fail('ERR_NO_UNIT', `no unit "${o.unit}" in play`);
  if (u.faction !== f) return fail('ERR_NOT_YOURS', `unit "${o.unit}" belongs to ${u.faction}`);
  if (state.pending[f].orders.some((p) => p.type === 'move' && p.unit === o.unit))
    return fail('ERR_DUPLICATE', `${o.unit} already has a move this round`);
  if (
    state.pending[f].orders.some(
      (p) => p.type === 'land' && (p.lift === o.unit || p.brigades.includes(o.unit)),
    )
  )
    return fail('ERR_DUPLICATE', `${o.unit} is part of a landing this round`);
  if (state.round < u.readyRound)
    return fail('ERR_NOT_READY', `${o.unit} arrives in theater from round ${u.readyRound}`);
  if (!scenario.zones.includes(o.to)) return fail('ERR_NO_ZONE', `zone "${o.to}" is not on this map`);
  if (!moveTargets(state, scenario, u).includes(o.to))
    return fail('ERR_UNREACHABLE', `${o.unit} cannot reach ${zoneDef(o.to).name} this round`);
  return OK;
}

/** The move orders of the movement area: where each of the faction's units may go. */
export const MOVEMENT_ORDERS: OrderRules<'move'> = {
  move: {
    check: checkMove,
    *candidates(state, scenario, f) {
      for (const u of liveUnitsOf(state, f))
        for (const to of moveTargets(state, scenario, u)) yield { type: 'move', unit: u.id, to };
    },
  },
};

/** Movement (section 4 step 4): moves in faction order (landings embark next, `embarkLandings`). */
export function movementStep(d: DraftState, ctx: StepContext): void {
  for (const f of FACTIONS) {
    for (const o of ctx.orders[f]) {
      if (o.type !== 'move') continue;
      const u = d.units[o.unit];
      if (!u || u.strength <= 0) continue;
      const from = u.zone;
      moveUnit(d.units, u.id, o.to);
      log(d, 'movement', 'unit-moved', { unit: u.id, from, to: o.to }, [f, 'white']);
    }
  }
}
