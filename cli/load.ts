/**
 * Reading what the user hands the CLI: JSON files, scenarios (a registered id or a file
 * that may `extends` one) and match records. Every failure becomes a `CliError` that
 * names the file and, where there is one, the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { MatchRecord } from '../game/harness.ts';
import type { Action } from '../game/orders.ts';
import type { Scenario, ScenarioError } from '../game/scenario.ts';
import { getScenario, resolveScenario, SCENARIO_IDS } from '../scenarios/index.ts';
import { CliError, EXIT } from './errors.ts';

/** One scenario error as `path: message [CODE]` (the root is shown as `(root)`). */
export const formatScenarioError = (e: ScenarioError): string =>
  `${e.path || '(root)'}: ${e.message} [${e.code}]`;

/** Reads a text file; a missing or unreadable file is an input error naming it. */
export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new CliError(`cannot read ${what} "${file}": ${why}`, EXIT.input);
  }
}

export type JsonRead =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/** Parses JSON text; the error message says where the text stops being JSON. */
export function parseJson(text: string): JsonRead {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `invalid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}` };
  }
}

/** Reads and validates a scenario file; errors come back as `path: message [CODE]` lines. */
export function readScenarioFile(
  file: string,
):
  | { readonly ok: true; readonly value: Scenario }
  | { readonly ok: false; readonly lines: readonly string[] } {
  const json = parseJson(readText(file, 'scenario file'));
  if (!json.ok)
    return {
      ok: false,
      lines: [formatScenarioError({ code: 'ERR_SCENARIO_JSON', path: '', message: json.message })],
    };
  const r = resolveScenario(json.value);
  return r.ok ? r : { ok: false, lines: r.error.map(formatScenarioError) };
}

/** `--scenario <id|file>`: a registered id first, then a file; neither is a usage error. */
export function scenarioFromArg(arg: string): Scenario {
  const registered = getScenario(arg);
  if (registered) return registered;
  if (!existsSync(arg))
    throw new CliError(
      `unknown scenario "${arg}": not a registered id (${SCENARIO_IDS.join(', ')}) and no such file`,
      EXIT.usage,
    );
  const r = readScenarioFile(arg);
  if (!r.ok) throw new CliError(`scenario file "${arg}" is invalid:\n${r.lines.join('\n')}`, EXIT.input);
  return r.value;
}

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;

/** Checks a parsed record's shape; the error names the first field that is missing or of the wrong kind. */
export function checkRecord(
  raw: unknown,
): { readonly ok: true; readonly value: MatchRecord } | { readonly ok: false; readonly message: string } {
  const bad = (message: string) => ({ ok: false as const, message });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return bad(`a record must be a JSON object, not ${kindOf(raw)}`);
  const r = raw as Record<string, unknown>;
  for (const field of ['rulesVersion', 'scenarioId', 'scenarioHash', 'seed'] as const) {
    if (!(field in r)) return bad(`missing field "${field}"`);
    if (typeof r[field] !== 'string')
      return bad(`field "${field}" must be a string, not ${kindOf(r[field])}`);
  }
  if (r.white !== undefined && typeof r.white !== 'boolean')
    return bad(`field "white" must be a boolean, not ${kindOf(r.white)}`);
  if (!('actions' in r)) return bad('missing field "actions"');
  if (!Array.isArray(r.actions)) return bad(`field "actions" must be an array, not ${kindOf(r.actions)}`);
  for (const [i, a] of r.actions.entries()) {
    if (typeof a !== 'object' || a === null || Array.isArray(a))
      return bad(`field "actions[${i}]" must be an object, not ${kindOf(a)}`);
    const act = a as Record<string, unknown>;
    for (const field of ['type', 'seat'] as const)
      if (typeof act[field] !== 'string')
        return bad(
          field in act
            ? `field "actions[${i}].${field}" must be a string, not ${kindOf(act[field])}`
            : `missing field "actions[${i}].${field}"`,
        );
  }
  if (!('roundHashes' in r)) return bad('missing field "roundHashes"');
  if (!Array.isArray(r.roundHashes))
    return bad(`field "roundHashes" must be an array, not ${kindOf(r.roundHashes)}`);
  for (const [i, h] of r.roundHashes.entries())
    if (typeof h !== 'string') return bad(`field "roundHashes[${i}]" must be a string, not ${kindOf(h)}`);
  return {
    ok: true,
    value: {
      rulesVersion: r.rulesVersion as string,
      scenarioId: r.scenarioId as string,
      scenarioHash: r.scenarioHash as string,
      seed: r.seed as string,
      ...(r.white !== undefined ? { white: r.white as boolean } : {}),
      actions: r.actions as Action[],
      roundHashes: r.roundHashes as string[],
    },
  };
}

/** Reads a record file: unreadable, corrupt JSON or a missing field is an input error naming it. */
export function readRecordFile(file: string): MatchRecord {
  const json = parseJson(readText(file, 'record'));
  if (!json.ok) throw new CliError(`record "${file}" is not valid: ${json.message}`, EXIT.input);
  const r = checkRecord(json.value);
  if (!r.ok) throw new CliError(`record "${file}" is not valid: ${r.message}`, EXIT.input);
  return r.value;
}
