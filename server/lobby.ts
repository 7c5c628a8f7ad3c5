/**
 * The lobby around boardgame.io's own routes (issue 3, "Security" and "Bots"):
 *
 * - `sealMatch`: what a new match's metadata keeps. The creator's `setupData.seed` is dropped
 *   from the metadata (the lobby serves metadata to anyone) and lives only in the match state,
 *   which no client receives unfiltered; bot seats are taken at creation (a name, a `data.bot`
 *   policy and credentials no one is given), so no one can join them.
 * - `createLimits`: match creation is unauthenticated, so it is rate-limited per address and
 *   the number of open matches is capped; both answer 429 with a sentence saying why. With
 *   several instances (issue 11) the count per address is kept in Redis.
 * - join, leave, rename and playAgain are in `seats.ts` (run in the match's queue, checked bodies).
 * - `GET /games/:name/:id/timer`: the planning countdown; `GET /games/:name/:id/record`: the
 *   match record (seed included) once the match is over, with each round's state hash.
 * - `POST /games/:name/branch` (issue 4, "Branch"): a new match from the start of a round of a
 *   finished match's record, with its scenario and seed and its actions up to that round
 *   (`setupData.prefix`); rate-limited like create. The prefix is kept in the server's own
 *   records, so the branch's own record holds every action from round 1.
 * - `GET /games/:name/:id/report` and `POST /games/:name/report`: the after-action report
 *   (report/aar.ts) of a finished match, or of a record sent in the body.
 */
import { randomBytes } from 'node:crypto';
import type { Game, LogEntry, Server, State } from 'boardgame.io';
import { createMatch } from 'boardgame.io/internal';
import type { Server as BgioServer } from 'boardgame.io/server';
import { actionOf, actionTypeOfMove, MAX_PREFIX, makeGame, PLAYER_OF_SEAT, seatOf } from '../game/bgio.ts';
import { type Action, type Faction, type MatchState, RULES_VERSION } from '../game/index.ts';
import { branchPrefix, checkRecord, type MatchRecord, replay, stateHash } from '../match/index.ts';
import { type MatchCapture, renderReport } from '../report/aar.ts';
import { getScenario } from '../scenarios/index.ts';
import { botSeats } from './bots.ts';
import { type Middleware, type RouteContext, readJsonBody } from './seats.ts';
import { OpenMatchCapError, type ServerStore } from './store.ts';
import type { PlanningTimers } from './timer.ts';

type MatchData = Server.MatchData;
type Router = ReturnType<typeof BgioServer>['router'];

/** Credentials and ids from the CSPRNG. */
export const secret = (bytes = 24): string => randomBytes(bytes).toString('base64url');

/** The metadata a new match is stored with: no seed, no branch prefix (kept apart); bot seats taken. */
export function sealMatch(metadata: MatchData): MatchData {
  const setupData = metadata.setupData as Record<string, unknown> | undefined;
  const { seed: _secret, prefix: _prefix, ...publicSetup } = setupData ?? {};
  const players = { ...metadata.players };
  for (const [seat, policy] of Object.entries(botSeats(setupData))) {
    const id = Number(PLAYER_OF_SEAT[seat as Faction]);
    if (players[id])
      players[id] = {
        ...players[id],
        id,
        name: `Bot (${policy})`,
        credentials: secret(),
        data: { bot: policy },
      };
  }
  return { ...metadata, ...(setupData ? { setupData: publicSetup } : {}), players };
}

export interface Limits {
  /** Matches one address may create per minute. */
  readonly createPerMinute: number;
  /** Matches not yet over that the server holds at once. */
  readonly maxOpenMatches: number;
}

const CREATE_ROUTE = /^\/games\/[^/]+\/(create|branch|report|[^/]+\/playAgain)\/?$/;
const WINDOW_MS = 60_000;

/**
 * Counts creations per address over a sliding window: in this process (`MemoryCreateCounter`),
 * or in Redis so that the limit holds across instances (`RedisCreateCounter` in redis.ts).
 */
export interface CreateCounter {
  /**
   * Takes one creation for `address` when it made fewer than `limit` in the `windowMs` before
   * `now` (`undo` gives it back); otherwise answers when the oldest one counted was made.
   */
  take(
    address: string,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<{ ok: true; undo: () => Promise<void> } | { ok: false; oldest: number }>;
}

/** The create counter of a single instance. */
export class MemoryCreateCounter implements CreateCounter {
  private readonly recent = new Map<string, number[]>();

  async take(address: string, limit: number, windowMs: number, now: number) {
    for (const [ip, times] of this.recent) {
      const kept = times.filter((x) => now - x < windowMs);
      if (kept.length > 0) this.recent.set(ip, kept);
      else this.recent.delete(ip);
    }
    const mine = this.recent.get(address) ?? [];
    if (mine.length >= limit) return { ok: false as const, oldest: mine[0]! };
    this.recent.set(address, [...mine, now]);
    return {
      ok: true as const,
      undo: async () => {
        const times = this.recent.get(address);
        const i = times?.indexOf(now) ?? -1;
        if (i >= 0) times!.splice(i, 1);
      },
    };
  }
}

/**
 * Rate limit and open-match cap on the routes that create matches (and the one that renders a
 * sent record). With several instances the counter is Redis's and the open matches are counted
 * in the shared database, so both hold across instances.
 */
export function createLimits(
  limits: Limits,
  countOpen: () => Promise<number>,
  now: () => number = Date.now,
  counter: CreateCounter = new MemoryCreateCounter(),
): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || !CREATE_ROUTE.test(ctx.path)) return next();
    const t = now();
    // Counted before the store is asked, so requests from one address arriving together cannot
    // all pass; given back when the cap refuses.
    let taken: Awaited<ReturnType<CreateCounter['take']>>;
    try {
      taken = await counter.take(ctx.ip, limits.createPerMinute, WINDOW_MS, t);
    } catch {
      ctx.status = 503;
      ctx.body =
        'The server cannot count recent creations right now (its shared store does not answer). Try again in a moment.';
      return;
    }
    if (!taken.ok) {
      const wait = Math.max(1, Math.ceil((WINDOW_MS - (t - taken.oldest)) / 1000));
      ctx.set('Retry-After', String(wait));
      ctx.status = 429;
      ctx.body = `Too many matches created from this address: at most ${limits.createPerMinute} a minute. Try again in ${wait} s.`;
      return;
    }
    const full = (open: number) => {
      ctx.status = 429;
      ctx.body = `The server already holds ${open} open matches, its limit is ${limits.maxOpenMatches}. Finish or end one, or wait for one to end, then create a match.`;
    };
    // A quick refusal when the server is plainly full; the store checks the cap again in the
    // transaction that creates the match, where concurrent creations cannot both pass.
    const open = ctx.path.includes('/report') ? 0 : await countOpen();
    if (open >= limits.maxOpenMatches) {
      await taken.undo().catch(() => undefined);
      return full(open);
    }
    try {
      await next();
    } catch (e) {
      if (!(e instanceof OpenMatchCapError)) throw e;
      await taken.undo().catch(() => undefined);
      full(e.open);
    }
  };
}

/** The engine actions of a match, from boardgame.io's log of accepted moves. */
export function actionsFromLog(log: readonly LogEntry[]): Action[] {
  const out: Action[] = [];
  for (const e of log) {
    if (e.action.type !== 'MAKE_MOVE') continue;
    const { type, args, playerID } = e.action.payload as {
      type: string;
      args: unknown[] | null;
      playerID: string;
    };
    const action = typeof type === 'string' ? actionTypeOfMove(type) : undefined;
    const seat = typeof playerID === 'string' ? seatOf(playerID) : null;
    if (action && seat) out.push(actionOf(action, seat, args?.[0]));
  }
  return out;
}

/** The server's record of a branched match: the actions it was set up from (`setupData.prefix`). */
export interface BranchRecord {
  readonly round: number;
  readonly prefix: readonly Action[];
}
export const BRANCH_KEY = 'branch';

/** The match record (DESIGN.md section 1) of a finished match, checked by replaying it; a branch's prefix comes first. */
export function matchRecord(
  state: State,
  log: readonly LogEntry[],
  prefix: readonly Action[] = [],
): { record: MatchRecord; verified: boolean } {
  const G = state.G as MatchState;
  const base: MatchRecord = {
    rulesVersion: RULES_VERSION,
    scenarioId: G.scenarioId,
    scenarioHash: G.scenarioHash,
    seed: G.seed,
    white: G.white.present,
    actions: [...prefix, ...actionsFromLog(log)],
    roundHashes: [],
  };
  const scenario = getScenario(G.scenarioId);
  if (!scenario) return { record: base, verified: false };
  const r = replay(base, scenario);
  return {
    record: { ...base, roundHashes: r.roundHashes },
    verified: r.error === null && stateHash(r.state) === stateHash(G),
  };
}

/** Largest JSON body the branch and report routes read (a long match's record is a few hundred kB). */
const MAX_BODY = 8 * 1024 * 1024;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A record from a request body, or a 400 naming the field that is wrong (413 when too long to replay here). */
function recordFrom(ctx: RouteContext, raw: unknown): MatchRecord {
  const r = checkRecord(raw);
  if (!r.ok) return ctx.throw(400, `"record" is not a match record: ${r.error}`);
  if (r.value.actions.length > MAX_PREFIX)
    return ctx.throw(
      413,
      `The record holds ${r.value.actions.length} actions; this server replays at most ${MAX_PREFIX}.`,
    );
  return r.value;
}

/** The after-action report page of a record (report/aar.ts), or an HTTP error saying why there is none. */
function reportPage(ctx: RouteContext, record: MatchRecord, capture?: MatchCapture): string {
  const scenario = getScenario(record.scenarioId);
  if (!scenario) return ctx.throw(400, `This server does not know scenario "${record.scenarioId}".`);
  const res = replay(record, scenario);
  if (res.error?.code === 'ERR_SCENARIO_HASH') return ctx.throw(409, res.error.message);
  if (!res.ok)
    return ctx.throw(
      409,
      `The record does not replay under rules ${RULES_VERSION}: it diverges at round ${res.divergence?.round ?? '?'}${res.error ? ` (${res.error.message})` : ''}, so a report would show wrong states.`,
    );
  if (res.state.stage !== 'ended')
    return ctx.throw(409, "The record's match has not ended; a report is for a finished match.");
  return renderReport(record, scenario, res, capture);
}

/** Adds the timer, record, branch and report routes to boardgame.io's router (before it adds its own). */
export function addRoutes(
  router: Router,
  storage: ServerStore,
  timers: PlanningTimers,
  game: Game = makeGame(getScenario),
  /** A finished match's seminar data capture, when it has one (server/capture.ts). */
  captureOf: (matchID: string) => Promise<MatchCapture | undefined> = async () => undefined,
): void {
  router.get('/games/:name/:id/timer', async (ctx) => {
    const { metadata } = await storage.fetch(ctx.params.id!, { metadata: true });
    if (!metadata) ctx.throw(404, `Match ${ctx.params.id} not found`);
    ctx.body = { timer: (await timers.status(ctx.params.id!)) ?? null, now: Date.now() };
  });
  const finishedRecord = async (ctx: RouteContext) => {
    const { metadata, state, log } = await storage.fetch(ctx.params.id!, {
      metadata: true,
      state: true,
      log: true,
    });
    if (!metadata || !state) return ctx.throw(404, `Match ${ctx.params.id} not found`);
    if (metadata.gameover === undefined || metadata.gameover === null)
      return ctx.throw(403, 'The match record holds the seed, which stays secret until the match ends.');
    const branch = await storage.getServerValue<BranchRecord>(ctx.params.id!, BRANCH_KEY);
    return matchRecord(state, log ?? [], branch?.prefix ?? []);
  };
  router.get('/games/:name/:id/record', async (ctx) => {
    ctx.body = await finishedRecord(ctx);
  });
  // A finished match never changes, but its data capture may (end-of-match answers, notes): a
  // report is kept with the capture it was rendered from (the last few), and rendered again
  // only when that changed.
  const reports = new Map<string, { readonly capture: string; readonly html: string }>();
  router.get('/games/:name/:id/report', async (ctx) => {
    const id = ctx.params.id!;
    const capture = await captureOf(id);
    const key = capture ? JSON.stringify(capture) : '';
    let html = reports.get(id)?.capture === key ? reports.get(id)!.html : undefined;
    if (html === undefined) {
      const { record } = await finishedRecord(ctx);
      html = reportPage(ctx, record, capture);
      reports.delete(id);
      reports.set(id, { capture: key, html });
      if (reports.size > 8) reports.delete(reports.keys().next().value!);
    }
    ctx.type = 'text/html; charset=utf-8';
    if (ctx.query.download !== undefined)
      ctx.set('Content-Disposition', `attachment; filename="island-chain-${id}-report.html"`);
    ctx.body = html;
  });
  router.post('/games/:name/report', async (ctx) => {
    if (ctx.params.name !== game.name) ctx.throw(404, `Game ${ctx.params.name} not found`);
    const body = await readJsonBody(ctx, MAX_BODY);
    const record = recordFrom(ctx, isObject(body) ? body.record : undefined);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = reportPage(ctx, record);
  });
  router.post('/games/:name/branch', async (ctx) => {
    if (ctx.params.name !== game.name) ctx.throw(404, `Game ${ctx.params.name} not found`);
    const body = await readJsonBody(ctx, MAX_BODY);
    if (!isObject(body)) return ctx.throw(400, 'The body must be { record, round, bots?, white? }.');
    const record = recordFrom(ctx, body.record);
    const round = body.round;
    if (typeof round !== 'number' || !Number.isInteger(round) || round < 1)
      return ctx.throw(400, '"round" must be a round number from 1 on.');
    const scenario = getScenario(record.scenarioId);
    if (!scenario) return ctx.throw(400, `This server does not know scenario "${record.scenarioId}".`);
    const white = record.white ?? false;
    if (body.white !== undefined && body.white !== white)
      return ctx.throw(
        400,
        `The record was played ${white ? 'with' : 'without'} a White Cell, and a branch keeps that: the recorded rounds were adjudicated ${white ? 'when the White Cell advanced' : 'as soon as every faction committed'}.`,
      );
    const point = branchPrefix(record, scenario, round);
    if (!point.ok)
      return ctx.throw(
        point.error.code === 'ERR_NOT_FINISHED' ? 403 : 400,
        `Cannot branch: ${point.error.message}.`,
      );
    const setupData = {
      scenarioId: record.scenarioId,
      seed: record.seed,
      white,
      prefix: point.value.prefix,
      ...(body.bots !== undefined ? { bots: body.bots } : {}),
    };
    const match = createMatch({ game, numPlayers: white ? 5 : 4, setupData, unlisted: false });
    if ('setupDataError' in match) return ctx.throw(400, String(match.setupDataError));
    const matchID = secret(8);
    await storage.setServerValue(matchID, BRANCH_KEY, {
      round,
      prefix: point.value.prefix,
    } satisfies BranchRecord);
    try {
      await storage.createMatch(matchID, match);
    } catch (e) {
      // Refused (the open-match cap): the branch record set up for it goes too.
      await storage.setServerValue(matchID, BRANCH_KEY, undefined).catch(() => undefined);
      throw e;
    }
    ctx.body = { matchID, round, white };
  });
}
