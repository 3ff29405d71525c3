// The referral card in the receiving agency's intake channel: what help is needed and who arranges
// the hand-over, never who the person is. One builder serves the first post and every update, so
// the channel always shows the current state and who did it.
import type { KnownBlock } from '@slack/types';
import { isWithdrawable, type Referral } from '../domain/referrals.js';
import type { Messages } from '../i18n/index.js';
import { IDS } from '../slack/ids.js';
import { escapeMrkdwn, mrkdwn, plain } from './elements.js';

export interface Message {
  text: string;
  blocks: KnownBlock[];
}

/**
 * The card's first post: a line with no buttons. Its details and buttons are drawn into it by
 * chat.update, which can be repeated safely; a post whose answer was lost may leave this line
 * behind, never a second card with live buttons.
 */
export function buildCardArrival(referral: Referral, msg: Messages): Message {
  const text = msg.referral.card.arriving(referral);
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

/** The card as it is now, without buttons, on a copy that is not the one kept current. */
export function buildOlderCardCopy(referral: Referral, msg: Messages): Message {
  const card = buildReferralCard(referral, msg);
  const blocks = card.blocks.filter((b) => b.type !== 'actions');
  blocks.push({ type: 'context', elements: [mrkdwn(msg.referral.card.olderCopy)] });
  return { text: card.text, blocks };
}

export function buildReferralCard(referral: Referral, msg: Messages): Message {
  const m = msg.referral.card;
  const fields = [
    mrkdwn(`*${m.needs}*\n${referral.needs.map((n) => msg.labels.need[n]).join(', ')}`),
    mrkdwn(`*${m.urgency}*\n${msg.labels.urgency[referral.urgency]}`),
    mrkdwn(`*${m.ageBand}*\n${msg.labels.ageBand[referral.ageBand as keyof Messages['labels']['ageBand']] ?? referral.ageBand}`),
    mrkdwn(`*${m.area}*\n${referral.area ? escapeMrkdwn(referral.area) : '—'}`),
    mrkdwn(`*${m.language}*\n${referral.language ?? '—'}`),
    mrkdwn(`*${m.operation}*\n${referral.operationCode}`),
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(m.title(referral.ref, referral.urgency)) },
    { type: 'section', fields },
    { type: 'section', text: mrkdwn(m.contact(referral.fromAgencyCode, referral.referrer.userId)) },
  ];
  if (referral.note) blocks.push({ type: 'context', elements: [mrkdwn(m.note(referral.note))] });
  blocks.push({ type: 'context', elements: [mrkdwn(m.status(referral))] });
  const actions = referralActions(referral, msg);
  if (actions) blocks.push(actions);
  return { text: m.fallback(referral), blocks };
}

/** The buttons for the referral's current state (Accept and Decline, then Close, then none). */
export function referralActions(referral: Referral, msg: Messages, blockId: string = IDS.referralCard.actionsBlock): KnownBlock | null {
  const m = msg.referral.card;
  const value = JSON.stringify({ referral: referral.id });
  if (referral.status === 'pending') {
    return {
      type: 'actions',
      block_id: blockId,
      elements: [
        { type: 'button', action_id: IDS.referralCard.accept, text: plain(m.accept), style: 'primary', value },
        { type: 'button', action_id: IDS.referralCard.decline, text: plain(m.decline), style: 'danger', value },
      ],
    };
  }
  if (referral.status === 'accepted') {
    return { type: 'actions', block_id: blockId, elements: [{ type: 'button', action_id: IDS.referralCard.close, text: plain(m.close), value }] };
  }
  return null;
}

/**
 * The referring side's button, Withdraw, while the referral is open: on the referrer's App Home and
 * direct message. The card has none: it is the receiving agency's.
 */
export function withdrawAction(referral: Referral, msg: Messages, blockId: string): KnownBlock | null {
  if (!isWithdrawable(referral)) return null;
  const value = JSON.stringify({ referral: referral.id });
  return {
    type: 'actions',
    block_id: blockId,
    elements: [{ type: 'button', action_id: IDS.referralCard.withdraw, text: plain(msg.referral.card.withdraw), value }],
  };
}
