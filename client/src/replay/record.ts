/**
 * Match records as the replay viewer reads and saves them (DESIGN.md section 1; issue 4,
 * "Replay viewer"). A record is the harness's `MatchRecord` plus, in the viewer only, an
 * optional `bookmarks` field: notes on rounds and adjudication steps, saved with the record.
 * `replay()` reads only the fields it knows, so a record with bookmarks replays as before.
 */

import { err, ok, type Result } from '../../../game/index.ts';
import { checkRecord, type MatchRecord } from '../../../match/index.ts';

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
  const checked = checkRecord(raw);
  if (!checked.ok) return checked;
  const bookmarks = parseBookmarks((raw as Record<string, unknown>).bookmarks);
  if (!bookmarks.ok) return bookmarks;
  return ok({
    raw: raw as Record<string, unknown>,
    record: { ...checked.value, bookmarks: bookmarks.value },
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
