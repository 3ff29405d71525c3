// Retention, scheduled backups with a restore drill, per-person rate limiting, and requests Slack
// (or an attacker) sends twice.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/domain/audit.js';
import { readDigest, toDigestJson } from '../../src/domain/digest.js';
import { findOperation } from '../../src/domain/operations.js';
import { buttonsOf } from '../helpers/fake-slack.js';
import { FakeClock, Harness, signatureHeaders } from '../helpers/harness.js';
import { sqlOf } from '../helpers/sql.js';
import { TEST_ENGINE } from '../helpers/test-database.js';
import { ADMIN_ENV, INTAKE_CHANNEL, ok, say, seedWorld, tableCounts, wefightCoordinator, wpsCoordinator, wpsOfficer } from '../helpers/world.js';

const DAY = 24 * 3_600_000;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-house-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('retention', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('removes free text and engagement detail past RETENTION_DAYS and keeps every digest figure', async () => {
    const clock = new FakeClock('2017-10-11T20:00:00-04:00');
    h = await Harness.start({ env: { ...ADMIN_ENV, RETENTION_DAYS: '30' }, clock });
    await seedWorld(h);
    for (let i = 0; i < 3; i++) {
      const e = /E-\d+/.exec(
        await ok(h, wpsOfficer, '/engage', `ONS-WE age=${i ? '18-24' : 'under18'} gender=female offered=yes accepted=yes safety_ensured=yes area="Windsor" language=fr note="shelter info"`),
      )![0];
      await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=routine consent=yes note="afternoons"`);
    }
    await ok(h, wpsOfficer, '/charge', 'ONS-WE offences=279.01 note="vehicle seized"');
    const digestOf = async (code: string) => {
      const id = (await h.db.read((tx) => findOperation(tx, code)))!.id;
      return toDigestJson(await readDigest(h.db, id, clock.now()));
    };
    const before = { on: await digestOf('ONS-ON'), we: await digestOf('ONS-WE') };

    // 30 days after ONS-WE ends (Oct 13) nothing is due yet; the day after, it is.
    clock.set('2017-11-12T12:00:00-05:00');
    await h.liaison.runJobs();
    expect(await h.sql.value('SELECT count(*) FROM engagements WHERE note IS NOT NULL')).toBe(3);
    clock.set('2017-11-13T12:00:00-05:00');
    await h.liaison.runJobs();

    const leftovers = await h.sql.value(`SELECT (SELECT count(*) FROM engagements WHERE note IS NOT NULL OR area IS NOT NULL OR language IS NOT NULL OR gender != 'unknown')
              + (SELECT count(*) FROM referrals WHERE note IS NOT NULL OR decline_reason IS NOT NULL)
              + (SELECT count(*) FROM charges WHERE note IS NOT NULL)`,);
    expect(leftovers).toBe(0);
    expect({ on: await digestOf('ONS-ON'), we: await digestOf('ONS-WE') }).toEqual(before);
    expect(await h.sql.values("SELECT ref FROM audit_log WHERE action = 'retention.scrub' ORDER BY id")).toEqual(['op:ONS-WE']);
    expect((await verifyAudit(h.db)).ok).toBe(true);
    // The next day there is nothing left to do, and nothing more is written.
    clock.advance(DAY);
    await h.liaison.runJobs();
    expect(await h.sql.value("SELECT count(*) FROM audit_log WHERE action = 'retention.scrub'")).toBe(1);
  });
});

// Scheduled backups are SQLite's: on PostgreSQL the server's own backups are the rule (see src/jobs/backups.ts).
if (TEST_ENGINE === 'sqlite') {
describe('scheduled backups', () => {
  it('writes one backup a day, keeps the newest BACKUP_KEEP, and restores to a working Liaison', async () => {
    const backups = tempDir();
    const clock = new FakeClock('2017-10-11T20:00:00-04:00');
    const h = await Harness.start({ env: { ...ADMIN_ENV, BACKUP_DIR: backups, BACKUP_KEEP: '2' }, clock });
    await seedWorld(h);
    await h.liaison.runJobs();
    await h.liaison.runJobs();
    expect(readdirSync(backups)).toHaveLength(1);
    for (let day = 0; day < 3; day++) {
      await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes');
      clock.advance(DAY);
      await h.liaison.runJobs();
    }
    const files = readdirSync(backups).sort();
    expect(files).toEqual(['liaison-20171014T000000Z.db', 'liaison-20171015T000000Z.db']);
    const engagements = (await tableCounts(h)).engagements;
    await h.stop();

    // The restore drill: a fresh Liaison started on the newest copy serves the same records.
    const restored = join(tempDir(), 'restored.db');
    copyFileSync(join(backups, files.at(-1)!), restored);
    const r = await Harness.start({
      env: ADMIN_ENV,
      clock,
      database: { engine: 'sqlite', env: { DATABASE_PATH: restored }, settings: { engine: 'sqlite', path: restored }, drop: async () => {} },
    });
    expect(await sqlOf(r.db).value('PRAGMA integrity_check')).toBe('ok');
    expect((await verifyAudit(r.db)).ok).toBe(true);
    expect((await tableCounts(r)).engagements).toBe(engagements);
    expect(await ok(r, wpsOfficer, '/op', 'show ONS-WE')).toContain(`*Engaged ${engagements}*`);
    await r.stop();
  });
});
}

describe('rate limiting', () => {
  it('answers a person who sends commands too fast, clearly, storing nothing; others carry on', async () => {
    const h = await Harness.start({ env: { ...ADMIN_ENV, COMMAND_RATE_PER_MINUTE: '6' }, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    try {
      // The limit comes before anything else, registration included: six a minute, five at once.
      const answers: string[] = [];
      for (let i = 0; i < 7; i++) answers.push(await say(h, wpsCoordinator, '/agency', 'list'));
      expect(answers.slice(0, 5).every((a) => !a.includes('faster'))).toBe(true);
      expect(answers.at(-1)).toMatch(/^You are sending commands faster than Liaison accepts them\. Nothing was stored; please wait \d+ s/);
      const before = await tableCounts(h);
      expect(await say(h, wpsCoordinator, '/agency', 'add ZZ "Zed" kind=other')).toContain('faster');
      expect(await tableCounts(h)).toEqual(before);
      expect(await say(h, wefightCoordinator, '/agency', 'list')).not.toContain('faster');
    } finally {
      await h.stop();
    }
  });
});

describe('requests sent twice', () => {
  it('handles a replayed command (same trigger_id, validly signed) and a Slack retry once', async () => {
    const h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    try {
      await seedWorld(h);
      const body = new URLSearchParams({
        team_id: wpsOfficer.teamId,
        user_id: wpsOfficer.userId,
        command: '/engage',
        text: 'ONS-WE age=18-24 gender=female offered=yes accepted=yes',
        channel_id: 'CGENERAL',
        response_url: h.slack.responseUrl('replay'),
        trigger_id: 'trigger-replayed-1',
      }).toString();
      const type = 'application/x-www-form-urlencoded';
      const first = await h.post(body, { 'content-type': type, ...signatureHeaders(body) });
      expect(String(first.json?.text)).toMatch(/Logged \*E-\d+\*/);
      const before = await tableCounts(h);
      const replay = await h.post(body, { 'content-type': type, ...signatureHeaders(body) });
      expect(replay.status).toBe(200);
      const retry = await h.post(body, { 'content-type': type, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout', ...signatureHeaders(body) });
      expect(retry.status).toBe(200);
      expect(await tableCounts(h)).toEqual(before);
      expect(h.logs.filter((l) => l.includes('repeated request dropped'))).toHaveLength(2);
    } finally {
      await h.stop();
    }
  });

  it('changes a referral once for fifty concurrent clicks', async () => {
    const h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    try {
      await seedWorld(h);
      const e = /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes'))![0];
      const ref = /R-\d+/.exec(await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=urgent consent=yes`))![0];
      // The card is posted as a line, then drawn with its details and buttons: wait for the drawing.
      await expect.poll(() => h.slack.channelMessages(INTAKE_CHANNEL).some((m) => m.text.includes(`${ref} `) && buttonsOf(m).length > 0)).toBe(true);
      const card = structuredClone(h.slack.channelMessages(INTAKE_CHANNEL).find((m) => m.text.includes(`${ref} `))!);
      const value = JSON.stringify({ referral: Number(ref.slice(2)) });
      const answers = await Promise.all(Array.from({ length: 50 }, () => h.click(wefightCoordinator, { actionId: 'referral_accept', value }, card)));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(await h.sql.value("SELECT count(*) FROM referral_events WHERE to_status = 'accepted'")).toBe(1);
      await expect.poll(() => h.slack.callsTo('response_url').filter((c) => String(c.args.text).includes(`${ref} was already accepted`)).length).toBe(49);
    } finally {
      await h.stop();
    }
  });
});
