/**
 * The client build (DESIGN.md section 1): React app in `client/`, built to `dist/client`,
 * which the server serves at the same origin as the lobby API and the game socket.
 * `virtual:theater` is the coastline data, clipped from world-atlas at build (and dev) time
 * by client/scripts/clip-theater.ts, so no generated file is committed.
 */
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { clipTheater } from './client/scripts/clip-theater.ts';

const VIRTUAL_ID = 'virtual:theater';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

function theaterPlugin(): Plugin {
  let cached: string | undefined;
  return {
    name: 'island-chain-theater',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      cached ??= `export default ${JSON.stringify(clipTheater())};`;
      return cached;
    },
  };
}

/** A module under one of these packages in node_modules. */
const pkgs = (...names: string[]): RegExp =>
  new RegExp(`[\\\\/]node_modules[\\\\/](?:${names.join('|')})[\\\\/]`);

/**
 * Vendor chunks, named so that a change to the app does not change their hashes and each
 * page fetches only the libraries it uses (main.tsx loads every page lazily): React for all;
 * boardgame.io and its socket client for the lobby and the board; milsymbol and the map's
 * geometry for the board; Observable Plot with the d3 modules it draws with for the analysis
 * page; the coastlines on their own. d3-array and internmap, which both the map and Plot use, are left to the bundler's
 * automatic splitting, which puts them in a chunk of their own that both share.
 */
const VENDOR_CHUNKS = [
  { name: 'react', test: pkgs('react', 'react-dom', 'scheduler') },
  {
    name: 'boardgame',
    test: pkgs(
      'boardgame\\.io',
      'redux',
      'immer',
      'rfc6902',
      'flatted',
      'nanoid',
      'lodash\\.isplainobject',
      'socket\\.io-client',
      'socket\\.io-parser',
      'engine\\.io-client',
      'engine\\.io-parser',
      '@socket\\.io',
      '@babel',
    ),
  },
  { name: 'milsymbol', test: pkgs('milsymbol') },
  // The coastlines change only with world-atlas, so they keep their hash between releases.
  { name: 'theater', test: RESOLVED_ID },
  { name: 'geo', test: pkgs('d3-geo', 'd3-delaunay', 'delaunator', 'robust-predicates', 'topojson-client') },
  {
    name: 'plot',
    test: (id: string) =>
      pkgs('@observablehq', 'isoformat', 'interval-tree-1d', 'binary-search-bounds', 'd3', 'd3-[a-z-]+').test(id) &&
      !pkgs('d3-array', 'd3-geo', 'd3-delaunay').test(id),
  },
];

/** Where `npm run dev` forwards the lobby API and the game socket (a server started with `npm run serve`). */
const API = process.env.ISLAND_CHAIN_API ?? 'http://localhost:8000';

export default defineConfig({
  root: 'client',
  plugins: [react(), theaterPlugin()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The largest chunk is milsymbol (loaded by the board only); tests/client-chunks.test.ts
    // holds what the lobby loads to its own budget.
    chunkSizeWarningLimit: 900,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } },
  },
  server: {
    proxy: {
      '/games': API,
      '/socket.io': { target: API, ws: true },
    },
  },
});
