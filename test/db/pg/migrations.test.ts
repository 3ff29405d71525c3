// PostgreSQL's migrations on a real server: an empty database is migrated by the real migrations,
// several processes starting together on it migrate it once, a failed migration leaves nothing, and
// the audit log refuses to be changed, removed or emptied.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.js';
import { migratePostgres, PG_MIGRATIONS } from '../../../db/pg/migrate.js';
import type { PostgresDatabase } from '../../../db/pg/open.js';
import { readMigrationJournal } from '../../../db/sqlite/migrate.js';
import { sqlOf } from '../../helpers/sql.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const journal = readMigrationJournal(PG_MIGRATIONS);

const emptyDatabase = () => createTestDatabase('pg', { empty: true });

function cliMigrate(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('PostgreSQL migrations', () => {
  const databases: TestDatabase[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of databases) await d.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('build the schema on an empty database and record each migration once', async () => {
    const database = await emptyDatabase();
    databases.push(database);
    const db = openDatabase(database.settings);
    expect(await db.migrate()).toEqual({ applied: journal.entries.length });
    expect(await db.migrate()).toEqual({ applied: journal.entries.length });
    expect(await sqlOf(db).tables()).toEqual(expect.arrayContaining(['agencies', 'engagements', 'referrals', 'audit_log', 'handled_requests']));
    await db.close();
  });

  it('are applied once when three instances start together on an empty database', async () => {
    const database = await emptyDatabase();
    databases.push(database);
    // Three instances' own pools, migrating at the same moment (without the lock, all but one failed).
    const instances = [1, 2, 3].map(() => openDatabase(database.settings));
    const results = await Promise.allSettled(instances.map((db) => db.migrate()));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await sqlOf(instances[0]!).value('SELECT count(*) FROM drizzle.__drizzle_migrations')).toBe(journal.entries.length);
    for (const db of instances) await db.close();
  });

  it('are applied by the CLI on DATABASE_URL, as an operator runs it', async () => {
    const database = await emptyDatabase();
    databases.push(database);
    const result = await cliMigrate(database.env);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(new RegExp(`${journal.entries.length} migrations applied; the schema is current`));
  }, 60_000);

  it('leave the database as it was when a migration fails', async () => {
    const database = await emptyDatabase();
    databases.push(database);
    const dir = mkdtempSync(join(tmpdir(), 'liaison-pg-migrate-'));
    dirs.push(dir);
    const broken = join(dir, 'migrations');
    cpSync(PG_MIGRATIONS, broken, { recursive: true });
    writeFileSync(join(broken, `${journal.entries.at(-1)!.tag}.sql`), 'CREATE TABLE half_done (id integer);\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    const db = openDatabase(database.settings) as PostgresDatabase;
    await expect(migratePostgres(db.pool, broken)).rejects.toThrow();
    expect(await sqlOf(db).tables()).toEqual([]);
    await db.close();
  });

  it('make the audit log append-only: no UPDATE, DELETE or TRUNCATE', async () => {
    const database = await createTestDatabase('pg');
    databases.push(database);
    const db = openDatabase(database.settings);
    const sql = sqlOf(db);
    await sql.run("INSERT INTO audit_log (id, at, actor_team_id, actor_user_id, action, ref, detail, prev_hash, hash) VALUES (1, 1, 'T', 'U', 'x', 'y', '{}', 'p', 'h')");
    await expect(sql.run("UPDATE audit_log SET action = 'z'")).rejects.toThrow(/append-only/);
    await expect(sql.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(sql.run('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await sql.value('SELECT count(*) FROM audit_log')).toBe(1);
    await db.close();
  });
});
