/**
 * Salvo model (DESIGN.md section 8), after the CSIS 2023 anti-ship table: shots launch
 * with 85% reliability; each is engaged by two interceptors at Pk 0.7 while the
 * defenders' magazines last; 10% of leakers miss in terminal guidance; terminal
 * defense and EW stop 70% of the rest at a ship group. Against an Aegis group a
 * 25-missile salvo leaves about half a leaker. The same function runs with random
 * draws (adjudication) or at expected values (the deterrence check).
 */
import { SALVO } from '../data/tables.ts';
import type { Stream } from '../engine/rng.ts';

export interface SalvoInput {
  readonly shots: number;
  /** Interceptors available to the defense. */
  readonly interceptors: number;
  /** Share stopped by terminal defense and EW (ships 0.7, land 0.2); ballistic missiles face a tenth of it. */
  readonly terminalDefense: number;
  readonly ballistic: boolean;
  /** Additive bonus to interceptor Pk (IAMD program, shared ISR cueing). */
  readonly pkBonus?: number;
  /** Additive bonus to terminal accuracy for the attacker (shared targeting). */
  readonly accuracyBonus?: number;
}

export interface SalvoResult {
  readonly launched: number;
  readonly engaged: number;
  readonly interceptorsUsed: number;
  readonly hits: number;
}

/** Expected values of the salvo stages, no draws. */
export function salvoExpected(i: SalvoInput): SalvoResult {
  const launched = i.shots * SALVO.launchReliability.value;
  const per = SALVO.interceptorsPerMissile.value;
  const engaged = Math.min(launched, i.interceptors / per);
  const pk = Math.min(0.95, SALVO.interceptorPk.value + (i.pkBonus ?? 0));
  const survive = (1 - pk) ** per;
  const leakers = engaged * survive + (launched - engaged);
  const guided = leakers * Math.min(1, 1 - SALVO.terminalMiss.value + (i.accuracyBonus ?? 0));
  const td = i.ballistic ? i.terminalDefense * 0.1 : i.terminalDefense;
  return { launched, engaged, interceptorsUsed: engaged * per, hits: guided * (1 - td) };
}

/** The same stages as binomial draws from a keyed stream. */
export function salvoDraw(i: SalvoInput, s: Stream): SalvoResult {
  const launched = s.binomial(i.shots, SALVO.launchReliability.value);
  const per = SALVO.interceptorsPerMissile.value;
  const engaged = Math.min(launched, Math.floor(i.interceptors / per));
  const pk = Math.min(0.95, SALVO.interceptorPk.value + (i.pkBonus ?? 0));
  const survive = (1 - pk) ** per;
  const leakers = s.binomial(engaged, survive) + (launched - engaged);
  const guided = s.binomial(leakers, Math.min(1, 1 - SALVO.terminalMiss.value + (i.accuracyBonus ?? 0)));
  const td = i.ballistic ? i.terminalDefense * 0.1 : i.terminalDefense;
  return { launched, engaged, interceptorsUsed: engaged * per, hits: s.binomial(guided, 1 - td) };
}
