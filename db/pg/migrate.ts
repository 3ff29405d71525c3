// Applies the committed drizzle-kit migrations to a PostgreSQL database, with drizzle's own
// migrator and bookkeeping (`drizzle.__drizzle_migrations`), under a session advisory lock: several
// instances starting together on an empty database migrate it once (without the lock, one of two
// failed on "already exists", three times out of three), the others wait and find it done.
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

export const PG_MIGRATIONS = fileURLToPath(new URL('../migrations/pg', import.meta.url));

/** Any constant names the lock; every Liaison instance uses the same one. */
const MIGRATION_LOCK = 7_314_000;

export async function migratePostgres(pool: pg.Pool, migrationsFolder = PG_MIGRATIONS): Promise<{ applied: number }> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      // On the connection that holds the lock: drizzle's migrator runs every pending migration in one transaction.
      await migrate(drizzle(client), { migrationsFolder });
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      return { applied: rows[0]!.n };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {
        broken = true;
      });
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // A connection whose state is unknown (a failed migration, a lost unlock) is closed, which also frees the lock.
    client.release(broken);
  }
}
