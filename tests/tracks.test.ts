/**
 * The track helpers every rule area writes through (DESIGN.md section 7; game/engine/tracks.ts):
 * a track's range and rounding, the escalation's peak, the round log's entries, and the loss
 * ledger. Tested directly, because every step's arithmetic rests on them.
 */
import { describe, expect, it } from 'vitest';
import {
  applyEffect,
  bump,
  type DraftState,
  draftOf,
  eventText,
  inflict,
  log,
  readTrack,
  setEscalation,
  type TrackPath,
  totalLosses,
  trackBounds,
  unitTypeById,
} from '../game/index.ts';
import { addUnit, start } from './helpers.ts';

const fresh = (): DraftState => draftOf(start('takaichi-2025', 'tracks').s);

describe('a track’s range', () => {
  it.each([
    ['japan.coalitionSeats', 0, 465],
    ['japan.defenseSpendingPctGdp', 0, 10],
    ['japan.debtPctGdp', 0, 500],
    ['japan.industrialCapacity', 0, 1000],
    ['taiwan.defenseSpendingPctGdp', 0, 10],
    ['taiwan.energyDays', 0, 400],
    ['china.coercionLevers', 0, 10],
    ['china.resolve', -10, 10],
    ['us.reinforcementDelay', 0, 10],
    ['escalation', 0, 5],
    ['alliance.disruption', 0, 10],
    // Every other track is a 0–100 scale.
    ['japan.publicSupport', 0, 100],
    ['us.commitment', 0, 100],
    ['alliance.cohesion', 0, 100],
  ] as const)('%s runs from %d to %d, and an effect past either end stops there', (track, lo, hi) => {
    expect(trackBounds(track as TrackPath)).toEqual([lo, hi]);
    const d = fresh();
    expect(applyEffect(d, { track: track as TrackPath, delta: 10_000 })).toBe(hi);
    expect(readTrack(d, track as TrackPath)).toBe(hi);
    expect(applyEffect(d, { track: track as TrackPath, delta: -10_000 })).toBe(lo);
    expect(readTrack(d, track as TrackPath)).toBe(lo);
  });
});

describe('rounding', () => {
  it.each([
    'japan.coalitionSeats',
    'china.coercionLevers',
    'us.reinforcementDelay',
    'alliance.disruption',
  ] as const)('%s counts whole units: a fractional effect rounds to the nearest', (track) => {
    const d = fresh();
    // Set a known value inside the range first.
    applyEffect(d, { track, delta: -10_000 });
    applyEffect(d, { track, delta: 2 });
    expect(applyEffect(d, { track, delta: 0.6 })).toBe(3);
    expect(applyEffect(d, { track, delta: 0.4 })).toBe(3);
    expect(applyEffect(d, { track, delta: -1.6 })).toBe(1);
  });

  it('a scale track keeps three decimals', () => {
    const d = fresh();
    applyEffect(d, { track: 'japan.publicSupport', delta: -10_000 });
    expect(applyEffect(d, { track: 'japan.publicSupport', delta: 12.34567 })).toBe(12.346);
    expect(d.japan.publicSupport).toBe(12.346);
    applyEffect(d, { track: 'japan.defenseSpendingPctGdp', delta: -10_000 });
    expect(applyEffect(d, { track: 'japan.defenseSpendingPctGdp', delta: 1.23456 })).toBe(1.235);
  });
});

describe('reading and writing a track', () => {
  it('reads a faction’s track and the shared escalation', () => {
    const d = fresh();
    d.us.commitment = 42.5;
    d.escalation = 2;
    expect(readTrack(d, 'us.commitment')).toBe(42.5);
    expect(readTrack(d, 'escalation')).toBe(2);
  });

  it('an effect changes its own track only', () => {
    const d = fresh();
    const before = structuredClone(d);
    applyEffect(d, { track: 'taiwan.publicWill', delta: -5 });
    expect(d.taiwan.publicWill).toBe(before.taiwan.publicWill - 5);
    expect({ ...d, taiwan: before.taiwan }).toEqual(before);
  });

  it('`bump` is an effect on group.key', () => {
    const a = fresh();
    const b = fresh();
    bump(a, 'alliance', 'cohesion', -7.25);
    applyEffect(b, { track: 'alliance.cohesion', delta: -7.25 });
    expect(a.alliance).toEqual(b.alliance);
    expect(a.alliance.cohesion).not.toBe(fresh().alliance.cohesion);
  });
});

describe('the escalation’s peak', () => {
  it('rises with the rung and remembers the round it was first reached; stepping down keeps it', () => {
    const d = fresh();
    d.escalation = 1;
    d.peakEscalation = 1;
    d.peakRound = 1;
    d.round = 3;
    expect(applyEffect(d, { track: 'escalation', delta: 2 })).toBe(3);
    expect([d.escalation, d.peakEscalation, d.peakRound]).toEqual([3, 3, 3]);
    d.round = 4;
    setEscalation(d, 2);
    expect([d.escalation, d.peakEscalation, d.peakRound]).toEqual([2, 3, 3]);
    // Back to the peak is not a new peak.
    d.round = 5;
    setEscalation(d, 3);
    expect([d.escalation, d.peakEscalation, d.peakRound]).toEqual([3, 3, 3]);
    d.round = 6;
    setEscalation(d, 4);
    expect([d.escalation, d.peakEscalation, d.peakRound]).toEqual([4, 4, 6]);
  });

  it('escalation moves in whole rungs', () => {
    const d = fresh();
    d.escalation = 1;
    expect(applyEffect(d, { track: 'escalation', delta: 0.6 })).toBe(2);
    expect(d.escalation).toBe(2);
  });
});

describe('the round log', () => {
  it('writes the round, the step, the kind, its data and the sentence rendered from them', () => {
    const d = fresh();
    const n = d.log.length;
    d.round = 4;
    const data = { from: 1, to: 3 } as const;
    log(d, 'politics', 'escalation', data);
    expect(d.log).toHaveLength(n + 1);
    expect(d.log[n]).toEqual({
      round: 4,
      step: 'politics',
      kind: 'escalation',
      text: eventText('escalation', data),
      visibleTo: 'all',
      data,
    });
    expect(d.log[n]!.text).toBe('China escalates to rung 3 (blockade)');
  });

  it('keeps its own copy of who may see an entry', () => {
    const d = fresh();
    const seats: ('japan' | 'white')[] = ['japan', 'white'];
    log(d, 'strikes', 'us-attacked', {}, seats);
    seats.push('japan');
    expect(d.log.at(-1)!.visibleTo).toEqual(['japan', 'white']);
  });
});

describe('losses', () => {
  const withUnit = (strength: number, interceptors?: number): DraftState => {
    const d = fresh();
    addUnit(d, { id: 'T', type: 'us-ddg', faction: 'us', zone: 'okinawa', strength });
    if (interceptors !== undefined) d.units.T!.interceptors = interceptors;
    return d;
  };
  const ddg = unitTypeById.get('us-ddg')!;

  it('takes steps off the unit, books them under its faction and category, and returns them', () => {
    const d = withUnit(4);
    const booked = d.losses.us.surface ?? 0;
    expect(inflict(d, 'T', 1.25)).toBe(1.25);
    expect(d.units.T!.strength).toBe(2.75);
    expect(d.losses.us.surface).toBe(booked + 1.25);
    expect(inflict(d, 'T', 0.5)).toBe(0.5);
    expect(d.losses.us.surface).toBe(booked + 1.75);
    expect(d.losses.japan.surface ?? 0).toBe(0);
  });

  it('never takes more than the unit has, and a unit under a tenth of a step is gone', () => {
    const d = withUnit(2);
    expect(inflict(d, 'T', 5)).toBe(2);
    expect(d.units.T!.strength).toBe(0);
    const nearly = withUnit(2);
    expect(inflict(nearly, 'T', 1.95)).toBe(1.95);
    expect(nearly.units.T!.strength).toBe(0);
    const left = withUnit(2);
    inflict(left, 'T', 1.85);
    expect(left.units.T!.strength).toBe(0.15);
    // A tenth exactly stays on the books (and is out of the fight: units.ts lists only more).
    const tenth = withUnit(2);
    inflict(tenth, 'T', 1.9);
    expect(tenth.units.T!.strength).toBe(0.1);
  });

  it('a ship loses the interceptors its lost steps carried, not the ones it has left', () => {
    const d = withUnit(4, ddg.interceptorsPerStep * 4);
    inflict(d, 'T', 1);
    expect(d.units.T!.interceptors).toBe(ddg.interceptorsPerStep * 3);
    // A ship that has already fired most of its interceptors keeps what it has.
    const spent = withUnit(4, 2);
    inflict(spent, 'T', 1);
    expect(spent.units.T!.interceptors).toBe(2);
  });

  it('nothing happens to a unit that does not exist, or for no steps', () => {
    const d = withUnit(4);
    const before = structuredClone(d);
    expect(inflict(d, 'nobody', 3)).toBe(0);
    expect(inflict(d, 'T', 0)).toBe(0);
    expect(inflict(d, 'T', -2)).toBe(0);
    expect(d).toEqual(before);
  });

  it('a faction’s total is the sum over its categories, to three decimals', () => {
    const d = fresh();
    d.losses.china = { surface: 1.1115, amphibious: 2.2, air: 0.3333 };
    d.losses.japan = {};
    expect(totalLosses(d, 'china')).toBe(3.645);
    expect(totalLosses(d, 'japan')).toBe(0);
  });
});
