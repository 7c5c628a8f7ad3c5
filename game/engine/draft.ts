/** Mutable working copies used inside one action or adjudication; callers only ever see new readonly states. */
import type { MatchState } from './state.ts';

export type Draft<T> = T extends readonly (infer E)[]
  ? Draft<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Draft<T[K]> }
    : T;
export type DraftState = Draft<MatchState>;

/**
 * The working copy adjudication changes. Every object adjudication writes into is copied
 * (units and zones one by one, stockpiles, programs, losses, tracks, proposals, offers);
 * the append-only `log` and `history` arrays are copied shallowly, since their entries are
 * never changed once written; fixed or replaced-whole values (pending orders, the last
 * estimate, the outcome) are shared. A deep-freeze test guards that nothing shared is written.
 */
export function draftOf(s: MatchState): DraftState {
  const d = planningDraftOf(s);
  const perFaction = <T extends object>(x: {
    readonly japan: T;
    readonly us: T;
    readonly china: T;
    readonly taiwan: T;
  }) => ({
    japan: { ...x.japan },
    us: { ...x.us },
    china: { ...x.china },
    taiwan: { ...x.taiwan },
  });
  // Each unit and zone state is a flat record: a spread copies it. `liveUnits` reads the units
  // through its index (units.ts), so the map's own property layout does not matter.
  const units = {} as DraftState['units'];
  for (const id in s.units) units[id] = { ...s.units[id]! };
  const zones = {} as DraftState['zones'];
  for (const id in s.zones) zones[id] = { ...s.zones[id]! };
  return {
    ...d,
    units,
    zones,
    stockpiles: perFaction(s.stockpiles),
    programs: perFaction(s.programs),
    programMonths: perFaction(s.programMonths),
    losses: perFaction(s.losses),
    budgets: { ...s.budgets },
    bonuses: { ...s.bonuses, isrKm: { ...s.bonuses.isrKm } },
    flags: { ...s.flags },
    completedPrograms: [...s.completedPrograms],
    combined: [...s.combined] as DraftState['combined'],
    log: [...s.log],
    history: [...s.history],
  } as DraftState;
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
    // Faction entries are shared; the engine copies one before changing it (`ownPending`).
    pending: { ...s.pending },
    proposals: s.proposals.map(copy),
    requests: s.requests.map(copy),
    offers: s.offers.map((o) => ({ ...o, answers: { ...o.answers } })),
    // Append-only: entries are never changed once written, so a shallow copy suffices.
    log: [...s.log],
  } as DraftState;
  return d;
}

export const freeze = (d: DraftState): MatchState => d;
