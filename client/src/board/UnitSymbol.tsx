/**
 * One group of units on the map: the milsymbol drawing of its type and affiliation, a count
 * badge when it stands for several units, and a strength bar in the faction's colour whose
 * length is the group's remaining strength. In a fan (zoomed out) the next symbol overlaps
 * this one's right side, so the badge moves to the left and the bar to the visible part.
 */
import type { Faction } from '../../../game/index.ts';
import { FACTION_COLOR } from '../theme.ts';
import { symbolSvg } from './symbols.ts';

interface Props {
  readonly sidc: string;
  readonly faction: Faction;
  readonly count: number;
  /** Remaining strength of the group, 0–1. */
  readonly strength: number;
  readonly selected: boolean;
  /** Symbol size (milsymbol's `size`) and the slot it is centred in. */
  readonly size: number;
  readonly slotW: number;
  readonly slotH: number;
  /** Width of the visible part of the slot: less than `slotW` when the next symbol overlaps it (a fan). */
  readonly visibleW: number;
}

export function UnitSymbol({
  sidc,
  faction,
  count,
  strength,
  selected,
  size,
  slotW,
  slotH,
  visibleW,
}: Props) {
  const s = symbolSvg(sidc, size);
  const cy = (slotH - 5) / 2 + size * 0.12;
  const barW = Math.max(4, visibleW - 5);
  const badge = Math.max(5.5, size * 0.34);
  return (
    <g className={selected ? 'sym selected' : 'sym'} data-sidc={sidc}>
      <rect className="sym-slot" width={slotW} height={slotH} rx={3} />
      <g
        className="sym-art"
        transform={`translate(${slotW / 2 - s.anchor.x},${cy - s.anchor.y})`}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: milsymbol's own SVG, built from a SIDC we compose
        dangerouslySetInnerHTML={{ __html: s.svg }}
      />
      <rect className="sym-bar-bg" x={3} y={slotH - 4} width={barW} height={3} />
      <rect
        className="sym-bar"
        x={3}
        y={slotH - 4}
        width={Math.max(1, barW * Math.min(1, Math.max(0, strength)))}
        height={3}
        style={{ fill: FACTION_COLOR[faction] }}
      />
      {count > 1 && (
        <g transform={`translate(${visibleW < slotW ? badge - 1 : slotW - badge + 1},${badge - 1})`}>
          <circle r={badge} className="sym-badge" />
          <text className="sym-badge-text" y={badge * 0.38} style={{ fontSize: badge * 1.25 }}>
            {count}
          </text>
        </g>
      )}
    </g>
  );
}
