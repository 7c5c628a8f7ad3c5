/**
 * The board (DESIGN.md section 2): real coastlines, every zone drawn as an area (its
 * Voronoi cell cut to land or sea, see zoneAreas.ts) filled by kind and holder, the seat's
 * visible units as MIL-STD-2525 symbols (milsymbol) grouped by type with a count and a
 * strength bar, a legend, highlights for the selected unit's legal destinations and strike
 * targets (from the model, i.e. from `legalOrders`), and range rings for its weapons.
 * Drag to pan, wheel or buttons to zoom. The zones are one tab stop: arrow keys move
 * between them, Enter selects. A projector mode (remembered) enlarges type and symbols.
 */

import { geoPath } from 'd3-geo';
import {
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Faction } from '../../../game/index.ts';
import type { MatchModel, UnitVM } from '../match/model.ts';
import { FACTION_COLOR, titleCase } from '../theme.ts';
import {
  type Camera,
  cameraFor,
  GRATICULE,
  LAND,
  layoutStacks,
  panBy,
  projectionFor,
  type Rect,
  ringPath,
  type StackInput,
  VIEWS,
  zoomAt,
} from './geo.ts';
import { type Hover, renderHover } from './HoverBox.tsx';
import { Legend, type LegendSymbol, type LegendZones } from './Legend.tsx';
import {
  areasFor,
  DIRS,
  FACTION_ORDER,
  type Group,
  groupUnits,
  holderOf,
  landMask,
  nextZone,
  occupied,
  shortName,
} from './mapModel.ts';
import { useProjectorMode } from './projector.ts';
import { UnitSymbol } from './UnitSymbol.tsx';
import { fromPlane, isDisc, type Pt } from './zoneAreas.ts';
import './map.css';

export interface Highlights {
  readonly moves: ReadonlySet<string>;
  readonly strikes: ReadonlySet<string>;
}

interface Props {
  readonly model: MatchModel;
  readonly selectedUnit: string | null;
  readonly selectedZone: string | null;
  readonly highlights: Highlights;
  readonly onZone: (zone: string | null) => void;
  readonly onUnits: (units: readonly UnitVM[]) => void;
}

/** Width of the left dock (selection card and legend) kept free by the default views when the map is wide. */
const DOCK = 292;
const DOCK_PROJECTOR = 368;

export function MapView({ model, selectedUnit, selectedZone, highlights, onZone, onUnits }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const controlsRef = useRef<HTMLDivElement>(null);
  const [controlsH, setControlsH] = useState(0);
  const svgRef = useRef<SVGSVGElement>(null);
  const zoneRefs = useRef(new Map<string, SVGElement>());
  const [size, setSize] = useState({ w: 800, h: 600 });
  const [cam, setCam] = useState<Camera | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [projector, setProjector] = useProjectorMode();
  const [roving, setRoving] = useState<string | null>(null);
  const drag = useRef<{ x: number; y: number; cam: Camera; moved: boolean } | null>(null);
  const { w, h } = size;

  // Measured before the first paint too: a loaded machine otherwise shows the 800×600 default
  // for a while before the observer's first report (the seminar browser test caught it).
  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const measure = (r: { readonly width: number; readonly height: number }) => {
      const next = { w: Math.max(200, Math.round(r.width)), h: Math.max(200, Math.round(r.height)) };
      setSize((s) => (s.w === next.w && s.h === next.h ? s : next));
      // The controls float over the map's top edge (two rows on a phone): the views fit below them.
      const bar = Math.round(controlsRef.current?.getBoundingClientRect().height ?? 0);
      setControlsH((h) => (h === bar ? h : bar));
    };
    measure(el.getBoundingClientRect());
    const ro = new ResizeObserver(([entry]) => {
      if (entry) measure(entry.contentRect);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  /** The left dock is kept free when the map is wide enough to spare it. */
  const dockW = projector ? DOCK_PROJECTOR : DOCK;
  const dock = w - dockW >= Math.max(360, h * 0.6) ? dockW : 0;
  const fitView = useCallback(
    (box: (typeof VIEWS)[keyof typeof VIEWS]['box']) => cameraFor(box, w, h, 14, dock, controlsH),
    [w, h, dock, controlsH],
  );
  const camera = cam ?? fitView(VIEWS.theater.box);
  const theaterScale = fitView(VIEWS.theater.box).scale;
  const detailed = camera.scale >= theaterScale * 1.6;
  const projection = useMemo(() => projectionFor(camera, w, h), [camera, w, h]);
  const path = useMemo(() => geoPath(projection), [projection]);
  const landD = useMemo(() => path(LAND) ?? '', [path]);
  const gratD = useMemo(() => path(GRATICULE) ?? '', [path]);
  const areas = useMemo(() => areasFor(model), [model]);
  const areaById = useMemo(() => new Map(areas.map((a) => [a.id, a])), [areas]);
  /** Plane → screen: `screen = k · p + t`. */
  const k = projection.scale();
  const t = projection([0, 0]) ?? [0, 0];
  const toScreen = useCallback((p: Pt): [number, number] => [t[0] + k * p[0], t[1] + k * p[1]], [t, k]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      const f = Math.exp(-e.deltaY * 0.0015);
      setCam((c) => zoomAt(c ?? fitView(VIEWS.theater.box), f, e.clientX - r.left, e.clientY - r.top, w, h));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [w, h, fitView]);

  const unitsByZone = useMemo(() => {
    const m = new Map<string, UnitVM[]>();
    for (const u of model.units) {
      const list = m.get(u.zone);
      if (list) list.push(u);
      else m.set(u.zone, [u]);
    }
    return m;
  }, [model.units]);

  /** Symbols and labels grow with the map (15 px at 1280×800, 19 px at 1920×1080), and in projector mode. */
  const grow = Math.min(1.3, Math.max(1, Math.min(w, h) / 680));
  const symSize = Math.round((detailed ? 19 : 15) * grow * (projector ? 1.45 : 1));
  const slotW = Math.round(symSize * 1.55);
  const slotH = Math.round(symSize * 1.45 + 5);
  const labelPx = (detailed ? 11 : 10) * Math.min(grow, 1.15) * (projector ? 1.5 : 1);
  /** Zoomed in, a zone's symbols sit side by side; zoomed out, they overlap as a fan. */
  const step = detailed ? slotW : Math.round(slotW * 0.75);

  const groupsOf = useMemo(() => {
    const m = new Map<string, Group[]>();
    for (const [zone, units] of unitsByZone) m.set(zone, groupUnits(units, model.faction, detailed));
    return m;
  }, [unitsByZone, model.faction, detailed]);

  const stacks = useMemo(() => {
    const inputs: (StackInput & { label: string; cols: number; sea: boolean })[] = [];
    /** Small islands on screen: no box may cover them. */
    const islands: Rect[] = [];
    for (const z of model.zones) {
      const groups = groupsOf.get(z.def.id) ?? [];
      const label =
        z.def.id === 'us-pool' ? 'US pool (Hawaii/CONUS)' : detailed ? z.def.name : shortName(z.def.name);
      const cols = Math.max(1, Math.min(detailed ? (z.def.kind === 'sea' ? 5 : 4) : 7, groups.length));
      const rows = Math.ceil(groups.length / cols);
      const labelW = label.length * labelPx * 0.56 + 4;
      const bw = Math.max(labelW, slotW + (cols - 1) * step);
      const bh = labelPx + 4 + rows * slotH;
      const bareW = groups.length > 0 ? slotW + (cols - 1) * step : 0;
      const bareH = rows * slotH;
      const base = {
        w: bw,
        h: bh,
        bareW,
        bareH,
        label,
        cols,
        outward: [0, 0] as const,
        clearance: 0,
        room: 0,
      };
      if (z.def.id === 'us-pool') {
        // Off the map to the east: the box sits on the theater's eastern edge, towards Hawaii.
        const east = projection([147, 30.5]) ?? [w, h / 2];
        const anchor: [number, number] = [Math.min(east[0], w - bw / 2 - 8), east[1]];
        inputs.push({ ...base, id: z.def.id, anchor, want: anchor, mode: 'fixed', sea: false });
        continue;
      }
      const a = areaById.get(z.def.id);
      if (!a) continue;
      const site = toScreen(a.site);
      if (site[0] < -60 || site[1] < -60 || site[0] > w + 60 || site[1] > h + 60) continue;
      // A zone whose land holds most of its box keeps the box in the middle of that land.
      const roomy = a.surface === 'sea' || a.inradius * k >= Math.max(12, 0.35 * Math.max(bw, bh));
      if (a.surface === 'land' && !roomy)
        for (const ring of a.land) {
          let x0 = Infinity;
          let y0 = Infinity;
          let x1 = -Infinity;
          let y1 = -Infinity;
          for (const p of ring) {
            const q = toScreen(p);
            x0 = Math.min(x0, q[0]);
            y0 = Math.min(y0, q[1]);
            x1 = Math.max(x1, q[0]);
            y1 = Math.max(y1, q[1]);
          }
          if (x1 - x0 < 140 && y1 - y0 < 140) islands.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
        }
      inputs.push({
        ...base,
        id: z.def.id,
        anchor: site,
        want: roomy ? toScreen(a.pole) : site,
        mode: a.surface === 'sea' ? 'sea' : roomy ? 'fixed' : 'island',
        outward: a.outward,
        clearance: (isDisc(a) ? a.inradius : a.clearance) * k,
        room: a.inradius * k,
        sea: a.surface === 'sea',
      });
    }
    const extra = new Map(inputs.map((c) => [c.id, c]));
    return layoutStacks(inputs, islands, w, h, dock, landMask(landD, w, h)).map((p) => {
      const e = extra.get(p.id)!;
      return { ...p, label: e.label, cols: e.cols, sea: e.sea };
    });
  }, [
    landD,
    model.zones,
    groupsOf,
    areaById,
    toScreen,
    projection,
    k,
    w,
    h,
    dock,
    slotW,
    slotH,
    labelPx,
    step,
    detailed,
  ]);

  const selected = selectedUnit ? model.unitById.get(selectedUnit) : undefined;
  const selectedCentroid = selected ? model.zoneById.get(selected.zone)?.def.centroid : undefined;
  const rings = useMemo(() => {
    if (!selected || !selectedCentroid || selected.zone === 'us-pool') return [];
    const ranges = [...new Map(selected.weapons.map((wp) => [wp.rangeKm, wp.name])).entries()]
      .filter(([km]) => km > 0)
      .sort((a, b) => a[0] - b[0]);
    const out = ranges.map(([km, name]) => ({
      km,
      label: `${name} ${km} km`,
      d: ringPath(projection, selectedCentroid, km),
      isr: false,
    }));
    if (selected.isrKm > 0)
      out.push({
        km: selected.isrKm,
        label: `ISR ${selected.isrKm} km`,
        d: ringPath(projection, selectedCentroid, selected.isrKm),
        isr: true,
      });
    return out;
  }, [selected, selectedCentroid, projection]);

  const legend = useMemo(() => {
    const symbols = new Map<string, LegendSymbol>();
    const factions = new Set<Faction>();
    for (const groups of groupsOf.values())
      for (const g of groups) {
        symbols.set(g.sidc, { sidc: g.sidc, affiliation: g.affiliation, label: g.label });
        factions.add(g.units[0]!.faction);
      }
    const drawn = model.zones.filter((z) => z.def.kind !== 'pool');
    const land = drawn.filter((z) => z.def.kind === 'land' || z.def.kind === 'rear');
    const zones: LegendZones = {
      territory: FACTION_ORDER.filter((f) => land.some((z) => z.def.country === f && !occupied(z))),
      occupiedBy: FACTION_ORDER.filter((f) => land.some((z) => occupied(z) && z.controller === f)),
      unheld: land.some((z) => holderOf(z) === null),
      sea: drawn.some((z) => z.def.kind === 'sea'),
      rear: drawn.some((z) => z.def.kind === 'rear'),
      fog: !model.isWhite && drawn.some((z) => !z.visible),
      moves: highlights.moves.size > 0,
      strikes: highlights.strikes.size > 0,
    };
    return {
      symbols: [...symbols.values()].sort(
        (a, b) => a.affiliation.localeCompare(b.affiliation) || a.label.localeCompare(b.label),
      ),
      factions: FACTION_ORDER.filter((f) => factions.has(f)),
      zones,
    };
  }, [groupsOf, model.zones, model.isWhite, highlights]);

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if ((e.target as Element).closest('[data-hit]')) return;
    drag.current = { x: e.clientX, y: e.clientY, cam: camera, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    d.moved = true;
    setCam(panBy(d.cam, dx, dy, w, h));
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (d && !d.moved) onZone(null);
  };

  const zoomBy = (f: number) => setCam(zoomAt(camera, f, w / 2, h / 2, w, h));

  // Keyboard: the zones are one tab stop (roving tabindex); arrows move, Enter selects.
  const navOrder = useMemo(
    () => model.zones.filter((z) => z.def.kind !== 'pool').map((z) => z.def.id),
    [model.zones],
  );
  const tabStop = roving ?? (selectedZone && navOrder.includes(selectedZone) ? selectedZone : navOrder[0]);
  const focusZone = (id: string) => {
    setRoving(id);
    const a = areaById.get(id);
    if (a) {
      const s = toScreen(a.site);
      if (s[0] < 20 || s[1] < 20 || s[0] > w - 20 || s[1] > h - 20) {
        const c = fromPlane(a.site);
        setCam({ center: c, scale: camera.scale });
      }
    }
    requestAnimationFrame(() => zoneRefs.current.get(id)?.focus());
  };
  const onZoneKey = (id: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onZone(id);
      return;
    }
    const dir = DIRS[e.key];
    const from = areaById.get(id);
    if (!dir || !from) return;
    e.preventDefault();
    const next = nextZone(
      areas.filter((a) => navOrder.includes(a.id)),
      from,
      dir,
    );
    if (next) focusZone(next.id);
  };

  const hoverBox = renderHover(hover, model);
  const transform = `translate(${t[0]},${t[1]}) scale(${k})`;

  return (
    <div
      className={projector ? 'map-wrap projector' : 'map-wrap'}
      ref={wrapRef}
      data-dock={dock > 0 ? 'left' : 'none'}
    >
      <svg
        ref={svgRef}
        className="map"
        width={w}
        height={h}
        aria-label="Theater map"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
      >
        <defs>
          {/* Drawn inside the areas' scaled group: the pattern is scaled back to screen pixels. */}
          <pattern
            id="fog-hatch"
            patternUnits="userSpaceOnUse"
            width={6}
            height={6}
            patternTransform={`scale(${1 / k}) rotate(45)`}
          >
            <line x1={0} y1={0} x2={0} y2={6} className="hatch" />
          </pattern>
        </defs>
        <rect className="sea" width={w} height={h} />
        <path className="graticule" d={gratD} />
        <path className="land" d={landD} />
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG group of zones cannot be a <fieldset> */}
        {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a <g> is not interactive; the role names the zones' group */}
        <g
          role="group"
          aria-label="Zones: arrow keys move between zones, Enter selects"
          className="zone-areas"
        >
          {[...areas]
            .sort(
              (a, b) =>
                Number(a.surface === 'land') - Number(b.surface === 'land') ||
                Number(isDisc(a)) - Number(isDisc(b)),
            )
            .map((a) => {
              const z = model.zoneById.get(a.id);
              if (!z) return null;
              const fog = !z.visible && !model.isWhite;
              const cls = [
                'area',
                z.def.kind,
                isDisc(a) ? 'islet' : '',
                holderOf(z) ? 'held' : '',
                occupied(z) ? 'occupied' : '',
                fog ? 'fog' : '',
                highlights.moves.has(a.id) ? 'hl-move' : '',
                highlights.strikes.has(a.id) ? 'hl-strike' : '',
                selectedZone === a.id ? 'selected' : '',
              ]
                .filter(Boolean)
                .join(' ');
              const holder = holderOf(z);
              const ctl = holder ? FACTION_COLOR[holder] : undefined;
              return (
                <g key={a.id} transform={transform}>
                  {/* biome-ignore lint/a11y/useSemanticElements: an SVG area cannot be a <button> */}
                  <path
                    ref={(el) => {
                      if (el) zoneRefs.current.set(a.id, el);
                      else zoneRefs.current.delete(a.id);
                    }}
                    className={cls}
                    d={a.d}
                    data-hit
                    data-zone={a.id}
                    role="button"
                    tabIndex={tabStop === a.id ? 0 : -1}
                    aria-label={`Zone ${z.def.name}${z.controller ? `, held by ${titleCase(z.controller)}` : ''}`}
                    aria-pressed={selectedZone === a.id}
                    vectorEffect="non-scaling-stroke"
                    style={ctl ? ({ '--ctl': ctl } as CSSProperties) : undefined}
                    onFocus={() => setRoving(a.id)}
                    onClick={() => onZone(a.id)}
                    onKeyDown={onZoneKey(a.id)}
                    onMouseEnter={() => setHover({ kind: 'zone', id: a.id })}
                    onMouseLeave={() => setHover(null)}
                  />
                  {fog && <path className="fog-hatch" d={a.d} />}
                </g>
              );
            })}
        </g>
        {rings.map((r) => (
          <g key={`${r.km}-${r.isr}`} className={r.isr ? 'ring isr' : 'ring'}>
            <path d={r.d} />
          </g>
        ))}
        {stacks.map((c) => {
          if (c.mode !== 'island') return null;
          const cx = Math.min(Math.max(c.anchor[0], c.x), c.x + c.bw);
          const cy = Math.min(Math.max(c.anchor[1], c.y), c.y + c.bh);
          if (Math.hypot(cx - c.anchor[0], cy - c.anchor[1]) < 5) return null;
          return (
            <g key={`l-${c.id}`} className="leader">
              <line x1={c.anchor[0]} y1={c.anchor[1]} x2={cx} y2={cy} />
              <circle cx={c.anchor[0]} cy={c.anchor[1]} r={1.8} />
            </g>
          );
        })}
        {stacks.map((c) => {
          const groups = groupsOf.get(c.id) ?? [];
          const pool = c.id === 'us-pool';
          const left = c.x + (c.bw - (slotW + (c.cols - 1) * step)) / 2;
          const top = c.y + (c.showLabel ? labelPx + 4 : 0);
          return (
            <g
              key={`s-${c.id}`}
              className={`stack${c.sea ? ' sea' : ''}${pool ? ' pool' : ''}`}
              data-stack={c.id}
            >
              {pool && (
                <rect className="pool-bg" x={c.x - 3} y={c.y - 2} width={c.bw + 6} height={c.bh + 4} rx={4} />
              )}
              {c.showLabel && (
                <text
                  className="zone-label"
                  x={c.x + c.bw / 2}
                  y={c.y + labelPx}
                  style={{ fontSize: labelPx }}
                >
                  {c.label}
                </text>
              )}
              {groups.map((g, i) => {
                const col = i % c.cols;
                const row = Math.floor(i / c.cols);
                const first = g.units[0]!;
                const strength =
                  g.units.reduce((s, u) => s + u.strength, 0) /
                  g.units.reduce((s, u) => s + u.maxStrength, 0);
                return (
                  // biome-ignore lint/a11y/useSemanticElements: an SVG symbol cannot be a <button>
                  <g
                    key={g.key}
                    data-hit
                    className="unit-hit"
                    data-faction={first.faction}
                    data-count={g.units.length}
                    role="button"
                    tabIndex={-1}
                    aria-label={`${titleCase(first.faction)} ${g.label}, ${g.units.length} unit${g.units.length > 1 ? 's' : ''} in ${c.label}`}
                    transform={`translate(${left + col * step},${top + row * slotH})`}
                    onClick={() => onUnits(g.units)}
                    onMouseEnter={() => setHover({ kind: 'units', units: g.units })}
                    onMouseLeave={() => setHover(null)}
                  >
                    <UnitSymbol
                      sidc={g.sidc}
                      faction={first.faction}
                      count={g.units.length}
                      strength={strength}
                      selected={g.units.some((u) => u.id === selectedUnit)}
                      size={symSize}
                      slotW={slotW}
                      slotH={slotH}
                      visibleW={col === c.cols - 1 || i === groups.length - 1 ? slotW : step}
                    />
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <div className="map-controls" ref={controlsRef}>
        <button type="button" onClick={() => zoomBy(1.4)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoomBy(1 / 1.4)} aria-label="Zoom out">
          −
        </button>
        {Object.entries(VIEWS).map(([key, v]) => (
          <button key={key} type="button" onClick={() => setCam(fitView(v.box))}>
            {v.label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={projector}
          className={projector ? 'on' : undefined}
          onClick={() => setProjector((p) => !p)}
          title="Larger type and symbols for a seminar room's projector"
        >
          Projector
        </button>
      </div>
      <Legend
        symbols={legend.symbols}
        factions={legend.factions}
        zones={legend.zones}
        size={projector ? 22 : 15}
        detailed={detailed}
        roomy={dock > 0}
      />
      {hoverBox && <div className="map-hover">{hoverBox}</div>}
      {rings.length > 0 && selected && (
        <div className="ring-legend">
          <strong>{selected.id}</strong> ranges: {rings.map((r) => r.label).join(' · ')}
        </div>
      )}
    </div>
  );
}
