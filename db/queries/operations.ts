// Reading and writing operations and the agencies that joined them.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';
import type { DIGEST_LANGUAGES } from '../vocabulary.js';

export type DigestLanguage = (typeof DIGEST_LANGUAGES)[number];

export interface OperationRow {
  id: number;
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  leadAgencyId: number;
  leadAgencyCode: string;
  parentId: number | null;
  parentCode: string | null;
  timezone: string;
  digestChannelId: string | null;
  digestTeamId: string | null;
  digestTime: string;
  lang: DigestLanguage;
  hideBelow: number;
  closedAt: number | null;
}

/** The operation's columns, with its lead agency's code and its parent's code (joined by `fromOperations`). */
function operationFields(tx: Tx) {
  const { operations, agencies } = tx.tables;
  const parent = alias(operations, 'parent');
  return {
    parent,
    fields: {
      id: operations.id,
      code: operations.code,
      name: operations.name,
      startDate: operations.startDate,
      endDate: operations.endDate,
      leadAgencyId: operations.leadAgencyId,
      leadAgencyCode: agencies.code,
      parentId: operations.parentId,
      parentCode: parent.code,
      timezone: operations.timezone,
      digestChannelId: operations.digestChannelId,
      digestTeamId: operations.digestTeamId,
      digestTime: operations.digestTime,
      lang: operations.lang,
      hideBelow: operations.hideBelow,
      closedAt: operations.closedAt,
    },
  };
}

function selectOperations(tx: Tx) {
  const { operations, agencies } = tx.tables;
  const { parent, fields } = operationFields(tx);
  return tx.orm
    .select(fields)
    .from(operations)
    .innerJoin(agencies, eq(agencies.id, operations.leadAgencyId))
    .leftJoin(parent, eq(parent.id, operations.parentId));
}

const byCode = preparedQuery((tx) =>
  selectOperations(tx).where(eq(tx.tables.operations.code, sql.placeholder('code'))).prepare(),
);
const byId = preparedQuery((tx) => selectOperations(tx).where(eq(tx.tables.operations.id, sql.placeholder('id'))).prepare());

export async function findOperationByCode(tx: Tx, code: string): Promise<OperationRow | undefined> {
  return (await byCode(tx).execute({ code: code.toUpperCase() }))[0];
}

export async function findOperationById(tx: Tx, id: number): Promise<OperationRow | undefined> {
  return (await byId(tx).execute({ id }))[0];
}

/** Open operations first, newest first, then by code; with how many agencies joined each. */
export async function listOperationsWithAgencyCounts(tx: Tx): Promise<Array<OperationRow & { agencies: number }>> {
  const { operations, agencies, participations } = tx.tables;
  const joined = tx.orm
    .select({ operationId: participations.operationId, n: count().as('n') })
    .from(participations)
    .groupBy(participations.operationId)
    .as('joined');
  const { parent, fields } = operationFields(tx);
  return tx.orm
    .select({ ...fields, agencies: sql<number>`coalesce(${joined.n}, 0)`.mapWith(Number) })
    .from(operations)
    .innerJoin(agencies, eq(agencies.id, operations.leadAgencyId))
    .leftJoin(parent, eq(parent.id, operations.parentId))
    .leftJoin(joined, eq(joined.operationId, operations.id))
    .orderBy(sql`${operations.closedAt} IS NOT NULL`, desc(operations.startDate), asc(operations.code));
}

export interface NewOperation {
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  leadAgencyId: number;
  parentId: number | null;
  timezone: string;
  digestChannelId: string | null;
  digestTeamId: string | null;
  digestTime: string;
  lang: DigestLanguage;
  hideBelow: number;
  createdAt: number;
}

export async function insertOperation(tx: Tx, operation: NewOperation): Promise<number> {
  const { operations } = tx.tables;
  const [row] = await tx.orm.insert(operations).values(operation).returning({ id: operations.id });
  return row!.id;
}

/** Marks the operation closed; false when it already was. */
export async function closeOperationRow(tx: Tx, id: number, at: number): Promise<boolean> {
  const { operations } = tx.tables;
  const changed = await tx.orm
    .update(operations)
    .set({ closedAt: at })
    .where(and(eq(operations.id, id), isNull(operations.closedAt)))
    .returning({ id: operations.id });
  return changed.length === 1;
}

export interface Personnel {
  officers: number;
  supportStaff: number;
  victimServices: number;
}

export async function findParticipation(tx: Tx, operationId: number, agencyId: number): Promise<Personnel | undefined> {
  const { participations } = tx.tables;
  const [row] = await tx.orm
    .select({ officers: participations.officers, supportStaff: participations.supportStaff, victimServices: participations.victimServices })
    .from(participations)
    .where(and(eq(participations.operationId, operationId), eq(participations.agencyId, agencyId)))
    .limit(1);
  return row;
}

/** Joins the agency to the operation, or sets the personnel counts it joined with. */
export async function upsertParticipation(tx: Tx, operationId: number, agencyId: number, personnel: Personnel, at: number): Promise<void> {
  const { participations } = tx.tables;
  await tx.orm
    .insert(participations)
    .values({ operationId, agencyId, ...personnel, joinedAt: at })
    .onConflictDoUpdate({ target: [participations.operationId, participations.agencyId], set: { ...personnel } });
}

const joinedBy = preparedQuery((tx) => {
  const { participations } = tx.tables;
  return tx.orm
    .select({ agencyId: participations.agencyId })
    .from(participations)
    .where(eq(participations.operationId, sql.placeholder('operationId')))
    .prepare();
});

export async function listJoinedAgencyIds(tx: Tx, operationId: number): Promise<number[]> {
  return (await joinedBy(tx).execute({ operationId })).map((row) => row.agencyId);
}

/** Codes of the operations an agency joined, newest first. */
export async function listOperationCodesJoinedBy(tx: Tx, agencyId: number): Promise<string[]> {
  const { operations, participations } = tx.tables;
  const rows = await tx.orm
    .select({ code: operations.code })
    .from(participations)
    .innerJoin(operations, eq(operations.id, participations.operationId))
    .where(eq(participations.agencyId, agencyId))
    .orderBy(desc(operations.startDate), asc(operations.code));
  return rows.map((row) => row.code);
}

export interface OperationHeader {
  id: number;
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  closedAt: number | null;
}

/**
 * Operations an agency joined (every operation when `agencyId` is null), open ones first, newest
 * first; `openOnly` leaves out the closed ones.
 */
export async function listOperationHeaders(tx: Tx, options: { agencyId: number | null; openOnly: boolean; limit: number }): Promise<OperationHeader[]> {
  const { operations, participations } = tx.tables;
  const header = {
    id: operations.id,
    code: operations.code,
    name: operations.name,
    startDate: operations.startDate,
    endDate: operations.endDate,
    closedAt: operations.closedAt,
  };
  const open = options.openOnly ? isNull(operations.closedAt) : undefined;
  const order = [sql`${operations.closedAt} IS NOT NULL`, desc(operations.startDate), asc(operations.code)] as const;
  if (options.agencyId === null) {
    return tx.orm.select(header).from(operations).where(open).orderBy(...order).limit(options.limit);
  }
  return tx.orm
    .select(header)
    .from(operations)
    .innerJoin(participations, eq(participations.operationId, operations.id))
    .where(and(eq(participations.agencyId, options.agencyId), open))
    .orderBy(...order)
    .limit(options.limit);
}

export interface ScheduledOperation {
  id: number;
  code: string;
  startDate: string;
  endDate: string;
  timezone: string;
  digestTime: string;
  createdAt: number;
}

const scheduled = preparedQuery((tx) => {
  const { operations } = tx.tables;
  return tx.orm
    .select({
      id: operations.id,
      code: operations.code,
      startDate: operations.startDate,
      endDate: operations.endDate,
      timezone: operations.timezone,
      digestTime: operations.digestTime,
      createdAt: operations.createdAt,
    })
    .from(operations)
    .where(and(isNull(operations.closedAt), isNotNull(operations.digestChannelId)))
    .prepare();
});

const ends = preparedQuery((tx) => {
  const { operations } = tx.tables;
  return tx.orm.select({ id: operations.id, code: operations.code, endDate: operations.endDate, timezone: operations.timezone }).from(operations).prepare();
});

/** Open operations that have a digest channel: the ones the digest job looks at (every minute). */
export function listScheduledOperations(tx: Tx): Promise<ScheduledOperation[]> {
  return scheduled(tx).execute();
}

/** Every operation's end and zone: what retention needs to know (every minute). */
export function listOperationEnds(tx: Tx): Promise<Array<{ id: number; code: string; endDate: string; timezone: string }>> {
  return ends(tx).execute();
}

/** Per agency, the largest personnel counts it joined any of `operationIds` with. */
export async function listPersonnelByAgency(tx: Tx, operationIds: number[]): Promise<Array<Personnel & { agencyId: number }>> {
  const { participations } = tx.tables;
  if (operationIds.length === 0) return [];
  return tx.orm
    .select({
      agencyId: participations.agencyId,
      officers: sql<number>`max(${participations.officers})`.mapWith(Number),
      supportStaff: sql<number>`max(${participations.supportStaff})`.mapWith(Number),
      victimServices: sql<number>`max(${participations.victimServices})`.mapWith(Number),
    })
    .from(participations)
    .where(inArray(participations.operationId, operationIds))
    .groupBy(participations.agencyId);
}

/** The distinct agencies that joined any of `operationIds`. */
export async function listAgencyIdsJoinedAny(tx: Tx, operationIds: number[]): Promise<number[]> {
  const { participations } = tx.tables;
  if (operationIds.length === 0) return [];
  const rows = await tx.orm
    .selectDistinct({ agencyId: participations.agencyId })
    .from(participations)
    .where(inArray(participations.operationId, operationIds));
  return rows.map((row) => row.agencyId);
}

/** Records that the operation's lead invites the agency to join it (again is no change). */
export async function insertInvitation(tx: Tx, invitation: { operationId: number; agencyId: number; byTeamId: string; byUserId: string; at: number }): Promise<boolean> {
  const { invitations } = tx.tables;
  const inserted = await tx.orm
    .insert(invitations)
    .values({ operationId: invitation.operationId, agencyId: invitation.agencyId, invitedByTeamId: invitation.byTeamId, invitedByUserId: invitation.byUserId, invitedAt: invitation.at })
    .onConflictDoNothing({ target: [invitations.operationId, invitations.agencyId] })
    .returning({ agencyId: invitations.agencyId });
  return inserted.length === 1;
}

export async function isInvited(tx: Tx, operationId: number, agencyId: number): Promise<boolean> {
  const { invitations } = tx.tables;
  const [row] = await tx.orm
    .select({ agencyId: invitations.agencyId })
    .from(invitations)
    .where(and(eq(invitations.operationId, operationId), eq(invitations.agencyId, agencyId)))
    .limit(1);
  return row !== undefined;
}
