/**
 * Time is time (DESIGN.md section 6: the phase sets the tempo): the command architecture's
 * upgrade path counts months from the rounds' lengths, and a match White Cell ends has its
 * own outcome, with the situation at that round as the assessment; a program is delivered
 * when funded to its cost and its lead time in months has passed, and a scenario's programs
 * funded to their cost are in service from round 1.
 */
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  COMMAND,
  type MatchState,
  newMatch,
  type Order,
  programById,
  ROUND_DAYS,
  RUNG,
} from '../game/index.ts';
import { act, commitAll, orders, patch, scenario } from './helpers.ts';

const tk = scenario('takaichi-2025');
const invest: Order = { type: 'invest-command' };
const both = (s: MatchState): MatchState =>
  commitAll(tk, orders(tk, orders(tk, s, 'japan', [invest]), 'us', [invest]));

describe('the upgrade path counts months', () => {
  const fresh = (rung: number): MatchState =>
    patch(newMatch(tk, { seed: 'months' }), (d) => {
      d.escalation = rung as MatchState['escalation'];
      d.alliance.commandLevel = 0;
      d.alliance.upgradeProgress = 0;
    });
  const months = COMMAND.upgradeMonths1.value;

  it(`in competition (30-day rounds) ${months} rounds of joint investment reach level 1`, () => {
    let s = fresh(RUNG.competition);
    for (let i = 0; i < months; i++) s = both(s);
    expect(s.alliance.commandLevel).toBe(1);
  });

  it('in conflict (3.5-day rounds) the same rounds are under a month of work: still level 0', () => {
    let s = fresh(RUNG.strikes);
    for (let i = 0; i < months; i++) s = both(s);
    expect(s.alliance.commandLevel).toBe(0);
    expect(s.alliance.upgradeProgress).toBeCloseTo((months * ROUND_DAYS.conflict) / 30, 2);
  });

  it('in a crisis (7-day rounds) progress is a quarter month a round', () => {
    const s = both(fresh(RUNG.quarantine));
    expect(s.alliance.upgradeProgress).toBeCloseTo(ROUND_DAYS.crisis / 30, 3);
    expect(s.log.some((e) => e.kind === 'command-investment' && e.text.includes('months'))).toBe(true);
  });
});

describe('a match White Cell ends', () => {
  it('is ended-by-facilitator, with the situation then as the assessment', () => {
    const sc = scenario('taiwan-quarantine');
    const s0 = newMatch(sc, { seed: 'end', white: true });
    const s = act(sc, s0, { type: 'end', seat: 'white', reason: 'time is up for the seminar' });
    expect(s.stage).toBe('ended');
    expect(s.outcome?.category).toBe('ended-by-facilitator');
    expect(s.outcome?.reason).toBe('White Cell ended the match: time is up for the seminar');
    // Round 1 of a quarantine: the situation then scores as coercion failed, not a Chinese defeat.
    expect(s.outcome?.assessment).toBe('coercion-failed');
  });
});

describe('programs are delivered after their lead time in months', () => {
  const tomahawk = programById.get('tomahawk')!;
  /** Japan funds Tomahawk to its cost in round 1, at the given rung; nothing else of Japan's is funded. */
  const funded = (rung: number): MatchState => {
    const s = patch(newMatch(tk, { seed: 'lead' }), (d) => {
      d.escalation = rung as MatchState['escalation'];
      d.maxRounds = 60;
      d.programs.japan = {};
      d.programMonths.japan = {};
      d.budgets.japan = 20;
    });
    return commitAll(
      tk,
      orders(tk, s, 'japan', [{ type: 'fund', program: 'tomahawk', amount: tomahawk.cost }]),
    );
  };
  const done = (s: MatchState): boolean => s.completedPrograms.includes('tomahawk');

  it(`in competition (30-day rounds) Tomahawk arrives after ${tomahawk.leadMonths} rounds, not when paid for`, () => {
    let s = funded(RUNG.competition);
    expect(done(s)).toBe(false);
    expect(s.programMonths.japan.tomahawk).toBe(1);
    let rounds = 1;
    while (!done(s) && rounds < 40) {
      s = commitAll(tk, s);
      rounds++;
    }
    expect(rounds).toBe(tomahawk.leadMonths);
    expect(s.log.some((e) => e.kind === 'program-completed')).toBe(true);
  });

  it('in conflict (3.5-day rounds) a whole match of rounds delivers nothing', () => {
    let s = funded(RUNG.strikes);
    for (let i = 0; i < 11; i++) s = commitAll(tk, s);
    expect(done(s)).toBe(false);
    expect(s.programMonths.japan.tomahawk).toBeCloseTo((12 * ROUND_DAYS.conflict) / 30, 1);
  });

  it('work goes only as far as the money: a program paid a third of its cost stops at a third of its months', () => {
    let s = patch(newMatch(tk, { seed: 'lead' }), (d) => {
      d.programs.japan = {};
      d.programMonths.japan = {};
    });
    s = commitAll(tk, orders(tk, s, 'japan', [{ type: 'fund', program: 'tomahawk', amount: 1 }]));
    for (let i = 0; i < 20; i++) s = commitAll(tk, s);
    expect(s.programMonths.japan.tomahawk).toBeCloseTo(tomahawk.leadMonths / tomahawk.cost, 1);
    expect(done(s)).toBe(false);
  });

  it('a program paid in full cannot be funded again while it is in delivery, and says how long is left', () => {
    const s = funded(RUNG.competition);
    const r = applyAction(tk, s, {
      type: 'order',
      seat: 'japan',
      order: { type: 'fund', program: 'tomahawk', amount: 1 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ERR_PROGRAM_DONE');
      expect(r.error.message).toContain(`${tomahawk.leadMonths - 1} months to go`);
    }
  });

  it("a scenario's programs funded to their cost are in service from round 1 (the full-denial posture)", () => {
    const full = scenario('takaichi-2025-full-denial');
    const s = newMatch(full, { seed: 'delivered' });
    for (const id of [
      'iamd',
      'shield-drones',
      'space-isr',
      'long-range-missiles',
      'tomahawk',
      'tw-coastal-defense',
    ])
      expect(s.completedPrograms).toContain(id);
    expect(s.bonuses.interceptorPk).toBeGreaterThan(0);
    const launchers = Object.values(s.units).find((u) => u.id === 'tw-coastal-tw-coastal-defense');
    expect(launchers?.readyRound).toBe(1);
    // The base posture has the same programs part-funded: none is in service.
    const base = newMatch(tk, { seed: 'delivered' });
    expect(base.completedPrograms).toEqual([]);
    expect(base.bonuses.interceptorPk).toBe(0);
  });
});
