/** Colours and labels shared by the board and the panels (presentation only, no rules). */
import type { Faction, Seat, UnitCategory } from '../../game/index.ts';

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

export const titleCase = (s: string): string => s.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
