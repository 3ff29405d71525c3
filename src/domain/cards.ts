// Whose turn it is to post a referral's card. A card is posted by one instance at a time: the
// instance claims it in the database for long enough to finish its post (every retry included), and
// an instance that stops mid-post leaves a claim that simply runs out.
import type { Tx } from '../../db/database.js';
import { claimCard, claimQueuedCards, recordCardPosted, releaseCard } from '../../db/queries/referrals.js';

/** Longer than a post with all its retries can take (4 attempts of at most SLACK_API_TIMEOUT_MS, and back-off). */
export function cardClaimMs(slackApiTimeoutMs: number): number {
  return 5 * slackApiTimeoutMs;
}

/** Claims a fresh referral's card; false when its card is posted or another instance is posting it. */
export function claimCardToPost(tx: Tx, referralId: number, now: number, slackApiTimeoutMs: number): Promise<boolean> {
  return claimCard(tx, referralId, now, now + cardClaimMs(slackApiTimeoutMs));
}

/** Claims queued cards nobody is posting, oldest first; returns the referrals' ids. */
export function claimCardsToPost(tx: Tx, now: number, slackApiTimeoutMs: number, limit = 20): Promise<number[]> {
  return claimQueuedCards(tx, now, now + cardClaimMs(slackApiTimeoutMs), limit);
}

export function recordCard(tx: Tx, referralId: number, card: { channelId: string; teamId: string | null; ts: string }): Promise<void> {
  return recordCardPosted(tx, referralId, card);
}

/** Slack refused the post: the card stays queued and any instance may try again. */
export function giveCardBack(tx: Tx, referralId: number): Promise<void> {
  return releaseCard(tx, referralId);
}
