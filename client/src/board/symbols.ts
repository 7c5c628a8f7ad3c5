/**
 * Units as standard military symbols (MIL-STD-2525C letter SIDCs, drawn by `milsymbol`):
 * the frame from the unit's affiliation as the viewing seat sees it, the icon from its type,
 * the echelon for ground units. Presentation only: no rules.
 */
import ms from 'milsymbol';
import { type Faction, isBlue, type UnitCategory, unitTypeById } from '../../../game/index.ts';

export type Affiliation = 'friend' | 'hostile' | 'neutral' | 'unknown';

const AFFILIATION_CODE: Readonly<Record<Affiliation, string>> = {
  friend: 'F',
  hostile: 'H',
  neutral: 'N',
  unknown: 'U',
};

export const AFFILIATION_LABEL: Readonly<Record<Affiliation, string>> = {
  friend: 'Friend',
  hostile: 'Hostile',
  neutral: 'Neutral',
  unknown: 'Unknown',
};

/**
 * How the viewing seat sees a faction: its own side (Blue: Japan, the US, Taiwan; Red:
 * China) is friend, the other side hostile. White Cell and observers see Blue as friend.
 */
export function affiliationOf(unitFaction: Faction, viewer: Faction | null): Affiliation {
  const viewerBlue = viewer === null ? true : isBlue(viewer);
  return isBlue(unitFaction) === viewerBlue ? 'friend' : 'hostile';
}

/** Battle dimension, function id (six characters) and echelon of a 2525C SIDC, per unit type. */
interface Icon {
  readonly dim: 'S' | 'U' | 'A' | 'G';
  readonly fn: string;
  readonly echelon?: string;
  /** What the icon shows, for the legend. */
  readonly label: string;
}

const DDG: Icon = { dim: 'S', fn: 'CLDD--', label: 'Destroyer group' };
const FF: Icon = { dim: 'S', fn: 'CLFF--', label: 'Frigate / escort group' };
const SS: Icon = { dim: 'U', fn: 'S-----', label: 'Submarine' };
const SSN: Icon = { dim: 'U', fn: 'SN----', label: 'Nuclear submarine' };
const PATROL: Icon = { dim: 'S', fn: 'CP----', label: 'Patrol (coast guard)' };
const FIGHTER: Icon = { dim: 'A', fn: 'MFF---', label: 'Fighter' };
const BOMBER: Icon = { dim: 'A', fn: 'MFB---', label: 'Bomber' };
const RECCE: Icon = { dim: 'A', fn: 'MFR---', label: 'Reconnaissance (ISR)' };
const SAM = (echelon: string): Icon => ({ dim: 'G', fn: 'UCDM--', echelon, label: 'Air defence missile' });
const MISSILE = (echelon: string, label: string): Icon => ({ dim: 'G', fn: 'UCFM--', echelon, label });

/** Every unit type of the catalog (game/data/units.ts), by id. */
export const ICON_BY_TYPE: Readonly<Record<string, Icon>> = {
  'us-ddg': DDG,
  'us-csg': { dim: 'S', fn: 'CLCV--', label: 'Carrier group' },
  'us-ssn': SSN,
  'us-fighter': FIGHTER,
  'us-bomber': BOMBER,
  'us-mlr': MISSILE('G', 'Coastal anti-ship missile'),
  'us-patriot': SAM('F'),
  'us-isr': RECCE,
  'jp-ddg': DDG,
  'jp-dd': FF,
  'jp-ss': SS,
  'jp-fighter': FIGHTER,
  'jp-ssm': MISSILE('G', 'Coastal anti-ship missile'),
  'jp-patriot': SAM('G'),
  'jp-infantry': { dim: 'G', fn: 'UCI---', echelon: 'F', label: 'Infantry' },
  jcg: PATROL,
  'jp-isr': RECCE,
  'jp-drone': { dim: 'A', fn: 'MFQ---', label: 'Drone (UAV)' },
  'tw-navy': FF,
  'tw-coastal': MISSILE('F', 'Coastal anti-ship missile'),
  'tw-fighter': FIGHTER,
  'tw-army': { dim: 'G', fn: 'UCI---', echelon: 'H', label: 'Infantry' },
  'tw-patriot': SAM('F'),
  'tw-cga': PATROL,
  'cn-ddg': DDG,
  'cn-amphib': { dim: 'S', fn: 'CALA--', label: 'Amphibious assault ship' },
  'cn-ss': SS,
  'cn-fighter': FIGHTER,
  'cn-bomber': BOMBER,
  'cn-rocket': MISSILE('H', 'Ballistic / cruise missile'),
  'cn-amphib-bde': { dim: 'G', fn: 'UCIA--', echelon: 'H', label: 'Amphibious infantry' },
  'cn-ccg': PATROL,
  'cn-militia': { dim: 'S', fn: 'XF----', label: 'Fishing vessel (maritime militia)' },
  'cn-isr': RECCE,
  'cn-sam': SAM('H'),
};

/** A fallback by category, for a type added to the catalog without an icon here. */
const ICON_BY_CATEGORY: Readonly<Record<UnitCategory, Icon>> = {
  surface: DDG,
  carrier: { dim: 'S', fn: 'CLCV--', label: 'Carrier group' },
  submarine: SS,
  amphibious: { dim: 'S', fn: 'CALA--', label: 'Amphibious assault ship' },
  'coast-guard': PATROL,
  air: FIGHTER,
  bomber: BOMBER,
  isr: RECCE,
  drone: { dim: 'A', fn: 'MFQ---', label: 'Drone (UAV)' },
  ground: { dim: 'G', fn: 'UCI---', label: 'Infantry' },
  'coastal-missile': MISSILE('', 'Coastal anti-ship missile'),
  'rocket-force': MISSILE('', 'Ballistic / cruise missile'),
  sam: SAM(''),
};

const TYPE_BY_NAME: ReadonlyMap<string, string> = new Map(
  [...unitTypeById.values()].map((t) => [t.name, t.id]),
);

const ECHELON: Readonly<Record<string, string>> = { F: 'battalion', G: 'regiment / group', H: 'brigade' };

/** What a symbol shows, in words: the icon and, for ground units, the echelon. */
export const iconLabel = (icon: Icon): string =>
  icon.dim === 'G' && icon.echelon && ECHELON[icon.echelon]
    ? `${icon.label} ${ECHELON[icon.echelon]}`
    : icon.label;

/** The icon of a unit, from its type (found by the type's name, which the view model carries). */
export function iconOf(typeName: string, category: UnitCategory): Icon {
  const id = TYPE_BY_NAME.get(typeName);
  return (id ? ICON_BY_TYPE[id] : undefined) ?? ICON_BY_CATEGORY[category];
}

/** The 15-character 2525C SIDC: scheme, affiliation, dimension, status, function, echelon. */
export function sidcOf(icon: Icon, affiliation: Affiliation): string {
  const echelon = icon.dim === 'G' && icon.echelon ? icon.echelon : '-';
  return `S${AFFILIATION_CODE[affiliation]}${icon.dim}P${icon.fn}-${echelon}---`;
}

export interface SymbolSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** The centre of the frame inside the drawing. */
  readonly anchor: { readonly x: number; readonly y: number };
}

const cache = new Map<string, SymbolSvg>();

/** milsymbol's SVG for a SIDC at a size (frame height in pixels is about `size`), cached. */
export function symbolSvg(sidc: string, size: number): SymbolSvg {
  const key = `${sidc}@${size}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const sym = new ms.Symbol(sidc, { size, infoFields: false, outlineWidth: 1, outlineColor: '#0b1622' });
  const s = sym.getSize();
  const made = { svg: sym.asSVG(), width: s.width, height: s.height, anchor: sym.getAnchor() };
  cache.set(key, made);
  return made;
}
