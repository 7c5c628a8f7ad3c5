/** Geography helpers over the zone catalog (DESIGN.md section 2): lookup, great-circle distance, reachability. */

import type { ZoneId } from '../types.ts';
import type { Domain } from './units.ts';
import { ZONE_CATALOG, type ZoneDef, type ZoneFeature } from './zones.ts';

export const zoneById: ReadonlyMap<ZoneId, ZoneDef> = new Map(ZONE_CATALOG.map((z) => [z.id, z]));

export function zoneDef(id: ZoneId): ZoneDef {
  const z = zoneById.get(id);
  if (!z) throw new Error(`internal: unknown zone ${id}`);
  return z;
}

const EARTH_KM = 6371.0088;
const rad = (d: number): number => (d * Math.PI) / 180;

/** Great-circle distance in km between two zone centroids (haversine). */
export function distanceKm(a: ZoneId, b: ZoneId): number {
  const ia = ZONE_INDEX.get(a);
  const ib = ZONE_INDEX.get(b);
  if (ia === undefined || ib === undefined) throw new Error(`internal: unknown zone ${a} or ${b}`);
  return DISTANCES[ia * ZONE_CATALOG.length + ib]!;
}

const within = new Map<string, readonly ZoneId[]>();

/** Every zone of the catalog within `km` of `zone`'s centroid (itself included), in catalog order; memoized. */
export function zonesWithinKm(zone: ZoneId, km: number): readonly ZoneId[] {
  const key = `${zone}|${km}`;
  let found = within.get(key);
  if (!found) {
    found = ZONE_CATALOG.filter((z) => distanceKm(zone, z.id) <= km).map((z) => z.id);
    within.set(key, found);
  }
  return found;
}

function haversineKm(a: ZoneId, b: ZoneId): number {
  const [lon1, lat1] = zoneDef(a).centroid;
  const [lon2, lat2] = zoneDef(b).centroid;
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const hasFeature = (id: ZoneId, f: ZoneFeature): boolean => zoneDef(id).features.includes(f);

/** Whether a unit of a domain may stand in a zone: ships at sea or in port, ground on land, aircraft at airbases. */
export function canStand(domain: Domain, id: ZoneId): boolean {
  const z = zoneDef(id);
  if (z.kind === 'pool') return true;
  if (domain === 'sea')
    return z.kind === 'sea' || z.features.includes('port') || z.features.includes('naval-base');
  if (domain === 'land') return z.kind === 'land' || z.kind === 'rear';
  return z.kind !== 'sea' && (z.features.includes('airbase') || z.kind === 'rear');
}

/**
 * Zones reachable within `steps` moves through zones in `active` the domain may pass:
 * ships pass through sea zones (a port is an end point), ground forces only over land
 * borders (or by sea lift through uncontested seas when `crossSea`), aircraft
 * anywhere (air moves are rebasings by range, see `AIR_REBASE_KM`).
 */
export function reachable(
  from: ZoneId,
  steps: number,
  domain: Domain,
  active: ReadonlySet<ZoneId>,
  crossSea = false,
): Map<ZoneId, number> {
  const dist = new Map<ZoneId, number>([[from, 0]]);
  let frontier: ZoneId[] = [from];
  for (let d = 1; d <= steps; d++) {
    const next: ZoneId[] = [];
    for (const id of frontier) {
      const z = zoneDef(id);
      if (d > 1 && domain === 'sea' && z.kind !== 'sea' && id !== from) continue; // ports end a sea move
      for (const n of z.adjacent) {
        if (!active.has(n) || dist.has(n)) continue;
        const nz = zoneDef(n);
        if (domain === 'land' && !crossSea && (nz.kind === 'sea' || z.kind === 'sea')) continue;
        if (domain === 'sea' && !canStand('sea', n) && nz.kind !== 'sea') continue;
        dist.set(n, d);
        next.push(n);
      }
    }
    frontier = next;
  }
  dist.delete(from);
  if (domain === 'land') for (const id of [...dist.keys()]) if (zoneDef(id).kind === 'sea') dist.delete(id);
  return dist;
}

/** Ferry range for rebasing aircraft in one round, km. */
export const AIR_REBASE_KM = 2500;

const ZONE_INDEX: ReadonlyMap<ZoneId, number> = new Map(ZONE_CATALOG.map((z, i) => [z.id, i]));
/** Pairwise great-circle distances of the fixed catalog, computed once. */
const DISTANCES: Float64Array = (() => {
  const n = ZONE_CATALOG.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) m[i * n + j] = haversineKm(ZONE_CATALOG[i]!.id, ZONE_CATALOG[j]!.id);
  return m;
})();
