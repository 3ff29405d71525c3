// The direct messages Liaison owes people: queued in the transaction of the change they announce,
// claimed by one instance to send, and kept until Slack confirms them (or they are given up).
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';
import type { DIRECT_MESSAGE_KINDS } from '../vocabulary.js';

export type DirectMessageKind = (typeof DIRECT_MESSAGE_KINDS)[number];

export interface QueuedDirectMessage {
  id: number;
  teamId: string;
  userId: string;
  referralId: number;
  kind: DirectMessageKind;
  detail: string | null;
  createdAt: number;
  attempts: number;
}

const fields = (tx: Tx) => {
  const { directMessages: d } = tx.tables;
  return {
    id: d.id,
    teamId: d.teamId,
    userId: d.userId,
    referralId: d.referralId,
    kind: d.kind,
    detail: d.detail,
    createdAt: d.createdAt,
    attempts: d.attempts,
  };
};

export async function insertDirectMessages(
  tx: Tx,
  messages: ReadonlyArray<{ teamId: string; userId: string; referralId: number; kind: DirectMessageKind; detail?: string | null; at: number }>,
): Promise<number[]> {
  if (messages.length === 0) return [];
  const { directMessages: d } = tx.tables;
  const rows = await tx.orm
    .insert(d)
    .values(messages.map((m) => ({ teamId: m.teamId, userId: m.userId, referralId: m.referralId, kind: m.kind, detail: m.detail ?? null, createdAt: m.at })))
    .returning({ id: d.id });
  return rows.map((row) => row.id);
}

const dueMessages = preparedQuery((tx) => {
  const { directMessages: d } = tx.tables;
  const now = sql.placeholder('now');
  return tx.orm
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.state, 'queued'), or(isNull(d.retryAt), lte(d.retryAt, now)), or(isNull(d.claimedUntil), lte(d.claimedUntil, now))))
    .orderBy(asc(d.id))
    .limit(sql.placeholder('limit'))
    .prepare();
});

/** Queued messages due now and free, oldest first. */
export async function listDueDirectMessages(tx: Tx, now: number, limit: number): Promise<number[]> {
  return (await dueMessages(tx).execute({ now, limit })).map((row) => row.id);
}

/** Takes a queued message to send until `until`; undefined when it is sent, given up, or another instance has it. */
export async function claimDirectMessage(tx: Tx, id: number, now: number, until: number): Promise<QueuedDirectMessage | undefined> {
  const { directMessages: d } = tx.tables;
  const [claimed] = await tx.orm
    .update(d)
    .set({ claimedUntil: until })
    .where(and(eq(d.id, id), eq(d.state, 'queued'), or(isNull(d.claimedUntil), lte(d.claimedUntil, now))))
    .returning(fields(tx));
  return claimed;
}

export async function recordDirectMessageSent(tx: Tx, id: number, at: number): Promise<void> {
  const { directMessages: d } = tx.tables;
  await tx.orm.update(d).set({ state: 'sent', sentAt: at, claimedUntil: null, error: null }).where(eq(d.id, id));
}

/** A failed attempt: retried at `retryAt`, or given up (`retryAt` null). */
export async function recordDirectMessageFailure(tx: Tx, id: number, failure: { error: string; retryAt: number | null }): Promise<void> {
  const { directMessages: d } = tx.tables;
  await tx.orm
    .update(d)
    .set({
      attempts: sql`${d.attempts} + 1`,
      error: failure.error,
      retryAt: failure.retryAt,
      claimedUntil: null,
      ...(failure.retryAt === null ? { state: 'abandoned' as const } : {}),
    })
    .where(eq(d.id, id));
}

/** Messages queued for one referral and not yet sent (what a request sends right after its answer). */
export async function listQueuedDirectMessagesFor(tx: Tx, referralId: number): Promise<number[]> {
  const { directMessages: d } = tx.tables;
  const rows = await tx.orm
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.referralId, referralId), eq(d.state, 'queued')))
    .orderBy(asc(d.id));
  return rows.map((row) => row.id);
}

/** Housekeeping: sent and given-up messages older than `before` (they hold ids and codes only). */
export async function deleteFinishedDirectMessagesBefore(tx: Tx, before: number): Promise<void> {
  const { directMessages: d } = tx.tables;
  await tx.orm.delete(d).where(and(or(eq(d.state, 'sent'), eq(d.state, 'abandoned')), lte(d.createdAt, before)));
}
