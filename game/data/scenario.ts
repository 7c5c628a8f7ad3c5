/**
 * Scenario files (DESIGN.md section 10): fixed data for a match, validated by a zod
 * schema whose errors name the field path and the problem. A scenario may `extend`
 * another and override fields (objects merge, arrays replace). Every object is strict: an
 * unknown key anywhere (a facilitator's typo) is an error that suggests the nearest valid key.
 */
import { z } from 'zod';
import { canonicalJson, hashText } from '../engine/hash.ts';
import { APPROVAL_KINDS, err, FACTIONS, LEGAL_STATUSES, ok, type Result } from '../types.ts';
import { programById } from './programs.ts';
import { MUNITIONS, unitTypeById } from './units.ts';
import { ZONE_CATALOG } from './zones.ts';

/** Numeric tracks an event, inject or amendment may change (section 7). */
export const TRACK_PATHS = [
  'japan.defenseSpendingPctGdp',
  'japan.debtPctGdp',
  'japan.politicalCapital',
  'japan.coalitionSeats',
  'japan.publicSupport',
  'japan.industrialCapacity',
  'us.commitment',
  'us.credibility',
  'us.burdenSharing',
  'us.reinforcementDelay',
  'china.grayZonePresence',
  'china.coercionLevers',
  'china.standing',
  'china.domesticPressure',
  'china.resolve',
  'taiwan.defenseSpendingPctGdp',
  'taiwan.energyDays',
  'taiwan.publicWill',
  'taiwan.reserveMobilization',
  'alliance.cohesion',
  'alliance.disruption',
  'escalation',
] as const;

/** Each track as a facilitator would name it (White Cell's pickers, inject and amendment lines). */
export const TRACK_LABELS: { readonly [P in (typeof TRACK_PATHS)[number]]: string } = {
  'japan.defenseSpendingPctGdp': "Japan's defense spending (% of GDP)",
  'japan.debtPctGdp': "Japan's public debt (% of GDP)",
  'japan.politicalCapital': "Japan's political capital",
  'japan.coalitionSeats': "Japan's coalition seats",
  'japan.publicSupport': 'Japanese public support',
  'japan.industrialCapacity': "Japan's defense-industrial capacity",
  'us.commitment': 'US commitment',
  'us.credibility': 'US credibility',
  'us.burdenSharing': 'US view of burden sharing',
  'us.reinforcementDelay': 'US reinforcement delay (rounds)',
  'china.grayZonePresence': "China's gray-zone presence",
  'china.coercionLevers': "China's economic coercion levers",
  'china.standing': "China's international standing",
  'china.domesticPressure': 'Domestic pressure on Beijing',
  'china.resolve': "China's resolve",
  'taiwan.defenseSpendingPctGdp': "Taiwan's defense spending (% of GDP)",
  'taiwan.energyDays': "Taiwan's energy stocks (days)",
  'taiwan.publicWill': "Taiwan's public will",
  'taiwan.reserveMobilization': "Taiwan's reserve mobilization (%)",
  'alliance.cohesion': 'Alliance cohesion',
  'alliance.disruption': 'Alliance command disruption',
  escalation: 'Escalation rung',
};
export type TrackPath = (typeof TRACK_PATHS)[number];

const zoneIds = new Set(ZONE_CATALOG.map((zn) => zn.id));
const munitionIds = new Set(MUNITIONS.map((m) => m.id));

const ZoneIdSchema = z.string().refine((s) => zoneIds.has(s), { message: 'unknown zone id' });
const FactionSchema = z.enum(FACTIONS);
const pct = z.number().min(0).max(100);

/** Names that must never become keys of a parsed object (prototype pollution). */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * A record keyed by ids (munitions, programs, source notes). zod silently drops a
 * `__proto__` key from a record, so reserved names are refused here before it parses.
 */
const idRecord = <T extends z.ZodType>(value: T) =>
  z.preprocess(
    (input, ctx) => {
      if (isObject(input))
        for (const key of RESERVED_KEYS)
          if (Object.hasOwn(input, key))
            ctx.addIssue({
              code: 'custom',
              path: [key],
              input,
              message: `"${key}" is a reserved name, not an id`,
            });
      return input;
    },
    z.record(z.string(), value),
  );

export const EffectSchema = z.strictObject({
  track: z.enum(TRACK_PATHS),
  delta: z.number(),
});
export type Effect = z.infer<typeof EffectSchema>;

const EventSchema = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1),
  effects: z.array(EffectSchema).default([]),
});

const TimelineEventSchema = EventSchema.extend({ round: z.number().int().min(1) });
const DeckEventSchema = EventSchema.extend({
  weight: z.number().positive().default(1),
  minRung: z.number().int().min(0).max(5).default(0),
  maxRung: z.number().int().min(0).max(5).default(5),
});

const UnitSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'unit ids are lower-case letters, digits and dashes'),
  type: z.string().refine((t) => unitTypeById.has(t), { message: 'unknown unit type' }),
  faction: FactionSchema,
  zone: ZoneIdSchema,
  strength: z.number().positive(),
});

const ByFactionNumbers = z.strictObject({
  japan: idRecord(z.number().min(0)).default({}),
  us: idRecord(z.number().min(0)).default({}),
  china: idRecord(z.number().min(0)).default({}),
  taiwan: idRecord(z.number().min(0)).default({}),
});

export const ScenarioSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    description: z.string().min(1),
    rounds: z.number().int().min(1).max(40),
    escalation: z.number().int().min(0).max(5),
    zones: z.array(ZoneIdSchema).min(2),
    units: z.array(UnitSchema),
    stockpiles: ByFactionNumbers,
    production: ByFactionNumbers,
    budgets: z.strictObject({
      japan: z.number().min(0),
      us: z.number().min(0),
      china: z.number().min(0),
      taiwan: z.number().min(0),
    }),
    programs: idRecord(z.number().min(0)).default({}),
    tracks: z.strictObject({
      japan: z.strictObject({
        defenseSpendingPctGdp: z.number().min(0).max(10),
        debtPctGdp: z.number().min(0).max(500),
        politicalCapital: pct,
        coalitionSeats: z.number().int().min(0).max(465),
        publicSupport: pct,
        industrialCapacity: z.number().min(0),
        legalStatus: z.enum(LEGAL_STATUSES),
      }),
      us: z.strictObject({
        commitment: pct,
        credibility: pct,
        burdenSharing: pct,
        spendingDemandPctGdp: z.number().min(0).max(10),
        reinforcementDelay: z.number().int().min(0).max(10),
        intervening: z.boolean(),
      }),
      china: z.strictObject({
        grayZonePresence: pct,
        coercionLevers: z.number().int().min(0).max(10),
        standing: pct,
        domesticPressure: pct,
        resolve: z.number(),
        aims: z.array(z.number().min(0)).length(6),
      }),
      taiwan: z.strictObject({
        defenseSpendingPctGdp: z.number().min(0).max(10),
        energyDays: z.number().min(0),
        publicWill: pct,
        reserveMobilization: pct,
      }),
      alliance: z.strictObject({
        cohesion: pct,
        commandLevel: z.number().int().min(0).max(2),
        upgradeProgress: z.number().int().min(0),
        roundsSinceTwoPlusTwo: z.number().int().min(0),
        consentGranted: z.boolean(),
      }),
    }),
    constraints: z
      .strictObject({
        japanConsent: z.enum(['policy', 'never']).default('policy'),
        japanIntervention: z.enum(['policy', 'never']).default('policy'),
        usIntervention: z.enum(['policy', 'never']).default('policy'),
      })
      .default({ japanConsent: 'policy', japanIntervention: 'policy', usIntervention: 'policy' }),
    events: z.array(TimelineEventSchema).default([]),
    eventDeck: z.array(DeckEventSchema).default([]),
    eventChance: z.number().min(0).max(1).default(0.3),
    seminar: z
      .strictObject({ approvals: z.array(z.enum(APPROVAL_KINDS)).default([]) })
      .default({ approvals: [] }),
    sources: idRecord(z.string()).default({}),
  })
  .superRefine((s, ctx) => {
    const zs = new Set(s.zones);
    const seen = new Set<string>();
    s.units.forEach((unit, i) => {
      if (seen.has(unit.id))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `duplicate unit id "${unit.id}"` });
      seen.add(unit.id);
      if (!zs.has(unit.zone))
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'zone'],
          message: `zone "${unit.zone}" is not in this scenario's zones`,
        });
    });
    for (const f of FACTIONS) {
      for (const table of ['stockpiles', 'production'] as const)
        for (const key of Object.keys(s[table][f]))
          if (!munitionIds.has(key))
            ctx.addIssue({ code: 'custom', path: [table, f, key], message: `unknown munition "${key}"` });
    }
    for (const p of Object.keys(s.programs)) {
      if (!programById.has(p))
        ctx.addIssue({ code: 'custom', path: ['programs', p], message: `unknown program "${p}"` });
    }
    s.events.forEach((e, i) => {
      if (e.round > s.rounds)
        ctx.addIssue({
          code: 'custom',
          path: ['events', i, 'round'],
          message: `round ${e.round} is after the last round (${s.rounds})`,
        });
    });
  });

export type Scenario = z.infer<typeof ScenarioSchema> & { readonly hash: string };

export interface ScenarioError {
  readonly code:
    | 'ERR_SCENARIO_FIELD'
    | 'ERR_SCENARIO_UNKNOWN_KEY'
    | 'ERR_SCENARIO_EXTENDS'
    | 'ERR_SCENARIO_JSON';
  /**
   * Dotted path of the field, e.g. `tracks.japan.coalitionSeats`; for an unknown key, the
   * path of the object holding it (`tracks.japan`, or `''` at the top level).
   */
  readonly path: string;
  readonly message: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deep merge for `extends`: objects merge key by key, everything else replaces. Keys are
 * copied as own data properties (a `__proto__` key stays a key, which validation then
 * rejects, and never becomes the result's prototype).
 */
export function mergeScenario(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over))
    Object.defineProperty(out, k, {
      value: Object.hasOwn(base, k) ? mergeScenario(base[k], v) : v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** Edit distance counting an adjacent swap as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const w = b.length + 1;
  const d: number[] = [];
  const at = (i: number, j: number): number => d[i * w + j] ?? 0;
  for (let i = 0; i <= a.length; i++)
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        d[i * w + j] = i + j;
        continue;
      }
      let v = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * w + j] = v;
    }
  return at(a.length, b.length);
}

/** The valid key closest to `key`, if it is near enough to be a likely typo. */
function nearestKey(key: string, valid: readonly string[]): string | undefined {
  const limit = Math.min(Math.max(2, Math.floor(key.length / 3)), key.length - 1);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of valid) {
    const dist = editDistance(key, candidate);
    if (dist < bestDistance) [best, bestDistance] = [candidate, dist];
  }
  return best;
}

/** The keys the schema allows for the object at `path` (empty if it is not a strict object). */
function validKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const unwrap = (s: z.core.$ZodType): z.core.$ZodType =>
    s instanceof z.ZodDefault ? unwrap(s.unwrap()) : s;
  let schema: z.core.$ZodType | undefined = ScenarioSchema;
  for (const part of path) {
    const here = unwrap(schema);
    schema =
      here instanceof z.ZodArray
        ? here.element
        : here instanceof z.ZodObject && typeof part === 'string'
          ? here.shape[part]
          : undefined;
    if (schema === undefined) return [];
  }
  const here = unwrap(schema);
  if (!(here instanceof z.ZodObject)) return [];
  return path.length === 0 ? [...Object.keys(here.shape), 'extends'] : Object.keys(here.shape);
}

/** One error per unknown key, naming the object that holds it and the nearest valid key. */
function unknownKeyErrors(path: readonly PropertyKey[], keys: readonly string[]): ScenarioError[] {
  const valid = validKeysAt(path);
  return keys.map((key) => {
    const near = nearestKey(key, valid);
    let hint = '';
    if (near) hint = ` (did you mean "${near}"?)`;
    else if (valid.length > 0) hint = ` (valid keys: ${valid.join(', ')})`;
    return {
      code: 'ERR_SCENARIO_UNKNOWN_KEY',
      path: path.map(String).join('.'),
      message: `unknown key "${key}"${hint}`,
    };
  });
}

/** Resolves `extends` chains with a lookup of raw scenario JSON by id. */
export function resolveExtends(
  raw: unknown,
  lookup: (id: string) => unknown | undefined,
  depth = 0,
): Result<unknown, ScenarioError[]> {
  if (!isObject(raw))
    return err([{ code: 'ERR_SCENARIO_JSON', path: '', message: 'a scenario must be a JSON object' }]);
  const parent = raw.extends;
  if (parent === undefined) return ok(raw);
  if (typeof parent !== 'string')
    return err([{ code: 'ERR_SCENARIO_EXTENDS', path: 'extends', message: 'extends must be a scenario id' }]);
  if (depth > 8)
    return err([
      { code: 'ERR_SCENARIO_EXTENDS', path: 'extends', message: 'extends chain is too deep (cycle?)' },
    ]);
  const base = lookup(parent);
  if (base === undefined)
    return err([
      { code: 'ERR_SCENARIO_EXTENDS', path: 'extends', message: `no scenario with id "${parent}" to extend` },
    ]);
  const resolved = resolveExtends(base, lookup, depth + 1);
  if (!resolved.ok) return resolved;
  if (typeof raw.id !== 'string' || raw.id === parent)
    return err([
      {
        code: 'ERR_SCENARIO_EXTENDS',
        path: 'id',
        message: `a scenario that extends "${parent}" needs its own id`,
      },
    ]);
  const { extends: _drop, ...own } = raw;
  return ok(mergeScenario(resolved.value, own));
}

/** `loadScenario(json)`: validates and returns a frozen-by-convention Scenario with its content hash. */
export function loadScenario(
  raw: unknown,
  lookup: (id: string) => unknown | undefined = () => undefined,
): Result<Scenario, ScenarioError[]> {
  const resolved = resolveExtends(raw, lookup);
  if (!resolved.ok) return resolved;
  const parsed = ScenarioSchema.safeParse(resolved.value);
  if (!parsed.success) {
    // Unknown keys first: a misspelt key often explains the "missing field" errors after it.
    const unknown = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? unknownKeyErrors(i.path, i.keys) : [],
    );
    const fields = parsed.error.issues.flatMap((i): ScenarioError[] =>
      i.code === 'unrecognized_keys'
        ? []
        : [{ code: 'ERR_SCENARIO_FIELD', path: i.path.map(String).join('.'), message: i.message }],
    );
    return err([...unknown, ...fields]);
  }
  const hash = hashText(canonicalJson(parsed.data));
  return ok({ ...parsed.data, hash });
}

/** One scenario error as `path: message [CODE]` (the root is shown as `(root)`). */
export const formatScenarioError = (e: ScenarioError): string =>
  `${e.path || '(root)'}: ${e.message} [${e.code}]`;
