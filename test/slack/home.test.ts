// App Home end to end: published when opened, and again after each change that concerns the person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, Harness, textOf, type TestUser } from '../helpers/harness.js';
import { ADMIN_ENV, INTAKE_CHANNEL, intakeWorker, ok, seedWorld, stranger, wefightCoordinator, wpsOfficer } from '../helpers/world.js';

interface Published {
  blocks: Array<{ type: string; block_id?: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>;
}

describe('App Home', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    await seedWorld(h);
  });
  afterAll(() => h.stop());

  const latestHome = (user: TestUser): Published | undefined =>
    h.slack.callsTo('views.publish').filter((c) => c.args.user_id === user.userId).at(-1)?.args.view as Published | undefined;

  async function open(user: TestUser): Promise<Published> {
    const before = h.slack.callsTo('views.publish').length;
    const answer = await h.event(user.teamId, { type: 'app_home_opened', user: user.userId, channel: 'D0HOME', tab: 'home' });
    expect(answer.status).toBe(200);
    await expect.poll(() => h.slack.callsTo('views.publish').length).toBeGreaterThan(before);
    return latestHome(user)!;
  }

  it('tells an unregistered person how to get registered', async () => {
    expect(textOf((await open(stranger)).blocks)).toContain('You are not registered with a partner agency yet');
  });

  it('shows an officer their agency, role, operations and recent engagements, refreshed after a change', async () => {
    expect(textOf((await open(wpsOfficer)).blocks)).not.toContain('Your recent engagements');
    await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes area="Windsor downtown"');
    await expect.poll(() => textOf(latestHome(wpsOfficer)?.blocks)).toContain('Your recent engagements');
    const text = textOf(latestHome(wpsOfficer)!.blocks);
    expect(text).toContain('You are *officer* at *WPS* — Windsor Police Service.');
    expect(text).toContain('*ONS-WE* Northern Spotlight Windsor-Essex');
    expect(text).toMatch(/Engaged 1 · accepted 1/);
    expect(text).toMatch(/E-\d+ · ONS-WE · 18–24 · Windsor downtown/);
    // The shift's two actions come first.
    const actions = latestHome(wpsOfficer)!.blocks.find((b) => b.block_id === 'home_officer_actions');
    expect(actions?.elements?.map((b) => b.text.text)).toEqual(['Log an engagement', 'Refer someone']);
  });

  it('publishes nothing for someone who has not opened App Home', async () => {
    const before = h.slack.callsTo('views.publish').filter((c) => c.args.user_id === wefightCoordinator.userId).length;
    const e = /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=female offered=yes accepted=yes'))![0];
    const ref = /R-\d+/.exec(await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=legal urgency=routine consent=yes`))![0];
    // The Home refresh follows the card's post in the same effect: once the card is there, let it run.
    await expect.poll(() => h.slack.channelMessages(INTAKE_CHANNEL).some((m) => m.text.includes(`${ref} `))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.slack.callsTo('views.publish').filter((c) => c.args.user_id === intakeWorker.userId)).toHaveLength(0);
    expect(h.slack.callsTo('views.publish').filter((c) => c.args.user_id === wefightCoordinator.userId).length).toBe(before);
  });

  it('shows the intake worker the open referral with the card’s buttons, then its closing', async () => {
    await open(intakeWorker);
    const e = /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=female offered=yes accepted=yes'))![0];
    const ref = /R-\d+/.exec(await ok(h, wpsOfficer, '/refer', `${e} to=WEFIGHT needs=shelter urgency=urgent consent=yes`))![0];
    await expect.poll(() => textOf(latestHome(intakeWorker)?.blocks)).toContain(`*${ref}*`);
    const home = await open(intakeWorker);
    expect(textOf(home.blocks)).toContain('Open referrals to your agency');
    const actions = home.blocks.find((b) => b.type === 'actions' && b.block_id === `home_referral_${ref.slice(2)}`)!;
    expect(actions.elements!.map((b) => b.text.text)).toEqual(['Accept', 'Decline']);

    // Accepting from App Home changes the card in the channel and the Home itself.
    const accept = actions.elements![0]!;
    await h.clickOnHome(intakeWorker, { actionId: accept.action_id, value: accept.value, blockId: actions.block_id! });
    await expect
      .poll(() => latestHome(intakeWorker)?.blocks.find((b) => b.block_id === `home_referral_${ref.slice(2)}`)?.elements?.map((b) => b.text.text))
      .toEqual(['Close']);
    expect(textOf(h.slack.channelMessages(INTAKE_CHANNEL).find((m) => m.text.includes(`${ref} `))!.blocks)).toContain('Accepted by');

    // A second click from Home is answered by direct message: there is no response_url there.
    await h.clickOnHome(intakeWorker, { actionId: accept.action_id, value: accept.value, blockId: actions.block_id! });
    await expect
      .poll(() => h.slack.callsTo('chat.postMessage').some((c) => c.args.channel === intakeWorker.userId && String(c.args.text).includes(`${ref} was already accepted`)))
      .toBe(true);

    const card = h.slack.channelMessages(INTAKE_CHANNEL).find((m) => m.text.includes(`${ref} `))!;
    const close = (card.blocks as Published['blocks']).find((b) => b.type === 'actions')!.elements![0]!;
    await h.click(intakeWorker, { actionId: close.action_id, value: close.value }, card);
    await expect.poll(() => h.slack.callsTo('views.open').length).toBeGreaterThan(0);
    const form = h.slack.callsTo('views.open').at(-1)!.args.view as { private_metadata: string };
    await h.submitView(intakeWorker, {
      callbackId: 'referral_close_modal',
      privateMetadata: form.private_metadata,
      values: { outcome: { outcome: { selected_option: { value: 'referred_elsewhere' } } } },
    });
    await expect.poll(() => textOf(latestHome(intakeWorker)?.blocks)).not.toContain(`*${ref}*`);
  });
});
