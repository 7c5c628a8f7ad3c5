/**
 * Browser-test plumbing (issue 3, "Browser tests"): build the client when it is missing or
 * older than its sources, start the server on a free port with a temporary data directory,
 * and drive Debian's chromium through playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
const DIST_INDEX = join(ROOT, 'dist', 'client', 'index.html');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Newest modification time under a path (files only). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of readdirSync(path)) if (e !== 'node_modules') m = Math.max(m, newest(join(path, e)));
  return m;
}

/** Runs `vite build` when dist/client is missing or older than the client, the engine or the scenarios. */
export function ensureClientBuilt(): void {
  const built = existsSync(DIST_INDEX) ? statSync(DIST_INDEX).mtimeMs : 0;
  const sources = Math.max(
    ...['client', 'game', 'scenarios', 'vite.config.ts'].map((p) => newest(join(ROOT, p))),
  );
  if (built > sources) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

export interface RunningServer {
  readonly url: string;
  readonly storage?: {
    fetch(matchID: string, opts: { state: true }): Promise<{ state?: { G: unknown } }>;
  };
  close(): Promise<void>;
}

/** Waits for server/main.ts (written alongside this client), then starts it on a free port. */
export async function startTestServer(): Promise<{ server: RunningServer; dataDir: string }> {
  const main = join(ROOT, 'server', 'main.ts');
  const deadline = Date.now() + 120_000;
  while (!existsSync(main)) {
    if (Date.now() > deadline) throw new Error('server/main.ts does not exist');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const mod = (await import(main)) as {
    startServer: (o: { port: number; dataDir: string; quiet?: boolean }) => Promise<RunningServer>;
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'island-chain-e2e-'));
  const server = await mod.startServer({ port: 0, dataDir, quiet: true });
  return { server, dataDir };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}

/** A page in its own context (its own localStorage, as a separate player), with its console errors collected. */
export interface SeatPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  /** With `recordFrames`: every socket.io message the page received, websocket frames and polling responses. */
  readonly frames: string[];
  /** How many errors the page had logged when its seat was about to be taken from it (`losesSeat`). */
  lostAt: number | null;
}

/** The questionnaire poll of a page whose credentials no longer hold its seat, refused by the server. */
const POLL_REFUSED =
  /^Failed to load resource: the server responded with a status of 403 \(Forbidden\) \[.*\/capture\/seat\]$/;

/**
 * The page's seat is about to be taken from it (taken over in another browser, its link
 * re-issued, freed). From then its credentials no longer hold, and a questionnaire poll it
 * sends before the socket tells it is refused (403): that refusal is the point, not an error
 * of the board. The first call counts.
 */
export function losesSeat(seat: SeatPage): void {
  if (seat.lostAt === null) seat.lostAt = seat.errors.length;
}

/** The page's console errors, less the refused polls logged after it began to lose its seat. */
export const unexpectedErrors = (seat: SeatPage): string[] =>
  seat.errors.filter((e, i) => seat.lostAt === null || i < seat.lostAt || !POLL_REFUSED.test(e));

/** The screen sizes the seminar's pages are looked at in (issue 10, tests): a laptop and a phone. */
export const SEAT_VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

export async function openSeatPage(
  browser: Browser,
  opts: {
    recordFrames?: boolean;
    /** Given at creation: resizing a background page before a screenshot times out under load. */
    viewport?: { readonly width: number; readonly height: number };
    /** Cookies and localStorage to start from (`context.storageState()` of another browser). */
    storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
  } = {},
): Promise<SeatPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    ...(opts.storageState ? { storageState: opts.storageState } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const frames: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // A refused request logs only its status: the address says which request it was.
    const at = m.location().url;
    errors.push(m.text().startsWith('Failed to load resource') && at ? `${m.text()} [${at}]` : m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  if (opts.recordFrames) {
    page.on('websocket', (ws) => {
      ws.on('framereceived', (f) => {
        frames.push(typeof f.payload === 'string' ? f.payload : Buffer.from(f.payload).toString('utf8'));
      });
    });
    // socket.io starts on HTTP long-polling and then upgrades: what comes before the upgrade
    // (the sync with the seat's whole view, often) arrives as polling responses.
    page.on('response', (r) => {
      if (
        r.request().method() === 'GET' &&
        r.url().includes('/socket.io/') &&
        r.url().includes('transport=polling')
      )
        r.text().then(
          (t) => frames.push(t),
          () => {},
        );
    });
  }
  return { context, page, errors, frames, lostAt: null };
}

/**
 * Opens a seat's link and joins it under a name, or with `takeOver` takes the held seat over
 * (the link carries its key; the join page offers it once it has read who holds the seat),
 * then waits for the board: the round in the top bar and the map drawn.
 */
export async function joinThrough(
  p: Page,
  link: string,
  name: string,
  opts: { takeOver?: boolean } = {},
): Promise<void> {
  const sameDocument = p.url().split('#')[0] === link.split('#')[0];
  await p.goto(link);
  // Only the fragment (the key) changed: load the page again, so that it reads the new key.
  if (sameDocument) await p.reload();
  const button = p.getByTestId(opts.takeOver ? 'take-over' : 'join');
  await button.waitFor({ timeout: 20_000 });
  await p.getByTestId('join-name').fill(name);
  await button.click();
  await expect.poll(() => p.getByTestId('round').innerText(), { timeout: 20_000 }).toMatch(/Round \d+\//);
  await p.locator('path.area[data-zone]').first().waitFor({ timeout: 20_000 });
  await expect.poll(() => mapFillsItsArea(p), { timeout: 20_000 }).toBe(true);
}

/** Whether the map is drawn at the size of its area (it is measured after it mounts). */
export const mapFillsItsArea = (p: Page): Promise<boolean> =>
  p.locator('.map-wrap').evaluate((wrap) => {
    const svg = wrap.querySelector('svg.map')?.getBoundingClientRect();
    const area = wrap.getBoundingClientRect();
    return !!svg && Math.abs(svg.width - area.width) <= 1 && Math.abs(svg.height - area.height) <= 1;
  });

/** How wide the page's content is, against the viewport's width (no horizontal scroll when equal). */
export const pageWidth = (p: Page): Promise<{ scrollWidth: number; innerWidth: number }> =>
  p.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** A running server and browser shared by one test file: started before its tests, closed after. */
export interface BrowserEnv {
  server: RunningServer;
  browser: Browser;
}

/**
 * Registers the file's `beforeAll`/`afterAll`: builds the client when needed, starts the
 * server on a free port with a temporary data directory, launches chromium; the returned
 * object is filled in before the first test runs.
 */
export function sharedServerAndBrowser(): BrowserEnv {
  const env = {} as BrowserEnv;
  let dataDir = '';
  beforeAll(async () => {
    ensureClientBuilt();
    const started = await startTestServer();
    env.server = started.server;
    dataDir = started.dataDir;
    env.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (dataDir) removeDir(dataDir);
  });
  return env;
}
