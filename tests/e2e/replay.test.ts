/**
 * Browser tests of the replay viewer and the analysis page (issue 4, "Tests"): a golden record
 * loaded from a file is stepped forward, back and to the end; China's view hides Japan's
 * orders; a bookmark is saved in the downloaded record; a branch from round 2 opens a live
 * match whose state is the record's at the end of round 1; records made under other rules or
 * with a corrupted round hash say where they diverge and show nothing past it; a finished
 * match on the server opens by its id with its after-action report; the analysis page draws
 * one outcome chart per scenario from a summary written by `analyze --json`.
 *
 * tests/e2e/fixtures/analysis-summary.json was written by `analyze()` (cli/analyze.ts) with
 * --scenario taiwan-quarantine --scenario senkaku-gray-zone --scenario taiwan-invasion
 * --games 12 --seed e2e-fixture; a test below checks its shape still matches `summarizeGroup`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { playGame, summarizeGroup } from '../../analysis/stats.ts';
import {
  describeOrder,
  FACTION_NAMES,
  type Faction,
  type MatchState,
  type Order,
  RULES_VERSION,
} from '../../game/index.ts';
import { type MatchRecord, stateHash } from '../../match/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import {
  openSeatPage,
  ROOT,
  SCREENSHOTS,
  type SeatPage,
  screenshot,
  sharedServerAndBrowser,
} from './helpers.ts';

const GOLDEN = join(ROOT, 'tests', 'golden', 'taiwan-quarantine.record.json');
const SUMMARY = join(ROOT, 'tests', 'e2e', 'fixtures', 'analysis-summary.json');
const golden = (): MatchRecord => JSON.parse(readFileSync(GOLDEN, 'utf8')) as MatchRecord;

const env = sharedServerAndBrowser();
let viewer: SeatPage;
const page = (): Page => viewer.page;
const byTest = (id: string) => page().getByTestId(id);

/** Loads a record into the viewer through its file input. */
async function loadRecord(p: Page, record: unknown, name = 'record.json'): Promise<void> {
  await p.goto(`${env.server.url}/replay`);
  await p.getByTestId('record-file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(record)),
  });
  await p.getByTestId('replay-round').waitFor();
}

/**
 * A seat's first order of a type in the golden record's first round, as the log writes it
 * ("Japan: Two plus two meeting"), so the expectations follow the record and the wording.
 */
const firstRoundOrder = (seat: Faction, type: Order['type']): string => {
  // Round 1 is the actions before every seat has committed once.
  const committed = new Set<string>();
  const round1: MatchRecord['actions'][number][] = [];
  for (const x of golden().actions) {
    if (committed.size === 4) break;
    if (x.type === 'commit') committed.add(x.seat);
    round1.push(x);
  }
  const a = round1.find((x) => x.type === 'order' && x.seat === seat && x.order.type === type);
  if (a?.type !== 'order') throw new Error(`the golden record has no ${seat} ${type} order in round 1`);
  return `${FACTION_NAMES[seat]}: ${describeOrder(a.order)}`;
};

/** China's escalation order in round 1 (China's and White Cell's alone). */
const chinaEscalation = (): string => firstRoundOrder('china', 'escalate');
/** Japan's orders in round 1 that only Japan and the White Cell see. */
const japanTwoPlusTwo = (): string => firstRoundOrder('japan', 'two-plus-two');
const japanInvestCommand = (): string => firstRoundOrder('japan', 'invest-command');

const roundShown = () => byTest('replay-round').innerText();
const logText = () => byTest('replay-log').innerText();

/** Back to the first position (the button is disabled when already there). */
async function toStart(): Promise<void> {
  if (!(await byTest('first').isDisabled())) await byTest('first').click();
  await expect.poll(roundShown).toBe('Round 1/10');
}

async function tab(name: string): Promise<void> {
  await page().getByRole('tab', { name }).click();
}

beforeAll(async () => {
  viewer = await openSeatPage(env.browser);
});

describe('the replay viewer', () => {
  it('opens the golden record from a file and steps forward, back, by round and to the end', async () => {
    await page().goto(`${env.server.url}/replay`);
    await byTest('record-file').setInputFiles(GOLDEN);
    await expect.poll(roundShown).toBe('Round 1/10');
    expect(await byTest('replay-step').innerText()).toMatch(/Round start/);
    expect(await logText()).toContain('Beijing declares that all vessels bound for Taiwan ports');
    expect(await page().locator('[data-testid=verdict]').count()).toBe(0);

    await byTest('forward').click();
    expect(await byTest('replay-step').innerText()).toBe('Orders that take effect');
    expect(await logText()).toContain(japanInvestCommand());
    expect(await byTest('board-label').innerText()).toContain('the start of round 1');

    await byTest('next-round').click();
    await expect.poll(roundShown).toBe('Round 2/10');
    expect(await logText()).toContain("The Lloyd's Joint War Committee adds Taiwan's waters");

    await byTest('back').click();
    await expect.poll(roundShown).toBe('Round 1/10');
    expect(await byTest('replay-step').innerText()).toMatch(/^Review/);
    expect(await logText()).toContain('Round 1 adjudicated');
    expect(await byTest('board-label').innerText()).toContain('the end of round 1');

    await byTest('last').click();
    await expect.poll(roundShown).toBe('Round 10/10');
    expect(await byTest('board-label').innerText()).toMatch(/the end of the match \(round 10\)/);
    expect(await byTest('forward').isDisabled()).toBe(true);

    // Play steps on by itself until paused.
    await byTest('first').click();
    await byTest('play').click();
    await expect
      .poll(() => byTest('replay-step').innerText(), { timeout: 10_000 })
      .not.toMatch(/Round start/);
    await byTest('play').click();
    await tab('Status');
    await page().getByText('Losses so far (steps)').waitFor();
    await tab('Log');

    // The scrubber reaches any position; Home goes back to the first.
    await byTest('scrubber').fill('5');
    expect(await roundShown()).toMatch(/^Round [12]\/10$/);
    await page().keyboard.press('Home');
    await expect.poll(roundShown).toBe('Round 1/10');
    expect(viewer.errors).toEqual([]);
  });

  it("China's view hides the orders only Japan and the White Cell may see", async () => {
    await toStart();
    await byTest('forward').click();
    expect(await logText()).toContain(japanTwoPlusTwo());
    await screenshot(page(), 'replay-viewer-white');
    await byTest('view-seat').selectOption('china');
    await expect.poll(logText).not.toContain(japanTwoPlusTwo());
    const text = await logText();
    expect(text).not.toContain(japanInvestCommand());
    expect(text).toContain(chinaEscalation());
    expect(await byTest('hidden-count').innerText()).toMatch(/hidden from this view/);
    await screenshot(page(), 'replay-viewer-china');
    await byTest('view-seat').selectOption('japan');
    await expect.poll(logText).toContain(japanTwoPlusTwo());
    expect(await logText()).not.toContain(chinaEscalation());
    await byTest('view-seat').selectOption('white');
  });

  it('saves a bookmark with its note in the downloaded record, and reads it back', async () => {
    await toStart();
    await byTest('next-round').click();
    await byTest('forward').click();
    await tab('Bookmarks');
    const note = 'Insurers pull out: energy stocks start to fall here';
    await byTest('bookmark-note').fill(note);
    await byTest('bookmark-add').click();
    expect(await byTest('bookmark-list').innerText()).toContain(note);
    await screenshot(page(), 'replay-viewer-bookmarks');
    const [download] = await Promise.all([page().waitForEvent('download'), byTest('save-record').click()]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as MatchRecord & {
      bookmarks: { round: number; step?: string; note: string }[];
    };
    expect(saved.bookmarks).toHaveLength(1);
    expect(saved.bookmarks[0]).toMatchObject({ round: 2, note });
    expect(saved.actions).toEqual(golden().actions);
    expect(saved.roundHashes).toEqual(golden().roundHashes);

    // The saved record opens again, with its bookmark, and still replays cleanly.
    await loadRecord(page(), saved, download.suggestedFilename());
    expect(await page().locator('[data-testid=verdict]').count()).toBe(0);
    await tab('Bookmarks');
    expect(await byTest('bookmark-list').innerText()).toContain(note);
    await page()
      .getByRole('button', { name: /^Round 2/ })
      .first()
      .click();
    await expect.poll(roundShown).toBe('Round 2/10');
  });

  it("branches from round 2: a live match opens at round 2 in the state of the record's round-1 end", async () => {
    const record = golden();
    await loadRecord(page(), record, 'taiwan-quarantine.record.json');
    await byTest('next-round').click();
    await expect.poll(roundShown).toBe('Round 2/10');
    await tab('Branch');
    await byTest('branch').click();
    const links = byTest('branch-links');
    await links.waitFor();
    const href = await links.locator('[data-seat-link=observer]').getAttribute('href');
    const matchID = /\/match\/([^/?]+)/.exec(href ?? '')?.[1];
    expect(matchID).toBeTruthy();
    for (const seat of ['japan', 'us', 'china', 'taiwan'])
      expect(await links.locator(`[data-seat-link=${seat}]`).count()).toBe(1);
    await screenshot(page(), 'replay-viewer-branch');

    const watch = await openSeatPage(env.browser);
    await watch.page.goto(href!);
    await expect
      .poll(() => watch.page.getByTestId('round').innerText(), { timeout: 15_000 })
      .toMatch(/^Round 2\/10/);
    await watch.context.close();

    const stored = await env.server.storage!.fetch(decodeURIComponent(matchID!), { state: true });
    const G = stored.state!.G as MatchState;
    expect(G.round).toBe(2);
    expect(G.seed).toBe(record.seed);
    expect(stateHash(G)).toBe(record.roundHashes[0]);
  });

  it('a record whose round-2 hash is corrupted says it diverges at round 2 and shows nothing past it', async () => {
    const record = golden();
    const corrupt = {
      ...record,
      roundHashes: record.roundHashes.map((h, i) => (i === 1 ? 'c0ffee0000000000' : h)),
    };
    await loadRecord(page(), corrupt);
    const verdict = await byTest('verdict').innerText();
    expect(verdict).toMatch(/diverges at round 2/);
    expect(verdict).toContain('c0ffee0000000000');
    await byTest('last').click();
    await expect.poll(roundShown).toBe('Round 2/10');
    expect(await byTest('replay-step').innerText()).toMatch(/Round start/);
    expect(await byTest('board-label').innerText()).toContain('the start of round 2');
    expect(await logText()).not.toContain('Round 2 adjudicated');
    expect(await byTest('forward').isDisabled()).toBe(true);
    expect(await page().locator('.round-ticks button').allInnerTexts()).toEqual(['1', '2']);
  });

  it('a record made under other rules says so, and where it diverges when it does', async () => {
    const record = golden();
    await loadRecord(page(), { ...record, rulesVersion: '0.9.0' });
    expect(await byTest('verdict').innerText()).toMatch(
      new RegExp(
        `made under rules 0\\.9\\.0; this viewer runs rules ${RULES_VERSION.replaceAll('.', '\\.')}[\\s\\S]*Every round hash still matches`,
      ),
    );
    await loadRecord(page(), {
      ...record,
      rulesVersion: '0.9.0',
      roundHashes: record.roundHashes.map((h, i) => (i === 1 ? 'c0ffee0000000000' : h)),
    });
    const verdict = await byTest('verdict').innerText();
    expect(verdict).toMatch(/made under rules 0\.9\.0/);
    expect(verdict).toMatch(/diverges at round 2/);
    await byTest('last').click();
    await expect.poll(roundShown).toBe('Round 2/10');
    await screenshot(page(), 'replay-viewer-diverged');
  });

  it('opens a finished match on the server by its id, with its after-action report', async () => {
    const res = await fetch(`${env.server.url}/games/island-chain/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        numPlayers: 4,
        setupData: {
          scenarioId: 'senkaku-gray-zone',
          bots: { japan: 'baseline', us: 'baseline', china: 'aggressive', taiwan: 'baseline' },
        },
      }),
    });
    const { matchID } = (await res.json()) as { matchID: string };
    await expect
      .poll(
        async () =>
          (
            (await (await fetch(`${env.server.url}/games/island-chain/${matchID}`)).json()) as {
              gameover?: unknown;
            }
          ).gameover,
        { timeout: 40_000, interval: 250 },
      )
      .toBeTruthy();
    await page().goto(`${env.server.url}/replay`);
    await byTest('finished-matches')
      .getByRole('button', { name: new RegExp(matchID) })
      .click();
    await expect.poll(roundShown).toBe('Round 1/8');
    expect(await page().locator('[data-testid=verdict]').count()).toBe(0);
    const aar = await byTest('aar-open').getAttribute('href');
    expect(aar).toBe(`/games/island-chain/${matchID}/report`);
    const html = await (await fetch(`${env.server.url}${aar}`)).text();
    expect(html).toMatch(/after-action report/);
    // The same match from its board: the review of a finished match links to the viewer and the report.
    await page().goto(`${env.server.url}/match/${matchID}`);
    await tab('Review');
    expect(await byTest('open-report').getAttribute('href')).toBe(aar);
    await byTest('open-replay').click();
    await page().waitForURL(`**/replay?match=${matchID}`);
    await expect.poll(roundShown).toBe('Round 1/8');
    expect(viewer.errors).toEqual([]);
  });
});

describe('the analysis page', () => {
  it('the fixture has the shape analyze --json writes today', () => {
    const fixture = JSON.parse(readFileSync(SUMMARY, 'utf8')) as Record<string, unknown> & {
      groups: Record<string, unknown>[];
    };
    const sc = getScenario('senkaku-gray-zone')!;
    const fresh = summarizeGroup(sc, null, [playGame(sc, {}, 'shape', 1)]);
    expect(Object.keys(fixture).sort()).toEqual(
      ['rulesVersion', 'seed', 'gamesPerGroup', 'seats', 'vary', 'groups', 'effects'].sort(),
    );
    for (const g of fixture.groups) expect(Object.keys(g).sort()).toEqual(Object.keys(fresh).sort());
  });

  it('loads a batch summary and draws one outcome chart per scenario, and the track bands', async () => {
    const p = page();
    await p.goto(`${env.server.url}/analysis`);
    await p.getByTestId('summary-file').setInputFiles(SUMMARY);
    await p.getByTestId('analysis').waitFor();
    const charts = p.getByTestId('outcome-chart');
    await expect.poll(() => charts.count()).toBe(3);
    expect(await charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-scenario')))).toEqual([
      'taiwan-quarantine',
      'senkaku-gray-zone',
      'taiwan-invasion',
    ]);
    for (let i = 0; i < 3; i++) expect(await charts.nth(i).locator('svg').count()).toBeGreaterThan(0);
    expect(await charts.nth(0).innerText()).toMatch(/Coercion failed/);
    expect(await p.getByTestId('band-chart').count()).toBe(3);
    expect(await p.getByTestId('compare-chart').locator('svg').count()).toBeGreaterThan(0);
    // The page opens on the deterrence margin: whole-round x ticks, each once; y ticks at one
    // sensible precision; the invasion scenario (no rung above) said in words, not a flat 0.
    const ticks = (axis: 'x' | 'y') =>
      p
        .getByTestId('compare-chart')
        .locator(`[aria-label="${axis}-axis tick label"] text`)
        .evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
    const xs = await ticks('x');
    expect(xs.length).toBeGreaterThan(1);
    expect(xs.every((t) => /^\d+$/.test(t))).toBe(true);
    expect(new Set(xs).size).toBe(xs.length);
    const ys = await ticks('y');
    expect(ys.length).toBeGreaterThan(1);
    expect(
      ys.every((t) => /^[−-]?\d+(\.\d{1,2})?$/.test(t)),
      ys.join(' '),
    ).toBe(true);
    expect(await p.getByTestId('no-rung-above').innerText()).toContain('taiwan-invasion');
    expect(await p.getByTestId('band-no-rung-above').innerText()).toMatch(/^No rung above/);
    for (const band of await p.getByTestId('band-chart').locator('[aria-label="x-axis tick label"]').all()) {
      const bx = await band.locator('text').evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
      expect(new Set(bx).size).toBe(bx.length);
    }
    await p.setViewportSize({ width: 1400, height: 1000 });
    await p.screenshot({ path: join(SCREENSHOTS, 'analysis-page-margin.png'), fullPage: true });
    await p.getByTestId('series').selectOption('escalation');
    await expect.poll(() => p.getByTestId('compare-chart').innerText()).toMatch(/Escalation rung/);
    await p.setViewportSize({ width: 1400, height: 1000 });
    await p.screenshot({ path: join(SCREENSHOTS, 'analysis-page.png'), fullPage: true });

    // A file that is not a summary says why.
    await p.getByTestId('summary-file').setInputFiles(GOLDEN);
    expect(await p.getByTestId('summary-error').innerText()).toMatch(/is not a batch summary: "groups"/);
    expect(viewer.errors).toEqual([]);
  });
});
