// The next step offered under "Logged E-n": `Refer` when the person accepted support (the form opens
// with that engagement chosen), and `Log another`, so the officer never retypes a reference.
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
