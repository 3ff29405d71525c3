// Operations: dated, led by one agency, arranged in a tree (local → provincial → national), joined
// by agencies with their personnel counts.
import type { Db } from '../../db/client.js';
import { inTransaction, prepared } from '../../db/prepared.js';
import type { Messages } from '../i18n/index.js';
import { requireAgency } from './agencies.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { AppError } from './errors.js';
import { authorize } from './permissions.js';

export interface Operation {
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
  closedAt: number | null;
}

const OPERATION_COLUMNS = `
  o.id, o.code, o.name, o.start_date AS startDate, o.end_date AS endDate,
         o.lead_agency_id AS leadAgencyId, lead.code AS leadAgencyCode,
         o.parent_id AS parentId, parent.code AS parentCode, o.timezone,
         o.digest_channel_id AS digestChannelId, o.digest_team_id AS digestTeamId,
         o.digest_time AS digestTime, o.closed_at AS closedAt`;
const OPERATION_FROM = `
  FROM operations o
  JOIN agencies lead ON lead.id = o.lead_agency_id
  LEFT JOIN operations parent ON parent.id = o.parent_id`;
const OPERATION_SELECT = `SELECT ${OPERATION_COLUMNS} ${OPERATION_FROM}`;

export function findOperation(db: Db, code: string): Operation | undefined {
  return prepared<[string], Operation>(db, `${OPERATION_SELECT} WHERE o.code = ?`).get(code.toUpperCase());
}

export function getOperationById(db: Db, id: number): Operation {
  return prepared<[number], Operation>(db, `${OPERATION_SELECT} WHERE o.id = ?`).get(id)!;
}

export function requireOperation(db: Db, code: string, msg: Messages): Operation {
  const operation = findOperation(db, code);
  if (!operation) throw new AppError('not_found', msg.op.unknown(code));
  return operation;
}

/** An operation that still takes records. */
export function requireOpenOperation(db: Db, code: string, msg: Messages): Operation {
  const operation = requireOperation(db, code, msg);
  if (operation.closedAt !== null) throw new AppError('conflict', msg.op.closed(operation.code));
  return operation;
}

export function joinedAgencyIds(db: Db, operationId: number): number[] {
  return prepared<[number], number>(db, 'SELECT agency_id FROM participations WHERE operation_id = ?')
    .pluck()
    .all(operationId);
}

export interface CreateOperationInput {
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  leadCode: string;
  parentCode?: string;
  timezone?: string;
  digestChannelId?: string;
  digestTime?: string;
}

export function createOperation(ctx: RequestContext, input: CreateOperationInput): Operation {
  const { db, config } = ctx.deps;
  const { msg, principal } = ctx;
  const lead = requireAgency(db, input.leadCode, msg);
  authorize(principal, 'op.create', { leadAgencyId: lead.id }, msg);
  if (input.endDate < input.startDate) throw new AppError('invalid_input', msg.op.endBeforeStart);
  if (findOperation(db, input.code)) throw new AppError('conflict', msg.op.exists(input.code));
  const parent = input.parentCode ? requireOperation(db, input.parentCode, msg) : undefined;
  const at = nowMs(ctx);
  return inTransaction(db, () => {
    const { lastInsertRowid } = prepared(
      db,
      `INSERT INTO operations (code, name, start_date, end_date, lead_agency_id, parent_id, timezone,
         digest_channel_id, digest_team_id, digest_time, created_at)
       VALUES (@code, @name, @start, @end, @lead, @parent, @tz, @digest, @digestTeam, @digestTime, @at)`,
    ).run({
      code: input.code,
      name: input.name,
      start: input.startDate,
      end: input.endDate,
      lead: lead.id,
      parent: parent?.id ?? null,
      tz: input.timezone ?? config.defaultTimezone,
      digest: input.digestChannelId ?? null,
      digestTeam: input.digestChannelId ? principal.actor.teamId : null,
      digestTime: input.digestTime ?? '08:00',
      at,
    });
    const id = Number(lastInsertRowid);
    // The lead agency takes part in its own operation; `/op join` later sets its personnel.
    prepared(db, 'INSERT INTO participations (operation_id, agency_id, joined_at) VALUES (?, ?, ?)').run(id, lead.id, at);
    appendAudit(db, {
      actor: principal.actor,
      action: 'op.create',
      ref: `op:${input.code}`,
      detail: { lead: lead.code, parent: parent?.code ?? null, start: input.startDate, end: input.endDate },
      at,
    });
    return getOperationById(db, id);
  });
}

export interface JoinOperationInput {
  operationCode: string;
  agencyCode: string;
  officers?: number;
  supportStaff?: number;
  victimServices?: number;
}

export interface Participation {
  officers: number;
  supportStaff: number;
  victimServices: number;
}

/** Joins an agency to an operation, or updates the personnel counts it joined with. */
export function joinOperation(
  ctx: RequestContext,
  input: JoinOperationInput,
): { operation: Operation; participation: Participation; rejoined: boolean } {
  const { db } = ctx.deps;
  const { msg, principal } = ctx;
  const operation = requireOpenOperation(db, input.operationCode, msg);
  const agency = requireAgency(db, input.agencyCode, msg);
  authorize(principal, 'op.join', { agencyId: agency.id }, msg);
  const existing = prepared<[number, number], Participation>(
    db,
    `SELECT officers, support_staff AS supportStaff, victim_services AS victimServices
     FROM participations WHERE operation_id = ? AND agency_id = ?`,
  ).get(operation.id, agency.id);
  const participation: Participation = {
    officers: input.officers ?? existing?.officers ?? 0,
    supportStaff: input.supportStaff ?? existing?.supportStaff ?? 0,
    victimServices: input.victimServices ?? existing?.victimServices ?? 0,
  };
  const at = nowMs(ctx);
  inTransaction(db, () => {
    prepared(
      db,
      `INSERT INTO participations (operation_id, agency_id, officers, support_staff, victim_services, joined_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (operation_id, agency_id) DO UPDATE SET officers = excluded.officers,
         support_staff = excluded.support_staff, victim_services = excluded.victim_services`,
    ).run(operation.id, agency.id, participation.officers, participation.supportStaff, participation.victimServices, at);
    appendAudit(db, {
      actor: principal.actor,
      action: existing ? 'op.join.update' : 'op.join',
      ref: `op:${operation.code}`,
      detail: { agency: agency.code, ...participation },
      at,
    });
  });
  return { operation, participation, rejoined: Boolean(existing) };
}

export interface OperationSummary extends Operation {
  agencies: number;
}

export function listOperations(ctx: RequestContext): OperationSummary[] {
  authorize(ctx.principal, 'read', {}, ctx.msg);
  return prepared<[], OperationSummary>(
    ctx.deps.db,
    `SELECT ${OPERATION_COLUMNS}, (SELECT count(*) FROM participations p WHERE p.operation_id = o.id) AS agencies
     ${OPERATION_FROM}
     ORDER BY o.closed_at IS NOT NULL, o.start_date DESC, o.code`,
  ).all();
}

export function closeOperation(ctx: RequestContext, code: string): Operation {
  const { db } = ctx.deps;
  const { msg, principal } = ctx;
  const operation = requireOperation(db, code, msg);
  authorize(principal, 'op.close', { leadAgencyId: operation.leadAgencyId }, msg);
  const at = nowMs(ctx);
  inTransaction(db, () => {
    const { changes } = prepared(db, 'UPDATE operations SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(at, operation.id);
    if (changes !== 1) throw new AppError('conflict', msg.op.closed(operation.code));
    appendAudit(db, { actor: principal.actor, action: 'op.close', ref: `op:${operation.code}`, at });
  });
  return getOperationById(db, operation.id);
}

/** Agencies that joined the operation or any operation below it (one recursive query). */
export function treeAgencyIds(db: Db, operationId: number): number[] {
  return prepared<[number], number>(
    db,
    `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT o.id FROM operations o JOIN tree ON o.parent_id = tree.id)
     SELECT DISTINCT p.agency_id FROM participations p JOIN tree ON p.operation_id = tree.id`,
  )
    .pluck()
    .all(operationId);
}
