/**
 * Text and JSON reports of a finished match: a summary per round (escalation, Red's
 * deterrence estimate, the round's public key events, losses) and the outcome.
 * Pure formatting over `MatchState.history` and `MatchState.log`; no rules here.
 */

import {
  type ByFaction,
  type DeterrenceEstimate,
  FACTIONS,
  type LogEvent,
  type MatchState,
  phaseOf,
  ROUND_DAYS,
  type RoundSummary,
  RUNGS,
  type StepName,
  scoreVector,
  zoneDef,
} from '../game/index.ts';
import { type MatchRecord, stateHash } from '../match/index.ts';

/** Public steps shown in a round summary, in this order (the rest is shown with --verbose). */
const KEY_STEPS: readonly StepName[] = [
  'events',
  'white',
  'politics',
  'coordination',
  'gray-zone',
  'strikes',
  'ground',
];

/** A number for people: at most two decimals, no trailing zeros. */
export const num = (n: number): string => String(Math.round(n * 100) / 100);
const signed = (n: number): string => (n > 0 ? `+${num(n)}` : num(n));
export const rungLabel = (r: number): string => `rung ${r} ${RUNGS[r] ?? '?'}`;
const pad = (s: string, n: number): string => s.padEnd(n);

const isPublic = (e: LogEvent): boolean => e.visibleTo === 'all';

/** Strike events folded into one line per shooter (combined Japan–US strikes are their own shooter). */
export function foldStrikes(events: readonly LogEvent[]): string[] {
  const bySide = new Map<string, { strikes: number; fired: number; hits: number; targets: Set<string> }>();
  const rest: string[] = [];
  for (const e of events) {
    if (e.kind !== 'strike') {
      rest.push(e.text);
      continue;
    }
    const side = e.data.combined ? 'Combined Japan–US' : e.data.by;
    const agg = bySide.get(side) ?? { strikes: 0, fired: 0, hits: 0, targets: new Set<string>() };
    agg.strikes += 1;
    agg.fired += e.data.fired;
    agg.hits += e.data.hits;
    agg.targets.add(zoneDef(e.data.zone).name);
    bySide.set(side, agg);
  }
  const folded = [...bySide].map(
    ([side, a]) =>
      `${side}: ${a.strikes} strike${a.strikes === 1 ? '' : 's'}, ${num(a.fired)} missiles, ${num(a.hits)} hits on ${[...a.targets].join(', ')}`,
  );
  return [...folded, ...rest];
}

/** Repeated identical lines shown once with a count. */
export function foldRepeats(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${l} (×${n})` : l));
}

function lossDelta(now: ByFaction<number>, before: ByFaction<number> | undefined): string {
  const parts = FACTIONS.map((f) => `${f} ${num(now[f] - (before?.[f] ?? 0))}`);
  return parts.join(' · ');
}

export function estimateLine(h: RoundSummary, estimate: DeterrenceEstimate | null): string {
  const verdict = h.deterrenceMargin > 0 ? 'deterred' : 'tempted';
  if (estimate && !estimate.best) return 'no rung above the current one';
  const best = estimate?.best
    ? `best option ${rungLabel(estimate.best.rung)} (success ${Math.round(estimate.best.success * 100)}%), `
    : '';
  const resolve = estimate ? ` vs resolve ${num(estimate.resolve)}` : '';
  return `${best}temptation ${num(h.redBestTemptation)}${resolve} → margin ${signed(h.deterrenceMargin)} (${verdict})`;
}

/**
 * One round's summary. `estimate` is Red's estimate made at the end of that round's
 * adjudication (from a replay's round states); without it the rung of the best option is left out.
 */
export function roundReport(
  state: MatchState,
  index: number,
  estimate: DeterrenceEstimate | null,
  verbose: boolean,
): string[] {
  const h = state.history[index];
  if (!h) return [];
  const events = state.log.filter((e) => e.round === h.round && isPublic(e));
  const phase = phaseOf(h.escalation);
  const out = [
    `Round ${h.round} · ${rungLabel(h.escalation)} · ${phase} phase (${ROUND_DAYS[phase]}-day round)`,
  ];
  const row = (label: string, lines: readonly string[]): void => {
    for (const [i, l] of lines.entries()) out.push(`  ${pad(i === 0 ? label : '', 15)}${l}`);
  };
  row("Red's estimate", [estimateLine(h, estimate)]);
  if (verbose) {
    const steps = [...new Set(events.map((e) => e.step))];
    for (const step of steps)
      row(
        step,
        events.filter((e) => e.step === step).map((e) => e.text),
      );
  } else {
    for (const step of KEY_STEPS) {
      const texts = events.filter((e) => e.step === step);
      if (texts.length === 0) continue;
      row(step, step === 'strikes' ? foldStrikes(texts) : foldRepeats(texts.map((e) => e.text)));
    }
  }
  row('losses', [lossDelta(h.losses, state.history[index - 1]?.losses)]);
  return out;
}

/** The outcome block printed after the rounds. */
export function outcomeReport(state: MatchState, record: MatchRecord): string[] {
  const score = scoreVector(state);
  const o = state.outcome;
  const lossLines = FACTIONS.map((f) => {
    const byType = Object.entries(score.losses[f])
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${num(v)}`)
      .join(', ');
    return `${pad(f, 7)} ${num(score.totalLosses[f])}${byType ? ` (${byType})` : ''}`;
  });
  const control = Object.entries(score.zoneControl).map(([z, f]) => `${z} → ${f}`);
  return [
    `Outcome: ${o ? `${o.category} in round ${o.round} — ${o.reason}` : 'none (the match did not end)'}`,
    `Peak escalation: ${rungLabel(score.peakEscalation)} (round ${score.peakRound})`,
    'Losses (steps):',
    ...lossLines.map((l) => `  ${l}`),
    ...(control.length > 0 ? [`Zones changed hands: ${control.join(', ')}`] : []),
    `Actions: ${record.actions.length} · final hash ${stateHash(state)}`,
  ];
}

/** The one-line JSON of `play --json`. */
export function jsonSummary(
  state: MatchState,
  record: MatchRecord,
  extra: { readonly seats: Readonly<Record<string, string>>; readonly rejected: number },
): string {
  const score = scoreVector(state);
  return JSON.stringify({
    scenario: record.scenarioId,
    scenarioHash: record.scenarioHash,
    seed: record.seed,
    rulesVersion: record.rulesVersion,
    seats: extra.seats,
    outcome: score.outcome,
    outcomeReason: state.outcome?.reason ?? null,
    rounds: score.rounds,
    peakEscalation: score.peakEscalation,
    peakRound: score.peakRound,
    losses: score.totalLosses,
    lossesByType: score.losses,
    zoneControl: score.zoneControl,
    tracks: score.tracks,
    deterrenceMargins: state.history.map((h) => h.deterrenceMargin),
    actions: record.actions.length,
    rejected: extra.rejected,
    finalHash: stateHash(state),
  });
}
