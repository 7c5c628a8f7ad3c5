/**
 * The seminar data capture in the after-action report (issue 10; report/aar.ts): given a
 * capture, the page has "What the players decided and why" (rationales by round and seat),
 * the questionnaire results (Likert counts per item, free-text answers) and the facilitator's
 * notes, all escaped; without one it has none of them. The CLI takes it with `--capture` and
 * refuses a file that is not a capture, naming the field.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecordFile } from '../cli/load.ts';
import { replay } from '../match/index.ts';
import { type MatchCapture, renderReport } from '../report/aar.ts';
import { getScenario } from '../scenarios/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RECORD = join(ROOT, 'tests', 'golden', 'taiwan-quarantine.record.json');
const record = readRecordFile(RECORD);
const scenario = getScenario(record.scenarioId)!;
const res = replay(record, scenario);
const T = Date.UTC(2026, 10, 27, 19, 30);

const capture: MatchCapture = {
  format: 'island-chain-capture/1',
  matchID: 'm1',
  scenarioId: record.scenarioId,
  ended: true,
  rationales: [
    { round: 2, seat: 'us', text: 'Keep the carrier east of the line', order: null, at: T + 5 },
    { round: 1, seat: 'japan', text: 'Show resolve <without> provoking', order: null, at: T },
    {
      round: 1,
      seat: 'china',
      text: 'Probe the Senkakus',
      order: 'gray-zone coast-guard senkaku',
      at: T + 1,
    },
  ],
  questionnaires: [
    {
      id: 'q1',
      round: 1,
      when: 'round',
      title: 'End of round 1',
      items: [
        { kind: 'likert', prompt: 'We were deterred' },
        { kind: 'text', prompt: 'What would change your mind?' },
      ],
      at: T + 2,
    },
  ],
  answers: [
    { questionnaire: 'q1', seat: 'japan', values: [4, 'A US carrier in range'], at: T + 3 },
    { questionnaire: 'q1', seat: 'china', values: [4, null], at: T + 3 },
    { questionnaire: 'q1', seat: 'us', values: [2, 'Nothing'], at: T + 4 },
  ],
  notes: [{ round: 1, text: 'Japan hesitated over ROE & timing', at: T + 6 }],
};

const section = (html: string, id: string): string => {
  const start = html.indexOf(`id="${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

describe('the capture in the report', () => {
  const html = renderReport(record, scenario, res, capture);

  it('shows what the players decided and why, by round and seat, escaped', () => {
    const s = section(html, 'decisions');
    expect(s).toContain('What the players decided and why');
    expect(s).toContain('Show resolve &lt;without&gt; provoking');
    expect(s).toContain('gray-zone coast-guard senkaku');
    expect(s.indexOf('Round 1')).toBeLessThan(s.indexOf('Round 2'));
    // Seats in faction order within a round: Japan before China.
    expect(s.indexOf('Show resolve')).toBeLessThan(s.indexOf('Probe the Senkakus'));
  });

  it('counts Likert answers per item and lists free-text answers with their seats', () => {
    const s = section(html, 'questionnaires');
    expect(s).toContain('End of round 1');
    expect(s).toContain('3 seats answered');
    expect(s).toContain(
      '<tr><th scope="row">We were deterred</th><td class="num">0</td><td class="num">1</td><td class="num">0</td><td class="num">2</td><td class="num">0</td><td class="num">3</td><td class="num">3.3</td></tr>',
    );
    expect(s).toContain('<li><b>japan:</b> A US carrier in range</li>');
    expect(s).not.toContain('<b>china:</b>');
  });

  it('lists the facilitator notes with round and time', () => {
    const s = section(html, 'notes');
    expect(s).toContain('Round 1 · 2026-11-27 19:30 UTC');
    expect(s).toContain('Japan hesitated over ROE &amp; timing');
  });

  it('leaves the page as it was without a capture', () => {
    const plain = renderReport(record, scenario, res);
    expect(plain).not.toContain('id="decisions"');
    expect(plain).not.toContain('href="#notes"');
    expect(html).toContain('href="#notes"');
  });
});

describe('island-chain report --capture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'island-chain-capture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ISLAND_CHAIN_DEBUG: '' },
    });

  it('writes the report with the capture', () => {
    const file = join(dir, 'capture.json');
    const out = join(dir, 'report.html');
    writeFileSync(file, JSON.stringify(capture));
    const r = cli('report', RECORD, '--capture', file, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(renderReport(record, scenario, res, capture));
  }, 60_000);

  it('refuses a file that is not a capture, naming the field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ ...capture, rationales: [{ ...capture.rationales[0], seat: 'mars' }] }),
    );
    const r = cli('report', RECORD, '--capture', file, '--out', join(dir, 'x.html'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rationales.0.seat');
  }, 60_000);
});
