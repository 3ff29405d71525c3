// Sending the direct messages Liaison owes (queued in the database by the change they announce):
// right after a request, and by the job for any that Slack did not take. Each is claimed first, so
// of several instances one sends it; each is written from the referral when it is sent.
import { claimDirectMessage, listQueuedDirectMessagesFor, type QueuedDirectMessage, recordDirectMessageFailure, recordDirectMessageSent } from '../../db/queries/direct-messages.js';
import type { KnownBlock } from '@slack/types';
import { mrkdwn } from '../blocks/elements.js';
import { withdrawAction } from '../blocks/referral-card.js';
import { referElsewhere } from '../blocks/next-steps.js';
import type { Deps } from '../deps.js';
import { directMessageRetryAt } from '../domain/cards.js';
import { findReferral, type Referral } from '../domain/referrals.js';
import { limitFor } from '../domain/reminders.js';
import { type Messages, messagesFor } from '../i18n/index.js';
import { classifyFailure, type SlackClients } from './clients.js';

const HOUR = 3_600_000;

/** Sends the messages queued for one referral (what a transition just queued). */
export async function sendQueuedDirectMessagesFor(deps: Deps, clients: SlackClients, referralId: number): Promise<void> {
  await sendDirectMessages(deps, clients, await deps.db.read((tx) => listQueuedDirectMessagesFor(tx, referralId)));
}

export async function sendDirectMessages(deps: Deps, clients: SlackClients, ids: readonly number[]): Promise<void> {
  for (const id of ids) {
    const now = deps.clock.now().getTime();
    const claimed = await deps.db.transaction(async (tx) => {
      // Longer than one call with all its retries: no other instance sends it meanwhile.
      const message = await claimDirectMessage(tx, id, now, now + 5 * deps.config.slackApiTimeoutMs);
      return message && { message, referral: (await findReferral(tx, message.referralId))! };
    });
    if (claimed) await send(deps, clients, claimed.message, claimed.referral);
  }
}

async function send(deps: Deps, clients: SlackClients, message: QueuedDirectMessage, referral: Referral): Promise<void> {
  const context = { referral: referral.ref, kind: message.kind, user: message.userId };
  try {
    const client = await clients.forTeam(message.teamId);
    // Written when sent, from the referral as it is now, in the reader's language.
    const msg = messagesFor(await clients.languageOf(message.teamId, message.userId));
    const text = textOf(deps, message, referral, msg);
    await client.chat.postMessage({ channel: message.userId, text, ...blocksOf(message, referral, text, msg) });
    await deps.db.transaction((tx) => recordDirectMessageSent(tx, message.id, deps.clock.now().getTime()));
  } catch (error) {
    const { code } = classifyFailure(error);
    const now = deps.clock.now().getTime();
    const retryAt = directMessageRetryAt({ error: code, attempts: message.attempts + 1, createdAt: message.createdAt, now });
    await deps.db.transaction((tx) => recordDirectMessageFailure(tx, message.id, { error: code, retryAt }));
    if (retryAt === null) deps.logger.error('direct message given up', { ...context, error: code, attempts: message.attempts + 1 });
    else deps.logger.warn('direct message not sent; retried later', { ...context, error: code, attempt: message.attempts + 1 });
  }
}

/**
 * The referrer's message about a referral carries the next step: Withdraw while it is open,
 * Refer elsewhere once it is declined.
 */
function blocksOf(message: QueuedDirectMessage, referral: Referral, text: string, msg: Messages): { blocks?: KnownBlock[] } {
  if (message.kind !== 'referral_status') return {};
  const next =
    referral.status === 'declined' ? referElsewhere(referral.engagementId, msg, `dm_refer_elsewhere_${referral.id}`) : withdrawAction(referral, msg, `dm_withdraw_${referral.id}`);
  return next ? { blocks: [{ type: 'section', text: mrkdwn(text) }, next] } : {};
}

function textOf(deps: Deps, message: QueuedDirectMessage, referral: Referral, msg: Messages): string {
  switch (message.kind) {
    case 'referral_status':
      return msg.referral.dm(referral);
    case 'card_undeliverable':
      return msg.referral.cardUndeliverable(referral, message.detail);
    case 'overdue_without_card':
      return msg.referral.overdueWithoutCard(referral, Math.round(limitFor(referral, deps.config.overdueLimits) / HOUR));
  }
}
