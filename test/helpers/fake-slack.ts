// A local stand-in for the Slack Web API: an HTTP server that answers the methods Liaison calls the
// way Slack does, records every call (method, token, arguments), keeps each channel's messages as
// Slack would show them, and can be told to fail the next call to a method (before or after doing
// it), or to refuse every call to a channel.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  token: string | undefined;
  args: Record<string, unknown>;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs: string | undefined;
  /** Set for chat.postEphemeral: only this user sees it. */
  user: string | undefined;
}

/** A button as a message's actions block carries it. */
export interface StoredButton {
  action_id: string;
  value: string;
  text: { text: string };
}

/** The buttons of a message's actions block (none when it has none). */
export function buttonsOf(message: StoredMessage): StoredButton[] {
  const actions = (message.blocks as Array<{ type: string; elements?: StoredButton[] }>).find((b) => b.type === 'actions');
  return actions?.elements ?? [];
}

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  /** Never answer (a timeout from the client's point of view). */
  hang?: boolean;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Do what the call asks (post, update) and only then fail: Slack's ambiguous answers. */
  afterDoing?: boolean;
  /** Only a call whose arguments match takes this fault; others pass it by. */
  match?: (args: Record<string, unknown>) => boolean;
}

/** A workspace the fake knows: its bot token, and the channels and people that live in it. */
export interface FakeTeam {
  teamId: string;
  name: string;
  token: string;
  channels: Set<string>;
  users: Set<string>;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly teams = new Map<string, FakeTeam>();
  readonly messages: StoredMessage[] = [];
  private readonly faults = new Map<string, Fault[]>();
  /** Slack locales of people (`users.info` with include_locale); everyone else is en-US. */
  readonly locales = new Map<string, string>();
  /** Channels that refuse every call with an error until `accept(channel)`. */
  private readonly refusingChannels = new Map<string, string>();
  private server: Server | undefined;
  private nextTs = 1_700_000_000;
  private nextView = 1;
  private hanging: Array<() => void> = [];
  teamId = 'T0TEAM';
  botUserId = 'UBOT';
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        (answer) => {
          if (answer === 'hang') {
            this.hanging.push(() => res.destroy());
            return;
          }
          if (answer === 'drop') {
            res.socket?.destroy();
            return;
          }
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(JSON.stringify(answer.body));
        },
        (error) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const release of this.hanging) release();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /**
   * Makes a workspace known: `oauth.v2.access` with code `code-<teamId>` installs it, its token
   * answers for it alone, and using it on another team's channel or person fails with invalid_auth.
   */
  addTeam(teamId: string, options: { name?: string; channels?: string[]; users?: string[] } = {}): FakeTeam {
    const team: FakeTeam = {
      teamId,
      name: options.name ?? teamId,
      token: `xoxb-${teamId.toLowerCase()}-bot`,
      channels: new Set(options.channels ?? []),
      users: new Set(options.users ?? []),
    };
    this.teams.set(teamId, team);
    return team;
  }

  /** The team a token belongs to, if it is one of the known teams' tokens. */
  teamOfToken(token: string | undefined): FakeTeam | undefined {
    return [...this.teams.values()].find((t) => t.token === token);
  }

  /** The team that owns a channel or person, if any known team does. */
  private ownerOf(id: string): FakeTeam | undefined {
    return [...this.teams.values()].find((t) => t.channels.has(id) || t.users.has(id));
  }

  /** The next call to `method` gets `fault` instead of the normal answer. */
  failNext(method: string, fault: Fault): void {
    const queue = this.faults.get(method) ?? [];
    queue.push(fault);
    this.faults.set(method, queue);
  }

  /** Every call naming `channel` answers ok:false with `error` (not_in_channel, …) until accepted. */
  refuseChannel(channel: string, error: string): void {
    this.refusingChannels.set(channel, error);
  }

  acceptChannel(channel: string): void {
    this.refusingChannels.delete(channel);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages in a channel as a person would see them now (updates applied, ephemerals excluded). */
  channelMessages(channel: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.user === undefined);
  }

  private takeFault(method: string, args: Record<string, unknown>): Fault | undefined {
    const queue = this.faults.get(method) ?? [];
    const index = queue.findIndex((f) => !f.match || f.match(args));
    return index < 0 ? undefined : queue.splice(index, 1)[0];
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body: unknown } | 'hang' | 'drop'> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (url.pathname.startsWith('/response/')) {
      this.calls.push({ method: 'response_url', token, args: { id: url.pathname.slice(10), ...JSON.parse(raw || '{}') } });
      return { status: 200, body: { ok: true } };
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = decodeArgs(raw, req.headers['content-type']);
    this.calls.push({ method, token: token ?? (args.token as string | undefined), args });
    const refusal = this.refusingChannels.get(String(args.channel));
    if (refusal) return { status: 200, body: { ok: false, error: refusal } };
    const fault = this.takeFault(method, args);
    if (fault) {
      if (fault.afterDoing) this.answer(method, args);
      if (fault.hang) return 'hang';
      if (fault.drop) return 'drop';
      return { status: fault.status ?? 200, headers: fault.headers, body: fault.body ?? { ok: false, error: 'fatal_error' } };
    }
    const tokenTeam = this.teamOfToken(token);
    const target = String(args.channel ?? args.user_id ?? args.users ?? '');
    const owner = target ? this.ownerOf(target) : undefined;
    if (tokenTeam && owner && owner !== tokenTeam) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    if (method === 'auth.test' && tokenTeam) {
      return { status: 200, body: { ok: true, team: tokenTeam.name, team_id: tokenTeam.teamId, user_id: `UBOT${tokenTeam.teamId}`, bot_id: `B${tokenTeam.teamId}` } };
    }
    if (method === 'oauth.v2.access') return { status: 200, body: this.oauthAccess(String(args.code)) };
    return { status: 200, body: this.answer(method, args) };
  }

  private oauthAccess(code: string): Record<string, unknown> {
    const team = this.teams.get(code.replace(/^code-/, ''));
    if (!team) return { ok: false, error: 'invalid_code' };
    return {
      ok: true,
      app_id: 'A0LIAISON',
      authed_user: { id: `U0INSTALLER${team.teamId}` },
      scope: 'commands,chat:write,im:write',
      token_type: 'bot',
      access_token: team.token,
      bot_user_id: `UBOT${team.teamId}`,
      team: { id: team.teamId, name: team.name },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'liaison', team_id: this.teamId, user_id: this.botUserId, bot_id: 'BBOT' };
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const channel = String(args.channel);
        const ts = `${this.nextTs++}.000100`;
        this.messages.push({
          channel,
          ts,
          text: String(args.text ?? ''),
          blocks: (args.blocks as unknown[]) ?? [],
          threadTs: args.thread_ts as string | undefined,
          user: method === 'chat.postEphemeral' ? String(args.user) : undefined,
        });
        return method === 'chat.postMessage' ? { ok: true, channel, ts, message: { text: args.text } } : { ok: true, message_ts: ts };
      }
      case 'chat.update': {
        const message = this.messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(args.text ?? message.text);
        message.blocks = (args.blocks as unknown[]) ?? message.blocks;
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'users.info': {
        const user = String(args.user);
        const locale = this.locales.get(user) ?? 'en-US';
        return { ok: true, user: { id: user, name: user.toLowerCase(), ...(String(args.include_locale) === 'true' ? { locale } : {}) } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^[UW]/, '')}` } };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.nextView++}`, ...(args.view as object) } };
      default:
        return { ok: true };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Web API client sends form fields whose nested values are JSON strings. */
function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
