/**
 * The boardgame.io Lobby REST API at the same origin (DESIGN.md section 3): create a match,
 * read who is seated, join a seat. Credentials are kept per match and seat in localStorage.
 *
 * A seat's join link carries its key in the fragment (`#key=…`), which the browser never
 * sends to the server with the page request: the key is the seat (server/seats.ts). Joining
 * with it takes the seat even when another browser holds it.
 */
import type { Seat } from '../../../game/index.ts';

export const GAME_NAME = 'island-chain';
const BASE = `/games/${GAME_NAME}`;

/** Bot policies by faction seat, as the server reads them from `setupData.bots`. */
export type BotSeats = Partial<Record<Exclude<Seat, 'white'>, string>>;

export interface CreateOptions {
  readonly scenarioId: string;
  readonly seed?: string;
  readonly white: boolean;
  readonly bots: BotSeats;
}

export interface PlayerMeta {
  readonly id: number;
  readonly name?: string;
  readonly isConnected?: boolean;
}

export interface MatchMeta {
  readonly matchID: string;
  readonly players: readonly PlayerMeta[];
  readonly setupData?: { readonly scenarioId?: string; readonly bots?: BotSeats; readonly white?: boolean };
  readonly gameover?: unknown;
  readonly createdAt?: number;
}

/** A request the server refused: its HTTP status, and the server's sentence in the message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok)
    throw new ApiError(res.status, `${res.status} ${res.statusText}${text ? `: ${text.slice(0, 300)}` : ''}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Seat keys by player id ('0'–'4'), as create, re-issue and free answer them. */
export type SeatKeys = Readonly<Record<string, string>>;

/** Creates a match; bots are sent only when some seat is a bot. Answers the id and each human seat's key. */
export async function createMatch(o: CreateOptions): Promise<{ matchID: string; seatKeys: SeatKeys }> {
  const setupData: Record<string, unknown> = { scenarioId: o.scenarioId, white: o.white };
  if (o.seed) setupData.seed = o.seed;
  if (Object.keys(o.bots).length > 0) setupData.bots = o.bots;
  const r = await call<{ matchID: string; seatKeys?: SeatKeys }>('POST', '/create', {
    numPlayers: o.white ? 5 : 4,
    setupData,
  });
  return { matchID: r.matchID, seatKeys: r.seatKeys ?? {} };
}

export const getMatch = (matchID: string): Promise<MatchMeta> =>
  call<MatchMeta>('GET', `/${encodeURIComponent(matchID)}`);

export async function listMatches(): Promise<readonly MatchMeta[]> {
  const r = await call<{ matches: MatchMeta[] }>('GET', '?isGameover=false');
  return r.matches ?? [];
}

/**
 * Joins a seat, or with its link's key takes it over from whichever browser holds it. Answers
 * the credentials and the seat's key: the one sent, or one the server made for a seat that had
 * none (a branch), or null (a keyless join of a seat whose link someone else holds).
 */
export async function joinMatch(
  matchID: string,
  playerID: string,
  playerName: string,
  seatKey?: string,
): Promise<{ credentials: string; key: string | null }> {
  const r = await call<{ playerCredentials: string; seatKey?: string }>(
    'POST',
    `/${encodeURIComponent(matchID)}/join`,
    { playerID, playerName, ...(seatKey ? { seatKey } : {}) },
  );
  return { credentials: r.playerCredentials, key: seatKey ?? r.seatKey ?? null };
}

/** A seat's public state in `GET .../seats` (server/seats.ts). */
export interface SeatStatus {
  readonly playerID: string;
  readonly seat: Seat;
  readonly name: string | null;
  readonly connected: boolean;
  readonly bot: string | null;
  /** Whether the faction has committed this round; null for the White Cell or after the end. */
  readonly committed: boolean | null;
}

/** A seat that changed hands: taken over with its link, or re-issued or freed by the White Cell. */
export interface SeatEvent {
  readonly matchID: string;
  readonly playerID: string;
  readonly seat: Seat;
  readonly kind: 'taken-over' | 'reissued' | 'freed';
  readonly at: number;
}

export interface MatchSeats {
  readonly matchID: string;
  readonly round: number;
  readonly stage: string;
  readonly seats: readonly SeatStatus[];
  readonly events: readonly SeatEvent[];
}

export const getSeats = (matchID: string): Promise<MatchSeats> =>
  call<MatchSeats>('GET', `/${encodeURIComponent(matchID)}/seats`);

/**
 * The White Cell's seat actions: a new link for `target` (the old link and the seat's
 * credentials stop working) or the seat freed as well. Answers the seat's new key, and new
 * credentials when the White Cell re-issued its own link.
 */
export async function whiteSeatAction(
  action: 'reissue' | 'free',
  matchID: string,
  white: StoredSeat,
  target: string,
): Promise<{ key: string; credentials: string | null }> {
  const r = await call<{ seatKey: string; playerCredentials?: string }>(
    'POST',
    `/${encodeURIComponent(matchID)}/${action}`,
    { playerID: white.playerID, credentials: white.credentials, target },
  );
  return { key: r.seatKey, credentials: r.playerCredentials ?? null };
}

/** What the table reads of a seat change. */
export function describeSeatEvent(e: SeatEvent, label: string): string {
  switch (e.kind) {
    case 'taken-over':
      return `${label}: the seat was taken over in another browser with its link`;
    case 'reissued':
      return `${label}: the White Cell re-issued the seat's link (the old one no longer works)`;
    case 'freed':
      return `${label}: the White Cell freed the seat`;
  }
}

export interface StoredSeat {
  readonly playerID: string;
  readonly credentials: string;
  readonly name: string;
  /** The seat's key, when this browser has it: the seat's link can be opened in another browser. */
  readonly key?: string;
}

const key = (matchID: string, seat: Seat): string => `island-chain/${matchID}/${seat}`;

export function loadSeat(matchID: string, seat: Seat): StoredSeat | null {
  try {
    const raw = localStorage.getItem(key(matchID, seat));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredSeat>;
    return typeof v.playerID === 'string' && typeof v.credentials === 'string'
      ? {
          playerID: v.playerID,
          credentials: v.credentials,
          name: v.name ?? '',
          ...(typeof v.key === 'string' && SEAT_KEY.test(v.key) ? { key: v.key } : {}),
        }
      : null;
  } catch {
    return null;
  }
}

export function saveSeat(matchID: string, seat: Seat, s: StoredSeat): void {
  localStorage.setItem(key(matchID, seat), JSON.stringify(s));
}

export function forgetSeat(matchID: string, seat: Seat): void {
  localStorage.removeItem(key(matchID, seat));
}

/** What a seat key looks like (the server's credentials pattern). */
const SEAT_KEY = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Link a player opens to take a seat — with the seat's key, the link that takes it from any
 * browser — or the observer link without a seat.
 */
export const seatLink = (matchID: string, seat?: Seat, key?: string | null): string =>
  `${location.origin}/match/${encodeURIComponent(matchID)}${seat ? `?seat=${seat}` : ''}${
    seat && key ? `#key=${encodeURIComponent(key)}` : ''
  }`;

/** The seat key in this page's address (`#key=…`), if it has a well-formed one. */
export function keyInLocation(): string | null {
  const key = new URLSearchParams(location.hash.slice(1)).get('key');
  return key !== null && SEAT_KEY.test(key) ? key : null;
}

/** The match this page shows (`/match/<id>`), if it is a match page. */
export function matchInLocation(): string | null {
  const m = /^\/match\/([^/]+)/.exec(location.pathname);
  return m ? decodeURIComponent(m[1]!) : null;
}

/** The server's planning countdown for a match (it enforces the timer; the client only shows it). */
export interface TimerStatus {
  readonly timer: {
    readonly round: number;
    readonly seconds: number;
    readonly deadline: number | null;
    readonly remainingMs: number | null;
  } | null;
  readonly now: number;
}

export const getTimer = (matchID: string): Promise<TimerStatus> =>
  call<TimerStatus>('GET', `/${encodeURIComponent(matchID)}/timer`);

/** Where the finished match's record (seed included) can be downloaded. */
export const recordLink = (matchID: string): string => `${BASE}/${encodeURIComponent(matchID)}/record`;

/** The after-action report page of a finished match (server/lobby.ts renders it with report/aar.ts). */
export const reportLink = (matchID: string, download = false): string =>
  `${BASE}/${encodeURIComponent(matchID)}/report${download ? '?download' : ''}`;

/** A seminar's tables as created: each table's id and its human seats' keys (server/seminar.ts). */
export interface CreatedSeminar {
  readonly seminarID: string;
  readonly seminarKey: string;
  readonly scenarioId: string;
  readonly seeding: 'same' | 'each';
  readonly tables: readonly { readonly matchID: string; readonly seatKeys: SeatKeys }[];
}

export interface SeminarOptions {
  readonly scenarioId: string;
  readonly tables: number;
  readonly bots: BotSeats;
  readonly seed?: string;
  /** One seed for every table, or a seed each. */
  readonly seeding: 'same' | 'each';
}

/** Opens a seminar: N tables of one scenario, each with a White Cell seat and the same bot seats. */
export const createSeminar = (o: SeminarOptions): Promise<CreatedSeminar> =>
  call<CreatedSeminar>('POST', '/seminar', {
    scenarioId: o.scenarioId,
    tables: o.tables,
    seeding: o.seeding,
    ...(o.seed ? { seed: o.seed } : {}),
    ...(Object.keys(o.bots).length > 0 ? { bots: o.bots } : {}),
  });

/** An outcome as the engine records it (`ended-by-facilitator` carries the situation's assessment). */
export interface TableOutcome {
  readonly category: string;
  readonly reason: string;
  readonly round: number;
  readonly assessment: string | null;
}

/** A table's public state, from the observer's view (nothing fog hides). */
export interface TableStatus {
  readonly matchID: string;
  readonly missing?: true;
  readonly round?: number;
  readonly maxRounds?: number;
  readonly stage?: 'planning' | 'ended';
  readonly escalation?: number;
  readonly peakEscalation?: number;
  readonly committed?: Readonly<Record<string, boolean>> | null;
  readonly outcome?: TableOutcome | null;
  readonly tracks?: Readonly<Record<string, number | string | boolean>>;
  readonly losses?: Readonly<Record<string, number>>;
  readonly escalationByRound?: readonly number[];
}

export interface SeminarStatus {
  readonly seminarID: string;
  readonly scenarioId: string;
  readonly seeding: 'same' | 'each';
  readonly bots: BotSeats;
  readonly createdAt: number;
  readonly tables: readonly TableStatus[];
}

/** The seminar's tables, for the holder of its key. */
export const getSeminar = (seminarID: string, key: string): Promise<SeminarStatus> =>
  call<SeminarStatus>('POST', `/seminar/${encodeURIComponent(seminarID)}`, { key });

export interface BatchShare {
  readonly outcome: string;
  readonly count: number;
  readonly p: number;
  readonly low: number;
  readonly high: number;
}

/** A spread of a track over the batch (analysis/stats.ts `Spread`). */
export interface BatchSpread {
  readonly n: number;
  readonly mean: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
}

export type SeminarComparison =
  | {
      readonly state: 'running';
      readonly games: number;
      readonly seed: string;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly state: 'done';
      readonly games: number;
      readonly seed: string;
      readonly seconds: number;
      readonly outcomes: readonly BatchShare[];
      readonly finalTracks: Readonly<Record<string, BatchSpread | null>>;
      readonly rounds: BatchSpread | null;
      readonly peakEscalation: BatchSpread | null;
      readonly tables: readonly (TableStatus & {
        readonly compared: string | null;
        readonly share: number | null;
        readonly count: number | null;
      })[];
    };

/** The seminar's tables against a bot batch of its scenario (202 while the batch plays). */
export const compareSeminar = (
  seminarID: string,
  key: string,
  games: number,
  seed?: string,
): Promise<SeminarComparison> =>
  call<SeminarComparison>('POST', `/seminar/${encodeURIComponent(seminarID)}/compare`, {
    key,
    games,
    ...(seed ? { seed } : {}),
  });

/** The seminar page's link, with its key in the fragment (never sent with the page request). */
export const seminarLink = (seminarID: string, key: string): string =>
  `${location.origin}/seminar/${encodeURIComponent(seminarID)}#key=${encodeURIComponent(key)}`;

/** A seminar's tables and seat keys, kept in the facilitator's browser (the server keeps only digests). */
const seminarStoreKey = (seminarID: string): string => `island-chain/seminar/${seminarID}`;

export function saveSeminar(s: CreatedSeminar): void {
  localStorage.setItem(seminarStoreKey(s.seminarID), JSON.stringify(s));
}

export function loadSeminar(seminarID: string): CreatedSeminar | null {
  try {
    const raw = localStorage.getItem(seminarStoreKey(seminarID));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<CreatedSeminar>;
    return v.seminarID === seminarID && Array.isArray(v.tables) ? (v as CreatedSeminar) : null;
  } catch {
    return null;
  }
}

/** A seat's credentials for the capture routes (server/capture.ts). */
export interface CaptureAuth {
  readonly matchID: string;
  readonly playerID: string;
  readonly credentials: string;
}

/** A questionnaire White Cell set (server/capture.ts; `MatchCapture` in report/aar.ts). */
export interface CaptureQuestionnaire {
  readonly id: string;
  readonly round: number;
  readonly when: 'round' | 'match';
  readonly title: string;
  readonly items: readonly { readonly kind: 'likert' | 'text'; readonly prompt: string }[];
  readonly at: number;
}
export type CaptureValue = number | string | null;
export interface CaptureAnswer {
  readonly questionnaire: string;
  readonly seat: string;
  readonly values: readonly CaptureValue[];
  readonly at: number;
}
export interface CaptureRationale {
  readonly round: number;
  readonly seat: string;
  readonly text: string;
  readonly order: string | null;
  readonly at: number;
}
export interface CaptureNote {
  readonly round: number;
  readonly text: string;
  readonly at: number;
}
/** The whole capture, as `capture.json` serves it. */
export interface MatchCapture {
  readonly matchID: string;
  readonly ended: boolean;
  readonly rationales: readonly CaptureRationale[];
  readonly questionnaires: readonly CaptureQuestionnaire[];
  readonly answers: readonly CaptureAnswer[];
  readonly notes: readonly CaptureNote[];
}
/** What a seat may read of the capture: the open questionnaires, its own answers and rationales. */
export interface SeatCapture {
  readonly round: number;
  readonly ended: boolean;
  readonly questionnaires: readonly CaptureQuestionnaire[];
  readonly answers: readonly CaptureAnswer[];
  readonly rationales: readonly CaptureRationale[];
}

const capturePost = <T>(a: CaptureAuth, path: string, body: object): Promise<T> =>
  call<T>('POST', `/${encodeURIComponent(a.matchID)}/capture/${path}`, {
    playerID: a.playerID,
    credentials: a.credentials,
    ...body,
  });

/** Stores the seat's one-line rationale for its commit (or one order) in `round`. */
export const sendRationale = (a: CaptureAuth, round: number, text: string, order?: string) =>
  capturePost<CaptureRationale>(a, 'rationale', { round, text, ...(order ? { order } : {}) });

/** White Cell: sets an end-of-round or end-of-match questionnaire. */
export const setQuestionnaire = (a: CaptureAuth, q: Pick<CaptureQuestionnaire, 'when' | 'title' | 'items'>) =>
  capturePost<CaptureQuestionnaire>(a, 'questionnaire', q);

/** A seat answers a questionnaire (its one answer, replaced while the questionnaire is open). */
export const answerQuestionnaire = (a: CaptureAuth, questionnaire: string, values: readonly CaptureValue[]) =>
  capturePost<CaptureAnswer>(a, 'answer', { questionnaire, values });

/** White Cell: a note in the note-taker log, filed under the current round. */
export const addNote = (a: CaptureAuth, text: string) => capturePost<CaptureNote>(a, 'note', { text });

/** What the seat may read of the capture. */
export const seatCapture = (a: CaptureAuth) => capturePost<SeatCapture>(a, 'seat', {});

/** The capture export (`capture.json` or `capture.csv`): White Cell's credentials during the match. */
export async function captureExport(a: CaptureAuth, kind: 'json' | 'csv'): Promise<string> {
  const res = await fetch(`${BASE}/${encodeURIComponent(a.matchID)}/capture.${kind}`, {
    headers: { Authorization: `Bearer ${a.credentials}` },
  });
  const text = await res.text();
  if (!res.ok)
    throw new ApiError(res.status, `${res.status} ${res.statusText}${text ? `: ${text.slice(0, 300)}` : ''}`);
  return text;
}
