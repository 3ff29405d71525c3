// Opens the configured engine: PostgreSQL when DATABASE_URL is set, the SQLite file otherwise.
import type { Database } from './database.js';
import { openPostgres, type PostgresSettings } from './pg/open.js';
import { openSqlite } from './sqlite/open.js';

export type DatabaseSettings = { engine: 'sqlite'; path: string } | ({ engine: 'pg' } & PostgresSettings);

export function openDatabase(settings: DatabaseSettings): Database {
  return settings.engine === 'pg' ? openPostgres(settings) : openSqlite(settings.path);
}
