/**
 * Adjudication in the fixed order of DESIGN.md section 4: coordination → gray zone →
 * declarations and politics → movement → air and missile strikes → naval combat →
 * amphibious and ground combat → blockade and economic effects → production and
 * budgets; then the deterrence check, the outcome check and the next round's events.
 */

import { airCombat, groundStep, movementStep, navalStep, strikeStep } from './combat.ts';
import { coordinationCapacity } from './command.ts';
import { deterrenceEstimate } from './deterrence.ts';
import { type DraftState, draftOf, freeze } from './draft.ts';
import { economyStep, eventsStep, productionStep } from './economy.ts';
import { hashText } from './hash.ts';
import { formatOrder, type Order } from './orders.ts';
import { decisiveOutcome, finalOutcome } from './outcome.ts';
import { coordinationStep, grayZoneStep, politicsStep, type StepContext, settleOffers } from './politics.ts';
import type { Scenario } from './scenario.ts';
import type { MatchState } from './state.ts';
import { log, totalLosses } from './tracks.ts';
import { byFaction, FACTIONS, phaseOf, ROUND_DAYS } from './types.ts';

/** Orders that take effect: those awaiting White Cell approval and not approved are held. */
function effectiveOrders(d: DraftState): StepContext['orders'] {
  return byFaction((f) =>
    d.pending[f].orders.filter((_o: Order, i: number) => {
      const req = d.requests.find((r) => r.round === d.round && r.seat === f && r.orderIndex === i);
      if (!req || req.status === 'approved') return true;
      log(
        d,
        'white',
        `${f}'s ${_o.type} order was held by White Cell (${req.status === 'pending' ? 'not approved in time' : 'denied'})`,
        [f, 'white'],
      );
      return false;
    }),
  );
}

/** Opens a round: clears planning, resets per-round tracks, applies the round's events. */
export function openRound(d: DraftState, scenario: Scenario): void {
  for (const f of FACTIONS) d.pending[f] = { orders: [], committed: false };
  d.proposals = [];
  d.alliance.capacityUsed = d.alliance.consentGranted && d.alliance.consentRound <= d.round ? 1 : 0;
  eventsStep(d, scenario);
}

/** Starts a match: round 1's events and Red's first estimate. */
export function startMatch(s: MatchState, scenario: Scenario): MatchState {
  const d = draftOf(s);
  openRound(d, scenario);
  d.deterrence = deterrenceEstimate(freeze(d), scenario, 'china') as DraftState['deterrence'];
  return freeze(d);
}

/** Runs the whole adjudication of the current round and opens the next (or ends the match). */
export function adjudicate(s: MatchState, scenario: Scenario): MatchState {
  const d = draftOf(s);
  const ctx: StepContext = { scenario, orders: effectiveOrders(d) };
  // The orders that take effect are written to the log (each seen by its faction and White
  // Cell), so a record whose actions were altered never replays to the same state hash.
  for (const f of FACTIONS)
    for (const o of ctx.orders[f]) log(d, 'orders', `${f}: ${formatOrder(o)}`, [f, 'white']);
  const days = ROUND_DAYS[phaseOf(d.escalation)];
  coordinationStep(d, ctx);
  d.alliance.disruption = 0;
  grayZoneStep(d, ctx);
  politicsStep(d, ctx);
  const landings = movementStep(d, ctx);
  const fired = strikeStep(d, ctx);
  airCombat(d, ctx, days);
  navalStep(d, ctx, fired);
  groundStep(d, ctx, landings);
  economyStep(d, ctx);
  productionStep(d, ctx);
  const termsAgreed = settleOffers(d);
  const estimate = deterrenceEstimate(freeze(d), scenario, 'china');
  d.deterrence = estimate as DraftState['deterrence'];
  if (estimate.best)
    log(
      d,
      'deterrence',
      `Red's best option: rung ${estimate.best.rung} with temptation ${estimate.best.temptation} against resolve ${estimate.resolve}`,
      ['china', 'white'],
    );
  const snapshot = freeze(d);
  d.history.push({
    round: d.round,
    escalation: d.escalation,
    redBestTemptation: estimate.best?.temptation ?? 0,
    deterrenceMargin: Number.isFinite(estimate.margin) ? estimate.margin : 0,
    cohesion: d.alliance.cohesion,
    commandLevel: d.alliance.commandLevel,
    capacity: coordinationCapacity(snapshot),
    japanSupport: d.japan.publicSupport,
    taiwanWill: d.taiwan.publicWill,
    energyDays: d.taiwan.energyDays,
    stockpiles: byFaction((f) => Object.values(d.stockpiles[f]).reduce((a, b) => a + b, 0)),
    budgets: byFaction((f) => d.budgets[f]),
    losses: byFaction((f) => totalLosses(snapshot, f)),
  });
  log(d, 'review', `Round ${d.round} adjudicated`, 'all');
  const decisive = termsAgreed ? null : decisiveOutcome(freeze(d));
  if (termsAgreed || decisive || d.round >= d.maxRounds) {
    d.stage = 'ended';
    d.outcome = termsAgreed
      ? d.outcome
      : (decisive ?? finalOutcome(freeze(d), 'the scenario reached its last round'));
    if (d.outcome) log(d, 'review', `Match ends: ${d.outcome.category} (${d.outcome.reason})`, 'all');
    digestLog(d);
    return freeze(d);
  }
  d.round += 1;
  openRound(d, scenario);
  digestLog(d);
  return freeze(d);
}

/**
 * Folds the log entries written since the last round into a chained digest, so a state
 * hash covers the whole log while hashing only the new entries (section 1: round hashes).
 */
function digestLog(d: DraftState): void {
  const fresh = d.log.slice(d.logDigest.count);
  d.logDigest = { count: d.log.length, hash: hashText(d.logDigest.hash + hashText(JSON.stringify(fresh))) };
}
