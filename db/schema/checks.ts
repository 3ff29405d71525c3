// CHECK constraints both dialects share, so each database refuses what the code would.
import { sql } from 'drizzle-orm';

/** `column IN ('a', 'b', …)` for a column holding one of a fixed vocabulary. */
export const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
