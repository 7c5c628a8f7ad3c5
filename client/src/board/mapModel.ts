/**
 * What the map draws, derived from the match model (presentation only, no rules): the zone
 * areas (computed once per set of zones), units grouped into symbols, who holds a zone,
 * the coastline as a pixel mask for placing boxes over water, and the nearest zone in an
 * arrow key's direction.
 */
import type { Faction } from '../../../game/index.ts';
import type { MatchModel, UnitVM, ZoneVM } from '../match/model.ts';
import { LAND } from './geo.ts';
import { affiliationOf, iconLabel, iconOf, sidcOf } from './symbols.ts';
import { type Pt, type ZoneArea, zoneAreas } from './zoneAreas.ts';

export const FACTION_ORDER: readonly Faction[] = ['japan', 'us', 'taiwan', 'china'];

/** Areas are computed once per set of zones (about half a second) and shared. */
const areaCache = new Map<string, readonly ZoneArea[]>();
export function areasFor(model: MatchModel): readonly ZoneArea[] {
  const key = model.zones.map((z) => z.def.id).join(',');
  let hit = areaCache.get(key);
  if (!hit) {
    hit = zoneAreas(
      model.zones.map((z) => z.def),
      LAND,
    );
    areaCache.set(key, hit);
  }
  return hit;
}

export interface Group {
  readonly key: string;
  readonly units: readonly UnitVM[];
  readonly sidc: string;
  readonly label: string;
  readonly affiliation: ReturnType<typeof affiliationOf>;
}

/**
 * A zone's units grouped for drawing, friends first, in a stable order: zoomed in, one group
 * per faction and type icon; zoomed out, one per faction, drawn with the icon of its most
 * numerous type (the badge counts all its units).
 */
export function groupUnits(units: readonly UnitVM[], viewer: Faction | null, detailed: boolean): Group[] {
  const groups = new Map<string, UnitVM[]>();
  for (const u of units) {
    const icon = iconOf(u.typeName, u.category);
    const k = `${FACTION_ORDER.indexOf(u.faction)}${detailed ? `|${icon.dim}|${icon.fn}|${icon.echelon ?? ''}` : ''}`;
    const g = groups.get(k);
    if (g) g.push(u);
    else groups.set(k, [u]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => {
      const counts = new Map<string, { n: number; u: UnitVM }>();
      for (const u of g) {
        const l = iconLabel(iconOf(u.typeName, u.category));
        const c = counts.get(l);
        if (c) c.n++;
        else counts.set(l, { n: 1, u });
      }
      const top = [...counts.values()].sort((a, b) => b.n - a.n)[0]!.u;
      const icon = iconOf(top.typeName, top.category);
      const affiliation = affiliationOf(top.faction, viewer);
      return { key, units: g, sidc: sidcOf(icon, affiliation), label: iconLabel(icon), affiliation };
    });
}

/** A zone's name zoomed out: its first place name ("Taipei" for "Taipei–Keelung–Taoyuan"). */
export const shortName = (name: string): string => name.split('–')[0]!.replace(/ Islands$/, '');

/** Whether a screen pixel is land, from the coastline drawn into an offscreen canvas at a quarter of the size. */
export function landMask(landD: string, w: number, h: number): (x: number, y: number) => boolean {
  const q = 4;
  const cw = Math.ceil(w / q);
  const ch = Math.ceil(h / q);
  const canvas = document.createElement('canvas');
  canvas.width = cw;
  canvas.height = ch;
  const ctx = canvas.getContext('2d');
  if (!ctx) return () => false;
  ctx.scale(1 / q, 1 / q);
  ctx.fill(new Path2D(landD));
  const data = ctx.getImageData(0, 0, cw, ch).data;
  return (x, y) => {
    const i = Math.floor(y / q) * cw + Math.floor(x / q);
    return x >= 0 && y >= 0 && x < w && y < h && (data[i * 4 + 3] ?? 0) > 127;
  };
}

const FACTION_SET: ReadonlySet<string> = new Set(FACTION_ORDER);
/** Who holds a land zone: whoever took it, else the country it belongs to (the Philippines: nobody in the game). */
export const holderOf = (z: ZoneVM): Faction | null =>
  z.controller ?? (FACTION_SET.has(z.def.country) ? (z.def.country as Faction) : null);
/** A zone held by a faction other than its country's (taken in the fighting). */
export const occupied = (z: ZoneVM): boolean => z.controller !== null && z.controller !== z.def.country;

export const DIRS: Readonly<Record<string, Pt>> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The nearest zone from `from` in an arrow's direction (plane coordinates, y down). */
export function nextZone(areas: readonly ZoneArea[], from: ZoneArea, dir: Pt): ZoneArea | null {
  let best: ZoneArea | null = null;
  let bestScore = Infinity;
  for (const a of areas) {
    if (a === from) continue;
    const vx = a.site[0] - from.site[0];
    const vy = a.site[1] - from.site[1];
    const d = Math.hypot(vx, vy);
    const cos = (vx * dir[0] + vy * dir[1]) / d;
    if (cos < 0.35) continue;
    const score = d * (1 + 2.5 * (1 - cos));
    if (score < bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return best;
}
