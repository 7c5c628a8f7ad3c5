/**
 * Air and missile strikes (DESIGN.md section 8, "Strikes"; section 6 for who may use force):
 * the strike order's legality and candidates, shots and stockpiles, and the strike step.
 */

import { distanceKm, zoneDef } from '../data/map.ts';
import type { Scenario } from '../data/scenario.ts';
import { AIR, COMMAND, SALVO, STRIKE_EFFECTS } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import { type Knowledge, knowsPrivate } from '../engine/knowledge.ts';
import type { Order, TargetAim } from '../engine/orders.ts';
import { TARGET_AIMS } from '../engine/orders.ts';
import { roundStochastic, type Stream, stream } from '../engine/rng.ts';
import { fail, OK, type OrderRules } from '../engine/rule.ts';
import type { UnitState } from '../engine/state.ts';
import type { StepContext } from '../engine/step.ts';
import { bump, inflict, log, round3 } from '../engine/tracks.ts';
import { enemies, liveUnits, liveUnitsIn, liveUnitsOf, munition, unitType } from '../engine/units.ts';
import { FACTIONS, type Faction, legalRank, own, type Result, RUNG, type RuleError } from '../types.ts';
import { activeCombined, deconflictFailureChance, sharedIsr, usCombatAllowedFrom } from './alliance.ts';
import { plannedRung } from './politics.ts';
import { type SalvoInput, salvoDraw } from './salvo.ts';

/**
 * Why a faction may not use force at a rung, or null when it may (section 6): below rung 4 no
 * one fights; Japan needs a survival-threatening or armed-attack situation and a scenario that
 * lets it fight; the US needs to be intervening. The one rule behind planning
 * (`combatPermission`) and adjudication (`belligerent`).
 */
function forceBar(
  rung: number,
  s: Knowledge,
  constraints: Scenario['constraints'],
  f: Faction,
  usIntervening: boolean,
): RuleError | null {
  const bar = (code: string, message: string): RuleError => ({ code, message });
  if (rung < RUNG.strikes)
    return bar(
      'ERR_BELOW_STRIKES',
      `strikes need the escalation ladder at rung 4 (strikes); it is at ${rung}`,
    );
  if (f === 'japan') {
    if (constraints.japanIntervention === 'never')
      return bar('ERR_SCENARIO_FORBIDS', 'in this scenario Japan stays out of the fighting');
    if (legalRank(s.japan.legalStatus) < legalRank('survival-threatening'))
      return bar(
        'ERR_LEGAL_STATUS',
        `the JSDF may use force only in a survival-threatening or armed-attack situation; Japan's status is "${s.japan.legalStatus}"`,
      );
  }
  if (f === 'us') {
    if (constraints.usIntervention === 'never')
      return bar('ERR_SCENARIO_FORBIDS', 'in this scenario US forces stay out of the fighting');
    if (!usIntervening)
      return bar(
        'ERR_NOT_INTERVENING',
        'US forces fight only after the US decides to intervene (order "intervene")',
      );
  }
  return null;
}

/** Whether a faction may use force this round, by its legal and political status (section 6), as it plans. */
export function combatPermission(state: Knowledge, scenario: Scenario, f: Faction): Result<void, RuleError> {
  const intervening = state.us.intervening || state.pending.us.orders.some((o) => o.type === 'intervene');
  const bar = forceBar(plannedRung(state, f), state, scenario.constraints, f, intervening);
  return bar ? fail(bar.code, bar.message) : OK;
}

/** Whether a faction's forces are engaged in combat this round, as adjudication runs (the same rule as `combatPermission`). */
export const belligerent = (s: Knowledge, constraints: Scenario['constraints'], f: Faction): boolean =>
  forceBar(s.escalation, s, constraints, f, s.us.intervening) === null;

/** Shots a unit may still fire with a weapon this round, after its pending strikes and proposed combined parts. */
export function shotsLeft(state: Knowledge, u: UnitState, weapon: string): number {
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

export function stockLeft(state: Knowledge, f: Faction, weapon: string): number {
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

/** Validates one strike part (also used for each part of a combined strike). */
export function validateStrike(
  state: Knowledge,
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
  // A seat's view does not hold a partner's stockpile (a Japanese proposal's US parts): the server settles it.
  const stock = knowsPrivate(state, f) ? stockLeft(state, f, s.weapon) : Number.POSITIVE_INFINITY;
  if (s.count > stock)
    return fail('ERR_STOCKPILE', `only ${Math.max(0, stock)} ${m.name} left in ${f}'s stockpile`);
  const targetHasEnemy = liveUnitsIn(state, s.target, (x) => enemies(x.faction, f)).length > 0;
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

/** The strike orders of the strike area: every weapon at every zone in range, at the most it may fire. */
export const STRIKE_ORDERS: OrderRules<'strike'> = {
  strike: {
    check: (state, scenario, f, o) => validateStrike(state, scenario, f, o),
    *candidates(state, scenario, f) {
      if (!combatPermission(state, scenario, f).ok) return;
      for (const u of liveUnitsOf(state, f)) {
        for (const w of unitType(u).weapons) {
          const m = munition(w.munition);
          if (!m) continue;
          const count = Math.min(shotsLeft(state, u, w.munition), stockLeft(state, f, w.munition));
          if (count < 1) continue;
          for (const target of scenario.zones) {
            if (target !== u.zone && distanceKm(u.zone, target) > m.rangeKm) continue;
            for (const aim of TARGET_AIMS)
              yield { type: 'strike', unit: u.id, target, aim, weapon: w.munition, count };
          }
        }
      }
    },
  },
};

export interface StrikeJob {
  readonly by: Faction;
  readonly parts: readonly { readonly unit: string; readonly weapon: string; readonly count: number }[];
  readonly target: string;
  readonly aim: TargetAim;
  readonly combined: boolean;
  readonly key: string;
  /** Factions whose units in the target zone the salvo leaves alone (`bystanders`). */
  readonly spare?: readonly Faction[];
}

/**
 * The Blue powers a Chinese salvo leaves alone (section 6: a neutral power is left alone): those
 * not at war by their own legal and political status (`belligerent`) and not attacked yet. Their
 * ships in a zone China strikes are told apart from the ships it aims at, so a Japan that refused
 * its bases does not lose the destroyers sailing beside a US carrier, and the US, before it
 * intervenes, is not drawn in by a salvo aimed at Taiwan's ships. Their own territory is no
 * refuge: a strike on a zone of Japan attacks Japan.
 */
export function bystanders(d: Knowledge, constraints: Scenario['constraints']): Faction[] {
  return (['japan', 'us'] as const).filter(
    (f) => !belligerent(d, constraints, f) && !(f === 'japan' ? d.flags.japanAttacked : d.flags.usAttacked),
  );
}

/** Interceptors defending a zone: SAMs and ships there, plus partner ships under IAMD cover. */
function defenders(d: DraftState, zone: string, attacker: Faction): UnitState[] {
  const covered = activeCombined(d, 'iamd-cover').some((c) => c.proposal.zone === zone);
  if (!covered) return liveUnitsIn(d, zone, (u) => enemies(u.faction, attacker) && u.interceptors > 0);
  return liveUnits(d, (u) => {
    if (!enemies(u.faction, attacker) || u.interceptors <= 0) return false;
    if (u.zone === zone) return true;
    return (
      covered &&
      (u.faction === 'japan' || u.faction === 'us') &&
      zoneDef(zone).adjacent.includes(u.zone) &&
      unitType(u).category === 'surface'
    );
  });
}

function spendInterceptors(d: DraftState, defs: UnitState[], used: number): void {
  let left = used;
  for (const u of defs) {
    const du = d.units[u.id]!;
    const take = Math.min(du.interceptors, left);
    du.interceptors = round3(du.interceptors - take);
    left -= take;
    if (left <= 0) break;
  }
}

/** The salvo model's inputs for a job against these defenders with these interceptors. */
function salvoInput(
  d: DraftState,
  job: StrikeJob,
  defs: readonly UnitState[],
  shots: number,
  interceptors: number,
  ballistic: boolean,
): SalvoInput {
  const surfacePresent = defs.some((u) => ['surface', 'carrier'].includes(unitType(u).category));
  const terminalDefense =
    job.aim === 'ships' && surfacePresent ? SALVO.terminalDefenseShip.value : SALVO.terminalDefenseLand.value;
  const blueAttack = job.by !== 'china';
  const accuracyBonus = blueAttack && sharedIsr(d) ? STRIKE_EFFECTS.sharedIsrAccuracy.value : 0;
  const pkBonus = !blueAttack ? d.bonuses.interceptorPk : 0;
  return { shots, interceptors, terminalDefense, ballistic, pkBonus, accuracyBonus };
}

/** The units a strike's hits may fall on: the enemies in its zone, less the bystanders it spares. */
function victimsOf(d: DraftState, job: StrikeJob): UnitState[] {
  const z = zoneDef(job.target);
  return liveUnitsIn(
    d,
    job.target,
    (u) => enemies(u.faction, job.by) && !(job.spare?.includes(u.faction) && z.country !== u.faction),
  );
}

/**
 * Who a strike attacks: the US when US forces are among its targets, Japan when China strikes
 * its soil. An attack is an attack whether or not anything gets through the defences: a salvo
 * the interceptors stop entirely still flags it (and rallies the victim's politics once).
 */
function flagAttacked(d: DraftState, job: StrikeJob, victims: readonly UnitState[]): void {
  if (victims.some((u) => u.faction === 'us')) flagUsAttacked(d);
  if (job.by === 'china' && zoneDef(job.target).country === 'japan') flagJapanAttacked(d);
}

export function applyHits(d: DraftState, job: StrikeJob, hits: number, rng: Stream): void {
  const z = zoneDef(job.target);
  const victims = victimsOf(d, job);
  flagAttacked(d, job, victims);
  switch (job.aim) {
    case 'ships': {
      // Missiles find the ships in a zone in proportion to their size: escorts screen the
      // amphibious ships as much as they are screened (CSIS 2023 counted losses across the fleet).
      // What a sunk group cannot take passes to the rest.
      let left = hits;
      let ships = victims.filter((u) => unitType(u).domain === 'sea' && unitType(u).category !== 'submarine');
      for (let pass = 0; pass < 4 && left > 1e-9 && ships.length > 0; pass++) {
        const size = (u: UnitState): number => d.units[u.id]!.strength * unitType(u).hitsPerStep;
        const total = ships.reduce((a, u) => a + size(u), 0);
        if (total <= 0) break;
        const budget = left;
        for (const u of ships)
          left -=
            inflict(d, u.id, (budget * size(u)) / total / unitType(u).hitsPerStep) * unitType(u).hitsPerStep;
        ships = ships.filter((u) => d.units[u.id]!.strength > 0.1);
      }
      break;
    }
    case 'airbase': {
      // The zone's hardening is the share of its aircraft sheltered or dispersed (zones.ts).
      // Leakers fall on the open apron and on the sheltered share in proportion to the aircraft
      // in each; one on the apron destroys far more, so a saturating salvo wipes out the apron
      // and still leaves most of the sheltered share. Every wing at the base loses the same
      // share of its aircraft, whatever its place in any list.
      const aircraft = victims.filter((u) => unitType(u).domain === 'air');
      const total = aircraft.reduce((a, u) => a + u.strength, 0);
      if (total > 0) {
        const h = z.hardening;
        const apron = Math.min(
          total * (1 - h),
          roundStochastic(hits * (1 - h) * AIR.aircraftPerLeakerUnhardened.value, rng),
        );
        const sheltered = Math.min(
          total * h,
          roundStochastic(hits * h * AIR.aircraftPerLeakerSheltered.value, rng),
        );
        const share = (apron + sheltered) / total;
        for (const u of aircraft) inflict(d, u.id, u.strength * share);
      }
      const zs = d.zones[job.target];
      if (zs)
        zs.portDamage = round3(Math.min(1, zs.portDamage + hits * STRIKE_EFFECTS.airbaseDamagePerHit.value));
      break;
    }
    case 'port': {
      const zs = d.zones[job.target];
      if (zs)
        zs.portDamage = round3(Math.min(1, zs.portDamage + hits * STRIKE_EFFECTS.portDamagePerHit.value));
      break;
    }
    case 'hq':
      d.alliance.disruption = Math.min(
        10,
        d.alliance.disruption +
          Math.min(
            STRIKE_EFFECTS.hqDisruptionMax.value,
            Math.round(hits * STRIKE_EFFECTS.hqDisruptionPerHit.value),
          ),
      );
      break;
    case 'ground':
      for (const u of victims.filter((x) => unitType(x).category === 'ground'))
        inflict(d, u.id, (hits * STRIKE_EFFECTS.groundStepsPerHit.value) / Math.max(1, victims.length));
      break;
    case 'launchers':
      for (const u of victims.filter((x) =>
        ['coastal-missile', 'rocket-force', 'sam'].includes(unitType(x).category),
      ))
        inflict(d, u.id, (hits * STRIKE_EFFECTS.launcherStepsPerHit.value) / Math.max(1, victims.length));
      break;
  }
}

export function flagUsAttacked(d: DraftState): void {
  if (d.flags.usAttacked) return;
  d.flags.usAttacked = true;
  bump(d, 'us', 'commitment', STRIKE_EFFECTS.usAttackedCommitment.value);
  log(d, 'strikes', 'us-attacked', {});
}

export function flagJapanAttacked(d: DraftState): void {
  if (d.flags.japanAttacked) return;
  d.flags.japanAttacked = true;
  bump(d, 'japan', 'publicSupport', STRIKE_EFFECTS.japanAttackedSupport.value);
  log(d, 'strikes', 'japan-attacked', {});
}

/**
 * Resolves salvos fired in one step against the defences as they stand at its start, then
 * applies the losses (the second half of simultaneous fire, for strikes and naval fire alike):
 * the interceptors defending a zone are shared among the salvos aimed at it in proportion to
 * their missiles; the interceptors used are spent and the hits applied only after every salvo
 * has been resolved, pooled by zone, side and aim (each pool drawn from the stream
 * `round-N/<stream>-<pool>`). Returns each job's hits.
 */
export function volley(d: DraftState, salvos: readonly Salvo[], hitsStream: string): Map<StrikeJob, number> {
  // Resolve every salvo against the defences at the step's start, shared by the salvos aimed at them.
  const defenceKey = (job: StrikeJob): string => `${job.target}|${job.by === 'china' ? 'red' : 'blue'}`;
  const incoming = new Map<string, number>();
  for (const sv of salvos)
    incoming.set(defenceKey(sv.job), (incoming.get(defenceKey(sv.job)) ?? 0) + sv.shots);
  const defences = new Map<
    string,
    { readonly defs: UnitState[]; readonly interceptors: number; used: number }
  >();
  const hitsBy = new Map<StrikeJob, number>();
  for (const sv of salvos) {
    const key = defenceKey(sv.job);
    let def = defences.get(key);
    if (!def) {
      const defs = defenders(d, sv.job.target, sv.job.by);
      def = { defs, interceptors: defs.reduce((a, u) => a + u.interceptors, 0), used: 0 };
      defences.set(key, def);
    }
    const share = def.interceptors * (sv.shots / Math.max(1, incoming.get(key) ?? 1));
    const r = salvoDraw(salvoInput(d, sv.job, def.defs, sv.shots, share, sv.ballistic), sv.rng);
    def.used += r.interceptorsUsed;
    hitsBy.set(sv.job, (hitsBy.get(sv.job) ?? 0) + r.hits);
  }
  // Apply: interceptors spent, then the hits, pooled by zone, aim and side.
  for (const def of defences.values()) spendInterceptors(d, def.defs, def.used);
  const pools = new Map<string, { job: StrikeJob; hits: number }>();
  for (const [job, hits] of hitsBy) {
    const key = `${defenceKey(job)}|${job.aim}`;
    const pool = pools.get(key);
    if (pool) pool.hits += hits;
    else pools.set(key, { job, hits });
  }
  for (const [key, pool] of pools)
    if (pool.hits > 0)
      applyHits(d, pool.job, pool.hits, stream(d.seed, `round-${d.round}/${hitsStream}-${key}`));
    else flagAttacked(d, pool.job, victimsOf(d, pool.job));
  return hitsBy;
}

/** A salvo fired this step, resolved against the step's starting state. */
export interface Salvo {
  readonly job: StrikeJob;
  readonly shots: number;
  readonly ballistic: boolean;
  readonly rng: Stream;
}

/**
 * Air and missile strikes (section 8): national strikes, combined strikes with deconfliction,
 * finite stockpiles. Fire is simultaneous: every salvo of the step is resolved against the
 * state at the step's start — the same launchers, the same interceptors, shared among the
 * salvos aimed at a zone in proportion to their missiles — and the losses are applied after
 * all have been resolved, so the order in which factions or orders are listed changes nothing.
 */
export function strikeStep(d: DraftState, ctx: StepContext): Set<string> {
  const firedUnits = new Set<string>();
  const spare = bystanders(d, ctx.scenario.constraints);
  const jobs: StrikeJob[] = [];
  for (const f of FACTIONS) {
    ctx.orders[f].forEach((o: Order, i) => {
      if (o.type === 'strike')
        jobs.push({
          by: f,
          parts: [{ unit: o.unit, weapon: o.weapon, count: o.count }],
          target: o.target,
          aim: o.aim,
          combined: false,
          key: `${f}-${i}`,
          ...(f === 'china' ? { spare } : {}),
        });
    });
  }
  activeCombined(d, 'combined-strike').forEach((c, i) => {
    if (c.proposal.strike)
      jobs.push({
        by: c.proposal.by,
        parts: c.proposal.strike.parts,
        target: c.proposal.strike.target,
        aim: c.proposal.strike.aim as TargetAim,
        combined: true,
        key: `combined-${c.proposal.id}-${i}`,
      });
  });
  // One canonical order for everything written below, whatever order the jobs were listed in.
  jobs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // The war's opening salvo (section 8): in the first round China fires, its strikes on ships in
  // port and on airfields land before anyone answers, catching navies at their piers and
  // aircraft on the ground (hardening and dispersal still count in `applyHits`). Everything
  // else of the step, that round and after, is simultaneous.
  const opening = openingRound(d) ? jobs.filter(isOpeningJob) : [];
  if (opening.length > 0) {
    log(d, 'strikes', 'opening-strike', { salvos: opening.length });
    fireAndApply(d, opening, firedUnits);
  }
  fireAndApply(
    d,
    jobs.filter((j) => !opening.includes(j)),
    firedUnits,
  );
  return firedUnits;
}

/** Whether this is the first round in which China strikes (no Chinese strike in the log before). */
const openingRound = (d: DraftState): boolean =>
  !d.log.some((e) => e.kind === 'strike' && e.data.by === 'china');

/** A Chinese strike the opening salvo carries: on ships in a port, or on an airfield. */
const isOpeningJob = (j: StrikeJob): boolean =>
  j.by === 'china' && (j.aim === 'airbase' || (j.aim === 'ships' && zoneDef(j.target).kind === 'land'));

/** One simultaneous volley: fire, resolve against the defences as they stand, then apply the losses. */
function fireAndApply(d: DraftState, jobs: readonly StrikeJob[], firedUnits: Set<string>): void {
  // Uncoordinated national strikes by both partners on one zone duplicate each other (section 5, strike deconfliction).
  const nationalTargets = new Map<string, Set<Faction>>();
  for (const j of jobs)
    if (!j.combined && (j.by === 'japan' || j.by === 'us'))
      nationalTargets.set(j.target, (nationalTargets.get(j.target) ?? new Set()).add(j.by));
  // 1. Fire: launchers and stocks as they stand at the step's start.
  const salvos: Salvo[] = [];
  const firedBy = new Map<StrikeJob, number>();
  for (const job of jobs) {
    const rng = stream(d.seed, `round-${d.round}/strike-${job.key}`);
    let waste = 0;
    if (job.combined) {
      if (rng.chance(deconflictFailureChance(d.alliance.commandLevel))) {
        waste = COMMAND.deconflictWaste.value;
        log(d, 'strikes', 'deconfliction-failure', { zone: job.target, wastedPct: Math.round(waste * 100) }, [
          'japan',
          'us',
          'white',
        ]);
      }
    } else if (
      job.by === 'us' &&
      nationalTargets.get(job.target)?.size === 2 &&
      d.alliance.commandLevel < 2
    ) {
      // Below level 2 there is no agreed strike-coordination process: national salvos on one zone duplicate targets.
      waste = d.alliance.commandLevel === 0 ? COMMAND.duplicateWaste0.value : COMMAND.duplicateWaste1.value;
      log(d, 'strikes', 'duplicate-targeting', { zone: job.target, wastedPct: Math.round(waste * 100) }, [
        'japan',
        'us',
        'white',
      ]);
    }
    let fired = 0;
    for (const part of job.parts) {
      const u = d.units[part.unit];
      const m = munition(part.weapon);
      if (!u || u.strength <= 0 || !m) continue;
      const owner = u.faction as Faction;
      if (!usCombatAllowedFrom(d, u)) {
        log(d, 'strikes', 'strike-without-consent', { unit: u.id, faction: owner }, [owner, 'white']);
        continue;
      }
      const rangeOk = u.zone === job.target || distanceKm(u.zone, job.target) <= m.rangeKm;
      const stock = d.stockpiles[owner][part.weapon] ?? 0;
      const cap = Math.floor(
        (unitType(u).weapons.find((w) => w.munition === part.weapon)?.perStep ?? 0) * u.strength,
      );
      const count = rangeOk ? Math.min(part.count, stock, cap) : 0;
      if (count <= 0) continue;
      d.stockpiles[owner][part.weapon] = stock - count;
      fired += count;
      firedUnits.add(u.id);
      salvos.push({ job, shots: Math.round(count * (1 - waste)), ballistic: m.ballistic, rng });
    }
    firedBy.set(job, fired);
  }
  const hitsBy = volley(d, salvos, 'strike-hits');
  for (const job of jobs) {
    const fired = firedBy.get(job) ?? 0;
    if (fired > 0)
      log(d, 'strikes', 'strike', {
        by: job.by,
        combined: job.combined,
        zone: job.target,
        aim: job.aim,
        fired,
        hits: hitsBy.get(job) ?? 0,
      });
  }
}
