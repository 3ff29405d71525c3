// The operator CLI: `npm run cli -- <command>`, on DATABASE_URL as on DATABASE_PATH. Exit codes
// scripts can rely on: 0 done, 1 the check failed or the thing was not found, 2 the command was not
// understood or cannot run here.
import { openDatabase } from '../db/client.js';
import type { Database } from '../db/database.js';
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { verifyAudit } from './domain/audit.js';
import { readDigest, toDigestJson } from './domain/digest.js';
import { EXPORT_COLUMNS, csvLine, exportRows } from './domain/export.js';
import { findOperation } from './domain/operations.js';
import { IMPORT_TEXT } from './import/messages.js';
import { parseImportRequest, runImport } from './import/run.js';
import { messagesFor } from './i18n/index.js';
import { databaseStartFailure } from './liaison.js';

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
    // The catalogue's usage ends with a blank line; the import commands go just before it.
    io.err(`${m.usage.trimEnd()}\n${IMPORT_TEXT.usage}`);
    return EXIT.usage;
  };
  const withDatabase = async (work: (db: Database, applied: number) => Promise<number>) => {
    let db: Database;
    let applied: number;
    try {
      db = openDatabase(config.database);
    } catch (error) {
      io.err(`${databaseStartFailure(config.database, error)}\n`);
      return EXIT.usage;
    }
    try {
      try {
        ({ applied } = await db.migrate());
      } catch (error) {
        io.err(`${databaseStartFailure(config.database, error)}\n`);
        return EXIT.usage;
      }
      return await work(db, applied);
    } finally {
      await db.close();
    }
  };
  const operationId = async (db: Database, code: string) => (await db.read((tx) => findOperation(tx, code)))?.id;

  switch (command) {
    case 'migrate':
      if (rest.length) return usage();
      return withDatabase(async (db, applied) => {
        io.out(m.migrated(db.location, applied));
        return EXIT.ok;
      });
    case 'digest': {
      const [code, ...flags] = rest;
      if (!code || flags.some((f) => f !== '--json')) return usage();
      return withDatabase(async (db) => {
        const id = await operationId(db, code);
        if (id === undefined) {
          io.err(m.unknownOperation(code));
          return EXIT.failed;
        }
        const digest = await readDigest(db, id, new Date(), config.overdueLimits.pending);
        io.out(flags.includes('--json') ? `${JSON.stringify(toDigestJson(digest), null, 2)}\n` : m.digestText(digest));
        return EXIT.ok;
      });
    }
    case 'export': {
      const [code, flag, ...extra] = rest;
      if (!code || flag !== '--csv' || extra.length) return usage();
      return withDatabase(async (db) => {
        const id = await operationId(db, code);
        if (id === undefined) {
          io.err(m.unknownOperation(code));
          return EXIT.failed;
        }
        io.out(csvLine(EXPORT_COLUMNS));
        for (const row of await exportRows(db, id)) io.out(csvLine(EXPORT_COLUMNS.map((c) => row[c])));
        return EXIT.ok;
      });
    }
    case 'backup': {
      const [file, ...extra] = rest;
      if (!file || extra.length) return usage();
      return withDatabase(async (db) => {
        const result = await db.backup(file);
        if (result.ok) {
          io.out(m.backedUp(file, db.engine));
          return EXIT.ok;
        }
        if (result.reason === 'tool_missing') {
          io.err(m.pgDumpMissing);
          return EXIT.usage;
        }
        io.err(result.reason === 'check_failed' ? m.backupBroken(file, result.detail) : m.backupFailed(file, result.detail));
        return EXIT.failed;
      });
    }
    case 'audit': {
      if (rest.length !== 1 || rest[0] !== 'verify') return usage();
      return withDatabase(async (db) => {
        const verdict = await verifyAudit(db);
        if (verdict.ok) {
          io.out(m.auditOk(verdict.rows));
          return EXIT.ok;
        }
        io.err(m.auditBroken(verdict.badRowId, verdict.problem));
        return EXIT.failed;
      });
    }
    case 'import': {
      const request = parseImportRequest(rest);
      if (!request) return usage();
      return withDatabase(async (db) => EXIT[await runImport(db, config, request, io)]);
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
