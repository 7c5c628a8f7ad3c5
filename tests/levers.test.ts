/**
 * Blue's levers — "what would it take" (game/engine/levers.ts): for each option open to a Blue
 * seat, how much it would change Red's best temptation as that seat estimates it.
 */
import { describe, expect, it } from 'vitest';
import {
  blueLevers,
  deterrenceEstimate,
  type Faction,
  type MatchState,
  newMatch,
  programById,
} from '../game/index.ts';
import { patch, scenario } from './helpers.ts';
import { quiet } from './round.ts';

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

describe('each lever is the estimate with that option in effect', () => {
  const quietQ = quiet(q);
  const now = newMatch(quietQ, { seed: 'levers' });
  const best = (k: MatchState, f: Faction): number => deterrenceEstimate(k, quietQ, f).best?.temptation ?? 0;
  /** The seat's levers by what they order: a program as "fund <id>", the rest by type. */
  const offered = (k: MatchState, f: Faction): string[] =>
    blueLevers(k, quietQ, f).map((l) => (l.order.type === 'fund' ? `fund ${l.order.program}` : l.order.type));

  it.each(['japan', 'us', 'taiwan'] as const)(
    "%s: a program's lever is the estimate of the same match with that program delivered",
    (f) => {
      const programs = blueLevers(now, quietQ, f).filter((l) => l.order.type === 'fund');
      expect(programs.length).toBeGreaterThan(0);
      for (const l of programs) {
        if (l.order.type !== 'fund') continue;
        const p = programById.get(l.order.program)!;
        expect(p.faction).toBe(f);
        expect(l.order.amount).toBe(Math.max(1, p.cost - (now.programs[f][p.id] ?? 0)));
        const delivered = newMatch(
          { ...quietQ, programs: { ...quietQ.programs, [p.id]: p.cost } },
          { seed: 'levers' },
        );
        expect(delivered.completedPrograms).toContain(p.id);
        expect(l.temptation, p.id).toBeCloseTo(best(delivered, f), 9);
      }
    },
  );

  it('some program moves the estimate, for Japan and for Taiwan', () => {
    for (const f of ['japan', 'taiwan'] as const)
      expect(blueLevers(now, quietQ, f).some((l) => l.order.type === 'fund' && l.change !== 0)).toBe(true);
  });

  it("a program part-funded asks for the rest; one funded to its cost, or another seat's, is not offered", () => {
    const iamd = programById.get('iamd')!;
    const part = patch(now, (d) => {
      d.programs.japan = { ...d.programs.japan, iamd: iamd.cost - 1 };
    });
    const lever = blueLevers(part, quietQ, 'japan').find(
      (l) => l.order.type === 'fund' && l.order.program === 'iamd',
    );
    expect(lever?.order).toEqual({ type: 'fund', program: 'iamd', amount: 1 });
    const paid = patch(now, (d) => {
      d.programs.japan = { ...d.programs.japan, iamd: iamd.cost };
    });
    expect(offered(paid, 'japan')).not.toContain('fund iamd');
    expect(offered(now, 'us')).not.toContain('fund iamd');
  });

  it('investing in the command is the estimate a level up, for Japan and the US only', () => {
    for (const f of ['japan', 'us'] as const) {
      const lever = blueLevers(now, quietQ, f).find((l) => l.order.type === 'invest-command');
      const up = patch(now, (d) => {
        d.alliance.commandLevel += 1;
      });
      expect(lever?.temptation).toBeCloseTo(best(up, f), 9);
      expect(lever?.change).toBeCloseTo(best(up, f) - best(now, f), 3);
    }
    expect(offered(now, 'taiwan')).not.toContain('invest-command');
    const one = patch(now, (d) => {
      d.alliance.commandLevel = 1;
    });
    expect(offered(one, 'us')).toContain('invest-command');
  });

  it("Japan's declaration lever is its next status with a legal basis, estimated as declared; no other seat has one", () => {
    const lever = blueLevers(now, quietQ, 'japan').find((l) => l.order.type === 'declare');
    expect(lever?.order).toEqual({ type: 'declare', status: 'important-influence' });
    const declared = patch(now, (d) => {
      d.japan.legalStatus = 'important-influence';
    });
    expect(lever?.temptation).toBeCloseTo(best(declared, 'japan'), 9);
    for (const f of ['us', 'taiwan'] as const) expect(offered(now, f)).not.toContain('declare');
    // In competition no situation has a legal basis: no declaration is offered.
    const calm = patch(now, (d) => {
      d.escalation = 0;
    });
    expect(offered(calm, 'japan')).not.toContain('declare');
    // At war (armed attack declared) there is nothing further to declare.
    const top = patch(now, (d) => {
      d.japan.legalStatus = 'armed-attack';
    });
    expect(offered(top, 'japan')).not.toContain('declare');
  });

  it('a match that has ended has no levers', () => {
    const ended = patch(now, (d) => {
      d.stage = 'ended';
    });
    for (const f of ['japan', 'us', 'taiwan'] as const) expect(blueLevers(ended, quietQ, f)).toEqual([]);
  });
});
