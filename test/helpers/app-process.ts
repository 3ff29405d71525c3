// The real app as a child process (`node --import tsx src/main.ts`), as an operator starts it: for
// the tests that kill it, restart it, or run several of it against one database.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const ROOT = new URL('../../', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What waitHealthy needs of a client: a /healthz probe. */
interface HealthProbe {
  healthz(timeoutMs?: number): Promise<number>;
}

/** One run of the real app as a child process. */
export class AppProcess {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      // Drain the pipes (a full pipe would block the child) and keep the tail for diagnostics.
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /**
   * Starts the app with EXIT_WITH_PARENT=1: should the test process die (a runner killed, a
   * worker crashed), the app ends too instead of serving on for ever. By default over an IPC
   * channel, whose closing it notices at once; `ipc: false` makes it look for its parent instead.
   */
  static start(env: Record<string, string>, options: { ipc?: boolean } = {}): AppProcess {
    const base = { ...process.env };
    for (const key of ['SLACK_APP_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'TOKEN_ENCRYPTION_KEY']) delete base[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...base, EXIT_WITH_PARENT: '1', ...env },
      stdio: options.ipc === false ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new AppProcess(child);
  }

  async waitHealthy(client: HealthProbe, limitMs = 20_000): Promise<number> {
    const started = Date.now();
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    while (Date.now() - started < limitMs) {
      if (exited) throw new Error(`the app exited while starting:\n${this.output.join('\n')}`);
      try {
        if ((await client.healthz(500)) === 200) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(20);
    }
    throw new Error(`the app did not answer /healthz within ${limitMs} ms:\n${this.output.join('\n')}`);
  }

  /** Whether a process of this pid still runs (a zombie nobody has reaped yet does not). */
  static isRunning(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    try {
      // /proc/<pid>/stat: "pid (comm) state …"; Z is a process that has exited.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return existsSync(`/proc/${pid}`) || process.platform !== 'linux';
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.child.kill(signal);
    await this.exited;
  }
}


