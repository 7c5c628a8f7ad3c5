/**
 * Movement, air and missile strikes, naval combat, amphibious and ground combat
 * (DESIGN.md sections 4 and 8), each writing events to the round log.
 */
import { activeCombined, deconflictFailureChance, sharedIsr, usCombatAllowedFrom } from './command.ts';
import { AIR, COMMAND, GROUND, NAVAL, SALVO } from './data/tables.ts';
import type { DraftState } from './draft.ts';
import { distanceKm, hasFeature, zoneDef } from './map.ts';
import type { Order, TargetAim } from './orders.ts';
import type { StepContext } from './politics.ts';
import { roundStochastic, type Stream, stream } from './rng.ts';
import { salvoDraw } from './salvo.ts';
import type { MatchState, UnitState } from './state.ts';
import { bump, inflict, log, round3 } from './tracks.ts';
import { FACTIONS, type Faction, legalRank } from './types.ts';
import { enemies, liveUnits, munition, unitType } from './units.ts';

/** A landing in progress this round: the lift and brigades cross through `crossing` to `target`. */
export interface Landing {
  readonly lift: string;
  readonly brigades: readonly string[];
  readonly target: string;
  readonly origin: string;
  readonly crossing: string;
}

/** Battalions one surviving lift step can keep supplied over the beach (CSIS 2023: lodgments withered once lift was sunk). */
const OVER_BEACH = 2;

const SHIP_PRIORITY = ['amphibious', 'carrier', 'surface', 'submarine', 'coast-guard'];

/** Whether a faction's forces are engaged in combat this round (rung ≥ 4 and its legal and political status allow). */
export function belligerent(
  s: MatchState,
  scenarioConstraints: StepContext['scenario']['constraints'],
  f: Faction,
): boolean {
  if (s.escalation < 4) return false;
  if (f === 'china' || f === 'taiwan') return true;
  if (f === 'us') return s.us.intervening && scenarioConstraints.usIntervention !== 'never';
  return (
    legalRank(s.japan.legalStatus) >= legalRank('survival-threatening') &&
    scenarioConstraints.japanIntervention !== 'never'
  );
}

/** Movement (section 4 step 4): moves in faction order, then landings embark toward their crossing zone. */
export function movementStep(d: DraftState, ctx: StepContext): Landing[] {
  for (const f of FACTIONS) {
    for (const o of ctx.orders[f]) {
      if (o.type !== 'move') continue;
      const u = d.units[o.unit];
      if (!u || u.strength <= 0) continue;
      const from = u.zone;
      u.zone = o.to;
      log(d, 'movement', `${u.id} moves ${zoneDef(from).name} → ${zoneDef(o.to).name}`, [f, 'white']);
    }
  }
  const landings: Landing[] = [];
  for (const o of ctx.orders.china) {
    if (o.type !== 'land') continue;
    const lift = d.units[o.lift];
    if (!lift || lift.strength <= 0) continue;
    const targetAdj = zoneDef(o.target).adjacent;
    const crossing =
      zoneDef(lift.zone).kind === 'sea' && targetAdj.includes(lift.zone)
        ? lift.zone
        : (targetAdj.find(
            (z) => zoneDef(z).kind === 'sea' && (zoneDef(lift.zone).adjacent.includes(z) || z === lift.zone),
          ) ??
          targetAdj.find((z) => zoneDef(z).kind === 'sea') ??
          o.target);
    const origin = lift.zone;
    lift.zone = crossing;
    for (const b of o.brigades) {
      const bu = d.units[b];
      if (bu) bu.zone = crossing;
    }
    landings.push({ lift: o.lift, brigades: o.brigades, target: o.target, origin, crossing });
    log(d, 'movement', `A Chinese amphibious force sails into ${zoneDef(crossing).name}`, 'all');
  }
  return landings;
}

interface StrikeJob {
  readonly by: Faction;
  readonly parts: readonly { readonly unit: string; readonly weapon: string; readonly count: number }[];
  readonly target: string;
  readonly aim: TargetAim;
  readonly combined: boolean;
  readonly key: string;
}

/** Interceptors defending a zone: SAMs and ships there, plus partner ships under IAMD cover. */
function defenders(d: DraftState, zone: string, attacker: Faction): UnitState[] {
  const covered = activeCombined(d as MatchState, 'iamd-cover').some((c) => c.proposal.zone === zone);
  return liveUnits(d as MatchState, (u) => {
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

/** Resolves one salvo against a zone and applies its effects. */
function resolveSalvo(d: DraftState, job: StrikeJob, shots: number, ballistic: boolean, rng: Stream): number {
  const defs = defenders(d, job.target, job.by);
  const interceptors = defs.reduce((a, u) => a + u.interceptors, 0);
  const ships = job.aim === 'ships';
  const surfacePresent = defs.some((u) => ['surface', 'carrier'].includes(unitType(u).category));
  const td = ships
    ? surfacePresent
      ? SALVO.terminalDefenseShip.value
      : SALVO.terminalDefenseLand.value
    : SALVO.terminalDefenseLand.value;
  const blueAttack = job.by !== 'china';
  const accuracyBonus = blueAttack && sharedIsr(d as MatchState) ? 0.05 : 0;
  const pkBonus = !blueAttack ? d.bonuses.interceptorPk : 0;
  const r = salvoDraw({ shots, interceptors, terminalDefense: td, ballistic, pkBonus, accuracyBonus }, rng);
  spendInterceptors(d, defs, r.interceptorsUsed);
  applyHits(d, job, r.hits, rng);
  return r.hits;
}

function applyHits(d: DraftState, job: StrikeJob, hits: number, rng: Stream): void {
  const z = zoneDef(job.target);
  const victims = liveUnits(d as MatchState, (u) => u.zone === job.target && enemies(u.faction, job.by));
  if (victims.some((u) => u.faction === 'us')) flagUsAttacked(d);
  if (job.by === 'china' && z.country === 'japan') flagJapanAttacked(d);
  switch (job.aim) {
    case 'ships': {
      let left = hits;
      const ships = victims
        .filter((u) => unitType(u).domain === 'sea' && unitType(u).category !== 'submarine')
        .sort(
          (a, b) => SHIP_PRIORITY.indexOf(unitType(a).category) - SHIP_PRIORITY.indexOf(unitType(b).category),
        );
      for (const u of ships) {
        if (left <= 0) break;
        const steps = left / unitType(u).hitsPerStep;
        const lost = inflict(d, u.id, steps);
        left -= lost * unitType(u).hitsPerStep;
      }
      break;
    }
    case 'airbase': {
      const aircraft = victims.filter((u) => unitType(u).domain === 'air');
      const perHit = AIR.aircraftPerLeakerUnhardened.value * (1 - z.hardening);
      let kills = roundStochastic(hits * perHit, rng);
      for (const u of aircraft) {
        if (kills <= 0) break;
        kills -= inflict(d, u.id, Math.min(kills, u.strength));
      }
      const zs = d.zones[job.target];
      if (zs) zs.portDamage = round3(Math.min(1, zs.portDamage + hits * 0.01));
      break;
    }
    case 'port': {
      const zs = d.zones[job.target];
      if (zs) zs.portDamage = round3(Math.min(1, zs.portDamage + hits * 0.04));
      break;
    }
    case 'hq':
      d.alliance.disruption = Math.min(10, d.alliance.disruption + Math.min(3, Math.round(hits * 0.5)));
      break;
    case 'ground':
      for (const u of victims.filter((x) => unitType(x).category === 'ground'))
        inflict(d, u.id, (hits * 0.05) / Math.max(1, victims.length));
      break;
    case 'launchers':
      for (const u of victims.filter((x) =>
        ['coastal-missile', 'rocket-force', 'sam'].includes(unitType(x).category),
      ))
        inflict(d, u.id, (hits * 0.25) / Math.max(1, victims.length));
      break;
  }
}

export function flagUsAttacked(d: DraftState): void {
  if (d.flags.usAttacked) return;
  d.flags.usAttacked = true;
  bump(d, 'us', 'commitment', 25);
  log(d, 'strikes', 'US forces have been attacked', 'all');
}

export function flagJapanAttacked(d: DraftState): void {
  if (d.flags.japanAttacked) return;
  d.flags.japanAttacked = true;
  bump(d, 'japan', 'publicSupport', 10);
  log(d, 'strikes', 'Japanese territory has been attacked', 'all');
}

/** Air and missile strikes (section 8): national strikes, combined strikes with deconfliction, finite stockpiles. */
export function strikeStep(d: DraftState, ctx: StepContext): Set<string> {
  const firedUnits = new Set<string>();
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
        });
    });
  }
  activeCombined(d as MatchState, 'combined-strike').forEach((c, i) => {
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
  // Uncoordinated national strikes by both partners on one zone duplicate each other (section 5, strike deconfliction).
  const nationalTargets = new Map<string, Set<Faction>>();
  for (const j of jobs)
    if (!j.combined && (j.by === 'japan' || j.by === 'us'))
      nationalTargets.set(j.target, (nationalTargets.get(j.target) ?? new Set()).add(j.by));
  for (const job of jobs) {
    const rng = stream(d.seed, `round-${d.round}/strike-${job.key}`);
    let waste = 0;
    if (job.combined) {
      if (rng.chance(deconflictFailureChance(d.alliance.commandLevel))) {
        waste = COMMAND.deconflictWaste.value;
        log(
          d,
          'strikes',
          `Combined strike on ${zoneDef(job.target).name} fails to deconflict: ${Math.round(waste * 100)}% of the salvo is held back or wasted`,
          ['japan', 'us', 'white'],
        );
      }
    } else if (
      job.by === 'us' &&
      nationalTargets.get(job.target)?.size === 2 &&
      d.alliance.commandLevel < 2
    ) {
      // Below level 2 there is no agreed strike-coordination process: national salvos on one zone duplicate targets.
      waste = d.alliance.commandLevel === 0 ? COMMAND.duplicateWaste0.value : COMMAND.duplicateWaste1.value;
      log(
        d,
        'strikes',
        `Uncoordinated Japanese and US strikes on ${zoneDef(job.target).name} duplicate targets: ${Math.round(waste * 100)}% of the US salvo is wasted`,
        ['japan', 'us', 'white'],
      );
    }
    let hits = 0;
    let fired = 0;
    for (const part of job.parts) {
      const u = d.units[part.unit];
      const m = munition(part.weapon);
      if (!u || u.strength <= 0 || !m) continue;
      const owner = u.faction as Faction;
      if (!usCombatAllowedFrom(d as MatchState, u)) {
        log(d, 'strikes', `${u.id} may not strike from Japan without consent in force`, [owner, 'white']);
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
      const effective = Math.round(count * (1 - waste));
      hits += resolveSalvo(d, job, effective, m.ballistic, rng);
    }
    if (fired > 0) {
      log(
        d,
        'strikes',
        `${job.combined ? 'Combined Japan–US' : job.by} strike on ${zoneDef(job.target).name} (${job.aim}): ${fired} missiles, ${hits} hits`,
        'all',
        { fired, hits },
      );
    }
  }
  return firedUnits;
}

/** Naval combat (section 8): ships, submarines and coastal missiles engage enemies in each sea zone. */
export function navalStep(d: DraftState, ctx: StepContext, firedUnits: ReadonlySet<string>): void {
  if (d.escalation < 4) return;
  const seas = ctx.scenario.zones.filter((z) => zoneDef(z).kind === 'sea');
  for (const zone of seas) {
    const present = liveUnits(d as MatchState, (u) => u.zone === zone);
    const sides: Faction[][] = [['china'], ['japan', 'us', 'taiwan']];
    const red = present.filter((u) => u.faction === 'china');
    const blue = present.filter(
      (u) =>
        u.faction !== 'china' &&
        belligerent(d as MatchState, ctx.scenario.constraints, u.faction) &&
        usCombatAllowedFrom(d as MatchState, u),
    );
    const coastal = liveUnits(
      d as MatchState,
      (u) =>
        unitType(u).category === 'coastal-missile' &&
        zoneDef(u.zone).adjacent.includes(zone) &&
        belligerent(d as MatchState, ctx.scenario.constraints, u.faction) &&
        usCombatAllowedFrom(d as MatchState, u),
    );
    const redTargets = red.some((u) => unitType(u).domain === 'sea' && unitType(u).category !== 'submarine');
    const blueTargets = blue.some(
      (u) => unitType(u).domain === 'sea' && unitType(u).category !== 'submarine',
    );
    if (
      !(redTargets && (blue.length > 0 || coastal.some((u) => u.faction !== 'china'))) &&
      !(blueTargets && red.length > 0)
    )
      continue;
    const rng = stream(d.seed, `round-${d.round}/naval-${zone}`);
    for (const [i, side] of sides.entries()) {
      const by = side[0]!;
      const shooters = [...(i === 0 ? red : blue), ...coastal.filter((u) => side.includes(u.faction))];
      const enemyShips = (i === 0 ? blue : red).some(
        (u) => unitType(u).domain === 'sea' && unitType(u).category !== 'submarine',
      );
      if (!enemyShips) continue;
      for (const u of shooters) {
        const t = unitType(u);
        if (t.category === 'submarine') {
          const asw = liveUnits(
            d as MatchState,
            (x) => x.zone === zone && enemies(x.faction, u.faction),
          ).reduce((a, x) => a + unitType(x).asw * x.strength, 0);
          const expected =
            u.strength * NAVAL.submarineHitsPerStep.value * Math.max(0.1, 1 - NAVAL.aswPerStep.value * asw);
          const hits = roundStochastic(expected, rng);
          applyHits(
            d,
            { by: u.faction, parts: [], target: zone, aim: 'ships', combined: false, key: u.id },
            hits,
            rng,
          );
          if (hits > 0)
            log(d, 'naval', `Submarine attack in ${zoneDef(zone).name}: ${hits} hits`, 'all', { hits });
          // ASW attrition on the submarine
          if (asw > 0 && rng.chance(Math.min(0.5, asw * 0.02))) inflict(d, u.id, 1);
          continue;
        }
        // Launchers that fired ordered strikes this round have no salvo left for self-defense fire.
        if (firedUnits.has(u.id)) continue;
        for (const w of t.weapons) {
          const m = munition(w.munition);
          if (!m || m.role === 'land-attack' || m.ballistic) continue;
          const from = d.units[u.id]!;
          if (from.zone !== zone && distanceKm(from.zone, zone) > m.rangeKm) continue;
          const stock = d.stockpiles[u.faction][w.munition] ?? 0;
          const shots = Math.min(stock, Math.floor(w.perStep * from.strength * 0.5));
          if (shots <= 0) continue;
          d.stockpiles[u.faction][w.munition] = stock - shots;
          const hits = resolveSalvo(
            d,
            { by, parts: [], target: zone, aim: 'ships', combined: false, key: u.id },
            shots,
            false,
            rng,
          );
          log(
            d,
            'naval',
            `${u.faction} ${t.name} fires ${shots} ${m.name} in ${zoneDef(zone).name}: ${hits} hits`,
            'all',
            { shots, hits },
          );
        }
      }
    }
  }
}

/** Amphibious and ground combat (section 8): landings, combat in contested land zones, lodgment supply. */
export function groundStep(d: DraftState, ctx: StepContext, landings: readonly Landing[]): void {
  for (const l of landings) {
    const lift = d.units[l.lift]!;
    const capacity = unitType(lift).liftPerStep * lift.strength;
    const start = l.brigades.reduce((a, b) => a + (d.units[b]?.strength ?? 0), 0);
    // Ships lost at sea take their troops with them: embarked strength scales with the lift that survived.
    const survivedShare = lift.maxStrength > 0 ? Math.min(1, capacity / Math.max(start, 1e-9)) : 0;
    let landed = 0;
    for (const b of l.brigades) {
      const bu = d.units[b];
      if (!bu) continue;
      const lost = bu.strength * (1 - Math.min(1, survivedShare));
      if (lost > 0) inflict(d, b, lost);
      bu.zone = l.target;
      landed += bu.strength;
    }
    lift.zone = l.origin;
    const zs = d.zones[l.target];
    if (
      zs &&
      zs.controller === null &&
      liveUnits(
        d as MatchState,
        (u) => u.zone === l.target && u.faction !== 'china' && unitType(u).groundPower > 0,
      ).length === 0
    )
      zs.controller = 'china';
    if (zoneDef(l.target).country === 'japan') flagJapanAttacked(d);
    log(
      d,
      'ground',
      `Chinese forces land ${round3(landed)} battalions at ${zoneDef(l.target).name} (of ${round3(start)} embarked)`,
      'all',
      { landed: round3(landed), embarked: round3(start) },
      'landing',
    );
  }
  const mobil = 1 + d.taiwan.reserveMobilization / 200;
  // Over-the-beach supply: surviving lift sustains up to OVER_BEACH battalions per lift step.
  const overBeachCapacity = liveUnits(
    d as MatchState,
    (u) => u.faction === 'china' && unitType(u).liftPerStep > 0,
  ).reduce((a, u) => a + u.strength * OVER_BEACH, 0);
  const lodgmentZones = ctx.scenario.zones.filter(
    (z) => zoneDef(z).kind === 'land' && zoneDef(z).country !== 'china' && d.zones[z]?.controller !== 'china',
  );
  const lodgedTotal = lodgmentZones.reduce(
    (a, z) =>
      a +
      liveUnits(
        d as MatchState,
        (u) => u.zone === z && u.faction === 'china' && unitType(u).groundPower > 0,
      ).reduce((b, u) => b + u.strength, 0),
    0,
  );
  for (const zone of ctx.scenario.zones) {
    if (zoneDef(zone).kind !== 'land') continue;
    const red = liveUnits(
      d as MatchState,
      (u) => u.zone === zone && u.faction === 'china' && unitType(u).groundPower > 0,
    );
    if (red.length === 0) continue;
    const blue = liveUnits(
      d as MatchState,
      (u) => u.zone === zone && u.faction !== 'china' && unitType(u).groundPower > 0,
    );
    const zs = d.zones[zone]!;
    const lodgments = lodgedTotal;
    const overBeach = overBeachCapacity;
    if (blue.length > 0) {
      const rng = stream(d.seed, `round-${d.round}/ground-${zone}`);
      const att = red.reduce((a, u) => a + unitType(u).groundPower * u.strength, 0);
      const def =
        blue.reduce(
          (a, u) => a + unitType(u).groundPower * u.strength * (u.faction === 'taiwan' ? mobil : 1),
          0,
        ) * GROUND.defenderMultiplier.value;
      const base = GROUND.baseAttrition.value;
      const noise = (): number => 0.75 + rng.next() * 0.5;
      const attLoss = base * def * noise();
      const defLoss = base * att * noise();
      for (const u of red) inflict(d, u.id, (attLoss * (unitType(u).groundPower * u.strength)) / att);
      const rawDef = blue.reduce((a, u) => a + unitType(u).groundPower * u.strength, 0);
      for (const u of blue)
        inflict(d, u.id, (defLoss * (unitType(u).groundPower * u.strength)) / Math.max(rawDef, 1e-9));
      log(
        d,
        'ground',
        `Fighting at ${zoneDef(zone).name}: China loses ${round3(attLoss)}, defenders ${round3(defLoss)} battalions`,
        'all',
      );
      const blueLeft = liveUnits(
        d as MatchState,
        (u) => u.zone === zone && u.faction !== 'china' && unitType(u).groundPower > 0,
      ).length;
      if (
        blueLeft === 0 &&
        liveUnits(
          d as MatchState,
          (u) => u.zone === zone && u.faction === 'china' && unitType(u).groundPower > 0,
        ).length > 0
      ) {
        zs.controller = 'china';
        log(d, 'ground', `China takes control of ${zoneDef(zone).name}`, 'all');
        if (zoneDef(zone).country === 'japan') flagJapanAttacked(d);
      }
    }
    // Supply: a lodgment lives on a port or airfield it controls, or over the beach while lift survives.
    const port =
      zs.controller === 'china' &&
      (hasFeature(zone, 'port') || hasFeature(zone, 'airbase')) &&
      zs.portDamage < 0.7;
    if (zoneDef(zone).country !== 'china') {
      if (port || overBeach >= lodgments) zs.unsuppliedRounds = 0;
      else {
        zs.unsuppliedRounds += 1;
        const share = GROUND.unsuppliedAttrition.value * (1 - overBeach / Math.max(lodgments, 1e-9));
        for (const u of liveUnits(
          d as MatchState,
          (x) => x.zone === zone && x.faction === 'china' && unitType(x).groundPower > 0,
        ))
          inflict(d, u.id, u.strength * share);
        log(d, 'ground', `The lodgment at ${zoneDef(zone).name} is short of supply and withers`, 'all');
      }
    }
  }
}

/** Air combat attrition (section 8): small per sortie; losses come mostly on the ground. */
export function airCombat(d: DraftState, ctx: StepContext, days: number): void {
  if (d.escalation < 4) return;
  const rng = stream(d.seed, `round-${d.round}/air`);
  const air = (f: (x: Faction) => boolean): UnitState[] =>
    liveUnits(
      d as MatchState,
      (u) =>
        f(u.faction) &&
        unitType(u).category === 'air' &&
        belligerent(d as MatchState, ctx.scenario.constraints, u.faction),
    );
  const red = air((f) => f === 'china');
  const blue = air((f) => f !== 'china');
  if (red.length === 0 || blue.length === 0) return;
  const sorties = (us: UnitState[]): number =>
    us.reduce((a, u) => a + u.strength, 0) * AIR.sortiesPerDay.value * days;
  const rs = sorties(red);
  const bs = sorties(blue);
  const p = AIR.attritionPerSortie.value;
  const redLoss = rng.binomial(Math.round(rs), p * Math.min(2, bs / Math.max(rs, 1)));
  const blueLoss = rng.binomial(Math.round(bs), p * Math.min(2, rs / Math.max(bs, 1)));
  const spread = (us: UnitState[], n: number): void => {
    let left = n;
    for (const u of us) {
      if (left <= 0) break;
      left -= inflict(d, u.id, Math.min(left, u.strength));
    }
  };
  spread(red, redLoss);
  spread(blue, blueLoss);
  if (redLoss + blueLoss > 0)
    log(d, 'strikes', `Air combat: China loses ${redLoss} aircraft, Blue ${blueLoss}`, 'all', {
      redLoss,
      blueLoss,
    });
}
