// Who opened App Home recently, shared by every instance: only they are sent a fresh Home.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';

type Person = { teamId: string; userId: string };

export async function recordHomeOpened(tx: Tx, person: Person, at: number): Promise<void> {
  const { homeViewers } = tx.tables;
  await tx.orm
    .insert(homeViewers)
    .values({ ...person, openedAt: at })
    .onConflictDoUpdate({ target: [homeViewers.teamId, homeViewers.userId], set: { openedAt: at } });
}

const openedSince = preparedQuery((tx) => {
  const { homeViewers: v } = tx.tables;
  return tx.orm
    .select({ openedAt: v.openedAt })
    .from(v)
    .where(and(eq(v.teamId, sql.placeholder('teamId')), eq(v.userId, sql.placeholder('userId')), gte(v.openedAt, sql.placeholder('since'))))
    .prepare();
});

/** Those of `people` who opened App Home at or after `since` (a prepared lookup each: usually one or two people). */
export async function listRecentHomeViewers(tx: Tx, people: Person[], since: number): Promise<Person[]> {
  const viewers: Person[] = [];
  for (const p of people) {
    if ((await openedSince(tx).execute({ teamId: p.teamId, userId: p.userId, since })).length > 0) viewers.push(p);
  }
  return viewers;
}

export async function forgetHomeViewersBefore(tx: Tx, before: number): Promise<void> {
  const { homeViewers } = tx.tables;
  await tx.orm.delete(homeViewers).where(lt(homeViewers.openedAt, before));
}
