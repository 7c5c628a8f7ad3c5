/**
 * Orders and actions (DESIGN.md section 4; CONVENTIONS items 4–6 and 12): table-driven
 * error codes for illegal input, forged input that must never throw, the one-line text
 * form, "does not mutate state", and legal-order counts from pinned positions (perft).
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  adjudicate,
  applyAction,
  type DraftState,
  deterrenceEstimate,
  FACTIONS,
  type Faction,
  formatOrder,
  legalOrders,
  type MatchState,
  newMatch,
  type Order,
  parseOrder,
  validateAction,
  validateOrder,
  viewFor,
} from '../game/index.ts';
import { runMatch } from '../match/index.ts';
import { act, addUnit, codeOf, commitAll, deepFreeze, patch, scenario, start } from './helpers.ts';

const inv = scenario('taiwan-invasion');

/** A pinned wartime position: rung 4, the US fighting, Japan in a survival-threatening situation, consent in force, and test units. */
function war(edit: (d: DraftState) => void = () => {}): MatchState {
  return patch(newMatch(inv, { seed: 'orders' }), (d) => {
    d.escalation = 4;
    d.us.intervening = true;
    d.japan.legalStatus = 'survival-threatening';
    d.alliance.consentGranted = true;
    d.alliance.consentRound = 1;
    d.budgets.japan = 3;
    d.stockpiles.japan = { ...d.stockpiles.japan, 'type-12': 50, harpoon: 50 };
    addUnit(d, { id: 't-jp-dd', type: 'jp-dd', faction: 'japan', zone: 'kanto', strength: 2 });
    addUnit(d, { id: 't-jp-ssm', type: 'jp-ssm', faction: 'japan', zone: 'ishigaki', strength: 2 });
    addUnit(d, { id: 't-us-fighter', type: 'us-fighter', faction: 'us', zone: 'okinawa', strength: 8 });
    addUnit(d, { id: 't-cn-ddg', type: 'cn-ddg', faction: 'china', zone: 'ecs-south', strength: 2 });
    addUnit(d, { id: 't-cn-rocket', type: 'cn-rocket', faction: 'china', zone: 'fujian', strength: 4 });
    addUnit(d, { id: 't-cn-lift', type: 'cn-amphib', faction: 'china', zone: 'fujian', strength: 1 });
    addUnit(d, { id: 't-cn-bde-a', type: 'cn-amphib-bde', faction: 'china', zone: 'fujian', strength: 1 });
    addUnit(d, { id: 't-cn-bde-b', type: 'cn-amphib-bde', faction: 'china', zone: 'fujian', strength: 1 });
    edit(d);
  });
}

/** An order from its one-line text form (CONVENTIONS item 6). */
function order(line: string): Order {
  const o = parseOrder(line);
  if (!o) throw new Error(`test setup: not an order: ${line}`);
  return o;
}
const jpStrike = order('strike t-jp-ssm -> ecs-south ships type-12 x1');
const usStrike = order('strike t-us-fighter -> fujian airbase jassm-er x1');
const cnStrike = order('strike t-cn-rocket -> taipei airbase srbm x1');
type Edit = (d: DraftState) => void;
const none: Edit = () => {};
const rung =
  (n: number): Edit =>
  (d) => {
    d.escalation = n as DraftState['escalation'];
  };

describe('validateOrder: legal controls for the table below', () => {
  it.each<[string, Faction, string, Edit]>([
    ['a Japanese anti-ship strike', 'japan', 'strike t-jp-ssm -> ecs-south ships type-12 x1', none],
    [
      'a US strike from Okinawa with consent',
      'us',
      'strike t-us-fighter -> fujian airbase jassm-er x1',
      none,
    ],
    ['a Chinese strike at rung 4', 'china', 'strike t-cn-rocket -> taipei airbase srbm x1', none],
    ['a landing within lift capacity at rung 5', 'china', 'land t-cn-lift t-cn-bde-a -> taichung', rung(5)],
    ['an escalation of two rungs', 'china', 'escalate 3', rung(1)],
    ['funding within budget', 'japan', 'fund iamd 3', none],
  ])('%s is valid', (_n, f, line, edit) => {
    expect(codeOf(validateOrder(war(edit), inv, f, order(line)))).toBe('ok');
  });
});

describe('validateOrder: illegal orders give typed errors', () => {
  const noBudget: Edit = (d) => (d.budgets.japan = 0);
  const status: Edit = (d) => (d.japan.legalStatus = 'important-influence');
  const noConsent: Edit = (d) => (d.alliance.consentGranted = false);
  const lateConsent: Edit = (d) => (d.alliance.consentRound = 2);
  const noIntervention: Edit = (d) => (d.us.intervening = false);
  it.each<[string, Faction, string, Edit, string]>([
    ["moving another faction's unit", 'japan', 'move t-us-fighter -> kyushu', none, 'ERR_NOT_YOURS'],
    ["striking with another faction's unit", 'japan', formatOrder(usStrike), none, 'ERR_NOT_YOURS'],
    [
      'a Harpoon from Kanto at the Strait',
      'japan',
      'strike t-jp-dd -> taiwan-strait-north ships harpoon x1',
      none,
      'ERR_OUT_OF_RANGE',
    ],
    ['a Chinese strike below rung 4', 'china', formatOrder(cnStrike), rung(3), 'ERR_BELOW_STRIKES'],
    ['a Japanese strike below rung 4', 'japan', formatOrder(jpStrike), rung(3), 'ERR_BELOW_STRIKES'],
    ['funding beyond the budget', 'japan', 'fund iamd 4', none, 'ERR_BUDGET'],
    ['investing in command with no budget', 'japan', 'invest-command', noBudget, 'ERR_BUDGET'],
    [
      'a JSDF strike in an important-influence situation',
      'japan',
      formatOrder(jpStrike),
      status,
      'ERR_LEGAL_STATUS',
    ],
    ['a US strike from Okinawa without consent', 'us', formatOrder(usStrike), noConsent, 'ERR_NO_CONSENT'],
    ['a US strike before consent takes effect', 'us', formatOrder(usStrike), lateConsent, 'ERR_NO_CONSENT'],
    ['a US strike before intervening', 'us', formatOrder(usStrike), noIntervention, 'ERR_NOT_INTERVENING'],
    ['an escalation by Japan', 'japan', 'escalate 5', none, 'ERR_NOT_YOURS'],
    ['an escalation by the US', 'us', 'escalate 5', none, 'ERR_NOT_YOURS'],
    ['climbing three rungs at once', 'china', 'escalate 4', rung(1), 'ERR_TOO_FAST'],
    [
      'brigades beyond the lift',
      'china',
      'land t-cn-lift t-cn-bde-a,t-cn-bde-b -> taichung',
      rung(5),
      'ERR_LIFT_CAPACITY',
    ],
    [
      'a landing on Taiwan below rung 5',
      'china',
      'land t-cn-lift t-cn-bde-a -> taichung',
      none,
      'ERR_BELOW_INVASION',
    ],
    ['a move out of reach', 'japan', 'move t-jp-dd -> scs-north', none, 'ERR_UNREACHABLE'],
    [
      'a zero-missile strike',
      'japan',
      'strike t-jp-ssm -> ecs-south ships type-12 x0',
      none,
      'ERR_BAD_COUNT',
    ],
    [
      'more missiles than the launchers hold',
      'japan',
      'strike t-jp-ssm -> ecs-south ships type-12 x999',
      none,
      'ERR_LAUNCHERS',
    ],
    ['a Japanese declaration by China', 'china', 'declare armed-attack', none, 'ERR_NOT_YOURS'],
    ['Chinese mobilization', 'china', 'mobilize', none, 'ERR_NOT_YOURS'],
  ])('%s → %s', (_n, f, line, edit, code) => {
    const r = validateOrder(war(edit), inv, f, order(line));
    expect(codeOf(r)).toBe(code);
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
  });

  it('a second order after committing → ERR_COMMITTED, and so does a second commit', () => {
    const s = act(inv, war(), { type: 'commit', seat: 'japan' });
    expect(codeOf(validateOrder(s, inv, 'japan', { type: 'fund', program: 'iamd', amount: 1 }))).toBe(
      'ERR_COMMITTED',
    );
    expect(codeOf(validateAction(s, inv, { type: 'commit', seat: 'japan' }))).toBe('ERR_COMMITTED');
  });

  it('pending orders count against the budget and the launchers', () => {
    let s = war();
    s = act(inv, s, { type: 'order', seat: 'japan', order: { type: 'fund', program: 'iamd', amount: 2 } });
    expect(codeOf(validateOrder(s, inv, 'japan', { type: 'fund', program: 'iamd', amount: 2 }))).toBe(
      'ERR_BUDGET',
    );
    const full = { ...jpStrike, count: 8 }; // 2 steps × 4 Type 12 per step
    s = act(inv, s, { type: 'order', seat: 'japan', order: full });
    expect(codeOf(validateOrder(s, inv, 'japan', jpStrike))).toBe('ERR_LAUNCHERS');
  });
});

describe('validateAction: White Cell and forged input', () => {
  it.each<[string, Action, boolean, string]>([
    [
      'an inject without a White Cell seat',
      { type: 'inject', seat: 'white', text: 'A typhoon', effects: [] },
      false,
      'ERR_NO_WHITE_CELL',
    ],
    [
      'an amendment without a White Cell seat',
      { type: 'amend', seat: 'white', track: 'us.commitment', delta: 5, reason: 'seminar ruling' },
      false,
      'ERR_NO_WHITE_CELL',
    ],
    [
      'an amendment with no reason',
      { type: 'amend', seat: 'white', track: 'us.commitment', delta: 5, reason: '' },
      true,
      'ERR_NO_REASON',
    ],
    [
      'an amendment of a track that does not exist',
      { type: 'amend', seat: 'white', track: 'us.nope' as never, delta: 5, reason: 'seminar ruling' },
      true,
      'ERR_BAD_TRACK',
    ],
    ['an end without a reason', { type: 'end', seat: 'white', reason: '' }, true, 'ERR_NO_REASON'],
    ['advancing before every seat commits', { type: 'advance', seat: 'white' }, true, 'ERR_NOT_READY'],
  ])('%s → %s', (_n, a, white, code) => {
    const s = newMatch(inv, { seed: 'orders', white });
    expect(codeOf(validateAction(s, inv, a))).toBe(code);
  });

  it('a reasoned amendment is accepted and logged for all', () => {
    const s = newMatch(inv, { seed: 'orders', white: true });
    const a: Action = {
      type: 'amend',
      seat: 'white',
      track: 'us.commitment',
      delta: -5,
      reason: 'Congress balks',
    };
    const next = act(inv, s, a);
    expect(next.us.commitment).toBe(s.us.commitment - 5);
    expect(next.log.at(-1)?.text).toContain('Congress balks');
  });

  const forged: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'commit'],
    ['an array', []],
    ['an empty object', {}],
    ['an unknown type', { type: 'nope' }],
    [
      'an order from the white seat',
      { type: 'order', seat: 'white', order: { type: 'fund', program: 'iamd', amount: 1 } },
    ],
    ['an order from a non-seat', { type: 'order', seat: 'russia', order: { type: 'mobilize' } }],
    ['an order with no order', { type: 'order', seat: 'japan' }],
    ['an order that is a string', { type: 'order', seat: 'japan', order: 'fund' }],
    ['a strike with no fields', { type: 'order', seat: 'japan', order: { type: 'strike' } }],
    ['a commit from white', { type: 'commit', seat: 'white' }],
    ['a proposal from China', { type: 'propose', seat: 'china', kind: 'shared-isr' }],
    ['a proposal of an unknown kind', { type: 'propose', seat: 'us', kind: 'nukes' }],
    ['an answer to nothing', { type: 'answer', seat: 'japan', proposal: 'P999', accept: true }],
    ['a withdrawal of nothing', { type: 'withdraw', seat: 'japan', index: 7 }],
    ['an inject from Japan', { type: 'inject', seat: 'japan', text: 'we win', effects: [] }],
  ];
  it.each(forged)('%s is refused with an error and never throws', (_n, a) => {
    const s = war();
    const v = validateAction(s, inv, a as Action);
    expect(v.ok).toBe(false);
    const r = applyAction(inv, s, a as Action);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toMatch(/^ERR_/);
  });

  // Regression guards: these once made validateAction/applyAction throw (or return
  // undefined) instead of a typed error (CONVENTIONS item 4); fixed in game/validate.ts.
  const malformed: [string, unknown, boolean][] = [
    ['an order of an unknown type', { type: 'order', seat: 'japan', order: { type: 'nope' } }, false],
    [
      'a landing with no brigades list',
      { type: 'order', seat: 'china', order: { type: 'land', lift: 't-cn-lift', target: 'taichung' } },
      false,
    ],
    [
      'a combined strike whose parts are null',
      {
        type: 'propose',
        seat: 'us',
        kind: 'combined-strike',
        strike: { target: 'ecs-south', aim: 'ships', parts: [null, null] },
      },
      false,
    ],
    [
      'an inject whose effects are not a list',
      { type: 'inject', seat: 'white', text: 'a forged inject', effects: 5 },
      true,
    ],
    [
      'an inject with a null effect',
      { type: 'inject', seat: 'white', text: 'a forged inject', effects: [null] },
      true,
    ],
  ];
  it.each(malformed)('%s is refused with an error and never throws', (_n, a, white) => {
    const s = patch(
      war((d) => (d.escalation = 5)),
      (d) => (d.white.present = white),
    );
    const v = validateAction(s, inv, a as Action);
    expect(v.ok).toBe(false);
    const r = applyAction(inv, s, a as Action);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toMatch(/^ERR_/);
  });
});

/** Pinned positions whose legal orders are round-tripped and counted. */
const positions = (): [string, MatchState, typeof inv][] => {
  const tk = start('takaichi-2025', 'perft');
  const q = start('taiwan-quarantine', 'perft');
  return [
    ['taiwan-invasion, war()', war(), inv],
    ['takaichi-2025, round 1', tk.s, tk.sc],
    ['taiwan-quarantine, round 1', q.s, q.sc],
  ];
};

describe('formatOrder / parseOrder', () => {
  it.each(positions())('round-trips every legal order of %s', (_n, s, sc) => {
    let n = 0;
    for (const f of FACTIONS)
      for (const o of legalOrders(s, sc, f)) {
        expect(parseOrder(formatOrder(o))).toEqual(o);
        n++;
      }
    expect(n).toBeGreaterThan(50);
  });

  it.each(['', 'strike', 'move x y z', 'fund iamd', 'strike a -> b ships nsm 8', 'launch the nukes'])(
    'parseOrder(%j) is null',
    (line) => {
      expect(parseOrder(line)).toBeNull();
    },
  );
});

describe('legalOrders: one legality source', () => {
  it.each(positions())('every order listed for %s passes validateOrder and applyAction', (_n, s, sc) => {
    for (const f of FACTIONS) {
      const list = legalOrders(s, sc, f);
      expect(list.length).toBeGreaterThan(0);
      for (const o of list) {
        expect(codeOf(validateOrder(s, sc, f, o)), formatOrder(o)).toBe('ok');
        expect(codeOf(applyAction(sc, s, { type: 'order', seat: f, order: o })), formatOrder(o)).toBe('ok');
      }
    }
  });

  it('a committed faction, or an ended match, has no legal orders', () => {
    const s = act(inv, war(), { type: 'commit', seat: 'us' });
    expect(legalOrders(s, inv, 'us')).toEqual([]);
    const ended = patch(s, (d) => (d.stage = 'ended'));
    for (const f of FACTIONS) expect(legalOrders(ended, inv, f)).toEqual([]);
  });

  // Perft: counts of legal orders from a pinned position, recorded once from the engine
  // (taiwan-invasion scenario hash noted below). A rules change — or a change to the
  // scenario's order of battle — that alters a count must update this table
  // deliberately, after checking that the new count is what the rules intend.
  const PERFT = {
    scenarioHash: 'd1b9b8019957b167',
    counts: { japan: 462, us: 276, china: 1269, taiwan: 256 } as Record<Faction, number>,
  };
  it.each(FACTIONS)('perft: %s at newMatch(taiwan-invasion, seed "perft")', (f) => {
    const s = newMatch(inv, { seed: 'perft' });
    const n = legalOrders(s, inv, f).length;
    expect(
      n,
      inv.hash === PERFT.scenarioHash
        ? 'legal-order count changed: a rules change must update PERFT deliberately'
        : `taiwan-invasion changed (hash ${inv.hash}, table made at ${PERFT.scenarioHash}): re-check and update PERFT`,
    ).toBe(PERFT.counts[f]);
  });
});

describe('does not mutate state', () => {
  it('applyAction leaves its input deep-equal to a clone taken before, for every action of a bot game', () => {
    const { record } = runMatch(inv, { china: 'aggressive' }, 'mutation');
    let s = newMatch(inv, { seed: record.seed });
    for (const a of record.actions) {
      const before = structuredClone(s);
      const r = applyAction(inv, s, a);
      expect(r.ok).toBe(true);
      expect(s).toEqual(before);
      if (r.ok) s = r.value;
    }
    expect(s.stage).toBe('ended');
  });

  it('adjudication, views, estimates and legal orders work on a deeply frozen state', () => {
    let s = war();
    s = act(inv, s, { type: 'order', seat: 'japan', order: jpStrike });
    s = act(inv, s, { type: 'order', seat: 'china', order: cnStrike });
    s = act(inv, s, { type: 'propose', seat: 'us', kind: 'shared-isr' });
    s = act(inv, s, { type: 'answer', seat: 'japan', proposal: s.proposals[0]!.id, accept: true });
    const frozen = deepFreeze(structuredClone(s));
    const before = structuredClone(frozen);
    const next = adjudicate(frozen, inv);
    expect(next.round).toBe(2);
    for (const seat of ['japan', 'us', 'china', 'taiwan', 'white', 'observer'] as const)
      viewFor(frozen, seat);
    for (const f of FACTIONS) {
      deterrenceEstimate(frozen, inv, f);
      legalOrders(frozen, inv, f);
    }
    expect(commitAll(inv, frozen).round).toBe(2);
    expect(frozen).toEqual(before);
  });

  it('an illegal action returns an error and leaves the state alone', () => {
    const s = deepFreeze(war());
    const r = applyAction(inv, s, { type: 'order', seat: 'japan', order: { type: 'escalate', to: 5 } });
    expect(codeOf(r)).toBe('ERR_NOT_YOURS');
  });
});
