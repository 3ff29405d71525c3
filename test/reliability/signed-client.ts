// A Slack stand-in for the reliability tests: sends correctly signed requests to any Liaison URL
// (an in-process Harness or a child process), the same shapes the Harness sends, with trigger IDs
// that are unique across restarts so the replay guard never drops a genuine request.
import { randomBytes } from 'node:crypto';
import type { FakeSlack } from '../helpers/fake-slack.js';
import { type HttpAnswer, readAnswer } from '../helpers/harness.js';
import { buttonClick, commandForm, signatureHeaders, type TestUser, viewSubmission } from '../helpers/slack-payloads.js';

export function signedHeaders(body: string | Buffer, contentType: string): Record<string, string> {
  return { 'content-type': contentType, ...signatureHeaders(body) };
}

export class SignedClient {
  private counter = 0;
  /** Unique per client: two clients in one test must never send the same trigger_id by chance. */
  private readonly run = randomBytes(4).toString('hex');
  constructor(
    private readonly baseUrl: () => string,
    readonly slack: FakeSlack,
    /** Requests that do not answer within this many ms reject (a dead process, a hung listener). */
    private readonly timeoutMs = 5_000,
  ) {}

  /** A fresh ID for trigger_id / response_url. */
  nextId(prefix: string): string {
    return `${prefix}-${this.run}-${++this.counter}`;
  }

  async post(body: string | Buffer, headers: Record<string, string>, timeoutMs = this.timeoutMs): Promise<HttpAnswer> {
    return readAnswer(
      await fetch(`${this.baseUrl()}/slack/events`, {
        method: 'POST',
        body,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      }),
    );
  }

  signedPost(body: string | Buffer, contentType = 'application/x-www-form-urlencoded', timeoutMs?: number): Promise<HttpAnswer> {
    return this.post(body, signedHeaders(body, contentType), timeoutMs);
  }

  /** The form body of a slash command as Slack sends it. */
  commandBody(user: TestUser, command: string, text: string, id = this.nextId('cmd'), channelId = 'CGENERAL'): string {
    return commandForm(user, command, text, { id, responseUrl: this.slack.responseUrl(id) }, channelId);
  }

  command(user: TestUser, command: string, text: string, timeoutMs?: number): Promise<HttpAnswer> {
    return this.signedPost(this.commandBody(user, command, text), 'application/x-www-form-urlencoded', timeoutMs);
  }

  /** An interactivity payload, form-encoded as Slack sends it. */
  interact(payload: unknown, timeoutMs?: number): Promise<HttpAnswer> {
    return this.signedPost(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', timeoutMs);
  }

  /** A `block_actions` payload for one button on a message; `id` names its response_url. */
  buttonPayload(
    user: TestUser,
    action: { actionId: string; value: unknown; blockId?: string },
    message: { channel: string; ts: string; blocks?: unknown[] },
    id = this.nextId('act'),
  ): Record<string, unknown> {
    return buttonClick(user, action, message, { id, responseUrl: this.slack.responseUrl(id) });
  }

  /** A `view_submission` payload; `values` keyed block_id → action_id → element state. */
  viewPayload(
    user: TestUser,
    view: { callbackId: unknown; privateMetadata?: unknown; values: unknown },
    id = this.nextId('view'),
  ): Record<string, unknown> {
    return viewSubmission(user, view, id);
  }

  async healthz(timeoutMs = 1_000): Promise<number> {
    const res = await fetch(`${this.baseUrl()}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  }
}
