// The card queue on a bad night: a channel that refuses Liaison never holds back another agency's
// cards, an ambiguous answer from Slack never leaves a second live card, a card left stale by a
// failed update is repaired, and what Liaison owes people by direct message survives Slack's
// refusals. Driven through the real app with a fake clock; both engines.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, type Fault, type StoredMessage } from '../helpers/fake-slack.js';
import { FakeClock, Harness } from '../helpers/harness.js';
import { ADMIN_ENV, INTAKE_CHANNEL, TEAM, admin, intakeWorker, ok, seedWorld, wefightCoordinator, wpsCoordinator, wpsOfficer } from '../helpers/world.js';

const MINUTE = 60_000;
/** The intake channel of a second receiving agency, which Liaison is not in. */
const DEAD_CHANNEL = 'C0HIATUSIN';

describe('the card queue', () => {
  let h: Harness;
  const clock = new FakeClock('2017-10-11T20:00:00-04:00');
  beforeAll(async () => {
    // A short Web API timeout so a hung call fails fast here; production waits 10 s.
    h = await Harness.start({ env: { ...ADMIN_ENV, SLACK_API_TIMEOUT_MS: '300' }, clock });
    await seedWorld(h);
    await ok(h, admin, '/agency', `add HIATUS "Hiatus House" kind=victim_services intake=<#${DEAD_CHANNEL}|hiatus-intake>`);
    await ok(h, wpsCoordinator, '/op', 'invite ONS-WE HIATUS');
    await ok(h, admin, '/op', 'join ONS-WE HIATUS victim_services=2');
  });
  afterAll(() => h.stop());
  beforeEach(async () => {
    // Every test starts with the queue drained: no card left waiting from an earlier one.
    h.slack.acceptChannel(DEAD_CHANNEL);
    h.slack.acceptChannel(INTAKE_CHANNEL);
    clock.advance(10 * MINUTE);
    await h.liaison.runJobs();
  });

  async function refer(to: string, urgency = 'urgent'): Promise<string> {
    const e = /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes'))![0];
    return /R-\d+/.exec(await ok(h, wpsOfficer, '/refer', `${e} to=${to} needs=shelter urgency=${urgency} consent=yes`))![0];
  }
  const copiesOf = (ref: string, channel = INTAKE_CHANNEL) => h.slack.channelMessages(channel).filter((m) => m.text.includes(`${ref} `));
  const liveCardsOf = (ref: string) => copiesOf(ref).filter((m) => buttonsOf(m).length > 0);
  const labels = (m: StoredMessage) => buttonsOf(m).map((b) => b.text.text);
  const dmsTo = (userId: string, ref: string) =>
    h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === userId && String(c.args.text).includes(ref))
      .map((c) => String(c.args.text));
  const callsToChannel = (channel: string) => h.slack.calls.filter((c) => c.args.channel === channel).length;

  it('posts an immediate card to a working agency however many cards wait for a channel that refuses', async () => {
    h.slack.refuseChannel(DEAD_CHANNEL, 'not_in_channel');
    const stuck: string[] = [];
    for (let i = 0; i < 21; i++) stuck.push(await refer('HIATUS', 'routine'));
    // The working agency's card fails on its first attempt too (Slack hiccups), so it is queued behind them.
    h.slack.failNext('chat.postMessage', { body: { ok: false, error: 'not_in_channel' }, match: (args) => args.channel === INTAKE_CHANNEL });
    const urgent = await refer('WEFIGHT', 'immediate');
    expect(liveCardsOf(urgent)).toEqual([]);

    clock.advance(MINUTE);
    const before = callsToChannel(DEAD_CHANNEL);
    await h.liaison.runJobs();
    expect(labels(liveCardsOf(urgent)[0]!)).toEqual(['Accept', 'Decline']);
    // One call for the refusing channel in the run, not one per card waiting for it.
    expect(callsToChannel(DEAD_CHANNEL) - before).toBe(1);

    // Once Liaison is invited, every waiting card is posted within the longest backoff, each once.
    h.slack.acceptChannel(DEAD_CHANNEL);
    for (let minute = 0; minute < 6; minute++) {
      clock.advance(MINUTE);
      await h.liaison.runJobs();
    }
    expect(stuck.map((ref) => copiesOf(ref, DEAD_CHANNEL).filter((m) => buttonsOf(m).length > 0).length)).toEqual(stuck.map(() => 1));
  });

  it('reports a card it still cannot post after five minutes, once, to the officer and the receiving coordinators', async () => {
    h.slack.refuseChannel(INTAKE_CHANNEL, 'not_in_channel');
    const ref = await refer('WEFIGHT');
    await expect.poll(() => h.slack.callsTo('response_url').some((c) => String(c.args.text).includes(`*${ref}* is stored, but its card could not be posted`))).toBe(true);
    clock.advance(4 * MINUTE);
    await h.liaison.runJobs();
    expect(dmsTo(wpsOfficer.userId, ref)).toEqual([]);

    clock.advance(2 * MINUTE);
    await h.liaison.runJobs();
    for (const person of [wpsOfficer, wefightCoordinator]) {
      const [report, ...more] = dmsTo(person.userId, ref);
      expect(more).toEqual([]);
      expect(report).toContain(`The card for referral *${ref}*`);
      expect(report).toContain(`invite @Liaison to <#${INTAKE_CHANNEL}>`);
    }
    expect(dmsTo(wefightCoordinator.userId, ref)[0]).toContain('can accept or decline it in Liaison’s App Home');
    clock.advance(10 * MINUTE);
    await h.liaison.runJobs();
    expect(dmsTo(wpsOfficer.userId, ref)).toHaveLength(1);

    // Meanwhile the intake worker accepts it from App Home, as the report says.
    await h.event(TEAM, { type: 'app_home_opened', user: intakeWorker.userId, tab: 'home', channel: 'D0WFINTAKE', event_ts: '1507766400.000300' });
    const home = () => h.slack.callsTo('views.publish').filter((c) => c.args.user_id === intakeWorker.userId).at(-1)?.args.view as { blocks: StoredMessage['blocks'] } | undefined;
    const actionsOnHome = () => (home()?.blocks as Array<{ block_id?: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }> | undefined)?.find((b) => b.block_id === `home_referral_${ref.slice(2)}`);
    await expect.poll(() => actionsOnHome()?.elements?.map((b) => b.text.text)).toEqual(['Accept', 'Decline']);
    const accept = actionsOnHome()!.elements![0]!;
    await h.clickOnHome(intakeWorker, { actionId: accept.action_id, value: accept.value, blockId: `home_referral_${ref.slice(2)}` });
    await expect.poll(() => dmsTo(wpsOfficer.userId, ref).some((t) => t.includes('Accepted by'))).toBe(true);

    // Fixed in Slack: the card appears on a following run, drawn as it is now.
    h.slack.acceptChannel(INTAKE_CHANNEL);
    clock.advance(5 * MINUTE);
    await h.liaison.runJobs();
    expect(liveCardsOf(ref).map(labels)).toEqual([['Close']]);
    expect(await h.sql.value('SELECT count(*) FROM referrals WHERE card_reported_at IS NOT NULL AND id = ?', Number(ref.slice(2)))).toBe(1);
  });

  it('reminds the receiving agency and the officer by direct message of an overdue referral that has no card', async () => {
    h.slack.refuseChannel(INTAKE_CHANNEL, 'not_in_channel');
    const ref = await refer('WEFIGHT', 'immediate');
    clock.advance(2 * 3_600_000);
    await h.liaison.runJobs();
    for (const person of [intakeWorker, wefightCoordinator, wpsOfficer]) {
      expect(dmsTo(person.userId, ref).filter((t) => t.includes('has waited more than'))).toHaveLength(1);
    }
    clock.advance(MINUTE);
    await h.liaison.runJobs();
    expect(dmsTo(intakeWorker.userId, ref).filter((t) => t.includes('has waited more than'))).toHaveLength(1);
  });

  it.each<[string, Fault]>([
    ['posts and then answers 500', { afterDoing: true, status: 500, body: { ok: false, error: 'internal_error' } }],
    ['posts and answers after the timeout', { afterDoing: true, hang: true }],
    ['posts and drops the connection', { afterDoing: true, drop: true }],
  ])('leaves one live card when Slack %s, showing the state after a click', async (_name, fault) => {
    h.slack.failNext('chat.postMessage', { ...fault, match: (args) => args.channel === INTAKE_CHANNEL });
    const ref = await refer('WEFIGHT');
    await expect.poll(() => liveCardsOf(ref).length).toBe(1);
    clock.advance(10 * MINUTE);
    await h.liaison.runJobs();
    expect(liveCardsOf(ref)).toHaveLength(1);
    // The first post Slack kept is a line without buttons.
    expect(copiesOf(ref).length).toBeGreaterThanOrEqual(2);

    const card = liveCardsOf(ref)[0]!;
    const accept = buttonsOf(card).find((b) => b.text.text === 'Accept')!;
    await h.click(intakeWorker, { actionId: accept.action_id, value: accept.value }, card);
    await expect.poll(() => liveCardsOf(ref).map(labels)).toEqual([['Close']]);
  });

  it('repairs a card whose update failed through its retries: by the job, and at once on a second click', async () => {
    const first = await refer('WEFIGHT');
    await expect.poll(() => liveCardsOf(first).length).toBe(1);
    const failUpdates = () => {
      for (let i = 0; i < 4; i++) h.slack.failNext('chat.update', { status: 500, body: { ok: false, error: 'internal_error' } });
    };
    const clickAccept = async (ref: string) => {
      const card = structuredClone(liveCardsOf(ref)[0]!);
      const accept = buttonsOf(card).find((b) => b.text.text === 'Accept')!;
      return h.click(intakeWorker, { actionId: accept.action_id, value: accept.value }, card);
    };

    failUpdates();
    await clickAccept(first);
    await expect.poll(() => dmsTo(wpsOfficer.userId, first).some((t) => t.includes('Accepted by'))).toBe(true);
    await expect.poll(() => h.logs.some((l) => l.includes('referral card not in step') && l.includes(first))).toBe(true);
    expect(liveCardsOf(first).map(labels)).toEqual([['Accept', 'Decline']]);
    clock.advance(MINUTE);
    await h.liaison.runJobs();
    expect(liveCardsOf(first).map(labels)).toEqual([['Close']]);

    const second = await refer('WEFIGHT');
    await expect.poll(() => liveCardsOf(second).length).toBe(1);
    failUpdates();
    await clickAccept(second);
    await expect.poll(() => h.logs.some((l) => l.includes('referral card not in step') && l.includes(second))).toBe(true);
    expect(liveCardsOf(second).map(labels)).toEqual([['Accept', 'Decline']]);
    // A colleague presses Accept on the stale card: told it was already accepted, and the card is redrawn.
    const answer = await clickAccept(second);
    expect(answer.status).toBe(200);
    await expect.poll(() => liveCardsOf(second).map(labels)).toEqual([['Close']]);
    expect(await h.sql.value("SELECT count(*) FROM audit_log WHERE action = 'referral.accept' AND ref = ?", second)).toBe(1);
  });

  it('keeps a direct message Slack would not take and sends it on a later run, once', async () => {
    const ref = await refer('WEFIGHT');
    await expect.poll(() => liveCardsOf(ref).length).toBe(1);
    for (let i = 0; i < 4; i++) h.slack.failNext('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' }, match: (args) => args.channel === wpsOfficer.userId });
    const card = structuredClone(liveCardsOf(ref)[0]!);
    const accept = buttonsOf(card).find((b) => b.text.text === 'Accept')!;
    await h.click(intakeWorker, { actionId: accept.action_id, value: accept.value }, card);
    await expect.poll(() => h.logs.some((l) => l.includes('direct message not sent; retried later') && l.includes(ref))).toBe(true);
    expect(await h.sql.value("SELECT state FROM direct_messages WHERE referral_id = ? AND kind = 'referral_status'", Number(ref.slice(2)))).toBe('queued');

    clock.advance(MINUTE);
    await h.liaison.runJobs();
    await h.liaison.runJobs();
    const delivered = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === wpsOfficer.userId && String(c.args.text).includes(`*${ref}*`) && String(c.args.text).includes('Accepted by'));
    // Four refused attempts, then the one Slack took; nothing after it.
    expect(delivered).toHaveLength(5);
    expect(await h.sql.value("SELECT state FROM direct_messages WHERE referral_id = ? AND kind = 'referral_status'", Number(ref.slice(2)))).toBe('sent');
  });
});
