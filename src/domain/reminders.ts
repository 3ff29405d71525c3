// Overdue referrals: a pending referral older than its urgency's limit, or an accepted one not
// closed within its limit, is due one reminder per elapsed limit. A reminder is claimed in the
// database before it is sent, so neither a restart nor a second process sends it twice.
import type { Db } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
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

export function dueReminders(db: Db, now: number, limits: OverdueLimits, max = 100): DueReminder[] {
  const ids = prepared<Record<string, number>, number>(
    db,
    `SELECT id FROM referrals
     WHERE card_ts IS NOT NULL AND (
       (status = 'pending' AND status_changed_at + (reminders_sent + 1) *
          CASE urgency WHEN 'immediate' THEN @immediate WHEN 'urgent' THEN @urgent ELSE @routine END <= @now)
       OR (status = 'accepted' AND status_changed_at + (reminders_sent + 1) * @accepted <= @now))
     ORDER BY id LIMIT @max`,
  )
    .pluck()
    .all({ ...limits.pending, accepted: limits.accepted, now, max });
  return ids.map((id) => {
    const referral = findReferral(db, id)!;
    return { referral, periods: Math.floor((now - referral.statusChangedAt) / limitFor(referral, limits)) };
  });
}

/** Claims a reminder; false when another process claimed it or the referral moved on. */
export function claimReminder(db: Db, due: DueReminder): boolean {
  const { changes } = prepared(
    db,
    'UPDATE referrals SET reminders_sent = ? WHERE id = ? AND status = ? AND reminders_sent = ?',
  ).run(due.periods, due.referral.id, due.referral.status, due.referral.remindersSent);
  return changes === 1;
}

/** Gives a claim back after Slack refused the post, so the next run tries again. */
export function releaseReminder(db: Db, due: DueReminder): void {
  prepared(db, 'UPDATE referrals SET reminders_sent = ? WHERE id = ? AND status = ? AND reminders_sent = ?').run(
    due.referral.remindersSent,
    due.referral.id,
    due.referral.status,
    due.periods,
  );
}
