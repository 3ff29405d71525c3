// What one durable /engage costs the database alone, apart from Bolt and HTTP: the same writes as
// logEngagement (one engagement row, one hash-chained audit row, in one IMMEDIATE transaction) on
// the real schema with the app's pragmas, one commit per record at synchronous=FULL (as Liaison
// runs), at NORMAL (the WAL is not fsynced at each commit), and FULL with several records per
// commit (what a group commit would do). Used by profile.ts.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrateSqlite } from '../db/sqlite/migrate.js';

export interface CommitCost {
  mode: string;
  records: number;
  usPerRecord: number;
}

export function measureCommitCost(records = 3000): CommitCost[] {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-commit-'));
  const sqlite = new BetterSqlite3(join(dir, 'commit.db'));
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    migrateSqlite(sqlite);
    const now = Date.now();
    sqlite.prepare("INSERT INTO agencies (id, code, name, kind, created_at) VALUES (1, 'BENCHPS', 'Bench', 'police', ?)").run(now);
    sqlite
      .prepare(
        "INSERT INTO operations (id, code, name, start_date, end_date, lead_agency_id, timezone, created_at) VALUES (1, 'BENCH-OP', 'Bench', '2000-01-01', '2100-01-01', 1, 'UTC', ?)",
      )
      .run(now);
    const insertEngagement = sqlite.prepare(
      `INSERT INTO engagements (operation_id, agency_id, officer_team_id, officer_user_id, occurred_at, age_band, gender, offered, accepted, safety_ensured, created_at)
       VALUES (1, 1, 'T0BENCH', 'U0BENCHOFFICER', ?, '18-24', 'female', 1, 1, 0, ?)`,
    );
    const lastAudit = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    const insertAudit = sqlite.prepare(
      `INSERT INTO audit_log (id, at, actor_team_id, actor_user_id, action, ref, detail, prev_hash, hash) VALUES (?, ?, 'T0BENCH', 'U0BENCHOFFICER', 'engagement.log', ?, '{}', ?, ?)`,
    );
    const one = () => {
      const at = Date.now();
      const id = Number(insertEngagement.run(at, at).lastInsertRowid);
      const last = lastAudit.get() as { id: number; hash: string } | undefined;
      const prev = last?.hash ?? '0'.repeat(64);
      insertAudit.run((last?.id ?? 0) + 1, at, `E-${id}`, prev, createHash('sha256').update(prev).update(`E-${id}`).digest('hex'));
    };
    const run = (mode: string, synchronous: 'FULL' | 'NORMAL', perCommit: number): CommitCost => {
      sqlite.pragma(`synchronous = ${synchronous}`);
      const batch = sqlite.transaction((n: number) => {
        for (let i = 0; i < n; i++) one();
      });
      const start = process.hrtime.bigint();
      for (let done = 0; done < records; done += perCommit) batch.immediate(perCommit);
      return { mode, records, usPerRecord: Number(process.hrtime.bigint() - start) / 1e3 / records };
    };
    return [
      run('synchronous=FULL, 1 record per commit (as Liaison)', 'FULL', 1),
      run('synchronous=NORMAL, 1 record per commit', 'NORMAL', 1),
      run('synchronous=FULL, 10 records per commit', 'FULL', 10),
      run('synchronous=FULL, 50 records per commit', 'FULL', 50),
      run('synchronous=FULL, 1 record per commit (again)', 'FULL', 1),
    ];
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
