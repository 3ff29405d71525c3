// The digest's first test: Operation Northern Spotlight 2017 replayed as Slack requests, and every
// figure of the report reproduced, locally and provincially, by the CLI and by /digest; and the
// same digests posted to their channels, where small numbers are hidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { FakeClock, Harness, textOf, type TestUser } from '../helpers/harness.js';
import { ADMIN_ENV, admin, ok } from '../helpers/world.js';

const clock = new FakeClock('2017-10-09T12:00:00-04:00');
const LOCAL_POLICE = ['WPS', 'CKPS', 'OPP-ESSEX', 'APS', 'LPS'] as const;
const OTHER_POLICE = Array.from({ length: 40 }, (_, i) => `ONPS${String(i + 1).padStart(2, '0')}`);
const INTAKE = 'C0WEFIGHTIN';

const officerOf = (code: string): TestUser => ({ teamId: 'T0TEAM', userId: `U0OF${code.replace(/-/g, '')}` });
const coordinatorOf = (code: string): TestUser => ({ teamId: 'T0TEAM', userId: `U0CO${code.replace(/-/g, '')}` });

async function cli(h: Harness, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, h.database.env, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('Operation Northern Spotlight 2017, replayed through Slack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock });
    // Agencies: the provincial police, 45 more police services, and the advocacy group.
    await ok(h, admin, '/agency', 'add OPP "Ontario Provincial Police" kind=police');
    for (const code of [...LOCAL_POLICE, ...OTHER_POLICE]) await ok(h, admin, '/agency', `add ${code} "Police service ${code}" kind=police`);
    await ok(h, admin, '/agency', `add WEFIGHT "WEFiGHT" kind=advocacy intake=<#${INTAKE}|intake>`);
    for (const code of ['OPP', ...LOCAL_POLICE, 'WEFIGHT']) {
      await ok(h, admin, '/agency', `member ${coordinatorOf(code).userId} ${code} role=coordinator`);
      await ok(h, coordinatorOf(code), '/agency', `member ${officerOf(code).userId} ${code} role=officer`);
    }
    await ok(h, admin, '/agency', `member U0WFINTAKE WEFIGHT role=intake`);

    // The provincial operation, seven days, coordinated by the OPP; the local one below it.
    await ok(h, coordinatorOf('OPP'), '/op', 'create ONS-ON "Northern Spotlight Ontario" start=2017-10-09 end=2017-10-15 lead=OPP digest=C0DIGESTON');
    // Under the provincial one (the right of its lead: here an admin, who holds both); the local lead invites its partners.
    await ok(h, admin, '/op', 'create ONS-WE "Northern Spotlight Windsor-Essex" start=2017-10-10 end=2017-10-13 lead=WPS parent=ONS-ON digest=C0DIGESTWE');
    await ok(h, coordinatorOf('OPP'), '/op', 'invite ONS-ON WPS');
    for (const code of ['CKPS', 'OPP-ESSEX', 'APS', 'LPS', 'WEFIGHT']) await ok(h, coordinatorOf('WPS'), '/op', `invite ONS-WE ${code}`);

    // 331 officers, support staff and victim services across the 46 police services. WPS joined
    // both operations; it counts once, with its larger counts (12 + 2 + 1 = 15, not 8 + 15).
    await ok(h, coordinatorOf('OPP'), '/op', 'join ONS-ON OPP officers=40 support_staff=10 victim_services=5');
    await ok(h, coordinatorOf('WPS'), '/op', 'join ONS-ON WPS officers=8');
    await ok(h, coordinatorOf('WPS'), '/op', 'join ONS-WE WPS officers=12 support_staff=2 victim_services=1');
    await ok(h, coordinatorOf('CKPS'), '/op', 'join ONS-WE CKPS officers=8 support_staff=2');
    await ok(h, coordinatorOf('OPP-ESSEX'), '/op', 'join ONS-WE OPP-ESSEX officers=8');
    await ok(h, coordinatorOf('APS'), '/op', 'join ONS-WE APS officers=4');
    await ok(h, coordinatorOf('LPS'), '/op', 'join ONS-WE LPS officers=4');
    await ok(h, coordinatorOf('WEFIGHT'), '/op', 'join ONS-WE WEFIGHT');
    for (const [i, code] of OTHER_POLICE.entries()) {
      await ok(h, admin, '/op', `join ONS-ON ${code} officers=${i < 35 ? 5 : 4} support_staff=1`);
    }

    // Locally: 13 people engaged, 11 of whom accepted offers to speak with supporting agencies; one under 18.
    clock.set('2017-10-11T22:00:00-04:00');
    for (let i = 0; i < 13; i++) {
      const code = LOCAL_POLICE[i % LOCAL_POLICE.length]!;
      const accepted = i < 11 ? 'yes' : 'no';
      const answer = await ok(h, officerOf(code), '/engage', `ONS-WE age=${i < 1 ? 'under18' : '18-24'} gender=female offered=yes accepted=${accepted} area="Windsor"`);
      if (i < 4) {
        const e = /E-\d+/.exec(answer)![0];
        await ok(h, officerOf(code), '/refer', `${e} to=WEFIGHT needs=shelter,counselling urgency=urgent consent=yes`);
      }
    }
    // Across the province: 198 engaged in all.
    for (let i = 0; i < 185; i++) {
      const code = OTHER_POLICE[i % OTHER_POLICE.length]!;
      await ok(h, admin, '/engage', `ONS-ON age=25-34 gender=female offered=yes accepted=${i % 3 ? 'yes' : 'no'} agency=${code}`);
    }
    // 12 people charged with 21 offences.
    for (let i = 0; i < 12; i++) {
      const offences = i < 9 ? '279.01,286.2' : '286.3';
      if (i < 3) await ok(h, officerOf('WPS'), '/charge', `ONS-WE offences=${offences}`);
      else await ok(h, admin, '/charge', `ONS-ON offences=${offences} agency=${OTHER_POLICE[i]}`);
    }
  }, 120_000);
  afterAll(() => h.stop());

  it('locally: 13 engaged, 11 accepted, across five police services and the advocacy group', async () => {
    const { code, out } = await cli(h, 'digest', 'ONS-WE', '--json');
    expect(code).toBe(0);
    const digest = JSON.parse(out);
    expect(digest).toMatchObject({ operation: 'ONS-WE', engaged: 13, offered: 13, accepted: 11, minors: 1, agencies: 6 });
    expect(digest.referrals).toEqual({ pending: 4, accepted: 0, declined: 0, closed: 0, withdrawn: 0 });
    const engagedBy = Object.fromEntries(digest.by_agency.map((a: { agency: string; engaged: number }) => [a.agency, a.engaged]));
    expect(Object.keys(engagedBy).sort()).toEqual([...LOCAL_POLICE, 'WEFIGHT'].sort());
    expect(LOCAL_POLICE.filter((c) => engagedBy[c] > 0)).toHaveLength(5);
  });

  it('provincially: 46 police services, 331 personnel, 198 engaged, 12 charged with 21 offences', async () => {
    const { out } = await cli(h, 'digest', 'ONS-ON', '--json');
    const digest = JSON.parse(out);
    expect(digest).toMatchObject({ operation: 'ONS-ON', engaged: 198, personnel: 331, charged_people: 12, offences: 21, agencies: 47 });
    expect(Object.keys(digest).sort()).toEqual(
      ['accepted', 'agencies', 'by_agency', 'charged_people', 'engaged', 'minors', 'offences', 'offered', 'operation', 'personnel', 'referrals', 'safety_ensured'].sort(),
    );
    const text = await cli(h, 'digest', 'ONS-ON');
    expect(text.out).toContain('agencies 47 (police 46) · personnel 331');
  });

  it('shows the same figures in the Slack digest preview', async () => {
    const answer = await h.command(coordinatorOf('OPP'), '/digest', 'ONS-ON');
    const text = textOf(answer.json?.blocks);
    expect(text).toContain('ONS-ON digest · 2017-10-11');
    expect(text).toMatch(/\*Engaged\*\n198/);
    expect(text).toContain('12 people, 21 offences');
    expect(text).toContain('47 (46 police) · 331 personnel');
    expect(String(answer.json?.text)).toContain('198 engaged');
    expect(String(answer.json?.text)).toContain('12 charged with 21 offences');
  });

  describe('posted to a channel', () => {
    /** Posts the digest with `/digest … post` and returns what the channel received. */
    async function post(op: string, by: TestUser, channel: string): Promise<{ text: string; blocks: string }> {
      await ok(h, by, '/digest', `${op} post`);
      await expect.poll(() => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel).length).toBeGreaterThan(0);
      const call = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel).at(-1)!;
      return { text: String(call.args.text), blocks: textOf(call.args.blocks) };
    }

    it('locally: 13 engaged and 11 accepted shown, the one person under 18 as <5, and why', async () => {
      const { text, blocks } = await post('ONS-WE', coordinatorOf('WPS'), 'C0DIGESTWE');
      expect(blocks).toMatch(/\*Engaged\*\n13 \(\+13\)/);
      expect(blocks).toMatch(/\*Accepted support\*\n11 \(\+11\)/);
      expect(blocks).toMatch(/\*Under 18\*\n<5 \(\+<5\)/);
      expect(blocks).not.toMatch(/\*Under 18\*\n1\b/);
      // Four referrals, one from each of four services: the table's referrals column would pin each
      // service at 1, so the post leaves it out; the states still show, as <5.
      expect(blocks).toContain('*Referrals:* <5 pending · 0 accepted · 0 declined · 0 closed · 0 withdrawn');
      expect(blocks).toContain('   eng   acc  chrg\n');
      expect(blocks).toMatch(/\nWPS +<5 +<5 +<5```/);
      expect(blocks).toContain(
        'Small numbers are hidden: 1 to 4 show as <5; referrals by agency are left out. Exact figures: `/digest ONS-WE` (coordinators).',
      );
      expect(text).toContain('13 engaged (+13), 11 accepted, <5 under 18, <5 referrals pending');
      expect(text).toContain('Small numbers are hidden');
    });

    it('provincially: 198 engaged, 331 personnel, 46 police services, 12 charged with 21 offences shown', async () => {
      const { text, blocks } = await post('ONS-ON', coordinatorOf('OPP'), 'C0DIGESTON');
      expect(blocks).toMatch(/\*Engaged\*\n198 \(\+198\)/);
      expect(blocks).toContain('47 (46 police) · 331 personnel');
      expect(blocks).toMatch(/\*Charged\*\n12 people, 21 offences/);
      expect(blocks).toMatch(/\*Under 18\*\n<5/);
      expect(text).toContain('198 engaged');
      expect(text).toContain('12 charged with 21 offences');
    });

    it('the preview shows the exact figures and marks what the post hides', async () => {
      const answer = await h.command(coordinatorOf('WPS'), '/digest', 'ONS-WE');
      const blocks = textOf(answer.json?.blocks);
      expect(blocks).toMatch(/\*Under 18\*\n1† \(\+1†\)/);
      expect(blocks).toMatch(/\*Engaged\*\n13 \(\+13\)/);
      expect(blocks).toContain('*Referrals:* 4† pending · 0 accepted · 0 declined · 0 closed · 0 withdrawn');
      expect(blocks).toMatch(/\nWPS +3† +3† +1 +3†```/);
      expect(blocks).toContain('† hidden in a channel post: shown as <5; referrals by agency are left out.');
    });

    it('hide_below=1 posts every figure as it is', async () => {
      await ok(h, admin, '/op', 'create ONS-EXACT "Exact figures" start=2017-10-10 end=2017-10-13 lead=WPS digest=C0DIGESTEX hide_below=1');
      await ok(h, coordinatorOf('WPS'), '/op', 'join ONS-EXACT WPS officers=2');
      await ok(h, officerOf('WPS'), '/engage', 'ONS-EXACT age=under18 gender=female offered=yes accepted=yes');
      const { blocks } = await post('ONS-EXACT', coordinatorOf('WPS'), 'C0DIGESTEX');
      expect(blocks).toMatch(/\*Under 18\*\n1 \(\+1\)/);
      expect(blocks).not.toContain('Small numbers');
    });
  });
});
