/**
 * Air combat (DESIGN.md section 8, "Air"): attrition among the fighters in the fight; most
 * aircraft are lost on the ground, to strikes on airbases (strike.ts).
 */
import { AIR } from '../data/tables.ts';
import type { DraftState } from '../engine/draft.ts';
import { stream } from '../engine/rng.ts';
import type { UnitState } from '../engine/state.ts';
import type { StepContext } from '../engine/step.ts';
import { inflict, log } from '../engine/tracks.ts';
import { liveUnits, unitType } from '../engine/units.ts';
import type { Faction } from '../types.ts';
import { RUNG } from '../types.ts';

import { belligerent } from './strike.ts';

/** Air combat attrition (section 8): small per sortie; losses come mostly on the ground. */
export function airCombat(d: DraftState, ctx: StepContext, days: number): void {
  if (d.escalation < RUNG.strikes) return;
  const rng = stream(d.seed, `round-${d.round}/air`);
  const air = (f: (x: Faction) => boolean): UnitState[] =>
    liveUnits(
      d,
      (u) =>
        f(u.faction) && unitType(u).category === 'air' && belligerent(d, ctx.scenario.constraints, u.faction),
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
  // Losses are shared among the wings in proportion to the aircraft each put up (sorties ∝ strength).
  const spread = (us: UnitState[], n: number): void => {
    const total = us.reduce((a, u) => a + u.strength, 0);
    if (n <= 0 || total <= 0) return;
    for (const u of us) inflict(d, u.id, Math.min(u.strength, (n * u.strength) / total));
  };
  spread(red, redLoss);
  spread(blue, blueLoss);
  if (redLoss + blueLoss > 0) log(d, 'strikes', 'air-combat', { redLoss, blueLoss });
}
