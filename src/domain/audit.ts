// The append-only, hash-chained audit log: who, when, what, which record; never the free text.
// Each row's hash covers the previous row's hash, so an altered, inserted or deleted row breaks the
// chain from that row on. The database's triggers refuse UPDATE and DELETE outright.
import { createHash } from 'node:crypto';
import type { Database, Tx } from '../../db/database.js';
import { type AuditRow, findAuditHead, insertAuditRow, listAuditRowsAfter } from '../../db/queries/audit.js';
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

export function hashAuditRow(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const content = JSON.stringify([row.id, row.at, row.actorTeamId, row.actorUserId, row.action, row.ref, row.detail]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/**
 * Appends one entry, in the unit of work that makes the change it records. Appenders take turns
 * (`serialize`) from reading the head until they commit, so concurrent appends from several
 * instances make one unbroken chain (a plain "last id + 1" lost 36 of 40 concurrent appends on
 * PostgreSQL).
 */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.serialize('audit');
  const last = await findAuditHead(tx);
  const row = {
    id: (last?.id ?? 0) + 1,
    at: entry.at,
    actorTeamId: entry.actor.teamId,
    actorUserId: entry.actor.userId,
    action: entry.action,
    ref: entry.ref,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await insertAuditRow(tx, { ...row, prevHash, hash: hashAuditRow(prevHash, row) });
}

export type AuditVerdict = { ok: true; rows: number } | { ok: false; rows: number; badRowId: number; problem: string };

const PAGE = 1000;

/** Walks the chain from the first row, on one snapshot; names the first row that does not fit. */
export function verifyAudit(db: Database): Promise<AuditVerdict> {
  return db.read(async (tx) => {
    let prevHash = GENESIS_HASH;
    let expectedId = 1;
    let rows = 0;
    for (let page = await listAuditRowsAfter(tx, 0, PAGE); page.length > 0; page = await listAuditRowsAfter(tx, expectedId - 1, PAGE)) {
      for (const row of page) {
        rows++;
        if (row.id !== expectedId) {
          return { ok: false, rows, badRowId: row.id, problem: `row ${expectedId} is missing before row ${row.id}` };
        }
        if (row.prevHash !== prevHash) return { ok: false, rows, badRowId: row.id, problem: 'its link to the previous row is broken' };
        if (hashAuditRow(prevHash, row) !== row.hash) return { ok: false, rows, badRowId: row.id, problem: 'its content was altered' };
        prevHash = row.hash;
        expectedId++;
      }
    }
    return { ok: true, rows };
  });
}
