// The closed loop between police and support agencies, end to end: /refer → card → accept → close,
// and → decline; concurrent clicks, outsiders' clicks, DMs to the officer and overdue reminders.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, type StoredMessage } from '../helpers/fake-slack.js';
import { FakeClock, Harness, textOf } from '../helpers/harness.js';
import {
  ADMIN_ENV,
  admin,
  INTAKE_CHANNEL,
  ckpsOfficer,
  intakeWorker,
  ok,
  say,
  seedWorld,
  tableCounts,
  wefightCoordinator,
  wpsCoordinator,
  wpsOfficer,
} from '../helpers/world.js';

const HOUR = 3_600_000;
const clock = new FakeClock('2017-10-11T20:00:00-04:00');



describe('referrals', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock });
    await seedWorld(h);
  });
  afterAll(() => h.stop());
  beforeEach(() => clock.set('2017-10-11T20:00:00-04:00'));

  async function engagement(): Promise<string> {
    const answer = await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes area="Windsor downtown" language=en');
    return /E-\d+/.exec(answer)![0];
  }

  async function refer(text: string): Promise<{ ref: string; card: StoredMessage }> {
    const answer = await ok(h, wpsOfficer, '/refer', text);
    const ref = /R-\d+/.exec(answer)![0];
    // The card is posted after the acknowledgement, as a line, then drawn with its buttons: wait for them.
    await expect.poll(() => cardOf(ref) && buttonsOf(cardOf(ref)).length).toBeGreaterThan(0);
    // A snapshot: the fake Slack updates its own copy in place, as Slack would.
    return { ref, card: structuredClone(cardOf(ref)) };
  }

  function cardOf(ref: string): StoredMessage {
    return h.slack.channelMessages(INTAKE_CHANNEL).find((m) => m.text.includes(`${ref} `))!;
  }

  function dmsTo(userId: string, ref: string): string[] {
    return h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === userId && String(c.args.text).includes(ref))
      .map((c) => String(c.args.text));
  }

  function click(user: typeof intakeWorker, card: StoredMessage, label: string) {
    const button = buttonsOf(card).find((b) => b.text.text === label)!;
    return h.click(user, { actionId: button.action_id, value: button.value }, { channel: card.channel, ts: card.ts, blocks: card.blocks });
  }

  it('travels create → card → accept → close, with the card and the officer’s DMs at each step', async () => {
    const e = await engagement();
    const { ref, card } = await refer(`${e} to=WEFIGHT needs=shelter,counselling urgency=urgent consent=yes note="prefers afternoon"`);

    const text = textOf(card.blocks);
    expect(text).toContain(`Referral ${ref} · URGENT`);
    expect(text).toContain('Shelter, Counselling');
    expect(text).toContain('18–24');
    expect(text).toContain('Windsor downtown');
    expect(text).toContain('ONS-WE');
    expect(text).toContain(`From *WPS*. <@${wpsOfficer.userId}> arranges the hand-over`);
    expect(buttonsOf(card).map((b) => b.text.text)).toEqual(['Accept', 'Decline']);
    expect(await h.sql.get('SELECT status, consent, card_ts FROM referrals WHERE id = ?', Number(ref.slice(2)))).toEqual({
      status: 'pending',
      consent: 1,
      card_ts: card.ts,
    });

    const accepted = await click(intakeWorker, card, 'Accept');
    expect(accepted.status).toBe(200);
    await expect.poll(() => buttonsOf(cardOf(ref)).map((b) => b.text.text)).toEqual(['Close']);
    expect(textOf(cardOf(ref).blocks)).toContain(`Accepted by <@${intakeWorker.userId}>`);
    await expect.poll(() => dmsTo(wpsOfficer.userId, ref).length).toBe(1);
    expect(dmsTo(wpsOfficer.userId, ref)[0]).toContain('Accepted by');

    const opened = h.slack.callsTo('views.open').length;
    await click(intakeWorker, cardOf(ref), 'Close');
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opened + 1);
    const form = h.slack.callsTo('views.open').at(-1)!.args.view as { callback_id: string; private_metadata: string };
    expect(form.callback_id).toBe('referral_close_modal');
    const submitted = await h.submitView(intakeWorker, {
      callbackId: 'referral_close_modal',
      privateMetadata: form.private_metadata,
      values: { outcome: { outcome: { type: 'radio_buttons', selected_option: { value: 'connected' } } } },
    });
    expect(submitted.status).toBe(200);
    await expect.poll(() => textOf(cardOf(ref).blocks)).toContain('Closed by');
    expect(textOf(cardOf(ref).blocks)).toContain('Connected with support');
    expect(buttonsOf(cardOf(ref))).toEqual([]);
    await expect.poll(() => dmsTo(wpsOfficer.userId, ref).length).toBe(2);

    const history = await h.sql.all('SELECT from_status, to_status, actor_user_id FROM referral_events WHERE referral_id = ? ORDER BY id', Number(ref.slice(2)));
    expect(history).toEqual([
      { from_status: null, to_status: 'pending', actor_user_id: wpsOfficer.userId },
      { from_status: 'pending', to_status: 'accepted', actor_user_id: intakeWorker.userId },
      { from_status: 'accepted', to_status: 'closed', actor_user_id: intakeWorker.userId },
    ]);
    const audit = await h.sql.values("SELECT action FROM audit_log WHERE ref = ? ORDER BY id", ref);
    expect(audit).toEqual(['referral.create', 'referral.accept', 'referral.close']);
  });

  it('travels create → decline with a reason shown on the card', async () => {
    const e = await engagement();
    const { ref, card } = await refer(`${e} to=WEFIGHT needs=legal urgency=routine consent=yes`);
    const opened = h.slack.callsTo('views.open').length;
    await click(wefightCoordinator, card, 'Decline');
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opened + 1);
    const form = h.slack.callsTo('views.open').at(-1)!.args.view as { callback_id: string; private_metadata: string };
    expect(form.callback_id).toBe('referral_decline_modal');

    const guarded = await h.submitView(wefightCoordinator, {
      callbackId: 'referral_decline_modal',
      privateMetadata: form.private_metadata,
      values: { reason: { reason: { value: 'call her at 519-555-0101 instead' } } },
    });
    expect(guarded.json).toMatchObject({ response_action: 'errors' });
    expect(await h.sql.value('SELECT status FROM referrals WHERE id = ?', Number(ref.slice(2)))).toBe('pending');

    await h.submitView(wefightCoordinator, {
      callbackId: 'referral_decline_modal',
      privateMetadata: form.private_metadata,
      values: { reason: { reason: { value: 'No capacity for legal support this week' } } },
    });
    await expect.poll(() => textOf(cardOf(ref).blocks)).toContain('Declined by');
    expect(textOf(cardOf(ref).blocks)).toContain('No capacity for legal support this week');
    expect(buttonsOf(cardOf(ref))).toEqual([]);
    await expect.poll(() => dmsTo(wpsOfficer.userId, ref).length).toBe(1);
    expect(dmsTo(wpsOfficer.userId, ref)[0]).toContain('Declined by');
  });

  it('changes the state once for a second click and for twenty concurrent clicks', async () => {
    const e = await engagement();
    const { ref, card } = await refer(`${e} to=WEFIGHT needs=medical urgency=immediate consent=yes`);
    const id = Number(ref.slice(2));
    const clicks = await Promise.all(Array.from({ length: 20 }, (_, i) => click(i % 2 ? intakeWorker : wefightCoordinator, card, 'Accept')));
    expect(clicks.every((c) => c.status === 200)).toBe(true);
    const again = await click(intakeWorker, card, 'Accept');
    expect(again.status).toBe(200);
    expect(await h.sql.value("SELECT count(*) FROM referral_events WHERE referral_id = ? AND to_status = 'accepted'", id)).toBe(1);
    expect(await h.sql.value("SELECT count(*) FROM audit_log WHERE ref = ? AND action = 'referral.accept'", ref)).toBe(1);
    // The 20 losers are each told, ephemerally, who handled it.
    await expect
      .poll(() => h.slack.callsTo('response_url').filter((c) => String(c.args.text).startsWith(`${ref} was already accepted by`)).length)
      .toBe(20);
    await expect.poll(() => dmsTo(wpsOfficer.userId, ref).length).toBe(1);
  });

  it('refuses clicks from outside the receiving agency and changes nothing', async () => {
    const e = await engagement();
    const { ref, card } = await refer(`${e} to=WEFIGHT needs=shelter urgency=routine consent=yes`);
    const before = await tableCounts(h);
    for (const outsider of [wpsOfficer, wpsCoordinator, ckpsOfficer]) {
      await click(outsider, card, 'Accept');
      await click(outsider, card, 'Decline');
    }
    await expect
      .poll(() => h.slack.callsTo('response_url').filter((c) => String(c.args.text).includes('Only intake workers and coordinators of the receiving agency')).length)
      .toBeGreaterThanOrEqual(6);
    expect(await tableCounts(h)).toEqual(before);
    expect(await h.sql.value('SELECT status FROM referrals WHERE id = ?', Number(ref.slice(2)))).toBe('pending');
  });

  it('refuses a referral without consent, to an agency without intake, or with personal data', async () => {
    const e = await engagement();
    const before = await tableCounts(h);
    expect(await say(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=routine consent=no`)).toContain('needs the person’s consent');
    expect(await say(h, wpsOfficer, '/refer', `${e} to=CKPS needs=shelter urgency=routine consent=yes`)).toContain('*CKPS* has no intake channel');
    expect(await say(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=routine consent=yes note="her name is Tina"`)).toContain('a person’s name');
    expect(await say(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=spa urgency=routine consent=yes`)).toContain('`needs=` must be a comma-separated list');
    expect(await say(h, wpsOfficer, '/refer', 'E-99999 to=WEFIGHT needs=shelter urgency=routine consent=yes')).toContain('There is no engagement E-99999');
    expect(await say(h, intakeWorker, '/refer', `${e} to=WEFIGHT needs=shelter urgency=routine consent=yes`)).toContain('intake workers cannot');
    expect(await tableCounts(h)).toEqual(before);
  });

  it('refuses a second open referral of an engagement to the same agency, naming the open one, until it is declined', async () => {
    const e = await engagement();
    const { ref, card } = await refer(`${e} to=WEFIGHT needs=shelter urgency=routine consent=yes`);
    const before = await tableCounts(h);
    expect(await say(h, wpsCoordinator, '/refer', `${e} to=WEFIGHT needs=legal urgency=urgent consent=yes`)).toBe(
      `${e} already has an open referral to *WEFIGHT*: *${ref}* (pending). Nothing was stored. ${e} can be referred to WEFIGHT again once ${ref} is declined, closed or withdrawn (\`/refer withdraw ${ref} reason=duplicate\`).`,
    );
    const byForm = await h.submitView(wpsOfficer, {
      callbackId: 'refer_modal',
      values: {
        engagement: { engagement: { selected_option: { value: e.slice(2) } } },
        to_agency: { to_agency: { selected_option: { value: 'WEFIGHT' } } },
        needs: { needs: { type: 'multi_static_select', selected_options: [{ value: 'medical' }] } },
        urgency: { urgency: { selected_option: { value: 'urgent' } } },
        consent: { consent: { selected_options: [{ value: 'yes' }] } },
        note: { note: { value: null } },
      },
    });
    expect(textOf((byForm.json!.view as { blocks: unknown }).blocks)).toContain(`already has an open referral to *WEFIGHT*: *${ref}* (pending)`);
    expect(await tableCounts(h)).toEqual(before);

    // Once it is no longer open, the engagement can go to the same agency again.
    const opened = h.slack.callsTo('views.open').length;
    await click(wefightCoordinator, card, 'Decline');
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opened + 1);
    const declineForm = h.slack.callsTo('views.open').at(-1)!.args.view as { private_metadata: string };
    await h.submitView(wefightCoordinator, {
      callbackId: 'referral_decline_modal',
      privateMetadata: declineForm.private_metadata,
      values: { reason: { reason: { value: 'No capacity this week' } } },
    });
    expect(await h.sql.value('SELECT status FROM referrals WHERE id = ?', Number(ref.slice(2)))).toBe('declined');
    const again = await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=routine consent=yes`);
    expect(again).toMatch(/^Referred \*R-\d+\* to \*WEFIGHT\*/);
  });

  it('refers through the form, picking from the officer’s recent engagements', async () => {
    const e = await engagement();
    const opened = h.slack.callsTo('views.open').length;
    await h.command(wpsOfficer, '/refer', '');
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opened + 1);
    const view = h.slack.callsTo('views.open')[opened]!.args.view as { callback_id: string; blocks: unknown[] };
    expect(view.callback_id).toBe('refer_modal');
    // Each engagement told apart by when, who and where, and whether it was referred already.
    expect(textOf(view.blocks)).toContain(`${e} · ONS-WE · Oct 11, 20:00 · 18–24 · Windsor downtown · not referred`);
    expect(textOf(view.blocks)).toMatch(/E-\d+ · ONS-WE · Oct 11, \d\d:\d\d · 18–24 · Windsor downtown · WEFIGHT (pending|accepted|declined|closed|withdrawn)/);
    const submitted = await h.submitView(wpsOfficer, {
      callbackId: 'refer_modal',
      values: {
        engagement: { engagement: { selected_option: { value: e.slice(2) } } },
        to_agency: { to_agency: { selected_option: { value: 'WEFIGHT' } } },
        needs: { needs: { type: 'multi_static_select', selected_options: [{ value: 'shelter' }, { value: 'translation' }] } },
        urgency: { urgency: { selected_option: { value: 'urgent' } } },
        consent: { consent: { selected_options: [{ value: 'yes' }] } },
        note: { note: { value: null } },
      },
    });
    expect(submitted.json?.response_action).toBe('update');
    const ref = /R-\d+/.exec(textOf((submitted.json!.view as { blocks: unknown }).blocks))![0];
    await expect.poll(() => cardOf(ref) && textOf(cardOf(ref).blocks)).toContain('Shelter, Translation');
  });

  it('queues a card Slack refused, tells the officer, and posts it on the next run', async () => {
    const e = await engagement();
    h.slack.failNext('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const answer = await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=routine consent=yes`);
    const ref = /R-\d+/.exec(answer)![0];
    await expect
      .poll(() => h.slack.callsTo('response_url').some((c) => String(c.args.text).includes(`*${ref}* is stored, but its card could not be posted`)))
      .toBe(true);
    expect(await h.sql.value('SELECT card_ts FROM referrals WHERE id = ?', Number(ref.slice(2)))).toBeNull();
    // Not before its backoff: the next run leaves it queued.
    await h.liaison.runJobs();
    expect(cardOf(ref)).toBeUndefined();
    clock.advance(31_000);
    await h.liaison.runJobs();
    expect(buttonsOf(cardOf(ref)).map((b) => b.text.text)).toEqual(['Accept', 'Decline']);
  });

  describe('overdue reminders', () => {
    function remindersFor(ref: string, card: StoredMessage): StoredMessage[] {
      return h.slack.messages.filter((m) => m.threadTs === card.ts && m.text.includes(ref));
    }

    it('fire once per period, threaded under the card, and do not repeat after a restart', async () => {
      const e = await engagement();
      const { ref, card } = await refer(`${e} to=WEFIGHT needs=shelter urgency=urgent consent=yes`);
      await h.liaison.runJobs();
      expect(remindersFor(ref, card)).toHaveLength(0);

      clock.advance(4 * HOUR + 60_000);
      await h.liaison.runJobs();
      await h.liaison.runJobs();
      expect(remindersFor(ref, card)).toHaveLength(1);
      expect(remindersFor(ref, card)[0]!.text).toContain('has waited more than 4 h');

      // A restart on the same database and the same fake Slack sends nothing again.
      await h.stop({ keepData: true, keepSlack: true });
      h = await Harness.start({ env: ADMIN_ENV, clock, database: h.database, slack: h.slack });
      await h.liaison.runJobs();
      expect(remindersFor(ref, card)).toHaveLength(1);

      clock.advance(4 * HOUR);
      await h.liaison.runJobs();
      expect(remindersFor(ref, card)).toHaveLength(2);

      // Once accepted, the next reminder comes only after 7 days open.
      await click(intakeWorker, cardOf(ref), 'Accept');
      await expect.poll(() => buttonsOf(cardOf(ref)).map((b) => b.text.text)).toEqual(['Close']);
      clock.advance(6 * 24 * HOUR);
      await h.liaison.runJobs();
      expect(remindersFor(ref, card)).toHaveLength(2);
      clock.advance(24 * HOUR + 60_000);
      await h.liaison.runJobs();
      expect(remindersFor(ref, card)).toHaveLength(3);
      expect(remindersFor(ref, card)[2]!.text).toContain('accepted more than 7 days ago');
    });
  });
});

describe('the /refer form with long names', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    await seedWorld(h);
  });
  afterAll(() => h.stop());

  /** Well-formed UTF-16: every high surrogate followed by a low one, no low one alone. */
  const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

  it('cuts agency names and areas in its options between characters, never inside one, within 75', async () => {
    // "EMOJI — " is 8 UTF-16 units: a cut at 75 would fall inside the 34th emoji (two units each).
    await ok(h, admin, '/agency', `add EMOJI "${'🚓'.repeat(40)}" kind=advocacy intake=<#C0EMOJIIN|emoji-intake>`);
    await ok(h, wpsOfficer, '/engage', `ONS-WE age=18-24 gender=female offered=yes accepted=yes area="${'🏠'.repeat(30)}"`);
    const opened = h.slack.callsTo('views.open').length;
    await h.command(wpsOfficer, '/refer', '');
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opened + 1);
    const view = h.slack.callsTo('views.open')[opened]!.args.view as { blocks: Array<{ element?: { options?: Array<{ text: { text: string } }> } }> };
    const texts = view.blocks.flatMap((b) => b.element?.options ?? []).map((o) => o.text.text);
    expect(texts.some((t) => t.startsWith('EMOJI — 🚓'))).toBe(true);
    expect(texts.some((t) => t.includes('🏠'))).toBe(true);
    for (const text of texts) {
      expect(wellFormed(text), JSON.stringify(text)).toBe(true);
      expect(text.length, text).toBeLessThanOrEqual(75);
    }
  });
});
