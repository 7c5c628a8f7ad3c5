/**
 * The unit index behind `liveUnits` / `liveUnitsOf` (game/engine/units.ts): the same units in
 * the same order as a scan of the state's units map, per faction as well as all together;
 * strength and zone changes made in place are seen; a unit added to a map already read is seen
 * once `unitsAdded` is called; by zone, a unit moved with `moveUnit` is found in its new zone,
 * and no engine code changes a unit's zone any other way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  draftOf,
  FACTIONS,
  liveUnits,
  liveUnitsIn,
  liveUnitsOf,
  moveUnit,
  type UnitState,
  unitsAdded,
  unitsIn,
  unitType,
} from '../game/index.ts';
import { SCENARIO_IDS } from '../scenarios/index.ts';
import { start } from './helpers.ts';

const scan = (units: Record<string, UnitState>, f: (u: UnitState) => boolean = () => true) =>
  Object.values(units).filter((u) => u.strength > 0.1 && f(u));
const ids = (us: readonly UnitState[]) => us.map((u) => u.id);

describe('the unit index', () => {
  it('lists every scenario’s live units, all and per faction, in the units map’s order', () => {
    for (const id of SCENARIO_IDS) {
      const { s } = start(id);
      expect(ids(liveUnits(s))).toEqual(ids(scan(s.units)));
      for (const f of FACTIONS) {
        expect(ids(liveUnitsOf(s, f))).toEqual(ids(scan(s.units, (u) => u.faction === f)));
        expect(liveUnitsOf(s, f).length).toBeGreaterThan(0);
      }
    }
  });

  it('sees strength and zone changed in place, and a filter on top of the faction', () => {
    const { s } = start('taiwan-invasion');
    const d = draftOf(s);
    const [first, second] = liveUnitsOf(d, 'china');
    expect(first && second).toBeTruthy();
    d.units[first!.id]!.strength = 0.05; // below a tenth of a step: out of the fight
    d.units[second!.id]!.zone = 'kanto';
    expect(ids(liveUnitsOf(d, 'china'))).not.toContain(first!.id);
    expect(ids(liveUnits(d))).not.toContain(first!.id);
    expect(ids(liveUnitsOf(d, 'china', (u) => u.zone === 'kanto'))).toEqual([second!.id]);
    // The state the draft was taken from is untouched and still lists both.
    expect(ids(liveUnitsOf(s, 'china')).slice(0, 2)).toEqual([first!.id, second!.id]);
  });

  it('a unit added to a map already read appears once unitsAdded is called', () => {
    const { s } = start('takaichi-2025');
    const d = draftOf(s);
    const before = liveUnitsOf(d, 'taiwan').length;
    const model = liveUnitsOf(d, 'taiwan')[0]!;
    d.units['tw-new'] = { ...model, id: 'tw-new' };
    unitsAdded(d.units);
    expect(liveUnitsOf(d, 'taiwan')).toHaveLength(before + 1);
    expect(ids(liveUnits(d)).at(-1)).toBe('tw-new');
    expect(ids(liveUnitsOf(d, 'china'))).not.toContain('tw-new');
  });

  it('by zone: the same units in the same order as a scan, and a unit moved with moveUnit found where it went', () => {
    const { s } = start('taiwan-invasion');
    for (const zone of Object.keys(s.zones))
      expect(ids(liveUnitsIn(s, zone))).toEqual(ids(scan(s.units, (u) => u.zone === zone)));
    const d = draftOf(s);
    const mover = liveUnitsOf(d, 'china')[0]!;
    const from = mover.zone;
    expect(ids(liveUnitsIn(d, 'kanto'))).not.toContain(mover.id);
    moveUnit(d.units, mover.id, 'kanto');
    expect(ids(liveUnitsIn(d, 'kanto'))).toContain(mover.id);
    expect(ids(liveUnitsIn(d, from))).not.toContain(mover.id);
    expect(ids(liveUnitsIn(d, 'kanto', (u) => u.faction === 'china'))).toEqual([mover.id]);
    // The state the draft came from still has it where it was.
    expect(ids(liveUnitsIn(s, from))).toContain(mover.id);
  });

  it('no engine code assigns a unit’s zone except moveUnit (the zone index would go stale)', () => {
    const root = join(import.meta.dirname, '..', 'game');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter(
      (f) => f !== join('engine', 'units.ts') && /\.zone\s*=[^=]/.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('a unit in the fight', () => {
  it('is one above a tenth of a step: at a tenth exactly it is out, everywhere it is listed', () => {
    const { s } = start('taiwan-invasion');
    const d = draftOf(s);
    const [at, above] = liveUnitsOf(d, 'china');
    d.units[at!.id]!.strength = 0.1;
    d.units[above!.id]!.strength = 0.101;
    for (const list of [liveUnits(d), liveUnitsOf(d, 'china'), liveUnitsIn(d, at!.zone)]) {
      expect(ids(list)).not.toContain(at!.id);
    }
    expect(ids(liveUnitsOf(d, 'china'))).toContain(above!.id);
  });

  it('unitsIn: a zone’s units in the fight, of one faction when one is named', () => {
    const { s } = start('taiwan-invasion');
    const zone = Object.keys(s.zones).find(
      (z) => new Set(liveUnitsIn(s, z).map((u) => u.faction)).size >= 2,
    )!;
    expect(zone).toBeDefined();
    expect(ids(unitsIn(s, zone))).toEqual(ids(liveUnitsIn(s, zone)));
    const f = liveUnitsIn(s, zone)[0]!.faction;
    const mine = unitsIn(s, zone, f);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(unitsIn(s, zone).length);
    expect(mine.every((u) => u.faction === f)).toBe(true);
    expect(ids(mine)).toEqual(ids(liveUnitsIn(s, zone, (u) => u.faction === f)));
  });

  it('moving a unit the map does not hold changes nothing', () => {
    const { s } = start('taiwan-invasion');
    const d = draftOf(s);
    const before = structuredClone(d.units);
    expect(() => moveUnit(d.units, 'no-such-unit', 'kanto')).not.toThrow();
    expect(d.units).toEqual(before);
  });

  it('a unit of a type the catalog does not have is an internal error that names the type', () => {
    const { s } = start('taiwan-invasion');
    const u = liveUnitsOf(s, 'china')[0]!;
    expect(unitType(u).id).toBe(u.type);
    expect(() => unitType({ ...u, type: 'no-such-type' })).toThrow(
      'internal: unknown unit type no-such-type',
    );
  });
});
