// Part 2's data: a national-scale operation written straight into a database built by the real
// migrations. 500 agencies, a 50-operation tree (1 national → 7 provincial → 6 local each), and
// 1,000,000 engagements / 100,000 referrals (with their status events) / 5,000 charges (with their
// offence rows) at full scale. Rows are drawn from a seeded generator, so every run builds the same
// database. The audit log is not generated: the digest never reads it.
//
// Generation runs with `synchronous = OFF` and a large page cache, on its own connection only: a
// crash mid-build just loses a file that is rebuilt. The finished file is renamed into the cache
// under the OS temp dir, keyed by the migration count (a new migration means a new schema, so a new
// file), the generator version and the scale; timing always opens it afresh with the app's pragmas.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrateSqlite, SQLITE_MIGRATIONS as MIGRATIONS_FOLDER } from '../db/sqlite/migrate.js';
import { AGE_BANDS, CLOSE_OUTCOMES, GENDERS, NEEDS, OFFENCE_SECTIONS } from '../db/vocabulary.js';
import { seededRandom } from '../test/helpers/seeded-random.js';

/** Bump when the generated rows change shape, so stale caches are not reused. */
const GENERATOR_VERSION = 1;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Rows per transaction: big enough that commits cost nothing, small enough to report progress. */
const CHUNK = 100_000;

export const AGENCIES = 500;
export const PROVINCES = 7;
export const LOCALS_PER_PROVINCE = 6;

export interface DigestScale {
  engagements: number;
  referrals: number;
  charges: number;
}

/** The records scale; the agencies and the tree stay whole, since the tree's shape picks the digest's path. */
export function digestScale(factor: number): DigestScale {
  return { engagements: Math.round(1_000_000 * factor), referrals: Math.round(100_000 * factor), charges: Math.round(5_000 * factor) };
}

export function migrationCount(): number {
  return readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length;
}

export function cachePath(scale: DigestScale): string {
  return join(tmpdir(), `liaison-bench-digest-m${migrationCount()}-g${GENERATOR_VERSION}-e${scale.engagements}-r${scale.referrals}-c${scale.charges}.db`);
}

/** Picks from `values` with the given weights (same length). */
function weighted<T>(rnd: () => number, values: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rnd() * total;
  for (let i = 0; i < values.length; i++) {
    x -= weights[i]!;
    if (x < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface DigestDatabase {
  path: string;
  /** Whether this run built it (else it came from the cache). */
  generated: boolean;
  generationMs: number;
}

export function ensureDigestDatabase(scale: DigestScale, options: { regenerate: boolean }, log: (line: string) => void): DigestDatabase {
  const path = cachePath(scale);
  if (existsSync(path) && !options.regenerate) return { path, generated: false, generationMs: 0 };
  const building = `${path}.building-${process.pid}`;
  const started = performance.now();
  try {
    generate(building, scale, log);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    renameSync(building, path);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  }
  return { path, generated: true, generationMs: performance.now() - started };
}

function generate(path: string, scale: DigestScale, log: (line: string) => void): void {
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  migrateSqlite(sqlite);
  // Generation only: this connection's commits need not survive power loss.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const rnd = seededRandom(20171009);
  const now = Date.now();
  const team = 'T0BENCH';

  // ---- agencies: 60 % police, 20 % advocacy (with an intake channel), the rest other kinds.
  const kinds: string[] = [];
  const insertAgency = sqlite.prepare('INSERT INTO agencies (id, code, name, kind, intake_channel_id, intake_team_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertMember = sqlite.prepare("INSERT INTO members (team_id, user_id, agency_id, role, created_at, updated_at) VALUES (?, ?, ?, 'officer', ?, ?)");
  const code = (id: number) => `AG${String(id).padStart(3, '0')}`;
  // ---- operations: id 1 national; 2..8 provincial; 9..50 local (6 per province).
  const localCount = PROVINCES * LOCALS_PER_PROVINCE;
  const provincialId = (p: number) => 2 + p;
  const localId = (j: number) => 2 + PROVINCES + j;
  const homeLocal = (agency: number) => (agency - 1) % localCount;
  const insertOperation = sqlite.prepare(
    `INSERT INTO operations (id, code, name, start_date, end_date, lead_agency_id, parent_id, timezone, digest_time, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'America/Toronto', '08:00', ?)`,
  );
  const insertParticipation = sqlite.prepare(
    `INSERT OR IGNORE INTO participations (operation_id, agency_id, officers, support_staff, victim_services, joined_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let id = 1; id <= AGENCIES; id++) {
      const kind = weighted(rnd, ['police', 'advocacy', 'victim_services', 'health', 'government'], [60, 20, 10, 5, 5]);
      kinds[id] = kind;
      const intake = kind === 'advocacy' ? `C0INTAKE${id}` : null;
      insertAgency.run(id, code(id), `Agency ${id}`, kind, intake, intake ? team : null, now - 60 * DAY);
      insertMember.run(team, `U${code(id)}OFF`, id, now - 60 * DAY, now - 60 * DAY);
    }
    const start = isoDate(now - 20 * DAY);
    const end = isoDate(now + 10 * DAY);
    insertOperation.run(1, 'ONS-CA', 'Northern Spotlight Canada', start, end, 1, null, now - 30 * DAY);
    for (let p = 0; p < PROVINCES; p++) {
      insertOperation.run(provincialId(p), `ONS-P${p + 1}`, `Province ${p + 1}`, start, end, p + 1, 1, now - 30 * DAY);
    }
    for (let j = 0; j < localCount; j++) {
      const p = Math.floor(j / LOCALS_PER_PROVINCE);
      insertOperation.run(localId(j), `ONS-P${p + 1}-L${(j % LOCALS_PER_PROVINCE) + 1}`, `Local ${j + 1}`, start, end, j + 1, provincialId(p), now - 30 * DAY);
    }
    insertParticipation.run(1, 1, 10, 2, 1, now - 30 * DAY);
    for (let id = 1; id <= AGENCIES; id++) {
      const j = homeLocal(id);
      const police = kinds[id] === 'police';
      insertParticipation.run(localId(j), id, police ? 5 + Math.floor(rnd() * 40) : 0, Math.floor(rnd() * 5), police ? 0 : 1 + Math.floor(rnd() * 6), now - 30 * DAY);
      insertParticipation.run(provincialId(Math.floor(j / LOCALS_PER_PROVINCE)), id, police ? 2 : 0, 1, 0, now - 30 * DAY);
    }
  })();

  // ---- engagements: 90 % at the agency's local operation, 10 % at its provincial one.
  const agencyOf = new Uint16Array(scale.engagements + 1);
  const occurredOf = new Float64Array(scale.engagements + 1);
  const insertEngagement = sqlite.prepare(
    `INSERT INTO engagements (id, operation_id, agency_id, officer_team_id, officer_user_id, occurred_at, age_band, gender,
       offered, accepted, safety_ensured, area, language, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const areas = ['Downtown', 'Airport strip', 'Truck stop 401', 'Motel row', 'Harbour'];
  const engagementChunk = sqlite.transaction((from: number, to: number) => {
    for (let id = from; id <= to; id++) {
      const agency = 1 + Math.floor(rnd() * AGENCIES);
      const j = homeLocal(agency);
      const operation = rnd() < 0.9 ? localId(j) : provincialId(Math.floor(j / LOCALS_PER_PROVINCE));
      const occurred = now - Math.floor(rnd() * 20 * DAY);
      const offered = rnd() < 0.75;
      agencyOf[id] = agency;
      occurredOf[id] = occurred;
      insertEngagement.run(
        id,
        operation,
        agency,
        team,
        `U${code(agency)}OFF`,
        occurred,
        weighted(rnd, AGE_BANDS, [6, 30, 30, 18, 8, 8]),
        weighted(rnd, GENDERS, [85, 8, 3, 4]),
        offered ? 1 : 0,
        offered && rnd() < 0.35 ? 1 : 0,
        rnd() < 0.6 ? 1 : 0,
        rnd() < 0.3 ? areas[Math.floor(rnd() * areas.length)]! : null,
        weighted(rnd, ['en', 'fr', null], [50, 15, 35]),
        rnd() < 0.05 ? 'Follow-up planned with outreach worker' : null,
        Math.min(now, occurred + Math.floor(rnd() * 2 * HOUR)),
      );
    }
  });
  for (let from = 1; from <= scale.engagements; from += CHUNK) {
    engagementChunk(from, Math.min(scale.engagements, from + CHUNK - 1));
  }
  log(`  generated ${scale.engagements} engagements`);

  // ---- referrals, each with the events of its life so far.
  const advocacy = kinds.flatMap((kind, id) => (kind === 'advocacy' ? [id] : []));
  const insertReferral = sqlite.prepare(
    `INSERT INTO referrals (id, engagement_id, from_agency_id, to_agency_id, referrer_team_id, referrer_user_id, needs, urgency, consent,
       note, status, created_at, status_changed_at, actor_team_id, actor_user_id, decline_reason, close_outcome, card_channel_id, card_team_id, card_ts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = sqlite.prepare(
    'INSERT INTO referral_events (referral_id, from_status, to_status, actor_team_id, actor_user_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const referralChunk = sqlite.transaction((from: number, to: number) => {
    for (let id = from; id <= to; id++) {
      const engagement = 1 + Math.floor(rnd() * scale.engagements);
      const fromAgency = agencyOf[engagement]!;
      const toAgency = advocacy[Math.floor(rnd() * advocacy.length)]!;
      const needs = NEEDS.filter(() => rnd() < 0.25);
      if (needs.length === 0) needs.push('shelter');
      const status = weighted(rnd, ['pending', 'accepted', 'declined', 'closed'] as const, [15, 25, 10, 50]);
      const created = Math.min(now, occurredOf[engagement]! + Math.floor(rnd() * 4 * HOUR));
      const changed = status === 'pending' ? created : Math.min(now, created + Math.floor(rnd() * 3 * DAY));
      const referrer = `U${code(fromAgency)}OFF`;
      const actor = status === 'pending' ? null : `U${code(toAgency)}OFF`;
      insertReferral.run(
        id,
        engagement,
        fromAgency,
        toAgency,
        team,
        referrer,
        needs.join(','),
        weighted(rnd, ['routine', 'urgent', 'immediate'], [60, 30, 10]),
        status,
        created,
        changed,
        actor ? team : null,
        actor,
        status === 'declined' ? 'No capacity this week' : null,
        status === 'closed' ? CLOSE_OUTCOMES[Math.floor(rnd() * CLOSE_OUTCOMES.length)]! : null,
        `C0INTAKE${toAgency}`,
        team,
        `${Math.floor(created / 1000)}.000100`,
      );
      insertEvent.run(id, null, 'pending', team, referrer, created);
      if (status === 'closed') insertEvent.run(id, 'pending', 'accepted', team, actor, created + Math.floor((changed - created) / 2));
      if (status !== 'pending') insertEvent.run(id, status === 'closed' ? 'accepted' : 'pending', status, team, actor, changed);
    }
  });
  for (let from = 1; from <= scale.referrals; from += CHUNK) referralChunk(from, Math.min(scale.referrals, from + CHUNK - 1));

  // ---- charges, by police agencies at their local operation, with one row per offence.
  const police = kinds.flatMap((kind, id) => (kind === 'police' ? [id] : []));
  const insertCharge = sqlite.prepare(
    `INSERT INTO charges (id, operation_id, agency_id, officer_team_id, officer_user_id, offence_count, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  const insertOffence = sqlite.prepare('INSERT INTO charge_offences (charge_id, section) VALUES (?, ?)');
  sqlite.transaction(() => {
    for (let id = 1; id <= scale.charges; id++) {
      const agency = police[Math.floor(rnd() * police.length)]!;
      const offences = 1 + Math.floor(rnd() * 4);
      insertCharge.run(id, localId(homeLocal(agency)), agency, team, `U${code(agency)}OFF`, offences, now - Math.floor(rnd() * 20 * DAY));
      for (let k = 0; k < offences; k++) insertOffence.run(id, OFFENCE_SECTIONS[Math.floor(rnd() * OFFENCE_SECTIONS.length)]!);
    }
  })();
  log(`  generated ${scale.referrals} referrals and ${scale.charges} charges`);

  // Leave one self-contained file: the WAL folded in, nothing half-written beside it.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}
