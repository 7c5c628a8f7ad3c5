/**
 * Events (DESIGN.md section 4 step 1 and section 10; game/rules/events.ts), tested directly: the
 * scenario's timeline fires in its round and no other, and the event deck is drawn with the
 * scenario's chance, among the cards whose rung window holds the ladder, in proportion to their
 * weights. Events open a round: adjudicating round 3 draws round 4's.
 */
import { describe, expect, it } from 'vitest';
import type { DraftState, MatchState, Scenario } from '../game/index.ts';
import { patch, scenario } from './helpers.ts';
import { calmStart, play, quiet } from './round.ts';

const base = scenario('takaichi-2025');

/** The takaichi scenario with its timeline and deck replaced. */
const withEvents = (over: Partial<Pick<Scenario, 'events' | 'eventDeck' | 'eventChance'>>): Scenario => ({
  ...base,
  events: [],
  eventDeck: [],
  eventChance: 0,
  ...over,
});

/** Round 3 at a rung, cohesion and public support at 50. */
const m0 = calmStart(base, 'events');
const at = (rung: number, seed = 'events'): MatchState =>
  patch(m0, (d) => {
    d.seed = seed;
    d.round = 3;
    d.escalation = rung as DraftState['escalation'];
    d.alliance.cohesion = 50;
    d.japan.publicSupport = 50;
  });

/** Adjudicates round 3 and opens round 4 with the scenario's events; `d` is round 4's state. */
function run(s: MatchState, sc: Scenario) {
  const d = play(sc, s);
  const fired = d.log
    .slice(s.log.length)
    .filter((e) => e.kind === 'scenario-event')
    .map((e) => (e.data as { id: string }).id);
  return { d, fired };
}
/** What the events changed in cohesion, against the same round with none. */
const cohesionEffect = (s: MatchState, sc: Scenario) =>
  run(s, sc).d.alliance.cohesion - run(s, quiet(base)).d.alliance.cohesion;

const card = (id: string, weight: number, minRung = 0, maxRung = 5, delta = -1) => ({
  id,
  text: `Card ${id}`,
  weight,
  minRung,
  maxRung,
  effects: [{ track: 'alliance.cohesion' as const, delta }],
});

describe('the timeline', () => {
  it("fires the round's events, applies their effects and logs their text; other rounds' events wait", () => {
    const sc = withEvents({
      events: [
        {
          id: 'now',
          round: 4,
          text: 'A summit in Tokyo',
          effects: [{ track: 'alliance.cohesion', delta: 5 }],
        },
        {
          id: 'later',
          round: 5,
          text: 'An election',
          effects: [{ track: 'japan.publicSupport', delta: -10 }],
        },
        { id: 'past', round: 3, text: 'A rally', effects: [{ track: 'japan.publicSupport', delta: -10 }] },
        { id: 'also-now', round: 4, text: 'A speech', effects: [{ track: 'japan.publicSupport', delta: 2 }] },
      ],
    });
    const s = at(1);
    const { d, fired } = run(s, sc);
    expect(fired).toEqual(['now', 'also-now']);
    expect(cohesionEffect(s, sc)).toBe(5);
    expect(d.japan.publicSupport - run(s, quiet(base)).d.japan.publicSupport).toBe(2);
    const lines = d.log.slice(s.log.length).filter((e) => e.kind === 'scenario-event');
    expect(lines.map((e) => [e.kind, e.step, e.text, e.visibleTo])).toEqual([
      ['scenario-event', 'events', 'A summit in Tokyo', 'all'],
      ['scenario-event', 'events', 'A speech', 'all'],
    ]);
  });
});

describe('the deck', () => {
  const seeds = Array.from({ length: 200 }, (_, i) => `deck-${i}`);

  it('with chance 1 a card is drawn every round; with chance 0 never', () => {
    const always = withEvents({ eventDeck: [card('a', 1)], eventChance: 1 });
    const never = withEvents({ eventDeck: [card('a', 1)], eventChance: 0 });
    for (const seed of seeds.slice(0, 20)) {
      const { fired } = run(at(1, seed), always);
      expect(fired).toEqual(['a']);
      expect(run(at(1, seed), never).fired).toEqual([]);
    }
  });

  it('draws with the scenario’s chance (0.3 → about 60 of 200 rounds)', () => {
    const sc = withEvents({ eventDeck: [card('a', 1)], eventChance: 0.3 });
    const n = seeds.filter((seed) => run(at(1, seed), sc).fired.length > 0).length;
    // Binomial(200, 0.3): mean 60, sd ≈ 6.5.
    expect(n).toBeGreaterThan(35);
    expect(n).toBeLessThan(85);
  });

  it('only cards whose rung window holds the ladder are eligible (bounds included)', () => {
    const sc = withEvents({
      eventDeck: [card('calm', 1, 0, 1), card('crisis', 1, 2, 3), card('war', 1, 4, 5)],
      eventChance: 1,
    });
    for (const [rung, id] of [
      [0, 'calm'],
      [1, 'calm'],
      [2, 'crisis'],
      [3, 'crisis'],
      [4, 'war'],
      [5, 'war'],
    ] as const)
      for (const seed of seeds.slice(0, 5)) expect(run(at(rung, seed), sc).fired).toEqual([id]);
  });

  it('no eligible card: nothing happens', () => {
    const sc = withEvents({ eventDeck: [card('war', 1, 4, 5)], eventChance: 1 });
    expect(run(at(1), sc).fired).toEqual([]);
    expect(cohesionEffect(at(1), sc)).toBe(0);
  });

  it('one card a round, picked in proportion to weight (3 : 1 → about 150 : 50 of 200)', () => {
    const sc = withEvents({ eventDeck: [card('heavy', 3), card('light', 1)], eventChance: 1 });
    let heavy = 0;
    let light = 0;
    for (const seed of seeds) {
      const { fired } = run(at(1, seed), sc);
      expect(fired).toHaveLength(1);
      if (fired[0] === 'heavy') heavy++;
      if (fired[0] === 'light') light++;
    }
    expect(heavy + light).toBe(200);
    // Binomial(200, 0.75): mean 150, sd ≈ 6.1.
    expect(heavy).toBeGreaterThan(125);
    expect(heavy).toBeLessThan(175);
  });

  it("the drawn card's effects apply (clamped to the track's range)", () => {
    const sc = withEvents({ eventDeck: [card('crash', 1, 0, 5, -80)], eventChance: 1 });
    expect(run(at(1), sc).d.alliance.cohesion).toBe(0);
    expect(cohesionEffect(at(1), withEvents({ eventDeck: [card('a', 1)], eventChance: 1 }))).toBe(-1);
  });
});
