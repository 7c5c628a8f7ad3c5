/**
 * `island-chain report <record> [--capture capture.json]`: replays a record and writes its
 * after-action report (report/aar.ts), with the match's seminar data capture when given (the
 * server's `capture.json`, checked field by field here).
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { FACTIONS, RULES_VERSION } from '../game/index.ts';
import { type ReplayResult, replay } from '../match/index.ts';
import { type MatchCapture, renderReport } from '../report/aar.ts';
import { getScenario, SCENARIO_IDS } from '../scenarios/index.ts';
import { CliError, EXIT } from './errors.ts';
import { parseJson, readRecordFile, readText, scenarioFromArg } from './load.ts';
import type { Io } from './program.ts';

export interface ReportOptions {
  readonly out?: string;
  readonly scenario?: string;
  readonly capture?: string;
}

const round = z.number().int().min(1);
const at = z.number().int().min(0);
const text = z.string().max(4000);
/** The server's `capture.json` (`MatchCapture`); strict, so a misspelt field is named. */
const CAPTURE = z.strictObject({
  format: z.literal('island-chain-capture/1'),
  matchID: z.string().max(64),
  scenarioId: z.string().max(64),
  ended: z.boolean(),
  rationales: z.array(z.strictObject({ round, seat: z.enum(FACTIONS), text, order: text.nullable(), at })),
  questionnaires: z.array(
    z.strictObject({
      id: z.string().max(16),
      round,
      when: z.enum(['round', 'match']),
      title: text,
      items: z.array(z.strictObject({ kind: z.enum(['likert', 'text']), prompt: text })),
      at,
    }),
  ),
  answers: z.array(
    z.strictObject({
      questionnaire: z.string().max(16),
      seat: z.enum(FACTIONS),
      values: z.array(z.union([z.number().int().min(1).max(5), text, z.null()])),
      at,
    }),
  ),
  notes: z.array(z.strictObject({ round, text, at })),
});

/** Reads a capture file; anything but a capture is an input error naming the file and the field. */
export function readCaptureFile(file: string): MatchCapture {
  const json = parseJson(readText(file, 'capture file'));
  if (!json.ok) throw new CliError(`capture "${file}": ${json.message}`, EXIT.input);
  const r = CAPTURE.safeParse(json.value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new CliError(
      `capture "${file}": ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
      EXIT.input,
    );
  }
  return r.data;
}

/** `report <record>`: replays the record and writes the HTML page. */
export function reportCommand(io: Io, file: string, opts: ReportOptions): void {
  const record = readRecordFile(file);
  const capture = opts.capture ? readCaptureFile(opts.capture) : undefined;
  if (capture && capture.scenarioId !== record.scenarioId)
    throw new CliError(
      `capture "${opts.capture}" is of a match of scenario "${capture.scenarioId}", the record of "${record.scenarioId}"`,
      EXIT.input,
    );
  const scenario = opts.scenario ? scenarioFromArg(opts.scenario) : getScenario(record.scenarioId);
  if (!scenario)
    throw new CliError(
      `record "${file}": scenarioId "${record.scenarioId}" is not a registered scenario (${SCENARIO_IDS.join(', ')}); pass --scenario <file> with the scenario it was made from`,
      EXIT.input,
    );
  let res: ReplayResult;
  try {
    res = replay(record, scenario);
  } catch (e) {
    throw new CliError(
      `record "${file}": its actions could not be replayed (${(e as Error).message})`,
      EXIT.input,
    );
  }
  if (res.error?.code === 'ERR_SCENARIO_HASH')
    throw new CliError(
      `cannot report: ${res.error.message}; pass --scenario <id|file> with the scenario the record was made from`,
      EXIT.input,
    );
  if (!res.ok)
    throw new CliError(
      `record "${file}" does not replay under rules ${RULES_VERSION}: it diverges at round ${res.divergence?.round ?? '?'}${res.error ? ` (${res.error.message})` : ''}, so a report would show wrong states`,
      EXIT.diverged,
    );
  const out = opts.out ?? `${basename(file).replace(/\.json$/i, '')}.html`;
  const html = renderReport(record, scenario, res, capture);
  try {
    writeFileSync(out, html);
  } catch (e) {
    throw new CliError(`cannot write report "${out}": ${(e as Error).message}`, EXIT.input);
  }
  const o = res.state.outcome;
  io.out(
    `Report written to ${out}: ${record.scenarioId} · seed ${record.seed} · ${res.state.history.length} rounds${o ? ` · ${o.category} in round ${o.round}` : ''}`,
  );
}
