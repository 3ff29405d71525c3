// The referring side taking a referral back: by `/refer withdraw`, or by the Withdraw button on the
// officer's App Home or direct message. The card shows it and has no buttons left, the officer is
// told, the digest counts it; people the permission table leaves out change nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { buttonsOf, type StoredMessage } from '../helpers/fake-slack.js';
import { FakeClock, Harness, textOf, type TestUser } from '../helpers/harness.js';
import {
  ADMIN_ENV,
  INTAKE_CHANNEL,
  ckpsOfficer,
  intakeWorker,
  ok,
  say,
  seedWorld,
  tableCounts,
  wpsCoordinator,
  wpsOfficer,
} from '../helpers/world.js';

const clock = new FakeClock('2017-10-11T20:00:00-04:00');

interface FormView {
  callback_id: string;
  private_metadata: string;
  blocks: unknown[];
}

describe('withdrawing a referral', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock });
    await seedWorld(h);
  });
  afterAll(() => h.stop());
  beforeEach(() => clock.set('2017-10-11T20:00:00-04:00'));

  async function engagement(): Promise<string> {
    return /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes'))![0];
  }

  async function refer(e?: string): Promise<{ ref: string; id: number }> {
    const answer = await ok(h, wpsOfficer, '/refer', `${e ?? (await engagement())} to=WEFIGHT needs=shelter urgency=urgent consent=yes`);
    const ref = /R-\d+/.exec(answer)![0];
    await expect.poll(() => allButtons(cardOf(ref) ?? { blocks: [] }).map((b) => b.text.text)).toEqual(['Accept', 'Decline']);
    return { ref, id: Number(ref.slice(2)) };
  }

  function cardOf(ref: string): StoredMessage | undefined {
    return h.slack.channelMessages(INTAKE_CHANNEL).find((m) => m.text.includes(`${ref} `));
  }

  function dmsTo(user: TestUser, ref: string): StoredMessage[] {
    return h.slack.messages.filter((m) => m.channel === user.userId && m.text.includes(`*${ref}*`));
  }

  /** Every button of a message or view (App Home has one actions block per referral). */
  function allButtons(view: { blocks: unknown[] }): Array<{ action_id: string; value: string; text: { text: string } }> {
    return (view.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
  }

  async function digestReferrals(): Promise<Record<string, number>> {
    let out = '';
    const code = await runCli(['digest', 'ONS-WE', '--json'], h.database.env, { out: (t) => (out += t), err: () => {} });
    expect(code).toBe(0);
    return JSON.parse(out).referrals;
  }

  async function accept(ref: string): Promise<void> {
    const card = structuredClone(cardOf(ref)!);
    const button = buttonsOf(card).find((b) => b.text.text === 'Accept')!;
    await h.click(intakeWorker, { actionId: button.action_id, value: button.value }, card);
    await expect.poll(() => buttonsOf(cardOf(ref)!).map((b) => b.text.text)).toEqual(['Close']);
  }

  /** Submits the Withdraw form that the last views.open opened. */
  async function submitWithdrawForm(user: TestUser, opened: number, reason: string) {
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opened + 1);
    const form = h.slack.callsTo('views.open').at(-1)!.args.view as FormView;
    expect(form.callback_id).toBe('referral_withdraw_modal');
    expect(textOf(form.blocks)).toContain('Entered in error');
    return h.submitView(user, {
      callbackId: 'referral_withdraw_modal',
      privateMetadata: form.private_metadata,
      values: { reason: { reason: { type: 'radio_buttons', selected_option: reason ? { value: reason } : null } } },
    });
  }

  const lastResponse = () => String(h.slack.callsTo('response_url').at(-1)?.args.text ?? '');

  it('by command: the card shows who withdrew it and why, with no buttons; the officer is told; the digest counts it', async () => {
    const before = await digestReferrals();
    const { ref, id } = await refer();
    expect(await digestReferrals()).toEqual({ ...before, pending: before.pending! + 1 });

    const answer = await ok(h, wpsOfficer, '/refer', `withdraw ${ref} reason=duplicate`);
    expect(answer).toBe(`Withdrew *${ref}* to *WEFIGHT* (Duplicate). Its card in their intake channel now says so.`);
    await expect.poll(() => textOf(cardOf(ref)!.blocks)).toContain(`Withdrawn by <@${wpsOfficer.userId}>`);
    expect(textOf(cardOf(ref)!.blocks)).toContain('Duplicate');
    expect(buttonsOf(cardOf(ref)!)).toEqual([]);
    // The intake channel is told under the card, once.
    const notices = () => h.slack.channelMessages(INTAKE_CHANNEL).filter((m) => m.threadTs === cardOf(ref)!.ts && m.text.includes('was withdrawn'));
    await expect.poll(() => notices().map((m) => m.text)).toEqual([`:leftwards_arrow_with_hook: *${ref}* was withdrawn by <@${wpsOfficer.userId}> (Duplicate). Nothing more to do for it.`]);
    await expect.poll(() => dmsTo(wpsOfficer, ref).map((m) => m.text)).toEqual([expect.stringContaining('Withdrawn by')]);
    // The message about a referral that is no longer open offers nothing to click.
    expect(buttonsOf(dmsTo(wpsOfficer, ref)[0]!)).toEqual([]);

    expect(await h.sql.get('SELECT status, withdrawal_reason, actor_user_id FROM referrals WHERE id = ?', id)).toEqual({
      status: 'withdrawn',
      withdrawal_reason: 'duplicate',
      actor_user_id: wpsOfficer.userId,
    });
    expect(await h.sql.values('SELECT to_status FROM referral_events WHERE referral_id = ? ORDER BY id', id)).toEqual(['pending', 'withdrawn']);
    expect(await h.sql.values('SELECT action FROM audit_log WHERE ref = ? ORDER BY id', ref)).toEqual(['referral.create', 'referral.withdraw']);
    expect(await digestReferrals()).toEqual({ ...before, withdrawn: before.withdrawn! + 1 });
  });

  it('by the Withdraw button on the officer’s App Home, through a form asking why', async () => {
    const { ref, id } = await refer();
    const published = h.slack.callsTo('views.publish').length;
    await h.event(wpsOfficer.teamId, { type: 'app_home_opened', user: wpsOfficer.userId, channel: 'D0HOME', tab: 'home' });
    await expect.poll(() => h.slack.callsTo('views.publish').length).toBeGreaterThan(published);
    const home = h.slack.callsTo('views.publish').filter((c) => c.args.user_id === wpsOfficer.userId).at(-1)!.args.view as { blocks: unknown[] };
    expect(textOf(home.blocks)).toContain('Your open referrals');
    const button = allButtons(home).find((b) => b.text.text === 'Withdraw' && JSON.parse(b.value).referral === id)!;
    expect(button).toBeDefined();

    const opened = h.slack.callsTo('views.open').length;
    await h.clickOnHome(wpsOfficer, { actionId: button.action_id, value: button.value, blockId: `home_withdraw_${id}` });
    const unanswered = await submitWithdrawForm(wpsOfficer, opened, '');
    expect(unanswered.json).toMatchObject({ response_action: 'errors', errors: { reason: 'Please choose why the referral is withdrawn.' } });
    expect(await h.sql.value('SELECT status FROM referrals WHERE id = ?', id)).toBe('pending');

    const form = h.slack.callsTo('views.open').at(-1)!.args.view as FormView;
    await h.submitView(wpsOfficer, {
      callbackId: 'referral_withdraw_modal',
      privateMetadata: form.private_metadata,
      values: { reason: { reason: { type: 'radio_buttons', selected_option: { value: 'consent_withdrawn' } } } },
    });
    await expect.poll(() => textOf(cardOf(ref)!.blocks)).toContain(`Withdrawn by <@${wpsOfficer.userId}>`);
    expect(textOf(cardOf(ref)!.blocks)).toContain('Consent withdrawn');
    expect(buttonsOf(cardOf(ref)!)).toEqual([]);
    await expect
      .poll(() => h.slack.channelMessages(INTAKE_CHANNEL).filter((m) => m.threadTs === cardOf(ref)!.ts && m.text.includes('was withdrawn')).length)
      .toBe(1);
    await expect.poll(() => dmsTo(wpsOfficer, ref).length).toBe(1);
    // App Home no longer offers it.
    await expect
      .poll(() => {
        const latest = h.slack.callsTo('views.publish').filter((c) => c.args.user_id === wpsOfficer.userId).at(-1)!.args.view as { blocks: unknown[] };
        return allButtons(latest).some((b) => b.text.text === 'Withdraw' && JSON.parse(b.value).referral === id);
      })
      .toBe(false);
  });

  it('by the Withdraw button on the officer’s direct message about an accepted referral', async () => {
    const { ref, id } = await refer();
    await accept(ref);
    await expect.poll(() => dmsTo(wpsOfficer, ref).length).toBe(1);
    const dm = structuredClone(dmsTo(wpsOfficer, ref)[0]!);
    expect(dm.text).toContain('Accepted by');
    const button = buttonsOf(dm).find((b) => b.text.text === 'Withdraw')!;
    expect(button).toBeDefined();

    const opened = h.slack.callsTo('views.open').length;
    await h.click(wpsOfficer, { actionId: button.action_id, value: button.value }, dm);
    await submitWithdrawForm(wpsOfficer, opened, 'entered_in_error');
    await expect.poll(() => textOf(cardOf(ref)!.blocks)).toContain(`Withdrawn by <@${wpsOfficer.userId}>`);
    expect(textOf(cardOf(ref)!.blocks)).toContain('Entered in error');
    expect(buttonsOf(cardOf(ref)!)).toEqual([]);
    expect(await h.sql.values('SELECT to_status FROM referral_events WHERE referral_id = ? ORDER BY id', id)).toEqual(['pending', 'accepted', 'withdrawn']);
    await expect.poll(() => dmsTo(wpsOfficer, ref).length).toBe(2);

    // A second click on the old message changes nothing and says who already handled it.
    const responses = h.slack.callsTo('response_url').length;
    await h.click(wpsOfficer, { actionId: button.action_id, value: button.value }, dm);
    await expect.poll(() => h.slack.callsTo('response_url').length).toBe(responses + 1);
    expect(lastResponse()).toMatch(new RegExp(`^${ref} was already withdrawn by <@${wpsOfficer.userId}>.*Nothing changed\\.$`));
  });

  it('is allowed to a coordinator of the referring agency', async () => {
    const { ref } = await refer();
    expect(await ok(h, wpsCoordinator, '/refer', `withdraw ${ref} reason=other`)).toContain(`Withdrew *${ref}*`);
    await expect.poll(() => textOf(cardOf(ref)!.blocks)).toContain(`Withdrawn by <@${wpsCoordinator.userId}>`);
  });

  it('is refused to another agency’s officer and to the receiving intake worker, and changes nothing', async () => {
    const { ref, id } = await refer();
    const before = await tableCounts(h);
    expect(await say(h, ckpsOfficer, '/refer', `withdraw ${ref} reason=duplicate`)).toBe(
      'Only the officer who made this referral, a coordinator of the agency that made it, or an admin can withdraw it (you are with CKPS).',
    );
    expect(await say(h, intakeWorker, '/refer', `withdraw ${ref} reason=duplicate`)).toContain('Only the officer who made this referral');
    // A forged click on the Withdraw button is refused the same way.
    const responses = h.slack.callsTo('response_url').length;
    await h.click(ckpsOfficer, { actionId: 'referral_withdraw', value: JSON.stringify({ referral: id }) }, cardOf(ref)!);
    await expect.poll(() => h.slack.callsTo('response_url').length).toBe(responses + 1);
    expect(lastResponse()).toContain('Only the officer who made this referral');
    expect(await tableCounts(h)).toEqual(before);
    expect(await h.sql.value('SELECT status FROM referrals WHERE id = ?', id)).toBe('pending');
    expect(buttonsOf(cardOf(ref)!).map((b) => b.text.text)).toEqual(['Accept', 'Decline']);
  });

  it('happens once, and not to a declined or closed referral', async () => {
    const { ref } = await refer();
    await ok(h, wpsOfficer, '/refer', `withdraw ${ref} reason=duplicate`);
    const before = await tableCounts(h);
    expect(await say(h, wpsOfficer, '/refer', `withdraw ${ref} reason=other`)).toMatch(
      new RegExp(`^${ref} was already withdrawn by <@${wpsOfficer.userId}>.*Nothing changed\\.$`),
    );
    expect(await tableCounts(h)).toEqual(before);

    const declined = await refer();
    await h.sql.run("UPDATE referrals SET status = 'declined', decline_reason = 'No capacity' WHERE id = ?", declined.id);
    const closed = await refer();
    await h.sql.run("UPDATE referrals SET status = 'closed', close_outcome = 'connected' WHERE id = ?", closed.id);
    const countsNow = await tableCounts(h);
    expect(await say(h, wpsOfficer, '/refer', `withdraw ${declined.ref} reason=duplicate`)).toContain(`${declined.ref} is declined. Nothing changed.`);
    expect(await say(h, wpsOfficer, '/refer', `withdraw ${closed.ref} reason=duplicate`)).toContain(`${closed.ref} is closed. Nothing changed.`);
    expect(await tableCounts(h)).toEqual(countsNow);
  });

  it('names what is wrong with the command and stores nothing', async () => {
    const { ref } = await refer();
    const before = await tableCounts(h);
    expect(await say(h, wpsOfficer, '/refer', `withdraw ${ref} reason=bored`)).toContain(
      '`reason=` must be one of consent_withdrawn, duplicate, entered_in_error, other',
    );
    expect(await say(h, wpsOfficer, '/refer', `withdraw ${ref}`)).toContain('`reason=`');
    expect(await say(h, wpsOfficer, '/refer', 'withdraw R-99999 reason=duplicate')).toBe('There is no referral R-99999.');
    expect(await tableCounts(h)).toEqual(before);
  });

  it('lets the engagement be referred to the same agency again once withdrawn', async () => {
    const e = await engagement();
    const { ref } = await refer(e);
    expect(await say(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=legal urgency=routine consent=yes`)).toContain(
      `already has an open referral to *WEFIGHT*: *${ref}* (pending)`,
    );
    await ok(h, wpsOfficer, '/refer', `withdraw ${ref} reason=entered_in_error`);
    expect(await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=legal urgency=routine consent=yes`)).toMatch(/^Referred \*R-\d+\* to \*WEFIGHT\*/);
  });
});
