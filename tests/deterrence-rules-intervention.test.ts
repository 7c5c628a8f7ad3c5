/**
 * The rules that decide how tempted Red is (DESIGN.md section 6; game/engine/deterrence.ts),
 * tested directly in a "lab" position (tests/deterrence-fixtures.ts): Red's judgement of US and
 * Japanese intervention, coercion (rung 1), the confidence shift of what Red believes, and the
 * cost, value and temptation of each option.
 */
import { describe, expect, it } from 'vitest';
import { type DraftState, deterrenceEstimate, type LegalStatus, RUNG, type Scenario } from '../game/index.ts';
import {
  allFight,
  japanOut,
  lab,
  option,
  put,
  RED_CALCULUS,
  success,
  tk,
  usFights,
  usOut,
  W,
} from './deterrence-fixtures.ts';
import { patch } from './helpers.ts';

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
