/**
 * The strike rules (DESIGN.md section 8, "Strikes"; section 6 for who may use force; section 5
 * for deconfliction): which strike orders are legal and why not, what each aim does to the
 * zone it hits, who counts as attacked, what a step fires from launchers and stocks, what
 * failed deconfliction and duplicate targeting waste, and China's opening salvo.
 *
 * Positions are the invasion scenario with every unit at strength 0 and only the units a test
 * adds, the US intervening and Japan at war unless a test says otherwise.
 */
import { describe, expect, it } from 'vitest';
import {
  AIR,
  applyHits,
  COMMAND,
  type DraftState,
  distanceKm,
  draftOf,
  type Faction,
  freeze,
  type MatchState,
  NAVAL,
  type Order,
  orderCandidates,
  RUNG,
  STRIKE_EFFECTS,
  stream,
  type TargetAim,
  validateOrder,
  zoneDef,
} from '../game/index.ts';
import { codeOf, patch, scenario } from './helpers.ts';
import { armed, eventsSince, inForce, play, quiet, type Spec, warPosition } from './round.ts';

const inv = quiet(scenario('taiwan-invasion'));

/** At war, with 100 of every missile each side holds. */
function war(seed: string, units: Spec[], edit: (d: DraftState) => void = () => {}): MatchState {
  const extra = {
    china: { 'yj-18': 100, 'yj-12': 100, 'cj-10': 100, srbm: 100 },
    japan: { 'type-12': 100, harpoon: 100, tomahawk: 100 },
    us: { tomahawk: 100, 'jassm-er': 100, lrasm: 100 },
  };
  return warPosition(inv, seed, RUNG.strikes, armed(extra), units, edit);
}

const strike = (unit: string, target: string, aim: TargetAim, weapon: string, count: number): Order => ({
  type: 'strike',
  unit,
  target,
  aim,
  weapon,
  count,
});
const check = (s: MatchState, f: Faction, o: Order) => codeOf(validateOrder(s, inv, f, o));
const message = (s: MatchState, f: Faction, o: Order): string => {
  const r = validateOrder(s, inv, f, o);
  if (r.ok) throw new Error('expected a refusal');
  return r.error.message;
};
/** Adds an order to a seat's pending orders (a copy: a draft shares the pending entries). */
const withPending = (d: DraftState, f: Faction, o: Order): void => {
  d.pending[f] = {
    ...d.pending[f],
    orders: [...d.pending[f].orders, o] as DraftState['pending'][Faction]['orders'],
  };
};
const str = (s: MatchState, id: string) => s.units[id]!.strength;
const strikes = (before: MatchState, after: MatchState) =>
  eventsSince(before, after, 'strike').map((e) => e.data);

const SSM: Spec = ['J', 'jp-ssm', 'ishigaki', 4];
const DDG: Spec = ['D', 'cn-ddg', 'taiwan-strait-north', 4];

describe('who may strike (section 6)', () => {
  it('no one strikes below rung 4, and the error names the rung', () => {
    const s = war('rung', [SSM, DDG], (d) => (d.escalation = RUNG.blockade as DraftState['escalation']));
    expect(check(s, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'type-12', 4))).toBe(
      'ERR_BELOW_STRIKES',
    );
    expect(message(s, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'type-12', 4))).toContain(
      `it is at ${RUNG.blockade}`,
    );
    expect(check(s, 'china', strike('D', 'ishigaki', 'ships', 'yj-18', 4))).toBe('ERR_BELOW_STRIKES');
  });

  it('Japan strikes only in a survival-threatening or armed-attack situation', () => {
    const o = strike('J', 'taiwan-strait-north', 'ships', 'type-12', 4);
    const legal = (status: string) =>
      check(
        war('legal', [SSM, DDG], (d) => (d.japan.legalStatus = status as DraftState['japan']['legalStatus'])),
        'japan',
        o,
      );
    expect(legal('normal')).toBe('ERR_LEGAL_STATUS');
    expect(legal('important-influence')).toBe('ERR_LEGAL_STATUS');
    expect(legal('survival-threatening')).toBe('ok');
    expect(legal('armed-attack')).toBe('ok');
  });

  it('a scenario that keeps Japan or the US out forbids their strikes, whatever their status', () => {
    const s = war('never', [SSM, DDG, ['U', 'us-ddg', 'philippine-sea-west', 2]]);
    const never = {
      ...inv,
      constraints: { ...inv.constraints, japanIntervention: 'never', usIntervention: 'never' },
    } as typeof inv;
    const jp = validateOrder(s, never, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'type-12', 4));
    const us = validateOrder(s, never, 'us', strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 4));
    expect(jp.ok ? 'ok' : jp.error.code).toBe('ERR_SCENARIO_FORBIDS');
    expect(us.ok ? 'ok' : us.error.code).toBe('ERR_SCENARIO_FORBIDS');
    // China's strikes are not barred by Blue's constraints.
    expect(validateOrder(s, never, 'china', strike('D', 'ishigaki', 'ships', 'yj-18', 4)).ok).toBe(true);
  });

  it('US forces strike only once the US intervenes, or with the intervene order pending this round', () => {
    const units: Spec[] = [['U', 'us-ddg', 'philippine-sea-west', 2], DDG];
    const o = strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 4);
    const out = war('us', units, (d) => (d.us.intervening = false));
    expect(check(out, 'us', o)).toBe('ERR_NOT_INTERVENING');
    const deciding = patch(out, (d) => withPending(d, 'us', { type: 'intervene' } as Order));
    expect(check(deciding, 'us', o)).toBe('ok');
    expect(check(war('us-in', units), 'us', o)).toBe('ok');
  });

  it("US forces in Japan strike only with Japan's prior-consultation consent in force", () => {
    const units: Spec[] = [['U', 'us-ddg', 'okinawa', 2], DDG];
    const o = strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 4);
    const refused = war('consent', units, (d) => (d.alliance.consentGranted = false));
    expect(check(refused, 'us', o)).toBe('ERR_NO_CONSENT');
    const later = patch(refused, (d) => {
      d.alliance.consentGranted = true;
      d.alliance.consentRound = d.round + 1;
    });
    expect(check(later, 'us', o)).toBe('ERR_NO_CONSENT');
    const now = patch(later, (d) => (d.alliance.consentRound = d.round));
    expect(check(now, 'us', o)).toBe('ok');
    // Outside Japan consent does not matter.
    const guam = war('guam', [['U', 'us-ddg', 'philippine-sea-west', 2], DDG], (d) => {
      d.alliance.consentGranted = false;
    });
    expect(check(guam, 'us', o)).toBe('ok');
  });
});

describe('what a strike order must name', () => {
  const s = war('order', [
    SSM,
    DDG,
    ['R', 'cn-rocket', 'fujian', 4],
    ['T', 'tw-army', 'taichung', 3],
    ['F', 'us-bomber', 'philippine-sea-west', 2],
  ]);

  it('a unit in play that belongs to the seat', () => {
    expect(check(s, 'japan', strike('nope', 'taiwan-strait-north', 'ships', 'type-12', 1))).toBe(
      'ERR_NO_UNIT',
    );
    const sunk = patch(s, (d) => (d.units.J!.strength = 0.1));
    expect(check(sunk, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'type-12', 1))).toBe(
      'ERR_NO_UNIT',
    );
    const weak = patch(s, (d) => (d.units.J!.strength = 0.5));
    expect(check(weak, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'type-12', 1))).toBe('ok');
    expect(check(s, 'us', strike('J', 'taiwan-strait-north', 'ships', 'type-12', 1))).toBe('ERR_NOT_YOURS');
  });

  it('a zone on the map, and an aim the zone has', () => {
    expect(check(s, 'japan', strike('J', 'atlantis', 'ships', 'type-12', 1))).toBe('ERR_NO_ZONE');
    expect(check(s, 'japan', strike('J', 'taiwan-strait-north', 'bridges' as TargetAim, 'type-12', 1))).toBe(
      'ERR_BAD_AIM',
    );
    // Land-attack aims at land: an airbase needs an airfield, a port a port, an HQ a headquarters.
    const rocket = (target: string, aim: TargetAim) => check(s, 'china', strike('R', target, aim, 'srbm', 1));
    expect(rocket('taichung', 'airbase')).toBe('ok');
    expect(rocket('taichung', 'port')).toBe('ok');
    expect(rocket('hualien-taitung', 'port')).toBe('ERR_BAD_AIM');
    expect(rocket('yonaguni', 'airbase')).toBe('ERR_BAD_AIM');
    expect(check(s, 'china', strike('R', 'kanto', 'hq', 'df-26', 1))).toBe('ok');
    expect(check(s, 'china', strike('R', 'okinawa', 'hq', 'df-26', 1))).toBe('ERR_BAD_AIM');
    expect(rocket('taichung', 'ground')).toBe('ok');
    expect(rocket('taichung', 'launchers')).toBe('ok');
    expect(rocket('taiwan-strait-north', 'ground')).toBe('ERR_BAD_AIM');
    expect(rocket('taiwan-strait-north', 'launchers')).toBe('ERR_BAD_AIM');
    expect(message(s, 'china', strike('R', 'yonaguni', 'airbase', 'srbm', 1))).toContain('Yonaguni');
    // Ships are found at sea, in ports and at naval bases; not inland.
    const ddg = (target: string) => check(s, 'china', strike('D', target, 'ships', 'yj-18', 1));
    expect(ddg('ishigaki')).toBe('ok');
    expect(ddg('hualien-taitung')).toBe('ERR_BAD_AIM');
  });

  it('a weapon the unit carries, of the kind the aim needs (dual-role weapons fit both)', () => {
    expect(check(s, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'tomahawk', 1))).toBe(
      'ERR_NO_WEAPON',
    );
    expect(check(s, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'no-such-missile', 1))).toBe(
      'ERR_NO_WEAPON',
    );
    // Anti-ship missiles cannot hit an airfield, land-attack missiles cannot hit ships.
    expect(check(s, 'japan', strike('J', 'fujian', 'airbase', 'type-12', 1))).toBe('ERR_WRONG_WEAPON');
    expect(check(s, 'china', strike('R', 'taichung', 'ships', 'srbm', 1))).toBe('ERR_WRONG_WEAPON');
    expect(check(s, 'china', strike('R', 'taichung', 'ships', 'df-21d', 1))).toBe('ok');
    expect(check(s, 'china', strike('R', 'taichung', 'airbase', 'df-21d', 1))).toBe('ERR_WRONG_WEAPON');
    expect(check(s, 'china', strike('R', 'taichung', 'ships', 'df-26', 1))).toBe('ok');
    expect(check(s, 'china', strike('R', 'taichung', 'airbase', 'df-26', 1))).toBe('ok');
  });

  it("a target within the weapon's range, with the distance in the error", () => {
    const far = war('range', [['H', 'jp-ssm', 'hokkaido', 4], DDG]);
    const d = Math.round(distanceKm('hokkaido', 'taiwan-strait-north'));
    expect(d).toBeGreaterThan(1000);
    expect(check(far, 'japan', strike('H', 'taiwan-strait-north', 'ships', 'type-12', 1))).toBe(
      'ERR_OUT_OF_RANGE',
    );
    expect(message(far, 'japan', strike('H', 'taiwan-strait-north', 'ships', 'type-12', 1))).toContain(
      `${d} km`,
    );
    // A unit's own zone is in range of any weapon.
    const own = war('own', [
      ['S', 'jp-ss', 'miyako-strait', 2],
      ['E', 'cn-ddg', 'miyako-strait', 2],
    ]);
    expect(check(own, 'japan', strike('S', 'miyako-strait', 'ships', 'harpoon', 1))).toBe('ok');
  });

  it('a whole number of missiles, no more than the launchers fire in a round', () => {
    const o = (count: number) => strike('J', 'taiwan-strait-north', 'ships', 'type-12', count);
    expect(check(s, 'japan', o(0))).toBe('ERR_BAD_COUNT');
    expect(check(s, 'japan', o(1.5))).toBe('ERR_BAD_COUNT');
    expect(check(s, 'japan', o(-2))).toBe('ERR_BAD_COUNT');
    // 4 launcher steps of 4 missiles each: 16 a round.
    expect(check(s, 'japan', o(16))).toBe('ok');
    expect(check(s, 'japan', o(17))).toBe('ERR_LAUNCHERS');
    // Strikes already ordered this round use the same launchers.
    const ordered = patch(s, (d) => withPending(d, 'japan', o(10)));
    expect(check(ordered, 'japan', o(6))).toBe('ok');
    expect(check(ordered, 'japan', o(7))).toBe('ERR_LAUNCHERS');
    expect(message(ordered, 'japan', o(7))).toContain('6 more');
  });

  it('no more missiles than the stockpile holds, less those already ordered', () => {
    const low = patch(s, (d) => (d.stockpiles.japan['type-12'] = 5));
    const o = (count: number) => strike('J', 'taiwan-strait-north', 'ships', 'type-12', count);
    expect(check(low, 'japan', o(5))).toBe('ok');
    expect(check(low, 'japan', o(6))).toBe('ERR_STOCKPILE');
    const ordered = patch(low, (d) => withPending(d, 'japan', o(3)));
    expect(check(ordered, 'japan', o(2))).toBe('ok');
    expect(check(ordered, 'japan', o(3))).toBe('ERR_STOCKPILE');
    expect(message(ordered, 'japan', o(3))).toContain('only 2');
  });

  it('enemy forces at the target, or enemy territory', () => {
    // Blue may strike Chinese soil with no unit there; China may strike Japan's or Taiwan's.
    expect(check(s, 'us', strike('F', 'fujian', 'airbase', 'jassm-er', 1))).toBe('ok');
    expect(check(s, 'china', strike('R', 'okinawa', 'airbase', 'srbm', 1))).toBe('ok');
    expect(check(s, 'china', strike('R', 'penghu', 'airbase', 'srbm', 1))).toBe('ok');
    // An empty stretch of sea, or Blue's own soil with nothing of China's on it, is no target.
    expect(check(s, 'japan', strike('J', 'ecs-south', 'ships', 'type-12', 1))).toBe('ERR_NO_TARGET');
    expect(check(s, 'us', strike('F', 'penghu', 'airbase', 'jassm-er', 1))).toBe('ERR_NO_TARGET');
    expect(check(s, 'china', strike('R', 'shanghai-jiangsu', 'airbase', 'srbm', 1))).toBe('ERR_NO_TARGET');
    // Chinese ships at sea are a target.
    expect(check(s, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'type-12', 1))).toBe('ok');
    // The Philippines only when Blue forces are there.
    expect(check(s, 'china', strike('R', 'luzon-batanes', 'airbase', 'srbm', 1))).toBe('ERR_NO_TARGET');
    const based = patch(s, (d) => (d.units.F!.zone = 'luzon-batanes'));
    expect(check(based, 'china', strike('R', 'luzon-batanes', 'airbase', 'srbm', 1))).toBe('ok');
  });
});

describe('strike candidates', () => {
  it('every candidate a seat is offered is legal, at the most it may fire, and none below rung 4', () => {
    const s = war('cand', [SSM, DDG, ['R', 'cn-rocket', 'fujian', 2]], (d) => (d.stockpiles.china.srbm = 3));
    const cands = [...orderCandidates(s, inv, 'china')].filter((o) => o.type === 'strike');
    expect(cands.length).toBeGreaterThan(10);
    const srbm = cands.filter((o) => o.type === 'strike' && o.weapon === 'srbm');
    // 2 steps x 4 launchers = 8 a round, but only 3 in stock.
    expect(new Set(srbm.map((o) => (o.type === 'strike' ? o.count : 0)))).toEqual(new Set([3]));
    const ddg = cands.filter((o) => o.type === 'strike' && o.unit === 'D');
    expect(new Set(ddg.map((o) => (o.type === 'strike' ? o.count : 0)))).toEqual(new Set([32]));
    // Each candidate is within range of its weapon.
    for (const o of cands)
      if (o.type === 'strike' && o.target !== s.units[o.unit]!.zone)
        expect(distanceKm(s.units[o.unit]!.zone, o.target)).toBeLessThanOrEqual(
          o.weapon === 'yj-18' ? 540 : o.weapon === 'srbm' ? 1000 : 4000,
        );
    const legal = cands.filter((o) => validateOrder(s, inv, 'china', o).ok);
    expect(legal.length).toBeGreaterThan(0);
    const calm = patch(s, (d) => (d.escalation = RUNG.blockade as DraftState['escalation']));
    expect([...orderCandidates(calm, inv, 'china')].filter((o) => o.type === 'strike')).toEqual([]);
    // A spent stockpile offers nothing for that weapon.
    const dry = patch(s, (d) => (d.stockpiles.china.srbm = 0));
    expect(
      [...orderCandidates(dry, inv, 'china')].filter((o) => o.type === 'strike' && o.weapon === 'srbm'),
    ).toEqual([]);
  });
});

/** Applies `hits` of a job to a copy of `s` and returns the copy. */
function hit(
  s: MatchState,
  job: { by: Faction; target: string; aim: TargetAim; spare?: Faction[] },
  hits: number,
  seed = 'hits',
): MatchState {
  const d = draftOf(s);
  applyHits(d, { parts: [], combined: false, key: 'test', ...job }, hits, stream(seed, 'applyHits'));
  return freeze(d);
}

describe('what hits do, by aim', () => {
  it('ships: hits are shared by the groups in proportion to their size, and submarines are not found', () => {
    const s = war('ships', [
      ['D', 'cn-ddg', 'taiwan-strait-north', 4],
      ['A', 'cn-amphib', 'taiwan-strait-north', 2],
      ['S', 'cn-ss', 'taiwan-strait-north', 2],
    ]);
    // Sizes: destroyers 4 steps x 2 hits, amphibious ships 2 x 2: 8 and 4.
    const after = hit(s, { by: 'taiwan', target: 'taiwan-strait-north', aim: 'ships' }, 6);
    expect(str(after, 'D')).toBeCloseTo(2, 3);
    expect(str(after, 'A')).toBeCloseTo(1, 3);
    expect(str(after, 'S')).toBe(2);
    expect(after.losses.china.surface).toBeCloseTo(2, 3);
    expect(after.losses.china.amphibious).toBeCloseTo(1, 3);
  });

  it('ships: what a sunk group cannot take passes to the rest', () => {
    // The amphibious group (0.15 step) is sunk below 0.1 by its share; the rest passes to the destroyers.
    const s = war('overflow', [
      ['D', 'cn-ddg', 'taiwan-strait-north', 4],
      ['A', 'cn-amphib', 'taiwan-strait-north', 0.15],
    ]);
    const after = hit(s, { by: 'taiwan', target: 'taiwan-strait-north', aim: 'ships' }, 8.2);
    expect(str(after, 'A')).toBe(0);
    // Total size 8.3 of which 8.2 hit: the destroyers end with about 0.05 step, which sinks them.
    expect(str(after, 'D')).toBe(0);
    const partial = hit(s, { by: 'taiwan', target: 'taiwan-strait-north', aim: 'ships' }, 4.15);
    expect(str(partial, 'D')).toBeCloseTo(2, 1);
    expect(str(partial, 'A')).toBe(0);
  });

  it("ships: a Chinese salvo leaves a bystander's ships alone, but not on the bystander's own soil", () => {
    const s = war('spare', [
      ['U', 'us-ddg', 'bashi-channel', 2],
      ['N', 'tw-navy', 'bashi-channel', 2],
      ['J', 'jp-dd', 'okinawa', 2],
      ['K', 'us-ddg', 'okinawa', 2],
    ]);
    const sea = hit(s, { by: 'china', target: 'bashi-channel', aim: 'ships', spare: ['us'] }, 4);
    expect(str(sea, 'U')).toBe(2);
    expect(str(sea, 'N')).toBeLessThan(2);
    expect(sea.flags.usAttacked).toBe(false);
    const japan = hit(s, { by: 'china', target: 'okinawa', aim: 'ships', spare: ['japan', 'us'] }, 4);
    expect(str(japan, 'J')).toBeLessThan(2);
    expect(str(japan, 'K')).toBe(2);
    expect(japan.flags.japanAttacked).toBe(true);
  });

  it('airbase: aircraft lost at the apron and shelter rates, and runway damage per hit, capped at 1', () => {
    const s = war('airbase', [['F', 'tw-fighter', 'taichung', 100]]);
    const h = zoneDef('taichung').hardening;
    const after = hit(s, { by: 'china', target: 'taichung', aim: 'airbase' }, 10);
    const expected =
      10 * (1 - h) * AIR.aircraftPerLeakerUnhardened.value + 10 * h * AIR.aircraftPerLeakerSheltered.value;
    // Stochastic rounding of each share: within one aircraft of each.
    expect(100 - str(after, 'F')).toBeGreaterThanOrEqual(expected - 2);
    expect(100 - str(after, 'F')).toBeLessThanOrEqual(expected + 2);
    expect(after.zones.taichung!.portDamage).toBeCloseTo(
      s.zones.taichung!.portDamage + 10 * STRIKE_EFFECTS.airbaseDamagePerHit.value,
      3,
    );
    const flattened = hit(s, { by: 'china', target: 'taichung', aim: 'airbase' }, 500);
    expect(flattened.zones.taichung!.portDamage).toBe(1);
    // Ground forces and ships at the base are not what an airfield strike hits.
    const mixed = war('airbase-mixed', [
      ['F', 'tw-fighter', 'taichung', 10],
      ['G', 'tw-army', 'taichung', 3],
    ]);
    expect(str(hit(mixed, { by: 'china', target: 'taichung', aim: 'airbase' }, 10), 'G')).toBe(3);
  });

  it('port: port damage per hit, capped at 1, and nothing sunk', () => {
    const s = war('port', [['N', 'tw-navy', 'taichung', 2]]);
    const after = hit(s, { by: 'china', target: 'taichung', aim: 'port' }, 5);
    expect(after.zones.taichung!.portDamage).toBeCloseTo(
      s.zones.taichung!.portDamage + 5 * STRIKE_EFFECTS.portDamagePerHit.value,
      3,
    );
    expect(str(after, 'N')).toBe(2);
    expect(hit(s, { by: 'china', target: 'taichung', aim: 'port' }, 60).zones.taichung!.portDamage).toBe(1);
  });

  it('hq: disruption per hit, no more than the cap from one strike, never past 10', () => {
    const s = war('hq', [], (d) => (d.alliance.disruption = 0));
    const per = STRIKE_EFFECTS.hqDisruptionPerHit.value;
    const few = hit(s, { by: 'china', target: 'kanto', aim: 'hq' }, 2);
    expect(few.alliance.disruption).toBe(Math.round(2 * per));
    const many = hit(s, { by: 'china', target: 'kanto', aim: 'hq' }, 40);
    expect(many.alliance.disruption).toBe(STRIKE_EFFECTS.hqDisruptionMax.value);
    const high = patch(s, (d) => (d.alliance.disruption = 9));
    expect(hit(high, { by: 'china', target: 'kanto', aim: 'hq' }, 40).alliance.disruption).toBe(10);
    // A strike on Japan's soil attacks Japan.
    expect(few.flags.japanAttacked).toBe(true);
  });

  it('ground: steps per hit shared among the units there, only ground units lose', () => {
    const s = war('ground', [
      ['G', 'tw-army', 'taichung', 4],
      ['H', 'tw-army', 'taichung', 4],
      ['C', 'tw-coastal', 'taichung', 2],
    ]);
    const after = hit(s, { by: 'china', target: 'taichung', aim: 'ground' }, 30);
    const each = (30 * STRIKE_EFFECTS.groundStepsPerHit.value) / 3;
    expect(4 - str(after, 'G')).toBeCloseTo(each, 3);
    expect(4 - str(after, 'H')).toBeCloseTo(each, 3);
    expect(str(after, 'C')).toBe(2);
  });

  it('launchers: steps per hit on coastal missiles, rockets and SAMs, not on ground units', () => {
    const s = war('launchers', [
      ['C', 'tw-coastal', 'taichung', 2],
      ['P', 'tw-patriot', 'taichung', 2],
      ['G', 'tw-army', 'taichung', 4],
    ]);
    const after = hit(s, { by: 'china', target: 'taichung', aim: 'launchers' }, 4);
    const each = (4 * STRIKE_EFFECTS.launcherStepsPerHit.value) / 3;
    expect(2 - str(after, 'C')).toBeCloseTo(each, 3);
    expect(2 - str(after, 'P')).toBeCloseTo(each, 3);
    expect(str(after, 'G')).toBe(4);
    const rockets = war('rockets', [['R', 'cn-rocket', 'fujian', 2]]);
    const struck = hit(rockets, { by: 'us', target: 'fujian', aim: 'launchers' }, 4);
    expect(2 - str(struck, 'R')).toBeCloseTo(4 * STRIKE_EFFECTS.launcherStepsPerHit.value, 3);
  });

  it('the first attack on US forces raises US commitment once; an attack on Japan rallies its public once', () => {
    const s = war('rally', [['U', 'us-ddg', 'okinawa', 2]], (d) => {
      d.flags.usAttacked = false;
      d.flags.japanAttacked = false;
    });
    const once = hit(s, { by: 'china', target: 'okinawa', aim: 'ships' }, 1);
    expect(once.flags.usAttacked).toBe(true);
    expect(once.flags.japanAttacked).toBe(true);
    expect(once.us.commitment).toBe(
      Math.min(100, s.us.commitment + STRIKE_EFFECTS.usAttackedCommitment.value),
    );
    expect(once.japan.publicSupport).toBe(
      Math.min(100, s.japan.publicSupport + STRIKE_EFFECTS.japanAttackedSupport.value),
    );
    const twice = hit(once, { by: 'china', target: 'okinawa', aim: 'ships' }, 1);
    expect(twice.us.commitment).toBe(once.us.commitment);
    expect(twice.japan.publicSupport).toBe(once.japan.publicSupport);
    // Blue's strikes on Chinese forces in Japan's waters do not count as an attack on Japan.
    const blue = war('blue', [['D', 'cn-ddg', 'okinawa', 2]], (d) => (d.flags.japanAttacked = false));
    expect(hit(blue, { by: 'us', target: 'okinawa', aim: 'ships' }, 2).flags.japanAttacked).toBe(false);
    // China striking Taiwan with no US unit there leaves the US unattacked.
    const tw = war('tw', [['N', 'tw-navy', 'taichung', 2]], (d) => (d.flags.usAttacked = false));
    expect(hit(tw, { by: 'china', target: 'taichung', aim: 'ships' }, 2).flags.usAttacked).toBe(false);
  });
});

describe('an attack is an attack, whatever gets through', () => {
  // A Chinese salvo the defences stop entirely: a couple of missiles against a destroyer
  // group whose interceptors can take them all at the best kill chance the model allows.
  const stopped = (zone: string, target: string, aim: TargetAim) =>
    Array.from({ length: 8 }, (_, i) => {
      const s = war(
        `stopped-${i}`,
        [
          ['R', 'cn-rocket', 'fujian', 2],
          ['U', 'us-ddg', zone, 2],
        ],
        (d) => {
          d.flags.usAttacked = false;
          d.flags.japanAttacked = false;
          d.us.commitment = 50;
          d.units.U!.interceptors = 400;
          d.bonuses.interceptorPk = 1;
        },
      );
      const after = play(inv, s, { china: [strike('R', target, aim, 'srbm', 2)] });
      return { s, after, hits: strikes(s, after).find((e) => e.by === 'china')?.hits };
    }).find((r) => r.hits === 0);

  it('a Chinese salvo stopped short of US ships at sea still attacks the US, once', () => {
    const r = stopped('philippine-sea-west', 'philippine-sea-west', 'ships');
    expect(r, 'a seed on which no Chinese missile got through').toBeDefined();
    expect(r!.after.flags.usAttacked).toBe(true);
    expect(eventsSince(r!.s, r!.after, 'us-attacked')).toHaveLength(1);
    // US commitment rallies by the attack's bump over the same round without the salvo.
    const quietRound = play(inv, r!.s);
    expect(r!.after.us.commitment - quietRound.us.commitment).toBeCloseTo(
      STRIKE_EFFECTS.usAttackedCommitment.value,
      6,
    );
    // At sea, far from Japan's soil: Japan is not attacked.
    expect(r!.after.flags.japanAttacked).toBe(false);
  });

  it("a Chinese salvo on Japan's soil that the defences stop entirely still attacks Japan and the US forces there", () => {
    const r = stopped('okinawa', 'okinawa', 'airbase');
    expect(r, 'a seed on which no Chinese missile got through').toBeDefined();
    expect(r!.after.flags.japanAttacked).toBe(true);
    expect(r!.after.flags.usAttacked).toBe(true);
    const quietRound = play(inv, r!.s);
    expect(r!.after.japan.publicSupport - quietRound.japan.publicSupport).toBeCloseTo(
      STRIKE_EFFECTS.japanAttackedSupport.value,
      6,
    );
  });
});

describe('the strike step: launchers, stocks and the log', () => {
  it('fires no more than the order, the stock and the launchers allow, and spends the stock', () => {
    const s = war('fire', [SSM, DDG], (d) => (d.stockpiles.japan['type-12'] = 10));
    const after = play(inv, s, { japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 12)] });
    const [e] = strikes(s, after);
    expect(e).toMatchObject({
      by: 'japan',
      zone: 'taiwan-strait-north',
      aim: 'ships',
      fired: 10,
      combined: false,
    });
    // Spent: the stock after the round, against the same round with no strike (production alone).
    const control = play(inv, s);
    expect(control.stockpiles.japan['type-12']! - after.stockpiles.japan['type-12']!).toBe(10);
    // Launchers lost after the order was given fire less: 2 steps left fire 8.
    const hurt = patch(s, (d) => {
      d.stockpiles.japan['type-12'] = 100;
      d.units.J!.strength = 2;
    });
    const fired = strikes(
      hurt,
      play(inv, hurt, { japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 16)] }),
    );
    expect(fired[0]!.fired).toBe(8);
  });

  it('a unit moved out of range since the order fires nothing, and nothing is spent', () => {
    const s = war('moved', [SSM, DDG], (d) => (d.units.J!.zone = 'hokkaido'));
    const after = play(inv, s, { japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 8)] });
    expect(strikes(s, after)).toEqual([]);
    expect(str(after, 'D')).toBe(4);
  });

  it('a US unit in Japan without consent fires nothing, and the log says so to the US and White Cell only', () => {
    const s = war('no-consent', [['U', 'us-ddg', 'okinawa', 2], DDG], (d) => {
      d.alliance.consentGranted = false;
      d.stockpiles.us.tomahawk = 50;
    });
    const after = play(inv, s, { us: [strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 8)] });
    const refused = eventsSince(s, after, 'strike-without-consent');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.data).toMatchObject({ unit: 'U', faction: 'us' });
    expect(refused[0]!.visibleTo).toEqual(['us', 'white']);
    expect(strikes(s, after)).toEqual([]);
    expect(str(after, 'D')).toBe(4);
  });

  it('hits land: a large salvo on an undefended group sinks steps', () => {
    const s = war('land', [SSM, ['A', 'cn-amphib', 'taiwan-strait-north', 4]], (d) => {
      d.units.A!.interceptors = 0;
    });
    const after = play(inv, s, { japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 16)] });
    const [e] = strikes(s, after);
    expect(e!.hits).toBeGreaterThan(4);
    expect(str(after, 'A')).toBeLessThan(4);
  });
});

describe('deconfliction and duplicate targeting (section 5)', () => {
  const units: Spec[] = [
    SSM,
    ['U', 'us-ddg', 'philippine-sea-west', 4],
    ['D', 'cn-ddg', 'taiwan-strait-north', 4],
  ];
  const both = {
    japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 16)],
    us: [strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 32)],
  };
  const atLevel = (level: number, seed: string) => war(seed, units, (d) => (d.alliance.commandLevel = level));

  it('national salvos of both partners on one zone duplicate targets below level 2, by the level', () => {
    for (const [level, waste] of [
      [0, COMMAND.duplicateWaste0.value],
      [1, COMMAND.duplicateWaste1.value],
    ] as const) {
      const s = atLevel(level, `dup-${level}`);
      const after = play(inv, s, both);
      const dup = eventsSince(s, after, 'duplicate-targeting');
      expect(dup).toHaveLength(1);
      expect(dup[0]!.data).toEqual({ zone: 'taiwan-strait-north', wastedPct: Math.round(waste * 100) });
      expect(dup[0]!.visibleTo).toEqual(['japan', 'us', 'white']);
    }
    const s2 = atLevel(2, 'dup-2');
    expect(eventsSince(s2, play(inv, s2, both), 'duplicate-targeting')).toEqual([]);
    // One partner alone duplicates nothing.
    const s0 = atLevel(0, 'dup-alone');
    expect(eventsSince(s0, play(inv, s0, { us: both.us }), 'duplicate-targeting')).toEqual([]);
    // Salvos on different zones duplicate nothing.
    const apart = war(
      'dup-apart',
      [...units, ['E', 'cn-ddg', 'ecs-south', 4]],
      (d) => (d.alliance.commandLevel = 0),
    );
    const split = { japan: both.japan, us: [strike('U', 'ecs-south', 'ships', 'tomahawk', 32)] };
    expect(eventsSince(apart, play(inv, apart, split), 'duplicate-targeting')).toEqual([]);
  });

  it('duplicate targeting costs hits: over seeds, level 0 scores fewer US hits than level 2', () => {
    let hits0 = 0;
    let hits2 = 0;
    for (let i = 0; i < 30; i++) {
      const usHits = (level: number) => {
        const s = war(`dup-hits-${i}`, units, (d) => {
          d.alliance.commandLevel = level;
          d.units.D!.interceptors = 0;
        });
        return strikes(s, play(inv, s, both)).find((e) => e.by === 'us')!.hits;
      };
      hits0 += usHits(0);
      hits2 += usHits(2);
    }
    expect(hits0).toBeLessThan(hits2 * (1 - COMMAND.duplicateWaste0.value / 2));
  });

  it('a combined strike fails deconfliction at the level-0 rate, never at level 2, and wastes part of the salvo', () => {
    const combined = (level: number, seed: string) =>
      war(seed, units, (d) => {
        d.alliance.commandLevel = level;
        inForce(d, 'combined-strike', {
          id: 'c1',
          strike: {
            target: 'taiwan-strait-north',
            aim: 'ships',
            parts: [
              { unit: 'J', weapon: 'type-12', count: 8 },
              { unit: 'U', weapon: 'tomahawk', count: 8 },
            ],
          },
        });
      });
    let failures0 = 0;
    let failures2 = 0;
    const n = 60;
    for (let i = 0; i < n; i++) {
      const s0 = combined(0, `dc-${i}`);
      const a0 = play(inv, s0);
      const f0 = eventsSince(s0, a0, 'deconfliction-failure');
      failures0 += f0.length;
      if (f0.length > 0) {
        expect(f0[0]!.data).toEqual({
          zone: 'taiwan-strait-north',
          wastedPct: Math.round(COMMAND.deconflictWaste.value * 100),
        });
        expect(f0[0]!.visibleTo).toEqual(['japan', 'us', 'white']);
      }
      const [e] = strikes(s0, a0);
      expect(e).toMatchObject({ by: 'japan', combined: true, fired: 16 });
      const s2 = combined(2, `dc-${i}`);
      failures2 += eventsSince(s2, play(inv, s2), 'deconfliction-failure').length;
    }
    expect(failures2).toBe(0);
    // 0.35 of 60 is 21; a binomial 99.9% band is about 8 to 34.
    expect(failures0).toBeGreaterThan(8);
    expect(failures0).toBeLessThan(34);
    // A combined strike is not national: no duplicate targeting is charged on it.
    const s = combined(0, 'dc-dup');
    expect(eventsSince(s, play(inv, s, { us: both.us }), 'duplicate-targeting')).toEqual([]);
  });
});

describe("China's opening salvo (section 8)", () => {
  const units: Spec[] = [
    ['R', 'cn-rocket', 'fujian', 8],
    ['N', 'tw-navy', 'taichung', 3],
    ['C', 'tw-coastal', 'taichung', 3],
    ['D', 'cn-ddg', 'taiwan-strait-north', 2],
  ];
  it("in China's first strike round its strikes on ships in port and on airfields land first, and only then", () => {
    const s = war('open', units, (d) => {
      d.stockpiles.china['df-21d'] = 100;
    });
    const o = { china: [strike('R', 'taichung', 'ships', 'df-21d', 8)] };
    const first = play(inv, s, o);
    const opening = eventsSince(s, first, 'opening-strike');
    expect(opening).toHaveLength(1);
    expect(opening[0]!.data).toEqual({ salvos: 1 });
    // A second round of Chinese strikes opens nothing.
    expect(first.stage).toBe('planning');
    const second = play(inv, first, o);
    expect(strikes(first, second).some((e) => e.by === 'china')).toBe(true);
    expect(eventsSince(first, second, 'opening-strike')).toEqual([]);
    // Strikes at sea or on ground forces are not part of the opening salvo.
    const sea = play(inv, s, { china: [strike('R', 'taiwan-strait-north', 'ships', 'df-21d', 4)] });
    expect(eventsSince(s, sea, 'opening-strike')).toEqual([]);
    const ground = play(inv, s, { china: [strike('R', 'taichung', 'launchers', 'srbm', 8)] });
    expect(eventsSince(s, ground, 'opening-strike')).toEqual([]);
    // Blue's strikes never open.
    const blue = play(inv, s, { taiwan: [strike('C', 'taiwan-strait-north', 'ships', 'hf-3', 6)] });
    expect(eventsSince(s, blue, 'opening-strike')).toEqual([]);
  });

  it("Taiwan's ships sunk in port by the opening salvo fire less back that round", () => {
    // A saturating opening strike on the ships in Taichung against a salvo they fired at China's
    // destroyers: with the opening, the ships' missiles leave with less of the group afloat.
    let openHits = 0;
    let seaHits = 0;
    for (let i = 0; i < 12; i++) {
      const s = war(`open-${i}`, units, (d) => {
        d.stockpiles.china['df-21d'] = 100;
        d.stockpiles.china.srbm = 100;
        d.units.N!.interceptors = 0;
      });
      const tw = strike('N', 'taiwan-strait-north', 'ships', 'hf-3', 24);
      const opened = play(inv, s, { china: [strike('R', 'taichung', 'ships', 'df-21d', 8)], taiwan: [tw] });
      const ownHits = strikes(s, opened).find((e) => e.by === 'taiwan');
      openHits += ownHits?.fired ?? 0;
      seaHits += 24;
    }
    expect(openHits).toBeLessThan(seaHits);
  });
});

describe('launchers and stocks already promised', () => {
  const units: Spec[] = [
    SSM,
    ['J2', 'jp-ssm', 'ishigaki', 4],
    ['JD', 'jp-ddg', 'miyako-strait', 2],
    ['U', 'us-ddg', 'philippine-sea-west', 2],
    DDG,
  ];
  const proposal =
    (
      status: 'open' | 'accepted' | 'refused' | 'lapsed',
      parts: { unit: string; weapon: string; count: number }[],
    ) =>
    (d: DraftState) => {
      d.stockpiles.japan['type-12'] = 20;
      d.proposals = [
        ...d.proposals,
        {
          id: 'p1',
          round: d.round,
          by: 'japan',
          to: 'us',
          kind: 'combined-strike',
          status,
          strike: { target: 'taiwan-strait-north', aim: 'ships', parts },
        },
      ];
    };
  const ssm = (unit: string, count: number) => strike(unit, 'taiwan-strait-north', 'ships', 'type-12', count);

  it('a combined strike proposed or accepted holds its launchers and its missiles; a refused or lapsed one frees them', () => {
    for (const status of ['open', 'accepted'] as const) {
      const s = war(`held-${status}`, units, proposal(status, [{ unit: 'J', weapon: 'type-12', count: 10 }]));
      // J's 16 launchers less 10 promised; the stock of 20 less 10 promised.
      expect(check(s, 'japan', ssm('J', 6))).toBe('ok');
      expect(check(s, 'japan', ssm('J', 7))).toBe('ERR_LAUNCHERS');
      expect(check(s, 'japan', ssm('J2', 10))).toBe('ok');
      expect(check(s, 'japan', ssm('J2', 11))).toBe('ERR_STOCKPILE');
    }
    for (const status of ['refused', 'lapsed'] as const) {
      const s = war(
        `freed-${status}`,
        units,
        proposal(status, [{ unit: 'J', weapon: 'type-12', count: 10 }]),
      );
      expect(check(s, 'japan', ssm('J', 16))).toBe('ok');
      expect(check(s, 'japan', ssm('J2', 16))).toBe('ok');
    }
  });

  it("a promised part holds only its own unit's launchers of its own weapon, and only its own faction's stock", () => {
    const s = war(
      'parts',
      units,
      proposal('open', [
        { unit: 'J2', weapon: 'type-12', count: 10 },
        { unit: 'JD', weapon: 'harpoon', count: 16 },
        { unit: 'U', weapon: 'tomahawk', count: 16 },
      ]),
    );
    const held = patch(s, (d) => (d.stockpiles.japan.tomahawk = 16));
    // J's launchers are free; the 10 type-12 of J2 come out of the shared stock of 20.
    expect(check(held, 'japan', ssm('J', 10))).toBe('ok');
    expect(check(held, 'japan', ssm('J', 11))).toBe('ERR_STOCKPILE');
    // JD's harpoon launchers are promised, its Tomahawk launchers are not; the US Tomahawks are not Japan's.
    expect(check(held, 'japan', strike('JD', 'taiwan-strait-north', 'ships', 'tomahawk', 16))).toBe('ok');
    expect(check(held, 'japan', strike('JD', 'taiwan-strait-north', 'ships', 'harpoon', 1))).not.toBe('ok');
  });

  it("orders already given count by unit and weapon for launchers, by weapon for stock, and other orders don't count", () => {
    const s = war('pending', units, (d) => {
      d.stockpiles.japan['type-12'] = 30;
      withPending(d, 'japan', ssm('J2', 10));
      withPending(d, 'japan', strike('JD', 'taiwan-strait-north', 'ships', 'tomahawk', 16));
      withPending(d, 'japan', { type: 'invest-command' } as Order);
    });
    expect(check(s, 'japan', ssm('J', 16))).toBe('ok');
    expect(check(s, 'japan', ssm('J2', 6))).toBe('ok');
    expect(check(s, 'japan', ssm('J2', 7))).toBe('ERR_LAUNCHERS');
    const low = patch(s, (d) => (d.stockpiles.japan['type-12'] = 20));
    expect(check(low, 'japan', ssm('J', 10))).toBe('ok');
    expect(check(low, 'japan', ssm('J', 11))).toBe('ERR_STOCKPILE');
    // A unit with two weapons: each has its own launchers (a US destroyer: 4 SM-6, 8 Tomahawk a step).
    expect(check(s, 'us', strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 16))).toBe('ok');
    expect(check(s, 'us', strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 17))).toBe('ERR_LAUNCHERS');
  });

  it('a pending order other than "intervene" does not let US forces strike', () => {
    const s = war('not-yet', [['U', 'us-ddg', 'philippine-sea-west', 2], DDG], (d) => {
      d.us.intervening = false;
      withPending(d, 'us', { type: 'invest-command' } as Order);
    });
    expect(check(s, 'us', strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 4))).toBe(
      'ERR_NOT_INTERVENING',
    );
  });
});

describe('refusals say what is wrong', () => {
  const s = war('words', [
    SSM,
    DDG,
    ['R', 'cn-rocket', 'fujian', 4],
    ['U', 'us-ddg', 'philippine-sea-west', 2],
  ]);
  it('each names the unit, zone, weapon or reason', () => {
    const never = {
      ...inv,
      constraints: { ...inv.constraints, japanIntervention: 'never', usIntervention: 'never' },
    } as typeof inv;
    const jp = validateOrder(s, never, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'type-12', 1));
    expect(jp.ok ? '' : jp.error.message).toContain('Japan stays out');
    const us = validateOrder(s, never, 'us', strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 1));
    expect(us.ok ? '' : us.error.message).toContain('US forces stay out');
    expect(message(s, 'japan', strike('ghost', 'taiwan-strait-north', 'ships', 'type-12', 1))).toContain(
      '"ghost"',
    );
    expect(message(s, 'japan', strike('J', 'atlantis', 'ships', 'type-12', 1))).toContain('"atlantis"');
    expect(
      message(s, 'japan', strike('J', 'taiwan-strait-north', 'bridges' as TargetAim, 'type-12', 1)),
    ).toContain('ships, airbase');
    expect(message(s, 'japan', strike('J', 'taiwan-strait-north', 'ships', 'tomahawk', 1))).toMatch(
      / does not carry "tomahawk"/,
    );
    expect(message(s, 'japan', strike('J', 'fujian', 'airbase', 'type-12', 1))).toMatch(
      /anti-ship weapon and cannot be aimed at airbase/,
    );
    expect(message(s, 'japan', strike('J', 'ecs-south', 'ships', 'type-12', 1))).toContain(
      zoneDef('ecs-south').name,
    );
    expect(message(s, 'china', strike('R', 'luzon-batanes', 'airbase', 'srbm', 1))).toContain('Philippines');
  });

  it("China may strike US territory with nothing there (Guam), within its missiles' range", () => {
    expect(check(s, 'china', strike('R', 'guam', 'airbase', 'df-26', 1))).toBe('ok');
    expect(check(s, 'china', strike('R', 'guam', 'airbase', 'srbm', 1))).toBe('ERR_OUT_OF_RANGE');
  });

  it('a stock of one missile is offered as a strike of one', () => {
    const one = patch(s, (d) => (d.stockpiles.japan['type-12'] = 1));
    const offered = [...orderCandidates(one, inv, 'japan')].filter(
      (o) => o.type === 'strike' && o.unit === 'J',
    );
    expect(offered.length).toBeGreaterThan(0);
    for (const o of offered) expect(o.type === 'strike' && o.count).toBe(1);
  });
});

describe('defences and interceptors', () => {
  it('IAMD cover brings Japanese and US surface ships next to the covered zone into its defence, no one else', () => {
    const units: Spec[] = [
      ['R', 'cn-rocket', 'fujian', 4],
      // JD's 16 interceptors cannot meet the whole salvo: any other unit wrongly brought in would be drawn on.
      ['JD', 'jp-ddg', 'miyako-strait', 0.5],
      ['CV', 'us-csg', 'philippine-sea-west', 1],
      ['TN', 'tw-navy', 'ecs-south', 2],
      ['CD', 'cn-ddg', 'amami', 2],
      ['AP', 'jp-patriot', 'amami', 2],
      ['FD', 'jp-ddg', 'ecs-north', 2],
      ['F', 'jp-fighter', 'okinawa', 10],
    ];
    const o = { china: [strike('R', 'okinawa', 'airbase', 'srbm', 16)] };
    const bare = war('iamd', units);
    const after = play(inv, bare, o);
    expect(after.units.JD!.interceptors).toBe(bare.units.JD!.interceptors);
    const covered = war('iamd', units, (d) => inForce(d, 'iamd-cover', { zone: 'okinawa' }));
    const defended = play(inv, covered, o);
    expect(defended.units.JD!.interceptors).toBeLessThan(covered.units.JD!.interceptors);
    expect(defended.units.JD!.interceptors).toBe(0);
    // Not a carrier, not Taiwan's or China's ships, not a SAM next door, not a destroyer two zones away.
    for (const id of ['CV', 'TN', 'CD', 'AP', 'FD'])
      expect(defended.units[id]!.interceptors).toBe(covered.units[id]!.interceptors);
    // Cover over another zone does nothing for this one.
    const elsewhere = war('iamd', units, (d) => inForce(d, 'iamd-cover', { zone: 'ishigaki' }));
    expect(play(inv, elsewhere, o).units.JD!.interceptors).toBe(elsewhere.units.JD!.interceptors);
    // And the cover saves aircraft, over seeds.
    let lostBare = 0;
    let lostCovered = 0;
    for (let i = 0; i < 20; i++) {
      const b = war(`iamd-${i}`, units);
      const c = war(`iamd-${i}`, units, (d) => inForce(d, 'iamd-cover', { zone: 'okinawa' }));
      lostBare += 10 - play(inv, b, o).units.F!.strength;
      lostCovered += 10 - play(inv, c, o).units.F!.strength;
    }
    expect(lostCovered).toBeLessThan(lostBare);
  });

  it('interceptors are spent from the defenders in turn, the first emptied before the next is touched', () => {
    const units: Spec[] = [
      ['R', 'cn-rocket', 'fujian', 8],
      ['P1', 'jp-patriot', 'okinawa', 0.25],
      ['P2', 'jp-patriot', 'okinawa', 2],
    ];
    // SAMs reload a share of their magazine at the round's end (economy step): 8 and 64 here.
    const reload = (cap: number) => Math.round(cap * NAVAL.samReload.value * 1000) / 1000;
    for (let i = 0; i < 6; i++) {
      const s = war(`spend-${i}`, units);
      const after = play(inv, s, { china: [strike('R', 'okinawa', 'airbase', 'srbm', 32)] });
      // P1's 8 are all spent (then reloaded); P2 gives the rest of two per engaged missile, at
      // most 64 - 8 for 32 missiles.
      expect(after.units.P1!.interceptors).toBe(reload(8));
      expect(after.units.P2!.interceptors).toBeLessThan(64);
      expect(after.units.P2!.interceptors).toBeGreaterThanOrEqual(64 - 56 + reload(64));
    }
  });

  it("Red's and Blue's salvos on one zone meet each other's defenders, not a shared pool", () => {
    const units: Spec[] = [
      SSM,
      ['JD', 'jp-ddg', 'taiwan-strait-north', 2],
      ['A', 'cn-amphib', 'taiwan-strait-north', 4],
      ['D', 'cn-ddg', 'taiwan-strait-south', 2],
    ];
    for (let i = 0; i < 8; i++) {
      const s = war(`sides-${i}`, units, (d) => (d.units.A!.interceptors = 0));
      const jp = { japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 16)] };
      const alone = strikes(s, play(inv, s, jp)).find((e) => e.by === 'japan')!.hits;
      const both = play(inv, s, { ...jp, china: [strike('D', 'taiwan-strait-north', 'ships', 'yj-18', 16)] });
      expect(strikes(s, both).find((e) => e.by === 'japan')!.hits).toBe(alone);
    }
  });

  it('salvos of one side on one zone share its interceptors in proportion to their missiles', () => {
    const units: Spec[] = [
      SSM,
      ['U', 'us-ddg', 'philippine-sea-west', 4],
      ['D', 'cn-ddg', 'taiwan-strait-north', 2],
    ];
    let alone = 0;
    let shared = 0;
    for (let i = 0; i < 30; i++) {
      const s = war(`share-${i}`, units, (d) => (d.alliance.commandLevel = 2));
      const jp = strike('J', 'taiwan-strait-north', 'ships', 'type-12', 16);
      alone += strikes(s, play(inv, s, { japan: [jp] })).find((e) => e.by === 'japan')!.hits;
      const both = play(inv, s, {
        japan: [jp],
        us: [strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 32)],
      });
      shared += strikes(s, both).find((e) => e.by === 'japan')!.hits;
    }
    // Alone, Japan's 16 missiles meet all 64 interceptors; beside 32 US missiles, a third of them.
    expect(shared).toBeGreaterThan(alone * 1.5);
  });

  it('the hits of several salvos on one zone and aim are all applied', () => {
    const units: Spec[] = [
      SSM,
      ['U', 'us-ddg', 'philippine-sea-west', 4],
      ['A', 'cn-amphib', 'taiwan-strait-north', 20],
    ];
    for (let i = 0; i < 5; i++) {
      const s = war(`pool-${i}`, units, (d) => {
        d.alliance.commandLevel = 2;
        d.units.A!.interceptors = 0;
      });
      const after = play(inv, s, {
        japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 16)],
        us: [strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 32)],
      });
      const logged = strikes(s, after).reduce((a, e) => a + e.hits, 0);
      expect(strikes(s, after)).toHaveLength(2);
      expect((20 - after.units.A!.strength) * 2).toBeCloseTo(logged, 2);
    }
  });
});

describe('what a salvo meets', () => {
  /** Summed hits of one faction's strike over seeds, for two positions built by `build`. */
  const sumHits = (
    f: Faction,
    build: (seed: string) => MatchState,
    orders: Partial<Record<Faction, Order[]>>,
  ) => {
    const each: number[] = [];
    for (let i = 0; i < 25; i++) {
      const s = build(`meet-${i}`);
      each.push(strikes(s, play(inv, s, orders)).find((e) => e.by === f)?.hits ?? 0);
    }
    return each;
  };

  it("a surface combatant's close-in defences stop most leakers aimed at ships, not at a port", () => {
    const units: Spec[] = [
      ['U', 'us-ddg', 'philippine-sea-west', 4],
      ['D', 'cn-ddg', 'fujian', 2],
      ['A', 'cn-amphib', 'fujian', 2],
    ];
    // One interceptor in the zone: no missile engaged, only the terminal defence differs.
    const build = (escortDefends: boolean) => (seed: string) =>
      war(seed, units, (d) => {
        d.units.D!.interceptors = escortDefends ? 1 : 0;
        d.units.A!.interceptors = escortDefends ? 0 : 1;
      });
    const ships = { us: [strike('U', 'fujian', 'ships', 'tomahawk', 32)] };
    const escorted = sumHits('us', build(true), ships);
    const unescorted = sumHits('us', build(false), ships);
    for (const [i, h] of escorted.entries()) expect(h).toBeLessThanOrEqual(unescorted[i]!);
    expect(escorted.reduce((a, b) => a + b)).toBeLessThan(unescorted.reduce((a, b) => a + b) * 0.6);
    const port = sumHits('us', build(true), { us: [strike('U', 'fujian', 'port', 'tomahawk', 32)] });
    for (const [i, h] of port.entries()) expect(h).toBeGreaterThanOrEqual(escorted[i]!);
    expect(port.reduce((a, b) => a + b)).toBeGreaterThan(escorted.reduce((a, b) => a + b));
  });

  it("shared ISR sharpens Blue's salvos, never China's", () => {
    const units: Spec[] = [
      ['U', 'us-bomber', 'philippine-sea-west', 4],
      ['R', 'cn-rocket', 'fujian', 4],
      ['T', 'tw-army', 'taichung', 4],
    ];
    const orders = {
      us: [strike('U', 'fujian', 'airbase', 'jassm-er', 12)],
      china: [strike('R', 'taichung', 'ground', 'cj-10', 4)],
    };
    const plain = (seed: string) => war(seed, units);
    const isr = (seed: string) => war(seed, units, (d) => inForce(d, 'shared-isr'));
    const blue0 = sumHits('us', plain, orders);
    const blue1 = sumHits('us', isr, orders);
    for (const [i, h] of blue1.entries()) expect(h).toBeGreaterThanOrEqual(blue0[i]!);
    expect(blue1.reduce((a, b) => a + b)).toBeGreaterThan(blue0.reduce((a, b) => a + b));
    expect(sumHits('china', isr, orders)).toEqual(sumHits('china', plain, orders));
  });

  it("the interceptor bonus helps Blue's defenders against China's missiles and not China's against Blue's", () => {
    const units: Spec[] = [
      ['R', 'cn-rocket', 'fujian', 4],
      ['P', 'jp-patriot', 'okinawa', 2],
      ['U', 'us-ddg', 'philippine-sea-west', 4],
      ['D', 'cn-ddg', 'fujian', 2],
    ];
    const orders = {
      china: [strike('R', 'okinawa', 'airbase', 'cj-10', 4)],
      us: [strike('U', 'fujian', 'ships', 'tomahawk', 32)],
    };
    const plain = (seed: string) => war(seed, units);
    const better = (seed: string) => war(seed, units, (d) => (d.bonuses.interceptorPk = 0.25));
    const red0 = sumHits('china', plain, orders).reduce((a, b) => a + b);
    const red1 = sumHits('china', better, orders).reduce((a, b) => a + b);
    expect(red1).toBeLessThan(red0 * 0.5);
    expect(sumHits('us', better, orders)).toEqual(sumHits('us', plain, orders));
  });
});

describe('who is spared and who is attacked, through the step', () => {
  const units: Spec[] = [
    ['D', 'cn-ddg', 'taiwan-strait-south', 4],
    ['JD', 'jp-ddg', 'bashi-channel', 2],
    ['U', 'us-ddg', 'bashi-channel', 2],
    ['N', 'tw-navy', 'bashi-channel', 2],
  ];
  const o = { china: [strike('D', 'bashi-channel', 'ships', 'yj-18', 32)] };
  const position = (seed: string, edit: (d: DraftState) => void) =>
    war(seed, units, (d) => {
      for (const id of ['JD', 'U', 'N']) d.units[id]!.interceptors = 0;
      edit(d);
    });

  it("China's salvo spares a power not at war and not yet attacked, and only that one", () => {
    const s = position('spare', (d) => {
      d.japan.legalStatus = 'none';
      d.flags.japanAttacked = false;
      d.us.intervening = false;
      d.flags.usAttacked = true;
    });
    const after = play(inv, s, o);
    expect(str(after, 'JD')).toBe(2);
    expect(str(after, 'U')).toBeLessThan(2);
    expect(str(after, 'N')).toBeLessThan(2);
    const atWarJapan = position('spare', (d) => {
      d.flags.japanAttacked = false;
      d.us.intervening = false;
      d.flags.usAttacked = false;
    });
    const hitJapan = play(inv, atWarJapan, o);
    expect(str(hitJapan, 'JD')).toBeLessThan(2);
    expect(str(hitJapan, 'U')).toBe(2);
    expect(hitJapan.flags.usAttacked).toBe(false);
  });

  it('Blue salvos spare no one of China', () => {
    const s = war('blue-spare', [SSM, ['A', 'cn-amphib', 'taiwan-strait-north', 4]], (d) => {
      d.units.A!.interceptors = 0;
      d.japan.legalStatus = 'survival-threatening';
    });
    const after = play(inv, s, { japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 16)] });
    expect(str(after, 'A')).toBeLessThan(4);
  });

  it('an attack on US forces is logged once, to everyone', () => {
    const s = position('us-attacked', (d) => {
      d.flags.usAttacked = false;
      d.us.commitment = 40;
    });
    const after = play(inv, s, o);
    const e = eventsSince(s, after, 'us-attacked');
    expect(e).toHaveLength(1);
    expect(e[0]!.visibleTo).toBe('all');
    expect(after.flags.usAttacked).toBe(true);
    expect(eventsSince(after, play(inv, after, o), 'us-attacked')).toEqual([]);
  });

  it('the first attack raises US commitment by the table figure, and a second does not', () => {
    const s = war('commit', [['U', 'us-ddg', 'okinawa', 2]], (d) => {
      d.flags.usAttacked = false;
      d.us.commitment = 40;
    });
    const once = hit(s, { by: 'china', target: 'okinawa', aim: 'ships' }, 1);
    expect(once.us.commitment).toBe(40 + STRIKE_EFFECTS.usAttackedCommitment.value);
    expect(hit(once, { by: 'china', target: 'okinawa', aim: 'ships' }, 1).us.commitment).toBe(
      once.us.commitment,
    );
    const tw = war('tw-jp', [['N', 'tw-navy', 'taichung', 2]], (d) => (d.flags.japanAttacked = false));
    expect(hit(tw, { by: 'china', target: 'taichung', aim: 'ships' }, 2).flags.japanAttacked).toBe(false);
  });

  it('missiles find ships by size measured in hits: a carrier takes three hits a step, a destroyer two', () => {
    const s = war('size', [
      ['CV', 'us-csg', 'bashi-channel', 2],
      ['U', 'us-ddg', 'bashi-channel', 3],
      ['G', 'tw-army', 'bashi-channel', 2],
    ]);
    // Sizes 6 and 6: 6 hits, 3 each: the carrier loses 1 step, the destroyers 1.5.
    const after = hit(s, { by: 'china', target: 'bashi-channel', aim: 'ships' }, 6);
    expect(2 - str(after, 'CV')).toBeCloseTo(1, 3);
    expect(3 - str(after, 'U')).toBeCloseTo(1.5, 3);
    expect(str(after, 'G')).toBe(2);
  });
});

describe('the order of the step', () => {
  it("Blue's strikes before China's first do not use up China's opening salvo; Blue's strikes on airfields never open", () => {
    const units: Spec[] = [
      ['R', 'cn-rocket', 'fujian', 8],
      ['N', 'tw-navy', 'taichung', 3],
      ['C', 'tw-coastal', 'taichung', 3],
      ['U', 'us-bomber', 'philippine-sea-west', 4],
      ['D', 'cn-ddg', 'taiwan-strait-north', 2],
    ];
    const s = war('blue-first', units, (d) => (d.stockpiles.china['df-21d'] = 100));
    const blueFirst = play(inv, s, {
      taiwan: [strike('C', 'taiwan-strait-north', 'ships', 'hf-3', 6)],
      us: [strike('U', 'fujian', 'airbase', 'jassm-er', 12)],
    });
    expect(strikes(s, blueFirst).length).toBe(2);
    expect(eventsSince(s, blueFirst, 'opening-strike')).toEqual([]);
    const chinaNext = play(inv, blueFirst, { china: [strike('R', 'taichung', 'ships', 'df-21d', 8)] });
    expect(eventsSince(blueFirst, chinaNext, 'opening-strike')).toHaveLength(1);
    // A strike on a port's facilities is not part of the opening salvo.
    const port = play(inv, s, { china: [strike('R', 'taichung', 'port', 'srbm', 8)] });
    expect(eventsSince(s, port, 'opening-strike')).toEqual([]);
    // An airfield strike is.
    const airfield = play(inv, s, { china: [strike('R', 'taichung', 'airbase', 'srbm', 8)] });
    expect(eventsSince(s, airfield, 'opening-strike')).toHaveLength(1);
  });

  it('Taiwan and the US striking one zone are not charged for duplicate targeting; only Japan and the US are partners in it', () => {
    const s = war(
      'tw-us',
      [['C', 'tw-coastal', 'taichung', 3], ['U', 'us-ddg', 'philippine-sea-west', 4], DDG],
      (d) => (d.alliance.commandLevel = 0),
    );
    const after = play(inv, s, {
      taiwan: [strike('C', 'taiwan-strait-north', 'ships', 'hf-3', 6)],
      us: [strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 32)],
    });
    expect(strikes(s, after)).toHaveLength(2);
    expect(eventsSince(s, after, 'duplicate-targeting')).toEqual([]);
  });

  it("the log lists a step's salvos in one canonical order, whatever order the seats are listed in", () => {
    const s = war('order', [
      SSM,
      ['U', 'us-ddg', 'philippine-sea-west', 4],
      ['C', 'tw-coastal', 'taichung', 3],
      ['R', 'cn-rocket', 'fujian', 4],
      DDG,
      ['N', 'tw-navy', 'ecs-south', 2],
    ]);
    const after = play(inv, s, {
      japan: [strike('J', 'taiwan-strait-north', 'ships', 'type-12', 4)],
      us: [strike('U', 'taiwan-strait-north', 'ships', 'tomahawk', 4)],
      taiwan: [strike('C', 'taiwan-strait-north', 'ships', 'hf-3', 2)],
      china: [strike('R', 'penghu', 'airbase', 'srbm', 2)],
    });
    expect(strikes(s, after).map((e) => e.by)).toEqual(['china', 'japan', 'taiwan', 'us']);
  });
});
