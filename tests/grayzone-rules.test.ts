/**
 * The gray zone (DESIGN.md sections 6 and 8; game/rules/grayzone.ts), tested directly: who may
 * order which gray-zone action and where, what each action does to the tracks, and the risk of
 * an incident at the Senkakus, which grows with both sides' presence there
 * (GRAYZONE.incidentPerPresence × Chinese presence × Japanese presence × (1 + patrols), at most
 * one half).
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  type EventKind,
  type Faction,
  type GrayZoneAction,
  legalOrders,
  type MatchState,
  type Order,
  validateOrder,
} from '../game/index.ts';
import { addUnit, codeOf, patch, scenario } from './helpers.ts';
import { calmStart, eventsSince, type Orders, play, quiet } from './round.ts';

/** GRAYZONE.incidentPerPresence in game/data/tables.ts (not exported by the engine's front door). */
const INCIDENT_PER_PRESENCE = 0.004;

const tk = scenario('takaichi-2025');

/**
 * Rung 0 with every coast guard and militia group taken off the board (so presence at the
 * Senkakus is only what a test puts there) and the tracks the step moves at mid values.
 */
function calm(edit: (d: DraftState) => void = () => {}): MatchState {
  return calmStart(tk, 'grayzone', (d) => {
    d.escalation = 0;
    d.china.grayZonePresence = 50;
    d.china.coercionLevers = 3;
    d.china.standing = 50;
    d.china.domesticPressure = 50;
    d.japan.publicSupport = 50;
    d.japan.politicalCapital = 50;
    d.taiwan.publicWill = 50;
    d.us.credibility = 50;
    d.alliance.disruption = 0;
    d.bonuses.cyber = 0;
    d.flags.incidents = 0;
    edit(d);
  });
}

const gz = (action: GrayZoneAction, zone: string): Order => ({ type: 'gray-zone', action, zone });

/** Plays the round with these orders; the gray-zone step is the first to move the tracks. */
const step = (s: MatchState, os: Orders): MatchState => play(quiet(tk), s, os);
const events = <K extends EventKind>(s: MatchState, after: MatchState, kind: K) =>
  eventsSince(s, after, kind);
/** What the orders changed in a number, against the same round played without them. */
const effect = (s: MatchState, os: Orders, read: (x: MatchState) => number): number =>
  read(step(s, os)) - read(step(s, {}));

describe('gray-zone orders: which side, where, and with what', () => {
  const withCcg = calm((d) => {
    addUnit(d, { id: 't-ccg', type: 'cn-ccg', faction: 'china', zone: 'ecs-south', strength: 2 });
    addUnit(d, { id: 't-jcg', type: 'jcg', faction: 'japan', zone: 'ishigaki', strength: 2 });
  });

  it.each<[string, Faction, GrayZoneAction, string, string]>([
    ['China patrols the Senkakus from the next sea zone', 'china', 'patrol', 'senkaku', 'ok'],
    ['China patrols the sea zone it is in', 'china', 'patrol', 'ecs-south', 'ok'],
    ['China patrols where it has no coast guard', 'china', 'patrol', 'bashi-channel', 'ERR_NO_UNIT'],
    ['Japan surges from Ishigaki into the next sea zone', 'japan', 'surge', 'ecs-south', 'ok'],
    ['Japan surges at the Senkakus, two zones away', 'japan', 'surge', 'senkaku', 'ERR_NO_UNIT'],
    ['Taiwan surges with no coast guard left', 'taiwan', 'surge', 'taiwan-strait-north', 'ERR_NO_UNIT'],
    ['China surges (a Blue response)', 'china', 'surge', 'ecs-south', 'ERR_NOT_YOURS'],
    ['China protests (a Blue response)', 'china', 'protest', 'senkaku', 'ERR_NOT_YOURS'],
    ['Japan patrols (a Chinese action)', 'japan', 'patrol', 'ecs-south', 'ERR_NOT_YOURS'],
    ['the US flies an air incursion', 'us', 'air-incursion', 'taipei', 'ERR_NOT_YOURS'],
    ['Taiwan launches cyber', 'taiwan', 'cyber', 'kanto', 'ERR_NOT_YOURS'],
    ['Japan coerces economically', 'japan', 'economic-coercion', 'kanto', 'ERR_NOT_YOURS'],
    ['Japan stands down', 'japan', 'stand-down', 'senkaku', 'ERR_NOT_YOURS'],
    ['Japan exercises', 'japan', 'exercise', 'kyushu', 'ok'],
    ['China exercises', 'china', 'exercise', 'fujian', 'ok'],
    ['Japan protests', 'japan', 'protest', 'senkaku', 'ok'],
    ['China flies an air incursion', 'china', 'air-incursion', 'taipei', 'ok'],
    ['China coerces with levers left', 'china', 'economic-coercion', 'kanto', 'ok'],
    ['China stands down', 'china', 'stand-down', 'senkaku', 'ok'],
    ['an unknown action', 'china', 'blockade' as GrayZoneAction, 'senkaku', 'ERR_BAD_ACTION'],
    ['a zone not on the map', 'china', 'exercise', 'atlantis', 'ERR_NO_ZONE'],
  ])('%s → %s', (_n, f, action, zone, code) => {
    expect(codeOf(validateOrder(withCcg, tk, f, gz(action, zone)))).toBe(code);
  });

  it('economic coercion needs a lever left', () => {
    const s = patch(withCcg, (d) => (d.china.coercionLevers = 0));
    expect(codeOf(validateOrder(s, tk, 'china', gz('economic-coercion', 'kanto')))).toBe('ERR_NO_LEVERS');
  });

  it('only a live unit with presence counts: a destroyer does not, a sunk coast guard does not, a militia does', () => {
    const destroyer = calm((d) =>
      addUnit(d, { id: 't-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 }),
    );
    expect(codeOf(validateOrder(destroyer, tk, 'china', gz('patrol', 'senkaku')))).toBe('ERR_NO_UNIT');
    const sunk = patch(withCcg, (d) => (d.units['t-ccg']!.strength = 0));
    expect(codeOf(validateOrder(sunk, tk, 'china', gz('patrol', 'senkaku')))).toBe('ERR_NO_UNIT');
    const militia = calm((d) =>
      addUnit(d, { id: 't-mil', type: 'cn-militia', faction: 'china', zone: 'ecs-south', strength: 1 }),
    );
    expect(codeOf(validateOrder(militia, tk, 'china', gz('patrol', 'senkaku')))).toBe('ok');
    // Another faction's coast guard does not let China patrol.
    const jcg = calm((d) =>
      addUnit(d, { id: 't-jcg', type: 'jcg', faction: 'japan', zone: 'ecs-south', strength: 2 }),
    );
    expect(codeOf(validateOrder(jcg, tk, 'china', gz('patrol', 'senkaku')))).toBe('ERR_NO_UNIT');
  });

  it('the same action in the same zone once a round; elsewhere or another action is fine', () => {
    const s = patch(withCcg, (d) => {
      d.pending.china = {
        orders: [gz('patrol', 'senkaku')],
        committed: false,
      } as DraftState['pending']['china'];
    });
    expect(codeOf(validateOrder(s, tk, 'china', gz('patrol', 'senkaku')))).toBe('ERR_DUPLICATE');
    expect(codeOf(validateOrder(s, tk, 'china', gz('patrol', 'ecs-south')))).toBe('ok');
    expect(codeOf(validateOrder(s, tk, 'china', gz('exercise', 'senkaku')))).toBe('ok');
  });

  it('the candidates offer the Senkakus and the sea and national zones, legal ones only', () => {
    const os = legalOrders(withCcg, tk, 'china').filter((o) => o.type === 'gray-zone');
    const has = (a: GrayZoneAction, z: string) =>
      os.some((o) => o.type === 'gray-zone' && o.action === a && o.zone === z);
    expect(has('patrol', 'senkaku')).toBe(true);
    expect(has('patrol', 'ecs-south')).toBe(true);
    expect(has('exercise', 'fujian')).toBe(true);
    expect(has('patrol', 'bashi-channel')).toBe(false);
    expect(has('surge', 'ecs-south')).toBe(false);
  });
});

describe('the gray-zone step: what each action does', () => {
  it('a patrol: Chinese presence +3, Japanese support +0.5, logged with its zone', () => {
    const s = calm();
    const d = step(s, { china: [gz('patrol', 'senkaku')] });
    expect(d.china.grayZonePresence).toBe(53);
    expect(d.japan.publicSupport).toBe(50.5);
    expect(events(s, d, 'patrol').map((e) => e.data)).toEqual([{ zone: 'senkaku' }]);
  });

  it('no patrol at all: Chinese presence fades by 1; two patrols add 6 with no fading', () => {
    expect(step(calm(), {}).china.grayZonePresence).toBe(49);
    expect(
      step(calm(), { china: [gz('patrol', 'senkaku'), gz('patrol', 'ecs-south')] }).china.grayZonePresence,
    ).toBe(56);
  });

  it("a surge lifts the surging side's public: Japan's support, Taiwan's will", () => {
    const s = calm();
    const jp = step(s, { japan: [gz('surge', 'ecs-south')] });
    expect(jp.japan.publicSupport).toBe(51);
    expect(jp.taiwan.publicWill).toBe(50);
    expect(events(s, jp, 'coast-guard-surge').map((e) => e.data)).toEqual([
      { faction: 'japan', zone: 'ecs-south' },
    ]);
    const tw = step(s, { taiwan: [gz('surge', 'taiwan-strait-north')] });
    expect(tw.taiwan.publicWill).toBe(51);
    expect(tw.japan.publicSupport).toBe(50);
  });

  it("an air incursion: Taiwan's will −0.5, China's standing −0.5", () => {
    const s = calm();
    const d = step(s, { china: [gz('air-incursion', 'taipei')] });
    expect(d.taiwan.publicWill).toBe(49.5);
    expect(d.china.standing).toBe(49.5);
    expect(events(s, d, 'air-incursion').map((e) => e.data)).toEqual([{ zone: 'taipei' }]);
  });

  it('cyber disrupts the alliance by 1 − cyber resilience, never below 0 nor above 10; Taiwan is not told', () => {
    const s = calm();
    const d = step(s, { china: [gz('cyber', 'kanto')] });
    expect(d.alliance.disruption).toBe(1);
    expect(events(s, d, 'cyber')).toEqual([
      { data: { degraded: true }, visibleTo: ['japan', 'us', 'china', 'white'] },
    ]);
    const resilient = calm((x) => (x.bonuses.cyber = 1.5));
    const r = step(resilient, { china: [gz('cyber', 'kanto')] });
    expect(r.alliance.disruption).toBe(0);
    expect(events(resilient, r, 'cyber')[0]?.data).toEqual({ degraded: false });
    const partial = step(
      calm((x) => (x.bonuses.cyber = 0.5)),
      { china: [gz('cyber', 'kanto')] },
    );
    expect(partial.alliance.disruption).toBe(0.5);
    // Eleven attacks (one a zone) would make 11: the track stops at 10.
    const zones = [
      'kanto',
      'kyushu',
      'okinawa',
      'amami',
      'miyako',
      'ishigaki',
      'yonaguni',
      'hokkaido',
      'taipei',
      'taichung',
      'guam',
    ];
    const full = step(calm(), { china: zones.map((z) => gz('cyber', z)) });
    expect(full.alliance.disruption).toBe(10);
  });

  it('economic coercion spends a lever: standing −2, support −3, capital −3, Taiwan will −1', () => {
    const s = calm();
    const d = step(s, { china: [gz('economic-coercion', 'kanto')] });
    expect(d.china.coercionLevers).toBe(2);
    expect(d.china.standing).toBe(48);
    expect(d.japan.publicSupport).toBe(47);
    expect(effect(s, { china: [gz('economic-coercion', 'kanto')] }, (x) => x.japan.politicalCapital)).toBe(
      -3,
    );
    expect(d.taiwan.publicWill).toBe(49);
    expect(events(s, d, 'economic-coercion')).toHaveLength(1);
  });

  it('a Chinese exercise presses Taiwan (will −1) and eases domestic pressure (−1); a Blue one lifts US credibility (+1)', () => {
    const s = calm();
    const cn = step(s, { china: [gz('exercise', 'fujian')] });
    expect(cn.taiwan.publicWill).toBe(49);
    expect(cn.china.domesticPressure).toBe(49);
    expect(cn.us.credibility).toBe(50);
    expect(events(s, cn, 'exercise').map((e) => e.data)).toEqual([{ faction: 'china', zone: 'fujian' }]);
    const us = step(s, { us: [gz('exercise', 'okinawa')] });
    expect(us.us.credibility).toBe(51);
    expect(us.taiwan.publicWill).toBe(50);
    expect(us.china.domesticPressure).toBe(50);
  });

  it('a protest costs China 0.5 standing; a stand-down cuts presence by 5 (and the fading 1) and earns 1 standing', () => {
    const s = calm();
    const p = step(s, { japan: [gz('protest', 'senkaku')] });
    expect(p.china.standing).toBe(49.5);
    expect(events(s, p, 'protest').map((e) => e.data)).toEqual([{ faction: 'japan' }]);
    const sd = step(s, { china: [gz('stand-down', 'senkaku')] });
    expect(sd.china.grayZonePresence).toBe(50 - 5 - 1);
    expect(sd.china.standing).toBe(51);
    expect(events(s, sd, 'stand-down').map((e) => e.data)).toEqual([{ zone: 'senkaku' }]);
  });

  it('an order of another type is no patrol: presence still fades', () => {
    expect(step(calm(), { china: [{ type: 'mobilize' }] }).china.grayZonePresence).toBe(49);
  });
});

describe('the gray-zone step: incidents at the Senkakus', () => {
  /** Chinese and Japanese coast guards next to the Senkakus (in ecs-south, adjacent to them). */
  const faceOff = (
    cn: number,
    jp: number,
    presencePct: number,
    seed: string,
    edit: (d: DraftState) => void = () => {},
  ) =>
    calm((d) => {
      d.seed = seed;
      d.china.grayZonePresence = presencePct;
      if (cn > 0)
        addUnit(d, { id: 't-ccg', type: 'cn-ccg', faction: 'china', zone: 'ecs-south', strength: cn });
      if (jp > 0) addUnit(d, { id: 't-jcg', type: 'jcg', faction: 'japan', zone: 'ecs-south', strength: jp });
      edit(d);
    });
  const seeds = Array.from({ length: 60 }, (_, i) => `incident-${i}`);

  it('with only one side present there is never an incident', () => {
    for (const seed of seeds.slice(0, 20)) {
      expect(step(faceOff(10, 0, 100, seed), { china: [gz('patrol', 'senkaku')] }).flags.incidents).toBe(0);
      expect(step(faceOff(0, 10, 100, seed), {}).flags.incidents).toBe(0);
    }
  });

  it('the chance is incidentPerPresence × (CCG steps × presence%) × JCG steps × (1 + patrols), logged to 0.001', () => {
    // 10 CCG steps at 50% presence (→ 5 after the step's fading to 49%: 10 × 0.49 = 4.9) and 5 JCG
    // steps, no patrol: 0.004 × 4.9 × 5 × 1 = 0.098.
    const expected = Math.round(INCIDENT_PER_PRESENCE * (10 * 0.49) * 5 * 1000) / 1000;
    let incidents = 0;
    for (const seed of seeds) {
      const s = faceOff(10, 5, 50, seed);
      const d = step(s, {});
      const logged = events(s, d, 'incident');
      if (d.flags.incidents > 0) {
        incidents++;
        expect(logged.map((e) => e.data.chance)).toEqual([expected]);
      } else expect(logged).toHaveLength(0);
    }
    // About 6 in 60 at 0.098; far from 0 and far from the 0.5 cap.
    expect(incidents).toBeGreaterThan(0);
    expect(incidents).toBeLessThan(20);
  });

  it('a patrol multiplies the chance by (1 + patrols) and the presence it adds counts', () => {
    // One patrol: presence 50 + 3 = 53%; 0.004 × (10 × 0.53) × 5 × 2 = 0.212.
    const expected = Math.round(INCIDENT_PER_PRESENCE * (10 * 0.53) * 5 * 2 * 1000) / 1000;
    let incidents = 0;
    for (const seed of seeds) {
      const s = faceOff(10, 5, 50, seed);
      const d = step(s, { china: [gz('patrol', 'senkaku')] });
      if (d.flags.incidents > 0) {
        incidents++;
        expect(events(s, d, 'incident')[0]?.data.chance).toBe(expected);
      }
    }
    expect(incidents).toBeGreaterThan(3);
  });

  it('the chance is capped at one half', () => {
    let incidents = 0;
    for (const seed of seeds) {
      const s = faceOff(40, 40, 100, seed);
      const d = step(s, {});
      if (d.flags.incidents > 0) {
        incidents++;
        expect(events(s, d, 'incident')[0]?.data.chance).toBe(0.5);
      }
    }
    // At 0.5, 60 draws give between 15 and 45 with overwhelming probability.
    expect(incidents).toBeGreaterThan(15);
    expect(incidents).toBeLessThan(45);
  });

  it('an incident: one more on the count, the ladder to rung 1 if it was at 0, Japanese support +4, Chinese pressure +5', () => {
    let seen = 0;
    for (const seed of seeds) {
      const s = faceOff(40, 40, 100, seed);
      const d = step(s, {});
      if (d.flags.incidents === 0) continue;
      seen++;
      expect(d.flags.incidents).toBe(1);
      expect(d.escalation).toBe(1);
      expect(d.japan.publicSupport).toBe(54);
      expect(d.china.domesticPressure).toBe(55);
      expect(events(s, d, 'incident')[0]?.data.climbed).toBe(true);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('an incident above rung 0 leaves the ladder where it is (climbed: false)', () => {
    let seen = 0;
    for (const seed of seeds) {
      const s = faceOff(40, 40, 100, seed, (d) => (d.escalation = 2));
      const d = step(s, {});
      if (d.flags.incidents === 0) continue;
      seen++;
      expect(d.escalation).toBe(2);
      expect(events(s, d, 'incident')[0]?.data.climbed).toBe(false);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('presence is weighted by each type (militia count half) and by strength, and only units in or next to the Senkakus count', () => {
    // 20 militia steps count as 10 presence: with 50% (→ 49%) and 5 JCG: 0.004 × 4.9 × 5 = 0.098.
    const expected = Math.round(INCIDENT_PER_PRESENCE * (20 * 0.5 * 0.49) * 5 * 1000) / 1000;
    let incidents = 0;
    for (const seed of seeds) {
      const s = calm((d) => {
        d.seed = seed;
        addUnit(d, { id: 't-mil', type: 'cn-militia', faction: 'china', zone: 'ecs-south', strength: 20 });
        addUnit(d, { id: 't-jcg', type: 'jcg', faction: 'japan', zone: 'senkaku', strength: 5 });
        // Far away: does not count.
        addUnit(d, {
          id: 't-ccg-far',
          type: 'cn-ccg',
          faction: 'china',
          zone: 'bashi-channel',
          strength: 40,
        });
      });
      const d = step(s, {});
      if (d.flags.incidents > 0) {
        incidents++;
        expect(events(s, d, 'incident')[0]?.data.chance).toBe(expected);
      }
    }
    expect(incidents).toBeGreaterThan(0);
  });
});
