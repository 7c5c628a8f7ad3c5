/**
 * `island-chain report <record>`: the after-action report of a finished match as one
 * self-contained HTML page — the outcome and how it was reached, a timeline of rounds
 * (key public events, White Cell injects and amendments with their reasons), charts of
 * the tracks over time drawn as static inline SVG when the page is written (report/charts.ts:
 * no script is needed to see anything, so it reads the same in a mail client or with
 * scripts off), a losses table by side and type, and print styles; given the match's seminar
 * data capture (`MatchCapture`), also the seats' rationales, questionnaire results and the
 * facilitator's notes. The page is built from a replay of the record; the text helpers are shared with report/text.ts.
 * Used by the CLI (`island-chain report`) and the server (the report routes) alike.
 */
import {
  blueLevers,
  decisiveOutcome,
  describeOrder,
  FACTION_NAMES,
  FACTIONS,
  type Faction,
  type LogEvent,
  type MatchState,
  newMatch,
  OUTCOME_LABELS,
  type OutcomeCategory,
  phaseOf,
  ROUND_DAYS,
  type RoundSummary,
  RULES_VERSION,
  RUNGS,
  type Scenario,
  STEPS,
  type StepName,
  scoreVector,
  zoneName,
} from '../game/index.ts';
import { type MatchRecord, type ReplayResult, stateHash } from '../match/index.ts';
import { type ChartSpec, chartSvg, chartTable, type Series } from './charts.ts';
import { estimateLine, foldRepeats, foldStrikes, num, rungLabel } from './text.ts';

/** Outcome categories as a facilitator would say them (section 9); the engine's log says them too. */
export { OUTCOME_LABELS };

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
      const lost = FACTIONS.map((f) => `${FACTION_NAMES[f]} ${num(h.losses[f] - (before?.[f] ?? 0))}`).join(
        ' · ',
      );
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
<li>Zones that changed hands: ${taken.length > 0 ? esc(taken.map(([z, f]) => `${zoneName(z)} → ${FACTION_NAMES[f]}`).join(', ')) : 'none'}.</li>
<li>Total losses (steps): ${esc(FACTIONS.map((f) => `${FACTION_NAMES[f]} ${num(score.totalLosses[f])}`).join(' · '))}.</li>
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
<table class="losses"><thead><tr><th scope="col">Type</th>${FACTIONS.map((f) => `<th scope="col" class="num">${FACTION_NAMES[f]}</th>`).join('')}<th scope="col" class="num">All</th></tr></thead>
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

const FACTION_COLOR: { readonly [F in (typeof FACTIONS)[number]]: string } = {
  japan: '#1f4e9c',
  us: '#6baed6',
  china: '#c62828',
  taiwan: '#2e7d32',
};

/** The report's charts, one value per adjudicated round (Red's estimate from the replay's round states). */
export function chartSpecs(
  state: MatchState,
  roundStates: readonly MatchState[],
  scenario: Scenario,
): ChartSpec[] {
  const R = state.history;
  const rounds = R.map((h) => h.round);
  const byFaction = (value: (h: RoundSummary, f: Faction) => number | null): Series[] =>
    FACTIONS.map((f) => ({
      name: f,
      color: FACTION_COLOR[f],
      kind: 'line',
      values: R.map((h) => value(h, f)),
    }));
  const start = Object.fromEntries(
    FACTIONS.map((f) => [f, Object.values(scenario.stockpiles[f]).reduce((a, b) => a + b, 0)]),
  ) as Record<Faction, number>;
  // Red weighs an option only where there is a rung above the current one.
  const best = R.map((_, i) => roundStates[i]?.deterrence?.best ?? null);
  const weighed = (v: (h: RoundSummary, i: number) => number | null): (number | null)[] =>
    R.map((h, i) => (best[i] ? v(h, i) : null));
  return [
    {
      id: 'escalation',
      title: 'Escalation ladder',
      caption: 'The shared escalation rung at the end of each round.',
      rounds,
      y: {
        label: 'rung',
        domain: [0, RUNGS.length - 1],
        ticks: RUNGS.map((_, i) => i),
        format: (v) => `${v} ${RUNGS[v] ?? ''}`,
        margin: 112,
      },
      series: [
        {
          name: 'escalation',
          color: '#c62828',
          kind: 'step',
          values: R.map((h) => h.escalation),
        },
      ],
    },
    {
      id: 'deterrence',
      title: "Red's deterrence estimate",
      caption:
        "Red's best option above the current rung: its temptation (value × success − cost) against Red's resolve; the bars are the margin (resolve − temptation), positive when Red is deterred. No value in a round with no rung above the current one.",
      rounds,
      y: { label: 'value' },
      rules: [{ y: 0 }],
      series: [
        {
          name: 'margin',
          legend: 'margin: deterred',
          color: '#9ccc9c',
          kind: 'bars',
          negative: { name: 'margin: tempted', color: '#ef9a9a' },
          values: weighed((h) => h.deterrenceMargin),
        },
        {
          name: 'best temptation',
          color: '#c62828',
          kind: 'line',
          values: weighed((h) => h.redBestTemptation),
          notes: {
            label: 'best option',
            values: best.map((b) =>
              b ? `${rungLabel(b.rung)}, success ${Math.round(b.success * 100)}%` : null,
            ),
          },
        },
        {
          name: 'resolve',
          color: '#555555',
          kind: 'line',
          values: weighed((_, i) => roundStates[i]?.deterrence?.resolve ?? null),
        },
      ],
      ...(best.every((b) => b === null)
        ? { empty: 'No rung above the current one in any round: Red had no further option to weigh.' }
        : {}),
    },
    {
      id: 'politics',
      title: 'Alliance cohesion and public will',
      caption: 'Alliance cohesion, Japanese public support and Taiwanese public will (0–100).',
      rounds,
      y: { label: '0–100', domain: [0, 100] },
      series: [
        { name: 'alliance cohesion', color: '#6a1b9a', kind: 'line', values: R.map((h) => h.cohesion) },
        {
          name: 'Japan public support',
          color: '#1f4e9c',
          kind: 'line',
          values: R.map((h) => h.japanSupport),
        },
        { name: 'Taiwan public will', color: '#2e7d32', kind: 'line', values: R.map((h) => h.taiwanWill) },
      ],
    },
    {
      id: 'energy',
      title: "Taiwan's energy stocks",
      caption: 'Days of energy stocks left in Taiwan.',
      rounds,
      y: { label: 'days' },
      series: [
        {
          name: 'energy stocks',
          color: '#e65100',
          kind: 'line',
          area: true,
          values: R.map((h) => h.energyDays),
        },
      ],
    },
    {
      id: 'budgets',
      title: 'Budgets',
      caption: 'Budget points available to each side at the end of each round.',
      rounds,
      y: { label: 'points' },
      series: byFaction((h, f) => h.budgets[f]),
    },
    {
      id: 'stockpiles',
      title: 'Munition stockpiles',
      caption: "Each side's munitions stockpile as a share of its scenario start.",
      rounds,
      y: { label: '% of start' },
      rules: [{ y: 100, label: 'start' }],
      series: byFaction((h, f) => (start[f] > 0 ? (100 * h.stockpiles[f]) / start[f] : null)),
    },
    {
      id: 'losses',
      title: 'Cumulative losses',
      caption: 'Steps lost by each side, cumulative.',
      rounds,
      y: { label: 'steps' },
      series: byFaction((h, f) => h.losses[f]),
    },
    {
      id: 'capacity',
      title: 'USFJ/JJOC coordination',
      caption: 'Coordination capacity per round and the command architecture level.',
      rounds,
      y: { label: 'level / capacity' },
      series: [
        { name: 'coordination capacity', color: '#00838f', kind: 'step', values: R.map((h) => h.capacity) },
        { name: 'command level', color: '#8d6e63', kind: 'step', values: R.map((h) => h.commandLevel) },
      ],
    },
  ];
}

/** A chart with its title, caption and data table; the SVG is complete without any script. */
const figure = (spec: ChartSpec): string =>
  `<figure class="chart" id="fig-${spec.id}"><h3>${esc(spec.title)}</h3><figcaption>${esc(spec.caption)}</figcaption><div class="plot" id="chart-${spec.id}">${chartSvg(spec)}</div>${chartTable(spec)}</figure>`;

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
figure.chart svg { display: block; width: 100%; max-width: 560px; height: auto; }
details.chart-data { font-size: 12px; margin-top: 4px; } details.chart-data summary { cursor: pointer; color: var(--muted); }
details.chart-data table { margin-top: 4px; } details.chart-data caption { text-align: left; color: var(--muted); }
.round { border-left: 3px solid var(--rule); padding: 4px 0 4px 12px; margin: 0 0 14px; break-inside: avoid-page; }
.round .estimate, .round .round-losses { margin: 4px 0; font-size: 13px; }
ul.events { list-style: none; padding: 0; margin: 4px 0; } ul.events li { margin: 2px 0; }
ul.events .step { display: inline-block; min-width: 96px; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
ul.events li.ev-white { background: var(--white); border-radius: 3px; padding: 1px 4px; } ul.events li.ev-white .step { color: #8a5a00; font-weight: 600; }
details.orders { font-size: 12px; color: var(--muted); } details.orders ul { columns: 2; margin: 4px 0; }
table { border-collapse: collapse; font-size: 13px; } th, td { padding: 3px 10px; border-bottom: 1px solid var(--rule); text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; } tfoot th, tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; align-items: start; }
table.rationales, table.likert { width: 100%; margin-bottom: 12px; } ul.free-text { margin: 0; padding-left: 18px; }
footer { margin-top: 32px; font-size: 12px; color: var(--muted); }
@media (max-width: 900px) { #charts .grid, .two { grid-template-columns: 1fr; } }
@page { size: A4; margin: 14mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  nav.toc, details.orders, details.chart-data { display: none; }
  /* One chart across the page: two side by side would print their labels at about 5 pt. */
  #charts .grid { grid-template-columns: 1fr; gap: 10px; justify-items: center; }
  figure.chart { width: 100%; max-width: 150mm; }
  .two { grid-template-columns: 1fr 1fr; gap: 10px; }
  figure.chart { border-color: #bbb; }
  h2 { break-after: avoid; } #timeline { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Blue's levers at the start of the match: what each Blue seat could have done to lower Red's best temptation most. */
function leversSection(record: MatchRecord, scenario: Scenario): string {
  const start = newMatch(scenario, { seed: record.seed, white: record.white ?? false });
  const rows = (['japan', 'us', 'taiwan'] as const).flatMap((f) =>
    blueLevers(start, scenario, f)
      .slice(0, 3)
      .map(
        (l) =>
          `<tr><th scope="row">${esc(FACTION_NAMES[f])}</th><td>${esc(describeOrder(l.order))}</td><td class="num">${l.change > 0 ? '+' : ''}${num(l.change)}</td><td class="num">${num(l.temptation)}</td></tr>`,
      ),
  );
  return `<section id="levers"><h2>What would it take</h2>
<p class="muted">For each Blue seat at the start of the match, the options that would most lower Red's best temptation as that seat estimates it, were each in effect (negative: Red less tempted).</p>
<table class="levers"><thead><tr><th scope="col">Seat</th><th scope="col">Option</th><th scope="col" class="num">Change</th><th scope="col" class="num">Temptation then</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></section>`;
}

/**
 * A match's seminar data capture (issue 10, "Seminar data capture": the data collection plan),
 * kept by the server beside the match (server/capture.ts), never in the game state: each seat's
 * one-line rationales, the questionnaires White Cell set and the seats' answers, and the
 * facilitator's notes. The server's `capture.json` is this object; times are epoch ms.
 */
export interface MatchCapture {
  readonly format: 'island-chain-capture/1';
  readonly matchID: string;
  readonly scenarioId: string;
  /** Whether the match had ended when the capture was exported. */
  readonly ended: boolean;
  readonly rationales: readonly CaptureRationale[];
  readonly questionnaires: readonly CaptureQuestionnaire[];
  readonly answers: readonly CaptureAnswer[];
  readonly notes: readonly CaptureNote[];
}
export interface CaptureRationale {
  readonly round: number;
  readonly seat: Faction;
  readonly text: string;
  /** The order it explains (its text form), or null for the seat's commit. */
  readonly order: string | null;
  readonly at: number;
}
export type CaptureItemKind = 'likert' | 'text';
export interface CaptureQuestionnaire {
  readonly id: string;
  /** The round it was set in; an end-of-round questionnaire is open until the next round starts. */
  readonly round: number;
  readonly when: 'round' | 'match';
  readonly title: string;
  /** Likert items are answered 1 (strongly disagree) to 5 (strongly agree); text items in words. */
  readonly items: readonly { readonly kind: CaptureItemKind; readonly prompt: string }[];
  readonly at: number;
}
export interface CaptureAnswer {
  readonly questionnaire: string;
  readonly seat: Faction;
  /** One value per item, in order: 1–5 for a Likert item, text for a text item, null when skipped. */
  readonly values: readonly (number | string | null)[];
  readonly at: number;
}
export interface CaptureNote {
  readonly round: number;
  readonly text: string;
  readonly at: number;
}

/** The capture's entries in the report's table of contents. */
const CAPTURE_NAV =
  '<a href="#decisions">Decisions</a><a href="#questionnaires">Questionnaires</a><a href="#notes">Notes</a>';

const utc = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const byRoundThenTime = <T extends { readonly round: number; readonly at: number }>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => a.round - b.round || a.at - b.at);

function decisionsSection(c: MatchCapture): string {
  const rounds = [...new Set(c.rationales.map((r) => r.round))].sort((a, b) => a - b);
  const body = rounds.map((round) => {
    const rows = FACTIONS.flatMap((f) =>
      byRoundThenTime(c.rationales.filter((r) => r.round === round && r.seat === f)).map(
        (r) =>
          `<tr><th scope="row">${esc(f)}</th><td>${r.order === null ? 'commit' : esc(r.order)}</td><td>${esc(r.text)}</td></tr>`,
      ),
    );
    return `<h3>Round ${round}</h3><table class="rationales"><thead><tr><th scope="col">Seat</th><th scope="col">Decision</th><th scope="col">Why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return `<section id="decisions"><h2>What the players decided and why</h2>
<p class="muted">Each seat's one-line rationale with its commit (and any order), as written during the match; no seat saw another's until the end.</p>
${body.join('\n') || '<p class="muted">No rationale was written.</p>'}</section>`;
}

function questionnaireResults(c: MatchCapture, q: CaptureQuestionnaire): string {
  const answers = c.answers.filter((a) => a.questionnaire === q.id);
  const items = q.items.map((item, i) => {
    const values = answers.map((a) => ({ seat: a.seat, v: a.values[i] ?? null })).filter((x) => x.v !== null);
    if (item.kind === 'likert') {
      const counts = [1, 2, 3, 4, 5].map((k) => values.filter((x) => x.v === k).length);
      const n = counts.reduce((a, b) => a + b, 0);
      const mean = n > 0 ? counts.reduce((a, b, k) => a + b * (k + 1), 0) / n : null;
      return `<tr><th scope="row">${esc(item.prompt)}</th>${counts.map((k) => `<td class="num">${k}</td>`).join('')}<td class="num">${n}</td><td class="num">${mean === null ? '—' : mean.toFixed(1)}</td></tr>`;
    }
    const texts = values.map((x) => `<li><b>${esc(x.seat)}:</b> ${esc(String(x.v))}</li>`).join('');
    return `<tr><th scope="row">${esc(item.prompt)}</th><td colspan="7"><ul class="free-text">${texts || '<li class="muted">No answer.</li>'}</ul></td></tr>`;
  });
  const when = q.when === 'match' ? 'end of match' : `end of round ${q.round}`;
  return `<h3>${esc(q.title)} <span class="muted">· ${esc(when)} · ${answers.length} seat${answers.length === 1 ? '' : 's'} answered</span></h3>
<table class="likert"><thead><tr><th scope="col">Item</th>${[1, 2, 3, 4, 5].map((k) => `<th scope="col" class="num">${k}</th>`).join('')}<th scope="col" class="num">n</th><th scope="col" class="num">Mean</th></tr></thead><tbody>${items.join('')}</tbody></table>`;
}

/** The capture in the report: rationales by round and seat, questionnaire results, facilitator notes. */
function captureSection(c: MatchCapture): string {
  const notes = byRoundThenTime(c.notes).map(
    (n) => `<li><span class="step">Round ${n.round} · ${esc(utc(n.at))}</span> ${esc(n.text)}</li>`,
  );
  return `${decisionsSection(c)}
<section id="questionnaires"><h2>Questionnaires</h2>
<p class="muted">Likert items: how many seats answered 1 (strongly disagree) to 5 (strongly agree).</p>
${c.questionnaires.map((q) => questionnaireResults(c, q)).join('\n') || '<p class="muted">No questionnaire was set.</p>'}</section>
<section id="notes"><h2>Facilitator notes</h2>
<ul class="events notes">${notes.join('\n') || '<li class="muted">No notes.</li>'}</ul></section>`;
}

/**
 * The whole page for a replayed record (pure over its inputs: the same record gives the same
 * bytes): one self-contained HTML file with no script, its charts drawn in as SVG.
 */
export function renderReport(
  record: MatchRecord,
  scenario: Scenario,
  res: ReplayResult,
  capture?: MatchCapture,
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
<nav class="toc"><a href="#outcome">Outcome</a><a href="#levers">Levers</a><a href="#charts">Charts</a><a href="#losses">Losses</a><a href="#timeline">Timeline</a>${capture ? CAPTURE_NAV : ''}</nav>
</header>
<main>
${outcomeSection(state, scenario)}
${leversSection(record, scenario)}
<section id="charts"><h2>Tracks over time</h2>
<div class="grid">
${chartSpecs(state, res.roundStates, scenario).map(figure).join('\n')}
</div></section>
<div class="two">
${lossesTable(state)}
<section id="final-tracks"><h2>Tracks at the end</h2>${tracksTable(state)}</section>
</div>
<section id="timeline"><h2>Timeline of rounds</h2>
${timeline(state, res.roundStates)}
</section>
${capture ? captureSection(capture) : ''}
</main>
<footer>Generated by <code>island-chain report</code> from the match record; replay it with <code>island-chain replay &lt;record&gt; --verify</code>.</footer>
</body>
</html>
`;
}
