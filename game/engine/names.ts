/**
 * The names a player reads (issue 10, item 8): factions, seats, zones, units, programs and
 * munitions by the names people use, for the log's sentences (engine/events.ts), orders shown
 * to people (`describeOrder` in engine/orders.ts), the board and the reports. Ids stay in the
 * state and in the text forms that are read back (`formatOrder`, `formatAction`).
 */

import { zoneById } from '../data/map.ts';
import { programById } from '../data/programs.ts';
import { munitionById, unitTypeById } from '../data/units.ts';
import type { Faction, Seat, UnitId, ZoneId } from '../types.ts';

/** Factions as a label or a heading names them: "US: Move …", "Japan". */
export const FACTION_NAMES: { readonly [F in Faction]: string } = {
  japan: 'Japan',
  us: 'US',
  china: 'China',
  taiwan: 'Taiwan',
};

/** Factions as an adjective: "Chinese strike", "US carrier". */
export const FACTION_ADJECTIVES: { readonly [F in Faction]: string } = {
  japan: 'Japanese',
  us: 'US',
  china: 'Chinese',
  taiwan: 'Taiwanese',
};

/** A faction inside a sentence: "the US", "Japan" (capitalise at a sentence's start). */
export const factionName = (f: Faction): string => (f === 'us' ? 'the US' : FACTION_NAMES[f]);

/** A seat inside a sentence: a faction, or "White Cell". */
export const seatName = (s: Seat): string => (s === 'white' ? 'White Cell' : factionName(s));

/** The first letter in upper case, for a name that starts a sentence ("The US proposes …"). */
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A zone's name; an id outside the catalog (never in a validated match) stays as it is. */
export const zoneName = (id: ZoneId): string => zoneById.get(id)?.name ?? id;

export const programName = (id: string): string => programById.get(id)?.name ?? id;

export const munitionName = (id: string): string => munitionById.get(id)?.name ?? id;

export const unitTypeName = (id: string): string => unitTypeById.get(id)?.name ?? id;

/** Unit types, longest id first, so `cn-amphib-bde-1` finds `cn-amphib-bde`, not `cn-amphib`. */
const TYPES_LONGEST_FIRST = [...unitTypeById.keys()].sort((a, b) => b.length - a.length);

/** Words of a unit id's own part written otherwise than capitalised. */
const SUFFIX_WORDS: Readonly<Record<string, string>> = {
  ardb: 'ARDB',
  bde: 'Brigade',
  div: 'Division',
  ecs: 'ECS',
  followon: 'Follow-on',
  gw: 'GW',
  pool: 'Reinforcement pool',
  roro: 'Ro-Ro',
  scs: 'SCS',
};

const suffixWords = (s: string): string =>
  s
    .replace(/\bro-ro\b/g, 'roro')
    .split('-')
    .map((w) => SUFFIX_WORDS[w] ?? w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

/**
 * A unit by name: its type's name and its own part, e.g. `jp-ddg-yokosuka` → "JMSDF Aegis
 * destroyer group (Yokosuka)", `cn-amphib-bde-1` → "PLA amphibious combined-arms brigade 1",
 * `cn-ccg-senkaku` → "China Coast Guard flotilla (Senkaku Islands)", `cn-ddg-fujian` → "PLAN
 * destroyer group (052D/055), Fujian". Unit ids are `<type>-<own part>` (every shipped
 * scenario; tests/wording.test.ts holds them to it); an id that is not keeps its id.
 */
export function unitName(id: UnitId): string {
  const type = TYPES_LONGEST_FIRST.find((t) => id === t || id.startsWith(`${t}-`));
  if (type === undefined) return id;
  const name = unitTypeName(type);
  const own = id.slice(type.length + 1);
  if (own === '') return name;
  if (/^\d+$/.test(own)) return `${name} ${own}`;
  const place = zoneById.get(own)?.name ?? suffixWords(own);
  // "PLAN destroyer group (052D/055), Fujian": no second bracket after the type's own.
  return name.endsWith(')') ? `${name}, ${place}` : `${name} (${place})`;
}
