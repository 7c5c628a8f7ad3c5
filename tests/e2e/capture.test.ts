/**
 * Seminar data capture in chromium (issue 10; server/capture.ts and the Capture* panels):
 * Japan commits with a one-line rationale, the White Cell reads it in its "Data capture" tab
 * and sets an end-of-round questionnaire, Japan answers it, and the White Cell downloads the
 * CSV with the rationale and the answers in it. Screenshots in artifacts/screenshots.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openSeatPage, type SeatPage, screenshot, sharedServerAndBrowser } from './helpers.ts';

const env = sharedServerAndBrowser();
const WHY = 'Show resolve at Yonaguni without crossing the threshold';
const ORDER_WHY = 'Stockpiles decide a long crisis';

async function joinThrough(p: Page, link: string, name: string): Promise<void> {
  await p.goto(link);
  await p.getByTestId('join-name').fill(name);
  await p.getByTestId('join').click();
  await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('Round 1/');
}

describe('seminar data capture', () => {
  let white: SeatPage;
  let japan: SeatPage;

  it('Japan commits with a rationale; the White Cell reads it', async () => {
    white = await openSeatPage(env.browser);
    const w = white.page;
    await w.goto(env.server.url);
    await w.getByRole('radio', { name: /Taiwan quarantine/ }).check();
    // A pinned seed: under a few seeds (about 1 in 75) the US bot opens round 1 by asking Japan
    // for consent, and an unanswered proposal rightly blocks Japan's commit.
    await w.getByTestId('seed').fill('seminar-capture');
    await w.getByTestId('bot-us').selectOption('baseline');
    await w.getByTestId('bot-china').selectOption('aggressive');
    await w.getByTestId('bot-taiwan').selectOption('baseline');
    await w.getByTestId('create').click();
    await w.getByTestId('join-links').waitFor();
    const links = Object.fromEntries(
      await w.$$eval('[data-seat-link]', (as) =>
        as.map((a) => [(a as HTMLAnchorElement).dataset.seatLink, (a as HTMLAnchorElement).href]),
      ),
    ) as Record<string, string>;
    await joinThrough(w, links.white!, 'Facilitator');
    japan = await openSeatPage(env.browser);
    const j = japan.page;
    await joinThrough(j, links.japan!, 'Aiko');

    await j.getByRole('tab', { name: /^Orders/ }).click();
    // A rationale for one order, beside it in the pending list.
    const program = await j
      .getByTestId('fund-program')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean)[0]);
    await j.getByTestId('fund-program').selectOption(program!);
    await j.getByTestId('add-fund').click();
    const pending = j.getByTestId('pending-orders').locator('li').first();
    await pending.waitFor({ timeout: 10_000 });
    await pending.getByText('Why?').click();
    expect(await pending.getByTestId('order-why-save').isDisabled()).toBe(true);
    await pending.getByTestId('order-why-text').fill(ORDER_WHY);
    await pending.getByTestId('order-why-save').click();
    await expect.poll(() => pending.getByRole('status').innerText(), { timeout: 10_000 }).toContain('Saved.');
    await screenshot(j, 'capture-0-japan-order-why');
    await j.getByLabel('Why? One line, optional').fill(WHY);
    await expect.poll(() => j.getByTestId('commit').isEnabled(), { timeout: 10_000 }).toBe(true);
    await j.getByTestId('commit').click();
    await expect
      .poll(() => j.getByTestId('rationale-status').innerText(), { timeout: 10_000 })
      .toContain('Your reason was saved with the commit.');
    await expect.poll(() => j.getByText('Waiting for the other seats').count(), { timeout: 10_000 }).toBe(1);

    await w.getByRole('tab', { name: 'Data capture' }).click();
    await expect
      .poll(() => w.getByTestId('capture-rationales').innerText(), { timeout: 15_000 })
      .toContain(`Japan: ${WHY}`);
    expect(await w.getByTestId('capture-rationales').innerText()).toMatch(
      new RegExp(`Japan \\(fund [a-z-]+ 1\\): ${ORDER_WHY}`),
    );
    expect(white.errors).toEqual([]);
    expect(japan.errors).toEqual([]);
  }, 120_000);

  it('the White Cell sets a questionnaire and Japan answers it', async () => {
    const w = white.page;
    expect(await w.getByTestId('q-set').isDisabled()).toBe(true);
    expect(await w.getByText('Give the questionnaire a title first.').count()).toBe(1);
    await w.getByTestId('q-title').fill('End of round 1');
    await w.getByTestId('q-prompt-0').fill('Our seat was deterred from escalating');
    await w.getByTestId('q-add-item').click();
    await w.getByTestId('q-kind-1').selectOption('text');
    await w.getByTestId('q-prompt-1').fill('What would have changed your decision?');
    await w.getByTestId('q-title').scrollIntoViewIfNeeded();
    await screenshot(w, 'capture-1-white-questionnaire-builder');
    await w.getByTestId('q-set').click();
    await expect.poll(() => w.getByTestId('q-status').innerText()).toContain('is open to the seats now');

    const j = japan.page;
    const form = j.getByTestId('questionnaire-q1');
    await form.waitFor({ timeout: 15_000 });
    expect(await j.getByTestId('answer-q1').isDisabled()).toBe(true);
    await form.getByRole('radio', { name: /4 \(Agree\)/ }).check();
    await form.getByLabel('What would have changed your decision?').fill('A US carrier group in range');
    await j.getByTestId('answer-q1').click();
    await expect
      .poll(() => j.getByTestId('answer-q1-status').innerText(), { timeout: 10_000 })
      .toContain('Answers saved');
    await expect.poll(() => j.getByTestId('answer-q1').innerText()).toBe('Revise answers');
    await form.scrollIntoViewIfNeeded();
    await screenshot(j, 'capture-2-japan-questionnaire');
    expect(japan.errors).toEqual([]);
  }, 60_000);

  it('the White Cell notes, sees the answer and downloads the CSV', async () => {
    const w = white.page;
    await w.getByTestId('note-text').fill('Japan hesitated over the rules of engagement.');
    await w.getByTestId('note-add').click();
    await expect
      .poll(() => w.getByTestId('capture-notes').innerText(), { timeout: 10_000 })
      .toContain('Round 1');
    await expect
      .poll(() => w.getByTestId('capture-questionnaires').innerText(), { timeout: 15_000 })
      .toContain('End of round 1 · round 1 · answered by Japan');
    const [download] = await Promise.all([w.waitForEvent('download'), w.getByTestId('capture-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^island-chain-.+-capture\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('match,round,seat,kind,question,answer,time');
    expect(csv).toContain(`,1,japan,rationale,commit,${WHY},`);
    expect(csv).toMatch(new RegExp(`,1,japan,rationale,fund [a-z-]+ 1,${ORDER_WHY},`));
    expect(csv).toContain(',1,japan,likert,End of round 1: Our seat was deterred from escalating,4,');
    expect(csv).toContain(
      ',1,japan,free-text,End of round 1: What would have changed your decision?,A US carrier group in range,',
    );
    expect(csv).toContain(',1,white,note,,Japan hesitated over the rules of engagement.,');
    await w.getByTestId('capture-csv').scrollIntoViewIfNeeded();
    await screenshot(w, 'capture-3-white-panel');
    expect(white.errors).toEqual([]);
  }, 60_000);

  it('fits a phone: the Data capture tab and the questionnaire stay within 390 px', async () => {
    for (const [p, name] of [
      [white.page, 'Data capture'],
      [japan.page, 'Orders'],
    ] as const) {
      await p.setViewportSize({ width: 390, height: 844 });
      await p.getByTestId('drawer-toggle').click();
      await p.getByRole('tab', { name }).click();
      const o = await p.locator('#drawer').evaluate((e) => ({
        sw: e.scrollWidth,
        cw: e.clientWidth,
        page: document.documentElement.scrollWidth,
      }));
      expect(o.sw, name).toBeLessThanOrEqual(o.cw + 1);
      expect(o.page, name).toBeLessThanOrEqual(390);
    }
    await screenshot(white.page, 'capture-4-white-phone');
    await japan.page.getByTestId('questionnaire-q1').scrollIntoViewIfNeeded();
    await screenshot(japan.page, 'capture-5-japan-phone');
    expect(white.errors).toEqual([]);
    expect(japan.errors).toEqual([]);
  }, 60_000);
});
