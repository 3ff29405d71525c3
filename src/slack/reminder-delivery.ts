// What is threaded under a referral's card: overdue reminders and the notice of a withdrawal (the
// card itself: card-delivery.ts; the direct messages: direct-messages.ts). Failures are logged with
// ids and Slack's error code only.
import type { Deps } from '../deps.js';
import { findReferral, type Referral } from '../domain/referrals.js';
import { messagesFor } from '../i18n/index.js';
import type { SlackClients } from './clients.js';

export type Delivery = { ok: true } | { ok: false; error: string };

export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: string }; code?: string };
  return e?.data?.error ?? e?.code ?? 'unknown_error';
}

/** A reminder threaded under the card. */
/**
 * Tells the intake channel, under the card, that a referral was withdrawn: the card already shows
 * it, but a line in the thread reaches people following the card. In the card's language; one try
 * (the card itself is the durable record).
 */
export async function tellIntakeOfWithdrawal(deps: Deps, clients: SlackClients, referralId: number): Promise<void> {
  const referral = await deps.db.read((tx) => findReferral(tx, referralId));
  if (referral?.status !== 'withdrawn') return;
  await postReminder(deps, clients, referral, messagesFor(referral.toAgencyLang).referral.withdrawnNotice(referral));
}

export async function postReminder(deps: Deps, clients: SlackClients, referral: Referral, text: string): Promise<Delivery> {
  if (!referral.cardTs || !referral.cardChannelId || referral.cardDrawnVersion === null) return { ok: false, error: 'card_not_posted' };
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
