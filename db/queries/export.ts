// The records of a set of operations, for `export --csv`: engagements, referrals, charges, by reference.
import { asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Tx } from '../database.js';

export async function listEngagementsIn(tx: Tx, operationIds: number[]) {
  const { engagements: e, operations: o, agencies: a } = tx.tables;
  return tx.orm
    .select({
      id: e.id,
      operation: o.code,
      agency: a.code,
      occurredAt: e.occurredAt,
      ageBand: e.ageBand,
      gender: e.gender,
      offered: e.offered,
      accepted: e.accepted,
      safetyEnsured: e.safetyEnsured,
      area: e.area,
      language: e.language,
      note: e.note,
    })
    .from(e)
    .innerJoin(o, eq(o.id, e.operationId))
    .innerJoin(a, eq(a.id, e.agencyId))
    .where(inArray(e.operationId, operationIds))
    .orderBy(asc(e.id));
}

export async function listReferralsIn(tx: Tx, operationIds: number[]) {
  const { referrals: r, engagements: e, operations: o, agencies } = tx.tables;
  const from = alias(agencies, 'from_agency');
  const to = alias(agencies, 'to_agency');
  return tx.orm
    .select({
      id: r.id,
      operation: o.code,
      agency: from.code,
      toAgency: to.code,
      createdAt: r.createdAt,
      engagementId: r.engagementId,
      needs: r.needs,
      urgency: r.urgency,
      status: r.status,
      closeOutcome: r.closeOutcome,
      note: r.note,
    })
    .from(r)
    .innerJoin(e, eq(e.id, r.engagementId))
    .innerJoin(o, eq(o.id, e.operationId))
    .innerJoin(from, eq(from.id, r.fromAgencyId))
    .innerJoin(to, eq(to.id, r.toAgencyId))
    .where(inArray(e.operationId, operationIds))
    .orderBy(asc(r.id));
}

/** Charges with their offences' sections, in the order they were listed. */
export async function listChargesIn(tx: Tx, operationIds: number[]) {
  const { charges: c, chargeOffences: co, operations: o, agencies: a } = tx.tables;
  const charges = await tx.orm
    .select({ id: c.id, operation: o.code, agency: a.code, createdAt: c.createdAt, note: c.note })
    .from(c)
    .innerJoin(o, eq(o.id, c.operationId))
    .innerJoin(a, eq(a.id, c.agencyId))
    .where(inArray(c.operationId, operationIds))
    .orderBy(asc(c.id));
  const offences = await tx.orm
    .select({ chargeId: co.chargeId, section: co.section })
    .from(co)
    .innerJoin(c, eq(c.id, co.chargeId))
    .where(inArray(c.operationId, operationIds))
    .orderBy(asc(co.id));
  const sections = new Map<number, string[]>();
  for (const o of offences) sections.set(o.chargeId, [...(sections.get(o.chargeId) ?? []), o.section]);
  return charges.map((charge) => ({ ...charge, sections: sections.get(charge.id) ?? [] }));
}
