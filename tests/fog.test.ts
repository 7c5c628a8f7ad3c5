/**
 * Fog of war (DESIGN.md sections 1 and 3; CONVENTIONS item 8): `viewFor` is checked on
 * seeded bot games of every scenario, at every round and just before every
 * adjudication (when all pending orders are in), for every seat — plus a few
 * constructed positions for the submarine and shared-ISR rules.
 */
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  FACTIONS,
  type Faction,
  isBlue,
  type MatchState,
  newFogMemo,
  newMatch,
  type Scenario,
  unitType,
  type ViewSeat,
  viewFor,
  visibleUnits,
} from '../game/index.ts';
import { runMatch } from '../match/index.ts';
import { SCENARIO_IDS } from '../scenarios/index.ts';
import { addUnit, orders, patch, scenario } from './helpers.ts';

const SEATS: readonly ViewSeat[] = [...FACTIONS, 'white', 'observer'];
const seedOf = (id: string): string => `fog-secret-Zq7x-${id}`;

/** The opening, every state just before an adjudication, and every state after one. */
function checkpoints(sc: Scenario, seed: string): MatchState[] {
  const { record } = runMatch(
    sc,
    { china: 'aggressive', us: 'forward-denial', japan: 'forward-denial' },
    seed,
  );
  let s = newMatch(sc, { seed });
  const out = [s];
  for (const a of record.actions) {
    const r = applyAction(sc, s, a);
    if (!r.ok) throw new Error(`replay failed: ${r.error.code}`);
    if (r.value.round !== s.round || r.value.stage !== s.stage) out.push(s, r.value);
    s = r.value;
  }
  return out;
}

const ids = (us: readonly { id: string }[]): string[] => us.map((u) => u.id).sort();

describe.each(SCENARIO_IDS)('views of seeded games: %s', (id) => {
  const sc = scenario(id);
  const seed = seedOf(id);
  const states = checkpoints(sc, seed);

  it('has checkpoints with pending orders to hide', () => {
    expect(states.length).toBeGreaterThan(2);
    expect(states.some((s) => FACTIONS.some((f) => s.pending[f].orders.length > 0))).toBe(true);
  });

  it('no view carries the seed', () => {
    for (const s of states)
      for (const seat of SEATS) {
        const v = viewFor(s, seat);
        expect(v.seed).toBeUndefined();
        expect(JSON.stringify(v).includes(seed)).toBe(false);
      }
  });

  it("no faction sees another faction's pending orders; each sees its own exactly", () => {
    for (const s of states)
      for (const f of FACTIONS) {
        const v = viewFor(s, f);
        for (const g of FACTIONS) {
          if (g === f) expect(v.pending[g]).toEqual(s.pending[g]);
          else expect(v.pending[g].orders).toEqual([]);
        }
      }
  });

  it('units in a view are exactly the visible ones; enemy units only inside coverage', () => {
    for (const s of states)
      for (const f of FACTIONS) {
        const v = viewFor(s, f);
        expect(Object.keys(v.units).sort()).toEqual(ids(visibleUnits(s, f)));
        const zones = new Set(v.visibleZones);
        for (const u of Object.values(v.units)) {
          if (isBlue(u.faction) === isBlue(f)) continue;
          expect(zones.has(u.zone), `${f} sees ${u.id} at ${u.zone}`).toBe(true);
        }
      }
  });

  it("China's view holds no Japanese unit outside China's coverage", () => {
    for (const s of states) {
      const v = viewFor(s, 'china');
      const zones = new Set(v.visibleZones);
      const japanese = Object.values(v.units).filter((u) => u.faction === 'japan');
      for (const u of japanese) expect(zones.has(u.zone)).toBe(true);
      const hidden = Object.values(s.units).filter(
        (u) => u.faction === 'japan' && u.strength > 0.1 && !zones.has(u.zone),
      );
      for (const u of hidden) expect(v.units[u.id]).toBeUndefined();
    }
  });

  it('enemy submarines are seen only where the viewer has ASW (or, under shared ISR, its partner has)', () => {
    for (const s of states)
      for (const f of FACTIONS) {
        const v = viewFor(s, f);
        const pooled =
          (f === 'japan' || f === 'us') &&
          s.combined.some((c) => c.effectiveRound === s.round && c.proposal.kind === 'shared-isr');
        const sensors: readonly string[] = pooled ? ['japan', 'us'] : [f];
        for (const u of Object.values(v.units)) {
          if (isBlue(u.faction) === isBlue(f) || unitType(u).category !== 'submarine') continue;
          const asw = Object.values(s.units).some(
            (x) =>
              sensors.includes(x.faction) && x.zone === u.zone && x.strength > 0.1 && unitType(x).asw > 0,
          );
          expect(asw, `${f} sees submarine ${u.id}`).toBe(true);
        }
      }
  });

  it('White Cell sees all units and all orders; an observer sees no units and no orders', () => {
    for (const s of states) {
      const w = viewFor(s, 'white');
      expect(w.units).toEqual(s.units);
      expect(w.pending).toEqual(s.pending);
      expect(w.deterrence).toEqual(s.deterrence);
      const o = viewFor(s, 'observer');
      expect(o.units).toEqual({});
      for (const f of FACTIONS) expect(o.pending[f].orders).toEqual([]);
      expect(o.log.every((e) => e.visibleTo === 'all')).toBe(true);
    }
  });

  it('log lines, proposals and White Cell requests reach only the seats they are for', () => {
    for (const s of states)
      for (const f of FACTIONS) {
        const v = viewFor(s, f);
        expect(v.log.every((e) => e.visibleTo === 'all' || e.visibleTo.includes(f))).toBe(true);
        if (f === 'china' || f === 'taiwan') {
          expect(v.proposals).toEqual([]);
          expect(v.combined).toEqual([]);
        }
        expect(v.requests.every((r) => r.seat === f)).toBe(true);
        for (const g of FACTIONS) if (g !== f) expect(v.stockpiles[g]).toEqual({});
      }
  });
});

describe('the fog memo (a cache the boardgame.io adapter keeps per game)', () => {
  it('gives every seat of every state of a match exactly the view it gives without it', () => {
    const sc = scenario('taiwan-invasion');
    const { record } = runMatch(sc, { china: 'aggressive' }, 'fog-memo');
    const memo = newFogMemo();
    let s = newMatch(sc, { seed: 'fog-memo' });
    let checked = 0;
    for (const a of record.actions) {
      for (const seat of SEATS) {
        expect(viewFor(s, seat, memo)).toEqual(viewFor(s, seat));
        checked++;
      }
      const r = applyAction(sc, s, a);
      if (!r.ok) throw new Error(`replay failed: ${r.error.code}`);
      s = r.value;
    }
    expect(checked).toBeGreaterThan(100 * SEATS.length);
  });

  it('reuses a seat’s sight while the units are unchanged, and works it out again when they change', () => {
    const sc = scenario('taiwan-invasion');
    const memo = newFogMemo();
    const s = newMatch(sc, { seed: 'fog-memo' });
    const before = viewFor(s, 'japan', memo);
    const order = { type: 'gray-zone', action: 'protest', zone: 'kanto' } as const;
    const next = orders(sc, s, 'japan', [order]);
    expect(next.units).toBe(s.units);
    expect(viewFor(next, 'japan', memo).units).toBe(before.units);
    const moved = patch(s, (d) => {
      const jp = Object.values(d.units).find((u) => u.faction === 'japan' && u.strength > 0)!;
      jp.zone = 'guam';
    });
    const after = viewFor(moved, 'japan', memo);
    expect(after.units).not.toBe(before.units);
    expect(after).toEqual(viewFor(moved, 'japan'));
  });
});

describe('constructed positions', () => {
  const inv = scenario('taiwan-invasion');
  const base = patch(newMatch(inv, { seed: 'fog' }), (d) => {
    for (const u of Object.values(d.units)) if (u.zone === 'philippine-sea-east') u.strength = 0;
    addUnit(d, { id: 't-jp-isr', type: 'jp-isr', faction: 'japan', zone: 'kanto', strength: 1 });
    addUnit(d, { id: 't-cn-ss', type: 'cn-ss', faction: 'china', zone: 'philippine-sea-east', strength: 2 });
    addUnit(d, {
      id: 't-cn-ddg',
      type: 'cn-ddg',
      faction: 'china',
      zone: 'philippine-sea-east',
      strength: 2,
    });
  });

  it('a submarine in covered waters is hidden without ASW and seen with it', () => {
    const noAsw = patch(base, (d) =>
      addUnit(d, {
        id: 't-jp-ship',
        type: 'jcg',
        faction: 'japan',
        zone: 'philippine-sea-east',
        strength: 1,
      }),
    );
    expect(unitType(noAsw.units['t-jp-ship']!).asw).toBe(0);
    const v1 = viewFor(noAsw, 'japan');
    expect(v1.visibleZones).toContain('philippine-sea-east');
    expect(v1.units['t-cn-ddg']).toBeDefined();
    expect(v1.units['t-cn-ss']).toBeUndefined();
    const withAsw = patch(base, (d) =>
      addUnit(d, {
        id: 't-jp-ship',
        type: 'jp-dd',
        faction: 'japan',
        zone: 'philippine-sea-east',
        strength: 1,
      }),
    );
    expect(viewFor(withAsw, 'japan').units['t-cn-ss']).toBeDefined();
  });

  it('shared ISR in force pools Japan’s and the US’s pictures of Red', () => {
    const s = patch(base, (d) => {
      addUnit(d, { id: 't-cn-far', type: 'cn-ddg', faction: 'china', zone: 'scs-north', strength: 1 });
      addUnit(d, { id: 't-us-near', type: 'us-ddg', faction: 'us', zone: 'scs-north', strength: 1 });
    });
    expect(viewFor(s, 'us').units['t-cn-far']).toBeDefined();
    expect(viewFor(s, 'japan').units['t-cn-far']).toBeUndefined();
    const pooled = patch(s, (d) => {
      d.combined.push({
        proposal: { id: 'PX', round: d.round, by: 'us', to: 'japan', kind: 'shared-isr', status: 'accepted' },
        effectiveRound: d.round,
      });
    });
    expect(viewFor(pooled, 'japan').units['t-cn-far']).toBeDefined();
  });

  it('Blue partners see each other’s units everywhere; Red never sees Blue orders', () => {
    const s = orders(inv, base, 'japan', [{ type: 'fund', program: 'iamd', amount: 1 }]);
    for (const f of ['us', 'taiwan'] as Faction[]) {
      const v = viewFor(s, f);
      for (const u of Object.values(s.units))
        if (u.faction === 'japan' && u.strength > 0.1) expect(v.units[u.id]).toBeDefined();
    }
    expect(viewFor(s, 'china').pending.japan.orders).toEqual([]);
    expect(viewFor(s, 'us').pending.japan.orders).toEqual([]);
    expect(viewFor(s, 'japan').pending.japan.orders).toHaveLength(1);
  });
});
