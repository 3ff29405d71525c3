// One data model, two dialects: db/schema/sqlite.ts and db/schema/pg.ts export the same tables
// with the same row types (checked by the type checker: this file fails `npm run typecheck` when
// they drift), the same columns, keys, indexes and checks, and each dialect's committed migrations
// are what drizzle-kit would generate from its schema today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDrizzleJson, generateMigration, generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { PG_MIGRATIONS } from '../../db/pg/migrate.js';
import * as pg from '../../db/schema/pg.js';
import * as sqlite from '../../db/schema/sqlite.js';
import { readMigrationJournal, SQLITE_MIGRATIONS } from '../../db/sqlite/migrate.js';

/** Each table's row type, by export name. */
type Rows<Schema> = {
  [Name in keyof Schema as Schema[Name] extends { $inferSelect: unknown } ? Name : never]: Schema[Name] extends { $inferSelect: infer Row } ? Row : never;
};

/** What both dialects must agree on, read from drizzle's own description of each table. */
function shapeOf(config: ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>) {
  return {
    name: config.name,
    // SQLite's INTEGER PRIMARY KEY always has a default (the rowid), whether or not the app gives the id.
    columns: config.columns.map((c) => ({ name: c.name, notNull: c.notNull, primary: c.primary, hasDefault: c.primary ? null : c.hasDefault })),
    primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
    indexes: config.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique, on: i.config.columns.map((c) => (c as { name: string }).name) })).sort((a, b) => String(a.name).localeCompare(String(b.name))),
    checks: config.checks.map((c) => c.name).sort(),
    foreignKeys: config.foreignKeys.map((f) => f.reference().columns.map((c) => c.name)).sort(),
  };
}

describe('the two schemas', () => {
  it('give every table the same row type', () => {
    expectTypeOf<Rows<typeof pg>>().toEqualTypeOf<Rows<typeof sqlite>>();
  });

  it('export the same tables, with the same columns, keys, indexes and checks', () => {
    const tables = (schema: Record<string, unknown>) =>
      new Map(Object.entries(schema).filter(([, value]) => typeof (value as { getSQL?: unknown })?.getSQL === 'function'));
    const lite = tables(sqlite);
    const post = tables(pg);
    expect([...post.keys()].sort()).toEqual([...lite.keys()].sort());
    for (const [name, table] of lite) {
      expect(shapeOf(pgTableConfig(post.get(name) as never)), name).toEqual(shapeOf(sqliteTableConfig(table as never)));
    }
  });
});

describe('the committed migrations', () => {
  const lastSnapshot = (folder: string) => {
    const last = readMigrationJournal(folder).entries.at(-1)!;
    return JSON.parse(readFileSync(join(folder, `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`), 'utf8'));
  };

  it('match SQLite’s schema: generating again would write nothing (run `npm run db:generate`)', async () => {
    const last = lastSnapshot(SQLITE_MIGRATIONS);
    expect(await generateSQLiteMigration(last, await generateSQLiteDrizzleJson(sqlite as Record<string, unknown>, last.id))).toEqual([]);
  });

  it('match PostgreSQL’s schema: generating again would write nothing (run `npm run db:generate`)', async () => {
    const last = lastSnapshot(PG_MIGRATIONS);
    expect(await generateMigration(last, generateDrizzleJson(pg as Record<string, unknown>, last.id))).toEqual([]);
  });
});
