/**
 * Scenario files (DESIGN.md sections 2, 7 and 10): every shipped scenario loads; a bad
 * scenario gives errors that name the field; `extends` merges objects and replaces
 * arrays; the takaichi-2025 seed facts and their sources; the map's geometry.
 */
import { describe, expect, it } from 'vitest';
import { ZONE_CATALOG } from '../game/data/zones.ts';
import { distanceKm, zoneDef } from '../game/map.ts';
import { loadScenario, mergeScenario, type ScenarioError } from '../game/scenario.ts';
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
