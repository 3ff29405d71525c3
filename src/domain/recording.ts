// Which operations a person may log records in: open ones their agency joined (admins: all open).
import { prepared } from '../../db/prepared.js';
import type { RequestContext } from './context.js';
import { authorize } from './permissions.js';

export function operationsOpenForRecording(ctx: RequestContext): Array<{ code: string; name: string }> {
  const { principal, msg } = ctx;
  authorize(principal, 'record', { joinedAgencyIds: principal.agencyId === null ? [] : [principal.agencyId] }, msg);
  const { db } = ctx.deps;
  if (principal.role === 'admin' && principal.agencyId === null) {
    return prepared<[], { code: string; name: string }>(
      db,
      'SELECT code, name FROM operations WHERE closed_at IS NULL ORDER BY start_date DESC, code LIMIT 100',
    ).all();
  }
  return prepared<[number], { code: string; name: string }>(
    db,
    `SELECT o.code, o.name FROM operations o JOIN participations p ON p.operation_id = o.id
     WHERE p.agency_id = ? AND o.closed_at IS NULL ORDER BY o.start_date DESC, o.code LIMIT 100`,
  ).all(principal.agencyId!);
}
