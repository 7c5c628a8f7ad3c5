/**
 * The map of a wargame (issue 10, item 7): a match board at 1280×800 and at 1920×1080 draws
 * every zone as an area, units as milsymbol symbols framed by affiliation and only where
 * the seat's fog of war lets it see them, a legend, a default view that holds the whole
 * theater, a selection card docked off the islands, one tab stop for the zones, and a
 * projector mode. Screenshots go to artifacts/screenshots (gitignored).
 */

import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type MatchState, newMatch, viewFor, ZONE_CATALOG } from '../../game/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import { openSeatPage, SCREENSHOTS, screenshot, sharedServerAndBrowser } from './helpers.ts';

const SCENARIO = 'taiwan-invasion';
const scenario = getScenario(SCENARIO)!;
const env = sharedServerAndBrowser();
const DRAWN = ZONE_CATALOG.filter((z) => z.kind !== 'pool').map((z) => z.id);
/** The islands the selection card and the legend must never cover in the default view. */
const ISLANDS = [
  'kanto',
  'western-honshu',
  'kyushu',
  'okinawa',
  'taipei',
  'tainan-kaohsiung',
  'hokkaido',
  'guam',
];

let matchID = '';

async function createMatch(): Promise<string> {
  const res = await fetch(`${env.server.url}/games/island-chain/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      numPlayers: 4,
      setupData: { scenarioId: SCENARIO, bots: { china: 'aggressive', taiwan: 'baseline' } },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { matchID: string }).matchID;
}

async function serverState(): Promise<MatchState> {
  const stored = env.server.storage ? await env.server.storage.fetch(matchID, { state: true }) : undefined;
  // Before the first adjudication the units stand where the scenario puts them, whatever the seed.
  return (stored?.state?.G as MatchState | undefined) ?? newMatch(scenario, { seed: 'any', white: true });
}

async function join(p: Page, seat: string, name: string): Promise<void> {
  await p.goto(`${env.server.url}/match/${matchID}?seat=${seat}`);
  await p.getByTestId('join-name').fill(name);
  await p.getByTestId('join').click();
  await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 20_000 }).toContain('Round 1/');
  await p.locator('path.area[data-zone]').first().waitFor();
  // The map has taken the size of its area (a ResizeObserver) before anything is measured.
  await expect
    .poll(() =>
      p.evaluate(() => {
        const svg = document.querySelector('svg.map');
        const wrap = document.querySelector('.map-wrap');
        return (
          !!svg &&
          !!wrap &&
          Math.abs(svg.clientWidth - wrap.clientWidth) < 2 &&
          Math.abs(svg.clientHeight - wrap.clientHeight) < 2
        );
      }),
    )
    .toBe(true);
}

type Rect = { x: number; y: number; width: number; height: number };
const rectOf = (p: Page, sel: string) =>
  p
    .locator(sel)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
const inside = (a: Rect, b: Rect, slack = 1) =>
  a.x >= b.x - slack &&
  a.y >= b.y - slack &&
  a.x + a.width <= b.x + b.width + slack &&
  a.y + a.height <= b.y + b.height + slack;
const intersects = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Checks common to both sizes; returns the rendered unit groups. */
async function checkBoard(p: Page, seat: 'japan' | 'us', label: string) {
  // Every zone on the map is an area with a path.
  const zones = await p
    .locator('path.area[data-zone]')
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-zone'), d: (e.getAttribute('d') ?? '').length })),
    );
  expect(zones.map((z) => z.id).sort()).toEqual([...DRAWN].sort());
  for (const z of zones) expect(z.d, z.id ?? '').toBeGreaterThan(10);

  // The default view holds the whole theater, Hokkaido and Kanto to the South China Sea.
  const map = await rectOf(p, 'svg.map');
  for (const id of ['hokkaido', 'kanto', 'hainan', 'guam', 'scs-north', 'luzon-batanes']) {
    const r = await rectOf(p, `path.area[data-zone="${id}"]`);
    if (id === 'scs-north') expect(intersects(r, map), id).toBe(true);
    else expect(inside(r, map), `${id} in view at ${label}`).toBe(true);
  }

  // Units are milsymbol SVGs, framed friend or hostile as this seat sees them.
  const groups = await p.locator('g.unit-hit').evaluateAll((els) =>
    els.map((e) => ({
      zone: e.closest('[data-stack]')?.getAttribute('data-stack') ?? '',
      sidc: e.querySelector('[data-sidc]')?.getAttribute('data-sidc') ?? '',
      faction: e.getAttribute('data-faction') ?? '',
      count: Number(e.getAttribute('data-count')),
      svg: e.querySelector('.sym-art > svg')?.outerHTML ?? '',
    })),
  );
  expect(groups.length).toBeGreaterThan(5);
  for (const g of groups) {
    expect(g.svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(g.sidc).toMatch(/^S[FH][SUAG]P.{11}$/);
    expect(g.sidc[1], `${g.faction} ${g.sidc}`).toBe(g.faction === 'china' ? 'H' : 'F');
  }

  // Fog: what the board shows is exactly what the seat's view holds, per zone and faction.
  const view = viewFor(await serverState(), seat);
  const expected = new Map<string, number>();
  for (const u of Object.values(view.units))
    if (u.strength > 0)
      expected.set(`${u.zone}|${u.faction}`, (expected.get(`${u.zone}|${u.faction}`) ?? 0) + 1);
  const shown = new Map<string, number>();
  for (const g of groups)
    shown.set(`${g.zone}|${g.faction}`, (shown.get(`${g.zone}|${g.faction}`) ?? 0) + g.count);
  // Zones off screen have no stack; in the default view every zone is on screen.
  expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(expected));
  // Zones outside the seat's ISR coverage are hatched, and only those.
  const fogged = await p
    .locator('path.area.fog')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-zone')));
  expect(fogged.sort()).toEqual(DRAWN.filter((z) => !view.visibleZones.includes(z)).sort());
  expect(fogged.length).toBeGreaterThan(0);

  // The legend is there and names the symbols on the map.
  const legend = p.getByTestId('map-legend');
  await expect.poll(() => legend.isVisible()).toBe(true);
  expect(await legend.locator('.legend-sym svg').count()).toBeGreaterThan(3);
  return groups;
}

describe('the map of a wargame', () => {
  it('at 1280×800: areas, milsymbol units under fog, legend, theater view, docked card, one tab stop', async () => {
    matchID = await createMatch();
    const seat = await openSeatPage(env.browser);
    const p = seat.page;
    await join(p, 'japan', 'Map Tester');
    await screenshot(p, 'map-1280-japan');
    const groups = await checkBoard(p, 'japan', '1280×800');

    // The seat sees some Chinese units, but not all of them: the fog hides the rest.
    const state = await serverState();
    const chinese = Object.values(state.units).filter((u) => u.faction === 'china' && u.strength > 0).length;
    const seen = groups.filter((g) => g.faction === 'china').reduce((s, g) => s + g.count, 0);
    expect(seen).toBeLessThan(chinese);
    // A close look at the Taiwan Strait in the default view: the islands must stay visible.
    const taiwan = await rectOf(p, 'path.area[data-zone="taichung"]');
    await p.screenshot({
      path: joinPath(SCREENSHOTS, 'map-1280-japan-strait-detail.png'),
      clip: { x: Math.max(0, taiwan.x - 220), y: Math.max(0, taiwan.y - 200), width: 480, height: 400 },
    });

    // Clicking an area selects the zone; the card docks on the left, off the islands.
    await p.locator('path.area[data-zone="okinawa"]').dispatchEvent('click');
    await screenshot(p, 'map-1280-japan-okinawa');
    const card = await rectOf(p, 'aside.selection');
    expect(await p.locator('aside.selection h3').innerText()).toBe('Okinawa');
    for (const id of ISLANDS) {
      const r = await rectOf(p, `path.area[data-zone="${id}"]`);
      expect(intersects(card, r), `card over ${id}`).toBe(false);
    }
    const legendBox = await rectOf(p, '[data-testid="map-legend"]');
    for (const id of ISLANDS) {
      const r = await rectOf(p, `path.area[data-zone="${id}"]`);
      expect(intersects(legendBox, r), `legend over ${id}`).toBe(false);
    }

    // Picking a unit in the card highlights its legal destinations (and draws its range rings).
    await p.locator('aside.selection .unit-btn', { hasText: 'jp-fighter-naha' }).click();
    await expect.poll(() => p.locator('path.area.hl-move').count()).toBeGreaterThan(0);
    await expect.poll(() => p.locator('.ring path').count()).toBeGreaterThan(0);
    await screenshot(p, 'map-1280-japan-unit');

    // A real click on open water of a sea zone selects that zone.
    const spot = await p.locator('path.area[data-zone="philippine-sea-east"]').evaluate((el) => {
      const r = el.getBoundingClientRect();
      for (let y = r.y + 5; y < r.y + r.height; y += 9)
        for (let x = r.x + 5; x < r.x + r.width; x += 9)
          if (document.elementFromPoint(x, y) === el) return { x, y };
      return null;
    });
    expect(spot).not.toBeNull();
    await p.mouse.click(spot!.x, spot!.y);
    await expect.poll(() => p.locator('aside.selection h3').innerText()).toBe('Philippine Sea (east)');

    // Keyboard: the zones are one tab stop; arrows move between zones, Enter selects.
    const stops = await p.locator('path.area[tabindex="0"]').count();
    expect(stops).toBe(1);
    await p.locator('path.area[tabindex="0"]').focus();
    const first = await p.evaluate(() => document.activeElement?.getAttribute('data-zone'));
    await p.keyboard.press('ArrowDown');
    const second = await p.evaluate(() => document.activeElement?.getAttribute('data-zone'));
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    await p.keyboard.press('Enter');
    await expect.poll(() => p.locator('aside.selection h3').innerText()).not.toBe('Philippine Sea (east)');
    await screenshot(p, 'map-1280-japan-keyboard');
    expect(await p.locator('path.area[tabindex="0"]').count()).toBe(1);

    // Zoomed in on the strait, symbols stand side by side, one per type.
    await p.getByRole('button', { name: 'Taiwan & Ryukyus' }).click();
    await screenshot(p, 'map-1280-japan-strait-view');

    // On a phone the legend starts closed, so it does not cover the map.
    await p.setViewportSize({ width: 390, height: 844 });
    await p.reload();
    await p.locator('path.area[data-zone]').first().waitFor();
    await expect
      .poll(() => p.getByTestId('map-legend').evaluate((e) => (e as HTMLDetailsElement).open))
      .toBe(false);
    await screenshot(p, 'map-390-japan');
    expect(seat.errors).toEqual([]);
    await seat.context.close();
  }, 180_000);

  it('at 1920×1080, and in projector mode (remembered)', async () => {
    const seat = await openSeatPage(env.browser);
    const p = seat.page;
    await p.setViewportSize({ width: 1920, height: 1080 });
    await join(p, 'us', 'Map Tester US');
    await screenshot(p, 'map-1920-us');
    await checkBoard(p, 'us', '1920×1080');

    const before = await p
      .locator('g.unit-hit .sym-slot')
      .first()
      .evaluate((e) => e.getBoundingClientRect().width);
    await p.getByRole('button', { name: 'Projector' }).click();
    await expect
      .poll(() => p.evaluate(() => document.documentElement.classList.contains('projector')))
      .toBe(true);
    const after = await p
      .locator('g.unit-hit .sym-slot')
      .first()
      .evaluate((e) => e.getBoundingClientRect().width);
    expect(after).toBeGreaterThan(before * 1.3);
    await checkBoard(p, 'us', '1920×1080 projector');
    await screenshot(p, 'map-1920-us-projector');
    await p.reload();
    await p.locator('path.area[data-zone]').first().waitFor();
    expect(await p.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    await p.getByRole('button', { name: 'Projector' }).click();
    expect(seat.errors).toEqual([]);
    await seat.context.close();
  }, 180_000);
});
