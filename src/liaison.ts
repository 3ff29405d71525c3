// Starts one Liaison: database → migrations → Slack app → listeners → jobs → HTTP. Used by
// `npm start` and, in-process, by the end-to-end tests.
import { type DatabaseSettings, openDatabase } from '../db/client.js';
import type { Database } from '../db/database.js';
import { isUnreachable } from '../db/pg/errors.js';
import { describeUrl } from '../db/pg/open.js';
import { type Config, ConfigError } from './config.js';
import type { Deps } from './deps.js';
import { type Clock, systemClock } from './domain/time.js';
import { JOBS } from './jobs/index.js';
import { type Scheduler, startScheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { createSlackApp } from './slack/app.js';
import { registerListeners } from './slack/register.js';

export interface RunningLiaison {
  port: number;
  db: Database;
  deps: Deps;
  /** Runs every scheduled job once at the clock's current time (tests drive time this way). */
  runJobs(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Interface to bind; production listens everywhere so Slack can reach it. */
  host?: string;
  /** Tick the scheduler every minute (default); tests turn it off and call runJobs(). */
  cron?: boolean;
}

/** One line for a database Liaison cannot start on, naming the variable and never a password. */
export function databaseStartFailure(settings: DatabaseSettings, error: unknown): string {
  let innermost = error;
  while ((innermost as { cause?: unknown })?.cause) innermost = (innermost as { cause: unknown }).cause;
  const detail = innermost instanceof Error ? innermost.message : String(innermost);
  if (settings.engine === 'pg') {
    const what = isUnreachable(error) ? 'could not be reached' : 'was refused';
    return `Configuration error: DATABASE_URL (${describeUrl(settings.url)}) ${what}: ${detail.replaceAll(settings.url, describeUrl(settings.url))}.`;
  }
  return `Configuration error: DATABASE_PATH (${settings.path}) could not be opened: ${detail}.`;
}

export async function startLiaison(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningLiaison> {
  let ready = false;
  let db: Database;
  try {
    db = openDatabase(config.database);
  } catch (error) {
    throw new ConfigError(databaseStartFailure(config.database, error));
  }
  const deps: Deps = { db, config, logger, clock: options.clock ?? systemClock };
  try {
    const transport = createSlackApp(deps, () => ready);
    try {
      await db.migrate();
    } catch (error) {
      throw new ConfigError(databaseStartFailure(config.database, error));
    }
    ready = true;
    const clients = transport.clients;
    registerListeners(transport.app, deps, clients);
    const port = await transport.start(options.host ?? '0.0.0.0');
    const scheduler: Scheduler = startScheduler({ deps, clients }, JOBS, { cron: options.cron ?? true });
    logger.info('liaison started', { mode: config.slack.kind, port, database: db.engine, location: db.location });
    let stopped = false;
    return {
      port,
      db,
      deps,
      runJobs: () => scheduler.runOnce(),
      async stop() {
        if (stopped) return;
        stopped = true;
        scheduler.stop();
        // Requests in flight finish (their units of work commit) before the database closes.
        await transport.stop();
        await db.close();
        logger.info('liaison stopped');
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
