// SIGTERM ends the process whatever it is doing (src/shutdown.ts): a stop that never finishes is
// cut short by the deadline (exit 1, saying so), and one that keeps the event loop busy, so that no
// timer of its own can run, is killed from another thread. The deadline is shortened here; in the
// app it is eight seconds, the backstop one more, under the ten an orchestrator waits.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url).pathname;

/** Starts the stuck process, sends SIGTERM once it is ready, and resolves to how it ended and what it wrote. */
function terminate(mode: 'hang' | 'block'): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/stuck-stop.ts', mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      const before = output;
      output += chunk.toString('utf8');
      if (!before.includes('ready\n') && output.includes('ready\n')) child.kill('SIGTERM');
    });
    child.once('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

describe('a shutdown that does not finish', () => {
  it('ends at the deadline with exit 1, saying why', async () => {
    const ended = await terminate('hang');
    expect(ended.code, ended.output).toBe(1);
    expect(ended.output).toContain('"msg":"shutdown took too long; exiting"');
  });

  it('ends even when the event loop is blocked: the backstop kills it', async () => {
    const ended = await terminate('block');
    expect(ended, ended.output).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(ended.output).toContain('"msg":"shutting down"');
  });
});
