// Retention: RETENTION_DAYS after an operation ends, its free text (notes, areas, decline reasons)
// and engagement detail (gender, language) are removed. Every digest figure is kept: the digest
// counts categories that stay (age band, offered, accepted, safety, agency, times, statuses).
import type { Db } from '../../db/client.js';
import { inTransaction, prepared } from '../../db/prepared.js';
import type { Actor } from './actor.js';
import { appendAudit } from './audit.js';
import { addDays, toLocal } from './time.js';

/** The actor Liaison's own jobs write to the audit log as. */
export const SYSTEM_ACTOR: Actor = { teamId: 'liaison', userId: 'retention' };

export interface ScrubResult {
  operation: string;
  engagements: number;
  referrals: number;
  charges: number;
}

/** Scrubs every operation whose end is more than `retentionDays` before `now`; returns what changed. */
export function applyRetention(db: Db, now: number, retentionDays: number): ScrubResult[] {
  const results: ScrubResult[] = [];
  const operations = prepared<[], { id: number; code: string; end_date: string; timezone: string }>(
    db,
    'SELECT id, code, end_date, timezone FROM operations',
  ).all();
  for (const op of operations) {
    if (toLocal(now, op.timezone).date <= addDays(op.end_date, retentionDays)) continue;
    const result = inTransaction(db, () => {
      const engagements = prepared(
        db,
        `UPDATE engagements SET area = NULL, language = NULL, note = NULL, gender = 'unknown'
         WHERE operation_id = ? AND (area IS NOT NULL OR language IS NOT NULL OR note IS NOT NULL OR gender != 'unknown')`,
      ).run(op.id).changes;
      const referrals = prepared(
        db,
        `UPDATE referrals SET note = NULL, decline_reason = NULL
         WHERE engagement_id IN (SELECT id FROM engagements WHERE operation_id = ?) AND (note IS NOT NULL OR decline_reason IS NOT NULL)`,
      ).run(op.id).changes;
      const charges = prepared(db, 'UPDATE charges SET note = NULL WHERE operation_id = ? AND note IS NOT NULL').run(op.id).changes;
      if (engagements + referrals + charges > 0) {
        appendAudit(db, { actor: SYSTEM_ACTOR, action: 'retention.scrub', ref: `op:${op.code}`, detail: { engagements, referrals, charges }, at: now });
      }
      return { operation: op.code, engagements, referrals, charges };
    });
    if (result.engagements + result.referrals + result.charges > 0) results.push(result);
  }
  return results;
}
