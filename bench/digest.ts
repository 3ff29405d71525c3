// Part 2's timing on SQLite: the root operation's digest (the whole national tree) beside the
// simplest full scan SQLite can do over the same engagements, on a freshly opened database with the
// app's own pragmas. Then one traced digest says which statement the time went to and how SQLite
// ran it (EXPLAIN QUERY PLAN).
import type { Statement } from 'better-sqlite3';
import { openSqlite } from '../db/sqlite/open.js';
import { computeDigest, readDigest } from '../src/domain/digest.js';
import { type DigestScale, ensureDigestDatabase } from './digest-data.js';
import { median, timeEach } from './stats.js';

export const RAW_SCAN_SQL = 'SELECT agency_id, count(*), sum(accepted) FROM engagements GROUP BY agency_id';

export interface TracedStatement {
  sql: string;
  ms: number;
  rows: number;
  plan: string[];
}

export interface DigestFigures {
  database: string;
  generated: boolean;
  generationMs: number;
  rows: { engagements: number; referrals: number; charges: number; agencies: number; operations: number };
  rootCode: string;
  treeSize: number;
  digestMs: number[];
  rawScanMs: number[];
  digest: number;
  rawScan: number;
  rawScanPlan: string[];
  trace: TracedStatement[];
}

export async function measureDigest(scale: DigestScale, options: { regenerate: boolean }, log: (line: string) => void): Promise<DigestFigures> {
  const built = ensureDigestDatabase(scale, options, log);
  if (built.generated) log(`  built ${built.path} in ${(built.generationMs / 1000).toFixed(1)} s (synchronous=OFF during generation only)`);
  else log(`  reusing cached ${built.path}`);

  const db = openSqlite(built.path);
  try {
    const { sqlite } = db;
    const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const rows = {
      engagements: count('engagements'),
      referrals: count('referrals'),
      charges: count('charges'),
      agencies: count('agencies'),
      operations: count('operations'),
    };
    const root = sqlite.prepare('SELECT id, code FROM operations WHERE parent_id IS NULL ORDER BY id LIMIT 1').get() as { id: number; code: string };
    const now = new Date();

    const warm = await readDigest(db, root.id, now);
    if (warm.totals.engaged !== rows.engagements) {
      throw new Error(`root digest counted ${warm.totals.engaged} engagements, the table holds ${rows.engagements}`);
    }
    const digestMs = await timeEachAsync(5, () => readDigest(db, root.id, now));
    const raw = sqlite.prepare(RAW_SCAN_SQL);
    raw.all();
    const rawScanMs = timeEach(5, () => raw.all());
    const rawScanPlan = explain(sqlite.prepare(`EXPLAIN QUERY PLAN ${RAW_SCAN_SQL}`), []);
    return {
      database: built.path,
      generated: built.generated,
      generationMs: built.generationMs,
      rows,
      rootCode: root.code,
      treeSize: warm.operationCodes.length,
      digestMs,
      rawScanMs,
      digest: median(digestMs),
      rawScan: median(rawScanMs),
      rawScanPlan,
      trace: await traceDigest(built.path, root.id, now),
    };
  } finally {
    await db.close();
  }
}

async function timeEachAsync(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  return ms;
}

function explain(statement: Statement, params: unknown[]): string[] {
  return (statement.all(...(params as never[])) as Array<{ detail: string }>).map((row) => row.detail);
}

/**
 * One digest on a database of its own whose writing connection's `prepare` is wrapped (the digest
 * runs in a unit of work there), so each statement the digest runs is timed with its parameters and
 * explained. (A fresh connection, because statements are cached per connection and the wrapper must
 * see them prepared.)
 */
export async function traceDigest(path: string, rootId: number, now: Date): Promise<TracedStatement[]> {
  const db = openSqlite(path);
  const { sqlite } = db;
  const prepare = sqlite.prepare.bind(sqlite);
  const calls: Array<{ sql: string; params: unknown[]; ms: number; rows: number }> = [];
  try {
    sqlite.prepare = ((sql: string) => {
      const statement = prepare(sql);
      const timed =
        (method: 'all' | 'get' | 'run') =>
        (...args: unknown[]) => {
          const start = process.hrtime.bigint();
          const out: unknown = Reflect.apply(statement[method], statement, args);
          calls.push({ sql, params: args, ms: Number(process.hrtime.bigint() - start) / 1e6, rows: Array.isArray(out) ? out.length : 1 });
          return out;
        };
      // Native methods need the real statement as `this`: every other member is bound to it.
      return new Proxy(statement, {
        get(target, key) {
          if (key === 'all' || key === 'get' || key === 'run') return timed(key);
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    }) as typeof sqlite.prepare;
    await db.transaction((tx) => computeDigest(tx, rootId, now)); // prepares (and so wraps) every statement
    calls.length = 0;
    await db.transaction((tx) => computeDigest(tx, rootId, now));
    sqlite.prepare = prepare;
    return calls.map((call) => ({
      sql: call.sql.replace(/\s+/g, ' ').trim(),
      ms: call.ms,
      rows: call.rows,
      plan: explain(prepare(`EXPLAIN QUERY PLAN ${call.sql}`), call.params),
    }));
  } finally {
    await db.close();
  }
}
