// A referral's card in Slack, as the database tracks it: where it is, which version of the referral
// it shows, who is working on it now, and how its last attempts went. The card job's queue is the
// referrals whose card does not show their current version.
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';

/** A card to post or redraw, and where it goes. */
export interface CardToSync {
  id: number;
  intakeChannelId: string | null;
  attempts: number;
}

/**
 * Cards due now and free (nobody is working on them, or their claim ran out), most urgent first;
 * within an urgency, cards not yet tried before cards that keep failing, so a channel that refuses
 * every post never holds back another.
 */
const due = preparedQuery((tx) => {
  const { referrals: r, agencies } = tx.tables;
  const now = sql.placeholder('now');
  const urgencyRank = sql`CASE ${r.urgency} WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END`;
  return tx.orm
    .select({ id: r.id, intakeChannelId: agencies.intakeChannelId, attempts: r.cardAttempts })
    .from(r)
    .innerJoin(agencies, eq(agencies.id, r.toAgencyId))
    .where(
      and(
        eq(r.cardSynced, false),
        or(isNull(r.cardRetryAt), lte(r.cardRetryAt, now)),
        or(isNull(r.cardClaimedUntil), lte(r.cardClaimedUntil, now)),
      ),
    )
    .orderBy(urgencyRank, asc(r.cardAttempts), asc(r.id))
    .limit(sql.placeholder('limit'))
    .prepare();
});

export function listCardsToSync(tx: Tx, now: number, limit: number): Promise<CardToSync[]> {
  return due(tx).execute({ now, limit });
}

/** Takes a card that needs posting or redrawing until `until`; false when it is in step or another instance has it. */
export async function claimCardSync(tx: Tx, id: number, now: number, until: number): Promise<boolean> {
  const { referrals: r } = tx.tables;
  const claimed = await tx.orm
    .update(r)
    .set({ cardClaimedUntil: until })
    .where(and(eq(r.id, id), eq(r.cardSynced, false), or(isNull(r.cardClaimedUntil), lte(r.cardClaimedUntil, now))))
    .returning({ id: r.id });
  return claimed.length === 1;
}

/** Where the card's first, buttonless post landed: every later drawing updates that message. */
export async function recordCardMessage(tx: Tx, id: number, card: { channelId: string; teamId: string | null; ts: string }): Promise<void> {
  const { referrals: r } = tx.tables;
  await tx.orm
    .update(r)
    .set({ cardChannelId: card.channelId, cardTeamId: card.teamId, cardTs: card.ts })
    .where(and(eq(r.id, id), isNull(r.cardTs)));
}

/** The card now shows `version`: in step unless the referral moved on meanwhile (then it is drawn again). */
export async function recordCardDrawn(tx: Tx, id: number, version: number): Promise<void> {
  const { referrals: r } = tx.tables;
  await tx.orm
    .update(r)
    .set({
      cardSynced: sql`${r.version} = ${version}`,
      // CAST: PostgreSQL would type a bare parameter inside CASE as text.
      cardDrawnVersion: sql`CASE WHEN ${r.cardDrawnVersion} IS NULL OR ${r.cardDrawnVersion} < CAST(${version} AS INTEGER) THEN CAST(${version} AS INTEGER) ELSE ${r.cardDrawnVersion} END`,
      cardAttempts: 0,
      cardError: null,
      cardRetryAt: null,
      cardClaimedUntil: null,
    })
    .where(eq(r.id, id));
}

/**
 * A failed attempt: counted, with Slack's error and when to try again. `lostMessage`: the card's
 * message is gone (deleted in Slack), so the next attempt posts a new one.
 */
export async function recordCardFailure(tx: Tx, id: number, failure: { error: string; retryAt: number; lostMessage?: boolean }): Promise<void> {
  const { referrals: r } = tx.tables;
  await tx.orm
    .update(r)
    .set({
      cardAttempts: sql`${r.cardAttempts} + 1`,
      cardError: failure.error,
      cardRetryAt: failure.retryAt,
      cardClaimedUntil: null,
      ...(failure.lostMessage ? { cardTs: null, cardChannelId: null, cardTeamId: null, cardDrawnVersion: null } : {}),
    })
    .where(eq(r.id, id));
}

/**
 * A card not tried this run because its channel just refused another card: pushed back like a
 * failure, unless an instance is working on it.
 */
export async function deferCard(tx: Tx, id: number, now: number, failure: { error: string; retryAt: number }): Promise<void> {
  const { referrals: r } = tx.tables;
  await tx.orm
    .update(r)
    .set({ cardAttempts: sql`${r.cardAttempts} + 1`, cardError: failure.error, cardRetryAt: failure.retryAt })
    .where(and(eq(r.id, id), eq(r.cardSynced, false), or(isNull(r.cardClaimedUntil), lte(r.cardClaimedUntil, now))));
}

/** Someone saw the card out of step (a click on a state that has passed): draw it again now. */
export async function markCardOutOfStep(tx: Tx, id: number): Promise<void> {
  const { referrals: r } = tx.tables;
  await tx.orm.update(r).set({ cardSynced: false, cardRetryAt: null }).where(eq(r.id, id));
}

/**
 * Open referrals whose card has never shown its buttons, created at or before `before`, not yet
 * reported: the referrer and the receiving agency are to be told.
 */
export async function listUnreportedUndeliverableCards(tx: Tx, before: number, limit: number): Promise<number[]> {
  const { referrals: r } = tx.tables;
  const rows = await tx.orm
    .select({ id: r.id })
    .from(r)
    .where(
      and(
        eq(r.cardSynced, false),
        isNull(r.cardDrawnVersion),
        isNull(r.cardReportedAt),
        lte(r.createdAt, before),
        or(eq(r.status, 'pending'), eq(r.status, 'accepted')),
      ),
    )
    .orderBy(asc(r.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Marks the card reported once; false when another instance reported it first. */
export async function claimCardReport(tx: Tx, id: number, at: number): Promise<boolean> {
  const { referrals: r } = tx.tables;
  const claimed = await tx.orm
    .update(r)
    .set({ cardReportedAt: at })
    .where(and(eq(r.id, id), isNull(r.cardReportedAt)))
    .returning({ id: r.id });
  return claimed.length === 1;
}
