/**
 * The economy (DESIGN.md section 7, "Tracks and resources", and section 6 for the blockade):
 * budgets and programs, defense spending, Taiwan's reserves; the fund, spending and mobilize
 * orders, the blockade and economic step, and production.
 */

import { geographyOf } from '../data/geography.ts';
import { zoneDef } from '../data/map.ts';
import { PROGRAMS, programById } from '../data/programs.ts';
import type { Scenario } from '../data/scenario.ts';
import { BLOCKADE, NAVAL } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import type { Knowledge } from '../engine/knowledge.ts';
import { fail, OK, type OrderOf, type OrderRules, ordered } from '../engine/rule.ts';
import type { StepContext } from '../engine/step.ts';
import { bump, clamp, log, round3 } from '../engine/tracks.ts';
import { liveUnits, unitsAdded, unitType } from '../engine/units.ts';
import { FACTIONS, type Faction, phaseOf, type Result, ROUND_DAYS, RUNG, type RuleError } from '../types.ts';
import { belligerent } from './strike.ts';

/** Budget points still free after the faction's pending orders. */
export function budgetLeft(state: Knowledge, f: Faction): number {
  let spent = 0;
  for (const o of state.pending[f].orders) {
    if (o.type === 'fund') spent += o.amount;
    if (o.type === 'invest-command' || o.type === 'mobilize') spent += 1;
  }
  return state.budgets[f] - spent;
}

function checkFund(
  state: Knowledge,
  _scenario: Scenario,
  f: Faction,
  o: OrderOf<'fund'>,
): Result<void, RuleError> {
  const p = programById.get(o.program);
  if (!p) return fail('ERR_NO_PROGRAM', `no program "${o.program}"`);
  if (p.faction !== f) return fail('ERR_NOT_YOURS', `${p.name} is a ${p.faction} program`);
  if (state.completedPrograms.includes(p.id))
    return fail('ERR_PROGRAM_DONE', `${p.name} is already complete`);
  if ((state.programs[f][p.id] ?? 0) >= p.cost) {
    const left = Math.max(0, p.leadMonths - (state.programMonths[f][p.id] ?? 0));
    return fail(
      'ERR_PROGRAM_DONE',
      `${p.name} is fully funded and in delivery (${Math.ceil(left)} months to go)`,
    );
  }
  if (!Number.isInteger(o.amount) || o.amount < 1)
    return fail('ERR_BAD_AMOUNT', 'fund a whole number of budget points, at least 1');
  if (o.amount > budgetLeft(state, f))
    return fail('ERR_BUDGET', `only ${budgetLeft(state, f)} budget points left this round`);
  return OK;
}

function checkSpending(
  state: Knowledge,
  _scenario: Scenario,
  f: Faction,
  o: OrderOf<'spending'>,
): Result<void, RuleError> {
  if (f !== 'japan' && f !== 'taiwan')
    return fail('ERR_NOT_YOURS', 'only Japan and Taiwan set a defense-spending target here');
  if (ordered(state, f, 'spending')) return fail('ERR_DUPLICATE', 'one spending order per round');
  const cur = state[f].defenseSpendingPctGdp;
  if (!Number.isFinite(o.pctGdp) || o.pctGdp < 0.5 || o.pctGdp > 6)
    return fail('ERR_BAD_AMOUNT', 'spending must be between 0.5% and 6% of GDP');
  if (Math.abs(o.pctGdp - cur) > 0.5 + 1e-9)
    return fail(
      'ERR_SPENDING_STEP',
      `spending may change by at most 0.5 points of GDP a round (now ${cur}%)`,
    );
  if (f === 'japan' && o.pctGdp > cur && state.japan.politicalCapital < 10)
    return fail('ERR_POLITICAL_CAPITAL', 'raising spending needs 10 political capital');
  return OK;
}

function checkMobilize(
  state: Knowledge,
  _scenario: Scenario,
  f: Faction,
  _o: OrderOf<'mobilize'>,
): Result<void, RuleError> {
  if (f !== 'taiwan') return fail('ERR_NOT_YOURS', 'reserve mobilization is a Taiwanese order');
  if (ordered(state, f, 'mobilize')) return fail('ERR_DUPLICATE', 'one mobilization per round');
  if (state.taiwan.reserveMobilization >= 100) return fail('ERR_ALREADY', 'reserves are fully mobilized');
  if (budgetLeft(state, f) < 1) return fail('ERR_BUDGET', 'mobilization costs 1 budget point');
  return OK;
}

/** The economy's orders. Funding is listed at the most a program can use; any smaller whole amount is legal too. */
export const ECONOMY_ORDERS: OrderRules<'fund' | 'spending' | 'mobilize'> = {
  fund: {
    check: checkFund,
    *candidates(state, _scenario, f) {
      const budget = budgetLeft(state, f);
      for (const p of PROGRAMS)
        if (p.faction === f && budget > 0)
          yield {
            type: 'fund',
            program: p.id,
            amount: Math.min(budget, Math.max(1, p.cost - (state.programs[f][p.id] ?? 0))),
          };
    },
  },
  spending: {
    check: checkSpending,
    *candidates(state, _scenario, f) {
      if (f !== 'japan' && f !== 'taiwan') return;
      const cur = state[f].defenseSpendingPctGdp;
      for (const d of [-0.5, -0.1, 0.1, 0.2, 0.5])
        yield { type: 'spending', pctGdp: Math.round((cur + d) * 10) / 10 };
    },
  },
  mobilize: { check: checkMobilize, candidates: () => [{ type: 'mobilize' }] },
};

/** Share of Taiwan's energy imports that does not arrive this round (section 8: blockade). */
export function interdiction(s: Knowledge, scenario: Scenario): number {
  if (s.escalation < RUNG.quarantine) return 0;
  const base =
    s.escalation >= RUNG.blockade
      ? BLOCKADE.interdictionBlockade.value
      : BLOCKADE.interdictionQuarantine.value;
  const zones = geographyOf(scenario.zones).blockadeLanes;
  const red = liveUnits(
    s,
    (u) => u.faction === 'china' && zones.includes(u.zone) && unitType(u).domain === 'sea',
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
      zones.includes(u.zone) &&
      unitType(u).category === 'surface' &&
      (u.faction === 'taiwan' ||
        belligerent(s, scenario.constraints, u.faction) ||
        s.escalation < RUNG.strikes),
  ).reduce((a, u) => a + u.strength, 0);
  // Escorts contest the lanes in proportion to the forces on each side (the estimate's rule,
  // deterrence.ts): Taiwan's navy alone no longer lifts a blockade the PLA enforces in strength.
  const contest = redPresence / Math.max(1e-9, redPresence + BLOCKADE.escortWeight.value * escorts);
  return round3(base * coverage * contest);
}

/** Blockade and economic effects (section 4 step 7). */
export function economyStep(d: DraftState, ctx: StepContext): void {
  const days = ROUND_DAYS[phaseOf(d.escalation)];
  const cut = interdiction(d, ctx.scenario);
  const maxDays = ctx.scenario.tracks.taiwan.energyDays;
  if (cut > 0) {
    d.taiwan.energyDays = round3(Math.max(0, d.taiwan.energyDays - days * cut));
    const shortfall = d.taiwan.energyDays <= 0 ? cut : cut * BLOCKADE.partialShortfall.value;
    bump(d, 'taiwan', 'publicWill', -BLOCKADE.willLossPerShortfall.value * shortfall * (days / 7));
    bump(d, 'china', 'standing', -(d.escalation >= RUNG.blockade ? 3 : 1.5));
    bump(d, 'japan', 'publicSupport', -0.5);
    log(d, 'economy', 'energy-interdicted', {
      blockade: d.escalation >= RUNG.blockade,
      interdiction: cut,
      energyDays: d.taiwan.energyDays,
    });
  } else if (d.taiwan.energyDays < maxDays) {
    d.taiwan.energyDays = round3(Math.min(maxDays, d.taiwan.energyDays + days * 0.5));
  }
  if (d.escalation >= RUNG.strikes) {
    bump(d, 'china', 'standing', -2);
    bump(d, 'china', 'domesticPressure', 2);
  }
  // Strategic drift of the politics tracks.
  bump(d, 'japan', 'politicalCapital', 3);
  if (d.escalation >= RUNG.quarantine) bump(d, 'us', 'commitment', d.us.burdenSharing >= 60 ? 1 : -0.5);
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
  // Japan's logistics support to US forces (a combined action in force this round) rearms US
  // ships in Japanese ports faster (section 5).
  const supported = d.combined.some(
    (c) => c.effectiveRound === d.round && c.proposal.kind === 'logistics-support',
  );
  for (const u of Object.values(d.units)) {
    const t = unitType(u);
    const cap = t.interceptorsPerStep * u.strength;
    if (cap <= 0 || u.interceptors >= cap) continue;
    const z = zoneDef(u.zone);
    const inPort = z.kind !== 'sea';
    const rate =
      t.category === 'sam'
        ? NAVAL.samReload.value
        : !inPort
          ? 0
          : supported && u.faction === 'us' && z.country === 'japan'
            ? NAVAL.supportedPortReload.value
            : NAVAL.portReload.value;
    u.interceptors = round3(Math.min(cap, u.interceptors + cap * rate));
  }
  for (const f of FACTIONS) {
    for (const o of ctx.orders[f]) {
      if (o.type !== 'fund') continue;
      const p = programById.get(o.program);
      if (!p || d.completedPrograms.includes(p.id)) continue;
      d.programs[f][p.id] = (d.programs[f][p.id] ?? 0) + o.amount;
      log(
        d,
        'production',
        'program-progress',
        { program: p.id, faction: f, funded: d.programs[f][p.id]!, cost: p.cost },
        [f, 'white'],
      );
    }
  }
  // Time is time: work on a program goes on by the round's days, as far as its money has
  // paid for, and it is delivered once funded to its cost and its lead time has passed.
  for (const p of PROGRAMS) {
    const funded = d.programs[p.faction][p.id] ?? 0;
    if (funded <= 0 || d.completedPrograms.includes(p.id)) continue;
    const paidFor = p.leadMonths * Math.min(1, funded / p.cost);
    const months = Math.min(paidFor, (d.programMonths[p.faction][p.id] ?? 0) + scale);
    d.programMonths[p.faction][p.id] = round3(months);
    if (funded >= p.cost && months >= p.leadMonths - 1e-9) completeProgram(d, p.id);
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
  deliverProgram(d, id, d.round + 1);
  if (p.faction === 'japan') bump(d, 'us', 'burdenSharing', 3);
  log(
    d,
    'production',
    'program-completed',
    { program: p.id },
    p.faction === 'china' ? ['china', 'white'] : 'all',
  );
}

/**
 * A scenario's programs already funded to their cost (and so through their lead time) are in service when the match starts
 * (a posture such as "the 2027 posture" is what has been delivered): their effects apply at
 * once, new units ready in round 1, with no log entry and no burden-sharing credit.
 */
export function deliverFundedPrograms(d: DraftState): void {
  for (const p of PROGRAMS)
    if (
      (d.programs[p.faction][p.id] ?? 0) >= p.cost &&
      (d.programMonths[p.faction][p.id] ?? 0) >= p.leadMonths &&
      !d.completedPrograms.includes(p.id)
    )
      deliverProgram(d, p.id, d.round);
}

/** A program's effect, once: munitions, interceptor bonus, ISR, cyber, industry or new units (ready in `ready`). */
function deliverProgram(d: DraftState, id: string, ready: number): void {
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
          readyRound: ready,
        };
      unitsAdded(d.units);
      break;
    }
    case 'none':
      break;
  }
}
