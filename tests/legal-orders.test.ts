/**
 * Legal orders (game/engine/legal.ts): a seat that may still order is offered candidates and the
 * legal ones among them; a seat that has committed, or any seat once the match has ended, is
 * offered nothing.
 */
import { describe, expect, it } from 'vitest';
import { FACTIONS, legalOrders, newMatch, orderCandidates, validateOrder } from '../game/index.ts';
import { patch, scenario } from './helpers.ts';

const sc = scenario('taiwan-invasion');
const s = newMatch(sc, { seed: 'legal-orders' });

describe('legal orders', () => {
  it('every seat that may order is offered candidates; the legal ones pass validateOrder, in candidate order', () => {
    for (const f of FACTIONS) {
      const cands = [...orderCandidates(s, sc, f)];
      const legal = legalOrders(s, sc, f);
      expect(legal.length).toBeGreaterThan(0);
      expect(legal).toEqual(cands.filter((o) => validateOrder(s, sc, f, o).ok));
    }
  });

  it('a seat that has committed is offered nothing; the others still are', () => {
    const committed = patch(s, (d) => {
      d.pending.japan = { ...d.pending.japan, committed: true };
    });
    expect([...orderCandidates(committed, sc, 'japan')]).toEqual([]);
    expect(legalOrders(committed, sc, 'japan')).toEqual([]);
    expect(legalOrders(committed, sc, 'us').length).toBeGreaterThan(0);
  });

  it('once the match has ended no seat is offered anything', () => {
    const ended = patch(s, (d) => {
      d.stage = 'ended';
    });
    for (const f of FACTIONS) {
      expect([...orderCandidates(ended, sc, f)]).toEqual([]);
      expect(legalOrders(ended, sc, f)).toEqual([]);
    }
  });
});
