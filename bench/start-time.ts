// Part 3, start: wall time from spawning the process to the first `GET /healthz` 200, for Liaison's
// real entry point (`node --import tsx src/main.ts`, as `npm start` runs it minus npm's own start-up)
// and for bare Bolt started the same way. Each start gets a fresh database, so Liaison's includes
// creating and migrating it, as a first deployment does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUEST_BODY_LIMIT } from '../src/slack/app.js';
import { BOT_TOKEN, SIGNING_SECRET } from './constants.js';
import { freePort, healthStatus, sleep, spawnNode } from './processes.js';
import { startSlackStub } from './slack-stub.js';
import { median } from './stats.js';

const POLL_MS = 5;
const START_TIMEOUT_MS = 30_000;

export interface StartFigures {
  /** Timed starts in ms (after one untimed start that fills tsx's transform cache). */
  liaisonMs: number[];
  bareBoltMs: number[];
  liaison: number;
  bareBolt: number;
}

async function timeStart(script: string, env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnNode(script, { ...env, PORT: String(port) });
  try {
    while ((await healthStatus(port)) !== 200) {
      if (child.child.exitCode !== null) throw new Error(`${script} exited during start: ${child.stderr()}`);
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`${script} not healthy after ${START_TIMEOUT_MS} ms`);
      await sleep(POLL_MS);
    }
    return performance.now() - started;
  } finally {
    await child.stop();
  }
}

export async function measureStarts(times: number, log: (line: string) => void): Promise<StartFigures> {
  const stub = await startSlackStub();
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-start-'));
  try {
    const common = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: stub.apiUrl, BODY_LIMIT: String(REQUEST_BODY_LIMIT) };
    let n = 0;
    const liaison = () => timeStart('src/main.ts', { ...common, DATABASE_PATH: join(dir, `start-${++n}.db`) });
    const bareBolt = () => timeStart('bench/servers/bare-bolt.ts', common);
    await liaison();
    await bareBolt();
    const liaisonMs: number[] = [];
    const bareBoltMs: number[] = [];
    // Interleaved, like the load, so neither always starts on a warmer machine.
    for (let i = 0; i < times; i++) {
      liaisonMs.push(await liaison());
      bareBoltMs.push(await bareBolt());
    }
    log(`  starts (ms): Liaison ${liaisonMs.map((v) => v.toFixed(0)).join(', ')}; bare Bolt ${bareBoltMs.map((v) => v.toFixed(0)).join(', ')}`);
    return { liaisonMs, bareBoltMs, liaison: median(liaisonMs), bareBolt: median(bareBoltMs) };
  } finally {
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
