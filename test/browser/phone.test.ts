// The sandbox on a phone (390 × 844, a touch screen): the sidebar is a drawer, every target is big
// enough for a finger, nothing scrolls sideways, and a form is filled and sent with the on-screen
// keyboard up. Taps are real touch events; each screen is checked and left in
// test-output/screenshots/phone-*.png.
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, which reads the text as shown.
import type { CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/i18n/index.js';
import { CHANNELS, PEOPLE, SANDBOX_APP } from '../../src/sandbox/cast.js';
import { PAGE_TEXT } from '../../src/sandbox/catalogue.js';
import { type BrowserSession, send, shot, startBrowserSession } from './session.js';

const msg = messagesFor();
const PHONE = { width: 390, height: 844 };
/** An on-screen keyboard takes about this much of a phone's height (an iPhone's, with its word bar). */
const KEYBOARD = 336;
/** The smallest target a finger hits reliably (WCAG 2.5.5; Apple and Google ask as much). */
const MIN_TARGET = 44;

/**
 * Run in the page (a string: this project's TypeScript knows no DOM): the page's width, and the height
 * of every drawn target; a radio button or a checkbox is its whole label row, which a tap anywhere on
 * toggles.
 */
const MEASURE_SCREEN = `(() => {
  const selector = 'button, [role="button"], [role="tab"], [role="option"], select, input, textarea, #sidebar a';
  const drawn = [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }));
  const targets = drawn.map((el) => {
    const target = el.matches('input[type="radio"], input[type="checkbox"]') ? (el.closest('label') ?? el) : el;
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
    return { height: target.getBoundingClientRect().height, what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' “' + name + '”' };
  });
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, targets };
})()`;

describe('the sandbox on a phone', () => {
  let session: BrowserSession;
  let page: Page;
  let touch: CDPSession;
  /** The smallest target met on any screen, for the record. */
  let smallest = { height: Number.POSITIVE_INFINITY, what: '' };
  /** The widest the page was on any screen (its scrollWidth), for the record. */
  let widest = 0;

  beforeAll(async () => {
    // A reminder for an `immediate` referral becomes due at once, so there is a thread to open.
    session = await startBrowserSession({ viewport: PHONE, env: { OVERDUE_HOURS: 'immediate=0.0001' } });
  });
  afterAll(() => session?.stop());
  afterEach(() => {
    expect(session.problems, `page problems; sandbox log:\n${session.logs.join('\n')}`).toEqual([]);
  });

  /** A finger on the element's middle: touch events, which the page turns into a click. */
  async function tap(target: Locator): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error('nothing to tap');
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  /** The screen as it is: no sideways scrolling, every target at least 44 px tall. Leaves a screenshot. */
  async function checkScreen(name: string): Promise<void> {
    const found = await page.evaluate<{ scrollWidth: number; innerWidth: number; targets: Array<{ height: number; what: string }> }>(MEASURE_SCREEN);
    await shot(page, `phone-${name}`);
    expect(found.scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(found.innerWidth);
    expect(found.targets.length).toBeGreaterThan(0);
    expect(found.targets.filter((t) => t.height < MIN_TARGET - 0.5), `${name}: targets under ${MIN_TARGET} px`).toEqual([]);
    for (const t of found.targets) if (t.height < smallest.height) smallest = t;
    widest = Math.max(widest, found.scrollWidth);
  }

  const drawer = () => page.locator('#sidebar');
  async function openDrawer(): Promise<void> {
    await tap(page.getByRole('button', { name: PAGE_TEXT.openSidebar }));
    await expect.poll(() => drawer().isVisible()).toBe(true);
  }
  async function switchTo(person: (typeof PEOPLE)[keyof typeof PEOPLE]): Promise<void> {
    await openDrawer();
    await page.getByLabel(PAGE_TEXT.youAre).selectOption(person.id);
    // The workspace as the new person sees it has arrived (the drawer closed at once).
    await expect.poll(() => drawer().locator('.person .title').textContent()).toBe(person.title);
    await expect.poll(() => drawer().isVisible()).toBe(false);
  }
  async function goTo(channel: string): Promise<void> {
    await openDrawer();
    await tap(drawer().getByRole('button', { name: new RegExp(`^${channel}\\b`) }));
    await expect.poll(() => drawer().isVisible()).toBe(false);
    await expect.poll(() => page.locator('#pane-title').innerText()).toContain(channel);
  }
  /** The sidebar's unread count for a channel, 0 without a mark. */
  async function unreadCount(channel: string): Promise<number> {
    const badge = drawer().getByRole('button', { name: new RegExp(`^${channel}\\b`) }).locator('.badge [aria-hidden="true"]');
    return (await badge.count()) ? Number(await badge.innerText()) : 0;
  }
  const box = () => page.locator('#composer-input');
  const lastAnswer = () => page.locator('li.msg.ephemeral').last();

  it('opens on the channel, the sidebar folded into a drawer the menu button opens', async () => {
    page = await session.open(PEOPLE.wpsOfficer, CHANNELS.general.id);
    // No animation to wait on: the drawer is open or closed at once.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    touch = await session.context.newCDPSession(page);
    await touch.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    expect(await page.evaluate("matchMedia('(pointer: coarse)').matches")).toBe(true);
    expect(await drawer().isVisible()).toBe(false);
    const boxWidth = (await box().boundingBox())!.width;
    expect(boxWidth).toBeGreaterThan(PHONE.width * 0.6);
    // The seeded digest is waiting in #ons-digest: the menu button says so.
    await expect.poll(() => page.locator('#menu-mark').isVisible()).toBe(true);
    await checkScreen('01-channel');
    await openDrawer();
    expect(await unreadCount(CHANNELS.onsDigest.name)).toBe(1);
    await checkScreen('02-drawer');
    // Escape (or a tap beside it) folds it away again, and gives focus back to the menu button.
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer().isVisible()).toBe(false);
    expect(await page.evaluate('document.activeElement.id')).toBe('menu-button');
  });

  it('keeps each person’s unread marks across switches', async () => {
    await goTo(CHANNELS.onsDigest.name);
    await checkScreen('03-digest');
    // Back where the intake worker has nothing new: a switch keeps the channel on screen, which marks it read.
    await goTo(CHANNELS.general.name);
    await switchTo(PEOPLE.intakeWorker);
    await openDrawer();
    // The officer read #ons-digest; the intake worker has not, and has cards waiting in the intake channel.
    expect(await unreadCount(CHANNELS.onsDigest.name)).toBe(1);
    expect(await unreadCount(CHANNELS.wefightIntake.name)).toBeGreaterThan(0);
    await checkScreen('04-intake-marks');
    await page.keyboard.press('Escape');
    await switchTo(PEOPLE.wpsOfficer);
    await openDrawer();
    expect(await unreadCount(CHANNELS.onsDigest.name)).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('answers /agency help typed in the message box, and clears the line', async () => {
    // The command suggestions are rows a finger can pick.
    await box().pressSequentially('/ag');
    await page.getByRole('option', { name: /\/agency/ }).waitFor();
    await checkScreen('05-command-suggestions');
    await send(page, '/agency help');
    await expect.poll(() => lastAnswer().innerText()).toContain('/agency list');
    expect(await box().inputValue()).toBe('');
    await checkScreen('06-agency-help');
  });

  it('keeps a refused line in the box, and recalls earlier lines with ↑', async () => {
    const refused = '/engage ONS-WE age=18-24';
    await send(page, refused);
    await expect.poll(() => lastAnswer().innerText()).toContain('Nothing was stored');
    await expect.poll(() => box().inputValue()).toBe(refused);
    await checkScreen('07-refused-line-kept');
    await box().fill('');
    await box().press('ArrowUp');
    expect(await box().inputValue()).toBe(refused);
    await box().press('ArrowUp');
    expect(await box().inputValue()).toBe('/agency help');
    await box().press('ArrowDown');
    await box().press('ArrowDown');
    expect(await box().inputValue()).toBe('');
  });

  it('fills /engage with the keyboard up, its Log button in reach', async () => {
    const m = msg.engage.modal;
    await send(page, '/engage');
    const form = page.getByRole('dialog', { name: m.title });
    await form.waitFor();
    const sheet = (await form.boundingBox())!;
    expect(sheet).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    await checkScreen('08-engage-sheet');
    // The on-screen keyboard takes the bottom of the screen: the browser shrinks the viewport.
    await page.setViewportSize({ width: PHONE.width, height: PHONE.height - KEYBOARD });
    const submit = form.getByRole('button', { name: m.submit, exact: true });
    const inReach = async () => {
      const button = (await submit.boundingBox())!;
      const visible = await page.evaluate<number>('visualViewport.height');
      return button.y >= 0 && button.y + button.height <= visible;
    };
    await expect.poll(inReach).toBe(true);
    // Only the keyboard from here: type-ahead in the selects, Space on the choices, Tab between fields.
    const focusedLabel = () => page.evaluate<string | null>("document.activeElement.closest('[data-block-id]')?.getAttribute('data-block-id') ?? null");
    await expect.poll(focusedLabel).toBe('operation');
    if (!(await form.getByLabel(m.operation).inputValue())) await page.keyboard.press('O');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1'); // 18–24
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Female, the first gender
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // support offered: yes
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // accepted: yes
    await page.keyboard.press('Tab'); // safety, left as it is
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('area');
    await page.keyboard.type('Windsor downtown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('en');
    // Typing at the bottom of the form, the Log button is still on screen.
    expect(await inReach()).toBe(true);
    await checkScreen('09-engage-keyboard-up');
    await page.keyboard.press('Enter');
    const title = page.locator('#modal-title');
    await expect.poll(() => title.innerText()).toMatch(/^E-\d+$/);
    await checkScreen('10-engage-logged');
    await page.keyboard.press('Enter'); // OK, which has focus
    await form.waitFor({ state: 'hidden' });
    await page.setViewportSize(PHONE);
  });

  it('draws /refer’s needs as checkboxes, and submits them as Slack’s multi_static_select', async () => {
    const m = msg.referral.referModal;
    await send(page, '/refer');
    const form = page.getByRole('dialog', { name: m.title });
    await form.waitFor();
    await form.getByLabel(m.engagement).selectOption({ index: 1 });
    await form.getByLabel(m.to).selectOption('WEFIGHT');
    const needs = form.getByRole('group', { name: m.needs });
    await tap(needs.getByLabel(msg.labels.need.shelter));
    await tap(needs.getByLabel(msg.labels.need.counselling));
    await tap(form.getByRole('group', { name: m.urgency }).getByLabel(msg.labels.urgency.routine));
    await tap(form.getByLabel(m.consentOption));
    await checkScreen('11-refer-needs-as-checkboxes');
    const submitted = page.waitForRequest('**/sandbox/api/submit');
    await tap(form.getByRole('button', { name: m.submit, exact: true }));
    const option = (value: 'shelter' | 'counselling') => ({ text: { type: 'plain_text', text: msg.labels.need[value], emoji: true }, value });
    expect((await submitted).postDataJSON().values.needs).toEqual({ needs: { type: 'multi_static_select', selected_options: [option('shelter'), option('counselling')] } });
    await expect.poll(() => page.locator('#modal-title').innerText()).toMatch(/^R-\d+$/);
    await tap(page.getByRole('dialog').getByRole('button', { name: msg.common.ok }));
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('lets the intake worker accept a referral on the intake channel with a tap', async () => {
    await switchTo(PEOPLE.intakeWorker);
    await goTo(CHANNELS.wefightIntake.name);
    const pending = page.locator('li.msg').filter({ has: page.getByRole('button', { name: msg.referral.card.accept }) }).first();
    // The card by its ts: once accepted it has no Accept button.
    const card = page.locator(`li.msg[data-ts="${await pending.getAttribute('data-ts')}"]`);
    await checkScreen('12-intake-cards');
    // A thread takes the whole screen, as on Slack's phone app, and closes back to the channel.
    await session.sandbox.liaison.runJobs();
    await tap(page.getByRole('button', { name: PAGE_TEXT.reply }).first());
    const thread = page.getByRole('complementary', { name: PAGE_TEXT.thread });
    await thread.waitFor();
    expect(await thread.boundingBox()).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    await checkScreen('13-thread');
    await tap(thread.getByRole('button', { name: PAGE_TEXT.closeThread }));
    await thread.waitFor({ state: 'hidden' });
    await tap(card.getByRole('button', { name: msg.referral.card.accept }));
    await expect.poll(() => card.innerText()).toContain(`Accepted by @${PEOPLE.intakeWorker.name}`);
    await checkScreen('14-card-accepted');
  });

  it('shows the app’s Home and Messages tabs', async () => {
    await goTo('Liaison');
    await expect.poll(() => page.getByRole('tabpanel').innerText()).toContain(msg.home.openReferrals);
    await checkScreen('16-app-home');
    await tap(page.getByRole('tab', { name: PAGE_TEXT.messages }));
    await page.getByRole('tabpanel', { name: PAGE_TEXT.messages }).waitFor();
    await checkScreen('17-app-messages');
    await goTo(CHANNELS.wefightIntake.name);
  });

  it('scrolls a long code block inside its own box, never the page', async () => {
    const wide = `${'x'.repeat(160)}\n${'WPS   '.repeat(30)}`;
    const res = await fetch(`http://127.0.0.1:${session.sandbox.port}/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX_APP.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: CHANNELS.wefightIntake.id, text: `\`\`\`${wide}\`\`\`` }),
    });
    expect(await res.json()).toMatchObject({ ok: true });
    const pre = page.locator('li.msg pre').last();
    await pre.waitFor();
    expect(await pre.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await checkScreen('18-wide-code-block');
    // For the record: the smallest target and the widest page met on any screen.
    expect(smallest.height).toBeGreaterThanOrEqual(MIN_TARGET - 0.5);
    console.info(`on the phone: smallest target ${smallest.height.toFixed(1)} px (${smallest.what}); widest page ${widest} px at ${PHONE.width} px`);
  });
});
