/**
 * Command coordination, USFJ/JJOC (DESIGN.md section 5): coordination capacity,
 * the cost of combined actions, latency at level 0, strike deconfliction below
 * level 2, prior consultation for US combat operations from Japanese bases, and the
 * multi-round upgrade path.
 */
import { COMMAND } from './data/tables.ts';
import { zoneDef } from './map.ts';
import type { ActiveCombined, MatchState, UnitState } from './state.ts';
import type { CombinedKind } from './types.ts';

/** Capacity each combined action costs. */
export const COMBINED_COST: { readonly [K in CombinedKind]: number } = {
  'us-ops-from-japan': 1,
  'combined-strike': 2,
  'iamd-cover': 1,
  'shared-isr': 1,
  'logistics-support': 1,
};

/** Cohesion bonus: +1 at cohesion ≥ 70, −1 below 30. */
export const cohesionBonus = (cohesion: number): number => (cohesion >= 70 ? 1 : cohesion < 30 ? -1 : 0);

/** Coordination capacity per round = base + per-level bonus + cohesion bonus − disruption (never below 0). */
export function coordinationCapacity(state: MatchState): number {
  const a = state.alliance;
  return Math.max(
    0,
    COMMAND.baseCapacity.value +
      COMMAND.perLevel.value * a.commandLevel +
      cohesionBonus(a.cohesion) -
      a.disruption,
  );
}

export const capacityLeft = (state: MatchState): number =>
  coordinationCapacity(state) - state.alliance.capacityUsed;

/** Latency: at level 0 combined actions ordered this round take effect next round; from level 1 on, this round. */
export const combinedLatency = (commandLevel: number): number => (commandLevel === 0 ? 1 : 0);

/** Chance a combined strike fails to deconflict, by level (none at level 2). */
export function deconflictFailureChance(commandLevel: number): number {
  if (commandLevel >= 2) return 0;
  return commandLevel === 1 ? COMMAND.deconflictFailure1.value : COMMAND.deconflictFailure0.value;
}

/** Combined actions in force this round. */
export const activeCombined = (state: MatchState, kind?: CombinedKind): readonly ActiveCombined[] =>
  state.combined.filter(
    (c) => c.effectiveRound === state.round && (kind === undefined || c.proposal.kind === kind),
  );

export const isInJapan = (u: UnitState): boolean => zoneDef(u.zone).country === 'japan';

/**
 * Prior consultation: a US unit based in Japan may conduct combat operations only
 * while Japan's consent is in force (granted, and past its latency).
 */
export function usCombatAllowedFrom(state: MatchState, u: UnitState): boolean {
  if (u.faction !== 'us' || !isInJapan(u)) return true;
  return state.alliance.consentGranted && state.alliance.consentRound <= state.round;
}

/** Rounds of joint investment needed to reach the next level (Infinity at level 2). */
export function upgradeRoundsNeeded(level: number): number {
  if (level === 0) return COMMAND.upgradeRounds1.value;
  if (level === 1) return COMMAND.upgradeRounds2.value;
  return Number.POSITIVE_INFINITY;
}

/** Whether shared ISR is in force this round (pools Japan's and the US's pictures of Red). */
export const sharedIsr = (state: MatchState): boolean => activeCombined(state, 'shared-isr').length > 0;
