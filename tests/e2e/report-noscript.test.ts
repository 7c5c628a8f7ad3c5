/**
 * The after-action report with JavaScript disabled (issue 10, "Static reports"), as a mail
 * client or a locked-down office machine opens it: for a golden record of each kind, the page
 * opened from a file in chromium shows every chart as SVG with its marks, axis titles and tick
 * labels laid out on screen, and a full-page screenshot is saved (artifacts/screenshots) to be
 * looked at; the print layout (A4 width, the data tables folded away) is saved as a screenshot
 * of the charts and as a PDF next to it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecordFile } from '../../cli/load.ts';
import { replay } from '../../match/index.ts';
import { renderReport } from '../../report/aar.ts';
import { getScenario } from '../../scenarios/index.ts';
import { launchBrowser, ROOT, removeDir, SCREENSHOTS } from './helpers.ts';

const CHART_IDS = [
  'escalation',
  'deterrence',
  'politics',
  'energy',
  'budgets',
  'stockpiles',
  'losses',
  'capacity',
];

let browser: Browser;
let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'island-chain-report-noscript-'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  removeDir(dir);
});

function writeReport(name: string): string {
  const record = readRecordFile(join(ROOT, 'tests', 'golden', `${name}.record.json`));
  const scenario = getScenario(record.scenarioId);
  if (!scenario) throw new Error(`no scenario ${record.scenarioId}`);
  const page = join(dir, `${name}.html`);
  writeFileSync(page, renderReport(record, scenario, replay(record, scenario)));
  return page;
}

describe.each(['taiwan-invasion', 'takaichi-2025'])('report of %s with JavaScript disabled', (name) => {
  it('shows every chart as SVG with marks and labelled axes, and is saved as a screenshot', async () => {
    const file = writeReport(name);
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const tab = await context.newPage();
      await tab.goto(`file://${file}`);
      // No script ran, yet everything is there: the page holds no script at all.
      expect(await tab.locator('script').count()).toBe(0);
      for (const id of CHART_IDS) {
        const svg = tab.locator(`#chart-${id} > svg`);
        expect(await svg.count(), id).toBe(1);
        const box = await svg.boundingBox();
        expect(box?.width ?? 0, id).toBeGreaterThan(300);
        expect(box?.height ?? 0, id).toBeGreaterThan(120);
        const marks = await svg.locator('.marks path, .marks rect, .marks circle').count();
        const empty = await svg.locator('text.empty').count();
        expect(marks + empty, id).toBeGreaterThan(0);
        expect(await svg.locator('.x-axis text.axis-label').textContent(), id).toBe('Round →');
        expect(await svg.locator('.y-axis text.tick').count(), id).toBeGreaterThan(1);
        expect((await svg.locator('title').first().textContent())?.length ?? 0, id).toBeGreaterThan(0);
      }
      // The escalation chart has one point per round.
      const rounds = await tab.locator('#timeline section.round').count();
      expect(await tab.locator('#chart-escalation circle.dot').count()).toBe(rounds);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await tab.screenshot({ path: join(SCREENSHOTS, `report-noscript-${name}.png`), fullPage: true });
      await tab
        .locator('#charts')
        .screenshot({ path: join(SCREENSHOTS, `report-noscript-${name}-charts.png`) });
      await tab.emulateMedia({ media: 'print' });
      await tab.setViewportSize({ width: 794, height: 1123 });
      expect(await tab.locator('#chart-politics > svg').isVisible()).toBe(true);
      expect(await tab.locator('details.chart-data').first().isVisible()).toBe(false);
      await tab
        .locator('#charts')
        .screenshot({ path: join(SCREENSHOTS, `report-noscript-${name}-print.png`) });
      await tab.pdf({ path: join(SCREENSHOTS, `report-noscript-${name}.pdf`), format: 'A4' });
    } finally {
      await context.close();
    }
  }, 60_000);
});
