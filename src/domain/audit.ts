// The append-only, hash-chained audit log: who, when, what, which record; never the free text.
// Each row's hash covers the previous row's hash, so an altered, inserted or deleted row breaks the
// chain from that row on. The database's triggers refuse UPDATE and DELETE outright.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import type { Actor } from './actor.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: Actor;
  action: string;
  /** The record's reference: `E-12`, `R-3`, `agency:WPS`, `op:ONS-WE`, … */
  ref: string;
  /** Non-identifying detail: codes, categories, counts. */
  detail?: Record<string, unknown>;
  at: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor_team_id: string;
  actor_user_id: string;
  action: string;
  ref: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function hashAuditRow(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const content = JSON.stringify([row.id, row.at, row.actor_team_id, row.actor_user_id, row.action, row.ref, row.detail]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** Appends one entry. Call inside the transaction that makes the change it records. */
export function appendAudit(db: Db, entry: AuditEntry): void {
  const last = prepared<[], { id: number; hash: string }>(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
  const row = {
    id: (last?.id ?? 0) + 1,
    at: entry.at,
    actor_team_id: entry.actor.teamId,
    actor_user_id: entry.actor.userId,
    action: entry.action,
    ref: entry.ref,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  prepared(
    db,
    `INSERT INTO audit_log (id, at, actor_team_id, actor_user_id, action, ref, detail, prev_hash, hash)
     VALUES (@id, @at, @actor_team_id, @actor_user_id, @action, @ref, @detail, @prev_hash, @hash)`,
  ).run({ ...row, prev_hash: prevHash, hash: hashAuditRow(prevHash, row) });
}

export type AuditVerdict = { ok: true; rows: number } | { ok: false; rows: number; badRowId: number; problem: string };

/** Walks the chain from the first row; names the first row that does not fit. */
export function verifyAudit(db: Db): AuditVerdict {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let rows = 0;
  for (const row of db.$client.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    rows++;
    if (row.id !== expectedId) {
      return { ok: false, rows, badRowId: row.id, problem: `row ${expectedId} is missing before row ${row.id}` };
    }
    if (row.prev_hash !== prevHash) return { ok: false, rows, badRowId: row.id, problem: 'its link to the previous row is broken' };
    if (hashAuditRow(prevHash, row) !== row.hash) return { ok: false, rows, badRowId: row.id, problem: 'its content was altered' };
    prevHash = row.hash;
    expectedId++;
  }
  return { ok: true, rows };
}
