// Who opened App Home recently, shared by every instance: only they are sent a fresh Home.
import { and, eq, gte, lt, or } from 'drizzle-orm';
import type { Tx } from '../database.js';

type Person = { teamId: string; userId: string };

export async function recordHomeOpened(tx: Tx, person: Person, at: number): Promise<void> {
  const { homeViewers } = tx.tables;
  await tx.orm
    .insert(homeViewers)
    .values({ ...person, openedAt: at })
    .onConflictDoUpdate({ target: [homeViewers.teamId, homeViewers.userId], set: { openedAt: at } });
}

/** Those of `people` who opened App Home at or after `since`. */
export async function listRecentHomeViewers(tx: Tx, people: Person[], since: number): Promise<Person[]> {
  if (people.length === 0) return [];
  const { homeViewers: v } = tx.tables;
  return tx.orm
    .select({ teamId: v.teamId, userId: v.userId })
    .from(v)
    .where(and(gte(v.openedAt, since), or(...people.map((p) => and(eq(v.teamId, p.teamId), eq(v.userId, p.userId))))));
}

export async function forgetHomeViewersBefore(tx: Tx, before: number): Promise<void> {
  const { homeViewers } = tx.tables;
  await tx.orm.delete(homeViewers).where(lt(homeViewers.openedAt, before));
}
