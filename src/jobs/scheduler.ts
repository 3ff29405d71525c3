// One short cron tick asks the database what is due: sturdier than a cron job per operation, which
// node-cron can skip or double across daylight-saving changes. Ticks never overlap, and one job's
// failure does not stop the others.
import cron from 'node-cron';
import type { Job, JobContext } from './types.js';

export interface Scheduler {
  /** Runs every job once, now (also what each tick does). */
  runOnce(): Promise<void>;
  stop(): void;
}

export function startScheduler(context: JobContext, jobs: readonly Job[], options: { cron: boolean }): Scheduler {
  let running: Promise<void> | null = null;
  const runOnce = async () => {
    // A tick that finds the previous one still running waits for it instead of overlapping.
    while (running) await running;
    running = (async () => {
      const now = context.deps.clock.now();
      for (const job of jobs) {
        try {
          await job.run(context, now);
        } catch (error) {
          context.deps.logger.error('job failed', { job: job.name, error });
        }
      }
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
  const task = options.cron ? cron.schedule('* * * * *', () => void runOnce(), { noOverlap: true }) : null;
  // A first tick at start: digests missed while down, and queued cards, need not wait for the minute.
  if (options.cron) setImmediate(() => void runOnce());
  return {
    runOnce,
    stop: () => {
      task?.stop();
    },
  };
}
