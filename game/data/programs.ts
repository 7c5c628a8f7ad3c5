/**
 * Defense programs (DESIGN.md section 7). Cost is in budget points (1 point ≈ ¥100 bn
 * for Japan); a program completes when funded to its cost and its lead time has passed (in
 * months of game time), and applies its effect.
 */
export type ProgramEffect =
  | { readonly kind: 'munitions'; readonly munition: string; readonly amount: number }
  | { readonly kind: 'interceptors'; readonly bonus: number }
  | { readonly kind: 'isr'; readonly km: number }
  | { readonly kind: 'cyber'; readonly resilience: number }
  | { readonly kind: 'industry'; readonly amount: number }
  | { readonly kind: 'units'; readonly unitType: string; readonly zone: string; readonly strength: number }
  | { readonly kind: 'none' };

export interface ProgramDef {
  readonly id: string;
  readonly name: string;
  readonly faction: 'japan' | 'us' | 'taiwan' | 'china';
  readonly cost: number;
  /**
   * Months from the start of funding to delivery: a program completes when funded to its cost
   * and its lead time has passed, counted in the days of the rounds played (issue: time is time).
   */
  readonly leadMonths: number;
  readonly leadSource: string;
  readonly effect: ProgramEffect;
  readonly source: string;
}

export const PROGRAMS: readonly ProgramDef[] = [
  {
    id: 'tomahawk',
    name: 'Tomahawk on destroyers',
    faction: 'japan',
    cost: 3,
    leadMonths: 24,
    leadSource: 'Japan MOD: Tomahawk contract signed January 2024, deliveries from FY2025 (about two years)',
    effect: { kind: 'munitions', munition: 'tomahawk', amount: 200 },
    source: 'MOD: 400 Tomahawks, ¥254.7 bn (FY2023); deliveries from FY2025',
  },
  {
    id: 'long-range-missiles',
    name: 'Upgraded Type 12 stand-off missiles',
    faction: 'japan',
    cost: 4,
    leadMonths: 36,
    leadSource:
      'Japan MOD: upgraded Type 12 mass production funded FY2023, first unit deployed March 2026 (about three years)',
    effect: { kind: 'munitions', munition: 'type-12', amount: 150 },
    source: 'MOD FY2025 budget: upgraded Type 12 mass production',
  },
  {
    id: 'iamd',
    name: 'Integrated air and missile defense',
    faction: 'japan',
    cost: 5,
    leadMonths: 48,
    leadSource:
      'Japan MOD: Aegis System Equipped Vessels funded FY2023–24, commissioning FY2027–28 (about four years)',
    effect: { kind: 'interceptors', bonus: 0.1 },
    source: 'MOD NDS 2022: IAMD; Aegis System Equipped Vessels',
  },
  {
    id: 'shield-drones',
    name: 'SHIELD drone layer',
    faction: 'japan',
    cost: 3,
    leadMonths: 18,
    leadSource: 'Japan MOD FY2026 request: SHIELD drone layer, initial capability expected FY2027',
    effect: { kind: 'units', unitType: 'jp-drone', zone: 'okinawa', strength: 4 },
    source: 'MOD FY2026 request: SHIELD, ~¥100 bn',
  },
  {
    id: 'space-isr',
    name: 'Space ISR constellation',
    faction: 'japan',
    cost: 4,
    leadMonths: 30,
    leadSource: 'Japan MOD NDS 2022: stand-off targeting constellation from FY2025, in orbit by FY2027',
    effect: { kind: 'isr', km: 1500 },
    source: 'MOD NDS 2022: stand-off defense targeting constellation',
  },
  {
    id: 'cyber',
    name: 'Cyber defense',
    faction: 'japan',
    cost: 2,
    leadMonths: 12,
    leadSource: 'Active Cyber Defense law (May 2025), full operation by 2027; Assumption: a year to stand up',
    effect: { kind: 'cyber', resilience: 1 },
    source: 'Active Cyber Defense law (2025)',
  },
  {
    id: 'munitions-stockpile',
    name: 'Munitions stockpile',
    faction: 'japan',
    cost: 3,
    leadMonths: 24,
    leadSource:
      "Assumption: two years from order to magazine for missiles and shells (CSIS 'Empty Bins', 2023: production lead times of 18–36 months)",
    effect: { kind: 'industry', amount: 20 },
    source: 'NDS 2022: ¥2 tn for munitions over 5 years',
  },
  {
    id: 'gcap',
    name: 'GCAP fighter',
    faction: 'japan',
    cost: 20,
    leadMonths: 120,
    leadSource: 'GCAP entry into service 2035',
    effect: { kind: 'none' },
    source: "GCAP entry into service 2035: beyond a scenario's horizon",
  },
  {
    id: 'ssn',
    name: 'Nuclear-powered submarines',
    faction: 'japan',
    cost: 30,
    leadMonths: 180,
    leadSource:
      'Assumption: no Japanese nuclear submarine could be designed and built in under fifteen years',
    effect: { kind: 'none' },
    source: 'Debated 2025; decades to field',
  },
  {
    id: 'us-munitions-surge',
    name: 'US munitions surge (LRASM/SM-6)',
    faction: 'us',
    cost: 4,
    leadMonths: 24,
    leadSource:
      "CSIS 'Empty Bins in a Wartime Environment' (2023): LRASM and SM-6 lead times of about two years",
    effect: { kind: 'munitions', munition: 'lrasm', amount: 60 },
    source: 'CSIS "Empty Bins in a Wartime Environment" (2023)',
  },
  {
    id: 'tw-coastal-defense',
    name: 'Taiwan coastal defense (Harpoon/HIMARS)',
    faction: 'taiwan',
    cost: 3,
    leadMonths: 48,
    leadSource:
      'US DSCA: Harpoon Coastal Defense System notified October 2020, deliveries 2026–28; Assumption: four years from funding to fielding',
    effect: { kind: 'units', unitType: 'tw-coastal', zone: 'taichung', strength: 6 },
    source:
      'Taiwan special budget 2022–26; US DSCA (October 2020): Harpoon Coastal Defense System, 100 launchers and 400 missiles — a further coastal-missile battalion of six steps',
  },
  {
    id: 'tw-energy-reserve',
    name: 'Taiwan energy reserve',
    faction: 'taiwan',
    cost: 2,
    leadMonths: 36,
    leadSource:
      'Taiwan Bureau of Energy: third LNG terminal (Taoyuan) and storage expansion over about three years',
    effect: { kind: 'none' },
    source: 'Bureau of Energy: LNG storage expansion',
  },
  {
    id: 'cn-missile-production',
    name: 'PLARF missile production',
    faction: 'china',
    cost: 3,
    leadMonths: 12,
    leadSource:
      'US DoD CMPR 2024: PLARF production lines already running; Assumption: a year to add a tranche',
    effect: { kind: 'munitions', munition: 'srbm', amount: 80 },
    source: 'US DoD CMPR 2024: rapid growth of PLARF inventories',
  },
];

export const programById: ReadonlyMap<string, ProgramDef> = new Map(PROGRAMS.map((p) => [p.id, p]));
