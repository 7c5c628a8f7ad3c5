/**
 * Details of the selected zone and unit: the units the seat sees there (each a button, so
 * units are reachable from the keyboard, with its map symbol) and the selected unit's
 * strength, magazine, weapons and ranges.
 */
import type { Faction, UnitCategory } from '../../../game/index.ts';
import type { MatchModel } from '../match/model.ts';
import { CATEGORY_LABEL, FACTION_COLOR, SEAT_LABEL, titleCase } from '../theme.ts';
import { affiliationOf, iconOf, sidcOf, symbolSvg } from './symbols.ts';

/** A unit's map symbol, small, beside its name. */
function Sym({
  typeName,
  category,
  faction,
  viewer,
}: {
  readonly typeName: string;
  readonly category: UnitCategory;
  readonly faction: Faction;
  readonly viewer: Faction | null;
}) {
  const s = symbolSvg(sidcOf(iconOf(typeName, category), affiliationOf(faction, viewer)), 11);
  return (
    <span
      className="unit-sym"
      aria-hidden="true"
      style={{ width: s.width, height: s.height }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: milsymbol's own SVG, built from a SIDC we compose
      dangerouslySetInnerHTML={{ __html: s.svg }}
    />
  );
}

interface Props {
  readonly model: MatchModel;
  readonly zone: string | null;
  readonly unit: string | null;
  readonly onUnit: (id: string) => void;
  readonly onClose: () => void;
}

export function SelectionCard({ model, zone, unit, onUnit, onClose }: Props) {
  const u = unit ? model.unitById.get(unit) : undefined;
  const zid = u?.zone ?? zone;
  const z = zid ? model.zoneById.get(zid) : undefined;
  if (!z && !u) return null;
  const here = z ? model.units.filter((x) => x.zone === z.def.id) : [];
  return (
    <aside className="selection" aria-label="Selection">
      <button type="button" className="close" onClick={onClose} aria-label="Close selection">
        ×
      </button>
      {z && (
        <div>
          <h3>{z.def.name}</h3>
          <p className="small muted">
            {titleCase(z.def.kind)} · {titleCase(z.def.country)}
            {z.controller ? ` · held by ${SEAT_LABEL[z.controller]}` : ''}
            {z.def.features.length ? ` · ${z.def.features.join(', ')}` : ''}
            {!z.visible && !model.isWhite ? ' · outside your ISR coverage' : ''}
          </p>
          {here.length > 0 ? (
            <ul className="unit-list">
              {here.map((x) => (
                <li key={x.id}>
                  <button
                    type="button"
                    className={x.id === unit ? 'unit-btn selected' : 'unit-btn'}
                    style={{ borderLeftColor: FACTION_COLOR[x.faction] }}
                    onClick={() => onUnit(x.id)}
                  >
                    <Sym
                      typeName={x.typeName}
                      category={x.category}
                      faction={x.faction}
                      viewer={model.faction}
                    />
                    {x.id}{' '}
                    <span className="muted">
                      · {x.typeName} · {Math.round(x.strength * 10) / 10}/{x.maxStrength}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">No units you can see.</p>
          )}
        </div>
      )}
      {u && (
        <div className="unit-detail" data-testid="unit-detail">
          <h4 style={{ color: FACTION_COLOR[u.faction] }}>
            {u.id} <span className="muted small">({SEAT_LABEL[u.faction]})</span>
          </h4>
          <dl className="kv">
            <div>
              <dt>Type</dt>
              <dd>
                {u.typeName} ({CATEGORY_LABEL[u.category]})
              </dd>
            </div>
            <div>
              <dt>Strength</dt>
              <dd>
                {Math.round(u.strength * 100) / 100} of {u.maxStrength} steps
              </dd>
            </div>
            {u.interceptors > 0 && (
              <div>
                <dt>Interceptors</dt>
                <dd>{Math.round(u.interceptors)}</dd>
              </div>
            )}
            {u.readyRound > model.view.round && (
              <div>
                <dt>Arrives</dt>
                <dd>round {u.readyRound}</dd>
              </div>
            )}
            {u.isrKm > 0 && (
              <div>
                <dt>ISR reach</dt>
                <dd>{u.isrKm} km</dd>
              </div>
            )}
          </dl>
          {u.weapons.length > 0 && (
            <ul className="weapons">
              {u.weapons.map((w) => (
                <li key={w.munition}>
                  {w.name}: {w.rangeKm} km, {w.role}, {w.perStep}/step
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </aside>
  );
}
