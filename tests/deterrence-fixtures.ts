/**
 * Fixtures shared by tests/deterrence-rules-*.test.ts, which test the rules that decide how
 * tempted Red is (DESIGN.md section 6; game/engine/deterrence.ts) directly: Red's judgement of US
 * and Japanese intervention, each rung's estimate (coercion, quarantine, blockade, strikes,
 * invasion), the cost, value and temptation of each option, the confidence shift of what Red
 * believes, and the monotonicity of the estimate in each of Blue's denial levers.
 *
 * Positions are a "lab": round 1 of takaichi-2025 with every unit removed and the tracks pinned,
 * then only the forces a test names put back, so each expectation follows from the rule and the
 * tables (read from game/data/tables.ts, so the tests keep passing while figures are tuned). Red
 * is given ISR over the whole map so that it sees every surface unit it is shown. The three worlds
 * Red weighs (no US; the US alone; the US and Japan) are isolated by the intervention chances: US
 * commitment 0 gives only the first, a US already intervening under a scenario in which Japan
 * never intervenes only the second, and a US intervening with Japan attacked (at blockade and
 * above) only the third.
 *
 * Mutants of deterrence.ts these tests leave alive because they cannot change an estimate:
 * the coalition test on the fires' and escorts' overlap (`c.us && c.japan` as `true` or `||`: a
 * faction outside the war fires and escorts nothing, so the smaller of the two is 0 anyway);
 * `s.escalation < RUNG.invasion` on the planned lift and troops (the invasion is weighed only
 * below its own rung); the early return of `believed` (its formula gives p back at a shift of 0
 * and at p = 0 or 1); `landed - ashore` in the invasion's losses (both grow by every wave, so it
 * is 0); and `total <= 0` in the opening suppression (with no Taiwanese ship or launcher the
 * undefined share multiplies no launcher).
 */
import {
  BLOCKADE,
  type DeterrenceOption,
  type DraftState,
  deterrenceEstimate,
  ESTIMATE,
  type Faction,
  GROUND,
  type MatchState,
  NAVAL,
  newMatch,
  RED_CALCULUS,
  RED_WEIGHTS,
  SALVO,
  type Scenario,
  salvoExpected,
} from '../game/index.ts';
import { addUnit, patch, scenario } from './helpers.ts';

export const tk = scenario('takaichi-2025');
/** The same scenario with Japan never intervening, or the US never intervening. */
export const japanOut: Scenario = { ...tk, constraints: { ...tk.constraints, japanIntervention: 'never' } };
export const usOut: Scenario = { ...tk, constraints: { ...tk.constraints, usIntervention: 'never' } };
/** The figures of game/data/tables.ts the tests read (so they keep passing while figures are tuned). */
export const W = RED_WEIGHTS;
export { BLOCKADE, ESTIMATE, GROUND, NAVAL, RED_CALCULUS };
export const HORIZON = RED_CALCULUS.horizonRounds.value;
export const start = newMatch(tk, { seed: 'deterrence-rules' });

let serial = 0;
/** Puts `strength` steps of a unit type in a zone. */
export function put(d: DraftState, type: string, faction: Faction, zone: string, strength: number): void {
  serial += 1;
  addUnit(d, { id: `lab-${serial}`, type, faction, zone, strength });
}

/**
 * An empty theatre at rung 0: no unit but a Chinese ISR aircraft over Fujian (seeing the whole
 * map), no stockpiles (a munition with no stockpile entry is not limited by one), Red's
 * confidence 0, no US commitment, Japan with no declaration, mid-range tracks.
 */
export function lab(edit: (d: DraftState) => void = () => {}): MatchState {
  return patch(start, (d) => {
    for (const id of Object.keys(d.units)) delete d.units[id];
    d.escalation = 0;
    Object.assign(d.china, {
      confidence: 0,
      standing: 50,
      domesticPressure: 0,
      coercionLevers: 0,
      aims: [0, 1, 2, 4, 5, 10],
    });
    Object.assign(d.us, { commitment: 0, credibility: 50, intervening: false });
    Object.assign(d.japan, { legalStatus: 'none', coalitionSeats: 233, publicSupport: 50 });
    Object.assign(d.alliance, { cohesion: 50, commandLevel: 0, consentGranted: false });
    Object.assign(d.flags, { usAttacked: false, japanAttacked: false });
    Object.assign(d.taiwan, { publicWill: 70, energyDays: 35, reserveMobilization: 0 });
    d.bonuses.interceptorPk = 0;
    d.bonuses.isrKm.china = 20_000;
    d.stockpiles.japan = {};
    d.stockpiles.us = {};
    d.stockpiles.china = {};
    d.stockpiles.taiwan = {};
    put(d, 'cn-isr', 'china', 'fujian', 1);
    edit(d);
  });
}

/** The US fights (and only the US, under `japanOut`). */
export const usFights = (d: DraftState): void => {
  d.us.intervening = true;
};
/** The US and Japan both fight for certain at blockade and above (Japan attacked, stance high). */
export const allFight = (d: DraftState): void => {
  d.us.intervening = true;
  d.flags.japanAttacked = true;
  d.japan.legalStatus = 'important-influence';
  d.alliance.cohesion = 100;
};

/** Red's own estimate of one rung's option. */
export function option(s: MatchState, rung: number, sc: Scenario = tk): DeterrenceOption {
  const o = deterrenceEstimate(s, sc, 'china').options.find((x) => x.rung === rung);
  if (!o) throw new Error(`no rung-${rung} option at rung ${s.escalation}`);
  return o;
}
export const success = (s: MatchState, rung: number, sc: Scenario = tk): number =>
  option(s, rung, sc).success;

/** Chance Taiwan's leaders concede at a public will (the estimate's logistic). */
export const concede = (will: number): number =>
  1 / (1 + Math.exp((will - W.concedeWill.value) / W.concedeSpread.value));
/** Chance an invasion breaks out at a landed-to-defence ratio. */
export const breakout = (ratio: number): number => ratio ** 2 / (ratio ** 2 + GROUND.breakoutRatio.value);
/** Expected hits of `shots` anti-ship missiles on ships crossing the strait against `interceptors` a round. */
export const crossingHits = (shots: number, interceptors = 0): number =>
  salvoExpected({
    shots,
    interceptors,
    terminalDefense: SALVO.terminalDefenseShip.value * W.escortTerminalDefence.value,
    ballistic: false,
  }).hits;
/** Steps put out of action by `missiles` ballistic missiles at a site (the opening strike). */
export const siteLosses = (missiles: number, hardening: number, interceptors = 0, pkBonus = 0): number =>
  salvoExpected({
    shots: missiles,
    interceptors,
    terminalDefense: SALVO.terminalDefenseLand.value,
    ballistic: true,
    pkBonus,
  }).hits *
  (1 - hardening) *
  ESTIMATE.stepsPerLeaker.value;
/** Mean share of a force left over the horizon when each round's strike takes `suppressed` of it. */
export const meanLeft = (suppressed: number): number => {
  let left = 0;
  for (let r = 1; r <= HORIZON; r++) left += (1 - suppressed) ** r / HORIZON;
  return left;
};
/** Public will after the horizon's crisis rounds when a share `cut` is interdicted and no stocks are left. */
export const willCut = (will: number, cut: number): number =>
  will - 2 * HORIZON * BLOCKADE.willLossPerShortfall.value * cut;

export const QUARANTINE = BLOCKADE.interdictionQuarantine.value;
export const FULL_BLOCKADE = BLOCKADE.interdictionBlockade.value;
export const ESCORT = BLOCKADE.escortWeight.value;
