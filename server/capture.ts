/**
 * Seminar data capture (issue 10, "Seminar data capture": what professional wargaming calls a
 * data collection plan), kept by the server beside the match in its own records (`server_kv`,
 * key `capture`), never in the game state, so replays and their hashes are unchanged:
 *
 * - `POST .../capture/rationale` `{ playerID, credentials, round, text, order? }`: a seat's
 *   one-line rationale for its commit (or for one order, named by its text form) in the current
 *   round; a later one for the same commit or order replaces it.
 * - `POST .../capture/questionnaire` `{ playerID: "4", credentials, when, title, items }`: the
 *   White Cell sets an end-of-round (`when: "round"`, open until the next round starts) or an
 *   end-of-match questionnaire (`"match"`, open from then on, after the end too) of Likert
 *   (1–5) and free-text items.
 * - `POST .../capture/answer` `{ playerID, credentials, questionnaire, values }`: a faction seat
 *   answers an open questionnaire, one value per item; its one answer, revisable while it is open.
 * - `POST .../capture/note` `{ playerID: "4", credentials, text }`: the facilitator's log,
 *   timestamped and filed under the current round.
 * - `POST .../capture/seat` `{ playerID, credentials }`: what a seat may read during the match:
 *   the open questionnaires, and its own answers and rationales.
 * - `GET .../capture.json` and `.../capture.csv`: the whole capture (`MatchCapture` in
 *   report/aar.ts; the CSV one row per item). During the match the White Cell's alone, with
 *   its credentials as `Authorization: Bearer <credentials>` (a rationale can reveal plans:
 *   fog); anyone's once the match has ended, like the record.
 * - The after-action report of a finished match shows its capture (`finishedCapture`, which
 *   lobby.ts's report route asks for).
 *
 * Bodies are read like the seat routes' (secure-json-parse, a size cap, a strict schema: an
 * unknown field is a 400 naming it); credentials are compared in constant time; every write
 * runs in the match's queue, after every check, so a refused request changes nothing and a
 * round cannot turn between the check and the write.
 */
import type { Server as BgioServer } from 'boardgame.io/server';
import { z } from 'zod';
import { PLAYER_OF_SEAT, seatOf } from '../game/bgio.ts';
import type { Faction, MatchState } from '../game/index.ts';
import type {
  CaptureAnswer,
  CaptureNote,
  CaptureQuestionnaire,
  CaptureRationale,
  MatchCapture,
} from '../report/aar.ts';
import { CREDENTIALS, PLAYER_ID } from './protocol.ts';
import { checkBody, type RouteContext, readJsonBody } from './seats.ts';
import type { ServerStore } from './store.ts';
import type { SecureSocketIO } from './transport.ts';

type Router = ReturnType<typeof BgioServer>['router'];

/** `server_kv` key of a match's capture. */
export const CAPTURE_KEY = 'capture';

/** What the server keeps per match (the export adds the match's id, scenario and whether it ended). */
export interface StoredCapture {
  readonly rationales: readonly CaptureRationale[];
  readonly questionnaires: readonly CaptureQuestionnaire[];
  readonly answers: readonly CaptureAnswer[];
  readonly notes: readonly CaptureNote[];
}
const EMPTY: StoredCapture = { rationales: [], questionnaires: [], answers: [], notes: [] };

/** Limits: characters per text, entries per match. */
export const CAPTURE_LIMITS = {
  rationale: 280,
  order: 160,
  title: 120,
  prompt: 200,
  items: 12,
  answer: 1000,
  note: 2000,
  /** Rationales one seat may keep per round (its commit and its orders). */
  rationalesPerSeatRound: 40,
  questionnaires: 40,
  notes: 1000,
} as const;
/** Longest body: a questionnaire's items, or an answer's texts; the rest are a few hundred bytes. */
const MAX_BODY = 16 * 1024;
const WHITE = PLAYER_OF_SEAT.white;

const SEAT_NUMBER = 'must be a seat number from "0" to "4", as a string';
const playerID = z.string({ error: SEAT_NUMBER }).regex(PLAYER_ID, SEAT_NUMBER);
const LOBBY_CREDENTIALS = 'must be the credentials the lobby gave';
const credentials = z.string({ error: LOBBY_CREDENTIALS }).regex(CREDENTIALS, LOBBY_CREDENTIALS);
/** One line of text: trimmed, not empty, no control characters (no line breaks). */
const line = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\p{C}]*$/u, 'must be one line without control characters');
/** Text of several lines: line breaks allowed, no other control characters. */
const lines = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^(?:[^\p{C}]|\n)*$/u, 'must not hold control characters other than line breaks');

/** The body of each capture route; strict: an unknown field is refused by name. */
export const CAPTURE_BODIES = {
  rationale: z.strictObject({
    playerID,
    credentials,
    round: z.number({ error: 'must be the round number' }).int('must be a whole number').min(1),
    text: line(CAPTURE_LIMITS.rationale),
    order: line(CAPTURE_LIMITS.order).optional(),
  }),
  questionnaire: z.strictObject({
    playerID,
    credentials,
    when: z.enum(['round', 'match'], { error: 'must be "round" (end of round) or "match" (end of match)' }),
    title: line(CAPTURE_LIMITS.title),
    items: z
      .array(
        z.strictObject({
          kind: z.enum(['likert', 'text'], { error: 'must be "likert" (1–5) or "text"' }),
          prompt: line(CAPTURE_LIMITS.prompt),
        }),
        { error: 'must be a list of items' },
      )
      .min(1, 'must hold at least one item')
      .max(CAPTURE_LIMITS.items, `must hold at most ${CAPTURE_LIMITS.items} items`),
  }),
  answer: z.strictObject({
    playerID,
    credentials,
    questionnaire: z
      .string({ error: 'must be a questionnaire id' })
      .regex(/^q[0-9]{1,4}$/, 'must be a questionnaire id such as "q1"'),
    values: z
      .array(
        z.union([z.number().int().min(1).max(5), lines(CAPTURE_LIMITS.answer), z.null()], {
          error: `must be 1–5 for a Likert item, text of at most ${CAPTURE_LIMITS.answer} characters, or null`,
        }),
        { error: 'must be a list with one value per item' },
      )
      .max(CAPTURE_LIMITS.items, `must hold at most ${CAPTURE_LIMITS.items} values`),
  }),
  note: z.strictObject({ playerID, credentials, text: lines(CAPTURE_LIMITS.note) }),
  seat: z.strictObject({ playerID, credentials }),
} as const;

export interface CaptureRouteOptions {
  readonly store: ServerStore;
  /** The match's queue (`SecureSocketIO.exclusive`): a write never interleaves with a move. */
  readonly queue: Pick<SecureSocketIO, 'exclusive'>;
  /** The server's constant-time credential check. */
  readonly authentic: (credentials: unknown, expected: unknown) => boolean;
  readonly now?: () => number;
}

/** The capture of a match as exported: the stored records with the match's id, scenario and end. */
export function exportCapture(
  matchID: string,
  G: MatchState,
  stored: StoredCapture | undefined,
): MatchCapture {
  const c = stored ?? EMPTY;
  return {
    format: 'island-chain-capture/1',
    matchID,
    scenarioId: G.scenarioId,
    ended: G.stage === 'ended',
    rationales: c.rationales,
    questionnaires: c.questionnaires,
    answers: c.answers,
    notes: c.notes,
  };
}

/**
 * A finished match's capture as its after-action report shows it, or undefined when the match
 * is unknown, not over, or has none (lobby.ts's report route asks for it).
 */
export async function finishedCapture(
  store: ServerStore,
  matchID: string,
): Promise<MatchCapture | undefined> {
  const stored = await store.getServerValue<StoredCapture>(matchID, CAPTURE_KEY);
  if (!stored) return undefined;
  const { state } = await store.fetch(matchID, { state: true });
  const G = state?.G as MatchState | undefined;
  return G && G.stage === 'ended' ? exportCapture(matchID, G, stored) : undefined;
}

/**
 * A spreadsheet would run a cell that starts with `=`, `+`, `-`, `@` or a tab as a formula:
 * such a cell gets a leading `'`. Cells holding a comma, a quote or a line break are quoted.
 */
export function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The capture as CSV: one row per item (match, round, seat, kind, question, answer, time). */
export function captureCsv(c: MatchCapture): string {
  const rows: string[][] = [['match', 'round', 'seat', 'kind', 'question', 'answer', 'time']];
  const time = (at: number) => new Date(at).toISOString();
  const sorted = <T extends { readonly round: number; readonly at: number }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => a.round - b.round || a.at - b.at);
  for (const r of sorted(c.rationales))
    rows.push([c.matchID, String(r.round), r.seat, 'rationale', r.order ?? 'commit', r.text, time(r.at)]);
  for (const q of c.questionnaires)
    for (const a of c.answers.filter((x) => x.questionnaire === q.id))
      q.items.forEach((item, i) => {
        const v = a.values[i];
        if (v === null || v === undefined) return;
        rows.push([
          c.matchID,
          q.when === 'match' ? 'end' : String(q.round),
          a.seat,
          item.kind === 'likert' ? 'likert' : 'free-text',
          `${q.title}: ${item.prompt}`,
          String(v),
          time(a.at),
        ]);
      });
  for (const n of sorted(c.notes))
    rows.push([c.matchID, String(n.round), 'white', 'note', '', n.text, time(n.at)]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Adds the capture routes to boardgame.io's router (before it adds its own). */
export function addCaptureRoutes(router: Router, o: CaptureRouteOptions): void {
  const { store } = o;
  const now = o.now ?? Date.now;

  /** The match's metadata and state, or a 404. */
  const matchOf = async (ctx: RouteContext, id: string) => {
    const { metadata, state } = await store.fetch(id, { metadata: true, state: true });
    if (!metadata || !state) return ctx.throw(404, `Match ${id} not found.`);
    return { metadata, G: state.G as MatchState };
  };
  /** The seat `playerID` holds, its credentials checked in constant time; 404 or 403 otherwise. */
  const seatHeld = (
    ctx: RouteContext,
    metadata: Awaited<ReturnType<typeof matchOf>>['metadata'],
    id: string,
    creds: string,
  ) => {
    if (!Object.hasOwn(metadata.players, id))
      return ctx.throw(
        404,
        id === WHITE ? 'This match has no White Cell.' : `This match has no player ${id}.`,
      );
    if (!o.authentic(creds, metadata.players[Number(id)]!.credentials))
      return ctx.throw(403, `These credentials do not hold player ${id}.`);
    return seatOf(id)!;
  };
  const factionOf = (ctx: RouteContext, id: string, what: string): Faction => {
    const seat = seatOf(id);
    if (seat === null || seat === 'white')
      return ctx.throw(403, `Only a faction seat (players "0"–"3") may ${what}; the White Cell may not.`);
    return seat;
  };
  const whiteOnly = (ctx: RouteContext, id: string, what: string) => {
    if (id !== WHITE)
      ctx.throw(403, `Only the White Cell (player ${WHITE}) may ${what}; player ${id} may not.`);
  };
  const stored = async (id: string): Promise<StoredCapture> =>
    (await store.getServerValue<StoredCapture>(id, CAPTURE_KEY)) ?? EMPTY;
  /** Reads the body, then runs `fn` in the match's queue with the match and its capture; stores what it returns. */
  const write =
    <S extends z.ZodType>(
      schema: S,
      fn: (
        ctx: RouteContext,
        b: z.infer<S>,
        m: Awaited<ReturnType<typeof matchOf>>,
        c: StoredCapture,
      ) => StoredCapture,
    ) =>
    async (ctx: RouteContext) => {
      const id = ctx.params.id!;
      const b = checkBody(ctx, await readJsonBody(ctx, MAX_BODY), schema);
      await o.queue.exclusive(id, async () => {
        const m = await matchOf(ctx, id);
        const next = fn(ctx, b, m, await stored(id));
        await store.setServerValue(id, CAPTURE_KEY, next);
      });
    };

  router.post(
    '/games/:name/:id/capture/rationale',
    write(CAPTURE_BODIES.rationale, (ctx, b, { metadata, G }, c) => {
      seatHeld(ctx, metadata, b.playerID, b.credentials);
      const seat = factionOf(ctx, b.playerID, 'write a rationale');
      if (G.stage === 'ended')
        return ctx.throw(409, 'The match has ended: rationales are written during play.');
      if (b.round !== G.round)
        return ctx.throw(
          409,
          `"round" is ${b.round}, but the match is in round ${G.round}: a rationale is for the current round.`,
        );
      const order = b.order ?? null;
      const same = (r: CaptureRationale) => r.round === b.round && r.seat === seat && r.order === order;
      const kept = c.rationales.filter((r) => !same(r));
      if (
        kept.filter((r) => r.round === b.round && r.seat === seat).length >=
        CAPTURE_LIMITS.rationalesPerSeatRound
      )
        return ctx.throw(
          409,
          `A seat keeps at most ${CAPTURE_LIMITS.rationalesPerSeatRound} rationales a round; this one was not stored.`,
        );
      const r: CaptureRationale = { round: b.round, seat, text: b.text, order, at: now() };
      ctx.body = r;
      return { ...c, rationales: [...kept, r] };
    }),
  );

  router.post(
    '/games/:name/:id/capture/questionnaire',
    write(CAPTURE_BODIES.questionnaire, (ctx, b, { metadata, G }, c) => {
      whiteOnly(ctx, b.playerID, 'set a questionnaire');
      seatHeld(ctx, metadata, b.playerID, b.credentials);
      if (b.when === 'round' && G.stage === 'ended')
        return ctx.throw(409, 'The match has ended: set an end-of-match questionnaire ("when": "match").');
      if (c.questionnaires.length >= CAPTURE_LIMITS.questionnaires)
        return ctx.throw(409, `A match keeps at most ${CAPTURE_LIMITS.questionnaires} questionnaires.`);
      const q: CaptureQuestionnaire = {
        id: `q${c.questionnaires.length + 1}`,
        round: G.round,
        when: b.when,
        title: b.title,
        items: b.items,
        at: now(),
      };
      ctx.body = q;
      return { ...c, questionnaires: [...c.questionnaires, q] };
    }),
  );

  router.post(
    '/games/:name/:id/capture/answer',
    write(CAPTURE_BODIES.answer, (ctx, b, { metadata, G }, c) => {
      seatHeld(ctx, metadata, b.playerID, b.credentials);
      const seat = factionOf(ctx, b.playerID, 'answer a questionnaire');
      const q = c.questionnaires.find((x) => x.id === b.questionnaire);
      if (!q) return ctx.throw(404, `There is no questionnaire "${b.questionnaire}" in this match.`);
      if (!isOpen(q, G))
        return ctx.throw(
          409,
          `Questionnaire "${q.id}" was for round ${q.round} and closed when ${G.stage === 'ended' ? 'the match ended' : `round ${q.round + 1} started`}.`,
        );
      if (b.values.length !== q.items.length)
        return ctx.throw(
          400,
          `"values" must hold one value per item: questionnaire "${q.id}" has ${q.items.length}, the body ${b.values.length}.`,
        );
      b.values.forEach((v, i) => {
        const kind = q.items[i]!.kind;
        if (v !== null && (kind === 'likert') !== (typeof v === 'number'))
          ctx.throw(
            400,
            `"values.${i}" ${kind === 'likert' ? 'must be a whole number from 1 to 5 (a Likert item)' : 'must be text (a free-text item)'}, or null to skip it.`,
          );
      });
      const a: CaptureAnswer = { questionnaire: q.id, seat, values: b.values, at: now() };
      ctx.body = a;
      return {
        ...c,
        answers: [...c.answers.filter((x) => !(x.questionnaire === q.id && x.seat === seat)), a],
      };
    }),
  );

  router.post(
    '/games/:name/:id/capture/note',
    write(CAPTURE_BODIES.note, (ctx, b, { metadata, G }, c) => {
      whiteOnly(ctx, b.playerID, 'write in the note-taker log');
      seatHeld(ctx, metadata, b.playerID, b.credentials);
      if (c.notes.length >= CAPTURE_LIMITS.notes)
        return ctx.throw(409, `A match keeps at most ${CAPTURE_LIMITS.notes} notes.`);
      const n: CaptureNote = { round: G.round, text: b.text, at: now() };
      ctx.body = n;
      return { ...c, notes: [...c.notes, n] };
    }),
  );

  router.post('/games/:name/:id/capture/seat', async (ctx) => {
    const id = ctx.params.id!;
    const b = checkBody(ctx, await readJsonBody(ctx, MAX_BODY), CAPTURE_BODIES.seat);
    const { metadata, G } = await matchOf(ctx, id);
    const seat = seatHeld(ctx, metadata, b.playerID, b.credentials);
    const c = await stored(id);
    const mine = <T extends { readonly seat: Faction }>(xs: readonly T[]) =>
      xs.filter((x) => x.seat === seat);
    ctx.body = {
      round: G.round,
      ended: G.stage === 'ended',
      questionnaires: c.questionnaires.filter((q) => isOpen(q, G)),
      answers: mine(c.answers),
      rationales: mine(c.rationales),
    };
  });

  /** The export, or a 403: during the match only the White Cell's credentials read it. */
  const exported = async (ctx: RouteContext): Promise<MatchCapture> => {
    const id = ctx.params.id!;
    const { metadata, G } = await matchOf(ctx, id);
    if (G.stage !== 'ended') {
      const auth = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(ctx.get('authorization'));
      if (!auth)
        return ctx.throw(
          403,
          "During the match the capture is the White Cell's alone (a rationale can reveal plans): send its credentials as Authorization: Bearer <credentials>, or wait until the match ends.",
        );
      const white = Object.hasOwn(metadata.players, WHITE) ? metadata.players[Number(WHITE)]! : undefined;
      if (!white || !o.authentic(auth[1], white.credentials))
        return ctx.throw(
          403,
          "These credentials are not the White Cell's: during the match only it reads the capture.",
        );
    }
    ctx.set('Cache-Control', 'no-store');
    return exportCapture(id, G, await stored(id));
  };
  router.get('/games/:name/:id/capture.json', async (ctx) => {
    const c = await exported(ctx);
    if (ctx.query.download !== undefined)
      ctx.set('Content-Disposition', `attachment; filename="island-chain-${c.matchID}-capture.json"`);
    ctx.body = c;
  });
  router.get('/games/:name/:id/capture.csv', async (ctx) => {
    const c = await exported(ctx);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="island-chain-${c.matchID}-capture.csv"`);
    ctx.body = captureCsv(c);
  });
}

/** Whether a seat may answer: an end-of-round questionnaire until the next round starts (not after the end); an end-of-match one from when it is set on. */
function isOpen(q: CaptureQuestionnaire, G: MatchState): boolean {
  return q.when === 'match' || (q.round === G.round && G.stage !== 'ended');
}
