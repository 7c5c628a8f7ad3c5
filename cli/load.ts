/**
 * Reading what the user hands the CLI: JSON files, scenarios (a registered id or a file
 * that may `extends` one) and match records. Every failure becomes a `CliError` that
 * names the file and, where there is one, the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { formatScenarioError, type Scenario } from '../game/index.ts';
import { checkRecord, type MatchRecord } from '../match/index.ts';
import { getScenario, resolveScenario, SCENARIO_IDS } from '../scenarios/index.ts';
import { CliError, EXIT } from './errors.ts';

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

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The record inside what the product writes: a bare record (CLI `--record`, the viewer's
 * save), or the `{ record, verified }` wrapper of the review's download and the server's
 * `/record` answer. The same rule as the replay viewer's: an object with a `record` object
 * and no `actions` of its own is a wrapper; anything else is checked as a record itself.
 */
export function unwrapRecord(json: unknown): unknown {
  return isObject(json) && isObject(json.record) && !('actions' in json) ? json.record : json;
}

/** Reads a record file: unreadable, corrupt JSON or a missing field is an input error naming it. */
export function readRecordFile(file: string): MatchRecord {
  const json = parseJson(readText(file, 'record'));
  if (!json.ok) throw new CliError(`record "${file}" is not valid: ${json.message}`, EXIT.input);
  const r = checkRecord(unwrapRecord(json.value));
  if (!r.ok) throw new CliError(`record "${file}" is not valid: ${r.error}`, EXIT.input);
  return r.value;
}
