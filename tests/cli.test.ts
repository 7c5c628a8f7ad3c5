/**
 * The CLI as a user meets it: spawned as a process, checked by exit code and output.
 * Covers scenario validation, `play --json`, deterministic records and `replay --verify`.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SLOW = 60_000;

function cli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ISLAND_CHAIN_DEBUG: '' },
  });
}

const hasStack = (text: string): boolean => /^\s+at /m.test(text);

let dir = '';
const tmp = (name: string): string => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'island-chain-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('scenario validate', () => {
  it(
    'accepts a file that extends a registered scenario',
    () => {
      writeFileSync(
        tmp('good.json'),
        JSON.stringify({ extends: 'takaichi-2025', id: 'my-excursion', eventChance: 0.5 }),
      );
      const r = cli('scenario', 'validate', tmp('good.json'));
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^OK my-excursion [0-9a-f]{16}\n$/);
    },
    SLOW,
  );

  it(
    'rejects a wrong field with exit 1, naming the field path',
    () => {
      writeFileSync(
        tmp('bad.json'),
        JSON.stringify({
          id: 'bad-excursion',
          extends: 'takaichi-2025',
          tracks: { japan: { coalitionSeats: 'many' } },
        }),
      );
      const r = cli('scenario', 'validate', tmp('bad.json'));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('tracks.japan.coalitionSeats: ');
      expect(r.stderr).toContain('[ERR_SCENARIO_FIELD]');
      expect(hasStack(r.stderr)).toBe(false);
    },
    SLOW,
  );

  it(
    'rejects malformed JSON and a missing file with exit 1 and no stack trace',
    () => {
      writeFileSync(tmp('malformed.json'), '{ "extends": "takaichi-2025", "id": }');
      const r = cli('scenario', 'validate', tmp('malformed.json'));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('invalid JSON');
      expect(hasStack(r.stderr)).toBe(false);
      const missing = cli('scenario', 'validate', tmp('no-such-file.json'));
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('no such file');
      expect(hasStack(missing.stderr)).toBe(false);
    },
    SLOW,
  );
});

describe('play', () => {
  it(
    '--json prints one line of JSON with the summary keys',
    () => {
      const r = cli('play', '--scenario', 'takaichi-2025', '--seed', '7', '--json');
      expect(r.status).toBe(0);
      const lines = r.stdout.split('\n').filter((l) => l.length > 0);
      expect(lines).toHaveLength(1);
      const summary = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
      for (const key of ['outcome', 'rounds', 'finalHash', 'peakEscalation', 'losses', 'seed', 'scenario'])
        expect(summary).toHaveProperty(key);
      expect(summary.seed).toBe('7');
      expect(summary.scenario).toBe('takaichi-2025');
      expect(Object.keys(summary.losses as object).sort()).toEqual(['china', 'japan', 'taiwan', 'us']);
    },
    SLOW,
  );

  it(
    'exits 2 with a clear message on bad --seats',
    () => {
      const r = cli('play', '--scenario', 'takaichi-2025', '--seed', '7', '--seats', 'japan=bot:reckless');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--seats');
      expect(r.stderr).toContain('reckless');
      expect(hasStack(r.stderr)).toBe(false);
    },
    SLOW,
  );
});

describe('records and replay --verify', () => {
  const recordA = (): string => tmp('a.json');

  beforeAll(() => {
    cli('play', '--scenario', 'taiwan-invasion', '--seed', '42', '--json', '--record', recordA());
  }, SLOW);

  it(
    'the same scenario and seed give byte-identical records and the same final hash',
    () => {
      const a = cli(
        'play',
        '--scenario',
        'taiwan-invasion',
        '--seed',
        '42',
        '--json',
        '--record',
        tmp('b.json'),
      );
      const b = cli('play', '--scenario', 'taiwan-invasion', '--seed', '42', '--json');
      expect(a.status).toBe(0);
      expect(readFileSync(tmp('b.json'), 'utf8')).toBe(readFileSync(recordA(), 'utf8'));
      const hash = (r: SpawnSyncReturns<string>): unknown =>
        (JSON.parse(r.stdout) as { finalHash: unknown }).finalHash;
      expect(hash(a)).toBe(hash(b));
    },
    SLOW,
  );

  it(
    'an unaltered record verifies with exit 0',
    () => {
      const r = cli('replay', recordA(), '--verify');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Replay matches the record');
    },
    SLOW,
  );

  /** Round of the action at `index`: four commits close a round (no White Cell in these matches). */
  const roundOf = (actions: readonly { type: string }[], index: number): number =>
    1 + Math.floor(actions.slice(0, index).filter((a) => a.type === 'commit').length / 4);

  it(
    "a record with one order's count altered fails --verify, naming the round",
    () => {
      const record = JSON.parse(readFileSync(recordA(), 'utf8')) as {
        actions: { type: string; order?: { type: string; count?: number } }[];
      };
      const index = record.actions.findIndex(
        (a, i) => roundOf(record.actions, i) >= 2 && a.order?.type === 'strike' && (a.order.count ?? 0) > 1,
      );
      expect(index).toBeGreaterThan(0);
      const order = record.actions[index]?.order as { count: number };
      order.count -= 1;
      writeFileSync(tmp('altered.json'), JSON.stringify(record));
      const r = cli('replay', tmp('altered.json'), '--verify');
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`diverges at round ${roundOf(record.actions, index)}`);
      expect(hasStack(r.stderr)).toBe(false);
    },
    SLOW,
  );

  it(
    "a record with a commit turned into another seat's order fails --verify, naming the round",
    () => {
      const record = JSON.parse(readFileSync(recordA(), 'utf8')) as {
        actions: { type: string; seat: string; order?: unknown }[];
      };
      const index = record.actions.findIndex((a, i) => i > 0 && a.type === 'commit' && a.seat === 'japan');
      record.actions[index] = { type: 'order', seat: 'us', order: { type: 'two-plus-two' } };
      writeFileSync(tmp('altered-2.json'), JSON.stringify(record));
      const r = cli('replay', tmp('altered-2.json'), '--verify');
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/diverges at round \d+/);
      expect(r.stderr).toContain(`diverges at round ${roundOf(record.actions, index)}`);
    },
    SLOW,
  );

  it(
    'a corrupt or incomplete record is an input error naming the problem',
    () => {
      writeFileSync(tmp('corrupt.json'), readFileSync(recordA(), 'utf8').slice(0, 300));
      const corrupt = cli('replay', tmp('corrupt.json'), '--verify');
      expect(corrupt.status).toBe(1);
      expect(corrupt.stderr).toContain('invalid JSON');
      const { seed: _seed, ...noSeed } = JSON.parse(readFileSync(recordA(), 'utf8')) as Record<
        string,
        unknown
      >;
      writeFileSync(tmp('no-seed.json'), JSON.stringify(noSeed));
      const missing = cli('replay', tmp('no-seed.json'), '--verify');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('missing field "seed"');
      expect(hasStack(corrupt.stderr + missing.stderr)).toBe(false);
    },
    SLOW,
  );

  it(
    "the review's download and the server's /record body ({ record, verified }) are read by replay and report",
    () => {
      const record = JSON.parse(readFileSync(recordA(), 'utf8')) as Record<string, unknown>;
      writeFileSync(tmp('wrapped.json'), JSON.stringify({ record, verified: true }, null, 2));
      const replayed = cli('replay', tmp('wrapped.json'), '--verify');
      expect(replayed.status, replayed.stderr).toBe(0);
      expect(replayed.stdout).toContain('Replay matches the record');
      const bare = cli('replay', recordA(), '--verify');
      expect(replayed.stdout).toBe(bare.stdout);

      const out = tmp('wrapped.html');
      const report = cli('report', tmp('wrapped.json'), '--out', out);
      expect(report.status, report.stderr).toBe(0);
      expect(report.stdout).toContain(`Report written to ${out}`);
      expect(readFileSync(out, 'utf8')).toContain('after-action report');

      // A wrapper around a bad record still names the missing field; a wrapper whose
      // `record` is not an object is not taken for one.
      const { seed: _seed, ...noSeed } = record;
      writeFileSync(tmp('wrapped-no-seed.json'), JSON.stringify({ record: noSeed, verified: false }));
      const missing = cli('replay', tmp('wrapped-no-seed.json'), '--verify');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('missing field "seed"');
      writeFileSync(tmp('wrapped-string.json'), JSON.stringify({ record: 'not a record', verified: true }));
      const notObject = cli('report', tmp('wrapped-string.json'), '--out', tmp('never.html'));
      expect(notObject.status).toBe(1);
      expect(notObject.stderr).toMatch(/record ".*wrapped-string\.json" is not valid: /);
      expect(hasStack(missing.stderr + notObject.stderr)).toBe(false);
    },
    SLOW,
  );
});
