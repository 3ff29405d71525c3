// Where the time goes, for the report on issue 9 (not part of `npm run bench`):
//   npx tsx bench/profile.ts [--seconds=15] [--connections=50] [--keep] [--only=load,start,commit]
// Runs Liaison and bare Bolt, one after the other, under `node --cpu-prof`, loads each with signed
// /engage commands, and summarises the profiles (self time per function and per area; inclusive
// time of the stages of a request). Under the CPU profiler a blocking system call (the WAL fsync of
// a synchronous=FULL commit) is charged to the JavaScript frame that made it, so time inside
// better-sqlite3's native `run` includes waiting for the disk; `strace -c` separates the two.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUEST_BODY_LIMIT } from '../src/slack/app.js';
import { measureCommitCost } from './commit-cost.js';
import { ADMIN_USER, BOT_TOKEN, ENGAGE_TEXT, LOGGED_MARK, OFFICER_USER, SIGNING_SECRET } from './constants.js';
import { summarizeProfile } from './cpuprofile.js';
import { openSqlite } from '../db/sqlite/open.js';
import { runLoad } from './load.js';
import { freePort, healthStatus, sleep, spawnNode, startServer } from './processes.js';
import { seedLiaison } from './seed.js';
import { startSlackStub } from './slack-stub.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const seconds = arg('seconds', 15);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (part: 'load' | 'start' | 'commit') => !only || only.includes(part);
const connections = arg('connections', 50);

/** Frames that mark the stages of one /engage (inclusive time: a sample counts for each on its stack). */
const STAGES = [
  'processEvent',
  'verifySlackRequest',
  'parseHTTPRequestBody',
  'processMiddleware',
  'requestContext',
  'resolvePrincipal',
  'parseArgs',
  'validateArgs',
  'logEngagement',
  'requireOpenOperation',
  'recordingAgency',
  'flush',
  'commitBatch',
  'appendAudit',
  'hashAuditRow',
  'ack',
  'runEffects',
  'publishHome',
  'homeFor',
  'computeDigest',
  'readEngagementCounts',
  'recentEngagementsOf',
  'apiCall',
  'write',
];

/**
 * One profile is written per thread (tsx's loader hooks run on a thread of their own); files are
 * named CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile and the main thread is thread 0.
 */
function mainThreadProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const main = files.find((f) => f.split('.')[4] === '0') ?? files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
  return main && join(dir, main);
}

/** Start to healthy under the profiler: what the main thread does before `/healthz` answers 200. */
async function profileStart(name: 'liaison' | 'bareBolt'): Promise<void> {
  const stub = await startSlackStub();
  const dir = mkdtempSync(join(tmpdir(), `liaison-bench-prof-start-${name}-`));
  try {
    const port = await freePort();
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: stub.apiUrl,
      BODY_LIMIT: String(REQUEST_BODY_LIMIT),
      PORT: String(port),
      DATABASE_PATH: join(dir, 'liaison.db'),
    };
    const started = performance.now();
    const child = spawnNode(name === 'liaison' ? 'src/main.ts' : 'bench/servers/bare-bolt.ts', env, {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    });
    while ((await healthStatus(port)) !== 200) {
      if (child.child.exitCode !== null) throw new Error(`${name} exited during start: ${child.stderr()}`);
      await sleep(5);
    }
    const healthyMs = performance.now() - started;
    await child.stop(20_000);
    const main = mainThreadProfile(dir);
    if (!main) throw new Error(`no start profile for ${name}`);
    const s = summarizeProfile(main, ['migrateDatabase', 'startLiaison', 'openDatabase', 'main'], 15);
    console.log(`\n=== start of ${name}: healthy after ${healthyMs.toFixed(0)} ms under the profiler; main thread busy ${s.busyMs.toFixed(0)} ms (profile runs to exit)`);
    console.log('self time by area:');
    for (const a of s.byArea.slice(0, 10)) console.log(`  ${a.pct.toFixed(1).padStart(5)} %  ${a.ms.toFixed(0).padStart(6)} ms  ${a.area}`);
    console.log('top self time by function:');
    for (const f of s.topSelf.slice(0, 12)) console.log(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.ms.toFixed(0).padStart(6)} ms  ${f.fn}  ${f.where}`);
    for (const f of s.inclusive.filter((i) => i.ms > 0)) console.log(`  inclusive ${f.fn}: ${f.ms.toFixed(0)} ms`);
  } finally {
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Creating and migrating a fresh database, in this (already warm) process. */
async function migrationMs(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-migrate-'));
  try {
    const started = performance.now();
    const db = openSqlite(join(dir, 'm.db'));
    await db.migrate();
    const ms = performance.now() - started;
    await db.close();
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function profileServer(name: 'liaison' | 'bareBolt'): Promise<void> {
  const stub = await startSlackStub();
  const dir = mkdtempSync(join(tmpdir(), `liaison-bench-prof-${name}-`));
  try {
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: stub.apiUrl,
      BODY_LIMIT: String(REQUEST_BODY_LIMIT),
      PORT: '0',
      DATABASE_PATH: join(dir, 'liaison.db'),
      BOOTSTRAP_ADMINS: ADMIN_USER,
      // One officer at full speed: the per-person limit would refuse most of the load (see command-path.ts).
      COMMAND_RATE_PER_MINUTE: '0',
    };
    const script = name === 'liaison' ? 'bench/servers/liaison.ts' : 'bench/servers/bare-bolt.ts';
    const server = await startServer(name, script, env, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    if (name === 'liaison') await seedLiaison(server.port, stub.base);
    const load = (duration: number) =>
      runLoad({
        port: server.port,
        connections,
        duration,
        command: '/engage',
        text: ENGAGE_TEXT,
        userId: OFFICER_USER,
        responseBase: stub.base,
        ...(name === 'liaison' ? { expectBody: (b: string) => b.includes(LOGGED_MARK) } : {}),
      });
    const warm = await load(3);
    const result = await load(seconds);
    await server.stop(20_000);
    const main = mainThreadProfile(dir);
    if (!main) throw new Error(`no profile written for ${name}: ${server.stderr()}`);
    const s = summarizeProfile(main, STAGES);
    const perRequestUs = (s.busyMs * 1000) / (warm.ok + result.ok);
    console.log(`\n=== ${name}: ${result.ok} requests at c=${connections} in ${result.seconds.toFixed(1)} s (${result.rps.toFixed(0)} req/s under the profiler; check failures ${result.checkFailures}, non-2xx ${result.non2xx})`);
    console.log(`profile ${main}: ${s.totalMs.toFixed(0)} ms sampled, ${s.busyMs.toFixed(0)} ms busy (whole process life incl. start and the 3 s warm-up; ≈ ${perRequestUs.toFixed(0)} µs busy per request answered, start-up included)`);
    console.log(`latency under the profiler: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`);
    console.log('\nself time by area:');
    for (const a of s.byArea.slice(0, 18)) console.log(`  ${a.pct.toFixed(1).padStart(5)} %  ${a.ms.toFixed(0).padStart(7)} ms  ${a.area}`);
    console.log('\ntop self time by function:');
    for (const f of s.topSelf) console.log(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.ms.toFixed(0).padStart(7)} ms  ${f.fn}  ${f.where}`);
    console.log('\ninclusive time of request stages (share of busy time):');
    for (const f of s.inclusive.filter((i) => i.ms > 0)) console.log(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.ms.toFixed(0).padStart(7)} ms  ${f.fn}`);
  } finally {
    await stub.stop();
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

if (wants('load')) {
  await profileServer('liaison');
  await profileServer('bareBolt');
}
if (wants('start')) {
  await profileStart('liaison');
  await profileStart('bareBolt');
  console.log(`\ncreating and migrating a fresh database in a warm process: ${(await migrationMs()).toFixed(0)} ms`);
}
if (wants('commit')) {
  console.log('\n=== the durable write alone (engagement + audit row per record, real schema and pragmas):');
  for (const c of measureCommitCost()) console.log(`  ${c.usPerRecord.toFixed(0).padStart(5)} µs per record  ${c.mode}`);
}
process.exit(0);
