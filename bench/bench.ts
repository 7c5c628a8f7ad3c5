/**
 * Throughput of the rules engine (`npm run bench`; BENCH_GAMES=N sets the number of seeds,
 * default 40). Measured in one run, on the same seeds:
 * - full `taiwan-invasion` matches per second through `runMatch` (bots in every seat);
 * - the same matches through boardgame.io: each record's actions sent as moves by one
 *   `Client` per seat over a `Local` master (game/bgio.ts), and the ratio of the two;
 * - replay speed in actions per second (`replay` of each record), and the replay time of
 *   one real record of at least 1,000 actions (a long quarantine match) against the
 *   100 ms target;
 * - the pure harness on all cores: `island-chain analyze` over BENCH_POOL_GAMES matches
 *   (default 2,000) with one worker per core, and the projected time for 10,000 matches
 *   against the 60 s target — the run's fixed start-up (timed on a run of one match per
 *   worker) plus the rest scaled to 10,000 (BENCH_FULL=1 runs the full 10,000);
 * - the cost of Red's deterrence estimate (computed by Red's bot every round and by every
 *   adjudication): the mean time of one estimate over every round's state of takaichi-2025
 *   bot matches (competition and crisis: up to five options weighed), beside a round's time;
 * - peak memory (largest `rss` and `heapUsed` seen between matches).
 * `npm run bench` runs it with NODE_ENV=production, as `npm start` runs the server.
 * Numbers only: nothing here asserts a timing.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'boardgame.io/client';
import { Local } from 'boardgame.io/multiplayer';
import { makeGame, moveOf, PLAYER_OF_SEAT } from '../game/bgio.ts';
import {
  deterrenceEstimate,
  FACTIONS,
  type Faction,
  hashValue,
  type MatchState,
  type Scenario,
  viewFor,
} from '../game/index.ts';
import {
  type MatchRecord,
  type MatchResult,
  playBotRound,
  replay,
  runMatch,
  startRecording,
  stateHash,
} from '../match/index.ts';
import { getScenario, resolveScenario } from '../scenarios/index.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const SCENARIO_ID = 'taiwan-invasion';

const peak = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}

function gamesFromEnv(): number {
  const raw = process.env.BENCH_GAMES;
  if (raw === undefined || raw === '') return 40;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`bench: BENCH_GAMES must be a positive integer (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
}

interface BgioRun {
  readonly finalView: unknown;
  readonly gameover: boolean;
  readonly rejected: number;
}

/** Sends a record's actions as boardgame.io moves, one `Client` per faction seat over a `Local` master. */
function playThroughBgio(scenario: Scenario, record: MatchRecord, matchID: string): BgioRun {
  let rejected = 0;
  const game = makeGame((id) => (id === scenario.id ? scenario : getScenario(id)), {
    defaults: { scenarioId: scenario.id, seed: record.seed, white: false },
    onReject: () => {
      rejected++;
    },
  });
  const multiplayer = Local();
  const clients = new Map(
    FACTIONS.map((f) => {
      const client = Client({ game, numPlayers: 4, multiplayer, matchID, playerID: PLAYER_OF_SEAT[f] });
      client.start();
      return [f, client] as const;
    }),
  );
  for (const action of record.actions) {
    const client = clients.get(action.seat as Faction);
    const { move, payload } = moveOf(action);
    const send = client?.moves[move];
    if (!send) throw new Error(`bench: no client or move for ${action.seat} ${move}`);
    send(payload);
  }
  const last = clients.get('japan')?.getState();
  for (const c of clients.values()) c.stop();
  return { finalView: last?.G, gameover: last?.ctx.gameover !== undefined, rejected };
}

const rate = (n: number, ms: number): number => (ms > 0 ? (n * 1000) / ms : Number.POSITIVE_INFINITY);
const fixed = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '∞');
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_c, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line)].join('\n');
}

function main(): void {
  const n = gamesFromEnv();
  const scenario = getScenario(SCENARIO_ID);
  if (!scenario) throw new Error(`bench: scenario ${SCENARIO_ID} is not registered`);
  const seeds = Array.from({ length: n }, (_v, i) => `bench-${i + 1}`);
  process.stdout.write(
    `Island Chain bench · ${SCENARIO_ID} · ${n} seeds (bench-1 … bench-${n}) · Node ${process.version} · NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}\n\n`,
  );

  // Warm-up (not timed): one match through each path, so the JIT has seen the code.
  const warm = runMatch(scenario, {}, 'bench-warm-up');
  playThroughBgio(scenario, warm.record, 'warm-up');
  replay(warm.record, scenario);
  sampleMemory();

  const results: MatchResult[] = [];
  let t = performance.now();
  for (const seed of seeds) {
    results.push(runMatch(scenario, {}, seed));
    sampleMemory();
  }
  const engineMs = performance.now() - t;
  const actions = results.reduce((a, r) => a + r.record.actions.length, 0);
  const rounds = results.reduce((a, r) => a + r.record.roundHashes.length, 0);

  let parity = 0;
  let bgioRejected = 0;
  t = performance.now();
  for (const [i, r] of results.entries()) {
    const run = playThroughBgio(scenario, r.record, `bench-${i + 1}`);
    bgioRejected += run.rejected;
    if (run.gameover && hashValue(run.finalView) === hashValue(viewFor(r.state as MatchState, 'japan')))
      parity++;
    sampleMemory();
  }
  const bgioMs = performance.now() - t;

  let replayed = 0;
  t = performance.now();
  for (const r of results) {
    const rep = replay(r.record, scenario);
    if (rep.ok && stateHash(rep.state) === stateHash(r.state)) replayed++;
    sampleMemory();
  }
  const replayMs = performance.now() - t;

  const row = (path: string, ms: number): string[] => [
    path,
    String(n),
    String(actions),
    fixed(ms / 1000, 2),
    fixed(rate(n, ms)),
    fixed(rate(actions, ms), 0),
  ];
  const rows = [
    ['path', 'matches', 'actions', 'seconds', 'matches/s', 'actions/s'],
    row('engine: runMatch (bots)', engineMs),
    row('boardgame.io: 4 Clients + Local master', bgioMs),
    row('replay of the records', replayMs),
  ];
  process.stdout.write(`${table(rows)}\n\n`);
  const summary = [
    ['engine ÷ boardgame.io (matches/s)', `${fixed(bgioMs / engineMs, 2)}×`],
    ['mean match', `${fixed(actions / n, 0)} actions, ${fixed(rounds / n, 1)} rounds`],
    [
      'boardgame.io final state = engine (Japan view)',
      `${parity}/${n}${bgioRejected ? ` (${bgioRejected} moves refused)` : ''}`,
    ],
    ['replays reproducing the final state', `${replayed}/${n}`],
    ['peak memory', `rss ${mb(peak.rss)} · heapUsed ${mb(peak.heapUsed)}`],
  ];
  const long = longRecordReplay();
  summary.push([
    `replay of one ${long.actions}-action record`,
    `${fixed(long.ms, 1)} ms (${fixed((long.ms * 1000) / long.actions, 1)} ms per 1,000 actions; target < 100 ms per 1,000)`,
  ]);
  const est = estimateCost();
  summary.push([
    `Red's deterrence estimate (${est.states} takaichi-2025 round states)`,
    `${fixed(est.usPerCall, 0)} µs per estimate · a taiwan-invasion round of bot play ${fixed((engineMs * 1000) / rounds, 0)} µs`,
  ]);
  const pool = poolRun();
  summary.push(
    [
      `analyze on all cores (${pool.workers} workers, ${pool.games} matches)`,
      `${fixed(pool.seconds, 2)} s wall · ${fixed(pool.games / pool.seconds)} matches/s · ${fixed(pool.games / pool.seconds / (n / (engineMs / 1000)), 2)}× one core`,
    ],
    [
      '10,000 taiwan-invasion matches through analyze',
      pool.games === 10_000
        ? `measured ${fixed(pool.seconds, 1)} s (target < 60 s)`
        : `projected ${fixed(pool.startup + ((pool.seconds - pool.startup) * 10_000) / pool.games, 1)} s: start-up ${fixed(pool.startup, 1)} s + the ${pool.games}-match run's remaining ${fixed(pool.seconds - pool.startup, 1)} s × ${fixed(10_000 / pool.games, 1)} (target < 60 s; BENCH_FULL=1 measures it)`,
    ],
  );
  const w = Math.max(...summary.map((r) => r[0]?.length ?? 0));
  for (const [k, v] of summary) process.stdout.write(`${(k ?? '').padEnd(w)}  ${v}\n`);
}

/**
 * A record of at least 1,000 actions: a 16-round invasion played by the bots, in which Japan's
 * player also drafts and withdraws an order twenty times a round before planning for real
 * (a seminar player revising). Replayed once warm, then timed.
 */
function longRecordReplay(): { actions: number; ms: number } {
  const r = resolveScenario({ id: 'bench-long-invasion', extends: SCENARIO_ID, rounds: 16 });
  if (!r.ok) throw new Error(`bench: ${r.error.map((e) => e.message).join('; ')}`);
  const sc = r.value;
  const rec = startRecording(sc, 'bench-long');
  while (rec.state.stage === 'planning') {
    for (let i = 0; i < 20; i++) {
      if (
        rec.apply({
          type: 'order',
          seat: 'japan',
          order: { type: 'gray-zone', action: 'protest', zone: 'kanto' },
        })
      )
        rec.apply({ type: 'withdraw', seat: 'japan', index: rec.state.pending.japan.orders.length - 1 });
    }
    playBotRound(sc, rec.state, {}, rec.apply);
  }
  const record = rec.record();
  const actions = record.actions;
  replay(record, sc);
  const t = performance.now();
  const rep = replay(record, sc);
  const ms = performance.now() - t;
  if (!rep.ok) throw new Error('bench: the long record did not replay');
  sampleMemory();
  return { actions: actions.length, ms };
}

/** Mean time of Red's estimate over every round's state of 20 takaichi-2025 bot matches. */
function estimateCost(): { states: number; usPerCall: number } {
  const sc = getScenario('takaichi-2025');
  if (!sc) throw new Error('bench: no scenario takaichi-2025');
  const states: MatchState[] = [];
  for (let i = 1; i <= 20; i++) {
    const rec = startRecording(sc, `bench-estimate-${i}`);
    while (rec.state.stage === 'planning') {
      states.push(rec.state);
      playBotRound(sc, rec.state, {}, rec.apply);
    }
  }
  for (const st of states) deterrenceEstimate(st, sc, 'china');
  const reps = 5;
  const t = performance.now();
  for (let r = 0; r < reps; r++) for (const st of states) deterrenceEstimate(st, sc, 'china');
  return { states: states.length, usPerCall: ((performance.now() - t) * 1000) / (reps * states.length) };
}

/** Runs `island-chain analyze` with one worker per core and times the whole command. */
function poolRun(): { workers: number; games: number; seconds: number; startup: number } {
  const workers = availableParallelism();
  const games = process.env.BENCH_FULL === '1' ? 10_000 : Number(process.env.BENCH_POOL_GAMES ?? 2000);
  const run = (n: number): number => {
    const t = performance.now();
    const res = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'cli', 'main.ts'),
        'analyze',
        '--scenario',
        SCENARIO_ID,
        '--games',
        String(n),
        '--seed',
        'bench',
        '--workers',
        String(workers),
      ],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (res.status !== 0) throw new Error(`bench: analyze failed: ${res.stderr}`);
    return (performance.now() - t) / 1000;
  };
  // The fixed cost of a run (start-up, loading the code in each worker): one match per worker.
  const startup = run(workers);
  return { workers, games, seconds: run(games), startup };
}

main();
