/**
 * Off-ramps (DESIGN.md section 4, "Off-ramps"): offers of terms, who must answer them, and
 * their settlement at the end of adjudication; accepted terms end the match.
 */

import type { Scenario } from '../data/scenario.ts';
import type { DraftState } from '../engine/draft.ts';
import type { Knowledge } from '../engine/knowledge.ts';
import type { Action } from '../engine/orders.ts';
import { fail, OK } from '../engine/rule.ts';
import { log } from '../engine/tracks.ts';
import { FACTIONS, type Faction, legalRank, type Result, RUNG, type RuleError, TERMS } from '../types.ts';

/** Who must accept an offer: China answers Blue's; the US and Taiwan (and Japan once at war) answer China's. */
export function offerResponders(state: Knowledge, scenario: Scenario, by: Faction): Faction[] {
  if (by !== 'china') return ['china'];
  const r: Faction[] = ['taiwan'];
  if (scenario.constraints.usIntervention !== 'never') r.push('us');
  if (legalRank(state.japan.legalStatus) >= legalRank('survival-threatening')) r.push('japan');
  return r;
}

/** Validates an offer of terms. */
export function validateOffer(
  state: Knowledge,
  a: Extract<Action, { type: 'offer' }>,
): Result<void, RuleError> {
  if (!FACTIONS.includes(a.seat as Faction)) return fail('ERR_BAD_SEAT', 'offers come from a faction seat');
  if (!TERMS.includes(a.terms)) return fail('ERR_BAD_TERMS', `terms must be one of ${TERMS.join(', ')}`);
  if (state.escalation < RUNG.quarantine)
    return fail('ERR_NO_CRISIS', 'off-ramps are offered once there is a crisis (rung 2 or higher)');
  if (state.offers.some((o) => o.by === a.seat && o.status === 'open'))
    return fail('ERR_DUPLICATE', `${a.seat} already has an open offer`);
  return OK;
}

/** Validates an answer to an offer of terms. */
export function validateResponse(
  state: Knowledge,
  scenario: Scenario,
  a: Extract<Action, { type: 'respond' }>,
): Result<void, RuleError> {
  const o = state.offers.find((x) => x.id === a.offer);
  if (!o) return fail('ERR_NO_OFFER', `no offer "${a.offer}"`);
  if (o.status !== 'open') return fail('ERR_ALREADY', `offer ${o.id} is ${o.status}`);
  if (!FACTIONS.includes(a.seat as Faction) || !offerResponders(state, scenario, o.by).includes(a.seat))
    return fail('ERR_NOT_YOURS', `${String(a.seat)} does not answer ${o.by}'s offer`);
  if (o.answers[a.seat] !== undefined) return fail('ERR_ALREADY', `${a.seat} has answered`);
  if (o.round === state.round)
    return fail('ERR_TOO_SOON', 'an offer is answered in the round after it is made');
  return OK;
}

/** Off-ramps (section 4): offers made this round become answerable next round; accepted terms end the match. */
export function settleOffers(d: DraftState): boolean {
  for (const o of d.offers) {
    if (o.status !== 'open' || o.round === d.round) continue;
    const answers = Object.values(o.answers);
    if (answers.includes(false)) {
      o.status = 'refused';
      log(d, 'politics', 'offer-rejected', { by: o.by, terms: o.terms });
    }
  }
  return d.offers.some((o) => o.status === 'accepted');
}
