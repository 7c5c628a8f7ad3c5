/**
 * The one legality source (CONVENTIONS item 5), with actions.ts (`validateAction`) and
 * legal.ts (`legalOrders`): these feed the move, the board's highlights and the bots alike.
 * This file validates orders.
 * Validation returns typed errors, never throws, for anything a user can send.
 */

import { upgradeRoundsNeeded, usCombatAllowedFrom } from './command.ts';
import { programById } from './data/programs.ts';
import { AIR_REBASE_KM, canStand, distanceKm, reachable, zoneById, zoneDef } from './map.ts';
import type { Order, TargetAim } from './orders.ts';
import { GRAY_ZONE_ACTIONS, TARGET_AIMS } from './orders.ts';
import type { Scenario } from './scenario.ts';
import type { MatchState, UnitState } from './state.ts';
import {
  err,
  type Faction,
  LEGAL_STATUSES,
  legalRank,
  ok,
  own,
  phaseOf,
  type Result,
  type RuleError,
  type Rung,
  ruleError,
} from './types.ts';
import { enemies, liveUnits, munition, unitType } from './units.ts';

const fail = (code: string, message: string): Result<never, RuleError> => err(ruleError(code, message));
const OK: Result<void, RuleError> = ok(undefined);

/** Escalation in force for a faction's planning: China's own pending `escalate` counts. */
export function plannedRung(state: MatchState, faction: Faction): Rung {
  if (faction !== 'china') return state.escalation;
  const esc = state.pending.china.orders.find((o) => o.type === 'escalate');
  return esc && esc.type === 'escalate' ? esc.to : state.escalation;
}

/** Movement allowance in zones: doubled in crisis, quadrupled in competition. */
export function moveAllowance(state: MatchState, u: UnitState): number {
  const base = unitType(u).move;
  const phase = phaseOf(state.escalation);
  return phase === 'conflict' ? base : phase === 'crisis' ? base * 2 : base * 4;
}

/** Zones a unit may move to this round. */
export function moveTargets(state: MatchState, scenario: Scenario, u: UnitState): string[] {
  const active = new Set(scenario.zones);
  const t = unitType(u);
  if (u.zone === 'us-pool') return state.round >= u.readyRound && active.has('guam') ? ['guam'] : [];
  if (t.domain === 'air') {
    return scenario.zones.filter(
      (z) =>
        z !== u.zone &&
        z !== 'us-pool' &&
        canStand('air', z) &&
        distanceKm(u.zone, z) <= AIR_REBASE_KM &&
        friendlyGround(state, u.faction, z),
    );
  }
  const crossSea = t.domain === 'land' && state.escalation < 4;
  const r = reachable(u.zone, moveAllowance(state, u), t.domain, active, crossSea);
  return [...r.keys()]
    .filter(
      (z) =>
        z !== 'us-pool' &&
        canStand(t.domain, z) &&
        (zoneDef(z).kind === 'sea' || friendlyGround(state, u.faction, z)),
    )
    .sort();
}

/** A land zone counts as friendly when its country is on the faction's side or the faction controls it. */
export function friendlyGround(state: MatchState, f: Faction, zone: string): boolean {
  const z = zoneDef(zone);
  if (z.kind === 'sea') return true;
  const ctl = own(state.zones, zone)?.controller;
  if (ctl) return !enemies(ctl, f);
  if (z.country === 'international') return true;
  if (z.country === 'philippines') return f === 'us';
  if (f === 'china') return z.country === 'china';
  return z.country !== 'china';
}

/** Budget points still free after the faction's pending orders. */
export function budgetLeft(state: MatchState, f: Faction): number {
  let spent = 0;
  for (const o of state.pending[f].orders) {
    if (o.type === 'fund') spent += o.amount;
    if (o.type === 'invest-command' || o.type === 'mobilize') spent += 1;
  }
  return state.budgets[f] - spent;
}

/** Shots a unit may still fire with a weapon this round, after its pending strikes and proposed combined parts. */
export function shotsLeft(state: MatchState, u: UnitState, weapon: string): number {
  const load = unitType(u).weapons.find((w) => w.munition === weapon);
  if (!load) return 0;
  let used = 0;
  for (const o of state.pending[u.faction].orders)
    if (o.type === 'strike' && o.unit === u.id && o.weapon === weapon) used += o.count;
  for (const p of state.proposals)
    if (p.strike && p.status !== 'refused' && p.status !== 'lapsed')
      for (const part of p.strike.parts) if (part.unit === u.id && part.weapon === weapon) used += part.count;
  return Math.floor(load.perStep * u.strength) - used;
}

export function stockLeft(state: MatchState, f: Faction, weapon: string): number {
  let used = 0;
  for (const o of state.pending[f].orders) if (o.type === 'strike' && o.weapon === weapon) used += o.count;
  for (const p of state.proposals)
    if (p.strike && (p.status === 'open' || p.status === 'accepted'))
      for (const part of p.strike.parts)
        if (own(state.units, part.unit)?.faction === f && part.weapon === weapon) used += part.count;
  return (own(state.stockpiles[f], weapon) ?? 0) - used;
}

const aimFits = (aim: TargetAim, zone: string): boolean => {
  const z = zoneDef(zone);
  switch (aim) {
    case 'ships':
      return z.kind === 'sea' || z.features.includes('port') || z.features.includes('naval-base');
    case 'airbase':
      return z.features.includes('airbase');
    case 'port':
      return z.features.includes('port');
    case 'hq':
      return z.features.includes('hq-jjoc') || z.features.includes('hq-usfj');
    case 'ground':
    case 'launchers':
      return z.kind === 'land' || z.kind === 'rear';
  }
};

/** Whether a faction may use force this round, by its legal and political status (section 6). */
export function combatPermission(state: MatchState, scenario: Scenario, f: Faction): Result<void, RuleError> {
  const rung = plannedRung(state, f);
  if (rung < 4)
    return fail(
      'ERR_BELOW_STRIKES',
      `strikes need the escalation ladder at rung 4 (strikes); it is at ${rung}`,
    );
  if (f === 'japan') {
    if (scenario.constraints.japanIntervention === 'never')
      return fail('ERR_SCENARIO_FORBIDS', 'in this scenario Japan stays out of the fighting');
    if (legalRank(state.japan.legalStatus) < legalRank('survival-threatening')) {
      return fail(
        'ERR_LEGAL_STATUS',
        `the JSDF may use force only in a survival-threatening or armed-attack situation; Japan's status is "${state.japan.legalStatus}"`,
      );
    }
  }
  if (f === 'us') {
    if (scenario.constraints.usIntervention === 'never')
      return fail('ERR_SCENARIO_FORBIDS', 'in this scenario US forces stay out of the fighting');
    if (!state.us.intervening && !state.pending.us.orders.some((o) => o.type === 'intervene')) {
      return fail(
        'ERR_NOT_INTERVENING',
        'US forces fight only after the US decides to intervene (order "intervene")',
      );
    }
  }
  return OK;
}

/** Validates one strike part (also used for each part of a combined strike). */
export function validateStrike(
  state: MatchState,
  scenario: Scenario,
  f: Faction,
  s: { unit: string; target: string; aim: TargetAim; weapon: string; count: number },
): Result<void, RuleError> {
  const u = own(state.units, s.unit);
  if (!u || u.strength <= 0.1) return fail('ERR_NO_UNIT', `no unit "${s.unit}" in play`);
  if (u.faction !== f) return fail('ERR_NOT_YOURS', `unit "${s.unit}" belongs to ${u.faction}`);
  const perm = combatPermission(state, scenario, f);
  if (!perm.ok) return perm;
  if (!usCombatAllowedFrom(state, u))
    return fail(
      'ERR_NO_CONSENT',
      `US combat operations from ${zoneDef(u.zone).name} need Japan's prior consultation consent in force`,
    );
  if (!scenario.zones.includes(s.target)) return fail('ERR_NO_ZONE', `zone "${s.target}" is not on this map`);
  if (!TARGET_AIMS.includes(s.aim))
    return fail('ERR_BAD_AIM', `aim must be one of ${TARGET_AIMS.join(', ')}`);
  const m = munition(s.weapon);
  if (!m || !unitType(u).weapons.some((w) => w.munition === s.weapon))
    return fail('ERR_NO_WEAPON', `${unitType(u).name} does not carry "${s.weapon}"`);
  if ((s.aim === 'ships') !== (m.role !== 'land-attack') && m.role !== 'dual')
    return fail('ERR_WRONG_WEAPON', `${m.name} is a ${m.role} weapon and cannot be aimed at ${s.aim}`);
  if (!aimFits(s.aim, s.target))
    return fail('ERR_BAD_AIM', `${zoneDef(s.target).name} has no ${s.aim} to strike`);
  const d = u.zone === s.target ? 0 : distanceKm(u.zone, s.target);
  if (d > m.rangeKm)
    return fail(
      'ERR_OUT_OF_RANGE',
      `${zoneDef(s.target).name} is ${Math.round(d)} km from ${zoneDef(u.zone).name}, beyond ${m.name}'s ${m.rangeKm} km`,
    );
  if (!Number.isInteger(s.count) || s.count < 1)
    return fail('ERR_BAD_COUNT', 'count must be a whole number of missiles, at least 1');
  const shots = shotsLeft(state, u, s.weapon);
  if (s.count > shots)
    return fail('ERR_LAUNCHERS', `${u.id} can fire ${Math.max(0, shots)} more ${m.name} this round`);
  const stock = stockLeft(state, f, s.weapon);
  if (s.count > stock)
    return fail('ERR_STOCKPILE', `only ${Math.max(0, stock)} ${m.name} left in ${f}'s stockpile`);
  const targetHasEnemy = liveUnits(state, (x) => x.zone === s.target && enemies(x.faction, f)).length > 0;
  const z = zoneDef(s.target);
  const enemyTerritory =
    f === 'china'
      ? z.country === 'japan' || z.country === 'taiwan' || z.country === 'us' || z.country === 'philippines'
      : z.country === 'china';
  if (!targetHasEnemy && !enemyTerritory)
    return fail('ERR_NO_TARGET', `no enemy forces or territory at ${z.name}`);
  if (f === 'china' && z.country === 'philippines' && !targetHasEnemy)
    return fail('ERR_NO_TARGET', 'no enemy forces in the Philippines to strike');
  return OK;
}

/** `validateOrder(state, faction, order)`: Ok or a typed error with a sentence. */
export function validateOrder(
  state: MatchState,
  scenario: Scenario,
  f: Faction,
  o: Order,
): Result<void, RuleError> {
  if (state.stage !== 'planning') return fail('ERR_MATCH_ENDED', 'the match has ended');
  if (state.pending[f].committed)
    return fail('ERR_COMMITTED', `${f} has already committed its orders for round ${state.round}`);
  const once = (type: Order['type']): boolean => state.pending[f].orders.some((p) => p.type === type);
  switch (o.type) {
    case 'fund': {
      const p = programById.get(o.program);
      if (!p) return fail('ERR_NO_PROGRAM', `no program "${o.program}"`);
      if (p.faction !== f) return fail('ERR_NOT_YOURS', `${p.name} is a ${p.faction} program`);
      if (state.completedPrograms.includes(p.id))
        return fail('ERR_PROGRAM_DONE', `${p.name} is already complete`);
      if (!Number.isInteger(o.amount) || o.amount < 1)
        return fail('ERR_BAD_AMOUNT', 'fund a whole number of budget points, at least 1');
      if (o.amount > budgetLeft(state, f))
        return fail('ERR_BUDGET', `only ${budgetLeft(state, f)} budget points left this round`);
      return OK;
    }
    case 'spending': {
      if (f !== 'japan' && f !== 'taiwan')
        return fail('ERR_NOT_YOURS', 'only Japan and Taiwan set a defense-spending target here');
      if (once('spending')) return fail('ERR_DUPLICATE', 'one spending order per round');
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
    case 'invest-command': {
      if (f !== 'japan' && f !== 'us')
        return fail('ERR_NOT_YOURS', 'only Japan and the US invest in the command architecture');
      if (once('invest-command')) return fail('ERR_DUPLICATE', 'one command investment per round');
      if (!Number.isFinite(upgradeRoundsNeeded(state.alliance.commandLevel)))
        return fail('ERR_MAX_LEVEL', 'the command architecture is at its highest level');
      if (budgetLeft(state, f) < 1)
        return fail('ERR_BUDGET', 'investing in the command architecture costs 1 budget point');
      return OK;
    }
    case 'two-plus-two': {
      if (f !== 'japan' && f !== 'us') return fail('ERR_NOT_YOURS', 'the 2+2 is a Japan–US meeting');
      if (once('two-plus-two')) return fail('ERR_DUPLICATE', 'one 2+2 per round');
      if (f === 'japan' && state.japan.politicalCapital < 5)
        return fail('ERR_POLITICAL_CAPITAL', 'a 2+2 needs 5 political capital');
      return OK;
    }
    case 'move': {
      const u = own(state.units, o.unit);
      if (!u || u.strength <= 0.1) return fail('ERR_NO_UNIT', `no unit "${o.unit}" in play`);
      if (u.faction !== f) return fail('ERR_NOT_YOURS', `unit "${o.unit}" belongs to ${u.faction}`);
      if (state.pending[f].orders.some((p) => p.type === 'move' && p.unit === o.unit))
        return fail('ERR_DUPLICATE', `${o.unit} already has a move this round`);
      if (
        state.pending[f].orders.some(
          (p) => p.type === 'land' && (p.lift === o.unit || p.brigades.includes(o.unit)),
        )
      )
        return fail('ERR_DUPLICATE', `${o.unit} is part of a landing this round`);
      if (state.round < u.readyRound)
        return fail('ERR_NOT_READY', `${o.unit} arrives in theater from round ${u.readyRound}`);
      if (!scenario.zones.includes(o.to)) return fail('ERR_NO_ZONE', `zone "${o.to}" is not on this map`);
      if (!moveTargets(state, scenario, u).includes(o.to))
        return fail('ERR_UNREACHABLE', `${o.unit} cannot reach ${zoneDef(o.to).name} this round`);
      return OK;
    }
    case 'strike':
      return validateStrike(state, scenario, f, o);
    case 'gray-zone': {
      if (!GRAY_ZONE_ACTIONS.includes(o.action))
        return fail('ERR_BAD_ACTION', `gray-zone action must be one of ${GRAY_ZONE_ACTIONS.join(', ')}`);
      if (!scenario.zones.includes(o.zone)) return fail('ERR_NO_ZONE', `zone "${o.zone}" is not on this map`);
      if (
        state.pending[f].orders.some(
          (p) => p.type === 'gray-zone' && p.action === o.action && p.zone === o.zone,
        )
      )
        return fail('ERR_DUPLICATE', 'that gray-zone action is already ordered');
      const redOnly = ['patrol', 'air-incursion', 'cyber', 'economic-coercion', 'stand-down'];
      const blueOnly = ['surge', 'protest'];
      if (f === 'china' && blueOnly.includes(o.action))
        return fail('ERR_NOT_YOURS', `"${o.action}" is a Blue response`);
      if (f !== 'china' && redOnly.includes(o.action))
        return fail('ERR_NOT_YOURS', `"${o.action}" is a Chinese gray-zone action`);
      if (o.action === 'economic-coercion' && state.china.coercionLevers < 1)
        return fail('ERR_NO_LEVERS', 'China has no economic coercion levers left');
      if (o.action === 'patrol' || o.action === 'surge') {
        const present = liveUnits(
          state,
          (x) =>
            x.faction === f &&
            unitType(x).presence > 0 &&
            (x.zone === o.zone || zoneDef(x.zone).adjacent.includes(o.zone)),
        );
        if (present.length === 0)
          return fail(
            'ERR_NO_UNIT',
            `no ${f === 'china' ? 'coast guard or militia' : 'coast guard'} in or next to ${zoneDef(o.zone).name}`,
          );
      }
      return OK;
    }
    case 'escalate': {
      if (f !== 'china') return fail('ERR_NOT_YOURS', 'only China raises the escalation ladder by choice');
      if (once('escalate')) return fail('ERR_DUPLICATE', 'one escalation order per round');
      if (!Number.isInteger(o.to) || o.to < 0 || o.to > 5) return fail('ERR_BAD_RUNG', 'rung must be 0–5');
      if (o.to === state.escalation) return fail('ERR_BAD_RUNG', `the ladder is already at ${o.to}`);
      if (o.to > state.escalation + 2)
        return fail('ERR_TOO_FAST', 'the ladder can be climbed at most two rungs a round');
      return OK;
    }
    case 'declare': {
      if (f !== 'japan') return fail('ERR_NOT_YOURS', "only Japan's government declares a legal situation");
      if (once('declare')) return fail('ERR_DUPLICATE', 'one declaration per round');
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
    case 'intervene': {
      if (f !== 'us') return fail('ERR_NOT_YOURS', 'only the US decides to intervene');
      if (scenario.constraints.usIntervention === 'never')
        return fail('ERR_SCENARIO_FORBIDS', 'in this scenario the US does not intervene');
      if (state.us.intervening || once('intervene'))
        return fail('ERR_ALREADY', 'US forces are already committed');
      if (state.escalation < 2)
        return fail('ERR_NO_CRISIS', 'intervention needs at least a quarantine (rung 2)');
      return OK;
    }
    case 'revoke-consent': {
      if (f !== 'japan') return fail('ERR_NOT_YOURS', 'only Japan grants or revokes consent');
      if (!state.alliance.consentGranted) return fail('ERR_ALREADY', 'no consent is in force');
      return once('revoke-consent') ? fail('ERR_DUPLICATE', 'already revoked') : OK;
    }
    case 'mobilize': {
      if (f !== 'taiwan') return fail('ERR_NOT_YOURS', 'reserve mobilization is a Taiwanese order');
      if (once('mobilize')) return fail('ERR_DUPLICATE', 'one mobilization per round');
      if (state.taiwan.reserveMobilization >= 100) return fail('ERR_ALREADY', 'reserves are fully mobilized');
      if (budgetLeft(state, f) < 1) return fail('ERR_BUDGET', 'mobilization costs 1 budget point');
      return OK;
    }
    case 'land':
      return validateLanding(state, scenario, f, o);
    default:
      return fail('ERR_BAD_ORDER', `unknown order type "${String((o as { type?: unknown }).type)}"`);
  }
}

/** The checks of a landing that do not turn on its brigades: who, where, at which rung, which lift, within reach. */
function landingBase(
  state: MatchState,
  scenario: Scenario,
  f: Faction,
  o: { readonly lift: string; readonly target: string },
): Result<void, RuleError> {
  if (f !== 'china') return fail('ERR_NOT_YOURS', 'only China conducts amphibious assaults here');
  const target = zoneById.get(o.target);
  if (!target || !scenario.zones.includes(o.target))
    return fail('ERR_NO_ZONE', `zone "${o.target}" is not on this map`);
  const rung = plannedRung(state, f);
  const need = target.country === 'japan' ? 4 : 5;
  if (o.target === 'senkaku' ? rung < 2 : rung < need)
    return fail(
      'ERR_BELOW_INVASION',
      o.target === 'senkaku'
        ? 'a Senkaku landing needs at least a quarantine-level crisis (rung 2)'
        : `an amphibious assault on ${target.name} needs rung ${need}`,
    );
  if (target.kind !== 'land' || target.country === 'china')
    return fail('ERR_BAD_TARGET', `${target.name} is not a landing objective`);
  const lift = own(state.units, o.lift);
  if (lift?.faction !== 'china' || unitType(lift).liftPerStep <= 0 || lift.strength <= 0.1)
    return fail('ERR_NO_LIFT', `"${o.lift}" is not a Chinese amphibious lift group in play`);
  if (state.pending.china.orders.some((p) => p.type === 'land' && p.lift === o.lift))
    return fail('ERR_DUPLICATE', `${o.lift} already carries a landing this round`);
  if (state.pending.china.orders.some((p) => p.type === 'move' && p.unit === o.lift))
    return fail('ERR_DUPLICATE', `${o.lift} already has a move this round`);
  const route = reachable(lift.zone, 2, 'sea', new Set(scenario.zones));
  if (!route.has(o.target) && !zoneDef(lift.zone).adjacent.includes(o.target))
    return fail(
      'ERR_UNREACHABLE',
      `${target.name} is more than two sea zones from ${zoneDef(lift.zone).name}`,
    );
  return OK;
}

/**
 * `landingReachable(state, scenario, lift, target)`: whether China's lift group can carry a
 * landing to `target` this round, by every check of a landing order but its brigades' (the
 * bots plan with it).
 */
export function landingReachable(
  state: MatchState,
  scenario: Scenario,
  lift: string,
  target: string,
): boolean {
  return (
    state.stage === 'planning' &&
    !state.pending.china.committed &&
    landingBase(state, scenario, 'china', { lift, target }).ok
  );
}

function validateLanding(
  state: MatchState,
  scenario: Scenario,
  f: Faction,
  o: Extract<Order, { type: 'land' }>,
): Result<void, RuleError> {
  const base = landingBase(state, scenario, f, o);
  if (!base.ok) return base;
  const lift = own(state.units, o.lift)!;
  if (o.brigades.length === 0) return fail('ERR_NO_UNIT', 'a landing needs at least one brigade');
  let carried = 0;
  for (const id of o.brigades) {
    const b = own(state.units, id);
    if (b?.faction !== 'china' || unitType(b).category !== 'ground' || b.strength <= 0.1)
      return fail('ERR_NO_UNIT', `"${id}" is not a Chinese ground unit in play`);
    if (b.zone !== lift.zone)
      return fail('ERR_NOT_EMBARKED', `${id} is at ${zoneDef(b.zone).name}, not with ${o.lift}`);
    if (
      state.pending.china.orders.some(
        (p) => (p.type === 'land' && p.brigades.includes(id)) || (p.type === 'move' && p.unit === id),
      )
    )
      return fail('ERR_DUPLICATE', `${id} already has orders this round`);
    carried += b.strength;
  }
  const capacity = unitType(lift).liftPerStep * lift.strength;
  if (carried > capacity + 1e-9)
    return fail(
      'ERR_LIFT_CAPACITY',
      `${o.lift} lifts ${capacity.toFixed(1)} battalions; the brigades total ${carried.toFixed(1)}`,
    );
  return OK;
}

/** Legal basis for a declaration (Japan's 2015 security legislation, section 6). */
export function legalBasis(state: MatchState, status: string): Result<void, RuleError> {
  if (status === 'important-influence' && state.escalation < 2)
    return fail(
      'ERR_NO_LEGAL_BASIS',
      'an important-influence situation needs at least a quarantine (rung 2)',
    );
  if (status === 'survival-threatening' && state.escalation < 3 && !state.flags.usAttacked)
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
    ? 10
    : status === 'survival-threatening'
      ? 20
      : status === 'armed-attack'
        ? 5
        : 5;
