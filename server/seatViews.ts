/**
 * What each socket of a match is sent (issue 11, "A fast server path"): each seat's view cut
 * once per message, and a state sent as a patch (`jsonPatch.ts`, boardgame.io's `patch`
 * message) against the view the seat was last sent to every socket known to hold that view
 * (from its sync or from the last state sent to it), whole to any other. A move then costs
 * about what it changed, not the size of every seat's view.
 */
import type { State } from 'boardgame.io';
import type { IOSocket } from './floodGate.ts';
import { diffJson } from './jsonPatch.ts';
import type { Filter, TransportData } from './viewFilter.ts';

/** A socket of a match and the seat it holds (null: an observer). */
export interface SeatSocket {
  readonly socket: IOSocket;
  readonly playerID: string | null;
}

export class SeatViews {
  /** The view of each seat of a match last sent to this instance's sockets. */
  private readonly last = new Map<string, Map<string | null, State>>();
  /** The `_stateID` of the view each socket holds. */
  private readonly holds = new WeakMap<IOSocket, number>();

  private seats(matchID: string): Map<string | null, State> {
    let seats = this.last.get(matchID);
    if (!seats) {
      seats = new Map();
      this.last.set(matchID, seats);
    }
    return seats;
  }

  /** A socket synced to `view`: it holds it, and so does its seat unless the seat was sent a newer one. */
  synced(matchID: string, playerID: string | null, socket: IOSocket, view: State): void {
    this.holds.set(socket, view._stateID);
    const seats = this.seats(matchID);
    if ((seats.get(playerID)?._stateID ?? -1) < view._stateID) seats.set(playerID, view);
  }

  /** Sends a payload to `sockets`, each seat's view cut once; a state as a patch where it can. */
  deliver(matchID: string, payload: TransportData, sockets: Iterable<SeatSocket>, filter: Filter): void {
    // Each seat's view is cut once per message, however many sockets hold the seat (observers).
    const views = new Map<string | null, TransportData>();
    const patches = new Map<string | null, TransportData | null>();
    const sent = payload.type === 'update' ? this.last.get(matchID) : undefined;
    for (const { socket, playerID } of sockets) {
      let data = views.get(playerID);
      if (!data) {
        data = filter(playerID, payload);
        views.set(playerID, data);
      }
      if (data.type !== 'update') {
        socket.emit(data.type, ...data.args);
        continue;
      }
      const view = data.args[1] as State;
      const before = sent?.get(playerID);
      let patch = patches.get(playerID);
      if (patch === undefined) {
        patch =
          before && before._stateID < view._stateID
            ? {
                type: 'patch',
                args: [matchID, before._stateID, view._stateID, diffJson(before, view), data.args[2]],
              }
            : null;
        patches.set(playerID, patch);
      }
      const holds = this.holds.get(socket);
      if (patch && before && holds === before._stateID) socket.emit(patch.type, ...patch.args);
      else socket.emit(data.type, ...data.args);
      if (holds === undefined || holds < view._stateID) this.holds.set(socket, view._stateID);
    }
    if (payload.type !== 'update' || views.size === 0) return;
    const seats = this.seats(matchID);
    for (const [seat, data] of views) if (data.type === 'update') seats.set(seat, data.args[1] as State);
  }

  /** Lets the match's views go (its last socket here has left). */
  forget(matchID: string): void {
    this.last.delete(matchID);
  }
}
