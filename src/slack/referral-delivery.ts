// Delivering a referral to Slack: its card in the intake channel (posted once, then updated in
// place), the referring officer's direct messages, and the overdue reminders threaded under the card.
// Each goes through the installation of the workspace it lands in. Failures are logged with ids and
// Slack's error code only; a card that could not be posted stays queued in the database (card_ts
// is null) and the card job posts it later.
import { buildReferralCard } from '../blocks/referral-card.js';
import type { Deps } from '../deps.js';
import { claimCardToPost, giveCardBack, recordCard } from '../domain/cards.js';
import { findReferral, type Referral } from '../domain/referrals.js';
import type { Messages } from '../i18n/index.js';
import type { SlackClients } from './clients.js';

export type Delivery = { ok: true } | { ok: false; error: string };

export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: string }; code?: string };
  return e?.data?.error ?? e?.code ?? 'unknown_error';
}

/** Posts the card if it has not been posted and no other instance is posting it; records where it went. */
export async function postReferralCard(deps: Deps, clients: SlackClients, referralId: number, msg: Messages): Promise<Delivery> {
  const now = deps.clock.now().getTime();
  const referral = await deps.db.transaction(async (tx) =>
    (await claimCardToPost(tx, referralId, now, deps.config.slackApiTimeoutMs)) ? findReferral(tx, referralId) : undefined,
  );
  if (!referral) return { ok: true };
  return postClaimedCard(deps, clients, referral, msg);
}

/** Posts a card this instance has claimed; on a refusal gives the claim back, so it stays queued for the card job. */
export async function postClaimedCard(deps: Deps, clients: SlackClients, referral: Referral, msg: Messages): Promise<Delivery> {
  const release = () => deps.db.transaction((tx) => giveCardBack(tx, referral.id));
  if (!referral.intakeChannelId) {
    await release();
    return { ok: false, error: 'no_intake_channel' };
  }
  let posted: { channel?: string; ts?: string };
  try {
    const client = await clients.forTeam(referral.intakeTeamId);
    const card = buildReferralCard(referral, msg);
    posted = await client.chat.postMessage({ channel: referral.intakeChannelId, text: card.text, blocks: card.blocks });
  } catch (error) {
    const code = slackErrorCode(error);
    deps.logger.warn('referral card not posted; queued for retry', { referral: referral.ref, channel: referral.intakeChannelId, error: code });
    await release().catch(() => deps.logger.warn('card claim not released; it runs out by itself', { referral: referral.ref }));
    return { ok: false, error: code };
  }
  const channelId = posted.channel ?? referral.intakeChannelId;
  await deps.db.transaction((tx) => recordCard(tx, referral.id, { channelId, teamId: referral.intakeTeamId, ts: posted.ts! }));
  deps.logger.info('referral card posted', { referral: referral.ref, channel: referral.intakeChannelId });
  return { ok: true };
}

/**
 * Shows the referral's current state on its card (or posts the card if it is still queued). A
 * click on another copy of the card (one a crash left behind, posted again later) updates that
 * copy too, so no copy keeps buttons for a state that has passed.
 */
export async function refreshReferralCard(
  deps: Deps,
  clients: SlackClients,
  referral: Referral,
  msg: Messages,
  clicked?: { channel: string; ts: string },
): Promise<void> {
  if (!referral.cardTs || !referral.cardChannelId) {
    await postReferralCard(deps, clients, referral.id, msg);
    return;
  }
  const copies = [{ channel: referral.cardChannelId, ts: referral.cardTs }];
  if (clicked && clicked.channel === referral.cardChannelId && clicked.ts !== referral.cardTs) copies.push(clicked);
  const card = buildReferralCard(referral, msg);
  for (const copy of copies) {
    try {
      const client = await clients.forTeam(referral.cardTeamId);
      await client.chat.update({ channel: copy.channel, ts: copy.ts, text: card.text, blocks: card.blocks });
    } catch (error) {
      deps.logger.warn('referral card not updated', { referral: referral.ref, error: slackErrorCode(error) });
    }
  }
}

/** A direct message to the referring officer, through their own workspace's installation. */
export async function notifyReferrer(deps: Deps, clients: SlackClients, referral: Referral, text: string): Promise<void> {
  try {
    const client = await clients.forTeam(referral.referrer.teamId);
    await client.chat.postMessage({ channel: referral.referrer.userId, text });
  } catch (error) {
    deps.logger.warn('referrer not notified', { referral: referral.ref, error: slackErrorCode(error) });
  }
}

/** A reminder threaded under the card. */
export async function postReminder(deps: Deps, clients: SlackClients, referral: Referral, text: string): Promise<Delivery> {
  if (!referral.cardTs || !referral.cardChannelId) return { ok: false, error: 'card_not_posted' };
  try {
    const client = await clients.forTeam(referral.cardTeamId);
    await client.chat.postMessage({ channel: referral.cardChannelId, thread_ts: referral.cardTs, text });
    return { ok: true };
  } catch (error) {
    const code = slackErrorCode(error);
    deps.logger.warn('reminder not posted', { referral: referral.ref, error: code });
    return { ok: false, error: code };
  }
}
