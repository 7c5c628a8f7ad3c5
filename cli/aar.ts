/** `island-chain report <record>`: replays a record and writes its after-action report (report/aar.ts). */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { RULES_VERSION } from '../game/index.ts';
import { type ReplayResult, replay } from '../match/index.ts';
import { renderReport } from '../report/aar.ts';
import { getScenario, SCENARIO_IDS } from '../scenarios/index.ts';
import { CliError, EXIT } from './errors.ts';
import { readRecordFile, scenarioFromArg } from './load.ts';
import type { Io } from './program.ts';

export interface ReportOptions {
  readonly out?: string;
  readonly scenario?: string;
}

/** `report <record>`: replays the record and writes the HTML page. */
export function reportCommand(io: Io, file: string, opts: ReportOptions): void {
  const record = readRecordFile(file);
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
  const html = renderReport(record, scenario, res);
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
