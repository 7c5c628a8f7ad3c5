/**
 * Validation of every action a seat sends (DESIGN.md section 4): orders go to `validateOrder`
 * (validate.ts), the rest to the area that owns them — proposals and answers to the alliance
 * (rules/alliance.ts), offers and responses to the off-ramps (rules/offramps.ts), White Cell
 * actions to rules/white.ts; withdrawals and commits are checked here. Typed errors, never a throw.
 */

import type { Scenario } from '../data/scenario.ts';
import { validateAnswer, validateProposal } from '../rules/alliance.ts';
import { validateOffer, validateResponse } from '../rules/offramps.ts';
import { validateWhite } from '../rules/white.ts';
import { FACTIONS, type Faction, type Result, type RuleError } from '../types.ts';
import type { Knowledge } from './knowledge.ts';
import type { Action } from './orders.ts';
import { fail, OK } from './rule.ts';
import { validateOrder } from './validate.ts';

/**
 * Validates any action a seat sends (section 4 planning, coordination, off-ramps, White
 * Cell). A payload whose shape breaks a rule's assumptions (a forged move: null parts,
 * a missing list) is refused as ERR_MALFORMED instead of throwing.
 */
export function validateAction(state: Knowledge, scenario: Scenario, a: Action): Result<void, RuleError> {
  try {
    return validateActionShape(state, scenario, a);
  } catch {
    return fail(
      'ERR_MALFORMED',
      `malformed ${typeof a === 'object' && a !== null ? `"${String((a as { type?: unknown }).type)}" ` : ''}action: a field is missing or has the wrong type`,
    );
  }
}

function validateActionShape(state: Knowledge, scenario: Scenario, a: Action): Result<void, RuleError> {
  if (typeof a !== 'object' || a === null || typeof (a as { type?: unknown }).type !== 'string')
    return fail('ERR_BAD_ACTION', 'an action is an object with a "type"');
  if (state.stage !== 'planning') return fail('ERR_MATCH_ENDED', 'the match has ended');
  const isFaction = (s: unknown): s is Faction => FACTIONS.includes(s as Faction);
  switch (a.type) {
    case 'order':
      if (!isFaction(a.seat)) return fail('ERR_BAD_SEAT', 'orders come from a faction seat');
      if (typeof a.order !== 'object' || a.order === null) return fail('ERR_BAD_ORDER', 'missing order');
      return validateOrder(state, scenario, a.seat, a.order);
    case 'withdraw':
      if (!isFaction(a.seat)) return fail('ERR_BAD_SEAT', 'orders come from a faction seat');
      if (state.pending[a.seat].committed) return fail('ERR_COMMITTED', `${a.seat} has already committed`);
      if (!Number.isInteger(a.index) || a.index < 0 || a.index >= state.pending[a.seat].orders.length)
        return fail('ERR_NO_ORDER', `no pending order #${a.index}`);
      return OK;
    case 'commit': {
      if (!isFaction(a.seat)) return fail('ERR_BAD_SEAT', 'only faction seats commit');
      if (state.pending[a.seat].committed) return fail('ERR_COMMITTED', `${a.seat} has already committed`);
      const open = state.proposals.find((p) => p.to === a.seat && p.status === 'open');
      if (open)
        return fail(
          'ERR_UNANSWERED_PROPOSAL',
          `answer ${open.by}'s proposal ${open.id} (${open.kind}) before committing`,
        );
      return OK;
    }
    case 'propose':
      return validateProposal(state, scenario, a);
    case 'answer':
      return validateAnswer(state, scenario, a);
    case 'offer':
      return validateOffer(state, a);
    case 'respond':
      return validateResponse(state, scenario, a);
    case 'inject':
    case 'amend':
    case 'rule':
    case 'set-timer':
    case 'timer-expired':
    case 'advance':
    case 'end':
      return validateWhite(state, a);
    default:
      return fail('ERR_BAD_ACTION', `unknown action type "${(a as { type: string }).type}"`);
  }
}
