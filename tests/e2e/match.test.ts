/**
 * End to end (issue 3, "Browser tests"): five browser contexts create and join one match as
 * Japan, the US, China, Taiwan and the White Cell through the lobby and join pages; the US
 * proposes a combined operation that Japan accepts; every seat commits orders through the
 * UI; the White Cell advances; every seat sees its round review. China's page and every
 * websocket frame it receives hold none of Japan's hidden units or pending orders and no seed.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLAYER_OF_SEAT } from '../../game/bgio.ts';
import {
  type Action,
  applyAction,
  capacityLeft,
  COMBINED_LABELS,
  type Faction,
  legalOrders,
  type MatchState,
  newMatch,
  type Order,
  programById,
  type Seat,
  unitName,
  visibleUnits,
  zoneDef,
} from '../../game/index.ts';
import { getScenario } from '../../scenarios/index.ts';
import { openSeatPage, type SeatPage, screenshot, sharedServerAndBrowser } from './helpers.ts';

const SCENARIO = 'taiwan-quarantine';
const SEED = 'e2e-secret-seed-7f3a91c4';
const SEATS: readonly Seat[] = ['japan', 'us', 'china', 'taiwan', 'white'];
const NAMES: Readonly<Record<Seat, string>> = {
  japan: 'Aiko Tanaka',
  us: 'Sam Ortiz',
  china: 'Li Wei',
  taiwan: 'Mei-ling Chen',
  white: 'Facilitator Grey',
};
const scenario = getScenario(SCENARIO)!;

const env = sharedServerAndBrowser();
let matchID = '';
const pages = {} as Record<Seat, SeatPage>;
/** What the test did, for re-creating the state when the server's store is not at hand. */
const actions: Action[] = [];
let hiddenBefore: Set<string> = new Set();
let japanMove: Extract<Order, { type: 'move' }> | null = null;
let japanProgram = '';

/** The match state as the server holds it (its store), or as the engine re-creates it from the test's actions. */
async function serverState(): Promise<MatchState> {
  const stored = env.server.storage ? await env.server.storage.fetch(matchID, { state: true }) : undefined;
  if (stored?.state) return stored.state.G as MatchState;
  let s = newMatch(scenario, { seed: SEED, white: true });
  for (const a of actions) {
    const r = applyAction(scenario, s, a);
    if (!r.ok) throw new Error(`replay: ${r.error.message}`);
    s = r.value;
  }
  return s;
}

/** Japan's units that China cannot see in a state (the engine's `visibleUnits`). */
function hiddenJapanese(s: MatchState): Set<string> {
  const seen = new Set(visibleUnits(s, 'china').map((u) => u.id));
  return new Set(
    Object.values(s.units)
      .filter((u) => u.faction === 'japan' && !seen.has(u.id))
      .map((u) => u.id),
  );
}

const page = (seat: Seat): Page => pages[seat].page;

/** The deterrence dashboard and the status tab's reading, as a seat sees them. */
async function deterrenceShown(
  p: Page,
): Promise<{ state: string; big: string; cls: string; status: string }> {
  const dash = p.getByTestId('deterrence');
  await dash.waitFor({ timeout: 10_000 });
  const state = (await dash.getAttribute('data-state')) ?? '';
  const big = await p.getByTestId('deterrence-margin').innerText();
  const cls = (await p.getByTestId('deterrence-margin').getAttribute('class')) ?? '';
  await tabOf(p, 'Status');
  const status = await p.getByTestId('deterrence-estimate').innerText();
  return { state, big, cls, status };
}
const tab = (seat: Seat, name: string) => page(seat).getByRole('tab', { name }).click();
const tabOf = (p: Page, name: string) => p.getByRole('tab', { name }).click();

async function pendingHas(seat: Seat, text: string): Promise<void> {
  await expect
    .poll(async () => page(seat).getByTestId('pending-orders').innerText(), { timeout: 10_000 })
    .toContain(text);
}

/** Opens each of China's panels and checks its page holds none of these ids and no seed. */
async function expectChinaPanelsClean(ids: Iterable<string>): Promise<void> {
  const p = page('china');
  for (const name of ['Orders', 'Alliance', 'Status', 'Review', 'Log']) {
    await tab('china', name);
    const html = await p.content();
    for (const id of ids) expect(html, `China's ${name} panel shows ${id}`).not.toContain(id);
    expect(html).not.toContain(SEED);
  }
}

async function commit(seat: Faction): Promise<void> {
  await tab(seat, 'Orders');
  await page(seat).getByTestId('commit').click();
  await expect.poll(() => page(seat).getByTestId('commit').count(), { timeout: 10_000 }).toBe(0);
  await page(seat).getByText('Waiting for the other seats').waitFor();
  actions.push({ type: 'commit', seat });
}

beforeAll(async () => {
  for (const seat of SEATS)
    pages[seat] = await openSeatPage(env.browser, { recordFrames: seat === 'china' || seat === 'white' });
});

describe('a networked match in five browsers', () => {
  it('the White Cell creates a match in the lobby and each seat joins through its link', async () => {
    const lobby = page('white');
    await lobby.goto(env.server.url);
    await expect.poll(() => lobby.getByText('Taiwan quarantine').count()).toBeGreaterThan(0);
    await lobby.getByRole('radio', { name: /Taiwan quarantine/ }).check();
    await lobby.getByTestId('seed').fill(SEED);
    await lobby.getByTestId('create').click();
    await lobby.getByTestId('join-links').waitFor();
    const links = Object.fromEntries(
      await lobby.$$eval('[data-seat-link]', (as) =>
        as.map((a) => [(a as HTMLAnchorElement).dataset.seatLink, (a as HTMLAnchorElement).href]),
      ),
    ) as Record<Seat | 'observer', string>;
    for (const s of [...SEATS, 'observer'] as const) expect(links[s]).toMatch(/\/match\/[^/?]+/);
    matchID = /\/match\/([^/?]+)/.exec(links.japan)![1]!;

    for (const seat of SEATS) {
      const p = page(seat);
      await p.goto(links[seat]);
      await p.getByTestId('join-name').fill(NAMES[seat]);
      await p.getByTestId('join').click();
      await p.getByTestId('seat').waitFor();
      await expect.poll(() => p.getByTestId('seat').innerText()).toContain(NAMES[seat]);
      await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 10_000 }).toContain('Round 1/');
      const stored = await p.evaluate(([id, s]) => localStorage.getItem(`island-chain/${id}/${s}`), [
        matchID,
        seat,
      ] as const);
      expect(JSON.parse(stored ?? '{}').playerID).toBe(PLAYER_OF_SEAT[seat]);
    }
    // Who is seated comes from the match metadata.
    await tab('white', 'Status');
    for (const seat of SEATS)
      await expect
        .poll(() => page('white').locator(`tr[data-seat="${seat}"]`).innerText(), { timeout: 10_000 })
        .toContain(NAMES[seat]);
    const s0 = await serverState();
    hiddenBefore = hiddenJapanese(s0);
    expect(hiddenBefore.size).toBeGreaterThan(0);
  }, 60_000);

  it("Blue's dashboards read the deterrence margin in words that match its sign", async () => {
    for (const seat of ['japan', 'us'] as const) {
      const d = await deterrenceShown(page(seat));
      expect(['deterred', 'tempted'], seat).toContain(d.state);
      const margin = Number(d.big);
      expect(Number.isFinite(margin), d.big).toBe(true);
      expect(d.state).toBe(margin >= 0 ? 'deterred' : 'tempted');
      expect(d.cls.split(' ')).toContain(margin >= 0 ? 'good' : 'bad');
      expect(d.status).toContain(`(${d.state}: Red's best option above the current rung, rung `);
      expect(d.status).not.toContain('No rung above');
    }
  }, 30_000);

  it('the US proposes US combat operations from Japan and Japan accepts, through the Alliance panel', async () => {
    await tab('us', 'Alliance');
    const us = page('us');
    // A disabled Propose says why: nothing chosen, then IAMD cover with no zone.
    await expect(us.getByTestId('propose').isDisabled()).resolves.toBe(true);
    expect(await us.getByTestId('propose-why').innerText()).toBe('Pick a combined action.');
    const kinds = await us.getByTestId('propose-kind').locator('option').allInnerTexts();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'US combat operations from Japan',
        'IAMD cover',
        'Shared ISR',
        'Logistics support',
      ]),
    );
    await us.getByTestId('propose-kind').selectOption('iamd-cover');
    await expect(us.getByTestId('propose').isDisabled()).resolves.toBe(true);
    expect(await us.getByTestId('propose-why').innerText()).toBe('Pick the zone to cover.');
    await us.getByTestId('propose-kind').selectOption('us-ops-from-japan');
    await us.getByTestId('propose').click();
    actions.push({ type: 'propose', seat: 'us', kind: 'us-ops-from-japan' });
    await expect
      .poll(() => us.getByTestId('proposals').innerText(), { timeout: 10_000 })
      .toMatch(/US combat operations from Japan · open/);

    await tab('japan', 'Alliance');
    const accept = page('japan').locator('[data-testid^="accept-P"]').first();
    await accept.waitFor({ timeout: 10_000 });
    const proposal = ((await accept.getAttribute('data-testid')) ?? '').replace('accept-', '');
    await accept.click();
    actions.push({ type: 'answer', seat: 'japan', proposal, accept: true });
    await expect
      .poll(() => page('japan').getByTestId('proposals').innerText(), { timeout: 10_000 })
      .toMatch(/accepted/);
    await expect
      .poll(() => page('us').getByTestId('proposals').innerText(), { timeout: 10_000 })
      .toMatch(/accepted/);
    // Capacity is charged on both partners' dashboards.
    const s = await serverState();
    expect(s.alliance.capacityUsed).toBe(1);
    for (const seat of ['us', 'japan'] as const)
      await expect
        .poll(() => page(seat).getByTestId('capacity-left').innerText())
        .toBe(String(capacityLeft(s)));
  }, 30_000);

  it('each faction composes orders through the UI and commits', async () => {
    const s = await serverState();
    // Japan: move a unit China cannot see to a zone China cannot see, and fund a program.
    const hiddenZones = new Set([...hiddenBefore].map((id) => s.units[id]!.zone));
    japanMove =
      (legalOrders(s, scenario, 'japan').find(
        (o) => o.type === 'move' && hiddenBefore.has(o.unit) && hiddenZones.has(o.to),
      ) as Extract<Order, { type: 'move' }> | undefined) ?? null;
    expect(japanMove).not.toBeNull();
    const jp = page('japan');
    await tab('japan', 'Orders');
    await jp.getByTestId('unit-select').selectOption(japanMove!.unit);
    await jp.getByTestId('move-to').selectOption(japanMove!.to);
    await jp.getByTestId('add-move').click();
    actions.push({ type: 'order', seat: 'japan', order: japanMove! });
    await pendingHas('japan', `Move ${unitName(japanMove!.unit)} to ${zoneDef(japanMove!.to).name}`);

    const fundOptions = await jp
      .getByTestId('fund-program')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    japanProgram = fundOptions[0]!;
    await jp.getByTestId('fund-program').selectOption(japanProgram);
    await jp.getByTestId('add-fund').click();
    actions.push({ type: 'order', seat: 'japan', order: { type: 'fund', program: japanProgram, amount: 1 } });
    await pendingHas('japan', `Fund ${programById.get(japanProgram)!.name} (1 point)`);
    expect(await jp.getByTestId('pending-orders').innerText()).not.toContain(japanProgram);
    await screenshot(jp, 'japan-orders-pending');

    // An invalid order shows the engine's reason before anything is sent.
    await jp.getByTestId('order-line').fill(`move ${japanMove!.unit} -> ${japanMove!.to}`);
    await expect
      .poll(() => jp.locator('.reason').allInnerTexts())
      .toContainEqual(expect.stringMatching(/already has a move/));
    await expect(jp.getByTestId('add-order-line').isDisabled()).resolves.toBe(true);
    await jp.getByTestId('order-line').fill('');

    // The US: a 2+2 meeting from the policy buttons.
    await tab('us', 'Orders');
    await page('us').getByRole('button', { name: 'Two plus two' }).click();
    actions.push({ type: 'order', seat: 'us', order: { type: 'two-plus-two' } });
    await pendingHas('us', 'Two plus two meeting');

    // China: a legal gray-zone action from the selects.
    const gz =
      legalOrders(s, scenario, 'china').find((o) => o.type === 'gray-zone' && o.action === 'patrol') ??
      legalOrders(s, scenario, 'china').find((o) => o.type === 'gray-zone');
    if (gz?.type !== 'gray-zone') throw new Error('China has no legal gray-zone order');
    await tab('china', 'Orders');
    await page('china').getByTestId('gz-action').selectOption(gz.action);
    await page('china').getByTestId('gz-zone').selectOption(gz.zone);
    await page('china').getByTestId('add-gray-zone').click();
    actions.push({ type: 'order', seat: 'china', order: gz });
    await pendingHas('china', `in ${zoneDef(gz.zone).name}`);
    await pendingHas('china', 'Gray-zone ');
    await expectChinaPanelsClean(hiddenBefore);

    // Taiwan: fund its first program.
    await tab('taiwan', 'Orders');
    const tw = page('taiwan');
    const twProgram = await tw.getByTestId('fund-program').locator('option').nth(1).getAttribute('value');
    await tw.getByTestId('fund-program').selectOption(twProgram!);
    await tw.getByTestId('add-fund').click();
    actions.push({ type: 'order', seat: 'taiwan', order: { type: 'fund', program: twProgram!, amount: 1 } });
    await pendingHas('taiwan', `Fund ${programById.get(twProgram!)!.name} (1 point)`);
    // Revise before committing: add an order, then withdraw it.
    await tw.getByRole('button', { name: 'Mobilize' }).click();
    await pendingHas('taiwan', 'Mobilize reserves');
    await tw
      .getByTestId('pending-orders')
      .getByRole('listitem')
      .filter({ hasText: 'Mobilize reserves' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await expect.poll(() => tw.getByTestId('pending-orders').innerText()).not.toContain('Mobilize');

    for (const f of ['japan', 'us', 'china', 'taiwan'] as const) await commit(f);
    for (const f of ['japan', 'us', 'china', 'taiwan'] as const)
      await expect
        .poll(() => page('white').locator(`tr[data-seat="${f}"]`).innerText(), { timeout: 10_000 })
        .toContain('committed');
    // Five pages on a busy machine: about 45 s at a load average of 10 on two cores.
  }, 120_000);

  it('the White Cell advances and every seat sees its round review', async () => {
    const before = await serverState();
    expect(hiddenJapanese(before)).toEqual(hiddenBefore);
    await tab('white', 'White Cell');
    await page('white').getByTestId('advance').click();
    actions.push({ type: 'advance', seat: 'white' });
    for (const seat of SEATS) {
      const p = page(seat);
      await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 20_000 }).toContain('Round 2/');
      await tab(seat, 'Review');
      await p.getByTestId('review').getByText('Round 1 review').waitFor();
      await expect.poll(() => p.getByTestId('review').innerText()).toContain('Round 1 adjudicated');
      await screenshot(p, seat);
    }
    // Japan's review holds its own accepted combined action; China's does not.
    const usOps = COMBINED_LABELS['us-ops-from-japan'];
    await expect.poll(() => page('japan').getByTestId('review').innerText()).toContain(`${usOps} agreed`);
    expect(await page('china').getByTestId('review').innerText()).not.toContain(usOps);
  }, 60_000);

  it("China's page and socket frames hold none of Japan's hidden units or orders, and no seed", async () => {
    const after = await serverState();
    expect(after.round).toBe(2);
    const never = [...hiddenBefore].filter((id) => hiddenJapanese(after).has(id));
    expect(never.length).toBeGreaterThan(0);
    expect(never).toContain(japanMove!.unit);
    await expectChinaPanelsClean(never);
    const china = pages.china;
    expect(china.frames.length).toBeGreaterThan(3);
    // The frames do carry China's view of the state (so the checks below look at real content).
    expect(china.frames.some((f) => f.includes(`"scenarioId":"${SCENARIO}"`))).toBe(true);
    expect(china.frames.some((f) => f.includes('"cn-'))).toBe(true);
    const html = await china.page.content();
    const text = await china.page.locator('body').innerText();
    for (const id of never) {
      for (const f of china.frames) expect(f.includes(`"${id}"`), `frame leaks ${id}`).toBe(false);
      expect(html).not.toContain(id);
      expect(text).not.toContain(id);
    }
    for (const f of china.frames) {
      expect(f).not.toContain(SEED);
      // Japan's fund order (pending, then in effect) — a program's completion is public news.
      expect(f).not.toContain(`"type":"fund","program":"${japanProgram}"`);
      expect(f).not.toContain(`"unit":"${japanMove!.unit}","to":"${japanMove!.to}"`);
      expect(f).not.toMatch(/"seed"\s*:\s*"/);
    }
    expect(html).not.toContain(SEED);
    // A control: the White Cell, which sees everything, did receive those units and Japan's order.
    for (const id of never) expect(pages.white.frames.some((f) => f.includes(`"${id}"`))).toBe(true);
    expect(pages.white.frames.some((f) => f.includes(`"type":"fund","program":"${japanProgram}"`))).toBe(
      true,
    );
  }, 30_000);

  it('the observer link shows the public view, and no page logged a console error', async () => {
    const observer = await openSeatPage(env.browser);
    await observer.page.goto(`${env.server.url}/match/${matchID}`);
    await expect
      .poll(() => observer.page.getByTestId('seat').innerText(), { timeout: 10_000 })
      .toContain('Observer');
    await expect
      .poll(() => observer.page.getByTestId('round').innerText(), { timeout: 10_000 })
      .toContain('Round 2/');
    expect(await observer.page.locator('.chip').count()).toBe(0);
    await screenshot(observer.page, 'observer');
    for (const seat of SEATS) expect(pages[seat].errors, `${seat} console errors`).toEqual([]);
    expect(observer.errors).toEqual([]);
    await observer.context.close();
  }, 30_000);
});

describe('at the top rung: an invasion under way', () => {
  it('the dashboards say there is no rung above, not a green margin 0; the review counts whole steps', async () => {
    const res = await fetch(`${env.server.url}/games/island-chain/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        numPlayers: 4,
        setupData: {
          scenarioId: 'taiwan-invasion',
          bots: { us: 'baseline', china: 'aggressive', taiwan: 'baseline' },
        },
      }),
    });
    expect(res.status).toBe(200);
    const { matchID: id } = (await res.json()) as { matchID: string };
    const seat = await openSeatPage(env.browser);
    const p = seat.page;
    await p.goto(`${env.server.url}/match/${id}?seat=japan`);
    await p.getByTestId('join-name').fill('Aiko Tanaka');
    await p.getByTestId('join').click();
    await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 15_000 }).toContain('Round 1/');

    const d = await deterrenceShown(p);
    expect(d.state).toBe('no-rung-above');
    expect(d.big).toBe('No rung above');
    expect(d.cls.split(' ')).not.toContain('good');
    expect(d.cls.split(' ')).toContain('bad');
    expect(d.status).toMatch(/No rung above: China is at invasion \(rung 5\).*deterrence has failed/);
    expect(d.status).not.toMatch(/deterred|margin 0/);
    expect(await p.getByTestId('deterrence-estimate').locator('table').count()).toBe(0);
    await screenshot(p, 'invasion-japan-status');

    // One round: answer any bot proposal (a commit waits for it), commit, read the review.
    await tabOf(p, 'Orders');
    await expect
      .poll(
        async () => {
          if (await p.getByTestId('commit').isEnabled()) return 'ready';
          await tabOf(p, 'Alliance');
          const refuse = p.locator('[data-proposal] button', { hasText: 'Refuse' });
          if ((await refuse.count()) > 0) await refuse.first().click();
          await tabOf(p, 'Orders');
          return (await p.getByTestId('commit').isEnabled()) ? 'ready' : 'waiting';
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe('ready');
    await p.getByTestId('commit').click();
    await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 20_000 }).toContain('Round 2/');
    await tabOf(p, 'Review');
    const losses = p.getByTestId('review-losses');
    await losses.waitFor({ timeout: 10_000 });
    const cells = await losses.locator('td').allInnerTexts();
    expect(cells.length).toBe(8);
    for (const c of cells) expect(c).toMatch(/^(\d+|<1)$/);
    expect(await losses.innerText()).toMatch(/This round[\s\S]*So far/);
    await screenshot(p, 'invasion-japan-review');
    await p.setViewportSize({ width: 1280, height: 1400 });
    await tabOf(p, 'Status');
    await screenshot(p, 'invasion-japan-status-round-2');
    expect(seat.errors).toEqual([]);
    await seat.context.close();
  }, 120_000);
});
