/**
 * The alliance's command architecture (DESIGN.md section 5, "Command coordination (USFJ /
 * JJOC)"): coordination capacity, latency and deconfliction by command level, consent for US
 * operations from Japan; the alliance's orders (command investment, the 2+2, revoking
 * consent), combined-operation proposals and answers, and the coordination step.
 */

import { zoneDef } from '../data/map.ts';
import type { Scenario } from '../data/scenario.ts';
import { COMMAND } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import type { Knowledge } from '../engine/knowledge.ts';
import type { Action } from '../engine/orders.ts';
import { fail, OK, type OrderOf, type OrderRules, ordered } from '../engine/rule.ts';
import type { ActiveCombined, UnitState } from '../engine/state.ts';
import type { StepContext } from '../engine/step.ts';
import { has } from '../engine/step.ts';
import { bump, log } from '../engine/tracks.ts';
import {
  COMBINED_KINDS,
  type CombinedKind,
  type Faction,
  legalRank,
  own,
  partnerOf,
  type Result,
  type RuleError,
} from '../types.ts';
import { budgetLeft } from './economy.ts';
import { validateStrike } from './strike.ts';
/** Capacity each combined action costs. */
export const COMBINED_COST: { readonly [K in CombinedKind]: number } = {
  'us-ops-from-japan': 1,
  'combined-strike': 2,
  'iamd-cover': 1,
  'shared-isr': 1,
  'logistics-support': 1,
};

/** Cohesion bonus: +1 at cohesion ≥ 70, −1 below 30. */
export const cohesionBonus = (cohesion: number): number => (cohesion >= 70 ? 1 : cohesion < 30 ? -1 : 0);

/** Coordination capacity per round = base + per-level bonus + cohesion bonus − disruption (never below 0). */
export function coordinationCapacity(state: Knowledge): number {
  const a = state.alliance;
  return Math.max(
    0,
    COMMAND.baseCapacity.value +
      COMMAND.perLevel.value * a.commandLevel +
      cohesionBonus(a.cohesion) -
      a.disruption,
  );
}

export const capacityLeft = (state: Knowledge): number =>
  coordinationCapacity(state) - state.alliance.capacityUsed;

/** Latency: at level 0 combined actions ordered this round take effect next round; from level 1 on, this round. */
export const combinedLatency = (commandLevel: number): number => (commandLevel === 0 ? 1 : 0);

/** Chance a combined strike fails to deconflict, by level (none at level 2). */
export function deconflictFailureChance(commandLevel: number): number {
  if (commandLevel >= 2) return 0;
  return commandLevel === 1 ? COMMAND.deconflictFailure1.value : COMMAND.deconflictFailure0.value;
}

/** Combined actions in force this round. */
export const activeCombined = (state: Knowledge, kind?: CombinedKind): readonly ActiveCombined[] =>
  state.combined.filter(
    (c) => c.effectiveRound === state.round && (kind === undefined || c.proposal.kind === kind),
  );

export const isInJapan = (u: UnitState): boolean => zoneDef(u.zone).country === 'japan';

/**
 * Prior consultation: a US unit based in Japan may conduct combat operations only
 * while Japan's consent is in force (granted, and past its latency).
 */
export function usCombatAllowedFrom(state: Knowledge, u: UnitState): boolean {
  if (u.faction !== 'us' || !isInJapan(u)) return true;
  return state.alliance.consentGranted && state.alliance.consentRound <= state.round;
}

/** Rounds of joint investment needed to reach the next level (Infinity at level 2). */
export function upgradeMonthsNeeded(level: number): number {
  if (level === 0) return COMMAND.upgradeMonths1.value;
  if (level === 1) return COMMAND.upgradeMonths2.value;
  return Number.POSITIVE_INFINITY;
}

/** Whether shared ISR is in force this round (pools Japan's and the US's pictures of Red). */
export const sharedIsr = (state: Knowledge): boolean => activeCombined(state, 'shared-isr').length > 0;

function checkInvestCommand(
  state: Knowledge,
  _scenario: Scenario,
  f: Faction,
  _o: OrderOf<'invest-command'>,
): Result<void, RuleError> {
  if (f !== 'japan' && f !== 'us')
    return fail('ERR_NOT_YOURS', 'only Japan and the US invest in the command architecture');
  if (ordered(state, f, 'invest-command')) return fail('ERR_DUPLICATE', 'one command investment per round');
  if (!Number.isFinite(upgradeMonthsNeeded(state.alliance.commandLevel)))
    return fail('ERR_MAX_LEVEL', 'the command architecture is at its highest level');
  if (budgetLeft(state, f) < 1)
    return fail('ERR_BUDGET', 'investing in the command architecture costs 1 budget point');
  return OK;
}

function checkTwoPlusTwo(
  state: Knowledge,
  _scenario: Scenario,
  f: Faction,
  _o: OrderOf<'two-plus-two'>,
): Result<void, RuleError> {
  if (f !== 'japan' && f !== 'us') return fail('ERR_NOT_YOURS', 'the 2+2 is a Japan–US meeting');
  if (ordered(state, f, 'two-plus-two')) return fail('ERR_DUPLICATE', 'one 2+2 per round');
  if (f === 'japan' && state.japan.politicalCapital < 5)
    return fail('ERR_POLITICAL_CAPITAL', 'a 2+2 needs 5 political capital');
  return OK;
}

function checkRevokeConsent(
  state: Knowledge,
  _scenario: Scenario,
  f: Faction,
  _o: OrderOf<'revoke-consent'>,
): Result<void, RuleError> {
  if (f !== 'japan') return fail('ERR_NOT_YOURS', 'only Japan grants or revokes consent');
  if (!state.alliance.consentGranted) return fail('ERR_ALREADY', 'no consent is in force');
  return ordered(state, f, 'revoke-consent') ? fail('ERR_DUPLICATE', 'already revoked') : OK;
}

/** The alliance's orders, each a single order a round. */
export const ALLIANCE_ORDERS: OrderRules<'invest-command' | 'two-plus-two' | 'revoke-consent'> = {
  'invest-command': { check: checkInvestCommand, candidates: () => [{ type: 'invest-command' }] },
  'two-plus-two': { check: checkTwoPlusTwo, candidates: () => [{ type: 'two-plus-two' }] },
  'revoke-consent': { check: checkRevokeConsent, candidates: () => [{ type: 'revoke-consent' }] },
};

export function validateProposal(
  state: Knowledge,
  scenario: Scenario,
  a: Extract<Action, { type: 'propose' }>,
): Result<void, RuleError> {
  const partner = partnerOf(a.seat);
  if (!partner) return fail('ERR_NOT_ALLIANCE', 'combined operations are proposed by Japan or the US');
  if (!COMBINED_KINDS.includes(a.kind))
    return fail('ERR_BAD_KIND', `kind must be one of ${COMBINED_KINDS.join(', ')}`);
  if (state.pending[a.seat].committed) return fail('ERR_COMMITTED', `${a.seat} has already committed`);
  if (state.pending[partner].committed)
    return fail(
      'ERR_PARTNER_COMMITTED',
      `${partner} has committed and can no longer answer a proposal this round`,
    );
  if (capacityLeft(state) < COMBINED_COST[a.kind])
    return fail(
      'ERR_NO_CAPACITY',
      `coordination capacity left (${capacityLeft(state)}) is below the ${COMBINED_COST[a.kind]} a ${a.kind} costs`,
    );
  if (
    state.proposals.some(
      (p) =>
        p.kind === a.kind &&
        p.status === 'open' &&
        p.by === a.seat &&
        a.kind !== 'combined-strike' &&
        a.kind !== 'iamd-cover',
    )
  )
    return fail('ERR_DUPLICATE', `a ${a.kind} proposal is already open`);
  switch (a.kind) {
    case 'us-ops-from-japan':
      if (a.seat !== 'us') return fail('ERR_NOT_YOURS', 'the US asks for consent; Japan answers');
      if (state.alliance.consentGranted) return fail('ERR_ALREADY', 'consent is already in force');
      return OK;
    case 'iamd-cover':
      if (!a.zone || !scenario.zones.includes(a.zone))
        return fail('ERR_NO_ZONE', 'IAMD cover needs a zone on this map');
      if (zoneDef(a.zone).kind === 'sea' || zoneDef(a.zone).country === 'china')
        return fail('ERR_BAD_TARGET', 'IAMD covers a friendly land zone');
      return OK;
    case 'shared-isr':
    case 'logistics-support':
      return OK;
    case 'combined-strike': {
      const s = a.strike;
      if (!s || !Array.isArray(s.parts) || s.parts.length < 2)
        return fail(
          'ERR_BAD_STRIKE',
          'a combined strike names a target, an aim and at least one Japanese and one US part',
        );
      const owners = new Set(s.parts.map((p) => own(state.units, p.unit)?.faction));
      if (!owners.has('japan') || !owners.has('us'))
        return fail('ERR_BAD_STRIKE', 'a combined strike needs parts from both Japan and the US');
      for (const p of s.parts) {
        const owner = own(state.units, p.unit)?.faction;
        if (owner !== 'japan' && owner !== 'us')
          return fail('ERR_NO_UNIT', `"${p.unit}" is not a Japanese or US unit`);
        const r = validateStrike(state, scenario, owner, {
          unit: p.unit,
          weapon: p.weapon,
          count: p.count,
          target: s.target,
          aim: s.aim,
        });
        if (!r.ok) return r;
      }
      return OK;
    }
  }
}

/** Validates an answer to a combined-operation proposal: an acceptance must be affordable and lawful. */
export function validateAnswer(
  state: Knowledge,
  scenario: Scenario,
  a: Extract<Action, { type: 'answer' }>,
): Result<void, RuleError> {
  const p = state.proposals.find((x) => x.id === a.proposal);
  if (!p) return fail('ERR_NO_PROPOSAL', `no proposal "${a.proposal}"`);
  if (p.to !== a.seat) return fail('ERR_NOT_YOURS', `proposal ${p.id} is addressed to ${p.to}`);
  if (p.status !== 'open') return fail('ERR_ALREADY', `proposal ${p.id} is ${p.status}`);
  if (!a.accept) return OK;
  if (capacityLeft(state) < COMBINED_COST[p.kind])
    return fail(
      'ERR_NO_CAPACITY',
      `coordination capacity left (${capacityLeft(state)}) is below the ${COMBINED_COST[p.kind]} this action costs`,
    );
  if (p.kind === 'us-ops-from-japan' && scenario.constraints.japanConsent === 'never')
    return fail('ERR_SCENARIO_FORBIDS', 'in this scenario Japan refuses US combat operations from its bases');
  if (p.kind === 'logistics-support' && legalRank(state.japan.legalStatus) < legalRank('important-influence'))
    return fail('ERR_LEGAL_STATUS', 'rear-area support needs an important-influence situation');
  if (
    (p.kind === 'combined-strike' || p.kind === 'iamd-cover') &&
    legalRank(state.japan.legalStatus) < legalRank('survival-threatening')
  )
    return fail(
      'ERR_LEGAL_STATUS',
      'combined combat operations need a survival-threatening situation (collective self-defense)',
    );
  return OK;
}

/** Coordination (section 5): open proposals lapse; accepted ones are charged and scheduled by latency. */
export function coordinationStep(d: DraftState, ctx: StepContext): void {
  const capacity = coordinationCapacity(d);
  let used = 0;
  const latency = combinedLatency(d.alliance.commandLevel);
  if (d.alliance.consentGranted && d.alliance.consentRound <= d.round)
    used += COMBINED_COST['us-ops-from-japan'];
  for (const p of d.proposals) {
    if (p.status === 'open') {
      p.status = 'lapsed';
      log(d, 'coordination', 'proposal-lapsed', { by: p.by, operation: p.kind }, ['japan', 'us', 'white']);
      continue;
    }
    if (p.status !== 'accepted') continue;
    const cost = COMBINED_COST[p.kind];
    if (used + cost > capacity) {
      p.status = 'refused';
      log(d, 'coordination', 'proposal-dropped', { operation: p.kind, capacity }, ['japan', 'us', 'white']);
      continue;
    }
    used += cost;
    const effectiveRound = d.round + latency;
    if (p.kind === 'us-ops-from-japan') {
      d.alliance.consentGranted = true;
      d.alliance.consentRound = effectiveRound;
    }
    d.combined.push({ proposal: { ...p }, effectiveRound });
    log(d, 'coordination', 'combined-agreed', { operation: p.kind, latency, capacity, used }, [
      'japan',
      'us',
      'white',
    ]);
  }
  d.alliance.capacityUsed = used;
  d.combined = d.combined.filter((c) => c.effectiveRound >= d.round);
  if (has(ctx, 'japan', 'revoke-consent')) {
    d.alliance.consentGranted = false;
    bump(d, 'alliance', 'cohesion', -10);
    log(d, 'coordination', 'consent-revoked', {});
  }
}
