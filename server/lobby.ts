/**
 * The lobby around boardgame.io's own routes (issue 3, "Security" and "Bots"):
 *
 * - `sealMatch`: what a new match's metadata keeps. The creator's `setupData.seed` is dropped
 *   from the metadata (the lobby serves metadata to anyone) and lives only in the match state,
 *   which no client receives unfiltered; bot seats are taken at creation (a name, a `data.bot`
 *   policy and credentials no one is given), so no one can join them.
 * - `createLimits`: match creation is unauthenticated, so it is rate-limited per address and
 *   the number of open matches is capped; both answer 429 with a sentence saying why.
 * - `serializeSeatRoutes`: join, leave and rename run in the match's queue, so a join cannot be
 *   lost to a move's metadata write; a join or leave is logged and broadcast to the table.
 * - `GET /games/:name/:id/timer`: the planning countdown; `GET /games/:name/:id/record`: the
 *   match record (seed included) once the match is over, with each round's state hash.
 */
import { randomBytes } from 'node:crypto';
import type { LogEntry, Server, State } from 'boardgame.io';
import type { Server as BgioServer } from 'boardgame.io/server';
import { actionOf, MOVE_OF_ACTION, PLAYER_OF_SEAT, SEAT_OF_PLAYER } from '../game/bgio.ts';
import { type MatchRecord, replay, stateHash } from '../game/harness.ts';
import type { Action, ActionType } from '../game/orders.ts';
import { type MatchState, RULES_VERSION } from '../game/state.ts';
import type { Faction } from '../game/types.ts';
import { getScenario } from '../scenarios/index.ts';
import { botSeats } from './bots.ts';
import type { SqliteStorage } from './storage.ts';
import type { PlanningTimers } from './timer.ts';
import type { SecureSocketIO } from './transport.ts';

type MatchData = Server.MatchData;
type Router = ReturnType<typeof BgioServer>['router'];
/** A Koa middleware on boardgame.io's app. */
export type Middleware = Parameters<ReturnType<typeof BgioServer>['app']['use']>[0];

/** Credentials and ids from the CSPRNG. */
export const secret = (bytes = 24): string => randomBytes(bytes).toString('base64url');

/** The metadata a new match is stored with: no seed; bot seats taken. */
export function sealMatch(metadata: MatchData): MatchData {
  const setupData = metadata.setupData as Record<string, unknown> | undefined;
  const { seed: _secret, ...publicSetup } = setupData ?? {};
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

const CREATE_ROUTE = /^\/games\/[^/]+\/(create|[^/]+\/playAgain)\/?$/;

/** Rate limit and open-match cap on the routes that create matches. */
export function createLimits(
  limits: Limits,
  countOpen: () => number,
  now: () => number = Date.now,
): Middleware {
  const recent = new Map<string, number[]>();
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || !CREATE_ROUTE.test(ctx.path)) return next();
    const t = now();
    for (const [ip, times] of recent) {
      const kept = times.filter((x) => t - x < 60_000);
      if (kept.length > 0) recent.set(ip, kept);
      else recent.delete(ip);
    }
    const mine = recent.get(ctx.ip) ?? [];
    if (mine.length >= limits.createPerMinute) {
      const wait = Math.ceil((60_000 - (t - mine[0]!)) / 1000);
      ctx.set('Retry-After', String(wait));
      ctx.status = 429;
      ctx.body = `Too many matches created from this address: at most ${limits.createPerMinute} a minute. Try again in ${wait} s.`;
      return;
    }
    if (countOpen() >= limits.maxOpenMatches) {
      ctx.status = 429;
      ctx.body = `The server already holds ${limits.maxOpenMatches} open matches, its limit. Finish or end one, or wait for one to end, then create a match.`;
      return;
    }
    recent.set(ctx.ip, [...mine, t]);
    return next();
  };
}

const SEAT_ROUTE = /^\/games\/[^/]+\/([^/]+)\/(join|leave|update|rename)\/?$/;

/** Runs seat changes in the match's queue; logs and broadcasts each successful one. */
export function serializeSeatRoutes(
  storage: SqliteStorage,
  transport: SecureSocketIO,
  log: (line: string) => void,
): Middleware {
  return async (ctx, next) => {
    const m = ctx.method === 'POST' ? SEAT_ROUTE.exec(ctx.path) : null;
    if (!m) return next();
    const matchID = decodeURIComponent(m[1]!);
    await transport.exclusive(matchID, async () => {
      await next();
      if (ctx.status !== 200) return;
      const { metadata } = await storage.fetch(matchID, { metadata: true });
      if (!metadata) return log(`match ${matchID}: emptied and deleted`);
      transport.broadcastMatchData(matchID, metadata);
      const body = ctx.body as { playerID?: string } | undefined;
      if (m[2] === 'join' && body?.playerID !== undefined) {
        const p = metadata.players[Number(body.playerID)];
        log(
          `match ${matchID}: player ${body.playerID} (${SEAT_OF_PLAYER[body.playerID] ?? '?'}) joined as "${p?.name ?? ''}"`,
        );
      } else if (m[2] === 'leave') {
        const id = String((ctx.request as { body?: { playerID?: unknown } }).body?.playerID ?? '?');
        log(`match ${matchID}: player ${id} (${SEAT_OF_PLAYER[id] ?? '?'}) left`);
      }
    });
  };
}

const ACTION_OF_MOVE = Object.fromEntries(Object.entries(MOVE_OF_ACTION).map(([a, m]) => [m, a])) as Record<
  string,
  ActionType
>;

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
    const action = ACTION_OF_MOVE[type];
    const seat = SEAT_OF_PLAYER[playerID];
    if (action && seat) out.push(actionOf(action, seat, args?.[0]));
  }
  return out;
}

/** The match record (DESIGN.md section 1) of a finished match, checked by replaying it. */
export function matchRecord(
  state: State,
  log: readonly LogEntry[],
): { record: MatchRecord; verified: boolean } {
  const G = state.G as MatchState;
  const base: MatchRecord = {
    rulesVersion: RULES_VERSION,
    scenarioId: G.scenarioId,
    scenarioHash: G.scenarioHash,
    seed: G.seed,
    white: G.white.present,
    actions: actionsFromLog(log),
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

/** Adds the timer and record routes to boardgame.io's router (before it adds its own). */
export function addRoutes(router: Router, storage: SqliteStorage, timers: PlanningTimers): void {
  router.get('/games/:name/:id/timer', async (ctx) => {
    const { metadata } = await storage.fetch(ctx.params.id!, { metadata: true });
    if (!metadata) ctx.throw(404, `Match ${ctx.params.id} not found`);
    ctx.body = { timer: timers.status(ctx.params.id!) ?? null, now: Date.now() };
  });
  router.get('/games/:name/:id/record', async (ctx) => {
    const { metadata, state, log } = await storage.fetch(ctx.params.id!, {
      metadata: true,
      state: true,
      log: true,
    });
    if (!metadata || !state) ctx.throw(404, `Match ${ctx.params.id} not found`);
    if (metadata!.gameover === undefined || metadata!.gameover === null)
      ctx.throw(403, 'The match record holds the seed, which stays secret until the match ends.');
    ctx.body = matchRecord(state!, log ?? []);
  });
}
