/** Matches as data (DESIGN.md section 1): the record, its replay and branching, and the headless harness. */
export { type BranchPoint, branchPrefix } from './branch.ts';
export {
  type MatchResult,
  parseSeats,
  playBotRound,
  type Recording,
  type RecordingOptions,
  runMatch,
  type Seats,
  startRecording,
} from './harness.ts';
export { checkRecord, type MatchRecord } from './record.ts';
export { type ReplayResult, replay, stateHash } from './replay.ts';
