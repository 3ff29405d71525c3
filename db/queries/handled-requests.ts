// The Slack requests already handled (their trigger_id or event_id), shared by every instance.
import { lt, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';

const claim = preparedQuery((tx) => {
  const { handledRequests } = tx.tables;
  return tx.orm
    .insert(handledRequests)
    .values({ requestId: sql.placeholder('requestId'), handledAt: sql.placeholder('at') })
    .onConflictDoNothing({ target: handledRequests.requestId })
    .returning({ requestId: handledRequests.requestId })
    .prepare();
});

/**
 * Records the request as handled, in the unit of work that handles it; false when it already was
 * (by any instance, before or after a restart). Two instances claiming at once: the primary key
 * lets one insert, and the other (on PostgreSQL, after waiting for the first to commit) inserts nothing.
 */
export async function claimRequest(tx: Tx, requestId: string, at: number): Promise<boolean> {
  return (await claim(tx).execute({ requestId, at })).length === 1;
}

const forget = preparedQuery((tx) => {
  const { handledRequests } = tx.tables;
  return tx.orm.delete(handledRequests).where(lt(handledRequests.handledAt, sql.placeholder('before'))).prepare();
});

/** Forgets requests handled before `before`: Slack's signature check refuses their replays anyway. */
export async function forgetRequestsBefore(tx: Tx, before: number): Promise<void> {
  await forget(tx).execute({ before });
}
