/**
 * Bot policies (DESIGN.md section 11): Red cautious / opportunist / aggressive, Blue
 * baseline / forward-denial. Deterministic given the state and seed; they read only
 * what their faction can see (`visibleUnits`) and propose actions that the harness
 * passes through the same `applyAction` validation as a human's.
 */

import { geographyOf } from '../data/geography.ts';
import { distanceKm, zoneDef } from '../data/map.ts';
import { PROGRAMS } from '../data/programs.ts';
import type { Scenario } from '../data/scenario.ts';
import { deterrenceEstimate } from '../engine/deterrence.ts';
import { visibleUnits } from '../engine/fog.ts';
import type { Action, Order } from '../engine/orders.ts';
import { stream } from '../engine/rng.ts';
import type { CombinedProposal, MatchState } from '../engine/state.ts';
import { liveUnits, munition, unitType } from '../engine/units.ts';
import { validateOrder } from '../engine/validate.ts';
import { COMBINED_COST, capacityLeft, usCombatAllowedFrom } from '../rules/alliance.ts';
import { budgetLeft } from '../rules/economy.ts';
import { landingReachable } from '../rules/landing.ts';
import { moveTargets } from '../rules/movement.ts';
import { legalBasis } from '../rules/politics.ts';
import { combatPermission, shotsLeft, stockLeft } from '../rules/strike.ts';
import { type CombinedKind, type Faction, legalRank, RUNG, type Rung } from '../types.ts';

export const RED_POLICIES = ['cautious', 'opportunist', 'aggressive'] as const;
export const BLUE_POLICIES = ['baseline', 'forward-denial'] as const;
export type RedPolicy = (typeof RED_POLICIES)[number];
export type BluePolicy = (typeof BLUE_POLICIES)[number];
export type Policy = RedPolicy | BluePolicy;

export const defaultPolicy = (f: Faction): Policy => (f === 'china' ? 'opportunist' : 'baseline');
export const policiesFor = (f: Faction): readonly Policy[] => (f === 'china' ? RED_POLICIES : BLUE_POLICIES);

export interface BotContext {
  readonly state: MatchState;
  readonly scenario: Scenario;
  readonly faction: Faction;
  readonly policy: Policy;
}

/** Accumulates orders, checking each against the pending orders already chosen. */
class Plan {
  readonly orders: Order[] = [];
  private state: MatchState;
  constructor(private readonly ctx: BotContext) {
    this.state = ctx.state;
  }
  add(o: Order): boolean {
    if (!validateOrder(this.state, this.ctx.scenario, this.ctx.faction, o).ok) return false;
    this.orders.push(o);
    const f = this.ctx.faction;
    this.state = {
      ...this.state,
      pending: {
        ...this.state.pending,
        [f]: { ...this.state.pending[f], orders: [...this.state.pending[f].orders, o] },
      },
    };
    return true;
  }
  get current(): MatchState {
    return this.state;
  }
  /** Books the shots of a combined strike the bot will propose, so its national strikes leave them free. */
  reserve(strike: NonNullable<CombinedProposal['strike']>): void {
    const f = this.ctx.faction;
    const held: CombinedProposal = {
      id: 'reserved',
      round: this.state.round,
      by: f,
      to: f === 'us' ? 'japan' : 'us',
      kind: 'combined-strike',
      strike,
      status: 'open',
    };
    this.state = { ...this.state, proposals: [...this.state.proposals, held] };
  }
}

/** Caches a per-zone valuation for the length of one bot decision. */
function memo(f: (zone: string) => number): (zone: string) => number {
  const cache = new Map<string, number>();
  return (zone) => {
    const hit = cache.get(zone);
    if (hit !== undefined) return hit;
    const v = f(zone);
    cache.set(zone, v);
    return v;
  };
}

const rungsLeft = (s: MatchState): number => Math.max(1, s.maxRounds - s.round + 1);

/** Funds programs in priority order with the budget left. */
function fundPrograms(plan: Plan, ctx: BotContext, priority: readonly string[]): void {
  for (const id of priority) {
    const p = PROGRAMS.find((x) => x.id === id);
    if (!p || ctx.state.completedPrograms.includes(id)) continue;
    const left = budgetLeft(plan.current, ctx.faction);
    if (left <= 0) return;
    const need = p.cost - (ctx.state.programs[ctx.faction][id] ?? 0);
    if (need > 0) plan.add({ type: 'fund', program: id, amount: Math.min(left, need) });
  }
}

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
  for (const u of liveUnits(s, (x) => x.faction === ctx.faction)) {
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
    for (const u of liveUnits(s, (x) => x.faction === f && usCombatAllowedFrom(s, x))) {
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

function japanPlan(ctx: BotContext): Action[] {
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
    for (const u of liveUnits(s, (x) => x.faction === 'japan' && unitType(x).category === 'surface'))
      for (const to of geo.disputedApproaches.slice(0, 1))
        if (moveTargets(s, ctx.scenario, u).includes(to) && u.zone !== to)
          plan.add({ type: 'move', unit: u.id, to });
  if (combatPermission(plan.current, ctx.scenario, 'japan').ok)
    shipStrikes(plan, ctx, 1 / Math.min(3, rungsLeft(s)));
  return plan.orders.map((order) => ({ type: 'order', seat: 'japan', order }));
}

function usPlan(ctx: BotContext): Action[] {
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
  for (const u of liveUnits(s, (x) => x.faction === 'us')) {
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

function taiwanPlan(ctx: BotContext): Action[] {
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
  if (combatPermission(plan.current, ctx.scenario, 'taiwan').ok)
    shipStrikes(plan, ctx, 1 / Math.min(2, rungsLeft(s)));
  return plan.orders.map((order) => ({ type: 'order', seat: 'taiwan', order }));
}

/**
 * How far from Red's resolve each policy acts: a cautious Red wants a clear margin, an
 * opportunist acts at its resolve, an aggressive (risk-acceptant) Red takes options that
 * look somewhat unfavorable.
 */
const RED_OFFSET: Record<RedPolicy, number> = { cautious: 0.5, opportunist: 0, aggressive: -2.5 };

function chinaPlan(ctx: BotContext): Action[] {
  const geo = geographyOf(ctx.scenario.zones);
  const s = ctx.state;
  const policy = (ctx.policy in RED_OFFSET ? ctx.policy : 'opportunist') as RedPolicy;
  const plan = new Plan(ctx);
  const est = deterrenceEstimate(s, ctx.scenario, 'china');
  const threshold = s.china.resolve + RED_OFFSET[policy];
  if (est.best && est.best.temptation > threshold)
    plan.add({ type: 'escalate', to: Math.min(est.best.rung, s.escalation + 2) as Rung });
  fundPrograms(plan, ctx, ['cn-missile-production']);
  const ccg = liveUnits(s, (u) => u.faction === 'china' && unitType(u).presence > 0);
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
  if (combatPermission(plan.current, ctx.scenario, 'china').ok) redStrikes(plan, ctx);
  if (
    plan.current.pending.china.orders.some((o) => o.type === 'escalate' && o.to === RUNG.invasion) ||
    s.escalation === RUNG.invasion
  )
    redLanding(plan, ctx);
  if (policy === 'cautious' && s.escalation >= RUNG.strikes && s.round >= 3) {
    const lift = liveUnits(s, (u) => u.faction === 'china' && unitType(u).liftPerStep > 0).reduce(
      (a, u) => a + u.strength / u.maxStrength,
      0,
    );
    if (lift < 0.5 && !s.offers.some((o) => o.by === 'china' && o.status === 'open'))
      return [
        ...plan.orders.map((order): Action => ({ type: 'order', seat: 'china', order })),
        { type: 'offer', seat: 'china', terms: 'ceasefire-in-place' },
      ];
  }
  return plan.orders.map((order) => ({ type: 'order', seat: 'china', order }));
}

function redStrikes(plan: Plan, ctx: BotContext): void {
  const s = plan.current;
  const seen = visibleUnits(s, 'china');
  const hitUs = s.us.intervening || ctx.policy === 'aggressive';
  const hitJapan = legalRank(s.japan.legalStatus) >= 2 || ctx.policy === 'aggressive';
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
  for (const u of liveUnits(s, (x) => x.faction === 'china')) {
    for (const w of unitType(u).weapons) {
      const m = munition(w.munition);
      if (!m) continue;
      const ships = m.role !== 'land-attack';
      const best = (ships ? shipTargets : landTargets).find(
        (t) => t.z === u.zone || distanceKm(u.zone, t.z) <= m.rangeKm,
      );
      if (!best) continue;
      const count = Math.floor(
        Math.min(
          shotsLeft(plan.current, u, w.munition),
          stockLeft(plan.current, 'china', w.munition) * share,
        ),
      );
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

function redLanding(plan: Plan, ctx: BotContext): void {
  const geo = geographyOf(ctx.scenario.zones);
  const s = plan.current;
  const seen = visibleUnits(s, 'china');
  const defenders = (z: string): number =>
    seen
      .filter((u) => u.zone === z && u.faction !== 'china' && unitType(u).groundPower > 0)
      .reduce((a, u) => a + u.strength, 0);
  const held = geo.landingSectors.find(
    (z) => liveUnits(s, (u) => u.zone === z && u.faction === 'china').length > 0,
  );
  const rng = stream(s.seed, `bot/china/round-${s.round}`);
  const options = [...geo.landingSectors].sort((a, b) => defenders(a) - defenders(b) || a.localeCompare(b));
  const preferred =
    held ?? (ctx.policy === 'opportunist' && options.length > 1 && rng.chance(0.3) ? options[1] : options[0]);
  if (!preferred) return;
  for (const lift of liveUnits(s, (u) => u.faction === 'china' && unitType(u).liftPerStep > 0)) {
    // Each lift sails for the preferred beach; an aggressive Red also opens a second beach it can reach.
    const candidates = ctx.policy === 'aggressive' ? [preferred, ...options] : [preferred];
    const target = candidates.find((z) => landingReachable(plan.current, ctx.scenario, lift.id, z));
    if (!target) continue;
    const cap = unitType(lift).liftPerStep * lift.strength;
    const brigades: string[] = [];
    let load = 0;
    for (const b of liveUnits(
      plan.current,
      (u) => u.faction === 'china' && u.zone === lift.zone && unitType(u).category === 'ground',
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

/** A bot's planning actions for the round (orders and proposals; commit is the harness's). */
export function botPlan(ctx: BotContext): Action[] {
  switch (ctx.faction) {
    case 'japan':
      return japanPlan(ctx);
    case 'us':
      return usPlan(ctx);
    case 'taiwan':
      return taiwanPlan(ctx);
    case 'china':
      return chinaPlan(ctx);
  }
}

/** A bot partner's answer to a combined-operation proposal (section 5: a bot partner follows its policy). */
export function botAnswer(ctx: BotContext, p: CombinedProposal): boolean {
  const s = ctx.state;
  const forward = ctx.policy === 'forward-denial';
  if (p.kind === 'us-ops-from-japan')
    return ctx.scenario.constraints.japanConsent !== 'never' && s.escalation >= (forward ? 2 : 3);
  if (p.kind === 'logistics-support')
    return legalRank(s.japan.legalStatus) >= legalRank('important-influence');
  if (p.kind === 'shared-isr') return true;
  return legalRank(s.japan.legalStatus) >= 2;
}

/** A bot's answer to an off-ramp offer. */
export function botRespond(ctx: BotContext, terms: string, by: Faction): boolean {
  const s = ctx.state;
  if (terms === 'status-quo-ante') return true;
  if (by === 'china') {
    const holds = Object.entries(s.zones).some(
      ([z, st]) => st.controller === 'china' && zoneDef(z).country !== 'china',
    );
    return !holds && terms === 'ceasefire-in-place';
  }
  return ctx.policy === 'cautious';
}
