/**
 * Combat tables (DESIGN.md section 8). Each figure carries a public source.
 * CSIS = Cancian, Cancian & Heginbotham, "The First Battle of the Next War: Wargaming
 * a Chinese Invasion of Taiwan", Center for Strategic and International Studies, January 2023.
 */

export interface Figure {
  readonly value: number;
  readonly source: string;
}

const CSIS = 'CSIS, The First Battle of the Next War (2023)';

export const SALVO = {
  /** Share of missiles that launch and fly correctly. */
  launchReliability: {
    value: 0.85,
    source: `${CSIS}, anti-ship table: about 15% fail to launch or malfunction`,
  },
  /** Interceptors fired at each engaged missile. */
  interceptorsPerMissile: { value: 2, source: `${CSIS}: each missile engaged by two interceptors` },
  /** Single-shot kill probability of an area-defense interceptor. */
  interceptorPk: { value: 0.7, source: `${CSIS}: interceptor Pk 0.7` },
  /** Share of leakers that miss in terminal guidance. */
  terminalMiss: { value: 0.1, source: `${CSIS}: about 10% miss in terminal guidance` },
  /** Share of remaining missiles stopped by point defense and EW at a ship group. */
  terminalDefenseShip: { value: 0.7, source: `${CSIS}: terminal defenses and EW stop about 70%` },
  /** Point defense at a land base (Patriot/NASAMS cover counted separately as interceptors). */
  terminalDefenseLand: {
    value: 0.2,
    source:
      'Assumption: limited point defense (C-RAM-class) at airbases; RAND "The US-China Military Scorecard" (2015) ch. 3',
  },
} as const satisfies Record<string, Figure>;

export const AIR = {
  /** Air-to-air attrition per sortie in a contested zone. */
  attritionPerSortie: {
    value: 0.005,
    source: 'RAND "Air Combat Past, Present and Future" (2008): modern per-sortie loss rates well under 1%',
  },
  /** Sorties per aircraft per day of a surged wing. */
  sortiesPerDay: { value: 1.5, source: 'RAND MG-1061 (2010) sortie-generation planning factors' },
  /** Aircraft destroyed per leaker on an unhardened apron (submunition warheads). */
  aircraftPerLeakerUnhardened: {
    value: 2.0,
    source: `${CSIS}: most US aircraft losses were on the ground; RAND "Air Base Defense" (2015)`,
  },
  /**
   * Aircraft destroyed per leaker aimed at the sheltered or dispersed share of a base's aircraft
   * (the zone's `hardening`).
   */
  aircraftPerLeakerSheltered: {
    value: 0.25,
    source:
      'Assumption: an aircraft in a hardened shelter is lost only to a direct hit by a penetrating warhead, and dispersed aircraft must each be found and hit, so a leaker destroys an eighth as much as on an open apron; RAND "Air Base Defense" (2015) on shelters and dispersal as the cheapest protection against missile salvos',
  },
} as const satisfies Record<string, Figure>;

export const GROUND = {
  /** Defender advantage of prepared positions in the combat-power ratio. */
  defenderMultiplier: {
    value: 1.5,
    source: 'Dupuy, "Numbers, Predictions and War" (1979): posture factors 1.3–1.6 for prepared defense',
  },
  /** Share of the weaker side's strength lost per conflict round at 1:1. */
  baseAttrition: {
    value: 0.25,
    source: `${CSIS}: landed battalions fought in 3.5-day turns; attrition calibrated to its lodgment outcomes`,
  },
  /** Strength lost per round by an unsupplied lodgment. */
  unsuppliedAttrition: { value: 0.3, source: `${CSIS}: lodgments without a port or airfield withered` },
  /** Battalions needed per defending battalion for a good chance of breakout. */
  breakoutRatio: { value: 3, source: 'Rule of thumb 3:1 for the attack, US Army FM 6-0 planning ratios' },
} as const satisfies Record<string, Figure>;

export const NAVAL = {
  /** Torpedo hits per submarine step per conflict round against a surface group. */
  submarineHitsPerStep: {
    value: 0.6,
    source: `${CSIS}: US submarines were among the most effective anti-ship platforms`,
  },
  /** Share of a submarine's attack negated per ASW step present. */
  aswPerStep: {
    value: 0.08,
    source:
      'Assumption from NAVAL WAR COLLEGE REVIEW ASW analyses: each escort reduces a submarine attack by under 10%',
  },
  /** Share of a ship's interceptor magazine reloaded per round in port (none at sea). */
  portReload: {
    value: 0.5,
    source:
      "Assumption: vertical launch cells are reloaded only pierside (USNI News, 2023, on reloading VLS at sea), and a theater's few ammunition piers and stocks rearm about half a fleet's magazines in a round",
  },
  /**
   * Share reloaded per round by a US ship in a Japanese port while Japan's logistics support
   * (a combined action, section 5) is in force.
   */
  supportedPortReload: {
    value: 1,
    source:
      "Assumption: Japan's rear-area support to US forces in an important-influence situation (2015 Legislation for Peace and Security: supply, ammunition provision, port services) adds Japan's piers and handling, so US ships in Japanese ports rearm fully in a round",
  },
  /** Share of an air-defence battery's magazine reloaded per round. */
  samReload: {
    value: 0.25,
    source: 'Assumption: ground batteries reload from their own stocks, a quarter of a magazine a round',
  },
} as const satisfies Record<string, Figure>;

export const BLOCKADE = {
  /** Share of the interdicted imports felt while energy stocks last (rationing and drawdown). */
  partialShortfall: {
    value: 0.25,
    source: 'Assumption: while stocks last, rationing makes a quarter of the interdicted share felt',
  },
  /** Share of Taiwan's energy imports interdicted at quarantine and at blockade with no escort. */
  interdictionQuarantine: {
    value: 0.3,
    source: 'CSIS ChinaPower "How China Could Quarantine Taiwan" (2024): inspection regime, partial flow',
  },
  interdictionBlockade: {
    value: 0.85,
    source: 'CSIS "Lights Out? Wargaming a Chinese Blockade of Taiwan" (2025)',
  },
  /** Weight of a Blue escorting surface step against a step of Red's enforcing presence (adjudication and the estimate). */
  escortWeight: {
    value: 0.5,
    source:
      'Assumption calibrated to CSIS "Lights Out?" (2025): escorts of the US and Japan restore most of the flow, Taiwan\'s navy alone (about 24 steps against some 60 of enforcing force) a third of it',
  },
  /** Public-will loss per round per fraction of energy demand not met. */
  willLossPerShortfall: {
    value: 18,
    source: 'Assumption; Taiwan holds ~11 days of LNG (Bureau of Energy 2024) and LNG is ~40% of generation',
  },
} as const satisfies Record<string, Figure>;

export const GRAYZONE = {
  /** Incident probability per round per unit of presence product (CCG × JCG steps at the Senkakus). */
  incidentPerPresence: {
    value: 0.004,
    source: 'Assumption: collisions are rare (2010 Minjinyu 5179); risk grows with both sides present',
  },
  /** CCG contiguous-zone presence days in the year before the scenario. */
  senkakuPresenceDays: {
    value: 355,
    source: 'Japan Coast Guard: CCG vessels in the contiguous zone on 355 of 366 days in 2024',
  },
} as const satisfies Record<string, Figure>;

export const COMMAND = {
  baseCapacity: {
    value: 2,
    source:
      'Assumption: USFJ as an administrative HQ supports a couple of bilateral actions per round (CSIS "Modernizing the US-Japan Alliance", 2024)',
  },
  perLevel: {
    value: 2,
    source:
      'Assumption: a Joint Force HQ counterpart to JJOC doubles bilateral throughput (US DoD announcement, July 2024)',
  },
  /** Chance a combined strike fails to deconflict, by command level. */
  deconflictFailure0: {
    value: 0.35,
    source: 'Assumption: no agreed strike-coordination process (parallel commands)',
  },
  deconflictFailure1: {
    value: 0.15,
    source: 'Assumption: JFHQ counterpart without an agreed strike process',
  },
  /** Share of the salvo wasted when deconfliction fails. */
  deconflictWaste: {
    value: 0.4,
    source: 'Assumption: fratricide avoidance holds back or re-targets ~40% of the salvo',
  },
  /** Share of a US national salvo wasted when Japan strikes the same zone without a combined strike, by level (duplicate targeting). */
  duplicateWaste0: {
    value: 0.35,
    source:
      'Assumption: parallel commands (USFJ administrative, operations run from Hawaii) cannot share target lists in time',
  },
  duplicateWaste1: {
    value: 0.15,
    source: 'Assumption: a USFJ joint force HQ co-located with JJOC shares target lists, imperfectly',
  },
  /**
   * Months of joint investment to reach level 1 and then level 2 (counted from the rounds'
   * lengths: a 30-day competition round is a month, a 3.5-day conflict round an eighth of one).
   */
  upgradeMonths1: {
    value: 3,
    source:
      'Assumption: the USFJ joint force HQ upgrade announced July 2024 (US DoD), compressed to a quarter of focused effort',
  },
  upgradeMonths2: {
    value: 4,
    source: 'Assumption: an agreed bilateral strike-coordination process takes longer',
  },
} as const satisfies Record<string, Figure>;

/** What a strike's hits do besides sinking ships (DESIGN.md section 8, "Strikes"). */
export const STRIKE_EFFECTS = {
  /** Added hit chance for Blue strikes under shared ISR (section 5: combined targeting). */
  sharedIsrAccuracy: {
    value: 0.05,
    source:
      'Assumption: a common targeting picture trims terminal misses by a few points (CSIS 2023 stresses joint ISR)',
  },
  /** Port and runway damage per hit on an airbase (share of the facility out of action). */
  airbaseDamagePerHit: {
    value: 0.01,
    source:
      'Assumption: runway craters are repaired within hours (RAND "Air Base Defense", 2016: rapid runway repair)',
  },
  /** Port damage per hit on a port. */
  portDamagePerHit: {
    value: 0.04,
    source: 'Assumption: piers and cranes take longer to repair than runways; ~25 hits close a port',
  },
  /** Coordination disrupted per hit on a headquarters, and the most one strike can cause. */
  hqDisruptionPerHit: {
    value: 0.5,
    source: 'Assumption: HQs are hardened and redundant; two hits cost a coordination action',
  },
  hqDisruptionMax: {
    value: 3,
    source: 'Assumption: alternate command posts cap the disruption of one strike',
  },
  /** Ground steps lost per hit, shared among the ground units in the zone. */
  groundStepsPerHit: {
    value: 0.05,
    source:
      'Assumption: dispersed ground forces lose little to missiles (CSIS 2023: strikes did not decide the ground war)',
  },
  /** Launcher steps lost per hit, shared among the launchers in the zone. */
  launcherStepsPerHit: {
    value: 0.25,
    source: 'Assumption: mobile launchers are hard to find; a hit on a known site destroys a quarter step',
  },
  /** US commitment gained the first time US forces are attacked. */
  usAttackedCommitment: {
    value: 25,
    source:
      'Assumption: an attack on US forces rallies US opinion (the rally effect after Pearl Harbor and 9/11)',
  },
  /** Japanese public support gained the first time Japanese territory is attacked. */
  japanAttackedSupport: { value: 10, source: 'Assumption: an attack on Japan rallies its public' },
} as const satisfies Record<string, Figure>;

/** Japan's legal declarations (DESIGN.md section 6: the 2015 security legislation). */
export const DECLARATION = {
  /** Political capital a declaration costs, by the situation declared. */
  costImportantInfluence: {
    value: 10,
    source:
      'Assumption: rear-area support is contested in the Diet but has passed before (2015 legislation debates)',
  },
  costSurvivalThreatening: {
    value: 20,
    source: 'Assumption: collective self-defense has never been invoked and splits the coalition',
  },
  costOther: {
    value: 5,
    source: 'Assumption: an armed-attack situation or a return to none is near-consensual',
  },
} as const satisfies Record<string, Figure>;

/** Red's planning figures for its option estimate (DESIGN.md section 6: deterrence by denial). */
export const ESTIMATE = {
  /**
   * Amphibious lift steps Red plans an invasion with, whatever is deployed in peacetime: the
   * three amphibious groups and mobilized civilian ro-ro ferries, as in the taiwan-invasion
   * scenario (18 steps against 7 deployed in the competition scenarios).
   */
  invasionLiftSteps: {
    value: 18,
    source:
      'Assumption: lift mobilized before an invasion (CSIS 2023 base case; J. Michael Dahm, "Chinese Ferry Tales", China Maritime Studies Institute, 2022)',
  },
  /**
   * Share of a blockading or quarantining force Red expects to keep on station per round, for
   * each hit Blue's anti-ship fires can put on it per step of the force: a blockade holds only
   * while the ships enforcing it survive.
   */
  /** Ground steps Red plans to land, whatever is deployed in peacetime (the taiwan-invasion order of battle). */
  invasionTroopSteps: {
    value: 58,
    source:
      'Assumption: the amphibious, marine, airborne and follow-on brigades of the taiwan-invasion scenario (CSIS 2023 base case)',
  },
  /** Share of Red's short-range ballistic missiles spent on the opening strike against Taiwan's navy and launchers. */
  openingStrikeShare: {
    value: 0.4,
    source:
      'Assumption: as in the strike estimate, 40% of the SRBM inventory in the first salvo (CSIS 2023: the PLA opened with massed missile strikes)',
  },
  /** Steps of ships or launchers out of action per leaking missile at an unhardened site. */
  stepsPerLeaker: {
    value: 0.5,
    source:
      'Assumption: as in the strike estimate; a step is a ship or a launcher battery, two leakers disable it',
  },
  /** Combat radius Red credits Blue's strike aircraft with, beyond their weapons' range. */
  aircraftRadiusKm: {
    value: 1000,
    source:
      'Assumption: fighter combat radius of about 1,000 km (F-35A and F-15E published figures, USAF fact sheets)',
  },
  blockadeHoldPerHit: {
    value: 1,
    source:
      'Assumption: one hit per step of the enforcing force takes it off station for the round (the salvo model counts hits per step, CSIS 2023)',
  },
} as const satisfies Record<string, Figure>;

/** A figure by rung, 0 (competition) to 5 (invasion). */
export interface RungSchedule {
  readonly value: readonly [number, number, number, number, number, number];
  readonly source: string;
}

/**
 * Red's calculus (DESIGN.md section 6): how Red weighs an option's costs and the chances the US
 * and Japan fight. These are judgements, not measurements: each says so and why.
 */
export const RED_CALCULUS = {
  confidenceSpread: {
    value: 1.2,
    source:
      "Assumption: the spread (one standard deviation, in log-odds) of Red's confidence in its estimate. The PLA has not fought a war since 1979 and its own writing warns of 'peace disease' (overconfidence untested by combat; see RAND, 'Assessing the Training and Operational Proficiency of China's Aerospace Forces', 2016; US DoD China Military Power Report 2023), so leaderships facing the same posture judge an invasion's odds very differently: at 1.2 a true 17% is believed anywhere from 6% to 41% in two games of three",
  },
  resolveSpread: {
    value: 1,
    source:
      "Assumption: Blue cannot know Red's resolve, and it moves with leadership and moment; each match draws it within ±1 of the scenario's figure (triangular), so a batch reads the share of Red leaderships a posture deters, as a seminar reads several Red teams",
  },
  horizonRounds: {
    value: 3,
    source:
      'Assumption: Red plans a campaign a few rounds ahead (a quarter of a year in crisis, ten days at war)',
  },
  economicCost: {
    value: [0, 0.3, 0.8, 1.5, 2.5, 3.5],
    source:
      'Assumption, ordered by the sanctions each rung invites (Rhodium Group, "Sanctioning China in a Taiwan Crisis", 2022: costs rise steeply from a blockade to war)',
  },
  interventionCost: {
    value: [0, 0, 0.5, 1.2, 2.5, 3],
    source: 'Assumption: fighting the US costs more the higher the rung at which it joins',
  },
  usInterventionByRung: {
    value: [0, 0.2, 0.6, 0.9, 1.15, 1.3],
    source:
      'Assumption: US intervention grows with the rung (Taiwan Relations Act ambiguity; a blockade or invasion engages it most)',
  },
  japanInterventionByRung: {
    value: [0, 0.2, 0.5, 0.8, 1.1, 1.2],
    source: "Assumption: Japan's involvement grows with the rung (2015 security legislation thresholds)",
  },
} as const satisfies Record<string, Figure | RungSchedule>;

export const RED_WEIGHTS = {
  japanInterventionCost: {
    value: 1,
    source: 'Assumption: war with Japan too adds its bases, forces and economy',
  },
  lossCost: { value: 0.02, source: 'Assumption: fifty steps lost weigh as much as a rung of sanctions' },
  standingWeight: {
    value: 0.5,
    source: "Assumption: Red's international standing weighs half a rung of sanctions",
  },
  standingBelowQuarantine: {
    value: 0.3,
    source: 'Assumption: gray-zone coercion costs less standing than a quarantine',
  },
  usCommitmentFloor: {
    value: 0.5,
    source: 'Assumption: US credibility scales its commitment between half and all of it',
  },
  usAttackedBoost: {
    value: 0.5,
    source: 'Assumption: an attack on US forces makes intervention much more likely',
  },
  japanAtWar: {
    value: 0.95,
    source: 'Japan fights once a survival-threatening situation is declared (2015 legislation)',
  },
  japanStanceBase: { value: 0.25, source: 'Assumption: a quarter chance Japan joins without a declaration' },
  japanStancePerLegal: { value: 0.15, source: 'Assumption: each legal step raises it' },
  japanCoalitionSwing: { value: 0.1, source: 'Assumption: a majority coalition decides faster' },
  japanAttackedBoost: { value: 0.6, source: 'Assumption: an attack on Japan all but decides it' },
  concedeWill: {
    value: 45,
    source: "Assumption: Taiwan's leaders concede at even odds near public will 45 (of 100)",
  },
  concedeSpread: { value: 8, source: 'Assumption: the concession odds change over about ±8 points of will' },
  coercionWillCeiling: { value: 70, source: 'Assumption: above support or will 70 coercion has no hold' },
  coercionSpan: { value: 60, source: 'Assumption: coercion is certain only as support or will nears 10' },
  coercionPerLever: { value: 0.03, source: 'Assumption: each economic lever adds three points to coercion' },
  duplicateExpected: {
    value: 0.5,
    source: 'Assumption: about half of the US salvo meets Japanese salvos at the same targets',
  },
  liftBattalionsPerStep: {
    value: 1.5,
    source:
      'Assumption: a lift step carries a battalion and a half with its vehicles (CSIS 2023 lift accounting)',
  },
  reinforceShare: {
    value: 0.2,
    source: "Assumption: a fifth of Taiwan's other forces reach a threatened sector in time",
  },
  strikesWithUs: {
    value: 0.5,
    source: 'Assumption: US intervention halves what a strike campaign can achieve',
  },
  strikesWithJapan: { value: 0.8, source: 'Assumption: Japan fighting too takes a further fifth off it' },
  escortTerminalDefence: {
    value: 0.5,
    source: 'Assumption: ships crossing in a crowded strait get half the point defence of a group at sea',
  },
} as const satisfies Record<string, Figure>;
