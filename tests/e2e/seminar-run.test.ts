/**
 * A facilitator's whole two-table seminar in chromium (issue 10, "Seminar-ready board"), as the
 * room runs it: the lobby opens two tables of Taiwan quarantine (Japan and the US human, China
 * and Taiwan bots) and the seminar page gives the seat links; each player joins from a browser
 * of their own; Japan's link opened on a second machine takes the seat over and the first is
 * told; the White Cell re-issues the US link (the old one is refused, the new one works);
 * previews an inject (before → after) and sends it, and it shows in the seats' review; Japan
 * commits with a one-line rationale, answers the end-of-round questionnaire, and the White
 * Cell writes a note; both tables advance a round, the White Cell ends table 1, and the
 * seminar page compares the tables; the capture is downloaded as JSON and CSV and the static
 * after-action report is downloaded and opened with JavaScript disabled. Each seat's page and
 * the seminar page are saved at 1440×900 and 390×844 (artifacts/screenshots, seminar-run-*),
 * each from a fresh browser given its size at creation.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  joinThrough,
  losesSeat,
  openSeatPage,
  pageWidth,
  removeDir,
  SEAT_VIEWPORTS,
  type SeatPage,
  screenshot,
  sharedServerAndBrowser,
  unexpectedErrors,
} from './helpers.ts';

const env = sharedServerAndBrowser();
const LAPTOP = SEAT_VIEWPORTS[0];
const RATIONALE = 'Keep the coast guard forward at Yonaguni, no shot first';
const ANSWER = 'A US carrier group within range of the strait';
const NOTE = 'Table 1 argued over the rules of engagement before committing.';
const INJECT = 'Budget crisis: the Diet cuts the defence supplementary budget';
const TRACK = 'japan.defenseSpendingPctGdp';
const NAME = { japan: 'Aiko', us: 'Sam', white: 'Facilitator' } as const;
const TAKEN_OVER = 'This seat was taken over in another browser';

type Seat = 'japan' | 'us' | 'white';
/** The seat links of each table, as the seminar page's copy buttons give them. */
const links: { japan: string; us: string; white: string }[] = [];
const pages: Partial<Record<Seat, SeatPage>> = {};
const page = (s: Seat): Page => pages[s]!.page;
/** Every page opened, for the console errors at the end. */
const opened: { name: string; seat: SeatPage }[] = [];
let facilitator: SeatPage;
let seminarLink = '';
const downloads = mkdtempSync(join(tmpdir(), 'island-chain-seminar-run-'));
afterAll(() => removeDir(downloads));

async function open(name: string, viewport: { width: number; height: number } = LAPTOP): Promise<SeatPage> {
  const seat = await openSeatPage(env.browser, { viewport });
  opened.push({ name, seat });
  return seat;
}

/** Opens a tab of the board's panels (the drawer on a phone is opened by the caller). */
const tab = (p: Page, name: string | RegExp) => p.getByRole('tab', { name }).click();

/** Numbers in a track preview row: "label  before  → after  in range". */
function beforeAfter(row: string): [number, number] {
  const m = /(-?\d+(?:\.\d+)?)\s+→\s+(-?\d+(?:\.\d+)?)/.exec(row);
  expect(m, row).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

async function commit(p: Page): Promise<void> {
  await tab(p, /^Orders/);
  await expect.poll(() => p.getByTestId('commit').isEnabled(), { timeout: 15_000 }).toBe(true);
  await p.getByTestId('commit').click();
  await expect.poll(() => p.getByText('Waiting for the other seats').count(), { timeout: 15_000 }).toBe(1);
}

describe("a facilitator's two-table seminar, end to end", () => {
  it('the facilitator opens a two-table seminar from the lobby and copies the seat links', async () => {
    facilitator = await open('facilitator');
    const p = facilitator.page;
    await facilitator.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: env.server.url,
    });
    await p.goto(env.server.url);
    await p.getByRole('radio', { name: /Taiwan quarantine/ }).check();
    await p.getByTestId('seed').fill('seminar-run');
    await p.getByTestId('bot-china').selectOption('aggressive');
    await p.getByTestId('bot-taiwan').selectOption('baseline');
    await p.getByTestId('seminar-tables').selectOption('2');
    await p.getByTestId('seeding-each').check();
    await p.getByTestId('open-seminar').click();
    await p.getByTestId('seminar-created').waitFor({ timeout: 20_000 });
    seminarLink = (await p.getByTestId('seminar-link').getAttribute('href'))!;
    expect(seminarLink).toMatch(/\/seminar\/[\w-]+#key=[\w-]{20,}$/);
    await p.getByTestId('seminar-link').click();
    const cards = p.getByTestId('seminar-table');
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(2);
    expect(await p.getByTestId('seminar-summary').innerText()).toContain('Taiwan quarantine');
    for (let i = 0; i < 2; i++) {
      const card = cards.nth(i);
      await expect.poll(() => card.getByTestId('white-link').count(), { timeout: 15_000 }).toBe(1);
      await card.locator('details summary', { hasText: "Players' links" }).click();
      const copied: Record<string, string> = {};
      for (const [seat, label] of [
        ['japan', 'Japan'],
        ['us', 'United States'],
      ] as const) {
        await card.getByRole('button', { name: `Copy the ${label} link of Table ${i + 1}` }).click();
        await expect
          .poll(() => p.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 })
          .toMatch(new RegExp(`\\?seat=${seat}#key=[\\w-]{20,}$`));
        copied[seat] = await p.evaluate(() => navigator.clipboard.readText());
      }
      const white = (await card.getByTestId('white-link').getAttribute('href'))!;
      expect(white).toMatch(/\?seat=white#key=[\w-]{20,}$/);
      links.push({ japan: copied.japan!, us: copied.us!, white });
    }
    // Two tables, two different matches.
    expect(links[0]!.japan.split('?')[0]).not.toBe(links[1]!.japan.split('?')[0]);
    expect(facilitator.errors).toEqual([]);
  }, 90_000);

  it("players join from their own browsers; Japan's link on a second machine takes the seat over", async () => {
    const t = links[0]!;
    pages.white = await open('white');
    await joinThrough(page('white'), t.white, 'Facilitator');
    const first = await open('japan (first machine)');
    await joinThrough(first.page, t.japan, 'Aiko');
    pages.us = await open('us');
    await joinThrough(page('us'), t.us, 'Sam');

    pages.japan = await open('japan');
    losesSeat(first);
    const j = page('japan');
    await joinThrough(j, t.japan, 'Aiko (laptop)', { takeOver: true });
    await expect.poll(() => j.getByTestId('seat').innerText()).toContain('Aiko (laptop)');
    await expect.poll(() => first.page.getByText(TAKEN_OVER).count(), { timeout: 15_000 }).toBe(1);
    expect(await first.page.getByTestId('round').count()).toBe(0);
    await expect
      .poll(() => page('white').getByTestId('seat-notice').innerText(), { timeout: 15_000 })
      .toContain('Japan: the seat was taken over in another browser');
    await first.context.close();
  }, 90_000);

  it('the White Cell re-issues the US link: the old link is refused, the new one works', async () => {
    const w = page('white');
    await tab(w, 'White Cell');
    const panel = w.getByTestId('white-seats');
    await expect
      .poll(() => panel.locator('tr[data-seat=us]').innerText(), { timeout: 15_000 })
      .toContain('Sam');
    losesSeat(pages.us!);
    await panel.getByTestId('reissue-us').click();
    await panel.getByTestId('confirm-seat-action').click();
    const issued = panel.getByTestId('issued-link');
    await issued.waitFor({ timeout: 15_000 });
    const fresh = (await issued.locator('a').getAttribute('href'))!;
    expect(fresh).toMatch(/\?seat=us#key=[\w-]{20,}$/);
    expect(fresh).not.toBe(links[0]!.us);

    // Sam's browser is told and stops acting for the seat.
    const us = page('us');
    await expect.poll(() => us.getByText("re-issued this seat's link").count(), { timeout: 15_000 }).toBe(1);
    expect(await us.getByTestId('round').count()).toBe(0);

    // The old link no longer takes the seat.
    const stranger = await open('stranger with the old US link');
    await stranger.page.goto(links[0]!.us);
    await stranger.page.getByTestId('take-over').click();
    await expect
      .poll(() => stranger.page.locator('.reason').last().innerText(), { timeout: 15_000 })
      .toMatch(/403.*does not hold player 1/);
    expect(await stranger.page.getByTestId('round').count()).toBe(0);
    await stranger.context.close();
    // The refusal is the point of this page, not an error of the board.
    opened.splice(
      opened.findIndex((o) => o.seat === stranger),
      1,
    );

    // Sam forgets the old seat and opens the new link in the same browser.
    await us.getByRole('button', { name: 'Forget my seat on this browser' }).click();
    await joinThrough(us, fresh, 'Sam', { takeOver: true });
    expect(await us.getByTestId('seat').innerText()).toContain('United States · Sam');
    links[0]!.us = fresh;
  }, 90_000);

  it('the White Cell previews an inject, before → after, and sends it', async () => {
    const w = page('white');
    await tab(w, 'White Cell');
    await w.getByTestId('inject-text').fill(INJECT);
    await w.locator('.effect-row select').first().selectOption(TRACK);
    await w.locator('.effect-row input[type=number]').first().fill('-0.5');
    const row = w.getByTestId('inject-preview').locator(`tr[data-track="${TRACK}"]`);
    await row.waitFor({ timeout: 10_000 });
    const text = await row.innerText();
    expect(text).toContain("Japan's defense spending (% of GDP)");
    expect(text).toContain('in range');
    const [before, after] = beforeAfter(text);
    expect(after - before).toBeCloseTo(-0.5, 5);
    await row.scrollIntoViewIfNeeded();
    await screenshot(w, 'seminar-run-white-inject-preview');
    await w.getByTestId('inject').click();
    await expect.poll(() => w.getByTestId('inject-text').inputValue(), { timeout: 10_000 }).toBe('');
  }, 60_000);

  it('Japan commits with a rationale; the White Cell sets a questionnaire, Japan answers, the White Cell notes', async () => {
    const j = page('japan');
    await tab(j, /^Orders/);
    await j.getByLabel('Why? One line, optional').fill(RATIONALE);
    await commit(j);
    await expect
      .poll(() => j.getByTestId('rationale-status').innerText(), { timeout: 15_000 })
      .toContain('Your reason was saved with the commit.');
    await commit(page('us'));

    const w = page('white');
    await tab(w, 'Data capture');
    await expect
      .poll(() => w.getByTestId('capture-rationales').innerText(), { timeout: 20_000 })
      .toContain(`Japan: ${RATIONALE}`);
    await w.getByTestId('q-title').fill('End of round 1');
    await w.getByTestId('q-prompt-0').fill('Our seat was deterred from escalating');
    await w.getByTestId('q-add-item').click();
    await w.getByTestId('q-kind-1').selectOption('text');
    await w.getByTestId('q-prompt-1').fill('What would have changed your decision?');
    await w.getByTestId('q-set').click();
    await expect.poll(() => w.getByTestId('q-status').innerText()).toContain('is open to the seats now');

    const form = j.getByTestId('questionnaire-q1');
    await form.waitFor({ timeout: 20_000 });
    await form.getByRole('radio', { name: /4 \(Agree\)/ }).check();
    await form.getByLabel('What would have changed your decision?').fill(ANSWER);
    await j.getByTestId('answer-q1').click();
    await expect
      .poll(() => j.getByTestId('answer-q1-status').innerText(), { timeout: 15_000 })
      .toContain('Answers saved');

    await w.getByTestId('note-text').fill(NOTE);
    await w.getByTestId('note-add').click();
    await expect.poll(() => w.getByTestId('capture-notes').innerText(), { timeout: 15_000 }).toContain(NOTE);
    await expect
      .poll(() => w.getByTestId('capture-questionnaires').innerText(), { timeout: 20_000 })
      .toContain('answered by Japan');
  }, 90_000);

  it("both tables advance a round; the inject's effect shows in the seats' review; the seminar page follows", async () => {
    const w = page('white');
    await tab(w, 'White Cell');
    await expect.poll(() => w.getByTestId('advance').isDisabled(), { timeout: 30_000 }).toBe(false);
    await w.getByTestId('advance').click();
    for (const s of ['japan', 'us', 'white'] as const) {
      const p = page(s);
      await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 30_000 }).toContain('Round 2/');
      await tab(p, 'Review');
      const box = p.getByTestId('review-white');
      await box.waitFor({ timeout: 15_000 });
      const text = await box.innerText();
      expect(text).toContain(INJECT);
      expect(text).toContain("Japan's defense spending (% of GDP)");
      const [before, after] = beforeAfter(text.slice(text.indexOf("Japan's defense spending")));
      expect(after - before).toBeCloseTo(-0.5, 5);
    }

    // Table 2 has no players at its Japan and US seats: its White Cell closes planning and advances.
    const table2 = await open('white, table 2');
    const two = table2.page;
    await joinThrough(two, links[1]!.white, 'Facilitator');
    await two.getByRole('button', { name: 'Close planning now (uncommitted seats commit)' }).click();
    await expect.poll(() => two.getByTestId('advance').isDisabled(), { timeout: 30_000 }).toBe(false);
    await two.getByTestId('advance').click();
    await expect.poll(() => two.getByTestId('round').innerText(), { timeout: 30_000 }).toContain('Round 2/');
    await table2.context.close();

    const cards = facilitator.page.getByTestId('seminar-table');
    for (let i = 0; i < 2; i++)
      await expect
        .poll(() => cards.nth(i).getByTestId('table-round').innerText(), { timeout: 20_000 })
        .toContain('2 of 10');
    await expect
      .poll(() => cards.nth(0).locator('[data-seat]').allInnerTexts(), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/^Japan Aiko \(laptop\)/),
        expect.stringMatching(/^United States Sam/),
        expect.stringMatching(/^China bot \(aggressive\)/),
        expect.stringMatching(/^Taiwan bot \(baseline\)/),
      ]);
  }, 120_000);

  it('each seat at 1440×900 and 390×844, each from a fresh browser: no horizontal scroll', async () => {
    const t = links[0]!;
    for (const seat of ['japan', 'us', 'white'] as const) losesSeat(pages[seat]!);
    // Japan and the US on other machines (taking their seats over), then the White Cell: its
    // 1440×900 browser keeps the seat and ends the table.
    for (const seat of ['japan', 'us', 'white'] as const) {
      for (const viewport of [...SEAT_VIEWPORTS].reverse()) {
        const size = `${viewport.width}x${viewport.height}`;
        const shot = await open(`${seat} ${size}`, viewport);
        const p = shot.page;
        await joinThrough(p, t[seat], NAME[seat], { takeOver: true });
        const w = await pageWidth(p);
        expect(w.scrollWidth, `${seat} at ${size}`).toBeLessThanOrEqual(viewport.width);
        await screenshot(p, `seminar-run-${seat}-${size}`);
        if (viewport.width < 760) {
          await p.getByTestId('drawer-toggle').click();
          await p.locator('#tab-panel').waitFor();
          const d = await pageWidth(p);
          expect(d.scrollWidth, `${seat} drawer at ${size}`).toBeLessThanOrEqual(viewport.width);
          await screenshot(p, `seminar-run-${seat}-${size}-drawer`);
        }
        if (seat === 'white' && viewport === LAPTOP) pages.white = shot;
        else await shot.context.close();
      }
    }
  }, 150_000);

  it('the White Cell ends table 1; the seminar page compares the tables', async () => {
    const w = page('white');
    await tab(w, 'White Cell');
    await w
      .getByRole('region', { name: 'End the match' })
      .getByRole('textbox')
      .fill('Time is up in the room');
    await w.getByRole('button', { name: 'End match' }).click();
    await expect.poll(() => w.getByTestId('round').innerText(), { timeout: 20_000 }).toContain('ended');

    const s = facilitator.page;
    const cards = s.getByTestId('seminar-table');
    await expect
      .poll(() => cards.nth(0).getByTestId('table-outcome').innerText(), { timeout: 20_000 })
      .toContain('Ended by facilitator');
    expect(await cards.nth(1).getByTestId('table-outcome').innerText()).toBe('in play');
    await s.getByTestId('batch-games').fill('4');
    await s.getByTestId('compare').click();
    await expect.poll(() => s.getByTestId('placements').count(), { timeout: 90_000, interval: 1000 }).toBe(1);
    const compare = await s.getByTestId('seminar-compare').innerText();
    expect(compare).toContain('Bot median (4 games)');
    expect(await s.getByTestId('compare-outcome').allInnerTexts()).toEqual([
      expect.stringMatching(/^Ended by facilitator \(assessed: .+\)$/),
      'in play',
    ]);
    // Table 1 is placed by its assessed outcome among the bot games; table 2 is still playing.
    const placements = await s.locator('[data-placement]').allInnerTexts();
    expect(placements[0]).toMatch(/^Table 1: .+ — \d+% of 4 bot games \(\d of 4\)$/);
    expect(placements[1]).toContain('still in play');
    await s.getByTestId('placements').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(s, 'seminar-run-seminar-compare-1440x900');

    // The facilitator's seminar page at both sizes, in fresh browsers holding the seminar's links.
    const storageState = await facilitator.context.storageState();
    for (const viewport of SEAT_VIEWPORTS) {
      const size = `${viewport.width}x${viewport.height}`;
      const shot = await openSeatPage(env.browser, { viewport, storageState });
      opened.push({ name: `seminar ${size}`, seat: shot });
      const p = shot.page;
      await p.goto(seminarLink);
      await expect.poll(() => p.getByTestId('seminar-table').count(), { timeout: 20_000 }).toBe(2);
      await expect.poll(() => p.getByTestId('white-link').count(), { timeout: 15_000 }).toBe(2);
      const pw = await pageWidth(p);
      expect(pw.scrollWidth, `seminar page at ${size}`).toBeLessThanOrEqual(viewport.width);
      await screenshot(p, `seminar-run-seminar-${size}`);
      await shot.context.close();
    }
  }, 150_000);

  it('the capture downloads as JSON and CSV with the rationale, the answer and the note', async () => {
    const w = page('white');
    await tab(w, 'Data capture');
    await w.getByTestId('capture-json').waitFor({ timeout: 15_000 });
    const read = async (kind: 'json' | 'csv'): Promise<string> => {
      const [download] = await Promise.all([
        w.waitForEvent('download', { timeout: 20_000 }),
        w.getByTestId(`capture-${kind}`).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^island-chain-.+-capture\\.${kind}$`));
      return readFileSync((await download.path())!, 'utf8');
    };
    const json = JSON.parse(await read('json')) as {
      rationales: { seat: string; text: string }[];
      notes: { text: string }[];
    };
    expect(json.rationales).toContainEqual(expect.objectContaining({ seat: 'japan', text: RATIONALE }));
    expect(json.notes).toContainEqual(expect.objectContaining({ text: NOTE }));
    expect(JSON.stringify(json)).toContain(ANSWER);
    const csv = await read('csv');
    // The rationale holds a comma: quoted.
    expect(csv).toContain(`,1,japan,rationale,commit,"${RATIONALE}",`);
    expect(csv).toContain(',1,japan,likert,End of round 1: Our seat was deterred from escalating,4,');
    expect(csv).toContain(
      `,1,japan,free-text,End of round 1: What would have changed your decision?,${ANSWER},`,
    );
    expect(csv).toContain(`,1,white,note,,${NOTE},`);
  }, 60_000);

  it('the static after-action report downloads and reads with JavaScript off: inline SVG charts, no script', async () => {
    const w = page('white');
    await tab(w, 'Review');
    await w.getByTestId('open-replay').click();
    await w.waitForURL((u) => u.pathname === '/replay', { timeout: 20_000 });
    const link = w.getByTestId('aar-download');
    await link.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([w.waitForEvent('download', { timeout: 30_000 }), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^island-chain-.+-report\.html$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(RATIONALE);

    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: LAPTOP });
    try {
      const r = await context.newPage();
      await r.goto(`file://${file}`);
      expect(await r.locator('script').count()).toBe(0);
      const charts = r.locator('[id^=chart-] > svg');
      expect(await charts.count()).toBeGreaterThan(3);
      const box = await charts.first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      expect(
        await r.locator('#chart-escalation .marks path, #chart-escalation .marks circle').count(),
      ).toBeGreaterThan(0);
      await screenshot(r, 'seminar-run-report-noscript');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('no page logged a console error', () => {
    for (const { name, seat } of opened) expect(unexpectedErrors(seat), name).toEqual([]);
  });
});
