// An app whose parent dies outright (SIGKILL: no handler runs, no signal is forwarded) ends by
// itself, so a killed test runner or supervisor leaves nothing serving on its port. The apps the
// tests start (test/helpers/app-process.ts) run with EXIT_WITH_PARENT=1, as a supervisor would
// set it: over an IPC channel the app sees the channel close; without one it looks for its parent.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProcess, freePort } from '../helpers/app-process.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/harness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { SignedClient } from './signed-client.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The first line a process writes to stdout. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`the parent exited (${code}) before naming its app`)));
  });
}

describe('an app whose parent is killed', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it.each([
    ['that gave it an IPC channel', 'ipc'],
    ['that gave it none', 'pid'],
  ])('by a parent %s ends, and its port no longer answers', async (_name, mode) => {
    const slack = await new FakeSlack().start();
    cleanup.push(() => slack.stop());
    const database: TestDatabase = await createTestDatabase();
    cleanup.push(() => database.drop());
    const port = await freePort();
    const client = new SignedClient(() => `http://127.0.0.1:${port}`, slack);
    const parent = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/orphan-parent.ts', mode], {
      cwd: ROOT,
      env: { ...process.env, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, ...database.env, PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const parentGone = new Promise((resolve) => parent.once('exit', resolve));
    cleanup.push(async () => {
      parent.kill('SIGKILL');
      await parentGone;
    });
    const pid = Number(await firstLine(parent));
    // Should the app outlive the test after all, it is not left running.
    cleanup.push(() => {
      if (AppProcess.isRunning(pid)) process.kill(pid, 'SIGKILL');
    });
    await expect.poll(() => client.healthz(500).catch(() => 0), { timeout: 20_000, interval: 50 }).toBe(200);

    parent.kill('SIGKILL');
    await parentGone;

    await expect.poll(() => AppProcess.isRunning(pid), { timeout: 20_000, interval: 100 }).toBe(false);
    await expect(client.healthz(500)).rejects.toThrow();
  });
});
