// The end-to-end harness: the real Liaison in HTTP mode on a free port with a temporary database,
// pointed at a FakeSlack, driven by correctly signed HTTP requests exactly as Slack sends them.
import { parseConfig } from '../../src/config.js';
import type { Clock } from '../../src/domain/time.js';
import { type RunningLiaison, startLiaison } from '../../src/liaison.js';
import { createLogger } from '../../src/logger.js';
import { FakeSlack } from './fake-slack.js';
import { buttonClick, commandForm, SIGNING_SECRET, signatureHeaders, type TestUser, viewSubmission } from './slack-payloads.js';
import { sqlOf, type TestSql } from './sql.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export { SIGNING_SECRET, sign, signatureHeaders, type TestUser } from './slack-payloads.js';
export const BOT_TOKEN = 'xoxb-test-bot-token';

export interface HttpAnswer {
  status: number;
  text: string;
  /** The body as JSON when it is JSON (a command's ephemeral reply), else undefined. */
  json: Record<string, unknown> | undefined;
}

/** Reads an HTTP answer: its status, its text, and that text as JSON when it is JSON. */
export async function readAnswer(res: Response): Promise<HttpAnswer> {
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

export class FakeClock implements Clock {
  private current: number;
  constructor(start: string | number) {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: string | number): void {
    this.current = typeof at === 'number' ? at : Date.parse(at);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Reuse a database (to restart on the same data); by default each harness gets a fresh one. */
  database?: TestDatabase;
  slack?: FakeSlack;
}

export class Harness {
  private requestCounter = 0;
  /** Slack's trigger and event ids are unique; a restarted harness on the same data must not repeat them. */
  private readonly idPrefix = Math.random().toString(36).slice(2, 8);
  constructor(
    readonly slack: FakeSlack,
    readonly liaison: RunningLiaison,
    readonly logs: string[],
    readonly database: TestDatabase,
    private readonly ownsDatabase: boolean,
  ) {}

  private nextId(): string {
    return `${this.idPrefix}${++this.requestCounter}`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.liaison.port}`;
  }

  get db() {
    return this.liaison.db;
  }

  /** Raw SQL on what the app stored, for assertions. */
  get sql(): TestSql {
    return sqlOf(this.liaison.db);
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const slack = options.slack ?? (await new FakeSlack().start());
    const database = options.database ?? (await createTestDatabase());
    const config = parseConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      ...database.env,
      // Tests send commands far faster than a person; the rate-limit test turns it back on.
      COMMAND_RATE_PER_MINUTE: '0',
      ...options.env,
    });
    const logs: string[] = [];
    const logger = createLogger('debug', (line) => logs.push(line));
    const liaison = await startLiaison(config, logger, { clock: options.clock, host: '127.0.0.1', cron: false });
    return new Harness(slack, liaison, logs, database, options.database === undefined);
  }

  async stop(options: { keepData?: boolean; keepSlack?: boolean } = {}): Promise<void> {
    await this.liaison.stop();
    if (!options.keepSlack) await this.slack.stop();
    if (this.ownsDatabase && !options.keepData) await this.database.drop();
  }

  /** A raw POST to /slack/events with the given headers (for signature tests). */
  async post(body: string, headers: Record<string, string>): Promise<HttpAnswer> {
    return readAnswer(await fetch(`${this.url}/slack/events`, { method: 'POST', body, headers }));
  }

  /** POSTs a body signed as Slack signs it. */
  async signedPost(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.post(body, { 'content-type': contentType, ...signatureHeaders(body), ...extraHeaders });
  }

  /** A slash command typed by `user`; resolves to the HTTP answer (the ephemeral reply). */
  async command(user: TestUser, command: string, text: string, channelId = 'CGENERAL'): Promise<HttpAnswer> {
    const id = this.nextId();
    const body = commandForm(user, command, text, { id, responseUrl: this.slack.responseUrl(`cmd-${id}`) }, channelId);
    return this.signedPost(body, 'application/x-www-form-urlencoded');
  }

  /** Sends an interactivity payload (`block_actions`, `view_submission`, …). */
  async interact(payload: Record<string, unknown>): Promise<HttpAnswer> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.signedPost(body, 'application/x-www-form-urlencoded');
  }

  /** An Events API event, as Slack delivers it. */
  async event(teamId: string, event: Record<string, unknown>): Promise<HttpAnswer> {
    const n = this.nextId();
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: teamId,
      api_app_id: 'A0LIAISON',
      type: 'event_callback',
      event_id: `Ev${n}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    return this.signedPost(body, 'application/json');
  }

  /** A button click on a message. */
  async click(
    user: TestUser,
    action: { actionId: string; value: string; blockId?: string },
    message: { channel: string; ts: string; blocks?: unknown[] },
  ): Promise<HttpAnswer> {
    const id = this.nextId();
    return this.interact(buttonClick(user, action, message, { id, responseUrl: this.slack.responseUrl(`act-${id}`) }));
  }

  /** A button click on the person's App Home (no channel, no response_url). */
  async clickOnHome(user: TestUser, action: { actionId: string; value: string; blockId: string }): Promise<HttpAnswer> {
    const n = this.nextId();
    return this.interact({
      type: 'block_actions',
      user: { id: user.userId, team_id: user.teamId, username: user.name ?? user.userId },
      team: { id: user.teamId, domain: 'fake' },
      api_app_id: 'A0LIAISON',
      container: { type: 'view', view_id: `VHOME${n}` },
      view: { id: `VHOME${n}`, type: 'home', blocks: [] },
      trigger_id: `trigger-${n}`,
      actions: [{ type: 'button', action_id: action.actionId, block_id: action.blockId, value: action.value, action_ts: `${Date.now() / 1000}` }],
    });
  }

  /** Submits a modal as Slack does, with `values` keyed block_id → action_id → element state. */
  async submitView(
    user: TestUser,
    view: { callbackId: string; privateMetadata?: string; values: Record<string, Record<string, unknown>> },
  ): Promise<HttpAnswer> {
    return this.interact(viewSubmission(user, view, this.nextId()));
  }

  async healthz(): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}/healthz`);
    return { status: res.status, body: await res.json() };
  }
}

/** Block Kit text of a message, flattened, for assertions on what a person reads. */
export function textOf(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(blocks);
  return out.join('\n');
}
