/**
 * Adjudication in the fixed order of DESIGN.md section 4: coordination → gray zone →
 * declarations and politics → movement → air and missile strikes → naval combat →
 * amphibious and ground combat → blockade and economic effects → production and
 * budgets; then the deterrence check, the outcome check and the next round's events.
 */

import type { Scenario } from '../data/scenario.ts';
import { airCombat } from '../rules/air.ts';
import { coordinationCapacity, coordinationStep } from '../rules/alliance.ts';
import { deliverFundedPrograms, economyStep, productionStep } from '../rules/economy.ts';
import { eventsStep } from '../rules/events.ts';
import { grayZoneStep } from '../rules/grayzone.ts';
import { embarkLandings, groundStep, type Landing } from '../rules/landing.ts';
import { movementStep } from '../rules/movement.ts';
import { navalStep } from '../rules/naval.ts';
import { settleOffers } from '../rules/offramps.ts';
import { politicsStep } from '../rules/politics.ts';
import { strikeStep } from '../rules/strike.ts';
import { byFaction, FACTIONS, phaseOf, ROUND_DAYS, type StepName } from '../types.ts';
import { deterrenceEstimate } from './deterrence.ts';
import { type DraftState, draftOf, freeze } from './draft.ts';
import { hashText } from './hash.ts';
import type { Order } from './orders.ts';
import { decisiveOutcome, finalOutcome } from './outcome.ts';
import type { MatchState } from './state.ts';
import type { StepContext } from './step.ts';
import { log, totalLosses } from './tracks.ts';

/** A round's adjudication context: the step context, plus what one step hands to a later one. */
interface RoundContext extends StepContext {
  /** Landings under way, from movement to ground combat. */
  landings: readonly Landing[];
  /** Units that fired in the strike step (they do not fire again in naval combat). */
  fired: ReadonlySet<string>;
  /** Whether terms were agreed in the off-ramps step. */
  termsAgreed: boolean;
}

/**
 * The fixed order of adjudication (DESIGN.md section 4), one step per row: each row names the
 * log step its events are written under. The deterrence check, the outcome check and the
 * next round's events follow in `adjudicate`.
 */
export const ADJUDICATION: readonly {
  readonly step: StepName;
  readonly run: (d: DraftState, ctx: RoundContext) => void;
}[] = [
  {
    step: 'orders',
    // The orders that take effect are written to the log (each seen by its faction and White
    // Cell), so a record whose actions were altered never replays to the same state hash.
    run: (d, ctx) => {
      for (const f of FACTIONS)
        for (const o of ctx.orders[f])
          log(d, 'orders', 'orders-in-effect', { faction: f, order: o }, [f, 'white']);
    },
  },
  {
    step: 'coordination',
    run: (d, ctx) => {
      coordinationStep(d, ctx);
      d.alliance.disruption = 0; // strikes on headquarters disrupt one round's coordination
    },
  },
  { step: 'gray-zone', run: grayZoneStep },
  { step: 'politics', run: politicsStep },
  {
    step: 'movement',
    run: (d, ctx) => {
      movementStep(d, ctx);
      ctx.landings = embarkLandings(d, ctx);
    },
  },
  {
    step: 'strikes',
    run: (d, ctx) => {
      ctx.fired = strikeStep(d, ctx);
      airCombat(d, ctx, ctx.days);
    },
  },
  { step: 'naval', run: (d, ctx) => navalStep(d, ctx, ctx.fired) },
  { step: 'ground', run: (d, ctx) => groundStep(d, ctx, ctx.landings) },
  { step: 'economy', run: economyStep },
  { step: 'production', run: productionStep },
  {
    step: 'politics',
    run: (d, ctx) => {
      ctx.termsAgreed = settleOffers(d);
    },
  },
];

/** Orders that take effect: those awaiting White Cell approval and not approved are held. */
function effectiveOrders(d: DraftState): StepContext['orders'] {
  return byFaction((f) =>
    d.pending[f].orders.filter((_o: Order, i: number) => {
      const req = d.requests.find((r) => r.round === d.round && r.seat === f && r.orderIndex === i);
      if (!req || req.status === 'approved') return true;
      log(d, 'white', 'order-held', { faction: f, orderType: _o.type, denied: req.status !== 'pending' }, [
        f,
        'white',
      ]);
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
  deliverFundedPrograms(d);
  openRound(d, scenario);
  d.deterrence = deterrenceEstimate(freeze(d), scenario, 'china') as DraftState['deterrence'];
  return freeze(d);
}

/** Runs the whole adjudication of the current round and opens the next (or ends the match). */
export function adjudicate(s: MatchState, scenario: Scenario): MatchState {
  const d = draftOf(s);
  const ctx: StepContext = { scenario, orders: effectiveOrders(d), days: ROUND_DAYS[phaseOf(d.escalation)] };
  const rc: RoundContext = {
    ...ctx,
    landings: [],
    fired: new Set(),
    termsAgreed: false,
  };
  for (const row of ADJUDICATION) row.run(d, rc);
  const termsAgreed = rc.termsAgreed;
  const estimate = deterrenceEstimate(freeze(d), scenario, 'china');
  d.deterrence = estimate as DraftState['deterrence'];
  if (estimate.best)
    log(
      d,
      'deterrence',
      'red-best-option',
      { rung: estimate.best.rung, temptation: estimate.best.temptation, resolve: estimate.resolve },
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
  log(d, 'review', 'round-adjudicated', { round: d.round });
  const decisive = termsAgreed ? null : decisiveOutcome(freeze(d));
  if (termsAgreed || decisive || d.round >= d.maxRounds) {
    d.stage = 'ended';
    d.outcome = termsAgreed
      ? d.outcome
      : (decisive ?? finalOutcome(freeze(d), 'the scenario reached its last round'));
    if (d.outcome)
      log(d, 'review', 'match-ended', { category: d.outcome.category, reason: d.outcome.reason });
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
 * An entry's text is left out: it is `eventText` of its kind and data, which are hashed.
 */
function digestLog(d: DraftState): void {
  const fresh: unknown[] = [];
  for (let i = d.logDigest.count; i < d.log.length; i++) {
    const e = d.log[i]!;
    fresh.push([e.round, e.step, e.kind, e.visibleTo, e.data]);
  }
  d.logDigest = { count: d.log.length, hash: hashText(d.logDigest.hash + hashText(JSON.stringify(fresh))) };
}
