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
 *
 * Seats that survive a new browser (issue 10, item 1): every human seat has a *seat key*, a
 * secret carried in the fragment of its join link (`/match/<id>?seat=japan#key=<key>`). The
 * server keeps only its SHA-256 (`server_kv`, key `seat-keys`), never in the public metadata.
 *
 * - `create` makes a key for every seat no bot holds and answers them with the match id; a seat
 *   without one (a branch, a `playAgain`) gets one the first time it is joined, answered to
 *   the joiner.
 * - `join` with the seat's key takes the seat whether it is free or held (a *take-over*): the
 *   seat gets new credentials, so the old ones stop working, and the old sockets are told and
 *   leave the match (`SecureSocketIO.revokeSeat`). Without the key, only a free seat can be
 *   joined, as before.
 * - `reissue` and `free` (the White Cell's credentials only, compared in constant time) give
 *   the seat a new key, so the old link and the old credentials stop working; `free` also
 *   empties the seat. Each answers the new key. The White Cell may re-issue its own link (not
 *   free its seat): it is answered new credentials with the key, and every other browser
 *   holding its seat loses it.
 * - `GET .../seats`: who sits where, who is connected and who has committed this round (from
 *   the observer's view, so nothing fog hides), and the seat changes, which are also logged
 *   and sent to every socket of the match.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Game, Server, StorageAPI } from 'boardgame.io';
import { createMatch } from 'boardgame.io/internal';
import type { Server as BgioServer } from 'boardgame.io/server';
import sjson from 'secure-json-parse';
import { z } from 'zod';
import { PLAYER_OF_SEAT, seatOf } from '../game/bgio.ts';
import { type Faction, type MatchState, type Seat, viewFor } from '../game/index.ts';
import { botSeats } from './bots.ts';
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
const SEAT_KEY = "must be the key from the seat's link (the part after #key=)";
const seatKey = z.string({ error: SEAT_KEY }).regex(CREDENTIALS, SEAT_KEY);
const TARGET = 'must be the seat to act on, from "0" to "4", as a string';
const target = z.string({ error: TARGET }).regex(PLAYER_ID, TARGET);
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
  join: z.strictObject({
    playerID: playerID.optional(),
    playerName: name,
    data: playerData.optional(),
    seatKey: seatKey.optional(),
  }),
  leave: z.strictObject({ playerID, credentials }),
  update: z.strictObject({
    playerID,
    credentials,
    newName: name.optional(),
    data: playerData.optional(),
  }),
  playAgain: z.strictObject({ playerID, credentials, unlisted: z.boolean().optional() }),
  /** reissue and free: the White Cell's seat and credentials, and the seat to act on. */
  seat: z.strictObject({ playerID, credentials, target }),
} as const;

/** The body, checked against `schema`, or a 400 naming the field and the problem (every route's check). */
export function checkBody<S extends z.ZodType>(ctx: RouteContext, raw: unknown, schema: S): z.infer<S> {
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

/** The server's own per-match records (`server_kv`), synchronous or not. */
export interface ServerValues {
  getServerValue<T>(matchID: string, key: string): T | undefined | Promise<T | undefined>;
  setServerValue(matchID: string, key: string, value: unknown): unknown;
}

/** A change of a seat's hands, shown to the table. */
export type SeatChange = 'taken-over' | 'reissued' | 'freed';

/** What the table is told of a seat change (sent to the match's sockets, kept for `GET .../seats`). */
export interface SeatEvent {
  readonly matchID: string;
  readonly playerID: string;
  readonly seat: Seat;
  readonly kind: SeatChange;
  /** Epoch ms. */
  readonly at: number;
}

/** `server_kv` keys: the SHA-256 (hex) of each seat's key by player id, and the seat changes. */
export const SEAT_KEYS = 'seat-keys';
export const SEAT_EVENTS = 'seat-events';
/** Seat changes kept per match. */
const MAX_EVENTS = 100;
/** The White Cell's player id. */
const WHITE = PLAYER_OF_SEAT.white;

const keyDigest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** Whether `key` is the seat's key: its digest compared in constant time with the stored one. */
export function keyHolds(hashes: Readonly<Record<string, string>>, playerID: string, key: string): boolean {
  const stored = Object.hasOwn(hashes, playerID) ? hashes[playerID] : undefined;
  if (typeof stored !== 'string') return false;
  const expected = Buffer.from(stored, 'hex');
  const given = keyDigest(key);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface SeatRouteOptions {
  readonly store: StorageAPI.Async & ServerValues;
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

  /** The seat keys' digests of a match, by player id. */
  const keysOf = async (id: string): Promise<Record<string, string>> => {
    const v = await store.getServerValue<Record<string, string>>(id, SEAT_KEYS);
    return v && typeof v === 'object' ? v : {};
  };
  /** Gives the seats new keys (stored as digests); answers the keys. */
  const newKeys = async (id: string, seats: readonly string[]): Promise<Record<string, string>> => {
    const keys = Object.fromEntries(seats.map((s) => [s, o.newCredentials()]));
    const hashes = { ...(await keysOf(id)) };
    for (const [s, k] of Object.entries(keys)) hashes[s] = keyDigest(k).toString('hex');
    await store.setServerValue(id, SEAT_KEYS, hashes);
    return keys;
  };
  /** Records a seat change, logs it and tells every socket of the match; the seat's own sockets leave it. */
  const seatChanged = async (id: string, playerID: string, kind: SeatChange, line: string) => {
    const event: SeatEvent = { matchID: id, playerID, seat: seatOf(playerID)!, kind, at: Date.now() };
    const events = (await store.getServerValue<SeatEvent[]>(id, SEAT_EVENTS)) ?? [];
    await store.setServerValue(id, SEAT_EVENTS, [...events, event].slice(-MAX_EVENTS));
    transport.revokeSeat(id, playerID, event);
    log(`match ${id}: player ${playerID} (${seatName(playerID)}) ${line}`);
  };
  /** Whether a seat is played by a bot (from the match's setup, which no client can change). */
  const isBot = (metadata: MatchData, playerID: string): boolean => {
    const seat = seatOf(playerID);
    return seat !== null && seat !== 'white' && Object.hasOwn(botSeats(metadata.setupData), seat);
  };

  router.post('/games/:name/create', async (ctx) => {
    const b = checkBody(ctx, await readJsonBody(ctx, MAX_CREATE_BODY), BODIES.create);
    const white = (b.setupData as { white?: unknown } | undefined)?.white === true;
    const matchID = await newMatch(ctx, b.numPlayers ?? (white ? 5 : 4), b.setupData, b.unlisted ?? false);
    const { metadata } = await store.fetch(matchID, { metadata: true });
    const humans = Object.keys(metadata?.players ?? {}).filter((s) => metadata && !isBot(metadata, s));
    ctx.body = { matchID, seatKeys: await newKeys(matchID, humans) };
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
      const b = checkBody(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.join);
      if (b.seatKey !== undefined && b.playerID === undefined)
        return ctx.throw(400, '"playerID" must name the seat whose link key ("seatKey") is sent');
      const metadata = await matchOf(ctx, id);
      const seat = b.playerID ?? firstFreeSeat(metadata);
      if (seat === undefined) return ctx.throw(409, `Every seat of match ${id} is taken.`);
      const p = seatRecord(ctx, metadata, seat);
      if (isBot(metadata, seat)) return ctx.throw(409, `Player ${seat} is a bot seat.`);
      const hashes = await keysOf(id);
      const previous = p.name;
      let issued: string | undefined;
      if (b.seatKey !== undefined) {
        if (!keyHolds(hashes, seat, b.seatKey))
          return ctx.throw(
            403,
            `This link's key does not hold player ${seat}: it was re-issued or mistyped. Ask the White Cell for the seat's link.`,
          );
      } else if (previous) {
        return ctx.throw(
          409,
          `Player ${seat} is already seated. Open the seat's own link to take it over, or ask the White Cell to re-issue it.`,
        );
      } else if (!Object.hasOwn(hashes, seat)) {
        issued = (await newKeys(id, [seat]))[seat];
      }
      const playerCredentials = o.newCredentials();
      metadata.players[Number(seat)] = {
        ...p,
        name: b.playerName,
        credentials: playerCredentials,
        ...(b.data !== undefined ? { data: b.data } : {}),
        ...(previous ? { isConnected: false } : {}),
      };
      await store.setMetadata(id, metadata);
      if (previous)
        await seatChanged(
          id,
          seat,
          'taken-over',
          `taken over with its link as "${b.playerName}" (was "${previous}")`,
        );
      else log(`match ${id}: player ${seat} (${seatName(seat)}) joined as "${b.playerName}"`);
      ctx.body = { playerID: seat, playerCredentials, ...(issued ? { seatKey: issued } : {}) };
    }),
  );

  router.post(
    '/games/:name/:id/leave',
    seatChange(async (ctx, id) => {
      const b = checkBody(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.leave);
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
    const b = checkBody(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.update);
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

  /**
   * The White Cell's seat actions: a new key for the seat (its old link stops working), the
   * seat's credentials dropped (its sockets are told and leave the match); `free` also empties
   * the seat. Answers the new key, for the seat's new link.
   */
  const whiteSeatAction = (kind: 'reissued' | 'freed') =>
    seatChange(async (ctx, id) => {
      const b = checkBody(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.seat);
      const verb = kind === 'reissued' ? "re-issue a seat's link" : 'free a seat';
      if (b.playerID !== WHITE)
        return ctx.throw(
          403,
          `Only the White Cell (player ${WHITE}) may ${verb}; player ${b.playerID} may not.`,
        );
      const metadata = await matchOf(ctx, id);
      authorize(ctx, metadata, WHITE, b.credentials);
      const p = seatRecord(ctx, metadata, b.target);
      if (isBot(metadata, b.target))
        return ctx.throw(409, `Player ${b.target} (${seatName(b.target)}) is a bot seat: it has no link.`);
      const own = b.target === WHITE;
      if (own && kind === 'freed')
        return ctx.throw(400, 'The White Cell cannot free its own seat; re-issue its link instead.');
      const { credentials: _c, isConnected: _i, ...kept } = p;
      const { name: _n, data: _d, ...empty } = kept;
      // The White Cell's own link re-issued (it leaked): the caller keeps the seat with new credentials.
      const playerCredentials = own ? o.newCredentials() : undefined;
      metadata.players[Number(b.target)] =
        kind === 'freed' ? empty : playerCredentials ? { ...kept, credentials: playerCredentials } : kept;
      const seatKey = (await newKeys(id, [b.target]))[b.target]!;
      await store.setMetadata(id, metadata);
      await seatChanged(
        id,
        b.target,
        kind,
        kind === 'freed' ? 'freed by the White Cell' : 'given a new link by the White Cell',
      );
      ctx.body = { playerID: b.target, seatKey, ...(playerCredentials ? { playerCredentials } : {}) };
    });
  router.post('/games/:name/:id/reissue', whiteSeatAction('reissued'));
  router.post('/games/:name/:id/free', whiteSeatAction('freed'));

  router.get('/games/:name/:id/seats', async (ctx) => {
    const id = ctx.params.id!;
    const { metadata, state } = await store.fetch(id, { metadata: true, state: true });
    if (!metadata || !state) return ctx.throw(404, `Match ${id} not found.`);
    // The observer's view: whether (not what) each faction has committed is public.
    const view = viewFor(state.G as MatchState, 'observer');
    const bots = botSeats(metadata.setupData);
    const seats = Object.keys(metadata.players).map((playerID) => {
      const p = metadata.players[Number(playerID)]!;
      const seat = seatOf(playerID);
      const faction: Faction | null = seat === null || seat === 'white' ? null : seat;
      return {
        playerID,
        seat,
        name: p.name ?? null,
        connected: p.isConnected === true,
        bot: faction !== null && Object.hasOwn(bots, faction) ? bots[faction]! : null,
        committed: faction !== null && view.stage === 'planning' ? view.pending[faction].committed : null,
      };
    });
    const events = (await store.getServerValue<SeatEvent[]>(id, SEAT_EVENTS)) ?? [];
    ctx.body = { matchID: id, round: view.round, stage: view.stage, seats, events: events.slice(-20) };
  });

  router.post('/games/:name/:id/playAgain', async (ctx) => {
    const id = ctx.params.id!;
    const b = checkBody(ctx, await readJsonBody(ctx, MAX_SEAT_BODY), BODIES.playAgain);
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
