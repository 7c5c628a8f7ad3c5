/**
 * The match record (DESIGN.md section 1): `{rulesVersion, scenarioId, scenarioHash, seed,
 * actions[], roundHashes[]}`, declared once as a zod schema, and the check every reader of a
 * record (CLI, server, viewer) runs on a parsed one.
 *
 * The top level is not strict: a record may carry fields other readers add (the replay
 * viewer's `bookmarks`, client/src/replay/record.ts), and those pass the check. They are not
 * part of a `MatchRecord`, so the checked value leaves them out; a reader that keeps them reads
 * them from its raw JSON.
 */
import { z } from 'zod';
import { type Action, err, ok, type Result } from '../game/index.ts';

/**
 * One entry of `actions[]`: only its `type` and `seat` are checked here; its other fields pass
 * through as they are. The engine validates each action when the record is replayed, so the
 * schema hands it on typed as an `Action`.
 */
const RecordActionSchema = z
  .looseObject({ type: z.string(), seat: z.string() })
  .transform((action) => action as unknown as Action);

/** The record's fields, in the order the check reports them (the first wrong one wins). */
export const MatchRecordSchema = z
  .object({
    rulesVersion: z.string(),
    scenarioId: z.string(),
    scenarioHash: z.string(),
    seed: z.string(),
    white: z.boolean().optional(),
    actions: z.array(RecordActionSchema).readonly(),
    roundHashes: z.array(z.string()).readonly(),
  })
  .readonly();

export type MatchRecord = z.infer<typeof MatchRecordSchema>;

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `actions[2].seat` for the path `['actions', 2, 'seat']`. */
const fieldName = (path: readonly PropertyKey[]): string =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');

/** The sentence for one zod issue, naming the field and what it holds in `raw`. */
function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return `a record must be a JSON object, not ${kindOf(raw)}`;
  let parent: unknown = raw;
  for (const key of issue.path.slice(0, -1)) parent = (parent as Record<PropertyKey, unknown>)[key];
  const last = issue.path[issue.path.length - 1]!;
  const field = fieldName(issue.path);
  if (issue.code !== 'invalid_type') return `field "${field}": ${issue.message}`;
  if (isObject(parent) && !Object.hasOwn(parent, last)) return `missing field "${field}"`;
  const expected = issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a';
  const value = (parent as Record<PropertyKey, unknown>)[last];
  return `field "${field}" must be ${expected} ${issue.expected}, not ${kindOf(value)}`;
}

/** Checks a parsed record's shape (CLI, server and viewer alike); the error names the first field that is missing or of the wrong kind. */
export function checkRecord(raw: unknown): Result<MatchRecord, string> {
  const parsed = MatchRecordSchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err(describeIssue(raw, parsed.error.issues[0]!));
}
