/**
 * The rules that decide how tempted Red is (DESIGN.md section 6; game/engine/deterrence.ts),
 * tested directly: Red's judgement of US and Japanese intervention, each rung's estimate
 * (coercion, quarantine, blockade, strikes, invasion), the cost, value and temptation of each
 * option, the confidence shift of what Red believes, and the monotonicity of the estimate in
 * each of Blue's denial levers.
 *
 * Positions are a "lab": round 1 of takaichi-2025 with every unit removed and the tracks pinned,
 * then only the forces a test names put back, so each expectation follows from the rule and the
 * tables (read from game/data/tables.ts, so the tests keep passing while figures are tuned).
 * Red is given ISR over the whole map so that it sees every surface unit it is shown. The three
 * worlds Red weighs (no US; the US alone; the US and Japan) are isolated by the intervention
 * chances: US commitment 0 gives only the first, a US already intervening under a scenario in
 * which Japan never intervenes only the second, and a US intervening with Japan attacked (at
 * blockade and above) only the third.
 */
import { describe, expect, it } from 'vitest';
import {
  COMMAND,
  type DeterrenceOption,
  type DraftState,
  deterrenceEstimate,
  type Faction,
  type LegalStatus,
  type MatchState,
  newMatch,
  ROUND_DAYS,
  RUNG,
  SALVO,
  type Scenario,
  salvoExpected,
} from '../game/index.ts';
import { addUnit, patch, scenario } from './helpers.ts';

const tk = scenario('takaichi-2025');
/** The same scenario with Japan never intervening, or the US never intervening. */
const japanOut: Scenario = { ...tk, constraints: { ...tk.constraints, japanIntervention: 'never' } };
const usOut: Scenario = { ...tk, constraints: { ...tk.constraints, usIntervention: 'never' } };
/**
 * The figures of game/data/tables.ts these rules read, as the tables give them today (the
 * engine's front door exports only COMMAND, SALVO and AIR): RED_WEIGHTS, RED_CALCULUS, ESTIMATE,
 * BLOCKADE, GROUND and NAVAL. A retuned figure is changed here once.
 */
const fig = <T>(value: T) => ({ value });
const W = {
  usCommitmentFloor: fig(0.5),
  usAttackedBoost: fig(0.5),
  japanAtWar: fig(0.95),
  japanStanceBase: fig(0.25),
  japanStancePerLegal: fig(0.15),
  japanCoalitionSwing: fig(0.1),
  japanAttackedBoost: fig(0.6),
  japanInterventionCost: fig(1),
  lossCost: fig(0.02),
  standingWeight: fig(0.5),
  standingBelowQuarantine: fig(0.3),
  concedeWill: fig(45),
  concedeSpread: fig(8),
  coercionWillCeiling: fig(70),
  coercionSpan: fig(60),
  coercionPerLever: fig(0.03),
  duplicateExpected: fig(0.5),
  liftBattalionsPerStep: fig(1.5),
  reinforceShare: fig(0.2),
  strikesWithUs: fig(0.5),
  strikesWithJapan: fig(0.8),
  escortTerminalDefence: fig(0.5),
};
const RED_CALCULUS = {
  horizonRounds: fig(3),
  economicCost: fig([0, 0.3, 0.8, 1.5, 2.5, 3.5] as const),
  interventionCost: fig([0, 0, 0.5, 1.2, 2.5, 3] as const),
  usInterventionByRung: fig([0, 0.2, 0.6, 0.9, 1.15, 1.3] as const),
  japanInterventionByRung: fig([0, 0.2, 0.5, 0.8, 1.1, 1.2] as const),
};
const ESTIMATE = {
  invasionLiftSteps: fig(18),
  invasionTroopSteps: fig(58),
  openingStrikeShare: fig(0.4),
  stepsPerLeaker: fig(0.5),
  blockadeHoldPerHit: fig(1),
};
const BLOCKADE = {
  partialShortfall: fig(0.25),
  interdictionQuarantine: fig(0.3),
  interdictionBlockade: fig(0.85),
  escortWeight: fig(0.5),
  willLossPerShortfall: fig(18),
};
const GROUND = { defenderMultiplier: fig(1.5), breakoutRatio: fig(3) };
const NAVAL = { submarineHitsPerStep: fig(0.6) };
const HORIZON = RED_CALCULUS.horizonRounds.value;
const start = newMatch(tk, { seed: 'deterrence-rules' });

let serial = 0;
/** Puts `strength` steps of a unit type in a zone. */
function put(d: DraftState, type: string, faction: Faction, zone: string, strength: number): void {
  serial += 1;
  addUnit(d, { id: `lab-${serial}`, type, faction, zone, strength });
}

/**
 * An empty theatre at rung 0: no unit but a Chinese ISR aircraft over Fujian (seeing the whole
 * map), no stockpiles (a munition with no stockpile entry is not limited by one), Red's
 * confidence 0, no US commitment, Japan with no declaration, mid-range tracks.
 */
function lab(edit: (d: DraftState) => void = () => {}): MatchState {
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
const usFights = (d: DraftState): void => {
  d.us.intervening = true;
};
/** The US and Japan both fight for certain at blockade and above (Japan attacked, stance high). */
const allFight = (d: DraftState): void => {
  d.us.intervening = true;
  d.flags.japanAttacked = true;
  d.japan.legalStatus = 'important-influence';
  d.alliance.cohesion = 100;
};

/** Red's own estimate of one rung's option. */
function option(s: MatchState, rung: number, sc: Scenario = tk): DeterrenceOption {
  const o = deterrenceEstimate(s, sc, 'china').options.find((x) => x.rung === rung);
  if (!o) throw new Error(`no rung-${rung} option at rung ${s.escalation}`);
  return o;
}
const success = (s: MatchState, rung: number, sc: Scenario = tk): number => option(s, rung, sc).success;

/** Chance Taiwan's leaders concede at a public will (the estimate's logistic). */
const concede = (will: number): number =>
  1 / (1 + Math.exp((will - W.concedeWill.value) / W.concedeSpread.value));
/** Chance an invasion breaks out at a landed-to-defence ratio. */
const breakout = (ratio: number): number => ratio ** 2 / (ratio ** 2 + GROUND.breakoutRatio.value);
/** Expected hits of `shots` anti-ship missiles on ships crossing the strait against `interceptors` a round. */
const crossingHits = (shots: number, interceptors = 0): number =>
  salvoExpected({
    shots,
    interceptors,
    terminalDefense: SALVO.terminalDefenseShip.value * W.escortTerminalDefence.value,
    ballistic: false,
  }).hits;
/** Steps put out of action by `missiles` ballistic missiles at a site (the opening strike). */
const siteLosses = (missiles: number, hardening: number, interceptors = 0, pkBonus = 0): number =>
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
const meanLeft = (suppressed: number): number => {
  let left = 0;
  for (let r = 1; r <= HORIZON; r++) left += (1 - suppressed) ** r / HORIZON;
  return left;
};
/** Public will after the horizon's crisis rounds when a share `cut` is interdicted and no stocks are left. */
const willCut = (will: number, cut: number): number =>
  will - 2 * HORIZON * BLOCKADE.willLossPerShortfall.value * cut;

const QUARANTINE = BLOCKADE.interdictionQuarantine.value;
const FULL_BLOCKADE = BLOCKADE.interdictionBlockade.value;
const ESCORT = BLOCKADE.escortWeight.value;

describe("Red's judgement of US intervention (the interventionChance of each option)", () => {
  /** The chance of US intervention Red reports with its option at `rung` (quarantine and up). */
  const at = (edit: (d: DraftState) => void, rung: number, sc: Scenario = tk): number =>
    option(lab(edit), rung, sc).interventionChance;
  const byRung = RED_CALCULUS.usInterventionByRung.value;
  const sixty = (d: DraftState) => {
    d.us.commitment = 60;
    d.us.credibility = 60;
  };

  it('is commitment × (floor + credibility / 200) × the rung’s schedule', () => {
    for (const rung of [2, 3, 4, 5])
      expect(at(sixty, rung)).toBeCloseTo(0.6 * (W.usCommitmentFloor.value + 60 / 200) * byRung[rung]!, 3);
  });

  it('rises with commitment and with credibility; at credibility 0 the floor scales commitment', () => {
    const byCommitment = [0, 20, 50, 80].map((c) => at((d) => (d.us.commitment = c), 3));
    expect(byCommitment[0]).toBe(0);
    for (let i = 1; i < byCommitment.length; i++)
      expect(byCommitment[i]).toBeGreaterThan(byCommitment[i - 1]!);
    const byCredibility = [0, 30, 60, 100].map((c) =>
      at((d) => {
        d.us.commitment = 50;
        d.us.credibility = c;
      }, 3),
    );
    for (let i = 1; i < byCredibility.length; i++)
      expect(byCredibility[i]).toBeGreaterThan(byCredibility[i - 1]!);
    expect(byCredibility[0]).toBeCloseTo(0.5 * W.usCommitmentFloor.value * byRung[3]!, 3);
  });

  it('an attack on US forces adds its boost, and the chance stops at 1', () => {
    const attacked = (d: DraftState) => {
      sixty(d);
      d.flags.usAttacked = true;
    };
    expect(at(attacked, 2) - at(sixty, 2)).toBeCloseTo(W.usAttackedBoost.value, 3);
    expect(at(attacked, 5)).toBe(1);
    expect(at(sixty, 5)).toBeLessThan(1);
  });

  it('a US already intervening is certain at every rung; a scenario where it never does, never', () => {
    const everything = (d: DraftState) => {
      d.us.intervening = true;
      d.us.commitment = 100;
      d.flags.usAttacked = true;
    };
    for (const rung of [2, 3, 4, 5]) {
      expect(at(usFights, rung)).toBe(1);
      expect(at(everything, rung, usOut)).toBe(0);
    }
  });
});

describe("Red's judgement of Japanese intervention (read from the cost of strikes and invasion)", () => {
  /** Japan's chance of intervening at strikes or invasion: its share of the option's cost (weight 1). */
  const at = (edit: (d: DraftState) => void, rung: number): number => {
    const s = lab(edit);
    return (option(s, rung, tk).cost - option(s, rung, japanOut).cost) / W.japanInterventionCost.value;
  };
  const byRung = RED_CALCULUS.japanInterventionByRung.value;
  const stance = (legal: number, cohesion: number, majority: boolean): number =>
    W.japanStanceBase.value +
    legal * W.japanStancePerLegal.value +
    (cohesion - 50) / 200 +
    (majority ? 1 : -1) * W.japanCoalitionSwing.value;

  it('without a war declaration: a stance from legal status, cohesion and the coalition, scaled by rung', () => {
    for (const rung of [4, 5]) {
      expect(at(() => {}, rung)).toBeCloseTo(stance(0, 50, true) * byRung[rung]!, 2);
      expect(at((d) => (d.japan.legalStatus = 'important-influence'), rung)).toBeCloseTo(
        stance(1, 50, true) * byRung[rung]!,
        2,
      );
    }
    expect(at((d) => (d.alliance.cohesion = 90), 4)).toBeCloseTo(stance(0, 90, true) * byRung[4]!, 2);
    expect(at((d) => (d.alliance.cohesion = 20), 4)).toBeCloseTo(stance(0, 20, true) * byRung[4]!, 2);
  });

  it('a majority is 233 seats: one fewer swings the stance down', () => {
    const seats = (n: number) => at((d) => (d.japan.coalitionSeats = n), 4);
    expect(seats(233)).toBeCloseTo(stance(0, 50, true) * byRung[4]!, 2);
    expect(seats(232)).toBeCloseTo(stance(0, 50, false) * byRung[4]!, 2);
    expect(seats(300)).toBe(seats(233));
  });

  it('once survival-threatening or armed attack is declared, Japan is at war whatever the rung', () => {
    for (const status of ['survival-threatening', 'armed-attack'] as LegalStatus[])
      for (const rung of [4, 5])
        expect(
          at((d) => {
            d.japan.legalStatus = status;
            d.alliance.cohesion = 0;
            d.japan.coalitionSeats = 100;
          }, rung),
        ).toBeCloseTo(W.japanAtWar.value, 2);
  });

  it('an attack on Japan adds its boost; the chance stays within 0 and 1', () => {
    const low = (d: DraftState) => {
      d.alliance.cohesion = 20;
      d.japan.coalitionSeats = 200;
    };
    expect(
      at((d) => {
        low(d);
        d.flags.japanAttacked = true;
      }, 4) - at(low, 4),
    ).toBeCloseTo(W.japanAttackedBoost.value, 2);
    expect(
      at((d) => {
        d.alliance.cohesion = 0;
        d.japan.coalitionSeats = 200;
      }, 4),
    ).toBeCloseTo(0, 3);
    expect(at(allFight, 4)).toBeCloseTo(1, 3);
  });

  it('a scenario where Japan never intervenes gives 0, even at war: its declaration adds nothing to the cost', () => {
    const atWar = lab((d) => (d.japan.legalStatus = 'armed-attack'));
    expect(option(atWar, 5, japanOut).cost).toBe(option(lab(), 5, japanOut).cost);
    expect(option(atWar, 5, tk).cost - option(atWar, 5, japanOut).cost).toBeCloseTo(W.japanAtWar.value, 2);
  });
});

describe('coercion (rung 1): the weakest of Japan’s support and Taiwan’s will, and Red’s levers', () => {
  const coercion = (edit: (d: DraftState) => void): number => success(lab(edit), RUNG.coercion);
  const expected = (weakest: number, levers: number): number =>
    (W.coercionWillCeiling.value - weakest) / W.coercionSpan.value + levers * W.coercionPerLever.value;

  it('Japan’s support (adjusted by the coalition’s seats) when it is the weaker', () => {
    expect(
      coercion((d) => {
        d.japan.publicSupport = 50;
        d.taiwan.publicWill = 60;
        d.china.coercionLevers = 2;
      }),
    ).toBeCloseTo(expected(50, 2), 3);
    // Each seat above 233 counts half a point of support; each below, against it.
    expect(
      coercion((d) => {
        d.japan.publicSupport = 50;
        d.japan.coalitionSeats = 253;
        d.taiwan.publicWill = 80;
      }),
    ).toBeCloseTo(expected(60, 0), 3);
    expect(
      coercion((d) => {
        d.japan.publicSupport = 50;
        d.japan.coalitionSeats = 213;
        d.taiwan.publicWill = 80;
      }),
    ).toBeCloseTo(expected(40, 0), 3);
  });

  it('Taiwan’s will when it is the weaker', () => {
    expect(
      coercion((d) => {
        d.japan.publicSupport = 65;
        d.taiwan.publicWill = 40;
      }),
    ).toBeCloseTo(expected(40, 0), 3);
  });

  it('each economic lever adds the same, and the chance stays within 0 and 1', () => {
    const byLevers = [0, 1, 2, 3].map((n) =>
      coercion((d) => {
        d.china.coercionLevers = n;
        d.japan.publicSupport = 55;
      }),
    );
    for (let i = 1; i < byLevers.length; i++)
      expect(byLevers[i]! - byLevers[i - 1]!).toBeCloseTo(W.coercionPerLever.value, 3);
    expect(
      coercion((d) => {
        d.japan.publicSupport = 5;
        d.china.coercionLevers = 4;
      }),
    ).toBe(1);
    expect(
      coercion((d) => {
        d.japan.publicSupport = 95;
        d.taiwan.publicWill = 95;
      }),
    ).toBe(0);
  });

  it('owes nothing to the military balance or to US commitment', () => {
    const bare = coercion((d) => (d.japan.publicSupport = 55));
    expect(
      coercion((d) => {
        d.japan.publicSupport = 55;
        d.us.commitment = 100;
        put(d, 'tw-navy', 'taiwan', 'taipei', 20);
        put(d, 'cn-ddg', 'china', 'bashi-channel', 20);
      }),
    ).toBe(bare);
  });
});

describe('what Red believes: its confidence shifts the estimate in log-odds', () => {
  /** Coercion at a computed chance of one half (weakest 40, no lever). */
  const half = (confidence: number, weakest = 40) =>
    success(
      lab((d) => {
        d.japan.publicSupport = weakest;
        d.china.confidence = confidence;
      }),
      RUNG.coercion,
    );

  it('at even odds, confidence c gives 1 / (1 + e^−c)', () => {
    for (const c of [-2, -1, 0, 0.5, 1, 2]) expect(half(c)).toBeCloseTo(1 / (1 + Math.exp(-c)), 3);
  });

  it('shifts the odds multiplicatively away from even odds too', () => {
    // Weakest 55: computed chance 0.25, odds 1:3; a shift of 1 multiplies the odds by e.
    expect(half(0, 55)).toBeCloseTo(0.25, 3);
    expect(half(1, 55)).toBeCloseTo(1 / (1 + 3 * Math.exp(-1)), 3);
    expect(half(-1, 55)).toBeCloseTo(1 / (1 + 3 * Math.exp(1)), 3);
  });

  it('certainty and impossibility are not shifted', () => {
    expect(half(-3, 5)).toBe(1);
    expect(half(3, 95)).toBe(0);
  });

  it('more confidence raises every uncertain option, less lowers it', () => {
    const at = (c: number) =>
      deterrenceEstimate(
        lab((d) => {
          d.china.confidence = c;
          d.japan.publicSupport = 45;
          d.taiwan.publicWill = 55;
          put(d, 'cn-ddg', 'china', 'bashi-channel', 10);
          put(d, 'tw-army', 'taiwan', 'taichung', 30);
          put(d, 'tw-fighter', 'taiwan', 'taipei', 20);
          d.stockpiles.china.srbm = 40;
        }),
        tk,
        'china',
      ).options;
    const [low, mid, high] = [at(-1), at(0), at(1)];
    for (const o of mid) {
      expect(o.success, `rung ${o.rung}`).toBeGreaterThan(0);
      expect(o.success, `rung ${o.rung}`).toBeLessThan(1);
      expect(high.find((x) => x.rung === o.rung)!.success).toBeGreaterThan(o.success);
      expect(low.find((x) => x.rung === o.rung)!.success).toBeLessThan(o.success);
    }
  });
});

describe('cost, value and temptation of each option', () => {
  const econ = RED_CALCULUS.economicCost.value;
  const intervention = RED_CALCULUS.interventionCost.value;
  const pUs = (rung: number) =>
    0.6 * (W.usCommitmentFloor.value + 0.3) * RED_CALCULUS.usInterventionByRung.value[rung]!;
  const pJp = (rung: number) =>
    (W.japanStanceBase.value + W.japanCoalitionSwing.value) *
    RED_CALCULUS.japanInterventionByRung.value[rung]!;
  const s = lab((d) => {
    d.us.commitment = 60;
    d.us.credibility = 60;
    d.china.standing = 40;
    d.china.domesticPressure = 50;
  });
  const options = deterrenceEstimate(s, tk, 'china').options;

  it('cost = sanctions + lost standing + the chance of US (and from strikes, Japanese) war × its cost', () => {
    const standing = 0.6 * W.standingWeight.value;
    const expected = [
      econ[1] + standing * W.standingBelowQuarantine.value,
      econ[2] + standing + pUs(2) * intervention[2],
      econ[3] + standing + pUs(3) * intervention[3],
      econ[4] + standing + pUs(4) * intervention[4] + pJp(4) * W.japanInterventionCost.value,
      econ[5] + standing + pUs(5) * intervention[5] + pJp(5) * W.japanInterventionCost.value,
    ];
    expect(options.map((o) => o.rung)).toEqual([1, 2, 3, 4, 5]);
    for (const o of options) {
      expect(o.expectedLosses, `rung ${o.rung}`).toBe(0);
      expect(o.cost, `rung ${o.rung}`).toBeCloseTo(expected[o.rung - 1]!, 3);
    }
  });

  it('reports the chance of US intervention from the quarantine up, none for coercion', () => {
    expect(options[0]!.interventionChance).toBe(0);
    for (const o of options.slice(1)) expect(o.interventionChance).toBeCloseTo(pUs(o.rung), 3);
  });

  it('value = the aim at that rung × (1 + domestic pressure / 200); temptation = value × success − cost', () => {
    const aims = [0, 1, 2, 4, 5, 10];
    for (const o of options) {
      expect(o.value).toBeCloseTo(aims[o.rung]! * 1.25, 3);
      expect(o.temptation).toBeCloseTo(o.value * o.success - o.cost, 2);
    }
  });

  it('every figure is given to three decimals', () => {
    const thousandths = (x: number) => Math.abs(x * 1000 - Math.round(x * 1000)) < 1e-6;
    for (const o of options)
      for (const x of [o.value, o.success, o.expectedLosses, o.cost, o.interventionChance, o.temptation])
        expect(thousandths(x), `rung ${o.rung}: ${x}`).toBe(true);
  });

  it('full standing costs nothing; the lower it is, the dearer every option', () => {
    const cost = (standing: number) =>
      deterrenceEstimate(
        lab((d) => (d.china.standing = standing)),
        tk,
        'china',
      ).options.map((o) => o.cost);
    const [full, half, none] = [cost(100), cost(50), cost(0)];
    // With no US commitment only sanctions remain below strikes (and Japan's chance of war from strikes).
    expect(full.slice(0, 3)).toEqual(econ.slice(1, 4));
    for (let r = 0; r < 5; r++) {
      expect(half[r]).toBeGreaterThan(full[r]!);
      expect(none[r]).toBeGreaterThan(half[r]!);
    }
    expect(none[0]! - full[0]!).toBeCloseTo(W.standingWeight.value * W.standingBelowQuarantine.value, 3);
    expect(none[1]! - full[1]!).toBeCloseTo(W.standingWeight.value, 3);
  });

  it('Japan’s readiness to fight raises the cost of strikes and invasion only', () => {
    const cost = (cohesion: number) =>
      deterrenceEstimate(
        lab((d) => (d.alliance.cohesion = cohesion)),
        tk,
        'china',
      ).options.map((o) => o.cost);
    const [low, high] = [cost(30), cost(90)];
    expect(high.slice(0, 3)).toEqual(low.slice(0, 3));
    expect(high[3]! - low[3]!).toBeCloseTo((60 / 200) * RED_CALCULUS.japanInterventionByRung.value[4], 3);
    expect(high[4]! - low[4]!).toBeCloseTo((60 / 200) * RED_CALCULUS.japanInterventionByRung.value[5], 3);
  });

  it('only the rungs above the current one are offered, and the best is the most tempting', () => {
    const at3 = patch(s, (d) => (d.escalation = 3));
    const est = deterrenceEstimate(at3, tk, 'china');
    expect(est.current).toBe(3);
    expect(est.options.map((o) => o.rung)).toEqual([4, 5]);
    expect(est.best).toEqual(est.options.reduce((a, b) => (b.temptation > a.temptation ? b : a)));
    expect(est.margin).toBeCloseTo(est.resolve - est.best!.temptation, 3);
  });
});

describe('quarantine and blockade (rungs 2 and 3)', () => {
  /** Red's estimate at rungs 2 and 3 in a lab edited by `edit`. */
  const both = (edit: (d: DraftState) => void, sc: Scenario = tk): [number, number] => {
    const s = lab(edit);
    return [success(s, RUNG.quarantine, sc), success(s, RUNG.blockade, sc)];
  };
  /** Ten Chinese destroyers enforcing from the Bashi Channel (20 steps' worth: outside the crossing). */
  const enforcers = (d: DraftState): void => put(d, 'cn-ddg', 'china', 'bashi-channel', 10);
  const ENFORCING = 20;

  it('with nothing enforcing, nothing is cut: Taiwan concedes only as its will already stands', () => {
    expect(both((d) => (d.taiwan.publicWill = 45))).toEqual([0.5, 0.5]);
    const [q, b] = both((d) => (d.taiwan.publicWill = 61));
    expect(q).toBeCloseTo(concede(61), 3);
    expect(b).toBeCloseTo(concede(61), 3);
  });

  it('unopposed with Taiwan’s stocks gone, a quarantine cuts its share and a blockade more, all of it felt', () => {
    const [q] = both((d) => {
      enforcers(d);
      d.taiwan.energyDays = 0;
    });
    expect(q).toBeCloseTo(concede(willCut(70, QUARANTINE)), 3);
    const [, b] = both((d) => {
      enforcers(d);
      d.taiwan.energyDays = 0;
      d.taiwan.publicWill = 100;
    });
    expect(b).toBeCloseTo(concede(willCut(100, FULL_BLOCKADE)), 3);
  });

  it('while Taiwan’s energy stocks last only part of the cut is felt; they run down a crisis round at a time', () => {
    const felt = BLOCKADE.partialShortfall.value;
    const [q] = both((d) => {
      enforcers(d);
      d.taiwan.energyDays = 10_000;
    });
    expect(q).toBeCloseTo(concede(willCut(70, QUARANTINE * felt)), 3);
    // 14 days at 85% cut: a crisis round uses 7 × 0.85 = 5.95 days, so two rounds are felt in part
    // and the four after them in full.
    const perRound = ROUND_DAYS.crisis * FULL_BLOCKADE;
    const partialRounds = Math.ceil(14 / perRound);
    expect(partialRounds).toBe(3);
    const [, b] = both((d) => {
      enforcers(d);
      d.taiwan.energyDays = 14;
      d.taiwan.publicWill = 100;
    });
    const loss =
      BLOCKADE.willLossPerShortfall.value *
      FULL_BLOCKADE *
      ((partialRounds - 1) * felt + (2 * HORIZON - partialRounds + 1));
    expect(b).toBeCloseTo(concede(100 - loss), 3);
    // More energy in store: the estimate falls until the stocks outlast the horizon.
    const days = (n: number) =>
      both((d) => {
        enforcers(d);
        d.taiwan.energyDays = n;
        d.taiwan.publicWill = 60;
      })[0];
    const quarantineLasts = 2 * HORIZON * ROUND_DAYS.crisis * QUARANTINE;
    expect(days(0)).toBeGreaterThan(days(4));
    expect(days(4)).toBeGreaterThan(days(quarantineLasts - 1));
    expect(days(quarantineLasts - 1)).toBeGreaterThan(days(quarantineLasts + 1));
    expect(days(quarantineLasts + 1)).toBe(days(1000));
  });

  it('escorts contest the lanes in proportion: enforcing / (enforcing + weight × escorts)', () => {
    const quarantine = (escortSteps: number) =>
      both((d) => {
        enforcers(d);
        d.taiwan.energyDays = 0;
        if (escortSteps > 0) put(d, 'tw-navy', 'taiwan', 'taipei', escortSteps);
      })[0];
    const contest = (e: number) => ENFORCING / (ENFORCING + ESCORT * e);
    for (const e of [10, 20, 40])
      expect(quarantine(e)).toBeCloseTo(concede(willCut(70, QUARANTINE * contest(e))), 3);
    const steps = [0, 5, 10, 20, 40].map(quarantine);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1]!);
  });

  it('Red’s enforcing force counts surface ships, coast guard and submarines by their hits per step, not amphibious ships', () => {
    const quarantine = (red: (d: DraftState) => void) =>
      both((d) => {
        red(d);
        d.taiwan.energyDays = 0;
        put(d, 'tw-navy', 'taiwan', 'taipei', 20);
      })[0];
    const ddg = quarantine((d) => put(d, 'cn-ddg', 'china', 'bashi-channel', 10));
    expect(ddg).toBeCloseTo(concede(willCut(70, QUARANTINE * (20 / 30))), 3);
    expect(quarantine((d) => put(d, 'cn-ccg', 'china', 'bashi-channel', 20))).toBe(ddg);
    expect(quarantine((d) => put(d, 'cn-ss', 'china', 'bashi-channel', 20))).toBe(ddg);
    expect(
      quarantine((d) => {
        put(d, 'cn-ddg', 'china', 'bashi-channel', 10);
        put(d, 'cn-amphib', 'china', 'fujian', 10);
        put(d, 'cn-fighter', 'china', 'fujian', 10);
      }),
    ).toBe(ddg);
    const half = quarantine((d) => put(d, 'cn-ccg', 'china', 'bashi-channel', 10));
    expect(half).toBeCloseTo(concede(willCut(70, QUARANTINE * (10 / 20))), 3);
    expect(half).toBeLessThan(ddg);
  });

  it('a token force under one step interdicts in proportion to its size', () => {
    const [q] = both((d) => {
      put(d, 'cn-ccg', 'china', 'bashi-channel', 0.5);
      d.taiwan.energyDays = 0;
    });
    expect(q).toBeCloseTo(concede(willCut(70, QUARANTINE * 0.5)), 3);
  });

  it('escorts count only within reach of the lanes (under 1,500 km)', () => {
    const quarantine = (zone: string) =>
      both((d) => {
        enforcers(d);
        d.taiwan.energyDays = 0;
        put(d, 'tw-navy', 'taiwan', zone, 20);
      })[0];
    const bare = both((d) => {
      enforcers(d);
      d.taiwan.energyDays = 0;
    })[0];
    expect(quarantine('kanto')).toBe(bare);
    expect(quarantine('kyushu')).toBeLessThan(bare);
    expect(quarantine('kyushu')).toBe(quarantine('taipei'));
  });

  it('US escorts count only where the US fights, Japan’s only where Japan does; together as well as command deconflicts them', () => {
    const blockade = (edit: (d: DraftState) => void, sc: Scenario = tk) =>
      both((d) => {
        enforcers(d);
        d.taiwan.energyDays = 0;
        d.taiwan.publicWill = 100;
        // Blue's ships without missiles: the escorts alone.
        d.stockpiles.us = { 'sm-6': 0, tomahawk: 0 };
        d.stockpiles.japan = { harpoon: 0, tomahawk: 0 };
        edit(d);
      }, sc)[1];
    const expected = (escorts: number) =>
      concede(willCut(100, FULL_BLOCKADE * (ENFORCING / (ENFORCING + ESCORT * escorts))));
    const usShips = (d: DraftState) => put(d, 'us-ddg', 'us', 'philippine-sea-west', 10);
    const jpShips = (d: DraftState) => put(d, 'jp-ddg', 'japan', 'okinawa', 10);
    const bare = blockade(() => {});
    expect(bare).toBeCloseTo(expected(0), 3);
    // No US commitment: US ships are no escorts.
    expect(blockade(usShips)).toBe(bare);
    // The US alone: its ships escort; Japan's do not.
    expect(
      blockade((d) => {
        usFights(d);
        usShips(d);
        jpShips(d);
      }, japanOut),
    ).toBeCloseTo(expected(10), 3);
    // Both fight: each level of the command architecture wastes less of the two navies.
    const together = (level: number) =>
      blockade((d) => {
        allFight(d);
        usShips(d);
        jpShips(d);
        d.alliance.commandLevel = level;
      });
    const waste = (failure: number) => 1 - failure * COMMAND.deconflictWaste.value;
    expect(together(0)).toBeCloseTo(expected(20 * waste(COMMAND.deconflictFailure0.value)), 3);
    expect(together(1)).toBeCloseTo(expected(20 * waste(COMMAND.deconflictFailure1.value)), 3);
    expect(together(2)).toBeCloseTo(expected(20), 3);
    expect(together(0)).toBeGreaterThan(together(1));
    expect(together(1)).toBeGreaterThan(together(2));
    // Taiwan's navy escorts in full at any level.
    expect(
      blockade((d) => {
        allFight(d);
        put(d, 'tw-navy', 'taiwan', 'taipei', 20);
        d.stockpiles.taiwan = { 'hf-3': 0 };
      }),
    ).toBeCloseTo(expected(20), 3);
  });

  it('Blue’s anti-ship hits take enforcing ships off station: Taiwan’s against a blockade even where the US stays out', () => {
    const hf3 = (stock: number, will = 100) =>
      both((d) => {
        enforcers(d);
        d.taiwan.energyDays = 0;
        d.taiwan.publicWill = will;
        put(d, 'tw-coastal', 'taiwan', 'taichung', 5);
        d.stockpiles.taiwan = { 'hf-3': stock, harpoon: 0 };
      });
    // Five launchers want 2 × 5 = 10 HF-3 a round; 300 in stock allow 100 a round.
    const hold = 1 - (ESTIMATE.blockadeHoldPerHit.value * crossingHits(10)) / ENFORCING;
    const [q, b] = hf3(300);
    expect(b).toBeCloseTo(concede(willCut(100, FULL_BLOCKADE * hold)), 3);
    // A quarantine is not an act of war: Taiwan's fires do not lift it where the US stays out.
    expect(q).toBe(hf3(0)[0]);
    expect(q).toBeCloseTo(concede(willCut(100, QUARANTINE)), 3);
    // Fires heavy enough take every enforcing ship off station: nothing is cut.
    const overwhelming = both((d) => {
      enforcers(d);
      d.taiwan.energyDays = 0;
      d.taiwan.publicWill = 50;
      put(d, 'tw-coastal', 'taiwan', 'taichung', 50);
      d.stockpiles.taiwan = { harpoon: 0 };
    })[1];
    expect(crossingHits(100)).toBeGreaterThan(ENFORCING);
    expect(overwhelming).toBeCloseTo(concede(50), 3);
  });

  it('a token enforcing force is held by hits as if it were one step', () => {
    const b = both((d) => {
      put(d, 'cn-ccg', 'china', 'bashi-channel', 0.5);
      d.taiwan.energyDays = 0;
      d.taiwan.publicWill = 100;
      put(d, 'tw-coastal', 'taiwan', 'taichung', 0.5);
      d.stockpiles.taiwan = { harpoon: 0 };
    })[1];
    expect(b).toBeCloseTo(concede(willCut(100, FULL_BLOCKADE * 0.5 * (1 - crossingHits(1)))), 3);
  });

  it('the US’s fires lift a quarantine where the US fights', () => {
    const quarantine = (stock: number) =>
      both((d) => {
        usFights(d);
        enforcers(d);
        d.taiwan.energyDays = 0;
        put(d, 'us-ddg', 'us', 'philippine-sea-west', 1);
        d.stockpiles.us = { 'sm-6': 0, tomahawk: stock };
      }, japanOut)[0];
    // One destroyer escorts (weight 1) and wants 8 Tomahawks a round.
    const contest = ENFORCING / (ENFORCING + ESCORT);
    expect(quarantine(0)).toBeCloseTo(concede(willCut(70, QUARANTINE * contest)), 3);
    const hold = 1 - crossingHits(8) / ENFORCING;
    expect(quarantine(300)).toBeCloseTo(concede(willCut(70, QUARANTINE * contest * hold)), 3);
  });
});

describe('Blue’s anti-ship fires on the crossing (read through the blockade’s hold)', () => {
  /**
   * Red's blockade estimate with 10 destroyers enforcing from the Bashi Channel, Taiwan's stocks
   * gone, will 100, and Blue's forces from `edit`; and the same estimate computed from a number
   * of hits a round.
   */
  const blockade = (edit: (d: DraftState) => void, sc: Scenario = tk): number =>
    success(
      lab((d) => {
        put(d, 'cn-ddg', 'china', 'bashi-channel', 10);
        d.taiwan.energyDays = 0;
        d.taiwan.publicWill = 100;
        edit(d);
      }),
      RUNG.blockade,
      sc,
    );
  const fromHits = (hits: number): number =>
    concede(willCut(100, FULL_BLOCKADE * Math.max(0, 1 - hits / 20)));
  const coastal =
    (zone: string, steps = 5) =>
    (d: DraftState) =>
      put(d, 'tw-coastal', 'taiwan', zone, steps);

  it('each faction’s launchers share its stock, at most a third of it a round', () => {
    const at = (stock: number) =>
      blockade((d) => {
        coastal('taichung')(d);
        coastal('taichung')(d);
        d.stockpiles.taiwan = { 'hf-3': stock, harpoon: 0 };
      });
    // Ten launchers want 20 HF-3 a round.
    expect(at(15)).toBeCloseTo(fromHits(crossingHits(5)), 3);
    expect(at(30)).toBeCloseTo(fromHits(crossingHits(10)), 3);
    expect(at(300)).toBeCloseTo(fromHits(crossingHits(20)), 3);
    expect(at(15)).toBeGreaterThan(at(30));
    expect(at(30)).toBeGreaterThan(at(300));
  });

  it('a munition with no stockpile entry fires all the launchers want', () => {
    expect(
      blockade((d) => {
        coastal('taichung')(d);
        d.stockpiles.taiwan = { 'hf-3': 0 };
      }),
    ).toBeCloseTo(fromHits(crossingHits(20)), 3);
  });

  it('only launchers in range of the crossing fire: Harpoon from Taichung, not from Taipei; HF-3 from both, not from Okinawa', () => {
    const harpoonOnly = (zone: string) =>
      blockade((d) => {
        coastal(zone)(d);
        d.stockpiles.taiwan = { 'hf-3': 0, harpoon: 300 };
      });
    expect(harpoonOnly('taichung')).toBeCloseTo(fromHits(crossingHits(20)), 3);
    expect(harpoonOnly('taipei')).toBeCloseTo(fromHits(0), 3);
    const hf3Only = (zone: string) =>
      blockade((d) => {
        coastal(zone)(d);
        d.stockpiles.taiwan = { 'hf-3': 300, harpoon: 0 };
      });
    expect(hf3Only('taipei')).toBeCloseTo(fromHits(crossingHits(10)), 3);
    expect(hf3Only('okinawa')).toBeCloseTo(fromHits(0), 3);
  });

  it('Red’s surface ships in the crossing or at the embarkation defend it; elsewhere, or not surface ships, they do not', () => {
    const at = (red: (d: DraftState) => void) =>
      blockade((d) => {
        coastal('taichung')(d);
        d.stockpiles.taiwan = { 'hf-3': 300, harpoon: 0 };
        red(d);
      });
    const open = at(() => {});
    expect(open).toBeCloseTo(fromHits(crossingHits(10)), 3);
    // Six more destroyers in the strait: 6 × 32 interceptors over the horizon.
    const defended = fromHits(crossingHits(10, (6 * 32) / HORIZON));
    const inStrait = at((d) => {
      put(d, 'cn-ddg', 'china', 'taiwan-strait-north', 3);
      put(d, 'cn-ddg', 'china', 'taiwan-strait-south', 3);
    });
    // They enforce too (26 steps' worth): compare with the same ships enforcing from elsewhere.
    const elsewhere = at((d) => put(d, 'cn-ddg', 'china', 'scs-north', 6));
    const fromHits26 = (h: number) => concede(willCut(100, FULL_BLOCKADE * Math.max(0, 1 - h / 32)));
    expect(elsewhere).toBeCloseTo(fromHits26(crossingHits(10)), 3);
    expect(inStrait).toBeCloseTo(fromHits26(crossingHits(10, (6 * 32) / HORIZON)), 3);
    expect(inStrait).toBeGreaterThan(elsewhere);
    expect(at((d) => put(d, 'cn-ddg', 'china', 'fujian', 6))).toBe(inStrait);
    expect(defended).toBeGreaterThan(open);
    // Amphibious ships in the strait carry interceptors but are no escort of the crossing here.
    expect(at((d) => put(d, 'cn-amphib', 'china', 'taiwan-strait-north', 10))).toBe(open);
  });

  it('aircraft add their combat radius to the weapon’s reach; ships do not; land-attack missiles do not count', () => {
    const usAlone = (edit: (d: DraftState) => void) =>
      blockade((d) => {
        usFights(d);
        d.stockpiles.us = { lrasm: 300 };
        edit(d);
      }, japanOut);
    // Ten fighters want 0.1 × 10 = 1 LRASM a round (their JASSM-ER, with no stock limit, is land attack).
    expect(usAlone((d) => put(d, 'us-fighter', 'us', 'philippine-sea-west', 10))).toBeCloseTo(
      fromHits(crossingHits(1)),
      3,
    );
    // A carrier at the same place is 571 km from the strait, beyond its LRASM's 560.
    expect(usAlone((d) => put(d, 'us-csg', 'us', 'philippine-sea-west', 2))).toBeCloseTo(fromHits(0), 3);
    // Fighters beyond radius + range (Guam) do not reach.
    expect(usAlone((d) => put(d, 'us-fighter', 'us', 'guam', 10))).toBeCloseTo(fromHits(0), 3);
  });

  it('submarines within 1,500 km of the strait add torpedo hits, not missile shots', () => {
    const usAlone = (zone: string) =>
      blockade((d) => {
        usFights(d);
        put(d, 'us-ssn', 'us', zone, 5);
        put(d, 'cn-isr', 'china', zone, 1); // Red's ASW there: it knows the boat is there.
      }, japanOut);
    expect(usAlone('bashi-channel')).toBeCloseTo(fromHits(5 * NAVAL.submarineHitsPerStep.value), 3);
    expect(usAlone('philippine-sea-east')).toBe(usAlone('bashi-channel'));
    expect(usAlone('guam')).toBeCloseTo(fromHits(0), 3);
  });

  it('US forces in Japan fight only with Japan’s consent or alongside Japan, a round late at command level 0', () => {
    const fromOkinawa = (edit: (d: DraftState) => void, sc: Scenario = tk) =>
      blockade((d) => {
        put(d, 'us-fighter', 'us', 'okinawa', 100);
        d.stockpiles.us = { lrasm: 300 };
        edit(d);
      }, sc);
    expect(fromOkinawa(usFights, japanOut)).toBeCloseTo(fromHits(0), 3);
    expect(
      fromOkinawa((d) => {
        usFights(d);
        d.alliance.consentGranted = true;
      }, japanOut),
    ).toBeCloseTo(fromHits(crossingHits(10)), 3);
    const duplicate = (w: number) => 1 - W.duplicateExpected.value * w;
    const deconflict = (f: number) => 1 - f * COMMAND.deconflictWaste.value;
    const late = (HORIZON - 1) / HORIZON;
    const together = (level: number, consent: boolean) =>
      fromOkinawa((d) => {
        allFight(d);
        d.alliance.commandLevel = level;
        d.alliance.consentGranted = consent;
      });
    const level0 = duplicate(COMMAND.duplicateWaste0.value) * deconflict(COMMAND.deconflictFailure0.value);
    const level1 = duplicate(COMMAND.duplicateWaste1.value) * deconflict(COMMAND.deconflictFailure1.value);
    expect(together(0, false)).toBeCloseTo(fromHits(crossingHits(10 * level0 * late)), 3);
    expect(together(0, true)).toBeCloseTo(fromHits(crossingHits(10 * level0)), 3);
    expect(together(1, false)).toBeCloseTo(fromHits(crossingHits(10 * level1)), 3);
    expect(together(2, false)).toBeCloseTo(fromHits(crossingHits(10)), 3);
    expect(together(0, false)).toBeGreaterThan(together(0, true));
    expect(together(0, true)).toBeGreaterThan(together(1, false));
    expect(together(1, false)).toBeGreaterThan(together(2, false));
  });

  it('Japan’s launchers fire only where Japan fights, lose only deconfliction, and Taiwan’s lose nothing to it', () => {
    const withJapan = (edit: (d: DraftState) => void, sc: Scenario = tk) =>
      blockade((d) => {
        put(d, 'jp-ssm', 'japan', 'okinawa', 5);
        d.stockpiles.japan = { 'type-12': 300 };
        edit(d);
      }, sc);
    expect(withJapan(usFights, japanOut)).toBeCloseTo(fromHits(0), 3);
    // Five launchers want 4 × 5 = 20 Type 12 a round.
    const deconflict = 1 - COMMAND.deconflictFailure0.value * COMMAND.deconflictWaste.value;
    expect(withJapan(allFight)).toBeCloseTo(fromHits(crossingHits(20 * deconflict)), 3);
    const taiwan = (edit: (d: DraftState) => void, sc: Scenario = tk) =>
      blockade((d) => {
        coastal('taichung')(d);
        d.stockpiles.taiwan = { 'hf-3': 300, harpoon: 0 };
        edit(d);
      }, sc);
    expect(taiwan(allFight)).toBe(taiwan(() => {}));
  });

  it('Red’s opening salvo suppresses Taiwan’s ships and launchers: the mean share left fires over the horizon', () => {
    const suppressed = (edit: (d: DraftState) => void) =>
      blockade((d) => {
        coastal('taichung')(d);
        d.stockpiles.taiwan = { 'hf-3': 300, harpoon: 0 };
        edit(d);
      });
    // 20 SRBMs: 40% of them, 8, at five launchers in Taichung (hardening 0.2).
    const share = siteLosses(8, 0.2) / 5;
    expect(suppressed((d) => (d.stockpiles.china.srbm = 20))).toBeCloseTo(
      fromHits(crossingHits(10 * meanLeft(share))),
      3,
    );
    // Enough to destroy them all: none fire.
    expect(suppressed((d) => (d.stockpiles.china.srbm = 1000))).toBeCloseTo(fromHits(0), 3);
    // Interceptors in the zone and their Pk bonus shield them; so does hardening.
    const shielded = siteLosses(8, 0.2, 48, 0.1) / 5;
    expect(
      suppressed((d) => {
        d.stockpiles.china.srbm = 20;
        put(d, 'tw-patriot', 'taiwan', 'taichung', 2);
        d.bonuses.interceptorPk = 0.1;
      }),
    ).toBeCloseTo(fromHits(crossingHits(10 * meanLeft(shielded))), 3);
    // Patriot elsewhere, the army and Japan's launchers are not what the salvo aims at.
    expect(
      suppressed((d) => {
        d.stockpiles.china.srbm = 20;
        put(d, 'tw-patriot', 'taiwan', 'taipei', 2);
        put(d, 'tw-army', 'taiwan', 'taipei', 20);
        put(d, 'jp-ssm', 'japan', 'yonaguni', 20);
      }),
    ).toBe(suppressed((d) => (d.stockpiles.china.srbm = 20)));
  });

  it('Taiwan’s navy is suppressed too, shielded by its own interceptors', () => {
    // Five ships in Taipei (8 interceptors each, 40 in all) want 8 × 5 = 40 HF-3 a round.
    const navy = (srbm: number) =>
      blockade((d) => {
        put(d, 'tw-navy', 'taiwan', 'taipei', 5);
        d.stockpiles.taiwan = { 'hf-3': 300 };
        d.stockpiles.china.srbm = srbm;
      });
    const share = siteLosses(16, 0.2, 40) / 5;
    expect(share).toBeGreaterThan(0);
    // The ships escort as well: 20 enforcing against 5 escorting.
    const contest = 20 / (20 + ESCORT * 5);
    const hits = crossingHits(40 * meanLeft(share));
    expect(navy(40)).toBeCloseTo(concede(willCut(100, FULL_BLOCKADE * contest * (1 - hits / 20))), 3);
    expect(navy(40)).toBeGreaterThan(navy(0));
  });

  it('the US’s fires count only where the US fights', () => {
    const fighters = (edit: (d: DraftState) => void, sc: Scenario = tk) =>
      blockade((d) => {
        put(d, 'us-fighter', 'us', 'philippine-sea-west', 100);
        d.stockpiles.us = { lrasm: 300 };
        edit(d);
      }, sc);
    expect(fighters(() => {})).toBeCloseTo(fromHits(0), 3);
    expect(fighters(usFights, japanOut)).toBeCloseTo(fromHits(crossingHits(10)), 3);
  });

  it('each site loses at most what is there: an overkilled soft site does not count against a hard one', () => {
    // Five launchers in Taichung (0.2) and five in Hualien–Taitung (0.6); 100 SRBMs, 40 fired, 20 at each.
    const soft = Math.min(5, siteLosses(20, 0.2));
    const hard = Math.min(5, siteLosses(20, 0.6));
    expect(soft).toBe(5);
    expect(hard).toBeLessThan(5);
    const share = (soft + hard) / 10;
    expect(
      blockade((d) => {
        coastal('taichung')(d);
        coastal('hualien-taitung')(d);
        d.stockpiles.taiwan = { 'hf-3': 300, harpoon: 0 };
        d.stockpiles.china.srbm = 100;
      }),
    ).toBeCloseTo(fromHits(crossingHits(20 * meanLeft(share))), 3);
  });
});

describe('strikes (rung 4): the share of Blue’s air and naval power a first salvo destroys', () => {
  const strikes = (edit: (d: DraftState) => void, sc: Scenario = tk) => success(lab(edit), RUNG.strikes, sc);
  const share = ESTIMATE.openingStrikeShare.value;

  it('SRBMs and DF-21Ds together, 40% of them, against a site: its hardening spares some', () => {
    const at = (zone: string, hardening: number) =>
      expect(
        strikes((d) => {
          put(d, 'tw-fighter', 'taiwan', zone, 20);
          d.stockpiles.china = { srbm: 25, 'df-21d': 25 };
        }),
      ).toBeCloseTo(siteLosses(50 * share, hardening) / 20, 3);
    at('taipei', 0.2);
    at('hualien-taitung', 0.6);
  });

  it('the salvo divides by the targets’ strength across sites; interceptors and their Pk defend each', () => {
    const s = (pk: number, patriots: number) =>
      strikes((d) => {
        put(d, 'tw-fighter', 'taiwan', 'taipei', 10);
        put(d, 'tw-navy', 'taiwan', 'tainan-kaohsiung', 30);
        if (patriots > 0) put(d, 'tw-patriot', 'taiwan', 'taipei', patriots);
        d.stockpiles.china = { srbm: 200 };
        d.bonuses.interceptorPk = pk;
      });
    // 80 missiles: 20 at Taipei, 60 at Tainan–Kaohsiung (whose navy brings 30 × 8 interceptors).
    const expected = (pk: number, patriots: number) =>
      (Math.min(10, siteLosses(20, 0.2, 24 * patriots, pk)) + Math.min(30, siteLosses(60, 0.2, 240, pk))) /
      40;
    expect(s(0, 0)).toBeCloseTo(expected(0, 0), 3);
    expect(s(0, 1)).toBeCloseTo(expected(0, 1), 3);
    expect(s(0.1, 1)).toBeCloseTo(expected(0.1, 1), 3);
    expect(s(0, 0)).toBeGreaterThan(s(0, 1));
    expect(s(0, 1)).toBeGreaterThan(s(0.1, 1));
  });

  it('targets are air, surface and carrier forces of Blue outside the pool; with none, strikes cannot fail', () => {
    const base = (d: DraftState) => {
      put(d, 'tw-fighter', 'taiwan', 'taipei', 20);
      d.stockpiles.china = { srbm: 50 };
    };
    const p = strikes(base);
    expect(p).toBeCloseTo(siteLosses(20, 0.2) / 20, 3);
    expect(
      strikes((d) => {
        base(d);
        put(d, 'tw-army', 'taiwan', 'taichung', 20);
        put(d, 'tw-coastal', 'taiwan', 'taichung', 20);
        put(d, 'us-bomber', 'us', 'guam', 20);
        put(d, 'us-csg', 'us', 'us-pool', 20);
        put(d, 'cn-fighter', 'china', 'fujian', 20);
      }),
    ).toBe(p);
    // A carrier group, a destroyer or a wing each dilute the salvo.
    for (const type of ['us-csg', 'us-ddg', 'us-fighter'])
      expect(
        strikes((d) => {
          base(d);
          put(d, type, 'us', 'guam', 20);
        }),
        type,
      ).toBeLessThan(p);
    expect(strikes(() => {})).toBe(1);
  });

  it('the US fighting halves it; Japan fighting too takes a further share off', () => {
    const base = (d: DraftState) => {
      put(d, 'tw-fighter', 'taiwan', 'taipei', 20);
      d.stockpiles.china = { srbm: 50 };
    };
    const alone = siteLosses(20, 0.2) / 20;
    expect(
      strikes((d) => {
        base(d);
        usFights(d);
      }, japanOut),
    ).toBeCloseTo(alone * W.strikesWithUs.value, 3);
    expect(
      strikes((d) => {
        base(d);
        allFight(d);
      }),
    ).toBeCloseTo(alone * W.strikesWithUs.value * W.strikesWithJapan.value, 3);
  });

  it('where intervention is uncertain, the worlds weigh by their chances: no US, the US alone, both', () => {
    const pUs = 0.6 * (W.usCommitmentFloor.value + 0.3) * RED_CALCULUS.usInterventionByRung.value[4];
    const pJp =
      (W.japanStanceBase.value + W.japanCoalitionSwing.value) * RED_CALCULUS.japanInterventionByRung.value[4];
    const alone = siteLosses(20, 0.2) / 20;
    const worlds =
      1 -
      pUs +
      pUs * (1 - pJp) * W.strikesWithUs.value +
      pUs * pJp * W.strikesWithUs.value * W.strikesWithJapan.value;
    expect(
      strikes((d) => {
        put(d, 'tw-fighter', 'taiwan', 'taipei', 20);
        d.stockpiles.china = { srbm: 50 };
        d.us.commitment = 60;
        d.us.credibility = 60;
      }),
    ).toBeCloseTo(alone * worlds, 3);
  });
});

describe('invasion (rung 5)', () => {
  const invasion = (edit: (d: DraftState) => void, sc: Scenario = tk) => option(lab(edit), RUNG.invasion, sc);
  /** Ten battalions in each landing sector. */
  const sectors = (d: DraftState, steps = 10) => {
    for (const z of ['taichung', 'tainan-kaohsiung', 'taipei']) put(d, 'tw-army', 'taiwan', z, steps);
  };
  const LIFT = ESTIMATE.invasionLiftSteps.value;
  const TROOPS = ESTIMATE.invasionTroopSteps.value;
  const perLift = W.liftBattalionsPerStep.value;
  const defended = (local: number) => local * GROUND.defenderMultiplier.value;
  /** Local defence of a sector of `own` steps in a force of `total`. */
  const local = (own: number, total: number) => own + W.reinforceShare.value * (total - own);

  it('unopposed at sea, Red lands the troops it plans (58 battalions, in three rounds of lift) where the defence is thinnest', () => {
    const o = invasion((d) => sectors(d));
    expect(Math.min(3 * LIFT * perLift, TROOPS)).toBe(TROOPS);
    expect(o.success).toBeCloseTo(breakout(TROOPS / defended(local(10, 30))), 3);
    expect(o.expectedLosses).toBe(0);
    // A thinner sector is where Red lands.
    const thin = invasion((d) => {
      sectors(d);
      d.units[Object.keys(d.units).at(-1)!]!.strength = 4;
    });
    expect(thin.success).toBeCloseTo(breakout(TROOPS / defended(local(4, 24))), 3);
    expect(thin.success).toBeGreaterThan(o.success);
  });

  it('forces anywhere in Taiwan reinforce a fifth; forces outside Taiwan do not defend it', () => {
    const base = invasion((d) => sectors(d)).success;
    const east = invasion((d) => {
      sectors(d);
      put(d, 'tw-army', 'taiwan', 'hualien-taitung', 10);
    }).success;
    expect(east).toBeCloseTo(breakout(TROOPS / defended(local(10, 40))), 3);
    expect(east).toBeLessThan(base);
    expect(
      invasion((d) => {
        sectors(d);
        put(d, 'jp-infantry', 'japan', 'okinawa', 30);
        put(d, 'cn-amphib-bde', 'china', 'taipei', 30);
      }).success,
    ).toBe(base);
    // US ground forces in Taiwan defend it by their ground power.
    expect(
      invasion((d) => {
        sectors(d);
        put(d, 'us-mlr', 'us', 'hualien-taitung', 20);
      }).success,
    ).toBeCloseTo(breakout(TROOPS / defended(local(10, 40))), 3);
  });

  it('Taiwan’s reserve mobilization multiplies its defence', () => {
    const at = (m: number) =>
      invasion((d) => {
        sectors(d);
        d.taiwan.reserveMobilization = m;
      }).success;
    expect(at(50)).toBeCloseTo(breakout(TROOPS / defended(local(10, 30) * 1.25)), 3);
    expect(at(0)).toBeGreaterThan(at(50));
    expect(at(50)).toBeGreaterThan(at(100));
  });

  it('with no defender it is all but certain', () => {
    expect(invasion(() => {}).success).toBeCloseTo(breakout(TROOPS), 3);
  });

  it('Red plans with the larger of its deployed lift and troops and the mobilized figures', () => {
    const troops = (edit: (d: DraftState) => void) =>
      invasion((d) => {
        sectors(d);
        put(d, 'cn-amphib-bde', 'china', 'fujian', 100);
        edit(d);
      }).success;
    // 100 battalions, 18 lift steps: 3 × 18 × 1.5 = 81 land.
    expect(troops(() => {})).toBeCloseTo(breakout((3 * LIFT * perLift) / defended(14)), 3);
    // 30 deployed lift steps carry all 100.
    expect(troops((d) => put(d, 'cn-amphib', 'china', 'fujian', 30))).toBeCloseTo(
      breakout(100 / defended(14)),
      3,
    );
    // Troops in Taiwan are not Red's to embark.
    expect(
      invasion((d) => {
        sectors(d);
        put(d, 'cn-amphib-bde', 'china', 'kinmen-matsu', 100);
      }).success,
    ).toBe(invasion((d) => sectors(d)).success);
  });

  /** Five Taiwanese launchers in Taichung with HF-3s, and 100 Chinese battalions to carry. */
  const contested = (d: DraftState) => {
    sectors(d);
    put(d, 'tw-coastal', 'taiwan', 'taichung', 5);
    put(d, 'cn-amphib-bde', 'china', 'fujian', 100);
    d.stockpiles.taiwan = { 'hf-3': 300, harpoon: 0 };
  };
  /** Lift left each round and what lands, when `hitsOnLift` hits a round fall on lift of `hitsPerStep`. */
  const crossing = (hitsOnLift: number, lift = LIFT, hitsPerStep = 2, troops = 100) => {
    let left = lift;
    let landed = 0;
    for (let r = 0; r < HORIZON; r++) {
      left = Math.max(0, left - hitsOnLift / hitsPerStep);
      landed += Math.min(left * perLift, Math.max(0, troops - landed));
    }
    return { landed, losses: (lift - left) * 2 };
  };
  // Taichung holds 10 battalions and 5 launchers (0.2 ground power each): the thinnest sectors are the others.
  const DEFENCE = defended(local(10, 31));

  it('Blue’s hits sink lift before it lands: fewer land, Red loses the lift sunk', () => {
    const o = invasion(contested);
    const { landed, losses } = crossing(crossingHits(10));
    expect(o.success).toBeCloseTo(breakout(landed / DEFENCE), 3);
    expect(o.expectedLosses).toBeCloseTo(losses, 2);
    expect(o.cost).toBeCloseTo(option(lab(contested), RUNG.invasion).cost, 10);
    const none = invasion((d) => {
      contested(d);
      d.stockpiles.taiwan = { 'hf-3': 0, harpoon: 0 };
    });
    expect(none.success).toBeCloseTo(breakout(81 / DEFENCE), 3);
    expect(none.success).toBeGreaterThan(o.success);
    expect(none.expectedLosses).toBe(0);
    // Each step lost costs Red.
    expect(o.cost - none.cost).toBeCloseTo(o.expectedLosses * W.lossCost.value, 2);
  });

  it('the hits divide between the lift and its surface escorts by their hits per step', () => {
    const escorted = invasion((d) => {
      contested(d);
      put(d, 'cn-ddg', 'china', 'guangdong', 9); // 18 hit-steps, beside 18 × 2 of lift: a third of the hits
    });
    const { landed, losses } = crossing(crossingHits(10) * (36 / 54));
    expect(escorted.success).toBeCloseTo(breakout(landed / DEFENCE), 3);
    expect(escorted.expectedLosses).toBeCloseTo(losses, 2);
    expect(escorted.success).toBeGreaterThan(invasion(contested).success);
  });

  it('deployed lift takes hits by its own type’s hits per step', () => {
    const o = invasion((d) => {
      contested(d);
      put(d, 'cn-amphib', 'china', 'fujian', 20);
    });
    const { landed, losses } = crossing(crossingHits(10), 20, 2);
    expect(o.success).toBeCloseTo(breakout(landed / DEFENCE), 3);
    expect(o.expectedLosses).toBeCloseTo(losses, 2);
  });
});

describe('monotonicity: no Blue denial lever raises Red’s estimate, and each lowers the options it bears on', () => {
  /**
   * A theatre with something of everything: Red's enforcing ships, missiles and 100 battalions;
   * Taiwan's army, navy, launchers and Patriots; Japan's launchers and destroyers and US ships,
   * fighters in Okinawa, a submarine and Patriots; a US that might fight and a Japan that might
   * join it; command level 0, no consent.
   */
  const theatre = (edit: (d: DraftState) => void) =>
    lab((d) => {
      d.us.commitment = 60;
      d.us.credibility = 60;
      d.japan.legalStatus = 'important-influence';
      d.alliance.cohesion = 60;
      d.taiwan.publicWill = 60;
      d.taiwan.reserveMobilization = 10;
      d.japan.publicSupport = 45;
      put(d, 'cn-ddg', 'china', 'taiwan-strait-north', 4);
      put(d, 'cn-ddg', 'china', 'bashi-channel', 6);
      put(d, 'cn-ccg', 'china', 'bashi-channel', 10);
      put(d, 'cn-amphib-bde', 'china', 'fujian', 100);
      for (const z of ['taichung', 'tainan-kaohsiung', 'taipei']) put(d, 'tw-army', 'taiwan', z, 8);
      put(d, 'tw-coastal', 'taiwan', 'taichung', 6);
      put(d, 'tw-navy', 'taiwan', 'taipei', 6);
      put(d, 'tw-fighter', 'taiwan', 'taipei', 10);
      put(d, 'tw-patriot', 'taiwan', 'taichung', 1);
      put(d, 'jp-ssm', 'japan', 'okinawa', 4);
      put(d, 'jp-ddg', 'japan', 'okinawa', 2);
      put(d, 'jp-fighter', 'japan', 'okinawa', 10);
      put(d, 'us-ddg', 'us', 'philippine-sea-west', 3);
      put(d, 'us-fighter', 'us', 'okinawa', 20);
      put(d, 'us-patriot', 'us', 'okinawa', 1);
      put(d, 'us-ssn', 'us', 'bashi-channel', 2);
      put(d, 'cn-isr', 'china', 'bashi-channel', 1);
      d.stockpiles.china = { srbm: 200, 'df-21d': 50 };
      d.stockpiles.taiwan = { 'hf-3': 60, harpoon: 60 };
      d.stockpiles.japan = { 'type-12': 40, harpoon: 30, tomahawk: 0 };
      d.stockpiles.us = { lrasm: 30, 'sm-6': 30, tomahawk: 60, 'jassm-er': 100 };
      edit(d);
    });
  const table = (s: MatchState) => deterrenceEstimate(s, tk, 'china').options;
  /**
   * Checks that along `levels` (Blue weaker → stronger) no option's success or temptation rises
   * (of the options in `bears`: all unless said), that the options in `falls` fall at each step,
   * and that those in `unmoved` do not move.
   */
  function lever<T>(
    levels: readonly T[],
    set: (d: DraftState, x: T) => void,
    falls: readonly number[],
    unmoved: readonly number[] = [],
    bears: readonly number[] = [1, 2, 3, 4, 5],
  ): void {
    const tables = levels.map((x) => table(theatre((d) => set(d, x))));
    for (let i = 1; i < tables.length; i++)
      for (const o of tables[i]!) {
        if (!bears.includes(o.rung)) continue;
        const before = tables[i - 1]!.find((x) => x.rung === o.rung)!;
        const label = `rung ${o.rung}, ${String(levels[i - 1])} → ${String(levels[i])}`;
        expect(o.success, label).toBeLessThanOrEqual(before.success);
        if (falls.includes(o.rung)) expect(o.success, label).toBeLessThan(before.success);
        if (unmoved.includes(o.rung)) expect(o.success, label).toBe(before.success);
        expect(o.temptation, label).toBeLessThanOrEqual(before.temptation);
      }
  }
  const scaleStocks = (d: DraftState, k: number) => {
    for (const f of ['taiwan', 'japan', 'us'] as const)
      for (const m of Object.keys(d.stockpiles[f])) d.stockpiles[f][m] = d.stockpiles[f][m]! * k;
  };

  it('the theatre leaves every option in doubt', () => {
    for (const o of table(theatre(() => {}))) {
      expect(o.success, `rung ${o.rung}`).toBeGreaterThan(0.01);
      expect(o.success, `rung ${o.rung}`).toBeLessThan(0.99);
    }
  });

  it('Blue’s anti-ship missile stocks', () => {
    lever([0, 0.25, 0.5, 1], scaleStocks, [RUNG.blockade, RUNG.invasion], [RUNG.coercion, RUNG.strikes]);
  });

  it('launchers in range of the strait (Japan’s Type 12s brought forward from Kyushu to Okinawa)', () => {
    lever(
      ['kyushu', 'okinawa'],
      (d, zone) => {
        for (const u of Object.values(d.units)) if (u.type === 'jp-ssm') u.zone = zone;
      },
      [RUNG.blockade, RUNG.invasion],
      [RUNG.coercion],
    );
  });

  it('integrated air and missile defence: interceptor Pk', () => {
    lever(
      [0, 0.1, 0.2],
      (d, pk) => (d.bonuses.interceptorPk = pk),
      [RUNG.blockade, RUNG.strikes, RUNG.invasion],
      [RUNG.coercion],
    );
  });

  it('air defence where the targets are: Patriot batteries at Taichung and Taipei', () => {
    // One battery each engages every missile the salvo sends there: more add nothing.
    lever(
      [0, 1, 2],
      (d, n) => {
        if (n > 0) {
          put(d, 'tw-patriot', 'taiwan', 'taichung', n);
          put(d, 'tw-patriot', 'taiwan', 'taipei', n);
        }
      },
      [RUNG.blockade, RUNG.strikes, RUNG.invasion].filter(() => false),
      [RUNG.coercion],
    );
    lever(
      [0, 1],
      (d, n) => {
        if (n > 0) {
          put(d, 'tw-patriot', 'taiwan', 'taichung', n);
          put(d, 'tw-patriot', 'taiwan', 'taipei', n);
        }
      },
      [RUNG.blockade, RUNG.strikes, RUNG.invasion],
    );
  });

  it('hardening: Taiwan’s launchers, fighters and their Patriot moved from Taichung and Taipei to Hualien–Taitung', () => {
    lever(
      [false, true],
      (d, hard) => {
        // HF-3 only (from Hualien–Taitung the Harpoon would be out of range of the strait), and
        // enough of them that the launchers left, not the stock, limit the fires; a salvo that
        // does not destroy every launcher wherever they are.
        d.stockpiles.taiwan.harpoon = 0;
        d.stockpiles.taiwan['hf-3'] = 600;
        d.stockpiles.china.srbm = 60;
        if (hard)
          for (const u of Object.values(d.units))
            if (['tw-coastal', 'tw-fighter', 'tw-patriot'].includes(u.type)) u.zone = 'hualien-taitung';
      },
      [RUNG.blockade, RUNG.strikes],
      [RUNG.coercion],
    );
  });

  it('Taiwan’s army and its reserves', () => {
    const army = (d: DraftState, k: number) => {
      for (const u of Object.values(d.units)) if (u.type === 'tw-army') u.strength *= k;
    };
    lever(
      [0.25, 0.5, 1, 2],
      army,
      [RUNG.invasion],
      [RUNG.coercion, RUNG.quarantine, RUNG.blockade, RUNG.strikes],
    );
    lever(
      [0, 40, 80],
      (d, m) => (d.taiwan.reserveMobilization = m),
      [RUNG.invasion],
      [RUNG.coercion, RUNG.blockade],
    );
  });

  it('Taiwan’s energy reserves and public will', () => {
    lever([0, 4, 60], (d, n) => (d.taiwan.energyDays = n), [RUNG.quarantine, RUNG.blockade], [RUNG.coercion]);
    lever(
      [40, 50, 60],
      (d, w) => {
        d.taiwan.publicWill = w;
        d.japan.publicSupport = 80;
      },
      [RUNG.coercion, RUNG.quarantine, RUNG.blockade],
      [RUNG.strikes, RUNG.invasion],
    );
  });

  it('escorts: Taiwan’s navy (no lever for strikes, whose ships it adds to the targets)', () => {
    lever(
      [1, 6, 12, 24],
      (d, n) => {
        for (const u of Object.values(d.units)) if (u.type === 'tw-navy') u.strength = n;
      },
      [RUNG.quarantine, RUNG.blockade],
      [RUNG.coercion],
      [RUNG.coercion, RUNG.quarantine, RUNG.blockade, RUNG.invasion],
    );
  });

  it('the command level', () => {
    lever(
      [0, 1, 2],
      (d, level) => (d.alliance.commandLevel = level),
      [RUNG.blockade],
      [RUNG.coercion, RUNG.strikes],
    );
  });

  it('US commitment and credibility: fewer of Red’s options succeed and every option above coercion costs more', () => {
    lever(
      [20, 40, 60, 80, 100],
      (d, c) => (d.us.commitment = c),
      [RUNG.quarantine, RUNG.blockade, RUNG.strikes],
      [RUNG.coercion],
    );
    lever(
      [0, 50, 100],
      (d, c) => (d.us.credibility = c),
      [RUNG.quarantine, RUNG.blockade, RUNG.strikes],
      [RUNG.coercion],
    );
    const cost = (c: number) => table(theatre((d) => (d.us.commitment = c)));
    const [low, high] = [cost(20), cost(80)];
    for (const o of high.slice(1)) expect(o.cost).toBeGreaterThan(low.find((x) => x.rung === o.rung)!.cost);
    expect(high[0]!.cost).toBe(low[0]!.cost);
  });

  it('Blue’s ISR does not move Red’s own estimate: Red judges by what it sees', () => {
    lever(
      [0, 1500, 3000],
      (d, km) => {
        d.bonuses.isrKm.japan = km;
        d.bonuses.isrKm.us = km;
        d.bonuses.isrKm.taiwan = km;
      },
      [],
      [1, 2, 3, 4, 5],
    );
  });

  it('and Red’s levers the other way: more missiles raise strikes and invasion; more enforcing ships the blockade', () => {
    const at = (edit: (d: DraftState) => void) => table(theatre(edit));
    const few = at((d) => (d.stockpiles.china = { srbm: 50, 'df-21d': 10 }));
    const many = at((d) => (d.stockpiles.china = { srbm: 400, 'df-21d': 100 }));
    expect(many[3]!.success).toBeGreaterThan(few[3]!.success);
    expect(many[4]!.success).toBeGreaterThan(few[4]!.success);
    const ships = at((d) => put(d, 'cn-ccg', 'china', 'scs-north', 20));
    const base = at(() => {});
    expect(ships[1]!.success).toBeGreaterThan(base[1]!.success);
    expect(ships[2]!.success).toBeGreaterThan(base[2]!.success);
  });
});
