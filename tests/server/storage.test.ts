/**
 * What is particular to each storage backend and to choosing one (issues 3 and 11): SQLite's
 * WAL with `synchronous=NORMAL` and the server's database file; `--database-url` checked at
 * start, an unreachable PostgreSQL named, no password in what is logged. What every backend
 * must do alike is in storage-conformance.test.ts.
 */

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openStore, startServer } from '../../server/main.ts';
import { PostgresStorage } from '../../server/pgStorage.ts';
import { SqliteStorage } from '../../server/storage.ts';
import { createMatch, ours, tempDir } from './helpers.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('SQLite storage', () => {
  it('opens the database in WAL mode with synchronous=NORMAL', async () => {
    const { dir, remove } = tempDir();
    const file = `${dir}/db.sqlite`;
    const s = new SqliteStorage(file);
    await s.connect();
    cleanup.push(remove, () => s.close());
    expect(s.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.sql.pragma('synchronous', { simple: true })).toBe(1);
    // WAL is a property of the file: another connection sees it too.
    const other = new Database(file, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
    // The server's own database is the same.
    const server = await ours();
    cleanup.push(() => server.close());
    expect(server.storage.description).toBe(`SQLite ${server.dataDir}/${DATABASE_FILE}`);
    const own = new Database(`${server.dataDir}/${DATABASE_FILE}`, { readonly: true });
    expect(own.pragma('journal_mode', { simple: true })).toBe('wal');
    own.close();
  });

  it("the server's database file holds what a match needs to resume", async () => {
    const server = await ours();
    cleanup.push(() => server.close());
    const id = await createMatch(server.url, { scenarioId: 'takaichi-2025' });
    const reader = new Database(`${server.dataDir}/${DATABASE_FILE}`, { readonly: true });
    const row = reader.prepare('SELECT state_id, gameover FROM matches WHERE match_id = ?').get(id);
    reader.close();
    expect(row).toEqual({ state_id: 0, gameover: 0 });
  });
});

describe('choosing the storage', () => {
  it('SQLite in the data directory without a database URL; PostgreSQL for postgres:// and postgresql://', () => {
    expect(openStore({ dataDir: 'd' })).toBeInstanceOf(SqliteStorage);
    expect(openStore({ dataDir: 'd', databaseUrl: '' })).toBeInstanceOf(SqliteStorage);
    for (const url of ['postgres://u@h:5433/db', 'postgresql://u@h/db']) {
      const s = openStore({ dataDir: 'd', databaseUrl: url });
      expect(s).toBeInstanceOf(PostgresStorage);
      void s.close();
    }
  });

  it('refuses a database URL of another kind with a sentence, without echoing it', () => {
    expect(() => openStore({ dataDir: 'd', databaseUrl: 'mysql://root:hunter2@h/db' })).toThrow(
      /must be a postgres:\/\/ or postgresql:\/\/ URL \(got "mysql:\/\/\.\.\."\)/,
    );
    expect(() => openStore({ dataDir: 'd', databaseUrl: 'localhost:5432' })).toThrow(/postgres/);
    expect(() => openStore({ dataDir: 'd', databaseUrl: 'not a url' })).toThrow(/is not a URL/);
    try {
      openStore({ dataDir: 'd', databaseUrl: 'mysql://root:hunter2@h/db' });
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });

  it('describes a PostgreSQL store without its password', async () => {
    const s = new PostgresStorage('postgres://ic:hunter2@db.example:6543/matches');
    cleanup.push(() => s.close());
    expect(s.description).toBe('PostgreSQL postgres://ic:***@db.example:6543/matches');
  });

  it('an unreachable PostgreSQL is a startup error naming host and port, not a hang', async () => {
    const { dir, remove } = tempDir();
    cleanup.push(remove);
    const started = Date.now();
    await expect(
      startServer({
        port: 0,
        dataDir: dir,
        quiet: true,
        databaseUrl: 'postgres://ic:hunter2@127.0.0.1:1/none',
      }),
    ).rejects.toThrow(/cannot reach PostgreSQL at 127\.0\.0\.1:1/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
