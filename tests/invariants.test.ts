/**
 * Seeded random games (CONVENTIONS item 12, after OpenSpiel's RandomSimTest): every
 * scenario × three seeds and bot mixes, checking invariants at every round, a JSON
 * round-trip, determinism, replay, and that replay finds a tampered action's round.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  applyAction,
  coordinationCapacity,
  FACTIONS,
  type MatchState,
  newMatch,
  type Scenario,
} from '../game/index.ts';
import {
  type MatchRecord,
  type MatchResult,
  playBotRound,
  type ReplayResult,
  replay,
  runMatch,
  type Seats,
  stateHash,
} from '../match/index.ts';
import { SCENARIO_IDS } from '../scenarios/index.ts';
import { patch, scenario } from './helpers.ts';

const MIXES: readonly [string, Seats][] = [
  ['inv-seed-a', {}],
  [
    'inv-seed-b',
    { china: 'aggressive', japan: 'forward-denial', us: 'forward-denial', taiwan: 'forward-denial' },
  ],
  ['inv-seed-c', { china: 'cautious' }],
];

/** Paths of values JSON cannot carry (non-finite numbers, undefined in arrays, non-plain objects). */
function nonJson(v: unknown, path = ''): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return [];
  if (Array.isArray(v))
    return v.flatMap((x, i) => (x === undefined ? [`${path}.${i}`] : nonJson(x, `${path}.${i}`)));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) =>
      x === undefined ? [] : nonJson(x, path ? `${path}.${k}` : k),
    );
  return [path];
}

/** The round in which each action of a record was applied. */
function roundsOf(record: MatchRecord, sc: Scenario): number[] {
  let s = newMatch(sc, { seed: record.seed, white: record.white ?? false });
  return record.actions.map((a) => {
    const round = s.round;
    const r = applyAction(sc, s, a);
    if (r.ok) s = r.value;
    return round;
  });
}

/** A copy of the record with one order's count (strike) or amount (fund) lowered by one; null if none can be. */
function tamper(
  record: MatchRecord,
  rounds: readonly number[],
): { record: MatchRecord; round: number } | null {
  const candidates = record.actions
    .map((a, i) => ({ a, i }))
    .filter(
      ({ a }) =>
        a.type === 'order' &&
        ((a.order.type === 'strike' && a.order.count > 1) || (a.order.type === 'fund' && a.order.amount > 1)),
    );
  // A fund order always changes the state; a strike's count may be capped by launchers lost
  // earlier in the same strike step, so one fewer missile can legitimately change nothing.
  const funds = candidates.filter(({ a }) => a.type === 'order' && a.order.type === 'fund');
  const pool = funds.length > 0 ? funds : candidates;
  const late = pool.find(({ i }) => rounds[i]! > 1) ?? pool[0];
  if (!late) return null;
  const a = late.a as Extract<Action, { type: 'order' }>;
  const o = a.order;
  const changed: Action = {
    ...a,
    order:
      o.type === 'strike'
        ? { ...o, count: o.count - 1 }
        : o.type === 'fund'
          ? { ...o, amount: o.amount - 1 }
          : o,
  };
  const actions = record.actions.map((x, i) => (i === late.i ? changed : x));
  return { record: { ...record, actions }, round: rounds[late.i]! };
}

interface Run {
  readonly seed: string;
  readonly seats: Seats;
  readonly result: MatchResult | null;
  readonly error: string | null;
}

interface Games {
  readonly sc: Scenario;
  readonly all: Run[];
  readonly runs: MatchResult[];
  /** replay(record) of each finished run, in the order of `runs`. */
  readonly replays: ReplayResult[];
}
const games = new Map<string, Games>();
const gamesOf = (id: string): Games => {
  let g = games.get(id);
  if (!g) {
    const sc = scenario(id);
    const all = MIXES.map(([seed, seats]): Run => {
      try {
        return { seed, seats, result: runMatch(sc, seats, seed), error: null };
      } catch (e) {
        return { seed, seats, result: null, error: String(e) };
      }
    });
    const runs = all.flatMap((r) => (r.result ? [r.result] : []));
    g = { sc, all, runs, replays: runs.map((r) => replay(r.record, sc)) };
    games.set(id, g);
  }
  return g;
};

describe.each(SCENARIO_IDS)('%s × 3 seeds', (id) => {
  it('every match ends, within the scenario’s rounds, with an outcome', () => {
    const { sc, all, runs } = gamesOf(id);
    expect(all.filter((r) => r.error).map((r) => `${r.seed}: ${r.error}`)).toEqual([]);
    expect(runs).toHaveLength(MIXES.length);
    for (const { state, record } of runs) {
      expect(state.stage).toBe('ended');
      expect(state.outcome).not.toBeNull();
      expect(state.round).toBeLessThanOrEqual(sc.rounds);
      expect(record.roundHashes).toHaveLength(state.round);
      expect(record.seed.length).toBeGreaterThan(0);
    }
  });

  it('at every round: strengths, interceptors, stockpiles and budgets ≥ 0; escalation in 0–5; peak ≥ escalation', () => {
    const { sc, runs, replays } = gamesOf(id);
    for (const [i, { record }] of runs.entries()) {
      const r = replays[i]!;
      const states: MatchState[] = [newMatch(sc, { seed: record.seed }), ...r.roundStates];
      let peak = 0;
      for (const s of states) {
        for (const u of Object.values(s.units)) {
          expect(u.strength, u.id).toBeGreaterThanOrEqual(0);
          expect(u.interceptors, u.id).toBeGreaterThanOrEqual(0);
        }
        for (const f of FACTIONS) {
          for (const [m, n] of Object.entries(s.stockpiles[f]))
            expect(n, `${f} ${m}`).toBeGreaterThanOrEqual(0);
          expect(s.budgets[f]).toBeGreaterThanOrEqual(0);
        }
        expect(Number.isInteger(s.escalation)).toBe(true);
        expect(s.escalation).toBeGreaterThanOrEqual(0);
        expect(s.escalation).toBeLessThanOrEqual(5);
        peak = Math.max(peak, s.escalation);
        expect(s.peakEscalation).toBeGreaterThanOrEqual(s.escalation);
        expect(s.peakEscalation).toBeGreaterThanOrEqual(peak);
        expect(s.peakRound).toBeLessThanOrEqual(s.round);
      }
    }
  });

  it('every round’s state is JSON data and survives a JSON round-trip', () => {
    for (const r of gamesOf(id).replays) {
      for (const s of r.roundStates) {
        expect(nonJson(s)).toEqual([]);
        expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      }
    }
  });

  it('the same seed gives the same record and final state hash', () => {
    const { sc, all } = gamesOf(id);
    const first = all.find((r) => r.result)!;
    const again = runMatch(sc, first.seats, first.seed);
    expect(again.record).toEqual(first.result!.record);
    expect(stateHash(again.state)).toBe(stateHash(first.result!.state));
  });

  it('replay(record) is ok and reproduces every round hash and the final state', () => {
    const { runs, replays } = gamesOf(id);
    for (const [i, { record, state }] of runs.entries()) {
      const r = replays[i]!;
      expect(r.error).toBeNull();
      expect(r.divergence).toBeNull();
      expect(r.ok).toBe(true);
      expect(r.roundHashes).toEqual(record.roundHashes);
      expect(stateHash(r.state)).toBe(stateHash(state));
    }
  });

  it('a record with one order altered diverges at the round of that order', () => {
    const { sc, runs } = gamesOf(id);
    let tested = 0;
    for (const { record } of runs) {
      const t = tamper(record, roundsOf(record, sc));
      if (!t) continue;
      tested++;
      const r = replay(t.record, sc);
      expect(r.ok).toBe(false);
      expect(r.divergence?.round).toBe(t.round);
      expect(r.roundHashes.slice(0, t.round - 1)).toEqual(record.roundHashes.slice(0, t.round - 1));
    }
    expect(tested).toBeGreaterThan(0);
  });
});

describe('across scenarios', () => {
  it('different seeds can give different games (same scenario, same bots)', () => {
    const differ = SCENARIO_IDS.filter((id) => {
      const sc = scenario(id);
      const a = runMatch(sc, {}, 'differ-1').state;
      const b = runMatch(sc, {}, 'differ-2').state;
      return stateHash({ ...a, seed: '' }) !== stateHash({ ...b, seed: '' });
    });
    expect(differ.length).toBeGreaterThan(0);
  });

  it('a truncated record is reported as missing rounds; a record from other rules is flagged', () => {
    const { sc, runs } = gamesOf('takaichi-2025');
    const record = runs[0]!.record;
    const cut = replay({ ...record, actions: record.actions.slice(0, 5) }, sc);
    expect(cut.ok).toBe(false);
    expect(cut.divergence?.actual).toBe('missing');
    expect(replay({ ...record, rulesVersion: '0.0.0' }, sc).rulesMismatch).toBe(true);
    const other = replay(record, scenario('senkaku-gray-zone'));
    expect(other.ok).toBe(false);
    expect(other.error?.code).toBe('ERR_SCENARIO_HASH');
  });

  // Regression guard (fixed in game/harness.ts and game/bots.ts): the US bot proposed combined
  // actions beyond the capacity left, the Japan bot accepted regardless, the accept was
  // rejected (ERR_NO_CAPACITY), the proposal stayed open, Japan could not commit
  // (ERR_UNANSWERED_PROPOSAL) and runMatch threw "internal: match did not end".
  it('a bot partner that cannot afford a proposal still lets the round end', () => {
    const sc = scenario('taiwan-quarantine');
    let state = patch(newMatch(sc, { seed: 'deadlock' }), (d) => {
      d.escalation = 3;
      d.japan.legalStatus = 'important-influence';
      d.alliance.commandLevel = 0;
      d.alliance.cohesion = 50;
      d.alliance.disruption = 1;
      d.alliance.consentGranted = false;
    });
    expect(coordinationCapacity(state)).toBe(1);
    const apply = (a: Action): MatchState | null => {
      const r = applyAction(sc, state, a);
      if (r.ok) state = r.value;
      return r.ok ? r.value : null;
    };
    for (let pass = 0; pass < 3 && state.round === 1; pass++)
      playBotRound(sc, state, { japan: 'forward-denial', us: 'forward-denial' }, apply);
    expect(state.round).toBe(2);
  });
});
