// Several Liaison instances on one PostgreSQL database behave as one Liaison. Two real app
// processes (`node --import tsx src/main.ts`) answer signed requests in turn, as behind a load
// balancer: started together on an empty database, they migrate it once; the 2017 operation logged
// through both gives the report's figures; concurrent clicks, a request delivered to both, and one
// person's burst across both are handled as one instance would; one killed with SIGKILL mid-burst
// loses nothing it acknowledged. The schedulers run in-process with a shared fake clock, over two
// days with a daylight-saving change: each digest, reminder and card is posted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import type { Database } from '../../db/database.js';
import { parseConfig } from '../../src/config.js';
import { verifyAudit } from '../../src/domain/audit.js';
import { type RunningLiaison, startLiaison } from '../../src/liaison.js';
import { createLogger } from '../../src/logger.js';
import { runCli } from '../../src/cli.js';
import { AppProcess, freePort, sleep } from '../helpers/app-process.js';
import { buttonsOf, FakeSlack } from '../helpers/fake-slack.js';
import { BOT_TOKEN, FakeClock, type Harness, SIGNING_SECRET, type TestUser } from '../helpers/harness.js';
import { sqlOf } from '../helpers/sql.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { ADMIN_ENV, admin, INTAKE_CHANNEL, intakeWorker, ok, wefightCoordinator, wpsOfficer } from '../helpers/world.js';
import { SignedClient } from '../reliability/signed-client.js';

const DAY = 86_400_000;
const isoDay = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** Two instances of the real app on one database, and a client that sends each request to the next one in turn. */
class Pair {
  private turn = 0;
  readonly clients: [SignedClient, SignedClient];
  /** Sends through the instances in turn, as a load balancer would. */
  readonly client: SignedClient;
  private constructor(
    readonly apps: [AppProcess, AppProcess],
    ports: [number, number],
    readonly slack: FakeSlack,
  ) {
    this.clients = [new SignedClient(() => `http://127.0.0.1:${ports[0]}`, slack, 10_000), new SignedClient(() => `http://127.0.0.1:${ports[1]}`, slack, 10_000)];
    this.client = new SignedClient(() => `http://127.0.0.1:${ports[this.turn++ % 2]}`, slack, 10_000);
  }

  static async start(database: TestDatabase, slack: FakeSlack, env: Record<string, string> = {}): Promise<Pair> {
    const ports: [number, number] = [await freePort(), await freePort()];
    const envFor = (port: number) => ({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      BOOTSTRAP_ADMINS: ADMIN_ENV.BOOTSTRAP_ADMINS,
      LOG_LEVEL: 'warn',
      COMMAND_RATE_PER_MINUTE: '0',
      ...database.env,
      ...env,
    });
    // Both at once: neither waits for the other to have migrated.
    const apps: [AppProcess, AppProcess] = [AppProcess.start(envFor(ports[0])), AppProcess.start(envFor(ports[1]))];
    const pair = new Pair(apps, ports, slack);
    await Promise.all(apps.map((app, i) => app.waitHealthy(pair.clients[i]!, 40_000)));
    return pair;
  }

  /** What a seeding script needs: commands sent to the instances in turn. */
  get asHarness(): Harness {
    return { command: (user: TestUser, command: string, text: string) => this.client.command(user, command, text) } as unknown as Harness;
  }

  async stop(): Promise<void> {
    for (const app of this.apps) if (app.child.exitCode === null && app.child.signalCode === null) await app.kill('SIGTERM');
  }
}

async function cliJson(database: TestDatabase, code: string): Promise<Record<string, unknown>> {
  let out = '';
  expect(await runCli(['digest', code, '--json'], database.env, { out: (t) => (out += t), err: (t) => (out += t) })).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

describe('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let pair: Pair;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase('pg', { empty: true });
    slack = await new FakeSlack().start();
    pair = await Pair.start(database, slack);
    db = openDatabase(database.settings);
  }, 60_000);
  afterAll(async () => {
    await pair?.stop();
    await db?.close();
    await slack?.stop();
    await database?.drop();
  });

  it('start together on an empty database, which they migrate once', async () => {
    const sql = sqlOf(db);
    const migrations = await sql.values<string>('SELECT hash FROM drizzle.__drizzle_migrations');
    expect(new Set(migrations).size).toBe(migrations.length);
    expect(migrations.length).toBeGreaterThan(0);
    expect(await Promise.all(pair.clients.map((c) => c.healthz()))).toEqual([200, 200]);
  });

  describe('the 2017 operation, logged through both', () => {
    const LOCAL_POLICE = ['WPS', 'CKPS', 'OPP-ESSEX', 'APS', 'LPS'];
    const OTHER_POLICE = Array.from({ length: 40 }, (_, i) => `ON-PS${String(i + 1).padStart(2, '0')}`);
    const officerOf = (code: string): TestUser => ({ teamId: 'T0TEAM', userId: `U0OF${code.replace(/-/g, '')}` });

    beforeAll(async () => {
      const h = pair.asHarness;
      await ok(h, admin, '/agency', 'add OPP "Ontario Provincial Police" kind=police');
      for (const code of [...LOCAL_POLICE, ...OTHER_POLICE]) await ok(h, admin, '/agency', `add ${code} "Police service ${code}" kind=police`);
      await ok(h, admin, '/agency', `add WEFIGHT "WEFiGHT" kind=advocacy intake=<#${INTAKE_CHANNEL}|intake>`);
      for (const code of LOCAL_POLICE) await ok(h, admin, '/agency', `member ${officerOf(code).userId} ${code} role=officer`);
      // Dated around today: the instances run on the real clock.
      await ok(h, admin, '/op', `create ONS-ON "Northern Spotlight Ontario" start=${isoDay(-3)} end=${isoDay(3)} lead=OPP`);
      await ok(h, admin, '/op', `create ONS-WE "Northern Spotlight Windsor-Essex" start=${isoDay(-2)} end=${isoDay(1)} lead=WPS parent=ONS-ON`);
      await ok(h, admin, '/op', 'join ONS-ON OPP officers=40 support_staff=10 victim_services=5');
      await ok(h, admin, '/op', 'join ONS-ON WPS officers=8');
      await ok(h, admin, '/op', 'join ONS-WE WPS officers=12 support_staff=2 victim_services=1');
      await ok(h, admin, '/op', 'join ONS-WE CKPS officers=8 support_staff=2');
      await ok(h, admin, '/op', 'join ONS-WE OPP-ESSEX officers=8');
      await ok(h, admin, '/op', 'join ONS-WE APS officers=4');
      await ok(h, admin, '/op', 'join ONS-WE LPS officers=4');
      await ok(h, admin, '/op', 'join ONS-WE WEFIGHT');
      for (const [i, code] of OTHER_POLICE.entries()) await ok(h, admin, '/op', `join ONS-ON ${code} officers=${i < 35 ? 5 : 4} support_staff=1`);
      // Locally 13 engaged, 11 accepted; across the province 198 in all; 12 people charged with 21 offences.
      for (let i = 0; i < 13; i++) {
        const code = LOCAL_POLICE[i % LOCAL_POLICE.length]!;
        await ok(h, officerOf(code), '/engage', `ONS-WE age=${i < 2 ? 'under18' : '18-24'} gender=female offered=yes accepted=${i < 11 ? 'yes' : 'no'}`);
      }
      for (let i = 0; i < 185; i++) {
        await ok(h, admin, '/engage', `ONS-ON age=25-34 gender=female offered=yes accepted=${i % 3 ? 'yes' : 'no'} agency=${OTHER_POLICE[i % OTHER_POLICE.length]}`);
      }
      for (let i = 0; i < 12; i++) {
        const offences = i < 9 ? '279.01,286.2' : '286.3';
        if (i < 3) await ok(h, officerOf('WPS'), '/charge', `ONS-WE offences=${offences}`);
        else await ok(h, admin, '/charge', `ONS-ON offences=${offences} agency=${OTHER_POLICE[i]}`);
      }
    }, 180_000);

    it('gives the report’s figures from `npm run cli -- digest --json`', async () => {
      expect(await cliJson(database, 'ONS-WE')).toMatchObject({ operation: 'ONS-WE', engaged: 13, offered: 13, accepted: 11, minors: 2, agencies: 6 });
      expect(await cliJson(database, 'ONS-ON')).toMatchObject({ operation: 'ONS-ON', engaged: 198, personnel: 331, charged_people: 12, offences: 21, agencies: 47 });
    });

    it('keeps one unbroken audit chain, written by both', async () => {
      const verdict = await verifyAudit(db);
      expect(verdict).toMatchObject({ ok: true });
      expect(verdict.rows).toBeGreaterThan(300);
    });
  });

  describe('what must happen once', () => {
    const officer: TestUser = { teamId: 'T0TEAM', userId: 'U0NOWOFF' };
    const intake: TestUser = { teamId: 'T0TEAM', userId: 'U0NOWINTAKE' };
    const INTAKE = 'C0NOWINTAKE';
    const cardOf = (ref: string) => slack.channelMessages(INTAKE).find((m) => m.text.includes(`${ref} `));
    const engagements = async () => Number(await sqlOf(db).value('SELECT count(*) FROM engagements'));

    beforeAll(async () => {
      const h = pair.asHarness;
      await ok(h, admin, '/agency', 'add NOWPS "Police now" kind=police');
      await ok(h, admin, '/agency', `add NOWAG "Advocates now" kind=advocacy intake=<#${INTAKE}|intake>`);
      await ok(h, admin, '/agency', `member ${officer.userId} NOWPS role=officer`);
      await ok(h, admin, '/agency', `member ${intake.userId} NOWAG role=intake`);
      await ok(h, admin, '/op', `create NOW "Running now" start=${isoDay(-2)} end=${isoDay(2)} lead=NOWPS`);
      await ok(h, admin, '/op', 'join NOW NOWAG');
    }, 60_000);

    it('makes one transition and one direct message of fifty concurrent clicks split across both', async () => {
      const h = pair.asHarness;
      const e = /E-\d+/.exec(await ok(h, officer, '/engage', 'NOW age=18-24 gender=female offered=yes accepted=yes'))![0];
      const ref = /R-\d+/.exec(await ok(h, officer, '/refer', `${e} to=NOWAG needs=shelter urgency=urgent consent=yes`))![0];
      await expect.poll(() => cardOf(ref), { timeout: 10_000 }).toBeTruthy();
      const card = structuredClone(cardOf(ref)!);
      const accept = buttonsOf(card).find((b) => b.text.text === 'Accept')!;
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          pair.clients[i % 2]!.interact(pair.clients[i % 2]!.buttonPayload(intake, { actionId: accept.action_id, value: accept.value }, card)),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
      const id = Number(ref.slice(2));
      expect(await sqlOf(db).value("SELECT count(*) FROM referral_events WHERE referral_id = ? AND to_status = 'accepted'", id)).toBe(1);
      const accepted = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === officer.userId && String(c.args.text).includes(`*${ref}*`) && String(c.args.text).includes('Accepted'));
      await expect.poll(() => accepted().length, { timeout: 10_000 }).toBe(1);
      await sleep(500);
      expect(accepted()).toHaveLength(1);
    });

    it('stores a signed request delivered to both instances once', async () => {
      const before = await engagements();
      const body = pair.client.commandBody(officer, '/engage', 'NOW age=25-34 gender=male offered=no accepted=no');
      const answers = await Promise.all(pair.clients.map((c) => c.signedPost(body)));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers.filter((a) => /^Logged \*E-\d+\*/.test(String(a.json?.text ?? '')))).toHaveLength(1);
      expect(await engagements()).toBe(before + 1);
      // And again after both are restarted: the request is remembered in the database.
      await pair.stop();
      pair = await Pair.start(database, slack);
      const again = await Promise.all(pair.clients.map((c) => c.signedPost(body)));
      expect(again.map((a) => a.status)).toEqual([200, 200]);
      expect(await engagements()).toBe(before + 1);
    }, 60_000);

    it('loses nothing it acknowledged when one instance is killed mid-burst, and leaves no stale claim or open transaction', async () => {
      const acked: number[] = [];
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const answer = await pair.clients[(w + i) % 2]!.command(officer, '/engage', 'NOW age=35-44 gender=female offered=yes accepted=no', 5_000);
            const ref = /^Logged \*E-(\d+)\*/.exec(String(answer.json?.text ?? ''));
            if (ref) acked.push(Number(ref[1]));
          } catch {
            // Sent to the instance that died: never acknowledged.
          }
        }
      };
      const workers = [0, 1, 2, 3].map(worker);
      await sleep(1_500);
      await pair.apps[0].kill('SIGKILL');
      await sleep(1_500);
      stop = true;
      await Promise.all(workers);
      expect(acked.length).toBeGreaterThan(10);
      const sql = sqlOf(db);
      const stored = new Set(await sql.values<number>('SELECT id FROM engagements'));
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
      expect(await sql.value("SELECT count(*) FROM audit_log WHERE action = 'engagement.log'")).toBe(stored.size);
      expect((await verifyAudit(db)).ok).toBe(true);
      // The killed instance's sessions end with it: the server rolls back whatever it had open.
      await expect
        .poll(() => sql.value("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'"), { timeout: 10_000 })
        .toBe(0);
      // A claim left behind runs out by itself: none reaches further than a post with its retries can take.
      const leaseLimit = Date.now() + 5 * 10_000;
      expect(await sql.value('SELECT count(*) FROM referrals WHERE card_claimed_until > ?', leaseLimit)).toBe(0);
      expect(await sql.value("SELECT count(*) FROM digest_runs WHERE status = 'claimed'")).toBe(0);
    }, 60_000);
  });
});

describe('one person’s burst across two instances', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let pair: Pair;
  beforeAll(async () => {
    database = await createTestDatabase('pg');
    slack = await new FakeSlack().start();
    // The default budget: 60 a minute, in bursts of 20.
    pair = await Pair.start(database, slack, { COMMAND_RATE_PER_MINUTE: '60' });
  }, 60_000);
  afterAll(async () => {
    await pair?.stop();
    await slack?.stop();
    await database?.drop();
  });

  it('is limited as one: thirty commands at once, twenty answered, ten told to wait', async () => {
    const person: TestUser = { teamId: 'T0TEAM', userId: 'U0BURST' };
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => pair.clients[i % 2]!.command(person, '/agency', 'help')));
    const texts = answers.map((a) => String(a.json?.text ?? ''));
    expect(texts.filter((t) => t.includes('/agency add'))).toHaveLength(20);
    expect(texts.filter((t) => /^You are sending commands faster than Liaison accepts them/.test(t))).toHaveLength(10);
  });
});

describe('two schedulers on one database, over two days with a daylight-saving change', () => {
  const liaisons: RunningLiaison[] = [];
  let database: TestDatabase;
  let slack: FakeSlack;
  // The night of 2017-11-05, when Ontario falls back an hour.
  const clock = new FakeClock('2017-11-04T07:00:00-04:00');
  beforeAll(async () => {
    database = await createTestDatabase('pg');
    slack = await new FakeSlack().start();
    for (let i = 0; i < 2; i++) {
      const config = parseConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        BOOTSTRAP_ADMINS: ADMIN_ENV.BOOTSTRAP_ADMINS,
        COMMAND_RATE_PER_MINUTE: '0',
        ...database.env,
      });
      liaisons.push(await startLiaison(config, createLogger('error'), { clock, host: '127.0.0.1', cron: false }));
    }
  }, 60_000);
  afterAll(async () => {
    for (const l of liaisons) await l.stop();
    await slack?.stop();
    await database?.drop();
  });

  it('post one digest per operation per day, and each reminder and queued card once', async () => {
    const client = new SignedClient(() => `http://127.0.0.1:${liaisons[0]!.port}`, slack, 10_000);
    const h = { command: (user: TestUser, command: string, text: string) => client.command(user, command, text) } as unknown as Harness;
    await ok(h, admin, '/agency', 'add WPS "Windsor Police Service" kind=police');
    await ok(h, admin, '/agency', `add WEFIGHT "WEFiGHT" kind=advocacy intake=<#${INTAKE_CHANNEL}|intake>`);
    await ok(h, admin, '/agency', `member ${wpsOfficer.userId} WPS role=officer`);
    await ok(h, admin, '/agency', `member ${intakeWorker.userId} WEFIGHT role=intake`);
    await ok(h, admin, '/agency', `member ${wefightCoordinator.userId} WEFIGHT role=coordinator`);
    await ok(h, admin, '/op', 'create FALL "Fall back" start=2017-11-04 end=2017-11-05 lead=WPS digest=C0FALLDIGEST digest_time=01:30');
    await ok(h, admin, '/op', 'join FALL WEFIGHT');
    // Two referrals whose cards Slack refuses at first: they are queued for the card job.
    slack.failNext('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    slack.failNext('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const refs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const e = /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'FALL age=18-24 gender=female offered=yes accepted=yes'))![0];
      refs.push(/R-\d+/.exec(await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=immediate consent=yes`))![0]);
    }
    await sleep(300);
    const created = clock.now().getTime();
    // Both instances tick together every ten minutes, through two days and the change of hour.
    const end = Date.parse('2017-11-06T12:00:00-05:00');
    let lastTick = created;
    while (clock.now().getTime() < end) {
      lastTick = clock.now().getTime();
      await Promise.all(liaisons.map((l) => l.runJobs()));
      clock.advance(10 * 60_000);
    }
    const digests = slack.channelMessages('C0FALLDIGEST').map((m) => /digest (\d{4}-\d{2}-\d{2})/.exec(m.text)?.[1]);
    // Not the 4th (its 01:30 came before the operation existed); the 5th's 01:30 happens twice, posted once.
    expect(digests).toEqual(['2017-11-05', '2017-11-06']);
    for (const ref of refs) {
      const cards = slack.channelMessages(INTAKE_CHANNEL).filter((m) => m.threadTs === undefined && m.text.includes(`${ref} `));
      expect(cards, ref).toHaveLength(1);
      // An immediate referral left pending is reminded once an hour it waits: one per hour, not one per instance.
      const reminders = slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === cards[0]!.ts);
      expect(reminders).toHaveLength(Math.floor((lastTick - created) / 3_600_000));
    }
  }, 120_000);
});
