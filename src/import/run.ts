// `npm run cli -- import …`: all or nothing. The file is read, every line checked against the
// columns and against what is stored, and only a file without a wrong line is written, in one
// transaction; a line the write itself refuses rolls the whole file back.
import { reasonText } from '../../commands/shared/reasons.js';
import { readFileSync } from 'node:fs';
import type { Database } from '../../db/database.js';
import { ZCode } from '../../commands/shared/args.js';
import type { CliIo } from '../cli.js';
import type { Config } from '../config.js';
import { type CsvRecord, readCsv } from '../csv/read.js';
import type { Deps } from '../deps.js';
import { OPERATOR_CLI_ACTOR } from '../domain/actor.js';
import type { RequestContext } from '../domain/context.js';
import { AppError } from '../domain/errors.js';
import { findOperation } from '../domain/operations.js';
import type { Principal } from '../domain/permissions.js';
import { systemClock } from '../domain/time.js';
import { messagesFor } from '../i18n/index.js';
import { renderProblem } from '../i18n/problems.js';
import { createLogger } from '../logger.js';
import { agenciesImporter } from './agencies.js';
import type { Importer } from './importer.js';
import { membersImporter } from './members.js';
import { IMPORT_TEXT, type ImportCounts, type LineProblem } from './messages.js';
import { participantsImporter } from './participants.js';
import { type RowSchema, readTable } from './table.js';

/** Whoever runs the CLI has the database in hand: they act with an admin's rights, as the CLI. */
const OPERATOR: Principal = { actor: OPERATOR_CLI_ACTOR, role: 'admin', agencyId: null, agencyCode: null };

/** How an import ended, as the CLI's exit codes name it. */
export type ImportVerdict = 'ok' | 'failed' | 'usage';

export type ImportRequest =
  | { kind: 'agencies'; file: string }
  | { kind: 'members'; file: string }
  | { kind: 'participants'; operationCode: string; file: string };

/** The command line after `import`, or undefined when it is not one the CLI knows. */
export function parseImportRequest(args: readonly string[]): ImportRequest | undefined {
  const [kind, ...rest] = args;
  if ((kind === 'agencies' || kind === 'members') && rest.length === 1) return { kind, file: rest[0]! };
  if (kind === 'participants' && rest.length === 2) return { kind, operationCode: rest[0]!, file: rest[1]! };
  return undefined;
}

/** A line the write refused after the checks passed (the operation closed meanwhile, say). */
class RefusedLine extends Error {
  constructor(readonly problem: LineProblem) {
    super(`line ${problem.line}: ${problem.problem}`);
  }
}

export async function runImport(db: Database, config: Config, request: ImportRequest, io: CliIo): Promise<ImportVerdict> {
  let text: string;
  try {
    const bytes = readFileSync(request.file);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return refuse(io, [{ line: 1, problem: IMPORT_TEXT.notUtf8 }]);
    }
  } catch (error) {
    io.err(IMPORT_TEXT.unreadable(request.file, (error as NodeJS.ErrnoException).code ?? String(error)));
    return 'failed';
  }
  const csv = readCsv(text);
  if (!csv.ok) return refuse(io, [{ line: csv.line, problem: IMPORT_TEXT.csv[csv.problem] }]);

  const deps: Deps = { db, config, clock: systemClock, logger: createLogger(config.logLevel, (line) => io.err(`${line}\n`)) };
  if (request.kind === 'agencies') return importRecords(deps, agenciesImporter, csv.records, io);
  if (request.kind === 'members') return importRecords(deps, membersImporter, csv.records, io);

  const code = ZCode.safeParse(request.operationCode);
  if (!code.success) {
    io.err(IMPORT_TEXT.badOperationCode(reasonText(code.error.issues[0]!.message, messagesFor('en'))));
    return 'usage';
  }
  const operation = await db.read((tx) => findOperation(tx, code.data));
  if (!operation) {
    io.err(IMPORT_TEXT.unknownOperation(code.data));
    return 'failed';
  }
  if (operation.closedAt !== null) {
    io.err(IMPORT_TEXT.closedOperation(operation.code));
    return 'failed';
  }
  return importRecords(deps, participantsImporter(operation), csv.records, io);
}

async function importRecords<S extends RowSchema>(deps: Deps, importer: Importer<S>, records: readonly CsvRecord[], io: CliIo): Promise<ImportVerdict> {
  const table = readTable(records, importer.schema, importer.keyOf);
  if (!table.ok) return refuse(io, table.problems);
  try {
    const result = await deps.db.transaction(async (tx) => {
      const ctx: RequestContext = { deps, tx, principal: OPERATOR };
      const problems: LineProblem[] = [];
      for (const { line, row } of table.rows) {
        const problem = await importer.check(ctx, row);
        if (problem) problems.push({ line, problem });
      }
      if (problems.length > 0) return { problems };
      const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0 };
      for (const { line, row } of table.rows) {
        try {
          counts[await importer.apply(ctx, row)]++;
        } catch (error) {
          if (error instanceof AppError) throw new RefusedLine({ line, problem: renderProblem(error.problem, messagesFor()) });
          throw error;
        }
      }
      return { counts };
    });
    if (result.problems) return refuse(io, result.problems);
    io.out(IMPORT_TEXT.done(importer.kind, result.counts));
    return 'ok';
  } catch (error) {
    if (error instanceof RefusedLine) return refuse(io, [error.problem]);
    throw error;
  }
}

function refuse(io: CliIo, problems: readonly LineProblem[]): ImportVerdict {
  for (const p of problems) io.err(IMPORT_TEXT.line(p));
  io.err(IMPORT_TEXT.nothingStored(problems.length));
  return 'failed';
}
