/** Track helpers (DESIGN.md section 7): effects on named tracks, clamping, the round log and loss ledger. */

import type { Effect, TrackPath } from '../data/scenario.ts';
import type { Faction, Rung, Seat, StepName } from '../types.ts';
import type { DraftState } from './draft.ts';
import { type EventData, type EventKind, eventText } from './events.ts';
import type { Knowledge } from './knowledge.ts';
import type { LogEvent, MatchState } from './state.ts';
import { unitType } from './units.ts';

const INT_TRACKS: readonly string[] = [
  'japan.coalitionSeats',
  'china.coercionLevers',
  'us.reinforcementDelay',
  'escalation',
  'alliance.disruption',
];
const BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  'japan.coalitionSeats': [0, 465],
  'japan.defenseSpendingPctGdp': [0, 10],
  'japan.debtPctGdp': [0, 500],
  'japan.industrialCapacity': [0, 1000],
  'taiwan.defenseSpendingPctGdp': [0, 10],
  'taiwan.energyDays': [0, 400],
  'china.coercionLevers': [0, 10],
  'china.resolve': [-10, 10],
  'us.reinforcementDelay': [0, 10],
  escalation: [0, 5],
  'alliance.disruption': [0, 10],
};

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** A track's allowed range (an effect is clamped to it; White Cell's changes must stay inside it). */
export const trackBounds = (path: TrackPath): readonly [number, number] => BOUNDS[path] ?? [0, 100];
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Reads a numeric track. */
export function readTrack(s: Knowledge, path: TrackPath): number {
  if (path === 'escalation') return s.escalation;
  const [group, key] = path.split('.') as [string, string];
  return (s as unknown as Record<string, Record<string, number>>)[group]![key]!;
}

/** Applies one effect to a draft, clamped to the track's range; returns the new value. */
export function applyEffect(d: DraftState, e: Effect): number {
  const [lo, hi] = BOUNDS[e.track] ?? [0, 100];
  let v = clamp(readTrack(d, e.track) + e.delta, lo, hi);
  v = INT_TRACKS.includes(e.track) ? Math.round(v) : round3(v);
  if (e.track === 'escalation') setEscalation(d, v as Rung);
  else {
    const [group, key] = e.track.split('.') as [string, string];
    (d as unknown as Record<string, Record<string, number>>)[group]![key] = v;
  }
  return v;
}

export function setEscalation(d: DraftState, rung: Rung): void {
  d.escalation = rung;
  if (rung > d.peakEscalation) {
    d.peakEscalation = rung;
    d.peakRound = d.round;
  }
}

/** Sets a 0–100 track with clamping. */
export function bump(
  d: DraftState,
  group: 'japan' | 'us' | 'china' | 'taiwan' | 'alliance',
  key: string,
  delta: number,
): void {
  applyEffect(d, { track: `${group}.${key}` as TrackPath, delta });
}

/** Writes an event to the round log: its kind, its data and the sentence the one formatter renders from them. */
export function log<K extends EventKind>(
  d: DraftState,
  step: StepName,
  kind: K,
  data: EventData[K],
  visibleTo: readonly Seat[] | 'all' = 'all',
): void {
  const event = {
    round: d.round,
    step,
    kind,
    text: eventText(kind, data),
    visibleTo: visibleTo === 'all' ? 'all' : [...visibleTo],
    data,
  } as LogEvent;
  d.log.push(event as DraftState['log'][number]);
}

/** Removes steps from a unit and books the loss by faction and unit category. */
export function inflict(d: DraftState, unitId: string, steps: number): number {
  const u = d.units[unitId];
  if (!u || steps <= 0) return 0;
  const lost = Math.min(u.strength, steps);
  u.strength = round3(u.strength - lost);
  if (u.strength < 0.1) u.strength = 0;
  const def = unitType(u);
  u.interceptors = Math.min(u.interceptors, def.interceptorsPerStep * u.strength);
  const book = d.losses[u.faction as Faction];
  book[def.category] = round3((book[def.category] ?? 0) + lost);
  return lost;
}

export const totalLosses = (s: MatchState, f: Faction): number =>
  round3(Object.values(s.losses[f]).reduce((a, b) => a + b, 0));
export { round3 };
