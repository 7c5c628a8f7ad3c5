/**
 * The amphibious and ground rules (DESIGN.md section 8, "Amphibious assault"): who may order a
 * landing, where and with what lift; how the lift crosses and what sunk lift costs the troops
 * aboard; ground combat with the defender's advantage and Taiwan's mobilized reserves; who takes
 * and who retakes a zone; and when a lodgment is unsupplied and what that costs.
 *
 * Positions are the invasion scenario with every unit at strength 0 and only the units a test
 * adds; rounds are adjudicated through the engine's front door with no events.
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  GROUND,
  landingReachable,
  legalOrders,
  type MatchState,
  type Order,
  RUNG,
  stream,
  validateOrder,
} from '../game/index.ts';
import { codeOf, scenario } from './helpers.ts';
import { eventsSince, play, quiet, type Spec, warPosition } from './round.ts';

const inv = quiet(scenario('taiwan-invasion'));

/** A war position with only `units` on the board (Taiwan's reserves not mobilized), then `edit`. */
function war(seed: string, units: Spec[], edit: (d: DraftState) => void = () => {}): MatchState {
  const unmobilized = (d: DraftState): void => {
    d.taiwan.reserveMobilization = 0;
  };
  return warPosition(inv, seed, RUNG.invasion, unmobilized, units, edit);
}

const land = (o: Partial<Extract<Order, { type: 'land' }>> = {}): Order => ({
  type: 'land',
  lift: 'L',
  brigades: ['B1'],
  target: 'taichung',
  ...o,
});
const check = (s: MatchState, o: Order, f: 'china' | 'taiwan' = 'china', sc = inv) =>
  codeOf(validateOrder(s, sc, f, o));
const message = (s: MatchState, o: Order): string => {
  const r = validateOrder(s, inv, 'china', o);
  return r.ok ? '' : r.error.message;
};
const pending = (os: Order[]) => (d: DraftState) => {
  d.pending.china = { orders: os, committed: false } as DraftState['pending']['china'];
};
const at = (rung: number) => (d: DraftState) => {
  d.escalation = rung as DraftState['escalation'];
};
const str = (s: MatchState, id: string) => s.units[id]!.strength;

/** The two noise factors of a round-1 ground combat in `zone` (attacker's loss first), as the rule draws them. */
function noise(seed: string, zone: string): [number, number] {
  const r = stream(seed, `round-1/ground-${zone}`);
  return [0.75 + r.next() * 0.5, 0.75 + r.next() * 0.5];
}
const base = GROUND.baseAttrition.value;
const dm = GROUND.defenderMultiplier.value;
const wither = GROUND.unsuppliedAttrition.value;

describe('the landing order', () => {
  const units: Spec[] = [
    ['L', 'cn-amphib', 'fujian', 4],
    ['B1', 'cn-amphib-bde', 'fujian', 3],
    ['B2', 'cn-amphib-bde', 'fujian', 3],
    ['D', 'cn-ddg', 'fujian', 2],
    ['T', 'tw-army', 'taichung', 2],
    ['LZ', 'cn-amphib', 'zhejiang', 2],
    ['BZ', 'cn-amphib-bde', 'zhejiang', 2],
  ];
  const s = (edit: (d: DraftState) => void = () => {}) => war('order', units, edit);
  const zhe = (target: string) => land({ lift: 'LZ', brigades: ['BZ'], target });

  it('only China lands, on a zone of the map', () => {
    expect(check(s(), land())).toBe('ok');
    expect(check(s(), land(), 'taiwan')).toBe('ERR_NOT_YOURS');
    expect(check(s(), land({ target: 'atlantis' }))).toBe('ERR_NO_ZONE');
    const noPenghu = { ...inv, zones: inv.zones.filter((z) => z !== 'penghu') };
    expect(check(s(), land({ target: 'penghu' }), 'china', noPenghu)).toBe('ERR_NO_ZONE');
    expect(check(s(), land({ target: 'penghu' }))).toBe('ok');
  });

  it('Taiwan needs the invasion rung, Japan the strikes rung, the Senkakus a quarantine', () => {
    expect(check(s(at(RUNG.strikes)), land())).toBe('ERR_BELOW_INVASION');
    expect(message(s(at(RUNG.strikes)), land())).toContain(`rung ${RUNG.invasion}`);
    // China's own escalation this round counts.
    const escalating = s((d) => {
      at(RUNG.strikes)(d);
      pending([{ type: 'escalate', to: RUNG.invasion }])(d);
    });
    expect(check(escalating, land())).toBe('ok');
    expect(check(s(at(RUNG.blockade)), zhe('yonaguni'))).toBe('ERR_BELOW_INVASION');
    expect(message(s(at(RUNG.blockade)), zhe('yonaguni'))).toContain(`rung ${RUNG.strikes}`);
    expect(check(s(at(RUNG.strikes)), zhe('yonaguni'))).toBe('ok');
    expect(check(s(at(RUNG.coercion)), zhe('senkaku'))).toBe('ERR_BELOW_INVASION');
    expect(message(s(at(RUNG.coercion)), zhe('senkaku'))).toContain('rung 2');
    expect(check(s(at(RUNG.quarantine)), zhe('senkaku'))).toBe('ok');
    // A quarantine is not enough for Yonaguni or Taiwan.
    expect(check(s(at(RUNG.quarantine)), zhe('yonaguni'))).toBe('ERR_BELOW_INVASION');
  });

  it('lands on land that is not China’s', () => {
    for (const target of ['taiwan-strait-north', 'fujian', 'us-pool'])
      expect(check(s(), land({ target }))).toBe('ERR_BAD_TARGET');
    expect(check(s(), land({ target: 'kinmen-matsu' }))).toBe('ok');
  });

  it('needs a Chinese lift group in play', () => {
    for (const lift of ['T', 'B2', 'ghost']) expect(check(s(), land({ lift }))).toBe('ERR_NO_LIFT');
    const weak = (lift: number) =>
      s((d) => {
        d.units.L!.strength = lift;
        d.units.B1!.strength = 0.12;
      });
    expect(check(weak(0.1), land())).toBe('ERR_NO_LIFT');
    expect(check(weak(0.11), land())).toBe('ok');
  });

  it('one landing or move per lift, one order per brigade', () => {
    expect(check(s(pending([land({ brigades: ['B2'] })])), land())).toBe('ERR_DUPLICATE');
    expect(check(s(pending([{ type: 'move', unit: 'L', to: 'zhejiang' }])), land())).toBe('ERR_DUPLICATE');
    expect(check(s(pending([{ type: 'move', unit: 'D', to: 'zhejiang' }])), land())).toBe('ok');
    expect(check(s(pending([zhe('taichung')])), land())).toBe('ok');
    expect(check(s(pending([{ ...zhe('taichung'), brigades: ['BZ', 'B1'] } as Order])), land())).toBe(
      'ERR_DUPLICATE',
    );
    expect(check(s(pending([{ type: 'move', unit: 'B1', to: 'zhejiang' }])), land())).toBe('ERR_DUPLICATE');
    expect(check(s(pending([{ type: 'move', unit: 'B2', to: 'zhejiang' }])), land())).toBe('ok');
  });

  it('reaches two sea zones, or a beach from the sea zone next to it', () => {
    const from = (zone: string) =>
      s((d) => {
        d.units.L!.zone = zone;
        d.units.B1!.zone = zone;
      });
    expect(check(from('fujian'), land({ target: 'tainan-kaohsiung' }))).toBe('ok');
    expect(check(from('hainan'), land())).toBe('ERR_UNREACHABLE');
    expect(message(from('hainan'), land())).toContain('Hainan');
    // The Senkakus have no port: from the East China Sea's southern zone itself or a coast next to it.
    expect(check(from('ecs-south'), land({ target: 'senkaku' }))).toBe('ok');
    expect(check(from('zhejiang'), land({ target: 'senkaku' }))).toBe('ok');
    expect(check(from('shanghai-jiangsu'), land({ target: 'senkaku' }))).toBe('ERR_UNREACHABLE');
    // Hualien–Taitung faces the Pacific: from the strait, the ports next to it do not count.
    expect(check(from('taiwan-strait-north'), land({ target: 'hualien-taitung' }))).toBe('ERR_UNREACHABLE');
  });

  it('needs brigades: Chinese ground units in play, with the lift', () => {
    expect(check(s(), land({ brigades: [] }))).toBe('ERR_NO_UNIT');
    for (const b of ['T', 'D', 'ghost']) expect(check(s(), land({ brigades: [b] }))).toBe('ERR_NO_UNIT');
    expect(
      check(
        s((d) => (d.units.B1!.strength = 0.1)),
        land(),
      ),
    ).toBe('ERR_NO_UNIT');
    expect(check(s(), land({ brigades: ['BZ'] }))).toBe('ERR_NOT_EMBARKED');
  });

  it('carries up to its lift per step times its strength', () => {
    // 4 steps x 1.5 battalions: 6.
    expect(check(s(), land({ brigades: ['B1', 'B2'] }))).toBe('ok');
    const heavy = s((d) => (d.units.B2!.strength = 3.5));
    expect(check(heavy, land({ brigades: ['B2'] }))).toBe('ok');
    expect(check(heavy, land({ brigades: ['B1', 'B2'] }))).toBe('ERR_LIFT_CAPACITY');
    expect(message(heavy, land({ brigades: ['B1', 'B2'] }))).toMatch(/6\.0.*6\.5/);
  });

  it('every refusal says what is wrong, naming the unit or zone', () => {
    const says = (st: MatchState, o: Order, f: 'china' | 'taiwan', text: string) => {
      const r = validateOrder(st, inv, f, o);
      expect(r.ok ? '' : r.error.message).toContain(text);
    };
    says(s(), land(), 'taiwan', 'only China');
    says(s(), land({ target: 'atlantis' }), 'china', 'atlantis');
    says(s(), land({ target: 'fujian' }), 'china', 'Fujian');
    says(s(), land({ lift: 'ghost' }), 'china', 'ghost');
    says(s(pending([land({ brigades: ['B2'] })])), land(), 'china', 'L already carries');
    says(s(pending([{ type: 'move', unit: 'L', to: 'zhejiang' }])), land(), 'china', 'L already has a move');
    says(s(), land({ brigades: [] }), 'china', 'at least one brigade');
    says(s(), land({ brigades: ['T'] }), 'china', '"T"');
    says(s(), land({ brigades: ['BZ'] }), 'china', 'Zhejiang');
    says(
      s(pending([{ type: 'move', unit: 'B1', to: 'zhejiang' }])),
      land(),
      'china',
      'B1 already has orders',
    );
  });

  it('landingReachable: every check but the brigades, while China plans', () => {
    expect(landingReachable(s(), inv, 'L', 'taichung')).toBe(true);
    expect(landingReachable(s(), inv, 'L', 'fujian')).toBe(false);
    const committed = s((d) => (d.pending.china = { orders: [], committed: true }));
    expect(landingReachable(committed, inv, 'L', 'taichung')).toBe(false);
    expect(
      landingReachable(
        s((d) => (d.stage = 'ended')),
        inv,
        'L',
        'taichung',
      ),
    ).toBe(false);
  });

  it('legal orders: each lift with the brigades it can carry, first come first loaded, China only', () => {
    const st = war('candidates', [
      ['L', 'cn-amphib', 'fujian', 2], // carries 3
      ['B1', 'cn-amphib-bde', 'fujian', 2],
      ['B2', 'cn-amphib-bde', 'fujian', 2],
      ['R', 'cn-rocket', 'fujian', 3],
      ['B3', 'cn-amphib-bde', 'fujian', 1],
      ['L2', 'cn-amphib', 'zhejiang', 3],
    ]);
    const lands = legalOrders(st, inv, 'china').filter((o) => o.type === 'land');
    expect(lands.length).toBeGreaterThan(0);
    for (const o of lands) expect(o).toMatchObject({ lift: 'L', brigades: ['B1', 'B3'] });
    const targets = lands.map((o) => (o.type === 'land' ? o.target : ''));
    expect(targets).toEqual(
      expect.arrayContaining(['taichung', 'tainan-kaohsiung', 'penghu', 'kinmen-matsu']),
    );
    expect(targets).not.toContain('fujian');
    expect(legalOrders(st, inv, 'taiwan').some((o) => o.type === 'land')).toBe(false);
  });
});

describe('crossing and landing', () => {
  const events = (before: MatchState, after: MatchState) => ({
    sailing: eventsSince(before, after, 'amphibious-sailing').map((e) => e.data.zone),
    landing: eventsSince(before, after, 'landing').map((e) => e.data),
    taken: eventsSince(before, after, 'zone-taken').map((e) => e.data.zone),
  });

  it('on undefended ground: the brigades land, the zone is China’s, the lift sails home', () => {
    const s = war('undefended', [
      ['L', 'cn-amphib', 'fujian', 4],
      ['B1', 'cn-amphib-bde', 'fujian', 3],
      ['B2', 'cn-amphib-bde', 'fujian', 3],
      ['S', 'tw-patriot', 'taichung', 2], // no ground power: no defender
    ]);
    const after = play(inv, s, { china: [land({ brigades: ['B1', 'B2'] })] });
    expect(after.units.B1!.zone).toBe('taichung');
    expect(after.units.B2!.zone).toBe('taichung');
    expect([str(after, 'B1'), str(after, 'B2')]).toEqual([3, 3]);
    expect(after.units.L!.zone).toBe('fujian');
    expect(after.zones.taichung!.controller).toBe('china');
    const ev = events(s, after);
    expect(ev.sailing).toEqual(['taiwan-strait-north']);
    expect(ev.landing).toEqual([{ zone: 'taichung', landed: 6, embarked: 6 }]);
    expect(ev.taken).toEqual([]); // landed, not advanced
    expect(after.flags.japanAttacked).toBe(false);
    expect(after.zones.taichung!.unsuppliedRounds).toBe(0);
    // Sailing is part of movement; the landing is part of the ground step.
    const step = (kind: string) => after.log.filter((e) => e.kind === kind).map((e) => e.step);
    expect(step('amphibious-sailing')).toEqual(['movement']);
    expect(step('landing')).toEqual(['ground']);
  });

  it('a landing on Japanese ground is an attack on Japan', () => {
    const s = war('yonaguni', [
      ['L', 'cn-amphib', 'zhejiang', 2],
      ['B1', 'cn-amphib-bde', 'zhejiang', 2],
    ]);
    const after = play(inv, s, { china: [land({ target: 'yonaguni' })] });
    expect(after.zones.yonaguni!.controller).toBe('china');
    expect(after.flags.japanAttacked).toBe(true);
    expect(eventsSince(s, after, 'japan-attacked')).toHaveLength(1);
  });

  it('crosses through the sea zone next to the beach, the one it is in if it can', () => {
    const sail = (zone: string, target: string) => {
      const s = war('cross', [
        ['L', 'cn-amphib', zone, 2],
        ['B1', 'cn-amphib-bde', zone, 2],
      ]);
      return events(s, play(inv, s, { china: [land({ target })] })).sailing;
    };
    expect(sail('bashi-channel', 'tainan-kaohsiung')).toEqual(['bashi-channel']);
    expect(sail('fujian', 'tainan-kaohsiung')).toEqual(['taiwan-strait-south']);
    // No sea zone next to both: the first sea zone next to the beach.
    expect(sail('zhejiang', 'tainan-kaohsiung')).toEqual(['taiwan-strait-south']);
    // From Zhejiang to Taipei: the East China Sea, not the strait listed first.
    expect(sail('zhejiang', 'taipei')).toEqual(['ecs-south']);
    // A coast next to the beach still sails through the sea: Fujian to Kinmen by the strait, and
    // from Guangdong through the strait's southern zone, never overland through Fujian.
    expect(sail('fujian', 'kinmen-matsu')).toEqual(['taiwan-strait-north']);
    expect(sail('guangdong', 'kinmen-matsu')).toEqual(['taiwan-strait-south']);
  });

  it('a lift group already sunk sails nowhere and its brigades stay ashore', () => {
    const s = war('sunk', [
      ['L', 'cn-amphib', 'fujian', 0],
      ['B1', 'cn-amphib-bde', 'fujian', 3],
    ]);
    const after = play(inv, s, { china: [land()] });
    expect(after.units.B1).toMatchObject({ zone: 'fujian', strength: 3 });
    expect(events(s, after).sailing).toEqual([]);
    expect(after.zones.taichung!.controller).toBeNull();
  });

  it('troops go down with the lift: what lands scales with the lift left', () => {
    // Two of four lift steps left carry 3 of the 6 battalions embarked.
    const s = war(
      'half-sunk',
      [
        ['L', 'cn-amphib', 'fujian', 2],
        ['B1', 'cn-amphib-bde', 'fujian', 4],
        ['B2', 'cn-amphib-bde', 'fujian', 2],
      ],
      (d) => (d.units.L!.maxStrength = 4),
    );
    const after = play(inv, s, { china: [land({ brigades: ['B1', 'B2'] })] });
    expect([str(after, 'B1'), str(after, 'B2')]).toEqual([2, 1]);
    expect(after.losses.china.ground).toBe(3);
    expect(events(s, after).landing).toEqual([{ zone: 'taichung', landed: 3, embarked: 6 }]);
  });

  it('against defenders the landing fights and does not take the zone while they stand', () => {
    const seed = 'opposed';
    const s = war(seed, [
      ['L', 'cn-amphib', 'fujian', 4],
      ['B1', 'cn-amphib-bde', 'fujian', 4],
      ['T', 'tw-army', 'taichung', 2],
    ]);
    const after = play(inv, s, { china: [land()] });
    const [n1, n2] = noise(seed, 'taichung');
    expect(str(after, 'B1')).toBeCloseTo(4 - base * 2 * dm * n1, 2);
    expect(str(after, 'T')).toBeCloseTo(2 - base * 6 * n2, 2);
    expect(after.zones.taichung!.controller).toBeNull();
  });
});

describe('ground combat', () => {
  it('defenders fight at the multiplier of prepared positions, Taiwan’s at its mobilization too; losses by combat power', () => {
    const seed = 'mobilized';
    const s = war(
      seed,
      [
        ['B1', 'cn-amphib-bde', 'taichung', 4],
        ['B2', 'cn-amphib-bde', 'taichung', 2],
        ['T', 'tw-army', 'taichung', 3],
        ['C', 'tw-coastal', 'taichung', 5],
        ['L', 'cn-amphib', 'fujian', 3], // supplies the 6 battalions over the beach
      ],
      (d) => (d.taiwan.reserveMobilization = 100),
    );
    const after = play(inv, s);
    const [n1, n2] = noise(seed, 'taichung');
    const att = 1.5 * 6; // 9
    const def = (3 * 1 + 5 * 0.2) * 1.5 * dm; // mobilization 100 → x1.5
    const attLoss = base * def * n1;
    const defLoss = base * att * n2;
    expect(eventsSince(s, after, 'ground-combat').map((e) => e.data)).toEqual([
      {
        zone: 'taichung',
        attackerLoss: expect.closeTo(attLoss, 3),
        defenderLoss: expect.closeTo(defLoss, 3),
      },
    ]);
    expect(str(after, 'B1')).toBeCloseTo(4 - (attLoss * 6) / att, 2);
    expect(str(after, 'B2')).toBeCloseTo(2 - (attLoss * 3) / att, 2);
    // The defenders' loss is shared by raw combat power: 3 to 1.
    expect(str(after, 'T')).toBeCloseTo(3 - defLoss * 0.75, 2);
    expect(str(after, 'C')).toBeCloseTo(5 - defLoss * 0.25, 2);
    expect(after.zones.taichung!.controller).toBeNull();
    expect(after.zones.taichung!.unsuppliedRounds).toBe(0);
  });

  it('Taiwan’s mobilization does not strengthen Japan’s garrisons', () => {
    const seed = 'garrison';
    const s = war(
      seed,
      [
        ['B1', 'cn-amphib-bde', 'yonaguni', 2],
        ['J', 'jp-infantry', 'yonaguni', 3],
        ['L', 'cn-amphib', 'fujian', 1],
      ],
      (d) => (d.taiwan.reserveMobilization = 100),
    );
    const after = play(inv, s);
    const [n1, n2] = noise(seed, 'yonaguni');
    expect(str(after, 'B1')).toBeCloseTo(2 - base * 3 * dm * n1, 2);
    expect(str(after, 'J')).toBeCloseTo(3 - base * 3 * n2, 2);
  });

  it('wiping out the defenders takes the zone; on Japanese ground that attacks Japan', () => {
    for (const [zone, type] of [
      ['taichung', 'tw-army'],
      ['yonaguni', 'jp-infantry'],
    ] as const) {
      const s = war(`wipe-${zone}`, [
        ['B1', 'cn-amphib-bde', zone, 6],
        ['X', type, zone, 0.3],
        ['P', zone === 'yonaguni' ? 'jp-patriot' : 'tw-patriot', zone, 2], // no ground power: holds nothing
      ]);
      const after = play(inv, s);
      expect(str(after, 'X')).toBe(0);
      expect(after.zones[zone]!.controller).toBe('china');
      expect(eventsSince(s, after, 'zone-taken').map((e) => e.data.zone)).toEqual([zone]);
      expect(after.flags.japanAttacked).toBe(zone === 'yonaguni');
      const steps = after.log.filter((e) => e.kind === 'ground-combat' || e.kind === 'zone-taken');
      expect(steps.map((e) => e.step)).toEqual(['ground', 'ground']);
    }
  });

  it('a landing force destroyed with the defenders takes nothing', () => {
    // 0.12 battalions a side: each loses at least a quarter of 0.18 x 0.75, below a tenth of a step.
    const s = war('both-wiped', [
      ['B1', 'cn-amphib-bde', 'taichung', 0.12],
      ['X', 'tw-army', 'taichung', 0.12],
      ['Q', 'cn-sam', 'taichung', 2],
      ['L', 'cn-amphib', 'fujian', 1],
    ]);
    const after = play(inv, s);
    expect([str(after, 'B1'), str(after, 'X')]).toEqual([0, 0]);
    expect(after.zones.taichung!.controller).toBeNull();
    expect(eventsSince(s, after, 'zone-taken')).toEqual([]);
  });

  it('only troops take ground: not a missile battery, not in Japan’s rear areas', () => {
    const sam = war('sam', [['Q', 'cn-sam', 'hualien-taitung', 2]]);
    expect(play(inv, sam).zones['hualien-taitung']!.controller).toBeNull();
    const rear = war('rear', [['B1', 'cn-amphib-bde', 'hokkaido', 2]]);
    const b = play(inv, rear);
    expect(b.zones.hokkaido!.controller).toBeNull();
    expect(b.flags.japanAttacked).toBe(false);
  });

  it('an advance into ground no one defends takes it, unless the ground is China’s', () => {
    for (const zone of ['hualien-taitung', 'yonaguni', 'fujian']) {
      const s = war(`advance-${zone}`, [['B1', 'cn-amphib-bde', zone, 2]]);
      const after = play(inv, s);
      const china = zone !== 'fujian';
      expect(after.zones[zone]!.controller).toBe(china ? 'china' : null);
      const taken = after.log.filter((e) => e.kind === 'zone-taken');
      expect(taken.map((e) => [(e.data as { zone: string }).zone, e.step])).toEqual(
        china ? [[zone, 'ground']] : [],
      );
      expect(after.flags.japanAttacked).toBe(zone === 'yonaguni');
      // Held on an airfield (Hualien) or at home it is supplied; Yonaguni has neither port nor
      // airfield and no lift is left to feed it over the beach.
      expect(str(after, 'B1')).toBeCloseTo(zone === 'yonaguni' ? 2 * (1 - wither) : 2, 3);
    }
  });

  it('ground China held goes back when Blue’s troops stand in it and China’s do not', () => {
    const held = (units: Spec[]) => war('retake', units, (d) => (d.zones.taichung!.controller = 'china'));
    const s = held([['T', 'tw-army', 'taichung', 1]]);
    const after = play(inv, s);
    expect(after.zones.taichung!.controller).toBeNull();
    expect(eventsSince(s, after, 'zone-retaken').map((e) => e.data)).toEqual([
      { zone: 'taichung', by: 'taiwan' },
    ]);
    expect(after.log.filter((e) => e.kind === 'zone-retaken').map((e) => e.step)).toEqual(['ground']);
    // Ground China never held is not retaken.
    const free = war('free', [['T', 'tw-army', 'taichung', 1]]);
    expect(eventsSince(free, play(inv, free), 'zone-retaken')).toEqual([]);
    // Nobody there, or only a missile battery without ground power: China keeps it.
    for (const units of [[], [['P', 'tw-patriot', 'taichung', 2]]] as Spec[][]) {
      const kept = held(units);
      const next = play(inv, kept);
      expect(next.zones.taichung!.controller).toBe('china');
      expect(eventsSince(kept, next, 'zone-retaken')).toEqual([]);
    }
  });
});

describe('lodgment supply', () => {
  /** China's 4 battalions in Tainan–Kaohsiung against Taiwan's 3 (a contested lodgment), plus `more`. */
  const lodgment = (seed: string, more: Spec[], edit: (d: DraftState) => void = () => {}) =>
    war(
      seed,
      [['B1', 'cn-amphib-bde', 'tainan-kaohsiung', 4], ['T', 'tw-army', 'tainan-kaohsiung', 3], ...more],
      edit,
    );
  /** B1's strength after combat alone. */
  const afterCombat = (seed: string) => 4 - base * 3 * dm * noise(seed, 'tainan-kaohsiung')[0];
  const withers = (s: MatchState, after: MatchState) =>
    eventsSince(s, after, 'lodgment-withers').map((e) => e.data.zone);

  it('over the beach: each surviving lift step sustains two battalions; short of that the lodgment withers', () => {
    const seed = 'beach';
    // A Chinese SAM battery in the lodgment neither needs supply nor counts as troops.
    const full = lodgment(seed, [
      ['L', 'cn-amphib', 'fujian', 2],
      ['Q', 'cn-sam', 'tainan-kaohsiung', 5],
    ]);
    const supplied = play(inv, full);
    expect(str(supplied, 'B1')).toBeCloseTo(afterCombat(seed), 2);
    expect(supplied.zones['tainan-kaohsiung']!.unsuppliedRounds).toBe(0);
    expect(withers(full, supplied)).toEqual([]);

    // A destroyer group is no lift.
    const none = lodgment(seed, [
      ['D', 'cn-ddg', 'fujian', 5],
      ['Q', 'cn-sam', 'tainan-kaohsiung', 5],
    ]);
    const cut = play(inv, none);
    expect(str(cut, 'B1')).toBeCloseTo(afterCombat(seed) * (1 - wither), 2);
    // Withering strikes China's troops only: Taiwan's brigade loses what the fighting cost it, the SAM nothing.
    expect(str(cut, 'T')).toBeCloseTo(3 - base * 6 * noise(seed, 'tainan-kaohsiung')[1], 2);
    expect(str(cut, 'Q')).toBe(5);
    expect(cut.log.filter((e) => e.kind === 'lodgment-withers').map((e) => e.step)).toEqual(['ground']);
    expect(cut.zones['tainan-kaohsiung']!.unsuppliedRounds).toBe(1);
    expect(withers(none, cut)).toEqual(['tainan-kaohsiung']);

    // Half the lift needed: half the attrition.
    const half = play(inv, lodgment(seed, [['L', 'cn-amphib', 'fujian', 1]]));
    expect(str(half, 'B1')).toBeCloseTo(afterCombat(seed) * (1 - wither / 2), 2);
  });

  it('counts only Chinese troops in ground China does not hold', () => {
    const seed = 'counted';
    const s = lodgment(
      seed,
      [
        ['L', 'cn-amphib', 'fujian', 2],
        ['H', 'cn-amphib-bde', 'fujian', 5],
        ['K', 'cn-amphib-bde', 'taichung', 6],
        ['R', 'cn-amphib-bde', 'hokkaido', 3], // a rear area is no lodgment
      ],
      (d) => (d.zones.taichung!.controller = 'china'),
    );
    const after = play(inv, s);
    expect(after.zones['tainan-kaohsiung']!.unsuppliedRounds).toBe(0);
    expect(str(after, 'B1')).toBeCloseTo(afterCombat(seed), 2);
    expect([str(after, 'H'), str(after, 'K')]).toEqual([5, 6]);
  });

  it('the count of rounds unsupplied grows while cut off and resets once supplied', () => {
    const prior = (d: DraftState) => (d.zones['tainan-kaohsiung']!.unsuppliedRounds = 2);
    expect(play(inv, lodgment('rounds', [], prior)).zones['tainan-kaohsiung']!.unsuppliedRounds).toBe(3);
    expect(
      play(inv, lodgment('rounds', [['L', 'cn-amphib', 'fujian', 2]], prior)).zones['tainan-kaohsiung']!
        .unsuppliedRounds,
    ).toBe(0);
  });

  it('held ground lives on its own port or airfield while it is not wrecked; elsewhere it shares the lodgments’ lack', () => {
    // A contested lodgment with no lift leaves over-the-beach supply short everywhere.
    const held = (zone: string, portDamage = 0) =>
      lodgment(`held-${zone}`, [['R', 'cn-amphib-bde', zone, 2]], (d) => {
        d.zones[zone]!.controller = 'china';
        d.zones[zone]!.portDamage = portDamage;
      });
    for (const [zone, damage, fed] of [
      ['taichung', 0, true], // port and airfield
      ['kinmen-matsu', 0, true], // port only
      ['taichung', 0.69, true],
      ['taichung', 0.7, false], // wrecked
      ['hualien-taitung', 0, true], // airfield
      ['yonaguni', 0, false], // neither
    ] as const) {
      const s = held(zone, damage);
      const after = play(inv, s);
      expect(str(after, 'R'), `${zone} at damage ${damage}`).toBeCloseTo(fed ? 2 : 2 * (1 - wither), 2);
      expect(after.zones[zone]!.unsuppliedRounds).toBe(fed ? 0 : 1);
      expect(withers(s, after).includes(zone)).toBe(!fed);
    }
    // Held ground without a port or airfield draws on the lift like any lodgment: 2 lift steps
    // sustain 4 battalions, and 4 contested plus 2 on Yonaguni are 6, so both wither by a third
    // of the full rate (before, held ground was left out of the count and both were fed).
    const shared = lodgment(
      'held-shared',
      [
        ['L', 'cn-amphib', 'fujian', 2],
        ['R', 'cn-amphib-bde', 'yonaguni', 2],
      ],
      (d) => {
        d.zones.yonaguni!.controller = 'china';
      },
    );
    const short = play(inv, shared);
    expect(str(short, 'R')).toBeCloseTo(2 * (1 - wither * (1 - 4 / 6)), 2);
    expect(str(short, 'B1')).toBeCloseTo(afterCombat('held-shared') * (1 - wither * (1 - 4 / 6)), 2);
    expect(withers(shared, short).sort()).toEqual(['tainan-kaohsiung', 'yonaguni']);
    // China's own ground needs no lodgment supply.
    const home = lodgment('home', [['R', 'cn-amphib-bde', 'fujian', 2]]);
    const after = play(inv, home);
    expect(str(after, 'R')).toBe(2);
    expect(after.zones.fujian!.unsuppliedRounds).toBe(0);
    expect(withers(home, after)).toEqual(['tainan-kaohsiung']);
  });
});
