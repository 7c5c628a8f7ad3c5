/**
 * The server serves the client build with a single-page-app fallback, and says how to build
 * the client when there is none.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GAME, http, ours, tempDir } from './helpers.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A GET with the path sent as written (fetch would normalize `..` away). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('client build', () => {
  it('serves files, falls back to index.html for app routes, and never leaves the build folder', async () => {
    const { dir: root, remove } = tempDir();
    cleanup.push(remove);
    const dir = join(root, 'build');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside');
    const s = await ours({ clientDir: dir });
    cleanup.push(() => s.close());

    const index = await fetch(`${s.url}/`);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('<title>app</title>');
    expect(await (await fetch(`${s.url}/match/abc?seat=japan`)).text()).toContain('<title>app</title>');
    const js = await fetch(`${s.url}/assets/main-abc123.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${s.url}/assets/missing.js`)).status).toBe(404);
    // The lobby API is not swallowed by the fallback.
    expect((await http(`${s.url}/games`)).json).toEqual([GAME]);
    expect((await http(`${s.url}/games/${GAME}/nope`)).status).toBe(404);
    const encoded = await rawGet(s.port, '/..%2fsecret.txt');
    expect(encoded.body).not.toContain('outside');
    const dotdot = await rawGet(s.port, '/../secret.txt');
    expect(dotdot.body).not.toContain('outside');
  });

  it('without a build, says to run npm run build', async () => {
    const s = await ours();
    cleanup.push(() => s.close());
    const r = await http(`${s.url}/`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('npm run build');
  });
});
