/**
 * Deterrence by denial (DESIGN.md section 6): Red's estimated success answers to Blue's denial
 * capability — missiles in range and their stocks, air defence, the command level — and not
 * only to the chance that the US and Japan intervene. Pinned at fixed states, lever by lever.
 */
import { describe, expect, it } from 'vitest';
import {
  botTurn,
  type DeterrenceEstimate,
  type DraftState,
  deterrenceEstimate,
  type MatchState,
  newMatch,
  RUNG,
} from '../game/index.ts';
import { runMatch } from '../match/index.ts';
import { getScenario } from '../scenarios/index.ts';
import { patch, scenario } from './helpers.ts';

const tk = scenario('takaichi-2025');
const start = newMatch(tk, { seed: 'denial' });
const est = (s: MatchState, sc = tk): DeterrenceEstimate => deterrenceEstimate(s, sc, 'china');
const success = (s: MatchState, rung: number, sc = tk): number =>
  est(s, sc).options.find((o) => o.rung === rung)?.success ?? Number.NaN;
const withLever = (edit: (d: DraftState) => void): MatchState => patch(start, edit);

describe("Red's invasion estimate answers to each denial lever", () => {
  it('Type-12 stocks: none → 100 → 400 lowers it, and none is clearly the worst for Blue', () => {
    const at = (n: number) =>
      success(
        withLever((d) => (d.stockpiles.japan['type-12'] = n)),
        RUNG.invasion,
      );
    expect(at(0)).toBeGreaterThan(at(100));
    expect(at(100)).toBeGreaterThanOrEqual(at(400));
    expect(at(0) - at(400)).toBeGreaterThan(0.02);
  });

  it("Taiwan's own anti-ship missiles lower it", () => {
    const at = (n: number) =>
      success(
        withLever((d) => (d.stockpiles.taiwan['hf-3'] = n)),
        RUNG.invasion,
      );
    expect(at(0)).toBeGreaterThan(at(300));
  });

  it('integrated air and missile defence (interceptor Pk) lowers it: fewer launchers lost to the opening strike', () => {
    const at = (pk: number) =>
      success(
        withLever((d) => (d.bonuses.interceptorPk = pk)),
        RUNG.invasion,
      );
    expect(at(0)).toBeGreaterThan(at(0.1));
    expect(at(0.1)).toBeGreaterThan(at(0.2));
  });

  it('the command level lowers it (latency and deconfliction of Japanese and US fires)', () => {
    const at = (level: number) =>
      success(
        withLever((d) => {
          d.alliance.commandLevel = level;
          d.us.commitment = 90; // make the allied worlds weigh
        }),
        RUNG.invasion,
      );
    expect(at(0)).toBeGreaterThan(at(1));
    expect(at(1)).toBeGreaterThanOrEqual(at(2)); // the estimate is rounded to 3 decimals
    expect(at(0)).toBeGreaterThan(at(2));
  });

  it('no denial lever raises any option’s estimated success', () => {
    const hollow = withLever((d) => {
      d.stockpiles.japan['type-12'] = 0;
      d.stockpiles.taiwan['hf-3'] = 0;
      d.bonuses.interceptorPk = 0;
      d.alliance.commandLevel = 0;
    });
    const full = withLever((d) => {
      d.stockpiles.japan['type-12'] = 400;
      d.stockpiles.taiwan['hf-3'] = 400;
      d.bonuses.interceptorPk = 0.2;
      d.alliance.commandLevel = 2;
    });
    for (const o of est(full).options) {
      const h = est(hollow).options.find((x) => x.rung === o.rung)!;
      expect(o.success, `rung ${o.rung}`).toBeLessThanOrEqual(h.success);
    }
    expect(success(full, RUNG.invasion)).toBeLessThan(success(hollow, RUNG.invasion));
    expect(est(full).best!.temptation).toBeLessThan(est(hollow).best!.temptation);
  });
});

describe("Red's blockade estimate answers to escorts and anti-ship fires", () => {
  const blockade = (edit: (d: DraftState) => void) => success(withLever(edit), RUNG.blockade);

  it("Taiwan's anti-ship missiles lower it even where the US stays out: a blockade is an act of war", () => {
    const noUs = (hf3: number) =>
      blockade((d) => {
        d.us.commitment = 0;
        d.stockpiles.taiwan['hf-3'] = hf3;
        d.stockpiles.taiwan.harpoon = hf3;
      });
    expect(noUs(0)).toBeGreaterThan(noUs(300));
  });

  it("more Blue escorts in reach of the lanes lower it; more of Red's enforcing ships raise it", () => {
    const navy = (k: number) =>
      blockade((d) => {
        for (const u of Object.values(d.units)) if (u.type === 'tw-navy') u.strength = u.maxStrength * k;
      });
    expect(navy(0)).toBeGreaterThan(navy(1));
    const red = (k: number) =>
      blockade((d) => {
        for (const u of Object.values(d.units)) if (u.type === 'cn-ddg') u.strength = u.maxStrength * k;
      });
    expect(red(1)).toBeGreaterThan(red(0.3));
  });

  it("Taiwan's energy reserves lower it: the cut must run longer before will breaks", () => {
    expect(blockade((d) => (d.taiwan.energyDays = 10))).toBeGreaterThan(
      blockade((d) => (d.taiwan.energyDays = 90)),
    );
  });
});

describe('the denial excursions differ from takaichi-2025 only in Blue denial, and Red reads them so', () => {
  const hollow = getScenario('takaichi-2025-hollow-denial')!;
  const full = getScenario('takaichi-2025-full-denial')!;

  it('they change no US commitment or credibility, Japanese legal status, constraint or anything of China’s', () => {
    for (const x of [hollow, full]) {
      expect(x.tracks.us).toEqual(tk.tracks.us);
      expect(x.tracks.japan).toEqual(tk.tracks.japan);
      expect(x.tracks.china).toEqual(tk.tracks.china);
      expect(x.constraints).toEqual(tk.constraints);
      expect(x.stockpiles.china).toEqual(tk.stockpiles.china);
      expect(x.units).toEqual(tk.units);
    }
  });

  it("Red's estimated invasion success: hollow > base > full, and the best option is more tempting with hollow denial", () => {
    const of = (sc: typeof tk) => success(newMatch(sc, { seed: 'denial' }), RUNG.invasion, sc);
    expect(of(hollow)).toBeGreaterThan(of(tk));
    expect(of(tk)).toBeGreaterThan(of(full));
    const best = (sc: typeof tk) => est(newMatch(sc, { seed: 'denial' }), sc).best!.temptation;
    expect(best(hollow)).toBeGreaterThan(best(tk));
  });

  it('an opportunist Red goes to war most often against hollow denial, least against full denial (the same 16 Red leaderships)', () => {
    // The same seeds draw the same Red (resolve and confidence) in each posture: only denial differs.
    const war = (sc: typeof tk) =>
      Array.from({ length: 16 }, (_x, i) => i + 1).filter(
        (i) => runMatch(sc, { china: 'opportunist' }, `denial-${i}`).state.peakEscalation >= RUNG.strikes,
      ).length;
    const [h, b, f] = [war(hollow), war(tk), war(full)];
    expect(h).toBeGreaterThan(b);
    expect(b).toBeGreaterThanOrEqual(f);
    expect(h).toBeGreaterThanOrEqual(3);
    expect(f).toBeLessThanOrEqual(1);
  });
});

describe('the calculating Red escalates exactly when the best option pays', () => {
  /** A state whose best option has a positive temptation that stays below Red's resolve. */
  const tempting = patch(newMatch(getScenario('takaichi-2025-hollow-denial')!, { seed: 'calc' }), (d) => {
    d.china.resolve = 5;
    d.china.confidence = 0;
    d.us.commitment = 20;
  });
  const firstEscalation = (policy: 'calculating' | 'opportunist'): boolean => {
    const sc = getScenario('takaichi-2025-hollow-denial')!;
    const turn = botTurn({ scenario: sc, bots: { china: policy }, current: () => tempting });
    for (let step = turn.next(); !step.done; step = turn.next(false))
      if (step.value.type === 'order' && step.value.seat === 'china' && step.value.order.type === 'escalate')
        return true;
    return false;
  };

  it('the state is as described: the best option pays (temptation > 0) but is below resolve', () => {
    const e = est(tempting, getScenario('takaichi-2025-hollow-denial')!);
    expect(e.best!.temptation).toBeGreaterThan(0);
    expect(e.best!.temptation).toBeLessThan(tempting.china.resolve);
  });

  it('a calculating Red escalates there; an opportunist, who acts at its resolve, does not', () => {
    expect(firstEscalation('calculating')).toBe(true);
    expect(firstEscalation('opportunist')).toBe(false);
  });
});

describe('powers the scenario keeps out of the war', () => {
  it('Japan-neutral: the Japanese bot declares nothing while Japan is not attacked', () => {
    const sc = getScenario('taiwan-invasion-japan-neutral')!;
    for (const seed of ['neutral-1', 'neutral-2']) {
      const { state } = runMatch(sc, {}, seed);
      const declared = state.log.some(
        (e) => e.kind === 'declaration-passed' || e.kind === 'declaration-failed',
      );
      if (!state.flags.japanAttacked) expect(declared).toBe(false);
      expect(state.japan.legalStatus === 'none' || state.flags.japanAttacked).toBe(true);
    }
  });

  it('Taiwan alone: even an aggressive Red strikes no US or Japanese force', () => {
    const sc = getScenario('taiwan-invasion-taiwan-alone')!;
    const { state } = runMatch(sc, { china: 'aggressive' }, 'alone-1');
    expect(state.flags.usAttacked).toBe(false);
    expect(state.flags.japanAttacked).toBe(false);
  });
});
