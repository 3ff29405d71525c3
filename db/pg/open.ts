// The shared engine: a PostgreSQL database reached through a pool of connections, which several
// Liaison instances may use at once. Each unit of work is one transaction on one pooled connection,
// begun and ended here (drizzle 0.45.4's node-postgres transaction sends BEGIN outside its `try`
// and leaks the connection when BEGIN fails), and its queries run on that same connection: a query
// built on the pool would run outside the transaction.
import type { SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { type Database, DatabaseUnavailableError, type Orm, type Tx } from '../database.js';
import * as tables from '../schema/pg.js';
import type { Tables } from '../database.js';
import { dumpPostgres } from './backup.js';
import { isRetryable, isUnreachable } from './errors.js';
import { migratePostgres } from './migrate.js';

export interface PostgresSettings {
  url: string;
  /** Connections this instance keeps at most. */
  poolSize: number;
  /** A statement running longer is cancelled (its unit of work fails and nothing of it is kept). */
  statementTimeoutMs: number;
}

/** The PostgreSQL engine, with its pool open for what only it needs (tests, diagnostics). */
export interface PostgresDatabase extends Database {
  readonly engine: 'pg';
  readonly pool: pg.Pool;
}

/**
 * How long a request waits for a connection (a free one, or a new one) before it is told to try
 * again: inside the three seconds Slack waits for an answer.
 */
const CONNECT_TIMEOUT_MS = 2_000;
/** A session idle inside a transaction this long (a stuck or killed instance) is ended by the server. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 15_000;
/** Attempts of a unit of work that met a deadlock, a serialization failure or a unique race. */
const ATTEMPTS = 3;
/** Any constant names the advisory lock that orders appends to the audit chain. */
const AUDIT_CHAIN_LOCK = 7_314_001;

/** `postgres://user@host:5432/db`: the URL without its password, for logs and messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString().replace(/:@/, '@');
  } catch {
    return 'postgres://…';
  }
}

export function openPostgres(settings: PostgresSettings): PostgresDatabase {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    statement_timeout: settings.statementTimeoutMs,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    application_name: 'liaison',
  });
  // A connection the server drops (a restart, a failover) must not stop the process. The pool
  // reports one that drops while idle, and discards it; one dropped while a unit of work holds it
  // reports on the connection itself, and the unit's query fails (that unit is answered "try
  // again"). Either way the pool opens a new connection at the next request.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));

  // One drizzle handle (and its prepared queries) per pooled connection, kept while the connection lives.
  const handles = new WeakMap<pg.PoolClient, Tx>();
  const txOn = (client: pg.PoolClient): Tx => {
    let tx = handles.get(client);
    if (!tx) {
      const pgOrm: NodePgDatabase = drizzle(client);
      tx = {
        orm: pgOrm as unknown as Orm,
        tables: tables as unknown as Tables,
        rows: async <Row>(query: SQL) => (await pgOrm.execute(query)).rows as Row[],
        serialize: async () => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
        },
      };
      handles.set(client, tx);
    }
    return tx;
  };

  async function inTransaction<T>(begin: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new DatabaseUnavailableError({ cause: error });
      }
      let broken = false;
      try {
        await client.query(begin);
        const value = await work(txOn(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection is gone with its transaction (never committed): it must not go back to the pool.
          broken = true;
        }
        if (isUnreachable(error)) {
          broken = true;
          throw new DatabaseUnavailableError({ cause: error });
        }
        if (attempt < ATTEMPTS && isRetryable(error)) continue;
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  return {
    engine: 'pg',
    location: describeUrl(settings.url),
    pool,
    transaction: (work) => inTransaction('BEGIN', work),
    // Repeatable read: every query of a read (the digest's several) sees the same committed snapshot.
    read: (work) => inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work),
    migrate: () => migratePostgres(pool),
    backup: (file) => dumpPostgres(settings.url, file),
    close: () => pool.end(),
  };
}
