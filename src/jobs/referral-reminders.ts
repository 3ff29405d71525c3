// Reminds intake channels of overdue referrals, threaded under each card. Each reminder is claimed
// before it is posted, so of several instances running this job, one posts it.
import { claimReminder, dueReminders, limitFor, releaseReminder } from '../domain/reminders.js';
import { messagesFor } from '../i18n/index.js';
import { postReminder } from '../slack/referral-delivery.js';
import type { Job } from './types.js';

const HOUR = 3_600_000;

export const referralRemindersJob: Job = {
  name: 'referral-reminders',
  async run({ deps, clients }, now) {
    const msg = messagesFor();
    const limits = deps.config.overdueLimits;
    for (const due of await deps.db.read((tx) => dueReminders(tx, now.getTime(), limits))) {
      if (!(await deps.db.transaction((tx) => claimReminder(tx, due)))) continue;
      const { referral } = due;
      const limit = limitFor(referral, limits);
      const text =
        referral.status === 'pending'
          ? msg.referral.reminderPending(referral, Math.round(limit / HOUR))
          : msg.referral.reminderAccepted(referral, Math.round(limit / (24 * HOUR)));
      const delivery = await postReminder(deps, clients, referral, text);
      if (delivery.ok) deps.logger.info('reminder posted', { referral: referral.ref, period: due.periods });
      else await deps.db.transaction((tx) => releaseReminder(tx, due));
    }
  },
};
