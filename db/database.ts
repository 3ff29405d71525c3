// How the rest of Liaison reaches its database, whichever engine holds it: SQLite (one file, the
// embedded default) or PostgreSQL (DATABASE_URL, shared by several instances). Every read and
// write runs inside a unit of work that hands out a `Tx`; queries (db/queries) are written once
// with drizzle's query builder against the `Tx`, and never ask which engine they run on.
import type { SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as sqliteTables from './schema/sqlite.js';

export type Engine = 'sqlite' | 'pg';

/**
 * The tables, typed as SQLite's schema declares them. PostgreSQL's schema (db/schema/pg.ts) has the
 * same export names and the same row types (test/db/schema-parity.test.ts), so at run time each
 * engine's `Tx` carries its own tables under this one type.
 */
export type Tables = typeof sqliteTables;

/**
 * Drizzle's query builder, typed as an asynchronous SQLite database: the subset both engines share
 * is what queries use (select, insert, update, delete, `sql`, `returning`, `onConflictDo…`), always
 * awaited. A query that type-checks here but uses a SQLite-only method fails on PostgreSQL in the
 * suite, which runs every query on both.
 */
export type Orm = BaseSQLiteDatabase<'async', unknown>;

/** One unit of work's handle on the database. */
export interface Tx {
  readonly orm: Orm;
  readonly tables: Tables;
  /** Rows of raw SQL, for what drizzle cannot say (the operation tree's recursive query). */
  rows<Row>(query: SQL): Promise<Row[]>;
  /**
   * Makes concurrent units of work that append to one chain (the audit log) take turns until they
   * commit: a transaction-scoped advisory lock on PostgreSQL; nothing on SQLite, where one writer
   * holds the database at a time anyway.
   */
  serialize(chain: 'audit'): Promise<void>;
}

export interface Database {
  readonly engine: Engine;
  /** Where the data is, for logs and the CLI: the file, or the server and database (never a password). */
  readonly location: string;
  /**
   * Runs `work` in one transaction; resolves once it is committed and durable, so a caller that
   * answers after it never acknowledges what could be lost. A `work` that throws leaves nothing.
   * `work` must only await the database: no Slack calls inside a unit of work.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs reads on one consistent snapshot of committed data. */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Creates or upgrades the schema; safe when several processes start together. */
  migrate(): Promise<{ applied: number }>;
  /**
   * A consistent online copy into `file`, taken while others keep writing: a checked SQLite file,
   * or a pg_dump custom-format archive (which needs `pg_dump` installed).
   */
  backup(file: string): Promise<BackupResult>;
  close(): Promise<void>;
}

export type BackupResult = { ok: true } | { ok: false; reason: 'tool_missing' | 'check_failed' | 'failed'; detail: string };

/**
 * The database cannot be reached (down, restarting, the network gone): nothing of the unit of work
 * was stored, and the person is asked to try again in a moment. `cause` keeps the driver's error.
 */
export class DatabaseUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super('the database cannot be reached', options);
    this.name = 'DatabaseUnavailableError';
  }
}
