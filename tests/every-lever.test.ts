/**
 * Every lever moves something (issue 9, item 5: "every lever of DESIGN.md sections 5 and 7
 * moves something measurable"). For each kind of order a seat may give at the start of three
 * scenarios (competition, quarantine, invasion), the round played with that one order ends in
 * a different state from the round played without it — the log, pending orders and the
 * round's history aside. The two joint orders (investing in the command architecture, the 2+2)
 * act only when Japan and the US both give them, as DESIGN.md section 5 says, and are checked
 * that way.
 */
import { describe, expect, it } from 'vitest';
import { FACTIONS, hashEngineData, legalOrders, type MatchState, type Order } from '../game/index.ts';
import { scenario } from './helpers.ts';
import { calmStart, type Orders, play, quiet } from './round.ts';

/** The state without what every round writes whatever is ordered. */
const substance = (s: MatchState): string =>
  hashEngineData({ ...s, log: [], logDigest: null, pending: null, history: [], counter: 0 });

/** One order of each kind (and gray-zone action, and strike aim). */
const kindOf = (o: Order): string =>
  [o.type, 'action' in o ? o.action : '', 'aim' in o ? o.aim : ''].filter(Boolean).join(':');

const JOINT = new Set(['invest-command', 'two-plus-two']);

describe('every lever moves something', () => {
  for (const id of ['takaichi-2025', 'taiwan-quarantine', 'taiwan-invasion']) {
    it(`${id}: each kind of order changes the round's outcome state`, () => {
      const sc = quiet(scenario(id));
      const s0 = calmStart(sc, 'levers');
      const without = substance(play(sc, s0, {}));
      const inert: string[] = [];
      let tried = 0;
      for (const f of FACTIONS) {
        const seen = new Set<string>();
        for (const o of legalOrders(s0, sc, f)) {
          const k = kindOf(o);
          if (seen.has(k)) continue;
          seen.add(k);
          const orders: Orders = JOINT.has(o.type) ? { japan: [o], us: [o] } : { [f]: [o] };
          tried += 1;
          if (substance(play(sc, s0, orders)) === without) inert.push(`${f} ${k}`);
        }
      }
      expect(tried).toBeGreaterThan(15);
      expect(inert).toEqual([]);
    });
  }

  it('a joint order given by one partner alone changes nothing', () => {
    const sc = quiet(scenario('takaichi-2025'));
    const s0 = calmStart(sc, 'levers');
    const without = substance(play(sc, s0, {}));
    expect(substance(play(sc, s0, { japan: [{ type: 'invest-command' }] }))).toBe(without);
    expect(
      substance(play(sc, s0, { japan: [{ type: 'invest-command' }], us: [{ type: 'invest-command' }] })),
    ).not.toBe(without);
  });
});
