/**
 * Validation of the actions a seat sends besides orders (section 4 planning, coordination,
 * off-ramps, White Cell): withdrawals, commits, combined-operation proposals and answers,
 * offers of terms, and White Cell's injects, amendments, rulings and timer. Orders
 * themselves are validated in validate.ts; both return typed errors and never throw.
 */
import { COMBINED_COST, capacityLeft } from './command.ts';
import { zoneDef } from './map.ts';
import type { Action, Order } from './orders.ts';
import type { Scenario } from './scenario.ts';
import { TRACK_PATHS } from './scenario.ts';
import type { MatchState } from './state.ts';
import {
  COMBINED_KINDS,
  err,
  FACTIONS,
  type Faction,
  legalRank,
  ok,
  own,
  partnerOf,
  type Result,
  type RuleError,
  ruleError,
  TERMS,
} from './types.ts';
import { validateOrder, validateStrike } from './validate.ts';

const fail = (code: string, message: string): Result<never, RuleError> => err(ruleError(code, message));
const OK: Result<void, RuleError> = ok(undefined);

/** Approval kind of an order, when White Cell approvals are set for it (seminar mode). */
export function approvalKind(_state: MatchState, o: Order, f: Faction): string | null {
  if (o.type === 'escalate' && o.to === 4) return 'escalate-strikes';
  if (o.type === 'escalate' && o.to === 5) return 'escalate-invasion';
  if (o.type === 'strike' && f === 'japan' && zoneDef(o.target).country === 'china')
    return 'japan-counterstrike';
  if (o.type === 'intervene') return 'us-intervention';
  if (o.type === 'declare') return 'legal-declaration';
  return null;
}

/**
 * Validates any action a seat sends (section 4 planning, coordination, off-ramps, White
 * Cell). A payload whose shape breaks a rule's assumptions (a forged move: null parts,
 * a missing list) is refused as ERR_MALFORMED instead of throwing.
 */
export function validateAction(state: MatchState, scenario: Scenario, a: Action): Result<void, RuleError> {
  try {
    return validateActionShape(state, scenario, a);
  } catch {
    return fail(
      'ERR_MALFORMED',
      `malformed ${typeof a === 'object' && a !== null ? `"${String((a as { type?: unknown }).type)}" ` : ''}action: a field is missing or has the wrong type`,
    );
  }
}

function validateActionShape(state: MatchState, scenario: Scenario, a: Action): Result<void, RuleError> {
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
    case 'answer': {
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
        return fail(
          'ERR_SCENARIO_FORBIDS',
          'in this scenario Japan refuses US combat operations from its bases',
        );
      if (
        p.kind === 'logistics-support' &&
        legalRank(state.japan.legalStatus) < legalRank('important-influence')
      )
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
    case 'offer': {
      if (!isFaction(a.seat)) return fail('ERR_BAD_SEAT', 'offers come from a faction seat');
      if (!TERMS.includes(a.terms)) return fail('ERR_BAD_TERMS', `terms must be one of ${TERMS.join(', ')}`);
      if (state.escalation < 2)
        return fail('ERR_NO_CRISIS', 'off-ramps are offered once there is a crisis (rung 2 or higher)');
      if (state.offers.some((o) => o.by === a.seat && o.status === 'open'))
        return fail('ERR_DUPLICATE', `${a.seat} already has an open offer`);
      return OK;
    }
    case 'respond': {
      const o = state.offers.find((x) => x.id === a.offer);
      if (!o) return fail('ERR_NO_OFFER', `no offer "${a.offer}"`);
      if (o.status !== 'open') return fail('ERR_ALREADY', `offer ${o.id} is ${o.status}`);
      if (!isFaction(a.seat) || !offerResponders(state, scenario, o.by).includes(a.seat))
        return fail('ERR_NOT_YOURS', `${String(a.seat)} does not answer ${o.by}'s offer`);
      if (o.answers[a.seat] !== undefined) return fail('ERR_ALREADY', `${a.seat} has answered`);
      if (o.round === state.round)
        return fail('ERR_TOO_SOON', 'an offer is answered in the round after it is made');
      return OK;
    }
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

/** Who must accept an offer: China answers Blue's; the US and Taiwan (and Japan once at war) answer China's. */
export function offerResponders(state: MatchState, scenario: Scenario, by: Faction): Faction[] {
  if (by !== 'china') return ['china'];
  const r: Faction[] = ['taiwan'];
  if (scenario.constraints.usIntervention !== 'never') r.push('us');
  if (legalRank(state.japan.legalStatus) >= legalRank('survival-threatening')) r.push('japan');
  return r;
}

function validateProposal(
  state: MatchState,
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

function validateWhite(state: MatchState, a: Extract<Action, { seat: 'white' }>): Result<void, RuleError> {
  if (a.seat !== 'white') return fail('ERR_BAD_SEAT', 'White Cell actions come from the white seat');
  if (!state.white.present && a.type !== 'timer-expired')
    return fail('ERR_NO_WHITE_CELL', 'this match has no White Cell seat');
  switch (a.type) {
    case 'inject':
      if (typeof a.text !== 'string' || a.text.trim().length < 3)
        return fail('ERR_NO_TEXT', 'an inject needs a description');
      for (const e of a.effects ?? [])
        if (!TRACK_PATHS.includes(e.track) || !Number.isFinite(e.delta))
          return fail('ERR_BAD_TRACK', `"${String(e.track)}" is not a track that can change`);
      return OK;
    case 'amend':
      if (typeof a.reason !== 'string' || a.reason.trim().length < 5)
        return fail('ERR_NO_REASON', 'an amendment needs a written reason');
      if (!TRACK_PATHS.includes(a.track) || !Number.isFinite(a.delta))
        return fail('ERR_BAD_TRACK', `"${String(a.track)}" is not a track that can change`);
      return OK;
    case 'rule': {
      const r = state.requests.find((x) => x.id === a.request);
      if (!r) return fail('ERR_NO_REQUEST', `no request "${a.request}"`);
      return r.status === 'pending' ? OK : fail('ERR_ALREADY', `request ${r.id} is already ${r.status}`);
    }
    case 'set-timer':
      if (a.seconds !== null && (!Number.isInteger(a.seconds) || a.seconds < 10 || a.seconds > 7200))
        return fail('ERR_BAD_TIMER', 'the planning timer is 10 s to 2 h, or off');
      return OK;
    case 'timer-expired':
      return FACTIONS.some((f) => !state.pending[f].committed)
        ? OK
        : fail('ERR_ALREADY', 'every seat has committed');
    case 'advance':
      return FACTIONS.every((f) => state.pending[f].committed)
        ? OK
        : fail(
            'ERR_NOT_READY',
            `waiting for ${FACTIONS.filter((f) => !state.pending[f].committed).join(', ')} to commit`,
          );
    case 'end':
      return typeof a.reason === 'string' && a.reason.trim().length >= 5
        ? OK
        : fail('ERR_NO_REASON', 'ending the match needs a written reason');
  }
}
