/** Branching a finished match's record from a round (issue 4, "Branch"): the prefix a new match replays. */
import {
  type Action,
  applyAction,
  err,
  type MatchState,
  newMatch,
  ok,
  type Result,
  type RuleError,
  ruleError,
  type Scenario,
} from '../game/index.ts';
import type { MatchRecord } from './record.ts';
import { replay } from './replay.ts';

/** A branch point of a record: the actions before a round starts and the state they lead to. */
export interface BranchPoint {
  readonly round: number;
  readonly prefix: readonly Action[];
  readonly state: MatchState;
}

/**
 * `branchPrefix(record, scenario, round)`: the actions of a finished match's record up to the
 * start of `round`, for a new match with the same scenario and seed that plays on from there
 * (issue 4, "Branch"). Refused when the record was made from another scenario, does not
 * replay to the end of its match (its seed is public only once the match has ended), or
 * diverges from these rules before `round` starts.
 */
export function branchPrefix(
  record: MatchRecord,
  scenario: Scenario,
  round: number,
): Result<BranchPoint, RuleError> {
  if (!Number.isInteger(round) || round < 1)
    return err(ruleError('ERR_BAD_ROUND', `a branch starts at a round from 1 on (got ${String(round)})`));
  const r = replay(record, scenario);
  if (r.error?.code === 'ERR_SCENARIO_HASH') return err(ruleError('ERR_SCENARIO_HASH', r.error.message));
  if (r.divergence && r.divergence.round < round)
    return err(
      ruleError(
        'ERR_DIVERGES',
        `the record diverges from these rules in round ${r.divergence.round}${r.rulesMismatch ? ` (it was made under rules ${record.rulesVersion})` : ''}, so round ${round} cannot be re-created; branch from round ${r.divergence.round} or earlier`,
      ),
    );
  if (r.error)
    return err(
      ruleError(
        'ERR_DOES_NOT_REPLAY',
        `the record does not replay: action #${r.error.actionIndex ?? '?'} is refused (${r.error.message})`,
      ),
    );
  if (r.state.stage !== 'ended')
    return err(
      ruleError(
        'ERR_NOT_FINISHED',
        `the record's match has not ended (it stops in round ${r.state.round}); its seed stays secret until the match ends, so it cannot be branched`,
      ),
    );
  let state = newMatch(scenario, { seed: record.seed, white: record.white ?? false });
  if (round === 1) return ok({ round, prefix: [], state });
  for (const [i, a] of record.actions.entries()) {
    const next = applyAction(scenario, state, a);
    if (!next.ok) break;
    if (next.value.round === round && state.round !== round && next.value.stage === 'planning')
      return ok({ round, prefix: record.actions.slice(0, i + 1), state: next.value });
    state = next.value;
  }
  return err(
    ruleError(
      'ERR_BAD_ROUND',
      `the record's match ended in round ${r.state.round} before round ${round} started; branch from round ${r.state.round} or earlier`,
    ),
  );
}
