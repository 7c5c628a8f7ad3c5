/**
 * The bot turn (DESIGN.md section 11): what the bot seats do in a round, written once and
 * driven by both the harness (`playBotRound`, batch analysis) and the server (`BotRunner`,
 * bot seats in a live match), so the two cannot drift apart.
 *
 * In order, each step on the state as it is after the previous one:
 * 1. each bot seat that has not planned this round plans (`botPlan`), Red first;
 * 2. each bot seat answers the open proposals addressed to it (an accept the rules refuse,
 *    say for want of coordination capacity, becomes a refusal);
 * 3. each bot seat answers the open offers of terms it is asked to answer;
 * 4. once every seat that is not a bot has committed, the bot seats commit (the last commit
 *    adjudicates the round).
 *
 * `botTurn` is a generator of actions: the driver applies each, tells it whether the rules
 * accepted it, and the generator reads the state again through `current()`. The harness
 * drives it synchronously, the server across awaits.
 */

import type { Scenario } from '../data/scenario.ts';
import type { Action } from '../engine/orders.ts';
import type { MatchState } from '../engine/state.ts';
import { offerResponders } from '../rules/offramps.ts';
import { FACTIONS, type Faction } from '../types.ts';
import { botAnswer, botPlan, botRespond, type Policy } from './policies.ts';

/** Order in which bots plan: Red first, then Taiwan, Japan and the US. */
export const PLAN_ORDER: readonly Faction[] = ['china', 'taiwan', 'japan', 'us'];

export interface BotTurn {
  readonly scenario: Scenario;
  /** The bot seats and their policies; other factions are played by people. */
  readonly bots: Partial<Record<Faction, Policy>>;
  /** The match's state now (read again after every action). */
  current(): MatchState;
  /** Seats that already planned this round (a restarted server does not plan twice). */
  readonly planned?: ReadonlySet<Faction>;
  /** Told when a seat has planned, after its plan's actions were applied. */
  onPlanned?(seat: Faction): void;
  /** Whether to stop early (a server shutting down). */
  stopped?(): boolean;
}

/** The bot seats' actions for the current round; `next(accepted)` tells whether the rules took the last one. */
export function* botTurn(t: BotTurn): Generator<Action, void, boolean> {
  const { scenario, bots } = t;
  const seats = FACTIONS.filter((f) => bots[f] !== undefined);
  if (seats.length === 0) return;
  const live = (): boolean => t.current().stage === 'planning' && !(t.stopped?.() ?? false);
  const ctx = (f: Faction) => ({ state: t.current(), scenario, faction: f, policy: bots[f]! });
  if (!live()) return;
  const round = t.current().round;

  const planned = new Set(t.planned ?? []);
  for (const f of PLAN_ORDER) {
    if (
      !seats.includes(f) ||
      planned.has(f) ||
      t.current().pending[f].committed ||
      t.current().round !== round
    )
      continue;
    for (const a of botPlan(ctx(f))) {
      if (!live()) return;
      yield a;
    }
    planned.add(f);
    t.onPlanned?.(f);
  }

  for (const f of seats) {
    const G = t.current();
    for (const p of G.proposals.filter((x) => x.to === f && x.status === 'open' && x.round === G.round)) {
      if (!live()) return;
      const accept = botAnswer(ctx(f), p);
      const taken: boolean = yield { type: 'answer', seat: f, proposal: p.id, accept };
      if (!taken && accept && live()) yield { type: 'answer', seat: f, proposal: p.id, accept: false };
    }
  }

  const G = t.current();
  for (const o of G.offers.filter((x) => x.status === 'open' && x.round < G.round)) {
    for (const f of offerResponders(t.current(), scenario, o.by)) {
      if (!seats.includes(f) || !live() || o.answers[f] !== undefined) continue;
      yield { type: 'respond', seat: f, offer: o.id, accept: botRespond(ctx(f), o.terms, o.by) };
    }
  }

  const humansDone = FACTIONS.every((f) => seats.includes(f) || t.current().pending[f].committed);
  if (!humansDone) return;
  for (const f of seats)
    if (live() && t.current().round === round && !t.current().pending[f].committed)
      yield { type: 'commit', seat: f };
}
