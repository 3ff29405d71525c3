// A daily online backup into BACKUP_DIR (SQLite's backup API: consistent while the app writes),
// checked with PRAGMA integrity_check, keeping the newest BACKUP_KEEP copies.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Job } from './types.js';

const PREFIX = 'liaison-';
const DAY = 24 * 3_600_000;

/** `liaison-20171011T080000Z.db`: sortable by name, and the name says when. */
export function backupFileName(at: Date): string {
  return `${PREFIX}${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.db`;
}

function backupTime(name: string): number | null {
  const m = /^liaison-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/.exec(name);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null;
}

/**
 * Makes a backup one self-contained file (no -wal or -shm beside it, so it can be copied or moved
 * alone) and checks it; returns PRAGMA integrity_check's answer.
 */
export function sealBackup(file: string): string {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
    return String(copy.pragma('integrity_check', { simple: true }));
  } finally {
    copy.close();
  }
}

export const backupsJob: Job = {
  name: 'backups',
  async run({ deps }, now) {
    const settings = deps.config.backup;
    if (!settings) return;
    mkdirSync(settings.dir, { recursive: true });
    const existing = readdirSync(settings.dir)
      .filter((name) => backupTime(name) !== null)
      .sort();
    const newest = existing.length ? backupTime(existing.at(-1)!)! : null;
    if (newest !== null && now.getTime() - newest < DAY) return;
    const file = join(settings.dir, backupFileName(now));
    await deps.db.$client.backup(file);
    const check = sealBackup(file);
    if (check !== 'ok') {
      deps.logger.error('backup failed its integrity check; removed', { file });
      rmSync(file, { force: true });
      return;
    }
    deps.logger.info('backup written', { file });
    const all = [...existing, backupFileName(now)];
    for (const old of all.slice(0, Math.max(0, all.length - settings.keep))) rmSync(join(settings.dir, old), { force: true });
  },
};
