// Part 1 and the memory half of part 3: three servers in three child processes (ceiling, bare Bolt,
// Liaison), loaded in turn with signed /engage commands at each connection count, repetitions
// interleaved (ceiling → Bolt → Liaison, the order rotated every repetition) so drift in the machine
// (thermal, page cache, a noisy neighbour) spreads over all three instead of landing on one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUEST_BODY_LIMIT } from '../src/slack/app.js';
import { ADMIN_USER, BOT_TOKEN, ENGAGE_TEXT, LOGGED_MARK, OFFICER_USER, SIGNING_SECRET } from './constants.js';
import { type LoadResult, runLoad } from './load.js';
import { askMemoryUsage, readMemory, type ServerProcess, sampleRss, sleep, startServer } from './processes.js';
import { seedLiaison } from './seed.js';
import { startSlackStub } from './slack-stub.js';
import { median } from './stats.js';

export const SERVERS = ['ceiling', 'bareBolt', 'liaison'] as const;
export type ServerName = (typeof SERVERS)[number];

export interface CommandPathPlan {
  connections: number[];
  repetitions: number;
  /** Seconds per measured run. */
  durationS: number;
  /** Requests sent to each server before measuring; Liaison's RSS is read after them ("after 10,000"). */
  warmupRequests: number;
  /** Liaison's RSS is read again once this many /engage requests were sent in all… */
  totalRequests: number;
  /** …or at this moment (performance.now()), whichever comes first: the bench must end by itself. */
  deadline: number;
  /** Cap on Liaison's warm-up, in seconds, for the same reason. */
  warmupCapS: number;
}

export interface ServerFigures {
  runs: LoadResult[];
  /** Medians over the repetitions. */
  rps: number;
  p50: number;
  p99: number;
}

export interface CommandPathResult {
  byConnections: Record<string, Record<ServerName, ServerFigures>>;
  liaisonAnswers: { checked: number; withoutLoggedMark: number; non2xx: number; errors: number; timeouts: number; samples: string[] };
  nonOkByServer: Record<ServerName, { non2xx: number; errors: number; timeouts: number }>;
  memory: {
    liaison: {
      idle: number;
      afterWarmup: number;
      /** Requests actually answered by the first reading, and by the second. */
      warmupRequests: number;
      afterTotal: number;
      totalRequests: number;
      /** Whether the planned total was reached before the deadline. */
      reachedTotal: boolean;
      plannedTotal: number;
      peak: number;
      /** process.memoryUsage() at the two readings: how much of the RSS is V8 heap. */
      heapAfterWarmup?: NodeJS.MemoryUsage;
      heapAfterTotal?: NodeJS.MemoryUsage;
    };
    bareBolt: { idle: number; peak: number; heapAfterLoad?: NodeJS.MemoryUsage };
    ceiling: { idle: number; peak: number };
  };
}

const SCRIPTS: Record<ServerName, string> = {
  ceiling: 'bench/servers/ceiling.ts',
  bareBolt: 'bench/servers/bare-bolt.ts',
  liaison: 'bench/servers/liaison.ts',
};

export async function runCommandPath(plan: CommandPathPlan, log: (line: string) => void): Promise<CommandPathResult> {
  const stub = await startSlackStub();
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-bench-cmd-'));
  const servers: Partial<Record<ServerName, ServerProcess>> = {};
  try {
    // The load is one officer sending thousands of commands a minute, which Liaison's per-person
    // limit (COMMAND_RATE_PER_MINUTE, when the build has one) would rightly refuse; the bench
    // measures capacity, so the limit is off. Its check still runs on every request.
    const common = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: stub.apiUrl, BODY_LIMIT: String(REQUEST_BODY_LIMIT), PORT: '0' };
    for (const name of SERVERS) {
      const env = name === 'liaison' ? { ...common, DATABASE_PATH: join(dataDir, 'liaison.db'), BOOTSTRAP_ADMINS: ADMIN_USER, COMMAND_RATE_PER_MINUTE: '0' } : common;
      servers[name] = await startServer(name, SCRIPTS[name], env);
    }
    const s = servers as Record<ServerName, ServerProcess>;
    await seedLiaison(s.liaison.port, stub.base);
    log(`  servers up (ceiling :${s.ceiling.port}, bare Bolt :${s.bareBolt.port}, Liaison :${s.liaison.port}); Liaison seeded`);

    await sleep(2000);
    const idle = Object.fromEntries(SERVERS.map((n) => [n, readMemory(s[n].pid).rss])) as Record<ServerName, number>;
    const samplers = Object.fromEntries(SERVERS.map((n) => [n, sampleRss(s[n].pid)])) as Record<ServerName, ReturnType<typeof sampleRss>>;

    const engage = (name: ServerName, load: { connections: number; duration?: number; amount?: number; stopAfter?: number }) =>
      runLoad({
        port: s[name].port,
        command: '/engage',
        text: ENGAGE_TEXT,
        userId: OFFICER_USER,
        responseBase: stub.base,
        ...(name === 'liaison' ? { expectBody: (body: string) => body.includes(LOGGED_MARK) } : {}),
        ...load,
      });

    const allRuns: Record<ServerName, LoadResult[]> = { ceiling: [], bareBolt: [], liaison: [] };
    const maxConnections = Math.max(...plan.connections);
    const sent = () => allRuns.liaison.reduce((sum, r) => sum + r.responses, 0);
    for (const name of SERVERS) {
      allRuns[name].push(await engage(name, { connections: maxConnections, duration: plan.warmupCapS, stopAfter: plan.warmupRequests }));
    }
    await sleep(1000);
    // The heap is asked for first: it runs a full collection, so the RSS read next is comparable.
    const heapAfterWarmup = await askMemoryUsage(s.liaison);
    const afterWarmup = readMemory(s.liaison.pid).rss;
    const warmupRequests = sent();
    log(`  warm-up: ${plan.warmupRequests} requests to each server (Liaison answered ${warmupRequests} at ${allRuns.liaison[0]!.rps.toFixed(0)} req/s)`);

    const byConnections: CommandPathResult['byConnections'] = {};
    for (const connections of plan.connections) {
      const measured: Record<ServerName, LoadResult[]> = { ceiling: [], bareBolt: [], liaison: [] };
      for (let rep = 0; rep < plan.repetitions; rep++) {
        const order = SERVERS.map((_, i) => SERVERS[(i + rep) % SERVERS.length]!);
        for (const name of order) {
          const result = await engage(name, { connections, duration: plan.durationS });
          measured[name].push(result);
          allRuns[name].push(result);
          log(
            `  c=${connections} rep ${rep + 1} ${name.padEnd(8)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  non-2xx ${result.non2xx}`,
          );
          await sleep(300);
        }
      }
      byConnections[String(connections)] = Object.fromEntries(
        SERVERS.map((name) => {
          const runs = measured[name];
          return [name, { runs, rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) }];
        }),
      ) as Record<ServerName, ServerFigures>;
    }

    // Top Liaison up to the total, so growth is read over a fixed number of requests, unless the
    // deadline comes first (then the reading is taken where it stands, and the report says so).
    const remainingS = (plan.deadline - performance.now()) / 1000;
    if (sent() < plan.totalRequests && remainingS >= 1) {
      log(`  topping Liaison up from ${sent()} towards ${plan.totalRequests} requests for at most ${remainingS.toFixed(0)} s`);
      allRuns.liaison.push(await engage('liaison', { connections: maxConnections, duration: Math.floor(remainingS), stopAfter: plan.totalRequests - sent() }));
    }
    const peaks = Object.fromEntries(SERVERS.map((n) => [n, samplers[n].stop().peak])) as Record<ServerName, number>;
    await sleep(1000);
    const heapAfterTotal = await askMemoryUsage(s.liaison);
    const afterTotal = readMemory(s.liaison.pid).rss;
    const boltHeap = await askMemoryUsage(s.bareBolt);
    log(`  Liaison: ${sent()} /engage requests in all`);

    const sum = (runs: LoadResult[], key: 'non2xx' | 'errors' | 'timeouts' | 'checked' | 'checkFailures') =>
      runs.reduce((total, r) => total + r[key], 0);
    return {
      byConnections,
      liaisonAnswers: {
        checked: sum(allRuns.liaison, 'checked'),
        withoutLoggedMark: sum(allRuns.liaison, 'checkFailures'),
        non2xx: sum(allRuns.liaison, 'non2xx'),
        errors: sum(allRuns.liaison, 'errors'),
        timeouts: sum(allRuns.liaison, 'timeouts'),
        samples: allRuns.liaison.flatMap((r) => r.samples).slice(0, 3),
      },
      nonOkByServer: Object.fromEntries(
        SERVERS.map((n) => [n, { non2xx: sum(allRuns[n], 'non2xx'), errors: sum(allRuns[n], 'errors'), timeouts: sum(allRuns[n], 'timeouts') }]),
      ) as CommandPathResult['nonOkByServer'],
      memory: {
        liaison: {
          idle: idle.liaison,
          afterWarmup,
          warmupRequests,
          afterTotal,
          totalRequests: sent(),
          reachedTotal: sent() >= plan.totalRequests,
          plannedTotal: plan.totalRequests,
          peak: peaks.liaison,
          heapAfterWarmup,
          heapAfterTotal,
        },
        bareBolt: { idle: idle.bareBolt, peak: peaks.bareBolt, heapAfterLoad: boltHeap },
        ceiling: { idle: idle.ceiling, peak: peaks.ceiling },
      },
    };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await stub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
