// The sandbox: `npm start` without Slack credentials. A local Slack-like workspace on
// http://localhost:$PORT (127.0.0.1 only) with the same, unchanged Liaison behind it, which reaches
// "Slack" through the sandbox's Web API stand-in and receives signed requests from it. A new
// database is seeded with the 2017 operation through Liaison's own commands.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type Config, parseConfig } from '../config.js';
import { type RunningLiaison, startLiaison } from '../liaison.js';
import { createLogger, type Logger } from '../logger.js';
import { exitOnSignals } from '../shutdown.js';
import { PEOPLE, SANDBOX_APP, SANDBOX_TEAM } from './cast.js';
import { TERMINAL_TEXT } from './catalogue.js';
import { Dispatcher } from './dispatcher.js';
import { readManifest } from './manifest.js';
import { seedWorkspace } from './seed.js';
import { startSandboxServer } from './server.js';
import { createWebApi } from './web-api.js';
import { Workspace } from './workspace.js';

export const DEFAULT_SANDBOX_DATABASE = 'data/sandbox.db';

export interface SandboxOptions {
  /** The environment: PORT, DATABASE_PATH, DEFAULT_TIMEZONE, LOG_LEVEL and OVERDUE_HOURS are honoured. */
  env: Record<string, string | undefined>;
  logger: Logger;
  /** Tick Liaison's scheduler every minute (the default); tests turn it off and run the jobs. */
  cron?: boolean;
}

export interface RunningSandbox {
  url: string;
  port: number;
  databasePath: string;
  /** True when the database was new and has been seeded. */
  seeded: boolean;
  workspace: Workspace;
  liaison: RunningLiaison;
  stop(): Promise<void>;
}

/** The sandbox keeps its own database unless DATABASE_PATH names one. */
export function sandboxDatabasePath(env: Record<string, string | undefined>): string {
  return env.DATABASE_PATH?.trim() || DEFAULT_SANDBOX_DATABASE;
}

export async function startSandbox({ env, logger, cron = true }: SandboxOptions): Promise<RunningSandbox> {
  const base = parseConfig(env);
  const databasePath = sandboxDatabasePath(env);
  const fresh = databasePath === ':memory:' || !existsSync(databasePath);
  const manifest = readManifest();
  const workspace = new Workspace();
  const webApi = createWebApi(workspace, logger, SANDBOX_APP.botToken);
  const server = await startSandboxServer({ ws: workspace, webApi, manifest, port: base.port, logger });
  let liaison: RunningLiaison | undefined;
  try {
    // A fresh secret each start: only this sandbox can sign requests this Liaison accepts.
    const signingSecret = randomBytes(24).toString('hex');
    const config = parseConfig({
      ...env,
      SLACK_BOT_TOKEN: SANDBOX_APP.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: `${server.internalUrl}/api/`,
      PORT: '0',
      DATABASE_PATH: databasePath,
      BOOTSTRAP_ADMINS: `${SANDBOX_TEAM.id}:${PEOPLE.admin.id}`,
    });
    liaison = await startLiaison(config, logger, { host: '127.0.0.1', cron });
    const dispatcher = new Dispatcher(
      workspace,
      webApi,
      manifest,
      { eventsUrl: `http://127.0.0.1:${liaison.port}/slack/events`, signingSecret, sandboxUrl: server.internalUrl },
      logger,
    );
    server.attach(dispatcher);
    if (fresh) await seedWorkspace(dispatcher, workspace, config.defaultTimezone, logger);
    const running = liaison;
    return {
      url: server.url,
      port: server.port,
      databasePath,
      seeded: fresh,
      workspace,
      liaison: running,
      async stop() {
        await running.stop();
        await server.close();
      },
    };
  } catch (error) {
    await liaison?.stop();
    await server.close();
    throw error;
  }
}

/** `npm start` without credentials: start the sandbox, say where it is, stop cleanly on a signal (src/shutdown.ts). */
export async function runSandbox(config: Config, env: Record<string, string | undefined>): Promise<void> {
  const logger = createLogger(config.logLevel);
  const sandbox = await startSandbox({ env, logger });
  process.stdout.write(sandbox.seeded ? TERMINAL_TEXT.seeded(sandbox.databasePath) : TERMINAL_TEXT.reused(sandbox.databasePath));
  process.stdout.write(TERMINAL_TEXT.ready(sandbox.url));
  exitOnSignals(logger, () => sandbox.stop(), { exitWithParent: config.exitWithParent });
}
