/**
 * The after-action report (`island-chain report`): for every golden record the page has the
 * outcome, a timeline entry per round, the chart containers and the losses table; it is
 * self-contained (no scripts, styles or images from elsewhere); White Cell injects and
 * amendments appear with their reasons; and a diverging record is refused. The charts
 * themselves (static SVG) are tested in tests/report-static.test.ts, and in chromium with
 * JavaScript disabled in tests/e2e/report-noscript.test.ts.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecordFile } from '../cli/load.ts';
import { type Action, FACTION_NAMES, FACTIONS, type Scenario } from '../game/index.ts';
import { type MatchRecord, playBotRound, replay, startRecording, stateHash } from '../match/index.ts';
import { OUTCOME_LABELS, renderReport } from '../report/aar.ts';
import { num } from '../report/text.ts';
import { getScenario } from '../scenarios/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const GOLDEN = join(ROOT, 'tests', 'golden');

function cli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ISLAND_CHAIN_DEBUG: '' },
  });
}

const scenarioOf = (id: string): Scenario => {
  const s = getScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};

/** The inner HTML of the element with this id (sections do not nest sections of the same id). */
const section = (html: string, id: string): string => {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</section>', start));
};

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'island-chain-report-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const goldenFiles = readdirSync(GOLDEN).filter((f) => f.endsWith('.record.json'));

describe.each(goldenFiles)('report of golden %s', (file) => {
  const record = readRecordFile(join(GOLDEN, file));
  const scenario = scenarioOf(record.scenarioId);
  const res = replay(record, scenario);
  const html = renderReport(record, scenario, res);

  it('replays the record and names the scenario, seed and outcome with how it was reached', () => {
    expect(res.ok).toBe(true);
    const o = res.state.outcome;
    if (!o) throw new Error('golden match did not end');
    expect(html).toContain(`<title>${scenario.name} — after-action report</title>`);
    expect(html).toContain(`<dd>${record.seed}</dd>`);
    const outcome = section(html, 'outcome');
    expect(outcome).toContain(OUTCOME_LABELS[o.category]);
    expect(outcome).toContain('How it was reached:');
    expect(outcome).toContain(`in round ${o.round} of ${scenario.rounds}`);
    expect(html).toContain(stateHash(res.state));
  });

  it("has Blue's levers at the start: up to three options per Blue seat, each with its change in Red's temptation", () => {
    const section = html.slice(
      html.indexOf('<section id="levers">'),
      html.indexOf('</section>', html.indexOf('<section id="levers">')),
    );
    expect(section).toContain('What would it take');
    const rows = [
      ...section.matchAll(
        /<tr><th scope="row">(Japan|US|Taiwan)<\/th><td>([^<]+)<\/td><td class="num">([^<]+)<\/td>/g,
      ),
    ];
    expect(rows.length).toBeGreaterThan(0);
    for (const seat of ['Japan', 'US', 'Taiwan'])
      expect(rows.filter((r) => r[1] === seat).length).toBeLessThanOrEqual(3);
    // Options in words, not the order line's ids ("fund tomahawk 1").
    for (const r of rows) expect(r[2]).toMatch(/^[A-Z]/);
    for (const r of rows) expect(Number.isFinite(Number(r[3]!.replace('+', '')))).toBe(true);
  });

  it('has a timeline entry for every round, with its public events', () => {
    const timeline = html.slice(html.indexOf('id="timeline"'));
    const rounds = timeline.match(/<section class="round" id="round-\d+">/g) ?? [];
    expect(rounds).toHaveLength(record.roundHashes.length);
    const firstEvent = res.state.log.find(
      (e) => e.round === 1 && e.step === 'events' && e.visibleTo === 'all',
    );
    if (firstEvent)
      expect(section(html, 'round-1')).toContain(firstEvent.text.replace(/&/g, '&amp;').slice(0, 40));
    expect(section(html, 'round-1')).toContain("Red's estimate:");
  });

  it('tabulates losses by side and type, with totals', () => {
    const losses = section(html, 'losses');
    expect(losses).toContain('<table class="losses">');
    for (const f of FACTIONS) {
      expect(losses).toContain(`<th scope="col" class="num">${FACTION_NAMES[f]}</th>`);
      for (const [type, steps] of Object.entries(res.state.losses[f]))
        expect(losses).toMatch(
          new RegExp(
            `<th scope="row">${type}</th>(<td class="num">[^<]*</td>)*<td class="num">${num(steps)}</td>`,
          ),
        );
    }
    const total = FACTIONS.reduce(
      (a, f) => a + Object.values(res.state.losses[f]).reduce((x, y) => x + y, 0),
      0,
    );
    expect(losses).toContain(`<tfoot><tr><th scope="row">Total</th>`);
    expect(losses).toContain(`${total > 0 ? num(total) : '—'}</td></tr></tfoot>`);
  });

  it('is self-contained: no scripts, no styles, images or fonts from elsewhere, and print styles', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link[^>]*stylesheet/i);
    expect(html).not.toMatch(/\s(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain('@media print');
  });
});

/** A seminar match with White Cell seated: an inject in round 1, an amendment in round 2. */
function whiteCellRecord(scenario: Scenario, seed: string): MatchRecord {
  const rec = startRecording(scenario, seed, { white: true });
  const must = (a: Action): void => {
    if (!rec.apply(a)) throw new Error(`rejected: ${JSON.stringify(a)}`);
  };
  must({
    type: 'inject',
    seat: 'white',
    text: 'A typhoon closes Naha port for a week',
    effects: [{ track: 'alliance.cohesion', delta: -5 }],
  });
  while (rec.state.stage === 'planning') {
    playBotRound(scenario, rec.state, {}, rec.apply);
    if (rec.state.round === 2 && rec.state.stage === 'planning')
      must({
        type: 'amend',
        seat: 'white',
        track: 'taiwan.publicWill',
        delta: 4,
        reason: 'the adjudicators judged the convoy run more successful than the table',
      });
    must({ type: 'advance', seat: 'white' });
  }
  return rec.record();
}

describe('report: White Cell and the command', () => {
  it('shows White Cell injects and amendments with their reasons in their rounds', () => {
    const scenario = scenarioOf('senkaku-gray-zone');
    const record = whiteCellRecord(scenario, 'aar-white');
    const res = replay(record, scenario);
    expect(res.ok).toBe(true);
    const html = renderReport(record, scenario, res);
    expect(section(html, 'round-1')).toMatch(
      /<li class="ev ev-white"><span class="step">White Cell<\/span> White Cell inject: A typhoon closes Naha port for a week \(Alliance cohesion [\d.]+ → [\d.]+\)<\/li>/,
    );
    expect(section(html, 'round-2')).toMatch(
      /ev-white.*White Cell amends Taiwan(?:'|&#39;|&#x27;|&apos;)s public will by 4 \(now [\d.]+\): the adjudicators judged the convoy run more successful than the table/,
    );
    expect(section(html, 'round-1')).not.toContain('White Cell amends');
    expect(html).toContain('<dt>White Cell</dt><dd>seated</dd>');
  });

  it('writes the page from the command line, and refuses a record that diverges (exit 3) or is missing (exit 1)', () => {
    const file = join(GOLDEN, 'takaichi-2025.record.json');
    const out = join(dir, 'takaichi.html');
    const r = cli('report', file, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Report written to ${out}`);
    const record = readRecordFile(file);
    const scenario = scenarioOf(record.scenarioId);
    expect(readFileSync(out, 'utf8')).toBe(renderReport(record, scenario, replay(record, scenario)));

    const tampered = {
      ...record,
      roundHashes: record.roundHashes.map((h, i) => (i === 2 ? '0000000000000000' : h)),
    };
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const bad = cli('report', join(dir, 'tampered.json'), '--out', join(dir, 'tampered.html'));
    expect(bad.status).toBe(3);
    expect(bad.stderr).toContain('diverges at round 3');
    expect(existsSync(join(dir, 'tampered.html'))).toBe(false);

    const missing = cli('report', join(dir, 'nope.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file');
  }, 60_000);
});
