// Payloads Slack signed but that lack what every payload of their kind has (a user, a view, an
// event): each is answered (200, so Slack does not retry, or a deliberate 4xx), logged as a
// structured warning without its text, changes nothing, and the app goes on serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, Harness } from '../helpers/harness.js';
import { buttonClick, commandForm, viewSubmission } from '../helpers/slack-payloads.js';
import { ADMIN_ENV, INTAKE_CHANNEL, TEAM, ok, seedWorld, tableCounts, wpsOfficer } from '../helpers/world.js';

/** Text carried by each payload: it must never reach a log line. */
const SENTINEL = 'SENTINEL-malformed-7f3a';

describe('signed payloads missing their user, view or event', () => {
  let h: Harness;
  let n = 0;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    await seedWorld(h);
    await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes');
  });
  afterAll(() => h.stop());

  const click = () => buttonClick(wpsOfficer, { actionId: 'referral_accept', value: `1 ${SENTINEL}` }, { channel: INTAKE_CHANNEL, ts: '1507766400.000100' }, { id: `bad${++n}`, responseUrl: `http://127.0.0.1:9/${SENTINEL}` });
  const commandWithout = (field: string) => {
    const form = new URLSearchParams(commandForm(wpsOfficer, '/engage', `ONS-WE age=18-24 gender=female ${SENTINEL}`, { id: `bad${++n}`, responseUrl: `http://127.0.0.1:9/${SENTINEL}` }));
    form.delete(field);
    return form.toString();
  };
  const submission = () => viewSubmission(wpsOfficer, { callbackId: 'engage_modal', values: { note: { note: { value: SENTINEL } } } }, `bad${++n}`);

  const cases: Array<[string, () => Promise<{ status: number }>]> = [
    ['a block_actions with user: null', () => h.interact({ ...click(), user: null })],
    ['a view_submission with view: null', () => h.interact({ ...submission(), view: null, note: SENTINEL })],
    ['an event_callback with event: null', () => h.signedPost(JSON.stringify({ token: 'legacy', team_id: TEAM, api_app_id: 'A0LIAISON', type: 'event_callback', event_id: `EvBad${++n}`, event_time: 1507766400, event: null, note: SENTINEL }), 'application/json')],
    ['an app_home_opened without user', () => h.event(TEAM, { type: 'app_home_opened', tab: 'home', channel: 'D0HOME', event_ts: '1507766400.000200', note: SENTINEL })],
    // Other parts Bolt reads before any listener or error handler runs.
    ['a block_actions with channel: null', () => h.interact({ ...click(), channel: null })],
    ['a block_actions whose actions hold null', () => h.interact({ ...click(), actions: [null], note: SENTINEL })],
    ['a view_submission with response_urls: null', () => h.interact({ ...submission(), response_urls: null })],
    ['an event_callback with authorizations: [null]', () => h.signedPost(JSON.stringify({ team_id: TEAM, api_app_id: 'A0LIAISON', type: 'event_callback', event_id: `EvBad${++n}`, event_time: 1507766400, authorizations: [null], event: { type: 'app_home_opened', user: wpsOfficer.userId, tab: 'home', note: SENTINEL } }), 'application/json')],
    ['an event whose item is text', () => h.event(TEAM, { type: 'reaction_added', user: wpsOfficer.userId, reaction: 'eyes', item: SENTINEL, event_ts: '1507766400.000300' })],
    ['a slash command without user_id', () => h.signedPost(commandWithout('user_id'), 'application/x-www-form-urlencoded')],
  ];

  it.each(cases)('%s is answered below 500, logged as a warning without its text, and changes nothing', async (_name, send) => {
    const before = await tableCounts(h);
    const logsBefore = h.logs.length;
    const answer = await send();
    expect(answer.status === 200 || (answer.status >= 400 && answer.status < 500), `status ${answer.status}`).toBe(true);
    // Work after the acknowledgement (a listener that failed late) would log here: wait for the line.
    await expect.poll(() => h.logs.slice(logsBefore).some((l) => l.includes('"level":"warn"') && l.includes('malformed'))).toBe(true);
    const lines = h.logs.slice(logsBefore);
    expect(lines.filter((l) => l.includes('"level":"error"')), lines.join('\n')).toEqual([]);
    expect(lines.filter((l) => l.includes(SENTINEL))).toEqual([]);
    expect(await tableCounts(h)).toEqual(before);
    // Still serving: a normal command is answered and stored.
    expect(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=male offered=no accepted=no')).toMatch(/E-\d+/);
  });
});
