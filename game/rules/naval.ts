/**
 * Naval combat (DESIGN.md section 8, "Naval"): ships, submarines and coastal missiles engage
 * the enemies in each sea zone after the strikes.
 */
import { distanceKm, zoneDef } from '../data/map.ts';
import { NAVAL } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import { roundStochastic, stream } from '../engine/rng.ts';
import type { StepContext } from '../engine/step.ts';
import { inflict, log } from '../engine/tracks.ts';
import { enemies, liveUnits, liveUnitsIn, munition, unitType } from '../engine/units.ts';
import type { Faction } from '../types.ts';
import { RUNG } from '../types.ts';

import { usCombatAllowedFrom } from './alliance.ts';
import { applyHits, belligerent, bystanders, resolveSalvo } from './strike.ts';

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
          const asw = liveUnitsIn(d, zone, (x) => enemies(x.faction, u.faction)).reduce(
            (a, x) => a + unitType(x).asw * x.strength,
            0,
          );
          const expected =
            u.strength * NAVAL.submarineHitsPerStep.value * Math.max(0.1, 1 - NAVAL.aswPerStep.value * asw);
          const hits = roundStochastic(expected, rng);
          applyHits(
            d,
            { by: u.faction, parts: [], target: zone, aim: 'ships', combined: false, key: u.id, spare },
            hits,
            rng,
          );
          if (hits > 0) log(d, 'naval', 'submarine-attack', { zone, hits });
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
            { by, parts: [], target: zone, aim: 'ships', combined: false, key: u.id, spare },
            shots,
            false,
            rng,
          );
          log(d, 'naval', 'naval-fire', {
            faction: u.faction,
            unitType: t.id,
            munition: m.id,
            zone,
            shots,
            hits,
          });
        }
      }
    }
  }
}
