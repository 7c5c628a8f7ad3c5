/** Colours and labels shared by the board and the panels (presentation only, no rules). */
import {
  COMBINED_LABELS,
  type CombinedKind,
  type Faction,
  ORDER_TYPE_LABELS,
  type OrderType,
  type Seat,
  type UnitCategory,
} from '../../game/index.ts';

export const FACTION_COLOR: Readonly<Record<Faction, string>> = {
  japan: '#f2b134',
  us: '#4ea1ff',
  china: '#ff5a4e',
  taiwan: '#3ddc97',
};

export const SEAT_LABEL: Readonly<Record<Seat | 'observer', string>> = {
  japan: 'Japan',
  us: 'United States',
  china: 'China',
  taiwan: 'Taiwan',
  white: 'White Cell',
  observer: 'Observer',
};

/** Two-letter codes drawn in unit symbols, by category. */
export const CATEGORY_CODE: Readonly<Record<UnitCategory, string>> = {
  surface: 'DD',
  carrier: 'CV',
  submarine: 'SS',
  amphibious: 'LH',
  'coast-guard': 'CG',
  air: 'FT',
  bomber: 'BM',
  isr: 'IS',
  drone: 'UA',
  ground: 'BG',
  'coastal-missile': 'CM',
  'rocket-force': 'RF',
  sam: 'SA',
};

export const CATEGORY_LABEL: Readonly<Record<UnitCategory, string>> = {
  surface: 'surface combatants',
  carrier: 'carrier group',
  submarine: 'submarines',
  amphibious: 'amphibious lift',
  'coast-guard': 'coast guard / militia',
  air: 'fighters',
  bomber: 'bombers',
  isr: 'ISR',
  drone: 'drones',
  ground: 'ground forces',
  'coastal-missile': 'coastal missiles',
  'rocket-force': 'rocket force',
  sam: 'air defense',
};

export const RUNG_LABEL = [
  'Competition',
  'Coercion',
  'Quarantine',
  'Blockade',
  'Strikes',
  'Invasion',
] as const;

/** Words of the engine's kebab-case keys that are acronyms or proper names when shown. */
const WORD: Readonly<Record<string, string>> = {
  us: 'US',
  isr: 'ISR',
  iamd: 'IAMD',
  sam: 'SAM',
  gdp: 'GDP',
  usfj: 'USFJ',
  jjoc: 'JJOC',
  japan: 'Japan',
  china: 'China',
  taiwan: 'Taiwan',
};

/**
 * An engine key as words: `shared-isr` → "Shared ISR", `us-ops-from-japan` → "US ops from
 * Japan". The first word is capitalised, acronyms and country names keep their case.
 */
export const titleCase = (s: string): string =>
  s
    .split(/[-\s]+/)
    .filter((w) => w.length > 0)
    .map((w, i) => WORD[w.toLowerCase()] ?? (i === 0 ? w.replace(/^\w/, (c) => c.toUpperCase()) : w))
    .join(' ');

/** Combined US–Japan operations (DESIGN.md section 5) by their proper names: the engine's, as the log writes them. */
export const COMBINED_LABEL: Readonly<Record<CombinedKind, string>> = COMBINED_LABELS;

/** A combined operation's name; an unknown kind falls back to its words. */
export const combinedLabel = (kind: string): string =>
  COMBINED_LABEL[kind as CombinedKind] ?? titleCase(kind);

/** Orders without arguments (the policy buttons), by what they do: the engine's words. */
export const ORDER_TYPE_LABEL: Readonly<Partial<Record<OrderType, string>>> = ORDER_TYPE_LABELS;

/** A unit category in a sentence's first position: "Coastal missiles", "ISR". */
export const categoryLabel = (c: string): string => {
  const l = CATEGORY_LABEL[c as UnitCategory] ?? titleCase(c);
  return l === l.toUpperCase() ? l : l.replace(/^\w/, (x) => x.toUpperCase());
};
