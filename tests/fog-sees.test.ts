/**
 * Fog of war, the other half (DESIGN.md section 3; CONVENTIONS item 8): what each seat MUST
 * see. tests/fog.test.ts checks that nothing leaks; here each seat is shown its own units,
 * orders and books exactly, Blue its partners' positions, enemies inside its ISR reach (not
 * only next door), submarines where it has ASW, the log lines addressed to it, and White
 * Cell everything. Coverage is checked on a cleared board with only the test units alive,
 * so each case depends on the units it names and on nothing the scenario places.
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  FACTIONS,
  type Faction,
  legalOrders,
  type MatchState,
  newMatch,
  unitType,
  type ViewSeat,
  viewFor,
} from '../game/index.ts';
import { act, addUnit, commitAll, patch, scenario } from './helpers.ts';

const inv = scenario('taiwan-invasion');
const SEED = 'fog-sees-secret-K4p9w';
const SEATS: readonly ViewSeat[] = [...FACTIONS, 'white', 'observer'];

/** The opening with each faction's first legal order pending (uncommitted). */
function withOrders(): MatchState {
  let s = newMatch(inv, { seed: SEED });
  for (const f of FACTIONS) {
    const order = legalOrders(s, inv, f)[0];
    if (!order) throw new Error(`test setup: ${f} has no legal order`);
    s = act(inv, s, { type: 'order', seat: f, order });
  }
  return s;
}

/** The opening with every unit destroyed, then `edit`: the board holds only the test units. */
const cleared = (edit: (d: DraftState) => void): MatchState =>
  patch(newMatch(inv, { seed: SEED }), (d) => {
    for (const u of Object.values(d.units)) u.strength = 0;
    edit(d);
  });

type NewUnit = Parameters<typeof addUnit>[1];
const unit = (id: string, type: string, faction: Faction, zone: string, strength = 2): NewUnit => ({
  id,
  type,
  faction,
  zone,
  strength,
});

const sees = (s: MatchState, seat: ViewSeat, id: string): boolean => id in viewFor(s, seat).units;

describe('each faction sees its own side exactly', () => {
  const s = withOrders();

  it('every one of its live units, as the state holds it', () => {
    for (const f of FACTIONS) {
      const v = viewFor(s, f);
      const own = Object.values(s.units).filter((u) => u.faction === f && u.strength > 0.1);
      expect(own.length, f).toBeGreaterThan(0);
      for (const u of own) expect(v.units[u.id], `${f}: ${u.id}`).toEqual(u);
    }
  });

  it('its pending orders, budget, stockpiles and programs', () => {
    for (const f of FACTIONS) {
      const v = viewFor(s, f);
      expect(s.pending[f].orders).toHaveLength(1);
      expect(v.pending[f]).toEqual(s.pending[f]);
      expect(v.budgets[f]).toBe(s.budgets[f]);
      expect(v.stockpiles[f]).toEqual(s.stockpiles[f]);
      expect(v.programs[f]).toEqual(s.programs[f]);
    }
    expect(Object.keys(s.stockpiles.china).length).toBeGreaterThan(0);
    expect(s.budgets.japan).toBeGreaterThan(0);
  });

  it('its own requests to White Cell; Japan and the US their combined proposals', () => {
    const asked = patch(s, (d) => {
      for (const [i, f] of ['japan', 'china'].entries())
        d.requests.push({
          id: `R${i}`,
          round: 1,
          seat: f as Faction,
          kind: 'test',
          orderIndex: 0,
          status: 'pending',
        });
      d.proposals.push({ id: 'P9', round: 1, by: 'us', to: 'japan', kind: 'shared-isr', status: 'open' });
    });
    expect(viewFor(asked, 'japan').requests.map((r) => r.id)).toEqual(['R0']);
    expect(viewFor(asked, 'china').requests.map((r) => r.id)).toEqual(['R1']);
    expect(viewFor(asked, 'us').requests).toEqual([]);
    expect(viewFor(asked, 'white').requests).toEqual(asked.requests);
    expect(viewFor(asked, 'observer').requests).toEqual([]);
    for (const f of ['japan', 'us'] as const) expect(viewFor(asked, f).proposals).toEqual(asked.proposals);
  });

  it("another faction's commitment shows, its orders and books do not", () => {
    const committed = act(inv, s, { type: 'commit', seat: 'taiwan' });
    for (const f of ['japan', 'us', 'china'] as const) {
      const v = viewFor(committed, f);
      expect(v.pending.taiwan).toEqual({ orders: [], committed: true });
      expect(v.pending.us.committed).toBe(false);
      expect(v.budgets.taiwan).toBe(0);
      expect(v.programs.taiwan).toEqual({});
    }
  });

  it('only China knows its own resolve; the rest see zero', () => {
    const resolute = patch(s, (d) => {
      d.china.resolve = 7;
    });
    expect(viewFor(resolute, 'china').china.resolve).toBe(7);
    expect(viewFor(resolute, 'white').china.resolve).toBe(7);
    for (const f of ['japan', 'us', 'taiwan'] as const) {
      const v = viewFor(resolute, f);
      expect(v.china.resolve).toBe(0);
      expect(v.china.standing).toBe(resolute.china.standing);
    }
  });
});

describe('Blue partners share positions', () => {
  const s = cleared((d) => {
    addUnit(d, unit('t-jp-far', 'jp-infantry', 'japan', 'hokkaido'));
    addUnit(d, unit('t-us-pool', 'us-ssn', 'us', 'us-pool'));
    addUnit(d, unit('t-tw-south', 'tw-army', 'taiwan', 'tainan-kaohsiung'));
    addUnit(d, unit('t-cn-home', 'cn-amphib', 'china', 'hainan'));
  });
  const blue = ['t-jp-far', 't-us-pool', 't-tw-south'];

  it('each Blue faction sees every Blue unit, however far from its own', () => {
    for (const f of ['japan', 'us', 'taiwan'] as const)
      for (const id of blue) {
        expect(sees(s, f, id), `${f} sees ${id}`).toBe(true);
        expect(viewFor(s, f).units[id]).toEqual(s.units[id]);
      }
  });

  it('China sees none of them out of its reach, nor does Blue see China at home', () => {
    for (const id of blue) expect(sees(s, 'china', id), id).toBe(false);
    for (const f of ['japan', 'us', 'taiwan'] as const) expect(sees(s, f, 't-cn-home')).toBe(false);
    expect(sees(s, 'china', 't-cn-home')).toBe(true);
  });
});

describe('enemy units inside ISR reach', () => {
  // From Okinawa: Ishigaki (about 425 km) and Yonaguni (about 525 km) are not adjacent.
  const red = (d: DraftState): void => {
    addUnit(d, unit('t-cn-ishigaki', 'cn-ddg', 'china', 'ishigaki'));
    addUnit(d, unit('t-cn-yonaguni', 'cn-ddg', 'china', 'yonaguni'));
    addUnit(d, unit('t-cn-ecs', 'cn-ddg', 'china', 'ecs-south'));
  };

  it('a drone’s 500 km reach covers a zone beyond the adjacent ones, and stops at its range', () => {
    const s = cleared((d) => {
      red(d);
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
    });
    expect(unitType(s.units['t-jp-drone']!).isrKm).toBe(500);
    const v = viewFor(s, 'japan');
    expect(v.units['t-cn-ishigaki']).toEqual(s.units['t-cn-ishigaki']);
    expect(v.units['t-cn-ecs']).toBeDefined();
    expect(v.units['t-cn-yonaguni']).toBeUndefined();
    expect(v.visibleZones).toContain('ishigaki');
    expect(v.visibleZones).toContain('okinawa');
    expect(v.visibleZones).toContain('miyako-strait');
    expect(v.visibleZones).not.toContain('yonaguni');
    expect(v.visibleZones).not.toContain('fujian');
  });

  it('an ISR bonus (a completed program) extends the reach', () => {
    const s = cleared((d) => {
      red(d);
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
      d.bonuses.isrKm.japan = 100;
    });
    expect(sees(s, 'japan', 't-cn-yonaguni')).toBe(true);
    // Another faction's bonus does not.
    const theirs = cleared((d) => {
      red(d);
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
      d.bonuses.isrKm.us = 100;
    });
    expect(sees(theirs, 'japan', 't-cn-yonaguni')).toBe(false);
  });

  it('a unit without sensors sees only its own and adjacent zones, bonus or not', () => {
    const s = cleared((d) => {
      red(d);
      addUnit(d, unit('t-jp-inf', 'jp-infantry', 'japan', 'okinawa'));
      d.bonuses.isrKm.japan = 1000;
    });
    expect(unitType(s.units['t-jp-inf']!).isrKm).toBe(0);
    const v = viewFor(s, 'japan');
    expect(v.units['t-cn-ecs']).toBeDefined();
    expect(v.units['t-cn-ishigaki']).toBeUndefined();
    expect([...v.visibleZones].sort()).toEqual(
      ['okinawa', 'amami', 'ecs-south', 'miyako-strait', 'philippine-sea-west'].sort(),
    );
  });

  it('China’s ISR reaches Taiwan from the mainland without being adjacent', () => {
    const s = cleared((d) => {
      addUnit(d, unit('t-cn-ddg', 'cn-ddg', 'china', 'fujian'));
      addUnit(d, unit('t-tw-taipei', 'tw-army', 'taiwan', 'taipei'));
      addUnit(d, unit('t-jp-yonaguni', 'jp-infantry', 'japan', 'yonaguni'));
    });
    const v = viewFor(s, 'china');
    expect(v.units['t-tw-taipei']).toEqual(s.units['t-tw-taipei']);
    expect(v.units['t-jp-yonaguni']).toBeUndefined();
    expect(v.visibleZones).toContain('taipei');
  });

  it('a destroyed sensor sees nothing', () => {
    const s = cleared((d) => {
      red(d);
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa', 0.05));
    });
    const v = viewFor(s, 'japan');
    expect(v.units['t-cn-ecs']).toBeUndefined();
    expect(v.visibleZones).toEqual([]);
  });
});

describe('submarines: seen only where the viewer has ASW', () => {
  const sub = (d: DraftState): void => {
    addUnit(d, unit('t-cn-ss', 'cn-ss', 'china', 'ecs-south'));
    addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
  };

  it('in covered waters without ASW: hidden; with the viewer’s own ASW in the zone: seen', () => {
    const hidden = cleared(sub);
    expect(viewFor(hidden, 'japan').visibleZones).toContain('ecs-south');
    expect(sees(hidden, 'japan', 't-cn-ss')).toBe(false);
    const hunted = cleared((d) => {
      sub(d);
      addUnit(d, unit('t-jp-dd', 'jp-dd', 'japan', 'ecs-south'));
    });
    expect(viewFor(hunted, 'japan').units['t-cn-ss']).toEqual(hunted.units['t-cn-ss']);
  });

  it('ASW next door, a partner’s ASW, or a destroyed escort does not reveal it', () => {
    const cases: [string, NewUnit][] = [
      ['ASW in an adjacent zone', unit('t-jp-dd', 'jp-dd', 'japan', 'okinawa')],
      ['a partner’s ASW', unit('t-us-ddg', 'us-ddg', 'us', 'ecs-south')],
      ['a destroyed escort', unit('t-jp-dd', 'jp-dd', 'japan', 'ecs-south', 0.05)],
      ['a ship without ASW', unit('t-jcg', 'jcg', 'japan', 'ecs-south')],
    ];
    for (const [what, u] of cases) {
      const s = cleared((d) => {
        sub(d);
        addUnit(d, u);
      });
      expect(sees(s, 'japan', 't-cn-ss'), what).toBe(false);
    }
    // The partner whose destroyer it is does see it.
    const us = cleared((d) => {
      sub(d);
      addUnit(d, unit('t-us-ddg', 'us-ddg', 'us', 'ecs-south'));
    });
    expect(sees(us, 'us', 't-cn-ss')).toBe(true);
  });

  it('own and partners’ submarines are always seen; Red sees a Blue submarine only with ASW', () => {
    const s = cleared((d) => {
      addUnit(d, unit('t-us-ssn', 'us-ssn', 'us', 'taiwan-strait-north'));
      addUnit(d, unit('t-cn-ss', 'cn-ss', 'china', 'scs-north'));
      addUnit(d, unit('t-cn-sam', 'cn-sam', 'china', 'fujian'));
    });
    expect(sees(s, 'us', 't-us-ssn')).toBe(true);
    expect(sees(s, 'japan', 't-us-ssn')).toBe(true);
    expect(sees(s, 'china', 't-cn-ss')).toBe(true);
    expect(viewFor(s, 'china').visibleZones).toContain('taiwan-strait-north');
    expect(sees(s, 'china', 't-us-ssn')).toBe(false);
    const hunted = patch(s, (d) => addUnit(d, unit('t-cn-ddg', 'cn-ddg', 'china', 'taiwan-strait-north')));
    expect(sees(hunted, 'china', 't-us-ssn')).toBe(true);
  });
});

describe('the log: what is addressed to a seat reaches it', () => {
  const before = withOrders();
  const after = commitAll(inv, before);

  it('the round was adjudicated with every faction’s order in effect', () => {
    expect(after.round).toBe(2);
    for (const f of FACTIONS)
      expect(after.log.some((e) => e.kind === 'orders-in-effect' && e.data.faction === f)).toBe(true);
  });

  it('each faction’s view holds its own order line, which no other faction’s view holds', () => {
    for (const f of FACTIONS) {
      const v = viewFor(after, f);
      expect(v.log.length, f).toBeGreaterThan(0);
      const own = v.log.filter((e) => e.kind === 'orders-in-effect' && e.data.faction === f);
      expect(own, f).toHaveLength(1);
      const line = own[0]!;
      expect(line.visibleTo).toEqual([f, 'white']);
      for (const g of FACTIONS)
        if (g !== f) expect(viewFor(after, g).log, `${g} sees ${f}'s order`).not.toContainEqual(line);
    }
  });

  it('every line addressed to a seat, and every public line, is in its view, in order', () => {
    for (const seat of SEATS) {
      const expected = after.log.filter(
        (e) =>
          e.visibleTo === 'all' || seat === 'white' || (seat !== 'observer' && e.visibleTo.includes(seat)),
      );
      expect(viewFor(after, seat).log, seat).toEqual(expected);
    }
    expect(viewFor(after, 'observer').log.length).toBeGreaterThan(0);
  });

  it("White Cell's view holds every line, more than any one faction's", () => {
    const w = viewFor(after, 'white').log;
    expect(w).toEqual(after.log);
    for (const f of FACTIONS) expect(viewFor(after, f).log.length, f).toBeLessThan(w.length);
  });
});

describe('White Cell sees everything', () => {
  const before = withOrders();
  const after = commitAll(inv, before);

  it('all units (destroyed ones too), all orders and books, every zone', () => {
    const s = patch(before, (d) => {
      addUnit(d, unit('t-cn-ss', 'cn-ss', 'china', 'philippine-sea-east'));
      addUnit(d, unit('t-gone', 'jp-dd', 'japan', 'kanto', 0.05));
    });
    const w = viewFor(s, 'white');
    expect(w.seat).toBe('white');
    expect(w.units).toEqual(s.units);
    expect(w.pending).toEqual(s.pending);
    expect(w.budgets).toEqual(s.budgets);
    expect(w.stockpiles).toEqual(s.stockpiles);
    expect(w.programs).toEqual(s.programs);
    expect(w.china).toEqual(s.china);
    expect([...w.visibleZones].sort()).toEqual(Object.keys(s.zones).sort());
  });

  it('Red’s estimate, the unredacted history, the log digest and the id counter', () => {
    const w = viewFor(after, 'white');
    expect(after.deterrence).not.toBeNull();
    expect(w.deterrence).toEqual(after.deterrence);
    expect(w.history).toEqual(after.history);
    expect(w.logDigest).toEqual(after.logDigest);
    expect(w.counter).toBe(after.counter);
    expect(w.proposals).toEqual(after.proposals);
    expect(w.requests).toEqual(after.requests);
  });

  it('China sees its own estimate; Blue sees neither it nor the digest', () => {
    const c = viewFor(after, 'china');
    expect(c.deterrence).toEqual(after.deterrence);
    expect(c.history).toEqual(after.history);
    for (const f of ['japan', 'us', 'taiwan'] as const) {
      const v = viewFor(after, f);
      expect(v.deterrence).toBeNull();
      expect(v.logDigest).toBeUndefined();
      expect(v.counter).toBeUndefined();
      expect(v.history[0]?.redBestTemptation).toBe(0);
      expect(v.history[0]?.stockpiles[f]).toBe(after.history[0]?.stockpiles[f]);
      expect(v.history[0]?.escalation).toBe(after.history[0]?.escalation);
    }
  });
});

describe('no view carries the seed', () => {
  it.each(SEATS)('%s', (seat) => {
    for (const s of [newMatch(inv, { seed: SEED }), withOrders(), commitAll(inv, withOrders())]) {
      const v = viewFor(s, seat);
      expect(v.seat).toBe(seat);
      expect(v.seed).toBeUndefined();
      expect(Object.keys(v)).not.toContain('seed');
      expect(JSON.stringify(v)).not.toContain(SEED);
      // The view is the state less what the seat may not see: the rest is there.
      expect(v.round).toBe(s.round);
      expect(v.zones).toEqual(s.zones);
      expect(v.escalation).toBe(s.escalation);
    }
  });
});
