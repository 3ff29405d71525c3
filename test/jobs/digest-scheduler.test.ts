// The daily digest with fake time: once per local day at the local digest time, caught up once
// after downtime, never doubled by a second tick, a second process or a daylight-saving change.
import { afterEach, describe, expect, it } from 'vitest';
import { toLocal } from '../../src/domain/time.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { FakeClock, Harness } from '../helpers/harness.js';
import { ADMIN_ENV, admin, ok, wpsCoordinator } from '../helpers/world.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DIGEST = 'C0DIGESTCH';

async function world(clock: FakeClock, op: { start: string; end: string; time: string; tz?: string }, slack?: FakeSlack) {
  const h = await Harness.start({ env: ADMIN_ENV, clock, slack });
  await ok(h, admin, '/agency', 'add WPS "Windsor Police Service" kind=police');
  await ok(h, admin, '/agency', `member ${wpsCoordinator.userId} WPS role=coordinator`);
  await ok(
    h,
    admin,
    '/op',
    `create OP1 "Test operation" start=${op.start} end=${op.end} lead=WPS digest=<#${DIGEST}|digest> digest_time=${op.time}${op.tz ? ` tz=${op.tz}` : ''}`,
  );
  return h;
}

/** Digests that reached the channel (refused calls leave nothing there). */
function digestPosts(slack: FakeSlack): Array<{ text: string }> {
  return slack.channelMessages(DIGEST);
}

/** Local dates of the digests posted, as their header says. */
function postedDates(slack: FakeSlack): string[] {
  return digestPosts(slack).map((p) => /digest (\d{4}-\d{2}-\d{2})/.exec(p.text)![1]!);
}

async function runEvery(h: Harness, clock: FakeClock, until: string, step: number) {
  const end = Date.parse(until);
  while (clock.now().getTime() < end) {
    await h.liaison.runJobs();
    clock.advance(step);
  }
}

describe('the digest scheduler', () => {
  let harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses) await h.stop({ keepSlack: true });
    harnesses = [];
  });

  it('posts once a day at the local time, from the start day to the day after the end', async () => {
    const clock = new FakeClock('2017-10-09T00:00:00-04:00');
    const h = await world(clock, { start: '2017-10-10', end: '2017-10-12', time: '08:00' });
    harnesses.push(h);
    await runEvery(h, clock, '2017-10-15T12:00:00-04:00', 10 * MINUTE);
    expect(postedDates(h.slack)).toEqual(['2017-10-10', '2017-10-11', '2017-10-12', '2017-10-13']);
    const times = await h.sql.values("SELECT claimed_at FROM digest_runs WHERE status = 'posted' ORDER BY id") as number[];
    for (const at of times) expect(toLocal(at, 'America/Toronto').time >= '08:00' && toLocal(at, 'America/Toronto').time < '08:20').toBe(true);
  });

  it.each([
    ['spring forward', '2017-03-10', '2017-03-14', '2017-03-09T00:00:00-05:00', '2017-03-16T00:00:00-04:00'],
    ['fall back', '2017-11-03', '2017-11-07', '2017-11-02T00:00:00-04:00', '2017-11-09T00:00:00-05:00'],
  ])('neither skips nor doubles a day across %s in America/Toronto', async (_name, start, end, from, until) => {
    for (const time of ['08:00', '02:30', '01:30']) {
      const clock = new FakeClock(from);
      const h = await world(clock, { start, end, time });
      harnesses.push(h);
      await runEvery(h, clock, until, 15 * MINUTE);
      const dates = postedDates(h.slack);
      const expected: string[] = [];
      for (let d = start; d <= addDay(end); d = addDay(d)) expected.push(d);
      expect(dates, `digest_time=${time}`).toEqual(expected);
    }
  });

  it('posts a digest missed while down once, if it fell due in the last 24 hours; never older ones', async () => {
    const clock = new FakeClock('2017-10-10T07:00:00-04:00');
    const h = await world(clock, { start: '2017-10-10', end: '2017-10-20', time: '08:00' });
    harnesses.push(h);
    await h.liaison.runJobs();
    expect(postedDates(h.slack)).toEqual([]);
    // Down from 07:00 until 20:00: today's 08:00 digest is 12 hours late, posted once.
    clock.set('2017-10-10T20:00:00-04:00');
    await h.liaison.runJobs();
    await h.liaison.runJobs();
    expect(postedDates(h.slack)).toEqual(['2017-10-10']);
    // Down from the 10th at 20:00 until the 13th at 07:00: the 12th's digest (23 h old) is posted,
    // the 11th's (47 h old) is not.
    clock.set('2017-10-13T07:00:00-04:00');
    await h.liaison.runJobs();
    expect(postedDates(h.slack)).toEqual(['2017-10-10', '2017-10-12']);
  });

  it('gives an operation created after its dates no back-dated digests', async () => {
    const clock = new FakeClock('2017-10-20T12:00:00-04:00');
    const h = await world(clock, { start: '2017-10-10', end: '2017-10-19', time: '08:00' });
    harnesses.push(h);
    await runEvery(h, clock, '2017-10-23T12:00:00-04:00', HOUR);
    expect(postedDates(h.slack)).toEqual([]);
  });

  it('picks up operations created, changed or closed while running', async () => {
    const clock = new FakeClock('2017-10-10T07:00:00-04:00');
    const h = await world(clock, { start: '2017-10-10', end: '2017-10-20', time: '08:00' });
    harnesses.push(h);
    await ok(h, admin, '/op', `create OP2 "Second" start=2017-10-10 end=2017-10-20 lead=WPS digest=${DIGEST} digest_time=09:00`);
    clock.set('2017-10-10T09:05:00-04:00');
    await h.liaison.runJobs();
    expect(digestPosts(h.slack).map((p) => p.text.slice(0, 3)).sort()).toEqual(['OP1', 'OP2']);
    await ok(h, admin, '/op', 'close OP2');
    clock.set('2017-10-11T09:05:00-04:00');
    await h.liaison.runJobs();
    expect(digestPosts(h.slack).map((p) => p.text.slice(0, 3)).sort()).toEqual(['OP1', 'OP1', 'OP2']);
  });

  it('keeps a digest Slack refused due, and posts it on a later tick', async () => {
    const clock = new FakeClock('2017-10-10T07:50:00-04:00');
    const h = await world(clock, { start: '2017-10-10', end: '2017-10-20', time: '08:00' });
    harnesses.push(h);
    clock.set('2017-10-10T08:01:00-04:00');
    h.slack.failNext('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    await h.liaison.runJobs();
    expect(await h.sql.get('SELECT status, error FROM digest_runs')).toEqual({ status: 'failed', error: 'not_in_channel' });
    h.slack.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });
    clock.advance(MINUTE);
    await h.liaison.runJobs();
    expect(await h.sql.get('SELECT status, error FROM digest_runs')).toEqual({ status: 'failed', error: 'ratelimited' });
    clock.advance(MINUTE);
    await h.liaison.runJobs();
    expect(postedDates(h.slack)).toEqual(['2017-10-10']);
    expect(await h.sql.value('SELECT status FROM digest_runs')).toBe('posted');
  });

  it('never retries a post whose outcome is unknown, and tells the lead agency’s coordinators', async () => {
    const clock = new FakeClock('2017-10-10T07:50:00-04:00');
    const h = await world(clock, { start: '2017-10-10', end: '2017-10-20', time: '08:00' });
    harnesses.push(h);
    clock.set('2017-10-10T08:01:00-04:00');
    h.slack.failNext('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } });
    await h.liaison.runJobs();
    clock.advance(HOUR);
    await h.liaison.runJobs();
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === DIGEST)).toHaveLength(1);
    expect(await h.sql.get('SELECT status, error FROM digest_runs')).toEqual({ status: 'unknown', error: 'http_500' });
    const told = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === wpsCoordinator.userId);
    expect(told).toHaveLength(1);
    expect(String(told[0]!.args.text)).toContain('may or may not have reached <#C0DIGESTCH>');
    expect(h.logs.some((l) => l.includes('digest outcome unknown'))).toBe(true);
  });

  it('posts one digest a day with two app processes on one database', async () => {
    const clock = new FakeClock('2017-10-10T07:55:00-04:00');
    const slack = await new FakeSlack().start();
    const first = await world(clock, { start: '2017-10-10', end: '2017-10-20', time: '08:00' }, slack);
    const second = await Harness.start({ env: ADMIN_ENV, clock, database: first.database, slack });
    harnesses.push(second, first);
    for (let i = 0; i < 12; i++) {
      await Promise.all([first.liaison.runJobs(), second.liaison.runJobs()]);
      clock.advance(5 * MINUTE);
    }
    expect(postedDates(slack)).toEqual(['2017-10-10']);
  });

  it('counts /digest post as the day’s digest', async () => {
    const clock = new FakeClock('2017-10-10T07:00:00-04:00');
    const h = await world(clock, { start: '2017-10-10', end: '2017-10-20', time: '08:00' });
    harnesses.push(h);
    const answer = await ok(h, wpsCoordinator, '/digest', 'OP1 post');
    expect(answer).toBe('Posting the OP1 digest now.');
    await expect.poll(() => postedDates(h.slack)).toEqual(['2017-10-10']);
    await expect.poll(() => h.slack.callsTo('response_url').some((c) => String(c.args.text).includes('Posted the OP1 digest to <#C0DIGESTCH>'))).toBe(true);
    clock.set('2017-10-10T09:00:00-04:00');
    await h.liaison.runJobs();
    expect(postedDates(h.slack)).toEqual(['2017-10-10']);
  });
});

function addDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
