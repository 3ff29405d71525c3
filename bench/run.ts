// `npm run bench` (issue 9): the command path, the digest at national scale, memory and start
// time, then the targets. `--quick` is a ~30-second smoke run of the same code at small sizes.
// Not part of `npm test`. Loopback only. It stops by itself: a watchdog ends it, and every child
// it started, if a part hangs.
//   flags: --quick   small sizes, one repetition
//          --regen   rebuild the cached digest database
//          --only=command,digest,start,postgres   run some parts (results.json is still written)
import { fileURLToPath } from 'node:url';
import { type CommandPathPlan, runCommandPath } from './command-path.js';
import { measureDigest } from './digest.js';
import { measurePostgres } from './postgres.js';
import { digestScale } from './digest-data.js';
import { type BenchResults, buildTargets, codeVersion, currentLoad, formatReport, writeResults } from './report.js';
import { measureStarts } from './start-time.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const regenerate = args.includes('--regen');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (part: string) => !only || only.includes(part);

// The whole run aims at about 5 minutes (quick: 30 s); the Liaison top-up to `totalRequests` is
// what gives way when Liaison is too slow to reach it in time.
const BUDGET_S = quick ? 60 : 420;
const FULL = { connections: [10, 50], repetitions: 3, durationS: 8, warmupRequests: 10_000, totalRequests: 100_000, warmupCapS: 90 };
const QUICK = { connections: [10, 50], repetitions: 1, durationS: 2, warmupRequests: 1_000, totalRequests: 10_000, warmupCapS: 10 };
const WATCHDOG_MS = (BUDGET_S + (quick ? 90 : 300)) * 1000;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: still running after ${WATCHDOG_MS / 1000} s; stopping (children are killed on exit)\n`);
    process.exit(3);
  }, WATCHDOG_MS);
  watchdog.unref();
  const started = performance.now();
  const results: BenchResults = { mode: quick ? 'quick' : 'full', loadAverage: { start: currentLoad() }, code: codeVersion() };

  if (wants('digest')) {
    log('digest at national scale…');
    results.digest = await measureDigest(digestScale(quick ? 0.1 : 1), { regenerate }, log);
  }
  if (wants('start')) {
    log('start to healthy…');
    results.start = await measureStarts(quick ? 2 : 5, log);
  }
  if (wants('postgres')) {
    log('PostgreSQL: start, /engage through two instances beside a raw pg baseline, the root digest…');
    results.postgres = await measurePostgres(
      quick
        ? { connections: [10, 50], repetitions: 1, durationS: 2, warmupS: 1, digestScale: digestScale(0.1), starts: 2 }
        : { connections: [10, 50], repetitions: 3, durationS: 6, warmupS: 3, digestScale: digestScale(1), starts: 5 },
      log,
    );
  }
  if (wants('command')) {
    log('command path…');
    const plan: CommandPathPlan = { ...(quick ? QUICK : FULL), deadline: started + BUDGET_S * 1000 };
    results.commandPath = await runCommandPath(plan, log);
  }

  results.loadAverage.end = currentLoad();
  const date = new Date();
  const targets = buildTargets(results);
  log('');
  log(formatReport(results, targets, date));
  const path = fileURLToPath(new URL('./results.json', import.meta.url));
  writeResults(path, results, targets, date);
  log(`\nwrote ${path} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
