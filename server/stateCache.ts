/**
 * What one instance remembers of its matches' states (issue 11, fast path): the last state it
 * stored or received for each match, so a move parses no stored state, and the newest
 * `_stateID` it has seen, so an update from another instance that is not newer is dropped.
 * Only the transport's per-match queue writes a match's entries; should another instance have
 * written meanwhile, the store refuses the stale write (its `_stateID` guard) and the
 * transport drops the entry.
 */
import type { State } from 'boardgame.io';

/** Matches whose last stored state an instance keeps in memory at most. */
const MAX_REMEMBERED = 1000;

export class StateCache {
  private readonly latest = new Map<string, State>();
  private readonly newest = new Map<string, number>();

  /** The last state stored or received for a match, if kept. */
  get(matchID: string): State | undefined {
    return this.latest.get(matchID);
  }

  /** Forgets a match's state (a write was refused, or the match is gone). */
  drop(matchID: string): void {
    this.latest.delete(matchID);
  }

  /** Keeps a match's stored state (most recent last; a finished match's is let go; never an older one). */
  remember(matchID: string, state: State): void {
    const known = this.latest.get(matchID);
    if (known && known._stateID > state._stateID) return;
    this.latest.delete(matchID);
    if (state.ctx.gameover !== undefined) return;
    this.latest.set(matchID, state);
    if (this.latest.size > MAX_REMEMBERED) this.latest.delete(this.latest.keys().next().value!);
  }

  /** Whether `stateID` is newer than any this instance has stored or received for the match. */
  isNewest(matchID: string, stateID: number): boolean {
    return stateID > (this.newest.get(matchID) ?? -1);
  }

  /** Notes the newest `_stateID` stored or received for a match. */
  noteNewest(matchID: string, stateID: number): void {
    this.newest.delete(matchID);
    this.newest.set(matchID, stateID);
    if (this.newest.size > MAX_REMEMBERED) this.newest.delete(this.newest.keys().next().value!);
  }
}
