// The next step under "Logged E-n": `Refer` opens the referral form with that engagement chosen (on
// the answer to a command, and on the form that logged it), `Log another` opens the engagement form;
// a forged or stale button is refused, saying what to type. Through the real app, both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, Harness } from '../helpers/harness.js';
import { buttonsOf } from '../helpers/fake-slack.js';
import { ADMIN_ENV, INTAKE_CHANNEL, ckpsOfficer, ok, seedWorld, wefightCoordinator, wpsOfficer } from '../helpers/world.js';

type Button = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; block_id?: string; elements?: Button[] };

describe('next steps after an engagement', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    await seedWorld(h);
  });
  afterAll(() => h.stop());

  async function engage(text: string): Promise<{ ref: string; blocks: Block[] }> {
    const answer = await h.command(wpsOfficer, '/engage', text);
    expect(answer.status).toBe(200);
    return { ref: /E-\d+/.exec(String(answer.json?.text))![0], blocks: answer.json?.blocks as Block[] };
  }
  const buttons = (blocks: Block[]) => blocks.find((b) => b.type === 'actions' && b.block_id === 'engagement_next')?.elements ?? [];
  const onAnswer = { channel: 'C0FIELD', ts: '1507766400.000900' };
  const lastOpened = () => h.slack.callsTo('views.open').at(-1)?.args.view as { callback_id: string; blocks: Array<Record<string, unknown>> };
  const chosenEngagement = (view: { blocks: Array<Record<string, unknown>> }) =>
    (view.blocks.find((b) => b.block_id === 'engagement')?.element as { initial_option?: { value: string } } | undefined)?.initial_option?.value;

  it('offers Refer and Log another when the person accepted support, and only Log another when not', async () => {
    const accepted = await engage('ONS-WE age=18-24 gender=female offered=yes accepted=yes');
    expect(buttons(accepted.blocks).map((b) => b.text.text)).toEqual(['Refer', 'Log another']);
    expect(JSON.stringify(accepted.blocks)).toContain(`Logged *${accepted.ref}* in ONS-WE.`);
    const declined = await engage('ONS-WE age=25-34 gender=female offered=yes accepted=no');
    expect(buttons(declined.blocks).map((b) => b.text.text)).toEqual(['Log another']);
  });

  it('opens the referral form with the engagement chosen, and the referral it submits is of that engagement', async () => {
    await engage('ONS-WE age=25-34 gender=male offered=yes accepted=yes');
    const { ref, blocks } = await engage('ONS-WE age=18-24 gender=female offered=yes accepted=yes area="Walkerville"');
    const refer = buttons(blocks).find((b) => b.text.text === 'Refer')!;
    const opens = h.slack.callsTo('views.open').length;
    expect((await h.click(wpsOfficer, { actionId: refer.action_id, value: refer.value }, onAnswer)).status).toBe(200);
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opens + 1);
    expect(lastOpened().callback_id).toBe('refer_modal');
    expect(chosenEngagement(lastOpened())).toBe(ref.slice(2));

    const submitted = await h.submitView(wpsOfficer, {
      callbackId: 'refer_modal',
      values: {
        engagement: { engagement: { selected_option: { value: chosenEngagement(lastOpened()) } } },
        to_agency: { to_agency: { selected_option: { value: 'WEFIGHT' } } },
        needs: { needs: { type: 'multi_static_select', selected_options: [{ value: 'shelter' }] } },
        urgency: { urgency: { selected_option: { value: 'urgent' } } },
        consent: { consent: { selected_options: [{ value: 'yes' }] } },
        note: { note: { value: null } },
      },
    });
    expect(submitted.json?.response_action).toBe('update');
    expect(await h.sql.value('SELECT engagement_id FROM referrals ORDER BY id DESC LIMIT 1')).toBe(Number(ref.slice(2)));
  });

  it('opens the engagement form from Log another', async () => {
    const { blocks } = await engage('ONS-WE age=25-34 gender=female offered=no accepted=no');
    const another = buttons(blocks)[0]!;
    const opens = h.slack.callsTo('views.open').length;
    await h.click(wpsOfficer, { actionId: another.action_id, value: another.value }, onAnswer);
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opens + 1);
    expect(lastOpened().callback_id).toBe('engage_modal');
  });

  it('turns the form that logged the engagement into the referral form', async () => {
    const submitted = await h.submitView(wpsOfficer, {
      callbackId: 'engage_modal',
      values: {
        operation: { operation: { selected_option: { value: 'ONS-WE' } } },
        age_band: { age_band: { selected_option: { value: '18-24' } } },
        gender: { gender: { selected_option: { value: 'female' } } },
        offered: { offered: { selected_option: { value: 'yes' } } },
        accepted: { accepted: { selected_option: { value: 'yes' } } },
      },
    });
    const done = (submitted.json as { view: { title: { text: string }; blocks: Block[] } }).view;
    const refer = buttons(done.blocks).find((b) => b.text.text === 'Refer')!;
    const updates = h.slack.callsTo('views.update').length;
    await h.interact({
      type: 'block_actions',
      user: { id: wpsOfficer.userId, team_id: wpsOfficer.teamId, username: wpsOfficer.userId },
      team: { id: wpsOfficer.teamId, domain: 'fake' },
      api_app_id: 'A0LIAISON',
      container: { type: 'view', view_id: 'VDONE1' },
      view: { id: 'VDONE1', type: 'modal', callback_id: 'done_modal', blocks: done.blocks },
      trigger_id: 'trigger-done-1',
      actions: [{ type: 'button', action_id: refer.action_id, block_id: 'engagement_next', value: refer.value, action_ts: '1507766400.1' }],
    });
    await expect.poll(() => h.slack.callsTo('views.update').length).toBe(updates + 1);
    const update = h.slack.callsTo('views.update').at(-1)!.args as { view_id: string; view: { callback_id: string; blocks: Array<Record<string, unknown>> } };
    expect(update.view_id).toBe('VDONE1');
    expect(update.view.callback_id).toBe('refer_modal');
    expect(`E-${chosenEngagement(update.view)}`).toBe(done.title.text);
  });

  it('offers Refer elsewhere on the officer’s message about a decline, with the same person chosen', async () => {
    const { ref: e } = await engage('ONS-WE age=18-24 gender=female offered=yes accepted=yes');
    const ref = /R-\d+/.exec(await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=legal urgency=routine consent=yes`))![0];
    const cardOf = () => h.slack.channelMessages(INTAKE_CHANNEL).find((m) => m.text.includes(`${ref} `));
    await expect.poll(() => cardOf() && buttonsOf(cardOf()!).length).toBe(2);
    const decline = buttonsOf(cardOf()!).find((b) => b.text.text === 'Decline')!;
    const opens = h.slack.callsTo('views.open').length;
    await h.click(wefightCoordinator, { actionId: decline.action_id, value: decline.value }, cardOf()!);
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opens + 1);
    await h.submitView(wefightCoordinator, {
      callbackId: 'referral_decline_modal',
      privateMetadata: (lastOpened() as unknown as { private_metadata: string }).private_metadata,
      values: { reason: { reason: { value: 'no capacity this week' } } },
    });
    const declinedMessage = () =>
      h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === wpsOfficer.userId && String(c.args.text).includes(`*${ref}*`) && String(c.args.text).includes('Declined'));
    await expect.poll(() => declinedMessage()).toBeTruthy();
    const elsewhere = (declinedMessage()!.args.blocks as Block[]).find((b) => b.type === 'actions')?.elements ?? [];
    expect(elsewhere.map((b) => b.text.text)).toEqual(['Refer elsewhere']);
    await h.click(wpsOfficer, { actionId: elsewhere[0]!.action_id, value: elsewhere[0]!.value }, { channel: 'D0WPSOFF', ts: '1507766400.001000' });
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opens + 2);
    expect(lastOpened().callback_id).toBe('refer_modal');
    expect(chosenEngagement(lastOpened())).toBe(e.slice(2));
  });

  it('puts Log an engagement and Refer someone at the top of the officer’s App Home, each opening its form', async () => {
    await h.event(wpsOfficer.teamId, { type: 'app_home_opened', user: wpsOfficer.userId, tab: 'home', channel: 'D0WPSOFF', event_ts: '1507766400.002000' });
    const home = () => h.slack.callsTo('views.publish').filter((c) => c.args.user_id === wpsOfficer.userId).at(-1)?.args.view as { blocks: Block[] } | undefined;
    await expect.poll(() => home()?.blocks.some((b) => b.block_id === 'home_officer_actions')).toBe(true);
    const [log, refer] = home()!.blocks.find((b) => b.block_id === 'home_officer_actions')!.elements!;
    for (const [button, form] of [
      [log!, 'engage_modal'],
      [refer!, 'refer_modal'],
    ] as const) {
      const opens = h.slack.callsTo('views.open').length;
      await h.clickOnHome(wpsOfficer, { actionId: button.action_id, value: button.value, blockId: 'home_officer_actions' });
      await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opens + 1);
      expect(lastOpened().callback_id).toBe(form);
    }
  });

  it('refuses a Refer button for someone else’s engagement, saying what to type, and opens nothing', async () => {
    const { blocks } = await engage('ONS-WE age=18-24 gender=female offered=yes accepted=yes');
    const refer = buttons(blocks).find((b) => b.text.text === 'Refer')!;
    const opens = h.slack.callsTo('views.open').length;
    const responses = h.slack.callsTo('response_url').length;
    await h.click(ckpsOfficer, { actionId: refer.action_id, value: refer.value }, onAnswer);
    await expect.poll(() => h.slack.callsTo('response_url').length).toBe(responses + 1);
    const text = String(h.slack.callsTo('response_url').at(-1)!.args.text);
    expect(text).toMatch(/^E-\d+ is not among your recent engagements\. Refer it with `\/refer E-\d+ to=<AGENCY>/);
    expect(h.slack.callsTo('views.open').length).toBe(opens);
  });
});
