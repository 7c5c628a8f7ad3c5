/**
 * The naval rules (DESIGN.md section 8): when ships fight, what each group fires from its
 * stock, which missiles are fired at ships, coastal batteries in range of the sea next to
 * them, submarines against surface groups and the ASW that blunts and hunts them, and who
 * stays out of the fight.
 *
 * Positions are the invasion scenario with every unit at strength 0 and only the units a test
 * adds, the US intervening and Japan at war unless a test says otherwise.
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  distanceKm,
  type MatchState,
  munitionById,
  NAVAL,
  type Order,
  RUNG,
} from '../game/index.ts';
import { patch, scenario } from './helpers.ts';
import { armed, eventsSince, play, quiet, type Spec, warPosition } from './round.ts';

const inv = quiet(scenario('taiwan-invasion'));

/** At war, with 100 of every missile each side holds, and China's and Taiwan's anti-ship missiles. */
function war(seed: string, units: Spec[], edit: (d: DraftState) => void = () => {}): MatchState {
  const extra = {
    china: { 'yj-18': 100, 'yj-12': 100, 'cj-10': 100 },
    taiwan: { harpoon: 100, 'hf-3': 100 },
  };
  return warPosition(inv, seed, RUNG.strikes, armed(extra), units, edit);
}
const fire = (before: MatchState, after: MatchState) =>
  eventsSince(before, after, 'naval-fire').map((e) => e.data);
const subHits = (before: MatchState, after: MatchState) =>
  eventsSince(before, after, 'submarine-attack').map((e) => e.data);
const str = (s: MatchState, id: string) => s.units[id]!.strength;
/** Stock of a munition after the round, less what production alone leaves (the same round with no units). */
const spent = (before: MatchState, after: MatchState, f: 'china' | 'taiwan', m: string) => {
  const control = play(
    inv,
    patch(before, (d) => {
      for (const u of Object.values(d.units)) u.strength = 0;
    }),
  );
  return round3(control.stockpiles[f][m]! - after.stockpiles[f][m]!);
};
const round3 = (x: number) => Math.round(x * 1000) / 1000;

describe('surface fire', () => {
  it('ships fight only once strikes are under way', () => {
    const units: Spec[] = [
      ['D', 'cn-ddg', 'bashi-channel', 4],
      ['N', 'tw-navy', 'bashi-channel', 2],
    ];
    const calm = war('rung', units, (d) => (d.escalation = RUNG.blockade as DraftState['escalation']));
    const after = play(inv, calm);
    expect(fire(calm, after)).toEqual([]);
    expect([str(after, 'D'), str(after, 'N')]).toEqual([4, 2]);
    expect(spent(calm, after, 'china', 'yj-18')).toBe(0);
    const hot = war('rung', units);
    expect(fire(hot, play(inv, hot)).some((e) => e.faction === 'china')).toBe(true);
  });

  it('a group fires half a salvo per step, no more than its stock holds', () => {
    const units: Spec[] = [
      ['D', 'cn-ddg', 'bashi-channel', 4],
      ['N', 'tw-navy', 'bashi-channel', 2],
    ];
    // 8 YJ-18 per step x 4 steps / 2 = 16.
    const full = war('salvo', units);
    const after = play(inv, full);
    expect(fire(full, after).filter((e) => e.faction === 'china')).toEqual([
      expect.objectContaining({ unitType: 'cn-ddg', munition: 'yj-18', zone: 'bashi-channel', shots: 16 }),
    ]);
    expect(spent(full, after, 'china', 'yj-18')).toBe(16);
    const short = war('salvo', units, (d) => (d.stockpiles.china['yj-18'] = 10));
    const out = play(inv, short);
    expect(fire(short, out).filter((e) => e.faction === 'china')).toEqual([
      expect.objectContaining({ munition: 'yj-18', shots: 10 }),
    ]);
    expect(spent(short, out, 'china', 'yj-18')).toBe(10);
    const empty = war('salvo', units, (d) => (d.stockpiles.china['yj-18'] = 0));
    expect(fire(empty, play(inv, empty)).filter((e) => e.faction === 'china')).toEqual([]);
  });

  it('each side fires once, and its hits are step losses of the enemy’s ships', () => {
    const units: Spec[] = [
      ['D', 'cn-ddg', 'bashi-channel', 2],
      ['N', 'tw-navy', 'bashi-channel', 6],
    ];
    // The first of a few seeds in which both sides hit (the draws are the salvo model's).
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      const s = war(`exchange-${i}`, units);
      const after = play(inv, s);
      const ev = eventsSince(s, after, 'naval-fire');
      const hitsBy = (f: string) =>
        ev.filter((e) => e.data.faction === f).reduce((a, e) => a + e.data.hits, 0);
      expect(ev.map((e) => `${e.data.faction}/${e.data.munition}`)).toEqual(['china/yj-18', 'taiwan/hf-3']);
      expect(ev.every((e) => e.data.zone === 'bashi-channel')).toBe(true);
      expect(after.log.filter((e) => e.kind === 'naval-fire').map((e) => e.step)).toEqual(['naval', 'naval']);
      // A destroyer group takes two hits a step; Taiwan's surface group one.
      expect(str(after, 'N')).toBeCloseTo(6 - hitsBy('china'), 2);
      expect(str(after, 'D')).toBeCloseTo(2 - hitsBy('taiwan') / 2, 2);
      found = hitsBy('china') > 0 && hitsBy('taiwan') > 0;
    }
    expect(found).toBe(true);
  });

  it('fire is simultaneous: a group sunk in the step has fired its full salvo, whichever side fires first', () => {
    // Eight destroyer steps against Taiwan's two: China's salvo sinks the group in most seeds,
    // and the group still fires the salvo its two steps carried at the step's start
    // (8 HF-3 a step x 2 steps / 2 = 8), whose hits count against China's ships.
    let sunkAndFired = 0;
    for (let i = 0; i < 12; i++) {
      const s = war(`simultaneous-${i}`, [
        ['D', 'cn-ddg', 'bashi-channel', 8],
        ['N', 'tw-navy', 'bashi-channel', 2],
      ]);
      const after = play(inv, s);
      const taiwan = fire(s, after).filter((e) => e.faction === 'taiwan');
      expect(taiwan).toEqual([expect.objectContaining({ munition: 'hf-3', shots: 8 })]);
      expect(spent(s, after, 'taiwan', 'hf-3')).toBe(8);
      // A destroyer group takes two hits a step.
      expect(str(after, 'D')).toBeCloseTo(8 - taiwan[0]!.hits / 2, 2);
      if (str(after, 'N') <= 0.1) sunkAndFired += 1;
    }
    expect(sunkAndFired).toBeGreaterThan(0);
  });

  it('a group that fired an ordered strike this round has no salvo left for the naval fight', () => {
    const units: Spec[] = [
      ['D', 'cn-ddg', 'bashi-channel', 4],
      ['N', 'tw-navy', 'bashi-channel', 2],
    ];
    const s = war('fired', units);
    const strike: Order = {
      type: 'strike',
      unit: 'D',
      target: 'bashi-channel',
      aim: 'ships',
      weapon: 'yj-18',
      count: 4,
    };
    const after = play(inv, s, { china: [strike] });
    expect(fire(s, after).filter((e) => e.faction === 'china')).toEqual([]);
    expect(spent(s, after, 'china', 'yj-18')).toBe(4);
  });

  it('is fought at sea: ships in the same port do not fight there', () => {
    const s = war('port', [
      ['D', 'cn-ddg', 'kinmen-matsu', 4],
      ['N', 'tw-navy', 'kinmen-matsu', 2],
    ]);
    const after = play(inv, s);
    expect(fire(s, after)).toEqual([]);
    expect([str(after, 'D'), str(after, 'N')]).toEqual([4, 2]);
  });

  it('only anti-ship missiles are fired at ships: not land-attack cruise missiles', () => {
    const s = war('roles', [
      ['H', 'cn-bomber', 'bashi-channel', 2],
      ['N', 'tw-navy', 'bashi-channel', 2],
    ]);
    const after = play(inv, s);
    expect(fire(s, after).filter((e) => e.faction === 'china')).toEqual([
      expect.objectContaining({ munition: 'yj-12', shots: 2 }),
    ]);
    expect(spent(s, after, 'china', 'cj-10')).toBe(0);
    expect(spent(s, after, 'china', 'yj-12')).toBe(2);
  });

  it('ships do not fire at submarines, and submarines alone do not fight', () => {
    const s = war('no-targets', [
      ['D', 'cn-ddg', 'bashi-channel', 4],
      ['C', 'cn-ss', 'bashi-channel', 3],
      ['U', 'us-ssn', 'bashi-channel', 3],
    ]);
    const after = play(inv, s);
    expect(fire(s, after).filter((e) => e.faction === 'china')).toEqual([]);
    expect(spent(s, after, 'china', 'yj-18')).toBe(0);
    const subs = war('subs', [
      ['C', 'cn-ss', 'bashi-channel', 3],
      ['U', 'us-ssn', 'bashi-channel', 3],
    ]);
    const quietSea = play(inv, subs);
    expect(subHits(subs, quietSea)).toEqual([]);
    expect([str(quietSea, 'C'), str(quietSea, 'U')]).toEqual([3, 3]);
  });

  it('coastal batteries fire at ships in the sea next to them, with the missiles that reach', () => {
    const harpoon = munitionById.get('harpoon')!.rangeKm;
    const hf3 = munitionById.get('hf-3')!.rangeKm;
    const d = distanceKm('tainan-kaohsiung', 'bashi-channel');
    expect(d).toBeGreaterThan(harpoon);
    expect(d).toBeLessThanOrEqual(hf3);
    const s = war('coastal', [
      ['D', 'cn-ddg', 'bashi-channel', 4],
      ['K', 'tw-coastal', 'tainan-kaohsiung', 2],
      ['F', 'tw-coastal', 'hualien-taitung', 2], // not next to the Bashi Channel
      ['A', 'us-fighter', 'tainan-kaohsiung', 20], // aircraft strike by order, not in the naval step
    ]);
    const after = play(inv, s);
    // 2 HF-3 per step x 2 steps / 2 = 2; Harpoon does not reach; the battery in Hualien is not next to the sea zone.
    expect(fire(s, after)).toEqual([
      expect.objectContaining({ faction: 'taiwan', unitType: 'tw-coastal', munition: 'hf-3', shots: 2 }),
    ]);
    expect(spent(s, after, 'taiwan', 'harpoon')).toBe(0);
    expect(spent(s, after, 'taiwan', 'hf-3')).toBe(2);
    // With Taiwan's ships there too, the battery still fires once, for Taiwan.
    const both = war('coastal', [
      ['D', 'cn-ddg', 'bashi-channel', 4],
      ['N', 'tw-navy', 'bashi-channel', 4],
      ['K', 'tw-coastal', 'tainan-kaohsiung', 2],
    ]);
    const fired = fire(both, play(inv, both)).filter((e) => e.unitType === 'tw-coastal');
    expect(fired).toEqual([expect.objectContaining({ faction: 'taiwan', munition: 'hf-3', shots: 2 })]);
  });

  it('Japan’s and the US’s batteries fire too; the US’s from Japan only with Japan’s consent', () => {
    const units: Spec[] = [
      ['D', 'cn-ddg', 'miyako-strait', 4],
      ['J', 'jp-ssm', 'miyako', 2],
      ['M', 'us-mlr', 'okinawa', 2],
    ];
    const consent = (d: DraftState) => {
      d.alliance.consentGranted = true;
      d.alliance.consentRound = 1;
    };
    const s = war('allies', units, consent);
    const who = (st: MatchState) =>
      fire(st, play(inv, st)).map((e) => `${e.faction}/${e.munition}/${e.shots}`);
    // Type 12: 4 a step; NSM: 2 a step; half of each.
    expect(who(s).sort()).toEqual(['japan/type-12/4', 'us/nsm/2']);
    const refused = war('allies', units, (d) => (d.alliance.consentGranted = false));
    expect(who(refused)).toEqual(['japan/type-12/4']);
  });

  it('Japan’s ships stay out while Japan is not at war, and China leaves them alone', () => {
    const s = war(
      'bystander',
      [
        ['D', 'cn-ddg', 'ecs-south', 4],
        ['J', 'jp-ddg', 'ecs-south', 2],
      ],
      (d) => (d.japan.legalStatus = 'none' as DraftState['japan']['legalStatus']),
    );
    const after = play(inv, s);
    expect(fire(s, after)).toEqual([]);
    expect([str(after, 'D'), str(after, 'J')]).toEqual([4, 2]);
  });
});

describe('submarines', () => {
  it('hit surface groups at a fixed rate per step when no ASW is present', () => {
    // A lift group has no ASW: 5 steps x 0.6 = 3 hits, 1.5 of its steps (2 hits a step).
    const s = war('torpedo', [
      ['U', 'us-ssn', 'bashi-channel', 5],
      ['L', 'cn-amphib', 'bashi-channel', 4],
    ]);
    const after = play(inv, s);
    expect(NAVAL.submarineHitsPerStep.value * 5).toBe(3);
    expect(subHits(s, after)).toEqual([{ zone: 'bashi-channel', hits: 3 }]);
    expect(str(after, 'L')).toBe(2.5);
    expect(str(after, 'U')).toBe(5); // nothing hunts it
  });

  it('an attack that hits nothing is not reported', () => {
    // 1 step against 6.25 ASW steps: 0.3 expected hits, so some rounds miss.
    let misses = 0;
    for (let i = 0; i < 12; i++) {
      const s = war(`miss-${i}`, [
        ['U', 'us-ssn', 'bashi-channel', 1],
        ['L', 'cn-amphib', 'bashi-channel', 4],
        ['D', 'cn-ddg', 'bashi-channel', 6.25],
      ]);
      const after = play(inv, s);
      const hit = str(after, 'L') < 4 || str(after, 'D') < 6.25;
      if (!hit) misses++;
      const ev = after.log.slice(s.log.length).filter((e) => e.kind === 'submarine-attack');
      expect(ev.map((e) => e.step)).toEqual(hit ? ['naval'] : []);
    }
    expect(misses).toBeGreaterThan(0);
  });

  it('ASW cuts the hits by a share per step, down to a tenth', () => {
    const a = NAVAL.aswPerStep.value;
    // 10 steps x 0.6 x (1 − 0.08 x 6.25) = 3 hits.
    const blunted = war('asw', [
      ['U', 'us-ssn', 'bashi-channel', 10],
      ['D', 'cn-ddg', 'bashi-channel', 0.5 / a],
      ['L', 'cn-amphib', 'bashi-channel', 4],
    ]);
    const after = play(inv, blunted);
    expect(subHits(blunted, after)).toEqual([{ zone: 'bashi-channel', hits: 3 }]);
    const lost = 4 + 0.5 / a - str(after, 'L') - str(after, 'D');
    expect(lost).toBeCloseTo(1.5, 2);
    // Overwhelming ASW still leaves a tenth: 50 steps x 0.6 x 0.1 = 3.
    const floor = war('asw-floor', [
      ['U', 'us-ssn', 'bashi-channel', 50],
      ['D', 'cn-ddg', 'bashi-channel', 20],
    ]);
    expect(subHits(floor, play(inv, floor))).toEqual([{ zone: 'bashi-channel', hits: 3 }]);
  });

  it('ASW hunts the submarine: a step lost with a chance of 2% per ASW step, at most a half', () => {
    // 10 ASW steps: a chance of 0.2 a round.
    let lost = 0;
    for (let i = 0; i < 60; i++) {
      const s = war(`hunt-${i}`, [
        ['U', 'us-ssn', 'bashi-channel', 5],
        ['D', 'cn-ddg', 'bashi-channel', 10],
      ]);
      const left = str(play(inv, s), 'U');
      expect([4, 5]).toContain(left);
      if (left === 4) lost++;
    }
    expect(lost).toBeGreaterThanOrEqual(4);
    expect(lost).toBeLessThanOrEqual(22);
    // 40 ASW steps: capped at a half.
    let capped = 0;
    for (let i = 0; i < 60; i++) {
      const s = war(`cap-${i}`, [
        ['U', 'us-ssn', 'bashi-channel', 50],
        ['D', 'cn-ddg', 'bashi-channel', 40],
      ]);
      if (str(play(inv, s), 'U') < 50) capped++;
    }
    expect(capped).toBeGreaterThanOrEqual(18);
    expect(capped).toBeLessThanOrEqual(42);
  });
});
