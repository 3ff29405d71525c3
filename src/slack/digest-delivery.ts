// Posting a claimed digest run, once. Slack refusing (ok:false, 429) leaves the run failed and due;
// no clear answer leaves it unknown, logged and reported to the lead agency's coordinators.
import { buildDigestMessageIn } from '../blocks/digest.js';
import type { Deps } from '../deps.js';
import { finishDigestRun } from '../domain/digest-runs.js';
import { computeDigest } from '../domain/digest.js';
import { getOperationById } from '../domain/operations.js';
import { leadCoordinators } from '../domain/members.js';
import { type Messages, messagesFor } from '../i18n/index.js';
import { classifyFailure, type SlackClients } from './clients.js';
import { slackErrorCode } from './reminder-delivery.js';

export type DigestDelivery = { status: 'posted'; channel: string } | { status: 'failed' | 'unknown'; error: string };

export async function postDigestRun(
  deps: Deps,
  clients: SlackClients,
  run: { runId: number | null; operationId: number; localDate: string },
): Promise<DigestDelivery> {
  const now = deps.clock.now();
  const { operation, digest } = await deps.db.read(async (tx) => {
    const operation = await getOperationById(tx, run.operationId);
    return { operation, digest: await computeDigest(tx, operation.id, now, deps.config.overdueLimits.pending) };
  });
  const finish = (outcome: Parameters<typeof finishDigestRun>[2]) =>
    deps.db.transaction((tx) => finishDigestRun(tx, run.runId, outcome, deps.clock.now().getTime()));
  const channel = operation.digestChannelId;
  const context = { operation: operation.code, date: run.localDate, run: run.runId };
  if (!channel) {
    await finish({ status: 'failed', error: 'no_digest_channel' });
    return { status: 'failed', error: 'no_digest_channel' };
  }
  const message = buildDigestMessageIn(operation.lang, digest, run.localDate, { audience: 'channel', hideBelow: operation.hideBelow });
  // Labels of figures (e.g. `byAgency.WPS.referrals`), never values: the post said as little as it can.
  if (message.unprotected.length > 0) deps.logger.warn('digest posted with figures the small-numbers check could not protect', { ...context, figures: message.unprotected });
  try {
    const client = await clients.noRetryForTeam(operation.digestTeamId);
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    await finish({ status: 'posted', messageTs: posted.ts ?? '' });
    deps.logger.info('digest posted', context);
    return { status: 'posted', channel };
  } catch (error) {
    const failure = classifyFailure(error);
    const status = failure.kind === 'refused' ? 'failed' : 'unknown';
    await finish({ status, error: failure.code });
    if (status === 'failed') {
      deps.logger.warn('digest refused by Slack; it stays due', { ...context, error: failure.code });
    } else {
      deps.logger.error('digest outcome unknown; not retried', { ...context, error: failure.code });
      await reportUnknownOutcome(deps, clients, operation.leadAgencyId, (msg) => msg.digest.outcomeUnknown(operation.code, run.localDate, channel));
    }
    return { status, error: failure.code };
  }
}

/** Tells the lead coordinators about runs a crash cut short: the digest may or may not be in the channel. */
export async function reportInterruptedRuns(
  deps: Deps,
  clients: SlackClients,
  runs: Array<{ operationId: number; localDate: string }>,
): Promise<void> {
  for (const run of runs) {
    const operation = await deps.db.read((tx) => getOperationById(tx, run.operationId));
    deps.logger.error('digest outcome unknown after an interruption; not retried', { operation: operation.code, date: run.localDate });
    await reportUnknownOutcome(deps, clients, operation.leadAgencyId, (msg) => msg.digest.outcomeUnknown(operation.code, run.localDate, operation.digestChannelId ?? ''));
  }
}

/** Each coordinator reads it in their own language. */
async function reportUnknownOutcome(deps: Deps, clients: SlackClients, leadAgencyId: number, text: (msg: Messages) => string): Promise<void> {
  const coordinators = await deps.db.read((tx) => leadCoordinators(tx, leadAgencyId));
  // An agency with no coordinator registered yet: the deployment's bootstrap admins hear instead.
  const people = coordinators.length
    ? coordinators
    : deps.config.bootstrapAdmins.map((a) => ({ teamId: a.teamId ?? '', userId: a.userId }));
  for (const person of people) {
    try {
      const client = await clients.forTeam(person.teamId);
      await client.chat.postMessage({ channel: person.userId, text: text(messagesFor(await clients.languageOf(person.teamId, person.userId))) });
    } catch (error) {
      deps.logger.warn('coordinator not told of an unknown digest outcome', { user: person.userId, error: slackErrorCode(error) });
    }
  }
}
