// Who may do what: one table that mirrors the contract's "Who may do what", and one function that
// applies it. Authorisation lives in the database (members keyed by team and user) and denies by
// default: a person with no membership can read help and nothing else.
import type { Tx } from '../../db/database.js';
import { findMembership } from '../../db/queries/members.js';
import type { BootstrapAdmin } from '../config.js';
import type { Actor } from './actor.js';
import { AppError } from './errors.js';

export type Role = 'officer' | 'intake' | 'coordinator' | 'admin';

export type Action =
  | 'help'
  | 'agency.add'
  | 'read'
  | 'agency.member'
  | 'op.create'
  | 'op.close'
  | 'op.join'
  | 'op.invite'
  | 'record'
  | 'referral.act'
  | 'referral.withdraw'
  | 'digest';

/**
 * How far a role's right reaches:
 * - `any`: everywhere;
 * - `own_agency`: the target agency is the person's own;
 * - `lead_agency`: the operation's lead agency is the person's own;
 * - `joined_operation`: the person's own agency, in an operation it joined;
 * - `addressed_to_agency`: the referral is addressed to the person's own agency;
 * - `made_by_agency`: the referral was made by the person's own agency;
 * - `made_by_them`: the referral was made by the person themselves.
 */
export type Scope = 'any' | 'own_agency' | 'lead_agency' | 'joined_operation' | 'addressed_to_agency' | 'made_by_agency' | 'made_by_them';

export const PERMISSIONS: Record<Action, Partial<Record<Role | 'unregistered', Scope>>> = {
  help: { admin: 'any', coordinator: 'any', officer: 'any', intake: 'any', unregistered: 'any' },
  'agency.add': { admin: 'any' },
  read: { admin: 'any', coordinator: 'any', officer: 'any', intake: 'any' },
  'agency.member': { admin: 'any', coordinator: 'own_agency' },
  'op.create': { admin: 'any', coordinator: 'lead_agency' },
  'op.close': { admin: 'any', coordinator: 'lead_agency' },
  // Their own agency, into an operation it leads or was invited to: the invitation is checked by joinOperation.
  'op.join': { admin: 'any', coordinator: 'own_agency' },
  // Inviting into an operation, and creating one under it (`parent=`).
  'op.invite': { admin: 'any', coordinator: 'lead_agency' },
  record: { admin: 'any', coordinator: 'joined_operation', officer: 'joined_operation' },
  'referral.act': { admin: 'any', coordinator: 'addressed_to_agency', intake: 'addressed_to_agency' },
  // Taking a referral back is the referring side's: the agency's coordinators, or the officer who made it.
  'referral.withdraw': { admin: 'any', coordinator: 'made_by_agency', officer: 'made_by_them' },
  digest: { admin: 'any', coordinator: 'joined_operation' },
};

export interface Principal {
  actor: Actor;
  /** null: not registered and not a bootstrap admin. */
  role: Role | null;
  agencyId: number | null;
  agencyCode: string | null;
}

/** What the action touches, as far as the scope rules need to know. */
export interface Target {
  agencyId?: number | null;
  leadAgencyId?: number;
  /** Agencies that joined the operation in question. */
  joinedAgencyIds?: readonly number[];
  /** Who made the referral in question. */
  madeBy?: Actor;
}

export function isBootstrapAdmin(actor: Actor, admins: readonly BootstrapAdmin[]): boolean {
  return admins.some((a) => a.userId === actor.userId && (a.teamId === null || a.teamId === actor.teamId));
}

export async function resolvePrincipal(tx: Tx, actor: Actor, bootstrapAdmins: readonly BootstrapAdmin[]): Promise<Principal> {
  const member = await findMembership(tx, actor);
  // Bootstrap admins stay admins after they register, whatever role their membership names.
  const role: Role | null = isBootstrapAdmin(actor, bootstrapAdmins) ? 'admin' : (member?.role ?? null);
  return { actor, role, agencyId: member?.agencyId ?? null, agencyCode: member?.agencyCode ?? null };
}

/** True when the table lets `principal` do `action` on `target`. */
export function isAllowed(principal: Principal, action: Action, target: Target = {}): boolean {
  const scope = PERMISSIONS[action][principal.role ?? 'unregistered'];
  if (!scope) return false;
  const own = principal.agencyId;
  switch (scope) {
    case 'any':
      return true;
    case 'own_agency':
    case 'addressed_to_agency':
    case 'made_by_agency':
      return own !== null && target.agencyId === own;
    case 'made_by_them':
      return target.madeBy !== undefined && target.madeBy.teamId === principal.actor.teamId && target.madeBy.userId === principal.actor.userId;
    case 'lead_agency':
      return own !== null && target.leadAgencyId === own;
    case 'joined_operation':
      return (
        own !== null &&
        (target.agencyId === undefined || target.agencyId === own) &&
        (target.joinedAgencyIds ?? []).includes(own)
      );
  }
}

/** Throws a refusal that names the reason when the table does not allow the action. */
export function authorize(principal: Principal, action: Action, target: Target): void {
  if (isAllowed(principal, action, target)) return;
  if (principal.role === null) throw new AppError('not_registered', { problem: 'notRegistered' });
  throw new AppError('forbidden', { problem: 'forbidden', action, own: principal.agencyCode ?? '—' });
}
