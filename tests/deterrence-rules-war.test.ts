/**
 * The rules that decide how tempted Red is (DESIGN.md section 6; game/engine/deterrence.ts),
 * tested directly in a "lab" position (tests/deterrence-fixtures.ts): strikes (rung 4), invasion
 * (rung 5), and the monotonicity of the estimate in each of Blue's denial levers.
 */
import { describe, expect, it } from 'vitest';
import { type DraftState, deterrenceEstimate, type MatchState, RUNG, type Scenario } from '../game/index.ts';
import {
  allFight,
  breakout,
  crossingHits,
  ESTIMATE,
  GROUND,
  HORIZON,
  japanOut,
  lab,
  option,
  put,
  RED_CALCULUS,
  siteLosses,
  success,
  tk,
  usFights,
  W,
} from './deterrence-fixtures.ts';

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
  const LIFT: number = ESTIMATE.invasionLiftSteps.value;
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

  it('Japan’s readiness to fight, at every command level: Japan joining never helps Red', () => {
    // Deconfliction and duplicate targeting cost only the fires Japan and the US both put on the
    // crossing, so a Japan more likely to fight never lowers Blue's denial, however immature the
    // command architecture; with Japan's launchers and ships withdrawn, too.
    for (const level of [0, 1, 2])
      for (const withdrawn of [false, true])
        lever(
          ['none', 'important-influence', 'survival-threatening'] as const,
          (d, legal) => {
            d.alliance.commandLevel = level as DraftState['alliance']['commandLevel'];
            d.japan.legalStatus = legal;
            if (withdrawn) for (const u of Object.values(d.units)) if (u.faction === 'japan') u.strength = 0;
          },
          [],
          [RUNG.coercion],
          [RUNG.blockade, RUNG.strikes, RUNG.invasion],
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
