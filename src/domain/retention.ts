// Retention: RETENTION_DAYS after an operation ends, its free text (notes, areas, decline reasons)
// and engagement detail (gender, language) are removed. Every digest figure is kept: the digest
// counts categories that stay (age band, offered, accepted, safety, agency, times, statuses).
import type { Database } from '../../db/database.js';
import { listOperationEnds } from '../../db/queries/operations.js';
import { scrubCharges, scrubEngagements, scrubReferrals } from '../../db/queries/retention.js';
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

/** Scrubs every operation whose end is more than `retentionDays` before `now`, each in its own unit of work; returns what changed. */
export async function applyRetention(db: Database, now: number, retentionDays: number): Promise<ScrubResult[]> {
  const results: ScrubResult[] = [];
  for (const op of await db.read((tx) => listOperationEnds(tx))) {
    if (toLocal(now, op.timezone).date <= addDays(op.endDate, retentionDays)) continue;
    const result = await db.transaction(async (tx) => {
      const engagements = await scrubEngagements(tx, op.id);
      const referrals = await scrubReferrals(tx, op.id);
      const charges = await scrubCharges(tx, op.id);
      if (engagements + referrals + charges > 0) {
        await appendAudit(tx, { actor: SYSTEM_ACTOR, action: 'retention.scrub', ref: `op:${op.code}`, detail: { engagements, referrals, charges }, at: now });
      }
      return { operation: op.code, engagements, referrals, charges };
    });
    if (result.engagements + result.referrals + result.charges > 0) results.push(result);
  }
  return results;
}
