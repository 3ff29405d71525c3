// What one kind of import is: its columns (a zod schema per cell, the slash commands' own), the key
// a file may hold once, a check of what the line refers to, and the write, made through the same
// domain functions as the slash command so a row is stored, and audited, as the command stores it.
import type { z } from 'zod';
import type { RequestContext } from '../domain/context.js';
import type { ImportKind } from './messages.js';
import type { RowSchema } from './table.js';

export type RowOutcome = 'added' | 'updated' | 'unchanged';

export interface Importer<S extends RowSchema = RowSchema> {
  kind: ImportKind;
  schema: S;
  keyOf(row: z.output<S>): string;
  /** What is wrong with the line given what is stored (an agency it names that does not exist), or undefined. */
  check(ctx: RequestContext, row: z.output<S>): Promise<string | undefined>;
  /** Stores the line, leaving a record that would not change alone. */
  apply(ctx: RequestContext, row: z.output<S>): Promise<RowOutcome>;
}

/** Keeps the schema's row type attached to the functions that take its rows. */
export function defineImporter<S extends RowSchema>(importer: Importer<S>): Importer<S> {
  return importer;
}
