/**
 * One record schema read by every reader (issue 10): whatever the product writes — the CLI's
 * `play --record`, the server's `/record` answer (which is also what the review's download
 * link serves), and the replay viewer's save with bookmarks — is read by every reader: the
 * CLI's `replay --verify` and `report`, the viewer's parser, and the server's branch and
 * report routes. Each record comes from the real writer, not written by hand.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecordText, savedRecordText } from '../../client/src/replay/record.ts';
import { createMatch, GAME, http, ours, tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SLOW = 120_000;

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ISLAND_CHAIN_DEBUG: '' },
  });

describe('every record the product writes is read by every reader', () => {
  let server: Awaited<ReturnType<typeof ours>>;
  const dir = tempDir();
  /** writer name → the file it wrote */
  const written = new Map<string, string>();

  beforeAll(async () => {
    server = await ours();
    // 1. The CLI.
    const cliFile = join(dir.dir, 'cli-record.json');
    const played = cli('play', '--scenario', 'taiwan-invasion', '--seed', 'readers', '--record', cliFile);
    if (played.status !== 0) throw new Error(`play failed: ${played.stderr}`);
    written.set('play --record', cliFile);
    // 2. The server (the review's download link serves this same route).
    const id = await createMatch(server.url, {
      scenarioId: 'taiwan-invasion',
      seed: 'readers-server',
      bots: { japan: 'baseline', us: 'baseline', china: 'opportunist', taiwan: 'baseline' },
    });
    // The bots play the match out; the record is served once it has ended.
    let body = '';
    for (const end = Date.now() + 90_000; !body; ) {
      const r = await http(`${server.url}/games/${GAME}/${id}/record`);
      if (r.status === 200) body = r.text;
      else if (Date.now() > end) throw new Error(`the match did not end: ${r.status} ${r.text}`);
      else await new Promise((done) => setTimeout(done, 250));
    }
    const serverFile = join(dir.dir, 'server-record.json');
    writeFileSync(serverFile, body);
    written.set('server /record', serverFile);
    // 3. The replay viewer's save, with bookmarks, of what it opened from the server.
    const opened = parseRecordText(body);
    if (!opened.ok) throw new Error(`the viewer refused the server's record: ${opened.error}`);
    const saved = savedRecordText(opened.value.raw, [
      { round: 1, note: 'the opening' },
      { round: 2, step: 'strikes', note: 'salvos' },
    ]);
    const viewerFile = join(dir.dir, 'viewer-save.json');
    writeFileSync(viewerFile, saved);
    written.set('viewer save', viewerFile);
  }, SLOW);

  afterAll(async () => {
    await server?.close();
    dir.remove();
  });

  it('has a record from each writer, the server one wrapped as { record, verified }, the viewer one with bookmarks', () => {
    expect([...written.keys()]).toEqual(['play --record', 'server /record', 'viewer save']);
    const serverBody = JSON.parse(readFileSync(written.get('server /record')!, 'utf8'));
    expect(Object.keys(serverBody).sort()).toEqual(['record', 'verified']);
    expect(serverBody.verified).toBe(true);
    expect(JSON.parse(readFileSync(written.get('viewer save')!, 'utf8')).bookmarks).toHaveLength(2);
  });

  it(
    'the CLI replays and verifies each, and writes its report',
    () => {
      for (const [writer, file] of written) {
        const replayed = cli('replay', file, '--verify');
        expect(replayed.status, `${writer}: ${replayed.stderr}`).toBe(0);
        expect(replayed.stdout, writer).toContain('Replay matches the record');
        const out = join(dir.dir, `${writer.replace(/\W+/g, '-')}.html`);
        const report = cli('report', file, '--out', out);
        expect(report.status, `${writer}: ${report.stderr}`).toBe(0);
        expect(readFileSync(out, 'utf8'), writer).toContain('after-action report');
      }
    },
    SLOW,
  );

  it('the viewer reads each, with its bookmarks where it saved them', () => {
    for (const [writer, file] of written) {
      const r = parseRecordText(readFileSync(file, 'utf8'));
      expect(r.ok, `${writer}: ${r.ok ? '' : r.error}`).toBe(true);
      if (r.ok) expect(r.value.record.bookmarks ?? [], writer).toHaveLength(writer === 'viewer save' ? 2 : 0);
    }
  });

  it('the server branches from each and reports each', async () => {
    // The CLI test before this one blocks this process (spawnSync) for seconds, server included:
    // let the server close its expired keep-alive sockets before fetch reuses one (else ECONNRESET).
    await new Promise((done) => setTimeout(done, 200));
    for (const [writer, file] of written) {
      const json = JSON.parse(readFileSync(file, 'utf8'));
      const record = 'actions' in json ? json : json.record;
      const branched = await http<{ matchID: string }>(`${server.url}/games/${GAME}/branch`, {
        record,
        round: 2,
        bots: { japan: 'baseline', us: 'baseline', china: 'opportunist', taiwan: 'baseline' },
      });
      expect(branched.status, `${writer}: ${branched.text}`).toBe(200);
      expect(typeof branched.json.matchID, writer).toBe('string');
      const report = await http(`${server.url}/games/${GAME}/report`, { record });
      expect(report.status, `${writer}: ${report.text.slice(0, 200)}`).toBe(200);
      expect(report.text, writer).toContain('after-action report');
    }
  });
});
