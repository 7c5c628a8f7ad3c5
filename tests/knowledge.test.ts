/**
 * One `Knowledge` type (game/engine/knowledge.ts): legality, the legal-order lists and the
 * deterrence estimate accept the full state or a seat's view, with no cast. On a view, a rule
 * that turns on another faction's private tracks settles nothing — the server, which holds
 * the state, decides — and a view never makes an order legal that the state refuses for
 * what the seat can see.
 */
import { describe, expect, it } from 'vitest';
import { checkAction } from '../game/bgio.ts';
import {
  type Action,
  FACTIONS,
  formatOrder,
  legalOrders,
  type MatchState,
  newMatch,
  validateAction,
  viewFor,
} from '../game/index.ts';
import { getScenario } from '../scenarios/index.ts';
import { addUnit, codeOf, patch, scenario } from './helpers.ts';

const inv = scenario('taiwan-invasion');

/** Wartime: rung 4, both allies fighting, a Japanese launcher and a US destroyer in range of a Chinese group. */
function war(usSm6: number): MatchState {
  return patch(newMatch(inv, { seed: 'knowledge' }), (d) => {
    d.escalation = 4;
    d.us.intervening = true;
    d.japan.legalStatus = 'survival-threatening';
    d.alliance.commandLevel = 1;
    d.stockpiles.japan = { ...d.stockpiles.japan, 'type-12': 50 };
    d.stockpiles.us = { ...d.stockpiles.us, 'sm-6': usSm6 };
    addUnit(d, { id: 't-jp-ssm', type: 'jp-ssm', faction: 'japan', zone: 'ishigaki', strength: 2 });
    addUnit(d, { id: 't-us-ddg', type: 'us-ddg', faction: 'us', zone: 'ecs-south', strength: 2 });
    addUnit(d, { id: 't-cn-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 });
  });
}

const combined = (usCount: number): Action => ({
  type: 'propose',
  seat: 'japan',
  kind: 'combined-strike',
  strike: {
    target: 'ecs-south',
    aim: 'ships',
    parts: [
      { unit: 't-jp-ssm', weapon: 'type-12', count: 4 },
      { unit: 't-us-ddg', weapon: 'sm-6', count: usCount },
    ],
  },
});

describe("a seat's view is knowledge the rules accept", () => {
  it("Japan's view holds no US stockpile, and its check of a combined strike no longer refuses the US part for it", () => {
    const s = war(100);
    const jv = viewFor(s, 'japan');
    expect(jv.stockpiles.us).toEqual({});
    expect(codeOf(validateAction(s, inv, combined(4)))).toBe('ok');
    expect(codeOf(validateAction(jv, inv, combined(4)))).toBe('ok');
    expect(codeOf(checkAction(jv, 'japan', combined(4), getScenario))).toBe('ok');
  });

  it('what the view cannot know, the server settles: a US part beyond the US stockpile is refused on the state only', () => {
    const s = war(2);
    expect(codeOf(validateAction(s, inv, combined(4)))).toBe('ERR_STOCKPILE');
    expect(codeOf(validateAction(viewFor(s, 'japan'), inv, combined(4)))).toBe('ok');
    // The US's own view holds its stockpile, so it refuses the same part itself.
    const usOwn: Action = { ...(combined(4) as Action & { type: 'propose' }), seat: 'us' };
    expect(codeOf(validateAction(viewFor(s, 'us'), inv, usOwn))).toBe('ERR_STOCKPILE');
    expect(codeOf(validateAction(viewFor(s, 'white'), inv, combined(4)))).toBe('ERR_STOCKPILE');
  });

  it("a seat's own checks are the same on its view as on the state (its own stockpile, budget and orders)", () => {
    const s = war(2);
    const own: Action = {
      type: 'order',
      seat: 'us',
      order: {
        type: 'strike',
        unit: 't-us-ddg',
        target: 'ecs-south',
        aim: 'ships',
        weapon: 'sm-6',
        count: 3,
      },
    };
    expect(codeOf(validateAction(s, inv, own))).toBe('ERR_STOCKPILE');
    expect(codeOf(validateAction(viewFor(s, 'us'), inv, own))).toBe('ERR_STOCKPILE');
  });

  it("every order legal on a seat's view is legal on the state, and the lists agree on all but strikes at unseen targets", () => {
    const states = [newMatch(inv, { seed: 'knowledge-list' }), war(100)];
    let compared = 0;
    for (const s of states)
      for (const f of FACTIONS) {
        const onState = new Set(legalOrders(s, inv, f).map(formatOrder));
        const onView = legalOrders(viewFor(s, f), inv, f).map(formatOrder);
        expect(onView.length).toBeGreaterThan(0);
        for (const o of onView) expect(onState.has(o), `${f}: ${o} legal on the view only`).toBe(true);
        const notStrikes = (xs: Iterable<string>) => [...xs].filter((o) => !o.startsWith('strike '));
        expect(notStrikes(onView)).toEqual(notStrikes(onState));
        compared += onView.length;
      }
    expect(compared).toBeGreaterThan(100);
  });
});
