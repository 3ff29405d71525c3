// Prepared statements cached per database connection: SQLite compiles each SQL text once, and the
// hot paths (a command per officer per minute, the digest) never rebuild a query.
import type { Statement } from 'better-sqlite3';
import type { Db } from './client.js';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function prepared<P extends unknown[] | object = unknown[], R = unknown>(db: Db, sql: string): Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.$client.prepare(sql);
    cache.set(sql, statement);
  }
  return statement as unknown as Statement<P, R>;
}

/**
 * Runs `work` in one IMMEDIATE transaction: the write lock is taken up front, so two processes
 * never deadlock upgrading a read lock. `work` must be synchronous (an async callback would commit early).
 *
 * Already inside a transaction (a request's savepoint in the group commit, or a job's transaction),
 * `work` simply runs in it: the enclosing unit makes it all-or-nothing, because an error thrown here
 * always leaves that unit too (no code between them catches it). A savepoint of its own would
 * cost each request a second SAVEPOINT/RELEASE pair and a second copy of every page it touches.
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  const sqlite = db.$client;
  return sqlite.inTransaction ? work() : sqlite.transaction(work).immediate();
}
