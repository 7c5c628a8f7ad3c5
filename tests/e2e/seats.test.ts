/**
 * Seats that survive a new browser (issue 10, item 1), in chromium: the lobby's join links
 * carry each seat's key; Japan's link opened in a second browser context takes the seat over
 * and the first is told; the lobby shows who has committed; the White Cell re-issues Japan's
 * link (the holder is told, the old link stops working, the new one works, also in a browser
 * whose stored credentials went stale), frees a seat and re-issues its own link.
 * Screenshots in artifacts/screenshots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Seat } from '../../game/index.ts';
import {
  losesSeat,
  openSeatPage,
  type SeatPage,
  screenshot,
  sharedServerAndBrowser,
  unexpectedErrors,
} from './helpers.ts';

const env = sharedServerAndBrowser();
const TAKEN_OVER = 'This seat was taken over in another browser';

async function joinThrough(p: Page, link: string, name: string): Promise<void> {
  await p.goto(link);
  await p.getByTestId('join-name').fill(name);
  await p.getByTestId('join').click();
  await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('Round 1/');
}

describe('a seat survives a new browser', () => {
  let links: Record<Seat | 'observer', string>;
  let matchID = '';
  let white: SeatPage;
  let first: SeatPage;
  let second: SeatPage;

  it('the lobby gives each human seat a link with its key', async () => {
    white = await openSeatPage(env.browser);
    const w = white.page;
    await w.goto(env.server.url);
    await w.getByRole('radio', { name: /Taiwan quarantine/ }).check();
    await w.getByTestId('bot-china').selectOption('aggressive');
    await w.getByTestId('bot-taiwan').selectOption('baseline');
    await w.getByTestId('create').click();
    await w.getByTestId('join-links').waitFor();
    links = Object.fromEntries(
      await w.$$eval('[data-seat-link]', (as) =>
        as.map((a) => [(a as HTMLAnchorElement).dataset.seatLink, (a as HTMLAnchorElement).href]),
      ),
    ) as typeof links;
    for (const s of ['japan', 'us', 'white'] as const) expect(links[s]).toMatch(/\?seat=\w+#key=[\w-]{20,}$/);
    expect(links.observer).not.toContain('#key=');
    expect(links.china).toBeUndefined();
    matchID = /\/match\/([^/?#]+)/.exec(links.japan)![1]!;
    await screenshot(w, 'seats-1-lobby-links');
    await joinThrough(w, links.white, 'Facilitator');
    expect(white.errors).toEqual([]);
  });

  it("Japan's link opened in a second browser takes the seat over; the first browser is told and stops", async () => {
    first = await openSeatPage(env.browser);
    await joinThrough(first.page, links.japan, 'Aiko');

    second = await openSeatPage(env.browser);
    const b = second.page;
    await b.goto(links.japan);
    await b.getByTestId('take-over-note').waitFor();
    expect(await b.getByTestId('take-over-note').innerText()).toContain('held by Aiko');
    expect(await b.getByTestId('join-name').inputValue()).toBe('Aiko');
    await screenshot(b, 'seats-2-take-over-offer');
    await b.getByTestId('join-name').fill('Aiko (laptop)');
    losesSeat(first);
    await b.getByTestId('take-over').click();
    await expect.poll(() => b.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('Round 1/');
    await expect.poll(() => b.getByTestId('seat').innerText()).toContain('Aiko (laptop)');

    const a = first.page;
    await expect.poll(() => a.getByText(TAKEN_OVER).count(), { timeout: 10_000 }).toBe(1);
    expect(await a.getByTestId('round').count()).toBe(0);
    await screenshot(a, 'seats-3-first-browser-told');

    // The table is told too.
    await expect
      .poll(() => white.page.getByTestId('seat-notice').innerText(), { timeout: 10_000 })
      .toContain('Japan: the seat was taken over in another browser');
    await screenshot(white.page, 'seats-4-table-told');
    expect(second.errors).toEqual([]);
  });

  it('the lobby shows who has committed this round', async () => {
    const b = second.page;
    await b.getByRole('tab', { name: 'Orders' }).click();
    await expect.poll(() => b.getByTestId('commit').isEnabled(), { timeout: 10_000 }).toBe(true);
    await b.getByTestId('commit').click();
    const lobby = (await openSeatPage(env.browser)).page;
    await lobby.goto(env.server.url);
    const row = lobby.locator(`[data-match="${matchID}"]`);
    await row.waitFor();
    await expect
      .poll(() => row.locator('[data-seat=japan]').getAttribute('data-committed'), { timeout: 15_000 })
      .toBe('true');
    expect(await row.locator('[data-seat=us]').getAttribute('data-committed')).toBe('false');
    expect(await row.locator('[data-seat=japan]').innerText()).toContain('Aiko (laptop) · committed');
    await row.scrollIntoViewIfNeeded();
    await screenshot(lobby, 'seats-5-lobby-committed');
  });

  it("the White Cell re-issues Japan's link: the holder is told, the old link fails, the new one works", async () => {
    const w = white.page;
    await w.getByRole('tab', { name: 'White Cell' }).click();
    const panel = w.getByTestId('white-seats');
    await panel.scrollIntoViewIfNeeded();
    await expect
      .poll(() => panel.locator('tr[data-seat=japan]').innerText(), { timeout: 15_000 })
      .toContain('committed');
    losesSeat(second);
    await panel.getByTestId('reissue-japan').click();
    await panel.getByTestId('confirm-seat-action').click();
    const issued = panel.getByTestId('issued-link');
    await issued.waitFor();
    const newLink = (await issued.locator('a').getAttribute('href'))!;
    expect(newLink).toMatch(/\?seat=japan#key=[\w-]{20,}$/);
    expect(newLink).not.toBe(links.japan);
    await expect.poll(() => panel.innerText()).toContain("Japan: the White Cell re-issued the seat's link");
    await panel.scrollIntoViewIfNeeded();
    await screenshot(w, 'seats-6-white-reissued');

    const b = second.page;
    await expect.poll(() => b.getByText("re-issued this seat's link").count(), { timeout: 10_000 }).toBe(1);
    expect(await b.getByTestId('round').count()).toBe(0);
    await screenshot(b, 'seats-7-holder-told-reissued');

    // The old link no longer takes the seat.
    const stranger = (await openSeatPage(env.browser)).page;
    await stranger.goto(links.japan);
    await stranger.getByTestId('take-over').click();
    await expect
      .poll(() => stranger.locator('.reason').last().innerText())
      .toMatch(/403.*does not hold player 0/);
    await screenshot(stranger, 'seats-8-old-link-refused');

    // The first browser still stores its stale credentials: it is told, forgets them, and the
    // new link takes the seat back.
    const a = first.page;
    await a.goto(newLink);
    await a.reload();
    await expect.poll(() => a.getByText('no longer holds the seat').count(), { timeout: 10_000 }).toBe(1);
    await a.getByRole('button', { name: 'Forget my seat on this browser' }).click();
    await a.getByTestId('take-over').click();
    await expect.poll(() => a.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('Round 1/');
    await screenshot(a, 'seats-9-new-link-works');
  });

  it('the White Cell frees a seat: it is open again', async () => {
    const w = white.page;
    const panel = w.getByTestId('white-seats');
    losesSeat(first);
    await panel.getByTestId('free-japan').click();
    await panel.getByTestId('confirm-seat-action').click();
    await panel.getByTestId('issued-link').waitFor();
    await expect
      .poll(() => panel.locator('tr[data-seat=japan]').innerText(), { timeout: 10_000 })
      .toContain('open');
    await expect.poll(() => first.page.getByText('The White Cell freed this seat').count()).toBe(1);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(w, 'seats-10-white-freed');
    await screenshot(first.page, 'seats-11-holder-told-freed');
    for (const p of [white, first, second]) expect(unexpectedErrors(p)).toEqual([]);
  });

  it('the White Cell re-issues its own leaked link: it keeps the seat, the old link no longer takes it', async () => {
    const w = white.page;
    const panel = w.getByTestId('white-seats');
    await panel.getByTestId('reissue-white').click();
    await panel.getByTestId('confirm-seat-action').click();
    await expect
      .poll(() => w.evaluate(() => location.hash), { timeout: 10_000 })
      .toMatch(/^#key=[\w-]{20,}$/);
    // The page reloads itself on the new link: poll, since an evaluate during that navigation throws.
    await expect.poll(() => w.evaluate(() => location.href), { timeout: 10_000 }).not.toBe(links.white);
    await expect.poll(() => w.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('Round 1/');
    await w.getByTestId('white-seats').waitFor();
    await screenshot(w, 'seats-12-white-own-link-reissued');

    const leaked = (await openSeatPage(env.browser)).page;
    await leaked.goto(links.white);
    await leaked.getByTestId('take-over').click();
    await expect
      .poll(() => leaked.locator('.reason').last().innerText())
      .toMatch(/403.*does not hold player 4/);
    expect(white.errors).toEqual([]);
  });
});
