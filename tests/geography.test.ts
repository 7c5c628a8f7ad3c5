/**
 * Geographic roles (game/data/geography.ts): rules and bots name a role, never a zone id, and
 * a role holds only the zones a scenario has, in the role's order of preference.
 */
import { describe, expect, it } from 'vitest';
import { geographyOf, ROLES, zoneDef } from '../game/index.ts';
import { runMatch } from '../match/index.ts';
import { getScenario, RAW_SCENARIOS, resolveScenario, SCENARIO_IDS } from '../scenarios/index.ts';

describe('geographic roles', () => {
  it('every role names catalog zones, and the shipped scenarios hold every role zone', () => {
    for (const zones of Object.values(ROLES)) for (const z of zones) expect(() => zoneDef(z)).not.toThrow();
    for (const id of SCENARIO_IDS) {
      const geo = geographyOf(getScenario(id)!.zones);
      for (const role of Object.keys(ROLES) as (keyof typeof ROLES)[]) expect(geo[role]).toEqual(ROLES[role]);
    }
  });

  it('a role keeps only the zones on the map, in its order', () => {
    const geo = geographyOf(['taipei', 'bashi-channel', 'fujian', 'taiwan-strait-south']);
    expect(geo.landingSectors).toEqual(['taipei']);
    expect(geo.strait).toEqual(['taiwan-strait-south']);
    expect(geo.blockadeLanes).toEqual(['taiwan-strait-south', 'bashi-channel']);
    expect(geo.japanCapital).toEqual([]);
  });

  it('a map without Kanto and the Philippine Sea west: the bots still play, patrol the Senkakus and aim at nothing off the map', () => {
    const raw = structuredClone(RAW_SCENARIOS['takaichi-2025']) as {
      id: string;
      zones: string[];
      units: { zone: string }[];
    };
    const gone = ['kanto', 'philippine-sea-west'];
    raw.id = 'takaichi-2025-small';
    raw.zones = raw.zones.filter((z) => !gone.includes(z));
    raw.units = raw.units.filter((u) => !gone.includes(u.zone));
    const r = resolveScenario(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const sc = r.value;
    const { state, rejected } = runMatch(sc, {}, 'small-map');
    expect(state.stage).toBe('ended');
    expect(rejected).toBe(0);
    const patrols = state.log
      .filter((e) => e.kind === 'patrol')
      .map((e) => (e.data as { zone: string }).zone);
    expect(patrols).toContain('senkaku');
    const named = state.log.flatMap((e) => {
      const d = e.data as Record<string, unknown>;
      return typeof d.zone === 'string' ? [d.zone] : [];
    });
    for (const z of named) expect(sc.zones).toContain(z);
  });
});
