/**
 * Movement (DESIGN.md section 4 step 4 and section 2; game/rules/movement.ts), tested directly:
 * how far a unit moves by phase, where ground, sea and air units may go, reinforcements from
 * the pool, ground advances on Taiwan's main island, which ground counts as friendly, the move
 * order's legality and the movement step. Expectations name zones of the map (game/data/zones.ts)
 * and the reason each is or is not a destination.
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  type Faction,
  legalOrders,
  type MatchState,
  newMatch,
  type Order,
  validateOrder,
} from '../game/index.ts';
import { addUnit, codeOf, patch, scenario } from './helpers.ts';
import { play, quiet } from './round.ts';

const inv = scenario('taiwan-invasion');

/** The invasion scenario at a rung, with test units: Japanese infantry on Okinawa, a destroyer at Kanto, fighters on Okinawa, Taiwanese and Chinese ground forces. */
function at(rung: number, edit: (d: DraftState) => void = () => {}): MatchState {
  return patch(newMatch(inv, { seed: 'movement' }), (d) => {
    d.escalation = rung as DraftState['escalation'];
    d.round = 2;
    d.us.intervening = false;
    addUnit(d, { id: 't-inf', type: 'jp-infantry', faction: 'japan', zone: 'okinawa', strength: 2 });
    addUnit(d, { id: 't-dd', type: 'jp-dd', faction: 'japan', zone: 'kanto', strength: 2 });
    addUnit(d, { id: 't-fi', type: 'jp-fighter', faction: 'japan', zone: 'okinawa', strength: 2 });
    addUnit(d, { id: 't-tw', type: 'tw-army', faction: 'taiwan', zone: 'taipei', strength: 2 });
    addUnit(d, { id: 't-tw-sam', type: 'tw-patriot', faction: 'taiwan', zone: 'taipei', strength: 2 });
    addUnit(d, { id: 't-cn', type: 'cn-amphib-bde', faction: 'china', zone: 'fujian', strength: 2 });
    edit(d);
  });
}
/** Where a unit may move this round: its legal move orders (the rule's candidates that pass its check). */
const targets = (s: MatchState, id: string): string[] =>
  legalOrders(s, inv, s.units[id]!.faction).flatMap((o) =>
    o.type === 'move' && o.unit === id ? [o.to] : [],
  );

describe('how far: a unit’s move, ×4 in competition, ×2 in crisis, ×1 in conflict', () => {
  // Infantry (move 1) on Okinawa, over land borders: Amami is 1 zone, Kyushu 2, Western Honshu 3, Kanto 4.
  it.each<[number, string[], string[]]>([
    [0, ['amami', 'kyushu', 'western-honshu', 'kanto'], []],
    [1, ['amami', 'kyushu', 'western-honshu', 'kanto'], []],
    [2, ['amami', 'kyushu'], ['western-honshu', 'kanto']],
    [3, ['amami', 'kyushu'], ['western-honshu', 'kanto']],
    [4, ['amami'], ['kyushu']],
    [5, ['amami'], ['kyushu']],
  ])('rung %d: infantry reaches %o and not %o', (rung, reach, not) => {
    const t = targets(at(rung), 't-inf');
    expect(t).toEqual(expect.arrayContaining(reach));
    for (const z of not) expect(t).not.toContain(z);
  });

  it('a destroyer (move 2) at rung 4 goes two sea moves: from Kanto past the Philippine Sea (east) to Amami', () => {
    const t = targets(at(4), 't-dd');
    expect(t).toEqual(expect.arrayContaining(['philippine-sea-east', 'amami', 'kyushu']));
    expect(t).not.toContain('okinawa');
  });
});

describe('where', () => {
  it('ground forces cross the sea by lift before open conflict, and farther in competition', () => {
    // Okinawa → East China Sea (south) → Taipei is two moves: within reach at rung 2 (2 zones)...
    expect(targets(at(2), 't-inf')).toContain('taipei');
    // ...at rung 4 only the land border to Amami remains (1 zone, no sea lift).
    expect(targets(at(4), 't-inf')).toEqual(['amami']);
    // Competition (4 zones) reaches Kyushu by way of Amami, and Kanto.
    expect(targets(at(0), 't-inf')).toEqual(expect.arrayContaining(['kyushu', 'kanto', 'taipei']));
    // Never a sea zone, never the zone it is in, never China.
    for (const z of targets(at(0), 't-inf'))
      expect(['ecs-south', 'okinawa', 'fujian', 'zhejiang']).not.toContain(z);
  });

  it('ships go by sea to sea zones and to friendly ports, never into a Chinese port', () => {
    const t = targets(at(0), 't-dd');
    expect(t).toEqual(
      expect.arrayContaining(['kyushu', 'okinawa', 'ecs-south', 'taiwan-strait-north', 'taipei']),
    );
    expect(t).not.toContain('fujian');
    expect(t).not.toContain('kanto');
    // Sorted, no duplicates.
    expect([...t].sort()).toEqual(t);
    expect(new Set(t).size).toBe(t.length);
  });

  it('aircraft rebase to friendly airbases within range, whatever the phase; not to China, not where they are', () => {
    for (const rung of [0, 4]) {
      const t = targets(at(rung), 't-fi');
      expect(t).toEqual(expect.arrayContaining(['kanto', 'kyushu', 'ishigaki', 'taipei', 'guam']));
      expect(t).not.toContain('okinawa');
      expect(t).not.toContain('fujian'); // an airbase in range, but Chinese
      expect(t).not.toContain('amami'); // a port, no airbase
      expect(t).not.toContain('us-pool');
    }
    // Guam is in range of Okinawa (about 2,300 km) but not of Hokkaido… the range decides:
    const north = at(0, (d) => (d.units['t-fi']!.zone = 'hokkaido'));
    expect(targets(north, 't-fi')).not.toContain('guam');
  });

  it('a Chinese airbase taken by Japan counts as friendly; a Japanese one held by China does not', () => {
    const taken = at(0, (d) => {
      d.zones.fujian = { ...d.zones.fujian!, controller: 'japan' };
      d.zones.ishigaki = { ...d.zones.ishigaki!, controller: 'china' };
    });
    const t = targets(taken, 't-fi');
    expect(t).toContain('fujian');
    expect(t).not.toContain('ishigaki');
  });

  it('reinforcements leave the pool for Guam once ready, and go nowhere before', () => {
    const pool = (ready: number) =>
      at(4, (d) => {
        addUnit(d, { id: 't-pool', type: 'us-ddg', faction: 'us', zone: 'us-pool', strength: 2 });
        d.units['t-pool']!.readyRound = ready;
      });
    expect(targets(pool(2), 't-pool')).toEqual(['guam']);
    expect(targets(pool(1), 't-pool')).toEqual(['guam']);
    expect(targets(pool(3), 't-pool')).toEqual([]);
  });
});

describe('ground advances on Taiwan’s main island', () => {
  /** China holds Taichung with a brigade; rung 5, the US and Japan out. */
  const lodgment = (rung: number, edit: (d: DraftState) => void = () => {}) =>
    at(rung, (d) => {
      d.zones.taichung = { ...d.zones.taichung!, controller: 'china' };
      d.units['t-cn']!.zone = 'taichung';
      edit(d);
    });

  it('once force may be used, a ground unit may attack an adjacent zone of the island its enemy holds', () => {
    const s = lodgment(5);
    expect(targets(s, 't-tw')).toContain('taichung');
    // China pushes inland from its lodgment: Taipei, Tainan–Kaohsiung and Hualien–Taitung border Taichung.
    expect(targets(s, 't-cn')).toEqual(
      expect.arrayContaining(['taipei', 'tainan-kaohsiung', 'hualien-taitung']),
    );
  });

  it('before force may be used (below rung 4) there is no advance', () => {
    const s = lodgment(3);
    expect(targets(s, 't-tw')).not.toContain('taichung');
    expect(targets(s, 't-cn')).not.toContain('taipei');
  });

  it('only ground units with ground power advance, and only from the main island', () => {
    const s = lodgment(5, (d) => {
      addUnit(d, { id: 't-tw-km', type: 'tw-army', faction: 'taiwan', zone: 'kinmen-matsu', strength: 2 });
      addUnit(d, { id: 't-tw-dd', type: 'tw-navy', faction: 'taiwan', zone: 'taipei', strength: 2 });
    });
    expect(targets(s, 't-tw-sam')).not.toContain('taichung');
    expect(targets(s, 't-tw-km')).not.toContain('taichung');
    expect(targets(s, 't-tw-dd')).not.toContain('taichung');
  });
});

describe('friendly ground: where a faction’s aircraft may rebase (an airbase in range that is friendly)', () => {
  const FIGHTER: Record<Faction, [string, string]> = {
    japan: ['jp-fighter', 'kyushu'],
    us: ['us-fighter', 'okinawa'],
    china: ['cn-fighter', 'zhejiang'],
    taiwan: ['tw-fighter', 'hualien-taitung'],
  };
  const held = (zone: string, by: Faction) => (d: DraftState) => {
    d.zones[zone] = { ...d.zones[zone]!, controller: by };
  };
  it.each<[string, Faction, string, (d: DraftState) => void, boolean]>([
    ['Japan in Taiwan', 'japan', 'taipei', () => {}, true],
    ['Japan in China', 'japan', 'fujian', () => {}, false],
    ['China in China', 'china', 'fujian', () => {}, true],
    ['China in Taiwan', 'china', 'taipei', () => {}, false],
    ['China in Japan', 'china', 'okinawa', () => {}, false],
    ['the US in the Philippines', 'us', 'luzon-batanes', () => {}, true],
    ['Japan in the Philippines', 'japan', 'luzon-batanes', () => {}, false],
    ['China in the Philippines', 'china', 'luzon-batanes', () => {}, false],
    ['China in a Taiwanese zone it holds', 'china', 'taichung', held('taichung', 'china'), true],
    ['Taiwan in its own zone China holds', 'taiwan', 'taichung', held('taichung', 'china'), false],
    ['Japan in a zone Taiwan holds', 'japan', 'taichung', held('taichung', 'taiwan'), true],
    ['the US in a Chinese zone Japan holds', 'us', 'fujian', held('fujian', 'japan'), true],
  ])('%s → %s', (_n, f, zone, edit, friendly) => {
    const [type, from] = FIGHTER[f];
    const s = at(0, (d) => {
      addUnit(d, { id: 't-air', type, faction: f, zone: from, strength: 2 });
      edit(d);
    });
    expect(targets(s, 't-air').includes(zone)).toBe(friendly);
  });

  it('ships enter any sea zone but only friendly ports', () => {
    const s = at(0, (d) =>
      addUnit(d, {
        id: 't-cn-ship',
        type: 'cn-ddg',
        faction: 'china',
        zone: 'taiwan-strait-north',
        strength: 2,
      }),
    );
    const t = targets(s, 't-cn-ship');
    expect(t).toEqual(expect.arrayContaining(['ecs-south', 'fujian']));
    expect(t).not.toContain('taipei');
  });
});

describe('the move order', () => {
  const move = (unit: string, to: string): Order => ({ type: 'move', unit, to });
  const check = (s: MatchState, f: Faction, o: Order) => codeOf(validateOrder(s, inv, f, o));

  it.each<[string, Faction, Order, (d: DraftState) => void, string]>([
    ['a reachable zone', 'japan', move('t-inf', 'amami'), () => {}, 'ok'],
    ['an unknown unit', 'japan', move('t-nobody', 'amami'), () => {}, 'ERR_NO_UNIT'],
    [
      'a destroyed unit',
      'japan',
      move('t-inf', 'amami'),
      (d) => (d.units['t-inf']!.strength = 0),
      'ERR_NO_UNIT',
    ],
    [
      'a unit at 0.1 strength',
      'japan',
      move('t-inf', 'amami'),
      (d) => (d.units['t-inf']!.strength = 0.1),
      'ERR_NO_UNIT',
    ],
    [
      'a unit at 0.2 strength',
      'japan',
      move('t-inf', 'amami'),
      (d) => (d.units['t-inf']!.strength = 0.2),
      'ok',
    ],
    ["another faction's unit", 'us', move('t-inf', 'amami'), () => {}, 'ERR_NOT_YOURS'],
    [
      'a unit not yet in theater',
      'japan',
      move('t-inf', 'amami'),
      (d) => (d.units['t-inf']!.readyRound = 3),
      'ERR_NOT_READY',
    ],
    [
      'a unit ready this round',
      'japan',
      move('t-inf', 'amami'),
      (d) => (d.units['t-inf']!.readyRound = 2),
      'ok',
    ],
    ['a zone off the map', 'japan', move('t-inf', 'atlantis'), () => {}, 'ERR_NO_ZONE'],
    ['a zone out of reach', 'japan', move('t-inf', 'hokkaido'), () => {}, 'ERR_UNREACHABLE'],
  ])('%s → %s', (_n, f, o, edit, code) => {
    expect(check(at(4, edit), f, o)).toBe(code);
  });

  it('one move per unit a round; a unit in a landing does not move', () => {
    const moved = patch(at(4), (d) => {
      d.pending.japan = {
        orders: [move('t-inf', 'amami')],
        committed: false,
      } as DraftState['pending']['japan'];
    });
    expect(check(moved, 'japan', move('t-inf', 'amami'))).toBe('ERR_DUPLICATE');
    expect(check(moved, 'japan', move('t-dd', 'kyushu'))).toBe('ok');
    const landing = (lift: string, brigades: string[]) =>
      patch(at(4), (d) => {
        d.pending.china = {
          orders: [{ type: 'land', lift, brigades, target: 'taichung' }],
          committed: false,
        } as DraftState['pending']['china'];
        addUnit(d, { id: 't-lift', type: 'cn-amphib', faction: 'china', zone: 'fujian', strength: 1 });
      });
    expect(check(landing('t-lift', ['t-cn']), 'china', move('t-cn', 'zhejiang'))).toBe('ERR_DUPLICATE');
    expect(check(landing('t-lift', ['t-cn']), 'china', move('t-lift', 'taiwan-strait-north'))).toBe(
      'ERR_DUPLICATE',
    );
    expect(check(landing('t-lift', []), 'china', move('t-cn', 'zhejiang'))).toBe('ok');
  });
});

describe('the movement step', () => {
  it('moves each ordered unit, logged to its faction and White; a unit destroyed before it moves stays', () => {
    const s = at(4, (d) => (d.units['t-tw']!.strength = 0));
    const after = play(quiet(inv), s, {
      japan: [{ type: 'move', unit: 't-inf', to: 'amami' }, { type: 'mobilize' }],
      china: [{ type: 'move', unit: 't-gone', to: 'zhejiang' }],
      taiwan: [{ type: 'move', unit: 't-tw', to: 'taichung' }],
    });
    expect(after.units['t-inf']?.zone).toBe('amami');
    expect(after.units['t-tw']?.zone).toBe('taipei');
    const lines = after.log.slice(s.log.length).filter((e) => e.kind === 'unit-moved');
    expect(lines.map((e) => [e.data, e.visibleTo])).toEqual([
      [{ unit: 't-inf', from: 'okinawa', to: 'amami' }, ['japan', 'white']],
    ]);
  });
});
