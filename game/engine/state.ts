/**
 * Match state (CONVENTIONS items 1 and 3): plain, JSON-only data that changes during a
 * match; the scenario is fixed data referred to by id and hash.
 */

import { zoneDef } from '../data/map.ts';
import { programById } from '../data/programs.ts';
import type { Scenario } from '../data/scenario.ts';
import { RED_CALCULUS } from '../data/tables.ts';
import { unitTypeById } from '../data/units.ts';
import {
  type ByFaction,
  byFaction,
  type CombinedKind,
  type Faction,
  type LegalStatus,
  type OutcomeCategory,
  type Rung,
  type Seat,
  type StepName,
  type Terms,
  type UnitId,
  type ZoneId,
} from '../types.ts';
import type { EventData, EventKind } from './events.ts';
import type { Order } from './orders.ts';
import { stream } from './rng.ts';

/** Changes whenever a record's state hashes would (1.0.1: typed event kinds; 1.0.2: typed event data; 1.1.0: Red's estimate answers to denial, the calculating Red, neutral powers left alone; 1.2.0: overland advance and counterattack on Taiwan, the war's opening salvo on ports and airfields, salvos that leave powers not at war alone; 1.2.1: the log's sentences name factions, zones, units, programs and operations instead of their ids; 1.3.0: Red's resolve and confidence drawn per match, programs delivered after their lead time in months, a blockade's estimate contested by escorts and fires; 1.3.1: strikes on airbases split between the open apron and the sheltered share, US ships rearm fully in Japanese ports under logistics support; 1.4.0: naval fire simultaneous, every group firing with its strength and stocks at the step's start; 1.4.1: in Red's estimate, Japan's and the US's coordination losses fall only on the fires and escorts both put in, so Japan joining never helps Red; 1.4.2: an invasion's end weighs the lodgment's ground combat power against the defenders' on the main island, not steps against Taiwan's steps anywhere; 1.4.3: held ground without a port or airfield draws on over-the-beach lift like any lodgment; 1.4.4: a Chinese salvo the defences stop entirely still attacks the US forces it was aimed at, and Japan when aimed at its soil). */
export const RULES_VERSION = '1.4.4';

export interface UnitState {
  readonly id: UnitId;
  readonly type: string;
  readonly faction: Faction;
  readonly zone: ZoneId;
  readonly strength: number; // steps remaining (may be fractional after attrition)
  readonly maxStrength: number;
  readonly interceptors: number; // area-defense interceptors left in the magazine
  readonly readyRound: number; // first round the unit may move (reinforcement delay)
}

export interface ZoneState {
  readonly controller: Faction | null; // who holds the zone (sea zones: null)
  readonly portDamage: number; // 0–1, share of port/airfield capacity destroyed
  readonly unsuppliedRounds: number; // rounds a lodgment here has gone without a port or airfield
}

export interface JapanTracks {
  readonly defenseSpendingPctGdp: number;
  readonly debtPctGdp: number; // fiscal strain
  readonly politicalCapital: number;
  readonly coalitionSeats: number; // of 465 in the House of Representatives
  readonly publicSupport: number;
  readonly industrialCapacity: number; // munitions produced per round (all types, points)
  readonly legalStatus: LegalStatus;
}
export interface UsTracks {
  readonly commitment: number;
  readonly credibility: number;
  readonly burdenSharing: number; // satisfaction with Japan's spending and deliverables
  readonly spendingDemandPctGdp: number;
  readonly reinforcementDelay: number; // rounds from the pool to Guam
  readonly intervening: boolean; // US forces engaged in combat
}
export interface ChinaTracks {
  readonly grayZonePresence: number;
  readonly coercionLevers: number;
  readonly standing: number; // international standing
  readonly domesticPressure: number;
  readonly resolve: number; // threshold a bot Red's temptation must exceed
  /**
   * Red's confidence in its own forces, drawn per match: the shift, in log-odds, between the
   * success Red's estimate computes and the success Red believes (0: neither optimistic nor
   * pessimistic). Secret to China and White Cell, like its resolve.
   */
  readonly confidence: number;
  readonly aims: readonly number[]; // political value of success at each rung
}
export interface TaiwanTracks {
  readonly defenseSpendingPctGdp: number;
  readonly energyDays: number; // days of energy stocks left
  readonly publicWill: number;
  readonly reserveMobilization: number;
}
export interface AllianceTracks {
  readonly cohesion: number;
  readonly commandLevel: number; // 0 parallel, 1 JFHQ counterpart, 2 bilateral strike coordination
  readonly upgradeProgress: number; // rounds of joint investment toward the next level
  readonly roundsSinceTwoPlusTwo: number;
  readonly consentGranted: boolean; // standing prior-consultation consent for US combat ops from Japan
  readonly consentRound: number; // round from which the consent is effective
  readonly disruption: number; // capacity lost this round (cyber, EW, strikes on Kanto)
  readonly capacityUsed: number; // coordination capacity spent this round
}

export interface CombinedProposal {
  readonly id: string;
  readonly round: number;
  readonly by: Faction;
  readonly to: Faction;
  readonly kind: CombinedKind;
  readonly zone?: ZoneId; // iamd-cover: the covered zone
  readonly strike?: CombinedStrike;
  readonly status: 'open' | 'accepted' | 'refused' | 'lapsed';
}
export interface CombinedStrike {
  readonly target: ZoneId;
  readonly aim: string;
  readonly parts: readonly { readonly unit: UnitId; readonly weapon: string; readonly count: number }[];
}
/** An accepted combined action and the round it takes effect (latency, section 5). */
export interface ActiveCombined {
  readonly proposal: CombinedProposal;
  readonly effectiveRound: number;
}

export interface TermsOffer {
  readonly id: string;
  readonly round: number;
  readonly by: Faction;
  readonly terms: Terms;
  readonly answers: Partial<Record<Faction, boolean>>;
  readonly status: 'open' | 'accepted' | 'refused';
}

export interface ApprovalRequest {
  readonly id: string;
  readonly round: number;
  readonly seat: Faction;
  readonly kind: string;
  readonly orderIndex: number;
  readonly status: 'pending' | 'approved' | 'denied';
}

/**
 * One entry of the round log (DESIGN.md section 1): the step it belongs to, its kind and typed
 * data (engine/events.ts), the sentence rendered from them, and who may see it. Readers test
 * `kind` and read `data`; the sentence is for people.
 */
export type LogEvent = {
  readonly [K in EventKind]: {
    readonly round: number;
    readonly step: StepName; // one of STEPS (game/types.ts)
    readonly kind: K;
    readonly text: string;
    readonly visibleTo: readonly Seat[] | 'all';
    readonly data: EventData[K];
  };
}[EventKind];

export interface DeterrenceOption {
  readonly rung: Rung;
  readonly value: number;
  readonly success: number; // probability of success at expected values
  readonly expectedLosses: number; // Red steps lost over the horizon
  readonly cost: number; // economic + standing + intervention
  readonly interventionChance: number;
  readonly temptation: number; // value × success − cost
}
export interface DeterrenceEstimate {
  readonly round: number;
  readonly viewpoint: Faction;
  readonly current: Rung;
  readonly options: readonly DeterrenceOption[];
  readonly best: DeterrenceOption | null;
  readonly resolve: number;
  /** How far Red's best option is from being worth it: resolve − best temptation (positive = deterred). */
  readonly margin: number;
}

export interface RoundSummary {
  readonly round: number;
  readonly escalation: Rung;
  readonly redBestTemptation: number;
  readonly deterrenceMargin: number;
  readonly cohesion: number;
  readonly commandLevel: number;
  readonly capacity: number;
  readonly japanSupport: number;
  readonly taiwanWill: number;
  readonly energyDays: number;
  readonly stockpiles: ByFaction<number>;
  readonly budgets: ByFaction<number>;
  readonly losses: ByFaction<number>;
}

export interface Outcome {
  readonly category: OutcomeCategory;
  readonly round: number;
  readonly reason: string;
  /** For a match White Cell ended: how the situation stood then, scored as at a last round. */
  readonly assessment?: OutcomeCategory;
}

export interface Pending {
  readonly orders: readonly Order[];
  readonly committed: boolean;
}

export interface MatchState {
  readonly rulesVersion: string;
  readonly scenarioId: string;
  readonly scenarioHash: string;
  readonly seed: string; // secret while the match runs: never in a view
  readonly round: number;
  readonly maxRounds: number;
  readonly stage: 'planning' | 'ended';
  readonly escalation: Rung;
  readonly peakEscalation: Rung;
  readonly peakRound: number;
  readonly japan: JapanTracks;
  readonly us: UsTracks;
  readonly china: ChinaTracks;
  readonly taiwan: TaiwanTracks;
  readonly alliance: AllianceTracks;
  readonly zones: Readonly<Record<ZoneId, ZoneState>>;
  readonly units: Readonly<Record<UnitId, UnitState>>;
  readonly stockpiles: ByFaction<Readonly<Record<string, number>>>;
  readonly budgets: ByFaction<number>; // budget points available this round
  readonly programs: ByFaction<Readonly<Record<string, number>>>; // points invested per program
  readonly programMonths: ByFaction<Readonly<Record<string, number>>>; // months of work done per program (its lead time)
  readonly completedPrograms: readonly string[];
  readonly bonuses: {
    readonly interceptorPk: number;
    readonly isrKm: ByFaction<number>;
    readonly cyber: number;
  };
  readonly pending: ByFaction<Pending>;
  readonly proposals: readonly CombinedProposal[];
  readonly combined: readonly ActiveCombined[];
  readonly offers: readonly TermsOffer[];
  readonly requests: readonly ApprovalRequest[];
  readonly white: {
    readonly present: boolean;
    readonly timerSeconds: number | null;
    readonly paused: boolean;
  };
  readonly flags: {
    readonly japanAttacked: boolean;
    readonly usAttacked: boolean;
    readonly incidents: number;
  };
  readonly losses: ByFaction<Readonly<Record<string, number>>>; // steps lost by unit category
  readonly log: readonly LogEvent[];
  readonly history: readonly RoundSummary[];
  readonly deterrence: DeterrenceEstimate | null; // Red's latest estimate (secret to Red and White)
  readonly outcome: Outcome | null;
  readonly counter: number; // id counter for proposals, offers and requests
  readonly logDigest: { readonly count: number; readonly hash: string }; // chained hash of log[0..count), updated each round
}

export interface MatchSetup {
  readonly seed: string;
  readonly white?: boolean;
}

/**
 * Red's resolve in this match (DESIGN.md section 6): the scenario's figure is the centre of
 * what Blue believes; each match draws China's from a triangular spread around it
 * (`RED_CALCULUS.resolveSpread`), so a batch measures the share of Red leaderships a posture
 * deters instead of one knife-edge threshold. Drawn from its own stream: no other draw moves.
 */
const round1 = (x: number): number => Math.round(x * 10) / 10;

function drawResolve(centre: number, seed: string): number {
  const r = stream(seed, 'china-resolve');
  const z = r.next() + r.next() - 1;
  return Math.round((centre + RED_CALCULUS.resolveSpread.value * z) * 1000) / 1000;
}

/**
 * Red's confidence in this match (section 6): a normal draw, in log-odds, with the spread of
 * `RED_CALCULUS.confidenceSpread`. A war not fought is estimated with wide error, so leaderships
 * facing the same posture judge their chances differently; denial shifts the whole spread.
 */
function drawConfidence(seed: string): number {
  const r = stream(seed, 'china-confidence');
  const u = Math.max(1e-9, r.next());
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
  return Math.round(RED_CALCULUS.confidenceSpread.value * z * 1000) / 1000;
}

/** Builds round 1's state from a scenario (section 10) and a seed. Scenario events for round 1 are applied by `startRound`. */
export function createState(scenario: Scenario, setup: MatchSetup): MatchState {
  const t = scenario.tracks;
  const units: Record<UnitId, UnitState> = {};
  for (const u of scenario.units) {
    const def = unitTypeById.get(u.type);
    units[u.id] = {
      id: u.id,
      type: u.type,
      faction: u.faction,
      zone: u.zone,
      strength: u.strength,
      maxStrength: u.strength,
      interceptors: (def?.interceptorsPerStep ?? 0) * u.strength,
      readyRound: zoneDef(u.zone).kind === 'pool' ? 1 + t.us.reinforcementDelay : 1,
    };
  }
  const zones: Record<ZoneId, ZoneState> = {};
  for (const id of scenario.zones) zones[id] = { controller: null, portDamage: 0, unsuppliedRounds: 0 };
  const programs = byFaction<Record<string, number>>(() => ({}));
  const programMonths = byFaction<Record<string, number>>(() => ({}));
  for (const [p, v] of Object.entries(scenario.programs)) {
    const faction = p.startsWith('us-')
      ? 'us'
      : p.startsWith('tw-')
        ? 'taiwan'
        : p.startsWith('cn-')
          ? 'china'
          : 'japan';
    programs[faction][p] = v;
    // Work done so far, in proportion to the money: a program half funded is half way to delivery.
    const def = programById.get(p);
    if (def) programMonths[faction][p] = round1(def.leadMonths * Math.min(1, v / def.cost));
  }
  return {
    rulesVersion: RULES_VERSION,
    scenarioId: scenario.id,
    scenarioHash: scenario.hash,
    seed: setup.seed,
    round: 1,
    maxRounds: scenario.rounds,
    stage: 'planning',
    escalation: scenario.escalation as Rung,
    peakEscalation: scenario.escalation as Rung,
    peakRound: 1,
    japan: { ...t.japan },
    us: { ...t.us },
    china: {
      ...t.china,
      resolve: drawResolve(t.china.resolve, setup.seed),
      confidence: drawConfidence(setup.seed),
    },
    taiwan: { ...t.taiwan },
    alliance: {
      ...t.alliance,
      consentRound: t.alliance.consentGranted ? 1 : 0,
      disruption: 0,
      capacityUsed: 0,
    },
    zones,
    units,
    stockpiles: byFaction((f) => ({ ...scenario.stockpiles[f] })),
    budgets: byFaction((f) => scenario.budgets[f]),
    programs,
    programMonths,
    completedPrograms: [],
    bonuses: { interceptorPk: 0, isrKm: byFaction(() => 0), cyber: 0 },
    pending: byFaction(() => ({ orders: [], committed: false })),
    proposals: [],
    combined: [],
    offers: [],
    requests: [],
    white: { present: setup.white ?? false, timerSeconds: null, paused: false },
    flags: { japanAttacked: false, usAttacked: false, incidents: 0 },
    losses: byFaction(() => ({})),
    log: [],
    history: [],
    deterrence: null,
    outcome: null,
    counter: 0,
    logDigest: { count: 0, hash: '' },
  };
}
