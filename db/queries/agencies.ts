// Reading and writing partner agencies.
import { asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../database.js';
import { preparedQuery } from '../prepared.js';
import type { AGENCY_KINDS, LANGUAGES } from '../vocabulary.js';

export type AgencyKind = (typeof AGENCY_KINDS)[number];
export type Language = (typeof LANGUAGES)[number];

export interface AgencyRow {
  id: number;
  code: string;
  name: string;
  kind: AgencyKind;
  intakeChannelId: string | null;
  intakeTeamId: string | null;
  /** The language of its referral cards. */
  lang: Language;
}

const columns = (tx: Tx) => {
  const { agencies } = tx.tables;
  return {
    id: agencies.id,
    code: agencies.code,
    name: agencies.name,
    kind: agencies.kind,
    intakeChannelId: agencies.intakeChannelId,
    intakeTeamId: agencies.intakeTeamId,
    lang: agencies.lang,
  };
};

const byCode = preparedQuery((tx) =>
  tx.orm
    .select(columns(tx))
    .from(tx.tables.agencies)
    .where(eq(tx.tables.agencies.code, sql.placeholder('code')))
    .prepare(),
);

const byId = preparedQuery((tx) =>
  tx.orm
    .select(columns(tx))
    .from(tx.tables.agencies)
    .where(eq(tx.tables.agencies.id, sql.placeholder('id')))
    .prepare(),
);

/** `code` is stored upper-case; callers pass it as typed. */
export async function findAgencyByCode(tx: Tx, code: string): Promise<AgencyRow | undefined> {
  return (await byCode(tx).execute({ code: code.toUpperCase() }))[0];
}

export async function findAgencyById(tx: Tx, id: number): Promise<AgencyRow | undefined> {
  return (await byId(tx).execute({ id }))[0];
}

export async function insertAgency(
  tx: Tx,
  agency: Omit<AgencyRow, 'id'> & { createdAt: number },
): Promise<number> {
  const [row] = await tx.orm.insert(tx.tables.agencies).values(agency).returning({ id: tx.tables.agencies.id });
  return row!.id;
}

export async function updateAgencyRow(tx: Tx, id: number, agency: Omit<AgencyRow, 'id' | 'code'>): Promise<void> {
  await tx.orm.update(tx.tables.agencies).set(agency).where(eq(tx.tables.agencies.id, id));
}

export async function listAgenciesWithMemberCounts(tx: Tx): Promise<Array<AgencyRow & { members: number }>> {
  const { agencies, members } = tx.tables;
  const memberCount = tx.orm
    .select({ agencyId: members.agencyId, n: count().as('n') })
    .from(members)
    .groupBy(members.agencyId)
    .as('member_count');
  return tx.orm
    .select({ ...columns(tx), members: sql<number>`coalesce(${memberCount.n}, 0)`.mapWith(Number) })
    .from(agencies)
    .leftJoin(memberCount, eq(memberCount.agencyId, agencies.id))
    .orderBy(asc(agencies.code));
}

/** Agencies that can receive referrals (they have an intake channel), by code. */
export async function listReceivingAgencies(tx: Tx, limit: number): Promise<Array<{ code: string; name: string }>> {
  const { agencies } = tx.tables;
  return tx.orm
    .select({ code: agencies.code, name: agencies.name })
    .from(agencies)
    .where(isNotNull(agencies.intakeChannelId))
    .orderBy(asc(agencies.code))
    .limit(limit);
}

/** Agencies by id (the digest's rows), in no particular order. */
export async function findAgenciesByIds(tx: Tx, ids: number[]): Promise<Array<Pick<AgencyRow, 'id' | 'code' | 'name' | 'kind'>>> {
  if (ids.length === 0) return [];
  const { agencies } = tx.tables;
  return tx.orm
    .select({ id: agencies.id, code: agencies.code, name: agencies.name, kind: agencies.kind })
    .from(agencies)
    .where(inArray(agencies.id, ids));
}

/** The names and codes of every agency and operation: registered names, not people's. */
export async function listRegisteredNames(tx: Tx): Promise<string[]> {
  const { agencies, operations } = tx.tables;
  const rows = [
    ...(await tx.orm.select({ name: agencies.name, code: agencies.code }).from(agencies)),
    ...(await tx.orm.select({ name: operations.name, code: operations.code }).from(operations)),
  ];
  return rows.flatMap((row) => [row.name, row.code]);
}
