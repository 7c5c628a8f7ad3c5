/**
 * Several tables, one seminar (issue 10), in chromium: a facilitator opens a two-table seminar
 * from the lobby (bots in every faction seat, a seed for each table); the seminar page shows
 * both tables side by side; the facilitator takes each table's White Cell seat from its link
 * and advances a round at each; the seminar page follows; one table is played to its end and
 * the other ended by the White Cell; the comparison shows both tables side by side and places
 * each outcome among a small bot batch of the same scenario. Screenshots in
 * artifacts/screenshots (seminar-*), at 1440×900 and 390×844.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openSeatPage, type SeatPage, screenshot, sharedServerAndBrowser } from './helpers.ts';

const env = sharedServerAndBrowser();

/** Joins a White Cell link in a page of the facilitator's browser and opens the console. */
async function takeWhiteSeat(p: Page, link: string): Promise<void> {
  await p.goto(link);
  await p.getByTestId('join-name').fill('Facilitator');
  await p.getByTestId('join').click();
  await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('Round 1/');
  await p.getByRole('tab', { name: 'White Cell' }).click();
}

/** Advances once every bot has committed; waits for the next round (or the end). */
async function advance(p: Page, round: number): Promise<void> {
  // The board opens the round review after a round: back to the console.
  await p.getByRole('tab', { name: 'White Cell' }).click();
  await expect.poll(() => p.getByTestId('advance').isDisabled(), { timeout: 20_000 }).toBe(false);
  await p.getByTestId('advance').click();
  await expect
    .poll(
      async () => {
        const text = await p.getByTestId('round').innerText();
        return text.includes(`Round ${round + 1}/`) || text.includes('ended');
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

describe('a two-table seminar', () => {
  let facilitator: SeatPage;
  let seminar: Page;
  const whiteLinks: string[] = [];

  it('the lobby opens a seminar of two tables with a seed each', async () => {
    facilitator = await openSeatPage(env.browser);
    const p = facilitator.page;
    await p.setViewportSize({ width: 1440, height: 900 });
    await p.goto(env.server.url);
    await p.getByRole('radio', { name: /Taiwan invasion \(CSIS/ }).check();
    await p.getByTestId('seed').fill('seminar-e2e');
    await p.getByTestId('bot-japan').selectOption('baseline');
    await p.getByTestId('bot-us').selectOption('baseline');
    await p.getByTestId('bot-china').selectOption('aggressive');
    await p.getByTestId('bot-taiwan').selectOption('baseline');
    await p.getByTestId('seminar-tables').selectOption('2');
    await p.getByTestId('seeding-each').check();
    await p.getByTestId('open-seminar').click();
    await p.getByTestId('seminar-created').waitFor();
    await p.getByTestId('seminar-created').scrollIntoViewIfNeeded();
    await screenshot(p, 'seminar-1-lobby');
    const href = await p.getByTestId('seminar-link').getAttribute('href');
    expect(href).toMatch(/\/seminar\/[\w-]+#key=[\w-]{20,}$/);
    await p.getByTestId('seminar-link').click();
    seminar = p;
    await expect.poll(() => p.getByTestId('seminar-table').count(), { timeout: 15_000 }).toBe(2);
  }, 60_000);

  it('shows both tables side by side: round, rung, who has committed, a link to each White Cell seat', async () => {
    const p = seminar;
    const cards = p.getByTestId('seminar-table');
    const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
    expect(a && b).toBeTruthy();
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    for (let i = 0; i < 2; i++) {
      const card = cards.nth(i);
      await expect.poll(() => card.getByTestId('table-round').innerText()).toContain('1 of 8');
      expect(await card.getByTestId('table-rung').innerText()).toMatch(/rung \d/);
      // Every faction is a bot: they commit at once.
      await expect.poll(() => card.locator('[data-committed="true"]').count(), { timeout: 15_000 }).toBe(4);
      expect(await card.getByTestId('table-waiting').innerText()).toContain('waiting for the White Cell');
      const link = await card.getByTestId('white-link').getAttribute('href');
      expect(link).toMatch(/\?seat=white#key=/);
      whiteLinks.push(link!);
    }
    expect(await p.locator('[data-committed]').first().innerText()).toContain('bot (baseline)');
    expect(await p.getByTestId('seminar-summary').innerText()).toContain('a seed for each table');
    await screenshot(p, 'seminar-2-tables');
    expect(facilitator.errors).toEqual([]);
  }, 60_000);

  it('a round is played at each table: the White Cell advances, and the seminar page follows', async () => {
    const pages: Page[] = [];
    for (const link of whiteLinks) {
      const p = await facilitator.context.newPage();
      await p.setViewportSize({ width: 1440, height: 900 });
      await takeWhiteSeat(p, link);
      await advance(p, 1);
      pages.push(p);
    }
    await screenshot(pages[0]!, 'seminar-3-table-1-white-cell');
    const cards = seminar.getByTestId('seminar-table');
    for (let i = 0; i < 2; i++)
      await expect
        .poll(() => cards.nth(i).getByTestId('table-round').innerText(), { timeout: 15_000 })
        .toContain('2 of 8');
    await screenshot(seminar, 'seminar-4-round-2');

    // Table 1 is played to its end; the White Cell ends table 2 with a reason.
    const [one, two] = pages as [Page, Page];
    for (let round = 2; round <= 8; round++) {
      if ((await one.getByTestId('round').innerText()).includes('ended')) break;
      await advance(one, round);
    }
    await screenshot(one, 'seminar-4b-table-1-ended');
    await two.getByRole('tab', { name: 'White Cell' }).click();
    await two
      .getByRole('region', { name: 'End the match' })
      .getByRole('textbox')
      .fill('Time is up in the room');
    await two.getByRole('button', { name: 'End match' }).click();
    await expect.poll(() => two.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('ended');
    for (const p of pages) await p.close();
    for (let i = 0; i < 2; i++)
      await expect
        .poll(() => cards.nth(i).getByTestId('table-round').innerText(), { timeout: 15_000 })
        .toContain('ended');
    expect(await cards.nth(1).getByTestId('table-outcome').innerText()).toContain('Ended by facilitator');
  }, 240_000);

  it('compares the tables and places each outcome among bot games of the scenario', async () => {
    const p = seminar;
    await p.getByTestId('batch-games').fill('12');
    await p.getByTestId('compare').click();
    await expect
      .poll(() => p.getByTestId('placements').count(), { timeout: 120_000, interval: 1000 })
      .toBe(1);
    const lines = await p.locator('[data-placement]').allInnerTexts();
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^Table \d: .+ — \d+% of 12 bot games \(\d+ of 12\)$/);
    const compare = await p.getByTestId('seminar-compare').innerText();
    expect(compare).toContain('Table 1');
    expect(compare).toContain('Table 2');
    expect(compare).toContain('Bot median (12 games)');
    expect((await p.getByTestId('compare-outcome').allInnerTexts()).every((t) => t !== 'in play')).toBe(true);
    await p.getByTestId('placements').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(p, 'seminar-5-placements');
    await p.getByTestId('seminar-compare').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(p, 'seminar-6-comparison');
    await p.setViewportSize({ width: 390, height: 844 });
    await p.evaluate(() => window.scrollTo(0, 0));
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(p, 'seminar-7-phone');
    expect(facilitator.errors).toEqual([]);
  }, 180_000);
});
