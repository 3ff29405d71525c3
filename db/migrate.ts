// Applies the committed drizzle-kit migrations; used at start and by `npm run cli -- migrate`.
//
// The same bookkeeping as drizzle-orm's better-sqlite3 migrator (its `__drizzle_migrations` table:
// the SHA-256 of each migration file and the journal's `when`), so a database migrated by either
// is up to date for the other (test/db/migrations.test.ts checks both ways). It is written here so
// the running app never loads drizzle: drizzle's migrator needs a drizzle database object, and
// loading drizzle's query builder for it took about a fifth of the start time.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.js';
import { inTransaction } from './prepared.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

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

export function readMigrationJournal(migrationsFolder = MIGRATIONS_FOLDER): MigrationJournal {
  return JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as MigrationJournal;
}

export function migrateDatabase(db: Db, migrationsFolder = MIGRATIONS_FOLDER): void {
  const sqlite = db.$client;
  const journal = readMigrationJournal(migrationsFolder);
  sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
  // All or nothing: a migration that fails leaves the database as it was. What is applied is read
  // under the write lock, so a second process starting at the same moment (the app and the CLI)
  // waits, then finds the work done instead of applying it twice.
  inTransaction(db, () => {
    const last = sqlite.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').pluck().get();
    const appliedUpTo = last === undefined ? Number.NEGATIVE_INFINITY : Number(last);
    const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
    for (const entry of journal.entries.filter((e) => e.when > appliedUpTo)) {
      const file = readFileSync(join(migrationsFolder, `${entry.tag}.sql`), 'utf8');
      for (const statement of file.split(STATEMENT_BREAKPOINT)) if (statement.trim() !== '') sqlite.exec(statement);
      record.run(createHash('sha256').update(file).digest('hex'), entry.when);
    }
  });
}
