// Each person's command budget, a token bucket shared by every instance.
import { lt, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';

/**
 * Takes one command from the person's bucket in one statement: the bucket refills at `perMs` tokens
 * a millisecond up to `burst`, and the row's lock makes concurrent commands from several instances
 * take their tokens one after the other. Returns the tokens left: below 0 means there was none, and
 * the caller's unit of work is then rolled back, taking this write with it (a refused command
 * spends nothing).
 */
export async function takeToken(tx: Tx, person: { teamId: string; userId: string }, now: number, limit: { burst: number; perMs: number }): Promise<number> {
  const { rateBuckets: b } = tx.tables;
  // CASE rather than min()/least(), which the two engines spell differently.
  const refilled = sql`${b.tokens} + (CAST(${now} AS BIGINT) - ${b.updatedAt}) * CAST(${limit.perMs} AS DOUBLE PRECISION)`;
  const [row] = await tx.orm
    .insert(b)
    .values({ teamId: person.teamId, userId: person.userId, tokens: limit.burst - 1, updatedAt: now })
    .onConflictDoUpdate({
      target: [b.teamId, b.userId],
      set: {
        tokens: sql`CASE WHEN ${refilled} > CAST(${limit.burst} AS DOUBLE PRECISION) THEN CAST(${limit.burst} AS DOUBLE PRECISION) ELSE ${refilled} END - 1`,
        updatedAt: now,
      },
    })
    .returning({ tokens: b.tokens });
  return row!.tokens;
}

/** Buckets untouched since `before` are full again and carry no information. */
export async function forgetBucketsBefore(tx: Tx, before: number): Promise<void> {
  const { rateBuckets } = tx.tables;
  await tx.orm.delete(rateBuckets).where(lt(rateBuckets.updatedAt, before));
}
