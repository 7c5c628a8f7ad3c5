/**
 * The White Cell (DESIGN.md section 4, "White Cell", and section 10 for seminar mode): which
 * orders need its approval, and the legality of its injects, amendments, rulings, timer,
 * advance and end.
 */
import { zoneDef } from '../data/map.ts';
import { type Effect, TRACK_LABELS, TRACK_PATHS, type TrackPath } from '../data/scenario.ts';
import type { Knowledge } from '../engine/knowledge.ts';
import { factionName } from '../engine/names.ts';
import type { Action, Order } from '../engine/orders.ts';
import { fail, OK } from '../engine/rule.ts';
import type { MatchState } from '../engine/state.ts';
import { readTrack, trackBounds } from '../engine/tracks.ts';
import { FACTIONS, type Faction, type Result, RUNG, type RuleError } from '../types.ts';

/** Approval kind of an order, when White Cell approvals are set for it (seminar mode). */
export function approvalKind(_state: MatchState, o: Order, f: Faction): string | null {
  if (o.type === 'escalate' && o.to === RUNG.strikes) return 'escalate-strikes';
  if (o.type === 'escalate' && o.to === RUNG.invasion) return 'escalate-invasion';
  if (o.type === 'strike' && f === 'japan' && zoneDef(o.target).country === 'china')
    return 'japan-counterstrike';
  if (o.type === 'intervene') return 'us-intervention';
  if (o.type === 'declare') return 'legal-declaration';
  return null;
}

/**
 * White Cell's changes must land inside each track's range: an inject or amendment that would
 * push a track past it is refused with the track, its value and its range named, instead of
 * being clamped silently (several effects on one track add up).
 */
function inRange(state: Knowledge, effects: readonly Effect[]): Result<void, RuleError> {
  const sum = new Map<TrackPath, number>();
  for (const e of effects) sum.set(e.track, (sum.get(e.track) ?? 0) + e.delta);
  for (const [track, delta] of sum) {
    const now = readTrack(state, track);
    const next = Math.round((now + delta) * 1000) / 1000;
    const [lo, hi] = trackBounds(track);
    if (next < lo || next > hi)
      return fail(
        'ERR_OUT_OF_RANGE',
        `${TRACK_LABELS[track]} would go from ${now} to ${next}, outside its range ${lo}–${hi}`,
      );
  }
  return OK;
}

export function validateWhite(
  state: Knowledge,
  a: Extract<Action, { seat: 'white' }>,
): Result<void, RuleError> {
  if (a.seat !== 'white') return fail('ERR_BAD_SEAT', 'White Cell actions come from the white seat');
  if (!state.white.present && a.type !== 'timer-expired')
    return fail('ERR_NO_WHITE_CELL', 'this match has no White Cell seat');
  switch (a.type) {
    case 'inject': {
      if (typeof a.text !== 'string' || a.text.trim().length < 3)
        return fail('ERR_NO_TEXT', 'an inject needs a description');
      // Left out, an inject changes no track; given, its effects are a list.
      const effects = a.effects === undefined ? [] : a.effects;
      if (!Array.isArray(effects))
        return fail('ERR_BAD_EFFECTS', "an inject's effects are a list of changes to tracks");
      for (const e of effects)
        if (!TRACK_PATHS.includes(e.track) || !Number.isFinite(e.delta))
          return fail('ERR_BAD_TRACK', `"${String(e.track)}" is not a track that can change`);
      return inRange(state, effects);
    }
    case 'amend':
      if (typeof a.reason !== 'string' || a.reason.trim().length < 5)
        return fail('ERR_NO_REASON', 'an amendment needs a written reason');
      if (!TRACK_PATHS.includes(a.track) || !Number.isFinite(a.delta))
        return fail('ERR_BAD_TRACK', `"${String(a.track)}" is not a track that can change`);
      return inRange(state, [{ track: a.track, delta: a.delta }]);
    case 'rule': {
      const r = state.requests.find((x) => x.id === a.request);
      if (!r) return fail('ERR_NO_REQUEST', `no request "${a.request}"`);
      return r.status === 'pending' ? OK : fail('ERR_ALREADY', `request ${r.id} is already ${r.status}`);
    }
    case 'set-timer':
      if (a.seconds !== null && (!Number.isInteger(a.seconds) || a.seconds < 10 || a.seconds > 7200))
        return fail('ERR_BAD_TIMER', 'the planning timer is 10 s to 2 h, or off');
      return OK;
    case 'timer-expired':
      return FACTIONS.some((f) => !state.pending[f].committed)
        ? OK
        : fail('ERR_ALREADY', 'every seat has committed');
    case 'advance':
      return FACTIONS.every((f) => state.pending[f].committed)
        ? OK
        : fail(
            'ERR_NOT_READY',
            `waiting for ${FACTIONS.filter((f) => !state.pending[f].committed)
              .map(factionName)
              .join(', ')} to commit`,
          );
    case 'end':
      return typeof a.reason === 'string' && a.reason.trim().length >= 5
        ? OK
        : fail('ERR_NO_REASON', 'ending the match needs a written reason');
  }
}
