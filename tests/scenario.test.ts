/**
 * Scenario files (DESIGN.md sections 2, 7 and 10): every shipped scenario loads; a bad
 * scenario gives errors that name the field; an unknown key anywhere is refused with the
 * nearest valid key; `extends` merges objects and replaces arrays; the takaichi-2025 seed
 * facts and their sources; the map's geometry.
 */
import { describe, expect, it } from 'vitest';
import {
  distanceKm,
  loadScenario,
  mergeScenario,
  resolveExtends,
  type ScenarioError,
  ZONE_CATALOG,
  zoneDef,
} from '../game/index.ts';
import { getScenario, RAW_SCENARIOS, resolveScenario, SCENARIO_IDS } from '../scenarios/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: raw scenario JSON is edited freely, to break it in one place
type Raw = Record<string, any>;
/** A deep copy of a shipped scenario's raw JSON, to break in one place. */
const raw = (id: string): Raw => structuredClone(RAW_SCENARIOS[id]) as Raw;
/** The errors `resolveScenario` gives for a raw scenario (an empty list when it loads). */
const errorsOf = (json: unknown): readonly ScenarioError[] => {
  const r = resolveScenario(json);
  return r.ok ? [] : r.error;
};

describe('shipped scenarios', () => {
  it('has the starting set of DESIGN.md section 10', () => {
    for (const id of ['takaichi-2025', 'senkaku-gray-zone', 'taiwan-quarantine', 'taiwan-invasion'])
      expect(SCENARIO_IDS).toContain(id);
  });

  it.each(SCENARIO_IDS)('%s loads, validates and has a content hash', (id) => {
    expect(errorsOf(RAW_SCENARIOS[id])).toEqual([]);
    const sc = getScenario(id);
    expect(sc?.id).toBe(id);
    expect(sc?.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives different scenarios different hashes, and the same scenario the same hash', () => {
    const hashes = SCENARIO_IDS.map((id) => getScenario(id)!.hash);
    expect(new Set(hashes).size).toBe(hashes.length);
    const again = resolveScenario(RAW_SCENARIOS['takaichi-2025']);
    expect(again.ok && again.value.hash).toBe(getScenario('takaichi-2025')!.hash);
  });

  it.each(SCENARIO_IDS)('%s: the loader keeps every key and value the file (with its base) gives', (id) => {
    const resolved = resolveExtends(RAW_SCENARIOS[id], (base) => RAW_SCENARIOS[base]);
    expect(resolved.ok).toBe(true);
    if (resolved.ok) expect(getScenario(id)).toMatchObject(resolved.value as object);
  });

  it('returns undefined for an unknown id', () => {
    expect(getScenario('no-such-scenario')).toBeUndefined();
  });
});

describe('bad scenarios give errors that name the field', () => {
  const cases: [string, (s: Raw) => void, string][] = [
    [
      'coalition seats beyond the House',
      (s) => (s.tracks.japan.coalitionSeats = 500),
      'tracks.japan.coalitionSeats',
    ],
    ['an unknown unit type', (s) => (s.units[0].type = 'battlestar'), 'units.0.type'],
    ['a zone not in the catalog', (s) => (s.units[0].zone = 'atlantis'), 'units.0.zone'],
    [
      "a unit in a zone left out of the scenario's zones",
      (s) => (s.zones = (s.zones as string[]).filter((z) => z !== s.units[0].zone)),
      'units.0.zone',
    ],
    ['a duplicate unit id', (s) => (s.units[1].id = s.units[0].id), 'units.1.id'],
    ['an unknown faction', (s) => (s.units[0].faction = 'russia'), 'units.0.faction'],
    ['an escalation rung above 5', (s) => (s.escalation = 6), 'escalation'],
    [
      'an unknown legal status',
      (s) => (s.tracks.japan.legalStatus = 'martial-law'),
      'tracks.japan.legalStatus',
    ],
    ['an unknown munition in a stockpile', (s) => (s.stockpiles.japan.phaser = 5), 'stockpiles.japan.phaser'],
    ['an unknown munition in production', (s) => (s.production.china.phaser = 5), 'production.china.phaser'],
    ['a missing required field', (s) => delete s.name, 'name'],
    [
      'an event after the last round',
      (s) => (s.events = [{ id: 'late', round: 99, text: 'too late' }]),
      'events.0.round',
    ],
  ];
  it.each(cases)('%s', (_name, breakIt, path) => {
    const s = raw('takaichi-2025');
    breakIt(s);
    const errors = errorsOf(s);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.code === 'ERR_SCENARIO_FIELD')).toBe(true);
    expect(errors.map((e) => e.path)).toContain(path);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(3);
  });

  it('an unknown `extends` gives ERR_SCENARIO_EXTENDS on the extends field', () => {
    const errors = errorsOf({ ...raw('taiwan-invasion-command-0'), extends: 'no-such-base' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ERR_SCENARIO_EXTENDS', path: 'extends' });
    expect(errors[0]?.message).toContain('no-such-base');
  });

  it('a scenario that extends another needs its own id', () => {
    const errors = errorsOf({ extends: 'taiwan-invasion', name: 'no id of its own' });
    expect(errors.map((e) => e.code)).toEqual(['ERR_SCENARIO_EXTENDS']);
    expect(errors[0]?.path).toBe('id');
  });

  it('an `extends` cycle is reported, not followed forever', () => {
    const loop = { id: 'loop', extends: 'loop' };
    const r = loadScenario(loop, () => loop);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]?.code).toBe('ERR_SCENARIO_EXTENDS');
  });

  it.each([null, 42, 'takaichi-2025', [], true])(
    'non-object JSON %j is rejected with ERR_SCENARIO_JSON',
    (v) => {
      const errors = errorsOf(v);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.code).toBe('ERR_SCENARIO_JSON');
    },
  );
});

describe('an unknown key anywhere is refused, naming the object and the nearest valid key', () => {
  const TOP_KEYS =
    'id, name, description, rounds, escalation, zones, units, stockpiles, production, budgets, programs, ' +
    'tracks, constraints, events, eventDeck, eventChance, seminar, sources, extends';
  const unknownKey = (path: string, message: string): ScenarioError => ({
    code: 'ERR_SCENARIO_UNKNOWN_KEY',
    path,
    message,
  });
  const cases: [string, (s: Raw) => void, string, string][] = [
    [
      'a typo at the top level',
      (s) => (s.unitsx = s.units),
      '',
      'unknown key "unitsx" (did you mean "units"?)',
    ],
    [
      'an extra top-level key far from any valid one',
      (s) => (s.deep = []),
      '',
      `unknown key "deep" (valid keys: ${TOP_KEYS})`,
    ],
    [
      'a typo nested in tracks',
      (s) => (s.tracks.japan.coalitonSeats = 200),
      'tracks.japan',
      'unknown key "coalitonSeats" (did you mean "coalitionSeats"?)',
    ],
    [
      "a far-off key in tracks lists that object's keys",
      (s) => (s.tracks.us.zzz = 1),
      'tracks.us',
      'unknown key "zzz" (valid keys: commitment, credibility, burdenSharing, spendingDemandPctGdp, reinforcementDelay, intervening)',
    ],
    [
      'a swapped pair of letters in one unit of the units array',
      (s) => (s.units[2].strenght = 1),
      'units.2',
      'unknown key "strenght" (did you mean "strength"?)',
    ],
    [
      'a one-letter key is too short to guess from',
      (s) => (s.units[0].x = 1),
      'units.0',
      'unknown key "x" (valid keys: id, type, faction, zone, strength)',
    ],
    [
      'a typo in a timeline event',
      (s) => (s.events[1].efects = []),
      'events.1',
      'unknown key "efects" (did you mean "effects"?)',
    ],
    [
      "a typo in a deck event's effect",
      (s) => (s.eventDeck[0].effects = [{ track: 'escalation', detla: 1, delta: 1 }]),
      'eventDeck.0.effects.0',
      'unknown key "detla" (did you mean "delta"?)',
    ],
    [
      'a typo in budgets',
      (s) => (s.budgets.japn = 1),
      'budgets',
      'unknown key "japn" (did you mean "japan"?)',
    ],
    [
      'an unknown faction in stockpiles',
      (s) => (s.stockpiles.korea = {}),
      'stockpiles',
      'unknown key "korea" (valid keys: japan, us, china, taiwan)',
    ],
    [
      'a typo in constraints',
      (s) => (s.constraints.japanConsnt = 'never'),
      'constraints',
      'unknown key "japanConsnt" (did you mean "japanConsent"?)',
    ],
    [
      'a typo in seminar',
      (s) => (s.seminar.aprovals = []),
      'seminar',
      'unknown key "aprovals" (did you mean "approvals"?)',
    ],
  ];
  it.each(cases)('%s', (_name, breakIt, path, message) => {
    const s = raw('takaichi-2025');
    breakIt(s);
    expect(errorsOf(s)).toEqual([unknownKey(path, message)]);
  });

  it('a typo in a child that `extends` a registered scenario is refused after the merge', () => {
    const errors = errorsOf({
      id: 'typo-excursion',
      extends: 'taiwan-invasion',
      tracks: { us: { credibilty: 30 } },
    });
    expect(errors).toEqual([
      unknownKey('tracks.us', 'unknown key "credibilty" (did you mean "credibility"?)'),
    ]);
  });

  it('`extends` is allowed only at the top level', () => {
    const errors = errorsOf({
      id: 'nested-extends',
      extends: 'taiwan-invasion',
      tracks: { extends: 'takaichi-2025' },
      units: [{ id: 'x', type: 'ddg', faction: 'japan', zone: 'okinawa', strength: 1, extends: 'y' }],
    });
    expect(errors.filter((e) => e.code === 'ERR_SCENARIO_UNKNOWN_KEY')).toEqual([
      unknownKey('units.0', 'unknown key "extends" (valid keys: id, type, faction, zone, strength)'),
      unknownKey('tracks', 'unknown key "extends" (valid keys: japan, us, china, taiwan, alliance)'),
    ]);
  });

  it('a misspelt `extends` suggests it, ahead of the missing-field errors it causes', () => {
    const errors = errorsOf({ id: 'no-base', extend: 'taiwan-invasion' });
    expect(errors[0]).toEqual(unknownKey('', 'unknown key "extend" (did you mean "extends"?)'));
    expect(errors.slice(1).every((e) => e.code === 'ERR_SCENARIO_FIELD')).toBe(true);
    expect(errors.length).toBeGreaterThan(1);
  });

  it('two unknown keys in one object give one error each, in file order', () => {
    const s = raw('takaichi-2025');
    s.tracks.alliance.cohesoin = 1;
    s.tracks.alliance.comandLevel = 1;
    expect(errorsOf(s)).toEqual([
      unknownKey('tracks.alliance', 'unknown key "cohesoin" (did you mean "cohesion"?)'),
      unknownKey('tracks.alliance', 'unknown key "comandLevel" (did you mean "commandLevel"?)'),
    ]);
  });
});

describe('prototype keys cannot pollute a parsed scenario', () => {
  const excursion = (json: string): unknown =>
    JSON.parse(`{"id": "proto-excursion", "extends": "taiwan-invasion", ${json}}`);

  it('a top-level `__proto__` in a child is an unknown key, not a prototype for the merge', () => {
    const errors = errorsOf(excursion('"__proto__": {"eventChance": 0.9}'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ERR_SCENARIO_UNKNOWN_KEY', path: '' });
    expect(errors[0]?.message).toMatch(/^unknown key "__proto__" \(valid keys: /);
  });

  it.each([
    ['sources', '"sources": {"__proto__": "a note"}', 'sources.__proto__'],
    ['sources', '"sources": {"constructor": "a note"}', 'sources.constructor'],
    ['programs', '"programs": {"prototype": 1}', 'programs.prototype'],
    ['stockpiles', '"stockpiles": {"japan": {"__proto__": {"tomahawk": 1}}}', 'stockpiles.japan.__proto__'],
    ['production', '"production": {"us": {"__proto__": {"sm-6": 1}}}', 'production.us.__proto__'],
  ])('a reserved name as an id in %s is refused (%s)', (_table, json, path) => {
    const key = path.split('.').at(-1);
    expect(errorsOf(excursion(json))).toEqual([
      { code: 'ERR_SCENARIO_FIELD', path, message: `"${key}" is a reserved name, not an id` },
    ]);
  });

  it('mergeScenario copies `__proto__` as a plain key and leaves the prototype alone', () => {
    const merged = mergeScenario(
      { a: { b: 1 } },
      JSON.parse('{"__proto__": {"polluted": true}, "a": {"c": 2}}'),
    );
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged as object)).toEqual(['a', '__proto__']);
    expect((merged as Raw).polluted).toBeUndefined();
    expect((merged as Raw).a).toEqual({ b: 1, c: 2 });
    expect(({} as Raw).polluted).toBeUndefined();
  });
});

describe('extends', () => {
  it('merges objects key by key and replaces arrays', () => {
    expect(mergeScenario({ a: { b: 1, c: 2 }, l: [1, 2, 3], k: 'x' }, { a: { b: 3 }, l: [9] })).toEqual({
      a: { b: 3, c: 2 },
      l: [9],
      k: 'x',
    });
  });

  it('a scenario that extends a shipped one keeps the base values it does not override', () => {
    const base = getScenario('taiwan-invasion')!;
    const r = resolveScenario({
      id: 'excursion-test',
      extends: 'taiwan-invasion',
      tracks: { japan: { coalitionSeats: 200 } },
      events: [{ id: 'only', round: 1, text: 'the one event' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tracks.japan.coalitionSeats).toBe(200);
    expect(r.value.tracks.japan.publicSupport).toBe(base.tracks.japan.publicSupport);
    expect(r.value.tracks.us).toEqual(base.tracks.us);
    expect(r.value.events.map((e) => e.id)).toEqual(['only']);
    expect(r.value.units).toEqual(base.units);
    expect(r.value.hash).not.toBe(base.hash);
  });

  it('the shipped excursions differ from their base only where they say so', () => {
    const base = getScenario('taiwan-invasion')!;
    const c0 = getScenario('taiwan-invasion-command-0')!;
    expect(c0.tracks.alliance.commandLevel).toBe(0);
    expect(c0.tracks.alliance.cohesion).toBe(base.tracks.alliance.cohesion);
    expect(c0.units).toEqual(base.units);
    const neutral = getScenario('taiwan-invasion-japan-neutral')!;
    expect(neutral.constraints.japanIntervention).toBe('never');
    expect(neutral.zones).toEqual(base.zones);
  });
});

describe('takaichi-2025 holds the late-2025 seed facts, with sources', () => {
  const sc = getScenario('takaichi-2025')!;
  const t = sc.tracks;
  it('an LDP–Ishin coalition on 233 of 465 seats', () => {
    expect(t.japan.coalitionSeats).toBe(233);
  });
  it('defense spending at 2% of GDP against a US demand of 3.5%', () => {
    expect(t.japan.defenseSpendingPctGdp).toBe(2);
    expect(t.us.spendingDemandPctGdp).toBe(3.5);
  });
  it('command architecture at level 0 with the USFJ upgrade under way', () => {
    expect(t.alliance.commandLevel).toBe(0);
    expect(t.alliance.upgradeProgress).toBeGreaterThan(0);
  });
  it('no 2+2 held for a while', () => {
    expect(t.alliance.roundsSinceTwoPlusTwo).toBeGreaterThan(0);
  });
  it('coast-guard presence around the Senkakus is high (355 of 366 days)', () => {
    expect(t.china.grayZonePresence).toBeGreaterThanOrEqual(90);
  });
  it('competition, monthly rounds', () => {
    expect(sc.escalation).toBeLessThanOrEqual(1);
    expect(sc.rounds).toBe(12);
  });
  it.each([
    'tracks.japan.coalitionSeats',
    'tracks.japan.defenseSpendingPctGdp',
    'tracks.us.spendingDemandPctGdp',
    'tracks.alliance.commandLevel',
    'tracks.alliance.upgradeProgress',
    'tracks.alliance.roundsSinceTwoPlusTwo',
    'tracks.china.grayZonePresence',
  ])('sources has a note for %s', (field) => {
    expect(sc.sources[field]?.length ?? 0).toBeGreaterThan(10);
  });
});

describe('the map (game/data/zones.ts)', () => {
  const ids = new Set(ZONE_CATALOG.map((z) => z.id));

  it('has unique zone ids', () => {
    expect(ids.size).toBe(ZONE_CATALOG.length);
  });

  it('adjacency names known zones, never the zone itself, and is symmetric', () => {
    const broken: string[] = [];
    for (const z of ZONE_CATALOG)
      for (const a of z.adjacent) {
        if (!ids.has(a)) broken.push(`${z.id} -> unknown ${a}`);
        else if (a === z.id) broken.push(`${z.id} -> itself`);
        else if (!zoneDef(a).adjacent.includes(z.id)) broken.push(`${z.id} -> ${a} but not back`);
      }
    expect(broken).toEqual([]);
  });

  it('every shipped scenario uses only catalog zones', () => {
    for (const id of SCENARIO_IDS) for (const z of getScenario(id)!.zones) expect(ids.has(z)).toBe(true);
  });

  it('distance is symmetric and zero to itself', () => {
    expect(distanceKm('okinawa', 'okinawa')).toBe(0);
    expect(distanceKm('fujian', 'guam')).toBeCloseTo(distanceKm('guam', 'fujian'), 9);
  });

  it('Okinawa (Kadena) to Kanto is about 1,500–1,600 km great-circle', () => {
    const d = distanceKm('okinawa', 'kanto');
    expect(d).toBeGreaterThan(1500);
    expect(d).toBeLessThan(1600);
  });

  // The oft-quoted 111 km is Yonaguni to Taiwan's nearest coast (Su'ao, Yilan). The
  // taipei zone's centroid is Taipei city (121.52E 25.04N), about 160 km from
  // Yonaguni (123.0E 24.45N), which is the true great-circle figure.
  it('Yonaguni is the Japanese zone nearest Taipei, about 150–175 km from the city', () => {
    const d = distanceKm('yonaguni', 'taipei');
    expect(d).toBeGreaterThan(150);
    expect(d).toBeLessThan(175);
    const japanese = ZONE_CATALOG.filter((z) => z.country === 'japan' && z.id !== 'yonaguni');
    for (const z of japanese) expect(distanceKm(z.id, 'taipei')).toBeGreaterThan(d);
  });
});
