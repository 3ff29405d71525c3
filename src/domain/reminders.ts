// Overdue referrals: a pending referral older than its urgency's limit, or an accepted one not
// closed within its limit, is due one reminder per elapsed limit. A reminder is claimed in the
// database before it is sent, so neither a restart nor a second instance sends it twice.
import type { Tx } from '../../db/database.js';
import { listReferralIdsDueReminder, setRemindersSent } from '../../db/queries/referrals.js';
import { findReferral, type Referral, type Urgency } from './referrals.js';

export interface OverdueLimits {
  /** Milliseconds a pending referral of each urgency may wait before a reminder. */
  pending: Record<Urgency, number>;
  /** Milliseconds an accepted referral may stay open before a reminder. */
  accepted: number;
}

const HOUR = 3_600_000;
export const DEFAULT_OVERDUE_LIMITS: OverdueLimits = {
  pending: { immediate: HOUR, urgent: 4 * HOUR, routine: 24 * HOUR },
  accepted: 7 * 24 * HOUR,
};

export function limitFor(referral: Pick<Referral, 'status' | 'urgency'>, limits: OverdueLimits): number {
  return referral.status === 'accepted' ? limits.accepted : limits.pending[referral.urgency];
}

export interface DueReminder {
  referral: Referral;
  /** Whole limits elapsed since the state began: the value reminders_sent takes once this is sent. */
  periods: number;
}

export async function dueReminders(tx: Tx, now: number, limits: OverdueLimits, max = 100): Promise<DueReminder[]> {
  const ids = await listReferralIdsDueReminder(tx, now, { ...limits.pending, accepted: limits.accepted }, max);
  const due: DueReminder[] = [];
  for (const id of ids) {
    const referral = (await findReferral(tx, id))!;
    due.push({ referral, periods: Math.floor((now - referral.statusChangedAt) / limitFor(referral, limits)) });
  }
  return due;
}

/** Claims a reminder; false when another instance claimed it or the referral moved on. */
export function claimReminder(tx: Tx, due: DueReminder): Promise<boolean> {
  return setRemindersSent(tx, due.referral.id, due.referral.status, due.referral.remindersSent, due.periods);
}

/** Gives a claim back after Slack refused the post, so the next run tries again. */
export async function releaseReminder(tx: Tx, due: DueReminder): Promise<void> {
  await setRemindersSent(tx, due.referral.id, due.referral.status, due.periods, due.referral.remindersSent);
}
