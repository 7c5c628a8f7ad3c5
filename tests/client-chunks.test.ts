/**
 * Code splitting (issue 10, "Code splitting"): the client is built into a temporary folder
 * with a manifest, and the JavaScript the lobby page loads — the entry and every chunk it
 * imports statically, transitively, but not the pages it imports dynamically — is held to a
 * budget, and must not include the board, the replay viewer, the analysis page or their
 * libraries (milsymbol, the coastlines, the map geometry, Observable Plot).
 *
 * Budgets: no single chunk over 300 kB raw — the largest the lobby needs is React DOM
 * (about 220 kB minified, which no app change can shrink) with a third of headroom, while
 * milsymbol (860 kB) or the coastlines (530 kB) would fail it — and all of the lobby's
 * JavaScript under 250 kB gzip, the target for the initial load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CHUNK_BUDGET = 300 * 1024;
const LOBBY_GZIP_BUDGET = 250 * 1024;

interface ManifestChunk {
  readonly file: string;
  readonly name?: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}
type Manifest = Readonly<Record<string, ManifestChunk>>;

let out = '';
let manifest: Manifest = {};
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'island-chain-chunks-'));
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--outDir',
      out,
      '--emptyOutDir',
      '--manifest',
      '--logLevel',
      'warn',
    ],
    // Vitest sets NODE_ENV=test, which would build React's development bundle.
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stderr}`);
  manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}, 180_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Manifest keys loaded before anything renders from these keys: static imports, transitively. */
function staticClosure(keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (k: string): void => {
    if (seen.has(k)) return;
    const chunk = manifest[k];
    if (!chunk) throw new Error(`no chunk ${k} in the manifest`);
    seen.add(k);
    for (const i of chunk.imports ?? []) visit(i);
  };
  for (const k of keys) visit(k);
  return seen;
}

const chunk = (k: string): ManifestChunk => {
  const c = manifest[k];
  if (!c) throw new Error(`no chunk ${k} in the manifest`);
  return c;
};
const bytes = (k: string): Buffer => readFileSync(join(out, chunk(k).file));

/** The lobby page: the HTML entry, then the lobby module it imports dynamically on `/`. */
function lobbyChunks(): Set<string> {
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error('no entry in the manifest');
  const lobby = 'src/lobby/Lobby.tsx';
  expect(chunk(entry).dynamicImports).toContain(lobby);
  return staticClosure([entry, lobby]);
}

describe('client chunks', () => {
  it('loads every page lazily from a small entry', () => {
    const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry) ?? '';
    expect(chunk(entry).dynamicImports).toEqual(
      expect.arrayContaining([
        'src/lobby/Lobby.tsx',
        'src/match/MatchPage.tsx',
        'src/replay/ReplayPage.tsx',
        'src/analysis/AnalysisPage.tsx',
      ]),
    );
  });

  it('has the vendor chunks named in vite.config.ts', () => {
    const names = new Set(Object.values(manifest).map((c) => c.name));
    for (const n of ['react', 'boardgame', 'milsymbol', 'theater', 'geo', 'plot'])
      expect(names, n).toContain(n);
  });

  it(`keeps every chunk the lobby loads under ${CHUNK_BUDGET / 1024} kB and all of it under ${LOBBY_GZIP_BUDGET / 1024} kB gzip`, () => {
    const keys = [...lobbyChunks()].filter((k) => chunk(k).file.endsWith('.js'));
    const sizes = keys.map((k) => ({
      file: chunk(k).file,
      raw: bytes(k).length,
      gzip: gzipSync(bytes(k)).length,
    }));
    for (const s of sizes) expect(s.raw, s.file).toBeLessThanOrEqual(CHUNK_BUDGET);
    const gzip = sizes.reduce((a, s) => a + s.gzip, 0);
    expect(gzip, sizes.map((s) => `${s.file} ${s.gzip}`).join(', ')).toBeLessThanOrEqual(LOBBY_GZIP_BUDGET);
  });

  it('does not load the board, the replay viewer, the analysis page or their libraries on the lobby page', () => {
    const loaded = lobbyChunks();
    for (const k of ['src/match/MatchPage.tsx', 'src/replay/ReplayPage.tsx', 'src/analysis/AnalysisPage.tsx'])
      expect(loaded.has(k), k).toBe(false);
    const names = [...loaded].map((k) => chunk(k).name);
    for (const n of ['milsymbol', 'theater', 'geo', 'plot']) expect(names, n).not.toContain(n);
  });

  it('does not load Observable Plot on the board, nor the board on the analysis page', () => {
    const names = (key: string): (string | undefined)[] =>
      [...staticClosure([key])].map((k) => chunk(k).name);
    expect(names('src/match/MatchPage.tsx')).not.toContain('plot');
    expect(names('src/analysis/AnalysisPage.tsx')).not.toContain('milsymbol');
    expect(names('src/analysis/AnalysisPage.tsx')).not.toContain('theater');
  });

  it("loads the White Cell's console and data capture panels only when the White Cell opens them", () => {
    const board = staticClosure(['src/match/MatchPage.tsx']);
    for (const k of ['src/panels/WhiteConsole.tsx', 'src/panels/CaptureWhite.tsx']) {
      expect(chunk('src/match/MatchPage.tsx').dynamicImports, k).toContain(k);
      expect(board.has(k), k).toBe(false);
    }
  });
});
