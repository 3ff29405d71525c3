// Reading and writing engagements (E-n): one person met, described by categories only.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';
import type { AGE_BANDS, GENDERS } from '../vocabulary.js';

export type AgeBand = (typeof AGE_BANDS)[number];
export type Gender = (typeof GENDERS)[number];

export interface NewEngagement {
  operationId: number;
  agencyId: number;
  officerTeamId: string;
  officerUserId: string;
  occurredAt: number;
  ageBand: AgeBand;
  gender: Gender;
  offered: boolean;
  accepted: boolean;
  safetyEnsured: boolean;
  area: string | null;
  language: string | null;
  note: string | null;
  createdAt: number;
}

const insert = preparedQuery((tx) => {
  const { engagements } = tx.tables;
  const p = (name: keyof NewEngagement) => sql.placeholder(name);
  return tx.orm
    .insert(engagements)
    .values({
      operationId: p('operationId'),
      agencyId: p('agencyId'),
      officerTeamId: p('officerTeamId'),
      officerUserId: p('officerUserId'),
      occurredAt: p('occurredAt'),
      ageBand: p('ageBand'),
      gender: p('gender'),
      offered: p('offered'),
      accepted: p('accepted'),
      safetyEnsured: p('safetyEnsured'),
      area: p('area'),
      language: p('language'),
      note: p('note'),
      createdAt: p('createdAt'),
    })
    .returning({ id: engagements.id })
    .prepare();
});

/** Stores the engagement; returns its `n`. */
export async function insertEngagement(tx: Tx, engagement: NewEngagement): Promise<number> {
  const [row] = await insert(tx).execute({ ...engagement });
  return row!.id;
}

export async function findEngagement(tx: Tx, id: number): Promise<{ id: number; operationId: number; agencyId: number } | undefined> {
  const { engagements } = tx.tables;
  const [row] = await tx.orm
    .select({ id: engagements.id, operationId: engagements.operationId, agencyId: engagements.agencyId })
    .from(engagements)
    .where(eq(engagements.id, id))
    .limit(1);
  return row;
}

export interface RecentEngagement {
  id: number;
  operationCode: string;
  /** The operation's time zone: when the engagement happened is shown in it. */
  timezone: string;
  ageBand: AgeBand;
  area: string | null;
  occurredAt: number;
}

/** The engagements a person logged most recently, newest first. */
export async function listRecentEngagementsOf(tx: Tx, officer: { teamId: string; userId: string }, limit: number): Promise<RecentEngagement[]> {
  const { engagements, operations } = tx.tables;
  return tx.orm
    .select({
      id: engagements.id,
      operationCode: operations.code,
      timezone: operations.timezone,
      ageBand: engagements.ageBand,
      area: engagements.area,
      occurredAt: engagements.occurredAt,
    })
    .from(engagements)
    .innerJoin(operations, eq(operations.id, engagements.operationId))
    .where(and(eq(engagements.officerTeamId, officer.teamId), eq(engagements.officerUserId, officer.userId)))
    .orderBy(desc(engagements.id))
    .limit(limit);
}
