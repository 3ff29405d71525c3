// Starts one Liaison: database → migrations → Slack app → listeners → jobs → HTTP. Used by
// `npm start` and, in-process, by the end-to-end tests.
import { type Db, openDatabase } from '../db/client.js';
import { CommitBatcher } from '../db/commit-batcher.js';
import { migrateDatabase } from '../db/migrate.js';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { type Clock, systemClock } from './domain/time.js';
import type { Logger } from './logger.js';
import { createSlackApp } from './slack/app.js';
import { registerListeners } from './slack/register.js';
import { JOBS } from './jobs/index.js';
import { type Scheduler, startScheduler } from './jobs/scheduler.js';

export interface RunningLiaison {
  port: number;
  db: Db;
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

export async function startLiaison(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningLiaison> {
  let ready = false;
  const db = openDatabase(config.databasePath);
  const deps: Deps = { db, commits: new CommitBatcher(db), config, logger, clock: options.clock ?? systemClock };
  try {
    const transport = createSlackApp(deps, () => ready);
    migrateDatabase(db);
    ready = true;
    const clients = transport.clients;
    registerListeners(transport.app, deps, clients);
    const port = await transport.start(options.host ?? '0.0.0.0');
    const scheduler: Scheduler = startScheduler({ deps, clients }, JOBS, { cron: options.cron ?? true });
    logger.info('liaison started', { mode: config.slack.kind, port, database: config.databasePath });
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
        await transport.stop();
        db.$client.close();
        logger.info('liaison stopped');
      },
    };
  } catch (error) {
    db.$client.close();
    throw error;
  }
}
