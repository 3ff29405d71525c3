// Builds the Bolt app for the configured transport (HTTP by default, Socket Mode with an app token)
// and the `/healthz` route. Transport only: what a request means is decided in the listeners.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { toBoltLogger } from '../logger.js';
import { appClientOptions, createNoRetryClient, distributionClients, type SlackClients, singleWorkspaceClients } from './clients.js';
import { BOT_SCOPES, createInstallationStore, installerOptions, registerUninstall } from './installations.js';

/** Slack's payloads are small; a larger body is refused before it is parsed. */
export const REQUEST_BODY_LIMIT = 256 * 1024;

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
  if (slack.kind === 'distribution') {
    installations = createInstallationStore(deps, slack.encryptionKey, slack.allowedTeams);
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: '/slack/events',
      customRoutes: [healthz],
      logger: boltLogger,
      bodyLimit: REQUEST_BODY_LIMIT,
      processBeforeResponse: false,
      clientId: slack.clientId,
      clientSecret: slack.clientSecret,
      stateSecret: slack.stateSecret,
      scopes: BOT_SCOPES,
      installationStore: installations,
      installerOptions: installerOptions(deps),
    });
  } else if (slack.kind === 'socket') {
    receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: boltLogger,
      customRoutes: [healthz],
      installerOptions: { port: config.port },
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: '/slack/events',
      customRoutes: [healthz],
      logger: boltLogger,
      bodyLimit: REQUEST_BODY_LIMIT,
      // Answer as soon as a listener acknowledges; listeners persist before they acknowledge.
      processBeforeResponse: false,
    });
  }

  const app = new App({
    ...(slack.kind === 'distribution' ? {} : { token: slack.botToken }),
    receiver,
    logger: boltLogger,
    // Bolt's default conversation store builds an Error per request; Liaison keeps no conversation state.
    convoStore: false,
    clientOptions: appClientOptions(config),
  });

  if (installations) registerUninstall(app, installations);

  return {
    app,
    clients:
      slack.kind === 'distribution'
        ? distributionClients(installations!, config)
        : singleWorkspaceClients(app.client, createNoRetryClient(slack.botToken, config)),
    async start(host) {
      if (slack.kind === 'socket') {
        await app.start();
        return config.port;
      }
      const server = await (receiver as HTTPReceiver).start({ port: config.port, host });
      const address = server.address();
      return typeof address === 'object' && address ? address.port : config.port;
    },
    async stop() {
      await app.stop();
    },
  };
}
