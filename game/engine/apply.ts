/**
 * The reducer: `applyAction(scenario, state, action)` validates and applies one action
 * (DESIGN.md section 4). When the last faction commits (and White Cell, if seated,
 * advances), the round is adjudicated. Invalid input returns a typed error; the
 * state passed in is never mutated.
 */

import type { Scenario } from '../data/scenario.ts';
import { COMBINED_COST } from '../rules/alliance.ts';
import { offerResponders } from '../rules/offramps.ts';
import { approvalKind } from '../rules/white.ts';
import { err, FACTIONS, type Faction, ok, type Result, type RuleError } from '../types.ts';
import { validateAction } from './actions.ts';
import { adjudicate, startMatch } from './adjudicate.ts';
import { type DraftState, freeze, planningDraftOf } from './draft.ts';
import type { Action } from './orders.ts';
import { finalOutcome } from './outcome.ts';
import { createState, type MatchSetup, type MatchState } from './state.ts';
import { applyEffect, log, readTrack } from './tracks.ts';

/** A new match at the start of round 1 (events applied, Red's first estimate made). */
export function newMatch(scenario: Scenario, setup: MatchSetup): MatchState {
  return startMatch(createState(scenario, setup), scenario);
}

/** A faction's pending orders, copied before the first change (planning drafts share them). */
function ownPending(d: DraftState, f: Faction): DraftState['pending']['japan'] {
  const mine = { ...d.pending[f], orders: [...d.pending[f].orders] };
  d.pending[f] = mine;
  return mine;
}

/**
 * A copy of validated order data (plain JSON: strings, numbers, arrays, objects), so nothing a
 * caller keeps can change the state; JSON text is twice as fast as structuredClone here.
 */
const copyData = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * The most common action, an order that needs no White Cell approval, changes only the
 * faction's pending orders: built directly, without a planning draft.
 */
function plainOrder(state: MatchState, scenario: Scenario, action: Action): MatchState | null {
  if (action.type !== 'order') return null;
  const f = action.seat;
  const kind = approvalKind(state, action.order, f);
  if (state.white.present && kind && scenario.seminar.approvals.includes(kind as never)) return null;
  const mine = state.pending[f];
  return {
    ...state,
    pending: { ...state.pending, [f]: { ...mine, orders: [...mine.orders, copyData(action.order)] } },
  };
}

const allCommitted = (d: DraftState): boolean => FACTIONS.every((f) => d.pending[f].committed);

export function applyAction(
  scenario: Scenario,
  state: MatchState,
  action: Action,
): Result<MatchState, RuleError> {
  if (state.scenarioHash !== scenario.hash)
    return err({
      code: 'ERR_SCENARIO_MISMATCH',
      message: `this match was created from scenario ${state.scenarioId} with hash ${state.scenarioHash}`,
    });
  const v = validateAction(state, scenario, action);
  if (!v.ok) return v;
  const quick = plainOrder(state, scenario, action);
  if (quick) return ok(quick);
  // Only White Cell's inject and amend change tracks outside planning; both are small copies too.
  const d = planningDraftOf(state);
  const nextId = (prefix: string): string => {
    d.counter += 1;
    return `${prefix}${d.counter}`;
  };
  let adjudicateNow = false;
  switch (action.type) {
    case 'order': {
      const f = action.seat;
      ownPending(d, f).orders.push(
        copyData(action.order) as DraftState['pending']['japan']['orders'][number],
      );
      const kind = approvalKind(state, action.order, f);
      if (d.white.present && kind && scenario.seminar.approvals.includes(kind as never)) {
        d.requests.push({
          id: nextId('R'),
          round: d.round,
          seat: f,
          kind,
          orderIndex: d.pending[f].orders.length - 1,
          status: 'pending',
        });
        log(d, 'planning', 'approval-requested', { faction: f, order: action.order }, [f, 'white']);
      }
      break;
    }
    case 'withdraw': {
      const f = action.seat;
      ownPending(d, f).orders.splice(action.index, 1);
      d.requests = d.requests.filter(
        (r) => !(r.round === d.round && r.seat === f && r.orderIndex === action.index),
      );
      for (const r of d.requests)
        if (r.round === d.round && r.seat === f && r.orderIndex > action.index) r.orderIndex -= 1;
      break;
    }
    case 'commit':
      ownPending(d, action.seat).committed = true;
      adjudicateNow = allCommitted(d) && !d.white.present;
      break;
    case 'propose': {
      const to = action.seat === 'japan' ? 'us' : 'japan';
      d.proposals.push({
        id: nextId('P'),
        round: d.round,
        by: action.seat,
        to,
        kind: action.kind,
        ...(action.zone ? { zone: action.zone } : {}),
        ...(action.strike
          ? { strike: copyData(action.strike) as DraftState['proposals'][number]['strike'] & object }
          : {}),
        status: 'open',
      });
      log(d, 'coordination', 'proposal-made', { by: action.seat, operation: action.kind }, [
        'japan',
        'us',
        'white',
      ]);
      break;
    }
    case 'answer': {
      const p = d.proposals.find((x) => x.id === action.proposal)!;
      p.status = action.accept ? 'accepted' : 'refused';
      if (action.accept) d.alliance.capacityUsed += COMBINED_COST[p.kind];
      log(
        d,
        'coordination',
        'proposal-answered',
        { by: action.seat, accept: action.accept, proposer: p.by, operation: p.kind },
        ['japan', 'us', 'white'],
      );
      break;
    }
    case 'offer':
      d.offers.push({
        id: nextId('T'),
        round: d.round,
        by: action.seat,
        terms: action.terms,
        answers: {},
        status: 'open',
      });
      log(d, 'politics', 'terms-offered', { by: action.seat, terms: action.terms });
      break;
    case 'respond': {
      const o = d.offers.find((x) => x.id === action.offer)!;
      o.answers[action.seat] = action.accept;
      log(d, 'politics', 'offer-answered', {
        by: action.seat,
        accept: action.accept,
        offeredBy: o.by,
        terms: o.terms,
      });
      if (!action.accept) o.status = 'refused';
      else if (offerResponders(state, scenario, o.by).every((f) => o.answers[f] === true)) {
        o.status = 'accepted';
        d.stage = 'ended';
        d.outcome = {
          category: 'terms-agreed',
          round: d.round,
          reason: `${o.terms} offered by ${o.by} and accepted`,
        };
        log(d, 'review', 'terms-agreed', { terms: o.terms });
      }
      break;
    }
    case 'inject':
      {
        const changes = (action.effects ?? []).map((e) => {
          const from = readTrack(d, e.track);
          return { track: e.track, delta: e.delta, from, to: applyEffect(d, e) };
        });
        log(d, 'white', 'inject', { text: action.text, effects: changes });
      }
      break;
    case 'amend': {
      const v2 = applyEffect(d, { track: action.track, delta: action.delta });
      log(d, 'white', 'amendment', {
        track: action.track,
        delta: action.delta,
        value: v2,
        reason: action.reason,
      });
      break;
    }
    case 'rule': {
      const r = d.requests.find((x) => x.id === action.request)!;
      r.status = action.approve ? 'approved' : 'denied';
      log(d, 'white', 'ruling', { approve: action.approve, seat: r.seat, request: r.kind }, [
        r.seat,
        'white',
      ]);
      break;
    }
    case 'set-timer':
      d.white.timerSeconds = action.seconds;
      d.white.paused = action.paused ?? false;
      break;
    case 'timer-expired':
      for (const f of FACTIONS) {
        if (d.pending[f].committed) continue;
        ownPending(d, f).committed = true;
        for (const p of d.proposals) if (p.to === f && p.status === 'open') p.status = 'lapsed';
        log(d, 'planning', 'timer-expired', { faction: f });
      }
      adjudicateNow = !d.white.present;
      break;
    case 'advance':
      adjudicateNow = true;
      break;
    case 'end':
      d.stage = 'ended';
      {
        // Its own outcome: the match did not run its course. The situation then is kept as the assessment.
        const assessed = finalOutcome(freeze(d), 'the situation when White Cell ended the match');
        d.outcome = {
          category: 'ended-by-facilitator',
          round: d.round,
          reason: `White Cell ended the match: ${action.reason}`,
          assessment: assessed.category,
        };
      }
      log(d, 'review', 'white-ended', { reason: action.reason });
      break;
  }
  const next = freeze(d);
  return ok(adjudicateNow ? adjudicate(next, scenario) : next);
}
