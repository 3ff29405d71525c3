// The permission matrix, generated from the "Who may do what" table of docs/interface.md itself:
// every role × every action × the person's own agency and another one, each tried through Slack as
// the person would. A ✓ is allowed for both; an empty cell refused for both; a condition allowed for their own
// agency and refused for the other. A refusal must change nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, type StoredMessage } from '../helpers/fake-slack.js';
import { FakeClock, Harness, type TestUser } from '../helpers/harness.js';
import { ok, tableCounts } from '../helpers/world.js';

const INTERFACE = new URL('../../docs/interface.md', import.meta.url);
const ROLES = ['admin', 'coordinator', 'officer', 'intake', 'not registered'] as const;
type Role = (typeof ROLES)[number];
type Expectation = 'both' | 'own' | 'none';

/** The table as the interface writes it: action → role → what the cell allows. */
function readPermissionTable(): Map<string, Record<Role, Expectation>> {
  const text = readFileSync(INTERFACE, 'utf8');
  const section = text.slice(text.indexOf('## Who may do what'));
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  const rows = lines.slice(start + 2, end);
  const table = new Map<string, Record<Role, Expectation>>();
  for (const row of rows) {
    const cells = row.split('|').slice(1, -1).map((c) => c.trim());
    const action = cells[0]!;
    const byRole = {} as Record<Role, Expectation>;
    ROLES.forEach((role, i) => {
      const cell = cells[i + 1] ?? '';
      const resolved = cell === 'same' ? (cells[i] ?? '') : cell; // "same" repeats the cell to its left
      byRole[role] = resolved === '✓' ? 'both' : resolved === '' ? 'none' : 'own';
    });
    table.set(action, byRole);
  }
  return table;
}

const clock = new FakeClock('2017-10-11T20:00:00-04:00');
const T = 'T0MATRIX';
const bootstrap: TestUser = { teamId: T, userId: 'U0BOOT' };
const people: Record<Role, TestUser> = {
  admin: { teamId: T, userId: 'U0ADM' },
  coordinator: { teamId: T, userId: 'U0COORD' },
  officer: { teamId: T, userId: 'U0OFF' },
  intake: { teamId: T, userId: 'U0INTAKE' },
  'not registered': { teamId: T, userId: 'U0NOBODY' },
};
// The other agency's own people, who set up what the "other" cases act on.
const otherOfficer: TestUser = { teamId: T, userId: 'U0BOFF' };

let counter = 0;
const fresh = (prefix: string) => `${prefix}${++counter}`;

/** What trying an action looks like, for one's own agency (A) or the other (B). */
type Attempt = (h: Harness, who: TestUser, scope: 'own' | 'other') => Promise<string>;

/** Row counts just before the decisive request of an attempt (set-up requests come earlier). */
let countsBefore: Record<string, number> = {};

const say = async (h: Harness, who: TestUser, command: string, text: string) => {
  countsBefore = await tableCounts(h);
  return String((await h.command(who, command, text)).json?.text ?? '');
};

async function engagementOf(h: Harness, scope: 'own' | 'other'): Promise<string> {
  const [op, agency] = scope === 'own' ? ['OPA', 'A'] : ['OPB', 'B'];
  return /E-\d+/.exec(await ok(h, bootstrap, '/engage', `${op} age=18-24 gender=female offered=yes accepted=yes agency=${agency}`))![0];
}

async function cardFor(h: Harness, scope: 'own' | 'other', accepted = false): Promise<StoredMessage> {
  const e = await engagementOf(h, scope === 'own' ? 'other' : 'own');
  const to = scope === 'own' ? 'A' : 'B';
  const ref = /R-\d+/.exec(await ok(h, bootstrap, '/refer', `${e} to=${to} needs=shelter urgency=routine consent=yes`))![0];
  const channel = scope === 'own' ? 'C0AINTAKE' : 'C0BINTAKE';
  const card = () => h.slack.channelMessages(channel).find((m) => m.text.includes(`${ref} `))!;
  // The card is posted as a line, then drawn with its buttons: wait for them.
  await expect.poll(() => card() && buttonsOf(card()).length).toBeGreaterThan(0);
  if (accepted) {
    await click(h, bootstrap, card(), 'referral_accept');
    await expect.poll(() => JSON.stringify(card().blocks)).toContain('referral_close');
  }
  return structuredClone(card());
}

/** A pending referral made by an officer of agency A (own) or of agency B (other), to the other agency. */
async function referralMadeBy(h: Harness, scope: 'own' | 'other'): Promise<string> {
  const [officer, to] = scope === 'own' ? [people.officer, 'B'] : [otherOfficer, 'A'];
  return /R-\d+/.exec(await ok(h, officer, '/refer', `${await engagementOf(h, scope)} to=${to} needs=shelter urgency=routine consent=yes`))![0];
}

async function click(h: Harness, who: TestUser, card: StoredMessage, actionId: string): Promise<string> {
  const button = buttonsOf(card).find((e) => e.action_id === actionId)!;
  const before = h.slack.callsTo('response_url').length;
  const opened = h.slack.callsTo('views.open').length;
  countsBefore = await tableCounts(h);
  await h.click(who, { actionId, value: button.value }, card);
  // The answer is either an ephemeral refusal or a change (card update / form opened).
  await expect
    .poll(() => h.slack.callsTo('response_url').length > before || h.slack.callsTo('views.open').length > opened || actionId === 'referral_accept')
    .toBe(true);
  if (actionId === 'referral_accept') await new Promise((r) => setTimeout(r, 50));
  return h.slack.callsTo('response_url').slice(before).map((c) => String(c.args.text)).join('\n') || 'changed';
}

const ATTEMPTS: Record<string, Attempt[]> = {
  help: [(h, who) => say(h, who, '/agency', 'help')],
  'agency add': [(h, who) => say(h, who, '/agency', `add ${fresh('NEW')} "New partner" kind=other`)],
  'agency list / show, op list / show': [
    (h, who) => say(h, who, '/agency', 'list'),
    (h, who, scope) => say(h, who, '/agency', `show ${scope === 'own' ? 'A' : 'B'}`),
    (h, who) => say(h, who, '/op', 'list'),
    (h, who, scope) => say(h, who, '/op', `show ${scope === 'own' ? 'OPA' : 'OPB'}`),
  ],
  'agency member': [(h, who, scope) => say(h, who, '/agency', `member ${fresh('U0NEW')} ${scope === 'own' ? 'A' : 'B'} role=officer`)],
  'op create / close': [
    (h, who, scope) => say(h, who, '/op', `create ${fresh('OPN')} "New" start=2017-10-10 end=2017-10-13 lead=${scope === 'own' ? 'A' : 'B'}`),
    async (h, who, scope) => {
      const code = fresh('OPC');
      await ok(h, bootstrap, '/op', `create ${code} "To close" start=2017-10-10 end=2017-10-13 lead=${scope === 'own' ? 'A' : 'B'}`);
      return say(h, who, '/op', `close ${code}`);
    },
  ],
  'op join': [
    // Into an operation another agency leads, which invited both.
    async (h, who, scope) => {
      const code = fresh('OPJ');
      await ok(h, bootstrap, '/op', `create ${code} "To join" start=2017-10-10 end=2017-10-13 lead=B`);
      await ok(h, bootstrap, '/op', `invite ${code} A`);
      return say(h, who, '/op', `join ${code} ${scope === 'own' ? 'A' : 'B'} officers=2`);
    },
    // Into an operation the agency leads itself.
    async (h, who, scope) => {
      const code = fresh('OPL');
      const agency = scope === 'own' ? 'A' : 'B';
      await ok(h, bootstrap, '/op', `create ${code} "Led" start=2017-10-10 end=2017-10-13 lead=${agency}`);
      return say(h, who, '/op', `join ${code} ${agency} officers=2`);
    },
  ],
  'op invite, `parent=`': [
    async (h, who, scope) => {
      const code = fresh('OPI');
      await ok(h, bootstrap, '/op', `create ${code} "Inviting" start=2017-10-10 end=2017-10-13 lead=${scope === 'own' ? 'A' : 'B'}`);
      return say(h, who, '/op', `invite ${code} ${scope === 'own' ? 'B' : 'A'}`);
    },
    async (h, who, scope) => {
      const parent = fresh('OPP');
      await ok(h, bootstrap, '/op', `create ${parent} "Parent" start=2017-10-10 end=2017-10-13 lead=${scope === 'own' ? 'A' : 'B'}`);
      return say(h, who, '/op', `create ${fresh('OPK')} "Child" start=2017-10-10 end=2017-10-13 lead=A parent=${parent}`);
    },
  ],
  'engage / refer / charge': [
    (h, who, scope) => say(h, who, '/engage', scope === 'own' ? 'OPA age=25-34 gender=male offered=no accepted=no' : 'OPB age=25-34 gender=male offered=no accepted=no agency=B'),
    async (h, who, scope) => say(h, who, '/refer', `${await engagementOf(h, scope)} to=${scope === 'own' ? 'B' : 'A'} needs=legal urgency=routine consent=yes`),
    (h, who, scope) => say(h, who, '/charge', scope === 'own' ? 'OPA offences=286.1' : 'OPB offences=286.1 agency=B'),
  ],
  'accept / decline / close a referral': [
    async (h, who, scope) => click(h, who, await cardFor(h, scope), 'referral_accept'),
    async (h, who, scope) => click(h, who, await cardFor(h, scope), 'referral_decline'),
    async (h, who, scope) => click(h, who, await cardFor(h, scope, true), 'referral_close'),
  ],
  'withdraw a referral': [
    // Own: made by agency A's officer; other: made by agency B's officer. Withdrawn by command.
    async (h, who, scope) => say(h, who, '/refer', `withdraw ${await referralMadeBy(h, scope)} reason=duplicate`),
  ],
  'digest preview / post': [
    (h, who, scope) => say(h, who, '/digest', scope === 'own' ? 'OPA' : 'OPB'),
    (h, who, scope) => say(h, who, '/digest', `${scope === 'own' ? 'OPA' : 'OPB'} post`),
  ],
};

/** Every refusal for a permission begins "Only …", or tells an unregistered person how to register. */
const REFUSED = /^Only |not registered with a partner agency/;

describe('the permission matrix from docs/interface.md', () => {
  const table = readPermissionTable();
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ clock, env: { BOOTSTRAP_ADMINS: bootstrap.userId } });
    await ok(h, bootstrap, '/agency', 'add A "Agency A" kind=police intake=C0AINTAKE');
    await ok(h, bootstrap, '/agency', 'add B "Agency B" kind=advocacy intake=C0BINTAKE');
    for (const role of ['admin', 'coordinator', 'officer', 'intake'] as const) {
      await ok(h, bootstrap, '/agency', `member ${people[role].userId} A role=${role}`);
    }
    await ok(h, bootstrap, '/agency', `member ${otherOfficer.userId} B role=officer`);
    await ok(h, bootstrap, '/op', 'create OPA "Op A" start=2017-10-10 end=2017-10-13 lead=A digest=C0DIGA');
    await ok(h, bootstrap, '/op', 'create OPB "Op B" start=2017-10-10 end=2017-10-13 lead=B digest=C0DIGB');
  });
  afterAll(() => h.stop());

  it('covers every row of the interface’s table', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(ATTEMPTS).sort());
  });

  const cases: Array<[string, Role, 'own' | 'other', number]> = [];
  for (const action of Object.keys(ATTEMPTS)) {
    for (const role of ROLES) {
      for (const scope of ['own', 'other'] as const) {
        for (let i = 0; i < ATTEMPTS[action]!.length; i++) cases.push([action, role, scope, i]);
      }
    }
  }

  it.each(cases)('%s · %s · %s agency · attempt %i', async (action, role, scope, index) => {
    const expectation = table.get(action)![role];
    const allowed = expectation === 'both' || (expectation === 'own' && scope === 'own');
    const answer = await ATTEMPTS[action]![index]!(h, people[role], scope);
    if (allowed) {
      expect(answer, `${role} should be allowed: ${answer}`).not.toMatch(REFUSED);
    } else {
      expect(answer, `${role} should be refused`).toMatch(REFUSED);
      expect(await tableCounts(h)).toEqual(countsBefore);
    }
  });
});
