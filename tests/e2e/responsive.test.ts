/**
 * Phone layout, keyboard and no dead ends (issue 10, items 4, 5, 6 and 9), in chromium: the
 * board at 390×844, 1280×800 and 1920×1080 has no horizontal scroll, keeps the top bar's
 * controls in view and, on a phone, opens the orders in a drawer; Tab reaches the first
 * orders control in a handful of presses with focus visible and on screen; the US is warned
 * before proposing what Japan cannot accept; Japan is told why it cannot declare; the White
 * Cell's inject shows its tracks by name with a preview, is refused before sending when out
 * of range, and its effect shows in every seat's review. Screenshots go to
 * artifacts/screenshots (gitignored).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TRACK_LABELS } from '../../game/index.ts';
import { openSeatPage, type SeatPage, screenshot, sharedServerAndBrowser } from './helpers.ts';

const env = sharedServerAndBrowser();
const SIZES = [
  { w: 390, h: 844 },
  { w: 1280, h: 800 },
  { w: 1920, h: 1080 },
  { w: 900, h: 1000 },
] as const;
type Who = 'japan' | 'us' | 'white';
const seats: Partial<Record<Who, SeatPage>> = {};
const page = (s: Who): Page => seats[s]!.page;
let matchID = '';

async function join(s: Who, name: string): Promise<void> {
  seats[s] = await openSeatPage(env.browser);
  const p = page(s);
  await p.goto(`${env.server.url}/match/${matchID}?seat=${s}`);
  await p.getByTestId('join-name').fill(name);
  await p.getByTestId('join').click();
  await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 20_000 }).toContain('Round 1/');
  await p.locator('path.area[data-zone]').first().waitFor();
}

/** Whether the element is laid out wholly inside the viewport. */
const inView = (p: Page, testIdOrSel: string) =>
  p
    .locator(testIdOrSel)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      return (
        r.width > 0 &&
        r.height > 0 &&
        r.left >= 0 &&
        r.top >= 0 &&
        r.right <= window.innerWidth + 0.5 &&
        r.bottom <= window.innerHeight + 0.5
      );
    });

const overflow = (p: Page) =>
  p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    clipped: Array.from(document.querySelectorAll<HTMLElement>('.dash'))
      .filter(
        (d) => d.getBoundingClientRect().right > window.innerWidth + 0.5 || d.scrollWidth > d.clientWidth + 1,
      )
      .map((d) => d.innerText.slice(0, 30)),
  }));

/** Where focus is: inside the orders panel, its place on screen, and whether it is drawn. */
const focusInfo = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    const st = getComputedStyle(el);
    // Inside a scrolled box (the panel, the map), on screen means inside that box too.
    const box = el.closest('#tab-panel, .map-wrap')?.getBoundingClientRect() ?? {
      left: 0,
      top: 0,
      right: window.innerWidth,
      bottom: window.innerHeight,
    };
    return {
      text: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.getAttribute('data-zone') ?? (el.tagName === 'SELECT' ? 'select' : el.innerText?.slice(0, 30)) ?? ''}`,
      inPanel: !!el.closest('#tab-panel'),
      onScreen:
        r.left >= Math.max(0, box.left) - 0.5 &&
        r.top >= Math.max(0, box.top) - 0.5 &&
        r.right <= Math.min(window.innerWidth, box.right) + 0.5 &&
        r.bottom <= Math.min(window.innerHeight, box.bottom) + 0.5,
      outline:
        el instanceof HTMLElement && !(el instanceof SVGElement)
          ? st.outlineStyle !== 'none' && st.outlineWidth !== '0px'
          : true,
    };
  });

/** Opens each tab in turn and returns those whose panel is wider than the drawer. */
async function widePanels(p: Page): Promise<string[]> {
  const wide: string[] = [];
  const names = await p.getByRole('tab').allInnerTexts();
  for (const name of names) {
    await p.getByRole('tab', { name }).click();
    const o = await p.locator('#tab-panel').evaluate((e) => ({
      sw: e.scrollWidth,
      cw: e.clientWidth,
      page: document.documentElement.scrollWidth,
    }));
    if (o.sw > o.cw + 1 || o.page > 390) wide.push(`${name} ${o.sw}/${o.cw} page ${o.page}`);
  }
  await p.getByRole('tab', { name: names[0]! }).click();
  return wide;
}

describe('the board on a phone, a laptop and a projector; keyboard; no dead ends', () => {
  it('seats Japan, the US and the White Cell in a takaichi-2025 match with China and Taiwan as bots', async () => {
    const res = await fetch(`${env.server.url}/games/island-chain/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        numPlayers: 5,
        setupData: { scenarioId: 'takaichi-2025', bots: { china: 'aggressive', taiwan: 'baseline' } },
      }),
    });
    expect(res.status).toBe(200);
    matchID = ((await res.json()) as { matchID: string }).matchID;
    await join('white', 'Facilitator');
    await join('japan', 'Aiko');
    await join('us', 'Sam');
    // A planning timer, so the clock is in the top bar too.
    const w = page('white');
    await w.getByLabel('Seconds (10–7200)').fill('1800');
    await w.getByRole('button', { name: 'Set / resume' }).click();
    await expect.poll(() => page('japan').getByTestId('clock').count(), { timeout: 20_000 }).toBe(1);
  }, 90_000);

  for (const { w, h } of SIZES)
    it(`at ${w}×${h} the board has no horizontal scroll and the top bar's controls are in view`, async () => {
      const p = page('japan');
      await p.setViewportSize({ width: w, height: h });
      await p.waitForTimeout(300);
      const o = await overflow(p);
      expect(o.scrollWidth, `page ${o.scrollWidth} px wide in ${o.innerWidth}`).toBeLessThanOrEqual(
        o.innerWidth,
      );
      expect(o.clipped, 'clipped dashboards').toEqual([]);
      for (const sel of ['[data-testid=round]', '[data-testid=seat]', '[data-testid=clock]', 'button.leave'])
        expect(await inView(p, sel), `${sel} in view at ${w}`).toBe(true);
      expect(await p.getByTestId('seat').innerText()).toContain('Japan');
      // The theater view fits below the map's floating controls: no zone's name hides under them.
      const hidden = await p.evaluate(() => {
        const bar = document.querySelector('.map-controls')?.getBoundingClientRect();
        if (!bar) return ['no controls'];
        return Array.from(document.querySelectorAll('svg.map .zone-label'))
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return (
              r.width > 0 &&
              r.left < bar.right &&
              r.right > bar.left &&
              r.top < bar.bottom &&
              r.bottom > bar.top
            );
          })
          .map((t) => t.textContent ?? '');
      });
      expect(hidden, `zone names under the map controls at ${w}`).toEqual([]);
      await screenshot(p, `responsive-${w}-japan`);
      const panel = p.locator('#tab-panel');
      if (w < 760) {
        // The phone: the orders wait in a drawer, opened by a button in the top bar.
        expect(await panel.isVisible()).toBe(false);
        expect(await inView(p, '[data-testid=drawer-toggle]')).toBe(true);
        await p.getByTestId('drawer-toggle').click();
        await p.getByTestId('commit').waitFor();
        expect(await panel.isVisible()).toBe(true);
        expect(await inView(p, '[data-testid=commit]')).toBe(true);
        expect(await p.locator('#tab-panel').innerText()).toContain('Round 1 orders');
        const o2 = await overflow(p);
        expect(o2.scrollWidth).toBeLessThanOrEqual(o2.innerWidth);
        await screenshot(p, `responsive-${w}-japan-drawer`);
        expect(await widePanels(p), 'panels wider than the drawer').toEqual([]);
        // Focus stays in the drawer (and the top bar): the map behind it is inert.
        await p.getByTestId('drawer-close').focus();
        const reached: string[] = [];
        for (let i = 0; i < 60; i++) {
          await p.keyboard.press('Tab');
          const where = await p.evaluate(() =>
            document.activeElement?.closest('.map-area')
              ? 'map'
              : document.activeElement?.closest('#drawer')
                ? 'drawer'
                : 'other',
          );
          reached.push(where);
        }
        expect(reached, 'Tab left the drawer for the map').not.toContain('map');
        expect(reached).toContain('drawer');
        // The map is still there to read: pan and zoom.
        await p.getByTestId('drawer-close').click();
        expect(await panel.isVisible()).toBe(false);
        await p.getByRole('button', { name: 'Zoom in' }).click();
        await p.getByRole('button', { name: 'Zoom in' }).click();
        const box = (await p.locator('svg.map').boundingBox())!;
        await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await p.mouse.down();
        await p.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2 - 40, { steps: 5 });
        await p.mouse.up();
        expect((await overflow(p)).scrollWidth).toBeLessThanOrEqual(w);
        await screenshot(p, `responsive-${w}-japan-map-zoomed`);
      } else {
        expect(await p.getByTestId('drawer-toggle').isVisible()).toBe(false);
        expect(await panel.isVisible()).toBe(true);
        expect(await inView(p, '[data-testid=commit]')).toBe(true);
      }
    }, 60_000);

  it('Tab reaches the first orders control in a handful of presses, focus drawn and on screen', async () => {
    const p = page('japan');
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.reload();
    await p.getByTestId('commit').waitFor();
    let presses = 0;
    const seen: string[] = [];
    for (; presses < 40; ) {
      await p.keyboard.press('Tab');
      presses++;
      const f = await focusInfo(p);
      if (!f) continue;
      seen.push(f.text);
      expect(f.onScreen, `focus off screen on ${f.text}`).toBe(true);
      expect(f.outline, `no focus outline on ${f.text}`).toBe(true);
      if (f.inPanel) break;
    }
    // skip link, the title, Leave seat, the tab strip (one stop), then the panel.
    expect(presses, seen.join(' | ')).toBeLessThanOrEqual(6);
    // On through the panel, the map and back: focus stays on screen everywhere.
    const off: string[] = [];
    const route: string[] = [];
    for (let i = 0; i < 45; i++) {
      await p.keyboard.press('Tab');
      const f = await focusInfo(p);
      if (!f) continue;
      route.push(f.text);
      if (!f.onScreen) off.push(f.text);
    }
    console.info(
      `Tab presses to the first orders control: ${presses} (${seen.join(' | ')}); then: ${route.join(' | ')}`,
    );
    expect(off, 'focused off screen').toEqual([]);
    await screenshot(p, 'responsive-1280-keyboard');

    // The skip link is the first stop and lands in the orders.
    await p.reload();
    await p.getByTestId('commit').waitFor();
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('skip-link');
    expect(await inView(p, '[data-testid=skip-link]')).toBe(true);
    await p.keyboard.press('Enter');
    expect((await focusInfo(p))?.inPanel).toBe(true);

    // On a phone the skip link opens the drawer and focuses its first control.
    await p.setViewportSize({ width: 390, height: 844 });
    await p.reload();
    await p.getByTestId('drawer-toggle').waitFor();
    await p.keyboard.press('Tab');
    expect(await inView(p, '[data-testid=skip-link]')).toBe(true);
    await p.keyboard.press('Enter');
    const f = await focusInfo(p);
    expect(f?.inPanel).toBe(true);
    expect(f?.onScreen).toBe(true);
    await screenshot(p, 'responsive-390-skip-link');
    await p.keyboard.press('Escape');
    expect(await p.locator('#tab-panel').isVisible()).toBe(false);
    await p.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it('the panel tabs are one tab stop: the arrow keys, Home and End move between them and open them', async () => {
    const p = page('japan');
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.reload();
    await p.getByTestId('commit').waitFor();
    const stops = await p
      .getByRole('tab')
      .evaluateAll((ts) => ts.filter((t) => (t as HTMLElement).tabIndex === 0).map((t) => t.id));
    expect(stops).toEqual(['tab-orders']);
    const focused = () => p.evaluate(() => document.activeElement?.id ?? '');
    const selected = () =>
      p.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')?.id ?? '');
    await p.locator('#tab-orders').focus();
    await p.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('tab-alliance');
    expect(await selected()).toBe('tab-alliance');
    await p.keyboard.press('End');
    await expect.poll(focused).toBe('tab-log');
    expect(await selected()).toBe('tab-log');
    await p.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('tab-orders');
    await p.keyboard.press('ArrowLeft');
    await expect.poll(focused).toBe('tab-log');
    await p.keyboard.press('Home');
    await expect.poll(focused).toBe('tab-orders');
    expect(await selected()).toBe('tab-orders');
    // Tab leaves the strip for the panel, not for the next tab.
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('tab');
  });

  it('the US is warned before proposing what Japan cannot accept; Japan is told what blocks its commit and its declaration', async () => {
    const us = page('us');
    await us.getByRole('tab', { name: 'Alliance' }).click();
    await us.getByTestId('propose-kind').selectOption('logistics-support');
    const hint = us.getByTestId('partner-can-accept');
    await hint.waitFor();
    expect(await hint.getAttribute('data-ok')).toBe('false');
    expect(await hint.innerText()).toMatch(
      /Japan cannot accept this now — rear-area support needs an important-influence situation/,
    );
    await us.getByTestId('propose-kind').selectOption('shared-isr');
    await expect.poll(() => hint.getAttribute('data-ok')).toBe('true');
    expect(await hint.innerText()).toContain('Japan may accept this now');
    // A disabled Propose says why.
    await us.getByTestId('propose-kind').selectOption('iamd-cover');
    expect(await us.getByTestId('propose').isDisabled()).toBe(true);
    expect(await us.getByTestId('propose').getAttribute('title')).toBe('Pick the zone to cover.');
    expect(await us.getByTestId('propose-why').innerText()).toBe('Pick the zone to cover.');
    // Sent anyway: the US sees it cannot be accepted; Japan's commit says what blocks it.
    await us.getByTestId('propose-kind').selectOption('logistics-support');
    await expect.poll(() => hint.getAttribute('data-ok')).toBe('false');
    expect(await us.getByTestId('propose').innerText()).toBe('Propose anyway');
    await screenshot(us, 'responsive-1280-us-proposal-warning');
    await us.getByTestId('propose').click();
    await expect
      .poll(() => us.locator('[data-testid^=partner-blocked-]').count(), { timeout: 10_000 })
      .toBe(1);
    await screenshot(us, 'responsive-1280-us-proposal-sent');
    const jp = page('japan');
    await jp.getByRole('tab', { name: /^Orders/ }).click();
    await expect
      .poll(() => jp.getByTestId('commit-why').innerText(), { timeout: 10_000 })
      .toMatch(
        /^Commit is blocked: answer the proposal P\d+ from United States \(Logistics support\) in the Alliance tab first\.$/,
      );
    // No declaration is open at rung 1: said where the control would be.
    const why = jp.getByTestId('declare-why');
    expect(await why.innerText()).toContain('no declaration is open to Japan now');
    expect(await why.innerText()).toContain('needs at least a quarantine (rung 2)');
    await screenshot(jp, 'responsive-1280-japan-declare-why');
    await jp.getByRole('tab', { name: /^Alliance/ }).click();
    await jp.locator('[data-proposal] button', { hasText: 'Refuse' }).click();
    await jp.getByRole('tab', { name: /^Orders/ }).click();
    await expect.poll(() => jp.getByTestId('commit').isDisabled(), { timeout: 10_000 }).toBe(false);
    // The US is told why it cannot intervene yet.
    await us.getByRole('tab', { name: /^Orders/ }).click();
    expect(await us.getByTestId('intervene-why').innerText()).toContain(
      'needs at least a quarantine (rung 2)',
    );
    // Blue's levers: how much each option would change Red's best temptation.
    await us.getByRole('tab', { name: 'Status' }).click();
    const levers = us.getByTestId('levers');
    await levers.waitFor();
    expect(await levers.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await levers.innerText()).toMatch(/Fund .*\s[-+]?\d+\.\d\d\s/);
    await levers.scrollIntoViewIfNeeded();
    await screenshot(us, 'responsive-1280-us-levers');
    await us.getByRole('tab', { name: 'Alliance' }).click();
  }, 60_000);

  it('in open conflict the dashboard and the status tab say there is no rung above', async () => {
    const res = await fetch(`${env.server.url}/games/island-chain/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        numPlayers: 4,
        setupData: {
          scenarioId: 'taiwan-invasion',
          bots: { china: 'aggressive', taiwan: 'baseline', japan: 'baseline' },
        },
      }),
    });
    const id = ((await res.json()) as { matchID: string }).matchID;
    const sp = await openSeatPage(env.browser);
    const p = sp.page;
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(`${env.server.url}/match/${id}?seat=us`);
    await p.getByTestId('join-name').fill('Sam');
    await p.getByTestId('join').click();
    await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 20_000 }).toContain('Round 1/');
    const dash = p.getByTestId('deterrence');
    expect(await dash.getAttribute('data-state')).toBe('no-rung-above');
    expect(await dash.innerText()).toMatch(/No rung above\s+— in conflict/);
    expect(await inView(p, '[data-testid=deterrence]')).toBe(true);
    expect((await overflow(p)).scrollWidth).toBeLessThanOrEqual(390);
    await screenshot(p, 'responsive-390-us-in-conflict');
    await p.getByTestId('drawer-toggle').click();
    await p.getByRole('tab', { name: 'Status' }).click();
    expect(await p.getByTestId('deterrence-estimate').innerText()).toMatch(
      /^[\s\S]*In conflict — No rung above/,
    );
    await screenshot(p, 'responsive-390-us-in-conflict-status');
    expect(sp.errors).toEqual([]);
    await sp.context.close();
  }, 60_000);

  it("the White Cell's inject names its tracks, previews before → after, is refused out of range, and shows in every review", async () => {
    const w = page('white');
    await w.getByRole('tab', { name: 'White Cell' }).click();
    const picker = w.locator('.effect-row select').first();
    const options = await picker.locator('option').allInnerTexts();
    expect(options).toContain(TRACK_LABELS['alliance.disruption']);
    expect(
      options.some((o) => /^[a-z]+\.[a-zA-Z]+$/.test(o)),
      options.join(', '),
    ).toBe(false);
    await w.getByTestId('inject-text').fill('Budget crisis: the Diet cuts defense spending');
    await picker.selectOption('japan.defenseSpendingPctGdp');
    await w.locator('.effect-row input[type=number]').first().fill('-3');
    const preview = w.getByTestId('inject-preview');
    await preview.waitFor();
    const row = preview.locator('tr[data-track="japan.defenseSpendingPctGdp"]');
    expect(await row.innerText()).toMatch(/Japan's defense spending \(% of GDP\)\s+2(\.\d+)?\s+→ -1/);
    expect(await row.innerText()).toContain('out of range');
    expect(await w.getByTestId('inject').isDisabled()).toBe(true);
    expect(await w.getByTestId('inject-why').innerText()).toContain('outside its range 0–10');
    await screenshot(w, 'responsive-1280-white-inject-out-of-range');
    await w.locator('.effect-row input[type=number]').first().fill('0.5');
    await expect.poll(() => row.innerText()).toContain('in range');
    expect(await w.getByTestId('inject').isDisabled()).toBe(false);
    await screenshot(w, 'responsive-1280-white-inject-preview');
    await w.getByTestId('inject').click();
    // Japan and the US commit; the White Cell advances; each seat's review shows the inject.
    for (const s of ['japan', 'us'] as const) {
      const p = page(s);
      await p.getByRole('tab', { name: /^Orders/ }).click();
      await expect.poll(() => p.getByTestId('commit').isDisabled(), { timeout: 10_000 }).toBe(false);
      await p.getByTestId('commit').click();
      await p.getByText('Waiting for the other seats').waitFor();
    }
    await expect.poll(() => w.getByTestId('advance').isDisabled(), { timeout: 20_000 }).toBe(false);
    await w.getByTestId('advance').click();
    for (const s of ['japan', 'us', 'white'] as const) {
      const p = page(s);
      await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 30_000 }).toContain('Round 2/');
      await p.getByRole('tab', { name: 'Review' }).click();
      const box = p.getByTestId('review-white');
      await box.waitFor();
      expect(await box.innerText()).toMatch(
        /Budget crisis[\s\S]*Japan's defense spending \(% of GDP\)\s+2(\.\d+)?\s+→\s+2\.\d+/,
      );
    }
    await page('japan').setViewportSize({ width: 390, height: 844 });
    await page('japan').getByTestId('drawer-toggle').click();
    await page('japan').getByTestId('review-white').waitFor();
    await screenshot(page('japan'), 'responsive-390-japan-review-inject');
    // The White Cell's console on a phone, in the drawer, with an amendment's preview.
    await w.setViewportSize({ width: 390, height: 844 });
    await w.getByTestId('drawer-toggle').click();
    expect(await widePanels(w), 'panels wider than the drawer').toEqual([]);
    await w.getByRole('tab', { name: 'White Cell' }).click();
    const amend = w.locator('section[aria-label="Amend a result"]');
    await amend.locator('select').selectOption('taiwan.energyDays');
    await amend.locator('input[type=number]').fill('-1000');
    await w.getByTestId('amend-preview').waitFor();
    expect(await w.getByTestId('amend-preview').innerText()).toContain('out of range');
    await w.getByTestId('amend-preview').scrollIntoViewIfNeeded();
    await screenshot(w, 'responsive-390-white-amend-preview');
    for (const s of ['japan', 'us', 'white'] as const) expect(seats[s]!.errors, s).toEqual([]);
  }, 120_000);
});
