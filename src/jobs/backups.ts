// A daily online backup of the SQLite file into BACKUP_DIR (consistent while the app writes),
// checked with PRAGMA integrity_check, keeping the newest BACKUP_KEEP copies. On PostgreSQL the
// server's own backups are the rule (and `npm run cli -- backup` writes a pg_dump archive on
// demand): several instances would otherwise each dump the same database every day.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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

export const backupsJob: Job = {
  name: 'backups',
  async run({ deps }, now) {
    const settings = deps.config.backup;
    if (!settings || deps.db.engine !== 'sqlite') return;
    mkdirSync(settings.dir, { recursive: true });
    const existing = readdirSync(settings.dir)
      .filter((name) => backupTime(name) !== null)
      .sort();
    const newest = existing.length ? backupTime(existing.at(-1)!)! : null;
    if (newest !== null && now.getTime() - newest < DAY) return;
    const file = join(settings.dir, backupFileName(now));
    const result = await deps.db.backup(file);
    if (!result.ok) {
      deps.logger.error('backup failed its integrity check; removed', { file, problem: result.detail });
      rmSync(file, { force: true });
      return;
    }
    deps.logger.info('backup written', { file });
    const all = [...existing, backupFileName(now)];
    for (const old of all.slice(0, Math.max(0, all.length - settings.keep))) rmSync(join(settings.dir, old), { force: true });
  },
};
