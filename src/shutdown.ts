// How a Liaison process ends: on SIGTERM or SIGINT it stops (requests in flight finish, the
// database closes) and exits, and whatever it is doing it has exited within the ten seconds a
// container orchestrator waits before SIGKILL. With EXIT_WITH_PARENT=1 it also ends when the
// process that started it is gone, so a supervisor or test runner killed outright leaves no
// orphan serving on its port.
import { Worker } from 'node:worker_threads';
import type { Logger } from './logger.js';

/** SIGTERM to exit: under the ten seconds a container orchestrator waits before SIGKILL. */
export const SHUTDOWN_LIMIT_MS = 8_000;
/** When even the deadline's timer cannot run (the event loop blocked), another thread kills the process this much later. */
const BACKSTOP_MS = 1_000;
/** How often a parent without an IPC channel is looked for. */
const PARENT_POLL_MS = 1_000;
/** The parent, read as this module loads, before the app starts: one that dies while the app starts is still noticed. */
const STARTED_BY = process.ppid;

export interface ExitOptions {
  /** End when the parent process is gone (EXIT_WITH_PARENT=1). */
  exitWithParent: boolean;
  limitMs?: number;
}

/** Installs the signal handlers (and the parent watch): `stop` then exit 0, exit 1 if it fails, and the deadline. */
export function exitOnSignals(logger: Logger, stop: () => Promise<void>, options: ExitOptions): void {
  const limitMs = options.limitMs ?? SHUTDOWN_LIMIT_MS;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    armDeadline(logger, signal, limitMs);
    stop().then(
      () => process.exit(0),
      (error) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  // Once: a second SIGTERM or Ctrl-C ends the process at once (Node's default).
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  if (options.exitWithParent) watchParent(() => shutdown('parent-gone'));
}

/**
 * Whatever the process is doing, it ends: what is not finished by then was never acknowledged,
 * and queued work is picked up by the other instances or the next start. The timer on this thread
 * logs why; a synchronous stretch (a long SQLite statement) can keep it from running, so a worker
 * thread, which has its own event loop, kills the process a moment later if it is still there.
 */
function armDeadline(logger: Logger, signal: string, limitMs: number): void {
  setTimeout(() => {
    logger.warn('shutdown took too long; exiting', { signal });
    process.exit(1);
  }, limitMs).unref();
  try {
    const backstop = new Worker(
      "const { workerData } = require('node:worker_threads'); setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.ms);",
      { eval: true, execArgv: [], workerData: { pid: process.pid, ms: limitMs + BACKSTOP_MS } },
    );
    backstop.unref();
  } catch (error) {
    logger.warn('shutdown backstop could not start; the timer alone ends the process', { error });
  }
}

/**
 * Calls `gone` once the parent process is gone. A parent that gave this process an IPC channel
 * (child_process.fork, spawn with 'ipc') is gone when the channel closes; any other parent is
 * looked for every second. Its pipes may be closed too: writing the last log lines to a closed
 * stdout must not turn a clean stop into a crash.
 */
function watchParent(gone: () => void): void {
  const onGone = () => {
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
    gone();
  };
  if (process.send) {
    // The channel may have closed while this process was starting.
    if (process.connected) process.once('disconnect', onGone);
    else onGone();
    return;
  }
  const poll = setInterval(() => {
    if (isAlive(STARTED_BY)) return;
    clearInterval(poll);
    onGone();
  }, PARENT_POLL_MS);
  poll.unref();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
