/**
 * The replay viewer's timeline (issue 4, "Replay viewer"): a record re-played in the browser
 * by the engine itself (`newMatch`, `applyAction`), checked by the harness's `replay()`
 * against the record's round hashes, and cut into positions a person steps through: each
 * round's start, then the round's adjudication step by step (its log entries grouped by
 * the adjudication order of DESIGN.md section 4), ending with the board after the round.
 *
 * The engine's adjudication is one pure function, so there are no board states between its
 * steps: stepping within a round reveals the round's log, and the board moves from the
 * round's start to its end at the review step. A record that diverges from these rules is
 * cut at the last state it vouches for: the start of the round whose hash differs.
 */
import {
  applyAction,
  type LogEvent,
  type MatchState,
  newMatch,
  RULES_VERSION,
  type Scenario,
  type StepName,
  type ViewSeat,
  viewFor,
} from '../../../game/index.ts';
import { type MatchRecord, type ReplayResult, replay } from '../../../match/index.ts';

/** Adjudication steps as the viewer shows them, in order; each groups one or more log steps. */
export const STEP_GROUPS = [
  { key: 'start', label: 'Round start: events and White Cell', steps: ['events', 'white'] },
  { key: 'orders', label: 'Orders that take effect', steps: ['planning', 'orders'] },
  { key: 'coordination', label: 'Coordination', steps: ['coordination'] },
  { key: 'gray-zone', label: 'Gray zone', steps: ['gray-zone'] },
  { key: 'politics', label: 'Declarations and politics', steps: ['politics'] },
  { key: 'movement', label: 'Movement', steps: ['movement'] },
  { key: 'strikes', label: 'Air and missile strikes', steps: ['strikes'] },
  { key: 'naval', label: 'Naval combat', steps: ['naval'] },
  { key: 'ground', label: 'Amphibious and ground combat', steps: ['ground'] },
  { key: 'economy', label: 'Blockade and economy', steps: ['economy'] },
  { key: 'production', label: 'Production and budgets', steps: ['production'] },
  { key: 'deterrence', label: 'Deterrence check', steps: ['deterrence'] },
  { key: 'review', label: 'Review: the board after the round', steps: ['review'] },
] as const satisfies readonly { key: string; label: string; steps: readonly StepName[] }[];
export type StepKey = (typeof STEP_GROUPS)[number]['key'];

const GROUP_OF_STEP: ReadonlyMap<StepName, number> = new Map(
  STEP_GROUPS.flatMap((g, i) => g.steps.map((s) => [s, i] as const)),
);
const REVIEW = STEP_GROUPS.length - 1;
/** A log step the table does not name is shown with the review. */
const groupOf = (e: LogEvent): number => GROUP_OF_STEP.get(e.step) ?? REVIEW;
export const groupIndex = (key: string): number => STEP_GROUPS.findIndex((g) => g.key === key);

/** One round of the record: the state at its start and, when the record vouches for it, at its end. */
export interface RoundFrame {
  readonly round: number;
  readonly start: MatchState;
  readonly end: MatchState | null;
  /** Index of the round's first action in the record. */
  readonly firstAction: number;
  /** The step groups with entries in this round (full log), in order; always `start`, and `review` when the round ended. */
  readonly groups: readonly number[];
}

/** A place on the timeline: a round and one of its step groups. */
export interface Position {
  readonly round: number;
  /** Index into `STEP_GROUPS`. */
  readonly group: number;
}

export interface Verdict {
  /** Every round's hash matches and every action applies. */
  readonly ok: boolean;
  readonly rulesMismatch: boolean;
  readonly recordRules: string;
  readonly viewerRules: string;
  /** The first round whose state differs from the record's, or that could not be played. */
  readonly divergence: ReplayResult['divergence'];
  readonly error: ReplayResult['error'];
  /** The replay reached the end of the match (the record's seed is public, so it can be branched). */
  readonly ended: boolean;
  /** Sentences for the banner, or empty when all is well. */
  readonly messages: readonly string[];
}

export interface Timeline {
  readonly record: MatchRecord;
  readonly scenario: Scenario;
  readonly verdict: Verdict;
  readonly rounds: readonly RoundFrame[];
  readonly positions: readonly Position[];
}

function verdictOf(record: MatchRecord, r: ReplayResult): Verdict {
  const messages: string[] = [];
  if (r.rulesMismatch)
    messages.push(
      `This record was made under rules ${record.rulesVersion}; this viewer runs rules ${RULES_VERSION}.`,
    );
  if (r.error?.code === 'ERR_SCENARIO_HASH')
    messages.push(
      `It was made from another version of the scenario: ${r.error.message}. Nothing can be shown.`,
    );
  else if (r.divergence) {
    const d = r.divergence;
    const why =
      d.actual === 'invalid action'
        ? `action #${r.error?.actionIndex ?? '?'} is refused by these rules (${r.error?.message ?? 'no reason given'})`
        : d.actual === 'missing'
          ? `the record holds ${record.roundHashes.length} round hashes and the replay made ${r.roundHashes.length}`
          : `the state after round ${d.round} has hash ${d.actual}, the record says ${d.expected ?? 'nothing'}`;
    messages.push(
      `The replay diverges at round ${d.round}: ${why}. The viewer shows the rounds before it and the start of round ${d.round}, not states past it.`,
    );
  } else if (r.rulesMismatch)
    messages.push('Every round hash still matches, so the states shown are the recorded ones.');
  return {
    ok: r.ok && !r.rulesMismatch,
    rulesMismatch: r.rulesMismatch,
    recordRules: record.rulesVersion,
    viewerRules: RULES_VERSION,
    divergence: r.divergence,
    error: r.error,
    ended: r.error === null && r.state.stage === 'ended',
    messages,
  };
}

function groupsOf(round: number, log: readonly LogEvent[], ended: boolean): number[] {
  const present = new Set<number>([0]);
  for (const e of log) if (e.round === round) present.add(groupOf(e));
  if (ended) present.add(REVIEW);
  else present.delete(REVIEW);
  return [...present].sort((a, b) => a - b);
}

/** Replays a record into its timeline; states past a divergence are left out. */
export function buildTimeline(record: MatchRecord, scenario: Scenario): Timeline {
  const r = replay(record, scenario);
  const verdict = verdictOf(record, r);
  if (r.error?.code === 'ERR_SCENARIO_HASH') return { record, scenario, verdict, rounds: [], positions: [] };
  const trusted = r.divergence ? r.divergence.round : Number.POSITIVE_INFINITY;
  const frames: { round: number; start: MatchState; end: MatchState | null; firstAction: number }[] = [];
  let state = newMatch(scenario, { seed: record.seed, white: record.white ?? false });
  frames.push({ round: 1, start: state, end: null, firstAction: 0 });
  for (const [i, a] of record.actions.entries()) {
    const next = applyAction(scenario, state, a);
    if (!next.ok) break;
    const s = next.value;
    const current = frames[frames.length - 1]!;
    const roundOver = s.round !== state.round || (s.stage === 'ended' && state.stage !== 'ended');
    state = s;
    if (!roundOver) continue;
    if (current.round >= trusted) break;
    current.end = s;
    if (s.stage === 'ended') break;
    frames.push({ round: s.round, start: s, end: null, firstAction: i + 1 });
  }
  const rounds: RoundFrame[] = frames.map((f) => ({
    ...f,
    groups: groupsOf(f.round, (f.end ?? f.start).log, f.end !== null),
  }));
  const positions = rounds.flatMap((f) => f.groups.map((group) => ({ round: f.round, group })));
  return { record, scenario, verdict, rounds, positions };
}

/** What the viewer shows at one position, for one seat. */
export interface Frame {
  readonly position: Position;
  readonly roundFrame: RoundFrame;
  /** The board: the round's start until the review step, then its end. */
  readonly board: MatchState;
  readonly boardLabel: string;
  /** The round's log entries up to this step that the seat may see, by step group. */
  readonly entries: readonly { readonly group: number; readonly events: readonly LogEvent[] }[];
  /** Entries of this step hidden from the seat (shown as a count only). */
  readonly hidden: number;
}

export function frameAt(t: Timeline, p: Position, seat: ViewSeat): Frame {
  const roundFrame = t.rounds.find((f) => f.round === p.round) ?? t.rounds[0]!;
  const atEnd = p.group === REVIEW && roundFrame.end !== null;
  const board = atEnd ? roundFrame.end! : roundFrame.start;
  const logState = roundFrame.end ?? roundFrame.start;
  // The fog rule is the engine's: the log entries a seat's view keeps, by identity.
  const visible = new Set(viewFor(logState, seat).log);
  const mine = logState.log.filter((e) => e.round === p.round && groupOf(e) <= p.group);
  const entries = STEP_GROUPS.map((_g, group) => ({
    group,
    events: mine.filter((e) => groupOf(e) === group && visible.has(e)),
  })).filter((x) => x.group <= p.group && roundFrame.groups.includes(x.group));
  const hidden = mine.filter((e) => groupOf(e) === p.group && !visible.has(e)).length;
  return {
    position: p,
    roundFrame,
    board,
    boardLabel: atEnd
      ? board.stage === 'ended'
        ? `the end of the match (round ${p.round})`
        : `the end of round ${p.round}`
      : `the start of round ${p.round}`,
    entries,
    hidden,
  };
}

/** Index of a position in the timeline, or the nearest one before it. */
export function indexOf(t: Timeline, p: { readonly round: number; readonly group: number }): number {
  let best = 0;
  for (const [i, q] of t.positions.entries())
    if (q.round < p.round || (q.round === p.round && q.group <= p.group)) best = i;
  return best;
}

/** The rounds whose start can be branched from: the record replays to its end and vouches for that start. */
export function branchableRounds(t: Timeline): number[] {
  if (!t.verdict.ended) return [];
  return t.rounds.filter((f) => f.start.stage === 'planning').map((f) => f.round);
}
