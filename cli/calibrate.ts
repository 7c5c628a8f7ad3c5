/**
 * `island-chain calibrate` (issue: campaign model v2): the published directions beside this
 * model's batch figures, each share with its Wilson 95% interval, and whether each claimed
 * direction holds with intervals that do not overlap; then the deterrence table — hollow,
 * base and full Blue denial in takaichi-2025 under each Red policy — and the command-level
 * sweep. It reports; it does not fail when a direction does not hold (the analyst reads it).
 */
import { availableParallelism } from 'node:os';
import { type GameResult, type Interval, varyScenario, wilson } from '../analysis/stats.ts';
import {
  deterrenceEstimate,
  newMatch,
  type OutcomeCategory,
  type Policy,
  RED_POLICIES,
  RUNGS,
  type Scenario,
  zoneDef,
} from '../game/index.ts';
import type { Seats } from '../match/index.ts';
import { getScenario } from '../scenarios/index.ts';
import { positiveInt, progressReporter, runTasks, type Task } from './analyze.ts';
import { CliError, EXIT } from './errors.ts';
import type { Io } from './program.ts';

export interface CalibrateOptions {
  readonly games: string;
  readonly seed?: string;
  readonly workers?: string;
}

/** One batch: a scenario under one set of seats. */
interface Cell {
  readonly label: string;
  readonly scenario: Scenario;
  readonly seats: Seats;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const fmt = (i: Interval): string => `${pct(i.p)} [${pct(i.low)}–${pct(i.high)}]`.padEnd(24);
const share = (rs: readonly GameResult[], f: (r: GameResult) => boolean): Interval =>
  wilson(rs.filter(f).length, rs.length);
const outcomeIn =
  (...cats: OutcomeCategory[]) =>
  (r: GameResult): boolean =>
    r.outcome !== null && cats.includes(r.outcome);

/** A claimed direction: `a` above `b` with the intervals apart (or above a bar). */
function claim(io: Io, text: string, a: Interval, b: Interval | number): boolean {
  const holds = typeof b === 'number' ? a.low > b : a.low > b.high;
  const weak = typeof b === 'number' ? a.p > b : a.p > b.p;
  io.out(`  ${holds ? 'HOLDS          ' : weak ? 'point only     ' : 'DOES NOT HOLD  '} ${text}`);
  return holds;
}

export async function calibrate(io: Io, opts: CalibrateOptions): Promise<void> {
  const games = positiveInt(opts.games, '--games', 100_000);
  const workers =
    opts.workers === undefined ? availableParallelism() : positiveInt(opts.workers, '--workers', 256);
  const seed = opts.seed ?? 'calibrate';
  const sc = (id: string): Scenario => {
    const s = getScenario(id);
    if (!s) throw new CliError(`internal: no scenario ${id}`, EXIT.internal);
    return s;
  };
  const invasion = ['taiwan-invasion', 'taiwan-invasion-japan-neutral', 'taiwan-invasion-taiwan-alone'];
  const denial = ['takaichi-2025-hollow-denial', 'takaichi-2025', 'takaichi-2025-full-denial'];
  const cells: Cell[] = [
    ...invasion.map((id) => ({ label: id, scenario: sc(id), seats: {} })),
    ...[0, 2].map((level) => ({
      label: `taiwan-invasion-command-${level}`,
      scenario: sc(`taiwan-invasion-command-${level}`),
      seats: {},
    })),
    ...denial.flatMap((id) =>
      RED_POLICIES.map((p) => ({ label: `${id}|${p}`, scenario: sc(id), seats: { china: p as Policy } })),
    ),
    ...[0, 1, 2].map((level) => {
      const v = varyScenario(sc('takaichi-2025'), 'tracks.alliance.commandLevel', String(level));
      if (!v.ok) throw new CliError(`internal: ${v.error}`, EXIT.internal);
      return { label: `takaichi-2025|command-${level}`, scenario: v.value, seats: {} };
    }),
  ];
  io.err(`calibrate: ${cells.length} batches × ${games} matches · seed ${seed} · ${workers} workers`);
  const progress = progressReporter(io, cells.length * games);
  const results = new Map<string, GameResult[]>();
  try {
    for (const cell of cells) {
      const tasks: Task[] = Array.from({ length: games }, (_x, i) => ({ index: i, group: 0, game: i + 1 }));
      const rs = await runTasks(
        { scenarios: [cell.scenario], seats: cell.seats, seed },
        tasks,
        Math.min(workers, games),
        progress.tick,
      );
      results.set(cell.label, rs);
    }
  } finally {
    progress.stop();
  }
  const get = (label: string): GameResult[] => results.get(label) ?? [];
  // A ceasefire in place with China holding part of Taiwan is a Chinese gain, whatever the category says.
  const holdsTaiwan = (r: GameResult): boolean =>
    Object.entries(r.zoneControl).some(([z, f]) => f === 'china' && zoneDef(z).country === 'taiwan');
  const chinaWins = (r: GameResult): boolean =>
    outcomeIn('chinese-victory', 'stalemate-toward-china')(r) ||
    (r.outcome === 'terms-agreed' && holdsTaiwan(r));
  const chinaLoses = outcomeIn('chinese-defeat', 'stalemate-against-china');

  io.out(
    `Island Chain calibration · ${games} matches per batch · seed ${seed} · shares with Wilson 95% intervals`,
  );
  io.out('');
  io.out(
    '1. The invasion against the published game (CSIS 2023, "The First Battle of the Next War", 24 iterations)',
  );
  io.out(
    `  ${'scenario'.padEnd(34)}${'China wins or gains'.padEnd(26)}${'China defeated or losing'.padEnd(26)}(gains include a ceasefire in place holding part of Taiwan)`,
  );
  for (const id of [...invasion, 'taiwan-invasion-command-0', 'taiwan-invasion-command-2'])
    io.out(`  ${id.padEnd(34)}${fmt(share(get(id), chinaWins))}  ${fmt(share(get(id), chinaLoses))}`);
  const base = get('taiwan-invasion');
  claim(
    io,
    'Taiwan alone: China wins most games (CSIS: the PLA succeeds without the US)',
    share(get('taiwan-invasion-taiwan-alone'), chinaWins),
    0.5,
  );
  claim(
    io,
    'Japan refusing its bases is worse for Blue: China is defeated less often than in the base case (CSIS: "Japan is the linchpin")',
    share(base, chinaLoses),
    share(get('taiwan-invasion-japan-neutral'), chinaLoses),
  );
  claim(
    io,
    'Base case: mostly a Chinese defeat or a stalemate against China (CSIS base case)',
    share(base, chinaLoses),
    0.5,
  );
  claim(
    io,
    'Command level 2 defeats China more often than level 0',
    share(get('taiwan-invasion-command-2'), chinaLoses),
    share(get('taiwan-invasion-command-0'), chinaLoses),
  );

  io.out('');
  io.out(
    '2. Deterrence by denial: takaichi-2025 with Blue denial hollow / base / full (nothing else changed)',
  );
  io.out(
    `  ${'posture'.padEnd(30)}${'Red policy'.padEnd(13)}${'past quarantine'.padEnd(26)}${'goes to war'.padEnd(26)}Red's round-1 estimate (confidence 0)`,
  );
  for (const id of denial) {
    // Red's estimate at round 1 as computed, before any match's own confidence shifts it.
    const drawn = newMatch(sc(id), { seed: `${seed}-estimate` });
    const s0 = { ...drawn, china: { ...drawn.china, confidence: 0 } };
    const est = deterrenceEstimate(s0, sc(id), 'china');
    const inv = est.options.find((o) => o.rung === 5);
    const line = `best ${est.best ? `${RUNGS[est.best.rung]} (success ${est.best.success}, temptation ${est.best.temptation})` : '—'}; invasion success ${inv?.success ?? '—'}`;
    for (const p of RED_POLICIES) {
      const rs = get(`${id}|${p}`);
      io.out(
        `  ${id.padEnd(30)}${p.padEnd(13)}${fmt(share(rs, (r) => r.peakEscalation >= 3))}  ${fmt(share(rs, (r) => r.peakEscalation >= 4))}  ${p === RED_POLICIES[0] ? line : ''}`,
      );
    }
  }
  for (const p of RED_POLICIES) {
    const war = (id: string) => share(get(`${id}|${p}`), (r) => r.peakEscalation >= 4);
    claim(
      io,
      `${p}: Red goes to war more often with hollow denial than with the base posture`,
      war(denial[0]!),
      war(denial[1]!),
    );
    claim(
      io,
      `${p}: Red goes to war more often with the base posture than with full denial`,
      war(denial[1]!),
      war(denial[2]!),
    );
  }

  io.out('');
  io.out('3. Command level in takaichi-2025 (opportunist Red): share of games reaching blockade');
  for (const level of [0, 1, 2])
    io.out(
      `  level ${level}   ${fmt(share(get(`takaichi-2025|command-${level}`), (r) => r.peakEscalation >= 3))}`,
    );
  const blockade = (level: number) =>
    share(get(`takaichi-2025|command-${level}`), (r) => r.peakEscalation >= 3);
  claim(io, 'level 0 reaches blockade more often than level 1', blockade(0), blockade(1));
  claim(io, 'level 1 reaches blockade more often than level 2', blockade(1), blockade(2));
}
