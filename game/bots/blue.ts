/**
 * Blue bots (DESIGN.md section 11): Japan, the US and Taiwan under the baseline or
 * forward-denial policy — funding, declarations, consent, combined operations, moves and
 * anti-ship strikes, reading only what their side can see.
 */
import { geographyOf } from '../data/geography.ts';
import { distanceKm, zoneDef } from '../data/map.ts';
import { visibleUnits } from '../engine/fog.ts';
import type { Action } from '../engine/orders.ts';
import type { MatchState } from '../engine/state.ts';
import { liveUnits, liveUnitsOf, munition, unitType } from '../engine/units.ts';
import { COMBINED_COST, capacityLeft, usCombatAllowedFrom } from '../rules/alliance.ts';
import { moveTargets } from '../rules/movement.ts';
import { legalBasis } from '../rules/politics.ts';
import { combatPermission, shotsLeft, stockLeft } from '../rules/strike.ts';
import { type CombinedKind, type Faction, legalRank, RUNG } from '../types.ts';

import { advanceOverland, type BotContext, fundPrograms, memo, Plan, rungsLeft } from './plan.ts';

/** Anti-ship strikes at the visible enemy ship concentrations in range, amphibious lift first. */
function shipStrikes(plan: Plan, ctx: BotContext, share: number): void {
  const s = plan.current;
  const seen = visibleUnits(s, ctx.faction);
  const value = memo((zone: string): number =>
    seen
      .filter(
        (u) =>
          u.zone === zone &&
          u.faction === 'china' &&
          unitType(u).domain === 'sea' &&
          unitType(u).category !== 'submarine',
      )
      .reduce((a, u) => a + u.strength * (unitType(u).category === 'amphibious' ? 3 : 1), 0),
  );
  // Baseline Blue does not strike the Chinese mainland (the CSIS 2023 base-case assumption);
  // forward denial strikes ships in mainland ports too.
  const mainland = (z: string): boolean => zoneDef(z).country === 'china';
  const zones = [...new Set(seen.filter((u) => u.faction === 'china').map((u) => u.zone))]
    .filter((z) => value(z) > 0 && (ctx.policy === 'forward-denial' || !mainland(z)))
    .sort((a, b) => value(b) - value(a) || a.localeCompare(b));
  for (const u of liveUnitsOf(s, ctx.faction)) {
    for (const w of unitType(u).weapons) {
      const m = munition(w.munition);
      if (!m || m.role === 'land-attack') continue;
      const target = zones.find((z) => z === u.zone || distanceKm(u.zone, z) <= m.rangeKm);
      if (!target) continue;
      const count = Math.floor(
        Math.min(
          shotsLeft(plan.current, u, w.munition),
          stockLeft(plan.current, ctx.faction, w.munition) * share,
        ),
      );
      if (count >= 1)
        plan.add({ type: 'strike', unit: u.id, target, aim: 'ships', weapon: w.munition, count });
    }
  }
}

/** A combined Japan–US strike on the most valuable visible amphibious concentration both can reach. */
function combinedStrike(
  s: MatchState,
  ctx: BotContext,
): Extract<Action, { type: 'propose' }>['strike'] | null {
  if (
    !combatPermission(s, ctx.scenario, 'us').ok ||
    legalRank(s.japan.legalStatus) < legalRank('survival-threatening')
  )
    return null;
  const seen = visibleUnits(s, 'us');
  const shipValue = (zone: string): number =>
    seen
      .filter(
        (u) =>
          u.zone === zone &&
          u.faction === 'china' &&
          ['amphibious', 'surface', 'carrier'].includes(unitType(u).category),
      )
      .reduce((a, u) => a + u.strength * (unitType(u).category === 'amphibious' ? 3 : 1), 0);
  const zones = [...new Set(seen.map((u) => u.zone))]
    .filter((z) => shipValue(z) > 0)
    .sort((a, b) => shipValue(b) - shipValue(a) || a.localeCompare(b));
  const part = (f: Faction, target: string): { unit: string; weapon: string; count: number } | null => {
    for (const u of liveUnitsOf(s, f, (x) => usCombatAllowedFrom(s, x))) {
      for (const w of unitType(u).weapons) {
        const m = munition(w.munition);
        if (!m || m.role === 'land-attack' || (u.zone !== target && distanceKm(u.zone, target) > m.rangeKm))
          continue;
        const count = Math.floor(Math.min(shotsLeft(s, u, w.munition), stockLeft(s, f, w.munition)) / 2);
        if (count >= 1) return { unit: u.id, weapon: w.munition, count };
      }
    }
    return null;
  };
  for (const target of zones) {
    const jp = part('japan', target);
    const us = part('us', target);
    if (jp && us) return { target, aim: 'ships', parts: [jp, us] };
  }
  return null;
}

function declareNext(plan: Plan, ctx: BotContext, forward: boolean): void {
  const s = ctx.state;
  // A Japan the scenario keeps out of the war declares nothing unless it is attacked.
  if (ctx.scenario.constraints.japanIntervention === 'never' && !s.flags.japanAttacked) return;
  const want = s.flags.japanAttacked
    ? 'armed-attack'
    : (forward ? s.escalation >= RUNG.blockade : s.escalation >= RUNG.strikes || s.flags.usAttacked)
      ? 'survival-threatening'
      : s.escalation >= RUNG.quarantine
        ? 'important-influence'
        : null;
  if (!want) return;
  const order = ['important-influence', 'survival-threatening', 'armed-attack'] as const;
  for (const st of order) {
    if (legalRank(st) <= legalRank(s.japan.legalStatus)) continue;
    if (legalRank(st) > legalRank(want)) break;
    if (legalBasis(s, st).ok && plan.add({ type: 'declare', status: st })) return;
  }
}

export function japanPlan(ctx: BotContext): Action[] {
  const geo = geographyOf(ctx.scenario.zones);
  const s = ctx.state;
  const forward = ctx.policy === 'forward-denial';
  const plan = new Plan(ctx);
  plan.add({ type: 'invest-command' });
  if (s.alliance.roundsSinceTwoPlusTwo >= (forward ? 2 : 4) && s.japan.politicalCapital >= 15)
    plan.add({ type: 'two-plus-two' });
  if (s.us.burdenSharing < 70 && s.japan.politicalCapital >= 25 && s.japan.defenseSpendingPctGdp < 3.5)
    plan.add({
      type: 'spending',
      pctGdp: Math.round((s.japan.defenseSpendingPctGdp + (forward ? 0.2 : 0.1)) * 10) / 10,
    });
  fundPrograms(
    plan,
    ctx,
    forward
      ? [
          'long-range-missiles',
          'tomahawk',
          'shield-drones',
          'iamd',
          'space-isr',
          'cyber',
          'munitions-stockpile',
        ]
      : [
          'munitions-stockpile',
          'tomahawk',
          'iamd',
          'cyber',
          'long-range-missiles',
          'space-isr',
          'shield-drones',
        ],
  );
  const ccgNear =
    liveUnits(
      s,
      (u) =>
        u.faction === 'china' &&
        unitType(u).presence > 0 &&
        (geo.disputedApproaches.includes(u.zone) || geo.disputed.includes(u.zone)),
    ).length > 0;
  for (const zone of geo.disputed.slice(0, 1))
    if (ccgNear) plan.add({ type: 'gray-zone', action: 'surge', zone });
  if (s.log.some((e) => e.round === s.round - 1 && e.kind === 'economic-coercion'))
    for (const zone of geo.japanCapital) plan.add({ type: 'gray-zone', action: 'protest', zone });
  declareNext(plan, ctx, forward);
  if (forward && s.escalation >= RUNG.quarantine && s.escalation < RUNG.strikes)
    for (const u of liveUnitsOf(s, 'japan', (x) => unitType(x).category === 'surface'))
      for (const to of geo.disputedApproaches.slice(0, 1))
        if (moveTargets(s, ctx.scenario, u).includes(to) && u.zone !== to)
          plan.add({ type: 'move', unit: u.id, to });
  if (combatPermission(plan.current, ctx.scenario, 'japan').ok)
    shipStrikes(plan, ctx, 1 / Math.min(3, rungsLeft(s)));
  return plan.orders.map((order) => ({ type: 'order', seat: 'japan', order }));
}

export function usPlan(ctx: BotContext): Action[] {
  const geo = geographyOf(ctx.scenario.zones);
  const s = ctx.state;
  const forward = ctx.policy === 'forward-denial';
  const plan = new Plan(ctx);
  const actions: Action[] = [];
  plan.add({ type: 'invest-command' });
  if (s.alliance.roundsSinceTwoPlusTwo >= (forward ? 2 : 4) && s.japan.politicalCapital >= 15)
    plan.add({ type: 'two-plus-two' });
  fundPrograms(plan, ctx, ['us-munitions-surge']);
  if (s.escalation >= (forward ? 3 : 4) && (s.us.commitment >= (forward ? 30 : 40) || s.flags.usAttacked))
    plan.add({ type: 'intervene' });
  for (const u of liveUnitsOf(s, 'us')) {
    const naval = ['carrier', 'surface', 'submarine'].includes(unitType(u).category);
    const pooled = zoneDef(u.zone).kind === 'pool';
    if (!pooled && !(naval && s.escalation >= (forward ? 2 : 3))) continue;
    const targets = moveTargets(plan.current, ctx.scenario, u);
    if (pooled) {
      for (const to of geo.reinforcementGateway.slice(0, 1))
        if (targets.includes(to)) plan.add({ type: 'move', unit: u.id, to });
    } else {
      const goal = unitType(u).category === 'submarine' ? geo.strait[0] : geo.blueNavalStation[0];
      if (goal === undefined) continue;
      const best = targets
        .filter((z) => zoneDef(z).kind === 'sea')
        .sort((a, b) => distanceKm(a, goal) - distanceKm(b, goal) || a.localeCompare(b))[0];
      if (best && distanceKm(best, goal) < distanceKm(u.zone, goal))
        plan.add({ type: 'move', unit: u.id, to: best });
    }
  }
  const strike = forward ? combinedStrike(plan.current, ctx) : null;
  if (strike) plan.reserve(strike);
  if (combatPermission(plan.current, ctx.scenario, 'us').ok)
    shipStrikes(plan, ctx, 1 / Math.min(3, rungsLeft(s)));
  // Proposals only while coordination capacity lasts (section 5): consent first, then a
  // combined strike (forward denial), shared ISR and logistics support.
  let capacity = capacityLeft(s);
  const propose = (
    kind: CombinedKind,
    when: boolean,
    extra: Partial<Extract<Action, { type: 'propose' }>> = {},
  ): void => {
    if (!when || capacity < COMBINED_COST[kind]) return;
    capacity -= COMBINED_COST[kind];
    actions.push({ type: 'propose', seat: 'us', kind, ...extra });
  };
  propose('us-ops-from-japan', !s.alliance.consentGranted && s.escalation >= (forward ? 2 : 3));
  if (strike) propose('combined-strike', true, { strike });
  propose('shared-isr', forward && s.escalation >= RUNG.quarantine);
  propose(
    'logistics-support',
    s.escalation >= RUNG.quarantine && legalRank(s.japan.legalStatus) >= legalRank('important-influence'),
  );
  // Proposals go first so the partner's answer is validated against the same shots the plan reserved.
  return [...actions, ...plan.orders.map((order): Action => ({ type: 'order', seat: 'us', order }))];
}

export function taiwanPlan(ctx: BotContext): Action[] {
  const geo = geographyOf(ctx.scenario.zones);
  const s = ctx.state;
  const plan = new Plan(ctx);
  if (s.escalation >= RUNG.quarantine) plan.add({ type: 'mobilize' });
  fundPrograms(
    plan,
    ctx,
    s.escalation >= RUNG.quarantine
      ? ['tw-energy-reserve', 'tw-coastal-defense']
      : ['tw-coastal-defense', 'tw-energy-reserve'],
  );
  if (ctx.policy === 'forward-denial' && s.taiwan.defenseSpendingPctGdp < 5)
    plan.add({ type: 'spending', pctGdp: Math.round((s.taiwan.defenseSpendingPctGdp + 0.2) * 10) / 10 });
  if (s.escalation >= RUNG.quarantine && s.escalation < RUNG.strikes)
    for (const zone of geo.capital) plan.add({ type: 'gray-zone', action: 'protest', zone });
  if (combatPermission(plan.current, ctx.scenario, 'taiwan').ok) {
    shipStrikes(plan, ctx, 1 / Math.min(2, rungsLeft(s)));
    // Reserves counterattack a lodgment they outnumber (Assumption: 1.5:1, Taiwan's own ground).
    advanceOverland(plan, ctx, 1.5);
  }
  const actions = plan.orders.map((order): Action => ({ type: 'order', seat: 'taiwan', order }));
  // In a crisis Taiwan keeps a return to the status quo on the table: an offer every other round
  // while none is open (section 4: off-ramps; China answers it the round after).
  const offeredLately = s.offers.some(
    (o) => o.by === 'taiwan' && (o.status === 'open' || o.round >= s.round - 1),
  );
  if (s.escalation >= RUNG.quarantine && !offeredLately)
    actions.push({ type: 'offer', seat: 'taiwan', terms: 'status-quo-ante' });
  return actions;
}
