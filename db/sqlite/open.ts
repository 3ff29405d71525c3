// The embedded engine: one SQLite file, opened with the pragmas every acknowledged record depends
// on, written through the group commit and read on a connection of its own.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Database, Orm, Tx } from '../database.js';
import * as tables from '../schema/sqlite.js';
import { backupSqlite } from './backup.js';
import { CommitBatcher } from './commit-batcher.js';
import { migrateSqlite } from './migrate.js';

/** The SQLite engine, with its connection open for what only SQLite has (backup, integrity check). */
export interface SqliteDatabase extends Database {
  readonly engine: 'sqlite';
  /** The writing connection: for the online backup, and for tests that look inside. */
  readonly sqlite: BetterSqlite3.Database;
}

function connect(path: string, options: { readonly?: boolean } = {}): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(path, { readonly: options.readonly ?? false });
  // WAL lets the digest read while officers write; synchronous=FULL makes each commit survive power
  // loss, not only a crash, because Slack is told a record exists only after its commit.
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A second process (the CLI, a second app) waits for the write lock instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

function txOn(sqlite: BetterSqlite3.Database): Tx {
  const orm = drizzle(sqlite) as unknown as Orm;
  return {
    orm,
    tables,
    rows: async <Row>(query: SQL) => orm.all(query) as Promise<Row[]>,
    // One writer at a time is SQLite's own rule: nothing to wait for.
    serialize: async () => {},
  };
}

/** Runs async functions one at a time, in the order they asked. */
class Turns {
  private last: Promise<unknown> = Promise.resolve();
  take<T>(work: () => Promise<T>): Promise<T> {
    const run = this.last.then(work, work);
    this.last = run.catch(() => undefined);
    return run;
  }
}

export function openSqlite(path: string): SqliteDatabase {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const writer = connect(path);
  const commits = new CommitBatcher(writer);
  const writeTx = txOn(writer);
  // Reads run on a second connection, which sees only committed data and never holds the write
  // lock; each read is one deferred transaction, so it sees one snapshot. An in-memory database is
  // private to its connection: there, reads take their turn in the group commit instead.
  const reader = inMemory ? null : connect(path);
  const readTx = reader ? txOn(reader) : null;
  const readTurns = new Turns();
  const beginRead = reader?.prepare('BEGIN');
  const endRead = reader?.prepare('COMMIT');
  let closed = false;

  return {
    engine: 'sqlite',
    location: path,
    sqlite: writer,
    transaction: (work) => commits.run(() => work(writeTx)),
    read(work) {
      if (!reader || !readTx) return commits.run(() => work(writeTx));
      return readTurns.take(async () => {
        beginRead!.run();
        try {
          return await work(readTx);
        } finally {
          endRead!.run();
        }
      });
    },
    async migrate() {
      return { applied: migrateSqlite(writer) };
    },
    backup: (file) => backupSqlite(writer, file),
    async close() {
      if (closed) return;
      closed = true;
      // Whatever is queued commits first: a unit acknowledged by its caller is never dropped here.
      await commits.run(async () => undefined).catch(() => undefined);
      reader?.close();
      writer.close();
    },
  };
}
