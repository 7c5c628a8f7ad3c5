/**
 * The planning timer (DESIGN.md section 4; issue 3): White Cell sets it, the server enforces
 * it by making the `timerExpired` move when it runs out, so uncommitted seats commit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PLAYER_OF_SEAT } from '../../game/bgio.ts';
import type { TimerRecord } from '../../server/timer.ts';
import { createMatch, GAME, http, joinSeat, move, ours, socketClient, until, viewOf } from './helpers.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('planning timer', () => {
  it('runs out on the server: Japan, who never committed, commits what it has', async () => {
    const s = await ours();
    cleanup.push(() => s.close());
    const id = await createMatch(
      s.url,
      {
        scenarioId: 'takaichi-2025',
        white: true,
        bots: { us: 'baseline', china: 'opportunist', taiwan: 'baseline' },
      },
      5,
    );
    const jc = await joinSeat(s.url, id, PLAYER_OF_SEAT.japan, 'Japan');
    const wc = await joinSeat(s.url, id, PLAYER_OF_SEAT.white, 'Facilitator');
    const japan = socketClient(s.url, id, PLAYER_OF_SEAT.japan, jc, 5);
    const white = socketClient(s.url, id, PLAYER_OF_SEAT.white, wc, 5);
    cleanup.push(
      () => japan.stop(),
      () => white.stop(),
    );
    await until(() => viewOf(white) && viewOf(japan), 5000, 'sync');
    const timer = async () =>
      (await http<{ timer: TimerRecord | null }>(`${s.url}/games/${GAME}/${id}/timer`)).json.timer;
    expect(await timer()).toBeNull();

    // Paused, it keeps its time; resumed, it runs.
    move(white, 'setTimer', { seconds: 10, paused: true });
    // `timer()` answers null until the move is stored; wait for the record itself.
    expect(await until(async () => (await timer()) ?? undefined, 5000, 'a paused timer')).toMatchObject({
      round: 1,
      seconds: 10,
      deadline: null,
      remainingMs: 10_000,
    });
    const start = Date.now();
    move(white, 'setTimer', { seconds: 10 });
    const running = await until(
      async () => {
        const t = await timer();
        return t?.deadline ? t : undefined;
      },
      5000,
      'a running timer',
    );
    expect(running.deadline! - start).toBeGreaterThan(9_000);
    expect(running.deadline! - start).toBeLessThanOrEqual(10_500);
    expect(viewOf(white)!.pending.japan.committed).toBe(false);

    await until(() => viewOf(white)!.pending.japan.committed, 15_000, 'the timer to run out');
    expect(Date.now() - start).toBeGreaterThanOrEqual(9_500);
    const view = viewOf(japan)!;
    expect(view.pending.japan.committed).toBe(true);
    expect(view.log.some((e) => /planning timer ran out: Japan commits/.test(e.text))).toBe(true);
    expect(view.round).toBe(1);
    expect(await timer()).toMatchObject({ round: 1, deadline: null });

    // White advances; the next round's planning gets a fresh countdown.
    move(white, 'advance');
    await until(() => viewOf(white)?.round === 2, 5000, 'round 2');
    const next = await until(
      async () => {
        const t = await timer();
        return t?.round === 2 ? t : undefined;
      },
      5000,
      'the round 2 timer',
    );
    expect(next.deadline).toBeGreaterThan(Date.now() + 5_000);
  });
});
