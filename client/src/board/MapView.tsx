/**
 * The board (DESIGN.md section 2): real coastlines, zone markers, the seat's visible units
 * as faction-coloured symbols by category, highlights for the selected unit's legal
 * destinations and strike targets (from the model, i.e. from `legalOrders`), and range
 * rings for the selected unit's weapons. Drag to pan, wheel or buttons to zoom.
 */
import { geoPath } from 'd3-geo';
import {
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { MatchModel, UnitVM } from '../match/model.ts';
import { CATEGORY_LABEL, FACTION_COLOR, titleCase } from '../theme.ts';
import {
  type Camera,
  type Card,
  CHIP_H,
  CHIP_W,
  cameraFor,
  chipOffset,
  GRATICULE,
  LABEL_HEIGHT,
  LAND,
  layoutCards,
  panBy,
  projectionFor,
  ringPath,
  VIEWS,
  zoomAt,
} from './geo.ts';
import { UnitChip } from './UnitChip.tsx';

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

type Hover =
  | { readonly kind: 'zone'; readonly id: string }
  | { readonly kind: 'units'; readonly units: readonly UnitVM[] };

const FACTION_ORDER = ['japan', 'us', 'taiwan', 'china'];

/** A zone's units grouped by faction and category (or by faction only when zoomed out), in a stable order. */
function groupUnits(units: readonly UnitVM[], detailed: boolean): UnitVM[][] {
  const groups = new Map<string, UnitVM[]>();
  for (const u of units) {
    const k = `${FACTION_ORDER.indexOf(u.faction)}|${detailed ? u.category : ''}`;
    const g = groups.get(k);
    if (g) g.push(u);
    else groups.set(k, [u]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}

const activate = (f: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    f();
  }
};

export function MapView({ model, selectedUnit, selectedZone, highlights, onZone, onUnits }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [size, setSize] = useState({ w: 800, h: 600 });
  const [cam, setCam] = useState<Camera | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const drag = useRef<{ x: number; y: number; cam: Camera; moved: boolean } | null>(null);
  const { w, h } = size;

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const r = entry.contentRect;
      setSize({ w: Math.max(200, Math.round(r.width)), h: Math.max(200, Math.round(r.height)) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const camera = cam ?? cameraFor(VIEWS.strait.box, w, h);
  /** Zoomed out, a zone shows one symbol per faction with a count; zoomed in, one per category. */
  const detailed = camera.scale >= cameraFor(VIEWS.theater.box, w, h).scale * 1.6;
  const projection = useMemo(() => projectionFor(camera, w, h), [camera, w, h]);
  const path = useMemo(() => geoPath(projection), [projection]);
  const landD = useMemo(() => path(LAND) ?? '', [path]);
  const gratD = useMemo(() => path(GRATICULE) ?? '', [path]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      const f = Math.exp(-e.deltaY * 0.0015);
      setCam((c) =>
        zoomAt(c ?? cameraFor(VIEWS.strait.box, w, h), f, e.clientX - r.left, e.clientY - r.top, w, h),
      );
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [w, h]);

  const unitsByZone = useMemo(() => {
    const m = new Map<string, UnitVM[]>();
    for (const u of model.units) {
      const list = m.get(u.zone);
      if (list) list.push(u);
      else m.set(u.zone, [u]);
    }
    return m;
  }, [model.units]);

  /** Screen position of a zone's marker; the off-map US pool sits in the bottom-right corner. */
  const anchorOf = useCallback(
    (zone: string, lonlat: readonly [number, number]): [number, number] | null => {
      if (zone === 'us-pool') return [w - 110, h - 70];
      const p = projection([lonlat[0], lonlat[1]]);
      if (!p || p[0] < -40 || p[1] < -40 || p[0] > w + 40 || p[1] > h + 40) return null;
      return [p[0], p[1]];
    },
    [projection, w, h],
  );

  const placed = useMemo(() => {
    const inputs = [];
    const groupsOf = new Map<string, UnitVM[][]>();
    for (const z of model.zones) {
      const a = anchorOf(z.def.id, z.def.centroid);
      if (!a) continue;
      const groups = groupUnits(unitsByZone.get(z.def.id) ?? [], detailed);
      groupsOf.set(z.def.id, groups);
      const label = z.def.id === 'us-pool' ? 'US pool (Hawaii/CONUS)' : z.def.name;
      inputs.push({ id: z.def.id, anchor: a, label, chips: groups.length });
    }
    return { cards: layoutCards(inputs, w, h), groupsOf };
  }, [model.zones, unitsByZone, anchorOf, w, h, detailed]);

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

  const hoverBox = renderHover(hover, model);

  return (
    <div className="map-wrap" ref={wrapRef}>
      <svg
        ref={svgRef}
        className="map"
        width={w}
        height={h}
        role="img"
        aria-label="Theater map"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
      >
        <rect className="sea" width={w} height={h} />
        <path className="graticule" d={gratD} />
        <path className="land" d={landD} />
        {rings.map((r) => (
          <g key={`${r.km}-${r.isr}`} className={r.isr ? 'ring isr' : 'ring'}>
            <path d={r.d} />
          </g>
        ))}
        {placed.cards.map((c) => (
          <Leader key={`l-${c.id}`} card={c} />
        ))}
        {model.zones.map((z) => {
          const a = anchorOf(z.def.id, z.def.centroid);
          if (!a) return null;
          const cls = [
            'zone',
            z.def.kind,
            z.visible || model.isWhite ? 'seen' : 'fog',
            highlights.moves.has(z.def.id) ? 'hl-move' : '',
            highlights.strikes.has(z.def.id) ? 'hl-strike' : '',
            selectedZone === z.def.id ? 'selected' : '',
          ].join(' ');
          const r = z.def.kind === 'sea' ? 9 : 5;
          const ctl = z.controller ? FACTION_COLOR[z.controller] : undefined;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG marker cannot be a <button>
            <g
              key={z.def.id}
              className={cls}
              data-hit
              data-zone={z.def.id}
              tabIndex={0}
              role="button"
              aria-label={`Zone ${z.def.name}`}
              transform={`translate(${a[0]},${a[1]})`}
              onClick={() => onZone(z.def.id)}
              onKeyDown={activate(() => onZone(z.def.id))}
              onMouseEnter={() => setHover({ kind: 'zone', id: z.def.id })}
              onMouseLeave={() => setHover(null)}
            >
              <circle className="halo" r={r + 7} />
              <circle className="marker" r={r} style={ctl ? { stroke: ctl } : undefined} />
            </g>
          );
        })}
        {placed.cards.map((c) => {
          const groups = placed.groupsOf.get(c.id) ?? [];
          const hl = highlights.moves.has(c.id)
            ? ' hl-move'
            : highlights.strikes.has(c.id)
              ? ' hl-strike'
              : '';
          return (
            <g key={`c-${c.id}`} className={`card${hl}`} transform={`translate(${c.x},${c.y})`}>
              <rect className="card-bg" width={c.w} height={c.h} rx={3} />
              <text className="card-label" x={c.w / 2} y={LABEL_HEIGHT - 3.5}>
                {c.label}
              </text>
              {groups.map((g, i) => {
                const [x, y] = chipOffset(c, i);
                const first = g[0]!;
                const isSel = g.some((u) => u.id === selectedUnit);
                return (
                  // biome-ignore lint/a11y/useSemanticElements: an SVG symbol cannot be a <button>
                  <g
                    key={`${first.faction}-${detailed ? first.category : ''}`}
                    data-hit
                    className="chip-hit"
                    role="button"
                    tabIndex={-1}
                    aria-label={`${first.faction} ${g.length} unit${g.length > 1 ? 's' : ''} in ${c.label}`}
                    transform={`translate(${x},${y})`}
                    onClick={() => onUnits(g)}
                    onKeyDown={activate(() => onUnits(g))}
                    onMouseEnter={() => setHover({ kind: 'units', units: g })}
                    onMouseLeave={() => setHover(null)}
                  >
                    <UnitChip
                      faction={first.faction}
                      category={detailed ? first.category : null}
                      domain={detailed ? first.domain : 'land'}
                      count={g.length}
                      selected={isSel}
                      w={CHIP_W}
                      h={CHIP_H}
                    />
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <div className="map-controls">
        <button type="button" onClick={() => zoomBy(1.4)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoomBy(1 / 1.4)} aria-label="Zoom out">
          −
        </button>
        {Object.entries(VIEWS).map(([k, v]) => (
          <button key={k} type="button" onClick={() => setCam(cameraFor(v.box, w, h))}>
            {v.label}
          </button>
        ))}
      </div>
      {hoverBox && <div className="map-hover">{hoverBox}</div>}
      {rings.length > 0 && selected && (
        <div className="ring-legend">
          <strong>{selected.id}</strong> ranges: {rings.map((r) => r.label).join(' · ')}
        </div>
      )}
    </div>
  );
}

function Leader({ card }: { readonly card: Card }) {
  const cx = card.x + card.w / 2;
  const dx = cx - card.anchor[0];
  const dy = card.y - card.anchor[1];
  if (Math.hypot(dx, dy) < 14) return null;
  const ty = card.anchor[1] < card.y ? card.y : card.y + card.h;
  return <line className="leader" x1={card.anchor[0]} y1={card.anchor[1]} x2={cx} y2={ty} />;
}

function renderHover(hover: Hover | null, model: MatchModel) {
  if (!hover) return null;
  if (hover.kind === 'zone') {
    const z = model.zoneById.get(hover.id);
    if (!z) return null;
    return (
      <>
        <strong>{z.def.name}</strong>{' '}
        <span className="muted">
          ({z.def.kind}, {z.def.country})
        </span>
        {z.controller && <div>Held by {z.controller}</div>}
        {z.def.features.length > 0 && <div>{z.def.features.join(', ')}</div>}
        {z.portDamage > 0 && <div>Port/airfield damage {Math.round(z.portDamage * 100)}%</div>}
        {!z.visible && !model.isWhite && <div className="muted">Outside your ISR coverage</div>}
        <div className="muted small">{z.def.note}</div>
      </>
    );
  }
  const first = hover.units[0];
  if (!first) return null;
  return (
    <>
      <strong style={{ color: FACTION_COLOR[first.faction] }}>
        {titleCase(first.faction)}{' '}
        {hover.units.every((u) => u.category === first.category) ? CATEGORY_LABEL[first.category] : 'units'}
      </strong>
      <ul>
        {hover.units.map((u) => (
          <li key={u.id}>
            {u.id} — {u.typeName}, {Math.round(u.strength * 10) / 10}/{u.maxStrength}
          </li>
        ))}
      </ul>
    </>
  );
}
