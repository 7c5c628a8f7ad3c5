/**
 * The boardgame.io Lobby REST API at the same origin (DESIGN.md section 3): create a match,
 * read who is seated, join a seat. Credentials are kept per match and seat in localStorage.
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

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}${text ? `: ${text.slice(0, 300)}` : ''}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Creates a match; bots are sent only when some seat is a bot. */
export async function createMatch(o: CreateOptions): Promise<string> {
  const setupData: Record<string, unknown> = { scenarioId: o.scenarioId, white: o.white };
  if (o.seed) setupData.seed = o.seed;
  if (Object.keys(o.bots).length > 0) setupData.bots = o.bots;
  const r = await call<{ matchID: string }>('POST', '/create', { numPlayers: o.white ? 5 : 4, setupData });
  return r.matchID;
}

export const getMatch = (matchID: string): Promise<MatchMeta> =>
  call<MatchMeta>('GET', `/${encodeURIComponent(matchID)}`);

export async function listMatches(): Promise<readonly MatchMeta[]> {
  const r = await call<{ matches: MatchMeta[] }>('GET', '?isGameover=false');
  return r.matches ?? [];
}

export async function joinMatch(matchID: string, playerID: string, playerName: string): Promise<string> {
  const r = await call<{ playerCredentials: string }>('POST', `/${encodeURIComponent(matchID)}/join`, {
    playerID,
    playerName,
  });
  return r.playerCredentials;
}

export interface StoredSeat {
  readonly playerID: string;
  readonly credentials: string;
  readonly name: string;
}

const key = (matchID: string, seat: Seat): string => `island-chain/${matchID}/${seat}`;

export function loadSeat(matchID: string, seat: Seat): StoredSeat | null {
  try {
    const raw = localStorage.getItem(key(matchID, seat));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredSeat>;
    return typeof v.playerID === 'string' && typeof v.credentials === 'string'
      ? { playerID: v.playerID, credentials: v.credentials, name: v.name ?? '' }
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

/** Link a player opens to take a seat, or the observer link without one. */
export const seatLink = (matchID: string, seat?: Seat): string =>
  `${location.origin}/match/${encodeURIComponent(matchID)}${seat ? `?seat=${seat}` : ''}`;

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
