/**
 * The SQLite storage adapter (issue 3, "Storage"): WAL, one transaction per write, an
 * append-only log, and state writes guarded by `_stateID`.
 */

import Database from 'better-sqlite3';
import type { LogEntry, Server, State } from 'boardgame.io';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/main.ts';
import { SqliteStorage, type StaleWrite } from '../../server/storage.ts';
import { createMatch, ours, tempDir } from './helpers.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function store() {
  const { dir, remove } = tempDir();
  const stale: StaleWrite[] = [];
  const s = new SqliteStorage(`${dir}/db.sqlite`, { onStaleWrite: (w) => stale.push(w) });
  s.connect();
  cleanup.push(remove, () => s.close());
  return { s, stale, file: `${dir}/db.sqlite` };
}

const state = (id: number, round = id): State =>
  ({ G: { round }, ctx: {}, plugins: {}, _stateID: id }) as unknown as State;
const entry = (id: number, move: string): LogEntry =>
  ({
    action: { type: 'MAKE_MOVE', payload: { type: move, args: [], playerID: '0' } },
    _stateID: id,
    turn: 1,
    phase: '',
  }) as unknown as LogEntry;
const metadata = (over: Partial<Server.MatchData> = {}): Server.MatchData => ({
  gameName: 'island-chain',
  players: { 0: { id: 0 }, 1: { id: 1 } },
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('SQLite storage', () => {
  it('opens the database in WAL mode', async () => {
    const { s, file } = store();
    expect(s.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    // WAL is a property of the file: another connection sees it too.
    const other = new Database(file, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
    // The server's own database is the same.
    const server = await ours();
    cleanup.push(() => server.close());
    expect(server.storage.file.endsWith(DATABASE_FILE)).toBe(true);
    expect(server.storage.sql.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a stale state write: a state id not newer than the stored one never overwrites it', async () => {
    const { s, stale } = store();
    await s.createMatch('m', { initialState: state(0), metadata: metadata() });
    await s.setState('m', state(2), [entry(1, 'order'), entry(2, 'commit')]);
    await s.setState('m', state(1, 99), [entry(1, 'stale')]);
    await s.setState('m', state(2, 98), [entry(2, 'again')]);
    const got = await s.fetch('m', { state: true, log: true, initialState: true });
    expect(got.state!._stateID).toBe(2);
    expect((got.state!.G as { round: number }).round).toBe(2);
    expect(got.initialState!._stateID).toBe(0);
    // The refused writes brought no log entries either.
    expect(got.log.map((e) => e.action.payload.type)).toEqual(['order', 'commit']);
    expect(stale).toEqual([
      { matchID: 'm', storedStateID: 2, stateID: 1 },
      { matchID: 'm', storedStateID: 2, stateID: 2 },
    ]);
    // A state for a match that does not exist creates nothing.
    await s.setState('ghost', state(5));
    expect(await s.fetch('ghost', { state: true, metadata: true })).toEqual({});
    expect(stale.at(-1)).toEqual({ matchID: 'ghost', storedStateID: null, stateID: 5 });
  });

  it('keeps the log append-only: entries are only added, never changed or removed while the match exists', async () => {
    const { s } = store();
    await s.createMatch('m', { initialState: state(0), metadata: metadata() });
    await s.setState('m', state(1), [entry(1, 'a')]);
    await s.setState('m', state(2), [entry(2, 'b')]);
    await s.setState('m', state(3), []);
    await s.setState('m', state(4), [entry(4, 'c')]);
    expect((await s.fetch('m', { log: true })).log.map((e) => e.action.payload.type)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(() => s.sql.prepare("UPDATE log SET entry = '{}'").run()).toThrow(/append-only/);
    expect(() => s.sql.prepare('DELETE FROM log').run()).toThrow(/append-only/);
    expect((await s.fetch('m', { log: true })).log).toHaveLength(3);
    // wipe removes a match with its log and the server's records of it.
    s.setServerValue('m', 'timer', { round: 1 });
    await s.wipe('m');
    expect(await s.fetch('m', { state: true, log: true })).toEqual({});
    expect((s.sql.prepare('SELECT COUNT(*) AS n FROM log').get() as { n: number }).n).toBe(0);
    expect(s.getServerValue('m', 'timer')).toBeUndefined();
  });

  it('writes each state and its log entries in one transaction: a failed write leaves neither', async () => {
    const { s } = store();
    await s.createMatch('m', { initialState: state(0), metadata: metadata() });
    const bad = entry(1, 'x') as unknown as Record<string, unknown>;
    bad.self = bad; // JSON.stringify fails on the log entry, after the state row was updated
    await expect(s.setState('m', state(1), [entry(1, 'ok'), bad as unknown as LogEntry])).rejects.toThrow();
    const got = await s.fetch('m', { state: true, log: true });
    expect(got.state!._stateID).toBe(0);
    expect(got.log).toEqual([]);
  });

  it('stores metadata and lists matches by game, game over and update time', async () => {
    const { s } = store();
    await s.createMatch('a', { initialState: state(0), metadata: metadata({ updatedAt: 10 }) });
    await s.createMatch('b', { initialState: state(0), metadata: metadata({ updatedAt: 20 }) });
    await s.createMatch('c', {
      initialState: state(0),
      metadata: metadata({ gameName: 'other', updatedAt: 30 }),
    });
    await s.setMetadata('b', metadata({ updatedAt: 40, gameover: { winner: '0' } }));
    await s.setMetadata('nope', metadata());
    expect(await s.listMatches()).toEqual(['a', 'c', 'b']);
    expect(await s.listMatches({ gameName: 'island-chain' })).toEqual(['a', 'b']);
    expect(await s.listMatches({ where: { isGameover: true } })).toEqual(['b']);
    expect(await s.listMatches({ where: { isGameover: false, updatedAfter: 15 } })).toEqual(['c']);
    expect(await s.listMatches({ where: { updatedBefore: 25 } })).toEqual(['a']);
    expect((await s.fetch('b', { metadata: true })).metadata.gameover).toEqual({ winner: '0' });
    expect(s.countOpen()).toBe(2);
  });

  it("the server's database file holds what a match needs to resume", async () => {
    const server = await ours();
    cleanup.push(() => server.close());
    const id = await createMatch(server.url, { scenarioId: 'takaichi-2025' });
    const file = server.storage.file;
    const reader = new Database(file, { readonly: true });
    const row = reader.prepare('SELECT state_id, gameover FROM matches WHERE match_id = ?').get(id);
    reader.close();
    expect(row).toEqual({ state_id: 0, gameover: 0 });
  });
});
