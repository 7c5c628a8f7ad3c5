/**
 * The rules that decide how tempted Red is (DESIGN.md section 6; game/engine/deterrence.ts),
 * tested directly in a "lab" position (tests/deterrence-fixtures.ts): quarantine and blockade
 * (rungs 2 and 3), and Blue's anti-ship fires on the crossing read through the blockade's hold.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND, type DraftState, ROUND_DAYS, RUNG, type Scenario } from '../game/index.ts';
import {
  allFight,
  BLOCKADE,
  concede,
  crossingHits,
  ESCORT,
  ESTIMATE,
  FULL_BLOCKADE,
  HORIZON,
  japanOut,
  lab,
  meanLeft,
  NAVAL,
  put,
  QUARANTINE,
  siteLosses,
  success,
  tk,
  usFights,
  W,
  willCut,
} from './deterrence-fixtures.ts';

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
    // Failed deconfliction costs a share of the smaller of the two navies (10 steps each here).
    const lost = (failure: number) => failure * COMMAND.deconflictWaste.value * 10;
    expect(together(0)).toBeCloseTo(expected(20 - lost(COMMAND.deconflictFailure0.value)), 3);
    expect(together(1)).toBeCloseTo(expected(20 - lost(COMMAND.deconflictFailure1.value)), 3);
    expect(together(2)).toBeCloseTo(expected(20), 3);
    expect(together(0)).toBeGreaterThan(together(1));
    expect(together(1)).toBeGreaterThan(together(2));
    // Uneven navies: the share is of the smaller one (4 US steps beside Japan's 10), not the larger.
    const uneven = blockade((d) => {
      allFight(d);
      put(d, 'us-ddg', 'us', 'philippine-sea-west', 4);
      jpShips(d);
      d.alliance.commandLevel = 0;
    });
    expect(uneven).toBeCloseTo(
      expected(14 - COMMAND.deconflictFailure0.value * COMMAND.deconflictWaste.value * 4),
      3,
    );
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
    const late = (HORIZON - 1) / HORIZON;
    // Japan at war beside them with nothing in range: no consent needed, and nothing to
    // deconflict, so only the level-0 round of latency costs the US anything.
    const together = (level: number, consent: boolean) =>
      fromOkinawa((d) => {
        allFight(d);
        d.alliance.commandLevel = level;
        d.alliance.consentGranted = consent;
      });
    expect(together(0, false)).toBeCloseTo(fromHits(crossingHits(10 * late)), 3);
    expect(together(0, true)).toBeCloseTo(fromHits(crossingHits(10)), 3);
    expect(together(1, false)).toBeCloseTo(fromHits(crossingHits(10)), 3);
    expect(together(2, false)).toBeCloseTo(fromHits(crossingHits(10)), 3);
    expect(together(0, false)).toBeGreaterThan(together(0, true));
    // Beside Japan's own launchers the fires that meet lose the coordination share of the smaller.
    const duplicate = (w: number) => 1 - W.duplicateExpected.value * w;
    const deconflict = (f: number) => 1 - f * COMMAND.deconflictWaste.value;
    const withJapan = (level: number) =>
      fromOkinawa((d) => {
        allFight(d);
        d.alliance.commandLevel = level;
        d.alliance.consentGranted = true;
        put(d, 'jp-ssm', 'japan', 'okinawa', 1);
        d.stockpiles.japan = { 'type-12': 300 };
      });
    // One launcher: 4 Type 12 a round, all of it overlapping the US's 10.
    const loss0 = 1 - duplicate(COMMAND.duplicateWaste0.value) * deconflict(COMMAND.deconflictFailure0.value);
    const loss1 = 1 - duplicate(COMMAND.duplicateWaste1.value) * deconflict(COMMAND.deconflictFailure1.value);
    expect(withJapan(0)).toBeCloseTo(fromHits(crossingHits(14 - 4 * loss0)), 3);
    expect(withJapan(1)).toBeCloseTo(fromHits(crossingHits(14 - 4 * loss1)), 3);
    expect(withJapan(2)).toBeCloseTo(fromHits(crossingHits(14)), 3);
    expect(withJapan(0)).toBeGreaterThan(withJapan(1));
    expect(withJapan(1)).toBeGreaterThan(withJapan(2));
    // Japan's launchers never lower the coalition's fires: with them Red does worse than without.
    expect(withJapan(0)).toBeLessThan(together(0, true));
  });

  it('Japan’s launchers fire only where Japan fights, lose nothing with no US fires beside them, and Taiwan’s lose nothing to it', () => {
    const withJapan = (edit: (d: DraftState) => void, sc: Scenario = tk) =>
      blockade((d) => {
        put(d, 'jp-ssm', 'japan', 'okinawa', 5);
        d.stockpiles.japan = { 'type-12': 300 };
        edit(d);
      }, sc);
    expect(withJapan(usFights, japanOut)).toBeCloseTo(fromHits(0), 3);
    // Five launchers want 4 × 5 = 20 Type 12 a round; no US fires to deconflict them from.
    expect(withJapan(allFight)).toBeCloseTo(fromHits(crossingHits(20)), 3);
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
