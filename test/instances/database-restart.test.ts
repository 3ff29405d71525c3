// The database goes away under load and comes back: a real app process keeps answering (a clear
// "try again in a moment", never a 5xx, never a crash), stores nothing by halves, and recovers by
// itself when the server returns, without a restart. Then SIGTERM ends it while requests still pour
// in. The PostgreSQL server here is this test's own, so stopping it disturbs no other test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { verifyAudit } from '../../src/domain/audit.js';
import { AppProcess, freePort, sleep } from '../helpers/app-process.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { BOT_TOKEN, type Harness, SIGNING_SECRET, type TestUser } from '../helpers/harness.js';
import { sqlOf } from '../helpers/sql.js';
import { ADMIN_ENV, admin, ok } from '../helpers/world.js';
import { SignedClient } from '../reliability/signed-client.js';
import { TestPostgres } from '../setup/postgres-server.js';

const DAY = 86_400_000;
const isoDay = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const officer: TestUser = { teamId: 'T0TEAM', userId: 'U0RESTARTOFF' };

describe('a PostgreSQL server stopped and started again under load', () => {
  let server: TestPostgres;
  let slack: FakeSlack;
  let app: AppProcess;
  let client: SignedClient;
  let url: string;
  beforeAll(async () => {
    server = await TestPostgres.create({ port: await freePort(), flags: ['-c', 'fsync=off'] });
    await server.start();
    url = `${server.url}/postgres`;
    slack = await new FakeSlack().start();
    const port = await freePort();
    client = new SignedClient(() => `http://127.0.0.1:${port}`, slack, 10_000);
    app = AppProcess.start({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      BOOTSTRAP_ADMINS: ADMIN_ENV.BOOTSTRAP_ADMINS,
      COMMAND_RATE_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
    });
    await app.waitHealthy(client, 40_000);
    const h = { command: (user: TestUser, command: string, text: string) => client.command(user, command, text) } as unknown as Harness;
    await ok(h, admin, '/agency', 'add RPS "Restart Police" kind=police');
    await ok(h, admin, '/agency', `member ${officer.userId} RPS role=officer`);
    await ok(h, admin, '/op', `create NOW "Running now" start=${isoDay(-2)} end=${isoDay(2)} lead=RPS`);
  }, 60_000);
  afterAll(async () => {
    if (app && app.child.exitCode === null && app.child.signalCode === null) await app.kill();
    await slack?.stop();
    await server?.destroy();
  });

  it('answers every request with a record or a clear "try again", and picks up again by itself', async () => {
    const answers: Array<{ phase: string; status: number; text: string }> = [];
    let phase = 'up';
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const answer = await client.command(officer, '/engage', 'NOW age=18-24 gender=female offered=yes accepted=no').catch((error: unknown) => {
          // A dead app is this test's failure: say what it printed.
          throw new Error(`${String(error)}; the app printed:\n${app.output.join('\n')}`);
        });
        answers.push({ phase, status: answer.status, text: String(answer.json?.text ?? '') });
      }
    };
    const workers = [1, 2, 3].map(worker);
    await sleep(1_000);
    phase = 'down';
    await server.stop();
    await sleep(2_000);
    phase = 'back';
    await server.start();
    // A little while for the pool to open connections again, then the last phase counts.
    await sleep(1_000);
    phase = 'recovered';
    await sleep(1_500);
    stop = true;
    await Promise.all(workers);

    const logged = (a: { text: string }) => /^Logged \*E-\d+\*/.test(a.text);
    const tryAgain = (a: { text: string }) => a.text.startsWith('Liaison cannot reach its database right now, so nothing was stored. Please try again in a moment.');
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(answers.filter((a) => !logged(a) && !tryAgain(a)).map((a) => a.text)).toEqual([]);
    expect(answers.filter((a) => a.phase === 'up' && logged(a)).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.phase === 'down' && tryAgain(a)).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.phase === 'recovered' && logged(a)).length).toBeGreaterThan(0);
    expect(app.child.exitCode, app.output.join('\n')).toBeNull();

    // Nothing by halves: every acknowledged engagement is there, each with its audit row, and the chain holds.
    const acked = answers.filter(logged).map((a) => Number(/E-(\d+)/.exec(a.text)![1]));
    const db = openDatabase({ engine: 'pg', url, poolSize: 2, statementTimeoutMs: 5_000 });
    try {
      const sql = sqlOf(db);
      const stored = new Set(await sql.values<number>('SELECT id FROM engagements'));
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
      expect(await sql.value("SELECT count(*) FROM audit_log WHERE action = 'engagement.log'")).toBe(stored.size);
      expect((await verifyAudit(db)).ok).toBe(true);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('ends on SIGTERM while requests are still coming in: those in flight finish, later ones are refused cleanly', async () => {
    let stop = false;
    const statuses = new Set<number>();
    const worker = async () => {
      while (!stop) {
        const answer = await client.command(officer, '/engage', 'NOW age=25-34 gender=male offered=no accepted=no').catch(() => undefined);
        if (answer) statuses.add(answer.status);
        // Once the app is gone, a refused connection comes back at once: no need to spin.
        else await sleep(20);
      }
    };
    const workers = [1, 2, 3].map(worker);
    await sleep(500);
    const sent = Date.now();
    app.child.kill('SIGTERM');
    const exit = await app.exited;
    console.log(`SIGTERM to exit under load: ${Date.now() - sent} ms, ${JSON.stringify(exit)}`);
    stop = true;
    await Promise.all(workers);
    // A clean stop (exit 0), not the last-resort timer that exits 1 when stopping takes too long.
    expect(exit, app.output.join('\n')).toEqual({ code: 0, signal: null });
    expect([...statuses].filter((status) => status !== 200 && status !== 503)).toEqual([]);
  }, 30_000);
});
