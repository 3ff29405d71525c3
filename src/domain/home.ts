// What a person's App Home shows: their agency and role, the operations their agency joined with
// headline figures, the agency's open referrals (for those who act on them), the open referrals they
// made themselves (which they may withdraw), and their own recent engagements. Aggregates and
// categories only.
import type { Tx } from '../../db/database.js';
import { findAgencyById } from '../../db/queries/agencies.js';
import { listOperationHeaders } from '../../db/queries/operations.js';
import { listOpenReferralIdsBy, listOpenReferralIdsTo } from '../../db/queries/referrals.js';
import type { BootstrapAdmin } from '../config.js';
import type { Actor } from './actor.js';
import { computeDigest, type OverdueLimits } from './digest.js';
import { intakeAndCoordinators } from './members.js';
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
  /** Pending and accepted referrals the person made: theirs to withdraw. */
  yourReferrals: Referral[];
  recentEngagements: Awaited<ReturnType<typeof recentEngagementsOf>>;
}

const MAX_OPERATIONS = 10;
const MAX_REFERRALS = 15;
const MAX_ENGAGEMENTS = 10;

export async function homeFor(tx: Tx, actor: Actor, bootstrapAdmins: readonly BootstrapAdmin[], now: Date, limits: OverdueLimits): Promise<Home> {
  const principal = await resolvePrincipal(tx, actor, bootstrapAdmins);
  if (principal.role === null) return { principal, agencyName: null, operations: [], openReferrals: [], yourReferrals: [], recentEngagements: [] };
  const agencyName = principal.agencyId === null ? null : ((await findAgencyById(tx, principal.agencyId))?.name ?? null);
  const operations: HomeOperation[] = [];
  for (const o of await listOperationHeaders(tx, { agencyId: principal.agencyId, openOnly: false, limit: MAX_OPERATIONS })) {
    const digest = await computeDigest(tx, o.id, now, limits);
    operations.push({
      code: o.code,
      name: o.name,
      startDate: o.startDate,
      endDate: o.endDate,
      closed: o.closedAt !== null,
      engaged: digest.totals.engaged,
      accepted: digest.totals.accepted,
      pendingReferrals: digest.totals.referrals.pending,
      chargedPeople: digest.totals.chargedPeople,
    });
  }
  const actsOnReferrals = principal.agencyId !== null && isAllowed(principal, 'referral.act', { agencyId: principal.agencyId });
  const openReferrals: Referral[] = [];
  if (actsOnReferrals) {
    for (const id of await listOpenReferralIdsTo(tx, principal.agencyId!, MAX_REFERRALS)) openReferrals.push((await findReferral(tx, id))!);
  }
  const yourReferrals: Referral[] = [];
  for (const id of await listOpenReferralIdsBy(tx, actor, MAX_REFERRALS)) yourReferrals.push((await findReferral(tx, id))!);
  return { principal, agencyName, operations, openReferrals, yourReferrals, recentEngagements: await recentEngagementsOf(tx, actor, MAX_ENGAGEMENTS) };
}

/** Who should see a referral's change on their Home: the referrer and the receiving agency's intake and coordinators. */
export async function peopleConcernedBy(tx: Tx, referral: Referral): Promise<Actor[]> {
  return [referral.referrer, ...(await intakeAndCoordinators(tx, referral.toAgencyId))];
}
