// Child processes: every server under test runs in its own Node process (its own heap and event
// loop, so one server's garbage never lands on another's figures), started through the same
// `--import tsx` loader Liaison's `npm start` uses. Each is killed when the bench exits, however it exits.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { LOOPBACK, ROOT } from './constants.js';

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
// Ctrl-C or a kill must not leave servers behind: exit normally, so the handler above runs.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** A clean environment: the parent's Slack or database settings must not leak into a server. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) if (process.env[key]) base[key] = process.env[key];
  return { ...base, ...extra };
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** The last few kilobytes of stderr, for error messages. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnNode(script: string, env: Record<string, string>, options: { nodeArgs?: string[]; ipc?: boolean } = {}): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', ...(options.nodeArgs ?? []), script], {
    cwd: ROOT,
    env: childEnv(env),
    // stdout (Liaison's JSON log lines) goes to /dev/null, as a file would take it in production.
    stdio: ['ignore', 'ignore', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  if (child.pid === undefined) throw new Error(`could not spawn ${script}`);
  live.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => live.delete(child));
  return {
    child,
    pid: child.pid,
    stderr: () => stderr,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ServerProcess extends Spawned {
  name: string;
  port: number;
}

/** Starts a bench server script that reports `{ type: 'ready', port }` over IPC once it listens. */
export async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const spawned = spawnNode(script, env, { nodeArgs, ipc: true });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms: ${spawned.stderr()}`)), timeoutMs);
    spawned.child.on('message', (message: { type?: string; port?: number }) => {
      if (message?.type === 'ready' && typeof message.port === 'number') {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    spawned.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready: ${spawned.stderr()}`));
    });
  });
  return { ...spawned, name, port };
}

/** A port nobody listens on right now (for `src/main.ts`, which binds what PORT says). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** One GET /healthz; resolves to the status, or 0 when nothing answers yet. */
export function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: LOOPBACK, port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resident set size of a process in bytes, from /proc (Linux): `VmRSS` now, `VmHWM` its peak so far. */
export function readMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Samples a process's RSS every `intervalMs` until stopped; the maximum is the peak under load. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): { peak: number; samples: number } } {
  let peak = 0;
  let samples = 0;
  const take = () => {
    try {
      peak = Math.max(peak, readMemory(pid).rss);
      samples++;
    } catch {
      // the process is gone; the peak so far stands
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak, samples };
    },
  };
}

/** The heap breakdown of a bench server (V8 heap, external, array buffers), asked over IPC. */
export function askMemoryUsage(server: Spawned, timeoutMs = 2000): Promise<NodeJS.MemoryUsage | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.child.off('message', onMessage);
      resolve(undefined);
    }, timeoutMs);
    const onMessage = (message: { type?: string; usage?: NodeJS.MemoryUsage }) => {
      if (message?.type !== 'memory') return;
      clearTimeout(timer);
      server.child.off('message', onMessage);
      resolve(message.usage);
    };
    server.child.on('message', onMessage);
    server.child.send({ type: 'memory' });
  });
}
