// Operations: dated, led by one agency, arranged in a tree (local → provincial → national), joined
// by agencies with their personnel counts.
import type { Tx } from '../../db/database.js';
import { listOperationTree } from '../../db/queries/operation-tree.js';
import {
  closeOperationRow,
  findOperationByCode,
  findOperationById,
  findParticipation,
  insertInvitation,
  insertOperation,
  isInvited,
  listJoinedAgencyIds,
  listAgencyIdsJoinedAny,
  listOperationsWithAgencyCounts,
  type DigestLanguage,
  type OperationRow,
  type Personnel,
  upsertParticipation,
} from '../../db/queries/operations.js';
import { requireAgency } from './agencies.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { AppError } from './errors.js';
import { forgetRegisteredNames } from './free-text.js';
import { authorize } from './permissions.js';

export type Operation = OperationRow;
export type Participation = Personnel;

export function findOperation(tx: Tx, code: string): Promise<Operation | undefined> {
  return findOperationByCode(tx, code);
}

export async function getOperationById(tx: Tx, id: number): Promise<Operation> {
  const operation = await findOperationById(tx, id);
  if (!operation) throw new Error(`operation ${id} does not exist`);
  return operation;
}

export async function requireOperation(tx: Tx, code: string): Promise<Operation> {
  const operation = await findOperationByCode(tx, code);
  if (!operation) throw new AppError('not_found', { problem: 'operationUnknown', code });
  return operation;
}

/** An operation that still takes records. */
export async function requireOpenOperation(tx: Tx, code: string): Promise<Operation> {
  const operation = await requireOperation(tx, code);
  if (operation.closedAt !== null) throw new AppError('conflict', { problem: 'operationClosed', code: operation.code });
  return operation;
}

export function joinedAgencyIds(tx: Tx, operationId: number): Promise<number[]> {
  return listJoinedAgencyIds(tx, operationId);
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
  lang?: DigestLanguage;
  hideBelow?: number;
}

export async function createOperation(ctx: RequestContext, input: CreateOperationInput): Promise<Operation> {
  const { tx, principal } = ctx;
  const lead = await requireAgency(tx, input.leadCode);
  authorize(principal, 'op.create', { leadAgencyId: lead.id });
  if (input.endDate < input.startDate) throw new AppError('invalid_input', { problem: 'endBeforeStart' });
  if (await findOperationByCode(tx, input.code)) throw new AppError('conflict', { problem: 'operationExists', code: input.code });
  const parent = input.parentCode ? await requireOperation(tx, input.parentCode) : undefined;
  // Placing an operation under another puts its figures in that operation's digest: the parent's lead decides.
  if (parent) authorize(principal, 'op.invite', { leadAgencyId: parent.leadAgencyId });
  const at = nowMs(ctx);
  const id = await insertOperation(tx, {
    code: input.code,
    name: input.name,
    startDate: input.startDate,
    endDate: input.endDate,
    leadAgencyId: lead.id,
    parentId: parent?.id ?? null,
    timezone: input.timezone ?? ctx.deps.config.defaultTimezone,
    digestChannelId: input.digestChannelId ?? null,
    digestTeamId: input.digestChannelId ? principal.actor.teamId : null,
    digestTime: input.digestTime ?? '08:00',
    lang: input.lang ?? 'en',
    hideBelow: input.hideBelow ?? 5,
    createdAt: at,
  });
  forgetRegisteredNames(ctx.deps.db);
  // The lead agency takes part in its own operation; `/op join` later sets its personnel.
  await upsertParticipation(tx, id, lead.id, { officers: 0, supportStaff: 0, victimServices: 0 }, at);
  await appendAudit(tx, {
    actor: principal.actor,
    action: 'op.create',
    ref: `op:${input.code}`,
    detail: { lead: lead.code, parent: parent?.code ?? null, start: input.startDate, end: input.endDate },
    at,
  });
  return getOperationById(tx, id);
}

export interface JoinOperationInput {
  operationCode: string;
  agencyCode: string;
  officers?: number;
  supportStaff?: number;
  victimServices?: number;
}

/** Joins an agency to an operation, or updates the personnel counts it joined with. */
export async function joinOperation(
  ctx: RequestContext,
  input: JoinOperationInput,
): Promise<{ operation: Operation; participation: Participation; rejoined: boolean }> {
  const { tx, principal } = ctx;
  const operation = await requireOpenOperation(tx, input.operationCode);
  const agency = await requireAgency(tx, input.agencyCode);
  authorize(principal, 'op.join', { agencyId: agency.id });
  // An agency joins only an operation it leads or was invited to: joining gives its coordinators the
  // operation's digest, and its records count in the operation's figures.
  if (principal.role !== 'admin' && agency.id !== operation.leadAgencyId && !(await isInvited(tx, operation.id, agency.id))) {
    throw new AppError('forbidden', { problem: 'notInvited', agencyCode: agency.code, operationCode: operation.code, leadAgencyCode: operation.leadAgencyCode });
  }
  const existing = await findParticipation(tx, operation.id, agency.id);
  const participation: Participation = {
    officers: input.officers ?? existing?.officers ?? 0,
    supportStaff: input.supportStaff ?? existing?.supportStaff ?? 0,
    victimServices: input.victimServices ?? existing?.victimServices ?? 0,
  };
  const at = nowMs(ctx);
  await upsertParticipation(tx, operation.id, agency.id, participation, at);
  await appendAudit(tx, {
    actor: principal.actor,
    action: existing ? 'op.join.update' : 'op.join',
    ref: `op:${operation.code}`,
    detail: { agency: agency.code, ...participation },
    at,
  });
  return { operation, participation, rejoined: Boolean(existing) };
}

/** The operation's lead invites an agency to join it. */
export async function inviteAgency(ctx: RequestContext, operationCode: string, agencyCode: string): Promise<{ operation: Operation; agency: string; already: boolean }> {
  const { tx, principal } = ctx;
  const operation = await requireOpenOperation(tx, operationCode);
  authorize(principal, 'op.invite', { leadAgencyId: operation.leadAgencyId });
  const agency = await requireAgency(tx, agencyCode);
  const at = nowMs(ctx);
  const invited = await insertInvitation(tx, { operationId: operation.id, agencyId: agency.id, byTeamId: principal.actor.teamId, byUserId: principal.actor.userId, at });
  if (invited) await appendAudit(tx, { actor: principal.actor, action: 'op.invite', ref: `op:${operation.code}`, detail: { agency: agency.code }, at });
  return { operation, agency: agency.code, already: !invited };
}

export interface OperationSummary extends Operation {
  agencies: number;
}

export async function listOperations(ctx: RequestContext): Promise<OperationSummary[]> {
  authorize(ctx.principal, 'read', {});
  return listOperationsWithAgencyCounts(ctx.tx);
}

export async function closeOperation(ctx: RequestContext, code: string): Promise<Operation> {
  const { tx, principal } = ctx;
  const operation = await requireOperation(tx, code);
  authorize(principal, 'op.close', { leadAgencyId: operation.leadAgencyId });
  const at = nowMs(ctx);
  if (!(await closeOperationRow(tx, operation.id, at))) throw new AppError('conflict', { problem: 'operationClosed', code: operation.code });
  await appendAudit(tx, { actor: principal.actor, action: 'op.close', ref: `op:${operation.code}`, at });
  return getOperationById(tx, operation.id);
}

/** Ids of the operation and every operation below it. */
export async function treeOperationIds(tx: Tx, operationId: number): Promise<number[]> {
  return (await listOperationTree(tx, operationId)).map((o) => o.id);
}

/** Agencies that joined the operation or any operation below it. */
export async function treeAgencyIds(tx: Tx, operationId: number): Promise<number[]> {
  return listAgencyIdsJoinedAny(tx, await treeOperationIds(tx, operationId));
}
