/**
 * The round log's events (DESIGN.md sections 1 and 4): every event the engine writes has a
 * `kind` and typed `data`, and its sentence is rendered from the data by the one formatter
 * here (`eventText`), so the board, the CLI and the reports say the same thing. Readers —
 * the outcome check, the bots, the reports — test `kind` and read `data`; nothing reads the
 * sentence back.
 */

import { TRACK_LABELS, type TrackPath } from '../data/scenario.ts';
import {
  APPROVAL_LABELS,
  type ApprovalKind,
  COMBINED_LABELS,
  type CombinedKind,
  type Faction,
  type LegalStatus,
  OUTCOME_LABELS,
  type OutcomeCategory,
  RUNGS,
  type Rung,
  type Seat,
  TERMS_LABELS,
  type Terms,
  type UnitId,
  type ZoneId,
} from '../types.ts';
import {
  capitalize,
  FACTION_ADJECTIVES,
  FACTION_NAMES,
  factionName,
  munitionName,
  programName,
  seatName,
  unitName,
  unitTypeName,
  zoneName as zone,
} from './names.ts';
import { describeOrder, type Order } from './orders.ts';

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
/** A faction leading a sentence ("The US", "Japan") and inside one ("the US"). */
const Who = (f: Faction): string => capitalize(factionName(f));
const who = factionName;
/** A faction's possessive: "Japan's", "the US's". */
const whose = (f: Faction): string => `${factionName(f)}'s`;
const operation = (k: CombinedKind): string => COMBINED_LABELS[k];
const terms = (t: Terms): string => TERMS_LABELS[t];
/** What an order of each type is called in "Japan's … order": the order's own words, lower case. */
const ORDER_NOUNS: { readonly [T in Order['type']]: string } = {
  fund: 'funding',
  spending: 'defense spending',
  'invest-command': 'command investment',
  'two-plus-two': '2+2',
  move: 'move',
  strike: 'strike',
  'gray-zone': 'gray-zone',
  escalate: 'escalation',
  declare: 'declaration',
  intervene: 'intervention',
  'revoke-consent': 'consent revocation',
  mobilize: 'mobilization',
  land: 'landing',
};
/** A unit type with its faction when the type's name does not already say it: "Chinese PLAN destroyer group". */
const ofFaction = (f: Faction, type: string): string => {
  const name = unitTypeName(type);
  return name.startsWith(FACTION_NAMES[f]) ? name : `${FACTION_ADJECTIVES[f]} ${name}`;
};
const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** Each event kind's data. Zones, units, programs and weapons are ids; the formatter names them. */
export interface EventData {
  // Orders, planning and the White Cell (engine/apply.ts, engine/adjudicate.ts)
  'orders-in-effect': { readonly faction: Faction; readonly order: Order };
  'order-held': { readonly faction: Faction; readonly orderType: Order['type']; readonly denied: boolean };
  'approval-requested': { readonly faction: Faction; readonly order: Order };
  'timer-expired': { readonly faction: Faction };
  inject: {
    readonly text: string;
    readonly effects: readonly {
      readonly track: TrackPath;
      readonly delta: number;
      readonly from: number;
      readonly to: number;
    }[];
  };
  amendment: {
    readonly track: TrackPath;
    readonly delta: number;
    readonly value: number;
    readonly reason: string;
  };
  ruling: { readonly approve: boolean; readonly seat: Seat; readonly request: string };
  'white-ended': { readonly reason: string };
  'round-adjudicated': { readonly round: number };
  'match-ended': { readonly category: OutcomeCategory; readonly reason: string };
  'red-best-option': { readonly rung: Rung; readonly temptation: number; readonly resolve: number };
  // Events (rules/events.ts)
  'scenario-event': { readonly id: string; readonly text: string };
  // Alliance coordination (rules/alliance.ts, engine/apply.ts)
  'proposal-made': { readonly by: Faction; readonly operation: CombinedKind };
  'proposal-answered': {
    readonly by: Faction;
    readonly accept: boolean;
    readonly proposer: Faction;
    readonly operation: CombinedKind;
  };
  'proposal-lapsed': { readonly by: Faction; readonly operation: CombinedKind };
  'proposal-dropped': { readonly operation: CombinedKind; readonly capacity: number };
  'combined-agreed': {
    readonly operation: CombinedKind;
    readonly latency: number;
    readonly capacity: number;
    readonly used: number;
  };
  'consent-revoked': Record<string, never>;
  // Off-ramps (rules/offramps.ts, engine/apply.ts)
  'terms-offered': { readonly by: Faction; readonly terms: Terms };
  'offer-answered': {
    readonly by: Faction;
    readonly accept: boolean;
    readonly offeredBy: Faction;
    readonly terms: Terms;
  };
  'offer-rejected': { readonly by: Faction; readonly terms: Terms };
  'terms-agreed': { readonly terms: Terms };
  // The gray zone (rules/grayzone.ts)
  patrol: { readonly zone: ZoneId };
  'coast-guard-surge': { readonly faction: Faction; readonly zone: ZoneId };
  'air-incursion': { readonly zone: ZoneId };
  cyber: { readonly degraded: boolean };
  'economic-coercion': Record<string, never>;
  exercise: { readonly faction: Faction; readonly zone: ZoneId };
  protest: { readonly faction: Faction };
  'stand-down': { readonly zone: ZoneId };
  incident: { readonly climbed: boolean; readonly chance: number };
  // Politics (rules/politics.ts)
  escalation: { readonly from: Rung; readonly to: Rung };
  'declaration-without-basis': { readonly status: LegalStatus; readonly reason: string };
  'declaration-passed': { readonly status: LegalStatus; readonly chance: number };
  'declaration-failed': { readonly status: LegalStatus; readonly chance: number };
  'us-intervenes': Record<string, never>;
  'spending-set': { readonly faction: Faction; readonly pctGdp: number; readonly was: number };
  'two-plus-two': Record<string, never>;
  'two-plus-two-one-sided': Record<string, never>;
  'command-level': { readonly level: number };
  'command-investment': { readonly progress: number; readonly need: number };
  'command-investment-one-sided': Record<string, never>;
  'reserves-mobilized': { readonly pct: number };
  // Movement and landings (rules/movement.ts, rules/landing.ts)
  'unit-moved': { readonly unit: UnitId; readonly from: ZoneId; readonly to: ZoneId };
  'amphibious-sailing': { readonly zone: ZoneId };
  landing: { readonly zone: ZoneId; readonly landed: number; readonly embarked: number };
  'ground-combat': { readonly zone: ZoneId; readonly attackerLoss: number; readonly defenderLoss: number };
  'zone-taken': { readonly zone: ZoneId };
  'zone-retaken': { readonly zone: ZoneId; readonly by: Faction };
  'lodgment-withers': { readonly zone: ZoneId };
  // Strikes, air and naval combat (rules/strike.ts, rules/air.ts, rules/naval.ts)
  'us-attacked': Record<string, never>;
  'japan-attacked': Record<string, never>;
  'opening-strike': { readonly salvos: number };
  'deconfliction-failure': { readonly zone: ZoneId; readonly wastedPct: number };
  'duplicate-targeting': { readonly zone: ZoneId; readonly wastedPct: number };
  'strike-without-consent': { readonly unit: UnitId; readonly faction: Faction };
  strike: {
    readonly by: Faction;
    readonly combined: boolean;
    readonly zone: ZoneId;
    readonly aim: string;
    readonly fired: number;
    readonly hits: number;
  };
  'air-combat': { readonly redLoss: number; readonly blueLoss: number };
  'submarine-attack': { readonly zone: ZoneId; readonly hits: number };
  'naval-fire': {
    readonly faction: Faction;
    readonly unitType: string;
    readonly munition: string;
    readonly zone: ZoneId;
    readonly shots: number;
    readonly hits: number;
  };
  // Blockade and production (rules/economy.ts)
  'energy-interdicted': {
    readonly blockade: boolean;
    readonly interdiction: number;
    readonly energyDays: number;
  };
  'program-progress': {
    readonly program: string;
    readonly faction: Faction;
    readonly funded: number;
    readonly cost: number;
  };
  'program-completed': { readonly program: string };
}

export type EventKind = keyof EventData;

/** One sentence per kind: the only place an event's words are written. */
const SENTENCES: { readonly [K in EventKind]: (d: EventData[K]) => string } = {
  'orders-in-effect': (d) => `${FACTION_NAMES[d.faction]}: ${describeOrder(d.order)}`,
  'order-held': (d) =>
    `${capitalize(whose(d.faction))} ${ORDER_NOUNS[d.orderType]} order was held by White Cell (${d.denied ? 'denied' : 'not approved in time'})`,
  'approval-requested': (d) => `${Who(d.faction)} requests approval: ${describeOrder(d.order)}`,
  'timer-expired': (d) => `The planning timer ran out: ${who(d.faction)} commits what it has`,
  inject: (d) =>
    `White Cell inject: ${d.text}${d.effects.length ? ` (${d.effects.map((e) => `${TRACK_LABELS[e.track]} ${e.from} → ${e.to}`).join('; ')})` : ''}`,
  amendment: (d) => `White Cell amends ${TRACK_LABELS[d.track]} by ${d.delta} (now ${d.value}): ${d.reason}`,
  ruling: (d) =>
    `White Cell ${d.approve ? 'approves' : 'denies'} ${seatName(d.seat)}'s request (${APPROVAL_LABELS[d.request as ApprovalKind] ?? d.request})`,
  'white-ended': (d) => `White Cell ends the match: ${d.reason}`,
  'round-adjudicated': (d) => `Round ${d.round} adjudicated`,
  'match-ended': (d) => `Match ends: ${OUTCOME_LABELS[d.category]} (${d.reason})`,
  'red-best-option': (d) =>
    `Red's best option: rung ${d.rung} with temptation ${d.temptation} against resolve ${d.resolve}`,
  'scenario-event': (d) => d.text,
  'proposal-made': (d) => `${Who(d.by)} proposes a combined operation: ${operation(d.operation)}`,
  'proposal-answered': (d) =>
    `${Who(d.by)} ${d.accept ? 'accepts' : 'refuses'} ${whose(d.proposer)} proposal: ${operation(d.operation)}`,
  'proposal-lapsed': (d) =>
    `${capitalize(whose(d.by))} proposal lapsed unanswered: ${operation(d.operation)}`,
  'proposal-dropped': (d) =>
    `${operation(d.operation)} dropped: coordination capacity ${d.capacity} exhausted`,
  'combined-agreed': (d) =>
    `${operation(d.operation)} agreed by Japan and the US; in effect ${d.latency ? 'next round (level-0 latency)' : 'this round'}`,
  'consent-revoked': () => 'Japan revoked consent for US combat operations from its bases',
  'terms-offered': (d) => `${Who(d.by)} offers terms: ${terms(d.terms)}`,
  'offer-answered': (d) =>
    `${Who(d.by)} ${d.accept ? 'accepts' : 'rejects'} ${whose(d.offeredBy)} offer of ${terms(d.terms)}`,
  'offer-rejected': (d) => `${capitalize(whose(d.by))} offer of ${terms(d.terms)} is rejected`,
  'terms-agreed': (d) => `Match ends: terms agreed (${terms(d.terms)})`,
  patrol: (d) => `China Coast Guard patrols ${zone(d.zone)}`,
  'coast-guard-surge': (d) => `${Who(d.faction)} surges its coast guard at ${zone(d.zone)}`,
  'air-incursion': (d) => `PLA aircraft cross into the ADIZ near ${zone(d.zone)}`,
  cyber: (d) =>
    d.degraded
      ? 'Cyber intrusions degrade alliance command networks (coordination capacity −1 next round)'
      : "Cyber intrusions repelled by Japan's active cyber defense",
  'economic-coercion': () =>
    'China tightens economic coercion (import bans, export controls, travel advisories)',
  exercise: (d) => `${Who(d.faction)} holds a large exercise near ${zone(d.zone)}`,
  protest: (d) => `${Who(d.faction)} lodges a diplomatic protest`,
  'stand-down': (d) => `China stands down its presence at ${zone(d.zone)}`,
  incident: (d) =>
    `Incident: collision between Chinese and Japanese coast guard vessels near the Senkakus${d.climbed ? ' — the crisis climbs to coercion' : ''}`,
  escalation: (d) => `China ${d.to > d.from ? 'escalates' : 'steps down'} to rung ${d.to} (${RUNGS[d.to]})`,
  'declaration-without-basis': (d) => `Declaration of a ${d.status} situation failed: ${d.reason}`,
  'declaration-passed': (d) => `The Diet approves: Japan declares ${article(d.status)} ${d.status} situation`,
  'declaration-failed': (d) =>
    `The Diet fails to approve ${article(d.status)} ${d.status} situation; the coalition wobbles`,
  'us-intervenes': () => 'The United States commits its forces to the defense of Taiwan',
  'spending-set': (d) => `${Who(d.faction)} sets defense spending at ${d.pctGdp}% of GDP (was ${d.was}%)`,
  'two-plus-two': () => 'Japan and the US hold a 2+2 meeting: alliance cohesion rises',
  'two-plus-two-one-sided': () => 'A 2+2 was proposed by only one side and did not take place',
  'command-level': (d) =>
    `Command architecture reaches level ${d.level}${d.level === 1 ? ': USFJ is a joint force HQ, counterpart to JJOC' : ': bilateral strike coordination agreed'}`,
  'command-investment': (d) =>
    `Japan and the US invest in the command architecture (${d.progress} of ${d.need} months)`,
  'command-investment-one-sided': () =>
    'Only one partner invested in the command architecture this round: no progress',
  'reserves-mobilized': (d) => `Taiwan mobilizes reserves (${d.pct}%)`,
  'unit-moved': (d) => `${unitName(d.unit)} moves ${zone(d.from)} → ${zone(d.to)}`,
  'amphibious-sailing': (d) => `A Chinese amphibious force sails into ${zone(d.zone)}`,
  landing: (d) => `Chinese forces land ${d.landed} battalions at ${zone(d.zone)} (of ${d.embarked} embarked)`,
  'ground-combat': (d) =>
    `Fighting at ${zone(d.zone)}: China loses ${d.attackerLoss}, defenders ${d.defenderLoss} battalions`,
  'zone-taken': (d) => `China takes control of ${zone(d.zone)}`,
  'zone-retaken': (d) => `${Who(d.by)} retakes ${zone(d.zone)}`,
  'lodgment-withers': (d) => `The lodgment at ${zone(d.zone)} is short of supply and withers`,
  'us-attacked': () => 'US forces have been attacked',
  'japan-attacked': () => 'Japanese territory has been attacked',
  'opening-strike': (d) =>
    `China's opening salvos (${d.salvos}) land on ports and airfields before anyone can answer`,
  'deconfliction-failure': (d) =>
    `Combined strike on ${zone(d.zone)} fails to deconflict: ${d.wastedPct}% of the salvo is held back or wasted`,
  'duplicate-targeting': (d) =>
    `Uncoordinated Japanese and US strikes on ${zone(d.zone)} duplicate targets: ${d.wastedPct}% of the US salvo is wasted`,
  'strike-without-consent': (d) => `${unitName(d.unit)} may not strike from Japan without consent in force`,
  strike: (d) =>
    `${d.combined ? 'Combined Japan–US' : FACTION_ADJECTIVES[d.by]} strike on ${zone(d.zone)} (${d.aim}): ${d.fired} missiles, ${d.hits} hits`,
  'air-combat': (d) => `Air combat: China loses ${d.redLoss} aircraft, Blue ${d.blueLoss}`,
  'submarine-attack': (d) => `Submarine attack in ${zone(d.zone)}: ${d.hits} hits`,
  'naval-fire': (d) =>
    `${ofFaction(d.faction, d.unitType)} fires ${d.shots} ${munitionName(d.munition)} in ${zone(d.zone)}: ${d.hits} hits`,
  'energy-interdicted': (d) =>
    `${d.blockade ? 'Blockade' : 'Quarantine'}: ${Math.round(d.interdiction * 100)}% of Taiwan's energy imports stopped; ${round3(d.energyDays)} days of stocks left`,
  'program-progress': (d) => `${programName(d.program)}: ${d.funded}/${d.cost}`,
  'program-completed': (d) => `${programName(d.program)} completed`,
};

/** Every event kind, in the catalog's order (for tests and readers that list them). */
export const EVENT_KINDS = Object.keys(SENTENCES) as readonly EventKind[];

/** `eventText(kind, data)`: the event's sentence — the one formatter. */
export const eventText = <K extends EventKind>(kind: K, data: EventData[K]): string =>
  (SENTENCES[kind] as (d: EventData[K]) => string)(data);
