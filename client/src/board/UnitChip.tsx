/**
 * A unit symbol: shape by domain (sea rounded, air hexagonal, land square), faction colour,
 * category code and a count badge; without a category (zoomed out) it shows the faction's count.
 */
import type { Faction, UnitCategory } from '../../../game/index.ts';
import { CATEGORY_CODE, FACTION_COLOR } from '../theme.ts';

interface Props {
  readonly faction: Faction;
  readonly category: UnitCategory | null;
  readonly domain: 'sea' | 'land' | 'air';
  readonly count: number;
  readonly selected: boolean;
  readonly w: number;
  readonly h: number;
}

export function UnitChip({ faction, category, domain, count, selected, w, h }: Props) {
  const fill = FACTION_COLOR[faction];
  const cls = selected ? 'chip selected' : 'chip';
  const shape =
    domain === 'air' ? (
      <polygon points={`4,0 ${w - 4},0 ${w},${h / 2} ${w - 4},${h} 4,${h} 0,${h / 2}`} style={{ fill }} />
    ) : (
      <rect width={w} height={h} rx={domain === 'sea' ? h / 2 : 2} style={{ fill }} />
    );
  return (
    <g className={cls}>
      {shape}
      <text x={w / 2} y={h / 2 + 3.5}>
        {category ? CATEGORY_CODE[category] : count}
      </text>
      {category && count > 1 && (
        <g transform={`translate(${w - 1},0)`}>
          <circle r={5.5} className="badge" />
          <text className="badge-text" y={2.8}>
            {count}
          </text>
        </g>
      )}
    </g>
  );
}
