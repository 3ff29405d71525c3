// Posts referral cards that are still queued: the first post failed, or the process stopped
// between storing the referral and posting its card.
import { referralsAwaitingCard } from '../domain/referrals.js';
import { messagesFor } from '../i18n/index.js';
import { postReferralCard } from '../slack/referral-delivery.js';
import type { Job } from './types.js';

export const referralCardsJob: Job = {
  name: 'referral-cards',
  async run({ deps, clients }) {
    for (const id of referralsAwaitingCard(deps.db)) await postReferralCard(deps, clients, id, messagesFor());
  },
};
