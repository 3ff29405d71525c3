// The committed migrations are the schema's truth: they match db/schema.ts, and they upgrade an
// older database in place without losing rows.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { MIGRATIONS_FOLDER, migrateDatabase, readMigrationJournal } from '../../db/migrate.js';
import * as schema from '../../db/schema.js';

const journal = readMigrationJournal();

describe('migrations', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('match the schema: generating again would produce no statement (run `npm run db:generate`)', async () => {
    const snapshots = journal.entries.map((e) => join(MIGRATIONS_FOLDER, `meta/${String(e.idx).padStart(4, '0')}_snapshot.json`));
    const last = JSON.parse(readFileSync(snapshots.at(-1)!, 'utf8'));
    const current = await generateSQLiteDrizzleJson(schema as Record<string, unknown>, last.id);
    expect(await generateSQLiteMigration(last, current)).toEqual([]);
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
    const old = openDatabase(path);
    migrateDatabase(old, oldFolder);
    old.$client.exec(`
      INSERT INTO agencies (id, code, name, kind, created_at) VALUES (1, 'WPS', 'Windsor Police Service', 'police', 1);
      INSERT INTO operations (id, code, name, start_date, end_date, lead_agency_id, timezone, created_at)
        VALUES (1, 'ONS-WE', 'Northern Spotlight Windsor-Essex', '2017-10-10', '2017-10-13', 1, 'America/Toronto', 1);
      INSERT INTO engagements (operation_id, agency_id, officer_team_id, officer_user_id, occurred_at, age_band, gender, offered, accepted, created_at)
        VALUES (1, 1, 'T1', 'U1', 1, '18-24', 'female', 1, 1, 1);
    `);
    old.$client.close();

    const upgraded = openDatabase(path);
    migrateDatabase(upgraded);
    const count = (table: string) => upgraded.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('agencies'), count('operations'), count('engagements')]).toEqual([1, 1, 1]);
    // Later migrations fill their rollups from the rows already there.
    expect(upgraded.$client.prepare('SELECT engaged, accepted FROM digest_totals').get()).toEqual({ engaged: 1, accepted: 1 });
    const applied = upgraded.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    expect(applied).toBe(journal.entries.length);
    upgraded.$client.close();
  });

  // Liaison applies migrations itself so the running app never loads drizzle; the bookkeeping must
  // stay drizzle's, so either migrator can take over a database the other made.
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
      return { dir, ours: openDatabase(join(dir, 'ours.db')), theirs: new Database(join(dir, 'theirs.db')) };
    }

    it('build the same schema and the same record of what was applied', () => {
      const { ours, theirs } = freshPair();
      migrateDatabase(ours);
      drizzleMigrate(drizzle(theirs), { migrationsFolder: MIGRATIONS_FOLDER });
      expect(schemaOf(ours.$client)).toEqual(schemaOf(theirs));
      expect(bookkeeping(ours.$client)).toEqual(bookkeeping(theirs));
      expect(bookkeeping(ours.$client)).toHaveLength(journal.entries.length);
      ours.$client.close();
      theirs.close();
    });

    it('each find nothing to do on a database the other migrated', () => {
      const { ours, theirs } = freshPair();
      migrateDatabase(ours);
      drizzleMigrate(drizzle(ours.$client), { migrationsFolder: MIGRATIONS_FOLDER });
      drizzleMigrate(drizzle(theirs), { migrationsFolder: MIGRATIONS_FOLDER });
      migrateDatabase({ $client: theirs });
      expect(bookkeeping(ours.$client)).toHaveLength(journal.entries.length);
      expect(bookkeeping(theirs)).toHaveLength(journal.entries.length);
      ours.$client.close();
      theirs.close();
    });

    it('leave the database as it was when a migration fails', () => {
      const { dir, ours, theirs } = freshPair();
      theirs.close();
      const broken = join(dir, 'migrations-broken');
      cpSync(MIGRATIONS_FOLDER, broken, { recursive: true });
      writeFileSync(join(broken, `${journal.entries.at(-1)!.tag}.sql`), 'CREATE TABLE half_done (id INTEGER);\n--> statement-breakpoint\nTHIS IS NOT SQL;');
      expect(() => migrateDatabase(ours, broken)).toThrow();
      const tables = ours.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
      expect(tables).toEqual(['__drizzle_migrations']);
      ours.$client.close();
    });
  });
});
