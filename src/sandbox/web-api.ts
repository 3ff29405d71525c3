// The sandbox's stand-in for the Slack Web API and for response URLs: it answers the methods Liaison
// calls the way Slack answers them (same shapes, same error codes, same Block Kit limits) and keeps
// what they change in the Workspace. A method it does not know is answered `{ ok: true }` and logged,
// so a new call shows up in the terminal instead of failing silently.
import type { Logger } from '../logger.js';
import { checkBlocks, checkView, formatProblems } from './block-limits.js';
import { type Channel, type Json, type Message, withBlockIds, type Workspace } from './workspace.js';

export type Answer = Json & { ok: boolean };

/** Arguments the Web API client sends as JSON strings inside a form body. */
const JSON_ARGUMENTS = new Set(['blocks', 'attachments', 'view', 'metadata']);

export function decodeWebApiArgs(raw: string, contentType: string | undefined): Json {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Json;
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = JSON_ARGUMENTS.has(key) ? (tryParseJson(value) ?? value) : value;
  return args;
}

export interface WebApi {
  /** One Web API call; `token` is the bearer token (or the `token` argument). */
  call(method: string, args: Json, token: string | undefined): Answer;
  /** A POST to a response URL; the status is what Slack's endpoint would answer. */
  respond(id: string, body: Json): { status: number; body: Answer };
}

export function createWebApi(workspace: Workspace, logger: Logger, botToken: string): WebApi {
  const ws = workspace;
  const bot = ws.app.botUserId;

  const refuse = (method: string, error: string, extra: Json = {}): Answer => {
    logger.warn('sandbox web api refused a call', { source: 'sandbox', method, error, ...(extra.response_metadata ? extra : {}) });
    return { ok: false, error, ...extra };
  };

  /** A channel ID, or a user ID meaning that person's IM with the app. */
  const resolveChannel = (value: unknown): Channel | undefined => {
    const id = String(value ?? '');
    return /^[UW]/.test(id) ? ws.imWith(id) : ws.channel(id);
  };

  const content = (method: string, args: Json): { text: string; blocks: Json[] } | Answer => {
    const text = args.text === undefined ? '' : String(args.text);
    const blocks = args.blocks === undefined || args.blocks === '' ? [] : args.blocks;
    if (args.attachments !== undefined) logger.warn('the sandbox does not show message attachments', { source: 'sandbox', method });
    if (!text && Array.isArray(blocks) && blocks.length === 0) return refuse(method, 'no_text');
    const problems = checkBlocks(blocks, 'message');
    if (problems.length > 0) {
      const messages = formatProblems(problems);
      return refuse(method, 'invalid_blocks', { errors: messages.map((m) => m.replace(/^\[ERROR\] /, '')), response_metadata: { messages } });
    }
    if (!text) logger.warn('message without a text fallback: notifications and screen readers need one', { source: 'sandbox', method });
    return { text, blocks: withBlockIds(structuredClone(blocks as Json[])) };
  };

  const checkedView = (method: string, view: unknown): Answer | undefined => {
    const problems = checkView(view);
    return problems.length > 0 ? refuse(method, 'invalid_arguments', { response_metadata: { messages: formatProblems(problems) } }) : undefined;
  };

  const methods: Record<string, (args: Json, method: string) => Answer> = {
    'auth.test': () => ({
      ok: true,
      url: `https://${ws.team.domain}.slack.com/`,
      team: ws.team.name,
      user: 'liaison',
      team_id: ws.team.id,
      user_id: bot,
      bot_id: ws.app.botId,
      is_enterprise_install: false,
    }),

    'chat.postMessage': (args, method) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return refuse(method, 'channel_not_found');
      if (!channel.members.has(bot)) return refuse(method, 'not_in_channel');
      const body = content(method, args);
      if ('ok' in body) return body;
      let threadTs: string | undefined;
      if (args.thread_ts !== undefined && args.thread_ts !== '') {
        const parent = ws.find(channel.id, String(args.thread_ts));
        if (parent && !parent.ephemeralFor) threadTs = parent.threadTs ?? parent.ts;
        else logger.warn('thread_ts names no message in that channel; posted as a new message', { source: 'sandbox', method });
      }
      const message = ws.post({ channel: channel.id, user: bot, ...body, ...(threadTs ? { threadTs } : {}) });
      return { ok: true, channel: channel.id, ts: message.ts, message: apiMessage(message, ws) };
    },

    'chat.postEphemeral': (args, method) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return refuse(method, 'channel_not_found');
      if (!channel.members.has(bot)) return refuse(method, 'not_in_channel');
      const user = String(args.user ?? '');
      if (!ws.people.has(user)) return refuse(method, 'user_not_found');
      if (!channel.members.has(user)) return refuse(method, 'user_not_in_channel');
      const body = content(method, args);
      if ('ok' in body) return body;
      const message = ws.post({ channel: channel.id, user: bot, ...body, ephemeralFor: user });
      return { ok: true, message_ts: message.ts };
    },

    'chat.update': (args, method) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return refuse(method, 'channel_not_found');
      const existing = ws.find(channel.id, String(args.ts ?? ''));
      if (!existing || existing.ephemeralFor) return refuse(method, 'message_not_found');
      if (existing.user !== bot) return refuse(method, 'cant_update_message');
      const body = content(method, args);
      if ('ok' in body) return body;
      const message = ws.update(channel.id, existing.ts, body)!;
      return { ok: true, channel: channel.id, ts: message.ts, text: message.text, message: apiMessage(message, ws) };
    },

    'chat.delete': (args, method) => {
      const channel = resolveChannel(args.channel);
      if (!channel) return refuse(method, 'channel_not_found');
      const existing = ws.find(channel.id, String(args.ts ?? ''));
      if (!existing || existing.ephemeralFor) return refuse(method, 'message_not_found');
      if (existing.user !== bot) return refuse(method, 'cant_delete_message');
      ws.remove(channel.id, existing.ts);
      return { ok: true, channel: channel.id, ts: existing.ts };
    },

    'conversations.open': (args, method) => {
      if (args.channel !== undefined) {
        const channel = ws.channel(String(args.channel));
        return channel ? { ok: true, channel: { id: channel.id } } : refuse(method, 'channel_not_found');
      }
      const users = String(args.users ?? '').split(',').map((u) => u.trim()).filter(Boolean);
      if (users.length !== 1) return refuse(method, users.length === 0 ? 'users_list_not_supplied' : 'not_supported_in_sandbox');
      const im = ws.imWith(users[0]!);
      return im ? { ok: true, channel: { id: im.id } } : refuse(method, 'user_not_found');
    },

    'conversations.info': (args, method) => {
      const channel = ws.channel(String(args.channel ?? ''));
      if (!channel) return refuse(method, 'channel_not_found');
      return {
        ok: true,
        channel: { id: channel.id, name: channel.name, is_channel: !channel.isIm, is_im: channel.isIm, is_private: channel.isPrivate, is_member: channel.members.has(bot) },
      };
    },

    'users.info': (args, method) => {
      const person = ws.people.get(String(args.user ?? ''));
      if (!person) return refuse(method, 'user_not_found');
      return {
        ok: true,
        user: {
          id: person.id,
          team_id: ws.team.id,
          name: person.handle,
          real_name: person.name,
          is_bot: false,
          profile: { real_name: person.name, display_name: person.handle },
          ...(String(args.include_locale) === 'true' ? { locale: person.locale ?? 'en-US' } : {}),
        },
      };
    },

    'views.open': (args, method) => {
      const trigger = ws.redeemTrigger(String(args.trigger_id ?? args.interactivity_pointer ?? ''));
      if ('error' in trigger) return refuse(method, trigger.error);
      const invalid = checkedView(method, args.view);
      if (invalid) return invalid;
      if ((args.view as Json).type !== 'modal') return refuse(method, 'invalid_arguments');
      return { ok: true, view: ws.openModal(trigger.userId, args.view as Json) };
    },

    'views.push': (args, method) => {
      const trigger = ws.redeemTrigger(String(args.trigger_id ?? args.interactivity_pointer ?? ''));
      if ('error' in trigger) return refuse(method, trigger.error);
      const invalid = checkedView(method, args.view);
      if (invalid) return invalid;
      const pushed = ws.pushModal(trigger.userId, args.view as Json);
      return typeof pushed === 'string' ? refuse(method, pushed) : { ok: true, view: pushed };
    },

    'views.update': (args, method) => {
      const found = ws.findView({ viewId: args.view_id as string | undefined, externalId: args.external_id as string | undefined });
      if (!found) return refuse(method, 'not_found');
      if (args.hash !== undefined && args.hash !== '' && args.hash !== found.view.hash) return refuse(method, 'hash_conflict');
      const invalid = checkedView(method, args.view);
      if (invalid) return invalid;
      return { ok: true, view: ws.replaceView(found.view.id, args.view as Json)! };
    },

    'views.publish': (args, method) => {
      const userId = String(args.user_id ?? '');
      if (!ws.people.has(userId)) return refuse(method, 'user_not_found');
      const invalid = checkedView(method, args.view);
      if (invalid) return invalid;
      if ((args.view as Json).type !== 'home') return refuse(method, 'invalid_arguments');
      const current = ws.home(userId);
      if (args.hash !== undefined && args.hash !== '' && current && args.hash !== current.hash) return refuse(method, 'hash_conflict');
      return { ok: true, view: ws.publishHome(userId, args.view as Json) };
    },
  };

  return {
    call(method, args, token) {
      if ((token ?? args.token) !== botToken) return refuse(method, (token ?? args.token) ? 'invalid_auth' : 'not_authed');
      const handler = methods[method];
      if (!handler) {
        logger.warn('the sandbox does not know this Web API method; answered ok:true', { source: 'sandbox', method });
        return { ok: true };
      }
      return handler(args, method);
    },

    respond(id, body) {
      const context = ws.responseContext(id);
      if (!context) return { status: 404, body: { ok: false, error: 'no_such_response_url' } };
      const { original } = context;
      if (truthy(body.delete_original)) {
        if (original) ws.remove(context.channelId, original.ts);
        return { status: 200, body: { ok: true } };
      }
      const message = content('response_url', body);
      if ('ok' in message) return { status: 400, body: message };
      if (truthy(body.replace_original) && original && ws.find(context.channelId, original.ts)) {
        ws.update(context.channelId, original.ts, message);
      } else if (body.response_type === 'in_channel') {
        ws.post({ channel: context.channelId, user: bot, ...message });
      } else if (!context.quiet) {
        ws.post({ channel: context.channelId, user: bot, ...message, ephemeralFor: context.userId });
      }
      return { status: 200, body: { ok: true } };
    },
  };
}

/** A stored message in the shape the Web API returns it (and block_actions payloads carry it). */
export function apiMessage(m: Message, ws: Workspace): Json {
  const bot = ws.app.botUserId;
  return {
    type: 'message',
    user: m.user,
    ...(m.user === bot ? { bot_id: ws.app.botId, app_id: ws.app.appId } : {}),
    text: m.text,
    blocks: m.blocks,
    ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    team: ws.team.id,
  };
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}

/** The JSON in `raw`, or undefined when it is not JSON. */
export function tryParseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
