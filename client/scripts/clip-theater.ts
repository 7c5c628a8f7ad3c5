/**
 * Build-time map data (DESIGN.md section 2): Natural Earth 1:10m land from `world-atlas`,
 * converted with topojson-client and clipped to the First Island Chain theater, so the
 * browser loads a few hundred kilobytes instead of the whole world. Yonaguni, the
 * Senkakus (Uotsuri-shima) and Guam are all in the 10m data.
 *
 * Used by the `virtual:theater` Vite plugin (vite.config.ts) in `vite build` and `vite`;
 * run directly (`node --import tsx client/scripts/clip-theater.ts [out.json]`) it writes
 * the clipped GeoJSON to a file, `dist/theater.json` by default.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * The clip box in degrees: the playing area (lon 108–147, lat 12–46) plus a margin wide
 * enough that a wide board, which keeps its left side free for the selection card and the
 * legend, still shows coastline there.
 */
export const CLIP_BOX = { west: 94, east: 158, south: 4, north: 52 } as const;
/** Coordinates are rounded to this many decimals (0.001° ≈ 110 m). */
const DECIMALS = 3;
/** Points closer than this to the previous kept point are dropped (degrees), except on small rings. */
const MIN_STEP = 0.012;

type Ring = Position[];
type Edge = { inside: (p: Position) => boolean; cut: (a: Position, b: Position) => Position };

const lerp = (a: Position, b: Position, t: number): Position => [
  a[0]! + (b[0]! - a[0]!) * t,
  a[1]! + (b[1]! - a[1]!) * t,
];

const EDGES: readonly Edge[] = [
  {
    inside: (p) => p[0]! >= CLIP_BOX.west,
    cut: (a, b) => lerp(a, b, (CLIP_BOX.west - a[0]!) / (b[0]! - a[0]!)),
  },
  {
    inside: (p) => p[0]! <= CLIP_BOX.east,
    cut: (a, b) => lerp(a, b, (CLIP_BOX.east - a[0]!) / (b[0]! - a[0]!)),
  },
  {
    inside: (p) => p[1]! >= CLIP_BOX.south,
    cut: (a, b) => lerp(a, b, (CLIP_BOX.south - a[1]!) / (b[1]! - a[1]!)),
  },
  {
    inside: (p) => p[1]! <= CLIP_BOX.north,
    cut: (a, b) => lerp(a, b, (CLIP_BOX.north - a[1]!) / (b[1]! - a[1]!)),
  },
];

/** Sutherland–Hodgman against the (convex) clip box, in plain lon/lat; keeps the ring's winding. */
function clipRing(ring: Ring): Ring {
  let out = ring.slice(0, -1);
  for (const e of EDGES) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!;
      const prev = input[(i + input.length - 1) % input.length]!;
      if (e.inside(cur)) {
        if (!e.inside(prev)) out.push(e.cut(prev, cur));
        out.push(cur);
      } else if (e.inside(prev)) out.push(e.cut(prev, cur));
    }
    if (out.length === 0) return [];
  }
  return out.length >= 3 ? [...out, out[0]!] : [];
}

const factor = 10 ** DECIMALS;
const round = (p: Position): Position => [
  Math.round(p[0]! * factor) / factor,
  Math.round(p[1]! * factor) / factor,
];

/** Rounds and thins a closed ring; small rings (islets such as the Senkakus) keep every distinct point. */
function thin(ring: Ring): Ring {
  const pts = ring.map(round);
  const extent = Math.max(
    Math.max(...pts.map((p) => p[0]!)) - Math.min(...pts.map((p) => p[0]!)),
    Math.max(...pts.map((p) => p[1]!)) - Math.min(...pts.map((p) => p[1]!)),
  );
  const step = extent < 0.3 ? 0 : MIN_STEP;
  const out: Position[] = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (last && Math.abs(p[0]! - last[0]!) <= step && Math.abs(p[1]! - last[1]!) <= step) continue;
    out.push(p);
  }
  const first = out[0];
  if (first && out.length > 1) {
    const last = out[out.length - 1]!;
    if (last[0] !== first[0] || last[1] !== first[1]) out.push(first);
  }
  return out.length >= 4 ? out : [];
}

function bboxHits(ring: Ring): boolean {
  let w = Infinity;
  let e = -Infinity;
  let s = Infinity;
  let n = -Infinity;
  for (const p of ring) {
    w = Math.min(w, p[0]!);
    e = Math.max(e, p[0]!);
    s = Math.min(s, p[1]!);
    n = Math.max(n, p[1]!);
  }
  return e >= CLIP_BOX.west && w <= CLIP_BOX.east && n >= CLIP_BOX.south && s <= CLIP_BOX.north;
}

/** The clipped land polygons as one GeoJSON feature collection (a single MultiPolygon). */
export function clipTheater(landTopologyPath?: string): FeatureCollection<MultiPolygon> {
  const path = landTopologyPath ?? createRequire(import.meta.url).resolve('world-atlas/land-10m.json');
  const topo = JSON.parse(readFileSync(path, 'utf8')) as Topology<{ land: GeometryCollection }>;
  const land = feature(topo, topo.objects.land) as FeatureCollection<Polygon | MultiPolygon>;
  const polygons: Position[][][] = [];
  for (const f of land.features) {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys) {
      const outer = poly[0];
      if (!outer || !bboxHits(outer)) continue;
      const shell = thin(clipRing(outer));
      if (shell.length < 4) continue;
      const holes = poly
        .slice(1)
        .filter(bboxHits)
        .map((r) => thin(clipRing(r)))
        .filter((r) => r.length >= 4);
      polygons.push([shell, ...holes]);
    }
  }
  const out: Feature<MultiPolygon> = {
    type: 'Feature',
    properties: { source: 'Natural Earth 1:10m land via world-atlas 2.0.2', clip: CLIP_BOX },
    geometry: { type: 'MultiPolygon', coordinates: polygons },
  };
  return { type: 'FeatureCollection', features: [out] };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && resolve(process.argv[1]) === self) {
  const target = resolve(process.argv[2] ?? resolve(dirname(self), '../../dist/theater.json'));
  const fc = clipTheater();
  mkdirSync(dirname(target), { recursive: true });
  const text = JSON.stringify(fc);
  writeFileSync(target, text);
  const n = fc.features[0]!.geometry.coordinates.length;
  console.log(`wrote ${target}: ${n} polygons, ${(text.length / 1024).toFixed(0)} KiB`);
}
