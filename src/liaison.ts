// Starts one Liaison: database → migrations → Slack app → listeners → jobs → HTTP. Used by
// `npm start` and, in-process, by the end-to-end tests.
import { type Db, openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { type Clock, systemClock } from './domain/time.js';
import type { Logger } from './logger.js';
import { createSlackApp } from './slack/app.js';
import { registerListeners } from './slack/register.js';

export interface RunningLiaison {
  port: number;
  db: Db;
  deps: Deps;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Interface to bind; production listens everywhere so Slack can reach it. */
  host?: string;
}

export async function startLiaison(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningLiaison> {
  let ready = false;
  const db = openDatabase(config.databasePath);
  const deps: Deps = { db, config, logger, clock: options.clock ?? systemClock };
  try {
    const transport = createSlackApp(deps, () => ready);
    migrateDatabase(db);
    ready = true;
    const { stopJobs } = registerListeners(transport.app, deps);
    const port = await transport.start(options.host ?? '0.0.0.0');
    logger.info('liaison started', { mode: config.slack.kind, port, database: config.databasePath });
    let stopped = false;
    return {
      port,
      db,
      deps,
      async stop() {
        if (stopped) return;
        stopped = true;
        stopJobs();
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
