/**
 * Blockade and economic effects, production and budgets (DESIGN.md sections 4, 7, 8),
 * and the events that open each round.
 */

import { belligerent } from './combat.ts';
import { programById } from './data/programs.ts';
import { BLOCKADE } from './data/tables.ts';
import type { DraftState } from './draft.ts';
import { zoneDef } from './map.ts';
import type { StepContext } from './politics.ts';
import { stream } from './rng.ts';
import type { Scenario } from './scenario.ts';
import type { MatchState } from './state.ts';
import { applyEffect, bump, clamp, log, round3 } from './tracks.ts';
import { FACTIONS, phaseOf, ROUND_DAYS } from './types.ts';
import { forgetUnitList, liveUnits, unitType } from './units.ts';

export const BLOCKADE_ZONES = [
  'taiwan-strait-north',
  'taiwan-strait-south',
  'bashi-channel',
  'philippine-sea-west',
] as const;

/** Share of Taiwan's energy imports that does not arrive this round (section 8: blockade). */
export function interdiction(s: MatchState, scenario: Scenario): number {
  if (s.escalation < 2) return 0;
  const base =
    s.escalation >= 3 ? BLOCKADE.interdictionBlockade.value : BLOCKADE.interdictionQuarantine.value;
  const zones = BLOCKADE_ZONES.filter((z) => scenario.zones.includes(z));
  const red = liveUnits(
    s,
    (u) =>
      u.faction === 'china' &&
      zones.includes(u.zone as (typeof BLOCKADE_ZONES)[number]) &&
      unitType(u).domain === 'sea',
  );
  const redPresence = red.reduce(
    (a, u) => a + u.strength * (unitType(u).category === 'coast-guard' ? 0.5 : 1),
    0,
  );
  const coverage = clamp(redPresence / 12, 0.2, 1);
  const escorts = liveUnits(
    s,
    (u) =>
      u.faction !== 'china' &&
      zones.includes(u.zone as (typeof BLOCKADE_ZONES)[number]) &&
      unitType(u).category === 'surface' &&
      (u.faction === 'taiwan' || belligerent(s, scenario.constraints, u.faction) || s.escalation < 4),
  ).reduce((a, u) => a + u.strength, 0);
  return round3(base * coverage * Math.max(0, 1 - BLOCKADE.escortPerStep.value * escorts));
}

/** Blockade and economic effects (section 4 step 7). */
export function economyStep(d: DraftState, ctx: StepContext): void {
  const days = ROUND_DAYS[phaseOf(d.escalation)];
  const cut = interdiction(d as MatchState, ctx.scenario);
  const maxDays = ctx.scenario.tracks.taiwan.energyDays;
  if (cut > 0) {
    d.taiwan.energyDays = round3(Math.max(0, d.taiwan.energyDays - days * cut));
    const shortfall = d.taiwan.energyDays <= 0 ? cut : cut * 0.25;
    bump(d, 'taiwan', 'publicWill', -BLOCKADE.willLossPerShortfall.value * shortfall * (days / 7));
    bump(d, 'china', 'standing', -(d.escalation >= 3 ? 3 : 1.5));
    bump(d, 'japan', 'publicSupport', -0.5);
    log(
      d,
      'economy',
      `${d.escalation >= 3 ? 'Blockade' : 'Quarantine'}: ${Math.round(cut * 100)}% of Taiwan's energy imports stopped; ${round3(d.taiwan.energyDays)} days of stocks left`,
      'all',
      { interdiction: cut, energyDays: d.taiwan.energyDays },
    );
  } else if (d.taiwan.energyDays < maxDays) {
    d.taiwan.energyDays = round3(Math.min(maxDays, d.taiwan.energyDays + days * 0.5));
  }
  if (d.escalation >= 4) {
    bump(d, 'china', 'standing', -2);
    bump(d, 'china', 'domesticPressure', 2);
  }
  // Strategic drift of the politics tracks.
  bump(d, 'japan', 'politicalCapital', 3);
  if (d.escalation >= 2) bump(d, 'us', 'commitment', d.us.burdenSharing >= 60 ? 1 : -0.5);
  bump(d, 'alliance', 'cohesion', (d.us.burdenSharing - 60) / 40);
}

/** Production and budgets (section 4 step 8): munitions refill, magazines reload in port, programs progress. */
export function productionStep(d: DraftState, ctx: StepContext): void {
  const scale = ROUND_DAYS[phaseOf(d.escalation)] / 30;
  for (const f of FACTIONS) {
    for (const [m, perMonth] of Object.entries(ctx.scenario.production[f])) {
      d.stockpiles[f][m] = round3((d.stockpiles[f][m] ?? 0) + perMonth * scale);
    }
  }
  d.stockpiles.japan['type-12'] = round3(
    (d.stockpiles.japan['type-12'] ?? 0) + (d.japan.industrialCapacity / 10) * scale,
  );
  for (const u of Object.values(d.units)) {
    const t = unitType(u);
    const cap = t.interceptorsPerStep * u.strength;
    if (cap <= 0 || u.interceptors >= cap) continue;
    const inPort = zoneDef(u.zone).kind !== 'sea';
    const rate = t.category === 'sam' ? 0.25 : inPort ? 0.5 : 0;
    u.interceptors = round3(Math.min(cap, u.interceptors + cap * rate));
  }
  for (const f of FACTIONS) {
    for (const o of ctx.orders[f]) {
      if (o.type !== 'fund') continue;
      const p = programById.get(o.program);
      if (!p || d.completedPrograms.includes(p.id)) continue;
      d.programs[f][p.id] = (d.programs[f][p.id] ?? 0) + o.amount;
      if (d.programs[f][p.id]! >= p.cost) completeProgram(d, p.id);
      else log(d, 'production', `${p.name}: ${d.programs[f][p.id]}/${p.cost}`, [f, 'white']);
    }
  }
  // Budgets: Japan's and Taiwan's scale with their spending relative to the start.
  for (const f of FACTIONS) {
    const base = ctx.scenario.budgets[f];
    const rel =
      f === 'japan' || f === 'taiwan'
        ? d[f].defenseSpendingPctGdp / Math.max(0.1, ctx.scenario.tracks[f].defenseSpendingPctGdp)
        : 1;
    d.budgets[f] = Math.max(0, Math.round(base * rel));
  }
}

export function completeProgram(d: DraftState, id: string): void {
  const p = programById.get(id);
  if (!p) return;
  d.completedPrograms.push(id);
  const e = p.effect;
  switch (e.kind) {
    case 'munitions':
      d.stockpiles[p.faction][e.munition] = (d.stockpiles[p.faction][e.munition] ?? 0) + e.amount;
      break;
    case 'interceptors':
      d.bonuses.interceptorPk = round3(d.bonuses.interceptorPk + e.bonus);
      break;
    case 'isr':
      d.bonuses.isrKm[p.faction] += e.km;
      break;
    case 'cyber':
      d.bonuses.cyber += e.resilience;
      break;
    case 'industry':
      if (p.faction === 'japan') d.japan.industrialCapacity += e.amount;
      break;
    case 'units': {
      const id2 = `${e.unitType}-${p.id}`;
      const def = unitType({ type: e.unitType } as never);
      if (!d.units[id2])
        d.units[id2] = {
          id: id2,
          type: e.unitType,
          faction: p.faction,
          zone: e.zone,
          strength: e.strength,
          maxStrength: e.strength,
          interceptors: def.interceptorsPerStep * e.strength,
          readyRound: d.round + 1,
        };
      forgetUnitList(d.units);
      break;
    }
    case 'none':
      break;
  }
  if (p.faction === 'japan') bump(d, 'us', 'burdenSharing', 3);
  log(d, 'production', `${p.name} completed`, p.faction === 'china' ? ['china', 'white'] : 'all');
}

/** Events (section 4 step 1): the scenario's timeline for this round and a seeded draw from its deck. */
export function eventsStep(d: DraftState, scenario: Scenario): void {
  for (const e of scenario.events) {
    if (e.round !== d.round) continue;
    for (const eff of e.effects) applyEffect(d, eff);
    log(d, 'events', e.text, 'all', { id: e.id });
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
      log(d, 'events', e.text, 'all', { id: e.id });
      return;
    }
  }
}
