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

/** Where `npm run dev` forwards the lobby API and the game socket (a server started with `npm run serve`). */
const API = process.env.ISLAND_CHAIN_API ?? 'http://localhost:8000';

export default defineConfig({
  root: 'client',
  plugins: [react(), theaterPlugin()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/games': API,
      '/socket.io': { target: API, ws: true },
    },
  },
});
