/**
 * Unit and munition catalog (DESIGN.md section 8). Figures are rounded from public
 * reporting and each entry names its source. Strength is counted in steps:
 * ships for naval groups, aircraft for air wings, battalions for ground forces,
 * launchers for missile units.
 */

export const MUNITION_ROLES = ['anti-ship', 'land-attack', 'dual'] as const;
export type MunitionRole = (typeof MUNITION_ROLES)[number];

export interface MunitionDef {
  readonly id: string;
  readonly name: string;
  readonly rangeKm: number;
  readonly role: MunitionRole;
  /** Ballistic missiles are engaged by interceptors but little affected by point defense. */
  readonly ballistic: boolean;
  readonly source: string;
}

export const MUNITIONS: readonly MunitionDef[] = [
  {
    id: 'lrasm',
    name: 'AGM-158C LRASM',
    rangeKm: 560,
    role: 'anti-ship',
    ballistic: false,
    source: 'CSIS 2023; ~370 km+ publicly, 560 km in CSIS tables',
  },
  {
    id: 'jassm-er',
    name: 'AGM-158B JASSM-ER',
    rangeKm: 925,
    role: 'land-attack',
    ballistic: false,
    source: 'Lockheed Martin fact sheet: 925+ km',
  },
  {
    id: 'tomahawk',
    name: 'Tomahawk Block V',
    rangeKm: 1600,
    role: 'dual',
    ballistic: false,
    source: 'US Navy fact file: 1,600 km; Japan bought 400 (MOD FY2023)',
  },
  {
    id: 'sm-6',
    name: 'SM-6 (anti-surface mode)',
    rangeKm: 370,
    role: 'anti-ship',
    ballistic: false,
    source: 'US Navy fact file; CSIS 2023',
  },
  {
    id: 'harpoon',
    name: 'Harpoon (ship and coastal)',
    rangeKm: 125,
    role: 'anti-ship',
    ballistic: false,
    source: 'Boeing; Taiwan Harpoon Coastal Defense System (DSCA 2020, 400 missiles)',
  },
  {
    id: 'nsm',
    name: 'Naval Strike Missile (NMESIS)',
    rangeKm: 185,
    role: 'anti-ship',
    ballistic: false,
    source: 'USMC NMESIS fielding with 12th MLR, Okinawa (2024–25)',
  },
  {
    id: 'mk-48',
    name: 'Mk 48 torpedo',
    rangeKm: 50,
    role: 'anti-ship',
    ballistic: false,
    source: 'US Navy fact file',
  },
  {
    id: 'type-12',
    name: 'Type 12 SSM (upgraded)',
    rangeKm: 1000,
    role: 'anti-ship',
    ballistic: false,
    source: 'Japan MOD: upgraded Type 12 ~1,000 km, deployment from FY2025',
  },
  {
    id: 'hf-3',
    name: 'Hsiung Feng III',
    rangeKm: 400,
    role: 'anti-ship',
    ballistic: false,
    source: 'NCSIST; IISS Military Balance 2024',
  },
  {
    id: 'yj-18',
    name: 'YJ-18',
    rangeKm: 540,
    role: 'anti-ship',
    ballistic: false,
    source: 'US DoD CMPR 2023',
  },
  {
    id: 'yj-12',
    name: 'YJ-12 (air-launched)',
    rangeKm: 400,
    role: 'anti-ship',
    ballistic: false,
    source: 'US DoD CMPR 2023',
  },
  {
    id: 'df-21d',
    name: 'DF-21D ASBM',
    rangeKm: 1500,
    role: 'anti-ship',
    ballistic: true,
    source: 'US DoD CMPR 2024',
  },
  {
    id: 'df-26',
    name: 'DF-26 (dual)',
    rangeKm: 4000,
    role: 'dual',
    ballistic: true,
    source: 'US DoD CMPR 2024: ~500 IRBMs',
  },
  {
    id: 'srbm',
    name: 'DF-11/15/16 SRBM',
    rangeKm: 1000,
    role: 'land-attack',
    ballistic: true,
    source: 'US DoD CMPR 2024: ~900 SRBMs',
  },
  {
    id: 'cj-10',
    name: 'CJ-10 GLCM',
    rangeKm: 1500,
    role: 'land-attack',
    ballistic: false,
    source: 'US DoD CMPR 2024: ~400 GLCMs',
  },
];

export const UNIT_CATEGORIES = [
  'surface',
  'carrier',
  'submarine',
  'amphibious',
  'coast-guard',
  'air',
  'bomber',
  'isr',
  'drone',
  'ground',
  'coastal-missile',
  'rocket-force',
  'sam',
] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];

/** Where a unit may be: sea units in sea zones and in land zones with a port; land units in land zones; air units at airbases. */
export type Domain = 'sea' | 'land' | 'air';

export interface WeaponLoad {
  readonly munition: string;
  /** Shots per step per conflict round. */
  readonly perStep: number;
}

export interface UnitTypeDef {
  readonly id: string;
  readonly name: string;
  readonly category: UnitCategory;
  readonly domain: Domain;
  /** Hits to remove one step. */
  readonly hitsPerStep: number;
  readonly weapons: readonly WeaponLoad[];
  /** Area-defense interceptors carried per step (magazine depth). */
  readonly interceptorsPerStep: number;
  /** Ground combat power per step (battalion-equivalents). */
  readonly groundPower: number;
  /** Amphibious lift per step, in battalions per crossing. */
  readonly liftPerStep: number;
  /** ISR reach in km around the unit's zone. */
  readonly isrKm: number;
  /** Anti-submarine warfare contribution per step. */
  readonly asw: number;
  /** Gray-zone presence per step (coast guard and militia). */
  readonly presence: number;
  /** Zones per conflict round (doubled in crisis, quadrupled in competition). */
  readonly move: number;
  readonly source: string;
}

const u = (
  d: Partial<UnitTypeDef> & Pick<UnitTypeDef, 'id' | 'name' | 'category' | 'domain' | 'source'>,
): UnitTypeDef => ({
  hitsPerStep: 1,
  weapons: [],
  interceptorsPerStep: 0,
  groundPower: 0,
  liftPerStep: 0,
  isrKm: 0,
  asw: 0,
  presence: 0,
  move: 1,
  ...d,
});

export const UNIT_TYPES: readonly UnitTypeDef[] = [
  // United States
  u({
    id: 'us-ddg',
    name: 'US Aegis destroyer squadron',
    category: 'surface',
    domain: 'sea',
    hitsPerStep: 2,
    weapons: [
      { munition: 'sm-6', perStep: 4 },
      { munition: 'tomahawk', perStep: 8 },
    ],
    interceptorsPerStep: 40,
    isrKm: 300,
    asw: 1,
    move: 2,
    source: 'Arleigh Burke: 96 VLS cells (US Navy); CSIS 2023: 2 hits disable a destroyer',
  }),
  u({
    id: 'us-csg',
    name: 'US carrier strike group',
    category: 'carrier',
    domain: 'sea',
    hitsPerStep: 3,
    weapons: [{ munition: 'lrasm', perStep: 12 }],
    interceptorsPerStep: 60,
    isrKm: 800,
    asw: 2,
    move: 2,
    source: 'CSIS 2023: carriers lost in most iterations; ~44 strike fighters per air wing',
  }),
  u({
    id: 'us-ssn',
    name: 'US attack submarine',
    category: 'submarine',
    domain: 'sea',
    hitsPerStep: 1,
    weapons: [
      { munition: 'mk-48', perStep: 4 },
      { munition: 'tomahawk', perStep: 4 },
    ],
    move: 2,
    source: 'CSIS 2023: submarines highly effective; Virginia class',
  }),
  u({
    id: 'us-fighter',
    name: 'USAF/USMC fighter wing',
    category: 'air',
    domain: 'air',
    weapons: [
      { munition: 'jassm-er', perStep: 0.25 },
      { munition: 'lrasm', perStep: 0.1 },
    ],
    isrKm: 200,
    move: 3,
    source: '18th Wing, Kadena (~48 aircraft); CSIS 2023',
  }),
  u({
    id: 'us-bomber',
    name: 'B-1B/B-52 bomber force',
    category: 'bomber',
    domain: 'air',
    weapons: [
      { munition: 'lrasm', perStep: 3 },
      { munition: 'jassm-er', perStep: 3 },
    ],
    move: 4,
    source: 'B-1B: 24 LRASM (USAF); CSIS 2023: bombers with LRASM were decisive',
  }),
  u({
    id: 'us-mlr',
    name: 'USMC Marine Littoral Regiment',
    category: 'coastal-missile',
    domain: 'land',
    weapons: [{ munition: 'nsm', perStep: 2 }],
    groundPower: 0.5,
    isrKm: 200,
    move: 1,
    source: '12th MLR activated Okinawa Nov 2023; NMESIS',
  }),
  u({
    id: 'us-patriot',
    name: 'US Patriot battalion',
    category: 'sam',
    domain: 'land',
    interceptorsPerStep: 32,
    move: 1,
    source: 'US Army: 4 launchers x 16 PAC-3 MSE per battery (approx.)',
  }),
  u({
    id: 'us-isr',
    name: 'US ISR (P-8, MQ-4C, space)',
    category: 'isr',
    domain: 'air',
    isrKm: 1200,
    asw: 2,
    move: 4,
    source: 'P-8A at Kadena; MQ-4C at Misawa/Kadena',
  }),
  // Japan
  u({
    id: 'jp-ddg',
    name: 'JMSDF Aegis destroyer group',
    category: 'surface',
    domain: 'sea',
    hitsPerStep: 2,
    weapons: [
      { munition: 'harpoon', perStep: 8 },
      { munition: 'tomahawk', perStep: 8 },
    ],
    interceptorsPerStep: 32,
    isrKm: 300,
    asw: 2,
    move: 2,
    source: 'Kongo/Atago/Maya classes: 8 Aegis destroyers (MOD 2024); Tomahawk fit from FY2025',
  }),
  u({
    id: 'jp-dd',
    name: 'JMSDF escort flotilla',
    category: 'surface',
    domain: 'sea',
    hitsPerStep: 2,
    weapons: [{ munition: 'harpoon', perStep: 8 }],
    interceptorsPerStep: 16,
    isrKm: 200,
    asw: 3,
    move: 2,
    source: 'MOD Defense of Japan 2024: 4 escort flotillas',
  }),
  u({
    id: 'jp-ss',
    name: 'JMSDF submarine flotilla',
    category: 'submarine',
    domain: 'sea',
    weapons: [{ munition: 'harpoon', perStep: 2 }],
    move: 2,
    source: 'Taigei/Soryu: 22 boats (NDPG 2018)',
  }),
  u({
    id: 'jp-fighter',
    name: 'JASDF fighter wing',
    category: 'air',
    domain: 'air',
    weapons: [{ munition: 'jassm-er', perStep: 0.1 }],
    isrKm: 200,
    move: 3,
    source: '9th Air Wing Naha: F-15J (~40)',
  }),
  u({
    id: 'jp-ssm',
    name: 'GSDF Type 12 SSM regiment',
    category: 'coastal-missile',
    domain: 'land',
    weapons: [{ munition: 'type-12', perStep: 4 }],
    groundPower: 0.3,
    move: 1,
    source: 'MOD: SSM regiments at Amami, Miyako, Ishigaki',
  }),
  u({
    id: 'jp-patriot',
    name: 'JASDF Patriot group',
    category: 'sam',
    domain: 'land',
    interceptorsPerStep: 32,
    move: 1,
    source: 'JASDF PAC-3 groups (MOD 2024)',
  }),
  u({
    id: 'jp-infantry',
    name: 'GSDF garrison / ARDB',
    category: 'ground',
    domain: 'land',
    groundPower: 1,
    move: 1,
    source: 'Amphibious Rapid Deployment Brigade (2018), island garrisons',
  }),
  u({
    id: 'jcg',
    name: 'Japan Coast Guard patrol group',
    category: 'coast-guard',
    domain: 'sea',
    presence: 1,
    isrKm: 100,
    move: 3,
    source: 'JCG Senkaku dedicated patrol unit, 12 large patrol vessels',
  }),
  u({
    id: 'jp-isr',
    name: 'JMSDF P-1 / E-2D ISR',
    category: 'isr',
    domain: 'air',
    isrKm: 800,
    asw: 2,
    move: 4,
    source: 'MOD 2024',
  }),
  u({
    id: 'jp-drone',
    name: 'SHIELD drone layer',
    category: 'drone',
    domain: 'air',
    isrKm: 500,
    weapons: [{ munition: 'harpoon', perStep: 1 }],
    move: 3,
    source: 'MOD FY2026 request: SHIELD unmanned layer',
  }),
  // Taiwan
  u({
    id: 'tw-navy',
    name: 'ROC Navy surface group',
    category: 'surface',
    domain: 'sea',
    hitsPerStep: 1,
    weapons: [{ munition: 'hf-3', perStep: 8 }],
    interceptorsPerStep: 8,
    isrKm: 150,
    asw: 1,
    move: 2,
    source: 'IISS Military Balance 2024: 26 principal surface combatants',
  }),
  u({
    id: 'tw-coastal',
    name: 'Harpoon/HF coastal defense battalion',
    category: 'coastal-missile',
    domain: 'land',
    weapons: [
      { munition: 'harpoon', perStep: 4 },
      { munition: 'hf-3', perStep: 2 },
    ],
    groundPower: 0.2,
    move: 1,
    source: 'DSCA 2020: 100 HCDS launchers, 400 missiles',
  }),
  u({
    id: 'tw-fighter',
    name: 'ROCAF fighter wing',
    category: 'air',
    domain: 'air',
    isrKm: 150,
    move: 2,
    source: 'F-16V (~140), IISS 2024',
  }),
  u({
    id: 'tw-army',
    name: 'ROC Army brigade',
    category: 'ground',
    domain: 'land',
    groundPower: 1,
    move: 1,
    source: 'ROC Army: ~ 3 corps; CSIS 2023 counted battalions',
  }),
  u({
    id: 'tw-patriot',
    name: 'ROC Patriot/Tien Kung battalion',
    category: 'sam',
    domain: 'land',
    interceptorsPerStep: 24,
    move: 1,
    source: 'IISS 2024',
  }),
  u({
    id: 'tw-cga',
    name: 'Taiwan Coast Guard group',
    category: 'coast-guard',
    domain: 'sea',
    presence: 1,
    move: 3,
    source: 'OAC Coast Guard Administration',
  }),
  // China
  u({
    id: 'cn-ddg',
    name: 'PLAN destroyer group (052D/055)',
    category: 'surface',
    domain: 'sea',
    hitsPerStep: 2,
    weapons: [{ munition: 'yj-18', perStep: 8 }],
    interceptorsPerStep: 32,
    isrKm: 300,
    asw: 1,
    move: 2,
    source: 'US DoD CMPR 2024: PLAN 370+ ships',
  }),
  u({
    id: 'cn-amphib',
    name: 'PLAN amphibious lift group',
    category: 'amphibious',
    domain: 'sea',
    hitsPerStep: 2,
    interceptorsPerStep: 4,
    liftPerStep: 1.5,
    move: 1,
    source: 'CSIS 2023: lift ~ 2 divisions first wave incl. civilian ro-ro',
  }),
  u({
    id: 'cn-ss',
    name: 'PLAN submarine group',
    category: 'submarine',
    domain: 'sea',
    weapons: [{ munition: 'yj-18', perStep: 2 }],
    move: 2,
    source: 'US DoD CMPR 2024',
  }),
  u({
    id: 'cn-fighter',
    name: 'PLAAF/PLANAF fighter division',
    category: 'air',
    domain: 'air',
    weapons: [{ munition: 'yj-12', perStep: 0.1 }],
    isrKm: 200,
    move: 3,
    source: 'US DoD CMPR 2024: J-16/J-20',
  }),
  u({
    id: 'cn-bomber',
    name: 'H-6K/N bomber regiment',
    category: 'bomber',
    domain: 'air',
    weapons: [
      { munition: 'yj-12', perStep: 2 },
      { munition: 'cj-10', perStep: 2 },
    ],
    move: 3,
    source: 'US DoD CMPR 2024',
  }),
  u({
    id: 'cn-rocket',
    name: 'PLARF missile brigade',
    category: 'rocket-force',
    domain: 'land',
    weapons: [
      { munition: 'srbm', perStep: 4 },
      { munition: 'df-21d', perStep: 1 },
      { munition: 'df-26', perStep: 1 },
      { munition: 'cj-10', perStep: 1 },
    ],
    move: 1,
    source: 'US DoD CMPR 2024: 900 SRBM, 1,300 MRBM, 500 IRBM, 400 GLCM',
  }),
  u({
    id: 'cn-amphib-bde',
    name: 'PLA amphibious combined-arms brigade',
    category: 'ground',
    domain: 'land',
    groundPower: 1.5,
    move: 1,
    source:
      "CSIS 2023: 6 amphibious combined-arms brigades plus marines and airborne; combined-arms battalions with more armor and fires than Taiwan's infantry-heavy units",
  }),
  u({
    id: 'cn-ccg',
    name: 'China Coast Guard flotilla',
    category: 'coast-guard',
    domain: 'sea',
    presence: 1,
    isrKm: 100,
    move: 3,
    source: 'JCG: CCG in Senkaku contiguous zone 355 of 366 days (2024)',
  }),
  u({
    id: 'cn-militia',
    name: 'Maritime militia',
    category: 'coast-guard',
    domain: 'sea',
    presence: 0.5,
    move: 2,
    source: "CSIS AMTI: People's Armed Forces Maritime Militia",
  }),
  u({
    id: 'cn-isr',
    name: 'PLA ISR (satellites, KJ-500, UAV)',
    category: 'isr',
    domain: 'air',
    isrKm: 1500,
    asw: 1,
    move: 4,
    source: 'US DoD CMPR 2024: 260+ ISR satellites',
  }),
  u({
    id: 'cn-sam',
    name: 'PLA HQ-9 brigade',
    category: 'sam',
    domain: 'land',
    interceptorsPerStep: 32,
    move: 1,
    source: 'US DoD CMPR 2024',
  }),
];

export const unitTypeById: ReadonlyMap<string, UnitTypeDef> = new Map(UNIT_TYPES.map((t) => [t.id, t]));
export const munitionById: ReadonlyMap<string, MunitionDef> = new Map(MUNITIONS.map((m) => [m.id, m]));
