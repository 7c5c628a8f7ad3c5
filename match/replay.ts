/**
 * `replay(record)` re-plays a record and reports the first round whose state hash differs
 * (DESIGN.md section 1); `stateHash` is the hash a record keeps per round.
 */
import {
  applyAction,
  hashEngineData,
  type MatchState,
  newMatch,
  RULES_VERSION,
  type Scenario,
} from '../game/index.ts';
import type { MatchRecord } from './record.ts';

/** The state's hash: everything but the digested part of the log, which `logDigest` stands for. */
export const stateHash = (s: MatchState): string =>
  hashEngineData({ ...s, log: s.log.slice(s.logDigest.count) });

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
