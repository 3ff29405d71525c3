// The officer's next steps as buttons: under "Logged E-n" (`Refer` when the person accepted support,
// the form opening with that engagement chosen, and `Log another`), `Refer elsewhere` on a decline,
// and logging and referring from App Home: the officer never retypes a reference.
import type { KnownBlock } from '@slack/types';
import type { Messages } from '../i18n/index.js';
import { IDS } from '../slack/ids.js';
import { plain } from './elements.js';

export function engagementNextSteps(engagement: { id: number; accepted: boolean }, msg: Messages): KnownBlock {
  const value = JSON.stringify({ engagement: engagement.id });
  const refer = { type: 'button' as const, action_id: IDS.nextSteps.refer, text: plain(msg.engage.refer), style: 'primary' as const, value };
  const logAnother = { type: 'button' as const, action_id: IDS.nextSteps.logAnother, text: plain(msg.engage.logAnother), value };
  return { type: 'actions', block_id: IDS.nextSteps.actionsBlock, elements: engagement.accepted ? [refer, logAnother] : [logAnother] };
}

/** `Refer elsewhere` on the officer's message about a declined referral: the same person, another agency. */
export function referElsewhere(engagementId: number, msg: Messages, blockId: string): KnownBlock {
  const value = JSON.stringify({ engagement: engagementId });
  return { type: 'actions', block_id: blockId, elements: [{ type: 'button', action_id: IDS.nextSteps.refer, text: plain(msg.engage.referElsewhere), value }] };
}

/** The officer's actions at the top of App Home. */
export function officerActions(msg: Messages): KnownBlock {
  return {
    type: 'actions',
    block_id: 'home_officer_actions',
    elements: [
      { type: 'button', action_id: IDS.nextSteps.logAnother, text: plain(msg.home.logEngagement), style: 'primary', value: '{}' },
      { type: 'button', action_id: IDS.nextSteps.refer, text: plain(msg.home.refer), value: '{}' },
    ],
  };
}
