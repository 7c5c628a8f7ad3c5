/**
 * The map's hover box: a zone's name, kind, holder, features, damage and whether the seat
 * sees it; or a group of units with each unit's type and strength.
 */
import type { MatchModel, UnitVM } from '../match/model.ts';
import { CATEGORY_LABEL, FACTION_COLOR, titleCase } from '../theme.ts';

export type Hover =
  | { readonly kind: 'zone'; readonly id: string }
  | { readonly kind: 'units'; readonly units: readonly UnitVM[] };

export function renderHover(hover: Hover | null, model: MatchModel) {
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
        {z.controller && <div>Held by {titleCase(z.controller)}</div>}
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
