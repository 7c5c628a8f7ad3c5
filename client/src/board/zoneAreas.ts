/**
 * Zones drawn as areas (DESIGN.md section 2; issue 10, item 7). Each zone's area is its
 * Voronoi cell among zones of its own kind — land zones among land zones, sea zones among
 * sea zones — cut to the coastline: a land zone keeps the land inside its cell, a sea zone
 * the sea. Places that belong to no zone (Korea, inland China, Vietnam, the southern
 * Philippines, the Sea of Japan…) get sites of their own that are not drawn, so no zone
 * claims them; a land cell also never reaches more than {@link LAND_REACH} from its centroid.
 *
 * Pure geometry, no DOM: everything is computed in a fixed plane, Mercator in radians with
 * y pointing down, so the board draws all areas once and moves them with one affine
 * transform (`screen = k · p + t`).
 */
import { Delaunay } from 'd3-delaunay';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type Pt = readonly [number, number];
export type Ring = readonly Pt[];

export interface ZoneSite {
  readonly id: string;
  readonly kind: 'land' | 'sea' | 'rear' | 'pool';
  readonly centroid: readonly [number, number];
}

export interface ZoneArea {
  readonly id: string;
  /** `land` for land and rear zones, `sea` for sea zones. */
  readonly surface: 'land' | 'sea';
  /** The Voronoi cell (convex, planar). */
  readonly cell: Ring;
  /** The land inside the cell: a land zone's area, or the holes in a sea zone's area. */
  readonly land: readonly Ring[];
  /** SVG path data of the area in the plane (even-odd fill rule). */
  readonly d: string;
  /** The centroid in the plane. */
  readonly site: Pt;
  /** Pole of inaccessibility of the area: the point farthest inside it, and that distance. */
  readonly pole: Pt;
  readonly inradius: number;
  /** Unit vector from the centroid towards open sea (for labels and symbols beside small islands). */
  readonly outward: Pt;
  /** Distance from the centroid along `outward` to the first sea beyond the zone's land. */
  readonly clearance: number;
}

const RAD = Math.PI / 180;
/** Mercator in radians, y down: the plane every area is computed and drawn in. */
export const toPlane = (lon: number, lat: number): Pt => [
  lon * RAD,
  -Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)),
];
export const fromPlane = (p: Pt): [number, number] => [
  p[0] / RAD,
  (2 * Math.atan(Math.exp(-p[1])) - Math.PI / 2) / RAD,
];

/** The box the areas fill: [west, south], [east, north] in degrees. */
export const AREA_BOX = [
  [104, 9],
  [151, 47.5],
] as const;
/** A land cell reaches at most this far from its centroid (plane units, ≈ 3.3° of longitude). */
export const LAND_REACH = 0.058;

/** Land not in any zone, and seas outside the theater's sea zones: sites that are never drawn. */
export const UNZONED_LAND: readonly Pt[] = [
  [127.5, 37.0], // South Korea
  [126.8, 40.3], // North Korea
  [132.5, 44.5], // Primorye
  [140.9, 39.2], // Tohoku
  [117.0, 36.3], // Shandong
  [116.5, 32.3], // Anhui
  [114.5, 28.8], // Jiangxi–Hunan
  [108.5, 23.8], // Guangxi
  [106.0, 16.5], // Vietnam
  [105.8, 21.0], // Hanoi
  [121.0, 14.6], // Manila
  [123.5, 11.0], // Visayas
];
export const UNZONED_SEA: readonly Pt[] = [
  [134.5, 39.5], // Sea of Japan
  [122.5, 36.5], // Yellow Sea
  [107.5, 19.5], // Gulf of Tonkin
  [147.5, 40.5], // Pacific off Tohoku
  [122.0, 12.0], // Philippine inland seas
];

const surfaceOf = (kind: ZoneSite['kind']): 'land' | 'sea' | null =>
  kind === 'sea' ? 'sea' : kind === 'land' || kind === 'rear' ? 'land' : null;

/** Sutherland–Hodgman: a (possibly concave) ring clipped to a convex ring. */
export function clipToConvex(subject: Ring, clip: Ring): Pt[] {
  let out: Pt[] = subject.slice();
  const n = clip.length;
  const ccw = signedArea(clip) > 0;
  for (let i = 0; i < n && out.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % n]!;
    if (a[0] === b[0] && a[1] === b[1]) continue;
    const side = (p: Pt) => {
      const c = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
      return ccw ? c >= 0 : c <= 0;
    };
    const cut = (p: Pt, q: Pt): Pt => {
      const d1 = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
      const d2 = (b[0] - a[0]) * (q[1] - a[1]) - (b[1] - a[1]) * (q[0] - a[0]);
      const t = d1 / (d1 - d2);
      return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
    };
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const cur = input[j]!;
      const prev = input[(j + input.length - 1) % input.length]!;
      if (side(cur)) {
        if (!side(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (side(prev)) out.push(cut(prev, cur));
    }
  }
  return out.length >= 3 ? out : [];
}

export function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/** Even-odd point in rings (holes are rings too). */
export function inRings(p: Pt, rings: readonly Ring[]): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const a = r[i]!;
      const b = r[j]!;
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0])
        inside = !inside;
    }
  }
  return inside;
}

function segDist(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l = dx * dx + dy * dy;
  const t = l === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

const ringBoxes = new WeakMap<Ring, Bbox>();
/** Distance from a point to the nearest edge of some rings; rings whose box is farther are skipped. */
function edgeDist(p: Pt, rings: readonly Ring[]): number {
  let m = Infinity;
  for (const r of rings) {
    let b = ringBoxes.get(r);
    if (!b) {
      b = bboxOf([r]);
      ringBoxes.set(r, b);
    }
    const dx = Math.max(b.x0 - p[0], 0, p[0] - b.x1);
    const dy = Math.max(b.y0 - p[1], 0, p[1] - b.y1);
    if (dx >= m || dy >= m) continue;
    for (let i = 0; i < r.length; i++) m = Math.min(m, segDist(p, r[i]!, r[(i + 1) % r.length]!));
  }
  return m;
}

interface Bbox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}
const bboxOf = (rings: readonly Ring[]): Bbox => {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rings)
    for (const p of r) {
      x0 = Math.min(x0, p[0]);
      y0 = Math.min(y0, p[1]);
      x1 = Math.max(x1, p[0]);
      y1 = Math.max(y1, p[1]);
    }
  return { x0, y0, x1, y1 };
};
const overlaps = (a: Bbox, b: Bbox) => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;

/**
 * The pole of inaccessibility of a region (`inside` tells membership, `rings` its edges),
 * by a grid search over the bounding box refined twice around the best point.
 */
function pole(box: Bbox, inside: (p: Pt) => boolean, rings: readonly Ring[], fallback: Pt): [Pt, number] {
  let best: Pt = fallback;
  let bestD = inside(fallback) ? edgeDist(fallback, rings) : -1;
  let cx = (box.x0 + box.x1) / 2;
  let cy = (box.y0 + box.y1) / 2;
  let hw = (box.x1 - box.x0) / 2;
  let hh = (box.y1 - box.y0) / 2;
  for (let round = 0; round < 3; round++) {
    const N = round === 0 ? 20 : 8;
    for (let i = 0; i <= N; i++)
      for (let j = 0; j <= N; j++) {
        const p: Pt = [cx - hw + (2 * hw * i) / N, cy - hh + (2 * hh * j) / N];
        if (!inside(p)) continue;
        const d = edgeDist(p, rings);
        if (d > bestD) {
          bestD = d;
          best = p;
        }
      }
    cx = best[0];
    cy = best[1];
    hw /= 4;
    hh /= 4;
  }
  return [best, Math.max(0, bestD)];
}

const ringD = (r: Ring) => `M${r.map((p) => `${p[0].toFixed(5)},${p[1].toFixed(5)}`).join('L')}Z`;

function circle(c: Pt, r: number, n = 32): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    out.push([c[0] + r * Math.cos(a), c[1] + r * Math.sin(a)]);
  }
  return out;
}

/** The land polygons (outer ring and holes) in the plane. */
export function landRings(land: FeatureCollection<MultiPolygon | Polygon>): Ring[][] {
  const out: Ring[][] = [];
  for (const f of land.features) {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys)
      out.push(poly.map((ring) => ring.slice(0, -1).map((p) => toPlane(p[0]!, p[1]!))));
  }
  return out;
}

const OUTWARD: readonly Pt[] = Array.from({ length: 16 }, (_, i) => [
  Math.cos((i * Math.PI) / 8),
  Math.sin((i * Math.PI) / 8),
]);

/** A zone on an islet (its nearest land is smaller than this, plane units²) is drawn as a disc around it. */
const ISLET_AREA = 1e-4;
const ISLET_R = [0.0012, 0.006] as const;

/**
 * Every drawn zone's area. Zones of kind `pool` (off the map) get none. Zones on islets
 * (the Sakishima and Senkaku islands, Okinawa, Amami, Penghu, Kinmen, Guam) are drawn as a
 * disc around their islands, clipped to their cell, so that they stay visible and clickable
 * at any zoom; the sea zones around them leave those discs out.
 */
export function zoneAreas(
  sites: readonly ZoneSite[],
  land: FeatureCollection<MultiPolygon | Polygon>,
): ZoneArea[] {
  const polys = landRings(land).map((rings) => ({
    rings,
    box: bboxOf(rings.slice(0, 1)),
    area: Math.abs(signedArea(rings[0] ?? [])),
  }));
  const onLand = (p: Pt) => {
    for (const poly of polys)
      if (p[0] >= poly.box.x0 && p[0] <= poly.box.x1 && p[1] >= poly.box.y0 && p[1] <= poly.box.y1)
        if (inRings(p, poly.rings)) return true;
    return false;
  };
  const nearestPoly = (p: Pt) => {
    let best = polys[0];
    let bestD = Infinity;
    for (const poly of polys) {
      const bx = Math.max(poly.box.x0 - p[0], 0, p[0] - poly.box.x1);
      const by = Math.max(poly.box.y0 - p[1], 0, p[1] - poly.box.y1);
      if (Math.hypot(bx, by) > bestD) continue;
      const d = inRings(p, poly.rings) ? 0 : edgeDist(p, poly.rings.slice(0, 1));
      if (d < bestD) {
        bestD = d;
        best = poly;
      }
    }
    return best;
  };
  const b0 = toPlane(AREA_BOX[0][0], AREA_BOX[1][1]);
  const bounds = (() => {
    const b1 = toPlane(AREA_BOX[1][0], AREA_BOX[0][1]);
    return [b0[0], b0[1], b1[0], b1[1]] as const;
  })();
  const cellsOf = (points: readonly Pt[], n: number, reach: number | null): Pt[][] => {
    const v = Delaunay.from(points.map((p) => [p[0], p[1]] as [number, number])).voronoi([...bounds]);
    return Array.from({ length: n }, (_, i) => {
      const raw = (v.cellPolygon(i) ?? []).slice(0, -1) as Pt[];
      return reach === null ? raw : clipToConvex(raw, circle(points[i]!, reach));
    });
  };
  const piecesIn = (cell: Ring, keep: (poly: (typeof polys)[number]) => boolean): Ring[] => {
    const cellBox = bboxOf([cell]);
    const pieces: Ring[] = [];
    for (const poly of polys) {
      if (!overlaps(poly.box, cellBox) || !keep(poly)) continue;
      for (const r of poly.rings) {
        const c = clipToConvex(r, cell);
        if (c.length >= 3) pieces.push(c);
      }
    }
    return pieces;
  };

  const landSites = sites.filter((s) => surfaceOf(s.kind) === 'land');
  const seaSites = sites.filter((s) => surfaceOf(s.kind) === 'sea');
  const plane = (s: ZoneSite) => toPlane(s.centroid[0], s.centroid[1]);
  const isIslet = (s: ZoneSite) => (nearestPoly(plane(s))?.area ?? 0) < ISLET_AREA;
  const islets = landSites.filter(isIslet);
  const mainland = landSites.filter((s) => !isIslet(s));
  const unzoned = UNZONED_LAND.map((p) => toPlane(p[0], p[1]));

  // Islets: a disc covering the small islands of the zone's cell among all land zones.
  const allCells = cellsOf([...landSites.map(plane), ...unzoned], landSites.length, LAND_REACH);
  const discs = new Map<string, { disc: Pt[]; r: number; site: Pt }>();
  for (const s of islets) {
    const site = plane(s);
    const cell = allCells[landSites.indexOf(s)]!;
    let r: number = ISLET_R[0];
    for (const piece of piecesIn(cell, (poly) => poly.area < ISLET_AREA))
      for (const p of piece) r = Math.max(r, Math.hypot(p[0] - site[0], p[1] - site[1]) + 0.002);
    // Never over a large coast nearby (Kinmen lies a few kilometres off Xiamen).
    let coast = Infinity;
    for (const poly of polys)
      if (poly.area >= ISLET_AREA && overlaps(poly.box, bboxOf([circle(site, ISLET_R[1])])))
        coast = Math.min(coast, edgeDist(site, poly.rings.slice(0, 1)));
    r = Math.max(ISLET_R[0], Math.min(r, ISLET_R[1], coast - 0.0003));
    discs.set(s.id, { disc: clipToConvex(circle(site, r), cell), r, site });
  }
  const inAnyDisc = (ring: Ring) =>
    [...discs.values()].some((d) => ring.every((p) => Math.hypot(p[0] - d.site[0], p[1] - d.site[1]) <= d.r));

  const out: ZoneArea[] = [];
  const mainCells = cellsOf([...mainland.map(plane), ...unzoned], mainland.length, LAND_REACH);
  for (const s of landSites) {
    const site = plane(s);
    const islet = discs.get(s.id);
    const pieces = islet ? [islet.disc] : piecesIn(mainCells[mainland.indexOf(s)]!, () => true);
    const cell = islet ? islet.disc : mainCells[mainland.indexOf(s)]!;
    const [pt, r] = islet ? [site, islet.r] : pole(bboxOf(pieces), (p) => inRings(p, pieces), pieces, site);
    out.push({
      id: s.id,
      surface: 'land',
      cell,
      land: pieces,
      d: pieces.map(ringD).join(''),
      site,
      pole: pt,
      inradius: r,
      ...outwardOf(site, onLand),
    });
  }
  const seaCells = cellsOf(
    [...seaSites.map(plane), ...UNZONED_SEA.map((p) => toPlane(p[0], p[1]))],
    seaSites.length,
    null,
  );
  seaSites.forEach((s, i) => {
    const site = plane(s);
    const cell = seaCells[i]!;
    const holes = [
      ...piecesIn(cell, () => true).filter((r) => !inAnyDisc(r)),
      ...[...discs.values()].map((d) => clipToConvex(d.disc, cell)).filter((r) => r.length >= 3),
    ];
    const inside = (p: Pt) => inRings(p, [cell]) && !inRings(p, holes);
    const [pt, r] = pole(bboxOf([cell]), inside, [cell, ...holes], site);
    out.push({
      id: s.id,
      surface: 'sea',
      cell,
      land: holes,
      d: [cell, ...holes].map(ringD).join(''),
      site,
      pole: pt,
      inradius: r,
      // Sea zones place their boxes in their own open water: no seaward direction needed.
      outward: [1, 0],
      clearance: 0,
    });
  });
  return out;
}

/** The direction from a centroid with the most sea close by, and how far the land goes that way. */
function outwardOf(site: Pt, onLand: (p: Pt) => boolean): { outward: Pt; clearance: number } {
  const STEP = 0.0025;
  let best: Pt = [1, 0];
  let bestScore = -1;
  let bestClear = 0;
  for (const d of OUTWARD) {
    let score = 0;
    let clear = -1;
    for (let k = 1; k <= 16; k++) {
      const p: Pt = [site[0] + d[0] * k * STEP, site[1] + d[1] * k * STEP];
      const land = onLand(p);
      if (!land) {
        score += 17 - k;
        if (clear < 0) clear = k * STEP;
      }
    }
    // East and south first on ties: away from the mainland, towards the open ocean.
    const tie = d[0] * 0.01 + d[1] * 0.005;
    if (score + tie > bestScore) {
      bestScore = score + tie;
      best = d;
      bestClear = clear < 0 ? 16 * STEP : clear;
    }
  }
  return { outward: best, clearance: bestClear };
}

/** The zone whose area holds a point of the plane, or null (unzoned or off the map). */
export function zoneAt(areas: readonly ZoneArea[], p: Pt): string | null {
  // Islets first: their discs may reach over a nearby coast (Kinmen off Xiamen).
  const order = [...areas].sort((a, b) => Number(isDisc(b)) - Number(isDisc(a)));
  for (const a of order) {
    if (!inRings(p, [a.cell])) continue;
    const land = inRings(p, a.land);
    if (a.surface === 'land' ? land : !land) return a.id;
  }
  return null;
}

/** Area of a zone (plane units²): the land pieces for land zones, the cell less its land for sea zones. */
export function areaOf(a: ZoneArea): number {
  const land = a.land.reduce((s, r) => s + signedArea(r), 0);
  return Math.abs(a.surface === 'land' ? land : Math.abs(signedArea(a.cell)) - Math.abs(land));
}

/** Whether a land zone is drawn as an islet disc (its area is its cell). */
export const isDisc = (a: ZoneArea): boolean =>
  a.surface === 'land' && a.land.length === 1 && a.land[0] === a.cell;
