// A Slack stand-in for the reliability tests: sends correctly signed requests to any Liaison URL
// (an in-process Harness or a child process), the same shapes the Harness sends, with trigger IDs
// that are unique across restarts so the replay guard never drops a genuine request.
import { createHmac, randomBytes } from 'node:crypto';
import type { FakeSlack } from '../helpers/fake-slack.js';
import { SIGNING_SECRET, type TestUser } from '../helpers/harness.js';

export interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
}

/** Slack's signature over the exact bytes sent (a Buffer may hold bytes that are not UTF-8). */
export function signBytes(body: string | Buffer, timestampSeconds: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:`).update(body).digest('hex')}`;
}

export function signedHeaders(body: string | Buffer, contentType: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signBytes(body, ts) };
}

const RUN = randomBytes(3).toString('hex');

export class SignedClient {
  private counter = 0;
  constructor(
    private readonly baseUrl: () => string,
    readonly slack: FakeSlack,
    /** Requests that do not answer within this many ms reject (a dead process, a hung listener). */
    private readonly timeoutMs = 5_000,
  ) {}

  /** A fresh ID for trigger_id / response_url. */
  nextId(prefix: string): string {
    return `${prefix}-${RUN}-${++this.counter}`;
  }

  async post(body: string | Buffer, headers: Record<string, string>, timeoutMs = this.timeoutMs): Promise<Answer> {
    const res = await fetch(`${this.baseUrl()}/slack/events`, {
      method: 'POST',
      body,
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  signedPost(body: string | Buffer, contentType = 'application/x-www-form-urlencoded', timeoutMs?: number): Promise<Answer> {
    return this.post(body, signedHeaders(body, contentType), timeoutMs);
  }

  /** The form body of a slash command as Slack sends it. */
  commandBody(user: TestUser, command: string, text: string, id = this.nextId('cmd'), channelId = 'CGENERAL'): string {
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
      response_url: this.slack.responseUrl(id),
      trigger_id: `trigger-${id}`,
    }).toString();
  }

  command(user: TestUser, command: string, text: string, timeoutMs?: number): Promise<Answer> {
    return this.signedPost(this.commandBody(user, command, text), 'application/x-www-form-urlencoded', timeoutMs);
  }

  /** An interactivity payload, form-encoded as Slack sends it. */
  interact(payload: unknown, timeoutMs?: number): Promise<Answer> {
    return this.signedPost(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', timeoutMs);
  }

  /** A `block_actions` payload for one button on a message; `id` names its response_url. */
  buttonPayload(
    user: TestUser,
    action: { actionId: string; value: unknown; blockId?: string },
    message: { channel: string; ts: string; blocks?: unknown[] },
    id = this.nextId('act'),
  ): Record<string, unknown> {
    return {
      type: 'block_actions',
      user: { id: user.userId, team_id: user.teamId, username: user.name ?? user.userId },
      team: { id: user.teamId, domain: 'fake' },
      api_app_id: 'A0LIAISON',
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
      channel: { id: message.channel, name: 'intake' },
      message: { ts: message.ts, type: 'message', blocks: message.blocks ?? [] },
      trigger_id: `trigger-${id}`,
      response_url: this.slack.responseUrl(id),
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
  viewPayload(
    user: TestUser,
    view: { callbackId: unknown; privateMetadata?: unknown; values: unknown },
    id = this.nextId('view'),
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

  async healthz(timeoutMs = 1_000): Promise<number> {
    const res = await fetch(`${this.baseUrl()}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
