/**
 * The economy (DESIGN.md sections 7 and 8; game/rules/economy.ts), tested directly: budgets and
 * what orders spend from them, the funding, spending and mobilization orders, the blockade's
 * interdiction of Taiwan's energy, the economic step's drift of the tracks, and production:
 * munitions, magazines, program progress in months and delivery, and next round's budgets.
 * Figures come from game/data/tables.ts (BLOCKADE), game/data/programs.ts and the scenario; rounds
 * are adjudicated whole through the front door.
 */
import { describe, expect, it } from 'vitest';
import {
  budgetLeft,
  type DraftState,
  type Faction,
  legalOrders,
  type MatchState,
  newMatch,
  type Order,
  programById,
  type Scenario,
  unitTypeById,
  validateOrder,
} from '../game/index.ts';
import { addUnit, codeOf, patch, scenario } from './helpers.ts';
import { type Orders, play, quiet } from './round.ts';

/** BLOCKADE in game/data/tables.ts (not exported by the engine's front door): the interdicted share by rung. */
const INTERDICTION = { quarantine: 0.3, blockade: 0.85 };

const q = scenario('taiwan-quarantine');
const LANES = ['taiwan-strait-north', 'taiwan-strait-south', 'bashi-channel', 'philippine-sea-west'];

/** Round 1 of the quarantine scenario with budgets, tracks and the sea lanes pinned (no ships in the lanes, no Japanese program under way). */
function pos(edit: (d: DraftState) => void = () => {}, sc: Scenario = q): MatchState {
  return patch(newMatch(sc, { seed: 'economy' }), (d) => {
    for (const f of ['us', 'china', 'taiwan'] as const) {
      d.programs[f] = {};
      d.programMonths[f] = {};
    }
    d.escalation = 0;
    d.budgets = { japan: 3, us: 4, china: 4, taiwan: 2 };
    d.japan.politicalCapital = 50;
    d.japan.defenseSpendingPctGdp = 2;
    d.taiwan.defenseSpendingPctGdp = 2.5;
    d.taiwan.reserveMobilization = 20;
    for (const [id, u] of Object.entries(d.units)) if (LANES.includes(u.zone)) delete d.units[id];
    // Japan's programs from scratch (the scenario starts some of them funded).
    d.programs.japan = {};
    d.programMonths.japan = {};
    d.completedPrograms = d.completedPrograms.filter((id) => programById.get(id)?.faction !== 'japan');
    edit(d);
  });
}
const pending = (s: MatchState, f: Faction, os: readonly Order[]): MatchState =>
  patch(s, (d) => {
    d.pending[f] = { orders: [...os], committed: false } as DraftState['pending'][Faction];
  });
const check = (s: MatchState, f: Faction, o: Order) => codeOf(validateOrder(s, q, f, o));

describe('budgets', () => {
  it('funding spends its amount; a command investment and a mobilization 1 point each; other orders nothing', () => {
    const s = pending(
      pos((d) => (d.budgets.taiwan = 10)),
      'taiwan',
      [
        { type: 'fund', program: 'tw-coastal-defense', amount: 3 },
        { type: 'mobilize' },
        { type: 'invest-command' },
        { type: 'spending', pctGdp: 2.6 },
      ],
    );
    expect(budgetLeft(s, 'taiwan')).toBe(10 - 3 - 1 - 1);
    expect(budgetLeft(s, 'japan')).toBe(3);
  });
});

describe('fund', () => {
  const tomahawk = programById.get('tomahawk')!;

  it.each<[string, Faction, string, number, (d: DraftState) => void, string]>([
    ['a Japanese program within budget', 'japan', 'tomahawk', 3, () => {}, 'ok'],
    ['more than the budget', 'japan', 'tomahawk', 4, () => {}, 'ERR_BUDGET'],
    ['an unknown program', 'japan', 'death-star', 1, () => {}, 'ERR_NO_PROGRAM'],
    ["another faction's program", 'taiwan', 'tomahawk', 1, () => {}, 'ERR_NOT_YOURS'],
    [
      'a completed program',
      'japan',
      'tomahawk',
      1,
      (d) => d.completedPrograms.push('tomahawk'),
      'ERR_PROGRAM_DONE',
    ],
    ['zero points', 'japan', 'tomahawk', 0, () => {}, 'ERR_BAD_AMOUNT'],
    ['half a point', 'japan', 'tomahawk', 1.5, () => {}, 'ERR_BAD_AMOUNT'],
  ])('%s → %s', (_n, f, program, amount, edit, code) => {
    expect(check(pos(edit), f, { type: 'fund', program, amount })).toBe(code);
  });

  it('a program paid to its cost is in delivery: refused, saying the whole months left', () => {
    const s = pos((d) => {
      d.programs.japan.tomahawk = tomahawk.cost;
      d.programMonths.japan.tomahawk = tomahawk.leadMonths - 2.5;
    });
    const r = validateOrder(s, q, 'japan', { type: 'fund', program: 'tomahawk', amount: 1 });
    expect(codeOf(r)).toBe('ERR_PROGRAM_DONE');
    if (!r.ok) expect(r.error.message).toContain('(3 months to go)');
    // One point short of its cost it can still be funded.
    const short = pos((d) => (d.programs.japan.tomahawk = tomahawk.cost - 1));
    expect(check(short, 'japan', { type: 'fund', program: 'tomahawk', amount: 1 })).toBe('ok');
  });

  it('the budget left after pending orders bounds the amount', () => {
    const s = pending(pos(), 'japan', [{ type: 'invest-command' }]);
    expect(check(s, 'japan', { type: 'fund', program: 'tomahawk', amount: 2 })).toBe('ok');
    expect(check(s, 'japan', { type: 'fund', program: 'tomahawk', amount: 3 })).toBe('ERR_BUDGET');
  });

  it("the candidates offer each of the faction's programs at what it still needs, capped by the budget", () => {
    const s = pos((d) => {
      d.programs.japan.tomahawk = 2; // cost 3: needs 1
    });
    const funds = legalOrders(s, q, 'japan').filter((o) => o.type === 'fund');
    expect(funds).toContainEqual({ type: 'fund', program: 'tomahawk', amount: 1 });
    // Upgraded Type 12: cost 4 > budget 3 → offered at 3.
    expect(funds).toContainEqual({ type: 'fund', program: 'long-range-missiles', amount: 3 });
    for (const o of funds) if (o.type === 'fund') expect(programById.get(o.program)?.faction).toBe('japan');
    expect(
      legalOrders(
        pos((d) => (d.budgets.japan = 0)),
        q,
        'japan',
      ).some((o) => o.type === 'fund'),
    ).toBe(false);
  });
});

describe('spending', () => {
  it.each<[string, Faction, number, (d: DraftState) => void, string]>([
    ['Japan +0.5', 'japan', 2.5, () => {}, 'ok'],
    ['Japan +0.6', 'japan', 2.6, () => {}, 'ERR_SPENDING_STEP'],
    ['Japan −0.5', 'japan', 1.5, () => {}, 'ok'],
    ['Japan −0.6', 'japan', 1.4, () => {}, 'ERR_SPENDING_STEP'],
    ['Japan raising with 10 capital', 'japan', 2.1, (d) => (d.japan.politicalCapital = 10), 'ok'],
    [
      'Japan raising with 9 capital',
      'japan',
      2.1,
      (d) => (d.japan.politicalCapital = 9),
      'ERR_POLITICAL_CAPITAL',
    ],
    ['Japan cutting with no capital', 'japan', 1.9, (d) => (d.japan.politicalCapital = 0), 'ok'],
    ["Taiwan raising whatever Japan's capital", 'taiwan', 3, (d) => (d.japan.politicalCapital = 0), 'ok'],
    ['below 0.5%', 'japan', 0.4, (d) => (d.japan.defenseSpendingPctGdp = 0.5), 'ERR_BAD_AMOUNT'],
    ['exactly 0.5%', 'japan', 0.5, (d) => (d.japan.defenseSpendingPctGdp = 0.5), 'ok'],
    ['exactly 6%', 'japan', 6, (d) => (d.japan.defenseSpendingPctGdp = 6), 'ok'],
    ['above 6%', 'japan', 6.1, (d) => (d.japan.defenseSpendingPctGdp = 6), 'ERR_BAD_AMOUNT'],
    ['not a number', 'japan', Number.NaN, () => {}, 'ERR_BAD_AMOUNT'],
    ['the US', 'us', 3, () => {}, 'ERR_NOT_YOURS'],
    ['China', 'china', 3, () => {}, 'ERR_NOT_YOURS'],
  ])('%s → %s', (_n, f, pctGdp, edit, code) => {
    expect(check(pos(edit), f, { type: 'spending', pctGdp })).toBe(code);
  });

  it('one spending order a round', () => {
    const s = pending(pos(), 'japan', [{ type: 'spending', pctGdp: 2.1 }]);
    expect(check(s, 'japan', { type: 'spending', pctGdp: 2.2 })).toBe('ERR_DUPLICATE');
  });

  it('the candidates are the current level −0.5, −0.1, +0.1, +0.2, +0.5, to 0.1; none for the US', () => {
    const pcts = (f: Faction) =>
      legalOrders(pos(), q, f).flatMap((o) => (o.type === 'spending' ? [o.pctGdp] : []));
    expect(pcts('japan')).toEqual([1.5, 1.9, 2.1, 2.2, 2.5]);
    expect(pcts('taiwan')).toEqual([2, 2.4, 2.6, 2.7, 3]);
    expect(pcts('us')).toEqual([]);
  });
});

describe('mobilize', () => {
  it.each<[string, Faction, (d: DraftState) => void, string]>([
    ['Taiwan', 'taiwan', () => {}, 'ok'],
    ['Japan', 'japan', () => {}, 'ERR_NOT_YOURS'],
    ['Taiwan fully mobilized', 'taiwan', (d) => (d.taiwan.reserveMobilization = 100), 'ERR_ALREADY'],
    ['Taiwan at 99%', 'taiwan', (d) => (d.taiwan.reserveMobilization = 99), 'ok'],
    ['Taiwan with no budget', 'taiwan', (d) => (d.budgets.taiwan = 0), 'ERR_BUDGET'],
  ])('%s → %s', (_n, f, edit, code) => {
    expect(check(pos(edit), f, { type: 'mobilize' })).toBe(code);
  });

  it('once a round', () => {
    expect(check(pending(pos(), 'taiwan', [{ type: 'mobilize' }]), 'taiwan', { type: 'mobilize' })).toBe(
      'ERR_DUPLICATE',
    );
  });
});

describe("interdiction: the share of Taiwan's energy that does not arrive", () => {
  /** Rung, energy stocks high enough never to run out in a round, no ship in the lanes but the test's. */
  const at = (rung: number, edit: (d: DraftState) => void = () => {}) =>
    pos((d) => {
      d.escalation = rung as DraftState['escalation'];
      d.taiwan.energyDays = 100;
      edit(d);
    });
  const ships = (
    d: DraftState,
    type: string,
    faction: Faction,
    strength: number,
    zone = 'taiwan-strait-north',
  ) => addUnit(d, { id: `t-${type}-${zone}`, type, faction, zone, strength });
  /** The share cut this round, read from the stocks: a crisis round is 7 days, a conflict round 3.5. */
  const cut = (s: MatchState) =>
    Math.round(
      ((s.taiwan.energyDays - play(quiet(q), s).taiwan.energyDays) / (s.escalation >= 4 ? 3.5 : 7)) * 1000,
    ) / 1000;

  it('none below a quarantine, whatever is at sea (the stocks refill instead)', () => {
    const s = at(1, (d) => ships(d, 'cn-ddg', 'china', 20));
    expect(play(quiet(q), s).taiwan.energyDays).toBeGreaterThanOrEqual(100);
  });

  it('base share × coverage: 12 enforcing steps cover the lanes in full, 6 half', () => {
    expect(cut(at(2, (d) => ships(d, 'cn-ddg', 'china', 6)))).toBeCloseTo(INTERDICTION.quarantine * 0.5, 3);
    expect(cut(at(3, (d) => ships(d, 'cn-ddg', 'china', 12)))).toBeCloseTo(INTERDICTION.blockade, 3);
    expect(cut(at(3, (d) => ships(d, 'cn-ddg', 'china', 20)))).toBeCloseTo(INTERDICTION.blockade, 3);
  });

  it('coast guard counts half; the other lanes count, submarines too; ships outside the lanes do not', () => {
    expect(cut(at(3, (d) => ships(d, 'cn-ccg', 'china', 12)))).toBeCloseTo(INTERDICTION.blockade * 0.5, 3);
    expect(cut(at(3, (d) => ships(d, 'cn-ddg', 'china', 12, 'bashi-channel')))).toBeCloseTo(
      INTERDICTION.blockade,
      3,
    );
    const outside = at(3, (d) => {
      ships(d, 'cn-ddg', 'china', 6);
      ships(d, 'cn-ddg', 'china', 12, 'ecs-south');
    });
    expect(cut(outside)).toBeCloseTo(INTERDICTION.blockade * 0.5, 3);
    expect(cut(at(3, (d) => ships(d, 'cn-ss', 'china', 6, 'bashi-channel')))).toBeCloseTo(
      INTERDICTION.blockade * 0.5,
      3,
    );
  });

  it("escorting surface ships in the lanes cut the interdiction, more the more there are; Taiwan's always escort", () => {
    const red = (d: DraftState) => ships(d, 'cn-ddg', 'china', 12);
    const none = cut(at(3, red));
    const escorted = (steps: number) =>
      cut(
        at(3, (d) => {
          red(d);
          ships(d, 'tw-navy', 'taiwan', steps, 'taiwan-strait-south');
        }),
      );
    const few = escorted(5);
    const many = escorted(20);
    expect(few).toBeLessThan(none);
    expect(many).toBeLessThan(few);
    // Coast guard and submarines do not escort.
    const notEscorts = at(3, (d) => {
      red(d);
      ships(d, 'tw-cga', 'taiwan', 5, 'taiwan-strait-south');
      ships(d, 'jp-ss', 'japan', 5, 'bashi-channel');
    });
    expect(cut(notEscorts)).toBe(none);
  });

  it('in open conflict (rung 4+) a US ship escorts only once the US fights; before that it always does', () => {
    const us = (rung: number, intervening: boolean) =>
      cut(
        at(rung, (d) => {
          d.us.intervening = intervening;
          ships(d, 'cn-ddg', 'china', 12);
          ships(d, 'us-ddg', 'us', 5, 'philippine-sea-west');
        }),
      );
    expect(us(3, false)).toBeLessThan(INTERDICTION.blockade);
    expect(us(4, true)).toBeLessThan(INTERDICTION.blockade);
    expect(us(4, false)).toBeGreaterThan(us(4, true));
  });
});

describe('the economic step', () => {
  /** A rung with 12 enforcing steps in the lanes (full coverage, no escort), pinned tracks. */
  const base = (rung: number, edit: (d: DraftState) => void = () => {}) =>
    pos((d) => {
      d.escalation = rung as DraftState['escalation'];
      d.taiwan.energyDays = 20;
      d.taiwan.publicWill = 60;
      d.china.standing = 50;
      d.china.domesticPressure = 50;
      d.japan.publicSupport = 50;
      d.us.commitment = 50;
      d.us.burdenSharing = 60;
      d.us.spendingDemandPctGdp = 2;
      d.alliance.cohesion = 50;
      d.alliance.roundsSinceTwoPlusTwo = 0;
      addUnit(d, {
        id: 't-cn-ddg',
        type: 'cn-ddg',
        faction: 'china',
        zone: 'taiwan-strait-north',
        strength: 12,
      });
      edit(d);
    });
  const run = (s: MatchState, os: Orders = {}) => play(quiet(q), s, os);

  it('a blockade (a 7-day round) draws the stocks down by 7 × the cut; while stocks last a quarter of it is felt', () => {
    // Cut 0.85: stocks 20 − 7 × 0.85 = 14.05; will −18 × 0.85 × 0.25 × 7/7 = −3.825.
    const s = base(3);
    const d = run(s);
    expect(d.taiwan.energyDays).toBeCloseTo(20 - 7 * INTERDICTION.blockade, 3);
    expect(d.taiwan.publicWill).toBeCloseTo(60 - 18 * INTERDICTION.blockade * 0.25, 2);
    expect(d.china.standing).toBe(50 - 3);
    expect(d.japan.publicSupport).toBe(49.5);
    const line = d.log.slice(s.log.length).find((e) => e.kind === 'energy-interdicted');
    expect(line?.data).toEqual({
      blockade: true,
      interdiction: INTERDICTION.blockade,
      energyDays: d.taiwan.energyDays,
    });
  });

  it('once the stocks run out the whole cut is felt; a quarantine costs China 1.5 standing, not 3', () => {
    const s = base(2, (d) => (d.taiwan.energyDays = 0.2));
    const d = run(s);
    expect(d.taiwan.energyDays).toBe(0);
    expect(d.taiwan.publicWill).toBeCloseTo(60 - 18 * INTERDICTION.quarantine, 2);
    expect(d.china.standing).toBe(48.5);
  });

  it("without interdiction the stocks refill half a day a day, up to the scenario's level", () => {
    const calm = (energy: number) =>
      base(0, (d) => {
        d.taiwan.energyDays = energy;
        delete d.units['t-cn-ddg'];
      });
    expect(run(calm(5)).taiwan.energyDays).toBe(Math.min(q.tracks.taiwan.energyDays, 5 + 15));
    const full = run(calm(q.tracks.taiwan.energyDays - 1));
    expect(full.taiwan.energyDays).toBe(q.tracks.taiwan.energyDays);
  });

  it("drift: Japan's capital +3; from a quarantine US commitment +1 if burden-sharing ≥ 60, else −0.5; cohesion follows burden-sharing", () => {
    // Burden-sharing is first moved by the politics step a quarter of the way to spending / demand
    // × 100 = 2 / 2 × 100 = 100: from 60 to 70, from 20 to 40.
    const hi = run(base(0, (d) => delete d.units['t-cn-ddg']));
    expect(hi.japan.politicalCapital).toBe(53);
    expect(hi.us.commitment).toBe(50);
    expect(hi.alliance.cohesion).toBeCloseTo(50 + (70 - 60) / 40, 3);
    expect(run(base(2)).us.commitment).toBe(51);
    const low = run(base(2, (d) => (d.us.burdenSharing = 20)));
    expect(low.us.commitment).toBe(49.5);
    expect(low.alliance.cohesion).toBeCloseTo(50 + (40 - 60) / 40, 3);
  });
});

describe('production', () => {
  const run = (s: MatchState, os: Orders = {}) => play(quiet(q), s, os);

  it("munitions: each month's production scaled by the round (a 7-day round is 7/30 of a month); Type 12 also from Japan's industry", () => {
    const s = pos((d) => {
      d.escalation = 2;
      d.japan.industrialCapacity = 30;
      d.stockpiles.china = { ...d.stockpiles.china, srbm: 100 };
      d.stockpiles.japan = { ...d.stockpiles.japan, 'type-12': 10 };
    });
    const d = run(s);
    const scale = 7 / 30;
    expect(d.stockpiles.china.srbm).toBeCloseTo(100 + q.production.china.srbm! * scale, 3);
    expect(d.stockpiles.japan['type-12']).toBeCloseTo(
      10 + (q.production.japan['type-12']! + 30 / 10) * scale,
      3,
    );
    const month = run(pos((x) => (x.stockpiles.china = { ...x.stockpiles.china, srbm: 100 })));
    expect(month.stockpiles.china.srbm).toBeCloseTo(100 + q.production.china.srbm!, 3);
  });

  it('magazines reload: a SAM a quarter a round anywhere, a ship in port half, a ship at sea not at all, never past full', () => {
    const s = pos((d) => {
      addUnit(d, { id: 't-sam', type: 'jp-patriot', faction: 'japan', zone: 'okinawa', strength: 2 });
      addUnit(d, { id: 't-port', type: 'us-ddg', faction: 'us', zone: 'okinawa', strength: 2 });
      addUnit(d, { id: 't-sea', type: 'us-ddg', faction: 'us', zone: 'ecs-south', strength: 2 });
      addUnit(d, { id: 't-full', type: 'us-ddg', faction: 'us', zone: 'kanto', strength: 2 });
      for (const id of ['t-sam', 't-port', 't-sea']) d.units[id]!.interceptors = 0;
      d.units['t-full']!.interceptors = unitTypeById.get('us-ddg')!.interceptorsPerStep * 2 - 1;
    });
    const d = run(s);
    const cap = (type: string) => unitTypeById.get(type)!.interceptorsPerStep * 2;
    expect(d.units['t-sam']?.interceptors).toBeCloseTo(cap('jp-patriot') * 0.25, 3);
    expect(d.units['t-port']?.interceptors).toBeCloseTo(cap('us-ddg') * 0.5, 3);
    expect(d.units['t-sea']?.interceptors).toBe(0);
    expect(d.units['t-full']?.interceptors).toBe(cap('us-ddg'));
  });

  it('funding adds to the program, logged to its faction and White; work goes on as far as the money pays', () => {
    const tomahawk = programById.get('tomahawk')!;
    const s = pos();
    const d = run(s, { japan: [{ type: 'fund', program: 'tomahawk', amount: 1 }] });
    expect(d.programs.japan.tomahawk).toBe(1);
    const line = d.log.slice(s.log.length).find((e) => e.kind === 'program-progress');
    expect(line?.data).toEqual({ program: 'tomahawk', faction: 'japan', funded: 1, cost: tomahawk.cost });
    expect(line?.visibleTo).toEqual(['japan', 'white']);
    // A 30-day round is a month of work, within the 24 / 3 = 8 months a third of the cost pays for.
    expect(d.programMonths.japan.tomahawk).toBe(1);
    const capped = run(
      pos((x) => {
        x.programs.japan.tomahawk = 1;
        x.programMonths.japan.tomahawk = tomahawk.leadMonths / tomahawk.cost - 0.25;
      }),
    );
    expect(capped.programMonths.japan.tomahawk).toBeCloseTo(tomahawk.leadMonths / tomahawk.cost, 3);
    expect(capped.completedPrograms).not.toContain('tomahawk');
  });

  it('a program funded to its cost is delivered when its lead time is reached, not before; a Japanese one counts for burden-sharing', () => {
    const tomahawk = programById.get('tomahawk')!;
    const almost = (left: number) =>
      pos((x) => {
        x.programs.japan.tomahawk = tomahawk.cost;
        x.programMonths.japan.tomahawk = tomahawk.leadMonths - left;
        x.stockpiles.japan = { ...x.stockpiles.japan, tomahawk: 0 };
      });
    const d = run(almost(1));
    expect(d.completedPrograms).toContain('tomahawk');
    if (tomahawk.effect.kind === 'munitions')
      expect(d.stockpiles.japan.tomahawk).toBe(tomahawk.effect.amount);
    const early = run(almost(1.5));
    expect(early.completedPrograms).not.toContain('tomahawk');
    expect(early.programMonths.japan.tomahawk).toBe(tomahawk.leadMonths - 0.5);
    expect(d.us.burdenSharing - early.us.burdenSharing).toBeCloseTo(3, 3);
  });

  it('new units are delivered at full magazines, ready next round, seen by all; China’s deliveries by China and White only', () => {
    const tw = programById.get('tw-coastal-defense')!;
    if (tw.effect.kind !== 'units') throw new Error('test setup: tw-coastal-defense delivers units');
    const s = pos((x) => {
      x.programs.taiwan['tw-coastal-defense'] = tw.cost;
      x.programMonths.taiwan['tw-coastal-defense'] = tw.leadMonths - 1;
    });
    const d = run(s);
    expect(d.units[`${tw.effect.unitType}-${tw.id}`]).toMatchObject({
      faction: 'taiwan',
      type: tw.effect.unitType,
      zone: tw.effect.zone,
      strength: tw.effect.strength,
      interceptors: unitTypeById.get(tw.effect.unitType)!.interceptorsPerStep * tw.effect.strength,
      readyRound: 2,
    });
    const done = (x: MatchState) => x.log.slice(s.log.length).filter((e) => e.kind === 'program-completed');
    expect(done(d).map((e) => e.visibleTo)).toEqual(['all']);
    const cn = [...programById.values()].find((p) => p.faction === 'china')!;
    const c = run(
      pos((x) => {
        x.programs.china[cn.id] = cn.cost;
        x.programMonths.china[cn.id] = cn.leadMonths - 1;
      }),
    );
    expect(done(c).map((e) => e.visibleTo)).toEqual([['china', 'white']]);
  });

  it('funding a completed program does nothing', () => {
    const s = pos((d) => {
      d.completedPrograms.push('tomahawk');
      d.programs.japan.tomahawk = 3;
    });
    expect(
      run(s, { japan: [{ type: 'fund', program: 'tomahawk', amount: 1 }] }).programs.japan.tomahawk,
    ).toBe(3);
  });

  it("next round's budgets: the scenario's, scaled for Japan and Taiwan by spending against their starting level", () => {
    const d = run(
      pos((x) => {
        x.japan.defenseSpendingPctGdp = q.tracks.japan.defenseSpendingPctGdp * 2;
        x.taiwan.defenseSpendingPctGdp = q.tracks.taiwan.defenseSpendingPctGdp / 2;
        x.budgets = { japan: 0, us: 0, china: 0, taiwan: 0 };
      }),
    );
    expect(d.budgets.japan).toBe(Math.round(q.budgets.japan * 2));
    expect(d.budgets.taiwan).toBe(Math.round(q.budgets.taiwan / 2));
    expect(d.budgets.us).toBe(q.budgets.us);
    expect(d.budgets.china).toBe(q.budgets.china);
  });
});
