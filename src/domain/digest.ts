// The digest: the one computation of an operation's figures, rolled up over the operation and every
// operation below it. The Slack digest, `/digest`, `/op show` and the CLI's `digest --json` all read
// it, so they can never disagree. Slack-free and synchronous; every read runs in one transaction, so
// the figures come from one snapshot even while officers keep logging (WAL).
//
// Cost model. The tree is found by ONE recursive CTE; its operation ids travel to every aggregate
// query as a JSON array (`json_each`), so each SQL text is compiled once per connection and cached.
// No query reads the base tables whole: totals come from the rollups the database keeps in the same
// transaction as every write (digest_totals, digest_referral_states; triggers of migration 0004),
// and the last 24 hours from the hourly rollup plus the two partial hours at the window's edges,
// read through the time indexes. A national digest over a million engagements reads a few hundred
// rollup rows.
import type { Db } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
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
  referrals: { pending: number; accepted: number; declined: number; closed: number };
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

/** Deeper than any real operation tree; stops the walk should a parent_id cycle ever exist. */
const MAX_TREE_DEPTH = 64;

// ---------------------------------------------------------------------------------------------
// Statements, compiled once per connection.

function statement<R>(db: Db, sql: string) {
  return prepared<unknown[], R>(db, sql);
}

const transactionCache = new WeakMap<Db, (run: () => Digest) => Digest>();

/** Runs `read` in one deferred (read) transaction, or in a savepoint when one is already open. */
function inReadTransaction(db: Db, read: () => Digest): Digest {
  let tx = transactionCache.get(db);
  if (!tx) {
    tx = db.$client.transaction((run: () => Digest) => run());
    transactionCache.set(db, tx);
  }
  return tx(read);
}

const TREE_SQL = `
  WITH RECURSIVE tree(id, depth) AS (
    SELECT id, 0 FROM operations WHERE id = @root
    UNION ALL
    SELECT o.id, tree.depth + 1 FROM operations o JOIN tree ON o.parent_id = tree.id
    WHERE tree.depth < ${MAX_TREE_DEPTH}
  )
  SELECT o.id, o.code, o.name, o.timezone, o.start_date AS startDate, o.end_date AS endDate, min(tree.depth) AS depth
  FROM tree JOIN operations o ON o.id = tree.id
  GROUP BY o.id
  ORDER BY depth, o.code`;

interface TreeRow {
  id: number;
  code: string;
  name: string;
  timezone: string;
  startDate: string;
  endDate: string;
  depth: number;
}

const IN_TREE = 'IN (SELECT value FROM json_each(@ops))';

/** What the aggregate reads need to know: the tree's ids (a JSON array) and the window (since, now]. */
interface Scope {
  ops: string;
  since: number;
  now: number;
}

// ---------------------------------------------------------------------------------------------
// The reads. Totals come from the rollups the database keeps with every write (migration 0004);
// the last 24 hours from the hourly rollup plus the two partial hours at the window's edges.

interface EngagementCounts {
  engaged: number;
  offered: number;
  accepted: number;
  minors: number;
  safetyEnsured: number;
}

interface ChargeCounts {
  chargedPeople: number;
  offences: number;
}

type ReferralStatusCounts = DigestFigures['referrals'];
type ReferralStatus = keyof ReferralStatusCounts;

const noReferrals = (): ReferralStatusCounts => ({ pending: 0, accepted: 0, declined: 0, closed: 0 });

interface AgencyTotals extends EngagementCounts, ChargeCounts {
  agencyId: number;
  referralsMade: number;
}

const AGENCY_TOTALS_SQL = `
  SELECT agency_id AS agencyId, sum(engaged) AS engaged, sum(offered) AS offered, sum(accepted) AS accepted,
         sum(minors) AS minors, sum(safety_ensured) AS safetyEnsured, sum(referrals_made) AS referralsMade,
         sum(charged_people) AS chargedPeople, sum(offences) AS offences
  FROM digest_totals WHERE operation_id ${IN_TREE}
  GROUP BY agency_id`;

const REFERRAL_STATES_SQL = `
  SELECT status, sum(n) AS n FROM digest_referral_states WHERE operation_id ${IN_TREE} GROUP BY status`;

const HOURLY_SQL = `
  SELECT coalesce(sum(engaged), 0) AS engaged, coalesce(sum(offered), 0) AS offered, coalesce(sum(accepted), 0) AS accepted,
         coalesce(sum(minors), 0) AS minors, coalesce(sum(safety_ensured), 0) AS safetyEnsured,
         coalesce(sum(charged_people), 0) AS chargedPeople, coalesce(sum(offences), 0) AS offences
  FROM digest_hourly WHERE operation_id ${IN_TREE} AND hour >= @firstHour AND hour < @lastHour`;

// The edges read by time. `+operation_id` keeps SQLite from choosing the operation index, which
// without statistics it would: that reads every row of the tree (seconds at a million rows)
// instead of the one hour at the edge (a millisecond).

/** Engagements that occurred in [from, to), by engagements_occurred_idx. */
const ENGAGEMENT_EDGE_SQL = `
  SELECT count(*) AS engaged, coalesce(sum(offered), 0) AS offered, coalesce(sum(accepted), 0) AS accepted,
         coalesce(sum(age_band = 'under18'), 0) AS minors, coalesce(sum(safety_ensured), 0) AS safetyEnsured
  FROM engagements WHERE occurred_at >= @from AND occurred_at < @to AND +operation_id ${IN_TREE}`;

/** Charges created in [from, to), by charges_created_idx. */
const CHARGE_EDGE_SQL = `
  SELECT count(*) AS chargedPeople, coalesce(sum(offence_count), 0) AS offences
  FROM charges WHERE created_at >= @from AND created_at < @to AND +operation_id ${IN_TREE}`;

/** Referrals whose state changed in the window, by current state (referrals_changed_idx covers it). */
const REFERRALS_CHANGED_SQL = `
  SELECT status, count(*) AS n FROM referrals
  WHERE status_changed_at > @since AND status_changed_at <= @now AND operation_id ${IN_TREE}
  GROUP BY status`;

function readReferralStates(db: Db, sql: string, scope: Scope): ReferralStatusCounts {
  const counts = noReferrals();
  for (const row of statement<{ status: ReferralStatus; n: number }>(db, sql).all(scope)) {
    if (row.status in counts) counts[row.status] += row.n;
  }
  return counts;
}

/**
 * The last 24 hours, (since, now]: whole UTC hours from digest_hourly, and the rows of the partial
 * hour at each edge from the base tables (each edge is under an hour of rows).
 */
function readLast24h(db: Db, scope: Scope): { engagements: EngagementCounts; charges: ChargeCounts } {
  const firstHour = Math.floor(scope.since / HOUR) + 1;
  const lastHour = Math.floor(scope.now / HOUR);
  const whole = statement<EngagementCounts & ChargeCounts>(db, HOURLY_SQL).get({ ops: scope.ops, firstHour, lastHour })!;
  // Half-open edges: (since, firstHour·H) and [lastHour·H, now]; +1 turns the exclusive bounds inclusive.
  const edges = [
    { ops: scope.ops, from: scope.since + 1, to: firstHour * HOUR },
    { ops: scope.ops, from: lastHour * HOUR, to: scope.now + 1 },
  ];
  const engagements = { ...whole };
  const charges = { chargedPeople: whole.chargedPeople, offences: whole.offences };
  for (const edge of edges) {
    const e = statement<EngagementCounts>(db, ENGAGEMENT_EDGE_SQL).get(edge)!;
    engagements.engaged += e.engaged;
    engagements.offered += e.offered;
    engagements.accepted += e.accepted;
    engagements.minors += e.minors;
    engagements.safetyEnsured += e.safetyEnsured;
    const c = statement<ChargeCounts>(db, CHARGE_EDGE_SQL).get(edge)!;
    charges.chargedPeople += c.chargedPeople;
    charges.offences += c.offences;
  }
  return {
    engagements: {
      engaged: engagements.engaged,
      offered: engagements.offered,
      accepted: engagements.accepted,
      minors: engagements.minors,
      safetyEnsured: engagements.safetyEnsured,
    },
    charges,
  };
}

// `status_changed_at <= @now - @shortest` lets referrals_status_idx (status, status_changed_at) skip
// every referral too young to be overdue at any urgency.
const OVERDUE_SQL = `
  SELECT to_agency_id AS agencyId, count(*) AS pending
  FROM referrals
  WHERE status = 'pending'
    AND status_changed_at <= @now - @shortest
    AND status_changed_at <= @now - CASE urgency WHEN 'immediate' THEN @immediate WHEN 'urgent' THEN @urgent ELSE @routine END
    AND +operation_id ${IN_TREE}
  GROUP BY to_agency_id`;

function readOverdue(db: Db, scope: Scope, limits: OverdueLimits): Array<{ agencyId: number; pending: number }> {
  return statement<{ agencyId: number; pending: number }>(db, OVERDUE_SQL).all({
    ops: scope.ops,
    now: scope.now,
    shortest: Math.min(limits.immediate, limits.urgent, limits.routine),
    ...limits,
  });
}

interface Participant {
  agencyId: number;
  officers: number;
  supportStaff: number;
  victimServices: number;
}

const PARTICIPANTS_SQL = `
  SELECT agency_id AS agencyId, max(officers) AS officers, max(support_staff) AS supportStaff,
         max(victim_services) AS victimServices
  FROM participations WHERE operation_id ${IN_TREE}
  GROUP BY agency_id`;

const AGENCIES_SQL = `SELECT id, code, name, kind FROM agencies WHERE id ${IN_TREE.replace('@ops', '@ids')}`;

interface AgencyInfo {
  id: number;
  code: string;
  name: string;
  kind: string;
}

// ---------------------------------------------------------------------------------------------
// The digest.

function figures(e: EngagementCounts, r: ReferralStatusCounts, c: ChargeCounts): DigestFigures {
  return { ...e, referrals: r, chargedPeople: c.chargedPeople, offences: c.offences };
}

/**
 * The digest of operation `operationId` and every operation below it, as of `now`.
 * Throws AppError `not_found` when there is no such operation.
 */
export function computeDigest(db: Db, operationId: number, now: Date, limits: OverdueLimits = DEFAULT_OVERDUE_LIMITS): Digest {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('computeDigest: `now` is not a valid date');
  return inReadTransaction(db, () => {
    const tree = statement<TreeRow>(db, TREE_SQL).all({ root: operationId });
    const root = tree[0];
    if (!root || root.id !== operationId) throw new AppError('not_found', `There is no operation with id ${operationId}.`);
    const scope: Scope = { ops: JSON.stringify(tree.map((o) => o.id)), since: nowMs - WINDOW_MS, now: nowMs };

    const participants = statement<Participant>(db, PARTICIPANTS_SQL).all({ ops: scope.ops });
    const totalsByAgency = new Map(statement<AgencyTotals>(db, AGENCY_TOTALS_SQL).all(scope).map((row) => [row.agencyId, row]));
    const last24h = readLast24h(db, scope);
    const overdueRows = readOverdue(db, scope, limits);

    const agencyIds = new Set<number>(participants.map((p) => p.agencyId));
    for (const [id, t] of totalsByAgency) if (t.engaged || t.chargedPeople || t.referralsMade) agencyIds.add(id);
    const lookupIds = new Set(agencyIds);
    for (const row of overdueRows) lookupIds.add(row.agencyId);
    const agencies = new Map<number, AgencyInfo>();
    for (const a of statement<AgencyInfo>(db, AGENCIES_SQL).all({ ids: JSON.stringify([...lookupIds]) })) {
      agencies.set(a.id, a);
    }
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
      totals: figures(totalEngagements, readReferralStates(db, REFERRAL_STATES_SQL, scope), totalCharges),
      last24h: figures(last24h.engagements, readReferralStates(db, REFERRALS_CHANGED_SQL, scope), last24h.charges),
      byAgency,
      overdue,
    };
  });
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
  referrals: { pending: number; accepted: number; declined: number; closed: number };
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
