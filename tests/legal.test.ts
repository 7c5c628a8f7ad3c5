/**
 * Japan's legal status (DESIGN.md section 6; the 2015 Legislation for Peace and
 * Security): what each declaration needs, how the Diet decides, and what each status
 * allows the JSDF and the alliance to do.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  type DraftState,
  dietPassChance,
  type LegalStatus,
  legalBasis,
  type MatchState,
  newMatch,
  type Order,
  validateAction,
  validateOrder,
} from '../game/index.ts';
import { act, addUnit, codeOf, commitAll, orders, patch, scenario } from './helpers.ts';

const tk = scenario('takaichi-2025');
const inv = scenario('taiwan-invasion');
const neutral = scenario('taiwan-invasion-japan-neutral');

/** A position at a rung with Japan's status and flags pinned. */
function at(rung: number, edit: (d: DraftState) => void = () => {}, sc = tk): MatchState {
  return patch(newMatch(sc, { seed: 'legal' }), (d) => {
    d.escalation = rung as DraftState['escalation'];
    d.japan.legalStatus = 'none';
    d.japan.politicalCapital = 60;
    d.flags.usAttacked = false;
    d.flags.japanAttacked = false;
    edit(d);
  });
}
const declare = (status: LegalStatus): Order => ({ type: 'declare', status });

describe('declarations need a legal basis', () => {
  it.each<[string, number, LegalStatus, (d: DraftState) => void, string]>([
    ['important-influence at rung 1', 1, 'important-influence', () => {}, 'ERR_NO_LEGAL_BASIS'],
    ['important-influence at rung 2', 2, 'important-influence', () => {}, 'ok'],
    ['survival-threatening at rung 2', 2, 'survival-threatening', () => {}, 'ERR_NO_LEGAL_BASIS'],
    ['survival-threatening at rung 3', 3, 'survival-threatening', () => {}, 'ok'],
    [
      'survival-threatening at rung 1 after US forces are attacked',
      1,
      'survival-threatening',
      (d) => (d.flags.usAttacked = true),
      'ok',
    ],
    ['armed-attack at rung 5 with Japan untouched', 5, 'armed-attack', () => {}, 'ERR_NO_LEGAL_BASIS'],
    ['armed-attack once Japan is attacked', 4, 'armed-attack', (d) => (d.flags.japanAttacked = true), 'ok'],
    [
      'a status Japan already holds',
      3,
      'important-influence',
      (d) => (d.japan.legalStatus = 'important-influence'),
      'ERR_ALREADY',
    ],
    [
      'a declaration without the political capital',
      2,
      'important-influence',
      (d) => (d.japan.politicalCapital = 0),
      'ERR_POLITICAL_CAPITAL',
    ],
  ])('%s → %s', (_n, rung, status, edit, code) => {
    const s = at(rung, edit);
    expect(codeOf(validateOrder(s, tk, 'japan', declare(status)))).toBe(code);
    if (code === 'ok' || code === 'ERR_NO_LEGAL_BASIS') expect(codeOf(legalBasis(s, status))).toBe(code);
  });

  it('a declaration that passes the Diet changes the status; one that fails costs seats, never a wrong status', () => {
    const outcomes = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const s = patch(at(2), (d) => (d.seed = `diet-${i}`));
      const after = commitAll(tk, orders(tk, s, 'japan', [declare('important-influence')]));
      if (after.japan.legalStatus === 'important-influence') outcomes.add('passed');
      else {
        expect(after.japan.legalStatus).toBe('none');
        expect(after.japan.coalitionSeats).toBeLessThan(s.japan.coalitionSeats);
        outcomes.add('failed');
      }
    }
    expect(outcomes.has('passed')).toBe(true);
  });
});

describe('dietPassChance (the coalition stability check)', () => {
  const chance = (edit: (d: DraftState) => void, status: LegalStatus = 'survival-threatening'): number =>
    dietPassChance(
      at(1, (d) => {
        d.japan.publicSupport = 20;
        edit(d);
      }),
      status,
    );

  it('is a probability', () => {
    for (const seats of [0, 233, 465]) {
      const p = chance((d) => (d.japan.coalitionSeats = seats));
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
  });

  it('rises with coalition seats', () => {
    const ps = [200, 220, 233, 250].map((seats) => chance((d) => (d.japan.coalitionSeats = seats)));
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThanOrEqual(ps[i - 1]!);
    expect(ps.at(-1)).toBeGreaterThan(ps[0]!);
  });

  it('rises with the threat: the rung, an attack on Japan', () => {
    const ps = [0, 1, 2, 3].map((rung) => chance((d) => (d.escalation = rung as DraftState['escalation'])));
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThanOrEqual(ps[i - 1]!);
    expect(ps.at(-1)).toBeGreaterThan(ps[0]!);
    expect(chance((d) => (d.flags.japanAttacked = true))).toBeGreaterThan(chance(() => {}));
  });

  it('rises with public support', () => {
    expect(chance((d) => (d.japan.publicSupport = 60))).toBeGreaterThan(
      chance((d) => (d.japan.publicSupport = 20)),
    );
  });
});

describe('what each status allows', () => {
  const war = (status: LegalStatus, sc = inv): MatchState =>
    at(
      4,
      (d) => {
        d.japan.legalStatus = status;
        d.us.intervening = true;
        d.stockpiles.japan = { ...d.stockpiles.japan, 'type-12': 50 };
        addUnit(d, { id: 't-jp-ssm', type: 'jp-ssm', faction: 'japan', zone: 'ishigaki', strength: 2 });
        addUnit(d, { id: 't-cn-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 });
      },
      sc,
    );
  const strike: Order = {
    type: 'strike',
    unit: 't-jp-ssm',
    target: 'ecs-south',
    aim: 'ships',
    weapon: 'type-12',
    count: 2,
  };

  it.each<[LegalStatus, string]>([
    ['none', 'ERR_LEGAL_STATUS'],
    ['important-influence', 'ERR_LEGAL_STATUS'],
    ['survival-threatening', 'ok'],
    ['armed-attack', 'ok'],
  ])('a JSDF strike in a "%s" situation → %s', (status, code) => {
    expect(codeOf(validateOrder(war(status), inv, 'japan', strike))).toBe(code);
  });

  it.each<[LegalStatus, string]>([
    ['none', 'ERR_LEGAL_STATUS'],
    ['important-influence', 'ok'],
    ['survival-threatening', 'ok'],
  ])('accepting logistics support for US forces in a "%s" situation → %s', (status, code) => {
    const s = act(inv, war(status), { type: 'propose', seat: 'us', kind: 'logistics-support' });
    const answer: Action = { type: 'answer', seat: 'japan', proposal: s.proposals[0]!.id, accept: true };
    expect(codeOf(validateAction(s, inv, answer))).toBe(code);
  });

  it.each<[LegalStatus, string]>([
    ['important-influence', 'ERR_LEGAL_STATUS'],
    ['survival-threatening', 'ok'],
  ])('accepting IAMD cover (collective self-defense) in a "%s" situation → %s', (status, code) => {
    const s = act(inv, war(status), { type: 'propose', seat: 'us', kind: 'iamd-cover', zone: 'okinawa' });
    const answer: Action = { type: 'answer', seat: 'japan', proposal: s.proposals[0]!.id, accept: true };
    expect(codeOf(validateAction(s, inv, answer))).toBe(code);
  });

  it('a Japan that refuses is free to refuse in any situation', () => {
    const s = act(inv, war('none'), { type: 'propose', seat: 'us', kind: 'logistics-support' });
    const answer: Action = { type: 'answer', seat: 'japan', proposal: s.proposals[0]!.id, accept: false };
    expect(codeOf(validateAction(s, inv, answer))).toBe('ok');
  });
});

describe("a scenario where Japan stays out (japanIntervention 'never')", () => {
  const s = at(4, (d) => (d.flags.usAttacked = true), neutral);

  it.each<[LegalStatus, string]>([
    ['important-influence', 'ok'],
    ['survival-threatening', 'ERR_SCENARIO_FORBIDS'],
    ['armed-attack', 'ERR_SCENARIO_FORBIDS'],
  ])('declaring "%s" → %s', (status, code) => {
    const pinned = patch(s, (d) => (d.flags.japanAttacked = true));
    expect(codeOf(validateOrder(pinned, neutral, 'japan', declare(status)))).toBe(code);
  });

  it('a JSDF strike → ERR_SCENARIO_FORBIDS even with a legal status', () => {
    const pinned = patch(s, (d) => {
      d.japan.legalStatus = 'survival-threatening';
      addUnit(d, { id: 't-jp-ssm', type: 'jp-ssm', faction: 'japan', zone: 'ishigaki', strength: 2 });
      addUnit(d, { id: 't-cn-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 });
    });
    const strike: Order = {
      type: 'strike',
      unit: 't-jp-ssm',
      target: 'ecs-south',
      aim: 'ships',
      weapon: 'type-12',
      count: 1,
    };
    expect(codeOf(validateOrder(pinned, neutral, 'japan', strike))).toBe('ERR_SCENARIO_FORBIDS');
  });

  it("Japan cannot grant consent for US operations from its bases (japanConsent 'never')", () => {
    const p = act(neutral, s, { type: 'propose', seat: 'us', kind: 'us-ops-from-japan' });
    const answer: Action = { type: 'answer', seat: 'japan', proposal: p.proposals[0]!.id, accept: true };
    expect(codeOf(validateAction(p, neutral, answer))).toBe('ERR_SCENARIO_FORBIDS');
  });
});
