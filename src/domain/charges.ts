// Charges (C-n): one person charged during an operation, with the offences (Criminal Code sections).
import { insertCharge, type OffenceSection } from '../../db/queries/charges.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { recordingAgency } from './engagements.js';
import { checkFreeText } from './free-text.js';
import { requireOpenOperation } from './operations.js';
import { formatRef } from './references.js';

export type { OffenceSection } from '../../db/queries/charges.js';

export interface LogChargeInput {
  operationCode: string;
  /** Sections as listed, repeats allowed: two counts of 286.2 are two offences. */
  offences: OffenceSection[];
  agencyCode?: string;
  note?: string;
}

export async function logCharge(ctx: RequestContext, input: LogChargeInput): Promise<{ id: number; ref: string; offences: number }> {
  const { tx, principal } = ctx;
  const operation = await requireOpenOperation(tx, input.operationCode);
  const agency = await recordingAgency(ctx, operation, input.agencyCode);
  const note = await checkFreeText(ctx, 'note', input.note);
  const now = nowMs(ctx);
  const id = await insertCharge(tx, {
    operationId: operation.id,
    agencyId: agency.id,
    officerTeamId: principal.actor.teamId,
    officerUserId: principal.actor.userId,
    note: note ?? null,
    createdAt: now,
    offences: input.offences,
  });
  const ref = formatRef('C', id);
  await appendAudit(tx, {
    actor: principal.actor,
    action: 'charge.log',
    ref,
    detail: { operation: operation.code, agency: agency.code, offences: input.offences },
    at: now,
  });
  return { id, ref, offences: input.offences.length };
}
