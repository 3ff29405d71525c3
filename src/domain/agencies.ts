// Partner agencies and their members.
import { prepared, inTransaction } from '../../db/prepared.js';
import type { Db } from '../../db/client.js';
import type { AGENCY_KINDS } from '../../db/vocabulary.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { AppError } from './errors.js';
import { authorize, type Role } from './permissions.js';
import type { Messages } from '../i18n/index.js';

export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: number;
  code: string;
  name: string;
  kind: AgencyKind;
  intakeChannelId: string | null;
  intakeTeamId: string | null;
}

const AGENCY_COLUMNS = `id, code, name, kind, intake_channel_id AS intakeChannelId, intake_team_id AS intakeTeamId`;

export function findAgency(db: Db, code: string): Agency | undefined {
  return prepared<[string], Agency>(db, `SELECT ${AGENCY_COLUMNS} FROM agencies WHERE code = ?`).get(code.toUpperCase());
}

export function getAgencyById(db: Db, id: number): Agency {
  return prepared<[number], Agency>(db, `SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id = ?`).get(id)!;
}

/** The agency named by `code`, or a refusal that says how to list the known ones. */
export function requireAgency(db: Db, code: string, msg: Messages): Agency {
  const agency = findAgency(db, code);
  if (!agency) throw new AppError('not_found', msg.agency.unknown(code));
  return agency;
}

export interface AddAgencyInput {
  code: string;
  name: string;
  kind: AgencyKind;
  intakeChannelId?: string;
}

export function addAgency(ctx: RequestContext, input: AddAgencyInput): Agency {
  const { db } = ctx.deps;
  authorize(ctx.principal, 'agency.add', {}, ctx.msg);
  if (findAgency(db, input.code)) throw new AppError('conflict', ctx.msg.agency.exists(input.code));
  const at = nowMs(ctx);
  const actor = ctx.principal.actor;
  return inTransaction(db, () => {
    const { lastInsertRowid } = prepared(
      db,
      `INSERT INTO agencies (code, name, kind, intake_channel_id, intake_team_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(input.code, input.name, input.kind, input.intakeChannelId ?? null, input.intakeChannelId ? actor.teamId : null, at);
    appendAudit(db, {
      actor,
      action: 'agency.add',
      ref: `agency:${input.code}`,
      detail: { kind: input.kind, intake: Boolean(input.intakeChannelId) },
      at,
    });
    return getAgencyById(db, Number(lastInsertRowid));
  });
}

export interface AgencySummary extends Agency {
  members: number;
}

export function listAgencies(ctx: RequestContext): AgencySummary[] {
  authorize(ctx.principal, 'read', {}, ctx.msg);
  return prepared<[], AgencySummary>(
    ctx.deps.db,
    `SELECT ${AGENCY_COLUMNS}, (SELECT count(*) FROM members m WHERE m.agency_id = agencies.id) AS members
     FROM agencies ORDER BY code`,
  ).all();
}

export interface AgencyDetail {
  agency: Agency;
  membersByRole: Record<Role, number>;
  operations: string[];
}

export function showAgency(ctx: RequestContext, code: string): AgencyDetail {
  authorize(ctx.principal, 'read', {}, ctx.msg);
  const { db } = ctx.deps;
  const agency = requireAgency(db, code, ctx.msg);
  const membersByRole: Record<Role, number> = { officer: 0, intake: 0, coordinator: 0, admin: 0 };
  for (const row of prepared<[number], { role: Role; n: number }>(
    db,
    'SELECT role, count(*) AS n FROM members WHERE agency_id = ? GROUP BY role',
  ).all(agency.id)) {
    membersByRole[row.role] = row.n;
  }
  const operations = prepared<[number], string>(
    db,
    `SELECT o.code FROM participations p JOIN operations o ON o.id = p.operation_id WHERE p.agency_id = ? ORDER BY o.start_date DESC, o.code`,
  )
    .pluck()
    .all(agency.id);
  return { agency, membersByRole, operations };
}

export interface SetMemberInput {
  userId: string;
  agencyCode: string;
  role: Role;
}

/** Registers a person with an agency, or changes their agency or role. */
export function setMember(ctx: RequestContext, input: SetMemberInput): { agency: Agency; role: Role; previous: Role | null } {
  const { db } = ctx.deps;
  const { principal, msg } = ctx;
  const agency = requireAgency(db, input.agencyCode, msg);
  authorize(principal, 'agency.member', { agencyId: agency.id }, msg);
  // The person named is in the registering person's organisation: Slack's mention carries no team.
  const teamId = principal.actor.teamId;
  const existing = prepared<[string, string], { role: Role; agency_id: number; code: string }>(
    db,
    'SELECT m.role, m.agency_id, a.code FROM members m JOIN agencies a ON a.id = m.agency_id WHERE m.team_id = ? AND m.user_id = ?',
  ).get(teamId, input.userId);
  if (principal.role !== 'admin') {
    if (input.role === 'admin') throw new AppError('forbidden', msg.agency.onlyAdminsGrantAdmin);
    if (existing && (existing.agency_id !== agency.id || existing.role === 'admin')) {
      throw new AppError('forbidden', msg.agency.memberElsewhere(input.userId, existing.code));
    }
  }
  const at = nowMs(ctx);
  inTransaction(db, () => {
    prepared(
      db,
      `INSERT INTO members (team_id, user_id, agency_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (team_id, user_id) DO UPDATE SET agency_id = excluded.agency_id, role = excluded.role, updated_at = excluded.updated_at`,
    ).run(teamId, input.userId, agency.id, input.role, at, at);
    appendAudit(db, {
      actor: principal.actor,
      action: existing ? 'member.change' : 'member.add',
      ref: `member:${teamId}:${input.userId}`,
      detail: { agency: agency.code, role: input.role, ...(existing ? { previousAgency: existing.code, previousRole: existing.role } : {}) },
      at,
    });
  });
  return { agency, role: input.role, previous: existing?.role ?? null };
}
