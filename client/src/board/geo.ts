/**
 * Map geometry (DESIGN.md section 2): a Mercator projection of the theater, a camera
 * (zoom and centre) on top of it, the clipped coastlines from `virtual:theater`, and the
 * placement of each zone's label and unit symbols so that crowded areas (the Taiwan
 * Strait, the Sakishima islands) stay legible at any zoom and the islands stay visible.
 */

import theater from 'virtual:theater';
import { type GeoProjection, geoCircle, geoGraticule, geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, MultiPolygon } from 'geojson';

export const LAND: FeatureCollection<MultiPolygon> = theater;
export const GRATICULE = geoGraticule()
  .step([5, 5])
  .extent([
    [90, 0],
    [160, 55],
  ])();

export type Box = readonly [readonly [number, number], readonly [number, number]];

/** Named views: [west, south], [east, north] in degrees. */
export const VIEWS: Readonly<Record<'theater' | 'strait' | 'japan', { label: string; box: Box }>> = {
  theater: {
    label: 'Theater',
    box: [
      [107.5, 12.8],
      [146.2, 45.6],
    ],
  },
  strait: {
    label: 'Taiwan & Ryukyus',
    box: [
      [116.5, 20],
      [131, 33.5],
    ],
  },
  japan: {
    label: 'Japan',
    box: [
      [126, 25],
      [146, 45],
    ],
  },
};

export interface Camera {
  readonly center: readonly [number, number];
  readonly scale: number;
}

const corners = (box: Box) => ({
  type: 'MultiPoint' as const,
  coordinates: [
    [box[0][0], box[0][1]],
    [box[1][0], box[1][1]],
    [box[0][0], box[1][1]],
    [box[1][0], box[0][1]],
  ],
});

/**
 * The camera that fits a box into a w×h viewport with some padding, leaving `left` pixels
 * free on the left (where the selection card and the legend dock) when the viewport is wide,
 * and `top` pixels free at the top (under the map's floating controls).
 */
export function cameraFor(box: Box, w: number, h: number, pad = 16, left = 0, top = 0): Camera {
  const p = geoMercator().fitExtent(
    [
      [pad + left, pad + top],
      [Math.max(pad + left + 1, w - pad), Math.max(pad + top + 1, h - pad)],
    ],
    corners(box),
  );
  const c = p.invert?.([w / 2, h / 2]) ?? [127, 27];
  return { center: [c[0], c[1]], scale: p.scale() };
}

export function projectionFor(cam: Camera, w: number, h: number): GeoProjection {
  return geoMercator()
    .scale(cam.scale)
    .center([cam.center[0], cam.center[1]])
    .translate([w / 2, h / 2])
    .clipExtent([
      [0, 0],
      [w, h],
    ]);
}

export const MIN_SCALE = 300;
export const MAX_SCALE = 40000;

/** Zooms by `factor` keeping the geographic point under `(px, py)` fixed. */
export function zoomAt(cam: Camera, factor: number, px: number, py: number, w: number, h: number): Camera {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, cam.scale * factor));
  const before = projectionFor(cam, w, h);
  const geo = before.invert?.([px, py]);
  if (!geo) return cam;
  const after = projectionFor({ center: cam.center, scale }, w, h);
  const moved = after(geo);
  if (!moved) return cam;
  const c = after.invert?.([w / 2 + (moved[0] - px), h / 2 + (moved[1] - py)]);
  return c ? { center: [c[0], c[1]], scale } : cam;
}

/** Pans by a pixel offset. */
export function panBy(cam: Camera, dx: number, dy: number, w: number, h: number): Camera {
  const c = projectionFor(cam, w, h).invert?.([w / 2 - dx, h / 2 - dy]);
  return c ? { center: [c[0], c[1]], scale: cam.scale } : cam;
}

/** A range ring as an SVG path: the spherical circle of `km` around a point. */
export function ringPath(projection: GeoProjection, center: readonly [number, number], km: number): string {
  const circle = geoCircle()
    .center([center[0], center[1]])
    .radius(km / 111.195)
    .precision(2)();
  return geoPath(projection)(circle) ?? '';
}

/** One zone's label and unit symbols, placed as one box. */
export interface StackInput {
  readonly id: string;
  /** The zone's centroid on screen: where a leader line points when the box sits beside it. */
  readonly anchor: readonly [number, number];
  /** Where the box's centre would like to be. */
  readonly want: readonly [number, number];
  /** The box with its label, and without (symbols only; 0×0 when the zone shows no units). */
  readonly w: number;
  readonly h: number;
  readonly bareW: number;
  readonly bareH: number;
  /**
   * `fixed`: stays at `want` (large land zones); `island`: searches for room around a small
   * island, preferring open sea, with a leader line back; `sea`: searches for room near the
   * sea area's open middle.
   */
  readonly mode: 'fixed' | 'island' | 'sea';
  /** For an island: the direction of open sea, and how far the island reaches that way (px). */
  readonly outward: readonly [number, number];
  readonly clearance: number;
  /** How far from `want` a sea zone's box may go and stay in open water of its zone (px). */
  readonly room: number;
}

export interface Stack extends StackInput {
  readonly x: number;
  readonly y: number;
  /** The placed box (its label may have been left out for lack of room). */
  readonly bw: number;
  readonly bh: number;
  readonly showLabel: boolean;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const hits = (a: Rect, b: Rect, pad = 3) =>
  a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;

const DIRECTIONS: readonly (readonly [number, number])[] = Array.from({ length: 16 }, (_, i) => [
  Math.cos((i * Math.PI) / 8),
  Math.sin((i * Math.PI) / 8),
]);

/**
 * Places each zone's label and symbols. Large land zones keep theirs at the middle of
 * their land. Sea zones with units take the nearest free spot near the open middle of their
 * sea, then zones on small islands (crowded places first) the nearest free spot around
 * their island, preferring the direction of open sea, then the names of the other sea zones: never over an island (`islands`), another box,
 * the left dock (`left`) or the edge, and over open water (`landAt`) where it can. Where there is no room close by, the label is left
 * out (the zone's area, its tooltip and its name for screen readers remain) and only the
 * symbols are placed; a zone without units and without room shows no box at all.
 */
export function layoutStacks(
  inputs: readonly StackInput[],
  islands: readonly Rect[],
  w: number,
  h: number,
  left = 0,
  landAt: (x: number, y: number) => boolean = () => false,
): Stack[] {
  const taken: Rect[] = [...islands];
  const out = new Map<string, Stack>();
  const put = (c: StackInput, x: number, y: number, label: boolean) => {
    const bw = label ? c.w : c.bareW;
    const bh = label ? c.h : c.bareH;
    out.set(c.id, { ...c, x, y, bw, bh, showLabel: label });
    taken.push({ x, y, w: bw, h: bh });
  };
  for (const c of inputs) if (c.mode === 'fixed') put(c, c.want[0] - c.w / 2, c.want[1] - c.h / 2, true);
  const free = (x: number, y: number, bw: number, bh: number) =>
    x >= left + 2 &&
    y >= 2 &&
    x + bw <= w - 2 &&
    y + bh <= h - 2 &&
    !taken.some((t) => hits(t, { x, y, w: bw, h: bh }));
  /** The best free spot for a box of bw×bh within `maxR` of the anchor (island) or wanted centre (sea). */
  const search = (
    c: StackInput,
    bw: number,
    bh: number,
    maxR: number,
    wet: boolean,
  ): [number, number] | null => {
    const candidates: { x: number; y: number; score: number }[] = [];
    const island = c.mode === 'island';
    const from = island ? c.anchor : c.want;
    if (!island) candidates.push({ x: from[0] - bw / 2, y: from[1] - bh / 2, score: 0 });
    for (const d of DIRECTIONS) {
      const turn = island
        ? Math.acos(Math.max(-1, Math.min(1, d[0] * c.outward[0] + d[1] * c.outward[1])))
        : 0;
      const reach = island ? Math.abs(d[0]) * (bw / 2) + Math.abs(d[1]) * (bh / 2) + c.clearance + 3 : 0;
      for (let r = island ? 0 : 5; r <= maxR; r += 5) {
        const cx = from[0] + d[0] * (reach + r);
        const cy = from[1] + d[1] * (reach + r);
        candidates.push({ x: cx - bw / 2, y: cy - bh / 2, score: r + turn * 22 });
      }
    }
    /** Share of the box over land, from nine sample points. */
    const dry = (p: { x: number; y: number }) => {
      let n = 0;
      for (const fx of [0.1, 0.5, 0.9])
        for (const fy of [0.15, 0.5, 0.85]) if (landAt(p.x + fx * bw, p.y + fy * bh)) n++;
      return n / 9;
    };
    candidates.sort((a, b) => a.score - b.score);
    const ok = candidates.find((p) => free(p.x, p.y, bw, bh) && (!wet || dry(p) <= 0.12));
    return ok ? [ok.x, ok.y] : null;
  };
  const beside = inputs.filter((c) => c.mode === 'island');
  const crowd = (c: StackInput) =>
    beside.filter((o) => Math.hypot(o.anchor[0] - c.anchor[0], o.anchor[1] - c.anchor[1]) < 80).length;
  // Sea zones with units first (their open middle is away from the islands), then the
  // crowded islands, then the names of sea zones without units where room is left.
  const order = [
    ...inputs.filter((c) => c.mode === 'sea' && c.bareW > 0),
    ...[...beside].sort((a, b) => crowd(b) - crowd(a) || a.anchor[1] - b.anchor[1]),
    ...inputs.filter((c) => c.mode === 'sea' && c.bareW === 0),
  ];
  for (const c of order) {
    const near = c.mode === 'island' ? 60 : Math.max(30, c.room * 0.8);
    const hasUnits = c.bareW > 0;
    // Over open water if at all possible: a box over land reads as units on that land.
    const full = search(c, c.w, c.h, near, true);
    if (full) {
      put(c, full[0], full[1], true);
      continue;
    }
    if (!hasUnits) continue;
    const bare =
      search(c, c.bareW, c.bareH, near, true) ??
      search(c, c.bareW, c.bareH, 170, true) ??
      search(c, c.bareW, c.bareH, 170, false);
    if (bare) put(c, bare[0], bare[1], false);
    else put(c, c.want[0] - c.bareW / 2, c.want[1] - c.bareH / 2, false);
  }
  return inputs.flatMap((c) => {
    const s = out.get(c.id);
    return s ? [s] : [];
  });
}
