/**
 * The reducer and the round (game/engine/apply.ts and adjudicate.ts), through the front door:
 * what each action changes and logs, that a refused action changes nothing, that the state
 * passed in is never touched, and what closing a round writes — the orders in effect, orders
 * held for a ruling, the round's summary row, Red's best option (to China and White Cell
 * only), the next round opened, the log digest, and the ending.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  applyAction,
  byFaction,
  COMBINED_COST,
  coordinationCapacity,
  FACTIONS,
  type MatchState,
  newMatch,
  offerResponders,
  type Scenario,
  scoreVector,
} from '../game/index.ts';
import { act, actAll, codeOf, commitAll, deepFreeze, patch, scenario } from './helpers.ts';
import { eventsSince, play, quiet } from './round.ts';

const base = quiet(scenario('takaichi-2025'));
/** The same scenario with White Cell ruling on declarations and US intervention. */
const seminar: Scenario = { ...base, seminar: { approvals: ['legal-declaration', 'us-intervention'] } };

/** Round 1 in a quarantine (rung 2), where declarations, intervention and offers are open. */
const fresh = (sc: Scenario = base, white = false): MatchState =>
  patch(newMatch(sc, { seed: 'reducer', white }), (d) => {
    d.escalation = 2;
  });
const refused = (sc: Scenario, s: MatchState, a: Action): string => codeOf(applyAction(sc, s, a));

describe('applyAction: refusals change nothing', () => {
  it("refuses a state from another scenario, naming the match's scenario and hash", () => {
    const s = fresh();
    const other = scenario('taiwan-quarantine');
    const r = applyAction(other, s, { type: 'commit', seat: 'japan' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ERR_SCENARIO_MISMATCH');
    expect(r.error.message).toContain(s.scenarioId);
    expect(r.error.message).toContain(s.scenarioHash);
  });

  it('returns the validation error for an illegal action, and the state passed in stays as it was', () => {
    const s = deepFreeze(fresh());
    const before = JSON.stringify(s);
    expect(refused(base, s, { type: 'withdraw', seat: 'japan', index: 0 })).toBe('ERR_NO_ORDER');
    expect(refused(base, s, { type: 'order', seat: 'japan', order: { type: 'escalate', to: 3 } })).not.toBe(
      'ok',
    );
    expect(JSON.stringify(s)).toBe(before);
  });

  it('never writes to the state passed in, whatever the action (the input is frozen throughout)', () => {
    let s = fresh(seminar, true);
    const actions: Action[] = [
      { type: 'order', seat: 'japan', order: { type: 'invest-command' } },
      { type: 'order', seat: 'japan', order: { type: 'declare', status: 'important-influence' } },
      { type: 'withdraw', seat: 'japan', index: 0 },
      { type: 'propose', seat: 'us', kind: 'us-ops-from-japan' },
      { type: 'offer', seat: 'taiwan', terms: 'status-quo-ante' },
      {
        type: 'inject',
        seat: 'white',
        text: 'A typhoon',
        effects: [{ track: 'taiwan.publicWill', delta: -2 }],
      },
      { type: 'amend', seat: 'white', track: 'china.resolve', delta: 0.1, reason: 'calibration' },
      { type: 'set-timer', seat: 'white', seconds: 120 },
    ];
    for (const a of actions) {
      const frozen = deepFreeze(s);
      s = act(seminar, frozen, a);
      expect(s).not.toBe(frozen);
    }
  });
});

describe('applyAction: orders and withdrawals', () => {
  it("an order is added to its seat's pending orders only, as a copy the caller cannot change", () => {
    const s = fresh();
    const mutable = { type: 'fund', program: 'iamd', amount: 1 } as {
      type: 'fund';
      program: string;
      amount: number;
    };
    const next = actAll(base, s, [
      { type: 'order', seat: 'japan', order: mutable },
      { type: 'order', seat: 'japan', order: { type: 'invest-command' } },
    ]);
    mutable.amount = 99;
    expect(next.pending.japan.orders).toEqual([
      { type: 'fund', program: 'iamd', amount: 1 },
      { type: 'invest-command' },
    ]);
    for (const f of FACTIONS.filter((x) => x !== 'japan')) expect(next.pending[f]).toEqual(s.pending[f]);
    expect(s.pending.japan.orders).toEqual([]);
  });

  it('an order that needs a ruling, with White Cell seated, files a request and logs it to the seat and White Cell', () => {
    const s = act(seminar, fresh(seminar, true), {
      type: 'order',
      seat: 'japan',
      order: { type: 'invest-command' },
    });
    const next = act(seminar, s, {
      type: 'order',
      seat: 'japan',
      order: { type: 'declare', status: 'important-influence' },
    });
    expect(next.requests).toEqual([
      {
        id: `R${s.counter + 1}`,
        round: 1,
        seat: 'japan',
        kind: 'legal-declaration',
        orderIndex: 1,
        status: 'pending',
      },
    ]);
    expect(next.counter).toBe(s.counter + 1);
    expect(eventsSince(s, next, 'approval-requested')).toEqual([
      {
        data: { faction: 'japan', order: { type: 'declare', status: 'important-influence' } },
        visibleTo: ['japan', 'white'],
      },
    ]);
    expect(next.pending.japan.orders).toHaveLength(2);
  });

  it('without White Cell, or for an order the scenario does not put to a ruling, no request is filed', () => {
    const declare: Action = {
      type: 'order',
      seat: 'japan',
      order: { type: 'declare', status: 'important-influence' },
    };
    expect(act(seminar, fresh(seminar, false), declare).requests).toEqual([]);
    expect(act(base, fresh(base, true), declare).requests).toEqual([]);
    expect(
      act(seminar, fresh(seminar, true), { type: 'order', seat: 'japan', order: { type: 'invest-command' } })
        .requests,
    ).toEqual([]);
  });

  it("a withdrawal removes that order and its request, and renumbers the seat's later requests", () => {
    const s = actAll(seminar, fresh(seminar, true), [
      { type: 'order', seat: 'us', order: { type: 'intervene' } },
      { type: 'order', seat: 'us', order: { type: 'invest-command' } },
      { type: 'order', seat: 'japan', order: { type: 'declare', status: 'important-influence' } },
      { type: 'order', seat: 'us', order: { type: 'two-plus-two' } },
    ]);
    const usRequest = s.requests.find((r) => r.seat === 'us')!;
    const japanRequest = s.requests.find((r) => r.seat === 'japan')!;
    expect(usRequest.orderIndex).toBe(0);

    // Withdrawing the US's first order drops its request; Japan's request keeps its index.
    const next = act(seminar, s, { type: 'withdraw', seat: 'us', index: 0 });
    expect(next.pending.us.orders).toEqual([{ type: 'invest-command' }, { type: 'two-plus-two' }]);
    expect(next.requests).toEqual([japanRequest]);

    // Withdrawing an order before a request moves the request down by one.
    const t = actAll(seminar, fresh(seminar, true), [
      { type: 'order', seat: 'japan', order: { type: 'invest-command' } },
      { type: 'order', seat: 'japan', order: { type: 'declare', status: 'important-influence' } },
    ]);
    const moved = act(seminar, t, { type: 'withdraw', seat: 'japan', index: 0 });
    expect(moved.requests.map((r) => r.orderIndex)).toEqual([0]);
    expect(moved.pending.japan.orders).toEqual([{ type: 'declare', status: 'important-influence' }]);
    expect(t.requests.map((r) => r.orderIndex)).toEqual([1]);

    // Only the withdrawing seat's requests of this round move: Japan's at index 1, and a US
    // request kept from an earlier round at index 1, stay where they are.
    const mixed = patch(
      actAll(seminar, fresh(seminar, true), [
        { type: 'order', seat: 'us', order: { type: 'invest-command' } },
        { type: 'order', seat: 'japan', order: { type: 'invest-command' } },
        { type: 'order', seat: 'japan', order: { type: 'declare', status: 'important-influence' } },
      ]),
      (d) => {
        d.requests.push({
          id: 'R-old',
          round: 0,
          seat: 'us',
          kind: 'us-intervention',
          orderIndex: 1,
          status: 'approved',
        });
      },
    );
    const after = act(seminar, mixed, { type: 'withdraw', seat: 'us', index: 0 });
    expect(after.requests.map((r) => [r.seat, r.round, r.orderIndex])).toEqual([
      ['japan', 1, 1],
      ['us', 0, 1],
    ]);
  });
});

describe('applyAction: committing, proposals and answers', () => {
  it('the last commit adjudicates the round when no White Cell sits; with one, it waits for advance', () => {
    const s = fresh();
    const three = actAll(
      base,
      s,
      (['japan', 'us', 'china'] as const).map((seat): Action => ({ type: 'commit', seat })),
    );
    expect(three.round).toBe(1);
    expect(three.pending.china.committed).toBe(true);
    expect(three.pending.taiwan.committed).toBe(false);
    expect(act(base, three, { type: 'commit', seat: 'taiwan' }).round).toBe(2);

    const w = commitAll(base, fresh(base, true));
    expect(w.round).toBe(1);
    expect(FACTIONS.every((f) => w.pending[f].committed)).toBe(true);
    const advanced = act(base, w, { type: 'advance', seat: 'white' });
    expect(advanced.round).toBe(2);
    expect(FACTIONS.every((f) => !advanced.pending[f].committed)).toBe(true);
  });

  it('a proposal goes to the partner with a fresh id, its zone and strike copied, logged to the alliance and White Cell', () => {
    const s = fresh();
    const next = act(base, s, { type: 'propose', seat: 'japan', kind: 'iamd-cover', zone: 'okinawa' });
    expect(next.proposals).toEqual([
      {
        id: `P${s.counter + 1}`,
        round: 1,
        by: 'japan',
        to: 'us',
        kind: 'iamd-cover',
        zone: 'okinawa',
        status: 'open',
      },
    ]);
    expect(eventsSince(s, next, 'proposal-made')).toEqual([
      { data: { by: 'japan', operation: 'iamd-cover' }, visibleTo: ['japan', 'us', 'white'] },
    ]);
    const us = act(base, s, { type: 'propose', seat: 'us', kind: 'shared-isr' });
    expect(us.proposals[0]).toMatchObject({ by: 'us', to: 'japan', kind: 'shared-isr' });
    expect(us.proposals[0]).not.toHaveProperty('zone');
    expect(us.proposals[0]).not.toHaveProperty('strike');
  });

  it("accepting spends the operation's coordination capacity; refusing spends none; both are logged", () => {
    const s = act(base, fresh(), { type: 'propose', seat: 'us', kind: 'shared-isr' });
    const id = s.proposals[0]!.id;
    const yes = act(base, s, { type: 'answer', seat: 'japan', proposal: id, accept: true });
    expect(yes.proposals[0]!.status).toBe('accepted');
    expect(yes.alliance.capacityUsed).toBe(s.alliance.capacityUsed + COMBINED_COST['shared-isr']);
    expect(eventsSince(s, yes, 'proposal-answered')).toEqual([
      {
        data: { by: 'japan', accept: true, proposer: 'us', operation: 'shared-isr' },
        visibleTo: ['japan', 'us', 'white'],
      },
    ]);
    const no = act(base, s, { type: 'answer', seat: 'japan', proposal: id, accept: false });
    expect(no.proposals[0]!.status).toBe('refused');
    expect(no.alliance.capacityUsed).toBe(s.alliance.capacityUsed);
    expect(eventsSince(s, no, 'proposal-answered')[0]!.data.accept).toBe(false);
    expect(s.proposals[0]!.status).toBe('open');
  });
});

describe('applyAction: off-ramps', () => {
  /** China's offer, made a round earlier so it may be answered now. */
  const offered = (): MatchState =>
    patch(act(base, fresh(), { type: 'offer', seat: 'china', terms: 'ceasefire-in-place' }), (d) => {
      d.offers = d.offers.map((o) => ({ ...o, round: d.round - 1 }));
    });

  it('an offer opens with a fresh id and no answers, logged to all', () => {
    const s = fresh();
    const next = act(base, s, { type: 'offer', seat: 'china', terms: 'ceasefire-in-place' });
    expect(next.offers).toEqual([
      {
        id: `T${s.counter + 1}`,
        round: 1,
        by: 'china',
        terms: 'ceasefire-in-place',
        answers: {},
        status: 'open',
      },
    ]);
    const [e] = eventsSince(s, next, 'terms-offered');
    expect(e?.data).toEqual({ by: 'china', terms: 'ceasefire-in-place' });
  });

  it('one refusal closes the offer; every responder accepting ends the match in terms agreed', () => {
    const s = offered();
    const id = s.offers[0]!.id;
    const no = act(base, s, { type: 'respond', seat: 'taiwan', offer: id, accept: false });
    expect(no.offers[0]!.status).toBe('refused');
    expect(no.stage).toBe('planning');
    expect(eventsSince(s, no, 'offer-answered')[0]!.data).toEqual({
      by: 'taiwan',
      accept: false,
      offeredBy: 'china',
      terms: 'ceasefire-in-place',
    });

    let cur = s;
    const responders = offerResponders(s, base, 'china');
    expect(responders.length).toBeGreaterThan(0);
    for (const [i, f] of responders.entries()) {
      cur = act(base, cur, { type: 'respond', seat: f, offer: id, accept: true });
      const last = i === responders.length - 1;
      expect(cur.offers[0]!.status).toBe(last ? 'accepted' : 'open');
      expect(cur.stage).toBe(last ? 'ended' : 'planning');
    }
    expect(cur.outcome).toEqual({
      category: 'terms-agreed',
      round: 1,
      reason: 'ceasefire-in-place offered by china and accepted',
    });
    expect(eventsSince(s, cur, 'terms-agreed').map((e) => e.data)).toEqual([{ terms: 'ceasefire-in-place' }]);
  });
});

describe('applyAction: White Cell', () => {
  it('an inject applies each effect and logs each track from and to', () => {
    const s = fresh(base, true);
    const next = act(base, s, {
      type: 'inject',
      seat: 'white',
      text: 'A typhoon',
      effects: [
        { track: 'taiwan.publicWill', delta: -2 },
        { track: 'us.commitment', delta: 3 },
      ],
    });
    expect(next.taiwan.publicWill).toBe(s.taiwan.publicWill - 2);
    expect(next.us.commitment).toBe(s.us.commitment + 3);
    expect(eventsSince(s, next, 'inject')[0]!.data).toEqual({
      text: 'A typhoon',
      effects: [
        { track: 'taiwan.publicWill', delta: -2, from: s.taiwan.publicWill, to: s.taiwan.publicWill - 2 },
        { track: 'us.commitment', delta: 3, from: s.us.commitment, to: s.us.commitment + 3 },
      ],
    });
  });

  it('an amendment changes one track and logs its new value and the reason', () => {
    const s = fresh(base, true);
    const next = act(base, s, {
      type: 'amend',
      seat: 'white',
      track: 'china.resolve',
      delta: 0.25,
      reason: 'calibration',
    });
    expect(next.china.resolve).toBeCloseTo(s.china.resolve + 0.25, 9);
    expect(eventsSince(s, next, 'amendment')[0]!.data).toEqual({
      track: 'china.resolve',
      delta: 0.25,
      value: next.china.resolve,
      reason: 'calibration',
    });
  });

  it('a ruling approves or denies the request, logged to the seat and White Cell', () => {
    const s = act(seminar, fresh(seminar, true), { type: 'order', seat: 'us', order: { type: 'intervene' } });
    const id = s.requests[0]!.id;
    const yes = act(seminar, s, { type: 'rule', seat: 'white', request: id, approve: true });
    const no = act(seminar, s, { type: 'rule', seat: 'white', request: id, approve: false });
    expect(yes.requests[0]!.status).toBe('approved');
    expect(no.requests[0]!.status).toBe('denied');
    expect(eventsSince(s, no, 'ruling')).toEqual([
      { data: { approve: false, seat: 'us', request: 'us-intervention' }, visibleTo: ['us', 'white'] },
    ]);
  });

  it('the timer: set (not paused unless asked), then expiry commits whoever has not, lapsing their open proposals', () => {
    const s = fresh(base, true);
    const set = act(base, s, { type: 'set-timer', seat: 'white', seconds: 90 });
    expect(set.white.timerSeconds).toBe(90);
    expect(set.white.paused).toBe(false);
    expect(act(base, set, { type: 'set-timer', seat: 'white', seconds: 90, paused: true }).white.paused).toBe(
      true,
    );

    const pending = actAll(base, set, [
      { type: 'commit', seat: 'china' },
      { type: 'propose', seat: 'us', kind: 'shared-isr' },
    ]);
    const expired = act(base, pending, { type: 'timer-expired', seat: 'white' });
    expect(FACTIONS.every((f) => expired.pending[f].committed)).toBe(true);
    expect(expired.proposals[0]!.status).toBe('lapsed');
    expect(expired.round).toBe(1); // White Cell still advances the round
    expect(eventsSince(pending, expired, 'timer-expired').map((e) => e.data.faction)).toEqual(
      FACTIONS.filter((f) => f !== 'china'),
    );

    // An answered proposal stays as answered; only open ones lapse.
    const answered = act(base, pending, {
      type: 'answer',
      seat: 'japan',
      proposal: pending.proposals[0]!.id,
      accept: true,
    });
    const later = act(base, answered, { type: 'propose', seat: 'japan', kind: 'logistics-support' });
    const expired2 = act(base, later, { type: 'timer-expired', seat: 'white' });
    expect(expired2.proposals.map((p) => [p.by, p.status])).toEqual([
      ['us', 'accepted'],
      ['japan', 'lapsed'],
    ]);

    // Without White Cell the expiry closes the round.
    const alone = act(base, fresh(), { type: 'timer-expired', seat: 'white' });
    expect(alone.round).toBe(2);
  });

  it('ending the match gives it its own outcome, with the situation then as the assessment', () => {
    const s = fresh(base, true);
    const next = act(base, s, { type: 'end', seat: 'white', reason: 'out of time' });
    expect(next.stage).toBe('ended');
    expect(next.outcome).toMatchObject({
      category: 'ended-by-facilitator',
      round: 1,
      reason: 'White Cell ended the match: out of time',
    });
    expect(next.outcome?.assessment).toBeTypeOf('string');
    expect(next.outcome?.assessment).not.toBe('ended-by-facilitator');
    expect(eventsSince(s, next, 'white-ended').map((e) => e.data)).toEqual([{ reason: 'out of time' }]);
    expect(refused(base, next, { type: 'commit', seat: 'japan' })).toBe('ERR_MATCH_ENDED');
  });
});

describe('adjudicate: closing a round', () => {
  it('logs each order in effect to its faction and White Cell, and holds an order still awaiting or denied a ruling', () => {
    const s = actAll(seminar, fresh(seminar, true), [
      { type: 'order', seat: 'japan', order: { type: 'invest-command' } },
      { type: 'order', seat: 'japan', order: { type: 'declare', status: 'important-influence' } },
      { type: 'order', seat: 'us', order: { type: 'intervene' } },
    ]);
    const usReq = s.requests.find((r) => r.seat === 'us')!;
    const denied = act(seminar, s, { type: 'rule', seat: 'white', request: usReq.id, approve: false });
    const next = act(seminar, commitAll(seminar, denied), { type: 'advance', seat: 'white' });
    expect(eventsSince(denied, next, 'orders-in-effect')).toEqual([
      { data: { faction: 'japan', order: { type: 'invest-command' } }, visibleTo: ['japan', 'white'] },
    ]);
    expect(eventsSince(denied, next, 'order-held')).toEqual([
      { data: { faction: 'japan', orderType: 'declare', denied: false }, visibleTo: ['japan', 'white'] },
      { data: { faction: 'us', orderType: 'intervene', denied: true }, visibleTo: ['us', 'white'] },
    ]);
    expect(next.japan.legalStatus).toBe(s.japan.legalStatus);
    expect(next.us.intervening).toBe(false);

    // Approved, the order takes effect.
    const jpReq = s.requests.find((r) => r.seat === 'japan')!;
    const approved = act(seminar, s, { type: 'rule', seat: 'white', request: jpReq.id, approve: true });
    const after = act(seminar, commitAll(seminar, approved), { type: 'advance', seat: 'white' });
    expect(eventsSince(approved, after, 'orders-in-effect').map((e) => e.data.order.type)).toEqual([
      'invest-command',
      'declare',
    ]);
  });

  it("writes the round's summary row from the state the round ends in", () => {
    const s = fresh();
    const next = play(base, s);
    expect(next.history).toHaveLength(1);
    const row = next.history[0]!;
    const best = next.deterrence!.best;
    expect(row).toEqual({
      round: 1,
      escalation: next.escalation,
      redBestTemptation: best?.temptation ?? 0,
      deterrenceMargin: next.deterrence!.margin,
      cohesion: next.alliance.cohesion,
      commandLevel: next.alliance.commandLevel,
      capacity: coordinationCapacity(next),
      japanSupport: next.japan.publicSupport,
      taiwanWill: next.taiwan.publicWill,
      energyDays: next.taiwan.energyDays,
      stockpiles: byFaction((f) => Object.values(next.stockpiles[f]).reduce((a, b) => a + b, 0)),
      budgets: next.budgets,
      losses: scoreVector(next).totalLosses,
    });
    expect(play(base, next).history.map((r) => r.round)).toEqual([1, 2]);
  });

  it("logs Red's best option to China and White Cell only, and the round's close to all", () => {
    const s = fresh();
    const next = play(base, s);
    const best = next.deterrence!.best!;
    expect(best).not.toBeNull();
    expect(eventsSince(s, next, 'red-best-option')).toEqual([
      {
        data: { rung: best.rung, temptation: best.temptation, resolve: next.china.resolve },
        visibleTo: ['china', 'white'],
      },
    ]);
    expect(eventsSince(s, next, 'round-adjudicated').map((e) => e.data)).toEqual([{ round: 1 }]);
  });

  it('opens the next round: plans cleared, capacity spent only on consent in force, events applied', () => {
    const s = actAll(base, fresh(), [
      { type: 'order', seat: 'japan', order: { type: 'invest-command' } },
      { type: 'propose', seat: 'us', kind: 'shared-isr' },
    ]);
    const next = play(base, s, { japan: [{ type: 'invest-command' }] });
    expect(next.round).toBe(2);
    expect(FACTIONS.map((f) => next.pending[f])).toEqual(
      FACTIONS.map(() => ({ orders: [], committed: false })),
    );
    expect(next.proposals).toEqual([]);
    expect(next.alliance.capacityUsed).toBe(0);

    const consent = (round: number): MatchState =>
      patch(fresh(), (d) => {
        d.alliance.consentGranted = true;
        d.alliance.consentRound = round;
      });
    expect(play(base, consent(1)).alliance.capacityUsed).toBe(1);
    expect(play(base, consent(2)).alliance.capacityUsed).toBe(1); // in force from round 2, the round opened
    expect(play(base, consent(3)).alliance.capacityUsed).toBe(0);
  });

  it('folds the log into its digest every round, so a changed entry changes the digest', () => {
    const s = fresh();
    expect(s.logDigest.count).toBe(s.log.length);
    const next = play(base, s);
    expect(next.logDigest.count).toBe(next.log.length);
    expect(next.logDigest.hash).not.toBe(s.logDigest.hash);
    const other = play(base, s, { japan: [{ type: 'invest-command' }] });
    expect(other.logDigest.hash).not.toBe(next.logDigest.hash);
    // The same round played again gives the same digest.
    expect(play(base, s).logDigest).toEqual(next.logDigest);
  });

  it("ends at the scenario's last round with the final assessment, logged with its category and reason", () => {
    const s = patch(fresh(), (d) => {
      d.round = d.maxRounds;
    });
    const next = play(base, s);
    expect(next.stage).toBe('ended');
    expect(next.round).toBe(s.round);
    expect(next.outcome?.reason).toBe('the scenario reached its last round');
    expect(eventsSince(s, next, 'match-ended').map((e) => e.data)).toEqual([
      { category: next.outcome?.category, reason: 'the scenario reached its last round' },
    ]);
    expect(next.logDigest.count).toBe(next.log.length);
    // One round earlier it goes on.
    const before = play(
      base,
      patch(fresh(), (d) => {
        d.round = d.maxRounds - 1;
      }),
    );
    expect(before.stage).toBe('planning');
    expect(before.outcome).toBeNull();
  });

  it('ends early on a decisive outcome (Taiwan conceding under a blockade)', () => {
    const s = patch(fresh(), (d) => {
      d.escalation = 3;
      d.taiwan.publicWill = 5;
    });
    const next = play(base, s);
    expect(next.stage).toBe('ended');
    expect(next.round).toBe(1);
    expect(next.outcome?.category).toBe('coercion-succeeded');
    expect(next.outcome?.reason).not.toBe('the scenario reached its last round');
  });

  it('a round that settles with terms accepted keeps them as its outcome, with no other ending checked', () => {
    const agreed = {
      category: 'terms-agreed' as const,
      round: 1,
      reason: 'status-quo-ante offered by taiwan and accepted',
    };
    const s = patch(fresh(), (d) => {
      d.escalation = 3;
      d.taiwan.publicWill = 5; // would be a decisive ending otherwise
      d.offers = [
        {
          id: 'T1',
          round: 1,
          by: 'taiwan',
          terms: 'status-quo-ante',
          answers: { china: true },
          status: 'accepted',
        },
      ];
      d.outcome = agreed;
    });
    const next = play(base, s);
    expect(next.stage).toBe('ended');
    expect(next.outcome).toEqual(agreed);
    expect(eventsSince(s, next, 'match-ended')[0]?.data.category).toBe('terms-agreed');
  });
});
