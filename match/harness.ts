/**
 * The headless harness (CONVENTIONS item 11): `runMatch(scenario, seats, seed)` plays a
 * whole match with bots, recording it as it goes.
 */
import {
  type Action,
  applyAction,
  type ByFaction,
  botTurn,
  defaultPolicy,
  err,
  FACTIONS,
  type Faction,
  type MatchState,
  newMatch,
  ok,
  type Policy,
  policiesFor,
  type Result,
  RULES_VERSION,
  type Scenario,
} from '../game/index.ts';
import type { MatchRecord } from './record.ts';
import { stateHash } from './replay.ts';

export type Seats = Partial<ByFaction<Policy>>;

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
