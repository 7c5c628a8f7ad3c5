/**
 * Map geometry (DESIGN.md section 2): a Mercator projection of the theater, a camera
 * (zoom and centre) on top of it, the clipped coastlines from `virtual:theater`, and the
 * placement of each zone's label and unit symbols so that crowded areas (the Taiwan
 * Strait, the Sakishima islands) stay legible at any zoom.
 */

import theater from 'virtual:theater';
import { type GeoProjection, geoCircle, geoGraticule, geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, MultiPolygon } from 'geojson';

export const LAND: FeatureCollection<MultiPolygon> = theater;
export const GRATICULE = geoGraticule()
  .step([5, 5])
  .extent([
    [100, 5],
    [155, 50],
  ])();

type Box = readonly [readonly [number, number], readonly [number, number]];

/** Named views: [west, south], [east, north] in degrees. */
export const VIEWS: Readonly<Record<'theater' | 'strait' | 'japan', { label: string; box: Box }>> = {
  theater: {
    label: 'Theater',
    box: [
      [108, 12],
      [147, 44.5],
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

/** The camera that fits a box into a w×h viewport with some padding. */
export function cameraFor(box: Box, w: number, h: number, pad = 16): Camera {
  const p = geoMercator().fitExtent(
    [
      [pad, pad],
      [Math.max(pad + 1, w - pad), Math.max(pad + 1, h - pad)],
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

export const CHIP_W = 24;
export const CHIP_H = 16;
export const CHIP_GAP = 3;
const LABEL_H = 14;
const MAX_COLS = 4;

export interface CardInput {
  readonly id: string;
  readonly anchor: readonly [number, number];
  readonly label: string;
  readonly chips: number;
}

export interface Card extends CardInput {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly cols: number;
}

/**
 * Places one card (label and unit symbols) per zone just below its marker, then pushes
 * overlapping cards apart for a few dozen rounds; the board draws a leader line from a
 * moved card back to its marker.
 */
export function layoutCards(inputs: readonly CardInput[], w: number, h: number): Card[] {
  const cards = inputs.map((c) => {
    const cols = Math.max(1, Math.min(MAX_COLS, c.chips));
    const rows = c.chips === 0 ? 0 : Math.ceil(c.chips / cols);
    const cw = Math.max(c.label.length * 6.2 + 6, cols * (CHIP_W + CHIP_GAP) + CHIP_GAP);
    const ch = LABEL_H + rows * (CHIP_H + CHIP_GAP) + (rows > 0 ? CHIP_GAP : 0);
    return { ...c, cols, w: cw, h: ch, x: c.anchor[0] - cw / 2, y: c.anchor[1] + 8 };
  });
  const PAD = 3;
  for (let iter = 0; iter < 250; iter++) {
    let moved = false;
    for (let i = 0; i < cards.length; i++) {
      for (let j = i + 1; j < cards.length; j++) {
        const a = cards[i]!;
        const b = cards[j]!;
        const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) + PAD;
        const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) + PAD;
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        // Separate along the cheaper axis; ties go vertical, which keeps labels near their markers.
        if (ox < oy * 0.8) {
          const s = a.x + a.w / 2 < b.x + b.w / 2 || (a.x + a.w / 2 === b.x + b.w / 2 && i < j) ? -1 : 1;
          a.x += (s * ox) / 2;
          b.x -= (s * ox) / 2;
        } else {
          const s = a.y + a.h / 2 < b.y + b.h / 2 || (a.y + a.h / 2 === b.y + b.h / 2 && i < j) ? -1 : 1;
          a.y += (s * oy) / 2;
          b.y -= (s * oy) / 2;
        }
      }
    }
    for (const c of cards) {
      c.x = Math.min(Math.max(c.x, 2), Math.max(2, w - c.w - 2));
      c.y = Math.min(Math.max(c.y, 2), Math.max(2, h - c.h - 2));
    }
    if (!moved) break;
  }
  return cards;
}

/** Where chip `i` of a card sits, relative to the card's top-left corner. */
export function chipOffset(card: Card, i: number): [number, number] {
  const col = i % card.cols;
  const row = Math.floor(i / card.cols);
  const rowWidth = card.cols * (CHIP_W + CHIP_GAP) - CHIP_GAP;
  const left = (card.w - rowWidth) / 2;
  return [left + col * (CHIP_W + CHIP_GAP), LABEL_H + CHIP_GAP + row * (CHIP_H + CHIP_GAP)];
}

export const LABEL_HEIGHT = LABEL_H;
