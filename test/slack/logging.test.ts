// Logging from Slack, tried as a new user would: agencies, members, operations, engagements and
// charges through signed requests; every answer checked as the person reads it, every row as stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, Harness, textOf } from '../helpers/harness.js';
import {
  ADMIN_ENV,
  admin,
  ckpsCoordinator,
  ckpsOfficer,
  intakeWorker,
  ok,
  say,
  seedWorld,
  stranger,
  tableCounts,
  wpsCoordinator,
  wpsOfficer,
} from '../helpers/world.js';

const clock = new FakeClock('2017-10-11T20:00:00-04:00');

describe('logging from Slack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock });
    await seedWorld(h);
  });
  afterAll(() => h.stop());

  describe('agencies and members', () => {
    it('lists and shows agencies to members', async () => {
      const list = await ok(h, wpsOfficer, '/agency', 'list');
      expect(list).toContain('*Agencies* (4)');
      expect(list).toContain('*WEFIGHT* WEFiGHT · advocacy · 2 members · intake <#C0WEFIGHTIN>');
      const show = await ok(h, intakeWorker, '/agency', 'show wps');
      expect(show).toContain('*WPS* — Windsor Police Service (police)');
      expect(show).toContain('Members: 1 officers, 0 intake, 1 coordinators');
      expect(show).toContain('ONS-WE');
    });

    it('stores codes upper-case and members by team and user', async () => {
      const members = await h.sql.all('SELECT team_id, user_id, role FROM members ORDER BY id');
      expect(members).toContainEqual({ team_id: 'T0TEAM', user_id: wpsOfficer.userId, role: 'officer' });
      const codes = await h.sql.values('SELECT code FROM agencies ORDER BY code');
      expect(codes).toEqual(['CKPS', 'OPP', 'WEFIGHT', 'WPS']);
    });

    it('registers several people in one /agency member, refusing alone one who is at another agency', async () => {
      const answer = await ok(h, wpsCoordinator, '/agency', `member <@U0NEWONE|one> U0NEWTWO <@${ckpsOfficer.userId}|ck> <@U0NEWONE> WPS role=officer`);
      expect(answer.split('\n')).toEqual([
        '• Registered <@U0NEWONE> as *officer* at *WPS*.',
        '• Registered <@U0NEWTWO> as *officer* at *WPS*.',
        expect.stringMatching(new RegExp(`^• <@${ckpsOfficer.userId}>.*CKPS`)),
      ]);
      expect(await h.sql.all("SELECT user_id, role FROM members WHERE user_id LIKE 'U0NEW%' ORDER BY user_id")).toEqual([
        { user_id: 'U0NEWONE', role: 'officer' },
        { user_id: 'U0NEWTWO', role: 'officer' },
      ]);
      expect(await h.sql.value('SELECT role FROM members WHERE user_id = ?', ckpsOfficer.userId)).toBe('officer');
      expect(await h.sql.value("SELECT count(*) FROM audit_log WHERE action = 'member.add' AND ref LIKE '%U0NEW%'")).toBe(2);
      // A mention that is not a person stops the whole command before anyone is registered.
      const refused = await say(h, wpsCoordinator, '/agency', 'member U0NEWTHREE #general WPS role=officer');
      expect(refused).toContain('`<user>` (#general)');
      expect(await h.sql.value("SELECT count(*) FROM members WHERE user_id = 'U0NEWTHREE'")).toBe(0);
    });

    it('records the intake channel with the team of the person who registered it', async () => {
      expect(await h.sql.get("SELECT intake_channel_id, intake_team_id FROM agencies WHERE code = 'WEFIGHT'")).toEqual({
        intake_channel_id: 'C0WEFIGHTIN',
        intake_team_id: 'T0TEAM',
      });
    });
  });

  describe('operations', () => {
    it('keeps the tree, the zone and the digest settings', async () => {
      const show = await ok(h, wpsOfficer, '/op', 'show ONS-ON');
      expect(show).toContain('*ONS-ON* — Northern Spotlight Ontario');
      expect(show).toContain('2017-10-09 → 2017-10-15 · America/Toronto · lead *OPP*');
      expect(show).toContain('Digest: 08:00 in <#C0DIGEST>');
      expect(show).toContain('includes ONS-WE');
      const child = await h.sql.value("SELECT p.code FROM operations o JOIN operations p ON p.id = o.parent_id WHERE o.code = 'ONS-WE'");
      expect(child).toBe('ONS-ON');
    });

    it('lists operations with their agencies', async () => {
      const list = await ok(h, ckpsOfficer, '/op', 'list');
      expect(list).toContain('*ONS-WE* Northern Spotlight Windsor-Essex · 2017-10-10 → 2017-10-13 · lead WPS · under ONS-ON · 3 agencies');
    });

    it('updates personnel counts when an agency joins again', async () => {
      const answer = await ok(h, wpsCoordinator, '/op', 'join ONS-WE WPS officers=14');
      expect(answer).toBe('*WPS* updated its counts in *ONS-WE*: 14 officers, 2 support staff, 1 victim services.');
      await ok(h, wpsCoordinator, '/op', 'join ONS-WE WPS officers=12');
    });

    it('reads a time zone given with tz=', async () => {
      await ok(h, admin, '/op', 'create ONS-BC "Northern Spotlight BC" start=2017-10-09 end=2017-10-15 lead=OPP tz=America/Vancouver');
      expect(await h.sql.value("SELECT timezone FROM operations WHERE code = 'ONS-BC'")).toBe('America/Vancouver');
    });
  });

  describe('engagements', () => {
    it('logs the key=value form and answers with E-n', async () => {
      const answer = await ok(
        h,
        wpsOfficer,
        '/engage',
        'ons-we age=18-24 gender=female offered=yes accepted=yes area="Windsor downtown" language=EN note="accepted shelter info"',
      );
      expect(answer).toMatch(/^Logged \*E-\d+\* in ONS-WE\.$/);
      const id = Number(/E-(\d+)/.exec(answer)![1]);
      const row = await h.sql.get('SELECT * FROM engagements WHERE id = ?', id) as Record<string, unknown>;
      expect(row).toMatchObject({ age_band: '18-24', gender: 'female', offered: 1, accepted: 1, area: 'Windsor downtown', language: 'en', officer_user_id: wpsOfficer.userId });
      expect(row.occurred_at).toBe(clock.now().getTime());
    });

    it('flags under-18 and reminds of the child-protection protocol', async () => {
      const answer = await ok(h, ckpsOfficer, '/engage', 'ONS-WE age=under18 gender=female offered=yes accepted=no');
      expect(answer).toContain('*Under 18*: follow CKPS’s child-protection protocol now.');
    });

    it('reads at= in the operation’s zone', async () => {
      const answer = await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=male offered=no accepted=no at=2017-10-10T23:30');
      const id = Number(/E-(\d+)/.exec(answer)![1]);
      const at = await h.sql.value('SELECT occurred_at FROM engagements WHERE id = ?', id);
      expect(new Date(at as number).toISOString()).toBe('2017-10-11T03:30:00.000Z');
    });

    it('reads oui and non wherever yes and no are asked', async () => {
      const answer = await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=female offered=OUI accepted=non safety_ensured=oui');
      const id = Number(/E-(\d+)/.exec(answer)![1]);
      expect(await h.sql.get('SELECT offered, accepted, safety_ensured FROM engagements WHERE id = ?', id)).toEqual({ offered: 1, accepted: 0, safety_ensured: 1 });
      const accepted = /E-\d+/.exec(await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=female offered=oui accepted=oui'))![0];
      expect(await ok(h, wpsOfficer, '/refer', `${accepted} to=WEFIGHT needs=shelter urgency=routine consent=oui`)).toMatch(/Referred \*R-\d+\*/);
      expect(await say(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=female offered=peut-être accepted=non')).toContain('`offered=` must be yes or no (oui or non)');
    });

    it('lists every problem of a command at once, the data guard’s included, and stores nothing', async () => {
      const before = await tableCounts(h);
      const answer = await say(h, wpsOfficer, '/engage', 'ONS-WE age=elderly offered=yes accepted=yes note="her cell is 519 555 0199" area="12 Ouellette Ave"');
      expect(answer).toContain('Nothing was stored. Please fix:');
      expect(answer).toContain('• `age=` must be one of');
      expect(answer).toContain('• `gender=` is missing');
      expect(answer).toContain('• `note=` looks like it contains a phone number: describe without it');
      expect(answer).toContain('• `area=` looks like it contains a street address: describe without it');
      expect(await tableCounts(h)).toEqual(before);
      const charge = await say(h, wpsOfficer, '/charge', 'ONS-WE offences=999 note="reach her at jane.doe@example.com"');
      expect(charge).toContain('• `note=` looks like it contains an email address');
      expect(charge).toContain('• `offences=`');
    });

    it('accepts curly quotes from a phone keyboard', async () => {
      const answer = await ok(h, wpsOfficer, '/engage', 'ONS-WE age=unknown gender=unknown offered=yes accepted=yes area=“Chatham downtown”');
      const id = Number(/E-(\d+)/.exec(answer)![1]);
      expect(await h.sql.value('SELECT area FROM engagements WHERE id = ?', id)).toBe('Chatham downtown');
    });

    it('opens a form with no arguments and logs what it submits', async () => {
      const before = h.slack.callsTo('views.open').length;
      const answer = await h.command(wpsOfficer, '/engage', '');
      expect(answer.status).toBe(200);
      await expect.poll(() => h.slack.callsTo('views.open').length).toBe(before + 1);
      const open = h.slack.callsTo('views.open')[before]!;
      expect(open.args.trigger_id).toMatch(/^trigger-/);
      const view = open.args.view as { callback_id: string; blocks: Array<{ block_id?: string }> };
      expect(view.callback_id).toBe('engage_modal');
      expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
        'operation', 'age_band', 'gender', 'offered', 'accepted', 'safety_ensured', 'area', 'language', 'note',
      ]);
      expect(textOf(view.blocks)).toContain('ONS-WE — Northern Spotlight Windsor-Essex');

      const submitted = await h.submitView(wpsOfficer, {
        callbackId: 'engage_modal',
        values: {
          operation: { operation: { type: 'static_select', selected_option: { value: 'ONS-WE' } } },
          age_band: { age_band: { type: 'static_select', selected_option: { value: '35-44' } } },
          gender: { gender: { type: 'radio_buttons', selected_option: { value: 'female' } } },
          offered: { offered: { type: 'radio_buttons', selected_option: { value: 'yes' } } },
          accepted: { accepted: { type: 'radio_buttons', selected_option: { value: 'yes' } } },
          safety_ensured: { safety_ensured: { type: 'checkboxes', selected_options: [{ value: 'yes' }] } },
          area: { area: { type: 'plain_text_input', value: 'Tecumseh' } },
          language: { language: { type: 'plain_text_input', value: 'fr' } },
          note: { note: { type: 'plain_text_input', value: null } },
        },
      });
      expect(submitted.json?.response_action).toBe('update');
      const ref = textOf((submitted.json!.view as { blocks: unknown }).blocks);
      const id = Number(/E-(\d+)/.exec(ref)![1]);
      expect(await h.sql.get('SELECT age_band, safety_ensured, area, language FROM engagements WHERE id = ?', id)).toEqual({
        age_band: '35-44',
        safety_ensured: 1,
        area: 'Tecumseh',
        language: 'fr',
      });
    });

    it('says what to do instead of opening an empty form', async () => {
      await ok(h, admin, '/agency', 'add LONELY "Lonely Police" kind=police');
      await ok(h, admin, '/agency', 'member U0LONELY LONELY role=officer');
      const answer = await say(h, { teamId: 'T0TEAM', userId: 'U0LONELY' }, '/engage', '');
      expect(answer).toContain('Your agency has not joined an open operation');
    });

    it('shows a data-guard refusal under the form field and stores nothing', async () => {
      const before = await tableCounts(h);
      const submitted = await h.submitView(wpsOfficer, {
        callbackId: 'engage_modal',
        values: {
          operation: { operation: { selected_option: { value: 'ONS-WE' } } },
          age_band: { age_band: { selected_option: { value: '18-24' } } },
          gender: { gender: { selected_option: { value: 'female' } } },
          offered: { offered: { selected_option: { value: 'yes' } } },
          accepted: { accepted: { selected_option: { value: 'no' } } },
          note: { note: { value: 'her number is 519-555-0199' } },
        },
      });
      expect(submitted.json).toMatchObject({ response_action: 'errors' });
      expect(String((submitted.json!.errors as Record<string, string>).note)).toContain('phone number');
      expect(await tableCounts(h)).toEqual(before);
    });

    it('asks for a missing choice in the form', async () => {
      const submitted = await h.submitView(wpsOfficer, {
        callbackId: 'engage_modal',
        values: { operation: { operation: { selected_option: { value: 'ONS-WE' } } } },
      });
      expect(submitted.json).toMatchObject({ response_action: 'errors', errors: { age_band: 'Please choose one.' } });
    });
  });

  describe('charges', () => {
    it('logs one person with the offences and answers C-n', async () => {
      const answer = await ok(h, wpsOfficer, '/charge', 'ONS-WE offences=279.01,286.2,286.2');
      expect(answer).toMatch(/^Logged \*C-\d+\*: one person charged with 3 offences \(279\.01, 286\.2, 286\.2\)\.$/);
      const id = Number(/C-(\d+)/.exec(answer)![1]);
      expect(await h.sql.value('SELECT offence_count FROM charges WHERE id = ?', id)).toBe(3);
      expect(await h.sql.values('SELECT section FROM charge_offences WHERE charge_id = ? ORDER BY id', id)).toEqual([
        '279.01',
        '286.2',
        '286.2',
      ]);
    });

    it('shows the figures so far in /op show', async () => {
      const show = await ok(h, wpsOfficer, '/op', 'show ONS-WE');
      expect(show).toMatch(/\*Engaged \d+\* · accepted \d+ · under 18 1/);
      expect(show).toContain('Charges: 1 person charged with 3 offences');
    });
  });

  describe('the audit log', () => {
    it('has one entry per change, with who and which record, and no free text', async () => {
      const rows = await h.sql.all<Record<string, string>>('SELECT action, ref, actor_user_id, detail FROM audit_log ORDER BY id');
      const actions = rows.map((r) => r.action);
      expect(actions.filter((a) => a === 'agency.add')).toHaveLength(5);
      expect(actions).toContain('member.add');
      expect(actions).toContain('op.create');
      expect(actions).toContain('op.join');
      expect(actions).toContain('engagement.log');
      expect(actions).toContain('charge.log');
      const everything = JSON.stringify(rows);
      expect(everything).not.toContain('accepted shelter info');
      expect(everything).not.toContain('Windsor downtown');
    });

    it('refuses to change or delete an audit row', async () => {
      await expect(h.sql.run('UPDATE audit_log SET action = ? WHERE id = 1', 'x')).rejects.toThrow(/append-only/);
      await expect(h.sql.run('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
    });
  });

  // After the audit log's count of agencies: this one registers another.
  describe('the data guard and registered names', () => {
    it('reads a registered agency’s name in a note as the agency, not a person', async () => {
      const note = 'called Rose Haven for a bed';
      expect(await say(h, wpsOfficer, '/engage', `ONS-WE age=25-34 gender=female offered=yes accepted=no note="${note}"`)).toContain('a person’s name');
      await ok(h, admin, '/agency', 'add ROSE "Rose Haven" kind=victim_services');
      expect(await ok(h, wpsOfficer, '/engage', `ONS-WE age=25-34 gender=female offered=yes accepted=no note="${note}"`)).toMatch(/^Logged \*E-\d+\*/);
    });
  });

  describe('refusals store nothing and say what to type', () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['/agency', 'add', 'missing code and name', /<code>` is missing[\s\S]*<name>` is missing[\s\S]*`kind=` is missing/],
      ['/agency', 'add XX "Name" kind=spaceship', 'bad kind', /`kind=` must be one of police, advocacy/],
      ['/agency', 'add XX "Name" kind=police colour=blue', 'unknown key', /unknown key `colour=`/],
      ['/agency', 'add XX "Name" kind=police intake=general', 'bad channel', /`intake=` must be a channel/],
      ['/agency', 'add WPS "Again" kind=police', 'duplicate code', /Agency \*WPS\* already exists/],
      ['/agency', 'add "X Y" "Name" kind=police', 'bad code', /<code>` must be a code of letters/],
      ['/agency', 'add XX "Name kind=police', 'open quote', /a quote `"` is not closed/],
      ['/agency', 'add XX "N" kind=police', 'short name', /<name>` must be at least 2 characters/],
      ['/agency', 'add XX "Name" kind=police kind=health', 'repeated key', /`kind=` is given twice/],
      ['/agency', 'show NOPE', 'unknown agency', /There is no agency \*NOPE\*/],
      ['/agency', 'member nobody WPS role=officer', 'bad user', /<user>` must be a person/],
      ['/agency', 'member U0NEW WPS role=chief', 'bad role', /`role=` must be one of officer, intake, coordinator, admin/],
      ['/agency', 'member U0NEW WPS', 'missing role', /`role=` is missing/],
      ['/agency', 'frobnicate', 'unknown subcommand', /`\/agency frobnicate` is not a command I know/],
      ['/op', 'create ONS-X "Name" start=2017-13-01 end=2017-10-13 lead=WPS', 'bad date', /`start=` must be a date written YYYY-MM-DD/],
      ['/op', 'create ONS-X "Name" start=2017-10-14 end=2017-10-13 lead=WPS', 'end before start', /`end=` is before `start=`/],
      ['/op', 'create ONS-X "Name" start=2017-10-10 end=2017-10-13 lead=WPS tz=Mars/Base', 'bad zone', /`tz=` must be an IANA time zone/],
      ['/op', 'create ONS-X "Name" start=2017-10-10 end=2017-10-13 lead=WPS digest_time=25:00', 'bad time', /`digest_time=` must be a time written HH:MM/],
      ['/op', 'create ONS-X "Name" start=2017-10-10 end=2017-10-13 lead=NOPE', 'unknown lead', /There is no agency \*NOPE\*/],
      ['/op', 'create ONS-X "Name" start=2017-10-10 end=2017-10-13 lead=WPS parent=NOPE', 'unknown parent', /There is no operation \*NOPE\*/],
      ['/op', 'create ONS-WE "Again" start=2017-10-10 end=2017-10-13 lead=WPS', 'duplicate op', /Operation \*ONS-WE\* already exists/],
      ['/op', 'join ONS-WE CKPS officers=-3', 'negative count', /`officers=` must be a whole number/],
      ['/op', 'join ONS-WE CKPS officers=many', 'bad count', /`officers=` must be a whole number/],
      ['/op', 'join ONS-WE CKPS officers=999999', 'count past 10,000', /`officers=` must be a whole number from 0 to 10,000/],
      ['/op', 'join NOPE CKPS', 'unknown op', /There is no operation \*NOPE\*/],
      ['/op', 'show', 'missing code', /<code>` is missing/],
      ['/engage', 'ONS-WE', 'missing everything', /`age=` is missing[\s\S]*`gender=` is missing[\s\S]*`offered=` is missing[\s\S]*`accepted=` is missing/],
      ['/engage', 'ONS-WE age=17 gender=female offered=yes accepted=yes', 'bad age', /`age=` must be one of under18, 18-24/],
      ['/engage', 'ONS-WE age=18-24 gender=woman offered=yes accepted=yes', 'bad gender', /`gender=` must be one of female, male/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=maybe accepted=yes', 'bad yes/no', /`offered=` must be yes or no/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=no accepted=yes', 'accepted without offer', /`accepted=yes` needs `offered=yes`/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes at=2017-11-20T10:00', 'at outside dates', /`at=` must fall within ONS-WE’s dates/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes at=yesterday', 'bad at', /`at=` must be written YYYY-MM-DDTHH:MM/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes language=english', 'bad language', /`language=` must be a language code/],
      ['/engage', 'NOPE age=18-24 gender=female offered=yes accepted=yes', 'unknown op', /There is no operation \*NOPE\*/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes agency=CKPS', 'other agency', /Only officers and coordinators, for their own agency in operations it joined \(you are with WPS\)/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes note="call her at 519 555 0199"', 'phone in note', /contains a phone number\. Nothing was stored/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes area="123 Ouellette Ave"', 'address in area', /The area looks like it contains a street address/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes note="her name is Jessica"', 'name in note', /contains a person’s name/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes note="IG @sweetjess99"', 'handle in note', /social-media handle/],
      ['/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes note="jess@example.com"', 'email in note', /an email address/],
      ['/charge', 'ONS-WE', 'missing offences', /`offences=` is missing/],
      ['/charge', 'ONS-WE offences=123.4', 'bad section', /`offences=` must be a comma-separated list of 279\.01/],
      ['/charge', 'ONS-WE offences=279.01 note="DOB 1999-04-02"', 'dob in note', /a date of birth/],
      ['/charge', 'ONS-WE offences=279.01 extra', 'stray word', /unexpected `extra`/],
    ];
    it.each(cases)('%s %s (%s)', async (command, text, _why, expected) => {
      const before = await tableCounts(h);
      // Admin for the set-up commands, so a refusal is about the input, not the permission.
      const user = command === '/agency' || command === '/op' ? admin : wpsOfficer;
      const answer = await say(h, user, command, text);
      expect(answer).toMatch(expected);
      expect(await tableCounts(h)).toEqual(before);
    });

    // A name is one line of plain text: a line break would fake a line in `/agency list`, a bidi
    // control would show the name (and what follows it) reversed or reordered. Named by what is
    // wrong, so the test titles carry no such characters.
    const nameCases: Array<[string, string, string]> = [
      ['/agency', 'a line break', 'add XX "Windsor Police\n*FAKE* · police · 9 members" kind=police'],
      ['/agency', 'a CR LF', 'add XX "Windsor Police\r\nService" kind=police'],
      ['/agency', 'a line separator (U+2028)', 'add XX "Windsor\u2028Police" kind=police'],
      ['/agency', 'a right-to-left override', 'add XX "Police \u202Eecivres" kind=police'],
      ['/agency', 'a bidi isolate', 'add XX "Police \u2066Service\u2069" kind=police'],
      ['/agency', 'a right-to-left mark', 'add XX "Police\u200F Service" kind=police'],
      ['/agency', 'a tab', 'add XX "Police\tService" kind=police'],
      ['/agency', 'a byte order mark', 'add XX "Police\uFEFFService" kind=police'],
      ['/op', 'a line break', 'create ONS-X "Spotlight\nsecond line" start=2017-10-10 end=2017-10-13 lead=WPS'],
      ['/op', 'a bidi embedding', 'create ONS-X "Spotlight \u202Bnorth\u202C" start=2017-10-10 end=2017-10-13 lead=WPS'],
    ];
    it.each(nameCases)('%s refuses a name with %s', async (command, _why, text) => {
      const before = await tableCounts(h);
      const answer = await say(h, admin, command, text);
      expect(answer).toMatch(/Nothing was stored[\s\S]*`<name>` must be one line of plain text[\s\S]*Type the name again, all on one line/);
      expect(await tableCounts(h)).toEqual(before);
    });

    it('has at least 30 distinct malformed commands', () => {
      expect(cases.length).toBeGreaterThanOrEqual(30);
    });
  });

  describe('who may do what', () => {
    // Each row of the contract's table, allowed and refused, as the person would try it.
    type Row = [string, typeof admin, string, string, boolean];
    const rows: Row[] = [
      ['help', stranger, '/agency', 'help', true],
      ['agency add', admin, '/agency', 'add PM1 "Perm One" kind=health', true],
      ['agency add', wpsCoordinator, '/agency', 'add PM2 "Perm Two" kind=health', false],
      ['agency add', wpsOfficer, '/agency', 'add PM3 "Perm Three" kind=health', false],
      ['agency add', intakeWorker, '/agency', 'add PM4 "Perm Four" kind=health', false],
      ['agency add', stranger, '/agency', 'add PM5 "Perm Five" kind=health', false],
      ['agency list', intakeWorker, '/agency', 'list', true],
      ['agency list', wpsOfficer, '/agency', 'list', true],
      ['agency list', stranger, '/agency', 'list', false],
      ['agency show', wpsCoordinator, '/agency', 'show CKPS', true],
      ['op list', intakeWorker, '/op', 'list', true],
      ['op show', stranger, '/op', 'show ONS-WE', false],
      ['agency member', admin, '/agency', 'member U0PERM1 CKPS role=officer', true],
      ['agency member', wpsCoordinator, '/agency', 'member U0PERM2 WPS role=officer', true],
      ['agency member', wpsCoordinator, '/agency', 'member U0PERM3 CKPS role=officer', false],
      ['agency member', wpsCoordinator, '/agency', 'member U0PERM4 WPS role=admin', false],
      ['agency member', wpsOfficer, '/agency', 'member U0PERM5 WPS role=officer', false],
      ['agency member', intakeWorker, '/agency', 'member U0PERM6 WEFIGHT role=intake', false],
      ['op create', admin, '/op', 'create PERM-A "Perm A" start=2017-10-10 end=2017-10-13 lead=CKPS', true],
      ['op create', ckpsCoordinator, '/op', 'create PERM-B "Perm B" start=2017-10-10 end=2017-10-13 lead=CKPS', true],
      ['op create', ckpsCoordinator, '/op', 'create PERM-C "Perm C" start=2017-10-10 end=2017-10-13 lead=WPS', false],
      ['op create', ckpsOfficer, '/op', 'create PERM-D "Perm D" start=2017-10-10 end=2017-10-13 lead=CKPS', false],
      ['op join', wpsCoordinator, '/op', 'join PERM-B WPS officers=1', false],
      ['op invite', wpsCoordinator, '/op', 'invite PERM-B WPS', false],
      ['op invite', ckpsCoordinator, '/op', 'invite PERM-B WPS', true],
      ['op join', wpsCoordinator, '/op', 'join PERM-B WPS officers=1', true],
      ['op create under', wpsCoordinator, '/op', 'create PERM-E "Perm E" start=2017-10-10 end=2017-10-13 lead=WPS parent=PERM-B', false],
      ['op create under', ckpsCoordinator, '/op', 'create PERM-F "Perm F" start=2017-10-10 end=2017-10-13 lead=CKPS parent=PERM-B', true],
      ['op join', wpsCoordinator, '/op', 'join PERM-B WEFIGHT', false],
      ['op join', admin, '/op', 'join PERM-B WEFIGHT', true],
      ['op join', wpsOfficer, '/op', 'join PERM-A WPS', false],
      ['engage', wpsOfficer, '/engage', 'PERM-B age=18-24 gender=female offered=yes accepted=no', true],
      ['engage', wpsCoordinator, '/engage', 'PERM-B age=18-24 gender=female offered=yes accepted=no', true],
      ['engage', admin, '/engage', 'PERM-B age=18-24 gender=female offered=yes accepted=no agency=WPS', true],
      ['engage', wpsOfficer, '/engage', 'PERM-A age=18-24 gender=female offered=yes accepted=no', false],
      ['engage', intakeWorker, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=no', false],
      ['engage', stranger, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=no', false],
      ['charge', ckpsOfficer, '/charge', 'PERM-B offences=286.1', true],
      ['charge', ckpsOfficer, '/charge', 'ONS-WE offences=286.1 agency=WPS', false],
      ['charge', intakeWorker, '/charge', 'ONS-WE offences=286.1', false],
      ['op close', ckpsCoordinator, '/op', 'close PERM-A', true],
      ['op close', wpsCoordinator, '/op', 'close PERM-B', false],
      ['op close', wpsOfficer, '/op', 'close PERM-B', false],
      ['op close', admin, '/op', 'close PERM-B', true],
    ];
    it.each(rows)('%s by %o: allowed=%s', async (_action, user, command, text, allowed) => {
      const before = await tableCounts(h);
      const answer = await say(h, user, command, text);
      if (allowed) {
        expect(answer).not.toMatch(/Only |only|not registered|cannot|Nothing was stored/);
      } else {
        expect(answer).toMatch(/Only |only|not registered|cannot/);
        expect(await tableCounts(h)).toEqual(before);
      }
    });

    it('treats a bootstrap admin as admin after they register with a lesser role', async () => {
      await ok(h, admin, '/agency', `member ${admin.userId} WPS role=officer`);
      await ok(h, admin, '/agency', 'add PM9 "Perm Nine" kind=other');
    });

    it('tells an unregistered person how to get registered', async () => {
      expect(await say(h, stranger, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=no')).toContain(
        'You are not registered with a partner agency yet',
      );
    });

    it('keys membership by team and user: the same user ID in another team is a stranger', async () => {
      const lookalike = { teamId: 'T0OTHER', userId: wpsOfficer.userId };
      expect(await say(h, lookalike, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=no')).toContain('not registered');
    });
  });
});
