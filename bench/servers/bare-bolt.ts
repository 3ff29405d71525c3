// Bare Bolt: Bolt's own cost for a slash command with Liaison's transport settings and nothing of
// Liaison's work. The receiver and the App are configured as src/slack/app.ts configures them; its
// one listener acknowledges `/engage` and does nothing else. The client options and the logger
// adapter are imported from Liaison's own small modules; the body limit arrives in BODY_LIMIT from
// the bench (which reads REQUEST_BODY_LIMIT), because importing src/slack/app.ts would load the
// installation store, the domain and the database driver and bill Liaison's start to bare Bolt.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute, HTTPReceiver } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import { createLogger, toBoltLogger } from '../../src/logger.js';
import { appClientOptions } from '../../src/slack/clients.js';
import { serveTheBench } from './child.js';

const env = process.env;
const port = Number(env.PORT ?? 0);
const bodyLimit = Number(env.BODY_LIMIT ?? 256 * 1024);
const logLevel = 'info';
const boltLogger = toBoltLogger(createLogger(logLevel), logLevel);
const slackApiUrl = env.SLACK_API_URL && (env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`);

const healthz: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  },
};

const receiver = new HTTPReceiver({
  signingSecret: env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  customRoutes: [healthz],
  logger: boltLogger,
  bodyLimit,
  processBeforeResponse: false,
});

const app = new App({
  // Token verification left on, as Liaison leaves it: auth.test once, answered by the local stub.
  token: env.SLACK_BOT_TOKEN ?? '',
  receiver,
  logger: boltLogger,
  convoStore: false,
  // appClientOptions reads only the API URL from the config.
  clientOptions: appClientOptions({ slackApiUrl } as Config),
});

app.command('/engage', async ({ ack }) => {
  await ack();
});

// Like Liaison in HTTP mode: the receiver is started directly, on the given host.
const server = await receiver.start({ port, host: '127.0.0.1' });
const address = server.address();
process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : port });
serveTheBench(() => app.stop());
