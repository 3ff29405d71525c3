// The sandbox's one HTTP server, on 127.0.0.1 only: the page (static files), the page's actions and
// its stream of workspace changes (Server-Sent Events), the Web API stand-in under /api/, and the
// response URLs under /response/. Requests naming another host are refused, so a web page elsewhere
// cannot reach it through DNS tricks; the page's actions also need a JSON body, which a foreign page
// cannot send without asking first.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { DEFAULT_PERSON } from './cast.js';
import { PAGE_TEXT } from './catalogue.js';
import { type Dispatcher, escapeAsSlack } from './dispatcher.js';
import type { AppManifest } from './manifest.js';
import { decodeWebApiArgs, tryParseJson, type WebApi } from './web-api.js';
import type { Change, Workspace } from './workspace.js';

const PUBLIC_DIR = new URL('./public/', import.meta.url);
const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/emoji.js': { file: 'emoji.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const BODY_LIMIT = 256 * 1024;
const KEEPALIVE_MS = 20_000;

const ZPerson = z.string().regex(/^[UW][A-Z0-9]+$/);
const ZId = z.string().min(1).max(255);
const ZValues = z.record(z.string().max(255), z.record(z.string().max(255), z.record(z.string(), z.unknown())));
const ZActions = {
  send: z.object({ as: ZPerson, channel: ZId, text: z.string().min(1).max(4000) }),
  click: z.discriminatedUnion('surface', [
    z.object({ as: ZPerson, surface: z.literal('message'), channel: ZId, ts: ZId, blockId: ZId, actionId: ZId }),
    z.object({ as: ZPerson, surface: z.literal('view'), viewId: ZId, blockId: ZId, actionId: ZId, values: ZValues.optional() }),
  ]),
  submit: z.object({ as: ZPerson, viewId: ZId, values: ZValues }),
  close: z.object({ as: ZPerson, viewId: ZId }),
  mark: z.object({ as: ZPerson, channel: ZId, ts: z.string().regex(/^\d{1,12}\.\d{6}$/) }),
  'app-home': z.object({ as: ZPerson, tab: z.enum(['home', 'messages']) }),
};

export interface SandboxServer {
  port: number;
  /** Where Liaison reaches the Web API stand-in and the response URLs. */
  internalUrl: string;
  /** Where a person opens the page. */
  url: string;
  /** Connects the page's actions to Liaison, once Liaison is running. */
  attach(dispatcher: Dispatcher): void;
  close(): Promise<void>;
}

interface Listener {
  userId: string;
  res: ServerResponse;
}

export async function startSandboxServer(options: {
  ws: Workspace;
  webApi: WebApi;
  manifest: AppManifest;
  port: number;
  logger: Logger;
}): Promise<SandboxServer> {
  const { ws, webApi, manifest, logger } = options;
  let dispatcher: Dispatcher | undefined;
  const listeners = new Set<Listener>();

  const snapshotFor = (userId: string) => {
    const im = ws.imWith(userId)!;
    const channels = ws.channelsOf(userId);
    return {
      type: 'snapshot',
      me: userId,
      team: { name: ws.team.name },
      app: { name: manifest.name, color: manifest.color, botUserId: ws.app.botUserId, dm: im.id, homeTab: manifest.homeTab, messagesTabReadOnly: manifest.messagesTabReadOnly },
      people: [...ws.people.values()],
      channels: channels.map((c) => ({ id: c.id, name: c.name, isPrivate: c.isPrivate })),
      channelNames: ws.channelDirectory(),
      commands: manifest.commands,
      text: PAGE_TEXT,
      conversations: Object.fromEntries([...channels, im].map((c) => [c.id, ws.messagesFor(userId, c.id)])),
      lastRead: ws.readPositions(userId),
      modal: ws.topModal(userId),
      home: ws.home(userId) ?? null,
    };
  };

  const send = (res: ServerResponse, data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const onChange = (change: Change) => {
    for (const listener of listeners) {
      if (change.kind === 'message') {
        if (ws.canSee(listener.userId, change.message)) send(listener.res, { type: 'message', message: change.message, deleted: change.deleted ?? false });
      } else if (change.userId === listener.userId) {
        send(listener.res, change.kind === 'notice' ? { type: 'notice', text: change.text } : { type: change.kind, view: change.view });
      }
    }
  };
  ws.on('change', onChange);
  const keepalive = setInterval(() => {
    for (const listener of listeners) listener.res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();

  const handlePageAction = async (action: keyof typeof ZActions, raw: string): Promise<{ status: number; body: unknown }> => {
    if (!dispatcher) return { status: 503, body: { ok: false, error: 'starting' } };
    const parsed = ZActions[action].safeParse(tryParseJson(raw));
    if (!parsed.success || !ws.people.has(parsed.data.as)) return { status: 400, body: { ok: false, error: 'invalid_request' } };
    const input = parsed.data;
    switch (action) {
      case 'send': {
        const { as, channel, text } = input as z.infer<typeof ZActions.send>;
        const conversation = ws.channel(channel);
        if (!conversation?.members.has(as)) return { status: 403, body: { ok: false, error: 'not_in_channel' } };
        if (text.trimStart().startsWith('/')) {
          const name = /^\s*(\S+)/.exec(text)![1];
          const spec = manifest.commands.find((c) => c.command === name);
          const answer = await dispatcher.command(as, channel, escapeAsSlack(text, ws, spec?.shouldEscape ?? false));
          // The page keeps the typed line unless the command went through (see CommandOutcome).
          return { status: 200, body: { ok: true, outcome: answer?.outcome ?? 'failed' } };
        }
        if (conversation.isIm && manifest.messagesTabReadOnly) return { status: 200, body: { ok: false, error: 'read_only' } };
        ws.post({ channel, user: as, text: escapeAsSlack(text, ws), blocks: [] });
        return { status: 200, body: { ok: true, outcome: 'posted' } };
      }
      case 'mark': {
        const { as, channel, ts } = input as z.infer<typeof ZActions.mark>;
        if (!ws.channel(channel)?.members.has(as)) return { status: 403, body: { ok: false, error: 'not_in_channel' } };
        ws.markRead(as, channel, ts);
        return { status: 200, body: { ok: true } };
      }
      case 'click': {
        const { as, ...target } = input as z.infer<typeof ZActions.click>;
        return { status: 200, body: { ok: true, result: await dispatcher.click(as, target) } };
      }
      case 'submit': {
        const { as, viewId, values } = input as z.infer<typeof ZActions.submit>;
        return { status: 200, body: { ok: true, ...(await dispatcher.submit(as, viewId, values)) } };
      }
      case 'close': {
        const { as, viewId } = input as z.infer<typeof ZActions.close>;
        await dispatcher.closeView(as, viewId);
        return { status: 200, body: { ok: true } };
      }
      case 'app-home': {
        const { as, tab } = input as z.infer<typeof ZActions['app-home']>;
        await dispatcher.openAppHome(as, tab);
        return { status: 200, body: { ok: true } };
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (!LOCAL_HOST.test(req.headers.host ?? '')) return reply(res, 421, { ok: false, error: 'wrong_host' });
    const path = url.pathname;

    if (req.method === 'GET' && STATIC[path]) {
      const { file, type } = STATIC[path];
      const body = await readFile(new URL(file, PUBLIC_DIR));
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS });
      res.end(body);
      return;
    }
    if (req.method === 'GET' && path === '/sandbox/events') {
      const userId = url.searchParams.get('as') || DEFAULT_PERSON.id;
      if (!ws.people.has(userId)) return reply(res, 404, { ok: false, error: 'no_such_person' });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', ...SECURITY_HEADERS });
      res.write('retry: 1000\n\n');
      send(res, snapshotFor(userId));
      const listener = { userId, res };
      listeners.add(listener);
      req.on('close', () => listeners.delete(listener));
      return;
    }
    if (req.method === 'POST' && path.startsWith('/sandbox/api/')) {
      const action = path.slice('/sandbox/api/'.length);
      const origin = req.headers.origin;
      if (!(action in ZActions) || !req.headers['content-type']?.startsWith('application/json') || (origin && new URL(origin).host !== req.headers.host)) {
        return reply(res, 400, { ok: false, error: 'invalid_request' });
      }
      const answer = await handlePageAction(action as keyof typeof ZActions, await readBody(req));
      return reply(res, answer.status, answer.body);
    }
    if (path.startsWith('/api/')) {
      const raw = await readBody(req);
      const args = req.method === 'GET' ? Object.fromEntries(url.searchParams) : decodeWebApiArgs(raw, req.headers['content-type']);
      const token = req.headers.authorization?.replace(/^Bearer\s+/i, '');
      return reply(res, 200, webApi.call(path.slice('/api/'.length), args, token));
    }
    if (req.method === 'POST' && path.startsWith('/response/')) {
      const answer = webApi.respond(path.slice('/response/'.length), (tryParseJson(await readBody(req)) ?? {}) as Record<string, unknown>);
      return reply(res, answer.status, answer.body);
    }
    reply(res, 404, { ok: false, error: 'not_found' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('sandbox request failed', { source: 'sandbox', path: req.url, error });
      if (!res.headersSent) reply(res, 500, { ok: false, error: 'internal_error' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    internalUrl: `http://127.0.0.1:${port}`,
    url: `http://localhost:${port}`,
    attach(d) {
      dispatcher = d;
    },
    async close() {
      clearInterval(keepalive);
      ws.off('change', onChange);
      for (const listener of listeners) listener.res.end();
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
