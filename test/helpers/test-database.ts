// A fresh database for one test, on the engine the test project runs (LIAISON_TEST_ENGINE): a
// SQLite file in a temporary folder, or a new PostgreSQL database copied from the migrated template
// on the run's server (test/setup/postgres.ts). The same suite runs on both.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseSettings } from '../../db/client.js';
import { TEMPLATE_DATABASE } from '../setup/postgres.js';

export type TestEngine = 'sqlite' | 'pg';
export const TEST_ENGINE: TestEngine = process.env.LIAISON_TEST_ENGINE === 'pg' ? 'pg' : 'sqlite';

export interface TestDatabase {
  engine: TestEngine;
  /** The variables that point Liaison (the app, the CLI, a child process) at it. */
  env: Record<string, string>;
  settings: DatabaseSettings;
  /** Removes it; the data is gone. */
  drop(): Promise<void>;
}

/**
 * `empty`: without the schema, as a new deployment finds its database (a SQLite file always starts
 * empty; a PostgreSQL copy of the template is emptied).
 */
export async function createTestDatabase(engine: TestEngine = TEST_ENGINE, options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-test-'));
    const path = join(dir, 'liaison.db');
    return {
      engine,
      env: { DATABASE_PATH: path },
      settings: { engine: 'sqlite', path },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = inject('postgresServer');
  const name = `liaison_test_${randomBytes(6).toString('hex')}`;
  await onServer(server, async (admin) => {
    // Copies of one template made at the same moment can find it busy for an instant: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
        return;
      } catch (error) {
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  });
  const url = `${server}/${name}`;
  if (options.empty) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE;');
    await client.end();
  }
  return {
    engine,
    env: { DATABASE_URL: url },
    settings: { engine: 'pg', url, poolSize: 10, statementTimeoutMs: 5_000 },
    drop: () => onServer(server, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined)),
  };
}

async function onServer(server: string, work: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
