/**
 * What every bot shares (DESIGN.md section 11): its context, the `Plan` that accumulates orders
 * checked against those already chosen, and funding programs by priority.
 */
import { geographyOf } from '../data/geography.ts';
import { zoneDef } from '../data/map.ts';
import { PROGRAMS } from '../data/programs.ts';
import type { Scenario } from '../data/scenario.ts';
import { visibleUnits } from '../engine/fog.ts';
import type { Order } from '../engine/orders.ts';
import type { CombinedProposal, MatchState, UnitState } from '../engine/state.ts';
import { enemies, liveUnitsIn, unitType } from '../engine/units.ts';
import { validateOrder } from '../engine/validate.ts';
import { budgetLeft } from '../rules/economy.ts';
import { advanceTargets } from '../rules/movement.ts';
import type { Faction } from '../types.ts';

import type { Policy } from './policies.ts';

export interface BotContext {
  readonly state: MatchState;
  readonly scenario: Scenario;
  readonly faction: Faction;
  readonly policy: Policy;
}

/** Accumulates orders, checking each against the pending orders already chosen. */
export class Plan {
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
export function memo(f: (zone: string) => number): (zone: string) => number {
  const cache = new Map<string, number>();
  return (zone) => {
    const hit = cache.get(zone);
    if (hit !== undefined) return hit;
    const v = f(zone);
    cache.set(zone, v);
    return v;
  };
}

export const rungsLeft = (s: MatchState): number => Math.max(1, s.maxRounds - s.round + 1);

/** Funds programs in priority order with the budget left. */
export function fundPrograms(plan: Plan, ctx: BotContext, priority: readonly string[]): void {
  for (const id of priority) {
    const p = PROGRAMS.find((x) => x.id === id);
    if (!p || ctx.state.completedPrograms.includes(id)) continue;
    const left = budgetLeft(plan.current, ctx.faction);
    if (left <= 0) return;
    const need = p.cost - (ctx.state.programs[ctx.faction][id] ?? 0);
    if (need > 0) plan.add({ type: 'fund', program: id, amount: Math.min(left, need) });
  }
}

/**
 * Overland advance on Taiwan's main island (rules/movement.ts `advanceTargets`): the faction's
 * ground units in each zone attack an adjacent enemy-held zone when their combat power is at
 * least `ratio` times what they can see defending it — the capital first, then the weakest
 * held zone. One unit stays behind as a garrison while enemy troops stand next to the zone.
 * Red pushes its lodgments inland toward Taipei with it; Taiwan counterattacks lodgments.
 */
export function advanceOverland(plan: Plan, ctx: BotContext, ratio: number): void {
  const f = ctx.faction;
  const geo = geographyOf(ctx.scenario.zones);
  const seen = visibleUnits(plan.current, f);
  const power = (units: readonly UnitState[]): number =>
    units.reduce((a, u) => a + unitType(u).groundPower * u.strength, 0);
  const hostile = (z: string): UnitState[] =>
    seen.filter((u) => u.zone === z && enemies(u.faction, f) && unitType(u).groundPower > 0);
  for (const zone of geo.taiwanMain) {
    const mine = liveUnitsIn(
      plan.current,
      zone,
      (u) =>
        u.faction === f &&
        unitType(u).groundPower > 0 &&
        !plan.current.pending[f].orders.some((o) => o.type === 'move' && o.unit === u.id),
    ).sort((a, b) => b.strength - a.strength || a.id.localeCompare(b.id));
    if (mine.length === 0 || hostile(zone).length > 0) continue;
    const targets = advanceTargets(plan.current, ctx.scenario, mine[0]!).sort(
      (a, b) =>
        Number(geo.capital.includes(b)) - Number(geo.capital.includes(a)) ||
        power(hostile(a)) - power(hostile(b)) ||
        a.localeCompare(b),
    );
    const target = targets.find((z) => power(mine) >= ratio * power(hostile(z)));
    if (!target) continue;
    const threatened = zoneDef(zone).adjacent.some((z) => z !== target && hostile(z).length > 0);
    const going = threatened && mine.length > 1 ? mine.slice(0, -1) : mine;
    for (const u of going) plan.add({ type: 'move', unit: u.id, to: target });
  }
}
