/** Mutable working copies used inside one action or adjudication; callers only ever see new readonly states. */
import type { MatchState } from './state.ts';
import { SHARED_LOG } from './tracks.ts';

export type Draft<T> = T extends readonly (infer E)[]
  ? Draft<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Draft<T[K]> }
    : T;
export type DraftState = Draft<MatchState>;

/**
 * Deep copy of plain JSON data, except that the append-only `log` and `history` arrays
 * are copied shallowly: their entries are never changed once written, so sharing them
 * between states is safe and saves most of the copying.
 */
export function draftOf(s: MatchState): DraftState {
  const { log, history, ...rest } = s;
  const d = structuredClone(rest) as Omit<DraftState, 'log' | 'history'>;
  return { ...d, log: [...log], history: [...history] } as DraftState;
}

/**
 * A draft for planning-time actions (orders, commits, proposals, White Cell rulings): these
 * never change units, zones, stockpiles, programs or losses, so those are shared with the
 * previous state instead of copied. Adjudication always starts from a full `draftOf`.
 */
export function planningDraftOf(s: MatchState): DraftState {
  const copy = <T extends object>(o: T): T => ({ ...o });
  const d = {
    ...s,
    japan: copy(s.japan),
    us: copy(s.us),
    china: { ...s.china, aims: [...s.china.aims] },
    taiwan: copy(s.taiwan),
    alliance: copy(s.alliance),
    white: copy(s.white),
    pending: {
      japan: { ...s.pending.japan, orders: [...s.pending.japan.orders] },
      us: { ...s.pending.us, orders: [...s.pending.us.orders] },
      china: { ...s.pending.china, orders: [...s.pending.china.orders] },
      taiwan: { ...s.pending.taiwan, orders: [...s.pending.taiwan.orders] },
    },
    proposals: s.proposals.map(copy),
    requests: s.requests.map(copy),
    offers: s.offers.map((o) => ({ ...o, answers: { ...o.answers } })),
  } as DraftState;
  SHARED_LOG.add(d);
  return d;
}

export const freeze = (d: DraftState): MatchState => d as MatchState;
