// Reminds the receiving agency of overdue referrals: threaded under the card, or, for a referral
// whose card could not be posted, by direct message to its intake workers and coordinators and to
// the referring officer. Each reminder is claimed before it is sent, so of several instances running
// this job, one sends it.
import { claimReminder, dueReminders, limitFor, releaseReminder } from '../domain/reminders.js';
import { intakeAndCoordinators } from '../domain/members.js';
import { messagesFor } from '../i18n/index.js';
import { queueFor, receivingPeople } from '../slack/card-reports.js';
import { sendDirectMessages } from '../slack/direct-messages.js';
import { postReminder } from '../slack/reminder-delivery.js';
import type { Job } from './types.js';

const HOUR = 3_600_000;

export const referralRemindersJob: Job = {
  name: 'referral-reminders',
  async run({ deps, clients }, now) {
    const limits = deps.config.overdueLimits;
    for (const due of await deps.db.read((tx) => dueReminders(tx, now.getTime(), limits))) {
      const { referral } = due;
      if (referral.cardDrawnVersion === null) {
        // No card to thread under: the reminder is owed as direct messages, queued with its claim.
        const queued = await deps.db.transaction(async (tx) => {
          if (!(await claimReminder(tx, due))) return [];
          const people = await receivingPeople(deps, tx, referral, await intakeAndCoordinators(tx, referral.toAgencyId));
          return queueFor(tx, [...people, referral.referrer], referral, 'overdue_without_card', now.getTime());
        });
        await sendDirectMessages(deps, clients, queued);
        continue;
      }
      if (!(await deps.db.transaction((tx) => claimReminder(tx, due)))) continue;
      const limit = limitFor(referral, limits);
      // Threaded under the card: in the card's (the receiving agency's) language.
      const msg = messagesFor(referral.toAgencyLang);
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
