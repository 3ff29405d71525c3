// SQLite's committed migrations upgrade an older database in place without losing rows, and
// Liaison's migrator keeps drizzle's bookkeeping. (That they match the schema: test/db/schema.test.ts;
// PostgreSQL's migrations: test/db/pg/migrations.test.ts.)
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqlite, readMigrationJournal, SQLITE_MIGRATIONS as MIGRATIONS_FOLDER } from '../../db/sqlite/migrate.js';

const journal = readMigrationJournal(MIGRATIONS_FOLDER);
/** A SQLite file as Liaison opens it (WAL, foreign keys). */
const openFile = (path: string) => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return db;
};

describe('migrations', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('upgrade a database made by the first migration without losing its rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-migrate-'));
    dirs.push(dir);
    // A migrations folder as it stood after the first migration only.
    const oldFolder = join(dir, 'migrations-v0');
    cpSync(MIGRATIONS_FOLDER, oldFolder, { recursive: true });
    const oldJournal = { ...readMigrationJournal(oldFolder), entries: journal.entries.slice(0, 1) };
    writeFileSync(join(oldFolder, 'meta/_journal.json'), JSON.stringify(oldJournal));

    const path = join(dir, 'old.db');
    const old = openFile(path);
    migrateSqlite(old, oldFolder);
    old.exec(`
      INSERT INTO agencies (id, code, name, kind, created_at) VALUES (1, 'WPS', 'Windsor Police Service', 'police', 1);
      INSERT INTO operations (id, code, name, start_date, end_date, lead_agency_id, timezone, created_at)
        VALUES (1, 'ONS-WE', 'Northern Spotlight Windsor-Essex', '2017-10-10', '2017-10-13', 1, 'America/Toronto', 1);
      INSERT INTO engagements (operation_id, agency_id, officer_team_id, officer_user_id, occurred_at, age_band, gender, offered, accepted, created_at)
        VALUES (1, 1, 'T1', 'U1', 1, '18-24', 'female', 1, 1, 1);
    `);
    old.close();

    const upgraded = openFile(path);
    migrateSqlite(upgraded);
    const count = (table: string) => upgraded.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('agencies'), count('operations'), count('engagements')]).toEqual([1, 1, 1]);
    // Later migrations fill their rollups from the rows already there.
    expect(upgraded.prepare('SELECT engaged, accepted FROM digest_totals').get()).toEqual({ engaged: 1, accepted: 1 });
    const applied = upgraded.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    expect(applied).toBe(journal.entries.length);
    upgraded.close();
  });

  // Liaison applies SQLite's migrations itself (drizzle's reads what is applied before it takes the
  // write lock); the bookkeeping must stay drizzle's, so either migrator can take over the other's database.
  describe('and drizzle-orm\'s own migrator', () => {
    // Whitespace aside: drizzle writes its bookkeeping table's DDL over several lines.
    const schemaOf = (sqlite: Database.Database) =>
      (sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{ sql: string | null }>).map(
        (row) => ({ ...row, sql: row.sql?.replace(/\s+/g, '') }),
      );
    const bookkeeping = (sqlite: Database.Database) =>
      sqlite.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at').all();

    function freshPair() {
      const dir = mkdtempSync(join(tmpdir(), 'liaison-migrate-'));
      dirs.push(dir);
      return { dir, ours: openFile(join(dir, 'ours.db')), theirs: new Database(join(dir, 'theirs.db')) };
    }

    it('build the same schema and the same record of what was applied', () => {
      const { ours, theirs } = freshPair();
      migrateSqlite(ours);
      drizzleMigrate(drizzle(theirs), { migrationsFolder: MIGRATIONS_FOLDER });
      expect(schemaOf(ours)).toEqual(schemaOf(theirs));
      expect(bookkeeping(ours)).toEqual(bookkeeping(theirs));
      expect(bookkeeping(ours)).toHaveLength(journal.entries.length);
      ours.close();
      theirs.close();
    });

    it('each find nothing to do on a database the other migrated', () => {
      const { ours, theirs } = freshPair();
      migrateSqlite(ours);
      drizzleMigrate(drizzle(ours), { migrationsFolder: MIGRATIONS_FOLDER });
      drizzleMigrate(drizzle(theirs), { migrationsFolder: MIGRATIONS_FOLDER });
      migrateSqlite(theirs);
      expect(bookkeeping(ours)).toHaveLength(journal.entries.length);
      expect(bookkeeping(theirs)).toHaveLength(journal.entries.length);
      ours.close();
      theirs.close();
    });

    it('leave the database as it was when a migration fails', () => {
      const { dir, ours, theirs } = freshPair();
      theirs.close();
      const broken = join(dir, 'migrations-broken');
      cpSync(MIGRATIONS_FOLDER, broken, { recursive: true });
      writeFileSync(join(broken, `${journal.entries.at(-1)!.tag}.sql`), 'CREATE TABLE half_done (id INTEGER);\n--> statement-breakpoint\nTHIS IS NOT SQL;');
      expect(() => migrateSqlite(ours, broken)).toThrow();
      const tables = ours.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
      expect(tables).toEqual(['__drizzle_migrations']);
      ours.close();
    });
  });
});
