// The dependencies every layer receives as parameters, never as module singletons.
import type { Database } from '../db/database.js';
import type { Config } from './config.js';
import type { Clock } from './domain/time.js';
import type { Logger } from './logger.js';

export interface Deps {
  /** Every read and write goes through a unit of work on it (db/database.ts). */
  db: Database;
  config: Config;
  clock: Clock;
  logger: Logger;
}
