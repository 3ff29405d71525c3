// The requests Slack sends, as pure builders: a slash command's form, a button click, a form
// submission, and the v0 signature. The harness and the reliability clients both send these.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'testsigningsecret0123456789abcdef';

export interface TestUser {
  teamId: string;
  userId: string;
  name?: string;
}

/** Slack's signature over the exact bytes sent (a Buffer may hold bytes that are not UTF-8). */
export function sign(body: string | Buffer, timestampSeconds: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:`).update(body).digest('hex')}`;
}

export function signatureHeaders(body: string | Buffer, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': sign(body, timestampSeconds),
  };
}

/** Where a request's answers go and how it is named: `trigger-<id>`, and a response_url. */
export interface RequestIds {
  id: string;
  responseUrl: string;
}

/** The form body of a slash command as Slack sends it. */
export function commandForm(user: TestUser, command: string, text: string, ids: RequestIds, channelId = 'CGENERAL'): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: user.teamId,
    team_domain: 'fake',
    channel_id: channelId,
    channel_name: 'general',
    user_id: user.userId,
    user_name: user.name ?? user.userId.toLowerCase(),
    command,
    text,
    api_app_id: 'A0LIAISON',
    is_enterprise_install: 'false',
    response_url: ids.responseUrl,
    trigger_id: `trigger-${ids.id}`,
  }).toString();
}

/** A `block_actions` payload for one button on a message. */
export function buttonClick(
  user: TestUser,
  action: { actionId: string; value: unknown; blockId?: string },
  message: { channel: string; ts: string; blocks?: unknown[] },
  ids: RequestIds,
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: user.userId, team_id: user.teamId, username: user.name ?? user.userId },
    team: { id: user.teamId, domain: 'fake' },
    api_app_id: 'A0LIAISON',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: 'intake' },
    message: { ts: message.ts, type: 'message', blocks: message.blocks ?? [] },
    trigger_id: `trigger-${ids.id}`,
    response_url: ids.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: action.actionId,
        block_id: action.blockId ?? 'referral_actions',
        value: action.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** A `view_submission` payload; `values` keyed block_id → action_id → element state. */
export function viewSubmission(
  user: TestUser,
  view: { callbackId: unknown; privateMetadata?: unknown; values: unknown },
  id: string,
): Record<string, unknown> {
  return {
    type: 'view_submission',
    user: { id: user.userId, team_id: user.teamId, username: user.name ?? user.userId },
    team: { id: user.teamId, domain: 'fake' },
    api_app_id: 'A0LIAISON',
    trigger_id: `trigger-${id}`,
    view: {
      id: `V${id}`,
      type: 'modal',
      callback_id: view.callbackId,
      private_metadata: view.privateMetadata ?? '',
      state: { values: view.values },
      app_installed_team_id: user.teamId,
      hash: `hash-${id}`,
    },
  };
}
