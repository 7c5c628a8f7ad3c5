/**
 * Escalation, declarations and politics (DESIGN.md section 6, and section 7 for the tracks):
 * China's escalation order, Japan's legal declarations and the Diet, US intervention, and the
 * politics step.
 */

import { zoneDef } from '../data/map.ts';
import type { Scenario } from '../data/scenario.ts';
import { DECLARATION } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import type { Knowledge } from '../engine/knowledge.ts';
import { stream } from '../engine/rng.ts';
import { fail, OK, type OrderOf, type OrderRules, ordered } from '../engine/rule.ts';
import type { StepContext } from '../engine/step.ts';
import { has } from '../engine/step.ts';
import { bump, clamp, log, setEscalation } from '../engine/tracks.ts';
import {
  type Faction,
  LEGAL_STATUSES,
  type LegalStatus,
  legalRank,
  MAX_RUNG,
  type Result,
  RUNG,
  type RuleError,
  type Rung,
} from '../types.ts';
import { upgradeMonthsNeeded } from './alliance.ts';

/** Escalation in force for a faction's planning: China's own pending `escalate` counts. */

/** Days in a month, for time counted from round lengths. */
const DAYS_PER_MONTH = 30;
export function plannedRung(state: Knowledge, faction: Faction): Rung {
  if (faction !== 'china') return state.escalation;
  const esc = state.pending.china.orders.find((o) => o.type === 'escalate');
  return esc && esc.type === 'escalate' ? esc.to : state.escalation;
}

/** Legal basis for a declaration (Japan's 2015 security legislation, section 6). */
export function legalBasis(state: Knowledge, status: string): Result<void, RuleError> {
  if (status === 'important-influence' && state.escalation < RUNG.quarantine)
    return fail(
      'ERR_NO_LEGAL_BASIS',
      'an important-influence situation needs at least a quarantine (rung 2)',
    );
  if (status === 'survival-threatening' && state.escalation < RUNG.blockade && !state.flags.usAttacked)
    return fail(
      'ERR_NO_LEGAL_BASIS',
      'a survival-threatening situation needs a blockade (rung 3) or an attack on US forces',
    );
  if (status === 'armed-attack' && !state.flags.japanAttacked)
    return fail(
      'ERR_NO_LEGAL_BASIS',
      'an armed-attack situation needs an attack on Japanese territory or forces',
    );
  return OK;
}

export const declarationCost = (status: string): number =>
  status === 'important-influence'
    ? DECLARATION.costImportantInfluence.value
    : status === 'survival-threatening'
      ? DECLARATION.costSurvivalThreatening.value
      : DECLARATION.costOther.value;

function checkEscalate(
  state: Knowledge,
  _scenario: Scenario,
  f: Faction,
  o: OrderOf<'escalate'>,
): Result<void, RuleError> {
  if (f !== 'china') return fail('ERR_NOT_YOURS', 'only China raises the escalation ladder by choice');
  if (ordered(state, f, 'escalate')) return fail('ERR_DUPLICATE', 'one escalation order per round');
  if (!Number.isInteger(o.to) || o.to < RUNG.competition || o.to > MAX_RUNG)
    return fail('ERR_BAD_RUNG', 'rung must be 0–5');
  if (o.to === state.escalation) return fail('ERR_BAD_RUNG', `the ladder is already at ${o.to}`);
  if (o.to > state.escalation + 2)
    return fail('ERR_TOO_FAST', 'the ladder can be climbed at most two rungs a round');
  return OK;
}

function checkDeclare(
  state: Knowledge,
  scenario: Scenario,
  f: Faction,
  o: OrderOf<'declare'>,
): Result<void, RuleError> {
  if (f !== 'japan') return fail('ERR_NOT_YOURS', "only Japan's government declares a legal situation");
  if (ordered(state, f, 'declare')) return fail('ERR_DUPLICATE', 'one declaration per round');
  if (!LEGAL_STATUSES.includes(o.status))
    return fail('ERR_BAD_STATUS', `status must be one of ${LEGAL_STATUSES.join(', ')}`);
  if (legalRank(o.status) <= legalRank(state.japan.legalStatus) && o.status !== 'none')
    return fail('ERR_ALREADY', `Japan is already in a "${state.japan.legalStatus}" situation`);
  if (o.status === 'none' && state.japan.legalStatus === 'none')
    return fail('ERR_ALREADY', 'no situation is declared');
  if (
    scenario.constraints.japanIntervention === 'never' &&
    legalRank(o.status) >= legalRank('survival-threatening')
  )
    return fail('ERR_SCENARIO_FORBIDS', 'in this scenario Japan stays out of the fighting');
  const basis = legalBasis(state, o.status);
  if (!basis.ok) return basis;
  const cost = declarationCost(o.status);
  if (state.japan.politicalCapital < cost)
    return fail(
      'ERR_POLITICAL_CAPITAL',
      `declaring needs ${cost} political capital; Japan has ${state.japan.politicalCapital}`,
    );
  return OK;
}

function checkIntervene(
  state: Knowledge,
  scenario: Scenario,
  f: Faction,
  _o: OrderOf<'intervene'>,
): Result<void, RuleError> {
  if (f !== 'us') return fail('ERR_NOT_YOURS', 'only the US decides to intervene');
  if (scenario.constraints.usIntervention === 'never')
    return fail('ERR_SCENARIO_FORBIDS', 'in this scenario the US does not intervene');
  if (state.us.intervening || ordered(state, f, 'intervene'))
    return fail('ERR_ALREADY', 'US forces are already committed');
  if (state.escalation < RUNG.quarantine)
    return fail('ERR_NO_CRISIS', 'intervention needs at least a quarantine (rung 2)');
  return OK;
}

/** The orders of the politics area: China's ladder, Japan's declarations, the US decision to intervene. */
export const POLITICS_ORDERS: OrderRules<'escalate' | 'declare' | 'intervene'> = {
  escalate: {
    check: checkEscalate,
    *candidates(_state, _scenario, f) {
      if (f === 'china') for (let r = 0; r <= 5; r++) yield { type: 'escalate', to: r as Rung };
    },
  },
  declare: {
    check: checkDeclare,
    *candidates(_state, _scenario, f) {
      if (f === 'japan') for (const s of LEGAL_STATUSES) yield { type: 'declare', status: s };
    },
  },
  intervene: { check: checkIntervene, candidates: () => [{ type: 'intervene' }] },
};

/** Diet approval (coalition stability check): the chance a declaration passes. */
export function dietPassChance(s: Knowledge, status: LegalStatus): number {
  const majority = (s.japan.coalitionSeats - 233) / 465;
  const threat = s.escalation * 0.08 + (s.flags.japanAttacked ? 0.3 : 0) + (s.flags.usAttacked ? 0.1 : 0);
  const weight = status === 'armed-attack' ? 0.25 : status === 'important-influence' ? 0.1 : 0;
  return clamp(0.35 + majority * 4 + s.japan.publicSupport / 250 + threat + weight, 0.05, 0.98);
}

/** Declarations and politics (section 6): escalation, Japan's legal status, US intervention, budgets, 2+2, command upgrades, off-ramps. */
export function politicsStep(d: DraftState, ctx: StepContext): void {
  const rng = stream(d.seed, `round-${d.round}/politics`);
  for (const o of ctx.orders.china) {
    if (o.type !== 'escalate') continue;
    const from = d.escalation;
    setEscalation(d, o.to as Rung);
    bump(d, 'china', 'standing', o.to > from ? -3 * (o.to - from) : 2);
    log(d, 'politics', 'escalation', { from, to: o.to });
  }
  for (const o of ctx.orders.japan) {
    if (o.type !== 'declare') continue;
    const basis = legalBasis(d, o.status);
    if (!basis.ok) {
      log(d, 'politics', 'declaration-without-basis', { status: o.status, reason: basis.error.message });
      continue;
    }
    const chance = o.status === 'none' ? 1 : dietPassChance(d, o.status);
    const cost = declarationCost(o.status);
    if (rng.chance(chance)) {
      d.japan.legalStatus = o.status;
      bump(d, 'japan', 'politicalCapital', -cost);
      log(d, 'politics', 'declaration-passed', { status: o.status, chance: Math.round(chance * 100) / 100 });
    } else {
      bump(d, 'japan', 'politicalCapital', -Math.ceil(cost / 2));
      bump(d, 'japan', 'coalitionSeats', -2);
      log(d, 'politics', 'declaration-failed', { status: o.status, chance: Math.round(chance * 100) / 100 });
    }
  }
  if (has(ctx, 'us', 'intervene') && !d.us.intervening) {
    d.us.intervening = true;
    bump(d, 'us', 'credibility', 10);
    for (const u of Object.values(d.units))
      if (zoneDef(u.zone).kind === 'pool')
        u.readyRound = Math.min(u.readyRound, d.round + d.us.reinforcementDelay);
    log(d, 'politics', 'us-intervenes', {});
  }
  for (const f of ['japan', 'taiwan'] as const) {
    for (const o of ctx.orders[f]) {
      if (o.type !== 'spending') continue;
      const before = d[f].defenseSpendingPctGdp;
      d[f].defenseSpendingPctGdp = Math.round(o.pctGdp * 100) / 100;
      if (f === 'japan') {
        const up = o.pctGdp - before;
        if (up > 0) {
          bump(d, 'japan', 'politicalCapital', -10);
          bump(d, 'japan', 'debtPctGdp', up * 2);
          bump(d, 'japan', 'publicSupport', -up * 4);
        }
      }
      log(d, 'politics', 'spending-set', { faction: f, pctGdp: o.pctGdp, was: before });
    }
  }
  // Burden-sharing satisfaction follows Japan's spending against the US demand.
  const target = (d.japan.defenseSpendingPctGdp / Math.max(0.1, d.us.spendingDemandPctGdp)) * 100;
  bump(d, 'us', 'burdenSharing', (target - d.us.burdenSharing) * 0.25);
  // 2+2: both must order it in the same round.
  if (has(ctx, 'japan', 'two-plus-two') && has(ctx, 'us', 'two-plus-two')) {
    d.alliance.roundsSinceTwoPlusTwo = 0;
    bump(d, 'alliance', 'cohesion', 10);
    bump(d, 'japan', 'politicalCapital', -5);
    log(d, 'politics', 'two-plus-two', {});
  } else {
    d.alliance.roundsSinceTwoPlusTwo += 1;
    if (has(ctx, 'japan', 'two-plus-two') || has(ctx, 'us', 'two-plus-two'))
      log(d, 'politics', 'two-plus-two-one-sided', {}, ['japan', 'us', 'white']);
    if (d.alliance.roundsSinceTwoPlusTwo > 6) bump(d, 'alliance', 'cohesion', -1);
  }
  // Command architecture upgrade: both must invest in the same round.
  if (has(ctx, 'japan', 'invest-command') && has(ctx, 'us', 'invest-command')) {
    // Progress counts months, from the round's length (section 6: the phase sets the tempo).
    d.alliance.upgradeProgress =
      Math.round((d.alliance.upgradeProgress + ctx.days / DAYS_PER_MONTH) * 1000) / 1000;
    const need = upgradeMonthsNeeded(d.alliance.commandLevel);
    if (d.alliance.upgradeProgress >= need) {
      d.alliance.commandLevel += 1;
      d.alliance.upgradeProgress = 0;
      log(d, 'politics', 'command-level', { level: d.alliance.commandLevel });
    } else
      log(d, 'politics', 'command-investment', { progress: d.alliance.upgradeProgress, need }, [
        'japan',
        'us',
        'white',
      ]);
  } else if (has(ctx, 'japan', 'invest-command') || has(ctx, 'us', 'invest-command')) {
    log(d, 'politics', 'command-investment-one-sided', {}, ['japan', 'us', 'white']);
  }
  if (has(ctx, 'taiwan', 'mobilize')) {
    bump(d, 'taiwan', 'reserveMobilization', 25);
    bump(d, 'taiwan', 'publicWill', 1);
    log(d, 'politics', 'reserves-mobilized', { pct: d.taiwan.reserveMobilization });
  }
}
