/**
 * The deterrence check (DESIGN.md section 6): Red's estimate of each option above the
 * current rung, computed from what the viewpoint can see; how US commitment, Japan's
 * stance and Taiwan's defenders move it; Blue's margin; Red's resolve kept secret.
 * Only relationships are asserted: the tables behind the estimate are being tuned.
 */
import { describe, expect, it } from 'vitest';
import {
  BLUE,
  type DeterrenceOption,
  type DraftState,
  deterrenceEstimate,
  FACTIONS,
  type MatchState,
  newMatch,
  type Scenario,
  viewFor,
} from '../game/index.ts';
import { SCENARIO_IDS } from '../scenarios/index.ts';
import { addUnit, commitAll, patch, scenario } from './helpers.ts';

const tk = scenario('takaichi-2025');
const inv = scenario('taiwan-invasion');
const neutral = scenario('taiwan-invasion-japan-neutral');
const alone = scenario('taiwan-invasion-taiwan-alone');

/** Red's estimate of one rung's option (throws if the rung is not offered). */
function option(s: MatchState, sc: Scenario, rung: number, viewpoint = 'china' as const): DeterrenceOption {
  const o = deterrenceEstimate(s, sc, viewpoint).options.find((x) => x.rung === rung);
  if (!o) throw new Error(`no rung-${rung} option at rung ${s.escalation}`);
  return o;
}
/** newMatch, pinned below invasion so an invasion option exists (the invasion scenarios start at rung 5). */
const opening = (sc: Scenario, edit: (d: DraftState) => void = () => {}): MatchState =>
  patch(newMatch(sc, { seed: 'deterrence' }), (d) => {
    if (d.escalation > 4) d.escalation = 4;
    edit(d);
  });
const taiwanAt = (share: number) => (d: DraftState) => {
  for (const u of Object.values(d.units)) if (u.faction === 'taiwan') u.strength *= share;
};

describe('options', () => {
  it.each(SCENARIO_IDS)('%s: one option per rung above the current one, and only those', (id) => {
    const sc = scenario(id);
    for (const rung of [0, 1, 2, 3, 4, 5]) {
      const s = patch(
        newMatch(sc, { seed: 'deterrence' }),
        (d) => (d.escalation = rung as DraftState['escalation']),
      );
      const est = deterrenceEstimate(s, sc, 'china');
      expect(est.current).toBe(rung);
      expect(est.options.map((o) => o.rung)).toEqual([1, 2, 3, 4, 5].filter((r) => r > rung));
      if (rung === 5) expect(est.best).toBeNull();
    }
  });

  it('temptation = value × success − cost, success is a probability, best is the most tempting', () => {
    for (const id of SCENARIO_IDS) {
      const sc = scenario(id);
      const est = deterrenceEstimate(opening(sc), sc, 'china');
      for (const o of est.options) {
        // Each figure is rounded to 3 decimals, so the product carries up to value × 0.0005 of rounding.
        expect(Math.abs(o.temptation - (o.value * o.success - o.cost))).toBeLessThanOrEqual(
          o.value * 0.0005 + 0.0011,
        );
        expect(o.success).toBeGreaterThanOrEqual(0);
        expect(o.success).toBeLessThanOrEqual(1);
        expect(o.cost).toBeGreaterThanOrEqual(0);
      }
      expect(est.best?.temptation).toBe(Math.max(...est.options.map((o) => o.temptation)));
    }
  });

  it('makes no random draws: two seeds with the same Red draws give the same estimate', () => {
    const a = newMatch(tk, { seed: 'a' });
    const b = patch(newMatch(tk, { seed: 'b' }), (d) => {
      d.china.resolve = a.china.resolve;
      d.china.confidence = a.china.confidence;
    });
    expect(deterrenceEstimate(a, tk, 'china')).toEqual(deterrenceEstimate(b, tk, 'china'));
  });

  it("Red's confidence shifts what it believes of every option, and Blue's estimate does not see it", () => {
    const at = (confidence: number) =>
      patch(newMatch(tk, { seed: 'c' }), (d) => {
        d.china.confidence = confidence;
      });
    const low = deterrenceEstimate(at(-1), tk, 'china');
    const high = deterrenceEstimate(at(1), tk, 'china');
    for (const o of high.options) {
      const l = low.options.find((x) => x.rung === o.rung)!;
      if (l.success > 0 && l.success < 1) expect(o.success).toBeGreaterThan(l.success);
    }
    expect(deterrenceEstimate(viewFor(at(-1), 'japan'), tk, 'japan')).toEqual(
      deterrenceEstimate(viewFor(at(1), 'japan'), tk, 'japan'),
    );
  });

  it('each match draws its own Red: resolve within ±1 of the scenario figure, confidence around 0', () => {
    const reds = Array.from({ length: 200 }, (_x, i) => newMatch(tk, { seed: `r${i}` }).china);
    const rs = reds.map((c) => c.resolve);
    expect(Math.min(...rs)).toBeGreaterThanOrEqual(tk.tracks.china.resolve - 1);
    expect(Math.max(...rs)).toBeLessThanOrEqual(tk.tracks.china.resolve + 1);
    expect(new Set(rs).size).toBeGreaterThan(150);
    const cs = reds.map((c) => c.confidence);
    const mean = cs.reduce((a, c) => a + c, 0) / cs.length;
    expect(Math.abs(mean)).toBeLessThan(0.3);
    expect(cs.filter((c) => c > 1.2).length).toBeGreaterThan(10);
    expect(cs.filter((c) => c < -1.2).length).toBeGreaterThan(10);
    // The same seed draws the same Red.
    expect(newMatch(tk, { seed: 'r7' }).china).toEqual(reds[7]);
  });
});

describe('what moves Red’s temptation', () => {
  it('higher US commitment lowers the invasion temptation; intervention lowers it further', () => {
    const at = (edit: (d: DraftState) => void): number =>
      option(patch(newMatch(tk, { seed: 'd' }), edit), tk, 5).temptation;
    const ts = [10, 40, 70, 95].map((c) => at((d) => (d.us.commitment = c)));
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeLessThan(ts[i - 1]!);
    expect(
      at((d) => {
        d.us.commitment = 95;
        d.us.intervening = true;
      }),
    ).toBeLessThanOrEqual(ts.at(-1)!);
  });

  it('a US that will not fight (Taiwan alone) makes invasion more tempting than the base case', () => {
    expect(option(opening(alone), alone, 5).temptation).toBeGreaterThan(
      option(opening(inv), inv, 5).temptation,
    );
  });

  it('more Taiwanese defenders lower the invasion’s chance of success', () => {
    const ps = [0.25, 0.5, 1, 2].map((share) => option(opening(alone, taiwanAt(share)), alone, 5).success);
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeLessThanOrEqual(ps[i - 1]!);
    expect(ps.at(-1)).toBeLessThan(ps[0]!);
  });

  it('where the invasion is in doubt, Japan staying out raises its chance and its temptation', () => {
    const weak = taiwanAt(0.1);
    const withJapan = option(opening(inv, weak), inv, 5);
    const withoutJapan = option(opening(neutral, weak), neutral, 5);
    expect(withoutJapan.success).toBeGreaterThan(withJapan.success);
    expect(withoutJapan.temptation).toBeGreaterThan(withJapan.temptation);
  });

  // Regression guards (fixed in game/deterrence.ts, deterrenceEstimate): Red's cost once
  // weighed only the chance of *US* intervention, and the base-case invasion's success
  // rounds to 0 with or without Japan, so Japan refusing to fight left the temptation
  // unchanged. DESIGN.md section 6 puts the chance of US and Japanese intervention in the cost.
  it('Japan staying out (japanIntervention "never") makes invasion more tempting at the opening', () => {
    expect(option(opening(neutral), neutral, 5).temptation).toBeGreaterThan(
      option(opening(inv), inv, 5).temptation,
    );
  });

  it('the same state judged under the Japan-neutral scenario is more tempting', () => {
    const s = opening(inv);
    expect(option(s, neutral, 5).temptation).toBeGreaterThan(option(s, inv, 5).temptation);
  });
});

describe('estimates are made from what the viewpoint can see', () => {
  const weak = opening(neutral, taiwanAt(0.1));

  it('a US submarine Red cannot detect does not change Red’s estimate', () => {
    const hidden = patch(weak, (d) =>
      addUnit(d, { id: 't-us-ssn', type: 'us-ssn', faction: 'us', zone: 'miyako-strait', strength: 6 }),
    );
    expect(deterrenceEstimate(hidden, neutral, 'china')).toEqual(deterrenceEstimate(weak, neutral, 'china'));
  });

  it('the same submarine where Red has ASW lowers Red’s invasion success', () => {
    const seen = patch(weak, (d) =>
      addUnit(d, { id: 't-us-ssn', type: 'us-ssn', faction: 'us', zone: 'taiwan-strait-north', strength: 6 }),
    );
    expect(option(seen, neutral, 5).success).toBeLessThan(option(weak, neutral, 5).success);
  });
});

describe('margins and secrecy', () => {
  const s = opening(tk);

  it.each(BLUE)(
    'the %s viewpoint reports a margin: how far Red’s best option is from being worth it',
    (f) => {
      const est = deterrenceEstimate(s, tk, f);
      expect(est.viewpoint).toBe(f);
      expect(est.best).not.toBeNull();
      expect(Number.isFinite(est.margin)).toBe(true);
      expect(est.margin).toBeCloseTo(0 - est.best!.temptation, 2);
    },
  );

  it('Red’s resolve is hidden from Blue (0) and known to Red', () => {
    const patched = patch(s, (d) => (d.china.resolve = 2.5));
    expect(deterrenceEstimate(patched, tk, 'china').resolve).toBe(2.5);
    for (const f of BLUE) {
      expect(deterrenceEstimate(patched, tk, f).resolve).toBe(0);
      const view = viewFor(patched, f);
      expect(view.china.resolve).toBe(0);
      expect(view.deterrence).toBeNull();
      expect(view.history.every((h) => h.redBestTemptation === 0 && h.deterrenceMargin === 0)).toBe(true);
    }
    expect(viewFor(patched, 'china').china.resolve).toBe(2.5);
    expect(viewFor(patched, 'white').china.resolve).toBe(2.5);
  });

  it('Red’s margin is resolve − best temptation; positive means deterred', () => {
    const est = deterrenceEstimate(s, tk, 'china');
    expect(est.margin).toBeCloseTo(est.resolve - est.best!.temptation, 2);
  });

  it('every faction gets an estimate for the same options', () => {
    const rungs = deterrenceEstimate(s, tk, 'china').options.map((o) => o.rung);
    for (const f of FACTIONS) expect(deterrenceEstimate(s, tk, f).options.map((o) => o.rung)).toEqual(rungs);
  });

  // Regression guard (fixed in game/deterrence.ts, deterrenceEstimate): at rung 5 there is
  // no option and the margin was resolve − (−Infinity) = Infinity, stored in state, which
  // JSON turns into null (CONVENTIONS item 1).
  it('the estimate stored in state is JSON-safe at rung 5 (no options)', () => {
    const s5 = commitAll(
      inv,
      patch(newMatch(inv, { seed: 'deterrence' }), (d) => (d.escalation = 5)),
    );
    expect(s5.deterrence?.current).toBe(5);
    expect(JSON.parse(JSON.stringify(s5.deterrence))).toEqual(s5.deterrence);
  });
});
