// Posts each operation's daily digest at its local digest time: asks the database what is due,
// claims each run, posts it once. Every instance runs this job; the claims make one of them post.
import { claimDigestRun, dueDigests, markInterruptedRuns } from '../domain/digest-runs.js';
import { postDigestRun, reportInterruptedRuns } from '../slack/digest-delivery.js';
import type { Job } from './types.js';

export const digestsJob: Job = {
  name: 'digests',
  async run({ deps, clients }, now) {
    const at = now.getTime();
    // A post never takes longer than its Web API timeout: a claim three times older was cut short.
    const interrupted = await deps.db.transaction((tx) => markInterruptedRuns(tx, at, 3 * deps.config.slackApiTimeoutMs));
    await reportInterruptedRuns(deps, clients, interrupted);
    for (const due of await deps.db.read((tx) => dueDigests(tx, at))) {
      const runId = await deps.db.transaction((tx) => claimDigestRun(tx, due.operationId, due.localDate, 'schedule', at));
      if (runId === null) continue; // another instance has it
      await postDigestRun(deps, clients, { runId, operationId: due.operationId, localDate: due.localDate });
    }
  },
};
