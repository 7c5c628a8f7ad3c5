/**
 * Vocabulary of the rules (DESIGN.md sections 2–7): factions, seats, zone kinds,
 * the escalation ladder, Japan's legal status, phases. Every list is an `as const`
 * array so types, validation and menus come from one place.
 */

export const FACTIONS = ['japan', 'us', 'china', 'taiwan'] as const;
export type Faction = (typeof FACTIONS)[number];
export type ByFaction<T> = { readonly [F in Faction]: T };

export const SEATS = ['japan', 'us', 'china', 'taiwan', 'white'] as const;
export type Seat = (typeof SEATS)[number];

/**
 * The round log's step names (DESIGN.md section 4), in the order a round runs: events and White
 * Cell, planning and the orders that take effect, then adjudication's fixed order, the
 * deterrence check and the review. The one vocabulary of steps: the engine writes it, the
 * reports and the replay viewer group by it.
 */
export const STEPS = [
  'events',
  'white',
  'planning',
  'orders',
  'coordination',
  'gray-zone',
  'politics',
  'movement',
  'strikes',
  'naval',
  'ground',
  'economy',
  'production',
  'deterrence',
  'review',
] as const;
export type StepName = (typeof STEPS)[number];

export const BLUE: readonly Faction[] = ['japan', 'us', 'taiwan'];
export const isBlue = (f: Faction): boolean => f !== 'china';

export const partnerOf = (f: Faction): Faction | undefined =>
  f === 'japan' ? 'us' : f === 'us' ? 'japan' : undefined;

export const ZONE_KINDS = ['land', 'sea', 'rear', 'pool'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const COUNTRIES = ['japan', 'china', 'taiwan', 'us', 'philippines', 'international'] as const;
export type Country = (typeof COUNTRIES)[number];

/** Escalation ladder, section 6. Index = rung. */
export const RUNGS = ['competition', 'coercion', 'quarantine', 'blockade', 'strikes', 'invasion'] as const;
export type RungName = (typeof RUNGS)[number];
export type Rung = 0 | 1 | 2 | 3 | 4 | 5;
export const MAX_RUNG: Rung = 5;
/** The rungs by name (DESIGN.md section 6): rules compare against these, never a bare 0–5. */
export const RUNG = {
  competition: 0,
  coercion: 1,
  quarantine: 2,
  blockade: 3,
  strikes: 4,
  invasion: 5,
} as const satisfies { readonly [K in RungName]: Rung };

/** Round phase follows the rung: 0–1 Competition, 2–3 Crisis, 4–5 Conflict (section 4). */
export const PHASES = ['competition', 'crisis', 'conflict'] as const;
export type Phase = (typeof PHASES)[number];
export const phaseOf = (rung: number): Phase =>
  rung <= RUNG.coercion ? 'competition' : rung <= RUNG.blockade ? 'crisis' : 'conflict';
/** Round length in days by phase: 1 month, 1 week, 3.5 days (as in published Taiwan wargames). */
export const ROUND_DAYS: { readonly [P in Phase]: number } = { competition: 30, crisis: 7, conflict: 3.5 };

/** Japan's legal status under the 2015 security legislation (section 6), in increasing order. */
export const LEGAL_STATUSES = [
  'none',
  'important-influence',
  'survival-threatening',
  'armed-attack',
] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
export const legalRank = (s: LegalStatus): number => LEGAL_STATUSES.indexOf(s);

/** Alliance command architecture level (section 5). */
export const COMMAND_LEVELS = [0, 1, 2] as const;
export type CommandLevel = (typeof COMMAND_LEVELS)[number];

/** Combined US–Japan actions that cost coordination capacity (section 5). */
export const COMBINED_KINDS = [
  'us-ops-from-japan',
  'combined-strike',
  'iamd-cover',
  'shared-isr',
  'logistics-support',
] as const;
export type CombinedKind = (typeof COMBINED_KINDS)[number];
/** Combined operations by their names, as the log, the board and the reports write them. */
export const COMBINED_LABELS: { readonly [K in CombinedKind]: string } = {
  'us-ops-from-japan': 'US combat operations from Japan',
  'combined-strike': 'Combined strike',
  'iamd-cover': 'IAMD cover',
  'shared-isr': 'Shared ISR',
  'logistics-support': 'Logistics support',
};

/** Off-ramp terms (section 4). */
export const TERMS = ['ceasefire-in-place', 'phased-withdrawal', 'status-quo-ante'] as const;
export type Terms = (typeof TERMS)[number];
/** Off-ramp terms as a sentence names them: "China offers a ceasefire in place". */
export const TERMS_LABELS: { readonly [T in Terms]: string } = {
  'ceasefire-in-place': 'a ceasefire in place',
  'phased-withdrawal': 'a phased withdrawal',
  'status-quo-ante': 'a return to the status quo ante',
};

/** Kinds of request White Cell may be set to approve (seminar mode, section 4). */
export const APPROVAL_KINDS = [
  'escalate-strikes',
  'escalate-invasion',
  'japan-counterstrike',
  'us-intervention',
  'legal-declaration',
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
/** What each kind of request asks White Cell to approve. */
export const APPROVAL_LABELS: { readonly [K in ApprovalKind]: string } = {
  'escalate-strikes': 'escalation to strikes',
  'escalate-invasion': 'escalation to invasion',
  'japan-counterstrike': 'a Japanese counterstrike',
  'us-intervention': 'US intervention',
  'legal-declaration': 'a legal declaration',
};

/** Outcome categories, section 9. */
export const OUTCOMES = [
  'deterrence-held',
  'coercion-succeeded',
  'coercion-failed',
  'senkaku-seized',
  'chinese-victory',
  'stalemate-toward-china',
  'stalemate-indeterminate',
  'stalemate-against-china',
  'chinese-defeat',
  'terms-agreed',
  'ended-by-facilitator',
] as const;
export type OutcomeCategory = (typeof OUTCOMES)[number];
/** Outcome categories as a facilitator would say them (section 9). */
export const OUTCOME_LABELS: { readonly [O in OutcomeCategory]: string } = {
  'deterrence-held': 'Deterrence held',
  'coercion-succeeded': 'Coercion succeeded',
  'coercion-failed': 'Coercion failed',
  'senkaku-seized': 'Senkaku seized',
  'chinese-victory': 'Chinese victory',
  'stalemate-toward-china': 'Stalemate trending toward China',
  'stalemate-indeterminate': 'Stalemate, indeterminate',
  'stalemate-against-china': 'Stalemate trending against China',
  'chinese-defeat': 'Chinese defeat',
  'terms-agreed': 'Terms agreed',
  'ended-by-facilitator': 'Ended by the facilitator',
};

export type ZoneId = string;
export type UnitId = string;

/** Result type for anything a user can send (CONVENTIONS item 4). */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };
/**
 * `own(record, key)`: the record's own entry for a key a client sent, or undefined. Never a
 * plain index: `"__proto__"`, `"constructor"` or `"toString"` would find an inherited object.
 */
export const own = <T>(record: Readonly<Record<string, T>>, key: unknown): T | undefined =>
  typeof key === 'string' && Object.hasOwn(record, key) ? record[key] : undefined;

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });

/** A rules error a person can act on: a stable code and a sentence. */
export interface RuleError {
  readonly code: string;
  readonly message: string;
}
export const ruleError = (code: string, message: string): RuleError => ({ code, message });

export function byFaction<T>(f: (faction: Faction) => T): ByFaction<T> {
  return { japan: f('japan'), us: f('us'), china: f('china'), taiwan: f('taiwan') };
}
