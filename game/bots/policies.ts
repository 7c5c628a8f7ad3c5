/**
 * Bot policies (DESIGN.md section 11): Red cautious / opportunist / aggressive (red.ts), Blue
 * baseline / forward-denial (blue.ts). Deterministic given the state and seed; they read only
 * what their faction can see (`visibleUnits`) and propose actions that pass through the same
 * `applyAction` validation as a human's.
 */
import { zoneDef } from '../data/map.ts';
import type { Action } from '../engine/orders.ts';
import type { CombinedProposal } from '../engine/state.ts';
import { type Faction, legalRank } from '../types.ts';

import { japanPlan, taiwanPlan, usPlan } from './blue.ts';
import type { BotContext } from './plan.ts';
import { chinaPlan } from './red.ts';
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
