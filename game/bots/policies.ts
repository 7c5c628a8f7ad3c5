/**
 * Bot policies (DESIGN.md section 11): Red cautious / opportunist / aggressive (red.ts), Blue
 * baseline / forward-denial (blue.ts). Deterministic given the state and seed; they read only
 * what their faction can see (`visibleUnits`) and propose actions that pass through the same
 * `applyAction` validation as a human's.
 */
import { zoneDef } from '../data/map.ts';
import type { Action } from '../engine/orders.ts';
import type { CombinedProposal } from '../engine/state.ts';
import { unitType } from '../engine/units.ts';
import { type Faction, legalRank, RUNG } from '../types.ts';

import { japanPlan, taiwanPlan, usPlan } from './blue.ts';
import type { BotContext } from './plan.ts';
import { chinaHolds, chinaPlan, redWouldEscalate } from './red.ts';
export const RED_POLICIES = ['cautious', 'opportunist', 'aggressive', 'calculating'] as const;
export const BLUE_POLICIES = ['baseline', 'forward-denial'] as const;
export type RedPolicy = (typeof RED_POLICIES)[number];
export type BluePolicy = (typeof BLUE_POLICIES)[number];
export type Policy = RedPolicy | BluePolicy;

export const defaultPolicy = (f: Faction): Policy => (f === 'china' ? 'opportunist' : 'baseline');
export const policiesFor = (f: Faction): readonly Policy[] => (f === 'china' ? RED_POLICIES : BLUE_POLICIES);

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
  return legalRank(s.japan.legalStatus) >= legalRank('survival-threatening');
}

/** A bot's answer to an off-ramp offer. */
/**
 * A bot's answer to an off-ramp offer: it accepts when the terms beat fighting on, as its side
 * reckons. Blue always takes the status quo back; it takes a ceasefire in place only when China
 * holds nothing, or when the lodgment is winning (China's ground ashore at least half of
 * Taiwan's: fighting on would likely lose more). Short of war, Red takes the status quo back
 * when fighting on does not pay by its policy (it would not climb further), holds nothing, and
 * its coercion is not working (Taiwan's will holds above the point where the estimate has it
 * breaking while the campaign has cost Red its standing); an aggressive Red never does. Red
 * takes a ceasefire in place whenever it holds ground.
 */
export function botRespond(ctx: BotContext, terms: string, by: Faction): boolean {
  const s = ctx.state;
  if (ctx.faction !== 'china') {
    if (terms === 'status-quo-ante') return true;
    if (chinaHolds(s).length === 0) return terms === 'ceasefire-in-place';
    const ashore = (f: (faction: Faction) => boolean) =>
      Object.values(s.units)
        .filter((u) => u.strength > 0.1 && f(u.faction) && zoneDef(u.zone).country === 'taiwan')
        .reduce((a, u) => a + u.strength * unitType(u).groundPower, 0);
    return (
      terms === 'ceasefire-in-place' && ashore((f) => f === 'china') >= 0.5 * ashore((f) => f === 'taiwan')
    );
  }
  if (by === 'china') return false;
  if (terms === 'ceasefire-in-place') return chinaHolds(s).length > 0;
  if (ctx.policy === 'aggressive' || redWouldEscalate(ctx) || chinaHolds(s).length > 0) return false;
  // At war the fighting runs to its decision: a bot Red takes no terms there (the outcome scale
  // of the published games scores the war itself).
  if (s.escalation >= RUNG.strikes) return false;
  // Coercion: Taiwan's will holds and the campaign has cost Red its standing.
  return s.taiwan.publicWill > BREAKING_WILL && s.china.standing < (ctx.policy === 'cautious' ? 35 : 25);
}

/** Taiwan's public will below which Red's estimate has its leaders conceding (deterrence.ts, the blockade estimate). */
const BREAKING_WILL = 45;
