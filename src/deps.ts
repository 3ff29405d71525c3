// The dependencies every layer receives as parameters, never as module singletons.
import type { Db } from '../db/client.js';
import type { CommitBatcher } from '../db/commit-batcher.js';
import type { Config } from './config.js';
import type { Clock } from './domain/time.js';
import type { Logger } from './logger.js';

export interface Deps {
  db: Db;
  /** Runs request work in group commits: answer only once it resolves (the data is then durable). */
  commits: CommitBatcher;
  config: Config;
  clock: Clock;
  logger: Logger;
}
