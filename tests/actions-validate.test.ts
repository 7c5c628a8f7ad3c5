/**
 * The shared checks every action and order meets before its rule area's own
 * (game/engine/actions.ts and validate.ts): the shape of the action, the seat that may send it,
 * a match that has ended, a seat that has committed, withdrawals of orders that do not exist,
 * commits with a proposal unanswered, and order types that are not the engine's own — each
 * refused with its code and a message that names the problem, never a throw.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  applyAction,
  type MatchState,
  type Order,
  validateAction,
  validateOrder,
} from '../game/index.ts';
import { act, codeOf, patch, start } from './helpers.ts';

const { sc, s } = start('takaichi-2025', 'validate');
/** The same match with a White Cell seat. */
const white = start('takaichi-2025', 'validate', true).s;
const ended = patch(s, (d) => {
  d.stage = 'ended';
});
const committed = patch(s, (d) => {
  d.pending.japan = { orders: [{ type: 'invest-command' }], committed: true };
});
const withOrder = act(sc, s, { type: 'order', seat: 'us', order: { type: 'invest-command' } });

const check = (state: MatchState, a: unknown) => validateAction(state, sc, a as Action);
/** 'ok', or the refusal's code and message. */
const refusal = (state: MatchState, a: unknown) => {
  const r = check(state, a);
  return r.ok ? 'ok' : r.error;
};

describe('validateOrder: the checks every order shares', () => {
  it('refuses any order once the match has ended', () => {
    const r = validateOrder(ended, sc, 'japan', { type: 'invest-command' });
    expect(r).toEqual({ ok: false, error: { code: 'ERR_MATCH_ENDED', message: 'the match has ended' } });
  });

  it('refuses an order from a seat that has committed, naming the seat and the round', () => {
    const r = validateOrder(committed, sc, 'japan', { type: 'invest-command' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'ERR_COMMITTED', message: 'japan has already committed its orders for round 1' },
    });
    // Another seat may still order.
    expect(validateOrder(committed, sc, 'us', { type: 'invest-command' }).ok).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'launch' }, 'unknown order type "launch"'],
    ['no type', {}, 'unknown order type "undefined"'],
    ['a type that is not a string', { type: 7 }, 'unknown order type "7"'],
    ['a name every object inherits (toString)', { type: 'toString' }, 'unknown order type "toString"'],
    ['the prototype key', { type: '__proto__' }, 'unknown order type "__proto__"'],
    ['constructor', { type: 'constructor' }, 'unknown order type "constructor"'],
  ])('refuses %s as ERR_BAD_ORDER', (_what, order, message) => {
    expect(validateOrder(s, sc, 'japan', order as unknown as Order)).toEqual({
      ok: false,
      error: { code: 'ERR_BAD_ORDER', message },
    });
  });

  it("hands a known type to its rule area's check", () => {
    expect(validateOrder(s, sc, 'japan', { type: 'invest-command' }).ok).toBe(true);
    expect(validateOrder(s, sc, 'china', { type: 'invest-command' }).ok).toBe(false);
  });
});

describe('validateAction: the shape and the seat', () => {
  it.each([
    ['null', null],
    ['a string', 'commit'],
    ['a number', 3],
    ['an object without a type', { seat: 'japan' }],
    ['a type that is not a string', { type: 4, seat: 'japan' }],
  ])('refuses %s as ERR_BAD_ACTION', (_what, a) => {
    expect(refusal(s, a)).toEqual({
      code: 'ERR_BAD_ACTION',
      message: 'an action is an object with a "type"',
    });
  });

  it('refuses an unknown action type by name', () => {
    expect(refusal(s, { type: 'surrender', seat: 'china' })).toEqual({
      code: 'ERR_BAD_ACTION',
      message: 'unknown action type "surrender"',
    });
  });

  it('refuses every action once the match has ended', () => {
    for (const a of [
      { type: 'commit', seat: 'japan' },
      { type: 'order', seat: 'japan', order: { type: 'invest-command' } },
      { type: 'advance', seat: 'white' },
    ])
      expect(codeOf(check(ended, a))).toBe('ERR_MATCH_ENDED');
  });

  it.each(['white', 'russia', undefined, 0])(
    'orders, withdrawals and commits come from a faction seat, not %j',
    (seat) => {
      expect(codeOf(check(s, { type: 'order', seat, order: { type: 'invest-command' } }))).toBe(
        'ERR_BAD_SEAT',
      );
      expect(codeOf(check(s, { type: 'withdraw', seat, index: 0 }))).toBe('ERR_BAD_SEAT');
      expect(codeOf(check(s, { type: 'commit', seat }))).toBe('ERR_BAD_SEAT');
    },
  );

  it('an order action must carry an order object', () => {
    for (const order of [undefined, null, 'invest-command'])
      expect(refusal(s, { type: 'order', seat: 'japan', order })).toEqual({
        code: 'ERR_BAD_ORDER',
        message: 'missing order',
      });
  });

  it('a payload that breaks a rule check is refused as malformed, naming the action, not thrown', () => {
    const r = check(white, { type: 'inject', seat: 'white', text: 'A storm', effects: [null] });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'ERR_MALFORMED',
        message: 'malformed "inject" action: a field is missing or has the wrong type',
      },
    });
  });

  it("an inject's effects, when given, are a list; applying a bad one changes nothing instead of throwing", () => {
    for (const effects of [null, 'taiwan.publicWill-5', { track: 'taiwan.publicWill', delta: -5 }, 3]) {
      const a = { type: 'inject', seat: 'white', text: 'A storm', effects } as never;
      expect(refusal(white, a)).toEqual({
        code: 'ERR_BAD_EFFECTS',
        message: "an inject's effects are a list of changes to tracks",
      });
      expect(applyAction(sc, white, a).ok).toBe(false);
    }
  });

  it('an inject that leaves its effects out is applied as one that changes no track', () => {
    const r = applyAction(sc, white, { type: 'inject', seat: 'white', text: 'A rumour' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const last = r.value.log.at(-1)!;
    expect(last.kind).toBe('inject');
    expect(last.data).toEqual({ text: 'A rumour', effects: [] });
    expect(r.value.taiwan).toEqual(white.taiwan);
  });
});

describe('validateAction: withdrawals and commits', () => {
  it('a withdrawal names a pending order of the seat by its index', () => {
    expect(codeOf(check(withOrder, { type: 'withdraw', seat: 'us', index: 0 }))).toBe('ok');
    for (const index of [1, -1, 0.5, '0', null, Number.NaN])
      expect(refusal(withOrder, { type: 'withdraw', seat: 'us', index })).toEqual({
        code: 'ERR_NO_ORDER',
        message: `no pending order #${index}`,
      });
    expect(codeOf(check(withOrder, { type: 'withdraw', seat: 'japan', index: 0 }))).toBe('ERR_NO_ORDER');
  });

  it('a committed seat can neither withdraw nor commit again', () => {
    expect(refusal(committed, { type: 'withdraw', seat: 'japan', index: 0 })).toEqual({
      code: 'ERR_COMMITTED',
      message: 'japan has already committed',
    });
    expect(refusal(committed, { type: 'commit', seat: 'japan' })).toEqual({
      code: 'ERR_COMMITTED',
      message: 'japan has already committed',
    });
    expect(codeOf(check(committed, { type: 'commit', seat: 'us' }))).toBe('ok');
  });

  it('a seat answers the proposals made to it before it commits; the proposer may commit', () => {
    const proposed = act(sc, s, { type: 'propose', seat: 'us', kind: 'shared-isr' });
    const id = proposed.proposals[0]!.id;
    expect(refusal(proposed, { type: 'commit', seat: 'japan' })).toEqual({
      code: 'ERR_UNANSWERED_PROPOSAL',
      message: `answer us's proposal ${id} (shared-isr) before committing`,
    });
    expect(codeOf(check(proposed, { type: 'commit', seat: 'us' }))).toBe('ok');
    const answered = act(sc, proposed, { type: 'answer', seat: 'japan', proposal: id, accept: false });
    expect(codeOf(check(answered, { type: 'commit', seat: 'japan' }))).toBe('ok');
  });
});
