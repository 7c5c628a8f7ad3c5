/**
 * The `island-chain` command line (CONVENTIONS item 11): a thin shell over the harness.
 * It parses arguments with commander, calls `runMatch` / `replay` / `resolveScenario`,
 * and prints. Rules live in game/ only.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { parseVary, varyScenario } from '../analysis/stats.ts';
import {
  type Action,
  defaultPolicy,
  FACTIONS,
  formatAction,
  RULES_VERSION,
  type Scenario,
} from '../game/index.ts';
import { type MatchRecord, parseSeats, replay, runMatch, type Seats } from '../match/index.ts';
import pkg from '../package.json' with { type: 'json' };
import { jsonSummary, outcomeReport, roundReport } from '../report/text.ts';
import { getScenario, SCENARIO_IDS } from '../scenarios/index.ts';
import { type ReportOptions, reportCommand } from './aar.ts';
import { type AnalyzeOptions, analyze } from './analyze.ts';
import { type CalibrateOptions, calibrate } from './calibrate.ts';
import { CliError, EXIT, EXIT_CODES_HELP } from './errors.ts';
import { readRecordFile, readScenarioFile, scenarioFromArg } from './load.ts';
import type { WorkerOptions } from './queue.ts';

/** Where the commands write; tests and the launcher use the process streams. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const firstSentence = (text: string, max = 90): string => {
  const s = (/^.*?[.!?](\s|$)/.exec(text)?.[0] ?? text).trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

function scenarioList(io: Io): void {
  const rows = SCENARIO_IDS.map((id) => getScenario(id)).filter((s): s is Scenario => s !== undefined);
  const w = Math.max(...rows.map((s) => s.id.length));
  const wn = Math.max(...rows.map((s) => s.name.length));
  for (const s of rows)
    io.out(
      `${s.id.padEnd(w)}  ${s.name.padEnd(wn)}  ${String(s.rounds).padStart(2)} rounds  ${firstSentence(s.description)}`,
    );
}

function scenarioValidate(io: Io, file: string): void {
  const r = readScenarioFile(file);
  if (!r.ok) {
    for (const line of r.lines) io.err(line);
    throw new CliError(`${file}: ${r.lines.length} error${r.lines.length === 1 ? '' : 's'}`, EXIT.input);
  }
  io.out(`OK ${r.value.id} ${r.value.hash}`);
}

function writeRecord(file: string, record: MatchRecord): void {
  try {
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  } catch (e) {
    throw new CliError(`cannot write record "${file}": ${(e as Error).message}`, EXIT.input);
  }
}

interface PlayOptions {
  readonly scenario: string;
  readonly seed?: string;
  readonly seats: string;
  readonly record?: string;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly set?: string;
}

/** `play --set key=value`: the scenario with one field set, as a row of `analyze --vary` played it. */
function scenarioVariant(scenario: Scenario, text: string): Scenario {
  const v = parseVary(text);
  if (!v.ok || v.value.values.length !== 1)
    throw new CliError(`bad --set: "${text}" is not key=value with a dotted scenario field`, EXIT.usage);
  const r = varyScenario(scenario, v.value.key, v.value.values[0] ?? '');
  if (!r.ok) throw new CliError(`bad --set: ${r.error}`, EXIT.usage);
  return r.value;
}

function play(io: Io, opts: PlayOptions): void {
  const seatsParsed = parseSeats(opts.seats);
  if (!seatsParsed.ok) throw new CliError(`bad --seats: ${seatsParsed.error}`, EXIT.usage);
  const seats: Seats = seatsParsed.value;
  const base = scenarioFromArg(opts.scenario);
  const scenario = opts.set ? scenarioVariant(base, opts.set) : base;
  const seed = opts.seed ?? randomBytes(4).toString('hex');
  const policies = Object.fromEntries(FACTIONS.map((f) => [f, `bot:${seats[f] ?? defaultPolicy(f)}`]));
  const result = runMatch(scenario, seats, seed);
  const { record, state } = result;
  if (opts.record) writeRecord(opts.record, record);
  if (opts.json) {
    io.out(jsonSummary(state, record, { seats: policies, rejected: result.rejected }));
    return;
  }
  io.out(`Island Chain · ${scenario.name} (${scenario.id}, ${scenario.rounds} rounds) · seed ${seed}`);
  io.out(`Seats: ${FACTIONS.map((f) => `${f}=${policies[f]}`).join(' ')}`);
  io.out('');
  // Red's full estimate per round (the best option's rung) comes from the round states of a replay;
  // the replay also checks that the engine reproduces its own record.
  const check = replay(record, scenario);
  if (!check.ok)
    io.err(
      `warning: replaying this match's own record diverges at round ${check.divergence?.round ?? '?'} — the engine is not deterministic`,
    );
  state.history.forEach((_h, i) => {
    for (const line of roundReport(state, i, check.roundStates[i]?.deterrence ?? null, opts.verbose ?? false))
      io.out(line);
    io.out('');
  });
  for (const line of outcomeReport(state, record)) io.out(line);
  if (result.rejected > 0)
    io.out(`(${result.rejected} bot actions were rejected by the rules and left out of the record)`);
  if (opts.record) io.out(`Record written to ${opts.record}`);
}

/** The text form of a record's action; a malformed one is shown as its JSON. */
function actionText(a: Action): string {
  try {
    return formatAction(a);
  } catch {
    return JSON.stringify(a);
  }
}

interface ReplayOptions {
  readonly verify?: boolean;
  readonly scenario?: string;
  readonly rounds?: boolean;
}

function replayCommand(io: Io, file: string, opts: ReplayOptions): void {
  const record = readRecordFile(file);
  const scenario = opts.scenario ? scenarioFromArg(opts.scenario) : getScenario(record.scenarioId);
  if (!scenario)
    throw new CliError(
      `record "${file}": scenarioId "${record.scenarioId}" is not a registered scenario (${SCENARIO_IDS.join(', ')}); pass --scenario <file> to replay against a scenario file`,
      EXIT.input,
    );
  const rulesNote =
    record.rulesVersion === RULES_VERSION
      ? ''
      : ` (the record was made under rules ${record.rulesVersion}; this engine runs rules ${RULES_VERSION}, so differences are expected)`;
  io.out(
    `Replaying ${record.scenarioId} · seed ${record.seed} · rules ${record.rulesVersion} · ${record.actions.length} actions, ${record.roundHashes.length} rounds`,
  );
  if (rulesNote) io.out(`note: rulesVersion mismatch${rulesNote}`);
  let res: ReturnType<typeof replay>;
  try {
    res = replay(record, scenario);
  } catch (e) {
    throw new CliError(
      `record "${file}": its actions could not be replayed (${(e as Error).message}); is an action malformed?`,
      opts.verify ? EXIT.diverged : EXIT.input,
    );
  }
  if (res.error?.code === 'ERR_SCENARIO_HASH')
    throw new CliError(
      `cannot replay: ${res.error.message}; pass --scenario <id|file> with the scenario the record was made from${rulesNote}`,
      opts.verify ? EXIT.diverged : EXIT.input,
    );
  const n = Math.max(record.roundHashes.length, res.roundHashes.length);
  io.out(`  ${'round'.padEnd(6)}${'recorded'.padEnd(18)}${'replayed'.padEnd(18)}check`);
  for (let i = 0; i < n; i++) {
    const expected = record.roundHashes[i];
    const actual = res.roundHashes[i];
    const verdict = expected !== undefined && expected === actual ? 'ok' : 'DIFFERS';
    io.out(
      `  ${String(i + 1).padEnd(6)}${(expected ?? '—').padEnd(18)}${(actual ?? '—').padEnd(18)}${verdict}`,
    );
  }
  if (res.error) {
    const i = res.error.actionIndex;
    const a = i === undefined ? undefined : record.actions[i];
    io.out(
      `action #${i ?? '?'}${a ? ` (${actionText(a)})` : ''} is rejected in round ${res.state.round}: ${res.error.message} [${res.error.code}]`,
    );
  }
  if (opts.rounds)
    res.state.history.forEach((_h, i) => {
      io.out('');
      for (const line of roundReport(res.state, i, res.roundStates[i]?.deterrence ?? null, false))
        io.out(line);
    });
  if (res.ok) {
    const o = res.state.outcome;
    io.out(
      `Replay matches the record: ${res.roundHashes.length} rounds${o ? `, outcome ${o.category} in round ${o.round}` : ''}`,
    );
    return;
  }
  const d = res.divergence;
  const message = `diverges at round ${d?.round ?? '?'}${d ? ` (recorded ${d.expected ?? 'nothing'}, replayed ${d.actual})` : ''}${rulesNote}`;
  if (opts.verify) throw new CliError(message, EXIT.diverged);
  io.out(`Replay ${message}`);
}

/** Builds the command tree; `exitOverride` turns commander's own exits into `CommanderError`s. */
export function buildProgram(io: Io): Command {
  const program = new Command('island-chain')
    .description('Island Chain: a wargame of deterrence by denial in the First Island Chain (headless CLI)')
    .version(`${pkg.version} (rules ${RULES_VERSION})`)
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('afterAll', EXIT_CODES_HELP);

  const scenario = program.command('scenario').description('list and validate scenarios');
  scenario
    .command('list')
    .description('list the registered scenarios: id, name, rounds, description')
    .action(() => scenarioList(io));
  scenario
    .command('validate')
    .description('validate a scenario JSON file (it may "extends" a registered id); prints "OK <id> <hash>"')
    .argument('<file>', 'scenario JSON file')
    .action((file: string) => scenarioValidate(io, file));

  program
    .command('play')
    .description('play a whole match with bots in every seat and print each round and the outcome')
    .requiredOption('--scenario <id|file>', 'a registered scenario id or a scenario JSON file')
    .option('--seed <seed>', 'match seed (default: a fresh random seed, printed)')
    .option('--seats <list>', 'bot policies, e.g. japan=bot:baseline,china=bot:aggressive', '')
    .option('--record <file>', 'write the match record (JSON, byte-identical for the same scenario and seed)')
    .option('--json', 'print one line of JSON (outcome, rounds, finalHash, peakEscalation, losses, …)')
    .option('--verbose', 'print every public log event of each round')
    .option(
      '--set <key=value>',
      'set one scenario field first, as a row of analyze --vary did, e.g. tracks.alliance.commandLevel=2',
    )
    .addHelpText(
      'after',
      '\nPolicies: china = cautious | opportunist (default) | aggressive; japan, us, taiwan = baseline (default) | forward-denial',
    )
    .action((opts: PlayOptions) => play(io, opts));

  program
    .command('replay')
    .description("replay a match record and check every round's state hash")
    .argument('<record>', 'match record JSON file (from play --record)')
    .option('--verify', 'exit 3 naming the first diverging round unless every round hash matches')
    .option(
      '--scenario <id|file>',
      "scenario to replay against (default: the record's registered scenarioId)",
    )
    .option('--rounds', 'also print the round summaries')
    .action((file: string, opts: ReplayOptions) => replayCommand(io, file, opts));

  program
    .command('analyze')
    .description(
      'play a batch of seeded bot matches per scenario on worker threads; print a side-by-side summary and write one CSV row per match',
    )
    .option(
      '--scenario <id|file>',
      'a registered scenario id or a scenario JSON file; repeat it to compare scenarios side by side',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .requiredOption('--games <n>', 'matches per scenario (and per --vary value)')
    .option(
      '--seed <seed>',
      'batch seed; game i plays seed "<seed>-i" (default: a fresh random seed, printed)',
    )
    .option('--seats <list>', 'bot policies, e.g. china=bot:aggressive (as for play)', '')
    .option('--workers <k>', `worker threads (default: all cores, here ${availableParallelism()})`)
    .option('--out <file>', 'write one CSV row per match (the same bytes whatever the worker count)')
    .option('--json <file>', 'write the summary as JSON')
    .option(
      '--vary <key=v1,v2>',
      'run the same seeds at each value of one scenario field, e.g. tracks.alliance.commandLevel=0,2',
    )
    .option(
      '--queue <url>',
      'play the batch on island-chain worker processes through a BullMQ queue in Redis: redis://host:port[/db] or rediss://…',
    )
    .option('--chunk-size <n>', 'with --queue: matches per job (default 100)')
    .option(
      '--prefix <prefix>',
      'with --queue: the Redis key prefix of the queue (default "bull"), as given to the workers',
    )
    .addHelpText(
      'after',
      '\nEvery CSV row replays: island-chain play --scenario <scenario> --seed <seed> [--set <variant>] --json prints its finalHash.\nWith --queue the CSV and the summary are the same bytes as a local run of the same arguments.',
    )
    .action((opts: AnalyzeOptions) => analyze(io, opts));

  program
    .command('worker')
    .description(
      'take analyze chunks from a BullMQ queue in Redis and play them on worker threads until SIGINT or SIGTERM',
    )
    .requiredOption('--queue <url>', "the queue's Redis: redis://host:port[/db] or rediss://…")
    .option('--workers <k>', `worker threads (default: all cores, here ${availableParallelism()})`)
    .option('--prefix <prefix>', 'the Redis key prefix of the queue (default "bull"), as given to analyze')
    .option(
      '--lock-duration <ms>',
      "how long a chunk stays locked to this worker without a renewal; a dead worker's chunk goes to another worker after about twice this (default 10000)",
    )
    .addHelpText(
      'after',
      '\nThe first SIGINT or SIGTERM lets the chunk in hand finish, then stops; a second stops at once (the chunk is played elsewhere).',
    )
    .action(async (opts: WorkerOptions) => (await import('./queue.ts')).workerCommand(io, opts));

  program
    .command('calibrate')
    .description(
      "compare the model with the published wargames' directions and print the deterrence table (hollow / base / full denial × each Red policy), with Wilson 95% intervals",
    )
    .option('--games <n>', 'matches per batch', '200')
    .option('--seed <seed>', 'batch seed (default: "calibrate")')
    .option('--workers <k>', `worker threads (default: all cores, here ${availableParallelism()})`)
    .action((opts: CalibrateOptions) => calibrate(io, opts));

  program
    .command('report')
    .description(
      'write a self-contained HTML after-action report of a match record (timeline, charts, losses, outcome)',
    )
    .argument('<record>', 'match record JSON file (from play --record)')
    .option('--out <file>', 'HTML file to write (default: the record name with .html, in this folder)')
    .option(
      '--scenario <id|file>',
      "scenario to replay against (default: the record's registered scenarioId)",
    )
    .option(
      '--capture <file>',
      "the match's seminar data capture (capture.json from the server): rationales, questionnaires and notes in the report",
    )
    .action((file: string, opts: ReportOptions) => reportCommand(io, file, opts));

  return program;
}
