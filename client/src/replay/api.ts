/**
 * The server routes the replay viewer uses (server/README.md): finished matches and their
 * records, branching a record from a round, and the after-action report.
 */
import type { MatchRecord } from '../../../match/index.ts';
import { GAME_NAME, type MatchMeta } from '../lobby/api.ts';

export { reportLink } from '../lobby/api.ts';

const BASE = `/games/${GAME_NAME}`;

async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) {
    const text = await res.text();
    throw new Error(text ? text.slice(0, 400) : `${res.status} ${res.statusText}`);
  }
  return res;
}

/** Matches the server holds that have ended, newest first. */
export async function listFinished(): Promise<readonly MatchMeta[]> {
  const r = (await (await request('GET', '?isGameover=true')).json()) as { matches?: MatchMeta[] };
  return [...(r.matches ?? [])].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
}

/** A finished match's record (the server answers 403 while the match runs: the seed is secret). */
export async function fetchRecord(matchID: string): Promise<unknown> {
  return (await request('GET', `/${encodeURIComponent(matchID)}/record`)).json();
}

export interface BranchOptions {
  readonly record: MatchRecord;
  readonly round: number;
  readonly bots?: Readonly<Record<string, string>>;
}

/** Starts a new live match from the start of `round` of a finished match's record. */
export async function branchMatch(
  o: BranchOptions,
): Promise<{ matchID: string; round: number; white: boolean }> {
  const body = {
    record: o.record,
    round: o.round,
    ...(o.bots && Object.keys(o.bots).length > 0 ? { bots: o.bots } : {}),
  };
  return (await request('POST', '/branch', body)).json() as Promise<{
    matchID: string;
    round: number;
    white: boolean;
  }>;
}

/** The after-action report of a record the viewer holds (rendered by the server from the record). */
export async function reportFor(record: MatchRecord): Promise<Blob> {
  return (await request('POST', '/report', { record })).blob();
}
