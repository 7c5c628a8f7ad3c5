/**
 * End to end (issue 3, "Done when"): one person plays a whole match against server bots in
 * a browser. The match is created through the lobby API with three bot seats; Japan joins
 * through its join link, commits every round through the UI, and sees the match end.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import {
  ensureClientBuilt,
  launchBrowser,
  openSeatPage,
  type RunningServer,
  removeDir,
  screenshot,
  startTestServer,
} from './helpers.ts';

const SCENARIO = 'senkaku-gray-zone';
const scenario = getScenario(SCENARIO)!;
let server: RunningServer;
let dataDir = '';
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  ({ server, dataDir } = await startTestServer());
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) removeDir(dataDir);
});

describe('a person plays a whole match against bots in a browser', () => {
  it('Japan commits every round through the UI until the match ends', async () => {
    const res = await fetch(`${server.url}/games/island-chain/create`, {
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
    const seat = await openSeatPage(browser);
    const p = seat.page;
    await p.goto(`${server.url}/match/${matchID}?seat=japan`);
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
