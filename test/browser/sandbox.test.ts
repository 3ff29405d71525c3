// The sandbox as a person uses it: headless Chromium drives the page of an in-process sandbox (a
// fresh database, seeded through Liaison's own commands) through the referral loop, from the
// officer's /engage form to the coordinator's digest. Every step leaves a screenshot in
// test-output/screenshots/; a console error or an uncaught exception on any page fails the test.
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, which reads the text as shown.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toLocal } from '../../src/domain/time.js';
import { messagesFor } from '../../src/i18n/index.js';
import { CHANNELS, PEOPLE, type Person, SANDBOX_APP } from '../../src/sandbox/cast.js';
import { PAGE_TEXT } from '../../src/sandbox/catalogue.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { readManifest } from '../../src/sandbox/manifest.js';
import { emojiFor } from '../../src/sandbox/public/emoji.js';
import { SEED_FIGURES } from '../../src/sandbox/seed.js';
import { type BrowserSession, send as command, shot, startBrowserSession } from './session.js';

const msg = messagesFor();
/** What a person reads of Liaison's mrkdwn: the text without its formatting marks. */
const read = (mrkdwn: string) => mrkdwn.replace(/\*/g, '');

describe('the sandbox in a browser', () => {
  let session: BrowserSession;
  let sandbox: RunningSandbox;
  let officer: Page;
  let intake: Page;
  let intakeHome: Page | undefined;
  let engagementRef = '';
  let referralRef = '';

  beforeAll(async () => {
    // A reminder for an `immediate` referral becomes due at once, so one can be threaded under its card.
    session = await startBrowserSession({ viewport: { width: 1280, height: 860 }, env: { OVERDUE_HOURS: 'immediate=0.0001' } });
    sandbox = session.sandbox;
  });

  afterAll(() => session?.stop());

  afterEach(() => {
    expect(session.problems, `page problems; sandbox log:\n${session.logs.join('\n')}`).toEqual([]);
  });

  const open = (person: Person, where: string) => session.open(person, where);
  /** Back to a person's tab: Chromium holds back animation frames in tabs behind, which Playwright waits on. */
  const front = async (page: Page) => {
    await page.bringToFront();
    return page;
  };

  it('starts seeded: the officer sees the workspace and the commands of the manifest', async () => {
    expect(sandbox.seeded).toBe(true);
    officer = await open(PEOPLE.wpsOfficer, CHANNELS.general.id);
    const channels = officer.getByRole('navigation').getByRole('list').first().getByRole('button');
    // An officer is not in WEFiGHT's private intake channel.
    expect(await channels.locator('.label').allInnerTexts()).toEqual(['general', 'ons-digest']);
    // The digest seeded this morning is there to read: its channel is marked, with the count.
    await channels.filter({ hasText: CHANNELS.onsDigest.name }).getByText(PAGE_TEXT.unreadOne).waitFor();
    const box = officer.locator('#composer-input');
    await box.pressSequentially('/ref');
    const refer = readManifest().commands.find((c) => c.command === '/refer')!;
    const option = officer.getByRole('option', { name: /\/refer/ });
    await option.waitFor();
    expect(await option.innerText()).toContain(refer.usageHint);
    await shot(officer, '01-command-completion');
    await box.press('Tab');
    expect(await box.inputValue()).toBe('/refer ');
    await box.fill('');
  });

  it('escapes what people type', async () => {
    await command(officer, '<img src=x onerror="document.title=1"> *bold* & done');
    const message = officer.locator('li.msg').last();
    await expect.poll(() => message.innerText()).toContain('<img src=x onerror="document.title=1"> bold & done');
    expect(await message.locator('img').count()).toBe(0);
    expect(await message.locator('strong').innerText()).toBe('bold');
  });

  it('logs an engagement through the /engage form, with Slack’s checks and Liaison’s refusals under the fields', async () => {
    const m = msg.engage.modal;
    await command(officer, '/engage');
    const form = officer.getByRole('dialog', { name: m.title });
    await form.waitFor();
    await form.getByLabel(m.operation).selectOption('ONS-WE');
    await form.getByLabel(m.age).selectOption('18-24');
    // Required fields left empty are caught before anything is sent, as Slack's client does.
    await form.getByRole('button', { name: m.submit, exact: true }).click();
    await expect.poll(() => form.locator(`[data-block-id="${'gender'}"] .error`).innerText()).toBe(PAGE_TEXT.required);
    await form.getByRole('group', { name: m.gender }).getByLabel(msg.labels.gender.female).check();
    await form.getByRole('group', { name: m.offered }).getByLabel(m.yes).check();
    await form.getByRole('group', { name: m.accepted }).getByLabel(m.yes).check();
    await form.getByLabel(m.area).fill('apt 12 near the station');
    await form.getByLabel(m.language).fill('en');
    await form.getByRole('button', { name: m.submit, exact: true }).click();
    // Liaison refuses an address with response_action errors: shown under Area, the rest kept.
    const areaError = form.locator('[data-block-id="area"] .error');
    await expect.poll(() => areaError.innerText()).toBe(msg.dataGuard.refused('area', 'street_address').slice(0, 150));
    expect(await form.getByLabel(m.area).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel(m.age).inputValue()).toBe('18-24');
    await shot(officer, '02-engage-refused-under-the-field');

    await form.getByLabel(m.area).fill('Windsor downtown');
    await form.getByRole('button', { name: m.submit, exact: true }).click();
    const title = officer.locator('#modal-title');
    await expect.poll(() => title.innerText()).toMatch(/^E-\d+$/);
    engagementRef = await title.innerText();
    expect(await officer.getByRole('dialog').innerText()).toContain(read(msg.engage.logged(engagementRef, 'ONS-WE', null)));
    await shot(officer, '03-engage-logged');
    await officer.getByRole('dialog').getByRole('button', { name: msg.common.ok }).click();
    await officer.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('refers it to WEFiGHT through the /refer form', async () => {
    const m = msg.referral.referModal;
    await command(officer, '/refer');
    const form = officer.getByRole('dialog', { name: m.title });
    await form.waitFor();
    await form.getByLabel(m.engagement).selectOption(engagementRef.slice(2));
    await form.getByLabel(m.to).selectOption('WEFIGHT');
    await form.getByLabel(m.needs).selectOption(['shelter', 'counselling']);
    await form.getByRole('group', { name: m.urgency }).getByLabel(msg.labels.urgency.urgent).check();
    await form.getByLabel(m.consentOption).check();
    await shot(officer, '04-refer-form');
    await form.getByRole('button', { name: m.submit, exact: true }).click();
    const title = officer.locator('#modal-title');
    await expect.poll(() => title.innerText()).toMatch(/^R-\d+$/);
    referralRef = await title.innerText();
    await officer.getByRole('dialog').getByRole('button', { name: msg.common.ok }).click();
    await officer.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('App Home shows the intake worker the open referral', async () => {
    intakeHome = await open(PEOPLE.intakeWorker, 'home');
    const home = intakeHome.getByRole('tabpanel');
    await expect.poll(() => home.innerText()).toContain(referralRef);
    await shot(intakeHome, '05-home-open-referral');
  });

  it('shows the intake worker the card, with reminders threaded under cards', async () => {
    intake = await open(PEOPLE.intakeWorker, CHANNELS.wefightIntake.id);
    const card = intake.locator('li.msg').filter({ hasText: msg.referral.card.title(referralRef, 'urgent') });
    await card.waitFor();
    expect(await card.getByRole('button').allInnerTexts()).toEqual([msg.referral.card.accept, msg.referral.card.decline]);
    expect(await card.innerText()).toContain(`@${PEOPLE.wpsOfficer.name}`);

    // The seeded `immediate` referral is overdue at once here: its reminder goes into the card's thread.
    await sandbox.liaison.runJobs();
    const replies = intake.getByRole('button', { name: PAGE_TEXT.reply });
    await replies.waitFor();
    await replies.click();
    const thread = intake.getByRole('complementary', { name: PAGE_TEXT.thread });
    await thread.waitFor();
    const [parent, reminder] = await thread.locator('li.msg').allInnerTexts();
    const parentRef = /R-\d+/.exec(parent ?? '')?.[0];
    expect(parentRef).toBeDefined();
    // Liaison's :alarm_clock: is drawn as the emoji, as Slack draws it.
    expect(reminder).toContain(`${emojiFor('alarm_clock')} ${parentRef}`);
    await shot(intake, '06-reminder-in-thread');
    await thread.getByRole('button', { name: PAGE_TEXT.closeThread }).click();
  });

  it('lets the intake worker accept the referral and close it through the Close form', async () => {
    const card = intake.locator('li.msg').filter({ hasText: msg.referral.card.title(referralRef, 'urgent') });
    await card.getByRole('button', { name: msg.referral.card.accept }).click();
    await expect.poll(() => card.innerText()).toContain(`Accepted by @${PEOPLE.intakeWorker.name}`);
    expect(await card.getByRole('button').allInnerTexts()).toEqual([msg.referral.card.close]);
    await shot(intake, '07-card-accepted');

    await card.getByRole('button', { name: msg.referral.card.close }).click();
    const form = intake.getByRole('dialog', { name: msg.referral.closeModal.title(referralRef) });
    await form.waitFor();
    await form.getByLabel(msg.labels.outcome.connected).check();
    await shot(intake, '08-close-form');
    await form.getByRole('button', { name: msg.referral.closeModal.submit }).click();
    await form.waitFor({ state: 'hidden' });
    await expect.poll(() => card.innerText()).toContain(`Closed by @${PEOPLE.intakeWorker.name}`);
    expect(await card.innerText()).toContain(msg.labels.outcome.connected);
    expect(await card.getByRole('button').count()).toBe(0);
    await shot(intake, '09-card-closed');
  });

  it('App Home shows the referral’s closing, re-rendered as Liaison publishes it', async () => {
    const home = (await front(intakeHome!)).getByRole('tabpanel');
    // Closed referrals are no longer open: the Home published after the close no longer offers it.
    await expect.poll(async () => {
      const text = await home.innerText();
      return !text.includes(referralRef) || /Closed by/.test(text);
    }).toBe(true);
    await shot(intakeHome!, '10-home-after-closing');
  });

  it('sends the officer a direct message at each step', async () => {
    await front(officer);
    // The app's entry in the sidebar, marked unread by now.
    await officer.getByRole('navigation').getByRole('button', { name: new RegExp(`^${readManifest().name}`) }).click();
    await officer.getByRole('tab', { name: PAGE_TEXT.messages }).click();
    const dms = officer.getByRole('tabpanel');
    const mine = `Your referral ${referralRef} to WEFIGHT`;
    await expect.poll(async () => (await dms.innerText()).split(mine).length - 1).toBe(2);
    const text = await dms.innerText();
    expect(text).toContain(`Accepted by @${PEOPLE.intakeWorker.name}`);
    expect(text).toContain(`Closed by @${PEOPLE.intakeWorker.name}`);
    await shot(officer, '11-officer-direct-messages');
  });

  it('posts the digest for the coordinator, with the new figures', async () => {
    const coordinator = await open(PEOPLE.oppCoordinator, CHANNELS.onsDigest.id);
    const posts = coordinator.locator('li.msg:not(.ephemeral)');
    const before = await posts.count();
    await command(coordinator, '/digest ONS-ON post');
    await expect.poll(() => posts.count()).toBe(before + 1);
    const digest = await posts.last().innerText();
    expect(digest).toContain(msg.digest.title('ONS-ON', toLocal(Date.now(), 'America/Toronto').date));
    expect(digest).toMatch(new RegExp(`${msg.digest.engaged}\\s+${SEED_FIGURES.engaged + 1}\\b`));
    // Posted to a channel: every referral count is from 1 to 4, so each shows as <5, and one line says so.
    expect(digest).toContain(msg.digest.referralStates({ pending: '<5', accepted: '<5', declined: '0', closed: '<5' }));
    expect(digest).toContain(read(msg.digest.smallNumbersNote('ONS-ON', 5, { withheld: false, leftOut: 'nothing' })).replace(/`/g, ''));
    // The command's answers are only for the coordinator.
    const ephemeral = coordinator.locator('li.msg.ephemeral');
    await expect.poll(() => ephemeral.allInnerTexts()).toEqual([
      expect.stringContaining(PAGE_TEXT.onlyVisibleToYou),
      expect.stringContaining(read(msg.digest.posted('ONS-ON', CHANNELS.onsDigest.id)).replace(`<#${CHANNELS.onsDigest.id}>`, `#${CHANNELS.onsDigest.name}`)),
    ]);
    expect(await ephemeral.first().innerText()).toContain(msg.digest.posting('ONS-ON'));
    await shot(coordinator, '12-digest-posted');
  });

  /** A call to the sandbox's Web API stand-in, as an app would make it. */
  async function webApi(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(`http://127.0.0.1:${sandbox.port}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX_APP.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return (await res.json()) as Record<string, unknown>;
  }

  it('draws every input Liaison’s forms may use, and submits their state as Slack does', async () => {
    const plain = (text: string) => ({ type: 'plain_text', text });
    const opt = (value: string, text: string) => ({ text: plain(text), value });
    const input = (block_id: string, label: string, element: Record<string, unknown>, optional = false) => ({ type: 'input', block_id, optional, label: plain(label), element });
    const view = {
      type: 'modal',
      callback_id: 'every_input',
      title: plain('Every input'),
      submit: plain('Save'),
      blocks: [
        input('short', 'Short text', { type: 'plain_text_input', action_id: 'short', initial_value: 'hello' }),
        input('long', 'Long text', { type: 'plain_text_input', action_id: 'long', multiline: true }, true),
        input('one', 'One choice', { type: 'static_select', action_id: 'one', option_groups: [{ label: plain('Group'), options: [opt('a', 'Alpha'), opt('b', 'Beta')] }] }),
        input('many', 'Several', { type: 'multi_static_select', action_id: 'many', options: [opt('x', 'Ex'), opt('y', 'Why'), opt('z', 'Zed')] }),
        input('radio', 'Radio', { type: 'radio_buttons', action_id: 'radio', options: [opt('r1', 'Left'), opt('r2', 'Right')], initial_option: opt('r2', 'Right') }),
        input('boxes', 'Boxes', { type: 'checkboxes', action_id: 'boxes', options: [opt('c1', 'First'), opt('c2', 'Second')] }, true),
        input('date', 'Date', { type: 'datepicker', action_id: 'date' }),
        input('time', 'Time', { type: 'timepicker', action_id: 'time', initial_time: '08:00' }),
      ],
    };
    await front(officer);
    const opened = await webApi('views.open', { trigger_id: sandbox.workspace.issueTrigger(PEOPLE.wpsOfficer.id), view });
    expect(opened).toMatchObject({ ok: true });
    const form = officer.getByRole('dialog', { name: 'Every input' });
    await form.waitFor();
    await form.getByLabel('One choice').selectOption('b');
    await form.getByLabel('Several').selectOption(['x', 'z']);
    await form.getByRole('group', { name: 'Boxes' }).getByLabel('Second').check();
    await form.getByLabel('Date').fill('2017-10-12');
    let submitted: { viewId: string; values: unknown } | undefined;
    await officer.route('**/sandbox/api/submit', async (route) => {
      submitted = route.request().postDataJSON();
      await route.fulfill({ json: { ok: true, outcome: 'errors', errors: { date: 'Pick a day of the operation' } } });
    });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.locator('[data-block-id="date"] .error').innerText()).toBe('Pick a day of the operation');
    // Focus moves to the first field with an error.
    expect(await officer.evaluate('document.activeElement.getAttribute("type")')).toBe('date');
    await officer.unroute('**/sandbox/api/submit');
    expect(submitted?.viewId).toBe((opened.view as { id: string }).id);
    expect(submitted?.values).toEqual({
      short: { short: { type: 'plain_text_input', value: 'hello' } },
      long: { long: { type: 'plain_text_input', value: null } },
      one: { one: { type: 'static_select', selected_option: opt('b', 'Beta') } },
      many: { many: { type: 'multi_static_select', selected_options: [opt('x', 'Ex'), opt('z', 'Zed')] } },
      radio: { radio: { type: 'radio_buttons', selected_option: opt('r2', 'Right') } },
      boxes: { boxes: { type: 'checkboxes', selected_options: [opt('c2', 'Second')] } },
      date: { date: { type: 'datepicker', selected_date: '2017-10-12' } },
      time: { time: { type: 'timepicker', selected_time: '08:00' } },
    });
    await shot(officer, '13-every-input');
    // Escape closes the modal the way Slack's close button does.
    await officer.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
    expect(sandbox.workspace.topModal(PEOPLE.wpsOfficer.id)).toBeNull();
  });

  it('shows a block it cannot draw as an error box, never dropping it', async () => {
    const page = await open(PEOPLE.oppCoordinator, CHANNELS.onsDigest.id);
    const posted = await webApi('chat.postMessage', { channel: CHANNELS.onsDigest.id, text: 'a table', blocks: [{ type: 'table', rows: [] }, { type: 'divider' }] });
    expect(posted).toMatchObject({ ok: true });
    const box = page.locator('li.msg').last().locator('.unsupported');
    await expect.poll(() => box.innerText()).toContain('table');
    await shot(page, '14-unsupported-block');
  });

  it('switches between people', async () => {
    await front(officer);
    await officer.getByLabel(PAGE_TEXT.youAre).selectOption(PEOPLE.intakeWorker.id);
    await officer.getByRole('navigation').getByRole('button', { name: new RegExp(CHANNELS.wefightIntake.name) }).waitFor();
    expect(new URL(officer.url()).searchParams.get('as')).toBe(PEOPLE.intakeWorker.id);
  });
});
