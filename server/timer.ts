/**
 * The planning timer, enforced on the server (DESIGN.md section 4: "White Cell may set a
 * planning timer; at its end, uncommitted factions commit what they have"). boardgame.io has
 * no timers, so the server keeps one per match:
 *
 * - White Cell's `setTimer({ seconds })` starts a countdown of `seconds` for the current
 *   round's planning; `setTimer({ seconds, paused: true })` pauses it, keeping what is left,
 *   and `setTimer({ seconds })` again resumes what was left (or, with other seconds, starts
 *   afresh); `setTimer({ seconds: null })` turns it off.
 * - Each new round's planning starts a fresh countdown of the same length (unless paused).
 * - When a countdown runs out while some faction has not committed, the server makes the
 *   `timerExpired` move as White Cell's seat, through the master like any move.
 *
 * The countdown (round, deadline or time left) is stored with the match, so a restarted server
 * keeps it; a deadline that passed while the server was down fires at start.
 *
 * The master's state hook cannot await, so the countdowns this process runs are kept in memory
 * (loaded by `resumeAll`) and written through to the store in order, one write after another;
 * `status` reads the store once the writes before it are stored, and `flush` waits for them all.
 *
 * With several instances (issue 11, `leased`) a match's countdown runs on the instance holding
 * its lease (lease.ts) alone: `adopt` loads the stored countdown when the lease is taken (and
 * brings it up to the match's current state), `drop` forgets it when the lease is lost; the
 * holder follows moves made on other instances through `onState` as well.
 */
import { PLAYER_OF_SEAT } from '../game/bgio.ts';
import { FACTIONS, type MatchState } from '../game/index.ts';
import type { ServerStore } from './store.ts';
import type { SecureSocketIO } from './transport.ts';

const KEY = 'timer';

/** A match's countdown, as stored and as served by `GET /games/island-chain/:id/timer`. */
export interface TimerRecord {
  readonly round: number;
  readonly seconds: number;
  /** Epoch ms at which the countdown runs out; null when paused or already run out. */
  readonly deadline: number | null;
  /** Time left while paused, in ms; null when running or run out. */
  readonly remainingMs: number | null;
}

interface MoveAction {
  readonly type?: string;
  readonly payload?: { readonly type?: string; readonly args?: readonly unknown[] };
}

export class PlanningTimers {
  private readonly handles = new Map<string, NodeJS.Timeout>();
  /** The countdowns this process runs, as last written. */
  private readonly records = new Map<string, TimerRecord>();
  /** The store writes, chained so that they land in the order they were made. */
  private writes: Promise<void> = Promise.resolve();
  private stopped = false;
  /** With leases, the matches whose countdowns this instance runs; null: every match. */
  private readonly adopted: Set<string> | null;

  constructor(
    private readonly storage: ServerStore,
    private readonly transport: SecureSocketIO,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
    leased = false,
  ) {
    this.adopted = leased ? new Set() : null;
  }

  private runs(matchID: string): boolean {
    return this.adopted === null || this.adopted.has(matchID);
  }

  /**
   * Takes over a match's countdown (its lease was taken; call inside the match's queue): loads
   * the stored countdown, brings it up to the match's current state and arms it. Resolves to the
   * `_stateID` of the state it was brought up to (-1 when none).
   */
  async adopt(matchID: string): Promise<number> {
    if (this.stopped) return -1;
    await this.writes;
    const [rec, { state }] = await Promise.all([
      this.storage.getServerValue<TimerRecord>(matchID, KEY),
      this.storage.fetch(matchID, { state: true }),
    ]);
    this.adopted?.add(matchID);
    this.disarm(matchID);
    if (rec) this.records.set(matchID, rec);
    else this.records.delete(matchID);
    if (state) this.onState(matchID, state.G as MatchState, state.ctx.gameover !== undefined, undefined);
    const now = this.records.get(matchID);
    if (now?.deadline != null) this.arm(matchID, now.deadline);
    return state?._stateID ?? -1;
  }

  /** Stops running a match's countdown here (its lease is gone); the store keeps it. */
  drop(matchID: string): void {
    this.adopted?.delete(matchID);
    this.disarm(matchID);
    this.records.delete(matchID);
  }

  /** The match's stored countdown, if any. */
  async status(matchID: string): Promise<TimerRecord | undefined> {
    await this.writes;
    return this.storage.getServerValue<TimerRecord>(matchID, KEY);
  }

  /** Loads every stored countdown and re-arms the running ones (at server start). */
  async resumeAll(): Promise<void> {
    for (const { matchID, value } of await this.storage.listServerValues<TimerRecord>(KEY)) {
      this.records.set(matchID, value);
      if (value.deadline !== null) this.arm(matchID, value.deadline);
    }
  }

  /** Resolves once every countdown written so far is stored. */
  flush(): Promise<void> {
    return this.writes;
  }

  stop(): void {
    this.stopped = true;
    for (const h of this.handles.values()) clearTimeout(h);
    this.handles.clear();
  }

  /** Follows a match's new state (called by the master hook, inside the match's queue). */
  onState(matchID: string, G: MatchState, gameover: boolean, action: unknown): void {
    if (!this.runs(matchID)) return;
    const old = this.records.get(matchID);
    const a = action as MoveAction | undefined;
    const set = a?.type === 'MAKE_MOVE' && a.payload?.type === 'setTimer';
    const t = G.white.timerSeconds;
    let next: TimerRecord | undefined = old;
    if (gameover || G.stage !== 'planning' || t === null) next = undefined;
    else if (set) {
      const ms = t * 1000;
      const left = (r: TimerRecord | undefined): number =>
        r && r.round === G.round && r.seconds === t
          ? r.deadline !== null
            ? Math.max(0, r.deadline - this.now())
            : (r.remainingMs ?? ms)
          : ms;
      next = G.white.paused
        ? { round: G.round, seconds: t, deadline: null, remainingMs: left(old) }
        : {
            round: G.round,
            seconds: t,
            deadline: this.now() + (old?.deadline === null && old.remainingMs !== null ? left(old) : ms),
            remainingMs: null,
          };
    } else if (!old || old.round !== G.round) {
      next = G.white.paused
        ? { round: G.round, seconds: t, deadline: null, remainingMs: t * 1000 }
        : { round: G.round, seconds: t, deadline: this.now() + t * 1000, remainingMs: null };
    }
    if (next === old) return;
    this.save(matchID, next);
    this.disarm(matchID);
    if (next?.deadline != null) this.arm(matchID, next.deadline);
  }

  /** Keeps the countdown in memory and queues its store write (`undefined` removes it). */
  private save(matchID: string, rec: TimerRecord | undefined): void {
    if (rec) this.records.set(matchID, rec);
    else this.records.delete(matchID);
    this.writes = this.writes
      .then(() => this.storage.setServerValue(matchID, KEY, rec))
      .catch((e: unknown) =>
        this.log(
          `match ${matchID}: the planning timer could not be stored: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
  }

  private arm(matchID: string, deadline: number): void {
    if (this.stopped) return;
    this.disarm(matchID);
    const h = setTimeout(() => this.fire(matchID), Math.max(0, deadline - this.now()));
    this.handles.set(matchID, h);
  }

  private disarm(matchID: string): void {
    const h = this.handles.get(matchID);
    if (h) clearTimeout(h);
    this.handles.delete(matchID);
  }

  private fire(matchID: string): void {
    this.handles.delete(matchID);
    void this.transport.exclusive(matchID, async () => {
      if (this.stopped || !this.runs(matchID)) return;
      const rec = this.records.get(matchID);
      if (!rec || rec.deadline === null) return;
      if (rec.deadline > this.now()) return this.arm(matchID, rec.deadline);
      this.save(matchID, { ...rec, deadline: null, remainingMs: null });
      const { state } = await this.storage.fetch(matchID, { state: true });
      const G = state?.G as MatchState | undefined;
      if (!state || !G || state.ctx.gameover !== undefined || G.stage !== 'planning' || G.round !== rec.round)
        return;
      if (FACTIONS.every((f) => G.pending[f].committed)) return;
      const ok = await this.transport.serverMove(matchID, PLAYER_OF_SEAT.white, 'timerExpired', [{}]);
      this.log(
        `match ${matchID}: round ${rec.round} planning timer (${rec.seconds} s) ran out${ok ? '' : ' (refused)'}`,
      );
    });
  }
}
