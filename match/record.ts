/**
 * The match record (DESIGN.md section 1): `{rulesVersion, scenarioId, scenarioHash, seed,
 * actions[], roundHashes[]}`, and the check every reader of a record (CLI, server, viewer)
 * runs on a parsed one.
 */
import { type Action, err, ok, type Result } from '../game/index.ts';

export interface MatchRecord {
  readonly rulesVersion: string;
  readonly scenarioId: string;
  readonly scenarioHash: string;
  readonly seed: string;
  readonly white?: boolean;
  readonly actions: readonly Action[];
  readonly roundHashes: readonly string[];
}

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;

/** Checks a parsed record's shape (CLI, server and viewer alike); the error names the first field that is missing or of the wrong kind. */
export function checkRecord(raw: unknown): Result<MatchRecord, string> {
  const bad = (message: string): Result<MatchRecord, string> => err(message);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return bad(`a record must be a JSON object, not ${kindOf(raw)}`);
  const r = raw as Record<string, unknown>;
  for (const field of ['rulesVersion', 'scenarioId', 'scenarioHash', 'seed'] as const) {
    if (!Object.hasOwn(r, field)) return bad(`missing field "${field}"`);
    if (typeof r[field] !== 'string')
      return bad(`field "${field}" must be a string, not ${kindOf(r[field])}`);
  }
  if (r.white !== undefined && typeof r.white !== 'boolean')
    return bad(`field "white" must be a boolean, not ${kindOf(r.white)}`);
  if (!Object.hasOwn(r, 'actions')) return bad('missing field "actions"');
  if (!Array.isArray(r.actions)) return bad(`field "actions" must be an array, not ${kindOf(r.actions)}`);
  for (const [i, a] of r.actions.entries()) {
    if (typeof a !== 'object' || a === null || Array.isArray(a))
      return bad(`field "actions[${i}]" must be an object, not ${kindOf(a)}`);
    const act = a as Record<string, unknown>;
    for (const field of ['type', 'seat'] as const)
      if (typeof act[field] !== 'string')
        return bad(
          Object.hasOwn(act, field)
            ? `field "actions[${i}].${field}" must be a string, not ${kindOf(act[field])}`
            : `missing field "actions[${i}].${field}"`,
        );
  }
  if (!Object.hasOwn(r, 'roundHashes')) return bad('missing field "roundHashes"');
  if (!Array.isArray(r.roundHashes))
    return bad(`field "roundHashes" must be an array, not ${kindOf(r.roundHashes)}`);
  for (const [i, h] of r.roundHashes.entries())
    if (typeof h !== 'string') return bad(`field "roundHashes[${i}]" must be a string, not ${kindOf(h)}`);
  return ok({
    rulesVersion: r.rulesVersion as string,
    scenarioId: r.scenarioId as string,
    scenarioHash: r.scenarioHash as string,
    seed: r.seed as string,
    ...(r.white !== undefined ? { white: r.white as boolean } : {}),
    actions: r.actions as Action[],
    roundHashes: r.roundHashes as string[],
  });
}
