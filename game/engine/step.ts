/** What every adjudication step receives (DESIGN.md section 4): the scenario and the orders that take effect. */
import type { Scenario } from '../data/scenario.ts';
import type { ByFaction, Faction } from '../types.ts';
import type { Order } from './orders.ts';

export interface StepContext {
  readonly scenario: Scenario;
  readonly orders: ByFaction<readonly Order[]>;
  /** Days the round stands for (section 6: the phase at the round's start sets the tempo). */
  readonly days: number;
}

/** Whether the faction's orders this round include one of this type. */
export const has = (ctx: StepContext, f: Faction, type: Order['type']): boolean =>
  ctx.orders[f].some((o) => o.type === type);
