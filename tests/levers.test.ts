/**
 * Blue's levers — "what would it take" (game/engine/levers.ts): for each option open to a Blue
 * seat, how much it would change Red's best temptation as that seat estimates it.
 */
import { describe, expect, it } from 'vitest';
import { blueLevers, deterrenceEstimate, newMatch } from '../game/index.ts';
import { patch, scenario } from './helpers.ts';

const q = scenario('taiwan-quarantine');
const s = newMatch(q, { seed: 'levers' });

describe("Blue's levers", () => {
  it('list the seat’s open programs, its command investment and its next declaration, most effective first', () => {
    const japan = blueLevers(s, q, 'japan');
    const kinds = new Set(japan.map((l) => l.order.type));
    expect(kinds).toContain('fund');
    expect(kinds).toContain('declare');
    expect(kinds).toContain('invest-command');
    for (let i = 1; i < japan.length; i++)
      expect(japan[i]!.change).toBeGreaterThanOrEqual(japan[i - 1]!.change);
  });

  it('each lever reports the temptation it leads to and its change from now', () => {
    const now = deterrenceEstimate(s, q, 'us').best!.temptation;
    for (const l of blueLevers(s, q, 'us')) expect(l.change).toBeCloseTo(l.temptation - now, 2);
  });

  it('in the quarantine, a level up of the command architecture makes Red less tempted', () => {
    const invest = blueLevers(s, q, 'us').find((l) => l.order.type === 'invest-command');
    expect(invest?.change).toBeLessThan(0);
    const top = patch(s, (d) => (d.alliance.commandLevel = 2));
    expect(blueLevers(top, q, 'us').some((l) => l.order.type === 'invest-command')).toBe(false);
  });

  it('China has none; a completed program is not offered again', () => {
    expect(blueLevers(s, q, 'china')).toEqual([]);
    const done = patch(s, (d) => d.completedPrograms.push('iamd'));
    expect(
      blueLevers(done, q, 'japan').some((l) => l.order.type === 'fund' && l.order.program === 'iamd'),
    ).toBe(false);
    expect(blueLevers(s, q, 'japan').some((l) => l.order.type === 'fund' && l.order.program === 'iamd')).toBe(
      true,
    );
  });
});
