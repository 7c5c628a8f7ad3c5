/**
 * What the rule areas (game/rules/) share: a typed failure, and the shape of an area's
 * contribution for one order type — its legality check and the candidates `legalOrders`
 * tries. The engine joins the areas' contributions in `validate.ts` and `legal.ts`.
 */

import type { Scenario } from '../data/scenario.ts';
import { err, type Faction, ok, type Result, type RuleError, ruleError } from '../types.ts';
import type { Knowledge } from './knowledge.ts';
import type { Order, OrderType } from './orders.ts';

export const fail = (code: string, message: string): Result<never, RuleError> =>
  err(ruleError(code, message));
export const OK: Result<void, RuleError> = ok(undefined);

/** Whether the faction already has a pending order of this type this round. */
export const ordered = (state: Knowledge, f: Faction, type: OrderType): boolean =>
  state.pending[f].orders.some((p) => p.type === type);

export type OrderOf<T extends OrderType> = Extract<Order, { type: T }>;

/** One order type's rule: the check after the common ones (match in play, faction not committed), and the candidates to try. */
export interface OrderRule<T extends OrderType> {
  readonly check: (
    state: Knowledge,
    scenario: Scenario,
    f: Faction,
    o: OrderOf<T>,
  ) => Result<void, RuleError>;
  /** Orders worth trying for the faction now; `legalOrders` keeps those the check accepts. */
  readonly candidates: (state: Knowledge, scenario: Scenario, f: Faction) => Iterable<OrderOf<T>>;
}

export type OrderRules<K extends OrderType> = { readonly [T in K]: OrderRule<T> };
