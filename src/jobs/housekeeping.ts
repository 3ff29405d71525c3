// Forgets what the shared state no longer needs: handled requests older than any replay Slack's
// signature check would let through, rate buckets that are full again, App Home viewers past their
// time, direct messages sent a week ago. Each is a small delete; every instance may run it.
import { deleteFinishedDirectMessagesBefore } from '../../db/queries/direct-messages.js';
import { forgetHomeViewersBefore } from '../../db/queries/home-viewers.js';
import { forgetRequestsBefore } from '../../db/queries/handled-requests.js';
import { forgetBucketsBefore } from '../../db/queries/rate-buckets.js';
import { rateLimitFor, refillTimeMs } from '../domain/rate-limit.js';
import { VIEWER_TTL_MS } from '../slack/home.js';
import type { Job } from './types.js';

/** Sent (or given-up) direct messages are kept a week, for whoever asks whether a message went out. */
const FINISHED_MESSAGE_MEMORY_MS = 7 * 24 * 3_600_000;

/** Slack refuses a signature more than five minutes old; a minute more covers clock skew. */
export const REQUEST_MEMORY_MS = 6 * 60_000;

export const housekeepingJob: Job = {
  name: 'housekeeping',
  async run({ deps }, now) {
    // Requests and rate buckets are kept in wall-clock time, as Slack's signature window and a
    // person's typing are; App Home viewers in Liaison's own time.
    const wallClock = Date.now();
    const refill = refillTimeMs(rateLimitFor(deps.config.commandRatePerMinute));
    await deps.db.transaction(async (tx) => {
      await forgetRequestsBefore(tx, wallClock - REQUEST_MEMORY_MS);
      await forgetBucketsBefore(tx, wallClock - Math.max(refill, 60_000));
      await forgetHomeViewersBefore(tx, now.getTime() - VIEWER_TTL_MS);
      await deleteFinishedDirectMessagesBefore(tx, now.getTime() - FINISHED_MESSAGE_MEMORY_MS);
    });
  },
};
