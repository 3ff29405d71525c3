// Removing an operation's free text and engagement detail once it is past retention.
import { and, eq, inArray, isNotNull, ne, or } from 'drizzle-orm';
import type { Tx } from '../database.js';

/** Clears notes, areas, languages and genders of the operation's engagements; returns how many changed. */
export async function scrubEngagements(tx: Tx, operationId: number): Promise<number> {
  const { engagements: e } = tx.tables;
  const changed = await tx.orm
    .update(e)
    .set({ area: null, language: null, note: null, gender: 'unknown' })
    .where(and(eq(e.operationId, operationId), or(isNotNull(e.area), isNotNull(e.language), isNotNull(e.note), ne(e.gender, 'unknown'))))
    .returning({ id: e.id });
  return changed.length;
}

/** Clears notes and decline reasons of the referrals of the operation's engagements. */
export async function scrubReferrals(tx: Tx, operationId: number): Promise<number> {
  const { referrals: r, engagements: e } = tx.tables;
  const ofOperation = tx.orm.select({ id: e.id }).from(e).where(eq(e.operationId, operationId));
  const changed = await tx.orm
    .update(r)
    .set({ note: null, declineReason: null })
    .where(and(inArray(r.engagementId, ofOperation), or(isNotNull(r.note), isNotNull(r.declineReason))))
    .returning({ id: r.id });
  return changed.length;
}

export async function scrubCharges(tx: Tx, operationId: number): Promise<number> {
  const { charges: c } = tx.tables;
  const changed = await tx.orm
    .update(c)
    .set({ note: null })
    .where(and(eq(c.operationId, operationId), isNotNull(c.note)))
    .returning({ id: c.id });
  return changed.length;
}
