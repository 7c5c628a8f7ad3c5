/**
 * The Red bot (DESIGN.md sections 6 and 11): China climbs the ladder when an option's
 * temptation (the deterrence estimate) clears its resolve by its policy's offset — cautious,
 * opportunist or aggressive — then runs its gray-zone pressure, strikes and landings.
 */
import { geographyOf } from '../data/geography.ts';
import { distanceKm, zoneDef } from '../data/map.ts';
import { deterrenceEstimate } from '../engine/deterrence.ts';
import { visibleUnits } from '../engine/fog.ts';
import type { Action } from '../engine/orders.ts';
import { stream } from '../engine/rng.ts';
import { liveUnitsIn, liveUnitsOf, munition, unitType } from '../engine/units.ts';
import { landingReachable } from '../rules/landing.ts';
import { moveTargets } from '../rules/movement.ts';
import { combatPermission, shotsLeft, stockLeft } from '../rules/strike.ts';
import { legalRank, RUNG, type Rung } from '../types.ts';

import { advanceOverland, type BotContext, fundPrograms, Plan, rungsLeft } from './plan.ts';
import { RED_POLICIES, type RedPolicy } from './policies.ts';

/**
 * How far from Red's resolve each policy acts: a cautious Red wants a clear margin, an
 * opportunist acts at its resolve, an aggressive (risk-acceptant) Red takes options that
 * look somewhat unfavorable.
 */
const RED_OFFSET: Record<Exclude<RedPolicy, 'calculating'>, number> = {
  cautious: 0.5,
  opportunist: 0,
  aggressive: -2.5,
};

/**
 * The temptation an option must exceed for this policy to take it: resolve plus the policy's
 * offset, or — for a calculating Red — zero: it escalates exactly when the estimate says the
 * best option pays (its expected value exceeds its expected cost), whatever its resolve.
 */
export const thresholdOf = (policy: RedPolicy, resolve: number): number =>
  policy === 'calculating' ? 0 : resolve + RED_OFFSET[policy];

/** The Red policy a context names (opportunist when it names none). */
export const redPolicyOf = (ctx: BotContext): RedPolicy =>
  (RED_POLICIES as readonly string[]).includes(ctx.policy) ? (ctx.policy as RedPolicy) : 'opportunist';

/** Whether this Red, by its policy, would climb further: its best option clears its threshold. */
export function redWouldEscalate(ctx: BotContext): boolean {
  const est = deterrenceEstimate(ctx.state, ctx.scenario, 'china');
  return est.best !== null && est.best.temptation > thresholdOf(redPolicyOf(ctx), ctx.state.china.resolve);
}

/** Zones outside China that China controls. */
export const chinaHolds = (s: BotContext['state']): string[] =>
  Object.entries(s.zones)
    .filter(([z, st]) => st.controller === 'china' && zoneDef(z).country !== 'china')
    .map(([z]) => z);

export function chinaPlan(ctx: BotContext): Action[] {
  const geo = geographyOf(ctx.scenario.zones);
  const s = ctx.state;
  const policy = redPolicyOf(ctx);
  const plan = new Plan(ctx);
  const est = deterrenceEstimate(s, ctx.scenario, 'china');
  const threshold = thresholdOf(policy, s.china.resolve);
  if (est.best && est.best.temptation > threshold)
    plan.add({ type: 'escalate', to: Math.min(est.best.rung, s.escalation + 2) as Rung });
  fundPrograms(plan, ctx, ['cn-missile-production']);
  const ccg = liveUnitsOf(s, 'china', (u) => unitType(u).presence > 0);
  const peacetime = s.escalation < RUNG.strikes;
  if (peacetime && (policy !== 'cautious' || s.round % 2 === 0))
    for (const zone of [...geo.disputed, ...geo.disputedApproaches])
      if (ccg.some((u) => u.zone === zone || zoneDef(u.zone).adjacent.includes(zone)))
        plan.add({ type: 'gray-zone', action: 'patrol', zone });
  const rung =
    plan.current.pending.china.orders.find((o) => o.type === 'escalate')?.type === 'escalate'
      ? Math.min(5, Math.max(s.escalation, est.best?.rung ?? 0))
      : s.escalation;
  if (peacetime && rung >= RUNG.coercion && policy !== 'cautious' && s.round % 2 === 1)
    for (const zone of geo.japanCapital) plan.add({ type: 'gray-zone', action: 'economic-coercion', zone });
  if (peacetime && rung >= RUNG.coercion)
    for (const zone of geo.strait.slice(0, 1)) plan.add({ type: 'gray-zone', action: 'air-incursion', zone });
  if (rung >= RUNG.quarantine)
    for (const zone of geo.japanCapital) plan.add({ type: 'gray-zone', action: 'cyber', zone });
  if (rung >= RUNG.quarantine && rung <= RUNG.blockade)
    for (const u of ccg) {
      const t = moveTargets(plan.current, ctx.scenario, u).filter((z) => geo.quarantineLanes.includes(z));
      if (t[0] && !geo.quarantineLanes.includes(u.zone)) plan.add({ type: 'move', unit: u.id, to: t[0] });
    }
  // A fait accompli (salami slicing): an aggressive Red in a quarantine or blockade, not
  // invading Taiwan, lands on a disputed island no Blue soldier holds.
  if (
    policy === 'aggressive' &&
    s.escalation >= RUNG.quarantine &&
    s.escalation <= RUNG.blockade &&
    rung <= RUNG.blockade
  )
    seizeDisputed(plan, ctx);
  if (combatPermission(plan.current, ctx.scenario, 'china').ok) redStrikes(plan, ctx);
  if (
    plan.current.pending.china.orders.some((o) => o.type === 'escalate' && o.to === RUNG.invasion) ||
    s.escalation === RUNG.invasion
  ) {
    redLanding(plan, ctx);
    advanceOverland(plan, ctx, ADVANCE_RATIO[policy]);
  }
  if (policy === 'cautious' && s.escalation >= RUNG.strikes && s.round >= 3) {
    const lift = liveUnitsOf(s, 'china', (u) => unitType(u).liftPerStep > 0).reduce(
      (a, u) => a + u.strength / u.maxStrength,
      0,
    );
    if (lift < 0.5 && !s.offers.some((o) => o.by === 'china' && o.status === 'open'))
      return [
        ...plan.orders.map((order): Action => ({ type: 'order', seat: 'china', order })),
        { type: 'offer', seat: 'china', terms: 'ceasefire-in-place' },
      ];
  }
  // Holding ground it would not fight on for, Red offers to stop where it stands (section 4: off-ramps).
  const actions = plan.orders.map((order): Action => ({ type: 'order', seat: 'china', order }));
  if (
    chinaHolds(s).length > 0 &&
    !(est.best && est.best.temptation > threshold) &&
    !s.offers.some((o) => o.by === 'china' && o.status === 'open')
  )
    actions.push({ type: 'offer', seat: 'china', terms: 'ceasefire-in-place' });
  return actions;
}

/** Lands the smallest brigade a lift can carry on the first disputed island China does not hold and no Blue ground unit defends. */
function seizeDisputed(plan: Plan, ctx: BotContext): void {
  const s = plan.current;
  const seen = visibleUnits(s, 'china');
  for (const zone of geographyOf(ctx.scenario.zones).disputed) {
    if (s.zones[zone]?.controller === 'china') continue;
    if (seen.some((u) => u.zone === zone && u.faction !== 'china' && unitType(u).groundPower > 0)) continue;
    for (const lift of liveUnitsOf(s, 'china', (u) => unitType(u).liftPerStep > 0)) {
      if (!landingReachable(s, ctx.scenario, lift.id, zone)) continue;
      const cap = unitType(lift).liftPerStep * lift.strength;
      const brigade = liveUnitsIn(
        s,
        lift.zone,
        (u) => u.faction === 'china' && unitType(u).category === 'ground' && u.strength <= cap + 1e-9,
      ).sort((a, b) => a.strength - b.strength || a.id.localeCompare(b.id))[0];
      if (!brigade) continue;
      plan.add({ type: 'land', lift: lift.id, brigades: [brigade.id], target: zone });
      return;
    }
    // No lift in reach: one closes on a Chinese coast it could sail from with a brigade, to sail next round.
    const lift = liveUnitsOf(s, 'china', (u) => unitType(u).liftPerStep > 0).sort((a, b) =>
      a.id.localeCompare(b.id),
    )[0];
    if (!lift) return;
    const stage = moveTargets(s, ctx.scenario, lift)
      .filter((z) => zoneDef(z).country === 'china' && zoneDef(z).kind === 'land')
      .sort((a, b) => a.localeCompare(b))
      .find((z) =>
        landingReachable(
          { ...s, units: { ...s.units, [lift.id]: { ...lift, zone: z } } },
          ctx.scenario,
          lift.id,
          zone,
        ),
      );
    if (!stage) return;
    const brigade = liveUnitsIn(
      s,
      lift.zone,
      (u) => u.faction === 'china' && unitType(u).category === 'ground',
    ).sort((a, b) => a.strength - b.strength || a.id.localeCompare(b.id))[0];
    if (!brigade || !moveTargets(s, ctx.scenario, brigade).includes(stage)) return;
    plan.add({ type: 'move', unit: lift.id, to: stage });
    plan.add({ type: 'move', unit: brigade.id, to: stage });
    return;
  }
}

function redStrikes(plan: Plan, ctx: BotContext): void {
  const s = plan.current;
  const seen = visibleUnits(s, 'china');
  // An aggressive Red strikes first at the US and Japan too — but never at a power the scenario
  // keeps out of the war (the Taiwan-alone and Japan-neutral excursions).
  const hitUs =
    s.us.intervening || (ctx.policy === 'aggressive' && ctx.scenario.constraints.usIntervention !== 'never');
  const hitJapan =
    legalRank(s.japan.legalStatus) >= legalRank('survival-threatening') ||
    (ctx.policy === 'aggressive' && ctx.scenario.constraints.japanIntervention !== 'never');
  // One pass over what Red sees: the value of each zone as an airbase, ship and launcher target.
  const air = new Map<string, number>();
  const ship = new Map<string, number>();
  const launchers = new Map<string, number>();
  const add = (m: Map<string, number>, z: string, v: number): void => {
    m.set(z, (m.get(z) ?? 0) + v);
  };
  for (const u of seen) {
    if (u.faction === 'china') continue;
    const t = unitType(u);
    const country = zoneDef(u.zone).country;
    if (t.domain === 'air' && (hitUs || u.faction !== 'us') && (country !== 'japan' || hitJapan))
      add(air, u.zone, u.strength);
    if (
      (t.category === 'carrier' || t.category === 'surface') &&
      (hitUs || u.faction !== 'us') &&
      (hitJapan || u.faction !== 'japan')
    )
      add(ship, u.zone, u.strength * (t.category === 'carrier' ? 4 : 1));
    // Coastal anti-ship launchers on Taiwan threaten the crossing: suppress them before and during it.
    if (u.faction === 'taiwan' && t.category === 'coastal-missile' && country === 'taiwan')
      add(launchers, u.zone, u.strength * 6);
  }
  const airValue = (z: string): number => air.get(z) ?? 0;
  const shipValue = (z: string): number => ship.get(z) ?? 0;
  const launcherValue = (z: string): number => launchers.get(z) ?? 0;
  const zones = [...new Set(seen.map((u) => u.zone))].sort();
  const share = 1 / Math.min(3, rungsLeft(s));
  // Targets ranked once (value, then zone name); each launcher takes the best one in range.
  type Pick = { z: string; v: number; aim: 'ships' | 'airbase' | 'launchers' };
  const rank = (picks: Pick[]): Pick[] =>
    picks.filter((x) => x.v > 0).sort((a, b) => b.v - a.v || a.z.localeCompare(b.z));
  const shipTargets = rank(zones.map((z): Pick => ({ z, v: shipValue(z), aim: 'ships' })));
  const landTargets = rank(
    zones.flatMap((z): Pick[] => [
      { z, v: airValue(z), aim: 'airbase' },
      { z, v: launcherValue(z), aim: 'launchers' },
    ]),
  );
  // Salvos are spread by diminishing returns: a target's worth falls as missiles are assigned
  // to it (halved once SATURATION missiles per point of value are on it), so the opening salvo
  // reaches every naval base and airfield instead of piling onto the richest one.
  const assigned = new Map<string, number>();
  const worth = (t: Pick): number => t.v / (1 + (assigned.get(`${t.z}|${t.aim}`) ?? 0) / (SATURATION * t.v));
  for (const u of liveUnitsOf(s, 'china')) {
    for (const w of unitType(u).weapons) {
      const m = munition(w.munition);
      if (!m) continue;
      const ships = m.role !== 'land-attack';
      let best: Pick | undefined;
      for (const t of ships ? shipTargets : landTargets)
        if ((t.z === u.zone || distanceKm(u.zone, t.z) <= m.rangeKm) && (!best || worth(t) > worth(best)))
          best = t;
      if (!best) continue;
      const count = Math.floor(
        Math.min(
          shotsLeft(plan.current, u, w.munition),
          stockLeft(plan.current, 'china', w.munition) * share,
        ),
      );
      const key = `${best.z}|${best.aim}`;
      if (count >= 1) assigned.set(key, (assigned.get(key) ?? 0) + count);
      if (count >= 1)
        plan.add({
          type: 'strike',
          unit: u.id,
          target: best.z,
          aim: best.aim,
          weapon: w.munition,
          count,
        });
    }
  }
}

/**
 * Missiles per point of a target's value at which its worth to the next salvo has halved.
 * Assumption: about four missiles per ship or aircraft step (two interceptors per missile and
 * a 0.7 kill chance leave roughly one leaker in four against a defended base, CSIS 2023).
 */
const SATURATION = 4;

/**
 * The combat-power ratio over what it sees defending at which a Red lodgment advances inland
 * (`advanceOverland`). Assumption: the classic 3:1 attacker's rule of thumb at the point of
 * attack falls to about 1.5:1 over a whole zone once surprise and air superiority are China's;
 * an aggressive Red attacks at parity, a cautious one waits for 2:1.
 */
const ADVANCE_RATIO: Readonly<Record<RedPolicy, number>> = {
  cautious: 2,
  opportunist: 1.5,
  calculating: 1.5,
  aggressive: 1,
};

function redLanding(plan: Plan, ctx: BotContext): void {
  const geo = geographyOf(ctx.scenario.zones);
  const s = plan.current;
  const seen = visibleUnits(s, 'china');
  const defenders = (z: string): number =>
    seen
      .filter((u) => u.zone === z && u.faction !== 'china' && unitType(u).groundPower > 0)
      .reduce((a, u) => a + u.strength, 0);
  const held = geo.landingSectors.find((z) => liveUnitsIn(s, z, (u) => u.faction === 'china').length > 0);
  const rng = stream(s.seed, `bot/china/round-${s.round}`);
  const options = [...geo.landingSectors].sort((a, b) => defenders(a) - defenders(b) || a.localeCompare(b));
  const preferred =
    held ?? (ctx.policy === 'opportunist' && options.length > 1 && rng.chance(0.3) ? options[1] : options[0]);
  if (!preferred) return;
  for (const lift of liveUnitsOf(s, 'china', (u) => unitType(u).liftPerStep > 0)) {
    // Each lift sails for the preferred beach; an aggressive Red also opens a second beach it can reach.
    const candidates = ctx.policy === 'aggressive' ? [preferred, ...options] : [preferred];
    const target = candidates.find((z) => landingReachable(plan.current, ctx.scenario, lift.id, z));
    if (!target) {
      // Follow-on lift (ro-ro and ferries in the rear ports) closes on the embarkation area with
      // the brigades waiting beside it, to sail in a later wave.
      const to = geo.embarkation[0];
      if (to && lift.zone !== to && moveTargets(plan.current, ctx.scenario, lift).includes(to)) {
        plan.add({ type: 'move', unit: lift.id, to });
        for (const b of liveUnitsIn(
          plan.current,
          lift.zone,
          (u) => u.faction === 'china' && unitType(u).category === 'ground',
        ))
          if (moveTargets(plan.current, ctx.scenario, b).includes(to))
            plan.add({ type: 'move', unit: b.id, to });
      }
      continue;
    }
    const cap = unitType(lift).liftPerStep * lift.strength;
    const brigades: string[] = [];
    let load = 0;
    for (const b of liveUnitsIn(
      plan.current,
      lift.zone,
      (u) => u.faction === 'china' && unitType(u).category === 'ground',
    )) {
      if (plan.current.pending.china.orders.some((o) => o.type === 'land' && o.brigades.includes(b.id)))
        continue;
      if (load + b.strength <= cap + 1e-9) {
        brigades.push(b.id);
        load += b.strength;
      }
    }
    if (brigades.length > 0) plan.add({ type: 'land', lift: lift.id, brigades, target });
  }
}
