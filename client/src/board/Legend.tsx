/**
 * The map's legend: the zone fills and the unit symbols that are on the map right now,
 * each explained in words, and what the strength bar and the count badge mean. Collapsible;
 * whether it is open is remembered.
 */
import { useState } from 'react';
import type { Faction } from '../../../game/index.ts';
import { FACTION_COLOR, SEAT_LABEL } from '../theme.ts';
import { AFFILIATION_LABEL, type Affiliation, symbolSvg } from './symbols.ts';

export interface LegendSymbol {
  readonly sidc: string;
  readonly affiliation: Affiliation;
  readonly label: string;
}

export interface LegendZones {
  /** Countries whose land zones are drawn in their colour (and not occupied). */
  readonly territory: readonly Faction[];
  /** Factions holding another country's zone. */
  readonly occupiedBy: readonly Faction[];
  readonly sea: boolean;
  readonly rear: boolean;
  readonly unheld: boolean;
  readonly fog: boolean;
  readonly moves: boolean;
  readonly strikes: boolean;
}

interface Props {
  readonly symbols: readonly LegendSymbol[];
  readonly factions: readonly Faction[];
  readonly zones: LegendZones;
  readonly size: number;
  /** Zoomed in (one symbol per type) or out (one per faction in a zone). */
  readonly detailed: boolean;
  /** Open unless the reader closed it; on a narrow map (a phone) closed unless the reader opened it. */
  readonly roomy: boolean;
}

const KEY = 'island-chain:map-legend';

function Swatch({ className, color }: { readonly className: string; readonly color?: string }) {
  return (
    <svg className="legend-swatch" width={22} height={14} aria-hidden="true">
      {className.includes('lg-fog') && (
        <defs>
          <pattern
            id="fog-hatch-legend"
            patternUnits="userSpaceOnUse"
            width={6}
            height={6}
            patternTransform="rotate(45)"
          >
            <line x1={0} y1={0} x2={0} y2={6} className="hatch" />
          </pattern>
        </defs>
      )}
      <rect
        className={className}
        x={1}
        y={1}
        width={20}
        height={12}
        style={color ? { fill: color, stroke: color } : undefined}
      />
    </svg>
  );
}

export function Legend({ symbols, factions, zones, size, detailed, roomy }: Props) {
  const [chosen, setChosen] = useState(() => localStorage.getItem(KEY));
  const open = chosen === null ? roomy : chosen === 'open';
  return (
    <details
      className="map-legend"
      data-testid="map-legend"
      open={open}
      onToggle={(e) => {
        const o = (e.currentTarget as HTMLDetailsElement).open;
        if (o === open) return;
        setChosen(o ? 'open' : 'closed');
        localStorage.setItem(KEY, o ? 'open' : 'closed');
      }}
    >
      <summary>Legend</summary>
      <div className="legend-body">
        <h4>Zones</h4>
        <ul>
          {zones.territory.map((f) => (
            <li key={f}>
              <Swatch className="lg-land" color={FACTION_COLOR[f]} /> {SEAT_LABEL[f]}
            </li>
          ))}
          {zones.occupiedBy.map((f) => (
            <li key={`o-${f}`}>
              <Swatch className="lg-land lg-occupied" color={FACTION_COLOR[f]} /> Taken by {SEAT_LABEL[f]}
            </li>
          ))}
          {zones.unheld && (
            <li>
              <Swatch className="lg-land" /> Land held by no side (Philippines)
            </li>
          )}
          {zones.rear && (
            <li>
              <Swatch className="lg-rear" /> Rear area (Hokkaido, Guam)
            </li>
          )}
          {zones.sea && (
            <li>
              <Swatch className="lg-sea" /> Sea zone
            </li>
          )}
          {zones.fog && (
            <li>
              <Swatch className="lg-fog" /> Outside your ISR coverage
            </li>
          )}
          {zones.moves && (
            <li>
              <Swatch className="lg-move" /> Legal destination
            </li>
          )}
          {zones.strikes && (
            <li>
              <Swatch className="lg-strike" /> Strike target in range
            </li>
          )}
        </ul>
        {symbols.length > 0 && (
          <>
            <h4>Units (MIL-STD-2525)</h4>
            <ul className="legend-symbols">
              {symbols.map((s) => {
                const svg = symbolSvg(s.sidc, size);
                return (
                  <li key={s.sidc}>
                    <span
                      className="legend-sym"
                      style={{ width: svg.width, height: svg.height }}
                      // biome-ignore lint/security/noDangerouslySetInnerHtml: milsymbol's own SVG, built from a SIDC we compose
                      dangerouslySetInnerHTML={{ __html: svg.svg }}
                    />
                    <span>
                      {AFFILIATION_LABEL[s.affiliation]} · {s.label}
                    </span>
                  </li>
                );
              })}
            </ul>
            <p className="small">
              {detailed
                ? 'One symbol per type of unit in a zone. '
                : 'Zoomed out: one symbol per faction in a zone, with the icon of its most numerous type; zoom in for one per type. '}
              Frame: friend blue (rectangle land, circle sea, arch air, bowl under water), hostile red
              (diamond). Badge: number of units. Bar: remaining strength, in the faction&apos;s colour:{' '}
              {factions.map((f, i) => (
                <span key={f}>
                  {i > 0 ? ', ' : ''}
                  <span className="legend-dot" style={{ background: FACTION_COLOR[f] }} /> {SEAT_LABEL[f]}
                </span>
              ))}
              .
            </p>
          </>
        )}
      </div>
    </details>
  );
}
