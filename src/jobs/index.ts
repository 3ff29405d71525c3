// The scheduled jobs, in the order each tick runs them: cards first, so reminders can thread under
// them; then the direct messages still owed, digests; retention, backups and housekeeping last.
import { backupsJob } from './backups.js';
import { digestsJob } from './digests.js';
import { directMessagesJob } from './direct-messages.js';
import { housekeepingJob } from './housekeeping.js';
import { referralCardsJob } from './referral-cards.js';
import { referralRemindersJob } from './referral-reminders.js';
import { retentionJob } from './retention.js';
import type { Job } from './types.js';

export const JOBS: readonly Job[] = [referralCardsJob, referralRemindersJob, directMessagesJob, digestsJob, retentionJob, backupsJob, housekeepingJob];
