// Partner agencies and their members.
import type { Tx } from '../../db/database.js';
import {
  type AgencyKind,
  type AgencyRow,
  findAgencyByCode,
  type Language,
  findAgencyById,
  insertAgency,
  listAgenciesWithMemberCounts,
  updateAgencyRow,
} from '../../db/queries/agencies.js';
import { countMembersByRole, findMembership, upsertMember } from '../../db/queries/members.js';
import { listOperationCodesJoinedBy } from '../../db/queries/operations.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { AppError, type ProblemOf } from './errors.js';
import { forgetRegisteredNames } from './free-text.js';
import { authorize, type Role } from './permissions.js';

export type { AgencyKind } from '../../db/queries/agencies.js';
export type Agency = AgencyRow;

/** The agency named by `code`, or a refusal that says how to list the known ones. */
export async function requireAgency(tx: Tx, code: string): Promise<Agency> {
  const agency = await findAgencyByCode(tx, code);
  if (!agency) throw new AppError('not_found', { problem: 'agencyUnknown', code });
  return agency;
}

export interface AddAgencyInput {
  code: string;
  name: string;
  kind: AgencyKind;
  intakeChannelId?: string;
  /**
   * The intake channel's workspace. A slash command's is the caller's own; the operator CLI has no
   * workspace, and passes null (a single-workspace install needs none).
   */
  intakeTeamId?: string | null;
  lang?: Language;
}

export async function addAgency(ctx: RequestContext, input: AddAgencyInput): Promise<Agency> {
  const { tx } = ctx;
  authorize(ctx.principal, 'agency.add', {});
  if (await findAgencyByCode(tx, input.code)) throw new AppError('conflict', { problem: 'agencyExists', code: input.code });
  const at = nowMs(ctx);
  const actor = ctx.principal.actor;
  const id = await insertAgency(tx, {
    code: input.code,
    name: input.name,
    kind: input.kind,
    intakeChannelId: input.intakeChannelId ?? null,
    intakeTeamId: input.intakeChannelId ? (input.intakeTeamId === undefined ? actor.teamId : input.intakeTeamId) : null,
    lang: input.lang ?? 'en',
    createdAt: at,
  });
  forgetRegisteredNames(ctx.deps.db);
  await appendAudit(tx, {
    actor,
    action: 'agency.add',
    ref: `agency:${input.code}`,
    detail: { kind: input.kind, intake: Boolean(input.intakeChannelId), lang: input.lang ?? 'en' },
    at,
  });
  return (await findAgencyById(tx, id))!;
}

/** What may change about an agency: what is left out stays as it is. */
export type UpdateAgencyInput = { code: string } & Partial<Omit<AddAgencyInput, 'code'>>;

/** The fields an update changes, in a fixed order: the audit row names them. */
const UPDATABLE = ['name', 'kind', 'intakeChannelId', 'lang'] as const;

/**
 * Changes an existing agency's name, kind, intake channel or language (an admin's right, as adding
 * is). Changes nothing, and audits nothing, when every value given is the one stored.
 */
export async function updateAgency(ctx: RequestContext, input: UpdateAgencyInput): Promise<{ agency: Agency; changed: Array<(typeof UPDATABLE)[number]> }> {
  const { tx } = ctx;
  authorize(ctx.principal, 'agency.add', {});
  const agency = await requireAgency(tx, input.code);
  const changed = UPDATABLE.filter((field) => input[field] !== undefined && input[field] !== agency[field]);
  if (changed.length === 0) return { agency, changed };
  const at = nowMs(ctx);
  const channelChanged = changed.includes('intakeChannelId');
  const next = {
    name: input.name ?? agency.name,
    kind: input.kind ?? agency.kind,
    intakeChannelId: input.intakeChannelId ?? agency.intakeChannelId,
    intakeTeamId: channelChanged ? (input.intakeTeamId === undefined ? ctx.principal.actor.teamId : input.intakeTeamId) : agency.intakeTeamId,
    lang: input.lang ?? agency.lang,
  };
  await updateAgencyRow(tx, agency.id, next);
  if (changed.includes('name')) forgetRegisteredNames(ctx.deps.db);
  await appendAudit(tx, {
    actor: ctx.principal.actor,
    action: 'agency.update',
    ref: `agency:${agency.code}`,
    detail: { changed, kind: next.kind, intake: Boolean(next.intakeChannelId), lang: next.lang },
    at,
  });
  return { agency: (await findAgencyById(tx, agency.id))!, changed };
}

export interface AgencySummary extends Agency {
  members: number;
}

export async function listAgencies(ctx: RequestContext): Promise<AgencySummary[]> {
  authorize(ctx.principal, 'read', {});
  return listAgenciesWithMemberCounts(ctx.tx);
}

export interface AgencyDetail {
  agency: Agency;
  membersByRole: Record<Role, number>;
  operations: string[];
}

export async function showAgency(ctx: RequestContext, code: string): Promise<AgencyDetail> {
  authorize(ctx.principal, 'read', {});
  const { tx } = ctx;
  const agency = await requireAgency(tx, code);
  const membersByRole: Record<Role, number> = { officer: 0, intake: 0, coordinator: 0, admin: 0 };
  for (const row of await countMembersByRole(tx, agency.id)) membersByRole[row.role] = row.n;
  return { agency, membersByRole, operations: await listOperationCodesJoinedBy(tx, agency.id) };
}

export interface SetMemberInput {
  userId: string;
  agencyCode: string;
  role: Role;
}

export interface SetMembersInput {
  userIds: readonly string[];
  agencyCode: string;
  role: Role;
  /**
   * The people's organisation, when the caller knows it (the operator CLI's file names it); a slash
   * command's mentions carry none, and the people are taken to be in the registering person's.
   */
  teamId?: string;
}

/** What happened to one person named: registered (or changed, with the role they had), or refused and why. */
export type MemberOutcome = { userId: string; previous: Role | null } | { userId: string; refusal: ProblemOf<'memberElsewhere'> };

/** Registers a person with an agency, or changes their agency or role. */
export async function setMember(ctx: RequestContext, input: SetMemberInput): Promise<{ agency: Agency; role: Role; previous: Role | null }> {
  const { agency, outcomes } = await setMembers(ctx, { userIds: [input.userId], agencyCode: input.agencyCode, role: input.role });
  const [outcome] = outcomes;
  if ('refusal' in outcome!) throw new AppError('forbidden', outcome.refusal);
  return { agency, role: input.role, previous: outcome!.previous };
}

/**
 * Registers several people with one agency and role. What the caller may not do at all (another
 * agency, the admin role) refuses the whole request; a person who belongs to another agency is
 * refused alone, and the others are registered.
 */
export async function setMembers(ctx: RequestContext, input: SetMembersInput): Promise<{ agency: Agency; outcomes: MemberOutcome[] }> {
  const { tx, principal } = ctx;
  const agency = await requireAgency(tx, input.agencyCode);
  authorize(principal, 'agency.member', { agencyId: agency.id });
  if (principal.role !== 'admin' && input.role === 'admin') throw new AppError('forbidden', { problem: 'onlyAdminsGrantAdmin' });
  const teamId = input.teamId ?? principal.actor.teamId;
  const at = nowMs(ctx);
  const outcomes: MemberOutcome[] = [];
  for (const userId of new Set(input.userIds)) {
    const existing = await findMembership(tx, { teamId, userId });
    if (principal.role !== 'admin' && existing && (existing.agencyId !== agency.id || existing.role === 'admin')) {
      outcomes.push({ userId, refusal: { problem: 'memberElsewhere', userId, agencyCode: existing.agencyCode } });
      continue;
    }
    await upsertMember(tx, { teamId, userId, agencyId: agency.id, role: input.role, at });
    await appendAudit(tx, {
      actor: principal.actor,
      action: existing ? 'member.change' : 'member.add',
      ref: `member:${teamId}:${userId}`,
      detail: { agency: agency.code, role: input.role, ...(existing ? { previousAgency: existing.agencyCode, previousRole: existing.role } : {}) },
      at,
    });
    outcomes.push({ userId, previous: existing?.role ?? null });
  }
  return { agency, outcomes };
}
