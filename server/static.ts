/**
 * Serves the production client build (`dist/client`, made by `npm run build`) with a
 * single-page-app fallback: any GET outside the lobby API and socket.io that names no file
 * gets `index.html`. Without a build, a plain page says how to make one.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Middleware } from './seats.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const NO_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Island Chain</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto">
<h1>Island Chain server</h1>
<p>The game server is running, but the browser client has not been built.</p>
<p>Run <code>npm run build</code> (or start with <code>npm start</code>, which builds first), then reload this page.</p>
</body></html>
`;

/** Paths the game server answers itself. */
const API = /^\/(games|socket\.io)(\/|$)/;

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

export function serveClient(clientDir: string): Middleware {
  const root = resolve(clientDir);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || API.test(ctx.path)) return next();
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = NO_BUILD;
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path);
    } catch {
      ctx.status = 400;
      return;
    }
    const file = normalize(join(root, rel));
    const inside = file === root || file.startsWith(root + sep);
    const target =
      inside && isFile(file) ? file : extname(rel) === '' || rel.endsWith('.html') ? index : null;
    if (!target) {
      ctx.status = 404;
      ctx.body = 'Not found';
      return;
    }
    ctx.type = TYPES[extname(target)] ?? 'application/octet-stream';
    ctx.length = statSync(target).size;
    // Vite names built assets by content hash: they never change.
    ctx.set(
      'Cache-Control',
      target.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (ctx.method === 'HEAD') ctx.status = 200;
    else ctx.body = createReadStream(target);
  };
}
