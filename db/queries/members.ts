// Reading and writing the people registered with partner agencies, always keyed by (team, user).
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';
import type { ROLES } from '../vocabulary.js';

export type Role = (typeof ROLES)[number];

export interface Person {
  teamId: string;
  userId: string;
}

export interface Membership {
  role: Role;
  agencyId: number;
  agencyCode: string;
}

const membershipOf = preparedQuery((tx) => {
  const { members, agencies } = tx.tables;
  return tx.orm
    .select({ role: members.role, agencyId: members.agencyId, agencyCode: agencies.code })
    .from(members)
    .innerJoin(agencies, eq(agencies.id, members.agencyId))
    .where(and(eq(members.teamId, sql.placeholder('teamId')), eq(members.userId, sql.placeholder('userId'))))
    .prepare();
});

/** The person's membership, or undefined when they are not registered. */
export async function findMembership(tx: Tx, person: Person): Promise<Membership | undefined> {
  return (await membershipOf(tx).execute({ teamId: person.teamId, userId: person.userId }))[0];
}

/** Registers the person, or moves them to another agency or role. */
export async function upsertMember(tx: Tx, member: Person & { agencyId: number; role: Role; at: number }): Promise<void> {
  const { members } = tx.tables;
  await tx.orm
    .insert(members)
    .values({ teamId: member.teamId, userId: member.userId, agencyId: member.agencyId, role: member.role, createdAt: member.at, updatedAt: member.at })
    .onConflictDoUpdate({
      target: [members.teamId, members.userId],
      set: { agencyId: member.agencyId, role: member.role, updatedAt: member.at },
    });
}

/** The agency's people with any of `roles`, in the order they were registered. */
export async function listMembersWithRoles(tx: Tx, agencyId: number, roles: readonly Role[], limit = 50): Promise<Person[]> {
  const { members } = tx.tables;
  return tx.orm
    .select({ teamId: members.teamId, userId: members.userId })
    .from(members)
    .where(and(eq(members.agencyId, agencyId), inArray(members.role, [...roles])))
    .orderBy(asc(members.id))
    .limit(limit);
}

export async function countMembersByRole(tx: Tx, agencyId: number): Promise<Array<{ role: Role; n: number }>> {
  const { members } = tx.tables;
  return tx.orm
    .select({ role: members.role, n: count() })
    .from(members)
    .where(eq(members.agencyId, agencyId))
    .groupBy(members.role);
}
