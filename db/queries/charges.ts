// Writing charges (C-n): one person charged, and the offences they are charged with.
import type { Tx } from '../database.js';
import type { OFFENCE_SECTIONS } from '../vocabulary.js';

export type OffenceSection = (typeof OFFENCE_SECTIONS)[number];

export interface NewCharge {
  operationId: number;
  agencyId: number;
  officerTeamId: string;
  officerUserId: string;
  note: string | null;
  createdAt: number;
  /** As listed, repeats kept: two counts of 286.2 are two offences. */
  offences: OffenceSection[];
}

/** Stores the charge and its offences; returns its `n`. */
export async function insertCharge(tx: Tx, charge: NewCharge): Promise<number> {
  const { charges, chargeOffences } = tx.tables;
  const { offences, ...row } = charge;
  const [inserted] = await tx.orm
    .insert(charges)
    .values({ ...row, offenceCount: offences.length })
    .returning({ id: charges.id });
  const chargeId = inserted!.id;
  await tx.orm.insert(chargeOffences).values(offences.map((section) => ({ chargeId, section })));
  return chargeId;
}
