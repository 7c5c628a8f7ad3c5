/**
 * The engine's public API (DESIGN.md section 1: "index.ts is the front door"): what the
 * server, the client, the CLI, match/, analysis/, report/, the bench and the tests import.
 * Everything else in game/ is the engine's own. The boardgame.io adapter is game/bgio.ts.
 */

// Bots
export { botTurn } from './bots/driver.ts';
export {
  BLUE_POLICIES,
  botPlan,
  defaultPolicy,
  type Policy,
  policiesFor,
  RED_POLICIES,
} from './bots/policies.ts';
export { type Geography, geographyOf, ROLES, type Role } from './data/geography.ts';
export { distanceKm, zoneDef } from './data/map.ts';
export { PROGRAMS, programById } from './data/programs.ts';
export {
  type Effect,
  formatScenarioError,
  loadScenario,
  mergeScenario,
  resolveExtends,
  type Scenario,
  type ScenarioError,
  TRACK_LABELS,
  TRACK_PATHS,
  type TrackPath,
} from './data/scenario.ts';
export {
  AIR,
  BLOCKADE,
  COMMAND,
  ESTIMATE,
  GROUND,
  NAVAL,
  RED_CALCULUS,
  RED_WEIGHTS,
  SALVO,
  STRIKE_EFFECTS,
} from './data/tables.ts';
// The catalog, the map and scenarios
export {
  type MunitionDef,
  munitionById,
  UNIT_CATEGORIES,
  type UnitCategory,
  type UnitTypeDef,
  unitTypeById,
} from './data/units.ts';
export { ZONE_CATALOG, type ZoneDef } from './data/zones.ts';
export { validateAction } from './engine/actions.ts';
export { adjudicate } from './engine/adjudicate.ts';
// Playing: apply, legality, adjudication
export { applyAction, newMatch } from './engine/apply.ts';
export { deterrenceEstimate } from './engine/deterrence.ts';
export { type DraftState, draftOf, freeze } from './engine/draft.ts';
export { EVENT_KINDS, type EventData, type EventKind, eventText } from './engine/events.ts';
// What each seat sees, how it ends, how tempted Red is
export {
  type FogMemo,
  type MatchView,
  newFogMemo,
  type ViewSeat,
  viewFor,
  visibleUnits,
} from './engine/fog.ts';
export { hashEngineData, hashValue } from './engine/hash.ts';
export { legalOrders, orderCandidates } from './engine/legal.ts';
export { blueLevers, type Lever } from './engine/levers.ts';
// The names a player reads
export {
  capitalize,
  FACTION_ADJECTIVES,
  FACTION_NAMES,
  factionName,
  munitionName,
  programName,
  seatName,
  unitName,
  unitTypeName,
  zoneName,
} from './engine/names.ts';
export {
  type Action,
  type ActionType,
  describeOrder,
  formatAction,
  formatOrder,
  GRAY_ZONE_LABELS,
  type GrayZoneAction,
  ORDER_TYPE_LABELS,
  type Order,
  type OrderType,
  parseOrder,
  TARGET_AIMS,
  type TargetAim,
} from './engine/orders.ts';
export { decisiveOutcome, type ScoreVector, scoreVector } from './engine/outcome.ts';
export { stream } from './engine/rng.ts';
// State, orders and actions
export {
  type CombinedProposal,
  type DeterrenceEstimate,
  type DeterrenceOption,
  type LogEvent,
  type MatchSetup,
  type MatchState,
  type RoundSummary,
  RULES_VERSION,
  type TermsOffer,
  type UnitState,
} from './engine/state.ts';
// Tracks: an effect's range and rounding, the escalation's peak, the round log, the loss ledger
export {
  applyEffect,
  bump,
  inflict,
  log,
  readTrack,
  setEscalation,
  totalLosses,
  trackBounds,
} from './engine/tracks.ts';
export {
  groundPowerOf,
  liveUnits,
  liveUnitsIn,
  liveUnitsOf,
  moveUnit,
  unitsAdded,
  unitsIn,
  unitType,
} from './engine/units.ts';
export { validateOrder } from './engine/validate.ts';
// Rule areas' figures that boards and reports show
export {
  COMBINED_COST,
  capacityLeft,
  cohesionBonus,
  combinedLatency,
  coordinationCapacity,
  sharedIsr,
  upgradeMonthsNeeded,
  usCombatAllowedFrom,
} from './rules/alliance.ts';
export { budgetLeft } from './rules/economy.ts';
export { landingReachable } from './rules/landing.ts';
export { offerResponders } from './rules/offramps.ts';
export { declarationCost, dietPassChance, legalBasis } from './rules/politics.ts';
export { type SalvoInput, salvoDraw, salvoExpected } from './rules/salvo.ts';
export { applyHits } from './rules/strike.ts';
// Vocabulary
export * from './types.ts';
