// What a person's App Home shows: their agency and role, the operations their agency joined with
// headline figures, the agency's open referrals (for those who act on them), and their own recent
// engagements. Aggregates and categories only.
import type { Db } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import type { BootstrapAdmin } from '../config.js';
import type { Actor } from './actor.js';
import { computeDigest, type OverdueLimits } from './digest.js';
import { isAllowed, type Principal, resolvePrincipal } from './permissions.js';
import { findReferral, type Referral, recentEngagementsOf } from './referrals.js';

export interface HomeOperation {
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  closed: boolean;
  engaged: number;
  accepted: number;
  pendingReferrals: number;
  chargedPeople: number;
}

export interface Home {
  principal: Principal;
  agencyName: string | null;
  operations: HomeOperation[];
  /** Pending and accepted referrals addressed to the person's agency, when they may act on them. */
  openReferrals: Referral[];
  recentEngagements: ReturnType<typeof recentEngagementsOf>;
}

const MAX_OPERATIONS = 10;
const MAX_REFERRALS = 15;
const MAX_ENGAGEMENTS = 10;

export function homeFor(db: Db, actor: Actor, bootstrapAdmins: readonly BootstrapAdmin[], now: Date, limits: OverdueLimits): Home {
  const principal = resolvePrincipal(db, actor, bootstrapAdmins);
  if (principal.role === null) return { principal, agencyName: null, operations: [], openReferrals: [], recentEngagements: [] };
  const agencyName =
    principal.agencyId === null ? null : (prepared<[number], string>(db, 'SELECT name FROM agencies WHERE id = ?').pluck().get(principal.agencyId) ?? null);
  const operationRows =
    principal.agencyId === null
      ? prepared<[number], { id: number; code: string; name: string; startDate: string; endDate: string; closedAt: number | null }>(
          db,
          `SELECT id, code, name, start_date AS startDate, end_date AS endDate, closed_at AS closedAt FROM operations
           ORDER BY closed_at IS NOT NULL, start_date DESC LIMIT ?`,
        ).all(MAX_OPERATIONS)
      : prepared<[number, number], { id: number; code: string; name: string; startDate: string; endDate: string; closedAt: number | null }>(
          db,
          `SELECT o.id, o.code, o.name, o.start_date AS startDate, o.end_date AS endDate, o.closed_at AS closedAt
           FROM operations o JOIN participations p ON p.operation_id = o.id WHERE p.agency_id = ?
           ORDER BY o.closed_at IS NOT NULL, o.start_date DESC LIMIT ?`,
        ).all(principal.agencyId, MAX_OPERATIONS);
  const operations = operationRows.map((o) => {
    const digest = computeDigest(db, o.id, now, limits);
    return {
      code: o.code,
      name: o.name,
      startDate: o.startDate,
      endDate: o.endDate,
      closed: o.closedAt !== null,
      engaged: digest.totals.engaged,
      accepted: digest.totals.accepted,
      pendingReferrals: digest.totals.referrals.pending,
      chargedPeople: digest.totals.chargedPeople,
    };
  });
  const actsOnReferrals = principal.agencyId !== null && isAllowed(principal, 'referral.act', { agencyId: principal.agencyId });
  const openReferrals = actsOnReferrals
    ? prepared<[number, number], number>(
        db,
        "SELECT id FROM referrals WHERE to_agency_id = ? AND status IN ('pending', 'accepted') ORDER BY status = 'accepted', id DESC LIMIT ?",
      )
        .pluck()
        .all(principal.agencyId!, MAX_REFERRALS)
        .map((id) => findReferral(db, id)!)
    : [];
  return { principal, agencyName, operations, openReferrals, recentEngagements: recentEngagementsOf(db, actor, MAX_ENGAGEMENTS) };
}

/** Who should see a referral's change on their Home: the referrer and the receiving agency's intake and coordinators. */
export function peopleConcernedBy(db: Db, referral: Referral): Actor[] {
  const agencyPeople = prepared<[number], Actor>(
    db,
    "SELECT team_id AS teamId, user_id AS userId FROM members WHERE agency_id = ? AND role IN ('intake', 'coordinator') LIMIT 50",
  ).all(referral.toAgencyId);
  return [referral.referrer, ...agencyPeople];
}
