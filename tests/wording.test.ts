/**
 * Wording (issue 10, item 8): players read the log's sentences in the round review and the
 * after-action report, so no sentence may print an engine id. The ids are known — the
 * scenario's zones and units, the catalog's unit types, munitions and programs, the
 * vocabulary's combined operations, terms, outcomes and approval kinds — so the test builds
 * the forbidden set from them (an allow-list: an id is forbidden because it is an id), plays
 * bot matches of every shipped scenario looking for one, and renders every event kind and every
 * legal order of round 1 (kinds bots never write: White Cell's rulings, lapsed proposals…).
 */
import { describe, expect, it } from 'vitest';
import {
  APPROVAL_KINDS,
  COMBINED_KINDS,
  describeOrder,
  EVENT_KINDS,
  type EventData,
  type EventKind,
  eventText,
  FACTIONS,
  type Faction,
  legalOrders,
  munitionById,
  newMatch,
  OUTCOMES,
  PROGRAMS,
  type Scenario,
  TERMS,
  unitTypeById,
} from '../game/index.ts';
import { runMatch, type Seats } from '../match/index.ts';
import { SCENARIO_IDS } from '../scenarios/index.ts';
import { scenario } from './helpers.ts';

/**
 * The ids a sentence must never show: every kebab-case id (zones, units, unit types,
 * munitions, programs, combined operations, terms, outcomes, approval kinds) and every
 * one-word zone id (a place name is never written in lower case). One-word program and
 * munition ids ("cyber", "tomahawk") are English words too and are left to the kebab rule.
 */
function forbiddenIds(sc: Scenario): Set<string> {
  const kebab = [
    ...sc.units.map((u) => u.id),
    ...unitTypeById.keys(),
    ...munitionById.keys(),
    ...PROGRAMS.map((p) => p.id),
    ...COMBINED_KINDS,
    ...TERMS,
    ...OUTCOMES,
    ...APPROVAL_KINDS,
  ].filter((id) => id.includes('-'));
  return new Set([...sc.zones, ...kebab]);
}

/** What is wrong with a sentence: the ids it holds and a faction named by its id. */
function idsIn(text: string, forbidden: ReadonlySet<string>): string[] {
  const found = (text.match(/[A-Za-z0-9][A-Za-z0-9-]*/g) ?? []).filter((t) => forbidden.has(t));
  const lowerFactions = FACTIONS.filter((f) => f !== 'us');
  for (const t of text.match(/[a-z]+/g) ?? []) if ((lowerFactions as string[]).includes(t)) found.push(t);
  // "us" is an English word; as a faction id it leads a sentence or a clause, or owns something.
  if (/(^|[:;.]\s)us\b|\bus's\b|\bus:/.test(text)) found.push('us');
  return found;
}

const MIXES: readonly [string, Seats][] = [
  ['wording-a', {}],
  [
    'wording-b',
    { china: 'aggressive', japan: 'forward-denial', us: 'forward-denial', taiwan: 'forward-denial' },
  ],
];

/** One event of every kind, about faction `f` (and `g`, the other side), with the scenario's own ids. */
function everyEvent(sc: Scenario, f: Faction, g: Faction): { [K in EventKind]: EventData[K] } {
  const zone = sc.zones[0]!;
  const to = sc.zones[1]!;
  const unit = sc.units.find((u) => u.faction === f) ?? sc.units[0]!;
  const program = Object.keys(sc.programs)[0] ?? PROGRAMS[0]!.id;
  const order = { type: 'move', unit: unit.id, to } as const;
  const operation = COMBINED_KINDS[f.length % COMBINED_KINDS.length]!;
  const terms = TERMS[f.length % TERMS.length]!;
  return {
    'orders-in-effect': { faction: f, order },
    'order-held': { faction: f, orderType: 'gray-zone', denied: true },
    'approval-requested': { faction: f, order },
    'timer-expired': { faction: f },
    inject: { text: 'A typhoon', effects: [{ track: 'alliance.cohesion', delta: -5, from: 60, to: 55 }] },
    amendment: { track: 'alliance.cohesion', delta: 5, value: 60, reason: 'a ruling' },
    ruling: { approve: true, seat: f, request: APPROVAL_KINDS[f.length % APPROVAL_KINDS.length]! },
    'white-ended': { reason: 'time' },
    'round-adjudicated': { round: 1 },
    'match-ended': { category: OUTCOMES[f.length]!, reason: 'a reason' },
    'red-best-option': { rung: 2, temptation: 0.1, resolve: 0.5 },
    'scenario-event': { id: 'e1', text: 'Something happens.' },
    'proposal-made': { by: f, operation },
    'proposal-answered': { by: g, accept: false, proposer: f, operation },
    'proposal-lapsed': { by: f, operation },
    'proposal-dropped': { operation, capacity: 2 },
    'combined-agreed': { operation, latency: 1, capacity: 3, used: 1 },
    'consent-revoked': {},
    'terms-offered': { by: f, terms },
    'offer-answered': { by: g, accept: true, offeredBy: f, terms },
    'offer-rejected': { by: f, terms },
    'terms-agreed': { terms },
    patrol: { zone },
    'coast-guard-surge': { faction: f, zone },
    'air-incursion': { zone },
    cyber: { degraded: true },
    'economic-coercion': {},
    exercise: { faction: f, zone },
    protest: { faction: f },
    'stand-down': { zone },
    incident: { climbed: true, chance: 0.1 },
    escalation: { from: 1, to: 2 },
    'declaration-without-basis': { status: 'armed-attack', reason: 'no attack' },
    'declaration-passed': { status: 'important-influence', chance: 0.5 },
    'declaration-failed': { status: 'survival-threatening', chance: 0.5 },
    'us-intervenes': {},
    'spending-set': { faction: f, pctGdp: 2, was: 1 },
    'two-plus-two': {},
    'two-plus-two-one-sided': {},
    'command-level': { level: 1 },
    'command-investment': { progress: 1, need: 3 },
    'command-investment-one-sided': {},
    'reserves-mobilized': { pct: 50 },
    'unit-moved': { unit: unit.id, from: zone, to },
    'amphibious-sailing': { zone },
    landing: { zone, landed: 2, embarked: 4 },
    'ground-combat': { zone, attackerLoss: 1, defenderLoss: 2 },
    'zone-taken': { zone },
    'zone-retaken': { zone, by: f },
    'lodgment-withers': { zone },
    'us-attacked': {},
    'japan-attacked': {},
    'opening-strike': { salvos: 3 },
    'deconfliction-failure': { zone, wastedPct: 10 },
    'duplicate-targeting': { zone, wastedPct: 10 },
    'strike-without-consent': { unit: unit.id, faction: f },
    strike: { by: f, combined: false, zone, aim: 'ships', fired: 8, hits: 2 },
    'air-combat': { redLoss: 1, blueLoss: 2 },
    'submarine-attack': { zone, hits: 1 },
    'naval-fire': {
      faction: f,
      unitType: unit.type,
      munition: [...munitionById.keys()][0]!,
      zone,
      shots: 4,
      hits: 1,
    },
    'energy-interdicted': { blockade: true, interdiction: 0.5, energyDays: 10 },
    'program-progress': { program, faction: f, funded: 1, cost: 3 },
    'program-completed': { program },
  };
}

describe('the log names things, never ids', () => {
  it.each(SCENARIO_IDS)('bot matches of %s write no id into a sentence', (id) => {
    const sc = scenario(id);
    const forbidden = forbiddenIds(sc);
    const bad = new Map<string, string[]>();
    // One bot mix per scenario, alternating, keeps the file fast; the catalog below covers every kind.
    const [seed, seats] = MIXES[SCENARIO_IDS.indexOf(id) % MIXES.length]!;
    {
      const { state } = runMatch(sc, seats, seed);
      for (const e of state.log) {
        const ids = idsIn(e.text, forbidden);
        if (ids.length) bad.set(e.text, ids);
      }
    }
    expect([...bad].slice(0, 12).map(([text, ids]) => `${ids.join(', ')} in "${text}"`)).toEqual([]);
  });

  it.each(SCENARIO_IDS)('every event kind, about every faction, names things in %s', (id) => {
    const sc = scenario(id);
    const forbidden = forbiddenIds(sc);
    const bad: string[] = [];
    for (const f of FACTIONS) {
      const events = everyEvent(sc, f, f === 'china' ? 'taiwan' : 'china');
      for (const kind of EVENT_KINDS) {
        const text = eventText(kind, events[kind]);
        const ids = idsIn(text, forbidden);
        if (ids.length) bad.push(`${kind}: ${ids.join(', ')} in "${text}"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(SCENARIO_IDS)("every legal order of %s's first round is described by name", (id) => {
    const sc = scenario(id);
    const forbidden = forbiddenIds(sc);
    const start = newMatch(sc, { seed: 'wording' });
    const bad: string[] = [];
    for (const f of FACTIONS)
      for (const o of legalOrders(start, sc, f)) {
        const text = describeOrder(o);
        const ids = idsIn(text, forbidden);
        if (ids.length) bad.push(`${ids.join(', ')} in "${text}"`);
      }
    expect(bad.slice(0, 12)).toEqual([]);
  });
});
