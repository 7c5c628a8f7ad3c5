/**
 * Fog of war as one pure function (DESIGN.md section 3; CONVENTIONS item 8).
 * A faction sees its own units and orders exactly; Blue partners share positions;
 * other units only where its ISR covers (own presence, adjacent zones, ISR reach,
 * pooled between Japan and the US under shared ISR); submarines only with ASW present.
 * White Cell sees everything. No view carries the match seed.
 */

import { distanceKm, zoneDef } from '../data/map.ts';
import { sharedIsr } from '../rules/alliance.ts';
import { byFaction, FACTIONS, type Faction, isBlue, type Seat } from '../types.ts';
import type { Knowledge } from './knowledge.ts';
import type { MatchState, Pending, UnitState } from './state.ts';
import { liveUnits, unitType } from './units.ts';

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

function coverage(s: Knowledge, f: Faction): Set<string> {
  const zones = new Set<string>();
  const sources = isBlue(f) && sharedIsr(s) && (f === 'japan' || f === 'us') ? ['japan', 'us'] : [f];
  const own = liveUnits(s, (u) => sources.includes(u.faction));
  const allZones = Object.keys(s.zones);
  for (const u of own) {
    zones.add(u.zone);
    for (const a of zoneDef(u.zone).adjacent) zones.add(a);
    const reach = unitType(u).isrKm + (unitType(u).isrKm > 0 ? s.bonuses.isrKm[u.faction] : 0);
    if (reach > 0)
      for (const z of allZones) if (!zones.has(z) && distanceKm(u.zone, z) <= reach) zones.add(z);
  }
  return zones;
}

/** Units a faction can see (used by the view, the deterrence check and the bots). */
export function visibleUnits(s: Knowledge, f: Faction): readonly UnitState[] {
  const zones = coverage(s, f);
  const seen = liveUnits(s, (u) => {
    if (u.faction === f) return true;
    if (isBlue(f) && isBlue(u.faction)) return true;
    if (!zones.has(u.zone)) return false;
    if (unitType(u).category === 'submarine')
      return liveUnits(s, (x) => x.faction === f && x.zone === u.zone && unitType(x).asw > 0).length > 0;
    return true;
  });
  return seen;
}

const hiddenPending: Pending = { orders: [], committed: false };

/** `viewFor(state, seat)`: what boardgame.io's playerView sends and what tests call directly. */
export function viewFor(s: MatchState, seat: ViewSeat): MatchView {
  const white = seat === 'white';
  const { seed: _secret, logDigest, counter, ...shared } = s;
  const rest = white ? { ...shared, logDigest, counter } : shared;
  const faction = FACTIONS.includes(seat as Faction) ? (seat as Faction) : null;
  const allZones = Object.keys(s.zones);
  const visible = white
    ? allZones
    : faction
      ? [...coverage(s, faction)].filter((z) => z in s.zones).sort()
      : [];
  const units: Record<string, UnitState> = {};
  if (white) Object.assign(units, s.units);
  else if (faction) for (const u of visibleUnits(s, faction)) units[u.id] = u;
  const mine = (f: Faction): boolean => white || f === faction;
  const canSeeLog = (v: MatchState['log'][number]): boolean =>
    v.visibleTo === 'all' || white || (seat !== 'observer' && v.visibleTo.includes(seat));
  const partners = faction === 'japan' || faction === 'us';
  return {
    ...rest,
    seat,
    visibleZones: visible,
    units,
    china: mine('china') ? s.china : { ...s.china, resolve: 0 },
    stockpiles: byFaction((f) => (mine(f) ? s.stockpiles[f] : {})),
    budgets: byFaction((f) => (mine(f) ? s.budgets[f] : 0)),
    programs: byFaction((f) => (mine(f) ? s.programs[f] : {})),
    pending: byFaction((f) =>
      mine(f) ? s.pending[f] : { ...hiddenPending, committed: s.pending[f].committed },
    ),
    proposals: white || partners ? s.proposals : [],
    combined: white || partners ? s.combined : [],
    requests: s.requests.filter((r) => white || r.seat === faction),
    deterrence: white || faction === 'china' ? s.deterrence : null,
    history: s.history.map((h) =>
      white || faction === 'china'
        ? h
        : {
            ...h,
            redBestTemptation: 0,
            deterrenceMargin: 0,
            stockpiles: byFaction((f) => (mine(f) ? h.stockpiles[f] : 0)),
            budgets: byFaction((f) => (mine(f) ? h.budgets[f] : 0)),
          },
    ),
    log: s.log.filter(canSeeLog),
  };
}
