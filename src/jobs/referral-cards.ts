// Posts referral cards that are still queued: the first post failed, or the instance stopped
// between storing the referral and posting its card. Each card is claimed before it is posted, so
// of several instances running this job, one posts it.
import { claimCardsToPost } from '../domain/cards.js';
import { findReferral } from '../domain/referrals.js';
import { messagesFor } from '../i18n/index.js';
import { postClaimedCard } from '../slack/referral-delivery.js';
import type { Job } from './types.js';

export const referralCardsJob: Job = {
  name: 'referral-cards',
  async run({ deps, clients }, now) {
    const referrals = await deps.db.transaction(async (tx) => {
      const ids = await claimCardsToPost(tx, now.getTime(), deps.config.slackApiTimeoutMs);
      return Promise.all(ids.map(async (id) => (await findReferral(tx, id))!));
    });
    for (const referral of referrals) await postClaimedCard(deps, clients, referral, messagesFor());
  },
};
