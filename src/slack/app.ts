// Builds the Bolt app for the configured transport (HTTP by default, Socket Mode with an app token)
// and the `/healthz` route. Transport only: what a request means is decided in the listeners.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { App, type CustomRoute, HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions, isRawBodyError, isValidSlackRequest, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { toBoltLogger } from '../logger.js';
import { appClientOptions, classifyFailure, createNoRetryClient, distributionClients, type SlackClients, singleWorkspaceClients } from './clients.js';
import { BOT_SCOPES, createInstallationStore, installerOptions, registerUninstall } from './installations.js';
import { dropMalformedPayloads } from './payload-shape.js';

/** Slack's payloads are small; a larger body is refused before it is parsed. */
export const REQUEST_BODY_LIMIT = 256 * 1024;
/** On shutdown, requests already being handled get this long to finish before their connections are closed. */
const DRAIN_MS = 4_000;

export interface SlackTransport {
  app: App;
  /** Clients that post as Liaison in each workspace. */
  clients: SlackClients;
  /** Starts listening; resolves to the bound HTTP port (HTTP mode or Socket Mode's health server). */
  start(host: string): Promise<number>;
  stop(): Promise<void>;
}

export function createSlackApp(deps: Deps, isReady: () => boolean): SlackTransport {
  const { config, logger } = deps;
  const { slack } = config;
  if (slack.kind === 'none') throw new Error('createSlackApp needs Slack credentials');
  const boltLogger = toBoltLogger(logger, config.logLevel);
  const healthz: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      const ready = isReady();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: ready }));
    },
  };

  let receiver: Receiver;
  let installations: ReturnType<typeof createInstallationStore> | undefined;
  let server: Server | undefined;
  // Once stopping, requests that arrive on connections still open are refused (503, Connection:
  // close) instead of being taken on: a load balancer sends them to another instance.
  let stopping = false;
  if (slack.kind === 'socket') {
    receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: boltLogger,
      customRoutes: [healthz],
      installerOptions: { port: config.port },
    });
  } else {
    // HTTP, with one workspace's token or (distribution) each installation's.
    const http: HTTPReceiverOptions = {
      signingSecret: slack.signingSecret,
      endpoints: '/slack/events',
      customRoutes: [healthz],
      logger: boltLogger,
      bodyLimit: REQUEST_BODY_LIMIT,
      // Answer as soon as a listener acknowledges; listeners persist before they acknowledge.
      processBeforeResponse: false,
    };
    if (slack.kind === 'distribution') {
      installations = createInstallationStore(deps, slack.encryptionKey, slack.allowedTeams);
      Object.assign(http, {
        clientId: slack.clientId,
        clientSecret: slack.clientSecret,
        stateSecret: slack.stateSecret,
        scopes: BOT_SCOPES,
        installationStore: installations,
        installerOptions: installerOptions(deps),
      });
    }
    const httpReceiver = new HTTPReceiver(http);
    guardRequests(httpReceiver, deps, slack.signingSecret, () => stopping);
    receiver = httpReceiver;
  }

  const app = new App({
    ...(slack.kind === 'distribution' ? {} : { token: slack.botToken }),
    receiver,
    logger: boltLogger,
    // Bolt's default conversation store builds an Error per request; Liaison keeps no conversation state.
    convoStore: false,
    clientOptions: appClientOptions(config),
  });
  // Signed but lacking its user, view or event: answered 200 and dropped before Bolt reads it.
  dropMalformedPayloads(app, logger);

  if (installations) registerUninstall(app, installations);
  // English is the answer meanwhile; the code says why (missing_scope: reinstall with users:read).
  const languageLookupFailed = (error: unknown) => logger.warn('person language not looked up; English used', { error: classifyFailure(error).code });

  return {
    app,
    clients:
      slack.kind === 'distribution'
        ? distributionClients(installations!, config, languageLookupFailed)
        : singleWorkspaceClients(app.client, createNoRetryClient(slack.botToken, config), languageLookupFailed),
    async start(host) {
      if (slack.kind === 'socket') {
        await app.start();
        return config.port;
      }
      server = await (receiver as HTTPReceiver).start({ port: config.port, host });
      const address = server.address();
      return typeof address === 'object' && address ? address.port : config.port;
    },
    async stop() {
      stopping = true;
      // Keep-alive connections under load would keep the server open for ever: after the drain,
      // whatever is still open is closed.
      const drained = setTimeout(() => server?.closeAllConnections(), DRAIN_MS);
      try {
        await app.stop();
      } finally {
        clearTimeout(drained);
      }
    },
  };
}

/** Slack's signature window: a request signed longer ago than this, or further ahead, is refused. */
const SIGNATURE_WINDOW_S = 5 * 60;

/**
 * What Bolt's HTTP receiver leaves open, closed before a request reaches it:
 * - it reads fields of the parsed body without checking it is an object, in a promise nobody
 *   awaits: a signed `payload=null` would stop Node. Bodies are read here first (with the same size
 *   limit); one that is not an object is answered 400 if Slack signed it, 401 if not, and never
 *   reaches Bolt, which reuses the buffered body;
 * - it refuses a timestamp more than five minutes old but not one ahead: a request "signed in the
 *   future" could be replayed until that future came. Refused here with 401, as an old one is.
 */
function guardRequests(receiver: HTTPReceiver, deps: Deps, signingSecret: string, stopping: () => boolean): void {
  const listen = receiver.requestListener;
  const refuse = (res: ServerResponse, status: number) => {
    res.writeHead(status);
    res.end();
  };
  receiver.requestListener = (req, res) => {
    if (stopping()) {
      res.writeHead(503, { connection: 'close', 'retry-after': '1' });
      res.end();
      return;
    }
    if (req.method !== 'POST' || !req.url?.startsWith('/slack/events')) {
      listen(req, res);
      return;
    }
    const signedAt = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(signedAt) && signedAt > Date.now() / 1000 + SIGNATURE_WINDOW_S) {
      deps.logger.warn('request signed in the future; refused');
      refuse(res, 401);
      return;
    }
    HTTPModuleFunctions.bufferIncomingMessage(req, REQUEST_BODY_LIMIT).then(
      (buffered) => {
        if (isObjectBody(buffered.rawBody.toString(), req.headers['content-type'])) {
          listen(buffered, res);
          return;
        }
        const signed = isValidSlackRequest({
          signingSecret,
          body: buffered.rawBody.toString(),
          headers: {
            'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
            'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp'] ?? 0),
          },
        });
        deps.logger.warn('request body is not an object; refused', { signed });
        refuse(res, signed ? 400 : 401);
      },
      (error: unknown) => refuse(res, isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413 ? 413 : 400),
    );
  };
}

/**
 * Whether Bolt will parse the body to an object, checked without parsing the common case twice: a
 * slash command's form is always an object; only a `payload` field or a JSON body can be `null`.
 * Unparseable bodies count as objects here: Bolt answers those itself (400, or 401 when unsigned).
 */
function isObjectBody(raw: string, contentType: string | undefined): boolean {
  try {
    if (contentType?.includes('application/json')) return isObject(JSON.parse(raw));
    if (!/(^|&)payload=/.test(raw)) return true;
    const payload = new URLSearchParams(raw).get('payload');
    return payload === null || isObject(JSON.parse(payload));
  } catch {
    return true;
  }
}

const isObject = (value: unknown) => value !== null && typeof value === 'object';
