/**
 * Defense programs (DESIGN.md section 7). Cost is in budget points (1 point ≈ ¥100 bn
 * for Japan); a program completes when funded to its cost, and applies its effect.
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
  readonly effect: ProgramEffect;
  readonly source: string;
}

export const PROGRAMS: readonly ProgramDef[] = [
  {
    id: 'tomahawk',
    name: 'Tomahawk on destroyers',
    faction: 'japan',
    cost: 3,
    effect: { kind: 'munitions', munition: 'tomahawk', amount: 200 },
    source: 'MOD: 400 Tomahawks, ¥254.7 bn (FY2023); deliveries from FY2025',
  },
  {
    id: 'long-range-missiles',
    name: 'Upgraded Type 12 stand-off missiles',
    faction: 'japan',
    cost: 4,
    effect: { kind: 'munitions', munition: 'type-12', amount: 150 },
    source: 'MOD FY2025 budget: upgraded Type 12 mass production',
  },
  {
    id: 'iamd',
    name: 'Integrated air and missile defense',
    faction: 'japan',
    cost: 5,
    effect: { kind: 'interceptors', bonus: 0.1 },
    source: 'MOD NDS 2022: IAMD; Aegis System Equipped Vessels',
  },
  {
    id: 'shield-drones',
    name: 'SHIELD drone layer',
    faction: 'japan',
    cost: 3,
    effect: { kind: 'units', unitType: 'jp-drone', zone: 'okinawa', strength: 4 },
    source: 'MOD FY2026 request: SHIELD, ~¥100 bn',
  },
  {
    id: 'space-isr',
    name: 'Space ISR constellation',
    faction: 'japan',
    cost: 4,
    effect: { kind: 'isr', km: 1500 },
    source: 'MOD NDS 2022: stand-off defense targeting constellation',
  },
  {
    id: 'cyber',
    name: 'Cyber defense',
    faction: 'japan',
    cost: 2,
    effect: { kind: 'cyber', resilience: 1 },
    source: 'Active Cyber Defense law (2025)',
  },
  {
    id: 'munitions-stockpile',
    name: 'Munitions stockpile',
    faction: 'japan',
    cost: 3,
    effect: { kind: 'industry', amount: 20 },
    source: 'NDS 2022: ¥2 tn for munitions over 5 years',
  },
  {
    id: 'gcap',
    name: 'GCAP fighter',
    faction: 'japan',
    cost: 20,
    effect: { kind: 'none' },
    source: "GCAP entry into service 2035: beyond a scenario's horizon",
  },
  {
    id: 'ssn',
    name: 'Nuclear-powered submarines',
    faction: 'japan',
    cost: 30,
    effect: { kind: 'none' },
    source: 'Debated 2025; decades to field',
  },
  {
    id: 'us-munitions-surge',
    name: 'US munitions surge (LRASM/SM-6)',
    faction: 'us',
    cost: 4,
    effect: { kind: 'munitions', munition: 'lrasm', amount: 60 },
    source: 'CSIS "Empty Bins in a Wartime Environment" (2023)',
  },
  {
    id: 'tw-coastal-defense',
    name: 'Taiwan coastal defense (Harpoon/HIMARS)',
    faction: 'taiwan',
    cost: 3,
    effect: { kind: 'munitions', munition: 'harpoon', amount: 100 },
    source: 'Taiwan special budget 2022–26',
  },
  {
    id: 'tw-energy-reserve',
    name: 'Taiwan energy reserve',
    faction: 'taiwan',
    cost: 2,
    effect: { kind: 'none' },
    source: 'Bureau of Energy: LNG storage expansion',
  },
  {
    id: 'cn-missile-production',
    name: 'PLARF missile production',
    faction: 'china',
    cost: 3,
    effect: { kind: 'munitions', munition: 'srbm', amount: 80 },
    source: 'US DoD CMPR 2024: rapid growth of PLARF inventories',
  },
];

export const programById: ReadonlyMap<string, ProgramDef> = new Map(PROGRAMS.map((p) => [p.id, p]));
