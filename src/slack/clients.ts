// The Web API clients. The app's own client retries what Slack says to retry (429 with
// Retry-After, 5xx) with a timeout per call; the digest client never retries, because a retried
// post whose first answer was lost can post the digest twice.
import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { WebClient } from './effects.js';
import { type Language, PersonLanguages } from './languages.js';

/** No Web API call may hang a listener or a job for long (SLACK_API_TIMEOUT_MS, 10 s by default). */
export function appClientOptions(config: Config): webApi.WebClientOptions {
  return {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    timeout: config.slackApiTimeoutMs,
    // A few quick retries, well inside Slack's patience, instead of the default half hour.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000, randomize: true },
  };
}

export function createNoRetryClient(token: string, config: Config): WebClient {
  return new webApi.WebClient(token, {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    timeout: config.slackApiTimeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  }) as WebClient;
}

/**
 * What a failed call tells us: `refused` when Slack answered and nothing was done (an `ok:false`
 * error, or 429 rate limiting); `unknown` when there was no clear answer (timeout, network, 5xx).
 */
export function classifyFailure(error: unknown): { kind: 'refused' | 'unknown'; code: string } {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
  if (e?.code === webApi.ErrorCode.PlatformError) return { kind: 'refused', code: e.data?.error ?? 'platform_error' };
  if (e?.code === webApi.ErrorCode.RateLimitedError) return { kind: 'refused', code: 'ratelimited' };
  if (e?.code === webApi.ErrorCode.HTTPError) return { kind: 'unknown', code: `http_${e.statusCode ?? 'error'}` };
  return { kind: 'unknown', code: e?.code ?? 'request_error' };
}

/**
 * Clients that post as Liaison in a given workspace. In single-workspace mode every team is the
 * one bot; in distribution mode each team has its own installation, and a card for an agency
 * whose intake channel lives in workspace B must be posted with B's token.
 */
export interface SlackClients {
  forTeam(teamId: string | null): Promise<WebClient>;
  /** The same workspace's client, but never retrying: for posts that must not happen twice. */
  noRetryForTeam(teamId: string | null): Promise<WebClient>;
  /** The language a person reads Liaison in (their Slack locale), looked up once and kept. */
  languageOf(teamId: string, userId: string): Promise<Language>;
}

/** Distribution mode: each workspace's own bot token, from its installation; clients cached per token. */
export function distributionClients(
  installations: { findBotToken(teamId: string): Promise<string | undefined> },
  config: Config,
  onLookupFailed?: (error: unknown) => void,
): SlackClients {
  const cache = new Map<string, { client: WebClient; noRetry: WebClient }>();
  const pair = async (teamId: string | null) => {
    const token = teamId ? await installations.findBotToken(teamId) : undefined;
    if (!token) throw Object.assign(new Error(`Liaison is not installed in ${teamId ?? 'that workspace'}`), { code: 'not_installed' });
    let entry = cache.get(token);
    if (!entry) {
      entry = {
        client: new webApi.WebClient(token, appClientOptions(config)) as WebClient,
        noRetry: createNoRetryClient(token, config),
      };
      cache.set(token, entry);
    }
    return entry;
  };
  const forTeam = async (teamId: string | null) => (await pair(teamId)).client;
  const languages = new PersonLanguages(forTeam, onLookupFailed);
  return { forTeam, noRetryForTeam: async (teamId) => (await pair(teamId)).noRetry, languageOf: (teamId, userId) => languages.languageOf(teamId, userId) };
}

export function singleWorkspaceClients(app: WebClient, noRetry: WebClient, onLookupFailed?: (error: unknown) => void): SlackClients {
  const languages = new PersonLanguages(async () => app, onLookupFailed);
  return { forTeam: async () => app, noRetryForTeam: async () => noRetry, languageOf: (teamId, userId) => languages.languageOf(teamId, userId) };
}
