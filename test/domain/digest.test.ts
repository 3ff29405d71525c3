// The digest against a real database (each engine) built by the real migrations: the 2017 Operation
// Northern Spotlight figures at both levels of its tree, the last-24-hours window, overdue
// referrals, the tree's boundary, and the contract's JSON shape.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import type { Database } from '../../db/database.js';
import { DEFAULT_OVERDUE_LIMITS, type Digest, readDigest, toDigestJson } from '../../src/domain/digest.js';
import { AppError } from '../../src/domain/errors.js';
import { sqlOf, type TestSql } from '../helpers/sql.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

type Kind = 'police' | 'advocacy' | 'victim_services' | 'health' | 'government' | 'other';
type Status = 'pending' | 'accepted' | 'declined' | 'closed';
type Urgency = 'routine' | 'urgent' | 'immediate';

interface EngageOptions {
  /** How many of the n are offered / accepted / under 18 / safety ensured (the first ones). */
  offered?: number;
  accepted?: number;
  minors?: number;
  safety?: number;
  occurredAt?: number;
  /** Defaults to occurredAt. */
  createdAt?: number;
}

/** Rows inserted with plain SQL, the way the domain modules write them. */
class Fixture {
  readonly agencyIds = new Map<string, number>();
  readonly operationIds = new Map<string, number>();

  constructor(readonly sql: TestSql) {}

  private async insert(text: string, ...params: unknown[]): Promise<number> {
    return Number(await this.sql.value(`${text} RETURNING id`, ...params));
  }

  async agency(code: string, kind: Kind = 'police'): Promise<number> {
    const id = await this.insert('INSERT INTO agencies (code, name, kind, created_at) VALUES (?, ?, ?, 0)', code, `${code} (name)`, kind);
    this.agencyIds.set(code, id);
    return id;
  }

  a(code: string): number {
    const id = this.agencyIds.get(code);
    if (id === undefined) throw new Error(`no agency ${code} in the fixture`);
    return id;
  }

  op(code: string): number {
    const id = this.operationIds.get(code);
    if (id === undefined) throw new Error(`no operation ${code} in the fixture`);
    return id;
  }

  async operation(code: string, lead: string, start: string, end: string, parent?: string): Promise<number> {
    const id = await this.insert(
      `INSERT INTO operations (code, name, start_date, end_date, lead_agency_id, parent_id, timezone, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'America/Toronto', 0)`,
      code,
      `Northern Spotlight ${code}`,
      start,
      end,
      this.a(lead),
      parent ? this.op(parent) : null,
    );
    this.operationIds.set(code, id);
    return id;
  }

  async join(op: string, agency: string, officers: number, supportStaff = 0, victimServices = 0): Promise<void> {
    await this.sql.run(
      `INSERT INTO participations (operation_id, agency_id, officers, support_staff, victim_services, joined_at)
       VALUES (?, ?, ?, ?, ?, 0)`,
      this.op(op),
      this.a(agency),
      officers,
      supportStaff,
      victimServices,
    );
  }

  /** n engagements; returns their ids, accepted ones first. */
  async engage(op: string, agency: string, n: number, o: EngageOptions = {}): Promise<number[]> {
    const offered = o.offered ?? n;
    const accepted = o.accepted ?? 0;
    const occurredAt = o.occurredAt ?? at('2017-10-11T03:00:00Z');
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(
        await this.insert(
          `INSERT INTO engagements (operation_id, agency_id, officer_team_id, officer_user_id, occurred_at, age_band, gender,
             offered, accepted, safety_ensured, area, language, created_at)
           VALUES (?, ?, 'T01', 'U01', ?, ?, 'female', ?, ?, ?, 'Downtown', 'en', ?)`,
          this.op(op),
          this.a(agency),
          occurredAt,
          i < (o.minors ?? 0) ? 'under18' : '18-24',
          i < offered,
          i < accepted,
          i < (o.safety ?? 0),
          o.createdAt ?? occurredAt,
        ),
      );
    }
    return ids;
  }

  async refer(
    engagementId: number,
    from: string,
    to: string,
    status: Status,
    urgency: Urgency = 'routine',
    changedAt = at('2017-10-12T12:00:00Z'),
    createdAt = changedAt,
  ): Promise<void> {
    await this.sql.run(
      `INSERT INTO referrals (engagement_id, from_agency_id, to_agency_id, referrer_team_id, referrer_user_id, needs,
         urgency, consent, status, created_at, status_changed_at)
       VALUES (?, ?, ?, 'T01', 'U01', 'shelter,counselling', ?, ?, ?, ?, ?)`,
      engagementId,
      this.a(from),
      this.a(to),
      urgency,
      true,
      status,
      createdAt,
      changedAt,
    );
  }

  async charge(op: string, agency: string, offences: number, createdAt = at('2017-10-12T15:00:00Z')): Promise<void> {
    await this.sql.run(
      `INSERT INTO charges (operation_id, agency_id, officer_team_id, officer_user_id, offence_count, created_at)
       VALUES (?, ?, 'T01', 'U01', ?, ?)`,
      this.op(op),
      this.a(agency),
      offences,
      createdAt,
    );
  }
}

const LOCAL_POLICE = ['WPS', 'CKPS', 'OPP-ESSEX', 'APS', 'LPS'];
/** The other 40 Ontario police services of the provincial operation (OPP and the five local ones make 46). */
const OTHER_POLICE = Array.from({ length: 40 }, (_, i) => `ON-PS${String(i + 1).padStart(2, '0')}`);

/**
 * Operation Northern Spotlight, Ontario, October 2017, as logged in Liaison:
 * ONS-ON (provincial, lead OPP, 7 days) with the local child ONS-WE (Windsor-Essex & Chatham-Kent).
 */
async function seed2017(f: Fixture): Promise<void> {
  await f.agency('OPP');
  for (const code of [...LOCAL_POLICE, ...OTHER_POLICE]) await f.agency(code);
  await f.agency('WEFIGHT', 'advocacy');
  await f.agency('VS-ON', 'victim_services'); // receives referrals, never joins

  await f.operation('ONS-ON', 'OPP', '2017-10-07', '2017-10-13');
  await f.operation('ONS-WE', 'WPS', '2017-10-10', '2017-10-13', 'ONS-ON');

  // Personnel: 331 with the max-per-column rule. WPS joined both operations: (6,1,1) locally and
  // (5,2,1) provincially counts as (6,2,1) = 9. Summing every row would give 338; taking the row
  // with the larger total would give 330.
  await f.join('ONS-WE', 'WPS', 6, 1, 1);
  await f.join('ONS-WE', 'CKPS', 4, 1, 0);
  await f.join('ONS-WE', 'OPP-ESSEX', 3);
  await f.join('ONS-WE', 'APS', 2);
  await f.join('ONS-WE', 'LPS', 2);
  await f.join('ONS-WE', 'WEFIGHT', 0, 0, 3);
  await f.join('ONS-ON', 'OPP', 40, 10, 5);
  await f.join('ONS-ON', 'WPS', 5, 2, 1);
  for (const [i, code] of OTHER_POLICE.entries()) await f.join('ONS-ON', code, i < 12 ? 6 : 5, 1, 0); // 12×7 + 28×6 = 252

  // Local: 13 people engaged, all offered support, 11 accepted.
  const local = at('2017-10-11T03:00:00Z');
  const wps = await f.engage('ONS-WE', 'WPS', 5, { accepted: 5, minors: 1, safety: 1, occurredAt: local });
  const ckps = await f.engage('ONS-WE', 'CKPS', 3, { accepted: 2, minors: 1, safety: 1, occurredAt: local });
  const essex = await f.engage('ONS-WE', 'OPP-ESSEX', 2, { accepted: 2, safety: 1, occurredAt: local });
  const aps = await f.engage('ONS-WE', 'APS', 2, { accepted: 2, occurredAt: local });
  await f.engage('ONS-WE', 'LPS', 1, { accepted: 0, occurredAt: local });

  // Provincial operation's own records: 185 more engagements (198 in the tree).
  const province = at('2017-10-08T20:00:00Z');
  const opp = await f.engage('ONS-ON', 'OPP', 58, { offered: 55, accepted: 40, minors: 4, safety: 10, occurredAt: province });
  await f.engage('ONS-ON', 'WPS', 2, { accepted: 1, occurredAt: province });
  for (const code of OTHER_POLICE) await f.engage('ONS-ON', code, 3, { accepted: 2, safety: 1, occurredAt: province });
  await f.engage('ONS-ON', 'ON-PS01', 5, { offered: 0, occurredAt: province });

  // Referrals: the 11 local acceptances to WEFIGHT, four OPP ones to a victim-services unit.
  for (const [i, status] of (['accepted', 'accepted', 'accepted', 'closed', 'closed'] as const).entries()) {
    await f.refer(wps[i]!, 'WPS', 'WEFIGHT', status);
  }
  await f.refer(ckps[0]!, 'CKPS', 'WEFIGHT', 'accepted');
  await f.refer(ckps[1]!, 'CKPS', 'WEFIGHT', 'declined');
  await f.refer(essex[0]!, 'OPP-ESSEX', 'WEFIGHT', 'accepted');
  await f.refer(essex[1]!, 'OPP-ESSEX', 'WEFIGHT', 'closed');
  await f.refer(aps[0]!, 'APS', 'WEFIGHT', 'accepted');
  await f.refer(aps[1]!, 'APS', 'WEFIGHT', 'pending', 'routine');
  await f.refer(opp[0]!, 'OPP', 'VS-ON', 'pending', 'immediate');
  await f.refer(opp[1]!, 'OPP', 'VS-ON', 'pending', 'urgent');
  await f.refer(opp[2]!, 'OPP', 'VS-ON', 'accepted');
  await f.refer(opp[3]!, 'OPP', 'VS-ON', 'accepted');

  // 12 people charged with 21 offences: 6 by OPP (9), 4 by ON-PS03 (7), 2 locally by WPS (5).
  for (const n of [2, 2, 2, 1, 1, 1]) await f.charge('ONS-ON', 'OPP', n);
  for (const n of [2, 2, 2, 1]) await f.charge('ONS-ON', 'ON-PS03', n);
  await f.charge('ONS-WE', 'WPS', 3);
  await f.charge('ONS-WE', 'WPS', 2);
}

/** A week after the operation: nothing in the last 24 hours. */
const AFTER_2017 = new Date('2017-10-20T12:00:00Z');

const row = (d: Digest, code: string) => d.byAgency.find((r) => r.agency === code);

describe('computeDigest', () => {
  let database: TestDatabase;
  let db: Database;
  let f: Fixture;

  beforeEach(async () => {
    database = await createTestDatabase();
    db = openDatabase(database.settings);
    await db.migrate();
    f = new Fixture(sqlOf(db));
  });

  afterEach(async () => {
    await db.close();
    await database.drop();
  });

  describe('reproduces the 2017 Operation Northern Spotlight report', () => {
    beforeEach(() => seed2017(f));

    it('local (Windsor-Essex & Chatham-Kent): 13 engaged, 11 accepted, five police services plus WEFIGHT', async () => {
      const d = await readDigest(db, f.op('ONS-WE'), AFTER_2017);
      expect(d.operation).toEqual({
        id: f.op('ONS-WE'),
        code: 'ONS-WE',
        name: 'Northern Spotlight ONS-WE',
        timezone: 'America/Toronto',
        startDate: '2017-10-10',
        endDate: '2017-10-13',
      });
      expect(d.operationCodes).toEqual(['ONS-WE']);
      expect(d.totals).toEqual({
        engaged: 13,
        offered: 13,
        accepted: 11,
        minors: 2,
        safetyEnsured: 3,
        referrals: { pending: 1, accepted: 6, declined: 1, closed: 3, withdrawn: 0 },
        chargedPeople: 2,
        offences: 5,
      });
      expect(d.agencies).toBe(6);
      expect(d.policeAgencies).toBe(5);
      // Only what was joined locally: WPS's local counts (6,1,1), not its provincial ones.
      expect(d.personnel).toBe(8 + 5 + 3 + 2 + 2 + 3);
      expect(d.byAgency.map((r) => [r.agency, r.engaged, r.accepted, r.referrals, r.chargedPeople, r.offences])).toEqual([
        ['WPS', 5, 5, 5, 2, 5],
        ['CKPS', 3, 2, 2, 0, 0],
        ['APS', 2, 2, 2, 0, 0],
        ['OPP-ESSEX', 2, 2, 2, 0, 0],
        ['LPS', 1, 0, 0, 0, 0],
        ['WEFIGHT', 0, 0, 0, 0, 0],
      ]);
      expect(row(d, 'WPS')).toMatchObject({ agencyId: f.a('WPS'), name: 'WPS (name)' });
      expect(d.overdue).toEqual([{ agency: 'WEFIGHT', pending: 1 }]);
    });

    it('province (Ontario): 46 police services, 331 personnel, 198 engaged, 12 charged with 21 offences', async () => {
      const d = await readDigest(db, f.op('ONS-ON'), AFTER_2017);
      expect(d.operation.code).toBe('ONS-ON');
      expect(d.operationCodes).toEqual(['ONS-ON', 'ONS-WE']);
      // `agencies` counts every kind that joined (the contract); the report's "46 police services" is
      // `policeAgencies`. WEFIGHT, an advocacy group, is the 47th agency.
      expect(d.policeAgencies).toBe(46);
      expect(d.agencies).toBe(47);
      expect(d.personnel).toBe(331);
      expect(d.totals).toEqual({
        engaged: 198,
        offered: 190,
        accepted: 132,
        minors: 6,
        safetyEnsured: 53,
        referrals: { pending: 3, accepted: 8, declined: 1, closed: 3, withdrawn: 0 },
        chargedPeople: 12,
        offences: 21,
      });
      // Every joined agency is listed once, even with no activity; VS-ON only received referrals.
      expect(d.byAgency).toHaveLength(47);
      expect(new Set(d.byAgency.map((r) => r.agency)).size).toBe(47);
      expect(row(d, 'VS-ON')).toBeUndefined();
      expect(d.byAgency.slice(0, 4).map((r) => [r.agency, r.engaged])).toEqual([
        ['OPP', 58],
        ['ON-PS01', 8],
        ['WPS', 7],
        ['CKPS', 3],
      ]);
      expect(d.byAgency.at(-1)?.agency).toBe('WEFIGHT');
      // Sorted by engaged desc, then code.
      const order = d.byAgency.map((r) => [-r.engaged, r.agency] as const);
      expect(order).toEqual([...order].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0)));
      // An agency's records in both operations add up (WPS: 5 local + 2 provincial).
      expect(row(d, 'WPS')).toMatchObject({ engaged: 7, accepted: 6, referrals: 5, chargedPeople: 2, offences: 5 });
      expect(row(d, 'OPP')).toMatchObject({ engaged: 58, accepted: 40, referrals: 4, chargedPeople: 6, offences: 9 });
      expect(row(d, 'ON-PS03')).toMatchObject({ engaged: 3, accepted: 2, referrals: 0, chargedPeople: 4, offences: 7 });
      const sum = (pick: (r: Digest['byAgency'][number]) => number) => d.byAgency.reduce((s, r) => s + pick(r), 0);
      expect([sum((r) => r.engaged), sum((r) => r.accepted), sum((r) => r.chargedPeople), sum((r) => r.offences)]).toEqual([
        198, 132, 12, 21,
      ]);
      expect(sum((r) => r.referrals)).toBe(15);
      expect(d.overdue).toEqual([
        { agency: 'VS-ON', pending: 2 },
        { agency: 'WEFIGHT', pending: 1 },
      ]);
      expect(d.last24h).toEqual({
        engaged: 0,
        offered: 0,
        accepted: 0,
        minors: 0,
        safetyEnsured: 0,
        referrals: { pending: 0, accepted: 0, declined: 0, closed: 0, withdrawn: 0 },
        chargedPeople: 0,
        offences: 0,
      });
    });

    it('keeps its rollups equal to the base tables through inserts, updates and deletes', async () => {
      // Whatever path changes the rows, the triggers keep the totals: move, edit and remove some.
      const sql = sqlOf(db);
      await sql.run('UPDATE engagements SET accepted = NOT accepted, offered = TRUE WHERE id % 7 = 0');
      await sql.run('UPDATE engagements SET agency_id = ? WHERE id % 11 = 0', f.a('WPS'));
      await sql.run("UPDATE referrals SET status = 'declined' WHERE id % 2 = 0");
      await sql.run("UPDATE referrals SET status = 'withdrawn', withdrawal_reason = 'duplicate' WHERE id % 3 = 0");
      await sql.run('UPDATE charges SET offence_count = offence_count + 1 WHERE id % 3 = 0');
      await sql.run('DELETE FROM referral_events');
      await sql.run('DELETE FROM referrals WHERE id % 5 = 0');
      await sql.run('DELETE FROM engagements WHERE id NOT IN (SELECT engagement_id FROM referrals) AND id % 13 = 0');
      const digest = await readDigest(db, f.op('ONS-ON'), AFTER_2017);
      const count = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
      const base = await sql.get<Record<string, number>>(
        `SELECT count(*) AS engaged, ${count('offered')} AS offered, ${count('accepted')} AS accepted,
                ${count("age_band = 'under18'")} AS minors, ${count('safety_ensured')} AS "safetyEnsured" FROM engagements`,
      );
      expect(digest.totals).toMatchObject(base!);
      const charges = await sql.get('SELECT count(*) AS "chargedPeople", sum(offence_count) AS offences FROM charges');
      expect(digest.totals).toMatchObject(charges as object);
      const states = Object.fromEntries(
        (await sql.all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM referrals GROUP BY status')).map((r) => [r.status, r.n]),
      );
      expect(digest.totals.referrals).toEqual({ pending: 0, accepted: 0, declined: 0, closed: 0, withdrawn: 0, ...states });
      const byAgency = await sql.all<{ agency: string; engaged: number }>(
        'SELECT a.code AS agency, count(e.id) AS engaged FROM agencies a JOIN engagements e ON e.agency_id = a.id GROUP BY a.code',
      );
      for (const row of byAgency) expect(digest.byAgency.find((a) => a.agency === row.agency)?.engaged).toBe(row.engaged);
    });
  });

  it('restricts last24h to (now − 24 h, now]: engagements by occurred_at, charges by created_at, referrals by status change', async () => {
    await f.agency('OPP');
    await f.agency('WPS');
    await f.agency('WEFIGHT', 'advocacy');
    await f.operation('ONS-ON', 'OPP', '2017-10-07', '2017-10-13');
    await f.operation('ONS-WE', 'WPS', '2017-10-10', '2017-10-13', 'ONS-ON');
    await f.join('ONS-WE', 'WPS', 4);
    const now = new Date('2017-10-12T12:00:00Z');
    const t = now.getTime();

    await f.engage('ONS-WE', 'WPS', 1, { occurredAt: t - DAY }); // window start is open: out
    await f.engage('ONS-WE', 'WPS', 1, { occurredAt: t - DAY + 1, accepted: 1 }); // in
    await f.engage('ONS-WE', 'WPS', 1, { occurredAt: t - HOUR, accepted: 1, minors: 1, safety: 1 }); // in
    await f.engage('ONS-WE', 'WPS', 1, { occurredAt: t, offered: 0 }); // window end is closed: in
    await f.engage('ONS-WE', 'WPS', 1, { occurredAt: t + 1 }); // after now: out
    await f.engage('ONS-WE', 'WPS', 1, { occurredAt: t - 3 * DAY, createdAt: t - HOUR }); // logged late: out (occurred_at counts)
    const [older] = await f.engage('ONS-ON', 'OPP', 1, { occurredAt: t - 2 * DAY, accepted: 1 }); // parent's, out

    await f.charge('ONS-WE', 'WPS', 3, t - 2 * HOUR); // in
    await f.charge('ONS-ON', 'OPP', 2, t - 10 * HOUR); // in (parent op, same tree from ONS-ON)
    await f.charge('ONS-WE', 'WPS', 4, t - 25 * HOUR); // out

    // Referrals count by CURRENT status when their status changed in the window.
    await f.refer(older!, 'OPP', 'WEFIGHT', 'accepted', 'routine', t - HOUR, t - 2 * DAY); // created long ago, accepted now: in
    await f.refer(older!, 'OPP', 'WEFIGHT', 'pending', 'routine', t - 30 * 60_000); // in
    await f.refer(older!, 'OPP', 'WEFIGHT', 'closed', 'routine', t - 30 * HOUR); // out
    await f.refer(older!, 'OPP', 'WEFIGHT', 'declined', 'routine', t - DAY); // exactly 24 h: out

    const local = await readDigest(db, f.op('ONS-WE'), now);
    expect(local.totals).toMatchObject({ engaged: 6, chargedPeople: 2, offences: 7 });
    expect(local.last24h).toEqual({
      engaged: 3,
      offered: 2,
      accepted: 2,
      minors: 1,
      safetyEnsured: 1,
      referrals: { pending: 0, accepted: 0, declined: 0, closed: 0, withdrawn: 0 },
      chargedPeople: 1,
      offences: 3,
    });

    const province = await readDigest(db, f.op('ONS-ON'), now);
    expect(province.totals.engaged).toBe(7);
    expect(province.totals.referrals).toEqual({ pending: 1, accepted: 1, declined: 1, closed: 1, withdrawn: 0 });
    expect(province.last24h).toEqual({
      engaged: 3,
      offered: 2,
      accepted: 2,
      minors: 1,
      safetyEnsured: 1,
      referrals: { pending: 1, accepted: 1, declined: 0, closed: 0, withdrawn: 0 },
      chargedPeople: 2,
      offences: 5,
    });
    // An activity-only agency (OPP logged but never joined) is listed but not counted as joined.
    expect(province.agencies).toBe(1);
    expect(province.byAgency.map((r) => r.agency)).toEqual(['WPS', 'OPP']);
    expect(row(province, 'OPP')).toMatchObject({ engaged: 1, accepted: 1, referrals: 4, chargedPeople: 1, offences: 2 });
  });

  it('counts pending referrals overdue by urgency per receiving agency, with a fixed now', async () => {
    await f.agency('WPS');
    await f.agency('WEFIGHT', 'advocacy');
    await f.agency('VS-WE', 'victim_services');
    await f.operation('ONS-WE', 'WPS', '2017-10-10', '2017-10-13');
    await f.operation('ONS-QC', 'WPS', '2017-10-10', '2017-10-13');
    await f.join('ONS-WE', 'WPS', 4);
    const now = new Date('2017-10-12T12:00:00Z');
    const t = now.getTime();
    const [e] = await f.engage('ONS-WE', 'WPS', 1, { accepted: 1, occurredAt: t - 2 * DAY });
    const [elsewhere] = await f.engage('ONS-QC', 'WPS', 1, { accepted: 1, occurredAt: t - 2 * DAY });
    const pending = (to: string, urgency: Urgency, ageMs: number, engagement = e!) =>
      f.refer(engagement, 'WPS', to, 'pending', urgency, t - ageMs, t - ageMs);

    await pending('WEFIGHT', 'immediate', HOUR + 1); // overdue
    await pending('WEFIGHT', 'immediate', HOUR); // overdue: the limit is reached (the reminder job fires now too)
    await pending('WEFIGHT', 'immediate', HOUR - 1); // not yet
    await pending('WEFIGHT', 'urgent', 5 * HOUR); // overdue
    await pending('WEFIGHT', 'urgent', 3 * HOUR); // not yet: 4 h limit
    await pending('WEFIGHT', 'routine', 23 * HOUR); // not yet: 24 h limit
    await pending('VS-WE', 'routine', 25 * HOUR); // overdue
    await pending('VS-WE', 'urgent', 4 * HOUR - 1); // not yet
    await pending('VS-WE', 'immediate', -HOUR); // changed after now (clock skew): not overdue
    await f.refer(e!, 'WPS', 'VS-WE', 'accepted', 'immediate', t - 3 * DAY); // not pending
    await f.refer(e!, 'WPS', 'VS-WE', 'declined', 'immediate', t - 3 * DAY); // not pending
    await pending('VS-WE', 'immediate', 3 * DAY, elsewhere!); // another operation's

    const d = await readDigest(db, f.op('ONS-WE'), now);
    expect(d.overdue).toEqual([
      { agency: 'WEFIGHT', pending: 3 },
      { agency: 'VS-WE', pending: 1 },
    ]);
    expect(d.totals.referrals).toEqual({ pending: 9, accepted: 1, declined: 1, closed: 0, withdrawn: 0 });
    // Receiving agencies are not participants: they do not enter byAgency.
    expect(d.byAgency.map((r) => r.agency)).toEqual(['WPS']);

    expect((await readDigest(db, f.op('ONS-WE'), now, DEFAULT_OVERDUE_LIMITS)).overdue).toEqual(d.overdue);
    // Tighter limits: everything pending older than 30 min (and not from the future) is overdue.
    const tight = { immediate: 30 * 60_000, urgent: 30 * 60_000, routine: 30 * 60_000 };
    expect((await readDigest(db, f.op('ONS-WE'), now, tight)).overdue).toEqual([
      { agency: 'WEFIGHT', pending: 6 },
      { agency: 'VS-WE', pending: 2 },
    ]);
    // An hour later every one of WEFIGHT's has reached its limit (the 3 h urgent and 23 h routine ones exactly).
    const later = await readDigest(db, f.op('ONS-WE'), new Date(t + HOUR));
    expect(later.overdue).toEqual([
      { agency: 'WEFIGHT', pending: 6 },
      { agency: 'VS-WE', pending: 2 },
    ]);
  });

  it('counts nothing from a sibling operation outside the tree, and everything from the common root', async () => {
    await f.agency('RCMP');
    await f.agency('OPP');
    await f.agency('WPS');
    await f.agency('SQ');
    await f.agency('WEFIGHT', 'advocacy');
    await f.operation('ONS-CA', 'RCMP', '2017-10-06', '2017-10-14');
    await f.operation('ONS-ON', 'OPP', '2017-10-07', '2017-10-13', 'ONS-CA');
    await f.operation('ONS-WE', 'WPS', '2017-10-10', '2017-10-13', 'ONS-ON');
    await f.operation('ONS-QC', 'SQ', '2017-10-07', '2017-10-13', 'ONS-CA');
    await f.join('ONS-CA', 'RCMP', 10);
    await f.join('ONS-ON', 'OPP', 40);
    await f.join('ONS-WE', 'WPS', 6);
    await f.join('ONS-WE', 'WEFIGHT', 0, 0, 3);
    await f.join('ONS-QC', 'SQ', 30);
    await f.join('ONS-QC', 'WPS', 50, 5, 5); // WPS also helped in Quebec, with far larger counts

    await f.engage('ONS-WE', 'WPS', 4, { accepted: 3 });
    await f.engage('ONS-WE', 'RCMP', 1, { accepted: 1 }); // logged without joining the Ontario tree
    await f.engage('ONS-ON', 'OPP', 10, { accepted: 5 });
    const qc = await f.engage('ONS-QC', 'WPS', 7, { accepted: 7 });
    await f.engage('ONS-QC', 'SQ', 20, { accepted: 10 });
    await f.refer(qc[0]!, 'WPS', 'WEFIGHT', 'pending', 'immediate', at('2017-10-08T00:00:00Z'));
    await f.charge('ONS-QC', 'SQ', 4);
    await f.charge('ONS-QC', 'WPS', 1);
    await f.charge('ONS-ON', 'OPP', 2);

    const on = await readDigest(db, f.op('ONS-ON'), AFTER_2017);
    expect(on.operationCodes).toEqual(['ONS-ON', 'ONS-WE']);
    expect(on.totals).toMatchObject({ engaged: 15, accepted: 9, chargedPeople: 1, offences: 2 });
    expect(on.totals.referrals).toEqual({ pending: 0, accepted: 0, declined: 0, closed: 0, withdrawn: 0 });
    expect(on.agencies).toBe(3);
    expect(on.personnel).toBe(40 + 6 + 3); // WPS's Quebec counts stay in Quebec
    expect(on.overdue).toEqual([]);
    expect(on.byAgency.map((r) => [r.agency, r.engaged, r.referrals, r.chargedPeople])).toEqual([
      ['OPP', 10, 0, 1],
      ['WPS', 4, 0, 0],
      ['RCMP', 1, 0, 0],
      ['WEFIGHT', 0, 0, 0],
    ]);
    expect(row(on, 'SQ')).toBeUndefined();

    const we = await readDigest(db, f.op('ONS-WE'), AFTER_2017);
    expect(we.operationCodes).toEqual(['ONS-WE']);
    expect(we.totals).toMatchObject({ engaged: 5, accepted: 4, chargedPeople: 0 }); // not the parent's own
    expect(we.personnel).toBe(9);

    const ca = await readDigest(db, f.op('ONS-CA'), AFTER_2017);
    expect(ca.operationCodes).toEqual(['ONS-CA', 'ONS-ON', 'ONS-QC', 'ONS-WE']);
    expect(ca.totals).toMatchObject({ engaged: 42, accepted: 26, chargedPeople: 3, offences: 7 });
    expect(ca.totals.referrals.pending).toBe(1);
    expect(ca.agencies).toBe(5);
    expect(ca.personnel).toBe(10 + 40 + (50 + 5 + 5) + 3 + 30);
    expect(ca.overdue).toEqual([{ agency: 'WEFIGHT', pending: 1 }]);
    expect(row(ca, 'WPS')).toMatchObject({ engaged: 11, accepted: 10, referrals: 1, chargedPeople: 1, offences: 1 });
  });

  it('refuses an unknown operation with not_found', async () => {
    const refusal = await readDigest(db, 999, AFTER_2017).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('not_found');
  });

  describe('toDigestJson', () => {
    it('has exactly the contract’s keys, in its order, with the digest’s figures', async () => {
      await seed2017(f);
      const json = toDigestJson(await readDigest(db, f.op('ONS-ON'), AFTER_2017));
      expect(Object.keys(json)).toEqual([
        'operation',
        'agencies',
        'personnel',
        'engaged',
        'offered',
        'accepted',
        'minors',
        'safety_ensured',
        'referrals',
        'charged_people',
        'offences',
        'by_agency',
      ]);
      expect(Object.keys(json.referrals)).toEqual(['pending', 'accepted', 'declined', 'closed', 'withdrawn']);
      for (const a of json.by_agency) {
        expect(Object.keys(a)).toEqual(['agency', 'engaged', 'accepted', 'referrals', 'charged_people', 'offences']);
      }
      expect(json).toMatchObject({
        operation: 'ONS-ON',
        agencies: 47,
        personnel: 331,
        engaged: 198,
        offered: 190,
        accepted: 132,
        minors: 6,
        safety_ensured: 53,
        referrals: { pending: 3, accepted: 8, declined: 1, closed: 3, withdrawn: 0 },
        charged_people: 12,
        offences: 21,
      });
      expect(json.by_agency[0]).toEqual({ agency: 'OPP', engaged: 58, accepted: 40, referrals: 4, charged_people: 6, offences: 9 });
      expect(json.by_agency).toHaveLength(47);
      // Plain JSON: survives a round trip unchanged.
      expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    });
  });
});
