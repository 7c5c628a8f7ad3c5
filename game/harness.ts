/**
 * The headless harness (CONVENTIONS item 11): `runMatch(scenario, seats, seed)` plays a
 * whole match with bots; `replay(record)` re-plays a record and reports the first round
 * whose state hash differs (DESIGN.md section 1).
 */
import { botTurn } from './botDriver.ts';
import { defaultPolicy, type Policy, policiesFor } from './bots.ts';
import { applyAction, newMatch } from './engine.ts';
import { hashEngineData } from './hash.ts';
import type { Action } from './orders.ts';
import type { Scenario } from './scenario.ts';
import { type MatchState, RULES_VERSION } from './state.ts';
import { type ByFaction, err, FACTIONS, type Faction, ok, type Result } from './types.ts';

export interface MatchRecord {
  readonly rulesVersion: string;
  readonly scenarioId: string;
  readonly scenarioHash: string;
  readonly seed: string;
  readonly white?: boolean;
  readonly actions: readonly Action[];
  readonly roundHashes: readonly string[];
}

export type Seats = Partial<ByFaction<Policy>>;

/** The state's hash: everything but the digested part of the log, which `logDigest` stands for. */
export const stateHash = (s: MatchState): string =>
  hashEngineData({ ...s, log: s.log.slice(s.logDigest.count) });

/** Parses `japan=bot:baseline,china=bot:aggressive` into policies; errors name the bad part. */
export function parseSeats(text: string): Result<Seats, string> {
  const seats: Partial<Record<Faction, Policy>> = {};
  if (!text.trim()) return ok(seats);
  for (const part of text.split(',')) {
    const m = /^(\w+)=bot(?::([\w-]+))?$/.exec(part.trim());
    if (!m) return err(`"${part}" is not seat=bot[:policy]`);
    const f = m[1] as Faction;
    if (!FACTIONS.includes(f)) return err(`"${m[1]}" is not a faction (${FACTIONS.join(', ')})`);
    const policy = (m[2] ?? defaultPolicy(f)) as Policy;
    if (!policiesFor(f).includes(policy))
      return err(`"${policy}" is not a ${f} policy (${policiesFor(f).join(', ')})`);
    seats[f] = policy;
  }
  return ok(seats);
}

export interface MatchResult {
  readonly record: MatchRecord;
  readonly state: MatchState;
  readonly rejected: number;
}

/** Plays one round's planning for every seat with bots (`botTurn`) and commits. */
export function playBotRound(
  scenario: Scenario,
  state: MatchState,
  seats: Seats,
  apply: (a: Action) => MatchState | null,
): void {
  let s = state;
  const bots = Object.fromEntries(FACTIONS.map((f) => [f, seats[f] ?? defaultPolicy(f)]));
  const turn = botTurn({ scenario, bots, current: () => s });
  for (let step = turn.next(); !step.done; ) {
    const next = apply(step.value);
    if (next) s = next;
    step = turn.next(next !== null);
  }
}

/** A match being played and recorded: each accepted action is kept, with the state hash after every round. */
export interface Recording {
  readonly state: MatchState;
  readonly rejected: number;
  /** Applies an action; returns the new state, or null (and counts it) when the rules refuse it. */
  apply(a: Action): MatchState | null;
  record(): MatchRecord;
}

export interface RecordingOptions {
  /** Hash the state after every round (the record's `roundHashes`); batch analysis, which keeps only the final hash, turns it off. */
  readonly roundHashes?: boolean;
  /** A White Cell seat takes part (seminar mode): it must advance each round. */
  readonly white?: boolean;
}

export function startRecording(scenario: Scenario, seed: string, opts: RecordingOptions = {}): Recording {
  const hashRounds = opts.roundHashes ?? true;
  const white = opts.white ?? false;
  let state = newMatch(scenario, { seed, white });
  const actions: Action[] = [];
  const roundHashes: string[] = [];
  let rejected = 0;
  return {
    get state() {
      return state;
    },
    get rejected() {
      return rejected;
    },
    apply(a) {
      const before = state;
      const r = applyAction(scenario, state, a);
      if (!r.ok) {
        rejected++;
        return null;
      }
      actions.push(a);
      state = r.value;
      if (
        hashRounds &&
        (state.round !== before.round || (state.stage === 'ended' && before.stage !== 'ended'))
      )
        roundHashes.push(stateHash(state));
      return state;
    },
    record: () => ({
      rulesVersion: RULES_VERSION,
      scenarioId: scenario.id,
      scenarioHash: scenario.hash,
      seed,
      ...(white ? { white } : {}),
      actions,
      roundHashes,
    }),
  };
}

/** `runMatch(scenario, seats, seed)`: a whole match with bots in every seat. */
export function runMatch(
  scenario: Scenario,
  seats: Seats,
  seed: string,
  opts: RecordingOptions = {},
): MatchResult {
  const rec = startRecording(scenario, seed, opts);
  let guard = 0;
  while (rec.state.stage === 'planning' && guard++ < 100) playBotRound(scenario, rec.state, seats, rec.apply);
  if (rec.state.stage !== 'ended') throw new Error('internal: match did not end');
  return { record: rec.record(), state: rec.state, rejected: rec.rejected };
}

export interface ReplayResult {
  readonly ok: boolean;
  readonly state: MatchState;
  /** States after each round's adjudication, for viewers and analysis. */
  readonly roundStates: readonly MatchState[];
  readonly roundHashes: readonly string[];
  readonly divergence: {
    readonly round: number;
    readonly expected: string | undefined;
    readonly actual: string;
  } | null;
  readonly error: { readonly code: string; readonly message: string; readonly actionIndex?: number } | null;
  readonly rulesMismatch: boolean;
}

/** `replay(record)`: re-plays every action; reports the first round whose hash differs and any invalid action. */
export function replay(record: MatchRecord, scenario: Scenario): ReplayResult {
  const rulesMismatch = record.rulesVersion !== RULES_VERSION;
  const base = { rulesMismatch };
  if (scenario.hash !== record.scenarioHash) {
    const s = newMatch(scenario, { seed: record.seed, white: record.white ?? false });
    return {
      ...base,
      ok: false,
      state: s,
      roundStates: [],
      roundHashes: [],
      divergence: null,
      error: {
        code: 'ERR_SCENARIO_HASH',
        message: `record was made from scenario ${record.scenarioId} with hash ${record.scenarioHash}; this one has ${scenario.hash}`,
      },
    };
  }
  let state = newMatch(scenario, { seed: record.seed, white: record.white ?? false });
  const roundHashes: string[] = [];
  const roundStates: MatchState[] = [];
  let divergence: ReplayResult['divergence'] = null;
  for (const [i, a] of record.actions.entries()) {
    const before = state;
    const r = applyAction(scenario, state, a);
    if (!r.ok)
      return {
        ...base,
        ok: false,
        state,
        roundStates,
        roundHashes,
        divergence: divergence ?? {
          round: state.round,
          expected: record.roundHashes[roundHashes.length],
          actual: 'invalid action',
        },
        error: { ...r.error, actionIndex: i },
      };
    state = r.value;
    if (state.round !== before.round || (state.stage === 'ended' && before.stage !== 'ended')) {
      const h = stateHash(state);
      const expected = record.roundHashes[roundHashes.length];
      if (!divergence && h !== expected) divergence = { round: roundHashes.length + 1, expected, actual: h };
      roundHashes.push(h);
      roundStates.push(state);
    }
  }
  if (!divergence && roundHashes.length !== record.roundHashes.length)
    divergence = {
      round: roundHashes.length + 1,
      expected: record.roundHashes[roundHashes.length],
      actual: 'missing',
    };
  return { ...base, ok: divergence === null, state, roundStates, roundHashes, divergence, error: null };
}

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;

/** Checks a parsed record's shape (CLI, server and viewer alike); the error names the first field that is missing or of the wrong kind. */
export function checkRecord(raw: unknown): Result<MatchRecord, string> {
  const bad = (message: string): Result<MatchRecord, string> => err(message);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return bad(`a record must be a JSON object, not ${kindOf(raw)}`);
  const r = raw as Record<string, unknown>;
  for (const field of ['rulesVersion', 'scenarioId', 'scenarioHash', 'seed'] as const) {
    if (!Object.hasOwn(r, field)) return bad(`missing field "${field}"`);
    if (typeof r[field] !== 'string')
      return bad(`field "${field}" must be a string, not ${kindOf(r[field])}`);
  }
  if (r.white !== undefined && typeof r.white !== 'boolean')
    return bad(`field "white" must be a boolean, not ${kindOf(r.white)}`);
  if (!Object.hasOwn(r, 'actions')) return bad('missing field "actions"');
  if (!Array.isArray(r.actions)) return bad(`field "actions" must be an array, not ${kindOf(r.actions)}`);
  for (const [i, a] of r.actions.entries()) {
    if (typeof a !== 'object' || a === null || Array.isArray(a))
      return bad(`field "actions[${i}]" must be an object, not ${kindOf(a)}`);
    const act = a as Record<string, unknown>;
    for (const field of ['type', 'seat'] as const)
      if (typeof act[field] !== 'string')
        return bad(
          Object.hasOwn(act, field)
            ? `field "actions[${i}].${field}" must be a string, not ${kindOf(act[field])}`
            : `missing field "actions[${i}].${field}"`,
        );
  }
  if (!Object.hasOwn(r, 'roundHashes')) return bad('missing field "roundHashes"');
  if (!Array.isArray(r.roundHashes))
    return bad(`field "roundHashes" must be an array, not ${kindOf(r.roundHashes)}`);
  for (const [i, h] of r.roundHashes.entries())
    if (typeof h !== 'string') return bad(`field "roundHashes[${i}]" must be a string, not ${kindOf(h)}`);
  return ok({
    rulesVersion: r.rulesVersion as string,
    scenarioId: r.scenarioId as string,
    scenarioHash: r.scenarioHash as string,
    seed: r.seed as string,
    ...(r.white !== undefined ? { white: r.white as boolean } : {}),
    actions: r.actions as Action[],
    roundHashes: r.roundHashes as string[],
  });
}
