/**
 * Zones drawn as areas (issue 10, item 7): every zone on the map gets an area over the real
 * coastline, the areas barely overlap, and each zone's centroid falls in its own area. Unit
 * symbols: every unit type has a valid MIL-STD-2525C SIDC, framed by side.
 */
import ms from 'milsymbol';
import { describe, expect, it } from 'vitest';
import { clipTheater } from '../client/scripts/clip-theater.ts';
import { affiliationOf, ICON_BY_TYPE, iconOf, sidcOf } from '../client/src/board/symbols.ts';
import { areaOf, inRings, toPlane, zoneAreas, zoneAt } from '../client/src/board/zoneAreas.ts';
import { unitTypeById, ZONE_CATALOG } from '../game/index.ts';

const land = clipTheater();
const areas = zoneAreas(ZONE_CATALOG, land);
const byId = new Map(areas.map((a) => [a.id, a]));
const drawn = ZONE_CATALOG.filter((z) => z.kind !== 'pool');

describe('zone areas', () => {
  it('gives every zone on the map a non-empty area, and none to the off-map pool', () => {
    expect(areas.map((a) => a.id).sort()).toEqual(drawn.map((z) => z.id).sort());
    for (const a of areas) {
      expect(a.d.length, a.id).toBeGreaterThan(0);
      expect(areaOf(a), a.id).toBeGreaterThan(0);
    }
  });

  it('puts each centroid inside its own zone', () => {
    for (const z of drawn) expect(zoneAt(areas, toPlane(z.centroid[0], z.centroid[1])), z.id).toBe(z.id);
  });

  it('keeps land zones on land and sea zones on sea', () => {
    for (const a of areas) {
      const inside = a.surface === 'land' ? inRings(a.pole, a.land) : !inRings(a.pole, a.land);
      expect(inside, a.id).toBe(true);
    }
  });

  it('barely overlaps: almost every point of a grid lies in at most one area', () => {
    const seen = new Map<string, number>();
    let multi = 0;
    let total = 0;
    for (let lon = 105; lon <= 150; lon += 0.25)
      for (let lat = 10; lat <= 47; lat += 0.25) {
        const p = toPlane(lon, lat);
        const hits = areas.filter((a) => {
          if (!inRings(p, [a.cell])) return false;
          const onLand = inRings(p, a.land);
          return a.surface === 'land' ? onLand : !onLand;
        });
        if (hits.length > 0) total++;
        if (hits.length > 1) multi++;
        for (const h of hits) seen.set(h.id, (seen.get(h.id) ?? 0) + 1);
      }
    // Only an islet's disc may reach a nearby coast by a point or two (Kinmen off Xiamen).
    expect(multi).toBeLessThan(total * 0.001);
    // The large zones are large: Fujian, Kyushu and every sea zone hold many grid points.
    for (const id of ['fujian', 'kyushu', 'ecs-north', 'taiwan-strait-north', 'philippine-sea-east'])
      expect(seen.get(id) ?? 0, id).toBeGreaterThan(4);
  });

  it("points small islands towards open sea, Taiwan's west coast towards the strait", () => {
    for (const id of ['yonaguni', 'miyako', 'senkaku', 'penghu'])
      expect(byId.get(id)!.clearance, id).toBeLessThan(0.006);
    const taichung = byId.get('taichung')!;
    expect(taichung.outward[0]).toBeLessThan(0);
    const hualien = byId.get('hualien-taitung')!;
    expect(hualien.outward[0]).toBeGreaterThan(0);
  });
});

describe('unit symbols', () => {
  it('gives every unit type of the catalog a valid MIL-STD-2525C symbol, friend and hostile', () => {
    for (const t of unitTypeById.values()) {
      expect(ICON_BY_TYPE[t.id], t.id).toBeDefined();
      const icon = iconOf(t.name, t.category);
      expect(icon).toBe(ICON_BY_TYPE[t.id]);
      for (const aff of ['friend', 'hostile'] as const) {
        const sidc = sidcOf(icon, aff);
        expect(sidc, t.id).toHaveLength(15);
        expect(new ms.Symbol(sidc, {}).isValid(), `${t.id} ${sidc}`).toBe(true);
      }
    }
  });

  it('frames units by side as the viewing seat sees them', () => {
    expect(affiliationOf('china', 'japan')).toBe('hostile');
    expect(affiliationOf('us', 'japan')).toBe('friend');
    expect(affiliationOf('taiwan', 'us')).toBe('friend');
    expect(affiliationOf('japan', 'china')).toBe('hostile');
    expect(affiliationOf('china', 'china')).toBe('friend');
    expect(affiliationOf('china', null)).toBe('hostile');
    expect(sidcOf(ICON_BY_TYPE['cn-ddg']!, 'hostile')).toBe('SHSPCLDD-------');
    expect(sidcOf(ICON_BY_TYPE['tw-army']!, 'friend')).toBe('SFGPUCI----H---');
  });
});
