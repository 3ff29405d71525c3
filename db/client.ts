// Opens the SQLite database with the pragmas every acknowledged record depends on.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The database as the app holds it. Queries are prepared SQL on the better-sqlite3 connection
 * (db/prepared.ts); drizzle describes the schema and generates the migrations, and is not loaded
 * by the running app (it was a fifth of the start time, for a handle nothing queried through).
 */
export interface Db {
  readonly $client: Database.Database;
}

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets the digest read while officers write; synchronous=FULL makes each commit survive power
  // loss, not only a crash, because Slack is told a record exists only after its commit.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A second process (the CLI, a second app instance) waits for the write lock instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  return { $client: sqlite };
}
