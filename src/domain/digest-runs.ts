// Which digests are due, and the claim that makes each one post at most once a local day. A run is
// claimed in the database before posting, so two processes or a restart mid-post cannot post twice.
// A run that failed for a known reason (nothing was posted) stays due; a run whose outcome is
// unknown (Slack did not answer) is never retried blindly: people are told to check.
import type { Db } from '../../db/client.js';
import { inTransaction, prepared } from '../../db/prepared.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import type { Operation } from './operations.js';
import { addDays, fromLocal, toLocal } from './time.js';

export type DigestTrigger = 'schedule' | 'manual';
export type DigestRunStatus = 'claimed' | 'posted' | 'failed' | 'unknown';

/** A digest missed while the app was down is still posted within this window; older ones are not. */
export const CATCH_UP_WINDOW_MS = 24 * 3_600_000;

export interface DueDigest {
  operationId: number;
  operationCode: string;
  /** The local day the digest is for. */
  localDate: string;
}

interface ScheduledOperation {
  id: number;
  code: string;
  startDate: string;
  endDate: string;
  timezone: string;
  digestTime: string;
  createdAt: number;
}

/**
 * Digests due at `now`: for each open operation with a digest channel, today's or yesterday's (in
 * its own zone), from its start day to the day after its end, whose time has come in the last 24
 * hours, after the operation existed, and that has no run yet (or only a failed one).
 */
export function dueDigests(db: Db, now: number): DueDigest[] {
  const operations = prepared<[], ScheduledOperation>(
    db,
    `SELECT id, code, start_date AS startDate, end_date AS endDate, timezone, digest_time AS digestTime, created_at AS createdAt
     FROM operations WHERE closed_at IS NULL AND digest_channel_id IS NOT NULL`,
  ).all();
  const hasRun = prepared<[number, string], number>(
    db,
    "SELECT 1 FROM digest_runs WHERE operation_id = ? AND local_date = ? AND status != 'failed'",
  ).pluck();
  const due: DueDigest[] = [];
  for (const op of operations) {
    const today = toLocal(now, op.timezone).date;
    for (const localDate of [addDays(today, -1), today]) {
      if (localDate < op.startDate || localDate > addDays(op.endDate, 1)) continue;
      const dueAt = fromLocal(localDate, op.digestTime, op.timezone);
      if (dueAt > now || now - dueAt >= CATCH_UP_WINDOW_MS || dueAt < op.createdAt) continue;
      if (hasRun.get(op.id, localDate)) continue;
      due.push({ operationId: op.id, operationCode: op.code, localDate });
    }
  }
  return due;
}

/** Claims the run for (operation, local day); null when another process or an earlier run has it. */
export function claimDigestRun(db: Db, operationId: number, localDate: string, trigger: DigestTrigger, now: number): number | null {
  return inTransaction(db, () => {
    const existing = prepared<[number, string], { id: number; status: DigestRunStatus }>(
      db,
      'SELECT id, status FROM digest_runs WHERE operation_id = ? AND local_date = ?',
    ).get(operationId, localDate);
    if (!existing) {
      const { lastInsertRowid } = prepared(
        db,
        "INSERT INTO digest_runs (operation_id, local_date, status, trigger, claimed_at) VALUES (?, ?, 'claimed', ?, ?)",
      ).run(operationId, localDate, trigger, now);
      return Number(lastInsertRowid);
    }
    if (existing.status !== 'failed') return null;
    prepared(db, "UPDATE digest_runs SET status = 'claimed', trigger = ?, claimed_at = ?, error = NULL WHERE id = ? AND status = 'failed'").run(
      trigger,
      now,
      existing.id,
    );
    return existing.id;
  });
}

export function finishDigestRun(
  db: Db,
  runId: number | null,
  outcome: { status: 'posted'; messageTs: string } | { status: 'failed' | 'unknown'; error: string },
  now: number,
): void {
  if (runId === null) return;
  prepared(db, 'UPDATE digest_runs SET status = ?, finished_at = ?, message_ts = ?, error = ? WHERE id = ?').run(
    outcome.status,
    now,
    outcome.status === 'posted' ? outcome.messageTs : null,
    outcome.status === 'posted' ? null : outcome.error,
    runId,
  );
}

/**
 * Runs a crash left `claimed` (older than any post can take): nobody knows whether the post reached Slack. They become `unknown`
 * (never retried blindly) and are returned so the lead agency's coordinators can be told.
 */
export function markInterruptedRuns(db: Db, now: number, interruptedAfterMs: number): Array<{ operationId: number; localDate: string }> {
  return inTransaction(db, () => {
    const runs = prepared<[number], { id: number; operationId: number; localDate: string }>(
      db,
      "SELECT id, operation_id AS operationId, local_date AS localDate FROM digest_runs WHERE status = 'claimed' AND claimed_at < ?",
    ).all(now - interruptedAfterMs);
    for (const run of runs) {
      prepared(db, "UPDATE digest_runs SET status = 'unknown', error = 'interrupted', finished_at = ? WHERE id = ? AND status = 'claimed'").run(now, run.id);
    }
    return runs;
  });
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
export function claimManualDigest(ctx: RequestContext, operation: Operation, localDate: string): number | null {
  const now = nowMs(ctx);
  const runId = claimDigestRun(ctx.deps.db, operation.id, localDate, 'manual', now);
  appendAudit(ctx.deps.db, {
    actor: ctx.principal.actor,
    action: 'digest.post',
    ref: `op:${operation.code}`,
    detail: { date: localDate, counted: runId !== null },
    at: now,
  });
  return runId;
}
