/**
 * The deterrence check (DESIGN.md section 6). For each rung above the current one,
 * Red's estimate is computed by the game's own combat model run at expected values
 * (no draws) over a short horizon against the forces Red can see: probability of
 * success, expected losses, expected cost including the chance of US and Japanese
 * intervention. Temptation = value × success − cost. Deterrence by denial is measured
 * as the margin between Red's resolve and its best option's temptation.
 */

import { geographyOf } from '../data/geography.ts';
import { distanceKm, zoneDef } from '../data/map.ts';
import type { Scenario } from '../data/scenario.ts';
import {
  BLOCKADE,
  COMMAND,
  ESTIMATE,
  GROUND,
  NAVAL,
  RED_CALCULUS,
  RED_WEIGHTS,
  SALVO,
} from '../data/tables.ts';
import { combinedLatency, deconflictFailureChance } from '../rules/alliance.ts';
import { salvoExpected } from '../rules/salvo.ts';
import { type Faction, legalRank, ROUND_DAYS, RUNG, type Rung } from '../types.ts';
import { visibleUnits } from './fog.ts';
import type { Knowledge } from './knowledge.ts';
import type { DeterrenceEstimate, DeterrenceOption, UnitState } from './state.ts';
import { clamp } from './tracks.ts';
import { munition, unitType } from './units.ts';

/** Rounds looked ahead by the estimate. */
export const HORIZON = RED_CALCULUS.horizonRounds.value;
/** Economic and reputational cost of each rung (sanctions, lost trade), before standing. */
const ECONOMIC_COST = RED_CALCULUS.economicCost.value;
/** Cost of fighting the US and Japan, by rung, weighted by the chance they intervene. */
const INTERVENTION_COST = RED_CALCULUS.interventionCost.value;
/** Expected share of a US salvo lost to duplicate targeting with Japan, by command level (section 5). */
/** Share of combined fires lost to failed deconfliction at a command level (its chance × what it wastes). */
const deconflictLoss = (level: number): number =>
  deconflictFailureChance(level) * COMMAND.deconflictWaste.value;

const duplicateWaste = (level: number): number =>
  level === 0 ? COMMAND.duplicateWaste0.value : level === 1 ? COMMAND.duplicateWaste1.value : 0;
/** Added cost of war with Japan too (its bases, forces and economy), weighted by the chance it fights. */
const JAPAN_INTERVENTION_COST = RED_WEIGHTS.japanInterventionCost.value;
/** Cost per Red step expected lost. */
const LOSS_COST = RED_WEIGHTS.lossCost.value;
const W = RED_WEIGHTS;

/** Chance the US fights for Taiwan at a rung, as Red judges it. */
export function usInterventionChance(s: Knowledge, scenario: Scenario, rung: number): number {
  if (scenario.constraints.usIntervention === 'never') return 0;
  if (s.us.intervening) return 1;
  const base = (s.us.commitment / 100) * (W.usCommitmentFloor.value + s.us.credibility / 200);
  const byRung = RED_CALCULUS.usInterventionByRung.value[rung] ?? 1;
  return clamp(base * byRung + (s.flags.usAttacked ? W.usAttackedBoost.value : 0), 0, 1);
}

/** Chance Japan fights alongside the US (and lets it fight from Japan), as Red judges it. */
export function japanInterventionChance(s: Knowledge, scenario: Scenario, rung: number): number {
  if (scenario.constraints.japanIntervention === 'never') return 0;
  const legal = legalRank(s.japan.legalStatus);
  if (legal >= legalRank('survival-threatening')) return W.japanAtWar.value;
  const swing = W.japanCoalitionSwing.value;
  const stance =
    W.japanStanceBase.value +
    legal * W.japanStancePerLegal.value +
    (s.alliance.cohesion - 50) / 200 +
    (s.japan.coalitionSeats >= 233 ? swing : -swing);
  const byRung = RED_CALCULUS.japanInterventionByRung.value[rung] ?? 1;
  return clamp(stance * byRung + (s.flags.japanAttacked ? W.japanAttackedBoost.value : 0), 0, 1);
}

interface Coalition {
  readonly us: boolean;
  readonly japan: boolean;
}

/**
 * Share of Taiwan's naval and coastal-missile steps Red's opening salvo is expected to put out of
 * action: a share of Red's ballistic missiles against each zone's interceptors, terminal defence
 * and hardening (the same salvo model as adjudication, at expected values).
 */
function openingSuppression(s: Knowledge, units: readonly UnitState[]): number {
  const targets = units.filter(
    (u) => u.faction === 'taiwan' && ['surface', 'coastal-missile'].includes(unitType(u).category),
  );
  const total = targets.reduce((a, u) => a + u.strength, 0);
  if (total <= 0) return 0;
  const missiles = (s.stockpiles.china.srbm ?? 0) * ESTIMATE.openingStrikeShare.value;
  const perZone = new Map<string, number>();
  for (const u of targets) perZone.set(u.zone, (perZone.get(u.zone) ?? 0) + u.strength);
  let destroyed = 0;
  for (const [zone, strength] of perZone) {
    const interceptors = units
      .filter((u) => u.faction !== 'china' && u.zone === zone)
      .reduce((a, u) => a + u.interceptors, 0);
    const r = salvoExpected({
      shots: missiles * (strength / total),
      interceptors,
      terminalDefense: SALVO.terminalDefenseLand.value,
      ballistic: true,
      pkBonus: s.bonuses.interceptorPk,
    });
    destroyed += Math.min(strength, r.hits * (1 - zoneDef(zone).hardening) * ESTIMATE.stepsPerLeaker.value);
  }
  return clamp(destroyed / total, 0, 1);
}

/** Expected anti-ship hits Blue can put on ships crossing the strait per conflict round. */
function blueAntiShipHits(s: Knowledge, units: readonly UnitState[], c: Coalition, consent: boolean): number {
  // Taiwan's ships and launchers fire what survives the PLA's opening strikes (CSIS 2023: Taiwan's
  // navy and many launchers were lost in the first hours), so hardening, dispersal and air
  // defence are denial as much as the launchers themselves.
  const suppressed = openingSuppression(s, units);
  // Red keeps striking them each round: the mean share left over the horizon.
  let taiwanLeft = 0;
  for (let r = 1; r <= HORIZON; r++) taiwanLeft += (1 - suppressed) ** r / HORIZON;
  const geo = geographyOf(Object.keys(s.zones));
  const crossing = geo.strait;
  const redDefense = units
    .filter(
      (u) =>
        u.faction === 'china' &&
        ['surface'].includes(unitType(u).category) &&
        (geo.embarkation.includes(u.zone) || crossing.includes(u.zone)),
    )
    .reduce((a, u) => a + u.interceptors, 0);
  let shots = 0;
  let subHits = 0;
  const demand = new Map<string, number>();
  const level = s.alliance.commandLevel;
  for (const u of units) {
    if (u.faction === 'china') continue;
    if (u.faction === 'us' && !c.us) continue;
    if (u.faction === 'japan' && !c.japan) continue;
    // US forces in Japan fight from there with Japan's consent: in force already, or given when
    // Japan joins the war — a round late at command level 0 (section 5: latency).
    const fromJapan = u.faction === 'us' && zoneDef(u.zone).country === 'japan';
    if (fromJapan && !consent && !c.japan) continue;
    const late = fromJapan && !consent ? (HORIZON - combinedLatency(level)) / HORIZON : 1;
    if (zoneDef(u.zone).kind === 'pool') continue;
    const t = unitType(u);
    if (t.category === 'submarine') {
      if (crossing[0] !== undefined && distanceKm(u.zone, crossing[0]) < 1500)
        subHits += u.strength * NAVAL.submarineHitsPerStep.value;
      continue;
    }
    for (const w of t.weapons) {
      const m = munition(w.munition);
      if (!m || m.role === 'land-attack') continue;
      // Aircraft fly toward the target before they launch: their combat radius adds to the weapon's range.
      const reach = m.rangeKm + (t.domain === 'air' ? ESTIMATE.aircraftRadiusKm.value : 0);
      const inRange = crossing.some((z) => distanceKm(u.zone, z) <= reach);
      if (!inRange) continue;
      const perRound = w.perStep * u.strength * (u.faction === 'taiwan' ? taiwanLeft : late);
      const key = `${u.faction}|${w.munition}`;
      demand.set(key, (demand.get(key) ?? 0) + perRound);
    }
  }
  // Each faction's launchers share its stockpile of a munition: a third of it a round at most.
  const fired: Partial<Record<Faction, number>> = {};
  for (const [key, want] of demand) {
    const [f, munitionId] = key.split('|') as [Faction, string];
    const stock = s.stockpiles[f][munitionId];
    fired[f] = (fired[f] ?? 0) + (stock === undefined ? want : Math.min(want, stock / HORIZON));
  }
  // Japan and the US firing at the same ships lose some of it to failed deconfliction and
  // duplicate targeting, less as the command architecture matures (section 5). Only the fires
  // they both put on the crossing can overlap, so the loss is a share of the smaller of the two:
  // a Japan at war with nothing in range costs the US nothing, and Japan's fires never lower
  // the coalition's (as in adjudication, where waste falls only on salvos that meet).
  const overlap = c.us && c.japan ? Math.min(fired.us ?? 0, fired.japan ?? 0) : 0;
  const coordinationLoss =
    1 - (1 - W.duplicateExpected.value * duplicateWaste(level)) * (1 - deconflictLoss(level));
  shots = (fired.taiwan ?? 0) + (fired.us ?? 0) + (fired.japan ?? 0) - coordinationLoss * overlap;
  const salvo = salvoExpected({
    shots,
    interceptors: redDefense / HORIZON,
    terminalDefense: SALVO.terminalDefenseShip.value * W.escortTerminalDefence.value,
    ballistic: false,
  });
  return salvo.hits + subHits;
}

/** Probability an invasion succeeds against a coalition, and Red's expected steps lost. */
function invasionEstimate(
  s: Knowledge,
  units: readonly UnitState[],
  c: Coalition,
  consent: boolean,
): { p: number; losses: number } {
  const lifts = units.filter((u) => u.faction === 'china' && unitType(u).liftPerStep > 0);
  // Red plans with the lift it would mobilize before an invasion, not only what is deployed now.
  const liftSteps = Math.max(
    lifts.reduce((a, u) => a + u.strength, 0),
    s.escalation < RUNG.invasion ? ESTIMATE.invasionLiftSteps.value : 0,
  );
  if (liftSteps <= 0) return { p: 0, losses: 0 };
  const hitsPerStep = lifts[0] ? unitType(lifts[0]).hitsPerStep : 2;
  // Blue's missiles divide between the lift and the surface ships that escort it across.
  const escorts = units
    .filter((u) => u.faction === 'china' && unitType(u).category === 'surface')
    .reduce((a, u) => a + u.strength * unitType(u).hitsPerStep, 0);
  const liftShare = (liftSteps * hitsPerStep) / (liftSteps * hitsPerStep + escorts);
  const hits = blueAntiShipHits(s, units, c, consent) * liftShare;
  let lift = liftSteps;
  let landed = 0;
  const troops = Math.max(
    units
      .filter(
        (u) =>
          u.faction === 'china' && unitType(u).category === 'ground' && zoneDef(u.zone).country === 'china',
      )
      .reduce((a, u) => a + u.strength, 0),
    s.escalation < RUNG.invasion ? ESTIMATE.invasionTroopSteps.value : 0,
  );
  let ashore = 0;
  for (let r = 0; r < HORIZON; r++) {
    lift = Math.max(0, lift - hits / hitsPerStep);
    const wave = Math.min(lift * W.liftBattalionsPerStep.value, Math.max(0, troops - ashore));
    landed += wave;
    ashore += wave;
  }
  const power = (zone: string | null): number =>
    units
      .filter(
        (u) =>
          u.faction !== 'china' &&
          unitType(u).groundPower > 0 &&
          zoneDef(u.zone).country === 'taiwan' &&
          (zone === null || u.zone === zone),
      )
      .reduce((a, u) => a + u.strength * unitType(u).groundPower, 0) *
    (1 + s.taiwan.reserveMobilization / 200);
  // Red lands where the defense is thinnest; a fifth of the rest of the island reinforces that sector.
  const total = power(null);
  const local = Math.min(
    ...geographyOf(Object.keys(s.zones)).landingSectors.map(
      (z) => power(z) + W.reinforceShare.value * (total - power(z)),
    ),
  );
  const ratio = landed / Math.max(1, local * GROUND.defenderMultiplier.value);
  const p = clamp(ratio ** 2 / (ratio ** 2 + GROUND.breakoutRatio.value), 0, 1);
  return { p, losses: (liftSteps - lift) * 2 + (landed - ashore) };
}

/**
 * Probability a blockade or quarantine breaks Taiwan's will within the horizon. The share of
 * energy cut depends on Blue's denial: escorts contest the lanes against Red's enforcing
 * force (Japan's and the US's together only as well as the command architecture deconflicts
 * them), and Blue's anti-ship fires take enforcing ships off station — Taiwan's own against a
 * blockade in every world (a blockade is an act of war), the US's and Japan's where they fight.
 */
function blockadeEstimate(
  s: Knowledge,
  units: readonly UnitState[],
  rung: number,
  c: Coalition,
  blueHits: number,
): number {
  const base =
    rung >= RUNG.blockade ? BLOCKADE.interdictionBlockade.value : BLOCKADE.interdictionQuarantine.value;
  const lanes = geographyOf(Object.keys(s.zones)).blockadeLanes;
  const navy: Partial<Record<Faction, number>> = {};
  for (const u of units)
    if (
      u.faction !== 'china' &&
      unitType(u).category === 'surface' &&
      (u.faction === 'taiwan' || (u.faction === 'us' && c.us) || (u.faction === 'japan' && c.japan)) &&
      lanes.some((z) => distanceKm(u.zone, z) < 1500)
    )
      navy[u.faction] = (navy[u.faction] ?? 0) + u.strength;
  // Japan's and the US's escorts working the same lanes lose a share of the smaller navy to
  // failed deconfliction (section 5); a navy alone, or Taiwan's, loses nothing to it.
  const overlap = c.us && c.japan ? Math.min(navy.us ?? 0, navy.japan ?? 0) : 0;
  const escorts =
    (navy.taiwan ?? 0) +
    (navy.us ?? 0) +
    (navy.japan ?? 0) -
    deconflictLoss(s.alliance.commandLevel) * overlap;
  const enforcing = units
    .filter(
      (u) => u.faction === 'china' && ['surface', 'coast-guard', 'submarine'].includes(unitType(u).category),
    )
    .reduce((a, u) => a + u.strength * unitType(u).hitsPerStep, 0);
  // Escorts contest the lanes in proportion to the forces on each side (CSIS "Lights Out?", 2025:
  // convoys escorted by the US and Japan restored most of the flow; Taiwan's alone, much less).
  const contest = enforcing / Math.max(1, enforcing + BLOCKADE.escortWeight.value * escorts);
  const hold = Math.max(0, 1 - (ESTIMATE.blockadeHoldPerHit.value * blueHits) / Math.max(1, enforcing));
  const cut = base * contest * hold;
  let days = s.taiwan.energyDays;
  let will = s.taiwan.publicWill;
  const roundDays = ROUND_DAYS.crisis;
  for (let r = 0; r < HORIZON * 2; r++) {
    days = Math.max(0, days - roundDays * cut);
    const shortfall = days <= 0 ? cut : cut * BLOCKADE.partialShortfall.value;
    will -= BLOCKADE.willLossPerShortfall.value * shortfall;
  }
  // Taiwan's leaders concede as will erodes: even odds near will 45, rising steeply below.
  return 1 / (1 + Math.exp((will - W.concedeWill.value) / W.concedeSpread.value));
}

/** Strikes: share of Blue's in-theater air and naval power a first salvo could destroy. */
function strikesEstimate(s: Knowledge, units: readonly UnitState[]): number {
  const targets = units.filter(
    (u) =>
      u.faction !== 'china' &&
      (unitType(u).category === 'air' ||
        unitType(u).category === 'surface' ||
        unitType(u).category === 'carrier') &&
      zoneDef(u.zone).kind !== 'pool',
  );
  const total = targets.reduce((a, u) => a + u.strength, 0);
  if (total <= 0) return 1;
  const share = ESTIMATE.openingStrikeShare.value;
  const missiles = (s.stockpiles.china.srbm ?? 0) * share + (s.stockpiles.china['df-21d'] ?? 0) * share;
  const perZone = new Map<string, number>();
  for (const u of targets) perZone.set(u.zone, (perZone.get(u.zone) ?? 0) + u.strength);
  let destroyed = 0;
  for (const [zone, strength] of perZone) {
    const share = missiles * (strength / total);
    const interceptors = units
      .filter((u) => u.faction !== 'china' && u.zone === zone)
      .reduce((a, u) => a + u.interceptors, 0);
    const r = salvoExpected({
      shots: share,
      interceptors,
      terminalDefense: SALVO.terminalDefenseLand.value,
      ballistic: true,
      pkBonus: s.bonuses.interceptorPk,
    });
    destroyed += Math.min(strength, r.hits * (1 - zoneDef(zone).hardening) * ESTIMATE.stepsPerLeaker.value);
  }
  return clamp(destroyed / total, 0, 1);
}

/** Coercion: chance Japan or Taiwan bends to economic pressure within the horizon. */
function coercionEstimate(s: Knowledge): number {
  const weakest = Math.min(s.japan.publicSupport + (s.japan.coalitionSeats - 233) / 2, s.taiwan.publicWill);
  return clamp(
    (W.coercionWillCeiling.value - weakest) / W.coercionSpan.value +
      s.china.coercionLevers * W.coercionPerLever.value,
    0,
    1,
  );
}

/** A probability shifted by `shift` in log-odds (certainty and impossibility stay as they are). */
function believed(p: number, shift: number): number {
  if (shift === 0 || p <= 0 || p >= 1) return p;
  return 1 / (1 + ((1 - p) / p) * Math.exp(-shift));
}

/**
 * `deterrenceEstimate(state, scenario, faction)`: the option table computed from what
 * `faction` can see. China's is Red's own estimate; a Blue faction's is its estimate of
 * Red's, whose margin is how far Red's best option is from being worth it.
 */
export function deterrenceEstimate(s: Knowledge, scenario: Scenario, viewpoint: Faction): DeterrenceEstimate {
  const units = visibleUnits(s, viewpoint);
  const current = s.escalation;
  const options: DeterrenceOption[] = [];
  const pressure = 1 + s.china.domesticPressure / 200;
  for (let rung = current + 1; rung <= RUNG.invasion; rung++) {
    const pUs = usInterventionChance(s, scenario, rung);
    const pJp = japanInterventionChance(s, scenario, rung);
    const consent = s.alliance.consentGranted;
    const worlds: [number, Coalition][] = [
      [1 - pUs, { us: false, japan: false }],
      [pUs * (1 - pJp), { us: true, japan: false }],
      [pUs * pJp, { us: true, japan: true }],
    ];
    let success = 0;
    let losses = 0;
    for (const [w, c] of worlds) {
      if (w <= 0) continue;
      let p = 0;
      let l = 0;
      if (rung === RUNG.coercion) p = coercionEstimate(s);
      else if (rung <= RUNG.blockade)
        p = blockadeEstimate(
          s,
          units,
          rung,
          c,
          c.us || rung >= RUNG.blockade ? blueAntiShipHits(s, units, c, consent) : 0,
        );
      else if (rung === RUNG.strikes)
        p =
          strikesEstimate(s, units) *
          (c.us ? W.strikesWithUs.value : 1) *
          (c.japan ? W.strikesWithJapan.value : 1);
      else {
        const inv = invasionEstimate(s, units, c, consent);
        p = inv.p;
        l = inv.losses;
      }
      success += w * p;
      losses += w * l;
    }
    // What Red believes: its estimate shifted by its confidence (zero in what Blue can see).
    success = believed(success, s.china.confidence);
    const interventionChance = rung >= RUNG.quarantine ? pUs : 0;
    const standingCost =
      ((100 - s.china.standing) / 100) *
      W.standingWeight.value *
      (rung >= RUNG.quarantine ? 1 : W.standingBelowQuarantine.value);
    // Japan joining the fight adds its forces, bases and economy to the war Red must win (section 6).
    const japanCost = rung >= RUNG.strikes ? pJp * JAPAN_INTERVENTION_COST : 0;
    const cost =
      ECONOMIC_COST[rung]! +
      standingCost +
      interventionChance * INTERVENTION_COST[rung]! +
      japanCost +
      losses * LOSS_COST;
    const value = (s.china.aims[rung] ?? 0) * pressure;
    const round2 = (x: number): number => Math.round(x * 1000) / 1000;
    options.push({
      rung: rung as Rung,
      value: round2(value),
      success: round2(success),
      expectedLosses: round2(losses),
      cost: round2(cost),
      interventionChance: round2(interventionChance),
      temptation: round2(value * success - cost),
    });
  }
  const best = options.reduce<DeterrenceOption | null>(
    (b, o) => (b === null || o.temptation > b.temptation ? o : b),
    null,
  );
  const resolve = s.china.resolve;
  return {
    round: s.round,
    viewpoint,
    current,
    options,
    best,
    resolve: viewpoint === 'china' ? resolve : 0,
    margin: best ? Math.round(((viewpoint === 'china' ? resolve : 0) - best.temptation) * 1000) / 1000 : 0,
  };
}
