/**
 * Match records as the replay viewer reads and saves them (DESIGN.md section 1; issue 4,
 * "Replay viewer"). A record is the harness's `MatchRecord` plus, in the viewer only, an
 * optional `bookmarks` field: notes on rounds and adjudication steps, saved with the record.
 * `replay()` reads only the fields it knows, so a record with bookmarks replays as before.
 */
import type { MatchRecord } from '../../../game/harness.ts';
import type { Action } from '../../../game/orders.ts';
import { err, ok, type Result } from '../../../game/types.ts';

/** A note on a round, or on one adjudication step of it (a `STEP_GROUPS` key; none = the round's start). */
export interface Bookmark {
  readonly round: number;
  readonly step?: string;
  readonly note: string;
}

/** A record with the viewer's bookmarks: a client-side extension of `MatchRecord`. */
export type ViewerRecord = MatchRecord & { readonly bookmarks?: readonly Bookmark[] };

const kindOf = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : `a ${typeof x}`;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function parseBookmarks(raw: unknown): Result<Bookmark[], string> {
  if (raw === undefined) return ok([]);
  if (!Array.isArray(raw)) return err(`field "bookmarks" must be an array, not ${kindOf(raw)}`);
  const out: Bookmark[] = [];
  for (const [i, b] of raw.entries()) {
    if (!isObject(b)) return err(`field "bookmarks[${i}]" must be an object, not ${kindOf(b)}`);
    if (typeof b.round !== 'number' || !Number.isInteger(b.round) || b.round < 1)
      return err(`field "bookmarks[${i}].round" must be a round number from 1 on`);
    if (b.step !== undefined && typeof b.step !== 'string')
      return err(`field "bookmarks[${i}].step" must be a string, not ${kindOf(b.step)}`);
    if (typeof b.note !== 'string') return err(`field "bookmarks[${i}].note" must be a string`);
    out.push({ round: b.round, ...(b.step ? { step: b.step } : {}), note: b.note });
  }
  return ok(out);
}

/**
 * Reads a record from parsed JSON: a bare record, or the server's `{ record, verified }`
 * answer. The error names the first field that is missing or of the wrong kind.
 */
export function parseRecord(
  json: unknown,
): Result<{ record: ViewerRecord; raw: Record<string, unknown> }, string> {
  const raw = isObject(json) && isObject(json.record) && !('actions' in json) ? json.record : json;
  if (!isObject(raw)) return err(`a match record is a JSON object, not ${kindOf(raw)}`);
  for (const field of ['rulesVersion', 'scenarioId', 'scenarioHash', 'seed'] as const) {
    if (!(field in raw)) return err(`missing field "${field}"`);
    if (typeof raw[field] !== 'string')
      return err(`field "${field}" must be a string, not ${kindOf(raw[field])}`);
  }
  if (raw.white !== undefined && typeof raw.white !== 'boolean')
    return err(`field "white" must be true or false, not ${kindOf(raw.white)}`);
  if (!Array.isArray(raw.actions)) return err(`field "actions" must be an array, not ${kindOf(raw.actions)}`);
  for (const [i, a] of raw.actions.entries())
    if (!isObject(a) || typeof a.type !== 'string' || typeof a.seat !== 'string')
      return err(`field "actions[${i}]" must be an action: an object with a "type" and a "seat"`);
  if (!Array.isArray(raw.roundHashes) || raw.roundHashes.some((h) => typeof h !== 'string'))
    return err('field "roundHashes" must be an array of strings');
  const bookmarks = parseBookmarks(raw.bookmarks);
  if (!bookmarks.ok) return bookmarks;
  return ok({
    raw,
    record: {
      rulesVersion: raw.rulesVersion as string,
      scenarioId: raw.scenarioId as string,
      scenarioHash: raw.scenarioHash as string,
      seed: raw.seed as string,
      ...(raw.white !== undefined ? { white: raw.white as boolean } : {}),
      actions: raw.actions as Action[],
      roundHashes: raw.roundHashes as string[],
      bookmarks: bookmarks.value,
    },
  });
}

/** Parses the text of a record file. */
export function parseRecordText(text: string): ReturnType<typeof parseRecord> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err(`the file is not JSON (${(e as Error).message})`);
  }
  return parseRecord(json);
}

/** The record as saved by the viewer: every field it was read with, and the current bookmarks. */
export function savedRecordText(
  raw: Readonly<Record<string, unknown>>,
  bookmarks: readonly Bookmark[],
): string {
  const { bookmarks: _old, ...rest } = raw;
  return `${JSON.stringify(bookmarks.length > 0 ? { ...rest, bookmarks } : rest, null, 2)}\n`;
}
