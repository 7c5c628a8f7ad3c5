/**
 * No dead ends, checked injects and Blue's levers in the board's view model (issue 10, items
 * 5 and 6), without a browser: whether the partner could accept a combined operation before
 * it is sent, why Japan cannot declare, an inject's preview before → after with the engine's
 * out-of-range reason, an inject's effect in the review, and Blue's levers in words.
 */
import { describe, expect, it } from 'vitest';
import {
  buildModel,
  declarationsClosed,
  interventionClosed,
  leverRows,
  proposalAcceptReason,
  trackPreview,
  trackValue,
  whiteChanges,
} from '../client/src/match/model.ts';
import { type Action, applyAction, type MatchState, newMatch, TRACK_LABELS, viewFor } from '../game/index.ts';
import { getScenario } from '../scenarios/index.ts';

type SeatId = 'japan' | 'us' | 'china' | 'taiwan' | 'white';

function start(id: string): MatchState {
  return newMatch(getScenario(id)!, { seed: 'client-deadends', white: true });
}
const modelOf = (s: MatchState, seat: SeatId) => buildModel(viewFor(s, seat), getScenario(s.scenarioId)!);

function apply(s: MatchState, a: Action): MatchState {
  const r = applyAction(getScenario(s.scenarioId)!, s, a);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('a proposal says whether the partner may accept it, before it is sent', () => {
  it('logistics support at rung 1 (takaichi-2025): Japan could not accept it; shared ISR it could', () => {
    const s = start('takaichi-2025');
    const v = viewFor(s, 'us');
    const scenario = getScenario('takaichi-2025')!;
    expect(proposalAcceptReason(v, scenario, 'us', { type: 'propose', kind: 'logistics-support' })).toBe(
      'rear-area support needs an important-influence situation',
    );
    expect(proposalAcceptReason(v, scenario, 'us', { type: 'propose', kind: 'shared-isr' })).toBeNull();
    expect(
      proposalAcceptReason(v, scenario, 'us', { type: 'propose', kind: 'iamd-cover', zone: 'okinawa' }),
    ).toMatch(/survival-threatening situation/);
  });

  it('in an invasion with a survival-threatening situation declared, Japan could accept logistics support', () => {
    const s = start('taiwan-invasion');
    const scenario = getScenario('taiwan-invasion')!;
    expect(
      proposalAcceptReason(viewFor(s, 'us'), scenario, 'us', { type: 'propose', kind: 'logistics-support' }),
    ).toBeNull();
  });

  it('once sent, the proposer sees the reason on its open proposal; the partner sees it on Accept', () => {
    const s = apply(start('takaichi-2025'), { type: 'propose', seat: 'us', kind: 'logistics-support' });
    const us = modelOf(s, 'us').proposals.find((p) => p.kind === 'logistics-support')!;
    expect(us.partnerReason).toBe('rear-area support needs an important-influence situation');
    expect(us.acceptReason).toBeNull();
    const jp = modelOf(s, 'japan').proposals.find((p) => p.kind === 'logistics-support')!;
    expect(jp.partnerReason).toBeNull();
    expect(jp.acceptReason).toBe('rear-area support needs an important-influence situation');
    // Japan's commit is blocked until it answers, and the model says so.
    expect(modelOf(s, 'japan').check({ type: 'commit' })).toMatch(/^answer us's proposal P\d+/);
  });
});

describe("why Japan's declarations are closed", () => {
  it('at rung 1 none is open, each with the engine reason', () => {
    const closed = declarationsClosed(modelOf(start('takaichi-2025'), 'japan'));
    expect(closed.map((c) => c.status)).toEqual([
      'important-influence',
      'survival-threatening',
      'armed-attack',
    ]);
    expect(closed[0]!.reason).toBe('an important-influence situation needs at least a quarantine (rung 2)');
  });

  it('says nothing for the other seats', () => {
    for (const seat of ['us', 'china', 'taiwan', 'white'] as const)
      expect(declarationsClosed(modelOf(start('takaichi-2025'), seat)), seat).toEqual([]);
  });
});

describe('why the US cannot intervene', () => {
  it('before a quarantine, with the engine reason; nothing for Japan', () => {
    expect(interventionClosed(modelOf(start('takaichi-2025'), 'us'))).toBe(
      'intervention needs at least a quarantine (rung 2)',
    );
    expect(interventionClosed(modelOf(start('takaichi-2025'), 'japan'))).toBeNull();
  });
});

describe("the White Cell's preview of an inject or amendment", () => {
  const s = start('takaichi-2025');
  const m = modelOf(s, 'white');

  it('shows each track before → after, and the engine reason when it leaves its range', () => {
    expect(trackValue(m.view, 'japan.defenseSpendingPctGdp')).toBe(2);
    expect(trackValue(m.view, 'escalation')).toBe(1);
    const [row] = trackPreview(m.view, m.check, [{ track: 'japan.defenseSpendingPctGdp', delta: -3 }]);
    expect(row).toMatchObject({ label: TRACK_LABELS['japan.defenseSpendingPctGdp'], before: 2, after: -1 });
    expect(row!.reason).toMatch(/would go from 2 to -1, outside its range 0–10/);
    const [ok] = trackPreview(m.view, m.check, [{ track: 'japan.defenseSpendingPctGdp', delta: 0.5 }]);
    expect(ok).toMatchObject({ before: 2, after: 2.5, reason: null });
  });

  it('adds several effects on one track, marks only the row out of range, and skips zero changes', () => {
    const rows = trackPreview(m.view, m.check, [
      { track: 'alliance.disruption', delta: 4 },
      { track: 'alliance.disruption', delta: 7 },
      { track: 'alliance.cohesion', delta: 5 },
      { track: 'china.resolve', delta: 0 },
    ]);
    expect(rows.map((r) => r.track)).toEqual(['alliance.disruption', 'alliance.cohesion']);
    expect(rows[0]!.after).toBe(rows[0]!.before + 11);
    expect(rows[0]!.reason).toMatch(/outside its range 0–10/);
    expect(rows[1]!.reason).toBeNull();
  });
});

describe("an inject's effect in every seat's review", () => {
  it('reads the inject and amendment log lines as tracks before → after', () => {
    let s = start('takaichi-2025');
    s = apply(s, {
      type: 'inject',
      seat: 'white',
      text: 'Budget crisis',
      effects: [{ track: 'japan.defenseSpendingPctGdp', delta: 0.5 }],
    });
    s = apply(s, {
      type: 'amend',
      seat: 'white',
      track: 'alliance.cohesion',
      delta: -5,
      reason: 'a leak of the talks',
    });
    const cohesion = s.alliance.cohesion;
    for (const seat of ['japan', 'us', 'china', 'taiwan', 'white'] as const) {
      const v = viewFor(s, seat);
      const changes = whiteChanges(v.log.filter((e) => e.round === 1));
      expect(changes, seat).toEqual([
        {
          kind: 'inject',
          text: 'Budget crisis',
          effects: [{ label: TRACK_LABELS['japan.defenseSpendingPctGdp'], before: 2, after: 2.5 }],
        },
        {
          kind: 'amendment',
          text: 'a leak of the talks',
          effects: [{ label: TRACK_LABELS['alliance.cohesion'], before: cohesion + 5, after: cohesion }],
        },
      ]);
    }
  });
});

describe("Blue's levers", () => {
  it('are listed for Blue seats in words, most effective first; none for China', () => {
    const s = start('takaichi-2025');
    const scenario = getScenario('takaichi-2025')!;
    const rows = leverRows(viewFor(s, 'japan'), scenario, 'japan');
    expect(rows.length).toBeGreaterThan(0);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.change).toBeGreaterThanOrEqual(rows[i - 1]!.change);
    for (const r of rows) expect(r.label).toMatch(/^(Fund |Invest|Declare )/);
    expect(leverRows(viewFor(s, 'china'), scenario, 'china')).toEqual([]);
  });
});
