// A consistent online copy of a SQLite database (SQLite's backup API: consistent while the app
// writes), made one self-contained file and checked.
import BetterSqlite3 from 'better-sqlite3';
import type { BackupResult } from '../database.js';

/**
 * Makes a backup one self-contained file (no -wal or -shm beside it, so it can be copied or moved
 * alone) and checks it; returns PRAGMA integrity_check's answer.
 */
export function sealBackup(file: string): string {
  const copy = new BetterSqlite3(file);
  try {
    copy.pragma('journal_mode = DELETE');
    return String(copy.pragma('integrity_check', { simple: true }));
  } finally {
    copy.close();
  }
}

export async function backupSqlite(sqlite: BetterSqlite3.Database, file: string): Promise<BackupResult> {
  await sqlite.backup(file);
  const check = sealBackup(file);
  return check === 'ok' ? { ok: true } : { ok: false, reason: 'check_failed', detail: check };
}
