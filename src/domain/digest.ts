// The digest: the one computation of an operation's figures, rolled up over the operation and every
// operation below it. The Slack digest, `/digest`, `/op show` and the CLI's `digest --json` all read
// it, so they can never disagree. Slack-free and synchronous; every read runs in one transaction, so
// the figures come from one snapshot even while officers keep logging (WAL).
//
// Cost model. The tree is found by ONE recursive CTE; the tree's operation ids then travel to the
// aggregate queries as a JSON array (`json_each`), so each SQL text is compiled once per connection
// and cached. Each base table is read by ONE grouped query that yields the totals and the last 24
// hours together. Those reads are isolated in `readEngagementCounts` / `readChargeCounts` /
// `readReferralCounts`: a rollup table maintained at insert time can replace their bodies without
// touching the rest. Until then, the access path is chosen from the tree's share of all operations:
// - `all`:   the tree is every operation in the database, so no filter and no referral→engagement join;
// - `scan`:  a large part of the database: one sequential scan of engagements (`+operation_id` keeps
//            SQLite off the index, whose per-row table look-ups cost several times a scan), and
//            referrals read whole, each looking up its engagement;
// - `index`: a small subtree (a local operation): `engagements_operation_idx` reads only its rows,
//            and its referrals are found from its engagements.
// Measured on 1M engagements / 100k referrals, each choice is 2–18× faster than the other on its side.
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
/** A tree with at least this share of all operations is read by a scan rather than the index. */
const SCAN_SHARE = 1 / 3;

// ---------------------------------------------------------------------------------------------
// Statements, compiled once per connection.

type Access = 'all' | 'scan' | 'index';

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
  SELECT o.id, o.code, o.name, o.timezone, o.start_date AS startDate, o.end_date AS endDate,
         min(tree.depth) AS depth, (SELECT count(*) FROM operations) AS totalOperations
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
  totalOperations: number;
}

const IN_TREE = 'IN (SELECT value FROM json_each(@ops))';

/** `WHERE` clause restricting a table with an operation_id column to the tree. */
function treeFilter(access: Access, column: string): string {
  if (access === 'all') return '';
  return `WHERE ${access === 'scan' ? '+' : ''}${column} ${IN_TREE}`;
}

/** What the aggregate reads need to know about the tree. */
interface Scope {
  access: Access;
  /** JSON array of the tree's operation ids. */
  ops: string;
  /** The window (since, now] in ms. */
  since: number;
  now: number;
}

// ---------------------------------------------------------------------------------------------
// The base-table reads. A rollup replaces the bodies of these functions, not their results.

interface EngagementCounts {
  engaged: number;
  offered: number;
  accepted: number;
  minors: number;
  safetyEnsured: number;
}

const noEngagements = (): EngagementCounts => ({ engaged: 0, offered: 0, accepted: 0, minors: 0, safetyEnsured: 0 });

function addEngagements(to: EngagementCounts, from: EngagementCounts): void {
  to.engaged += from.engaged;
  to.offered += from.offered;
  to.accepted += from.accepted;
  to.minors += from.minors;
  to.safetyEnsured += from.safetyEnsured;
}

interface EngagementRead {
  /** Totals per recording agency. */
  byAgency: Map<number, EngagementCounts>;
  /** The tree's engagements that occurred in the window. */
  recent: EngagementCounts;
}

const engagementSql = (access: Access) => `
  SELECT agency_id AS agencyId, (occurred_at > @since AND occurred_at <= @now) AS recent,
         count(*) AS engaged, sum(offered) AS offered, sum(accepted) AS accepted,
         sum(age_band = 'under18') AS minors, sum(safety_ensured) AS safetyEnsured
  FROM engagements ${treeFilter(access, 'operation_id')}
  GROUP BY agency_id, recent`;

/** Engagement figures of the tree: per agency in total, and overall in the window. One pass. */
function readEngagementCounts(db: Db, scope: Scope): EngagementRead {
  const rows = statement<EngagementCounts & { agencyId: number; recent: number }>(db, engagementSql(scope.access)).all(
    scope,
  );
  const byAgency = new Map<number, EngagementCounts>();
  const recent = noEngagements();
  for (const row of rows) {
    let total = byAgency.get(row.agencyId);
    if (!total) {
      total = noEngagements();
      byAgency.set(row.agencyId, total);
    }
    addEngagements(total, row);
    if (row.recent) addEngagements(recent, row);
  }
  return { byAgency, recent };
}

interface ChargeCounts {
  chargedPeople: number;
  offences: number;
}

interface ChargeRead {
  byAgency: Map<number, ChargeCounts>;
  recent: ChargeCounts;
}

const chargeSql = (access: Access) => `
  SELECT agency_id AS agencyId, (created_at > @since AND created_at <= @now) AS recent,
         count(*) AS chargedPeople, sum(offence_count) AS offences
  FROM charges ${treeFilter(access === 'all' ? 'all' : 'index', 'operation_id')}
  GROUP BY agency_id, recent`;

/** Charge figures of the tree: per agency in total, and overall for charges created in the window. */
function readChargeCounts(db: Db, scope: Scope): ChargeRead {
  const rows = statement<ChargeCounts & { agencyId: number; recent: number }>(db, chargeSql(scope.access)).all(scope);
  const byAgency = new Map<number, ChargeCounts>();
  const recent: ChargeCounts = { chargedPeople: 0, offences: 0 };
  for (const row of rows) {
    const total = byAgency.get(row.agencyId) ?? { chargedPeople: 0, offences: 0 };
    total.chargedPeople += row.chargedPeople;
    total.offences += row.offences;
    byAgency.set(row.agencyId, total);
    if (row.recent) {
      recent.chargedPeople += row.chargedPeople;
      recent.offences += row.offences;
    }
  }
  return { byAgency, recent };
}

type ReferralStatusCounts = DigestFigures['referrals'];
type ReferralStatus = keyof ReferralStatusCounts;

const noReferrals = (): ReferralStatusCounts => ({ pending: 0, accepted: 0, declined: 0, closed: 0 });

interface ReferralRead {
  /** Referrals made, per referring agency (from_agency_id). */
  madeByAgency: Map<number, number>;
  byStatus: ReferralStatusCounts;
  /** By current status, for referrals whose status changed in the window. */
  recentByStatus: ReferralStatusCounts;
}

/**
 * The tree's referrals. The whole database needs no join. A small tree starts from its engagements
 * (the operation index, then referrals_engagement_idx); a large one reads every referral and looks
 * its engagement up: each order is several times faster than the other on its own side (CROSS JOIN
 * pins the order SQLite would otherwise guess).
 */
function referralSource(access: Access): string {
  if (access === 'all') return 'referrals r';
  const join =
    access === 'index'
      ? 'engagements e CROSS JOIN referrals r ON r.engagement_id = e.id'
      : 'referrals r CROSS JOIN engagements e ON e.id = r.engagement_id';
  return `${join} WHERE e.operation_id ${IN_TREE}`;
}

const referralSql = (access: Access) => `
  SELECT r.from_agency_id AS agencyId, r.status AS status,
         (r.status_changed_at > @since AND r.status_changed_at <= @now) AS recent, count(*) AS n
  FROM ${referralSource(access)}
  GROUP BY r.from_agency_id, r.status, recent`;

function readReferralCounts(db: Db, scope: Scope): ReferralRead {
  const rows = statement<{ agencyId: number; status: ReferralStatus; recent: number; n: number }>(
    db,
    referralSql(scope.access),
  ).all(scope);
  const madeByAgency = new Map<number, number>();
  const byStatus = noReferrals();
  const recentByStatus = noReferrals();
  for (const row of rows) {
    madeByAgency.set(row.agencyId, (madeByAgency.get(row.agencyId) ?? 0) + row.n);
    if (!(row.status in byStatus)) continue; // the schema's CHECK makes this unreachable
    byStatus[row.status] += row.n;
    if (row.recent) recentByStatus[row.status] += row.n;
  }
  return { madeByAgency, byStatus, recentByStatus };
}

// `status_changed_at <= @now - @shortest` lets referrals_status_idx (status, status_changed_at) skip
// every referral too young to be overdue at any urgency.
const overdueSql = (access: Access) => `
  SELECT r.to_agency_id AS agencyId, count(*) AS pending
  FROM ${access === 'all' ? 'referrals r WHERE' : `${referralSource(access)} AND`}
        r.status = 'pending'
    AND r.status_changed_at <= @now - @shortest
    AND r.status_changed_at <= @now - CASE r.urgency WHEN 'immediate' THEN @immediate WHEN 'urgent' THEN @urgent ELSE @routine END
  GROUP BY r.to_agency_id`;

function readOverdue(db: Db, scope: Scope, limits: OverdueLimits): Array<{ agencyId: number; pending: number }> {
  const shortest = Math.min(limits.immediate, limits.urgent, limits.routine);
  return statement<{ agencyId: number; pending: number }>(db, overdueSql(scope.access)).all({
    ops: scope.ops,
    now: scope.now,
    shortest,
    immediate: limits.immediate,
    urgent: limits.urgent,
    routine: limits.routine,
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
    const access: Access =
      tree.length >= root.totalOperations ? 'all' : tree.length >= root.totalOperations * SCAN_SHARE ? 'scan' : 'index';
    const scope: Scope = { access, ops: JSON.stringify(tree.map((o) => o.id)), since: nowMs - WINDOW_MS, now: nowMs };

    const participants = statement<Participant>(db, PARTICIPANTS_SQL).all({ ops: scope.ops });
    const engagements = readEngagementCounts(db, scope);
    const charges = readChargeCounts(db, scope);
    const referrals = readReferralCounts(db, scope);
    const overdueRows = readOverdue(db, scope, limits);

    const agencyIds = new Set<number>(participants.map((p) => p.agencyId));
    for (const id of engagements.byAgency.keys()) agencyIds.add(id);
    for (const id of charges.byAgency.keys()) agencyIds.add(id);
    for (const id of referrals.madeByAgency.keys()) agencyIds.add(id);
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

    const totalEngagements = noEngagements();
    for (const counts of engagements.byAgency.values()) addEngagements(totalEngagements, counts);
    const totalCharges: ChargeCounts = { chargedPeople: 0, offences: 0 };
    for (const counts of charges.byAgency.values()) {
      totalCharges.chargedPeople += counts.chargedPeople;
      totalCharges.offences += counts.offences;
    }

    const byAgency: AgencyRow[] = [...agencyIds].map((id) => {
      const e = engagements.byAgency.get(id);
      const c = charges.byAgency.get(id);
      return {
        agencyId: id,
        agency: codeOf(id),
        name: agencies.get(id)?.name ?? '',
        engaged: e?.engaged ?? 0,
        accepted: e?.accepted ?? 0,
        referrals: referrals.madeByAgency.get(id) ?? 0,
        chargedPeople: c?.chargedPeople ?? 0,
        offences: c?.offences ?? 0,
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
      totals: figures(totalEngagements, referrals.byStatus, totalCharges),
      last24h: figures(engagements.recent, referrals.recentByStatus, charges.recent),
      byAgency,
      overdue,
    };
  });
}

/** Code order independent of the locale, so every surface lists agencies the same way. */
function compareCodes(a: string, b: string): number {
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
