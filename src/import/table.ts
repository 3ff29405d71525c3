// From CSV records to validated rows: the header against the columns an import knows, each line
// against the same zod schemas the slash commands use, and no key twice in one file. Every wrong
// line is named, so one run tells the whole file's problems.
import type { z } from 'zod';
import type { CsvRecord } from '../csv/read.js';
import { IMPORT_TEXT, type LineProblem } from './messages.js';

/** One import's columns: a zod object whose keys are the column names and whose values parse one cell. */
export type RowSchema = z.ZodObject<Record<string, z.ZodType<unknown, string | undefined>>>;

export interface ValidRow<T> {
  line: number;
  row: T;
}

export type TableReading<T> = { ok: true; rows: ValidRow<T>[] } | { ok: false; problems: LineProblem[] };

/** A column is optional when its schema takes a missing cell. */
function isOptional(cell: z.ZodType<unknown, string | undefined>): boolean {
  return cell.safeParse(undefined).success;
}

/**
 * Reads the records (the first names the columns, in any order) into rows of `schema`'s output.
 * An empty cell is a value left out. `keyOf` names what may appear once per file.
 */
export function readTable<S extends RowSchema>(records: readonly CsvRecord[], schema: S, keyOf: (row: z.output<S>) => string): TableReading<z.output<S>> {
  const [header, ...lines] = records;
  if (!header) return { ok: false, problems: [{ line: 1, problem: IMPORT_TEXT.noHeader(Object.keys(schema.shape)) }] };
  const headerProblems = checkHeader(header, schema);
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems.map((problem) => ({ line: header.line, problem })) };
  const columns = header.fields.map((name) => name.trim().toLowerCase());

  const problems: LineProblem[] = [];
  const rows: ValidRow<z.output<S>>[] = [];
  const linesByKey = new Map<string, number[]>();
  for (const record of lines) {
    if (record.fields.length !== columns.length) {
      problems.push({ line: record.line, problem: IMPORT_TEXT.fieldCount(record.fields.length, columns.length) });
      continue;
    }
    const cells: Record<string, string | undefined> = Object.create(null);
    columns.forEach((column, index) => {
      const value = record.fields[index]!.trim();
      cells[column] = value === '' ? undefined : value;
    });
    const parsed = schema.safeParse(cells);
    if (!parsed.success) {
      const named = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        if (named.has(column)) continue;
        named.add(column);
        problems.push({ line: record.line, problem: IMPORT_TEXT.badCell(column, cells[column], issue) });
      }
      continue;
    }
    const key = keyOf(parsed.data);
    linesByKey.set(key, [...(linesByKey.get(key) ?? []), record.line]);
    rows.push({ line: record.line, row: parsed.data });
  }
  for (const [key, at] of linesByKey) {
    if (at.length > 1) for (const line of at) problems.push({ line, problem: IMPORT_TEXT.repeatedKey(key, at) });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, rows };
}

function checkHeader(header: CsvRecord, schema: RowSchema): string[] {
  const known = Object.keys(schema.shape);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const raw of header.fields) {
    const name = raw.trim().toLowerCase();
    if (!known.includes(name)) problems.push(IMPORT_TEXT.unknownColumn(raw.trim(), known));
    else if (seen.has(name)) problems.push(IMPORT_TEXT.repeatedColumn(name));
    seen.add(name);
  }
  for (const name of known) {
    if (!seen.has(name) && !isOptional(schema.shape[name]!)) problems.push(IMPORT_TEXT.missingColumn(name));
  }
  return problems;
}
