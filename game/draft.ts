/** Mutable working copies used inside one adjudication; callers only ever see new readonly states. */
import type { MatchState } from './state.ts';

export type Draft<T> = T extends readonly (infer E)[]
  ? Draft<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Draft<T[K]> }
    : T;
export type DraftState = Draft<MatchState>;

/** Deep copy of plain JSON data. */
export const draftOf = (s: MatchState): DraftState => structuredClone(s) as DraftState;
export const freeze = (d: DraftState): MatchState => d as MatchState;
