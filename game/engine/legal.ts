/**
 * `legalOrders(state, faction)`: every order the faction may add now — each area's candidates
 * (game/rules/) that pass `validateOrder`, in one fixed order of order types. Strikes and
 * funding are listed at their largest amount; any smaller positive amount is legal too.
 */

import type { Scenario } from '../data/scenario.ts';
import type { Faction } from '../types.ts';
import type { Knowledge } from './knowledge.ts';
import type { Order, OrderType } from './orders.ts';
import type { OrderRule } from './rule.ts';
import { ORDER_RULES, validateOrder } from './validate.ts';

/** The order in which `legalOrders` lists order types (the board and `ai.enumerate` keep it). */
export const LEGAL_ORDER_SEQUENCE: readonly OrderType[] = [
  'fund',
  'spending',
  'invest-command',
  'two-plus-two',
  'intervene',
  'revoke-consent',
  'mobilize',
  'move',
  'strike',
  'gray-zone',
  'escalate',
  'declare',
  'land',
];

export function legalOrders(state: Knowledge, scenario: Scenario, f: Faction): Order[] {
  const out: Order[] = [];
  for (const o of orderCandidates(state, scenario, f))
    if (validateOrder(state, scenario, f, o).ok) out.push(o);
  return out;
}

/**
 * Every area's candidates for the faction now, in `legalOrders`' order, before `validateOrder`
 * checks them: a caller that needs only a few legal orders (a player picking at random, as the
 * load benchmark's do) draws candidates and checks only those it draws.
 */
export function* orderCandidates(state: Knowledge, scenario: Scenario, f: Faction): Generator<Order> {
  if (state.stage !== 'planning' || state.pending[f].committed) return;
  for (const type of LEGAL_ORDER_SEQUENCE)
    yield* (ORDER_RULES[type] as OrderRule<OrderType>).candidates(state, scenario, f);
}
