// Reading and writing referrals (R-n), their events and their reminders (their card: cards.ts).
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';
import type { CLOSE_OUTCOMES, LANGUAGES, NEEDS, REFERRAL_STATUSES, URGENCIES, WITHDRAWAL_REASONS } from '../vocabulary.js';

export type Need = (typeof NEEDS)[number];
export type Urgency = (typeof URGENCIES)[number];
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];
export type Language = (typeof LANGUAGES)[number];

/** A referral with what its card, its direct messages and its reminders show. */
export interface ReferralRow {
  id: number;
  engagementId: number;
  status: ReferralStatus;
  /** Comma-separated needs. */
  needs: string;
  urgency: Urgency;
  note: string | null;
  ageBand: string;
  area: string | null;
  language: string | null;
  operationCode: string;
  operationTimezone: string;
  fromAgencyId: number;
  fromAgencyCode: string;
  fromAgencyName: string;
  toAgencyId: number;
  toAgencyCode: string;
  /** The receiving agency's language: its card is written in it. */
  toAgencyLang: Language;
  intakeChannelId: string | null;
  intakeTeamId: string | null;
  referrerTeamId: string;
  referrerUserId: string;
  createdAt: number;
  statusChangedAt: number;
  actorTeamId: string | null;
  actorUserId: string | null;
  declineReason: string | null;
  closeOutcome: CloseOutcome | null;
  withdrawalReason: WithdrawalReason | null;
  cardChannelId: string | null;
  cardTeamId: string | null;
  cardTs: string | null;
  remindersSent: number;
  version: number;
  cardDrawnVersion: number | null;
  cardAttempts: number;
  cardError: string | null;
}

const byId = preparedQuery((tx) => {
  const { referrals: r, engagements: e, operations: o, agencies } = tx.tables;
  const from = alias(agencies, 'from_agency');
  const to = alias(agencies, 'to_agency');
  return tx.orm
    .select({
      id: r.id,
      engagementId: r.engagementId,
      status: r.status,
      needs: r.needs,
      urgency: r.urgency,
      note: r.note,
      ageBand: e.ageBand,
      area: e.area,
      language: e.language,
      operationCode: o.code,
      operationTimezone: o.timezone,
      fromAgencyId: r.fromAgencyId,
      fromAgencyCode: from.code,
      fromAgencyName: from.name,
      toAgencyId: r.toAgencyId,
      toAgencyCode: to.code,
      toAgencyLang: to.lang,
      intakeChannelId: to.intakeChannelId,
      intakeTeamId: to.intakeTeamId,
      referrerTeamId: r.referrerTeamId,
      referrerUserId: r.referrerUserId,
      createdAt: r.createdAt,
      statusChangedAt: r.statusChangedAt,
      actorTeamId: r.actorTeamId,
      actorUserId: r.actorUserId,
      declineReason: r.declineReason,
      closeOutcome: r.closeOutcome,
      withdrawalReason: r.withdrawalReason,
      cardChannelId: r.cardChannelId,
      cardTeamId: r.cardTeamId,
      cardTs: r.cardTs,
      remindersSent: r.remindersSent,
      version: r.version,
      cardDrawnVersion: r.cardDrawnVersion,
      cardAttempts: r.cardAttempts,
      cardError: r.cardError,
    })
    .from(r)
    .innerJoin(e, eq(e.id, r.engagementId))
    .innerJoin(o, eq(o.id, e.operationId))
    .innerJoin(from, eq(from.id, r.fromAgencyId))
    .innerJoin(to, eq(to.id, r.toAgencyId))
    .where(eq(r.id, sql.placeholder('id')))
    .prepare();
});

export async function findReferralRow(tx: Tx, id: number): Promise<ReferralRow | undefined> {
  return (await byId(tx).execute({ id }))[0];
}

export interface NewReferral {
  engagementId: number;
  operationId: number;
  fromAgencyId: number;
  toAgencyId: number;
  referrerTeamId: string;
  referrerUserId: string;
  needs: string;
  urgency: Urgency;
  note: string | null;
  createdAt: number;
}

/** Stores a pending referral (consent is recorded: a referral without it cannot exist); returns its `n`. */
export async function insertReferral(tx: Tx, referral: NewReferral): Promise<number> {
  const { referrals } = tx.tables;
  const [row] = await tx.orm
    .insert(referrals)
    .values({ ...referral, consent: true, status: 'pending', statusChangedAt: referral.createdAt })
    .returning({ id: referrals.id });
  return row!.id;
}

export async function insertReferralEvent(
  tx: Tx,
  event: { referralId: number; fromStatus: ReferralStatus | null; toStatus: ReferralStatus; actorTeamId: string; actorUserId: string; at: number },
): Promise<void> {
  await tx.orm.insert(tx.tables.referralEvents).values(event);
}

/**
 * Moves the referral from `from` to `to` in one conditional write, the whole guarantee of the state
 * machine: of any number of concurrent clicks, on any instance, one changes the row. False when the
 * referral was not in `from` any more.
 */
export async function transitionReferralRow(
  tx: Tx,
  change: {
    id: number;
    from: ReferralStatus;
    to: ReferralStatus;
    at: number;
    actorTeamId: string;
    actorUserId: string;
    declineReason?: string;
    closeOutcome?: CloseOutcome;
    withdrawalReason?: WithdrawalReason;
  },
): Promise<boolean> {
  const { referrals } = tx.tables;
  const changed = await tx.orm
    .update(referrals)
    .set({
      status: change.to,
      statusChangedAt: change.at,
      actorTeamId: change.actorTeamId,
      actorUserId: change.actorUserId,
      remindersSent: 0,
      // The card shows the state it was drawn with: a new state is a new version to draw.
      version: sql`${referrals.version} + 1`,
      cardSynced: false,
      ...(change.declineReason !== undefined ? { declineReason: change.declineReason } : {}),
      ...(change.closeOutcome !== undefined ? { closeOutcome: change.closeOutcome } : {}),
      ...(change.withdrawalReason !== undefined ? { withdrawalReason: change.withdrawalReason } : {}),
    })
    .where(and(eq(referrals.id, change.id), eq(referrals.status, change.from)))
    .returning({ id: referrals.id });
  return changed.length === 1;
}

/** The open (pending or accepted) referral of an engagement to an agency, if there is one. */
export async function findOpenReferralOf(tx: Tx, engagementId: number, toAgencyId: number): Promise<{ id: number; status: ReferralStatus } | undefined> {
  const { referrals } = tx.tables;
  const [row] = await tx.orm
    .select({ id: referrals.id, status: referrals.status })
    .from(referrals)
    .where(and(eq(referrals.engagementId, engagementId), eq(referrals.toAgencyId, toAgencyId), inArray(referrals.status, ['pending', 'accepted'])))
    .orderBy(asc(referrals.id))
    .limit(1);
  return row;
}

/** Every referral of these engagements, oldest first, with where it went: the /refer form shows each engagement's. */
export async function listReferralsOfEngagements(
  tx: Tx,
  engagementIds: readonly number[],
): Promise<Array<{ engagementId: number; toAgencyCode: string; status: ReferralStatus }>> {
  if (engagementIds.length === 0) return [];
  const { referrals, agencies } = tx.tables;
  return tx.orm
    .select({ engagementId: referrals.engagementId, toAgencyCode: agencies.code, status: referrals.status })
    .from(referrals)
    .innerJoin(agencies, eq(agencies.id, referrals.toAgencyId))
    .where(inArray(referrals.engagementId, [...engagementIds]))
    .orderBy(asc(referrals.id));
}

/** Pending and accepted referrals a person made, newest first (referrals_referrer_idx). */
export async function listOpenReferralIdsBy(tx: Tx, referrer: { teamId: string; userId: string }, limit: number): Promise<number[]> {
  const { referrals } = tx.tables;
  const rows = await tx.orm
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        eq(referrals.referrerTeamId, referrer.teamId),
        eq(referrals.referrerUserId, referrer.userId),
        inArray(referrals.status, ['pending', 'accepted']),
      ),
    )
    .orderBy(desc(referrals.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Pending and accepted referrals addressed to an agency: pending first, newest first. */
export async function listOpenReferralIdsTo(tx: Tx, agencyId: number, limit: number): Promise<number[]> {
  const { referrals } = tx.tables;
  const rows = await tx.orm
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.toAgencyId, agencyId), inArray(referrals.status, ['pending', 'accepted'])))
    .orderBy(sql`${referrals.status} = 'accepted'`, desc(referrals.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

export interface ReminderLimits {
  immediate: number;
  urgent: number;
  routine: number;
  accepted: number;
}

/**
 * Referrals due another reminder at `now` (under their card, or to the receiving agency when it has
 * none): pending ones older than one more of their urgency's limit than reminders sent; accepted
 * ones likewise with the accepted limit.
 */
const dueReminders = preparedQuery((tx) => {
  const { referrals: r } = tx.tables;
  // One branch per limit: a parameter inside CASE would be typed text by PostgreSQL. CAST keeps a
  // long limit (in ms) from overflowing PostgreSQL's 32-bit integer arithmetic.
  const due = (limit: keyof ReminderLimits) =>
    sql`${r.statusChangedAt} + (${r.remindersSent} + 1) * CAST(${sql.placeholder(limit)} AS BIGINT) <= ${sql.placeholder('now')}`;
  return tx.orm
    .select({ id: r.id })
    .from(r)
    .where(
      and(
        or(
          and(eq(r.status, 'pending'), eq(r.urgency, 'immediate'), due('immediate')),
          and(eq(r.status, 'pending'), eq(r.urgency, 'urgent'), due('urgent')),
          and(eq(r.status, 'pending'), eq(r.urgency, 'routine'), due('routine')),
          and(eq(r.status, 'accepted'), due('accepted')),
        ),
      ),
    )
    .orderBy(asc(r.id))
    .limit(sql.placeholder('max'))
    .prepare();
});

export async function listReferralIdsDueReminder(tx: Tx, now: number, limits: ReminderLimits, max: number): Promise<number[]> {
  return (await dueReminders(tx).execute({ ...limits, now, max })).map((row) => row.id);
}

/** Moves the reminder count from `from` to `to` if nothing else did: the claim (and its release). */
export async function setRemindersSent(tx: Tx, id: number, status: ReferralStatus, from: number, to: number): Promise<boolean> {
  const { referrals } = tx.tables;
  const changed = await tx.orm
    .update(referrals)
    .set({ remindersSent: to })
    .where(and(eq(referrals.id, id), eq(referrals.status, status), eq(referrals.remindersSent, from)))
    .returning({ id: referrals.id });
  return changed.length === 1;
}
