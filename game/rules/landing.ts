/**
 * Amphibious assault and ground combat (DESIGN.md section 8, "Amphibious and ground"): the
 * landing order's legality and candidates, embarkation, and the ground step.
 */

import { geographyOf } from '../data/geography.ts';
import { hasFeature, reachable, zoneById, zoneDef } from '../data/map.ts';
import type { Scenario } from '../data/scenario.ts';
import { GROUND } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import type { Knowledge } from '../engine/knowledge.ts';
import type { Order } from '../engine/orders.ts';
import { stream } from '../engine/rng.ts';
import { fail, OK, type OrderRules } from '../engine/rule.ts';
import type { StepContext } from '../engine/step.ts';
import { inflict, log, round3 } from '../engine/tracks.ts';
import { groundPowerOf, liveUnitsIn, liveUnitsOf, moveUnit, unitsIn, unitType } from '../engine/units.ts';
import { type Faction, own, type Result, RUNG, type RuleError } from '../types.ts';

import { plannedRung } from './politics.ts';
import { flagJapanAttacked } from './strike.ts';

/** A landing in progress this round: the lift and brigades cross through `crossing` to `target`. */
export interface Landing {
  readonly lift: string;
  readonly brigades: readonly string[];
  readonly target: string;
  readonly origin: string;
  readonly crossing: string;
}

/** Battalions one surviving lift step can keep supplied over the beach (CSIS 2023: lodgments withered once lift was sunk). */
const OVER_BEACH = 2;

/** The checks of a landing that do not turn on its brigades: who, where, at which rung, which lift, within reach. */
function landingBase(
  state: Knowledge,
  scenario: Scenario,
  f: Faction,
  o: { readonly lift: string; readonly target: string },
): Result<void, RuleError> {
  if (f !== 'china') return fail('ERR_NOT_YOURS', 'only China conducts amphibious assaults here');
  const target = zoneById.get(o.target);
  if (!target || !scenario.zones.includes(o.target))
    return fail('ERR_NO_ZONE', `zone "${o.target}" is not on this map`);
  const rung = plannedRung(state, f);
  const need = target.country === 'japan' ? RUNG.strikes : RUNG.invasion;
  const disputed = geographyOf(scenario.zones).disputed.includes(o.target);
  if (disputed ? rung < RUNG.quarantine : rung < need)
    return fail(
      'ERR_BELOW_INVASION',
      disputed
        ? 'a Senkaku landing needs at least a quarantine-level crisis (rung 2)'
        : `an amphibious assault on ${target.name} needs rung ${need}`,
    );
  if (target.kind !== 'land' || target.country === 'china')
    return fail('ERR_BAD_TARGET', `${target.name} is not a landing objective`);
  const lift = own(state.units, o.lift);
  if (lift?.faction !== 'china' || unitType(lift).liftPerStep <= 0 || lift.strength <= 0.1)
    return fail('ERR_NO_LIFT', `"${o.lift}" is not a Chinese amphibious lift group in play`);
  if (state.pending.china.orders.some((p) => p.type === 'land' && p.lift === o.lift))
    return fail('ERR_DUPLICATE', `${o.lift} already carries a landing this round`);
  if (state.pending.china.orders.some((p) => p.type === 'move' && p.unit === o.lift))
    return fail('ERR_DUPLICATE', `${o.lift} already has a move this round`);
  const route = reachable(lift.zone, 2, 'sea', new Set(scenario.zones));
  // A beach with no port (the Senkakus) is reached like a port: from a sea zone next to it.
  const fromSea = [...route].some(
    ([z, d]) => d === 1 && zoneDef(z).kind === 'sea' && zoneDef(z).adjacent.includes(o.target),
  );
  if (!route.has(o.target) && !fromSea && !zoneDef(lift.zone).adjacent.includes(o.target))
    return fail(
      'ERR_UNREACHABLE',
      `${target.name} is more than two sea zones from ${zoneDef(lift.zone).name}`,
    );
  return OK;
}

/**
 * `landingReachable(state, scenario, lift, target)`: whether China's lift group can carry a
 * landing to `target` this round, by every check of a landing order but its brigades' (the
 * bots plan with it).
 */
export function landingReachable(
  state: Knowledge,
  scenario: Scenario,
  lift: string,
  target: string,
): boolean {
  return (
    state.stage === 'planning' &&
    !state.pending.china.committed &&
    landingBase(state, scenario, 'china', { lift, target }).ok
  );
}

function validateLanding(
  state: Knowledge,
  scenario: Scenario,
  f: Faction,
  o: Extract<Order, { type: 'land' }>,
): Result<void, RuleError> {
  const base = landingBase(state, scenario, f, o);
  if (!base.ok) return base;
  const lift = own(state.units, o.lift)!;
  if (o.brigades.length === 0) return fail('ERR_NO_UNIT', 'a landing needs at least one brigade');
  let carried = 0;
  for (const id of o.brigades) {
    const b = own(state.units, id);
    if (b?.faction !== 'china' || unitType(b).category !== 'ground' || b.strength <= 0.1)
      return fail('ERR_NO_UNIT', `"${id}" is not a Chinese ground unit in play`);
    if (b.zone !== lift.zone)
      return fail('ERR_NOT_EMBARKED', `${id} is at ${zoneDef(b.zone).name}, not with ${o.lift}`);
    if (
      state.pending.china.orders.some(
        (p) => (p.type === 'land' && p.brigades.includes(id)) || (p.type === 'move' && p.unit === id),
      )
    )
      return fail('ERR_DUPLICATE', `${id} already has orders this round`);
    carried += b.strength;
  }
  const capacity = unitType(lift).liftPerStep * lift.strength;
  if (carried > capacity + 1e-9)
    return fail(
      'ERR_LIFT_CAPACITY',
      `${o.lift} lifts ${capacity.toFixed(1)} battalions; the brigades total ${carried.toFixed(1)}`,
    );
  return OK;
}

/** The landing orders of the landing area: each lift group with the brigades it can carry, to every zone. */
export const LANDING_ORDERS: OrderRules<'land'> = {
  land: {
    check: validateLanding,
    *candidates(state, scenario, f) {
      if (f !== 'china') return;
      for (const lift of liveUnitsOf(state, 'china', (x) => unitType(x).liftPerStep > 0)) {
        const brigades = unitsIn(state, lift.zone, 'china').filter((b) => unitType(b).category === 'ground');
        const cap = unitType(lift).liftPerStep * lift.strength;
        const chosen: string[] = [];
        let load = 0;
        for (const b of brigades)
          if (load + b.strength <= cap + 1e-9) {
            chosen.push(b.id);
            load += b.strength;
          }
        if (chosen.length === 0) continue;
        for (const target of scenario.zones) yield { type: 'land', lift: lift.id, brigades: chosen, target };
      }
    },
  },
};

/** Landings embark toward their crossing zone (section 4 step 4, after the moves). */
export function embarkLandings(d: DraftState, ctx: StepContext): Landing[] {
  const landings: Landing[] = [];
  for (const o of ctx.orders.china) {
    if (o.type !== 'land') continue;
    const lift = d.units[o.lift];
    if (!lift || lift.strength <= 0) continue;
    const targetAdj = zoneDef(o.target).adjacent;
    const crossing =
      zoneDef(lift.zone).kind === 'sea' && targetAdj.includes(lift.zone)
        ? lift.zone
        : (targetAdj.find(
            (z) => zoneDef(z).kind === 'sea' && (zoneDef(lift.zone).adjacent.includes(z) || z === lift.zone),
          ) ??
          targetAdj.find((z) => zoneDef(z).kind === 'sea') ??
          o.target);
    const origin = lift.zone;
    moveUnit(d.units, lift.id, crossing);
    for (const b of o.brigades) moveUnit(d.units, b, crossing);
    landings.push({ lift: o.lift, brigades: o.brigades, target: o.target, origin, crossing });
    log(d, 'movement', 'amphibious-sailing', { zone: crossing });
  }
  return landings;
}

/** Amphibious and ground combat (section 8): landings, combat in contested land zones, lodgment supply. */
export function groundStep(d: DraftState, ctx: StepContext, landings: readonly Landing[]): void {
  for (const l of landings) {
    const lift = d.units[l.lift]!;
    const capacity = unitType(lift).liftPerStep * lift.strength;
    const start = l.brigades.reduce((a, b) => a + (d.units[b]?.strength ?? 0), 0);
    // Ships lost at sea take their troops with them: embarked strength scales with the lift that survived.
    const survivedShare = lift.maxStrength > 0 ? Math.min(1, capacity / Math.max(start, 1e-9)) : 0;
    let landed = 0;
    for (const b of l.brigades) {
      const bu = d.units[b];
      if (!bu) continue;
      const lost = bu.strength * (1 - Math.min(1, survivedShare));
      if (lost > 0) inflict(d, b, lost);
      moveUnit(d.units, b, l.target);
      landed += bu.strength;
    }
    moveUnit(d.units, lift.id, l.origin);
    const zs = d.zones[l.target];
    if (
      zs &&
      zs.controller === null &&
      liveUnitsIn(d, l.target, (u) => u.faction !== 'china' && unitType(u).groundPower > 0).length === 0
    )
      zs.controller = 'china';
    if (zoneDef(l.target).country === 'japan') flagJapanAttacked(d);
    log(d, 'ground', 'landing', { zone: l.target, landed: round3(landed), embarked: round3(start) });
  }
  // Over-the-beach supply: surviving lift sustains up to OVER_BEACH battalions per lift step.
  const overBeachCapacity = liveUnitsOf(d, 'china', (u) => unitType(u).liftPerStep > 0).reduce(
    (a, u) => a + u.strength * OVER_BEACH,
    0,
  );
  // Supply: a lodgment lives on a port or airfield China holds and has not wrecked, or over the
  // beach while lift survives; every other lodgment — held ground without either among them —
  // draws on the same lift.
  const portSupplied = (zone: string): boolean => {
    const zs = d.zones[zone];
    return (
      zs?.controller === 'china' &&
      (hasFeature(zone, 'port') || hasFeature(zone, 'airbase')) &&
      zs.portDamage < 0.7
    );
  };
  const lodgmentZones = ctx.scenario.zones.filter(
    (z) => zoneDef(z).kind === 'land' && zoneDef(z).country !== 'china' && !portSupplied(z),
  );
  const lodgedTotal = lodgmentZones.reduce(
    (a, z) =>
      a +
      liveUnitsIn(d, z, (u) => u.faction === 'china' && unitType(u).groundPower > 0).reduce(
        (b, u) => b + u.strength,
        0,
      ),
    0,
  );
  for (const zone of ctx.scenario.zones) {
    if (zoneDef(zone).kind !== 'land') continue;
    const red = liveUnitsIn(d, zone, (u) => u.faction === 'china' && unitType(u).groundPower > 0);
    const blue = liveUnitsIn(d, zone, (u) => u.faction !== 'china' && unitType(u).groundPower > 0);
    const zs = d.zones[zone]!;
    if (red.length === 0) {
      // Ground China held and no longer holds, with Blue's troops standing in it, goes back to its country.
      if (zs.controller === 'china' && blue.length > 0) {
        zs.controller = null;
        log(d, 'ground', 'zone-retaken', { zone, by: blue[0]!.faction });
      }
      continue;
    }
    const lodgments = lodgedTotal;
    const overBeach = overBeachCapacity;
    if (blue.length > 0) {
      const rng = stream(d.seed, `round-${d.round}/ground-${zone}`);
      const att = red.reduce((a, u) => a + groundPowerOf(d, u), 0);
      const def = blue.reduce((a, u) => a + groundPowerOf(d, u), 0) * GROUND.defenderMultiplier.value;
      const base = GROUND.baseAttrition.value;
      const noise = (): number => 0.75 + rng.next() * 0.5;
      const attLoss = base * def * noise();
      const defLoss = base * att * noise();
      for (const u of red) inflict(d, u.id, (attLoss * (unitType(u).groundPower * u.strength)) / att);
      const rawDef = blue.reduce((a, u) => a + unitType(u).groundPower * u.strength, 0);
      for (const u of blue)
        inflict(d, u.id, (defLoss * (unitType(u).groundPower * u.strength)) / Math.max(rawDef, 1e-9));
      log(d, 'ground', 'ground-combat', {
        zone,
        attackerLoss: round3(attLoss),
        defenderLoss: round3(defLoss),
      });
      const blueLeft = liveUnitsIn(
        d,
        zone,
        (u) => u.faction !== 'china' && unitType(u).groundPower > 0,
      ).length;
      if (
        blueLeft === 0 &&
        liveUnitsIn(d, zone, (u) => u.faction === 'china' && unitType(u).groundPower > 0).length > 0
      ) {
        zs.controller = 'china';
        log(d, 'ground', 'zone-taken', { zone });
        if (zoneDef(zone).country === 'japan') flagJapanAttacked(d);
      }
    } else if (zs.controller !== 'china' && zoneDef(zone).country !== 'china') {
      // An advance into ground no one defends takes it.
      zs.controller = 'china';
      log(d, 'ground', 'zone-taken', { zone });
      if (zoneDef(zone).country === 'japan') flagJapanAttacked(d);
    }
    if (zoneDef(zone).country !== 'china') {
      if (portSupplied(zone) || overBeach >= lodgments) zs.unsuppliedRounds = 0;
      else {
        zs.unsuppliedRounds += 1;
        const share = GROUND.unsuppliedAttrition.value * (1 - overBeach / Math.max(lodgments, 1e-9));
        for (const u of liveUnitsIn(d, zone, (x) => x.faction === 'china' && unitType(x).groundPower > 0))
          inflict(d, u.id, u.strength * share);
        log(d, 'ground', 'lodgment-withers', { zone });
      }
    }
  }
}
