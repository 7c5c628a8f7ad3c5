/**
 * What the board checks and reads out for a seat before it acts (issue 10, "No dead ends"):
 * whether a partner may accept a proposal, why a declaration or an intervention is closed, the
 * White Cell's track preview and its changes in the review, and Blue's levers. Split from
 * model.ts (the view model), which re-exports it.
 */
import {
  type Action,
  blueLevers,
  type CombinedProposal,
  type Faction,
  LEGAL_STATUSES,
  type LegalStatus,
  type LogEvent,
  legalRank,
  type MatchView,
  partnerOf,
  type Scenario,
  TRACK_LABELS,
  type TrackPath,
  validateAction,
} from '../../../game/index.ts';

/** An action as the client sends it: the server adds the seat from the player's credentials. */
export type Intent = Action extends infer A ? (A extends Action ? Omit<A, 'seat'> : never) : never;

import { type MatchModel, orderLabel } from './model.ts';

/**
 * Whether the partner could accept a combined operation now (issue 10, item 6): the engine's
 * own answer check (`validateAction` on an `answer`), asked of the view with the proposal in
 * it. Null when it could; otherwise the engine's reason. Advisory, like every check on a view:
 * a declaration pending this round, say, changes the answer only at adjudication.
 */
export function answerReason(view: MatchView, scenario: Scenario, p: CombinedProposal): string | null {
  const r = validateAction(view, scenario, { type: 'answer', seat: p.to, proposal: p.id, accept: true });
  return r.ok ? null : r.error.message;
}

/** The same question before the proposal is sent: the proposal as the engine would record it. */
export function proposalAcceptReason(
  view: MatchView,
  scenario: Scenario,
  by: Faction,
  intent: Extract<Intent, { type: 'propose' }>,
): string | null {
  const to = partnerOf(by);
  if (!to) return null;
  const draft: CombinedProposal = {
    id: '(draft)',
    round: view.round,
    by,
    to,
    kind: intent.kind,
    ...(intent.zone ? { zone: intent.zone } : {}),
    ...(intent.strike ? { strike: intent.strike } : {}),
    status: 'open',
  };
  return answerReason({ ...view, proposals: [...view.proposals, draft] }, scenario, draft);
}

/**
 * Why no Declare control is offered to Japan now, or why the higher situations are closed:
 * for each status above the current one, the engine's reason the declaration would be refused
 * (`checkAction` through the model's `check`). Empty for other seats and outside planning.
 */
export function declarationsClosed(model: MatchModel): readonly { status: LegalStatus; reason: string }[] {
  if (model.faction !== 'japan' || model.view.stage !== 'planning' || model.committed) return [];
  const now = legalRank(model.view.japan.legalStatus);
  const out: { status: LegalStatus; reason: string }[] = [];
  for (const status of LEGAL_STATUSES) {
    if (legalRank(status) <= now) continue;
    const reason = model.check({ type: 'order', order: { type: 'declare', status } });
    if (reason) out.push({ status, reason });
  }
  return out;
}

/**
 * The US decision to intervene, when it is not offered now: the engine's reason (before a
 * quarantine, or where the scenario forbids it), said where the Intervene button would be.
 * Null for other seats, outside planning, or when it is offered.
 */
export function interventionClosed(model: MatchModel): string | null {
  if (model.faction !== 'us' || model.view.stage !== 'planning' || model.committed) return null;
  if (model.legal.simple.some((o) => o.type === 'intervene')) return null;
  return model.check({ type: 'order', order: { type: 'intervene' } });
}

/** A track's value in a view (White Cell's view holds every track). */
export function trackValue(view: MatchView, track: TrackPath): number {
  if (track === 'escalation') return view.escalation;
  const [group, key] = track.split('.') as [string, string];
  const v = (view as unknown as Record<string, Record<string, unknown>>)[group]?.[key];
  return typeof v === 'number' ? v : Number.NaN;
}

export interface TrackPreviewRow {
  readonly track: TrackPath;
  readonly label: string;
  readonly before: number;
  readonly after: number;
  /** The engine's reason this change alone would be refused (`ERR_OUT_OF_RANGE`), or null. */
  readonly reason: string | null;
}

/**
 * An inject's or amendment's effect before it is sent (issue 10, item 5): each track it
 * touches, before → after (several effects on one track add up, as the engine adds them),
 * and the engine's own reason when the change would take the track out of its range —
 * asked per track, so the row that is out of range is the one that says so.
 */
export function trackPreview(
  view: MatchView,
  check: (intent: Intent) => string | null,
  effects: readonly { readonly track: TrackPath; readonly delta: number }[],
): readonly TrackPreviewRow[] {
  const sum = new Map<TrackPath, number>();
  for (const e of effects)
    if (Number.isFinite(e.delta) && e.delta !== 0) sum.set(e.track, (sum.get(e.track) ?? 0) + e.delta);
  return [...sum].map(([track, delta]) => {
    const before = trackValue(view, track);
    return {
      track,
      label: TRACK_LABELS[track],
      before,
      after: Math.round((before + delta) * 1000) / 1000,
      reason: check({ type: 'inject', text: 'preview', effects: [{ track, delta }] }),
    };
  });
}

/** White Cell's changes to tracks in a round, from the log's inject and amendment events. */
export interface WhiteChange {
  readonly kind: 'inject' | 'amendment';
  readonly text: string;
  readonly effects: readonly { readonly label: string; readonly before: number; readonly after: number }[];
}

export function whiteChanges(events: readonly LogEvent[]): readonly WhiteChange[] {
  const out: WhiteChange[] = [];
  for (const e of events) {
    if (e.kind === 'inject')
      out.push({
        kind: 'inject',
        text: e.data.text,
        effects: e.data.effects.map((x) => ({ label: TRACK_LABELS[x.track], before: x.from, after: x.to })),
      });
    else if (e.kind === 'amendment')
      out.push({
        kind: 'amendment',
        text: e.data.reason,
        effects: [
          {
            label: TRACK_LABELS[e.data.track],
            before: Math.round((e.data.value - e.data.delta) * 1000) / 1000,
            after: e.data.value,
          },
        ],
      });
  }
  return out;
}

export interface LeverRow {
  readonly label: string;
  /** Red's best temptation with the lever in effect, as this seat estimates it. */
  readonly temptation: number;
  /** Its change from now; negative means Red is less tempted. */
  readonly change: number;
}

/** Blue's levers (`blueLevers`) for a Blue seat in planning, in words, most effective first. */
export function leverRows(view: MatchView, scenario: Scenario, faction: Faction | null): readonly LeverRow[] {
  if (!faction || faction === 'china' || view.stage !== 'planning') return [];
  return blueLevers(view, scenario, faction).map((l) => ({
    label: orderLabel(l.order),
    temptation: l.temptation,
    change: l.change,
  }));
}
