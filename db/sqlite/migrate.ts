// Applies the committed drizzle-kit migrations to a SQLite database; used at start and by
// `npm run cli -- migrate`.
//
// The same bookkeeping as drizzle-orm's better-sqlite3 migrator (its `__drizzle_migrations` table:
// the SHA-256 of each migration file and the journal's `when`), so a database migrated by either
// is up to date for the other (test/db/migrations.test.ts checks both ways). It is written here
// because drizzle's reads what is applied before it takes the write lock: an app and a CLI
// migrating at the same moment both applied the same migration, and the second failed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export const SQLITE_MIGRATIONS = fileURLToPath(new URL('../migrations/sqlite', import.meta.url));

export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/** drizzle-kit's `meta/_journal.json`: one entry per migration, in order. */
export interface MigrationJournal {
  entries: Array<{
    /** Its number, which also names its snapshot (`meta/0003_snapshot.json`). */
    idx: number;
    /** Its file name without `.sql`. */
    tag: string;
    /** When drizzle-kit generated it (ms): the order, and the mark of what a database already has. */
    when: number;
  }>;
}

export function readMigrationJournal(migrationsFolder: string): MigrationJournal {
  return JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as MigrationJournal;
}

/** Applies what the database does not have yet, all or nothing; returns how many migrations it has. */
export function migrateSqlite(sqlite: Database.Database, migrationsFolder = SQLITE_MIGRATIONS): number {
  const journal = readMigrationJournal(migrationsFolder);
  sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
  // A migration that changes a table SQLite cannot alter in place rebuilds it (copy, drop, rename),
  // and dropping a table other rows refer to fails while foreign keys are enforced. The switch has no
  // effect inside a transaction, so it is made around it; the references are checked before the
  // commit instead, so a migration can never leave one dangling.
  const enforcedForeignKeys = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  sqlite.pragma('foreign_keys = OFF');
  try {
    return applyPending(sqlite, migrationsFolder, journal);
  } finally {
    if (enforcedForeignKeys) sqlite.pragma('foreign_keys = ON');
  }
}

function applyPending(sqlite: Database.Database, migrationsFolder: string, journal: MigrationJournal): number {
  // All or nothing: a migration that fails leaves the database as it was. What is applied is read
  // under the write lock, so a second process starting at the same moment (the app and the CLI)
  // waits, then finds the work done instead of applying it twice.
  return sqlite
    .transaction(() => {
      const last = sqlite.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').pluck().get();
      const appliedUpTo = last === undefined ? Number.NEGATIVE_INFINITY : Number(last);
      const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
      const pending = journal.entries.filter((e) => e.when > appliedUpTo);
      for (const entry of pending) {
        const file = readFileSync(join(migrationsFolder, `${entry.tag}.sql`), 'utf8');
        for (const statement of file.split(STATEMENT_BREAKPOINT)) if (statement.trim() !== '') sqlite.exec(statement);
        record.run(createHash('sha256').update(file).digest('hex'), entry.when);
      }
      // Only after a migration: the check reads every table, which a start with nothing to do must not pay for.
      const dangling = pending.length > 0 ? (sqlite.pragma('foreign_key_check') as Array<{ table: string; parent: string }>) : [];
      if (dangling.length > 0) {
        throw new Error(`migration left ${dangling.length} rows of ${dangling[0]!.table} referring to no row of ${dangling[0]!.parent}`);
      }
      return sqlite.prepare('SELECT count(*) FROM "__drizzle_migrations"').pluck().get() as number;
    })
    .immediate();
}
