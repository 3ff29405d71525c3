// vitest globalSetup of the PostgreSQL project: starts a real PostgreSQL server for the whole run
// (test/setup/postgres-server.ts), migrates a template database once through the real migrations,
// and gives the tests the server's address.
// Each test then copies the template into a database of its own (test/helpers/test-database.ts).
import { createServer } from 'node:net';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../db/pg/migrate.js';
import { TestPostgres } from './postgres-server.js';

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
  // Test data is thrown away: no fsync. Enough connections for every test file's pools at once.
  const server = await TestPostgres.create({ port: await freePort(), flags: ['-c', 'fsync=off', '-c', 'max_connections=400'] });
  await server.start();
  // Should the run end without its teardown (a crash), the server does not outlive it.
  process.once('exit', () => void server.stop());
  const admin = new pg.Client({ connectionString: `${server.url}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: `${server.url}/${TEMPLATE_DATABASE}`, max: 1 });
  await migratePostgres(pool);
  await pool.end();
  project.provide('postgresServer', server.url);
  return () => server.destroy();
}
