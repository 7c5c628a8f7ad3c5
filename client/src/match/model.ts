/**
 * The board's view model (CONVENTIONS items 5 and 10): everything the components show,
 * derived from the seat's `MatchView` by the engine's own functions. The client holds no
 * rules: legality comes from `legalOrders`, reasons from `checkAction`, the deterrence
 * estimate from `deterrenceEstimate`, capacity from `coordinationCapacity`/`capacityLeft`.
 * On a view these answers are advisory; the server re-validates every action.
 */

import { checkAction } from '../../../game/bgio.ts';
import {
  type Action,
  budgetLeft,
  type CombinedProposal,
  capacityLeft,
  coordinationCapacity,
  type DeterrenceEstimate,
  describeOrder,
  deterrenceEstimate,
  FACTIONS,
  type Faction,
  formatOrder,
  type GrayZoneAction,
  type LegalStatus,
  type LogEvent,
  legalOrders,
  type MatchView,
  munitionById,
  type Order,
  offerResponders,
  PROGRAMS,
  programById,
  type RoundSummary,
  type Rung,
  type Scenario,
  type TargetAim,
  type TermsOffer,
  type UnitCategory,
  type UnitState,
  unitTypeById,
  type ViewSeat,
  ZONE_CATALOG,
  type ZoneDef,
} from '../../../game/index.ts';
import { getScenario } from '../../../scenarios/index.ts';
import { RUNG_LABEL, SEAT_LABEL } from '../theme.ts';
import { answerReason } from './checks.ts';

/** An action as the client sends it: the server adds the seat from the player's credentials. */
export type Intent = Action extends infer A ? (A extends Action ? Omit<A, 'seat'> : never) : never;

export interface WeaponVM {
  readonly munition: string;
  readonly name: string;
  readonly rangeKm: number;
  readonly perStep: number;
  readonly role: string;
}

export interface UnitVM {
  readonly id: string;
  readonly typeName: string;
  readonly category: UnitCategory;
  readonly domain: 'sea' | 'land' | 'air';
  readonly faction: Faction;
  readonly zone: string;
  readonly strength: number;
  readonly maxStrength: number;
  readonly interceptors: number;
  readonly readyRound: number;
  readonly isrKm: number;
  readonly weapons: readonly WeaponVM[];
  readonly own: boolean;
}

export interface ZoneVM {
  readonly def: ZoneDef;
  readonly controller: Faction | null;
  readonly portDamage: number;
  readonly visible: boolean;
}

export interface StrikeOption {
  readonly weapon: string;
  readonly target: string;
  readonly aim: TargetAim;
  readonly max: number;
}

export interface UnitLegal {
  readonly moves: readonly string[];
  readonly strikes: readonly StrikeOption[];
}

/** `legalOrders` grouped for the orders panel and the map's highlights. */
export interface LegalVM {
  readonly count: number;
  readonly byUnit: Readonly<Record<string, UnitLegal>>;
  readonly fund: readonly { readonly program: string; readonly name: string; readonly max: number }[];
  readonly spending: readonly number[];
  readonly simple: readonly Order[];
  readonly grayZone: Readonly<Partial<Record<GrayZoneAction, readonly string[]>>>;
  readonly escalate: readonly Rung[];
  readonly declare: readonly LegalStatus[];
  readonly land: readonly {
    readonly lift: string;
    readonly brigades: readonly string[];
    readonly targets: readonly string[];
  }[];
}

export interface PendingVM {
  readonly index: number;
  readonly order: Order;
  /** The order line's text form (`fund long-range-missiles 1`), as typed in the order line. */
  readonly text: string;
  /** The order in words, with the program's, zone's and weapon's names. */
  readonly label: string;
}

export interface ProposalVM extends CombinedProposal {
  readonly incoming: boolean;
  /** The engine's reason why accepting would be refused, or null. */
  readonly acceptReason: string | null;
  /** For this seat's own open proposal: the engine's reason the partner could not accept it now, or null. */
  readonly partnerReason: string | null;
}

export interface OfferVM extends TermsOffer {
  readonly respondable: boolean;
  readonly respondReason: string | null;
}

/**
 * What the deterrence estimate says, in words. `deterred` and `tempted` read the margin of
 * Red's best option above the current rung; `no-rung-above` is the top of the ladder (an
 * invasion under way), where there is no option left to deter and so no margin to read.
 */
export interface DeterrenceReading {
  readonly state: 'deterred' | 'tempted' | 'no-rung-above';
  /** The dashboard's big figure: the margin, Red's best option, or "No rung above". */
  readonly headline: string;
  /** One sentence for the status tab. */
  readonly detail: string;
  /** Colour of the headline: only a held deterrence is good. */
  readonly tone: 'good' | 'bad' | 'neutral';
}

export type DeterrenceVM =
  | { readonly kind: 'red'; readonly estimate: DeterrenceEstimate; readonly reading: DeterrenceReading }
  | { readonly kind: 'blue'; readonly estimate: DeterrenceEstimate; readonly reading: DeterrenceReading };

export interface MatchModel {
  readonly seat: ViewSeat;
  readonly faction: Faction | null;
  readonly isWhite: boolean;
  readonly scenario: Scenario;
  readonly view: MatchView;
  readonly zones: readonly ZoneVM[];
  readonly zoneById: ReadonlyMap<string, ZoneVM>;
  readonly units: readonly UnitVM[];
  readonly unitById: ReadonlyMap<string, UnitVM>;
  readonly legal: LegalVM;
  readonly pending: readonly PendingVM[];
  readonly committed: boolean;
  readonly committedBy: Readonly<Record<Faction, boolean>>;
  readonly capacity: number;
  readonly capacityLeft: number;
  readonly budgetLeft: number | null;
  readonly proposals: readonly ProposalVM[];
  readonly offers: readonly OfferVM[];
  readonly deterrence: DeterrenceVM | null;
  readonly programNames: ReadonlyMap<string, string>;
  /** The engine's reason this seat's intent would be refused, or null when it would be accepted. */
  readonly check: (intent: Intent) => string | null;
}

const FACTION_SET = new Set<string>(FACTIONS);
export const isFaction = (s: string): s is Faction => FACTION_SET.has(s);

export const PROGRAM_NAMES: ReadonlyMap<string, string> = new Map(PROGRAMS.map((p) => [p.id, p.name]));

export function unitVM(u: UnitState, faction: Faction | null): UnitVM {
  const t = unitTypeById.get(u.type);
  const weapons: WeaponVM[] = (t?.weapons ?? []).map((w) => {
    const m = munitionById.get(w.munition);
    return {
      munition: w.munition,
      name: m?.name ?? w.munition,
      rangeKm: m?.rangeKm ?? 0,
      perStep: w.perStep,
      role: m?.role ?? '',
    };
  });
  return {
    id: u.id,
    typeName: t?.name ?? u.type,
    category: t?.category ?? 'ground',
    domain: t?.domain ?? 'land',
    faction: u.faction,
    zone: u.zone,
    strength: u.strength,
    maxStrength: u.maxStrength,
    interceptors: u.interceptors,
    readyRound: u.readyRound,
    isrKm: t?.isrKm ?? 0,
    weapons,
    own: u.faction === faction,
  };
}

function groupLegal(orders: readonly Order[]): LegalVM {
  const byUnit: Record<string, { moves: string[]; strikes: StrikeOption[] }> = {};
  const unit = (id: string) => {
    byUnit[id] ??= { moves: [], strikes: [] };
    return byUnit[id];
  };
  const fund: { program: string; name: string; max: number }[] = [];
  const spending: number[] = [];
  const simple: Order[] = [];
  const grayZone: Partial<Record<GrayZoneAction, string[]>> = {};
  const escalate: Rung[] = [];
  const declare: LegalStatus[] = [];
  const land: { lift: string; brigades: readonly string[]; targets: string[] }[] = [];
  for (const o of orders) {
    switch (o.type) {
      case 'move':
        unit(o.unit).moves.push(o.to);
        break;
      case 'strike':
        unit(o.unit).strikes.push({ weapon: o.weapon, target: o.target, aim: o.aim, max: o.count });
        break;
      case 'fund':
        fund.push({ program: o.program, name: PROGRAM_NAMES.get(o.program) ?? o.program, max: o.amount });
        break;
      case 'spending':
        spending.push(o.pctGdp);
        break;
      case 'gray-zone': {
        const zones = grayZone[o.action] ?? [];
        zones.push(o.zone);
        grayZone[o.action] = zones;
        break;
      }
      case 'escalate':
        escalate.push(o.to);
        break;
      case 'declare':
        declare.push(o.status);
        break;
      case 'land': {
        const hit = land.find((l) => l.lift === o.lift);
        if (hit) hit.targets.push(o.target);
        else land.push({ lift: o.lift, brigades: o.brigades, targets: [o.target] });
        break;
      }
      default:
        simple.push(o);
    }
  }
  return { count: orders.length, byUnit, fund, spending, simple, grayZone, escalate, declare, land };
}

const EMPTY_LEGAL: LegalVM = groupLegal([]);

/** Builds the model for one seat's view. */
export function buildModel(view: MatchView, scenario: Scenario): MatchModel {
  const seat = view.seat;
  const faction = isFaction(seat) ? seat : null;
  const isWhite = seat === 'white';
  const visible = new Set(view.visibleZones);
  const zones: ZoneVM[] = ZONE_CATALOG.filter((z) => z.id in view.zones).map((def) => ({
    def,
    controller: view.zones[def.id]?.controller ?? null,
    portDamage: view.zones[def.id]?.portDamage ?? 0,
    visible: visible.has(def.id),
  }));
  const units = Object.values(view.units)
    .filter((u) => u.strength > 0.1)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((u) => unitVM(u, faction));
  const check = (intent: Intent): string | null => {
    const r = checkAction(view, seat, { ...intent, seat } as Action, getScenario);
    return r.ok ? null : r.error.message;
  };
  const planning = view.stage === 'planning';
  const legal = faction && planning ? groupLegal(legalOrders(view, scenario, faction)) : EMPTY_LEGAL;
  const own = faction ? view.pending[faction] : null;
  const pending = (own?.orders ?? []).map((order, index) => ({
    index,
    order,
    text: formatOrder(order),
    label: orderLabel(order),
  }));
  const proposals: ProposalVM[] = view.proposals
    .filter((p) => p.round === view.round || p.status === 'open')
    .map((p) => ({
      ...p,
      incoming: p.to === faction,
      acceptReason:
        p.to === faction && p.status === 'open'
          ? check({ type: 'answer', proposal: p.id, accept: true })
          : null,
      partnerReason: p.by === faction && p.status === 'open' ? answerReason(view, scenario, p) : null,
    }));
  const offers: OfferVM[] = view.offers
    .filter((o) => o.status === 'open' || o.round >= view.round - 1)
    .map((o) => {
      const reason =
        faction && o.status === 'open' ? check({ type: 'respond', offer: o.id, accept: true }) : null;
      const respondable =
        faction !== null &&
        o.status === 'open' &&
        offerResponders(view, scenario, o.by).includes(faction) &&
        o.answers[faction] === undefined;
      return { ...o, respondable, respondReason: reason };
    });
  let deterrence: DeterrenceVM | null = null;
  if ((faction === 'china' || isWhite) && view.deterrence)
    deterrence = {
      kind: 'red',
      estimate: view.deterrence,
      reading: deterrenceReading('red', view.deterrence),
    };
  else if (faction && faction !== 'china' && planning) {
    const estimate = deterrenceEstimate(view, scenario, faction);
    deterrence = { kind: 'blue', estimate, reading: deterrenceReading('blue', estimate) };
  }
  return {
    seat,
    faction,
    isWhite,
    scenario,
    view,
    zones,
    zoneById: new Map(zones.map((z) => [z.def.id, z])),
    units,
    unitById: new Map(units.map((u) => [u.id, u])),
    legal,
    pending,
    committed: own?.committed ?? false,
    committedBy: Object.fromEntries(FACTIONS.map((f) => [f, view.pending[f].committed])) as Record<
      Faction,
      boolean
    >,
    capacity: coordinationCapacity(view),
    capacityLeft: capacityLeft(view),
    budgetLeft: faction ? budgetLeft(view, faction) : null,
    proposals,
    offers,
    deterrence,
    programNames: PROGRAM_NAMES,
    check,
  };
}

/** What the round review shows for one adjudicated round (filtered by the seat's view already). */
export interface RoundReview {
  readonly round: number;
  readonly events: readonly LogEvent[];
  readonly summary: RoundSummary | null;
  readonly changes: readonly { readonly label: string; readonly before: number; readonly after: number }[];
  /** Steps lost in this round and in the match so far, by faction (the summaries hold running totals). */
  readonly losses: Readonly<Record<Faction, { readonly round: number; readonly total: number }>> | null;
}

const TRACKED: readonly [keyof RoundSummary, string][] = [
  ['escalation', 'Escalation rung'],
  ['cohesion', 'Alliance cohesion'],
  ['commandLevel', 'Command level'],
  ['capacity', 'Coordination capacity'],
  ['japanSupport', 'Japan public support'],
  ['taiwanWill', 'Taiwan public will'],
  ['energyDays', 'Taiwan energy days'],
  ['deterrenceMargin', 'Deterrence margin (Red view)'],
  ['redBestTemptation', "Red's best temptation"],
];

export function roundReview(view: MatchView, round: number): RoundReview {
  const events = view.log.filter((e) => e.round === round);
  const summary = view.history.find((h) => h.round === round) ?? null;
  const prev = view.history.find((h) => h.round === round - 1) ?? null;
  const changes: { label: string; before: number; after: number }[] = [];
  if (summary && prev)
    for (const [k, label] of TRACKED) {
      const a = prev[k];
      const b = summary[k];
      if (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) > 1e-9)
        changes.push({ label, before: a, after: b });
    }
  if (summary && prev)
    for (const f of FACTIONS) {
      const a = prev.stockpiles[f];
      const b = summary.stockpiles[f];
      if (a !== b && (a !== 0 || b !== 0))
        changes.push({ label: `${SEAT_LABEL[f]} munitions stockpile`, before: a, after: b });
    }
  const losses = summary
    ? (Object.fromEntries(
        FACTIONS.map((f) => {
          const total = summary.losses[f] ?? 0;
          return [f, { round: Math.max(0, total - (prev?.losses[f] ?? 0)), total }];
        }),
      ) as Record<Faction, { round: number; total: number }>)
    : null;
  return { round, events, summary, changes, losses };
}

/**
 * A track's value: whole numbers as they are, others at one precision (`digits` decimals,
 * trailing zeros kept), so a column never mixes "64.8" with "64" or "64.83".
 */
export const fmt = (x: number, digits = 1): string => {
  if (Number.isInteger(x)) return String(x);
  const t = x.toFixed(digits);
  return Number(t) === 0 ? (0).toFixed(digits) : t;
};

/**
 * A before → after pair at one precision, so a change never reads "64.83 → 64.8": whole
 * numbers stay whole; otherwise both get the same decimals (two below 10, one above), and
 * more, up to three, when that is what it takes for a change to show.
 */
export function fmtPair(before: number, after: number): readonly [string, string] {
  if (Number.isInteger(before) && Number.isInteger(after)) return [String(before), String(after)];
  const f = (x: number, digits: number): string => {
    const t = x.toFixed(digits);
    return Number(t) === 0 ? (0).toFixed(digits) : t;
  };
  let digits = Math.max(Math.abs(before), Math.abs(after)) < 10 ? 2 : 1;
  while (digits < 3 && before !== after && f(before, digits) === f(after, digits)) digits++;
  return [f(before, digits), f(after, digits)];
}

/**
 * Losses in steps, as a table reads them: whole steps ("113"), and "<1" for a loss under
 * half a step, so no loss is shown as none. The engine keeps fractions of a step.
 */
export const fmtSteps = (x: number): string => (x <= 0 ? '0' : x < 0.5 ? '<1' : String(Math.round(x)));

/** The rung's name in a sentence: "rung 5 (invasion)". */
const rungText = (r: number): string => `rung ${r} (${(RUNG_LABEL[r] ?? String(r)).toLowerCase()})`;

/** The estimate read in words (see `DeterrenceReading`); Red's reading shows its best option. */
export function deterrenceReading(kind: 'red' | 'blue', e: DeterrenceEstimate): DeterrenceReading {
  if (!e.best || e.options.length === 0) {
    const at = (RUNG_LABEL[e.current] ?? `rung ${e.current}`).toLowerCase();
    return {
      state: 'no-rung-above',
      headline: 'No rung above',
      detail: `No rung above: China is at ${at} (rung ${e.current}), the top of the ladder — deterrence has failed and there is no margin to read.`,
      tone: 'bad',
    };
  }
  const deterred = e.margin >= 0;
  const best = `${rungText(e.best.rung)}, temptation ${fmt(e.best.temptation, 2)}`;
  const verdict = deterred
    ? `deterred: Red's best option above the current rung, ${best}, is not worth it`
    : `tempted: Red's best option above the current rung, ${best}, is worth it`;
  return {
    state: deterred ? 'deterred' : 'tempted',
    headline: kind === 'red' ? `best: rung ${e.best.rung} (${fmt(e.best.temptation, 2)})` : fmt(e.margin, 2),
    detail: `${kind === 'red' ? `Resolve ${fmt(e.resolve, 2)}; ` : ''}margin ${fmt(e.margin, 2)} (${verdict}).`,
    tone: kind === 'red' ? 'neutral' : deterred ? 'good' : 'bad',
  };
}

/**
 * An order in words for the pending list and the White Cell: the engine's `describeOrder`
 * (units, zones, programs and weapons by name, as the log writes them). The text form that
 * the order line reads is `formatOrder`'s.
 */
export const orderLabel = (o: Order): string => describeOrder(o);

export * from './checks.ts';

/** A program's progress in words: in service, or points of cost and months of lead time so far. */
export function programProgress(id: string, points: number, months: number, complete: boolean): string {
  if (complete) return 'in service';
  const p = programById.get(id);
  if (!p) return `${points} points`;
  const left = Math.max(0, Math.ceil(p.leadMonths - months));
  return points >= p.cost
    ? `paid for · ${left} month${left === 1 ? '' : 's'} to delivery`
    : `${points} of ${p.cost} points · ${Math.floor(months)} of ${p.leadMonths} months`;
}
