// Requests exactly as Slack sends them: a form-encoded slash-command body, signed with the v0
// scheme (HMAC-SHA256 over `v0:<timestamp>:<body>`) at the moment it is sent.
import { createHmac } from 'node:crypto';
import { LOOPBACK, SIGNING_SECRET, TEAM_ID } from './constants.js';

export function sign(body: string, timestampSeconds: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

/** Headers of one signed POST; the timestamp is taken now, so each request is signed fresh. */
export function signedHeaders(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(body, timestamp),
  };
}

export interface SlashCommand {
  userId: string;
  command: string;
  text: string;
  /** Makes each body distinct (trigger_id, response_url), as Slack's are. */
  sequence: number;
  /** Where Slack would accept delayed responses; the bench's stub, on loopback. */
  responseBase: string;
}

export function slashCommandBody(c: SlashCommand): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'bench',
    user_id: c.userId,
    user_name: c.userId.toLowerCase(),
    command: c.command,
    text: c.text,
    api_app_id: 'A0LIAISON',
    is_enterprise_install: 'false',
    response_url: `${c.responseBase}/response/${c.sequence}`,
    trigger_id: `${c.sequence}.bench.trigger`,
  }).toString();
}

/** One signed slash command sent with fetch (seeding; the load uses autocannon). */
export async function sendCommand(port: number, c: SlashCommand): Promise<{ status: number; text: string }> {
  const body = slashCommandBody(c);
  const res = await fetch(`http://${LOOPBACK}:${port}/slack/events`, { method: 'POST', body, headers: signedHeaders(body) });
  const raw = await res.text();
  let text = raw;
  try {
    text = String((JSON.parse(raw) as { text?: unknown }).text ?? raw);
  } catch {
    // not JSON: keep the raw answer
  }
  return { status: res.status, text };
}
