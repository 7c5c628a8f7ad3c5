/**
 * Time is time (DESIGN.md section 6: the phase sets the tempo): the command architecture's
 * upgrade path counts months from the rounds' lengths, and a match White Cell ends has its
 * own outcome, with the situation at that round as the assessment.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND, type MatchState, newMatch, type Order, ROUND_DAYS, RUNG } from '../game/index.ts';
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
