// A whole shift in French, through the real app: the officer's Slack is in French (users.info
// gives fr-CA), the receiving agency's cards are in French (lang=fr), and the operation's digest is
// in both languages (lang=en+fr). The same steps by an English-speaking officer stay in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, type StoredMessage } from '../helpers/fake-slack.js';
import { FakeClock, Harness, type TestUser, textOf } from '../helpers/harness.js';
import { ADMIN_ENV, admin, ok, say, seedWorld, TEAM, wpsOfficer } from '../helpers/world.js';

const sqOfficer: TestUser = { teamId: TEAM, userId: 'U0SQOFF' };
const cavacIntake: TestUser = { teamId: TEAM, userId: 'U0CAVACIN' };
const CAVAC_INTAKE = 'C0CAVACIN';
const DIGEST = 'C0BILAN';

/** French typography puts no-break spaces before : ; ! ? and inside « »: compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('a shift in French', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    h.slack.locales.set(sqOfficer.userId, 'fr-CA');
    h.slack.locales.set(cavacIntake.userId, 'fr-CA');
    await seedWorld(h);
    await ok(h, admin, '/agency', 'add SQ "Sûreté du Québec" kind=police lang=fr');
    await ok(h, admin, '/agency', `add CAVAC "CAVAC de Montréal" kind=victim_services intake=<#${CAVAC_INTAKE}|accueil> lang=fr`);
    await ok(h, admin, '/agency', `member ${sqOfficer.userId} SQ role=officer`);
    await ok(h, admin, '/agency', `member ${cavacIntake.userId} CAVAC role=intake`);
    await ok(h, admin, '/op', `create ONS-QC "Northern Spotlight Québec" start=2017-10-10 end=2017-10-13 lead=SQ tz=America/Toronto digest=<#${DIGEST}|bilan> lang=en+fr`);
    await ok(h, admin, '/op', 'join ONS-QC SQ officers=20');
    await ok(h, admin, '/op', 'invite ONS-QC CAVAC');
    await ok(h, admin, '/op', 'join ONS-QC CAVAC victim_services=4');
    await ok(h, admin, '/op', 'invite ONS-QC WPS');
    await ok(h, admin, '/op', 'join ONS-QC WPS officers=2');
  });
  afterAll(() => h.stop());

  it('answers help, a refusal naming what to type, and a data-guard refusal in French', async () => {
    expect(await say(h, sqOfficer, '/engage', 'help')).toContain('consigner une personne rencontrée');
    const refused = plain(await say(h, sqOfficer, '/engage', 'ONS-QC age=18-24 offered=oui accepted=oui'));
    expect(refused).toContain('Rien n’a été enregistré. Veuillez corriger :');
    expect(refused).toContain('il manque `gender=`');
    const badValues = plain(await say(h, sqOfficer, '/engage', 'ONS-QC age=vieux gender=female offered=peut-être accepted=oui'));
    expect(badValues).toContain('`age=` : doit être l’une des valeurs suivantes : under18, 18-24');
    expect(badValues).toContain('`offered=` : doit être oui ou non');
    const guarded = plain(await say(h, sqOfficer, '/engage', 'ONS-QC age=18-24 gender=female offered=oui accepted=oui note="son cell est le 514 555 0199"'));
    expect(guarded).toContain('semble contenir un numéro de téléphone');
    expect(await h.sql.value("SELECT count(*) FROM engagements WHERE officer_user_id = 'U0SQOFF'")).toBe(0);
  });

  it('opens the engagement form in French', async () => {
    const opens = h.slack.callsTo('views.open').length;
    await h.command(sqOfficer, '/engage', '');
    await expect.poll(() => h.slack.callsTo('views.open').length).toBe(opens + 1);
    const view = h.slack.callsTo('views.open').at(-1)!.args.view as { title: { text: string }; blocks: unknown[] };
    expect(view.title.text).toBe('Consigner une rencontre');
    expect(plain(textOf(view.blocks))).toMatch(/Moins de 18 ans/);
  });

  let card: () => StoredMessage | undefined;
  let ref = '';
  it('logs an engagement with oui, offers Orienter, and refers to a French-speaking agency whose card is in French', async () => {
    const answer = await h.command(sqOfficer, '/engage', 'ONS-QC age=18-24 gender=female offered=oui accepted=oui area="Centre-ville"');
    const text = plain(String(answer.json?.text));
    expect(text).toMatch(/^Rencontre \*E-\d+\* consignée dans ONS-QC\.$/);
    const blocks = answer.json?.blocks as Array<{ type: string; elements?: Array<{ text: { text: string } }> }>;
    expect(blocks.find((b) => b.type === 'actions')?.elements?.map((b) => b.text.text)).toEqual(['Orienter', 'Consigner une autre rencontre']);
    const e = /E-\d+/.exec(text)![0];

    const referred = plain(await ok(h, sqOfficer, '/refer', `${e} to=CAVAC needs=shelter,counselling urgency=urgent consent=oui`));
    ref = /R-\d+/.exec(referred)![0];
    expect(referred).toContain(`Orientation *${ref}* envoyée à *CAVAC*`);
    card = () => h.slack.channelMessages(CAVAC_INTAKE).find((m) => m.text.includes(`${ref} `));
    await expect.poll(() => card() && buttonsOf(card()!).map((b) => b.text.text)).toEqual(['Accepter', 'Refuser']);
    expect(plain(textOf(card()!.blocks))).toContain('Besoins');
  });

  it('carries the intake worker’s Accepter to Clore, and tells the officer in French', async () => {
    const accept = buttonsOf(card()!).find((b) => b.text.text === 'Accepter')!;
    await h.click(cavacIntake, { actionId: accept.action_id, value: accept.value }, structuredClone(card()!));
    await expect.poll(() => buttonsOf(card()!).map((b) => b.text.text)).toEqual(['Clore']);
    const dms = () => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === sqOfficer.userId && String(c.args.text).includes(`*${ref}*`));
    await expect.poll(() => dms().some((c) => plain(String(c.args.text)).includes(`Votre orientation *${ref}* vers *CAVAC* : :white_check_mark: Acceptée par <@${cavacIntake.userId}>`))).toBe(true);
  });

  it('shows App Home in French', async () => {
    await h.event(TEAM, { type: 'app_home_opened', user: sqOfficer.userId, tab: 'home', channel: 'D0SQOFF', event_ts: '1507766400.000400' });
    const home = () => h.slack.callsTo('views.publish').filter((c) => c.args.user_id === sqOfficer.userId).at(-1)?.args.view as { blocks: unknown[] } | undefined;
    await expect.poll(() => home() && textOf(home()!.blocks)).toContain('Consigner une rencontre');
  });

  it('posts the operation’s digest in English then French, in one message', async () => {
    await ok(h, admin, '/digest', 'ONS-QC post');
    await expect.poll(() => h.slack.channelMessages(DIGEST).length).toBe(1);
    const posted = textOf(h.slack.channelMessages(DIGEST)[0]!.blocks);
    const english = posted.indexOf('ONS-QC digest');
    const french = posted.indexOf('Sommaire ONS-QC');
    expect(english).toBeGreaterThanOrEqual(0);
    expect(french).toBeGreaterThan(english);
  });

  it('wrote every sentence a French reader got in French: no English words in their answers, messages, cards or App Home', async () => {
    const french = new Set([sqOfficer.userId, cavacIntake.userId, 'D0SQOFF']);
    const texts = [
      ...h.slack.callsTo('chat.postMessage').filter((c) => french.has(String(c.args.channel)) || c.args.channel === CAVAC_INTAKE),
      ...h.slack.callsTo('chat.update').filter((c) => c.args.channel === CAVAC_INTAKE),
      ...h.slack.callsTo('views.publish').filter((c) => french.has(String(c.args.user_id))),
    ].map((c) => `${String(c.args.text ?? '')} ${textOf(c.args.blocks ?? (c.args.view as { blocks?: unknown })?.blocks)}`);
    expect(texts.length).toBeGreaterThan(4);
    // Words English sentences cannot do without, outside code spans (the command syntax stays as written).
    const english = /\b(the|and|is|was|your|you|must|please|nothing|waiting|referral|accepted by)\b/i;
    for (const text of texts) expect(text.replace(/`[^`]*`/g, ''), text).not.toMatch(english);
  });

  it('keeps the same shift in English for an English-speaking officer', async () => {
    const answer = await ok(h, wpsOfficer, '/engage', 'ONS-QC age=25-34 gender=female offered=yes accepted=yes');
    expect(answer).toMatch(/^Logged \*E-\d+\* in ONS-QC\.$/);
    const e = /E-\d+/.exec(answer)![0];
    const referred = await ok(h, wpsOfficer, '/refer', `${e} to=CAVAC needs=legal urgency=routine consent=yes`);
    expect(referred).toMatch(/^Referred \*R-\d+\* to \*CAVAC\*/);
    // The card follows its agency, not the officer: French.
    const r = /R-\d+/.exec(referred)![0];
    await expect
      .poll(() => {
        const c = h.slack.channelMessages(CAVAC_INTAKE).find((m) => m.text.includes(`${r} `));
        return c && buttonsOf(c).map((b) => b.text.text);
      })
      .toEqual(['Accepter', 'Refuser']);
  });
});
