// The digest's reads: totals from the rollups the database keeps with every write (digest_totals,
// digest_referral_states, digest_hourly; triggers of SQLite migration 0004 and PostgreSQL migration
// 0001), and the partial hours at the edges of the last 24 hours from the base tables, through their
// time indexes. No query reads a base table whole.
import { and, eq, gt, gte, inArray, lt, lte, or, type SQLWrapper, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';

/** Sums come back as strings from PostgreSQL (bigint, numeric); as numbers, 0 when there are no rows. */
const total = (expression: SQLWrapper) => sql<number>`coalesce(sum(${expression}), 0)`.mapWith(Number);
/** A boolean column or condition as 0 or 1, in either engine. */
const asCount = (condition: SQLWrapper) => sql`CASE WHEN ${condition} THEN 1 ELSE 0 END`;
/**
 * `+column` keeps SQLite from choosing the operation index for the edge reads, which without
 * statistics it would: that reads every row of the tree (seconds at a million rows) instead of the
 * one hour at the edge (a millisecond). PostgreSQL reads it as the same number.
 */
const unindexed = (column: SQLWrapper) => sql`+${column}`;

export interface EngagementCounts {
  engaged: number;
  offered: number;
  accepted: number;
  minors: number;
  safetyEnsured: number;
}

export interface ChargeCounts {
  chargedPeople: number;
  offences: number;
}

export interface AgencyTotals extends EngagementCounts, ChargeCounts {
  agencyId: number;
  referralsMade: number;
}

export async function listAgencyTotals(tx: Tx, operationIds: number[]): Promise<AgencyTotals[]> {
  const t = tx.tables.digestTotals;
  return tx.orm
    .select({
      agencyId: t.agencyId,
      engaged: total(t.engaged),
      offered: total(t.offered),
      accepted: total(t.accepted),
      minors: total(t.minors),
      safetyEnsured: total(t.safetyEnsured),
      referralsMade: total(t.referralsMade),
      chargedPeople: total(t.chargedPeople),
      offences: total(t.offences),
    })
    .from(t)
    .where(inArray(t.operationId, operationIds))
    .groupBy(t.agencyId);
}

/** Referrals of the tree by current state. */
export async function listReferralStateTotals(tx: Tx, operationIds: number[]): Promise<Array<{ status: string; n: number }>> {
  const s = tx.tables.digestReferralStates;
  return tx.orm
    .select({ status: s.status, n: total(s.n) })
    .from(s)
    .where(inArray(s.operationId, operationIds))
    .groupBy(s.status);
}

/** Engagement and charge counts of the whole UTC hours [firstHour, lastHour). */
export async function sumHourly(tx: Tx, operationIds: number[], firstHour: number, lastHour: number): Promise<EngagementCounts & ChargeCounts> {
  const h = tx.tables.digestHourly;
  const [row] = await tx.orm
    .select({
      engaged: total(h.engaged),
      offered: total(h.offered),
      accepted: total(h.accepted),
      minors: total(h.minors),
      safetyEnsured: total(h.safetyEnsured),
      chargedPeople: total(h.chargedPeople),
      offences: total(h.offences),
    })
    .from(h)
    .where(and(inArray(h.operationId, operationIds), gte(h.hour, firstHour), lt(h.hour, lastHour)));
  return row!;
}

/** Engagements that occurred in [from, to), through engagements_occurred_idx. */
export async function countEngagementsBetween(tx: Tx, operationIds: number[], from: number, to: number): Promise<EngagementCounts> {
  const e = tx.tables.engagements;
  const [row] = await tx.orm
    .select({
      engaged: total(sql`1`),
      offered: total(asCount(e.offered)),
      accepted: total(asCount(e.accepted)),
      minors: total(asCount(sql`${e.ageBand} = 'under18'`)),
      safetyEnsured: total(asCount(e.safetyEnsured)),
    })
    .from(e)
    .where(and(gte(e.occurredAt, from), lt(e.occurredAt, to), inArray(unindexed(e.operationId), operationIds)));
  return row!;
}

/** Charges created in [from, to), through charges_created_idx. */
export async function countChargesBetween(tx: Tx, operationIds: number[], from: number, to: number): Promise<ChargeCounts> {
  const c = tx.tables.charges;
  const [row] = await tx.orm
    .select({ chargedPeople: total(sql`1`), offences: total(c.offenceCount) })
    .from(c)
    .where(and(gte(c.createdAt, from), lt(c.createdAt, to), inArray(unindexed(c.operationId), operationIds)));
  return row!;
}

/** Referrals whose state changed in (since, now], by current state (referrals_changed_idx covers it). */
export async function listReferralStatesChangedBetween(tx: Tx, operationIds: number[], since: number, now: number): Promise<Array<{ status: string; n: number }>> {
  const r = tx.tables.referrals;
  return tx.orm
    .select({ status: r.status, n: total(sql`1`) })
    .from(r)
    .where(and(gt(r.statusChangedAt, since), lte(r.statusChangedAt, now), inArray(r.operationId, operationIds)))
    .groupBy(r.status);
}

/**
 * Pending referrals of the tree whose wait has reached their urgency's limit, per receiving agency.
 * `status_changed_at <= now − shortest` lets referrals_status_idx skip every referral too young to
 * be overdue at any urgency.
 */
export async function countOverdueByAgency(
  tx: Tx,
  operationIds: number[],
  now: number,
  limits: { immediate: number; urgent: number; routine: number },
): Promise<Array<{ agencyId: number; pending: number }>> {
  const r = tx.tables.referrals;
  const shortest = Math.min(limits.immediate, limits.urgent, limits.routine);
  const waitedSince = (limit: number) => lte(r.statusChangedAt, now - limit);
  return tx.orm
    .select({ agencyId: r.toAgencyId, pending: total(sql`1`) })
    .from(r)
    .where(
      and(
        eq(r.status, 'pending'),
        waitedSince(shortest),
        or(
          and(eq(r.urgency, 'immediate'), waitedSince(limits.immediate)),
          and(eq(r.urgency, 'urgent'), waitedSince(limits.urgent)),
          and(eq(r.urgency, 'routine'), waitedSince(limits.routine)),
        ),
        inArray(unindexed(r.operationId), operationIds),
      ),
    )
    .groupBy(r.toAgencyId);
}
