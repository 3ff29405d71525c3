// Posts each operation's daily digest at its local digest time: asks the database what is due,
// claims each run, posts it once.
import { claimDigestRun, dueDigests, markInterruptedRuns } from '../domain/digest-runs.js';
import { messagesFor } from '../i18n/index.js';
import { postDigestRun, reportInterruptedRuns } from '../slack/digest-delivery.js';
import type { Job } from './types.js';

export const digestsJob: Job = {
  name: 'digests',
  async run({ deps, clients }, now) {
    // A post never takes longer than its Web API timeout: a claim three times older was cut short.
    const interrupted = markInterruptedRuns(deps.db, now.getTime(), 3 * deps.config.slackApiTimeoutMs);
    await reportInterruptedRuns(deps, clients, interrupted, messagesFor());
    for (const due of dueDigests(deps.db, now.getTime())) {
      const runId = claimDigestRun(deps.db, due.operationId, due.localDate, 'schedule', now.getTime());
      if (runId === null) continue; // another process has it
      await postDigestRun(deps, clients, { runId, operationId: due.operationId, localDate: due.localDate }, messagesFor());
    }
  },
};
