/**
 * Naval combat (DESIGN.md section 8, "Naval"): ships, submarines and coastal missiles engage
 * the enemies in each sea zone after the strikes.
 */
import { distanceKm, zoneDef } from '../data/map.ts';
import { NAVAL } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import { roundStochastic, stream } from '../engine/rng.ts';
import type { UnitState } from '../engine/state.ts';
import type { StepContext } from '../engine/step.ts';
import { inflict, log } from '../engine/tracks.ts';
import { enemies, liveUnits, liveUnitsIn, munition, unitType } from '../engine/units.ts';
import type { Faction } from '../types.ts';
import { RUNG } from '../types.ts';

import { usCombatAllowedFrom } from './alliance.ts';
import { applyHits, belligerent, bystanders, type Salvo, type StrikeJob, volley } from './strike.ts';

/** A surface group (ships a salvo can find; submarines are not). */
const isShip = (u: UnitState): boolean =>
  unitType(u).domain === 'sea' && unitType(u).category !== 'submarine';

/** Naval combat (section 8): ships, submarines and coastal missiles engage enemies in each sea zone. */
export function navalStep(d: DraftState, ctx: StepContext, firedUnits: ReadonlySet<string>): void {
  if (d.escalation < RUNG.strikes) return;
  const seas = ctx.scenario.zones.filter((z) => zoneDef(z).kind === 'sea');
  // Salvos and torpedoes leave the powers not at war alone (`bystanders`).
  const spare = bystanders(d, ctx.scenario.constraints);
  for (const zone of seas) {
    const present = liveUnitsIn(d, zone);
    const sides: Faction[][] = [['china'], ['japan', 'us', 'taiwan']];
    const red = present.filter((u) => u.faction === 'china');
    const blue = present.filter(
      (u) =>
        u.faction !== 'china' &&
        belligerent(d, ctx.scenario.constraints, u.faction) &&
        usCombatAllowedFrom(d, u),
    );
    const coastal = liveUnits(
      d,
      (u) =>
        unitType(u).category === 'coastal-missile' &&
        zoneDef(u.zone).adjacent.includes(zone) &&
        belligerent(d, ctx.scenario.constraints, u.faction) &&
        usCombatAllowedFrom(d, u),
    );
    const redTargets = red.some(isShip);
    const blueTargets = blue.some(isShip);
    if (
      !(redTargets && (blue.length > 0 || coastal.some((u) => u.faction !== 'china'))) &&
      !(blueTargets && red.length > 0)
    )
      continue;
    const rng = stream(d.seed, `round-${d.round}/naval-${zone}`);
    // Fire is simultaneous (as in the strike step): every group fires with its strength and
    // stocks at the step's start, the salvos are resolved against the defences as they stand,
    // and the losses, torpedoes' included, are applied only after both sides have fired.
    const fired: {
      readonly salvo: Salvo;
      readonly faction: Faction;
      readonly unitType: string;
      readonly munition: string;
    }[] = [];
    const torpedoes: {
      readonly job: StrikeJob;
      readonly hits: number;
      readonly sub: string;
      readonly asw: number;
    }[] = [];
    for (const [i, side] of sides.entries()) {
      const by = side[0]!;
      const shooters = [...(i === 0 ? red : blue), ...coastal.filter((u) => side.includes(u.faction))];
      if (!(i === 0 ? blueTargets : redTargets)) continue;
      for (const u of shooters) {
        const t = unitType(u);
        if (t.category === 'submarine') {
          const asw = liveUnitsIn(d, zone, (x) => enemies(x.faction, u.faction)).reduce(
            (a, x) => a + unitType(x).asw * x.strength,
            0,
          );
          const expected =
            u.strength * NAVAL.submarineHitsPerStep.value * Math.max(0.1, 1 - NAVAL.aswPerStep.value * asw);
          const job: StrikeJob = {
            by: u.faction,
            parts: [],
            target: zone,
            aim: 'ships',
            combined: false,
            key: u.id,
            spare,
          };
          torpedoes.push({ job, hits: roundStochastic(expected, rng), sub: u.id, asw });
          continue;
        }
        // Launchers that fired ordered strikes this round have no salvo left for self-defense fire.
        if (firedUnits.has(u.id)) continue;
        for (const w of t.weapons) {
          const m = munition(w.munition);
          if (!m || m.role === 'land-attack' || m.ballistic) continue;
          if (u.zone !== zone && distanceKm(u.zone, zone) > m.rangeKm) continue;
          const stock = d.stockpiles[u.faction][w.munition] ?? 0;
          const shots = Math.min(stock, Math.floor(w.perStep * u.strength * 0.5));
          if (shots <= 0) continue;
          d.stockpiles[u.faction][w.munition] = stock - shots;
          const job: StrikeJob = {
            by,
            parts: [],
            target: zone,
            aim: 'ships',
            combined: false,
            key: u.id,
            spare,
          };
          const salvo: Salvo = { job, shots, ballistic: false, rng };
          fired.push({ salvo, faction: u.faction, unitType: t.id, munition: m.id });
        }
      }
    }
    const hitsBy = volley(
      d,
      fired.map((f) => f.salvo),
      `naval-hits-${zone}`,
    );
    for (const f of fired)
      log(d, 'naval', 'naval-fire', {
        faction: f.faction,
        unitType: f.unitType,
        munition: f.munition,
        zone,
        shots: f.salvo.shots,
        hits: hitsBy.get(f.salvo.job) ?? 0,
      });
    for (const t of torpedoes) {
      applyHits(d, t.job, t.hits, rng);
      if (t.hits > 0) log(d, 'naval', 'submarine-attack', { zone, hits: t.hits });
      // ASW attrition on the submarine
      if (t.asw > 0 && rng.chance(Math.min(0.5, t.asw * 0.02))) inflict(d, t.sub, 1);
    }
  }
}
