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
  readonly text: string;
}

export interface ProposalVM extends CombinedProposal {
  readonly incoming: boolean;
  /** The engine's reason why accepting would be refused, or null. */
  readonly acceptReason: string | null;
}

export interface OfferVM extends TermsOffer {
  readonly respondable: boolean;
  readonly respondReason: string | null;
}

export type DeterrenceVM =
  | { readonly kind: 'red'; readonly estimate: DeterrenceEstimate }
  | { readonly kind: 'blue'; readonly estimate: DeterrenceEstimate };

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
  const pending = (own?.orders ?? []).map((order, index) => ({ index, order, text: formatOrder(order) }));
  const proposals: ProposalVM[] = view.proposals
    .filter((p) => p.round === view.round || p.status === 'open')
    .map((p) => ({
      ...p,
      incoming: p.to === faction,
      acceptReason:
        p.to === faction && p.status === 'open'
          ? check({ type: 'answer', proposal: p.id, accept: true })
          : null,
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
    deterrence = { kind: 'red', estimate: view.deterrence };
  else if (faction && faction !== 'china' && planning)
    deterrence = { kind: 'blue', estimate: deterrenceEstimate(view, scenario, faction) };
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
        changes.push({ label: `${f} munitions stockpile`, before: a, after: b });
    }
  return { round, events, summary, changes };
}

export const fmt = (x: number, digits = 1): string =>
  Number.isInteger(x) ? String(x) : x.toFixed(digits).replace(/\.?0+$/, '');
