/**
 * Outcomes and the score vector (DESIGN.md section 9). Invasions use the scale of
 * published wargames: Chinese victory / stalemate trending toward China / stalemate
 * indeterminate / stalemate trending against China / Chinese defeat.
 */
import { geographyOf } from '../data/geography.ts';
import { zoneDef } from '../data/map.ts';
import { type ByFaction, byFaction, type Faction, type OutcomeCategory, RUNG } from '../types.ts';
import type { MatchState, Outcome } from './state.ts';
import { totalLosses } from './tracks.ts';
import { groundPowerOf, liveUnitsIn, liveUnitsOf, unitType } from './units.ts';

/** Taiwan's main island, by the match's own map. */
const taiwanMain = (s: MatchState): readonly string[] => geographyOf(Object.keys(s.zones)).taiwanMain;

const chineseGround = (s: MatchState, zone: string): number =>
  liveUnitsIn(s, zone, (u) => u.faction === 'china' && unitType(u).groundPower > 0).reduce(
    (a, u) => a + u.strength,
    0,
  );

/** A decisive condition reached mid-match, or null. */
export function decisiveOutcome(s: MatchState): Outcome | null {
  const capital = geographyOf(Object.keys(s.zones)).capital.find((z) => s.zones[z]?.controller === 'china');
  if (capital)
    return { category: 'chinese-victory', round: s.round, reason: `China holds ${zoneDef(capital).name}` };
  if (s.taiwan.publicWill <= 15 && s.escalation >= RUNG.coercion && s.escalation <= RUNG.blockade)
    return {
      category: 'coercion-succeeded',
      round: s.round,
      reason: "Taiwan's public will collapsed under pressure",
    };
  if (s.japan.publicSupport <= 10 && s.escalation <= RUNG.coercion)
    return { category: 'coercion-succeeded', round: s.round, reason: 'Japan bent to economic coercion' };
  if (s.peakEscalation === RUNG.invasion) {
    const lodged = taiwanMain(s).some((z) => chineseGround(s, z) > 0.1);
    const lift = liveUnitsOf(s, 'china', (u) => unitType(u).liftPerStep > 0).reduce(
      (a, u) => a + u.strength,
      0,
    );
    const landedBefore = s.log.some((e) => e.kind === 'landing');
    if (landedBefore && !lodged && lift < 1)
      return {
        category: 'chinese-defeat',
        round: s.round,
        reason: 'the invasion force was destroyed and no lodgment remains',
      };
  }
  return null;
}

/** The outcome at the end of the match (last round or White Cell's end). */
export function finalOutcome(s: MatchState, reason: string): Outcome {
  const decisive = decisiveOutcome(s);
  if (decisive) return decisive;
  const category = ((): OutcomeCategory => {
    if (s.zones.senkaku?.controller === 'china') return 'senkaku-seized';
    if (s.peakEscalation >= RUNG.invasion) {
      const held = taiwanMain(s).filter((z) => s.zones[z]?.controller === 'china');
      const lodgment = taiwanMain(s).reduce((a, z) => a + chineseGround(s, z), 0);
      // The lodgment's combat power against the defenders' on the main island, weighed as ground
      // combat weighs them (Taiwan's reserves as mobilized, US and Japanese troops fighting
      // beside them); troops on the outlying islands do not defend Taiwan itself.
      const power = (side: (f: Faction) => boolean): number =>
        taiwanMain(s).reduce(
          (a, z) =>
            a +
            liveUnitsIn(s, z, (u) => side(u.faction) && unitType(u).groundPower > 0).reduce(
              (b, u) => b + groundPowerOf(s, u),
              0,
            ),
          0,
        );
      const supplied = taiwanMain(s).some(
        (z) => s.zones[z]?.controller === 'china' && (s.zones[z]?.unsuppliedRounds ?? 0) === 0,
      );
      if (held.length >= 2) return 'chinese-victory';
      if (lodgment <= 0.1) return 'chinese-defeat';
      if (supplied && power((f) => f === 'china') >= power((f) => f !== 'china') * 0.5)
        return 'stalemate-toward-china';
      if (supplied) return 'stalemate-indeterminate';
      return 'stalemate-against-china';
    }
    if (s.peakEscalation >= RUNG.quarantine) return 'coercion-failed';
    return 'deterrence-held';
  })();
  return { category, round: s.round, reason };
}

export interface ScoreVector {
  readonly outcome: OutcomeCategory | null;
  readonly rounds: number;
  readonly peakEscalation: number;
  readonly peakRound: number;
  readonly losses: ByFaction<Readonly<Record<string, number>>>;
  readonly totalLosses: ByFaction<number>;
  readonly zoneControl: Readonly<Record<string, Faction>>;
  readonly tracks: Readonly<Record<string, number | string | boolean>>;
}

/** The score vector kept for analysis (section 9). */
export function scoreVector(s: MatchState): ScoreVector {
  const zoneControl: Record<string, Faction> = {};
  for (const [id, z] of Object.entries(s.zones))
    if (z.controller && zoneDef(id).country !== z.controller) zoneControl[id] = z.controller;
  return {
    outcome: s.outcome?.category ?? null,
    rounds: s.outcome?.round ?? s.round,
    peakEscalation: s.peakEscalation,
    peakRound: s.peakRound,
    losses: s.losses,
    totalLosses: byFaction((f) => totalLosses(s, f)),
    zoneControl,
    tracks: {
      escalation: s.escalation,
      legalStatus: s.japan.legalStatus,
      commandLevel: s.alliance.commandLevel,
      cohesion: s.alliance.cohesion,
      japanSpending: s.japan.defenseSpendingPctGdp,
      japanSupport: s.japan.publicSupport,
      coalitionSeats: s.japan.coalitionSeats,
      usCommitment: s.us.commitment,
      usIntervening: s.us.intervening,
      burdenSharing: s.us.burdenSharing,
      chinaStanding: s.china.standing,
      taiwanWill: s.taiwan.publicWill,
      energyDays: s.taiwan.energyDays,
    },
  };
}
