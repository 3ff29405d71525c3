// Slack's own faults: rate limiting with Retry-After, server errors, timeouts, and ok:false errors.
// Liaison retries what Slack says to retry, never loses a referral whose card could not be posted
// (the officer is told and the card is queued), and logs the failure without tokens or free text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../helpers/fake-slack.js';
import { BOT_TOKEN, FakeClock, Harness } from '../helpers/harness.js';
import { ADMIN_ENV, INTAKE_CHANNEL, ok, seedWorld, wpsOfficer } from '../helpers/world.js';

const NOTE = 'prefers a female worker, afternoons';

describe('Slack’s faults', () => {
  let h: Harness;
  const clock = new FakeClock('2017-10-11T20:00:00-04:00');
  beforeAll(async () => {
    // A short Web API timeout so a hung call fails fast here; production waits 10 s.
    h = await Harness.start({ env: { ...ADMIN_ENV, SLACK_API_TIMEOUT_MS: '300' }, clock });
    await seedWorld(h);
  });
  afterAll(() => h.stop());

  async function refer(): Promise<string> {
    const e = /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes'))![0];
    return /R-\d+/.exec(await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=urgent consent=yes note="${NOTE}"`))![0];
  }

  const cardPosted = (ref: string) => h.slack.channelMessages(INTAKE_CHANNEL).filter((m) => m.text.includes(`${ref} `)).length;
  const attempts = (ref: string) => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === INTAKE_CHANNEL && String(c.args.text).includes(`${ref} `)).length;

  it.each<[string, Fault]>([
    ['429 with Retry-After', { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }],
    ['500', { status: 500, body: { ok: false, error: 'internal_error' } }],
    ['a timeout', { hang: true }],
  ])('retries a card post after %s and posts it once', async (_name, fault) => {
    h.slack.failNext('chat.postMessage', fault);
    const ref = await refer();
    await expect.poll(() => cardPosted(ref), { timeout: 5_000 }).toBe(1);
    expect(attempts(ref)).toBe(2);
  });

  it.each(['channel_not_found', 'not_in_channel', 'invalid_auth'])(
    'keeps the referral when Slack answers %s, tells the officer, and posts the card once Slack accepts it',
    async (error) => {
      h.slack.failNext('chat.postMessage', { body: { ok: false, error } });
      const ref = await refer();
      await expect
        .poll(() => h.slack.callsTo('response_url').some((c) => String(c.args.text).includes(`*${ref}* is stored, but its card could not be posted`)))
        .toBe(true);
      expect(await h.sql.get('SELECT status, card_ts FROM referrals WHERE id = ?', Number(ref.slice(2)))).toEqual({ status: 'pending', card_ts: null });
      expect(h.logs.some((l) => l.includes('referral card not in step; retried later') && l.includes(error))).toBe(true);
      clock.advance(31_000);
      await h.liaison.runJobs();
      expect(cardPosted(ref)).toBe(1);
    },
  );

  it('never writes a token or a note’s text to the log', () => {
    expect(h.logs.length).toBeGreaterThan(10);
    for (const line of h.logs) {
      expect(line).not.toContain(BOT_TOKEN);
      expect(line).not.toMatch(/xox[abp]-/);
      expect(line).not.toContain(NOTE);
    }
  });
});
