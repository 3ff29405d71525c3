// When Liaison tries again, for what it owes Slack: a referral's card (posted, then drawn in place
// for each state) and direct messages. Pure timing rules; the Slack adapter and the jobs apply them.

/** The first retry after a failure, doubling after each further one up to CARD_RETRY_MAX_MS. */
const RETRY_FIRST_MS = 30_000;
/** A channel Liaison was just invited to gets its cards within this long. */
export const CARD_RETRY_MAX_MS = 5 * 60_000;

/** When to try again after the `attempts`-th failure in a row (1, 2, …): 30 s, 1 min, 2 min, 4 min, then every 5 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, attempts - 1), CARD_RETRY_MAX_MS);
}

/**
 * How long an instance holds a card it is posting and drawing: longer than both calls with all the
 * Web API client's retries (4 attempts each of at most SLACK_API_TIMEOUT_MS, and back-off), so no
 * other instance starts on it meanwhile; one that stops mid-way leaves a claim that runs out.
 */
export function cardClaimMs(slackApiTimeoutMs: number): number {
  return 8 * slackApiTimeoutMs + 10_000;
}

/** A card that has not shown its buttons this long after the referral is reported to the people concerned. */
export const CARD_REPORT_AFTER_MS = 5 * 60_000;

/** A direct message Slack has not taken after this long is given up (and logged). */
export const DIRECT_MESSAGE_GIVE_UP_MS = 24 * 3_600_000;

/** Slack's answers that no retry of a direct message can change. */
const UNDELIVERABLE_DIRECT_MESSAGE = new Set(['user_not_found', 'channel_not_found', 'account_inactive', 'user_disabled', 'cannot_dm_bot', 'not_installed']);

/** When to try a direct message again after a failure, or null to give it up. */
export function directMessageRetryAt(failure: { error: string; attempts: number; createdAt: number; now: number }): number | null {
  if (UNDELIVERABLE_DIRECT_MESSAGE.has(failure.error)) return null;
  const at = failure.now + retryDelayMs(failure.attempts);
  return at - failure.createdAt > DIRECT_MESSAGE_GIVE_UP_MS ? null : at;
}

/**
 * Slack's answers that say the whole channel (or workspace) refuses Liaison, not this one card: the
 * card job then spends no call on the channel's other cards until their own retry time.
 */
const CHANNEL_REFUSALS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'not_installed', 'invalid_auth', 'account_inactive', 'token_revoked', 'missing_scope', 'restricted_action']);

export function refusesWholeChannel(error: string): boolean {
  return CHANNEL_REFUSALS.has(error);
}
