// Sends the direct messages Slack has not taken yet (a request's first attempt failed, or the
// instance stopped before sending), each at its own retry time.
import { listDueDirectMessages } from '../../db/queries/direct-messages.js';
import { sendDirectMessages } from '../slack/direct-messages.js';
import type { Job } from './types.js';

const MESSAGES_PER_RUN = 50;

export const directMessagesJob: Job = {
  name: 'direct-messages',
  async run({ deps, clients }, now) {
    await sendDirectMessages(deps, clients, await deps.db.read((tx) => listDueDirectMessages(tx, now.getTime(), MESSAGES_PER_RUN)));
  },
};
