// Which digests are due, and the claim that makes each one post at most once a local day. A run is
// claimed in the database before posting, so two instances or a restart mid-post cannot post twice.
// A run that failed for a known reason (nothing was posted) stays due; a run whose outcome is
// unknown (Slack did not answer) is never retried blindly: people are told to check.
import type { Tx } from '../../db/database.js';
import {
  type DigestTrigger,
  findDigestRun,
  finishRun,
  hasLiveRun,
  insertClaimedRun,
  markClaimedRunsUnknown,
  reclaimFailedRun,
} from '../../db/queries/digest-runs.js';
import { listScheduledOperations } from '../../db/queries/operations.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import type { Operation } from './operations.js';
import { addDays, fromLocal, toLocal } from './time.js';

export type { DigestRunStatus, DigestTrigger } from '../../db/queries/digest-runs.js';

/** A digest missed while the app was down is still posted within this window; older ones are not. */
export const CATCH_UP_WINDOW_MS = 24 * 3_600_000;

export interface DueDigest {
  operationId: number;
  operationCode: string;
  /** The local day the digest is for. */
  localDate: string;
}

/**
 * Digests due at `now`: for each open operation with a digest channel, today's or yesterday's (in
 * its own zone), from its start day to the day after its end, whose time has come in the last 24
 * hours, after the operation existed, and that has no run yet (or only a failed one).
 */
export async function dueDigests(tx: Tx, now: number): Promise<DueDigest[]> {
  const due: DueDigest[] = [];
  for (const op of await listScheduledOperations(tx)) {
    const today = toLocal(now, op.timezone).date;
    for (const localDate of [addDays(today, -1), today]) {
      if (localDate < op.startDate || localDate > addDays(op.endDate, 1)) continue;
      const dueAt = fromLocal(localDate, op.digestTime, op.timezone);
      if (dueAt > now || now - dueAt >= CATCH_UP_WINDOW_MS || dueAt < op.createdAt) continue;
      if (await hasLiveRun(tx, op.id, localDate)) continue;
      due.push({ operationId: op.id, operationCode: op.code, localDate });
    }
  }
  return due;
}

/** Claims the run for (operation, local day); null when another instance or an earlier run has it. */
export async function claimDigestRun(tx: Tx, operationId: number, localDate: string, trigger: DigestTrigger, now: number): Promise<number | null> {
  const inserted = await insertClaimedRun(tx, { operationId, localDate, trigger, at: now });
  if (inserted !== null) return inserted;
  const existing = await findDigestRun(tx, operationId, localDate);
  if (existing?.status !== 'failed') return null;
  return (await reclaimFailedRun(tx, existing.id, trigger, now)) ? existing.id : null;
}

export async function finishDigestRun(
  tx: Tx,
  runId: number | null,
  outcome: { status: 'posted'; messageTs: string } | { status: 'failed' | 'unknown'; error: string },
  now: number,
): Promise<void> {
  if (runId === null) return;
  await finishRun(tx, runId, outcome, now);
}

/**
 * Runs a crash left `claimed` (older than any post can take): nobody knows whether the post reached
 * Slack. They become `unknown` (never retried blindly) and are returned so the lead agency's
 * coordinators can be told; of several instances looking at once, one gets each run.
 */
export function markInterruptedRuns(tx: Tx, now: number, interruptedAfterMs: number): Promise<Array<{ operationId: number; localDate: string }>> {
  return markClaimedRunsUnknown(tx, now - interruptedAfterMs, now);
}

/** The local day an operation is on at `now`. */
export function localDay(now: number, timezone: string): string {
  return toLocal(now, timezone).date;
}

/**
 * A coordinator's `/digest <OPCODE> post`: it counts as the day's digest, so the scheduler will not
 * post again today. When today's digest is already out, the post goes ahead (the coordinator asked
 * for fresher figures) without a run of its own: null.
 */
export async function claimManualDigest(ctx: RequestContext, operation: Operation, localDate: string): Promise<number | null> {
  const now = nowMs(ctx);
  const runId = await claimDigestRun(ctx.tx, operation.id, localDate, 'manual', now);
  await appendAudit(ctx.tx, {
    actor: ctx.principal.actor,
    action: 'digest.post',
    ref: `op:${operation.code}`,
    detail: { date: localDate, counted: runId !== null },
    at: now,
  });
  return runId;
}
