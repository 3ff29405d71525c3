// The audit log's rows: the head of the chain, one more row, and the chain in order.
import { asc, eq, gt, max, sql } from 'drizzle-orm';
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

// By the largest id rather than ORDER BY … LIMIT: drizzle binds a LIMIT as a parameter, which costs
// SQLite more than the lookup itself (every append reads the head).
const head = preparedQuery((tx) => {
  const { auditLog } = tx.tables;
  const newest = tx.orm.select({ id: max(auditLog.id) }).from(auditLog);
  return tx.orm.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, newest)).prepare();
});

const insertRow = preparedQuery((tx) =>
  tx.orm
    .insert(tx.tables.auditLog)
    .values({
      id: sql.placeholder('id'),
      at: sql.placeholder('at'),
      actorTeamId: sql.placeholder('actorTeamId'),
      actorUserId: sql.placeholder('actorUserId'),
      action: sql.placeholder('action'),
      ref: sql.placeholder('ref'),
      detail: sql.placeholder('detail'),
      prevHash: sql.placeholder('prevHash'),
      hash: sql.placeholder('hash'),
    })
    .prepare(),
);

/**
 * The newest row of the chain. Callers append right after, in the same unit of work, having called
 * `tx.serialize('audit')` first, so no other instance appends between the read and the write.
 */
export async function findAuditHead(tx: Tx): Promise<{ id: number; hash: string } | undefined> {
  return (await head(tx).execute())[0];
}

export async function insertAuditRow(tx: Tx, row: AuditRow): Promise<void> {
  await insertRow(tx).execute({ ...row });
}

/** Up to `limit` rows after `afterId`, in chain order: `audit verify` walks the log a page at a time. */
export async function listAuditRowsAfter(tx: Tx, afterId: number, limit: number): Promise<AuditRow[]> {
  const { auditLog } = tx.tables;
  return tx.orm.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(limit);
}
