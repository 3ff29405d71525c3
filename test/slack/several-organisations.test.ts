// Several organisations: a police service and an advocacy group each install Liaison through the
// OAuth flow, and one operation spans their workspaces. The fake Slack refuses a token used on
// another team's channel or person, so every post below proves it went through the right installation.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, FakeSlack, type FakeTeam, type StoredMessage } from '../helpers/fake-slack.js';
import { FakeClock, Harness, textOf, type TestUser } from '../helpers/harness.js';
import { ok, say, tableCounts } from '../helpers/world.js';

const policeAdmin: TestUser = { teamId: 'T0POLICE', userId: 'U0PADMIN' };
const officer: TestUser = { teamId: 'T0POLICE', userId: 'U0POFFICER' };
const advocacyAdmin: TestUser = { teamId: 'T0ADVOC', userId: 'U0AADMIN' };
const intakeWorker: TestUser = { teamId: 'T0ADVOC', userId: 'U0AINTAKE' };
const INTAKE = 'C0ADVINTAKE';
const DIGEST = 'C0POLDIGEST';

describe('several organisations', () => {
  let slack: FakeSlack;
  let h: Harness;
  let police: FakeTeam;
  let advocacy: FakeTeam;
  let outsider: FakeTeam;

  async function install(teamId: string): Promise<{ status: number; text: string }> {
    const start = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
    const done = await fetch(`${h.url}/slack/oauth_redirect?code=code-${teamId}&state=${state}`, { headers: { cookie } });
    return { status: done.status, text: await done.text() };
  }

  const installations = () => h.sql.value('SELECT count(*) FROM installations');

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    police = slack.addTeam('T0POLICE', { name: 'Windsor Police', channels: [DIGEST, 'CGENERAL'], users: [policeAdmin.userId, officer.userId] });
    advocacy = slack.addTeam('T0ADVOC', { name: 'WEFiGHT', channels: [INTAKE], users: [advocacyAdmin.userId, intakeWorker.userId] });
    outsider = slack.addTeam('T0OUTSIDE', { name: 'Not a partner' });
    h = await Harness.start({
      slack,
      clock: new FakeClock('2017-10-11T20:00:00-04:00'),
      env: {
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: '1234567890.0987654321',
        SLACK_CLIENT_SECRET: 'clientsecret0123456789abcdef',
        SLACK_STATE_SECRET: 'state-secret-0123456789',
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        ALLOWED_TEAMS: 'T0POLICE,T0ADVOC',
        BOOTSTRAP_ADMINS: `T0POLICE:${policeAdmin.userId},T0ADVOC:${advocacyAdmin.userId}`,
      },
    });
  });
  afterAll(() => h.stop());

  it('has a fake Slack that refuses a token on another workspace’s channel', async () => {
    const wrong = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${police.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: INTAKE, text: 'x' }),
    });
    expect(await wrong.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('installs each partner through the OAuth flow and keeps its token encrypted', async () => {
    for (const team of ['T0POLICE', 'T0ADVOC']) {
      const result = await install(team);
      expect(result.status).toBe(200);
      expect(result.text).toContain('Liaison is installed');
    }
    expect(await installations()).toBe(2);
    const stored = JSON.stringify(await h.sql.all('SELECT * FROM installations'));
    expect(stored).not.toContain(police.token);
    expect(stored).not.toContain(advocacy.token);
    expect(h.logs.join('\n')).not.toContain(police.token);
  });

  it('refuses to install a team outside ALLOWED_TEAMS and stores nothing', async () => {
    const result = await install(outsider.teamId);
    expect(result.status).toBe(403);
    expect(result.text).toContain('not one of the partners allowed');
    expect(await installations()).toBe(2);
  });

  it('carries a referral from the police workspace to the advocacy group’s and back', async () => {
    // Each workspace sets up its own agency; channels are recorded with the registering team.
    await ok(h, policeAdmin, '/agency', 'add WPS "Windsor Police Service" kind=police');
    await ok(h, policeAdmin, '/agency', `member ${officer.userId} WPS role=officer`);
    await ok(h, policeAdmin, '/op', `create ONS-WE "Northern Spotlight Windsor-Essex" start=2017-10-10 end=2017-10-13 lead=WPS digest=${DIGEST}`);
    await ok(h, advocacyAdmin, '/agency', `add WEFIGHT "WEFiGHT" kind=advocacy intake=<#${INTAKE}|intake>`);
    await ok(h, advocacyAdmin, '/agency', `member ${intakeWorker.userId} WEFIGHT role=intake`);
    await ok(h, advocacyAdmin, '/op', 'join ONS-WE WEFIGHT victim_services=2');

    const e = /E-\d+/.exec(await ok(h, officer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes'))![0];
    const ref = /R-\d+/.exec(await ok(h, officer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=urgent consent=yes`))![0];

    const cardOf = (): StoredMessage | undefined => slack.channelMessages(INTAKE).find((m) => m.text.includes(`${ref} `));
    const buttons = () => buttonsOf(cardOf()!);
    await expect.poll(() => cardOf() && buttons().map((b) => b.text.text)).toEqual(['Accept', 'Decline']);
    const cardPost = slack.callsTo('chat.postMessage').find((c) => c.args.channel === INTAKE && String(c.args.text).includes(ref))!;
    expect(cardPost.token).toBe(advocacy.token);

    const accept = buttons().find((b) => b.text.text === 'Accept')!;
    await h.click(intakeWorker, { actionId: accept.action_id, value: accept.value }, cardOf()!);
    await expect.poll(() => buttons().map((b) => b.text.text)).toEqual(['Close']);
    const close = buttons()[0]!;
    await h.click(intakeWorker, { actionId: close.action_id, value: close.value }, cardOf()!);
    await expect.poll(() => slack.callsTo('views.open').length).toBe(1);
    await h.submitView(intakeWorker, {
      callbackId: 'referral_close_modal',
      privateMetadata: (slack.callsTo('views.open')[0]!.args.view as { private_metadata: string }).private_metadata,
      values: { outcome: { outcome: { selected_option: { value: 'connected' } } } },
    });
    await expect.poll(() => textOf(cardOf()!.blocks)).toContain('Closed by');

    // Every card update (drawing the card, Accept, Close) went through the advocacy group's installation…
    const updates = slack.callsTo('chat.update').filter((c) => c.args.channel === INTAKE);
    expect(updates).toHaveLength(3);
    expect(updates.every((c) => c.token === advocacy.token)).toBe(true);
    // …and the officer's direct messages through the police service's.
    const dms = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === officer.userId && String(c.args.text).includes(ref));
    // The direct messages follow the card's redraw.
    await expect.poll(() => dms().length).toBe(2);
    expect(dms().every((c) => c.token === police.token)).toBe(true);
    // Nothing was refused for using the wrong workspace's token.
    expect(h.logs.join('\n')).not.toContain('invalid_auth');
  });

  it('posts the digest to the lead agency’s workspace with its token', async () => {
    await ok(h, policeAdmin, '/digest', 'ONS-WE post');
    await expect.poll(() => slack.channelMessages(DIGEST).length).toBe(1);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === DIGEST).every((c) => c.token === police.token)).toBe(true);
  });

  it('ignores a validly signed request from a team outside ALLOWED_TEAMS', async () => {
    const before = await tableCounts(h);
    const calls = slack.calls.length;
    const intruder: TestUser = { teamId: outsider.teamId, userId: policeAdmin.userId };
    const answer = await h.command(intruder, '/agency', 'add EVIL "Evil Corp" kind=other');
    expect(answer.status).toBe(200);
    expect(answer.json?.text).toBeUndefined();
    expect(await say(h, intruder, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=no')).toBe('');
    expect(await tableCounts(h)).toEqual(before);
    expect(slack.calls.length).toBe(calls);
  });

  it('removes a workspace’s tokens when it uninstalls', async () => {
    await h.event(advocacy.teamId, { type: 'app_uninstalled' });
    // Slack is answered before the event's work runs: the removal follows the acknowledgement.
    await expect.poll(() => installations()).toBe(1);
    const remaining = await h.sql.values('SELECT team_id FROM installations');
    expect(remaining).toEqual(['T0POLICE']);
  });
});
