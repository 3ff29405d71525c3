// The targets of issue 9, the printed tables and bench/results.json. Every figure is a ratio or a
// time measured in this run; nothing is compared with a number from another machine.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ROOT } from './constants.js';
import type { CommandPathResult } from './command-path.js';
import type { DigestFigures } from './digest.js';
import type { PostgresFigures } from './postgres.js';
import type { StartFigures } from './start-time.js';

export interface BenchResults {
  mode: 'full' | 'quick';
  /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
  loadAverage: { start: number; end?: number };
  /** The code measured: HEAD, and whether the working tree differed from it (read-only git). */
  code: { commit: string; dirty: boolean | 'unknown' };
  commandPath?: CommandPathResult;
  digest?: DigestFigures;
  start?: StartFigures;
  postgres?: PostgresFigures;
}

export interface Target {
  key: string;
  label: string;
  figure: number;
  /** Printed bound, comparator included. */
  bound: string;
  met: boolean;
  unit: string;
  note?: string;
}

const atMost = (key: string, label: string, figure: number, bound: number, unit = ''): Target => ({
  key,
  label,
  figure,
  bound: `≤ ${bound}${unit}`,
  met: figure <= bound,
  unit,
});
const atLeast = (key: string, label: string, figure: number, bound: number, unit = ''): Target => ({
  key,
  label,
  figure,
  bound: `≥ ${bound}${unit}`,
  met: figure >= bound,
  unit,
});

export function buildTargets(r: BenchResults): Target[] {
  const targets: Target[] = [];
  const cmd = r.commandPath;
  if (cmd) {
    for (const [connections, s] of Object.entries(cmd.byConnections)) {
      targets.push(atLeast(`engage_throughput_vs_bolt_c${connections}`, `Liaison /engage throughput / bare Bolt, ${connections} conn`, s.liaison.rps / s.bareBolt.rps, 0.5));
    }
    for (const [connections, s] of Object.entries(cmd.byConnections)) {
      targets.push(atMost(`engage_p99_vs_bolt_c${connections}`, `Liaison /engage p99 / bare Bolt p99, ${connections} conn`, s.liaison.p99 / s.bareBolt.p99, 2.0));
    }
  }
  const d = r.digest;
  if (d) {
    const n = d.rows.engagements.toLocaleString('en');
    targets.push(atMost('root_digest_ms', `root digest over ${n} engagements (median of 5)`, d.digest, 50, ' ms'));
    targets.push(atMost('root_digest_vs_raw_scan', 'root digest / raw full-scan GROUP BY', d.digest / d.rawScan, 0.5));
  }
  if (cmd) {
    const m = cmd.memory;
    targets.push(atMost('peak_rss_vs_bolt', 'peak RSS under load / bare Bolt’s', m.liaison.peak / m.bareBolt.peak, 1.3));
    const growth = ((m.liaison.afterTotal - m.liaison.afterWarmup) / m.liaison.afterWarmup) * 100;
    const k = (v: number) => `${(v / 1000).toFixed(1)}k`;
    const target = atMost('rss_growth_pct', `RSS growth, after ${k(m.liaison.warmupRequests)} → after ${k(m.liaison.totalRequests)} requests`, growth, 10, ' %');
    // Growth over fewer requests than planned proves nothing about the planned span.
    if (!m.liaison.reachedTotal) {
      target.met = false;
      target.note = `only ${m.liaison.totalRequests} of the planned ${m.liaison.plannedTotal} requests were answered within the time budget`;
    }
    targets.push(target);
  }
  const s = r.start;
  if (s) targets.push(atMost('start_vs_bolt', 'start to healthy / bare Bolt’s start', s.liaison / s.bareBolt, 1.5));
  const p = r.postgres;
  if (p) {
    for (const [connections, f] of Object.entries(p.byConnections)) {
      targets.push(atLeast(`pg_engage_vs_raw_c${connections}`, `PostgreSQL: /engage via two instances / raw pg baseline, ${connections} conn`, f.liaisonPair.rps / f.raw.rps, 0.7));
    }
    targets.push(atMost('pg_root_digest_ms', `PostgreSQL: root digest over ${p.digest.engagements.toLocaleString('en')} engagements (median of 5)`, p.digest.digest, 50, ' ms'));
  }
  return targets;
}

export function currentLoad(): number {
  return loadavg()[0] ?? Number.NaN;
}

/** Read-only: `git rev-parse` and `git diff --quiet` never write the index or the tree. */
export function codeVersion(): BenchResults['code'] {
  const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  let commit = 'unknown';
  let dirty: boolean | 'unknown' = 'unknown';
  try {
    commit = git(['rev-parse', '--short', 'HEAD']);
    try {
      git(['diff', '--quiet', 'HEAD', '--', 'src', 'commands', 'db']);
      dirty = false;
    } catch {
      dirty = true;
    }
  } catch {
    // not a git checkout
  }
  return { commit, dirty };
}

export function machine() {
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}` };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const heap = (u: NodeJS.MemoryUsage | undefined) =>
  u ? `${mb(u.heapTotal)}/${mb(u.heapUsed)}, ${mb(u.external)} (rss ${mb(u.rss)})` : 'n/a';
const ms = (v: number) => `${v.toFixed(2)} ms`;
const fixed = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export function formatReport(r: BenchResults, targets: Target[], date: Date): string {
  const out: string[] = [];
  const m = machine();
  out.push(`Liaison bench (${r.mode}) — ${date.toISOString()} — ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}`);
  out.push(
    `code ${r.code.commit}${r.code.dirty === true ? ' + uncommitted changes in src/commands/db' : ''}; 1-min load average ${fixed(r.loadAverage.start)} at start, ${fixed(r.loadAverage.end ?? Number.NaN)} at end${
      r.loadAverage.start > 0.5 ? ' (the machine was not idle: other work shares these cores and skews absolute figures more than ratios)' : ''
    }`,
  );
  const cmd = r.commandPath;
  if (cmd) {
    out.push('', '1. Command path: signed /engage over loopback (medians of the repetitions; req/s counts 2xx only)');
    const rows = [['conn', 'server', 'req/s', 'req/s per run', 'p50', 'p99', 'non-2xx']];
    for (const [connections, s] of Object.entries(cmd.byConnections)) {
      for (const [name, f] of Object.entries(s)) {
        const non2xx = f.runs.reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0);
        rows.push([connections, name, fixed(f.rps, 0), f.runs.map((run) => fixed(run.rps, 0)).join(' / '), ms(f.p50), ms(f.p99), String(non2xx)]);
      }
      rows.push([connections, 'Liaison / bare Bolt', fixed(s.liaison.rps / s.bareBolt.rps), '', fixed(s.liaison.p50 / s.bareBolt.p50), fixed(s.liaison.p99 / s.bareBolt.p99), '']);
    }
    out.push(table(rows));
    const a = cmd.liaisonAnswers;
    out.push(
      `Liaison answers: ${a.checked} 2xx bodies checked, ${a.withoutLoggedMark} without "Logged *E-"; non-2xx ${a.non2xx}, socket errors ${a.errors}, timeouts ${a.timeouts}.`,
      `Sample answers: ${a.samples.map((s) => s.slice(0, 120)).join(' | ')}`,
      `Non-2xx/errors by server (all runs, warm-up included): ${Object.entries(cmd.nonOkByServer)
        .map(([name, n]) => `${name} ${n.non2xx}/${n.errors}/${n.timeouts}`)
        .join(', ')}`,
    );
  }
  const d = r.digest;
  if (d) {
    out.push(
      '',
      `2. Digest: ${d.rows.engagements} engagements, ${d.rows.referrals} referrals, ${d.rows.charges} charges, ${d.rows.agencies} agencies, ${d.rows.operations} operations`,
      `   database ${d.database} (${d.generated ? `generated in ${(d.generationMs / 1000).toFixed(1)} s, synchronous=OFF during generation only` : 'from cache'}); timed on a fresh connection with the app's pragmas`,
      `   root ${d.rootCode} (tree of ${d.treeSize}) computeDigest: median ${ms(d.digest)} of [${d.digestMs.map((v) => v.toFixed(1)).join(', ')}] after one warm-up`,
      `   raw "${'SELECT agency_id, count(*), sum(accepted) FROM engagements GROUP BY agency_id'}": median ${ms(d.rawScan)} of [${d.rawScanMs.map((v) => v.toFixed(1)).join(', ')}]; plan: ${d.rawScanPlan.join('; ')}`,
      '   where one root digest spends its time (a traced run):',
      table([
        ['ms', 'rows', 'statement', 'query plan'],
        ...d.trace.map((t) => [fixed(t.ms, 1), String(t.rows), t.sql.slice(0, 70), t.plan.join('; ').slice(0, 110)]),
      ]),
    );
  }
  if (cmd) {
    const mem = cmd.memory;
    const growth = ((mem.liaison.afterTotal - mem.liaison.afterWarmup) / mem.liaison.afterWarmup) * 100;
    out.push(
      '',
      '3. Memory (RSS from /proc, sampled every 100 ms under load)',
      `   Liaison: idle after seeding ${mb(mem.liaison.idle)}; after ${mem.liaison.warmupRequests} requests ${mb(mem.liaison.afterWarmup)}; after ${mem.liaison.totalRequests} ${mb(mem.liaison.afterTotal)} (growth ${fixed(growth, 1)} %, from the ${mem.liaison.warmupRequests}-request reading; planned total ${mem.liaison.plannedTotal}${mem.liaison.reachedTotal ? ', reached' : ', NOT reached within the time budget'}); peak under load ${mb(mem.liaison.peak)}`,
      `   bare Bolt: idle ${mb(mem.bareBolt.idle)}, peak under load ${mb(mem.bareBolt.peak)}; ceiling: idle ${mb(mem.ceiling.idle)}, peak ${mb(mem.ceiling.peak)}`,
      `   heap (V8 total/used, external): Liaison after ${mem.liaison.warmupRequests} ${heap(mem.liaison.heapAfterWarmup)}, after ${mem.liaison.totalRequests} ${heap(mem.liaison.heapAfterTotal)}; bare Bolt after its load ${heap(mem.bareBolt.heapAfterLoad)}`,
    );
  }
  const s = r.start;
  if (s) {
    out.push(
      '',
      `3. Start to /healthz 200 (node --import tsx, fresh database each time): Liaison median ${s.liaison.toFixed(0)} ms [${s.liaisonMs.map((v) => v.toFixed(0)).join(', ')}]; bare Bolt median ${s.bareBolt.toFixed(0)} ms [${s.bareBoltMs.map((v) => v.toFixed(0)).join(', ')}]`,
    );
  }
  const p = r.postgres;
  if (p) {
    const rows = [['conn', 'what', 'req/s', 'per run', 'p99', 'non-2xx/errors']];
    for (const [connections, f] of Object.entries(p.byConnections)) {
      const bad = f.liaisonPair.runs.reduce((n, run) => n + run.non2xx + run.errors + run.checkFailures, 0);
      rows.push([connections, 'two Liaison instances', fixed(f.liaisonPair.rps, 0), f.liaisonPair.runs.map((run) => fixed(run.rps, 0)).join(' / '), ms(f.liaisonPair.p99), String(bad)]);
      rows.push([connections, 'raw pg (same writes)', fixed(f.raw.rps, 0), f.raw.runs.map((run) => fixed(run.rps, 0)).join(' / '), ms(f.raw.p99), '']);
      rows.push([connections, 'Liaison / raw', fixed(f.liaisonPair.rps / f.raw.rps), '', '', '']);
    }
    out.push(
      '',
      `5. PostgreSQL (${p.server})`,
      table(rows),
      `   root ${p.digest.rootCode} (tree of ${p.digest.treeSize}) over ${p.digest.engagements} engagements: median ${ms(p.digest.digest)} of [${p.digest.digestMs.map((v) => v.toFixed(1)).join(', ')}] (rows copied from the SQLite part's database in ${(p.digest.copyMs / 1000).toFixed(1)} s)`,
      `   start to /healthz 200 on a fresh database (migrations included): median ${p.start.median.toFixed(0)} ms [${p.start.ms.map((v) => v.toFixed(0)).join(', ')}]`,
    );
  }
  out.push(
    '',
    '4. Targets',
    table([
      ['target', 'figure', 'bound', 'met'],
      ...targets.map((t) => [t.label, `${fixed(t.figure)}${t.unit}`, t.bound, t.met ? 'yes' : 'NO']),
    ]),
    ...targets.filter((t) => t.note).map((t) => `note (${t.key}): ${t.note}`),
  );
  return out.join('\n');
}

export function writeResults(path: string, r: BenchResults, targets: Target[], date: Date): void {
  const json = {
    date: date.toISOString(),
    machine: machine(),
    mode: r.mode,
    code: r.code,
    loadAverage: r.loadAverage,
    targets: Object.fromEntries(
      targets.map((t) => [t.key, { figure: Number(t.figure.toFixed(4)), bound: t.bound, met: t.met, ...(t.note ? { note: t.note } : {}) }]),
    ),
    commandPath: r.commandPath,
    digest: r.digest,
    start: r.start,
    postgres: r.postgres,
  };
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}
