// Crash safety: the real app (`node --import tsx src/main.ts`, HTTP mode) is killed with SIGKILL
// at random points of a stream of signed /engage, /refer and Accept requests, and restarted each
// time. Whatever Slack was told exists (an HTTP 200 carrying the reference) must be on disk after
// every restart, whole: its audit row, its first event, a status that matches its last event.
// Set CRASH_SEED to replay a run's choices (timing still varies with the machine).
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { runCli } from '../../src/cli.js';
import { dueDigests } from '../../src/domain/digest-runs.js';
import { buttonsOf, FakeSlack, type StoredMessage } from '../helpers/fake-slack.js';
import { BOT_TOKEN, type Harness, SIGNING_SECRET, type TestUser } from '../helpers/harness.js';
import { ADMIN_ENV, DIGEST_CHANNEL, INTAKE_CHANNEL, admin, ckpsOfficer, intakeWorker, ok, seedWorld, wpsOfficer } from '../helpers/world.js';
import { AppProcess, freePort, sleep } from '../helpers/app-process.js';
import { HoldingProxy } from './holding-proxy.js';
import { rollupProblems } from './invariants.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { SignedClient, signedHeaders } from './signed-client.js';
import { sqlOf } from '../helpers/sql.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const KILLS = 22;
const WORKERS = 3;
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

const AGES = ['under18', '18-24', '25-34', '35-44', '45plus', 'unknown'] as const;
const GENDERS = ['female', 'male', 'nonbinary', 'unknown'] as const;
const URGENCIES = ['routine', 'urgent', 'immediate'] as const;

interface AckedEngagement {
  id: number;
  user: TestUser;
  age: string;
  gender: string;
}
interface AckedReferral {
  id: number;
  engagementId: number;
  user: TestUser;
  urgency: string;
}

/** What Slack was told exists: every reference whose reply came back, every Accept answered 200. */
class Ledger {
  readonly engagements = new Map<number, AckedEngagement>();
  readonly referrals = new Map<number, AckedReferral>();
  /** Referral ids whose Accept click was answered 200, with the click's response_url id. */
  readonly accepts = new Map<number, string[]>();
  failedInFlight = 0;
  refusedOrOther = 0;
  get acknowledged(): number {
    return this.engagements.size + this.referrals.size + this.accepts.size;
  }
}

/** Everything the database must satisfy after a crash, as a list of human-readable problems. */
async function checkDatabase(database: TestDatabase, ledger: Ledger): Promise<{ problems: string[]; lost: number; checked: number }> {
  const problems: string[] = [];
  let lost = 0;
  const db = openDatabase(database.settings);
  const sql = sqlOf(db);
  try {
    if (db.engine === 'sqlite') {
      const integrity = await sql.value('PRAGMA integrity_check');
      if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
      const fk = await sql.all('PRAGMA foreign_key_check');
      if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
    }

    for (const e of ledger.engagements.values()) {
      const row = await sql.get<{ age_band: string; gender: string; officer_user_id: string }>('SELECT id, age_band, gender, officer_user_id FROM engagements WHERE id = ?', e.id);
      if (!row) {
        lost++;
        problems.push(`E-${e.id} was acknowledged but is not in the database`);
      } else if (row.age_band !== e.age || row.gender !== e.gender || row.officer_user_id !== e.user.userId) {
        problems.push(`E-${e.id} is not the engagement that was acknowledged: ${JSON.stringify(row)} vs ${JSON.stringify(e)}`);
      }
    }
    for (const r of ledger.referrals.values()) {
      const row = await sql.get<{ engagement_id: number; urgency: string; referrer_user_id: string }>(
        'SELECT id, engagement_id, urgency, referrer_user_id, status FROM referrals WHERE id = ?',
        r.id,
      );
      if (!row) {
        lost++;
        problems.push(`R-${r.id} was acknowledged but is not in the database`);
      } else if (row.engagement_id !== r.engagementId || row.urgency !== r.urgency || row.referrer_user_id !== r.user.userId) {
        problems.push(`R-${r.id} is not the referral that was acknowledged: ${JSON.stringify(row)} vs ${JSON.stringify(r)}`);
      }
    }
    for (const [id, clicks] of ledger.accepts) {
      const s = await sql.value<string>('SELECT status FROM referrals WHERE id = ?', id);
      if (s === undefined || s === 'pending') {
        lost++;
        problems.push(`R-${id}: an Accept was answered 200 (clicks ${clicks.join(', ')}) but the referral is ${s ?? 'missing'}`);
      }
    }

    // No half-written record: each record has its audit row; each audit row its record.
    const orphanEngagements = await sql.values(
      `SELECT e.id FROM engagements e WHERE (SELECT count(*) FROM audit_log a WHERE a.action = 'engagement.log' AND a.ref = 'E-' || e.id) != 1`,
    );
    if (orphanEngagements.length) problems.push(`engagements without exactly one engagement.log audit row: ${orphanEngagements.join(', ')}`);
    const auditWithoutEngagement = await sql.values(
      `SELECT ref FROM audit_log a WHERE action = 'engagement.log' AND NOT EXISTS (SELECT 1 FROM engagements e WHERE 'E-' || e.id = a.ref)`,
    );
    if (auditWithoutEngagement.length) problems.push(`engagement.log audit rows without an engagement: ${auditWithoutEngagement.join(', ')}`);
    const badReferrals = await sql.all<{ id: number; status: string; consent: number; creates: number; first_ok: number | null; last_status: string | null; events: number; transitions: number }>(
      `SELECT r.id, r.status, r.consent,
         (SELECT count(*) FROM audit_log a WHERE a.action = 'referral.create' AND a.ref = 'R-' || r.id) AS creates,
         (SELECT from_status IS NULL AND to_status = 'pending' FROM referral_events v WHERE v.referral_id = r.id ORDER BY v.id LIMIT 1) AS first_ok,
         (SELECT to_status FROM referral_events v WHERE v.referral_id = r.id ORDER BY v.id DESC LIMIT 1) AS last_status,
         (SELECT count(*) FROM referral_events v WHERE v.referral_id = r.id) AS events,
         (SELECT count(*) FROM audit_log a WHERE a.ref = 'R-' || r.id AND a.action IN ('referral.accept', 'referral.decline', 'referral.close')) AS transitions
       FROM referrals r`,
    );
    for (const r of badReferrals) {
      if (r.creates !== 1) problems.push(`R-${r.id} has ${r.creates} referral.create audit rows`);
      if (r.first_ok !== 1) problems.push(`R-${r.id} does not start with a (null → pending) event`);
      if (r.last_status !== r.status) problems.push(`R-${r.id} is ${r.status} but its last event says ${r.last_status}`);
      if (r.consent !== 1) problems.push(`R-${r.id} has consent ${r.consent}`);
      if (r.events - 1 !== r.transitions) problems.push(`R-${r.id} has ${r.events} events but ${r.transitions} transition audit rows`);
    }
    const auditWithoutReferral = await sql.values(
      `SELECT ref FROM audit_log a WHERE action LIKE 'referral.%' AND NOT EXISTS (SELECT 1 FROM referrals r WHERE 'R-' || r.id = a.ref)`,
    );
    if (auditWithoutReferral.length) problems.push(`referral audit rows without a referral: ${auditWithoutReferral.join(', ')}`);
    // The digest's rollups are written by triggers in the same transactions: a crash cannot split them from their rows.
    problems.push(...(await rollupProblems(sql)));
  } finally {
    await db.close();
  }
  return { problems, lost, checked: ledger.acknowledged };
}

async function auditVerify(database: TestDatabase): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['audit', 'verify'], database.env, { out: (t) => (out += t), err: (t) => (out += t) });
  return { code, out: out.trim() };
}

describe('crash safety', () => {
  let database: TestDatabase | undefined;
  let slack: FakeSlack | undefined;
  let app: AppProcess | undefined;
  afterAll(async () => {
    if (app && app.child.exitCode === null && app.child.signalCode === null) await app.kill();
    await slack?.stop();
    await database?.drop();
  });

  it(`keeps every acknowledged record through ${KILLS} SIGKILLs (seed ${SEED})`, async () => {
    const began = Date.now();
    console.log(`crash-safety: seed ${SEED} (CRASH_SEED=${SEED} replays the choices)`);
    const random = seededRandom(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    slack = await new FakeSlack().start();
    database = await createTestDatabase();
    const port = await freePort();
    const client = new SignedClient(() => `http://127.0.0.1:${port}`, slack, 5_000);
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      ...database.env,
      PORT: String(port),
      BOOTSTRAP_ADMINS: ADMIN_ENV.BOOTSTRAP_ADMINS,
      LOG_LEVEL: 'info',
      // The stream is a script, not a person: the per-person command limit would refuse most of it.
      COMMAND_RATE_PER_MINUTE: '0',
    };

    const ledger = new Ledger();
    const problems: string[] = [];
    const startTimes: number[] = [];
    let lost = 0;
    let checks = 0;
    let requestsSent = 0;

    app = AppProcess.start(env);
    startTimes.push(await app.waitHealthy(client));
    // The cast and the operation, set up once, as people would in Slack.
    const seeder = { command: (user: TestUser, command: string, text: string) => client.command(user, command, text) } as unknown as Harness;
    await seedWorld(seeder);
    // The world's operations are from 2017, past retention: the retention job would rightly scrub the gender,
    // area and note of what the stream logs there. The stream logs in an operation running today.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await ok(seeder, admin, '/op', `create ONS-NOW "Northern Spotlight now" start=${day(-2)} end=${day(30)} lead=WPS`);
    for (const agency of ['WPS', 'CKPS', 'WEFIGHT']) await ok(seeder, admin, '/op', `join ONS-NOW ${agency} officers=4`);

    const officers = [wpsOfficer, ckpsOfficer];
    const engage = async (): Promise<void> => {
      const user = pick(officers);
      const age = pick(AGES);
      const gender = pick(GENDERS);
      const answer = await client.command(user, '/engage', `ONS-NOW age=${age} gender=${gender} offered=yes accepted=yes area="Windsor downtown" language=en`);
      const ref = /^Logged \*E-(\d+)\*/.exec(String(answer.json?.text ?? ''));
      if (answer.status === 200 && ref) ledger.engagements.set(Number(ref[1]), { id: Number(ref[1]), user, age, gender });
      else ledger.refusedOrOther++;
    };
    const refer = async (): Promise<void> => {
      const engagements = [...ledger.engagements.values()];
      if (engagements.length === 0) return engage();
      const e = pick(engagements);
      const urgency = pick(URGENCIES);
      const answer = await client.command(e.user, '/refer', `E-${e.id} to=WEFIGHT needs=shelter,counselling urgency=${urgency} consent=yes`);
      const ref = /^Referred \*R-(\d+)\*/.exec(String(answer.json?.text ?? ''));
      if (answer.status === 200 && ref) ledger.referrals.set(Number(ref[1]), { id: Number(ref[1]), engagementId: e.id, user: e.user, urgency });
      else ledger.refusedOrOther++;
    };
    const accept = async (): Promise<void> => {
      const cards = slack!.channelMessages(INTAKE_CHANNEL).filter((m) => buttonsOf(m).some((b) => b.text.text === 'Accept'));
      if (cards.length === 0) return refer();
      const card = structuredClone(pick(cards));
      const button = buttonsOf(card).find((b) => b.text.text === 'Accept')!;
      const id = client.nextId('accept');
      const answer = await client.interact(
        client.buttonPayload(intakeWorker, { actionId: button.action_id, value: button.value }, { channel: card.channel, ts: card.ts, blocks: card.blocks }, id),
      );
      const referralId = (JSON.parse(button.value) as { referral: number }).referral;
      if (answer.status === 200) ledger.accepts.set(referralId, [...(ledger.accepts.get(referralId) ?? []), id]);
      else ledger.refusedOrOther++;
    };

    for (let kill = 1; kill <= KILLS; kill++) {
      if (kill > 1) {
        app = AppProcess.start(env);
        startTimes.push(await app.waitHealthy(client));
      }
      // The stream: a few Slack clients at once, until the process dies under them.
      let stopped = false;
      const worker = async () => {
        while (!stopped) {
          const roll = random();
          requestsSent++;
          try {
            await (roll < 0.45 ? engage() : roll < 0.75 ? refer() : accept());
          } catch {
            // In flight when the process died (or sent after): never acknowledged, so never promised.
            ledger.failedInFlight++;
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, worker);
      // Some kills land on the first requests, most in the thick of the stream.
      const delay = random() < 0.3 ? Math.floor(random() * 120) : 120 + Math.floor(random() * 900);
      await sleep(delay);
      stopped = true;
      await app.kill('SIGKILL');
      await Promise.all(workers);

      const verdict = await checkDatabase(database, ledger);
      checks += verdict.checked;
      lost += verdict.lost;
      problems.push(...verdict.problems.map((p) => `after kill ${kill}: ${p}`));
      const audit = await auditVerify(database);
      if (audit.code !== 0) problems.push(`after kill ${kill}: audit verify exited ${audit.code}: ${audit.out}`);
    }

    // A last restart: it comes back, and a clean stop leaves the same guarantees.
    app = AppProcess.start(env);
    startTimes.push(await app.waitHealthy(client));
    await app.kill('SIGTERM');
    const final = await checkDatabase(database, ledger);
    lost += final.lost;
    problems.push(...final.problems.map((p) => `after the final stop: ${p}`));
    const audit = await auditVerify(database);
    if (audit.code !== 0) problems.push(`after the final stop: audit verify exited ${audit.code}: ${audit.out}`);

    // Observations (not promises of the contract): cards posted twice, or still queued.
    // Each post of a card, with the buttons it carried when posted (Accept/Decline: pending; Close: accepted).
    const posts = slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === INTAKE_CHANNEL && !c.args.thread_ts)
      .map((c) => ({
        ref: /Referral (R-\d+)/.exec(JSON.stringify(c.args.blocks))?.[1] ?? '?',
        buttons: buttonsOf({ blocks: (c.args.blocks as unknown[]) ?? [] } as StoredMessage).map((b) => b.text.text).join('/'),
      }));
    const postedTwice = [...new Set(posts.map((p) => p.ref).filter((ref, i, all) => all.indexOf(ref) !== i))].map((ref) => ({
      ref,
      posts: posts.filter((p) => p.ref === ref).map((p) => p.buttons || 'none'),
    }));
    const db = openDatabase(database.settings);
    const queued = await sqlOf(db).value<number>('SELECT count(*) FROM referrals WHERE card_ts IS NULL');
    const totals = await sqlOf(db).get('SELECT (SELECT count(*) FROM engagements) AS e, (SELECT count(*) FROM referrals) AS r, (SELECT count(*) FROM audit_log) AS a');
    await db.close();

    const summary = {
      seed: SEED,
      kills: KILLS,
      requestsSent,
      acknowledged: {
        engagements: ledger.engagements.size,
        referrals: ledger.referrals.size,
        accepts: ledger.accepts.size,
        total: ledger.acknowledged,
      },
      acknowledgedRecordChecks: checks,
      lost,
      failedInFlight: ledger.failedInFlight,
      refusedOrOther: ledger.refusedOrOther,
      inDatabase: totals,
      cardsPostedTwice: postedTwice,
      cardsStillQueued: queued,
      startMs: { min: Math.min(...startTimes), max: Math.max(...startTimes) },
      seconds: Math.round((Date.now() - began) / 100) / 10,
    };
    console.log(`crash-safety summary: ${JSON.stringify(summary)}`);

    expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
    expect(KILLS).toBeGreaterThanOrEqual(20);
    expect(ledger.engagements.size).toBeGreaterThan(0);
    expect(ledger.referrals.size).toBeGreaterThan(0);
    expect(ledger.accepts.size).toBeGreaterThan(0);
    expect(lost).toBe(0);
  }, 180_000);

  describe('a referral card posted just before a crash', () => {
    let cardDatabase: TestDatabase | undefined;
    let cardSlack: FakeSlack | undefined;
    let proxy: HoldingProxy | undefined;
    let cardApp: AppProcess | undefined;
    let cardClient: SignedClient | undefined;
    let ref = '';
    afterAll(async () => {
      if (cardApp && cardApp.child.exitCode === null && cardApp.child.signalCode === null) await cardApp.kill();
      await proxy?.stop();
      await cardSlack?.stop();
      await cardDatabase?.drop();
    });
    const cardsOf = (r: string) => cardSlack!.channelMessages(INTAKE_CHANNEL).filter((m) => m.text.includes(`${r} `));

    it('reaches Slack, but the app dies before it learns the card’s ts', async () => {
      cardSlack = await new FakeSlack().start();
      cardDatabase = await createTestDatabase();
      proxy = await new HoldingProxy(`http://127.0.0.1:${cardSlack.port}`).start();
      const port = await freePort();
      cardClient = new SignedClient(() => `http://127.0.0.1:${port}`, cardSlack, 5_000);
      const env = {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: proxy.apiUrl,
        // Short, so the dead instance's claim on the card (8 × this + 10 s) runs out within the test.
        SLACK_API_TIMEOUT_MS: '250',
        ...cardDatabase.env,
        PORT: String(port),
        BOOTSTRAP_ADMINS: ADMIN_ENV.BOOTSTRAP_ADMINS,
        COMMAND_RATE_PER_MINUTE: '0',
      };
      cardApp = AppProcess.start(env);
      await cardApp.waitHealthy(cardClient);
      const h = { command: (user: TestUser, command: string, text: string) => cardClient!.command(user, command, text) } as unknown as Harness;
      await seedWorld(h);
      // Slack stores the card; its answer (with the ts) never comes back, nor any retry's.
      proxy.hold = (method, body) => method === 'chat.postMessage' && body.includes(INTAKE_CHANNEL);
      const e = /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes area="Windsor" at=2017-10-11T21:00'))![0];
      ref = /R-\d+/.exec(await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=urgent consent=yes`))![0];
      await expect.poll(() => proxy!.heldCalls.length).toBeGreaterThanOrEqual(1);
      expect(cardsOf(ref).length).toBeGreaterThanOrEqual(1);
      await cardApp.kill('SIGKILL');
      proxy.hold = () => false;
      cardApp = AppProcess.start(env);
      await cardApp.waitHealthy(cardClient);
    }, 30_000);

    // Liaison cannot tell an interrupted post that reached Slack from one that did not, and a lost
    // card is worse than an extra line. The first post is only a line without buttons: once the dead
    // instance's claim on the card runs out, the card job posts again and draws the card into the
    // new message. The orphaned line never gets buttons, so there is one live card, and one click.
    it('is drawn once after the restart: one live card, the lost first post a line without buttons', async () => {
      await expect.poll(() => cardsOf(ref).filter((m) => buttonsOf(m).length > 0).length, { timeout: 80_000, interval: 500 }).toBe(1);
      const live = () => cardsOf(ref).find((m) => buttonsOf(m).length > 0)!;
      const card = structuredClone(live());
      const accept = buttonsOf(card).find((b) => b.text.text === 'Accept')!;
      const answer = await cardClient!.interact(
        cardClient!.buttonPayload(intakeWorker, { actionId: accept.action_id, value: accept.value }, { channel: card.channel, ts: card.ts, blocks: card.blocks }),
      );
      expect(answer.status).toBe(200);
      await expect.poll(() => buttonsOf(live()).map((b) => b.text.text)).toEqual(['Close']);
      // Every other copy is the one-line announcement, without buttons.
      const others = cardsOf(ref).filter((m) => m.ts !== card.ts);
      expect(others.length).toBeGreaterThanOrEqual(1);
      expect(others.flatMap((m) => buttonsOf(m))).toEqual([]);
    }, 90_000);
  });

  describe('a digest post cut short by a crash', () => {
    let digestDatabase: TestDatabase | undefined;
    let digestSlack: FakeSlack | undefined;
    let digestApp: AppProcess | undefined;
    let digestClient: SignedClient | undefined;
    let env: Record<string, string> = {};
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    // Today's digest is due an hour from now (UTC), so only the manual post can have claimed it.
    const dueAt = new Date(Math.min(Date.now() + 3_600_000, Date.parse(`${day(0)}T23:59:00Z`)));
    const digestTime = dueAt.toISOString().slice(11, 16);
    afterAll(async () => {
      if (digestApp && digestApp.child.exitCode === null && digestApp.child.signalCode === null) await digestApp.kill();
      await digestSlack?.stop();
      await digestDatabase?.drop();
    });

    it('claims the day’s digest with /digest post, acknowledges it, and dies before Slack answers', async () => {
      digestSlack = await new FakeSlack().start();
      digestDatabase = await createTestDatabase();
      const port = await freePort();
      digestClient = new SignedClient(() => `http://127.0.0.1:${port}`, digestSlack, 5_000);
      env = {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: digestSlack.apiUrl,
        ...digestDatabase.env,
        PORT: String(port),
        BOOTSTRAP_ADMINS: ADMIN_ENV.BOOTSTRAP_ADMINS,
        COMMAND_RATE_PER_MINUTE: '0',
        // A claim older than three Web API timeouts counts as cut short: 3 × 100 ms is well under
        // the ≈ 0.8 s a restart takes, so the restarted app's first tick sees it.
        SLACK_API_TIMEOUT_MS: '100',
      };
      digestApp = AppProcess.start(env);
      await digestApp.waitHealthy(digestClient);
      const h = { command: (user: TestUser, command: string, text: string) => digestClient!.command(user, command, text) } as unknown as Harness;
      await ok(h, admin, '/agency', 'add WPS "Windsor Police Service" kind=police');
      await ok(h, admin, '/op', `create TODAY "Today" start=${day(-1)} end=${day(1)} lead=WPS tz=UTC digest=<#${DIGEST_CHANNEL}|digest> digest_time=${digestTime}`);
      digestSlack.failNext('chat.postMessage', { hang: true });
      expect(await ok(h, admin, '/digest', 'TODAY post')).toContain('Posting the TODAY digest now');
      await expect.poll(() => digestSlack!.callsTo('chat.postMessage').some((c) => c.args.channel === DIGEST_CHANNEL)).toBe(true);
      await digestApp.kill('SIGKILL');
      digestApp = AppProcess.start(env);
      await digestApp.waitHealthy(digestClient);
      await sleep(500);
    }, 30_000);

    // A run a crash left claimed is marked unknown at the next tick and the people responsible are told.
    it('is posted after the restart, or left due, or reported: never silently lost', async () => {
      const db = openDatabase(digestDatabase!.settings);
      try {
        const state = async () => {
          const run = await sqlOf(db).value<string>('SELECT status FROM digest_runs WHERE local_date = ?', day(0));
          const posted = digestSlack!.channelMessages(DIGEST_CHANNEL).length > 0;
          const due = await db.read((tx) => dueDigests(tx, Math.max(dueAt.getTime(), Date.now()) + 60_000));
          return { run, posted, stillDue: due.some((d) => d.operationCode === 'TODAY') };
        };
        // The restarted app's first tick finds the interrupted run.
        await expect.poll(state, { timeout: 10_000 }).not.toMatchObject({ run: 'claimed', posted: false, stillDue: false });
        if ((await state()).run === 'unknown') {
          await expect.poll(() => digestSlack!.callsTo('chat.postMessage').some((c) => String(c.args.text).includes('may or may not have reached'))).toBe(true);
        }
      } finally {
        await db.close();
      }
    }, 15_000);
  });

  describe('a signed request whose payload is JSON null', () => {
    let nullDatabase: TestDatabase | undefined;
    let nullSlack: FakeSlack | undefined;
    let nullApp: AppProcess | undefined;
    let nullClient: SignedClient | undefined;
    afterAll(async () => {
      if (nullApp && nullApp.child.exitCode === null && nullApp.child.signalCode === null) await nullApp.kill();
      await nullSlack?.stop();
      await nullDatabase?.drop();
    });

    it('starts a fresh app to send it to', async () => {
      nullSlack = await new FakeSlack().start();
      nullDatabase = await createTestDatabase();
      const port = await freePort();
      nullClient = new SignedClient(() => `http://127.0.0.1:${port}`, nullSlack, 5_000);
      nullApp = AppProcess.start({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: nullSlack.apiUrl,
        ...nullDatabase.env,
        PORT: String(port),
        BOOTSTRAP_ADMINS: ADMIN_ENV.BOOTSTRAP_ADMINS,
      });
      await nullApp.waitHealthy(nullClient);
    }, 30_000);

    // Bolt reads `body.ssl_check` of the parsed body unchecked; Liaison refuses non-object bodies first.
    it('is answered with a 4xx and the app keeps serving', async () => {
      const body = 'payload=null';
      const answer = await nullClient!.post(body, signedHeaders(body, 'application/x-www-form-urlencoded'), 4_000);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      await sleep(300);
      expect(await nullClient!.healthz()).toBe(200);
    }, 15_000);
  });
});
