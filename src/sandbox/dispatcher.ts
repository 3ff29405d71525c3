// What Slack sends the app when people act: slash commands, button clicks, modal submissions and
// closes, and the app_home_opened event, each built in Slack's shape, signed with the app's signing
// secret exactly as Slack signs, and POSTed to Liaison's /slack/events. Liaison's immediate answers
// (a command's reply, a modal's response_action) are applied to the workspace as Slack applies them.
// No Liaison logic lives here: the sandbox only carries requests and shows answers.
import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import { checkView, formatProblems } from './block-limits.js';
import { SLACK_NOTICES } from './catalogue.js';
import type { AppManifest } from './manifest.js';
import { apiMessage, tryParseJson, type WebApi } from './web-api.js';
import { elementsOf, type Json, type Message, type View, type Workspace } from './workspace.js';

/** Slack gives an app three seconds to acknowledge a request. */
export const ACK_TIMEOUT_MS = 3_000;
/** The legacy verification token Slack still sends in payloads; Liaison checks signatures instead. */
const VERIFICATION_TOKEN = 'sandbox-verification-token';

export interface AckAnswer {
  status: number;
  text: string;
  json: Json | undefined;
}

/**
 * What became of a slash command, for the page's message box: `failed` when Slack itself reported a
 * problem (the command never reached Liaison, or Liaison's answer could not be shown), `refused` when
 * Liaison answered that nothing happened, `answered` otherwise.
 */
export type CommandOutcome = 'answered' | 'refused' | 'failed';

export type CommandAnswer = AckAnswer & { outcome: CommandOutcome };

/**
 * Slack cannot tell an app's refusal from its other answers, and neither can the sandbox; but
 * Liaison's refusals say that nothing happened, in these words. The page keeps the typed line only
 * then: a line kept after a success could be sent again and log a second record.
 */
const REFUSAL_WORDS = [/\bnothing (was stored|changed)\b/i, /\bis not a command I know\b/, /^There is no /];

export function readsAsRefusal(text: string): boolean {
  return REFUSAL_WORDS.some((words) => words.test(text));
}

/** block_id → action_id → element state, as a view's `state.values`. */
export type StateValues = Record<string, Record<string, Json>>;

export type ClickTarget =
  | { surface: 'message'; channel: string; ts: string; blockId: string; actionId: string }
  | { surface: 'view'; viewId: string; blockId: string; actionId: string; values?: StateValues };

export type SubmitOutcome =
  | { outcome: 'closed' | 'updated' | 'pushed' }
  | { outcome: 'errors'; errors: Record<string, string> }
  | { outcome: 'failed' | 'stale' };

export function slackSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text as Slack sends what a person typed: `&`, `<` and `>` escaped, and (for commands that ask for
 * it with should_escape, and for messages) `@handle` and `#channel` turned into `<@U…|handle>` and
 * `<#C…|name>`.
 */
export function escapeAsSlack(typed: string, ws: Workspace, links = true): string {
  const escaped = typed.replace(/[&<>]/g, (c) => HTML_ESCAPES[c]!);
  if (!links) return escaped;
  const channels = Object.entries(ws.channelDirectory());
  return escaped
    .replace(/(^|[\s=])@([A-Za-z0-9._-]+)/g, (all, before: string, handle: string) => {
      const person = [...ws.people.values()].find((p) => p.handle.toLowerCase() === handle.toLowerCase());
      return person ? `${before}<@${person.id}|${person.handle}>` : all;
    })
    .replace(/(^|[\s=])#([A-Za-z0-9_-]+)/g, (all, before: string, name: string) => {
      const channel = channels.find(([, n]) => n === name.toLowerCase());
      return channel ? `${before}<#${channel[0]}|${channel[1]}>` : all;
    });
}

export interface DispatchTarget {
  /** Liaison's request URL, e.g. http://127.0.0.1:PORT/slack/events. */
  eventsUrl: string;
  signingSecret: string;
  /** The sandbox's own address, for response URLs. */
  sandboxUrl: string;
}

export class Dispatcher {
  constructor(
    private readonly ws: Workspace,
    private readonly webApi: WebApi,
    private readonly manifest: AppManifest,
    private readonly target: DispatchTarget,
    private readonly logger: Logger,
  ) {}

  /**
   * A slash command typed in `channelId`, its text already as Slack sends it (see escapeAsSlack).
   * `quiet` drops the ephemeral answers (seeding uses it; Slack forgets ephemerals on reload anyway).
   */
  async command(userId: string, channelId: string, typed: string, options: { quiet?: boolean } = {}): Promise<CommandAnswer | null> {
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(typed.trim());
    const command = match?.[1] ?? typed.trim();
    const spec = this.manifest.commands.find((c) => c.command === command);
    if (!match || !spec) {
      if (!options.quiet) this.ws.slackbotSays(userId, channelId, SLACK_NOTICES.unknownCommand(command));
      return null;
    }
    const channel = this.ws.channel(channelId);
    const person = this.ws.people.get(userId);
    if (!channel || !person) return null;
    const responseId = this.ws.registerResponseUrl({ userId, channelId, quiet: options.quiet });
    const body = new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: this.ws.team.id,
      team_domain: this.ws.team.domain,
      channel_id: channel.id,
      channel_name: channel.isIm ? 'directmessage' : channel.name,
      user_id: userId,
      user_name: person.handle,
      command,
      text: match[2]!,
      api_app_id: this.ws.app.appId,
      is_enterprise_install: 'false',
      response_url: this.responseUrl(responseId),
      trigger_id: this.ws.issueTrigger(userId),
    }).toString();
    const answer = await this.post(body, 'application/x-www-form-urlencoded');
    if (answer?.status !== 200) {
      const error = answer ? 'dispatch_failed' : 'operation_timeout';
      if (!options.quiet) this.ws.slackbotSays(userId, channelId, SLACK_NOTICES.commandFailed(command, error));
      return answer && { ...answer, outcome: 'failed' };
    }
    if (answer.text.trim() === '') return { ...answer, outcome: 'answered' };
    // An answer for everyone shows the command it answers, as Slack shows it.
    const inChannel = answer.json?.response_type === 'in_channel';
    if (inChannel) this.ws.post({ channel: channel.id, user: userId, text: typed.trim(), blocks: [] });
    // The immediate answer is shown exactly as a post to the command's response URL would be.
    const shown = this.webApi.respond(responseId, answer.json ?? { text: answer.text });
    if (shown.status !== 200) {
      if (!options.quiet) this.ws.slackbotSays(userId, channelId, SLACK_NOTICES.commandFailed(command, String(shown.body.error)));
      return { ...answer, outcome: 'failed' };
    }
    const said = typeof answer.json?.text === 'string' ? answer.json.text : answer.text;
    return { ...answer, outcome: !inChannel && readsAsRefusal(said) ? 'refused' : 'answered' };
  }

  /** A button click on a message or in a view (modal or Home tab). */
  async click(userId: string, target: ClickTarget): Promise<'sent' | 'not_found' | 'failed'> {
    const found = this.findElement(userId, target);
    if (!found) return 'not_found';
    const { element, message, view } = found;
    const action = {
      type: element.type,
      action_id: target.actionId,
      block_id: target.blockId,
      ...(element.text ? { text: element.text } : {}),
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style ? { style: element.style } : {}),
      action_ts: this.ws.nextTs(),
    };
    const common = {
      type: 'block_actions',
      user: this.userObject(userId),
      api_app_id: this.ws.app.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: this.ws.issueTrigger(userId),
      team: { id: this.ws.team.id, domain: this.ws.team.domain },
      enterprise: null,
      is_enterprise_install: false,
      actions: [action],
    };
    let payload: Json;
    if (message) {
      const channel = this.ws.channel(message.channel)!;
      const ephemeral = message.ephemeralFor !== undefined;
      const responseId = this.ws.registerResponseUrl({ userId, channelId: message.channel, original: { ts: message.ts, ephemeral } });
      payload = {
        ...common,
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: ephemeral },
        channel: { id: channel.id, name: channel.isIm ? 'directmessage' : channel.name },
        ...(ephemeral ? {} : { message: apiMessage(message, this.ws) }),
        state: { values: {} },
        response_url: this.responseUrl(responseId),
      };
    } else {
      const values = target.surface === 'view' ? (target.values ?? {}) : {};
      payload = { ...common, container: { type: 'view', view_id: view!.id }, view: { ...view!, state: { values } } };
    }
    const answer = await this.interact(payload);
    if (answer?.status !== 200) {
      this.ws.notice(userId, answer ? SLACK_NOTICES.appError(this.manifest.name, `HTTP ${answer.status}`) : SLACK_NOTICES.appDidNotRespond(this.manifest.name));
      return 'failed';
    }
    return 'sent';
  }

  /** Submits the person's top modal with its `state.values`; applies Liaison's response_action. */
  async submit(userId: string, viewId: string, values: StateValues): Promise<SubmitOutcome> {
    const view = this.ws.topModal(userId);
    if (!view || view.id !== viewId) return { outcome: 'stale' };
    const answer = await this.interact({
      type: 'view_submission',
      team: { id: this.ws.team.id, domain: this.ws.team.domain },
      user: this.userObject(userId),
      api_app_id: this.ws.app.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: this.ws.issueTrigger(userId),
      view: { ...view, state: { values } },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
    if (answer?.status !== 200) return { outcome: 'failed' };
    if (answer.text.trim() === '') {
      this.ws.popModal(userId);
      return { outcome: 'closed' };
    }
    const response = answer.json ?? {};
    switch (response.response_action) {
      case 'errors':
        return { outcome: 'errors', errors: (response.errors ?? {}) as Record<string, string> };
      case 'clear':
        this.ws.clearModals(userId);
        return { outcome: 'closed' };
      case 'update':
      case 'push': {
        const problems = checkView(response.view);
        if (problems.length > 0) {
          this.logger.warn('Liaison answered a submission with a view Slack would refuse', { source: 'sandbox', problems: formatProblems(problems) });
          return { outcome: 'failed' };
        }
        if (response.response_action === 'update') {
          this.ws.replaceView(view.id, response.view as Json);
          return { outcome: 'updated' };
        }
        const pushed = this.ws.pushModal(userId, response.view as Json);
        return typeof pushed === 'string' ? { outcome: 'failed' } : { outcome: 'pushed' };
      }
      default:
        this.logger.warn('Liaison answered a submission with something Slack does not understand', { source: 'sandbox' });
        return { outcome: 'failed' };
    }
  }

  /** The person closes their top modal (Cancel, the close button, Escape). */
  async closeView(userId: string, viewId: string): Promise<void> {
    const view = this.ws.topModal(userId);
    if (!view || view.id !== viewId) return;
    this.ws.popModal(userId);
    if (view.notify_on_close) {
      await this.interact({
        type: 'view_closed',
        team: { id: this.ws.team.id, domain: this.ws.team.domain },
        user: this.userObject(userId),
        api_app_id: this.ws.app.appId,
        token: VERIFICATION_TOKEN,
        view,
        is_cleared: false,
      });
    }
  }

  /** The person opens the app's Home or Messages tab: Slack sends app_home_opened. */
  async openAppHome(userId: string, tab: 'home' | 'messages'): Promise<void> {
    const im = this.ws.imWith(userId);
    if (!im) return;
    const home = this.ws.home(userId);
    const body = JSON.stringify({
      token: VERIFICATION_TOKEN,
      team_id: this.ws.team.id,
      api_app_id: this.ws.app.appId,
      event: { type: 'app_home_opened', user: userId, channel: im.id, tab, event_ts: this.ws.nextTs(), ...(tab === 'home' && home ? { view: home } : {}) },
      type: 'event_callback',
      event_id: `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: this.ws.team.id, user_id: this.ws.app.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: randomBytes(12).toString('base64url'),
    });
    const answer = await this.post(body, 'application/json');
    if (answer?.status !== 200) this.logger.warn('app_home_opened was not acknowledged', { source: 'sandbox', status: answer?.status });
  }

  private findElement(userId: string, target: ClickTarget): { element: Json; message?: Message; view?: View } | undefined {
    let blocks: Json[] | undefined;
    let message: Message | undefined;
    let view: View | undefined;
    if (target.surface === 'message') {
      message = this.ws.find(target.channel, target.ts);
      if (!message || !this.ws.canSee(userId, message)) return undefined;
      blocks = message.blocks;
    } else {
      view = this.ws.topModal(userId)?.id === target.viewId ? this.ws.topModal(userId)! : this.ws.home(userId);
      if (view?.id !== target.viewId) return undefined;
      blocks = view.blocks;
    }
    const block = blocks.find((b) => b.block_id === target.blockId);
    if (!block) return undefined;
    const element = elementsOf(block).find((e) => e.action_id === target.actionId);
    return element ? { element, message, view } : undefined;
  }

  private userObject(userId: string): Json {
    const person = this.ws.people.get(userId);
    return { id: userId, username: person?.handle ?? userId, name: person?.handle ?? userId, team_id: this.ws.team.id };
  }

  private responseUrl(id: string): string {
    return `${this.target.sandboxUrl}/response/${id}`;
  }

  private interact(payload: Json): Promise<AckAnswer | null> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  }

  /** One signed POST; null when Liaison did not answer within Slack's three seconds. */
  private async post(body: string, contentType: string): Promise<AckAnswer | null> {
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(this.target.eventsUrl, {
        method: 'POST',
        body,
        headers: {
          'content-type': contentType,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(this.target.signingSecret, timestamp, body),
        },
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      const text = await res.text();
      return { status: res.status, text, json: parseObject(text) };
    } catch (error) {
      this.logger.warn('Liaison did not acknowledge in time', { source: 'sandbox', error });
      return null;
    }
  }
}

function parseObject(text: string): Json | undefined {
  const value = tryParseJson(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}
