/**
 * The invasion as a campaign (issue 9, item 3; DESIGN.md section 8): on Taiwan's main island a
 * lodgment advances overland into ground the enemy holds and Taiwan's reserves counterattack
 * it; ground no one defends is taken; ground China no longer holds goes back. And the war's
 * opening salvo: in the first round China strikes, its strikes on ships in port and on
 * airfields land before anyone answers.
 */
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  botPlan,
  type DraftState,
  type MatchState,
  newMatch,
  type Order,
  RUNG,
} from '../game/index.ts';
import { runMatch } from '../match/index.ts';
import { addUnit, codeOf, commitAll, orders, patch, scenario } from './helpers.ts';

const inv = scenario('taiwan-invasion');

/** A war position with only the units a test adds. */
function war(seed: string, edit: (d: DraftState) => void, rung: number = RUNG.invasion): MatchState {
  return patch(newMatch(inv, { seed }), (d) => {
    d.escalation = rung as DraftState['escalation'];
    d.us.intervening = true;
    d.japan.legalStatus = 'survival-threatening';
    for (const u of Object.values(d.units)) u.strength = 0;
    edit(d);
  });
}

const move = (unit: string, to: string): Order => ({ type: 'move', unit, to });
const tryOrder = (s: MatchState, seat: 'china' | 'taiwan', order: Order) =>
  applyAction(inv, s, { type: 'order', seat, order });
const kinds = (s: MatchState, kind: string) => s.log.filter((e) => e.kind === kind);

describe('overland advance on Taiwan', () => {
  const lodgment = (rung: number = RUNG.invasion) =>
    war(
      'advance',
      (d) => {
        d.zones.taichung!.controller = 'china';
        addUnit(d, {
          id: 't-cn-bde',
          type: 'cn-amphib-bde',
          faction: 'china',
          zone: 'taichung',
          strength: 6,
        });
        addUnit(d, { id: 't-tw-army', type: 'tw-army', faction: 'taiwan', zone: 'taipei', strength: 2 });
      },
      rung,
    );

  it('a lodgment may advance into adjacent ground Taiwan holds once China may use force, not before', () => {
    expect(codeOf(tryOrder(lodgment(), 'china', move('t-cn-bde', 'taipei')))).toBe('ok');
    expect(codeOf(tryOrder(lodgment(), 'china', move('t-cn-bde', 'hualien-taitung')))).toBe('ok');
    // Not across the sea, not below the strikes rung.
    expect(codeOf(tryOrder(lodgment(), 'china', move('t-cn-bde', 'penghu')))).not.toBe('ok');
    expect(codeOf(tryOrder(lodgment(RUNG.blockade), 'china', move('t-cn-bde', 'taipei')))).toBe(
      'ERR_UNREACHABLE',
    );
  });

  it('only on the main island: a brigade in Fujian cannot walk into Kinmen', () => {
    const s = war('fujian', (d) =>
      addUnit(d, { id: 't-cn-bde', type: 'cn-amphib-bde', faction: 'china', zone: 'fujian', strength: 6 }),
    );
    expect(codeOf(tryOrder(s, 'china', move('t-cn-bde', 'kinmen-matsu')))).toBe('ERR_UNREACHABLE');
  });

  it('an advance into undefended ground takes it; into defended ground it fights', () => {
    const s = commitAll(inv, orders(inv, lodgment(), 'china', [move('t-cn-bde', 'hualien-taitung')]));
    expect(s.zones['hualien-taitung']!.controller).toBe('china');
    expect(kinds(s, 'zone-taken').map((e) => (e.data as { zone: string }).zone)).toContain('hualien-taitung');

    const fought = commitAll(inv, orders(inv, lodgment(), 'china', [move('t-cn-bde', 'taipei')]));
    expect(kinds(fought, 'ground-combat').map((e) => (e.data as { zone: string }).zone)).toContain('taipei');
    expect(fought.units['t-tw-army']!.strength).toBeLessThan(2);
  });

  it("Taiwan's reserves retake ground China no longer holds with troops", () => {
    const s = war('retake', (d) => {
      d.zones.taichung!.controller = 'china';
      addUnit(d, { id: 't-tw-army', type: 'tw-army', faction: 'taiwan', zone: 'taipei', strength: 2 });
    });
    expect(codeOf(tryOrder(s, 'taiwan', move('t-tw-army', 'taichung')))).toBe('ok');
    const after = commitAll(inv, orders(inv, s, 'taiwan', [move('t-tw-army', 'taichung')]));
    expect(after.zones.taichung!.controller).toBeNull();
    expect(kinds(after, 'zone-retaken').map((e) => e.data)).toEqual([{ zone: 'taichung', by: 'taiwan' }]);
  });

  it("Red's bot pushes a strong lodgment toward Taipei; Taiwan's bot counterattacks a weak one", () => {
    const strong = war('bot', (d) => {
      d.zones.taichung!.controller = 'china';
      addUnit(d, { id: 't-cn-bde', type: 'cn-amphib-bde', faction: 'china', zone: 'taichung', strength: 6 });
      addUnit(d, { id: 't-tw-army', type: 'tw-army', faction: 'taiwan', zone: 'taipei', strength: 2 });
    });
    const red = botPlan({ state: strong, scenario: inv, faction: 'china', policy: 'opportunist' });
    expect(red).toContainEqual({ type: 'order', seat: 'china', order: move('t-cn-bde', 'taipei') });

    const weak = war('bot', (d) => {
      d.zones.taichung!.controller = 'china';
      addUnit(d, { id: 't-cn-bde', type: 'cn-amphib-bde', faction: 'china', zone: 'taichung', strength: 1 });
      addUnit(d, { id: 't-tw-army', type: 'tw-army', faction: 'taiwan', zone: 'taipei', strength: 6 });
    });
    const blue = botPlan({ state: weak, scenario: inv, faction: 'taiwan', policy: 'baseline' });
    expect(blue).toContainEqual({ type: 'order', seat: 'taiwan', order: move('t-tw-army', 'taichung') });
    // Red does not attack Taipei at odds against it; it takes the undefended ground instead.
    const redWeak = botPlan({ state: weak, scenario: inv, faction: 'china', policy: 'opportunist' });
    expect(redWeak).not.toContainEqual({ type: 'order', seat: 'china', order: move('t-cn-bde', 'taipei') });
    expect(redWeak).toContainEqual({
      type: 'order',
      seat: 'china',
      order: move('t-cn-bde', 'hualien-taitung'),
    });
  });
});

describe("the war's opening salvo", () => {
  /** A Chinese destroyer group at sea and Taiwan's navy in port at Kaohsiung, each firing on the other. */
  function duel(seed: string, warUnderWay: boolean): MatchState {
    const s = war(
      seed,
      (d) => {
        d.stockpiles.taiwan = { ...d.stockpiles.taiwan, 'hf-3': 200 };
        d.stockpiles.china = { ...d.stockpiles.china, 'yj-18': 200 };
        addUnit(d, {
          id: 't-cn-ddg',
          type: 'cn-ddg',
          faction: 'china',
          zone: 'taiwan-strait-south',
          strength: 6,
        });
        addUnit(d, {
          id: 't-tw-navy',
          type: 'tw-navy',
          faction: 'taiwan',
          zone: 'tainan-kaohsiung',
          strength: 2,
        });
        if (warUnderWay)
          d.log.push({
            round: 0,
            step: 'strikes',
            kind: 'strike',
            data: { by: 'china', combined: false, zone: 'taipei', aim: 'airbase', fired: 1, hits: 0 },
            text: 'an earlier Chinese strike',
            visibleTo: 'all',
          } as DraftState['log'][number]);
      },
      RUNG.strikes,
    );
    let cur = orders(inv, s, 'china', [
      {
        type: 'strike',
        unit: 't-cn-ddg',
        target: 'tainan-kaohsiung',
        aim: 'ships',
        weapon: 'yj-18',
        count: 48,
      },
    ]);
    cur = orders(inv, cur, 'taiwan', [
      {
        type: 'strike',
        unit: 't-tw-navy',
        target: 'taiwan-strait-south',
        aim: 'ships',
        weapon: 'hf-3',
        count: 16,
      },
    ]);
    return commitAll(inv, cur);
  }
  const taiwanFired = (s: MatchState): number =>
    kinds(s, 'strike')
      .filter((e) => (e.data as { by: string }).by === 'taiwan')
      .reduce((a, e) => a + (e.data as { fired: number }).fired, 0);

  it('in the first round China strikes, ships caught in port fire only with what survives', () => {
    for (const seed of ['o1', 'o2', 'o3']) {
      const s = duel(seed, false);
      expect(kinds(s, 'opening-strike')).toHaveLength(1);
      expect(s.units['t-tw-navy']!.strength).toBeLessThan(2);
      expect(taiwanFired(s)).toBeLessThan(16);
    }
  });

  it('once the war is under way, fire is simultaneous: the navy fires in full as it is hit', () => {
    for (const seed of ['o1', 'o2', 'o3']) {
      const s = duel(seed, true);
      expect(kinds(s, 'opening-strike')).toHaveLength(0);
      expect(taiwanFired(s)).toBe(16);
      expect(s.units['t-tw-navy']!.strength).toBeLessThan(2);
    }
  });
});

describe('powers not at war are left alone (section 6)', () => {
  const neutral = scenario('taiwan-invasion-japan-neutral');
  /** A Chinese salvo on a sea zone where a US and a Japanese destroyer group sail together. */
  function salvo(sc: typeof inv, targetZone: string, usIntervening: boolean): MatchState {
    const s = patch(newMatch(sc, { seed: 'bystander' }), (d) => {
      d.escalation = RUNG.strikes;
      d.us.intervening = usIntervening;
      for (const u of Object.values(d.units)) u.strength = 0;
      d.stockpiles.china = { ...d.stockpiles.china, 'yj-18': 400 };
      addUnit(d, {
        id: 't-cn-ddg',
        type: 'cn-ddg',
        faction: 'china',
        zone: 'taiwan-strait-south',
        strength: 6,
      });
      addUnit(d, { id: 't-us-ddg', type: 'us-ddg', faction: 'us', zone: targetZone, strength: 2 });
      addUnit(d, { id: 't-jp-ddg', type: 'jp-ddg', faction: 'japan', zone: targetZone, strength: 2 });
      addUnit(d, { id: 't-tw-navy', type: 'tw-navy', faction: 'taiwan', zone: targetZone, strength: 2 });
    });
    const cur = orders(sc, s, 'china', [
      { type: 'strike', unit: 't-cn-ddg', target: targetZone, aim: 'ships', weapon: 'yj-18', count: 48 },
    ]);
    return commitAll(sc, cur);
  }

  it("a Japan that refused its bases keeps its ships when China's salvo strikes the zone they sail in", () => {
    const s = salvo(neutral, 'bashi-channel', true);
    expect(s.units['t-jp-ddg']!.strength).toBe(2);
    expect(s.flags.japanAttacked).toBe(false);
    expect(s.units['t-us-ddg']!.strength + s.units['t-tw-navy']!.strength).toBeLessThan(4);
  });

  it('in the base case Japan is at war, and its ships beside the US carrier share the hits', () => {
    const s = salvo(inv, 'bashi-channel', true);
    expect(s.units['t-jp-ddg']!.strength).toBeLessThan(2);
  });

  it('the US, before it intervenes, is not drawn in by a salvo aimed at Taiwan’s ships', () => {
    const s = salvo(neutral, 'bashi-channel', false);
    expect(s.units['t-us-ddg']!.strength).toBe(2);
    expect(s.flags.usAttacked).toBe(false);
    expect(s.units['t-tw-navy']!.strength).toBeLessThan(2);
  });
});

describe("Red's opening salvo and what it decides", () => {
  it('spreads its salvo: both of Taiwan’s naval bases are struck, and no airfield takes half the land-attack missiles', () => {
    const s = newMatch(inv, { seed: 'salvo-spread' });
    const strikes = botPlan({ state: s, scenario: inv, faction: 'china', policy: 'opportunist' })
      .flatMap((a) => (a.type === 'order' ? [a.order] : []))
      .filter((o): o is Extract<Order, { type: 'strike' }> => o.type === 'strike');
    const at = (zone: string, aim: string): number =>
      strikes.filter((o) => o.target === zone && o.aim === aim).reduce((x, o) => x + o.count, 0);
    // Keelung (Taipei zone) and Zuoying (Tainan–Kaohsiung) both hold Taiwan's navy at the start.
    expect(at('taipei', 'ships')).toBeGreaterThan(0);
    expect(at('tainan-kaohsiung', 'ships')).toBeGreaterThan(0);
    const airfields = [...new Set(strikes.filter((o) => o.aim === 'airbase').map((o) => o.target))];
    expect(airfields.length).toBeGreaterThanOrEqual(3);
    const total = airfields.reduce((x, z) => x + at(z, 'airbase'), 0);
    for (const z of airfields) expect(at(z, 'airbase') / total).toBeLessThan(0.5);
  });

  it('Taiwan alone: China gains ground in most of 8 games; with the US and Japan (base case) in none', () => {
    const gains = (id: string): number =>
      [1, 2, 3, 4, 5, 6, 7, 8].filter((i) => {
        const { state } = runMatch(scenario(id), {}, `campaign-${i}`);
        const holds = Object.entries(state.zones).some(
          ([z, st]) =>
            st.controller === 'china' &&
            ['taipei', 'taichung', 'tainan-kaohsiung', 'hualien-taitung'].includes(z),
        );
        return state.outcome?.category === 'chinese-victory' || holds;
      }).length;
    expect(gains('taiwan-invasion-taiwan-alone')).toBeGreaterThanOrEqual(5);
    expect(gains('taiwan-invasion')).toBe(0);
  });
});

describe('every ending can happen (issue 9, item 8)', () => {
  const outcomes = (id: string, n: number) =>
    Array.from(
      { length: n },
      (_x, i) => runMatch(scenario(id), { china: 'aggressive' }, `outcomes-${i + 1}`).state,
    );

  it('an aggressive Red in a Senkaku crisis lands on the islands no one defends, and holds them at the end', () => {
    const ends = outcomes('senkaku-gray-zone', 4);
    const seized = ends.filter((s) => s.outcome?.category === 'senkaku-seized');
    expect(seized.length).toBeGreaterThanOrEqual(2);
    for (const s of seized) {
      expect(s.zones.senkaku?.controller).toBe('china');
      expect(s.log.some((e) => e.kind === 'landing' && (e.data as { zone: string }).zone === 'senkaku')).toBe(
        true,
      );
    }
  });

  it('a Senkaku landing sails from a coast next to the East China Sea, once a quarantine is in force', () => {
    const sg = scenario('senkaku-gray-zone');
    const at = (rung: number, zone: string) =>
      patch(newMatch(sg, { seed: 'senkaku-reach' }), (d) => {
        d.escalation = rung as DraftState['escalation'];
        d.units['cn-amphib-lift-1']!.zone = zone;
        d.units['cn-amphib-bde-1']!.zone = zone;
      });
    const land: Order = {
      type: 'land',
      lift: 'cn-amphib-lift-1',
      brigades: ['cn-amphib-bde-1'],
      target: 'senkaku',
    };
    expect(
      applyAction(sg, at(RUNG.quarantine, 'zhejiang'), { type: 'order', seat: 'china', order: land }).ok,
    ).toBe(true);
    expect(
      codeOf(applyAction(sg, at(RUNG.coercion, 'zhejiang'), { type: 'order', seat: 'china', order: land })),
    ).toBe('ERR_BELOW_INVASION');
    // Hainan is far from any sea zone next to the islands.
    expect(
      codeOf(applyAction(sg, at(RUNG.quarantine, 'hainan'), { type: 'order', seat: 'china', order: land })),
    ).toBe('ERR_UNREACHABLE');
  });

  it("a long blockade by an aggressive Red can break Taiwan's will: coercion succeeds in some quarantine games", () => {
    const ends = outcomes('taiwan-quarantine', 12);
    const coerced = ends.filter((s) => s.outcome?.category === 'coercion-succeeded');
    expect(coerced.length).toBeGreaterThanOrEqual(1);
    for (const s of coerced) expect(s.taiwan.publicWill).toBeLessThanOrEqual(15);
    expect(coerced.length).toBeLessThan(ends.length);
  });
});
