/**
 * What a rule may be asked about (DESIGN.md section 3): the full state — on the server, in the
 * harness and the bots — or one seat's view of it, on the client. Legality, the legal-order
 * lists and the deterrence estimate accept either, so the board asks the engine about its own
 * view with no cast. A view holds only its own seat's private tracks (stockpiles, budgets,
 * programs, pending orders); a rule that turns on another faction's private tracks settles
 * nothing on a view (`knowsPrivate`) and leaves the answer to the server, which holds the state.
 */
import type { Faction } from '../types.ts';
import type { ViewSeat } from './fog.ts';
import type { MatchState } from './state.ts';

export type Knowledge = Omit<MatchState, 'seed' | 'logDigest' | 'counter'> & { readonly seat?: ViewSeat };

/** Whether this knowledge holds faction `f`'s private tracks: the full state and White Cell's view do, a seat's view only its own. */
export const knowsPrivate = (k: Knowledge, f: Faction): boolean =>
  k.seat === undefined || k.seat === 'white' || k.seat === f;
