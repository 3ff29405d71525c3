// Which operations a person may log records in: open ones their agency joined (admins: all open).
import { listOperationHeaders } from '../../db/queries/operations.js';
import type { RequestContext } from './context.js';
import { authorize } from './permissions.js';

export async function operationsOpenForRecording(ctx: RequestContext): Promise<Array<{ code: string; name: string }>> {
  const { principal } = ctx;
  authorize(principal, 'record', { joinedAgencyIds: principal.agencyId === null ? [] : [principal.agencyId] });
  const agencyId = principal.role === 'admin' && principal.agencyId === null ? null : principal.agencyId;
  const rows = await listOperationHeaders(ctx.tx, { agencyId, openOnly: true, limit: 100 });
  return rows.map((o) => ({ code: o.code, name: o.name }));
}
