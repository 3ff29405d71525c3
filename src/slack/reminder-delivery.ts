// The overdue reminders threaded under a referral's card (the card itself: card-delivery.ts; the
// direct messages: direct-messages.ts). Failures are logged with ids and Slack's error code only.
import type { Deps } from '../deps.js';
import type { Referral } from '../domain/referrals.js';
import type { SlackClients } from './clients.js';

export type Delivery = { ok: true } | { ok: false; error: string };

export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: string }; code?: string };
  return e?.data?.error ?? e?.code ?? 'unknown_error';
}

/** A reminder threaded under the card. */
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
