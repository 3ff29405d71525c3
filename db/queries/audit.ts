// The audit log's rows: the head of the chain, one more row, and the chain in order.
import { asc, desc, gt } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';

export interface AuditRow {
  id: number;
  at: number;
  actorTeamId: string;
  actorUserId: string;
  action: string;
  ref: string;
  detail: string;
  prevHash: string;
  hash: string;
}

const head = preparedQuery((tx) => {
  const { auditLog } = tx.tables;
  return tx.orm.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).prepare();
});

/**
 * The newest row of the chain. Callers append right after, in the same unit of work, having called
 * `tx.serialize('audit')` first, so no other instance appends between the read and the write.
 */
export async function findAuditHead(tx: Tx): Promise<{ id: number; hash: string } | undefined> {
  return (await head(tx).execute())[0];
}

export async function insertAuditRow(tx: Tx, row: AuditRow): Promise<void> {
  await tx.orm.insert(tx.tables.auditLog).values(row);
}

/** Up to `limit` rows after `afterId`, in chain order: `audit verify` walks the log a page at a time. */
export async function listAuditRowsAfter(tx: Tx, afterId: number, limit: number): Promise<AuditRow[]> {
  const { auditLog } = tx.tables;
  return tx.orm.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(limit);
}
