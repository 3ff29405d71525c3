// Raw SQL for tests that look inside the database (what the app stored, what a refusal left alone),
// on either engine. Text is written with `?` parameters; results look the same whichever engine ran
// them: numbers as numbers (PostgreSQL's bigint and numeric included) and booleans as 1 and 0, as
// SQLite keeps them.
import pg from 'pg';
import type { Database } from '../../db/database.js';
import type { PostgresDatabase } from '../../db/pg/open.js';
import type { SqliteDatabase } from '../../db/sqlite/open.js';

export interface TestSql {
  all<Row = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<Row[]>;
  get<Row = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<Row | undefined>;
  /** The first column of the first row. */
  value<Value = unknown>(text: string, ...params: unknown[]): Promise<Value | undefined>;
  /** The first column of every row. */
  values<Value = unknown>(text: string, ...params: unknown[]): Promise<Value[]>;
  run(text: string, ...params: unknown[]): Promise<void>;
  /** The application's tables (not migration bookkeeping), by name. */
  tables(): Promise<string[]>;
}

const BIGINT = 20;
const NUMERIC = 1700;
const BOOLEAN = 16;

function pgSql(pool: pg.Pool): TestSql {
  const query = async (text: string, params: unknown[]) => {
    let n = 0;
    const result = await pool.query({
      text: text.replace(/\?/g, () => `$${++n}`),
      values: params,
      types: {
        getTypeParser: ((oid: number, format?: string) => {
          if (oid === BIGINT || oid === NUMERIC) return (v: string) => Number(v);
          if (oid === BOOLEAN) return (v: string) => (v === 't' ? 1 : 0);
          return pg.types.getTypeParser(oid, format as never);
        }) as never,
      },
    });
    return result.rows as Array<Record<string, unknown>>;
  };
  const sql: TestSql = {
    all: async (text, ...params) => (await query(text, params)) as never,
    get: async (text, ...params) => (await query(text, params))[0] as never,
    value: async (text, ...params) => Object.values((await query(text, params))[0] ?? {})[0] as never,
    values: async (text, ...params) => (await query(text, params)).map((row) => Object.values(row)[0]) as never,
    run: async (text, ...params) => {
      await query(text, params);
    },
    tables: () => sql.values("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"),
  };
  return sql;
}

function sqliteSql(db: SqliteDatabase): TestSql {
  const statement = (text: string) => db.sqlite.prepare(text);
  // SQLite keeps booleans as 1 and 0, and better-sqlite3 binds no JavaScript boolean.
  const bind = (params: unknown[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  const sql: TestSql = {
    all: async (text, ...params) => statement(text).all(...bind(params)) as never,
    get: async (text, ...params) => statement(text).get(...bind(params)) as never,
    value: async (text, ...params) => statement(text).pluck().get(...bind(params)) as never,
    values: async (text, ...params) => statement(text).pluck().all(...bind(params)) as never,
    run: async (text, ...params) => {
      statement(text).run(...bind(params));
    },
    tables: () => sql.values("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name"),
  };
  return sql;
}

export function sqlOf(db: Database): TestSql {
  return db.engine === 'pg' ? pgSql((db as PostgresDatabase).pool) : sqliteSql(db as SqliteDatabase);
}
