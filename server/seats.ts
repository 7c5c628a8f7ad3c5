/**
 * The lobby's writing routes, in place of boardgame.io's own (issue 7, "Every identifier a
 * client sends"): create, join, leave, update/rename and playAgain. boardgame.io 0.50.2 reads
 * these bodies with a plain `JSON.parse` and indexes `metadata.players[playerID]` with whatever
 * the client sent, so `"playerID": "__proto__"` wrote a name and credentials onto the object
 * every object inherits from. Here:
 *
 * - bodies are read with `secure-json-parse` (a `__proto__` or `constructor` key is a 400)
 *   and checked against a strict schema for the route (an unknown field is a 400 naming it);
 * - the game name and match id in the path are checked against the game and a pattern;
 * - seats are looked up with `Object.hasOwn`; names and player data have size limits;
 * - every seat change runs in the match's queue (`SecureSocketIO.exclusive`), so it cannot be
 *   lost to a move's metadata write, and is logged and broadcast to the table;
 * - `playAgain` runs in the queue too, and only once the match has ended.
 */
import type { Game, Server, StorageAPI } from 'boardgame.io';
import { createMatch } from 'boardgame.io/internal';
import type { Server as BgioServer } from 'boardgame.io/server';
import sjson from 'secure-json-parse';
import { z } from 'zod';
import { seatOf } from '../game/bgio.ts';
import { CREDENTIALS, checkJson, describe, MATCH_ID, PLAYER_DATA_LIMITS, PLAYER_ID } from './protocol.ts';
import type { SecureSocketIO } from './transport.ts';

type MatchData = Server.MatchData;
type Router = ReturnType<typeof BgioServer>['router'];
export type RouteContext = Parameters<Parameters<Router['post']>[1]>[0];
/** A Koa middleware on boardgame.io's app. */
export type Middleware = Parameters<ReturnType<typeof BgioServer>['app']['use']>[0];

/** Longest body the seat routes read; create may carry a branch-like prefix of actions. */
const MAX_SEAT_BODY = 4 * 1024;
const MAX_CREATE_BODY = 1024 * 1024;
/** Longest player name, in characters. */
export const MAX_NAME = 40;
/** Largest player data, as JSON text. */
export const MAX_PLAYER_DATA = 1024;

/**
 * Reads a JSON body of at most `maxBytes` with secure-json-parse: a `__proto__` or
 * `constructor` key anywhere is refused, so no parsed body can reach a prototype.
 */
export async function readJsonBody(ctx: RouteContext, maxBytes: number): Promise<unknown> {
  if (!ctx.is('application/json'))
    return ctx.throw(415, 'The body must be JSON, sent with Content-Type: application/json.');
  const declared = Number(ctx.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return ctx.throw(413, tooLarge(maxBytes));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return ctx.throw(413, tooLarge(maxBytes));
    chunks.push(chunk);
  }
  try {
    return sjson.parse(Buffer.concat(chunks).toString('utf8'), undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    }) as unknown;
  } catch (e) {
    return ctx.throw(400, `The body is not acceptable JSON: ${(e as Error).message}`);
  }
}

const tooLarge = (n: number): string =>
  n >= 1024 * 1024
    ? `The body is larger than ${n / 1024 / 1024} MB.`
    : `The body is larger than ${n / 1024} kB.`;

const SEAT_NUMBER = 'must be a seat number from "0" to "4", as a string';
const playerID = z.string({ error: SEAT_NUMBER }).regex(PLAYER_ID, SEAT_NUMBER);
const LOBBY_CREDENTIALS = 'must be the credentials the lobby gave';
const credentials = z.string({ error: LOBBY_CREDENTIALS }).regex(CREDENTIALS, LOBBY_CREDENTIALS);
const name = z
  .string({ error: 'must be a name (text)' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_NAME, `must be at most ${MAX_NAME} characters`)
  .regex(/^[^\p{C}]*$/u, 'must not hold control characters');
const playerData = z.unknown().superRefine((x, ctx) => {
  const j = checkJson(x, PLAYER_DATA_LIMITS, 'data');
  if (!j.ok) ctx.addIssue({ code: 'custom', message: j.error });
  else if (JSON.stringify(x).length > MAX_PLAYER_DATA)
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_PLAYER_DATA} bytes of JSON` });
});

/** The body of each writing route; strict: an unknown field is refused by name. */
export const BODIES = {
  create: z.strictObject({
    numPlayers: z.number().int().min(4).max(5).optional(),
    setupData: z.unknown().optional(),
    unlisted: z.boolean().optional(),
  }),
  join: z.strictObject({ playerID: playerID.optional(), playerName: name, data: playerData.optional() }),
  leave: z.strictObject({ playerID, credentials }),
  update: z.strictObject({
    playerID,
    credentials,
    newName: name.optional(),
    data: playerData.optional(),
  }),
  playAgain: z.strictObject({ playerID, credentials, unlisted: z.boolean().optional() }),
} as const;

/** The body, checked against `schema`, or a 400 naming the field and the problem. */
function body<S extends z.ZodType>(ctx: RouteContext, raw: unknown, schema: S): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.length > 0 ? `"${issue.path.join('.')}" ` : '';
  const keys = 'keys' in issue ? ` (${(issue.keys as string[]).map((k) => describe(k)).join(', ')})` : '';
  return ctx.throw(400, `${where}${issue.message}${keys}`);
}

/** The first seat no one holds. */
const firstFreeSeat = (metadata: MatchData): string | undefined =>
  Object.keys(metadata.players).find((id) => !metadata.players[Number(id)]!.name);

/** The seat's player record, found only among the match's own seats. */
function seatRecord(ctx: RouteContext, metadata: MatchData, id: string): Server.PlayerMetadata {
  if (!Object.hasOwn(metadata.players, id)) return ctx.throw(404, `This match has no player ${id}.`);
  return metadata.players[Number(id)]!;
}

export interface SeatRouteOptions {
  readonly store: StorageAPI.Async;
  readonly transport: SecureSocketIO;
  readonly game: Game;
  /** boardgame.io's credential check (the server's constant-time compare). */
  readonly authentic: (credentials: unknown, expected: unknown) => boolean;
  readonly newCredentials: () => string;
  readonly newMatchID: () => string;
  readonly log: (line: string) => void;
}

/**
 * Checks the game name and match id of every `/games/...` path before any route reads them:
 * an unknown game is a 404, a malformed id a 400, both with a sentence.
 */
export function guardPaths(gameName: string): Middleware {
  return async (ctx, next) => {
    const parts = ctx.path.split('/');
    if (parts[1] !== 'games' || parts.length < 3) return next();
    let name: string;
    let id: string | undefined;
    try {
      name = decodeURIComponent(parts[2]!);
      id = parts[3] === undefined || parts[3] === '' ? undefined : decodeURIComponent(parts[3]);
    } catch {
      ctx.status = 400;
      ctx.body = 'The path is not valid URL encoding.';
      return;
    }
    if (name !== gameName) {
      ctx.status = 404;
      ctx.body = `There is no game ${describe(name)} here (only "${gameName}").`;
      return;
    }
    const named = ['create', 'branch', 'report'];
    if (id !== undefined && !(parts.length === 4 && named.includes(id)) && !MATCH_ID.test(id)) {
      ctx.status = 400;
      ctx.body = `${describe(id)} is not a match id (letters, digits, "-" and "_", at most 64).`;
      return;
    }
    return next();
  };
}

/** Adds create, join, leave, update, rename and playAgain to the router, ahead of boardgame.io's own. */
export function addSeatRoutes(router: Router, o: SeatRouteOptions): void {
  const { store, transport, game, log } = o;
  const matchOf = async (ctx: RouteContext, id: string): Promise<MatchData> => {
    const { metadata } = await store.fetch(id, { metadata: true });
    return metadata ?? ctx.throw(404, `Match ${id} not found.`);
  };
  const authorize = (ctx: RouteContext, metadata: MatchData, id: string, creds: string) => {
    const p = seatRecord(ctx, metadata, id);
    if (!o.authentic(creds, p.credentials)) ctx.throw(403, `These credentials do not hold player ${id}.`);
    return p;
  };
  const seatName = (id: string) => seatOf(id) ?? '?';

  /** A new match from checked setupData (the store seals it: no seed in metadata, bot seats taken). */
  const newMatch = async (ctx: RouteContext, numPlayers: number, setupData: unknown, unlisted: boolean) => {
    const match = createMatch({ game, numPlayers, setupData, unlisted });
    if ('setupDataError' in match) return ctx.throw(400, String(match.setupDataError));
    const matchID = o.newMatchID();
    await store.createMatch(matchID, match);
    return matchID;
  };

  router.post('/games/:name/create', async (ctx) => {
    const b = body(ctx, await readJsonBody(ctx, MAX_CREATE_BODY), BODIES.create);
    const white = (b.setupData as { white?: unknown } | undefined)?.white === true;
    ctx.body = {
      matchID: await newMatch(ctx, b.numPlayers ?? (white ? 5 : 4), b.setupData, b.unlisted ?? false),
    };
  });

  /** Runs a seat change in the match's queue; broadcasts the new player list when it succeeded. */
  const seatChange = (run: (ctx: RouteContext, id: string) => Promise<void>) => async (ctx: RouteContext) => {
    const id = ctx.params.id!;
    await transport.exclusive(id, async () => {
      await run(ctx, id);
      const { metadata } = await store.fetch(id, { metadata: true });
      if (metadata) transport.broadcastMatchData(id, metadata);
      else log(`match ${id}: emptied and deleted`);
    });
  };

  router.post(
    '/games/:name/:id/join',
    seatChange(async (ctx, id) => {
      const b = body(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.join);
      const metadata = await matchOf(ctx, id);
      const seat = b.playerID ?? firstFreeSeat(metadata);
      if (seat === undefined) return ctx.throw(409, `Every seat of match ${id} is taken.`);
      const p = seatRecord(ctx, metadata, seat);
      if (p.name) return ctx.throw(409, `Player ${seat} is already seated.`);
      const playerCredentials = o.newCredentials();
      metadata.players[Number(seat)] = {
        ...p,
        name: b.playerName,
        credentials: playerCredentials,
        ...(b.data !== undefined ? { data: b.data } : {}),
      };
      await store.setMetadata(id, metadata);
      log(`match ${id}: player ${seat} (${seatName(seat)}) joined as "${b.playerName}"`);
      ctx.body = { playerID: seat, playerCredentials };
    }),
  );

  router.post(
    '/games/:name/:id/leave',
    seatChange(async (ctx, id) => {
      const b = body(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.leave);
      const metadata = await matchOf(ctx, id);
      const { name: _n, credentials: _c, ...rest } = authorize(ctx, metadata, b.playerID, b.credentials);
      metadata.players[Number(b.playerID)] = rest;
      const seated = Object.values(metadata.players).some((p) => p.name);
      await (seated ? store.setMetadata(id, metadata) : store.wipe(id));
      log(`match ${id}: player ${b.playerID} (${seatName(b.playerID)}) left`);
      ctx.body = {};
    }),
  );

  const update = seatChange(async (ctx, id) => {
    const b = body(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.update);
    if (b.newName === undefined && b.data === undefined) return ctx.throw(400, 'Send "newName" or "data".');
    const metadata = await matchOf(ctx, id);
    const p = authorize(ctx, metadata, b.playerID, b.credentials);
    metadata.players[Number(b.playerID)] = {
      ...p,
      ...(b.newName !== undefined ? { name: b.newName } : {}),
      ...(b.data !== undefined ? { data: b.data } : {}),
    };
    await store.setMetadata(id, metadata);
    ctx.body = {};
  });
  router.post('/games/:name/:id/update', update);
  router.post('/games/:name/:id/rename', update);

  router.post('/games/:name/:id/playAgain', async (ctx) => {
    const id = ctx.params.id!;
    const b = body(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.playAgain);
    await transport.exclusive(id, async () => {
      const metadata = await matchOf(ctx, id);
      authorize(ctx, metadata, b.playerID, b.credentials);
      if (metadata.gameover === undefined || metadata.gameover === null)
        return ctx.throw(403, 'The match has not ended: play again once it is over.');
      if (metadata.nextMatchID) {
        ctx.body = { nextMatchID: metadata.nextMatchID };
        return;
      }
      const numPlayers = Object.keys(metadata.players).length;
      const nextMatchID = await newMatch(ctx, numPlayers, metadata.setupData, b.unlisted ?? false);
      await store.setMetadata(id, { ...metadata, nextMatchID });
      log(`match ${id}: played again as ${nextMatchID}`);
      ctx.body = { nextMatchID };
    });
  });
}
