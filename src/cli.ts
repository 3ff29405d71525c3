// The operator CLI: `npm run cli -- <command>`. Exit codes scripts can rely on: 0 done, 1 the
// check failed or the thing was not found, 2 the command was not understood.
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { verifyAudit } from './domain/audit.js';
import { computeDigest, toDigestJson } from './domain/digest.js';
import { EXPORT_COLUMNS, csvLine, exportRows } from './domain/export.js';
import { findOperation } from './domain/operations.js';
import { messagesFor } from './i18n/index.js';
import { sealBackup } from './jobs/backups.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const m = messagesFor().cli;
  const [command, ...rest] = argv;
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const usage = () => {
    io.err(m.usage);
    return EXIT.usage;
  };
  const withDatabase = async (work: (db: ReturnType<typeof openDatabase>) => Promise<number> | number) => {
    const db = openDatabase(config.databasePath);
    try {
      migrateDatabase(db);
      return await work(db);
    } finally {
      db.$client.close();
    }
  };

  switch (command) {
    case 'migrate':
      if (rest.length) return usage();
      return withDatabase((db) => {
        const applied = db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number;
        io.out(m.migrated(config.databasePath, applied));
        return EXIT.ok;
      });
    case 'digest': {
      const [code, ...flags] = rest;
      if (!code || flags.some((f) => f !== '--json')) return usage();
      return withDatabase((db) => {
        const operation = findOperation(db, code);
        if (!operation) {
          io.err(m.unknownOperation(code));
          return EXIT.failed;
        }
        const digest = computeDigest(db, operation.id, new Date(), config.overdueLimits.pending);
        io.out(flags.includes('--json') ? `${JSON.stringify(toDigestJson(digest), null, 2)}\n` : m.digestText(digest));
        return EXIT.ok;
      });
    }
    case 'export': {
      const [code, flag, ...extra] = rest;
      if (!code || flag !== '--csv' || extra.length) return usage();
      return withDatabase((db) => {
        const operation = findOperation(db, code);
        if (!operation) {
          io.err(m.unknownOperation(code));
          return EXIT.failed;
        }
        io.out(csvLine(EXPORT_COLUMNS));
        for (const row of exportRows(db, operation.id)) io.out(csvLine(EXPORT_COLUMNS.map((c) => row[c])));
        return EXIT.ok;
      });
    }
    case 'backup': {
      const [file, ...extra] = rest;
      if (!file || extra.length) return usage();
      return withDatabase(async (db) => {
        // SQLite's online backup: a consistent copy while the app keeps writing.
        await db.$client.backup(file);
        const check = sealBackup(file);
        if (check !== 'ok') {
          io.err(m.backupBroken(file, check));
          return EXIT.failed;
        }
        io.out(m.backedUp(file));
        return EXIT.ok;
      });
    }
    case 'audit': {
      if (rest.length !== 1 || rest[0] !== 'verify') return usage();
      return withDatabase((db) => {
        const verdict = verifyAudit(db);
        if (verdict.ok) {
          io.out(m.auditOk(verdict.rows));
          return EXIT.ok;
        }
        io.err(m.auditBroken(verdict.badRowId, verdict.problem));
        return EXIT.failed;
      });
    }
    default:
      return usage();
  }
}

// Run only when executed directly (tests import runCli).
if (import.meta.url === `file://${process.argv[1]}`) {
  loadDotEnv();
  runCli(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`liaison cli: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
