/**
 * White Cell's injects and amendments are checked and their effects shown (issue 10, item 5):
 * a change that would push a track outside its range is refused, naming the track, its value
 * and its range, instead of being clamped silently; an accepted inject's line says what it
 * changed, from what to what, in a facilitator's words.
 */
import { describe, expect, it } from 'vitest';
import { newMatch, TRACK_LABELS, TRACK_PATHS, validateAction } from '../game/index.ts';
import { act, codeOf, scenario } from './helpers.ts';

const tk = scenario('takaichi-2025');
const s0 = newMatch(tk, { seed: 'white-checks', white: true });

describe("White Cell's changes are checked", () => {
  it("an inject cutting Japan's spending by 3 points from 2% is refused, naming the track and its range", () => {
    const r = validateAction(s0, tk, {
      type: 'inject',
      seat: 'white',
      text: 'A budget crisis in Tokyo',
      effects: [{ track: 'japan.defenseSpendingPctGdp', delta: -3 }],
    });
    expect(codeOf(r)).toBe('ERR_OUT_OF_RANGE');
    if (!r.ok)
      expect(r.error.message).toMatch(
        /Japan's defense spending \(% of GDP\) would go from [\d.]+ to -[\d.]+, outside its range 0–10/,
      );
  });

  it('effects on one track add up; an amendment is checked the same way', () => {
    const two = (delta: number) =>
      validateAction(s0, tk, {
        type: 'inject',
        seat: 'white',
        text: 'Two blows',
        effects: [
          { track: 'alliance.cohesion', delta },
          { track: 'alliance.cohesion', delta },
        ],
      });
    expect(codeOf(two(-10))).toBe('ok');
    expect(codeOf(two(-60))).toBe('ERR_OUT_OF_RANGE');
    const amend = (delta: number) =>
      validateAction(s0, tk, {
        type: 'amend',
        seat: 'white',
        track: 'escalation',
        delta,
        reason: 'a ruling on the ladder',
      });
    expect(codeOf(amend(1))).toBe('ok');
    expect(codeOf(amend(9))).toBe('ERR_OUT_OF_RANGE');
  });

  it("an accepted inject's line names each track and its value before and after", () => {
    const s = act(tk, s0, {
      type: 'inject',
      seat: 'white',
      text: 'A typhoon closes Naha port',
      effects: [{ track: 'alliance.cohesion', delta: -5 }],
    });
    const line = s.log.at(-1)!;
    expect(line.kind).toBe('inject');
    expect(line.text).toBe(
      `White Cell inject: A typhoon closes Naha port (Alliance cohesion ${s0.alliance.cohesion} → ${s0.alliance.cohesion - 5})`,
    );
  });

  it('every track has a label', () => {
    for (const t of TRACK_PATHS) expect(TRACK_LABELS[t].length).toBeGreaterThan(3);
  });
});
