/**
 * Fog of war, rule by rule where tests/fog.test.ts and tests/fog-sees.test.ts leave it open
 * (DESIGN.md section 3; game/engine/fog.ts): the edge of an ISR reach, units sharing a zone
 * seeing as far as the farthest-seeing of them, whose bonus extends a partner's sensor under
 * shared ISR and who shares it (Japan and the US, not Taiwan), which zones a view lists, the
 * secrets each seat is kept from (Red's confidence, the books in the round history), what an
 * observer gets, log lines addressed to some seats, and the fog memo answering to shared ISR
 * and ISR bonuses as well as to the units. Positions are cleared boards with only test units
 * alive, so each case rests on the units it names.
 *
 * Mutants of fog.ts no test here kills, because they cannot change behaviour: the observer
 * check in the log filter (no line is addressed to 'observer': `visibleTo` lists seats), the
 * `reach > 0` guard (a reach of 0 covers only the zone itself, no two zones being 0 km apart),
 * and `committed` in the hidden pending entry (always overwritten by the faction's own flag).
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  distanceKm,
  FACTIONS,
  type Faction,
  type MatchState,
  newFogMemo,
  newMatch,
  unitType,
  type ViewSeat,
  viewFor,
  visibleUnits,
  zoneDef,
} from '../game/index.ts';
import { runMatch } from '../match/index.ts';
import { act, addUnit, commitAll, patch, scenario } from './helpers.ts';

const inv = scenario('taiwan-invasion');
const SEED = 'fog-rules-secret-Hq3m';
const BLUE = ['japan', 'us', 'taiwan'] as const;

type NewUnit = Parameters<typeof addUnit>[1];
const unit = (id: string, type: string, faction: Faction, zone: string, strength = 2): NewUnit => ({
  id,
  type,
  faction,
  zone,
  strength,
});

/** The invasion's opening with every unit destroyed, then `edit`: only the test units are alive. */
const cleared = (edit: (d: DraftState) => void): MatchState =>
  patch(newMatch(inv, { seed: SEED }), (d) => {
    for (const u of Object.values(d.units)) u.strength = 0;
    edit(d);
  });

const sees = (s: MatchState, seat: ViewSeat, id: string): boolean => id in viewFor(s, seat).units;

/** Shared ISR in force this round (an accepted combined proposal). */
const sharedIsr = (d: DraftState): void => {
  d.combined.push({
    proposal: { id: 'P-ISR', round: d.round, by: 'us', to: 'japan', kind: 'shared-isr', status: 'accepted' },
    effectiveRound: d.round,
  });
};

// Okinawa to Yonaguni is beyond a drone's 500 km; Ishigaki and the southern East China Sea within it.
const RED_TARGETS = (d: DraftState): void => {
  addUnit(d, unit('t-cn-ishigaki', 'cn-ddg', 'china', 'ishigaki'));
  addUnit(d, unit('t-cn-yonaguni', 'cn-ddg', 'china', 'yonaguni'));
};

describe('the edge of an ISR reach', () => {
  const edge = distanceKm('okinawa', 'yonaguni');
  /** A Japanese drone at Okinawa whose reach, with Japan's ISR bonus, is `reach` km. */
  const reaching = (reach: number): MatchState =>
    cleared((d) => {
      RED_TARGETS(d);
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
      d.bonuses.isrKm.japan = reach - 500;
    });

  it('a zone exactly at the reach is covered, one km short of it is not', () => {
    expect(unitType(reaching(edge).units['t-jp-drone']!).isrKm).toBe(500);
    expect(edge).toBeGreaterThan(500);
    expect(500 + (edge - 500)).toBe(edge);
    expect(zoneDef('okinawa').adjacent).not.toContain('yonaguni');
    const at = viewFor(reaching(edge), 'japan');
    expect(at.visibleZones).toContain('yonaguni');
    expect(at.units['t-cn-yonaguni']).toEqual(reaching(edge).units['t-cn-yonaguni']);
    const short = viewFor(reaching(edge - 1), 'japan');
    expect(short.visibleZones).not.toContain('yonaguni');
    expect(short.units['t-cn-yonaguni']).toBeUndefined();
    expect(short.units['t-cn-ishigaki']).toBeDefined();
  });
});

describe('units sharing a zone see as far as the farthest-seeing of them', () => {
  it('a drone’s reach holds whichever unit in its zone was placed first', () => {
    const drone = unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa');
    const infantry = unit('t-jp-inf', 'jp-infantry', 'japan', 'okinawa');
    for (const [order, units] of [
      ['drone first', [drone, infantry]],
      ['infantry first', [infantry, drone]],
    ] as const) {
      const s = cleared((d) => {
        RED_TARGETS(d);
        for (const u of units) addUnit(d, u);
      });
      expect(sees(s, 'japan', 't-cn-ishigaki'), order).toBe(true);
      expect(viewFor(s, 'japan').visibleZones, order).toContain('ishigaki');
    }
  });

  it('sensors in different zones each cover their own reach', () => {
    const s = cleared((d) => {
      RED_TARGETS(d);
      addUnit(d, unit('t-cn-far', 'cn-ddg', 'china', 'hokkaido'));
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
      addUnit(d, unit('t-jp-inf', 'jp-infantry', 'japan', 'yonaguni'));
    });
    const v = viewFor(s, 'japan');
    // The drone's reach from Okinawa, and the infantry at Yonaguni on its own zone.
    expect(v.units['t-cn-ishigaki']).toBeDefined();
    expect(v.units['t-cn-yonaguni']).toBeDefined();
    expect(v.units['t-cn-far']).toBeUndefined();
  });
});

describe('shared ISR: Japan and the US pool their pictures, each sensor with its owner’s reach', () => {
  /** A US drone at Okinawa, Red at Ishigaki and Yonaguni, shared ISR in force, then `edit`. */
  const pooled = (edit: (d: DraftState) => void = () => {}): MatchState =>
    cleared((d) => {
      RED_TARGETS(d);
      addUnit(d, unit('t-us-drone', 'jp-drone', 'us', 'okinawa'));
      sharedIsr(d);
      edit(d);
    });

  it('Japan sees what the US drone covers; Taiwan, not a party to it, does not', () => {
    const s = pooled();
    expect(sees(s, 'us', 't-cn-ishigaki')).toBe(true);
    expect(sees(s, 'japan', 't-cn-ishigaki')).toBe(true);
    expect(viewFor(s, 'japan').visibleZones).toEqual(viewFor(s, 'us').visibleZones);
    expect(sees(s, 'taiwan', 't-cn-ishigaki')).toBe(false);
    expect(viewFor(s, 'taiwan').visibleZones).toEqual([]);
    // Without the agreement, Japan has no sensor of its own there.
    const apart = patch(s, (d) => {
      d.combined = [];
    });
    expect(sees(apart, 'japan', 't-cn-ishigaki')).toBe(false);
  });

  it('the US sees what a Japanese drone covers, as Japan does', () => {
    const s = cleared((d) => {
      RED_TARGETS(d);
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
      sharedIsr(d);
    });
    for (const f of ['japan', 'us'] as const) {
      expect(sees(s, f, 't-cn-ishigaki'), f).toBe(true);
      expect(viewFor(s, f).visibleZones, f).toContain('ishigaki');
    }
    expect(sees(s, 'taiwan', 't-cn-ishigaki')).toBe(false);
  });

  it('the agreements in force are shown to Japan, the US and White Cell only', () => {
    const s = pooled();
    expect(s.combined).toHaveLength(1);
    for (const seat of ['japan', 'us', 'white'] as const)
      expect(viewFor(s, seat).combined, seat).toEqual(s.combined);
    for (const seat of ['china', 'taiwan', 'observer'] as const)
      expect(viewFor(s, seat).combined, seat).toEqual([]);
  });

  it('Taiwan’s own sensors are not pooled to Japan and the US', () => {
    const s = cleared((d) => {
      RED_TARGETS(d);
      addUnit(d, unit('t-tw-fighter', 'tw-fighter', 'taiwan', 'taipei'));
      addUnit(d, unit('t-cn-strait', 'cn-ddg', 'china', 'taiwan-strait-north'));
      sharedIsr(d);
    });
    expect(sees(s, 'taiwan', 't-cn-strait')).toBe(true);
    for (const f of ['japan', 'us'] as const) expect(sees(s, f, 't-cn-strait'), f).toBe(false);
  });

  it('the US’s ISR bonus extends the US drone in Japan’s picture; Japan’s own bonus does not', () => {
    const usBonus = pooled((d) => {
      d.bonuses.isrKm.us = 100;
    });
    expect(sees(usBonus, 'japan', 't-cn-yonaguni')).toBe(true);
    const japanBonus = pooled((d) => {
      d.bonuses.isrKm.japan = 100;
    });
    expect(sees(japanBonus, 'us', 't-cn-yonaguni')).toBe(false);
    expect(sees(japanBonus, 'japan', 't-cn-yonaguni')).toBe(false);
  });

  it('a PLA submarine found by the US’s anti-submarine ships shows in Japan’s picture under shared ISR, not without it', () => {
    const s = cleared((d) => {
      addUnit(d, unit('t-us-ddg', 'us-ddg', 'us', 'philippine-sea-west'));
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
      addUnit(d, unit('t-cn-ss', 'cn-ss', 'china', 'philippine-sea-west'));
      sharedIsr(d);
    });
    expect(sees(s, 'us', 't-cn-ss')).toBe(true);
    expect(sees(s, 'japan', 't-cn-ss')).toBe(true);
    // Taiwan, outside the agreement, sees the zone (Blue ships share positions, not detections) but not the boat.
    expect(sees(s, 'taiwan', 't-cn-ss')).toBe(false);
    const apart = patch(s, (d) => {
      d.combined = [];
    });
    expect(sees(apart, 'us', 't-cn-ss')).toBe(true);
    expect(sees(apart, 'japan', 't-cn-ss')).toBe(false);
  });

  it('Red gains nothing from Blue’s agreement', () => {
    const s = pooled((d) => addUnit(d, unit('t-cn-ddg', 'cn-ddg', 'china', 'hainan')));
    expect(sees(s, 'china', 't-us-drone')).toBe(false);
    expect(viewFor(s, 'china').visibleZones).not.toContain('okinawa');
  });
});

describe('the zones a view lists', () => {
  it('are the covered zones of the match’s own map, in order, without zones off the map', () => {
    // A map that leaves out Yonaguni: a Japanese unit at Ishigaki, next to it, does not list it.
    expect(zoneDef('ishigaki').adjacent).toContain('yonaguni');
    const atIshigaki = (withYonaguni: boolean): MatchState =>
      cleared((d) => {
        if (!withYonaguni) delete d.zones.yonaguni;
        addUnit(d, unit('t-jp-inf', 'jp-infantry', 'japan', 'ishigaki'));
      });
    const v = viewFor(atIshigaki(false), 'japan');
    expect(v.visibleZones).toEqual(
      ['ishigaki', ...zoneDef('ishigaki').adjacent.filter((a) => a !== 'yonaguni')].sort(),
    );
    expect(v.visibleZones).not.toContain('yonaguni');
    // On the full map it is listed.
    expect(viewFor(atIshigaki(true), 'japan').visibleZones).toContain('yonaguni');
  });

  it('are sorted by zone id however the sensors were placed', () => {
    const s = cleared((d) => {
      addUnit(d, unit('t-jp-a', 'jp-infantry', 'japan', 'yonaguni'));
      addUnit(d, unit('t-jp-b', 'jp-infantry', 'japan', 'amami'));
    });
    const zones = viewFor(s, 'japan').visibleZones;
    expect(zones).toContain('yonaguni');
    expect(zones).toContain('amami');
    expect(zones).toEqual([...zones].sort());
  });
});

describe('secrets and books: what each seat is kept from', () => {
  const s = patch(newMatch(inv, { seed: SEED }), (d) => {
    d.china.resolve = 7;
    d.china.confidence = 0.4;
  });

  it('Red’s confidence is China’s and White Cell’s alone', () => {
    expect(viewFor(s, 'china').china.confidence).toBe(0.4);
    expect(viewFor(s, 'white').china.confidence).toBe(0.4);
    for (const seat of [...BLUE, 'observer'] as const) {
      const v = viewFor(s, seat);
      expect(v.china.confidence, seat).toBe(0);
      expect(v.china.resolve, seat).toBe(0);
      // What is public about China stays.
      expect(v.china.standing, seat).toBe(s.china.standing);
    }
  });

  it('each faction reads its own programs’ months and budget, no one else’s', () => {
    const funded = patch(s, (d) => {
      for (const f of FACTIONS)
        d.programMonths[f] = { [`t-${f}`]: 3 } as DraftState['programMonths'][Faction];
    });
    for (const f of FACTIONS) {
      const v = viewFor(funded, f);
      for (const g of FACTIONS) {
        if (g === f) {
          expect(v.programMonths[g]).toEqual(funded.programMonths[g]);
          expect(v.budgets[g]).toBe(funded.budgets[g]);
        } else {
          expect(v.programMonths[g], `${f} reads ${g}`).toEqual({});
          expect(v.budgets[g], `${f} reads ${g}`).toBe(0);
        }
      }
    }
    expect(viewFor(funded, 'white').programMonths).toEqual(funded.programMonths);
  });

  it('the round history keeps a faction’s own books and hides the others’ and Red’s margin', () => {
    const played = commitAll(inv, newMatch(inv, { seed: SEED }));
    expect(played.history).toHaveLength(1);
    // Every field the redaction touches holds something to hide.
    const after = patch(played, (d) => {
      const first = d.history[0]!;
      first.deterrenceMargin = 2.5;
      first.redBestTemptation = 1.5;
      for (const [i, f] of FACTIONS.entries()) {
        first.budgets[f] = 10 + i;
        first.stockpiles[f] = 20 + i;
      }
    });
    const h = after.history[0]!;
    for (const f of BLUE) {
      const r = viewFor(after, f).history[0]!;
      expect(r.deterrenceMargin, f).toBe(0);
      expect(r.redBestTemptation, f).toBe(0);
      expect(r.taiwanWill, f).toBe(h.taiwanWill);
      for (const g of FACTIONS) {
        expect(r.budgets[g], `${f} reads ${g}'s budget`).toBe(g === f ? h.budgets[g] : 0);
        expect(r.stockpiles[g], `${f} reads ${g}'s stockpile`).toBe(g === f ? h.stockpiles[g] : 0);
      }
    }
    expect(viewFor(after, 'china').history[0]).toEqual(h);
    expect(viewFor(after, 'white').history[0]).toEqual(h);
  });
});

describe('an observer gets the public view', () => {
  const after = commitAll(inv, newMatch(inv, { seed: SEED }));

  it('no units, no zones, no books, no proposals, no estimate, no digest', () => {
    const o = viewFor(after, 'observer');
    expect(o.seat).toBe('observer');
    expect(o.units).toEqual({});
    expect(o.visibleZones).toEqual([]);
    for (const f of FACTIONS) {
      expect(o.budgets[f]).toBe(0);
      expect(o.stockpiles[f]).toEqual({});
      expect(o.programs[f]).toEqual({});
      expect(o.pending[f].orders).toEqual([]);
    }
    expect(o.proposals).toEqual([]);
    expect(o.combined).toEqual([]);
    expect(o.requests).toEqual([]);
    expect(o.deterrence).toBeNull();
    expect(o.logDigest).toBeUndefined();
    expect(o.counter).toBeUndefined();
    expect(o.history[0]?.deterrenceMargin).toBe(0);
    // The public record is there: the round, the zones' control and the public lines of the log.
    expect(o.round).toBe(after.round);
    expect(o.zones).toEqual(after.zones);
    expect(o.log).toEqual(after.log.filter((e) => e.visibleTo === 'all'));
    expect(o.log.length).toBeGreaterThan(0);
  });
});

describe('log lines addressed to some seats', () => {
  const s = patch(newMatch(inv, { seed: SEED }), (d) => {
    const line = (text: string, visibleTo: DraftState['log'][number]['visibleTo']): void => {
      d.log.push({
        round: d.round,
        step: 'ground',
        kind: 'landing',
        text,
        visibleTo,
        data: { zone: 'taichung', landed: 1, embarked: 1 },
      });
    };
    line('to Japan and the US', ['japan', 'us']);
    line('to China', ['china']);
    line('to White Cell', ['white']);
    line('to everyone', 'all');
  });
  const texts = (seat: ViewSeat): string[] => viewFor(s, seat).log.map((e) => e.text);

  it('reach exactly the seats named, with the public ones', () => {
    expect(texts('japan')).toEqual(expect.arrayContaining(['to Japan and the US', 'to everyone']));
    expect(texts('us')).toEqual(expect.arrayContaining(['to Japan and the US', 'to everyone']));
    expect(texts('china')).toEqual(expect.arrayContaining(['to China', 'to everyone']));
    expect(texts('white')).toEqual(
      expect.arrayContaining(['to Japan and the US', 'to China', 'to White Cell', 'to everyone']),
    );
    expect(texts('observer')).toContain('to everyone');
    const missing: [ViewSeat, string][] = [
      ['japan', 'to China'],
      ['japan', 'to White Cell'],
      ['us', 'to China'],
      ['china', 'to Japan and the US'],
      ['china', 'to White Cell'],
      ['taiwan', 'to Japan and the US'],
      ['taiwan', 'to China'],
      ['observer', 'to Japan and the US'],
      ['observer', 'to China'],
      ['observer', 'to White Cell'],
    ];
    for (const [seat, text] of missing) expect(texts(seat), `${seat}: ${text}`).not.toContain(text);
    expect(texts('taiwan')).toContain('to everyone');
  });
});

describe('the fog memo answers to shared ISR and ISR bonuses, not only to the units', () => {
  // One units object throughout: only what else coverage reads changes.
  const base = cleared((d) => {
    RED_TARGETS(d);
    addUnit(d, unit('t-us-drone', 'jp-drone', 'us', 'okinawa'));
    addUnit(d, unit('t-jp-inf', 'jp-infantry', 'japan', 'kanto'));
  });
  const withCombined = (from: MatchState): MatchState => ({
    ...from,
    combined: patch(from, sharedIsr).combined,
  });
  const withBonus = (from: MatchState, f: Faction, km: number): MatchState => ({
    ...from,
    bonuses: { ...from.bonuses, isrKm: { ...from.bonuses.isrKm, [f]: km } },
  });

  it('shared ISR coming into force changes Japan’s memoised view', () => {
    const memo = newFogMemo();
    expect(viewFor(base, 'japan', memo).units['t-cn-ishigaki']).toBeUndefined();
    const pooled = withCombined(base);
    expect(pooled.units).toBe(base.units);
    const v = viewFor(pooled, 'japan', memo);
    expect(v.units['t-cn-ishigaki']).toBeDefined();
    expect(v).toEqual(viewFor(pooled, 'japan'));
  });

  it('a partner’s ISR bonus under shared ISR, or the seat’s own, changes the memoised view', () => {
    const memo = newFogMemo();
    const pooled = withCombined(base);
    expect(viewFor(pooled, 'japan', memo).units['t-cn-yonaguni']).toBeUndefined();
    const partner = withBonus(pooled, 'us', 100);
    expect(partner.units).toBe(base.units);
    expect(viewFor(partner, 'japan', memo).units['t-cn-yonaguni']).toBeDefined();

    const own = newFogMemo();
    expect(viewFor(base, 'us', own).units['t-cn-yonaguni']).toBeUndefined();
    expect(viewFor(withBonus(base, 'us', 100), 'us', own).units['t-cn-yonaguni']).toBeDefined();
  });

  it('a Japanese bonus changes Japan’s memoised view of its own sensors too', () => {
    const s = cleared((d) => {
      RED_TARGETS(d);
      addUnit(d, unit('t-jp-drone', 'jp-drone', 'japan', 'okinawa'));
    });
    const memo = newFogMemo();
    expect(viewFor(s, 'japan', memo).units['t-cn-yonaguni']).toBeUndefined();
    expect(viewFor(withBonus(s, 'japan', 100), 'japan', memo).units['t-cn-yonaguni']).toBeDefined();
  });

  it('a memoised log cut follows each match’s log as it grows, with two matches interleaved in one memo', () => {
    // Every action of two seeded bot matches, applied in turn, each state's views cut through one
    // memo (as the boardgame.io adapter keeps one per game) and without it: the same lines.
    const records = ['fog-log-a', 'fog-log-b'].map((seed) => runMatch(inv, {}, seed).record);
    const states = records.map((r) => newMatch(inv, { seed: r.seed, white: r.white }));
    const memo = newFogMemo();
    let grown = 0;
    for (let i = 0; i < Math.max(...records.map((r) => r.actions.length)); i++)
      for (const [k, r] of records.entries()) {
        const a = r.actions[i];
        if (!a) continue;
        const before = states[k]!;
        states[k] = act(inv, before, a);
        if (states[k]!.log.length > before.log.length) grown++;
        for (const seat of [...FACTIONS, 'white'] as const)
          expect(viewFor(states[k]!, seat, memo).log, `${r.seed} action ${i} ${seat}`).toEqual(
            viewFor(states[k]!, seat).log,
          );
      }
    expect(grown).toBeGreaterThan(20);
  });

  it('one memo serves different seats and states apart', () => {
    const memo = newFogMemo();
    for (const seat of [...FACTIONS, 'white', 'observer'] as const)
      expect(viewFor(base, seat, memo), seat).toEqual(viewFor(base, seat));
    // visibleUnits agrees with the memoised view's units.
    for (const f of FACTIONS)
      expect(Object.keys(viewFor(base, f, memo).units).sort(), f).toEqual(
        visibleUnits(base, f)
          .map((u) => u.id)
          .sort(),
      );
  });
});
