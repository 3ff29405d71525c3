// The digest: the one computation of an operation's figures, rolled up over the operation and every
// operation below it. The Slack digest, `/digest`, `/op show` and the CLI's `digest --json` all read
// it, so they can never disagree. Slack-free; its reads run in the caller's unit of work, so the
// figures come from one snapshot even while officers keep logging.
//
// Cost model. The tree is found by the one recursive query (db/queries/operation-tree.ts); its
// operation ids go to every aggregate read. No read scans a base table: totals come from the rollups
// the database keeps in the same transaction as every write, and the last 24 hours from the hourly
// rollup plus the two partial hours at the window's edges, read through the time indexes. A national
// digest over a million engagements reads a few hundred rollup rows.
import type { Database, Tx } from '../../db/database.js';
import { findAgenciesByIds } from '../../db/queries/agencies.js';
import {
  type ChargeCounts,
  countChargesBetween,
  countEngagementsBetween,
  countOverdueByAgency,
  type EngagementCounts,
  listAgencyTotals,
  listReferralStatesChangedBetween,
  listReferralStateTotals,
  sumHourly,
} from '../../db/queries/digest.js';
import { listOperationTree } from '../../db/queries/operation-tree.js';
import { listPersonnelByAgency } from '../../db/queries/operations.js';
import { AppError } from './errors.js';
import { DEFAULT_OVERDUE_LIMITS as DEFAULT_LIMITS, type OverdueLimits as ReminderLimits } from './reminders.js';

export interface DigestFigures {
  engaged: number;
  offered: number;
  accepted: number;
  /** Engagements with age band `under18`. */
  minors: number;
  safetyEnsured: number;
  /** Referrals from the tree's engagements, by current status. */
  referrals: { pending: number; accepted: number; declined: number; closed: number; withdrawn: number };
  /** One charge row is one person charged. */
  chargedPeople: number;
  offences: number;
}

export interface AgencyRow {
  agencyId: number;
  /** The agency's code. */
  agency: string;
  name: string;
  engaged: number;
  accepted: number;
  /** Referrals MADE by the agency (from_agency_id). */
  referrals: number;
  chargedPeople: number;
  offences: number;
}

export interface Digest {
  operation: { id: number; code: string; name: string; timezone: string; startDate: string; endDate: string };
  /** Codes of this operation and every operation below it, root first (then by depth, then code). */
  operationCodes: string[];
  /** Distinct agencies, of every kind, that joined the operation or any operation below it. */
  agencies: number;
  /** Those of `agencies` whose kind is `police`: the report's "46 police services". */
  policeAgencies: number;
  /**
   * Officers + support staff + victim services of the joined agencies. An agency that joined several
   * operations of the tree counts once, with the largest count of each kind (max per column, then sum).
   */
  personnel: number;
  totals: DigestFigures;
  /**
   * The same figures for records in (now − 24 h, now]: engagements by occurred_at, charges by
   * created_at, referrals whose status_changed_at is in the window, counted by current status.
   */
  last24h: DigestFigures;
  /**
   * Every joined agency (even with no activity) plus any agency that logged activity in the tree
   * (engagements, charges, referrals made) without having joined. Engaged desc, then code.
   */
  byAgency: AgencyRow[];
  /**
   * Pending referrals from the tree whose age (now − status_changed_at) has reached their urgency's
   * limit (the instant the reminder job sends its first reminder), per receiving agency code.
   * Most overdue first, then code. Agencies with none are absent.
   */
  overdue: Array<{ agency: string; pending: number }>;
}

/** How long (ms) a pending referral of each urgency may wait before it is overdue: the reminders' limits. */
export type OverdueLimits = ReminderLimits['pending'];

const HOUR = 3_600_000;
const WINDOW_MS = 24 * HOUR;
export const DEFAULT_OVERDUE_LIMITS: OverdueLimits = DEFAULT_LIMITS.pending;

type ReferralStatusCounts = DigestFigures['referrals'];
type ReferralStatus = keyof ReferralStatusCounts;

const noReferrals = (): ReferralStatusCounts => ({ pending: 0, accepted: 0, declined: 0, closed: 0, withdrawn: 0 });

function countByState(rows: Array<{ status: string; n: number }>): ReferralStatusCounts {
  const counts = noReferrals();
  for (const row of rows) if (row.status in counts) counts[row.status as ReferralStatus] += row.n;
  return counts;
}

/**
 * The last 24 hours, (since, now]: whole UTC hours from digest_hourly, and the rows of the partial
 * hour at each edge from the base tables (each edge is under an hour of rows).
 */
async function readLast24h(tx: Tx, ops: number[], since: number, now: number): Promise<{ engagements: EngagementCounts; charges: ChargeCounts }> {
  const firstHour = Math.floor(since / HOUR) + 1;
  const lastHour = Math.floor(now / HOUR);
  const whole = await sumHourly(tx, ops, firstHour, lastHour);
  const engagements: EngagementCounts = {
    engaged: whole.engaged,
    offered: whole.offered,
    accepted: whole.accepted,
    minors: whole.minors,
    safetyEnsured: whole.safetyEnsured,
  };
  const charges: ChargeCounts = { chargedPeople: whole.chargedPeople, offences: whole.offences };
  // Half-open edges: (since, firstHour·H) and [lastHour·H, now]; +1 turns the exclusive bounds inclusive.
  for (const [from, to] of [
    [since + 1, firstHour * HOUR],
    [lastHour * HOUR, now + 1],
  ] as const) {
    const e = await countEngagementsBetween(tx, ops, from, to);
    engagements.engaged += e.engaged;
    engagements.offered += e.offered;
    engagements.accepted += e.accepted;
    engagements.minors += e.minors;
    engagements.safetyEnsured += e.safetyEnsured;
    const c = await countChargesBetween(tx, ops, from, to);
    charges.chargedPeople += c.chargedPeople;
    charges.offences += c.offences;
  }
  return { engagements, charges };
}

// ---------------------------------------------------------------------------------------------
// The digest.

function figures(e: EngagementCounts, r: ReferralStatusCounts, c: ChargeCounts): DigestFigures {
  return { ...e, referrals: r, chargedPeople: c.chargedPeople, offences: c.offences };
}

/**
 * The digest of operation `operationId` and every operation below it, as of `now`, read on one
 * snapshot. Throws AppError `not_found` when there is no such operation.
 */
export async function computeDigest(tx: Tx, operationId: number, now: Date, limits: OverdueLimits = DEFAULT_OVERDUE_LIMITS): Promise<Digest> {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('computeDigest: `now` is not a valid date');
  const tree = await listOperationTree(tx, operationId);
  const root = tree[0];
  if (!root || root.id !== operationId) throw new AppError('not_found', { problem: 'operationUnknownId', id: operationId });
  const ops = tree.map((o) => o.id);
  const since = nowMs - WINDOW_MS;

  const participants = await listPersonnelByAgency(tx, ops);
  const totalsByAgency = new Map((await listAgencyTotals(tx, ops)).map((row) => [row.agencyId, row]));
  const last24h = await readLast24h(tx, ops, since, nowMs);
  const overdueRows = await countOverdueByAgency(tx, ops, nowMs, limits);

  const agencyIds = new Set<number>(participants.map((p) => p.agencyId));
  for (const [id, t] of totalsByAgency) if (t.engaged || t.chargedPeople || t.referralsMade) agencyIds.add(id);
  const lookupIds = new Set(agencyIds);
  for (const row of overdueRows) lookupIds.add(row.agencyId);
  const agencies = new Map((await findAgenciesByIds(tx, [...lookupIds])).map((a) => [a.id, a]));
  const codeOf = (id: number) => agencies.get(id)?.code ?? `#${id}`;

  let personnel = 0;
  let policeAgencies = 0;
  for (const p of participants) {
    personnel += p.officers + p.supportStaff + p.victimServices;
    if (agencies.get(p.agencyId)?.kind === 'police') policeAgencies += 1;
  }

  const totalEngagements: EngagementCounts = { engaged: 0, offered: 0, accepted: 0, minors: 0, safetyEnsured: 0 };
  const totalCharges: ChargeCounts = { chargedPeople: 0, offences: 0 };
  for (const t of totalsByAgency.values()) {
    totalEngagements.engaged += t.engaged;
    totalEngagements.offered += t.offered;
    totalEngagements.accepted += t.accepted;
    totalEngagements.minors += t.minors;
    totalEngagements.safetyEnsured += t.safetyEnsured;
    totalCharges.chargedPeople += t.chargedPeople;
    totalCharges.offences += t.offences;
  }

  const byAgency: AgencyRow[] = [...agencyIds].map((id) => {
    const t = totalsByAgency.get(id);
    return {
      agencyId: id,
      agency: codeOf(id),
      name: agencies.get(id)?.name ?? '',
      engaged: t?.engaged ?? 0,
      accepted: t?.accepted ?? 0,
      referrals: t?.referralsMade ?? 0,
      chargedPeople: t?.chargedPeople ?? 0,
      offences: t?.offences ?? 0,
    };
  });
  byAgency.sort((a, b) => b.engaged - a.engaged || compareCodes(a.agency, b.agency));

  const overdue = overdueRows.map((row) => ({ agency: codeOf(row.agencyId), pending: row.pending }));
  overdue.sort((a, b) => b.pending - a.pending || compareCodes(a.agency, b.agency));

  return {
    operation: {
      id: root.id,
      code: root.code,
      name: root.name,
      timezone: root.timezone,
      startDate: root.startDate,
      endDate: root.endDate,
    },
    operationCodes: tree.map((o) => o.code),
    agencies: participants.length,
    policeAgencies,
    personnel,
    totals: figures(totalEngagements, countByState(await listReferralStateTotals(tx, ops)), totalCharges),
    last24h: figures(last24h.engagements, countByState(await listReferralStatesChangedBetween(tx, ops, since, nowMs)), last24h.charges),
    byAgency,
    overdue,
  };
}

/** The digest read on its own snapshot of committed data (the CLI, App Home, the digest job). */
export function readDigest(db: Database, operationId: number, now: Date, limits: OverdueLimits = DEFAULT_OVERDUE_LIMITS): Promise<Digest> {
  return db.read((tx) => computeDigest(tx, operationId, now, limits));
}

/** Code order independent of the locale, so every surface lists agencies the same way. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DigestJson {
  operation: string;
  agencies: number;
  personnel: number;
  engaged: number;
  offered: number;
  accepted: number;
  minors: number;
  safety_ensured: number;
  referrals: { pending: number; accepted: number; declined: number; closed: number; withdrawn: number };
  charged_people: number;
  offences: number;
  by_agency: Array<{ agency: string; engaged: number; accepted: number; referrals: number; charged_people: number; offences: number }>;
}

/** The contract's JSON shape for `npm run cli -- digest <OPCODE> --json` (keys in the contract's order). */
export function toDigestJson(d: Digest): DigestJson {
  const t = d.totals;
  return {
    operation: d.operation.code,
    agencies: d.agencies,
    personnel: d.personnel,
    engaged: t.engaged,
    offered: t.offered,
    accepted: t.accepted,
    minors: t.minors,
    safety_ensured: t.safetyEnsured,
    referrals: {
      pending: t.referrals.pending,
      accepted: t.referrals.accepted,
      declined: t.referrals.declined,
      closed: t.referrals.closed,
      withdrawn: t.referrals.withdrawn,
    },
    charged_people: t.chargedPeople,
    offences: t.offences,
    by_agency: d.byAgency.map((a) => ({
      agency: a.agency,
      engaged: a.engaged,
      accepted: a.accepted,
      referrals: a.referrals,
      charged_people: a.chargedPeople,
      offences: a.offences,
    })),
  };
}
