/**
 * End to end (issue 3, "Done when"): one person plays a whole match against server bots in
 * a browser. The match is created through the lobby API with three bot seats; Japan joins
 * through its join link, commits every round through the UI, and sees the match end.
 */
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import { openSeatPage, screenshot, sharedServerAndBrowser } from './helpers.ts';

const SCENARIO = 'senkaku-gray-zone';
const scenario = getScenario(SCENARIO)!;
const env = sharedServerAndBrowser();

describe('a person plays a whole match against bots in a browser', () => {
  it('Japan commits every round through the UI until the match ends', async () => {
    const res = await fetch(`${env.server.url}/games/island-chain/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        numPlayers: 4,
        setupData: {
          scenarioId: SCENARIO,
          bots: { us: 'baseline', china: 'aggressive', taiwan: 'baseline' },
        },
      }),
    });
    expect(res.status).toBe(200);
    const { matchID } = (await res.json()) as { matchID: string };
    const seat = await openSeatPage(env.browser);
    const p = seat.page;
    await p.goto(`${env.server.url}/match/${matchID}?seat=japan`);
    await p.getByTestId('join-name').fill('Solo Player');
    await p.getByTestId('join').click();
    await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('Round 1/');

    let rounds = 0;
    for (let r = 1; r <= scenario.rounds; r++) {
      // A bot partner may have proposed a combined operation: it must be answered before
      // committing (the engine's ERR_UNANSWERED_PROPOSAL), so Japan's player refuses it.
      await p.getByRole('tab', { name: 'Orders' }).click();
      await expect
        .poll(
          async () => {
            if (await p.getByTestId('commit').isEnabled()) return 'ready';
            await p.getByRole('tab', { name: 'Alliance' }).click();
            const refuse = p.locator('[data-proposal] button', { hasText: 'Refuse' });
            if ((await refuse.count()) > 0) await refuse.first().click();
            await p.getByRole('tab', { name: 'Orders' }).click();
            return (await p.getByTestId('commit').isEnabled()) ? 'ready' : 'waiting';
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe('ready');
      await p.getByTestId('commit').click();
      rounds++;
      const want = r < scenario.rounds ? `Round ${r + 1}/` : 'ended';
      await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 20_000 }).toContain(want);
    }
    expect(rounds).toBe(scenario.rounds);
    const banner = await p.getByTestId('round').innerText();
    expect(banner).toMatch(/ended: \S/);
    await screenshot(p, 'solo-end');
    expect(seat.errors).toEqual([]);
  }, 240_000);
});
