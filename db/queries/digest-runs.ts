// The digest runs: one row per operation per local day, claimed before the digest is posted.
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';

export type DigestTrigger = 'schedule' | 'manual';
export type DigestRunStatus = 'claimed' | 'posted' | 'failed' | 'unknown';

export async function findDigestRun(tx: Tx, operationId: number, localDate: string): Promise<{ id: number; status: DigestRunStatus } | undefined> {
  const { digestRuns } = tx.tables;
  const [row] = await tx.orm
    .select({ id: digestRuns.id, status: digestRuns.status })
    .from(digestRuns)
    .where(and(eq(digestRuns.operationId, operationId), eq(digestRuns.localDate, localDate)))
    .limit(1);
  return row;
}

/**
 * Inserts the day's run as claimed, unless one exists: the unique (operation, day) index decides
 * between instances claiming at the same moment, without an error. Returns its id, or null.
 */
export async function insertClaimedRun(tx: Tx, run: { operationId: number; localDate: string; trigger: DigestTrigger; at: number }): Promise<number | null> {
  const { digestRuns } = tx.tables;
  const [row] = await tx.orm
    .insert(digestRuns)
    .values({ operationId: run.operationId, localDate: run.localDate, status: 'claimed', trigger: run.trigger, claimedAt: run.at })
    .onConflictDoNothing({ target: [digestRuns.operationId, digestRuns.localDate] })
    .returning({ id: digestRuns.id });
  return row?.id ?? null;
}

/** Claims a failed run again; false when another instance did first. */
export async function reclaimFailedRun(tx: Tx, id: number, trigger: DigestTrigger, at: number): Promise<boolean> {
  const { digestRuns } = tx.tables;
  const changed = await tx.orm
    .update(digestRuns)
    .set({ status: 'claimed', trigger, claimedAt: at, error: null })
    .where(and(eq(digestRuns.id, id), eq(digestRuns.status, 'failed')))
    .returning({ id: digestRuns.id });
  return changed.length === 1;
}

export async function finishRun(
  tx: Tx,
  id: number,
  outcome: { status: 'posted'; messageTs: string } | { status: 'failed' | 'unknown'; error: string },
  at: number,
): Promise<void> {
  const { digestRuns } = tx.tables;
  await tx.orm
    .update(digestRuns)
    .set({
      status: outcome.status,
      finishedAt: at,
      messageTs: outcome.status === 'posted' ? outcome.messageTs : null,
      error: outcome.status === 'posted' ? null : outcome.error,
    })
    .where(eq(digestRuns.id, id));
}

// Prepared: the digest job runs these every minute on every instance.
const markUnknown = preparedQuery((tx) => {
  const { digestRuns } = tx.tables;
  return tx.orm
    .update(digestRuns)
    .set({ status: 'unknown', error: 'interrupted', finishedAt: sql`${sql.placeholder('at')}` })
    .where(and(eq(digestRuns.status, 'claimed'), lt(digestRuns.claimedAt, sql.placeholder('claimedBefore'))))
    .returning({ operationId: digestRuns.operationId, localDate: digestRuns.localDate })
    .prepare();
});

const liveRun = preparedQuery((tx) => {
  const { digestRuns } = tx.tables;
  return tx.orm
    .select({ id: digestRuns.id })
    .from(digestRuns)
    .where(
      and(eq(digestRuns.operationId, sql.placeholder('operationId')), eq(digestRuns.localDate, sql.placeholder('localDate')), ne(digestRuns.status, 'failed')),
    )
    .limit(1)
    .prepare();
});

/** Runs still claimed since before `claimedBefore`: a crash cut them short. Marks them unknown and returns them. */
export function markClaimedRunsUnknown(tx: Tx, claimedBefore: number, at: number): Promise<Array<{ operationId: number; localDate: string }>> {
  return markUnknown(tx).execute({ claimedBefore, at });
}

/** Whether the day's digest is out or being posted (a failed run does not count: it is due again). */
export async function hasLiveRun(tx: Tx, operationId: number, localDate: string): Promise<boolean> {
  return (await liveRun(tx).execute({ operationId, localDate })).length > 0;
}
