/**
 * Escalation, declarations and politics (DESIGN.md sections 4, 6 and 7; game/rules/politics.ts),
 * tested directly: each order's legality, what a declaration costs and how the Diet votes on
 * it (what the politics step then does is in politics-step.test.ts). Rounds are adjudicated whole
 * through the front door; where another step moves the same track (the economy's drift of
 * political capital and cohesion), the order's effect is read as the difference from the same
 * round played without it. Figures come from the rule's tables (declarationCost, COMMAND) or
 * from its formula, stated beside each expectation.
 */
import { describe, expect, it } from 'vitest';
import {
  type DraftState,
  declarationCost,
  dietPassChance,
  type Faction,
  type LegalStatus,
  legalOrders,
  type Order,
  validateOrder,
} from '../game/index.ts';
import { codeOf } from './helpers.ts';
import { alone, at, declare, neutral, tk, withPending } from './politics-fixtures.ts';

describe('escalate: only China, one rung 0–5 a round, at most two up', () => {
  it.each<[string, Faction, number, number, string]>([
    ['Japan', 'japan', 1, 2, 'ERR_NOT_YOURS'],
    ['the US', 'us', 1, 2, 'ERR_NOT_YOURS'],
    ['Taiwan', 'taiwan', 1, 2, 'ERR_NOT_YOURS'],
    ['China one up', 'china', 1, 2, 'ok'],
    ['China two up (the limit)', 'china', 1, 3, 'ok'],
    ['China three up', 'china', 1, 4, 'ERR_TOO_FAST'],
    ['China down five at once (no limit going down)', 'china', 5, 0, 'ok'],
    ['China to the rung it is on', 'china', 2, 2, 'ERR_BAD_RUNG'],
    ['China to rung 6', 'china', 5, 6, 'ERR_BAD_RUNG'],
    ['China to rung -1', 'china', 0, -1, 'ERR_BAD_RUNG'],
    ['China to rung 1.5', 'china', 1, 1.5, 'ERR_BAD_RUNG'],
    ['China to rung 0 from 1', 'china', 1, 0, 'ok'],
    ['China to rung 5 from 3', 'china', 3, 5, 'ok'],
  ])('%s (%s, rung %d → %d) → %s', (_n, f, from, to, code) => {
    const o = { type: 'escalate', to } as Order;
    expect(codeOf(validateOrder(at(from), tk, f, o))).toBe(code);
  });

  it('a second escalation order in the same round → ERR_DUPLICATE', () => {
    const s = withPending(at(1), 'china', [{ type: 'escalate', to: 2 }]);
    expect(codeOf(validateOrder(s, tk, 'china', { type: 'escalate', to: 3 }))).toBe('ERR_DUPLICATE');
  });

  it('the legal escalations from rung 1 are 0, 2 and 3 (candidates 0–5, the rule filters)', () => {
    const rungs = legalOrders(at(1), tk, 'china')
      .filter((o) => o.type === 'escalate')
      .map((o) => (o.type === 'escalate' ? o.to : -1));
    expect(rungs).toEqual([0, 2, 3]);
    // Only China is offered escalation, and only Japan declarations.
    for (const f of ['japan', 'us', 'taiwan'] as const)
      expect(legalOrders(at(1), tk, f).some((o) => o.type === 'escalate')).toBe(false);
    for (const f of ['us', 'china', 'taiwan'] as const)
      expect(legalOrders(at(3), tk, f).some((o) => o.type === 'declare')).toBe(false);
  });

  it("China's own pending escalation sets the rung its other orders are checked at (a strike at rung 3 with 4 ordered)", () => {
    const s = at(3, (d) => {
      d.units['t-cn-rocket'] = {
        id: 't-cn-rocket',
        type: 'cn-rocket',
        faction: 'china',
        zone: 'fujian',
        strength: 4,
        maxStrength: 4,
        interceptors: 0,
        readyRound: 1,
      };
    });
    const strike: Order = {
      type: 'strike',
      unit: 't-cn-rocket',
      target: 'taipei',
      aim: 'airbase',
      weapon: 'srbm',
      count: 1,
    };
    expect(codeOf(validateOrder(s, tk, 'china', strike))).not.toBe('ok');
    expect(
      codeOf(validateOrder(withPending(s, 'china', [{ type: 'escalate', to: 4 }]), tk, 'china', strike)),
    ).toBe('ok');
    // Another pending order does not count.
    expect(
      codeOf(validateOrder(withPending(s, 'china', [{ type: 'mobilize' }]), tk, 'china', strike)),
    ).not.toBe('ok');
  });
});

describe('declare: Japan alone, upward, within the scenario, paid in political capital', () => {
  it('what each declaration costs: survival-threatening most, important-influence less, any other least', () => {
    // DECLARATION in game/data/tables.ts: collective self-defense splits the coalition (20), rear
    // support has passed before (10), an armed-attack situation or lifting one is uncontested (5).
    const ii = declarationCost('important-influence');
    const st = declarationCost('survival-threatening');
    const other = declarationCost('armed-attack');
    expect(st).toBeGreaterThan(ii);
    expect(ii).toBeGreaterThan(other);
    expect(other).toBeGreaterThan(0);
    expect(declarationCost('none')).toBe(other);
  });

  it.each<[string, LegalStatus, number]>([
    ['important-influence', 'important-influence', 2],
    ['survival-threatening', 'survival-threatening', 3],
  ])('%s: exactly its cost in capital is enough; one less is not', (_n, status, rung) => {
    const cost = declarationCost(status);
    const with_ = (pc: number) => at(rung, (d) => (d.japan.politicalCapital = pc));
    expect(codeOf(validateOrder(with_(cost), tk, 'japan', declare(status)))).toBe('ok');
    expect(codeOf(validateOrder(with_(cost - 1), tk, 'japan', declare(status)))).toBe(
      'ERR_POLITICAL_CAPITAL',
    );
  });

  it.each<[string, Faction, LegalStatus, LegalStatus, string]>([
    ['the US declaring', 'us', 'none', 'important-influence', 'ERR_NOT_YOURS'],
    ['China declaring', 'china', 'none', 'important-influence', 'ERR_NOT_YOURS'],
    ['an unknown status', 'japan', 'none', 'martial-law' as LegalStatus, 'ERR_BAD_STATUS'],
    ['a step down', 'japan', 'survival-threatening', 'important-influence', 'ERR_ALREADY'],
    ['the same status', 'japan', 'survival-threatening', 'survival-threatening', 'ERR_ALREADY'],
    ['a step up', 'japan', 'important-influence', 'survival-threatening', 'ok'],
    ['lifting a declared situation', 'japan', 'survival-threatening', 'none', 'ok'],
    ['lifting when nothing is declared', 'japan', 'none', 'none', 'ERR_ALREADY'],
  ])('%s → %s', (_n, f, current, status, code) => {
    const s = at(3, (d) => (d.japan.legalStatus = current));
    expect(codeOf(validateOrder(s, tk, f, declare(status)))).toBe(code);
  });

  it('one declaration a round', () => {
    const s = withPending(at(3), 'japan', [declare('important-influence')]);
    expect(codeOf(validateOrder(s, tk, 'japan', declare('survival-threatening')))).toBe('ERR_DUPLICATE');
  });

  it("japanIntervention 'never' forbids survival-threatening and armed-attack even with a basis, not before checking it", () => {
    const s = at(3, (d) => (d.flags.japanAttacked = true), neutral);
    expect(codeOf(validateOrder(s, neutral, 'japan', declare('survival-threatening')))).toBe(
      'ERR_SCENARIO_FORBIDS',
    );
    // In the ordinary scenario the same position is legal.
    expect(
      codeOf(
        validateOrder(
          at(3, (d) => (d.flags.japanAttacked = true)),
          tk,
          'japan',
          declare('survival-threatening'),
        ),
      ),
    ).toBe('ok');
  });

  it('the legal basis is checked before the capital', () => {
    const s = at(1, (d) => (d.japan.politicalCapital = 0));
    expect(codeOf(validateOrder(s, tk, 'japan', declare('important-influence')))).toBe('ERR_NO_LEGAL_BASIS');
  });
});

describe('intervene: the US, within the scenario, once, from a quarantine on', () => {
  it.each<[string, Faction, number, (d: DraftState) => void, string]>([
    ['Japan', 'japan', 2, () => {}, 'ERR_NOT_YOURS'],
    ['the US at rung 2', 'us', 2, () => {}, 'ok'],
    ['the US at rung 1', 'us', 1, () => {}, 'ERR_NO_CRISIS'],
    ['the US already intervening', 'us', 4, (d) => (d.us.intervening = true), 'ERR_ALREADY'],
  ])('%s → %s', (_n, f, rung, edit, code) => {
    expect(codeOf(validateOrder(at(rung, edit), tk, f, { type: 'intervene' }))).toBe(code);
  });

  it('a second intervene order in the same round → ERR_ALREADY', () => {
    const s = withPending(at(2), 'us', [{ type: 'intervene' }]);
    expect(codeOf(validateOrder(s, tk, 'us', { type: 'intervene' }))).toBe('ERR_ALREADY');
  });

  it("usIntervention 'never' forbids it, whatever the rung", () => {
    expect(
      codeOf(
        validateOrder(
          at(4, () => {}, alone),
          alone,
          'us',
          { type: 'intervene' },
        ),
      ),
    ).toBe('ERR_SCENARIO_FORBIDS');
  });
});

describe('dietPassChance: 0.35 + 4 × (seats − 233)/465 + support/250 + threat + status weight, within [0.05, 0.98]', () => {
  // A base well inside the clamp: 233 seats (majority term 0), support 50 (0.2), rung 1 (0.08):
  // 0.35 + 0 + 0.2 + 0.08 = 0.63 for survival-threatening (weight 0).
  const base = (edit: (d: DraftState) => void = () => {}) => at(1, edit);
  const p = (edit: (d: DraftState) => void = () => {}, status: LegalStatus = 'survival-threatening') =>
    dietPassChance(base(edit), status);

  it('the base position', () => {
    expect(p()).toBeCloseTo(0.63, 10);
  });

  it('each seat above 233 adds 4/465', () => {
    expect(p((d) => (d.japan.coalitionSeats = 243)) - p()).toBeCloseTo((10 / 465) * 4, 10);
    expect(p((d) => (d.japan.coalitionSeats = 223)) - p()).toBeCloseTo((-10 / 465) * 4, 10);
  });

  it('each point of public support adds 1/250', () => {
    expect(p((d) => (d.japan.publicSupport = 75)) - p()).toBeCloseTo(25 / 250, 10);
  });

  it('each rung adds 0.08; an attack on Japan 0.3; an attack on US forces 0.1', () => {
    expect(p((d) => (d.escalation = 2)) - p()).toBeCloseTo(0.08, 10);
    expect(p((d) => (d.flags.japanAttacked = true)) - p()).toBeCloseTo(0.3, 10);
    expect(p((d) => (d.flags.usAttacked = true)) - p()).toBeCloseTo(0.1, 10);
  });

  it('armed-attack weighs 0.25, important-influence 0.1, survival-threatening nothing', () => {
    expect(p(undefined, 'armed-attack') - p()).toBeCloseTo(0.25, 10);
    expect(p(undefined, 'important-influence') - p()).toBeCloseTo(0.1, 10);
  });

  it('is clamped to 0.05 below and 0.98 above', () => {
    const low = p((d) => {
      d.japan.coalitionSeats = 0;
      d.japan.publicSupport = 0;
      d.escalation = 0;
    });
    expect(low).toBe(0.05);
    const high = p((d) => {
      d.japan.coalitionSeats = 465;
      d.japan.publicSupport = 100;
      d.flags.japanAttacked = true;
    });
    expect(high).toBe(0.98);
  });
});
