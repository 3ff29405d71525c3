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

  it('rebuild the referrals table for withdrawals in place, keeping its rows, references, indexes and rollup triggers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-migrate-'));
    dirs.push(dir);
    const withdrawals = journal.entries.findIndex((e) => e.tag === '0009_referral_withdrawal');
    const oldFolder = join(dir, 'migrations-before-withdrawals');
    cpSync(MIGRATIONS_FOLDER, oldFolder, { recursive: true });
    writeFileSync(join(oldFolder, 'meta/_journal.json'), JSON.stringify({ ...readMigrationJournal(oldFolder), entries: journal.entries.slice(0, withdrawals) }));

    const path = join(dir, 'old.db');
    const old = openFile(path);
    migrateSqlite(old, oldFolder);
    old.exec(`
      INSERT INTO agencies (id, code, name, kind, created_at) VALUES (1, 'WPS', 'Windsor Police Service', 'police', 1), (2, 'WEFIGHT', 'WEFiGHT', 'advocacy', 1);
      INSERT INTO operations (id, code, name, start_date, end_date, lead_agency_id, timezone, created_at)
        VALUES (1, 'ONS-WE', 'Northern Spotlight Windsor-Essex', '2017-10-10', '2017-10-13', 1, 'America/Toronto', 1);
      INSERT INTO engagements (id, operation_id, agency_id, officer_team_id, officer_user_id, occurred_at, age_band, gender, offered, accepted, created_at)
        VALUES (1, 1, 1, 'T1', 'U1', 1, '18-24', 'female', 1, 1, 1);
      INSERT INTO referrals (id, engagement_id, from_agency_id, to_agency_id, referrer_team_id, referrer_user_id, needs, urgency, consent, status, created_at, status_changed_at, card_ts)
        VALUES (1, 1, 1, 2, 'T1', 'U1', 'shelter', 'urgent', 1, 'pending', 1, 1, '1.0001'), (2, 1, 1, 2, 'T1', 'U1', 'legal', 'routine', 1, 'declined', 1, 2, NULL);
      INSERT INTO referral_events (referral_id, from_status, to_status, actor_team_id, actor_user_id, at) VALUES (1, NULL, 'pending', 'T1', 'U1', 1);
      INSERT INTO direct_messages (team_id, user_id, referral_id, kind, created_at) VALUES ('T1', 'U1', 2, 'referral_status', 2);
    `);
    old.close();

    const upgraded = openFile(path);
    migrateSqlite(upgraded);
    const referrals = upgraded.prepare('SELECT id, status, operation_id, card_ts, withdrawal_reason FROM referrals ORDER BY id').all();
    expect(referrals).toEqual([
      { id: 1, status: 'pending', operation_id: 1, card_ts: '1.0001', withdrawal_reason: null },
      { id: 2, status: 'declined', operation_id: 1, card_ts: null, withdrawal_reason: null },
    ]);
    const count = (table: string) => upgraded.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('referral_events'), count('direct_messages')]).toEqual([1, 1]);
    expect(upgraded.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(upgraded.pragma('foreign_key_check')).toEqual([]);
    const onReferrals = (type: string) =>
      upgraded.prepare("SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = 'referrals' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all(type);
    expect(onReferrals('trigger')).toEqual(['digest_referral_insert', 'digest_referral_remove', 'digest_referral_status']);
    expect(onReferrals('index')).toEqual([
      'referrals_card_queue_idx',
      'referrals_changed_idx',
      'referrals_engagement_idx',
      'referrals_referrer_idx',
      'referrals_status_idx',
      'referrals_to_agency_idx',
    ]);

    // The rollups are kept by the recreated triggers, for the new state as for the others.
    const states = () => upgraded.prepare('SELECT status, n FROM digest_referral_states WHERE n > 0 ORDER BY status').all();
    expect(states()).toEqual([{ status: 'declined', n: 1 }, { status: 'pending', n: 1 }]);
    upgraded.exec("UPDATE referrals SET status = 'withdrawn', withdrawal_reason = 'duplicate' WHERE id = 1");
    expect(states()).toEqual([{ status: 'declined', n: 1 }, { status: 'withdrawn', n: 1 }]);
    expect(() => upgraded.exec("UPDATE referrals SET withdrawal_reason = 'bored' WHERE id = 1")).toThrow(/CHECK constraint failed/);
    expect(() => upgraded.exec("UPDATE referrals SET status = 'lost' WHERE id = 1")).toThrow(/CHECK constraint failed/);
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
