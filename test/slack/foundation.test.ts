// The walking skeleton end to end: signed requests are answered, unsigned or stale ones refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, sign } from '../helpers/harness.js';

const officer = { teamId: 'T0TEAM', userId: 'U0OFFICER' };

describe('the app over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('answers /healthz with ok once the database is migrated', async () => {
    expect(await h.healthz()).toEqual({ status: 200, body: { ok: true } });
    const tables = await h.sql.tables();
    expect(tables).toEqual(expect.arrayContaining(['agencies', 'engagements', 'referrals', 'audit_log']));
  });

  it.each(['agency', 'op', 'engage', 'refer', 'charge', 'digest'])('answers /%s help with its usage', async (name) => {
    const answer = await h.command(officer, `/${name}`, 'help');
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(String(answer.json?.text)).toContain(`/${name}`);
  });

  it('shows the contract usage for /agency help', async () => {
    const answer = await h.command(officer, '/agency', 'help');
    expect(answer.json?.text).toContain('/agency add <CODE> "<Name>" kind=<police|advocacy|victim_services|health|government|other> [intake=<channel>]');
    expect(answer.json?.text).toContain('/agency member <user> [<user> …] <CODE> role=<officer|intake|coordinator|admin>');
  });

  describe('refuses requests Slack did not sign', () => {
    const body = new URLSearchParams({ command: '/agency', text: 'add WPS "Windsor Police" kind=police', user_id: 'U0X', team_id: 'T0TEAM' }).toString();
    const now = () => Math.floor(Date.now() / 1000);
    const cases: Array<[string, () => Record<string, string>]> = [
      ['a forged signature', () => ({ 'x-slack-request-timestamp': String(now()), 'x-slack-signature': sign(body, now(), 'wrong-secret-0000000000') })],
      ['no signature', () => ({})],
      ['a six-minute-old timestamp', () => ({ 'x-slack-request-timestamp': String(now() - 360), 'x-slack-signature': sign(body, now() - 360) })],
      ['a timestamp six minutes ahead', () => ({ 'x-slack-request-timestamp': String(now() + 360), 'x-slack-signature': sign(body, now() + 360) })],
    ];
    it.each(cases)('with %s: 401 and nothing changes', async (_name, headers) => {
      const callsBefore = h.slack.calls.length;
      const answer = await h.post(body, { 'content-type': 'application/x-www-form-urlencoded', ...headers() });
      expect(answer.status).toBe(401);
      expect(await h.sql.value('SELECT count(*) FROM agencies')).toBe(0);
      expect(await h.sql.value('SELECT count(*) FROM audit_log')).toBe(0);
      expect(h.slack.calls.length).toBe(callsBefore);
    });
  });
});
