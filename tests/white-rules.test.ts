/**
 * The White Cell (DESIGN.md section 4, "White Cell", section 10 for seminar mode;
 * game/rules/white.ts), tested directly: which orders wait for its approval, and the legality
 * of each of its actions — injects and amendments (a description or reason, real tracks, every
 * track kept inside its range), rulings, the planning timer (10 s to 2 h, or off), advancing
 * and ending a match.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  APPROVAL_KINDS,
  applyAction,
  type DraftState,
  FACTIONS,
  type Faction,
  type MatchState,
  newMatch,
  type Order,
  type Scenario,
  validateAction,
} from '../game/index.ts';
import { addUnit, codeOf, patch, scenario } from './helpers.ts';

const tk = scenario('takaichi-2025');
const inv = scenario('taiwan-invasion');

/** A seminar match (White Cell present) with cohesion at 50 and nobody committed. */
function seminar(edit: (d: DraftState) => void = () => {}): MatchState {
  return patch(newMatch(tk, { seed: 'white', white: true }), (d) => {
    d.alliance.cohesion = 50;
    edit(d);
  });
}
type WhiteAction = Extract<Action, { seat: 'white' }>;
const validateWhite = (s: MatchState, a: WhiteAction) => validateAction(s, tk, a);
const check = (s: MatchState, a: WhiteAction) => codeOf(validateWhite(s, a));
type ApprovalRequest = MatchState['requests'][number];
const commitAll = (d: DraftState) => {
  for (const f of FACTIONS) d.pending[f] = { ...d.pending[f], committed: true };
};

describe('which orders wait for a ruling', () => {
  /** The invasion scenario in seminar mode with every approval kind switched on. */
  const sem: Scenario = { ...inv, seminar: { approvals: [...APPROVAL_KINDS] } };
  /** Rung 3, Japan in a survival-threatening situation, a Japanese destroyer with Tomahawks at sea. */
  const s = patch(newMatch(sem, { seed: 'white', white: true }), (d) => {
    d.escalation = 3;
    d.us.intervening = false;
    d.japan.legalStatus = 'survival-threatening';
    d.japan.politicalCapital = 60;
    d.stockpiles.japan = { ...d.stockpiles.japan, tomahawk: 20, 'type-12': 20 };
    addUnit(d, { id: 't-jp-ddg', type: 'jp-ddg', faction: 'japan', zone: 'ecs-south', strength: 2 });
    addUnit(d, { id: 't-cn-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 });
  });
  /** The approval request an order raises (null when it takes effect without one). */
  const kindOf = (f: Faction, o: Order, at: MatchState = s): string | null => {
    const r = applyAction(sem, at, { type: 'order', seat: f, order: o });
    if (!r.ok) throw new Error(`test setup: ${r.error.code} ${r.error.message}`);
    return r.value.requests.length > at.requests.length ? (r.value.requests.at(-1)?.kind ?? null) : null;
  };
  const war = patch(s, (d) => {
    d.escalation = 4;
    d.us.intervening = true;
  });

  it.each<[string, Faction, Order, string | null]>([
    ['China climbing to strikes (rung 4)', 'china', { type: 'escalate', to: 4 }, 'escalate-strikes'],
    ['China climbing to invasion (rung 5)', 'china', { type: 'escalate', to: 5 }, 'escalate-invasion'],
    ['China stepping down to a quarantine (rung 2)', 'china', { type: 'escalate', to: 2 }, null],
    ['US intervention', 'us', { type: 'intervene' }, 'us-intervention'],
    ['a legal declaration', 'japan', { type: 'declare', status: 'none' }, 'legal-declaration'],
    ['a Japanese move', 'japan', { type: 'move', unit: 't-jp-ddg', to: 'okinawa' }, null],
  ])('%s → %s', (_n, f, o, kind) => {
    expect(kindOf(f, o)).toBe(kind);
  });

  it("a Japanese strike on China's territory is a counterstrike; one at sea is not", () => {
    const onChina: Order = {
      type: 'strike',
      unit: 't-jp-ddg',
      target: 'zhejiang',
      aim: 'airbase',
      weapon: 'tomahawk',
      count: 1,
    };
    const atSea: Order = {
      type: 'strike',
      unit: 't-jp-ddg',
      target: 'ecs-south',
      aim: 'ships',
      weapon: 'tomahawk',
      count: 1,
    };
    expect(kindOf('japan', onChina, war)).toBe('japan-counterstrike');
    expect(kindOf('japan', atSea, war)).toBe(null);
  });
});

describe('who may act as White Cell', () => {
  it('only the white seat, and only in a match with a White Cell (a timer may expire in any match)', () => {
    const inject: WhiteAction = { type: 'inject', seat: 'white', text: 'A typhoon', effects: [] };
    expect(check(seminar(), { ...inject, seat: 'japan' } as unknown as WhiteAction)).toBe('ERR_BAD_SEAT');
    const noWhite = newMatch(tk, { seed: 'white', white: false });
    expect(check(noWhite, inject)).toBe('ERR_NO_WHITE_CELL');
    expect(check(noWhite, { type: 'end', seat: 'white', reason: 'time is up' })).toBe('ERR_NO_WHITE_CELL');
    expect(check(noWhite, { type: 'timer-expired', seat: 'white' })).toBe('ok');
  });
});

describe('injects and amendments', () => {
  const inject = (text: string, effects: Extract<WhiteAction, { type: 'inject' }>['effects']) =>
    ({ type: 'inject', seat: 'white', text, effects }) as WhiteAction;
  const amend = (track: string, delta: number, reason = 'a ruling on the facts') =>
    ({ type: 'amend', seat: 'white', track, delta, reason }) as WhiteAction;

  it('an inject needs a description of at least 3 characters, not counting spaces at the ends', () => {
    expect(check(seminar(), inject('Fog', []))).toBe('ok');
    expect(check(seminar(), inject('  Fo  ', []))).toBe('ERR_NO_TEXT');
    expect(check(seminar(), inject('', []))).toBe('ERR_NO_TEXT');
    expect(check(seminar(), { type: 'inject', seat: 'white', text: 42 } as unknown as WhiteAction)).toBe(
      'ERR_NO_TEXT',
    );
    // Effects may be left out altogether.
    expect(
      check(seminar(), { type: 'inject', seat: 'white', text: 'A rumour' } as unknown as WhiteAction),
    ).toBe('ok');
  });

  it('each effect names a real track and a finite change', () => {
    expect(check(seminar(), inject('A typhoon', [{ track: 'alliance.cohesion', delta: -5 }]))).toBe('ok');
    expect(check(seminar(), inject('A typhoon', [{ track: 'alliance.morale' as never, delta: -5 }]))).toBe(
      'ERR_BAD_TRACK',
    );
    expect(check(seminar(), inject('A typhoon', [{ track: 'alliance.cohesion', delta: Number.NaN }]))).toBe(
      'ERR_BAD_TRACK',
    );
    expect(
      check(
        seminar(),
        inject('A typhoon', [{ track: 'alliance.cohesion', delta: Number.POSITIVE_INFINITY }]),
      ),
    ).toBe('ERR_BAD_TRACK');
  });

  it('a track may be taken exactly to the ends of its range (0–100 for cohesion), not past them', () => {
    // Cohesion 50: +50 reaches 100, +50.01 passes it; −50 reaches 0, −50.01 passes it.
    expect(check(seminar(), inject('Summit', [{ track: 'alliance.cohesion', delta: 50 }]))).toBe('ok');
    expect(check(seminar(), inject('Summit', [{ track: 'alliance.cohesion', delta: 50.01 }]))).toBe(
      'ERR_OUT_OF_RANGE',
    );
    expect(check(seminar(), inject('Scandal', [{ track: 'alliance.cohesion', delta: -50 }]))).toBe('ok');
    expect(check(seminar(), inject('Scandal', [{ track: 'alliance.cohesion', delta: -50.01 }]))).toBe(
      'ERR_OUT_OF_RANGE',
    );
    // The sum is rounded to 0.001 first: 50.0004 rounds to 100.
    expect(check(seminar(), inject('Summit', [{ track: 'alliance.cohesion', delta: 50.0004 }]))).toBe('ok');
  });

  it('several effects on one track add up; effects on different tracks are checked apart', () => {
    const twice = (delta: number) =>
      inject('Two blows', [
        { track: 'alliance.cohesion', delta },
        { track: 'alliance.cohesion', delta },
      ]);
    expect(check(seminar(), twice(-25))).toBe('ok');
    expect(check(seminar(), twice(-26))).toBe('ERR_OUT_OF_RANGE');
    const apart = inject('Two tracks', [
      { track: 'alliance.cohesion', delta: -40 },
      { track: 'japan.publicSupport', delta: -40 },
    ]);
    expect(
      check(
        seminar((d) => (d.japan.publicSupport = 50)),
        apart,
      ),
    ).toBe('ok');
  });

  it("tracks with their own ranges: the ladder 0–5, Japan's spending 0–10", () => {
    const s = seminar((d) => {
      d.escalation = 3;
      d.japan.defenseSpendingPctGdp = 2;
    });
    expect(check(s, amend('escalation', 2))).toBe('ok');
    expect(check(s, amend('escalation', 3))).toBe('ERR_OUT_OF_RANGE');
    expect(check(s, amend('japan.defenseSpendingPctGdp', 8))).toBe('ok');
    expect(check(s, amend('japan.defenseSpendingPctGdp', 8.5))).toBe('ERR_OUT_OF_RANGE');
  });

  it('the refusal names the track, its value now and after, and its range', () => {
    const r = validateWhite(seminar(), inject('Collapse', [{ track: 'alliance.cohesion', delta: -60 }]));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe('Alliance cohesion would go from 50 to -10, outside its range 0–100');
  });

  it('an amendment needs a written reason of 5 characters or more, a real track and a finite change', () => {
    expect(check(seminar(), amend('alliance.cohesion', 5, 'typo!'))).toBe('ok');
    expect(check(seminar(), amend('alliance.cohesion', 5, '  typo  '))).toBe('ERR_NO_REASON');
    expect(
      check(seminar(), {
        type: 'amend',
        seat: 'white',
        track: 'alliance.cohesion',
        delta: 5,
      } as unknown as WhiteAction),
    ).toBe('ERR_NO_REASON');
    expect(check(seminar(), amend('alliance.spirit', 5))).toBe('ERR_BAD_TRACK');
    expect(check(seminar(), amend('alliance.cohesion', Number.NaN))).toBe('ERR_BAD_TRACK');
    expect(check(seminar(), amend('alliance.cohesion', 51))).toBe('ERR_OUT_OF_RANGE');
  });
});

describe('rulings, the timer, advancing and ending', () => {
  const request = (status: ApprovalRequest['status']): ApprovalRequest => ({
    id: 'r-1',
    round: 1,
    seat: 'china',
    kind: 'escalate-strikes',
    orderIndex: 0,
    status,
  });

  it('a ruling answers a pending request, once', () => {
    const rule: WhiteAction = { type: 'rule', seat: 'white', request: 'r-1', approve: true };
    expect(
      check(
        seminar((d) => (d.requests = [request('pending')])),
        rule,
      ),
    ).toBe('ok');
    expect(
      check(
        seminar((d) => (d.requests = [request('approved')])),
        rule,
      ),
    ).toBe('ERR_ALREADY');
    expect(
      check(
        seminar((d) => (d.requests = [request('denied')])),
        rule,
      ),
    ).toBe('ERR_ALREADY');
    expect(check(seminar(), rule)).toBe('ERR_NO_REQUEST');
  });

  it.each<[number | null, string]>([
    [null, 'ok'],
    [10, 'ok'],
    [7200, 'ok'],
    [9, 'ERR_BAD_TIMER'],
    [7201, 'ERR_BAD_TIMER'],
    [90.5, 'ERR_BAD_TIMER'],
  ])('a planning timer of %s seconds → %s', (seconds, code) => {
    expect(check(seminar(), { type: 'set-timer', seat: 'white', seconds })).toBe(code);
  });

  it('the timer expires only while someone has not committed', () => {
    const expire: WhiteAction = { type: 'timer-expired', seat: 'white' };
    expect(check(seminar(), expire)).toBe('ok');
    expect(
      check(
        seminar((d) => (d.pending.taiwan = { ...d.pending.taiwan, committed: true })),
        expire,
      ),
    ).toBe('ok');
    expect(check(seminar(commitAll), expire)).toBe('ERR_ALREADY');
  });

  it('advancing waits for every seat, and says whom it waits for', () => {
    const advance: WhiteAction = { type: 'advance', seat: 'white' };
    expect(check(seminar(commitAll), advance)).toBe('ok');
    const r = validateWhite(
      seminar((d) => {
        commitAll(d);
        d.pending.us = { ...d.pending.us, committed: false };
        d.pending.taiwan = { ...d.pending.taiwan, committed: false };
      }),
      advance,
    );
    expect(codeOf(r)).toBe('ERR_NOT_READY');
    if (!r.ok) expect(r.error.message).toBe('waiting for the US, Taiwan to commit');
  });

  it('ending a match needs a written reason of 5 characters or more', () => {
    expect(check(seminar(), { type: 'end', seat: 'white', reason: 'done.' })).toBe('ok');
    expect(check(seminar(), { type: 'end', seat: 'white', reason: ' end ' })).toBe('ERR_NO_REASON');
    expect(check(seminar(), { type: 'end', seat: 'white', reason: 7 } as unknown as WhiteAction)).toBe(
      'ERR_NO_REASON',
    );
  });
});
