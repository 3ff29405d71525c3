// Charges (C-n): one person charged during an operation, with the offences (Criminal Code sections).
import type { OFFENCE_SECTIONS } from '../../db/vocabulary.js';
import { inTransaction, prepared } from '../../db/prepared.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { recordingAgency } from './engagements.js';
import { checkFreeText } from './free-text.js';
import { requireOpenOperation } from './operations.js';
import { formatRef } from './references.js';

export type OffenceSection = (typeof OFFENCE_SECTIONS)[number];

export interface LogChargeInput {
  operationCode: string;
  /** Sections as listed, repeats allowed: two counts of 286.2 are two offences. */
  offences: OffenceSection[];
  agencyCode?: string;
  note?: string;
}

export function logCharge(ctx: RequestContext, input: LogChargeInput): { id: number; ref: string; offences: number } {
  const { db } = ctx.deps;
  const { msg, principal } = ctx;
  const operation = requireOpenOperation(db, input.operationCode, msg);
  const agency = recordingAgency(ctx, operation, input.agencyCode);
  const note = checkFreeText('note', input.note, msg);
  const now = nowMs(ctx);
  return inTransaction(db, () => {
    const { lastInsertRowid } = prepared(
      db,
      `INSERT INTO charges (operation_id, agency_id, officer_team_id, officer_user_id, offence_count, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(operation.id, agency.id, principal.actor.teamId, principal.actor.userId, input.offences.length, note ?? null, now);
    const id = Number(lastInsertRowid);
    const insertOffence = prepared(db, 'INSERT INTO charge_offences (charge_id, section) VALUES (?, ?)');
    for (const section of input.offences) insertOffence.run(id, section);
    const ref = formatRef('C', id);
    appendAudit(db, {
      actor: principal.actor,
      action: 'charge.log',
      ref,
      detail: { operation: operation.code, agency: agency.code, offences: input.offences },
      at: now,
    });
    return { id, ref, offences: input.offences.length };
  });
}
