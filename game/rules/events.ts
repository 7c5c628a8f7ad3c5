/**
 * Events (DESIGN.md section 4 step 1, section 10 for the scenario's timeline and deck): the
 * scenario's scheduled events for the round and a seeded draw from its event deck.
 */
import type { Scenario } from '../data/scenario.ts';
import type { DraftState } from '../engine/draft.ts';
import { stream } from '../engine/rng.ts';
import { applyEffect, log } from '../engine/tracks.ts';

/** Events (section 4 step 1): the scenario's timeline for this round and a seeded draw from its deck. */
export function eventsStep(d: DraftState, scenario: Scenario): void {
  for (const e of scenario.events) {
    if (e.round !== d.round) continue;
    for (const eff of e.effects) applyEffect(d, eff);
    log(d, 'events', 'scenario-event', { id: e.id, text: e.text });
  }
  const rng = stream(d.seed, `round-${d.round}/events`);
  if (scenario.eventDeck.length === 0 || !rng.chance(scenario.eventChance)) return;
  const eligible = scenario.eventDeck.filter((e) => d.escalation >= e.minRung && d.escalation <= e.maxRung);
  const total = eligible.reduce((a, e) => a + e.weight, 0);
  if (total <= 0) return;
  let x = rng.next() * total;
  for (const e of eligible) {
    x -= e.weight;
    if (x < 0) {
      for (const eff of e.effects) applyEffect(d, eff);
      log(d, 'events', 'scenario-event', { id: e.id, text: e.text });
      return;
    }
  }
}
