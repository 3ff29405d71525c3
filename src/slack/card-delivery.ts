// A referral's card in the receiving agency's intake channel, kept in step with the referral.
//
// Why a card is born without buttons. Slack's chat.postMessage has no idempotency key: when it posts
// and then answers 500, answers after the timeout, or drops the connection, Liaison cannot know the
// message exists, and posting again would put two cards with live Accept buttons in the channel.
// Looking for the first copy first would need channels:history and groups:history, the right to
// read every message of a victim-services intake channel, to find one message. Instead the first
// post is one line with no buttons, and the card's details and buttons are drawn into that message
// by chat.update, which is idempotent: repeating it after an unclear answer changes nothing. An
// unclear first post leaves at worst an extra one-line announcement, never a second live card.
//
// Every drawing is recorded with the referral's version; any instance's card job redraws a card
// whose version is behind (an update Slack did not confirm), with a backoff per referral.
import { buildCardArrival, buildOlderCardCopy, buildReferralCard } from '../blocks/referral-card.js';
import { claimCardSync, markCardOutOfStep, recordCardDrawn, recordCardFailure, recordCardMessage } from '../../db/queries/cards.js';
import type { Deps } from '../deps.js';
import { cardClaimMs, retryDelayMs } from '../domain/cards.js';
import { findReferral, type Referral } from '../domain/referrals.js';
import { messagesFor } from '../i18n/index.js';
import { classifyFailure, type SlackClients } from './clients.js';

export type CardSync =
  | { status: 'in_step' }
  | { status: 'drawn' }
  /** `unclear`: Slack gave no clear answer (timeout, 5xx, dropped connection). */
  | { status: 'failed'; error: string; unclear: boolean };

/** The message a button was clicked on, when it was a message (not App Home). */
export type ClickedMessage = { channel: string; ts: string };

/**
 * Posts the referral's card if it has none, and draws its current state into it; does nothing when
 * the card is in step or another instance is working on it. A failure is recorded with the time of
 * the next attempt (the card job's business from then on).
 */
export async function syncReferralCard(deps: Deps, clients: SlackClients, referralId: number): Promise<CardSync> {
  const now = deps.clock.now().getTime();
  const claimed = await deps.db.transaction(async (tx) =>
    (await claimCardSync(tx, referralId, now, now + cardClaimMs(deps.config.slackApiTimeoutMs))) ? findReferral(tx, referralId) : undefined,
  );
  if (!claimed) return { status: 'in_step' };
  let referral = claimed;
  // A card is in its receiving agency's language, whoever's click or command drew it.
  const msg = messagesFor(referral.toAgencyLang);
  const fail = async (error: { code: string; kind: 'refused' | 'unknown' }, lostMessage = false): Promise<CardSync> => {
    const attempt = claimed.cardAttempts + 1;
    const retryAt = deps.clock.now().getTime() + retryDelayMs(attempt);
    await deps.db.transaction((tx) => recordCardFailure(tx, referralId, { error: error.code, retryAt, lostMessage }));
    deps.logger.warn('referral card not in step; retried later', { referral: referral.ref, channel: referral.intakeChannelId, error: error.code, attempt });
    return { status: 'failed', error: error.code, unclear: error.kind === 'unknown' };
  };
  if (!referral.intakeChannelId) return fail({ code: 'no_intake_channel', kind: 'refused' });

  if (!referral.cardTs) {
    try {
      const client = await clients.forTeam(referral.intakeTeamId);
      const arrival = buildCardArrival(referral, msg);
      const posted = await client.chat.postMessage({ channel: referral.intakeChannelId, text: arrival.text, blocks: arrival.blocks });
      const card = { channelId: posted.channel ?? referral.intakeChannelId, teamId: referral.intakeTeamId, ts: posted.ts! };
      await deps.db.transaction((tx) => recordCardMessage(tx, referral.id, card));
      referral = { ...referral, cardChannelId: card.channelId, cardTeamId: card.teamId, cardTs: card.ts };
    } catch (error) {
      return fail(classifyFailure(error));
    }
  }
  try {
    const client = await clients.forTeam(referral.cardTeamId);
    const card = buildReferralCard(referral, msg);
    await client.chat.update({ channel: referral.cardChannelId!, ts: referral.cardTs!, text: card.text, blocks: card.blocks });
  } catch (error) {
    const failure = classifyFailure(error);
    // The message was deleted in Slack: the next attempt posts a new one.
    return fail(failure, failure.code === 'message_not_found');
  }
  await deps.db.transaction((tx) => recordCardDrawn(tx, referral.id, referral.version));
  deps.logger.info('referral card drawn', { referral: referral.ref, version: referral.version });
  return { status: 'drawn' };
}

/**
 * After a click on a card: the card is drawn again if the click shows it out of step (a state that
 * has passed, or an update Slack never confirmed). A click on another copy (one an earlier version
 * of Liaison posted twice) turns that copy into a buttonless pointer to the current card.
 */
export async function redrawAfterClick(deps: Deps, clients: SlackClients, referral: Referral, clicked: ClickedMessage | undefined): Promise<void> {
  const isTheCard = clicked !== undefined && clicked.channel === referral.cardChannelId && clicked.ts === referral.cardTs;
  // A click on no message (App Home) or on one outside the intake channel (the referrer's direct
  // message) is not on a copy of the card: the card is brought in step, nothing else is touched.
  if (!clicked || isTheCard || clicked.channel !== referral.intakeChannelId) {
    if (isTheCard) await deps.db.transaction((tx) => markCardOutOfStep(tx, referral.id));
    await syncReferralCard(deps, clients, referral.id);
    return;
  }
  try {
    const client = await clients.forTeam(referral.intakeTeamId);
    const copy = buildOlderCardCopy(referral, messagesFor(referral.toAgencyLang));
    await client.chat.update({ channel: clicked.channel, ts: clicked.ts, text: copy.text, blocks: copy.blocks });
  } catch (error) {
    deps.logger.warn('older card copy not updated', { referral: referral.ref, error: classifyFailure(error).code });
  }
  await syncReferralCard(deps, clients, referral.id);
}
