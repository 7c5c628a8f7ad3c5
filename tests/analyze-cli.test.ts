/**
 * `island-chain analyze` as a user meets it (spawned): the batch is reproducible whatever
 * the worker count, any CSV row replays through `play` to the same final hash, --vary runs
 * every value on the same seeds, and bad arguments fail clearly.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../analysis/stats.ts';
import { CSV_COLUMNS } from '../cli/analyze.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SLOW = 60_000;

function cli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ISLAND_CHAIN_DEBUG: '' },
  });
}

/** RFC 4180 rows as records keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else cell += c;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

const hasStack = (text: string): boolean => /^\s+at /m.test(text);

let dir = '';
const tmp = (name: string): string => join(dir, name);
const BATCH = [
  '--scenario',
  'senkaku-gray-zone',
  '--scenario',
  'takaichi-2025',
  '--games',
  '6',
  '--seed',
  'T',
];
let one: SpawnSyncReturns<string>;
let two: SpawnSyncReturns<string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'island-chain-analyze-'));
  one = cli('analyze', ...BATCH, '--workers', '1', '--out', tmp('one.csv'), '--json', tmp('one.json'));
  two = cli('analyze', ...BATCH, '--workers', '2', '--out', tmp('two.csv'), '--json', tmp('two.json'));
}, SLOW * 2);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('analyze: a reproducible batch', () => {
  it('writes the identical CSV and summary with 1 and 2 workers', () => {
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toContain('2 workers');
    const csv = readFileSync(tmp('one.csv'), 'utf8');
    expect(readFileSync(tmp('two.csv'), 'utf8')).toBe(csv);
    expect(readFileSync(tmp('two.json'), 'utf8')).toBe(readFileSync(tmp('one.json'), 'utf8'));
    const strip = (s: string): string => s.replace(/\S+\.(csv|json)/g, 'FILE');
    expect(strip(two.stdout)).toBe(strip(one.stdout));
  });

  it('has one row per match in (scenario, game) order under the fixed header', () => {
    const text = readFileSync(tmp('one.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = parseCsv(text);
    expect(rows.map((r) => `${r.scenario}#${r.game}`)).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((g) => `senkaku-gray-zone#${g}`),
      ...[1, 2, 3, 4, 5, 6].map((g) => `takaichi-2025#${g}`),
    ]);
    expect(rows.map((r) => r.seed).slice(0, 6)).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-6']);
    for (const r of rows) {
      expect(r.finalHash).toMatch(/^[0-9a-f]{16}$/);
      expect(Number(r.loss_china_total)).toBeGreaterThanOrEqual(0);
      expect(r.outcome).not.toBe('');
    }
  });

  it('prints a side-by-side summary and writes it as JSON', () => {
    const header = one.stdout.split('\n').find((l) => l.includes('senkaku-gray-zone'));
    expect(header).toMatch(/senkaku-gray-zone\s+takaichi-2025/);
    for (const section of [
      'Outcome (share of matches, 95% Wilson interval)',
      'Losses in steps',
      'Red escalated past rung',
    ])
      expect(one.stdout).toContain(section);
    expect(one.stdout).toMatch(/\d+\.\d% \[\d+\.\d–\d+\.\d\]/);
    const summary = JSON.parse(readFileSync(tmp('one.json'), 'utf8')) as BatchSummary;
    expect(summary.groups.map((g) => g.scenario)).toEqual(['senkaku-gray-zone', 'takaichi-2025']);
    const rows = parseCsv(readFileSync(tmp('one.csv'), 'utf8'));
    for (const g of summary.groups) {
      expect(g.games).toBe(6);
      expect(g.outcomes.reduce((a, o) => a + o.count, 0)).toBe(6);
      for (const o of g.outcomes)
        expect(o.count).toBe(rows.filter((r) => r.scenario === g.scenario && r.outcome === o.outcome).length);
    }
  });

  it(
    "replays a row's seed through play --json to the same final hash",
    () => {
      const rows = parseCsv(readFileSync(tmp('one.csv'), 'utf8'));
      const row = rows.find((r) => r.scenario === 'takaichi-2025' && r.game === '4');
      if (!row) throw new Error('no row');
      const r = cli('play', '--scenario', row.scenario ?? '', '--seed', row.seed ?? '', '--json');
      expect(r.status, r.stderr).toBe(0);
      const played = JSON.parse(r.stdout) as { finalHash: string; outcome: string; rounds: number };
      expect(played.finalHash).toBe(row.finalHash);
      expect(played.outcome).toBe(row.outcome);
      expect(String(played.rounds)).toBe(row.rounds);
    },
    SLOW,
  );
});

describe('analyze --vary', () => {
  it(
    'runs both values of tracks.alliance.commandLevel on the same seeds, and a variant row replays with play --set',
    () => {
      const r = cli(
        'analyze',
        '--scenario',
        'senkaku-gray-zone',
        '--games',
        '4',
        '--seed',
        'V',
        '--workers',
        '2',
        '--vary',
        'tracks.alliance.commandLevel=0,2',
        '--out',
        tmp('vary.csv'),
      );
      expect(r.status, r.stderr).toBe(0);
      const rows = parseCsv(readFileSync(tmp('vary.csv'), 'utf8'));
      expect(rows.map((x) => `${x.variant}#${x.seed}`)).toEqual([
        ...['V-1', 'V-2', 'V-3', 'V-4'].map((s) => `tracks.alliance.commandLevel=0#${s}`),
        ...['V-1', 'V-2', 'V-3', 'V-4'].map((s) => `tracks.alliance.commandLevel=2#${s}`),
      ]);
      expect(new Set(rows.map((x) => x.scenarioHash)).size).toBe(2);
      expect(rows.slice(4).map((x) => x.end_commandLevel)).toEqual(['2', '2', '2', '2']);
      expect(r.stdout).toMatch(/commandLevel=0\s+commandLevel=2/);
      expect(r.stdout).toContain('Effect of tracks.alliance.commandLevel');
      expect(r.stdout).toMatch(/commandLevel=2 vs 0/);

      const row = rows[6];
      if (!row) throw new Error('no row');
      const p = cli(
        'play',
        '--scenario',
        'senkaku-gray-zone',
        '--seed',
        row.seed ?? '',
        '--set',
        row.variant ?? '',
        '--json',
      );
      expect(p.status, p.stderr).toBe(0);
      expect((JSON.parse(p.stdout) as { finalHash: string }).finalHash).toBe(row.finalHash);
    },
    SLOW,
  );

  it(
    'fails with exit 2 naming the key for an unknown field or a value out of range',
    () => {
      const bad = cli(
        'analyze',
        '--scenario',
        'senkaku-gray-zone',
        '--games',
        '2',
        '--vary',
        'tracks.alliance.comandLevel=0,2',
      );
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--vary');
      expect(bad.stderr).toContain('tracks.alliance.comandLevel');
      expect(bad.stderr).toContain('commandLevel'); // the fields that do exist are listed
      expect(hasStack(bad.stderr)).toBe(false);
      const range = cli(
        'analyze',
        '--scenario',
        'senkaku-gray-zone',
        '--games',
        '2',
        '--vary',
        'tracks.alliance.commandLevel=0,7',
      );
      expect(range.status).toBe(2);
      expect(range.stderr).toMatch(/tracks\.alliance\.commandLevel=7": tracks\.alliance\.commandLevel: .*2/);
      expect(hasStack(range.stderr)).toBe(false);
    },
    SLOW,
  );
});

describe('analyze: usage errors', () => {
  it(
    'rejects a missing --scenario, a bad --games and a bad --workers with exit 2',
    () => {
      for (const args of [
        ['--games', '2'],
        ['--scenario', 'senkaku-gray-zone', '--games', 'lots'],
        ['--scenario', 'senkaku-gray-zone', '--games', '2', '--workers', '0'],
        ['--scenario', 'no-such-scenario', '--games', '2'],
      ]) {
        const r = cli('analyze', ...args);
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(/island-chain: .*(--scenario|--games|--workers|unknown scenario)/);
        expect(hasStack(r.stderr)).toBe(false);
      }
    },
    SLOW,
  );
});
