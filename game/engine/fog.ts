/**
 * Fog of war as one pure function (DESIGN.md section 3; CONVENTIONS item 8).
 * A faction sees its own units and orders exactly; Blue partners share positions;
 * other units only where its ISR covers (own presence, adjacent zones, ISR reach,
 * pooled between Japan and the US under shared ISR); submarines only with ASW present (a
 * partner's too under shared ISR).
 * White Cell sees everything. No view carries the match seed.
 */

import { zoneDef, zonesWithinKm } from '../data/map.ts';
import { sharedIsr } from '../rules/alliance.ts';
import { byFaction, FACTIONS, type Faction, isBlue, type Seat } from '../types.ts';
import type { Knowledge } from './knowledge.ts';
import type { MatchState, Pending, UnitState } from './state.ts';
import { liveUnits, liveUnitsIn, liveUnitsOf, unitType } from './units.ts';

export type ViewSeat = Seat | 'observer';

/**
 * A seat's view: the state minus what it may not see, and never the seed. Nothing in it is
 * derived from what the seat may not see: the log digest (a count and hash over every log
 * entry, hidden ones included) and the id counter (which counts hidden proposals and
 * requests) are White Cell's alone.
 */
export type MatchView = Omit<MatchState, 'seed' | 'logDigest' | 'counter'> & {
  readonly seat: ViewSeat;
  readonly seed?: undefined;
  readonly logDigest?: MatchState['logDigest'];
  readonly counter?: number;
  readonly visibleZones: readonly string[];
};

/** Whose sensors feed a faction's picture: its own, and under shared ISR both Japan's and the US's. */
const sourcesOf = (s: Knowledge, f: Faction): readonly Faction[] =>
  isBlue(f) && sharedIsr(s) && (f === 'japan' || f === 'us') ? ['japan', 'us'] : [f];

function coverage(s: Knowledge, f: Faction): Set<string> {
  const zones = new Set<string>();
  const sources = sourcesOf(s, f);
  // Units sharing a zone see as far as the farthest-seeing of them: one sweep per zone.
  const reachFrom = new Map<string, number>();
  for (const f of sources)
    for (const u of liveUnitsOf(s, f)) {
      const reach = unitType(u).isrKm + (unitType(u).isrKm > 0 ? s.bonuses.isrKm[u.faction] : 0);
      reachFrom.set(u.zone, Math.max(reachFrom.get(u.zone) ?? 0, reach));
    }
  for (const [zone, reach] of reachFrom) {
    zones.add(zone);
    for (const a of zoneDef(zone).adjacent) zones.add(a);
    // Zones off this map within reach hold no units, and the view lists only the map's zones.
    if (reach > 0) for (const z of zonesWithinKm(zone, reach)) zones.add(z);
  }
  return zones;
}

/** Units a faction can see (used by the view, the deterrence check and the bots). */
export function visibleUnits(s: Knowledge, f: Faction): readonly UnitState[] {
  return unitsSeen(s, f, coverage(s, f));
}

/**
 * The units `f` sees, given the zones its ISR covers. A submarine shows only to anti-submarine
 * sensors in its zone — the faction's own, or under shared ISR its partner's too, pooled like
 * the rest of the picture.
 */
function unitsSeen(s: Knowledge, f: Faction, zones: ReadonlySet<string>): UnitState[] {
  const sources = sourcesOf(s, f);
  return liveUnits(s, (u) => {
    if (u.faction === f) return true;
    if (isBlue(f) && isBlue(u.faction)) return true;
    if (!zones.has(u.zone)) return false;
    if (unitType(u).category === 'submarine')
      return liveUnitsIn(s, u.zone, (x) => sources.includes(x.faction) && unitType(x).asw > 0).length > 0;
    return true;
  });
}

const hiddenPending: Pending = { orders: [], committed: false };

/**
 * What a faction's view takes from the units alone: the zones its ISR covers and the units it
 * sees there. A move that leaves the units as they were (an order, a commit, most moves)
 * leaves these as they were too.
 */
interface Sight {
  readonly visible: readonly string[];
  readonly units: Readonly<Record<string, UnitState>>;
}

/**
 * A cache of sights the caller owns and passes to `viewFor` (the boardgame.io adapter keeps
 * one per game, so each state's four seat views need not recompute coverage). Keyed by the
 * units object — states share it while no unit changes — and by what else coverage reads.
 */
export interface FogMemo {
  readonly sights: WeakMap<object, Map<string, Sight>>;
  /**
   * A seat's cut of one part of the state (its log, its history, the stockpiles it may see…),
   * keyed by that part and the seat: a state shares every part a move did not change with the
   * state before, so its views share their cuts with the views before, frozen like the state.
   * The server then sends and writes only what changed (server/jsonPatch.ts, frozenJson.ts).
   */
  readonly cuts: WeakMap<object, Map<string, unknown>>;
  /**
   * Each seat's cut of a match's log, keyed by the log's first entry (a match's log only grows,
   * and every version of it starts with the same entry): a log one entry longer than the last
   * one cut is cut by filtering the new entry alone, not the whole log again.
   */
  readonly logs: WeakMap<object, Map<string, LogCut>>;
}

type LogLine = MatchState['log'][number];
interface LogCut {
  readonly source: readonly LogLine[];
  readonly cut: readonly LogLine[];
}

export const newFogMemo = (): FogMemo => ({
  sights: new WeakMap(),
  cuts: new WeakMap(),
  logs: new WeakMap(),
});

/** The seat's lines of `log`, extending the last cut of the same match's log where the log only grew. */
function logCut(
  memo: FogMemo | undefined,
  log: readonly LogLine[],
  seat: string,
  sees: (v: LogLine) => boolean,
): readonly LogLine[] {
  const first = log[0];
  if (!memo || first === undefined) return cut(memo, log, seat, () => log.filter(sees));
  let bySeat = memo.logs.get(first);
  if (!bySeat) {
    bySeat = new Map();
    memo.logs.set(first, bySeat);
  }
  const last = bySeat.get(seat);
  if (last?.source === log) return last.cut;
  let lines: readonly LogLine[];
  const n = last?.source.length ?? 0;
  if (last && n <= log.length && log[n - 1] === last.source[n - 1]) {
    const added = log.slice(n).filter(sees);
    lines = added.length === 0 ? last.cut : Object.freeze([...last.cut, ...added]);
    for (const line of added) freezeNew(line);
  } else {
    lines = log.filter(sees);
    freezeNew(lines);
  }
  bySeat.set(seat, { source: log, cut: lines });
  return lines;
}

/** Freezes `v` and every object in it not frozen yet (a state's own objects are: the walk stops there). */
function freezeNew(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) freezeNew(x);
}

/** `make()`, kept per `part` and `key` in the memo, frozen. */
function cut<T>(memo: FogMemo | undefined, part: object, key: string, make: () => T): T {
  if (!memo) return make();
  let byKey = memo.cuts.get(part);
  if (!byKey) {
    byKey = new Map();
    memo.cuts.set(part, byKey);
  }
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = make();
  freezeNew(value);
  byKey.set(key, value);
  return value;
}

function sightOf(s: Knowledge, f: Faction): Sight {
  const covered = coverage(s, f);
  const units: Record<string, UnitState> = {};
  for (const u of unitsSeen(s, f, covered)) units[u.id] = u;
  return { visible: [...covered].filter((z) => z in s.zones).sort(), units };
}

function memoSight(memo: FogMemo, s: Knowledge, f: Faction): Sight {
  let byKey = memo.sights.get(s.units);
  if (!byKey) {
    byKey = new Map();
    memo.sights.set(s.units, byKey);
  }
  // Everything else coverage reads: shared ISR (Japan and the US) and the ISR bonuses.
  const key = `${f}|${sharedIsr(s)}|${s.bonuses.isrKm.japan}|${s.bonuses.isrKm.us}|${s.bonuses.isrKm[f]}`;
  let sight = byKey.get(key);
  if (!sight) {
    sight = sightOf(s, f);
    byKey.set(key, sight);
  }
  return sight;
}

/** `viewFor(state, seat)`: what boardgame.io's playerView sends and what tests call directly. */
export function viewFor(s: MatchState, seat: ViewSeat, memo?: FogMemo): MatchView {
  const white = seat === 'white';
  const faction = FACTIONS.includes(seat as Faction) ? (seat as Faction) : null;
  const sight: Sight = white
    ? { visible: Object.keys(s.zones), units: s.units }
    : faction
      ? memo
        ? memoSight(memo, s, faction)
        : sightOf(s, faction)
      : { visible: [], units: {} };
  const mine = (f: Faction): boolean => white || f === faction;
  const canSeeLog = (v: MatchState['log'][number]): boolean =>
    v.visibleTo === 'all' || white || (seat !== 'observer' && v.visibleTo.includes(seat));
  const partners = faction === 'japan' || faction === 'us';
  // The state's own fields but the seed (and, but for White Cell, what is derived from hidden
  // lines and ids), copied one by one: a rest-and-spread of the state's 37 fields cost more than
  // the rest of a memoized view.
  const view: Record<string, unknown> = {};
  for (const key in s)
    if (key !== 'seed' && key !== 'logDigest' && key !== 'counter') view[key] = s[key as keyof MatchState];
  if (white) {
    view.logDigest = s.logDigest;
    view.counter = s.counter;
  }
  // Each part's cut depends on that part and the seat alone (`cut`).
  return Object.assign(view, {
    seat,
    visibleZones: sight.visible,
    units: sight.units,
    china: mine('china')
      ? s.china
      : cut(memo, s.china, '', () => ({ ...s.china, resolve: 0, confidence: 0 })),
    stockpiles: cut(memo, s.stockpiles, seat, () => byFaction((f) => (mine(f) ? s.stockpiles[f] : {}))),
    budgets: cut(memo, s.budgets, seat, () => byFaction((f) => (mine(f) ? s.budgets[f] : 0))),
    programs: cut(memo, s.programs, seat, () => byFaction((f) => (mine(f) ? s.programs[f] : {}))),
    programMonths: cut(memo, s.programMonths, seat, () =>
      byFaction((f) => (mine(f) ? s.programMonths[f] : {})),
    ),
    pending: cut(memo, s.pending, seat, () =>
      byFaction((f) => (mine(f) ? s.pending[f] : { ...hiddenPending, committed: s.pending[f].committed })),
    ),
    proposals: white || partners ? s.proposals : [],
    combined: white || partners ? s.combined : [],
    requests: cut(memo, s.requests, seat, () => s.requests.filter((r) => white || r.seat === faction)),
    deterrence: white || faction === 'china' ? s.deterrence : null,
    history: cut(memo, s.history, seat, () =>
      s.history.map((h) =>
        white || faction === 'china'
          ? h
          : cut(memo, h, seat, () => ({
              ...h,
              redBestTemptation: 0,
              deterrenceMargin: 0,
              stockpiles: byFaction((f) => (mine(f) ? h.stockpiles[f] : 0)),
              budgets: byFaction((f) => (mine(f) ? h.budgets[f] : 0)),
            })),
      ),
    ),
    log: logCut(memo, s.log, seat, canSeeLog),
  }) as unknown as MatchView;
}
