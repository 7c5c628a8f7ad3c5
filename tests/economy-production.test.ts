/**
 * Production (DESIGN.md section 8; game/rules/economy.ts, the production step), tested through
 * whole rounds: how magazines reload — SAMs wherever they stand, ships only in port, US ships
 * in Japan's ports faster under Japan's logistics support — and what a delivered program of
 * each kind adds (ISR reach, cyber resilience, industrial capacity).
 */
import { describe, expect, it } from 'vitest';
import { type DraftState, type MatchState, NAVAL, programById, RUNG } from '../game/index.ts';
import { scenario } from './helpers.ts';
import { inForce, play, quiet, type Spec, warPosition } from './round.ts';

const inv = quiet(scenario('taiwan-invasion'));

/** Round 1 below the strikes rung (no one fires), only `units` on the board, each magazine at `left` of its full load. */
function position(units: Spec[], left: number, edit: (d: DraftState) => void = () => {}): MatchState {
  return warPosition(
    inv,
    'production',
    RUNG.competition,
    () => {},
    units,
    (d) => {
      for (const [id] of units) d.units[id]!.interceptors = d.units[id]!.interceptors * left;
      edit(d);
    },
  );
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const supported = (d: DraftState): void => inForce(d, 'logistics-support', { id: 'ls' });

describe('magazines reload in the production step', () => {
  const units: Spec[] = [
    ['SAM', 'jp-patriot', 'okinawa', 2], // 64 interceptors when full
    ['PORT', 'jp-ddg', 'okinawa', 2], // 64, in port
    ['SEA', 'jp-ddg', 'ecs-south', 2], // 64, at sea
    ['USJ', 'us-ddg', 'okinawa', 2], // 80, a US ship in a Japanese port
    ['USG', 'us-ddg', 'guam', 2], // 80, a US ship in its own port
    ['FULL', 'jp-ddg', 'kyushu', 1], // 32, already full
    ['AIR', 'jp-fighter', 'okinawa', 10], // no interceptors at all
  ];

  it('SAMs reload wherever they stand, ships only in port, by the table rates, never past a full load', () => {
    const s = position(units, 0, (d) => (d.units.FULL!.interceptors = 32));
    const after = play(inv, s);
    expect(after.units.SAM!.interceptors).toBe(r3(64 * NAVAL.samReload.value));
    expect(after.units.PORT!.interceptors).toBe(r3(64 * NAVAL.portReload.value));
    expect(after.units.SEA!.interceptors).toBe(0);
    expect(after.units.USJ!.interceptors).toBe(r3(80 * NAVAL.portReload.value));
    expect(after.units.USG!.interceptors).toBe(r3(80 * NAVAL.portReload.value));
    expect(after.units.FULL!.interceptors).toBe(32);
    expect(after.units.AIR!.interceptors).toBe(0);
    // From half a load the port rate tops the magazine up, capped at the full load.
    const half = play(inv, position(units, 0.5));
    expect(half.units.PORT!.interceptors).toBe(Math.min(64, r3(32 + 64 * NAVAL.portReload.value)));
    expect(half.units.SAM!.interceptors).toBe(Math.min(64, r3(32 + 64 * NAVAL.samReload.value)));
  });

  it("Japan's logistics support rearms US ships in Japan's ports faster, and no one else", () => {
    expect(NAVAL.supportedPortReload.value).toBeGreaterThan(NAVAL.portReload.value);
    const after = play(inv, position(units, 0, supported));
    expect(after.units.USJ!.interceptors).toBe(r3(80 * NAVAL.supportedPortReload.value));
    expect(after.units.USG!.interceptors).toBe(r3(80 * NAVAL.portReload.value));
    expect(after.units.PORT!.interceptors).toBe(r3(64 * NAVAL.portReload.value));
    expect(after.units.SEA!.interceptors).toBe(0);
    // Support agreed for a later round does not count yet.
    const later = position(units, 0, (d) => inForce(d, 'logistics-support', { id: 'ls' }, d.round + 1));
    expect(play(inv, later).units.USJ!.interceptors).toBe(r3(80 * NAVAL.portReload.value));
  });
});

describe('what a delivered program adds', () => {
  /** A Japanese program paid in full and a day short of its lead time: delivered this round. */
  const due = (id: string) =>
    position([], 1, (d) => {
      const p = programById.get(id)!;
      d.programs.japan = { [id]: p.cost };
      d.programMonths.japan = { [id]: p.leadMonths - 0.01 };
    });

  it('ISR reach, cyber resilience and industrial capacity, each once, on delivery', () => {
    for (const [id, read] of [
      ['space-isr', (s: MatchState) => s.bonuses.isrKm.japan],
      ['cyber', (s: MatchState) => s.bonuses.cyber],
      ['munitions-stockpile', (s: MatchState) => s.japan.industrialCapacity],
    ] as const) {
      const p = programById.get(id)!;
      const gain =
        p.effect.kind === 'isr'
          ? p.effect.km
          : p.effect.kind === 'cyber'
            ? p.effect.resilience
            : p.effect.kind === 'industry'
              ? p.effect.amount
              : Number.NaN;
      const s = due(id);
      const after = play(inv, s);
      expect(after.completedPrograms).toContain(id);
      expect(read(after) - read(s)).toBeCloseTo(gain, 6);
      // Delivered once: the next round adds nothing more.
      expect(read(play(inv, after))).toBeCloseTo(read(after), 6);
    }
  });
});
