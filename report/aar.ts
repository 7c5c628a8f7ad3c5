/**
 * `island-chain report <record>`: the after-action report of a finished match as one
 * self-contained HTML page — the outcome and how it was reached, a timeline of rounds
 * (key public events, White Cell injects and amendments with their reasons), charts of
 * the tracks over time drawn in the browser with Observable Plot (d3 and Plot are inlined,
 * with the data as JSON), a losses table by side and type, and print styles. The page
 * is built from a replay of the record; the text helpers are shared with report/text.ts.
 * Used by the CLI (`island-chain report`) and the server (the report routes) alike.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  blueLevers,
  decisiveOutcome,
  FACTIONS,
  formatOrder,
  type LogEvent,
  type MatchState,
  newMatch,
  type OutcomeCategory,
  phaseOf,
  ROUND_DAYS,
  RULES_VERSION,
  RUNGS,
  type Scenario,
  STEPS,
  type StepName,
  scoreVector,
} from '../game/index.ts';
import { type MatchRecord, type ReplayResult, stateHash } from '../match/index.ts';
import { estimateLine, foldRepeats, foldStrikes, num, rungLabel } from './text.ts';

/** Outcome categories as a facilitator would say them (section 9). */
export const OUTCOME_LABELS: { readonly [O in OutcomeCategory]: string } = {
  'deterrence-held': 'Deterrence held',
  'coercion-succeeded': 'Coercion succeeded',
  'coercion-failed': 'Coercion failed',
  'senkaku-seized': 'Senkaku seized',
  'chinese-victory': 'Chinese victory',
  'stalemate-toward-china': 'Stalemate trending toward China',
  'stalemate-indeterminate': 'Stalemate, indeterminate',
  'stalemate-against-china': 'Stalemate trending against China',
  'chinese-defeat': 'Chinese defeat',
  'terms-agreed': 'Terms agreed',
  'ended-by-facilitator': 'Ended by the facilitator',
};

const STEP_LABELS: { readonly [S in StepName]?: string } = {
  events: 'Events',
  white: 'White Cell',
  politics: 'Politics',
  coordination: 'Coordination',
  'gray-zone': 'Gray zone',
  movement: 'Movement',
  strikes: 'Strikes',
  naval: 'Naval',
  ground: 'Ground',
  economy: 'Economy',
  production: 'Production',
  review: 'Review',
};
/** What each category means when it is scored at the end (game/outcome.ts `finalOutcome`). */
const OUTCOME_MEANING: { readonly [O in OutcomeCategory]: string } = {
  'deterrence-held': 'Red never went beyond coercion (rung 1) and holds nothing it did not hold before.',
  'coercion-succeeded':
    "Red's pressure broke Taiwan's public will or Japan's public support without an invasion.",
  'coercion-failed': 'Red escalated to a quarantine or beyond, short of invasion, and Taiwan and Japan held.',
  'senkaku-seized': 'China controls the Senkakus.',
  'chinese-victory': "China holds Taipei, or two or more of Taiwan's main zones.",
  'stalemate-toward-china':
    "A supplied Chinese lodgment on Taiwan's main island at least half the size of Taiwan's ground forces.",
  'stalemate-indeterminate': "A supplied Chinese lodgment on Taiwan's main island, smaller than that.",
  'stalemate-against-china': 'A Chinese lodgment remains ashore but is cut off from supply.',
  'chinese-defeat': "No Chinese ground forces remain ashore on Taiwan's main island.",
  'terms-agreed': 'An off-ramp was offered and accepted by every side it needed.',
  'ended-by-facilitator':
    'White Cell ended the match before it ran its course; the assessment is how the situation stood then, scored as at a last round.',
};

/** Public steps shown in the timeline, in adjudication order; White Cell's entries are shown whoever saw them. */
const TIMELINE_STEPS = STEPS.filter((s) => STEP_LABELS[s] !== undefined);

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON safe inside a `<script>` element. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** Library code safe inside a `<script>` element (a literal `</script` would end it). */
const scriptCode = (code: string): string => code.replace(/<\/(script)/gi, '<\\/$1');

/** The d3 and Observable Plot UMD bundles from node_modules, inlined so the page needs no network. */
export function chartLibraries(): { readonly d3: string; readonly plot: string } {
  // Neither package exports its UMD file or package.json by path; both entries sit next to dist/.
  const require = createRequire(import.meta.url);
  const d3 = join(dirname(require.resolve('d3')), 'd3.min.js');
  const plot = join(dirname(require.resolve('@observablehq/plot')), '..', 'dist', 'plot.umd.min.js');
  return { d3: readFileSync(d3, 'utf8'), plot: readFileSync(plot, 'utf8') };
}

/** The data the charts draw: one entry per adjudicated round. */
function chartData(state: MatchState, roundStates: readonly MatchState[], scenario: Scenario) {
  return {
    rungs: RUNGS,
    factions: FACTIONS,
    startStockpiles: Object.fromEntries(
      FACTIONS.map((f) => [f, Object.values(scenario.stockpiles[f]).reduce((a, b) => a + b, 0)]),
    ),
    rounds: state.history.map((h, i) => {
      const est = roundStates[i]?.deterrence ?? null;
      return {
        ...h,
        resolve: est?.resolve ?? null,
        bestRung: est?.best?.rung ?? null,
        bestSuccess: est?.best?.success ?? null,
      };
    }),
  };
}

const li = (cls: string, label: string, text: string): string =>
  `<li class="${cls}"><span class="step">${esc(label)}</span> ${esc(text)}</li>`;

function roundEvents(events: readonly LogEvent[]): string[] {
  const out: string[] = [];
  for (const step of TIMELINE_STEPS) {
    const here = events.filter(
      (e) =>
        e.step === step &&
        (e.visibleTo === 'all' || step === 'white') &&
        !(step === 'review' && /^Round \d+ adjudicated$/.test(e.text)),
    );
    if (here.length === 0) continue;
    const texts = step === 'strikes' ? foldStrikes(here) : foldRepeats(here.map((e) => e.text));
    for (const t of texts) out.push(li(`ev ev-${step}`, STEP_LABELS[step] ?? step, t));
  }
  return out;
}

function timeline(state: MatchState, roundStates: readonly MatchState[]): string {
  return state.history
    .map((h, i) => {
      const events = state.log.filter((e) => e.round === h.round);
      const orders = events.filter((e) => e.step === 'orders');
      const phase = phaseOf(h.escalation);
      const before = state.history[i - 1]?.losses;
      const lost = FACTIONS.map((f) => `${f} ${num(h.losses[f] - (before?.[f] ?? 0))}`).join(' · ');
      return `<section class="round" id="round-${h.round}">
<h3>Round ${h.round} <span class="muted">· ${esc(rungLabel(h.escalation))} · ${phase} phase (${ROUND_DAYS[phase]}-day round)</span></h3>
<p class="estimate"><b>Red's estimate:</b> ${esc(estimateLine(h, roundStates[i]?.deterrence ?? null))}</p>
<ul class="events">${roundEvents(events).join('\n') || '<li class="muted">No public events.</li>'}</ul>
<p class="round-losses"><b>Losses this round (steps):</b> ${esc(lost)}</p>
${
  orders.length > 0
    ? `<details class="orders"><summary>Orders that took effect (${orders.length})</summary><ul>${orders.map((e) => `<li>${esc(e.text)}</li>`).join('')}</ul></details>`
    : ''
}
</section>`;
    })
    .join('\n');
}

/** How the escalation rose or fell, round by round, in words. */
function escalationPath(state: MatchState, scenario: Scenario): string {
  const steps: string[] = [];
  let prev = scenario.escalation;
  for (const h of state.history) {
    if (h.escalation !== prev)
      steps.push(
        `${h.escalation > prev ? 'rose' : 'fell'} to ${rungLabel(h.escalation)} in round ${h.round}`,
      );
    prev = h.escalation;
  }
  return `Escalation started at ${rungLabel(scenario.escalation)}${steps.length > 0 ? ` and ${steps.join(', then ')}` : ' and did not change'}.`;
}

function outcomeSection(state: MatchState, scenario: Scenario): string {
  const o = state.outcome;
  const score = scoreVector(state);
  const taken = Object.entries(score.zoneControl);
  const lastRound = o?.round ?? state.round;
  // Decided: an accepted off-ramp, a decisive condition, or an end before the last round.
  const decisive =
    o !== null &&
    (o.category === 'terms-agreed' || decisiveOutcome(state) !== null || o.round < scenario.rounds);
  const ended = o
    ? `<p class="verdict">${esc(OUTCOME_LABELS[o.category])} <span class="code">${esc(o.category)}</span></p>
<p><b>How it was reached:</b> ${esc(o.reason)} — ${decisive ? 'decided' : 'scored'} in round ${o.round} of ${scenario.rounds}. ${esc(OUTCOME_MEANING[o.category])}${o.assessment ? ` Assessment at that point: ${esc(OUTCOME_LABELS[o.assessment])}.` : ''}</p>`
    : '<p class="verdict">The match did not end: this record stops before the last round.</p>';
  return `<section id="outcome"><h2>Outcome</h2>
${ended}
<ul>
<li>${esc(escalationPath(state, scenario))}</li>
<li>Peak escalation: ${esc(rungLabel(score.peakEscalation))} (round ${score.peakRound}).</li>
<li>Decisive round: ${o ? (decisive ? `round ${lastRound}` : `none — the match ran to round ${lastRound}`) : '—'}.</li>
<li>Zones that changed hands: ${taken.length > 0 ? esc(taken.map(([z, f]) => `${z} → ${f}`).join(', ')) : 'none'}.</li>
<li>Total losses (steps): ${esc(FACTIONS.map((f) => `${f} ${num(score.totalLosses[f])}`).join(' · '))}.</li>
</ul></section>`;
}

function lossesTable(state: MatchState): string {
  const cats = [...new Set(FACTIONS.flatMap((f) => Object.keys(state.losses[f])))].sort();
  const cell = (v: number): string => `<td class="num">${v > 0 ? num(v) : '—'}</td>`;
  const rows = cats.map((c) => {
    const vals = FACTIONS.map((f) => state.losses[f][c] ?? 0);
    return `<tr><th scope="row">${esc(c)}</th>${vals.map(cell).join('')}${cell(vals.reduce((a, b) => a + b, 0))}</tr>`;
  });
  const totals = FACTIONS.map((f) => Object.values(state.losses[f]).reduce((a, b) => a + b, 0));
  return `<section id="losses"><h2>Losses by side and type</h2>
<p class="muted">Steps lost: ships for naval groups, aircraft for air wings, battalions for ground forces, launchers for missile units.</p>
<table class="losses"><thead><tr><th scope="col">Type</th>${FACTIONS.map((f) => `<th scope="col" class="num">${f}</th>`).join('')}<th scope="col" class="num">All</th></tr></thead>
<tbody>${rows.join('\n') || `<tr><td colspan="${FACTIONS.length + 2}" class="muted">No losses.</td></tr>`}</tbody>
<tfoot><tr><th scope="row">Total</th>${totals.map(cell).join('')}${cell(totals.reduce((a, b) => a + b, 0))}</tr></tfoot></table></section>`;
}

function tracksTable(state: MatchState): string {
  const rows = Object.entries(scoreVector(state).tracks).map(
    ([k, v]) =>
      `<tr><th scope="row">${esc(k)}</th><td>${esc(typeof v === 'number' ? num(v) : String(v))}</td></tr>`,
  );
  return `<table class="tracks"><tbody>${rows.join('')}</tbody></table>`;
}

const CHARTS: readonly (readonly [id: string, title: string, caption: string])[] = [
  ['escalation', 'Escalation ladder', 'The shared escalation rung at the end of each round.'],
  [
    'deterrence',
    "Red's deterrence estimate",
    "Red's best option above the current rung: its temptation (value × success − cost) against Red's resolve; the bars are the margin (resolve − temptation), positive when Red is deterred.",
  ],
  [
    'politics',
    'Alliance cohesion and public will',
    'Alliance cohesion, Japanese public support and Taiwanese public will (0–100).',
  ],
  ['energy', "Taiwan's energy stocks", 'Days of energy stocks left in Taiwan.'],
  ['budgets', 'Budgets', 'Budget points available to each side at the end of each round.'],
  ['stockpiles', 'Munition stockpiles', "Each side's munitions stockpile as a share of its scenario start."],
  ['losses', 'Cumulative losses', 'Steps lost by each side, cumulative.'],
  [
    'capacity',
    'USFJ/JJOC coordination',
    'Coordination capacity per round and the command architecture level.',
  ],
];

/** The in-page script: reads the data and draws every chart with Observable Plot. */
const CHART_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('aar-data').textContent);
  const R = data.rounds;
  const F = data.factions;
  const FC = { japan: '#1f4e9c', us: '#6baed6', china: '#c62828', taiwan: '#2e7d32' };
  const factionColor = { domain: F, range: F.map((f) => FC[f]), legend: true };
  const x = { label: 'Round', ticks: R.map((r) => r.round), tickFormat: 'd', domain: [1, Math.max(1, R.length)] };
  const upTo = (values) => [0, Math.max(1, ...values.filter((v) => v !== null))];
  const base = { width: 560, height: 240, marginLeft: 52, style: { fontSize: '11px', background: 'transparent' }, x };
  const byFaction = (key, f2 = (r, f) => r[key][f]) =>
    R.flatMap((r) => F.map((f) => ({ round: r.round, faction: f, value: f2(r, f) }))).filter((d) => d.value !== null);
  const series = (pairs) => R.flatMap((r) => pairs.map(([name, key]) => ({ round: r.round, series: name, value: r[key] })));
  const charts = {
    escalation: () => Plot.plot({ ...base, marginLeft: 96,
      y: { domain: [0, 5], ticks: [0, 1, 2, 3, 4, 5], tickFormat: (v) => v + ' ' + data.rungs[v], label: null, grid: true },
      marks: [Plot.line(R, { x: 'round', y: 'escalation', curve: 'step-after', stroke: '#c62828', strokeWidth: 2 }),
        Plot.dot(R, { x: 'round', y: 'escalation', fill: '#c62828', tip: true })] }),
    deterrence: () => {
      const D = R.filter((r) => r.bestRung !== null);
      if (D.length === 0) return note('No rung above the current one in any round: Red had no further option to weigh.');
      const lines = D.flatMap((r) => [{ round: r.round, series: 'best temptation', value: r.redBestTemptation },
        { round: r.round, series: 'resolve', value: r.resolve }]);
      // Bars are centred on their round, so the axis leaves half a round either side.
      return Plot.plot({ ...base, x: { ...x, domain: [0.5, R.length + 0.5] }, y: { label: 'value', grid: true },
        color: { domain: ['margin: deterred', 'margin: tempted', 'best temptation', 'resolve'],
          range: ['#9ccc9c', '#ef9a9a', '#c62828', '#555'], legend: true },
        marks: [Plot.ruleY([0]),
          Plot.rectY(D, { x1: (d) => d.round - 0.3, x2: (d) => d.round + 0.3, y: 'deterrenceMargin',
            fill: (d) => (d.deterrenceMargin > 0 ? 'margin: deterred' : 'margin: tempted'), tip: true }),
          Plot.line(lines, { x: 'round', y: 'value', stroke: 'series', strokeWidth: 2, marker: 'circle' })] });
    },
    politics: () => Plot.plot({ ...base, y: { domain: [0, 100], label: '0–100', grid: true },
      color: { legend: true, domain: ['alliance cohesion', 'Japan public support', 'Taiwan public will'],
        range: ['#6a1b9a', '#1f4e9c', '#2e7d32'] },
      marks: [Plot.line(series([['alliance cohesion', 'cohesion'], ['Japan public support', 'japanSupport'],
        ['Taiwan public will', 'taiwanWill']]), { x: 'round', y: 'value', stroke: 'series', strokeWidth: 2, marker: 'circle', tip: true })] }),
    energy: () => Plot.plot({ ...base, y: { label: 'days', grid: true, domain: upTo(R.map((r) => r.energyDays)) },
      marks: [Plot.areaY(R, { x: 'round', y: 'energyDays', fill: '#ffcc80', fillOpacity: 0.6 }),
        Plot.line(R, { x: 'round', y: 'energyDays', stroke: '#e65100', strokeWidth: 2, marker: 'circle', tip: true })] }),
    budgets: () => Plot.plot({ ...base, color: factionColor,
      y: { label: 'points', grid: true, domain: upTo(byFaction('budgets').map((d) => d.value)) },
      marks: [Plot.line(byFaction('budgets'), { x: 'round', y: 'value', stroke: 'faction', strokeWidth: 2, marker: 'circle', tip: true })] }),
    stockpiles: () => Plot.plot({ ...base, y: { label: '% of start', grid: true, zero: true }, color: factionColor,
      marks: [Plot.ruleY([100], { stroke: '#bbb' }),
        Plot.line(byFaction('stockpiles', (r, f) => (data.startStockpiles[f] > 0 ? (100 * r.stockpiles[f]) / data.startStockpiles[f] : null)),
          { x: 'round', y: 'value', stroke: 'faction', strokeWidth: 2, marker: 'circle', tip: true })] }),
    losses: () => Plot.plot({ ...base, color: factionColor,
      y: { label: 'steps', grid: true, domain: upTo(byFaction('losses').map((d) => d.value)) },
      marks: [Plot.line(byFaction('losses'), { x: 'round', y: 'value', stroke: 'faction', strokeWidth: 2, marker: 'circle', tip: true })] }),
    capacity: () => Plot.plot({ ...base, y: { label: 'level / capacity', grid: true, zero: true },
      color: { legend: true, domain: ['coordination capacity', 'command level'], range: ['#00838f', '#8d6e63'] },
      marks: [Plot.line(series([['coordination capacity', 'capacity'], ['command level', 'commandLevel']]),
        { x: 'round', y: 'value', stroke: 'series', strokeWidth: 2, curve: 'step-after', marker: 'circle', tip: true })] }),
  };
  function note(text) { const p = document.createElement('p'); p.className = 'muted'; p.textContent = text; return p; }
  let failed = 0;
  for (const [id, draw] of Object.entries(charts)) {
    const el = document.getElementById('chart-' + id);
    if (!el) continue;
    try { el.appendChild(draw()); } catch (e) { failed++; el.appendChild(note('This chart could not be drawn: ' + e.message)); }
  }
  document.body.dataset.charts = failed ? 'failed' : 'ok';
})();
`;

const CSS = `
:root { --ink: #1d2329; --muted: #66707a; --rule: #d9dee3; --accent: #1f4e9c; --white: #fff4d6; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 24px 32px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 2px; }
h3 { font-size: 15px; margin: 0 0 6px; } .muted { color: var(--muted); } .code { font: 12px ui-monospace, monospace; color: var(--muted); }
header .meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 10px 0; font-size: 13px; }
header .meta dt { color: var(--muted); } header .meta dd { margin: 0; }
nav.toc { font-size: 13px; margin: 8px 0 0; } nav.toc a { margin-right: 14px; color: var(--accent); }
.verdict { font-size: 20px; font-weight: 600; margin: 4px 0; }
#charts .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 18px 28px; }
figure.chart { margin: 0; padding: 8px 10px; border: 1px solid var(--rule); border-radius: 6px; break-inside: avoid; }
figure.chart figcaption { font-size: 12px; color: var(--muted); margin-bottom: 4px; } figure.chart h3 { margin-bottom: 2px; }
figure.chart svg { max-width: 100%; height: auto; }
.round { border-left: 3px solid var(--rule); padding: 4px 0 4px 12px; margin: 0 0 14px; break-inside: avoid-page; }
.round .estimate, .round .round-losses { margin: 4px 0; font-size: 13px; }
ul.events { list-style: none; padding: 0; margin: 4px 0; } ul.events li { margin: 2px 0; }
ul.events .step { display: inline-block; min-width: 96px; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
ul.events li.ev-white { background: var(--white); border-radius: 3px; padding: 1px 4px; } ul.events li.ev-white .step { color: #8a5a00; font-weight: 600; }
details.orders { font-size: 12px; color: var(--muted); } details.orders ul { columns: 2; margin: 4px 0; }
table { border-collapse: collapse; font-size: 13px; } th, td { padding: 3px 10px; border-bottom: 1px solid var(--rule); text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; } tfoot th, tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; align-items: start; }
footer { margin-top: 32px; font-size: 12px; color: var(--muted); }
@media (max-width: 900px) { #charts .grid, .two { grid-template-columns: 1fr; } }
@page { size: A4; margin: 14mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  nav.toc, details.orders { display: none; }
  #charts .grid, .two { grid-template-columns: 1fr 1fr; gap: 10px; }
  figure.chart { border-color: #bbb; }
  h2 { break-after: avoid; } #timeline { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The whole page for a replayed record (pure over its inputs: the same record gives the same bytes). */
/** Blue's levers at the start of the match: what each Blue seat could have done to lower Red's best temptation most. */
function leversSection(record: MatchRecord, scenario: Scenario): string {
  const start = newMatch(scenario, { seed: record.seed, white: record.white ?? false });
  const rows = (['japan', 'us', 'taiwan'] as const).flatMap((f) =>
    blueLevers(start, scenario, f)
      .slice(0, 3)
      .map(
        (l) =>
          `<tr><th scope="row">${esc(f)}</th><td>${esc(formatOrder(l.order))}</td><td class="num">${l.change > 0 ? '+' : ''}${num(l.change)}</td><td class="num">${num(l.temptation)}</td></tr>`,
      ),
  );
  return `<section id="levers"><h2>What would it take</h2>
<p class="muted">For each Blue seat at the start of the match, the options that would most lower Red's best temptation as that seat estimates it, were each in effect (negative: Red less tempted).</p>
<table class="levers"><thead><tr><th scope="col">Seat</th><th scope="col">Option</th><th scope="col" class="num">Change</th><th scope="col" class="num">Temptation then</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></section>`;
}

export function renderReport(
  record: MatchRecord,
  scenario: Scenario,
  res: ReplayResult,
  libs: { readonly d3: string; readonly plot: string },
): string {
  const state = res.state;
  const o = state.outcome;
  const title = `${scenario.name} — after-action report`;
  const meta: [string, string][] = [
    ['Scenario', `${scenario.name} (${scenario.id}, ${scenario.rounds} rounds)`],
    ['Seed', record.seed],
    ['Outcome', o ? `${OUTCOME_LABELS[o.category]} in round ${o.round}` : 'not finished'],
    ['Rounds played', String(state.history.length)],
    ['Actions', String(record.actions.length)],
    ['White Cell', record.white ? 'seated' : 'not seated (bots and players only)'],
    [
      'Rules',
      record.rulesVersion === RULES_VERSION
        ? record.rulesVersion
        : `${record.rulesVersion} (replayed under ${RULES_VERSION})`,
    ],
    ['Scenario hash', record.scenarioHash],
    ['Final state hash', stateHash(state)],
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="island-chain report">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="muted">${esc(scenario.description)}</p>
<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<nav class="toc"><a href="#outcome">Outcome</a><a href="#levers">Levers</a><a href="#charts">Charts</a><a href="#losses">Losses</a><a href="#timeline">Timeline</a></nav>
</header>
<main>
${outcomeSection(state, scenario)}
${leversSection(record, scenario)}
<section id="charts"><h2>Tracks over time</h2>
<noscript><p>The charts need JavaScript; the data are in this page and in the timeline below.</p></noscript>
<div class="grid">
${CHARTS.map(([id, t, c]) => `<figure class="chart" id="fig-${id}"><h3>${esc(t)}</h3><figcaption>${esc(c)}</figcaption><div class="plot" id="chart-${id}"></div></figure>`).join('\n')}
</div></section>
<div class="two">
${lossesTable(state)}
<section id="final-tracks"><h2>Tracks at the end</h2>${tracksTable(state)}</section>
</div>
<section id="timeline"><h2>Timeline of rounds</h2>
${timeline(state, res.roundStates)}
</section>
</main>
<footer>Generated by <code>island-chain report</code> from the match record; replay it with <code>island-chain replay &lt;record&gt; --verify</code>.</footer>
<script type="application/json" id="aar-data">${scriptJson(chartData(state, res.roundStates, scenario))}</script>
<script>${scriptCode(libs.d3)}</script>
<script>${scriptCode(libs.plot)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}
