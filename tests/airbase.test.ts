/**
 * Strikes on airbases (DESIGN.md section 8: most aircraft losses come on the ground, at crowded,
 * unhardened bases, so dispersal and hardening matter). A zone's `hardening` is the share of its
 * aircraft sheltered or dispersed: leakers fall on the open apron and on that share in
 * proportion to the aircraft in each, and one on the apron destroys eight times as much. So a
 * salvo that could wipe out the apron several times over still leaves part of the sheltered
 * share, a more hardened base keeps more, and every wing at a base loses the same share —
 * before, kills were taken wing by wing in list order and every Okinawa ISR aircraft was lost in
 * every game.
 */
import { describe, expect, it } from 'vitest';
import {
  AIR,
  applyHits,
  type DraftState,
  type MatchState,
  newMatch,
  RUNG,
  stream,
  zoneDef,
} from '../game/index.ts';
import { addUnit, patch, scenario } from './helpers.ts';

const inv = scenario('taiwan-invasion');

/** Only a fighter wing and an ISR squadron at `zone`, hit by `hits` Chinese leakers aimed at the airbase. */
function struck(zone: string, hits: number, seed = 'airbase'): { before: MatchState; after: MatchState } {
  const before = patch(newMatch(inv, { seed }), (d) => {
    d.escalation = RUNG.strikes;
    for (const u of Object.values(d.units)) u.strength = 0;
    addUnit(d, { id: 't-fighters', type: 'jp-fighter', faction: 'japan', zone, strength: 40 });
    addUnit(d, { id: 't-isr', type: 'us-isr', faction: 'us', zone, strength: 4 });
  });
  const after = patch(before, (d: DraftState) =>
    applyHits(
      d,
      { by: 'china', target: zone, aim: 'airbase', parts: [], key: 't' } as never,
      hits,
      stream(seed, 'hits'),
    ),
  );
  return { before, after };
}

const left = (s: MatchState, id: string): number => s.units[id]!.strength;
const total = (s: MatchState): number => left(s, 't-fighters') + left(s, 't-isr');

describe('strikes on airbases', () => {
  it('a salvo that could wipe out the open apron several times over leaves part of the sheltered share', () => {
    const h = zoneDef('okinawa').hardening;
    // 100 leakers: the apron (85% of 44 steps) could be destroyed four times over.
    expect(100 * (1 - h) * AIR.aircraftPerLeakerUnhardened.value).toBeGreaterThan(4 * 44 * (1 - h));
    for (const seed of ['a', 'b', 'c', 'd']) {
      const { after } = struck('okinawa', 100, seed);
      expect(total(after)).toBeGreaterThan(0.5);
      // No more than the sheltered share survives a saturating salvo.
      expect(total(after)).toBeLessThanOrEqual(44 * h + 1e-6);
    }
  });

  it('a few leakers kill on the apron at the unhardened rate and spare most aircraft', () => {
    const { after } = struck('okinawa', 4);
    const lost = 44 - total(after);
    const h = zoneDef('okinawa').hardening;
    const expected =
      4 * (1 - h) * AIR.aircraftPerLeakerUnhardened.value + 4 * h * AIR.aircraftPerLeakerSheltered.value;
    // Kills are whole steps drawn around their expectation (roundStochastic): within one step of each part.
    expect(Math.abs(lost - expected)).toBeLessThanOrEqual(2);
    expect(lost).toBeGreaterThan(0);
  });

  it('every wing at the base loses the same share of its aircraft, whatever its place in the list', () => {
    const { before, after } = struck('okinawa', 20);
    const share = (id: string) => (left(before, id) - left(after, id)) / left(before, id);
    expect(share('t-fighters')).toBeGreaterThan(0);
    expect(share('t-isr')).toBeCloseTo(share('t-fighters'), 2);
  });

  it('a more hardened base keeps more of its aircraft under the same salvo, short of one that destroys every shelter too', () => {
    expect(zoneDef('hualien-taitung').hardening).toBeGreaterThan(zoneDef('ishigaki').hardening);
    // 80 leakers are four times what Ishigaki's apron can take; Hualien's shelters would need 105.
    for (const hits of [10, 40, 80]) {
      const open = struck('ishigaki', hits).after;
      const sheltered = struck('hualien-taitung', hits).after;
      expect(total(sheltered)).toBeGreaterThan(total(open));
    }
  });
});
