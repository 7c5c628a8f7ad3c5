/**
 * The one legality source for orders (CONVENTIONS item 5): the checks every order shares, then
 * the check of the rule area that owns its type (game/rules/). With `legalOrders` (legal.ts)
 * and `validateAction` (actions.ts) it feeds the move, the board's highlights and the bots
 * alike. Validation returns typed errors and never throws for anything a user can send.
 */

import type { Scenario } from '../data/scenario.ts';
import { ALLIANCE_ORDERS } from '../rules/alliance.ts';
import { ECONOMY_ORDERS } from '../rules/economy.ts';
import { GRAYZONE_ORDERS } from '../rules/grayzone.ts';
import { LANDING_ORDERS } from '../rules/landing.ts';
import { MOVEMENT_ORDERS } from '../rules/movement.ts';
import { POLITICS_ORDERS } from '../rules/politics.ts';
import { STRIKE_ORDERS } from '../rules/strike.ts';
import type { Faction, Result, RuleError } from '../types.ts';
import type { Knowledge } from './knowledge.ts';
import type { Order, OrderType } from './orders.ts';
import { fail, type OrderRule, type OrderRules } from './rule.ts';

/** Every order type's rule, from the area that owns it. */
export const ORDER_RULES: OrderRules<OrderType> = {
  ...ECONOMY_ORDERS,
  ...ALLIANCE_ORDERS,
  ...POLITICS_ORDERS,
  ...MOVEMENT_ORDERS,
  ...STRIKE_ORDERS,
  ...GRAYZONE_ORDERS,
  ...LANDING_ORDERS,
};

/** `validateOrder(state, faction, order)`: Ok or a typed error with a sentence. */
export function validateOrder(
  state: Knowledge,
  scenario: Scenario,
  f: Faction,
  o: Order,
): Result<void, RuleError> {
  if (state.stage !== 'planning') return fail('ERR_MATCH_ENDED', 'the match has ended');
  if (state.pending[f].committed)
    return fail('ERR_COMMITTED', `${f} has already committed its orders for round ${state.round}`);
  const type = (o as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(ORDER_RULES, type))
    return fail('ERR_BAD_ORDER', `unknown order type "${String(type)}"`);
  const rule = ORDER_RULES[type as OrderType] as OrderRule<OrderType>;
  return rule.check(state, scenario, f, o);
}
