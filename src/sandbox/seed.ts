// A new sandbox's first day: the 2017 Windsor-Essex operation set up and worked the way people would
// do it in Slack. Every step is a real signed slash command or button click sent to Liaison as the
// person who would do it; nothing is written to the database behind Liaison's back. The operation's
// dates include today, so the digest, the reminders and the `at=` rule all work on the real clock.
import { messagesFor } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { addDays, toLocal } from '../domain/time.js';
import { CHANNELS, PEOPLE, type Person } from './cast.js';
import type { Dispatcher } from './dispatcher.js';
import { elementsOf, type Message, type Workspace } from './workspace.js';

const P = PEOPLE;
const mention = (p: Person) => `<@${p.id}|${p.handle}>`;
const channelLink = (c: { id: string; name: string }) => `<#${c.id}|${c.name}>`;

/** The agencies of the 2017 report: five police services, the provincial lead, and WEFiGHT. */
export const SEED_AGENCIES = [
  { code: 'OPP', name: 'Ontario Provincial Police', kind: 'police' },
  { code: 'WPS', name: 'Windsor Police Service', kind: 'police' },
  { code: 'CKPS', name: 'Chatham-Kent Police Service', kind: 'police' },
  { code: 'OPP-ESSEX', name: 'OPP Essex County Crime Unit', kind: 'police' },
  { code: 'APS', name: 'Amherstburg Police Service', kind: 'police' },
  { code: 'LPS', name: 'LaSalle Police Service', kind: 'police' },
  { code: 'WEFIGHT', name: 'WEFiGHT', kind: 'advocacy', intake: CHANNELS.wefightIntake },
  // A French-speaking police service and victim-services centre: cards to CAVAC are in French.
  { code: 'SQ', name: 'Sûreté du Québec', kind: 'police', lang: 'fr' },
  { code: 'CAVAC', name: 'CAVAC de Montréal', kind: 'victim_services', intake: CHANNELS.cavacIntake, lang: 'fr' },
] as const;

interface SeedEngagement {
  by: Person;
  agency?: string;
  age: string;
  accepted: 'yes' | 'no';
  safety?: 'yes';
  area: string;
  language: string;
  hoursAgo: number;
  /** Refer it on to WEFiGHT; `accept` has the intake worker accept it. */
  refer?: { needs: string; urgency: string; accept: boolean };
}

/** A dozen people met over the last day, across the five local services. */
export const SEED_ENGAGEMENTS: readonly SeedEngagement[] = [
  { by: P.wpsOfficer, age: '18-24', accepted: 'yes', area: 'Windsor downtown', language: 'en', hoursAgo: 20, refer: { needs: 'shelter,counselling', urgency: 'urgent', accept: true } },
  { by: P.wpsOfficer, age: '25-34', accepted: 'yes', safety: 'yes', area: 'Walkerville', language: 'en', hoursAgo: 19 },
  { by: P.ckpsOfficer, age: 'under18', accepted: 'yes', safety: 'yes', area: 'Chatham', language: 'en', hoursAgo: 18, refer: { needs: 'shelter,medical', urgency: 'immediate', accept: false } },
  { by: P.wpsOfficer, age: '18-24', accepted: 'yes', area: 'Windsor west end', language: 'fr', hoursAgo: 16 },
  { by: P.admin, agency: 'OPP-ESSEX', age: '25-34', accepted: 'yes', area: 'Leamington', language: 'es', hoursAgo: 15 },
  { by: P.ckpsOfficer, age: '35-44', accepted: 'no', area: 'Wallaceburg', language: 'en', hoursAgo: 14 },
  { by: P.admin, agency: 'APS', age: '18-24', accepted: 'yes', area: 'Amherstburg', language: 'en', hoursAgo: 12 },
  { by: P.wpsOfficer, age: 'under18', accepted: 'yes', safety: 'yes', area: 'Windsor downtown', language: 'en', hoursAgo: 10 },
  { by: P.admin, agency: 'LPS', age: '25-34', accepted: 'yes', area: 'LaSalle', language: 'en', hoursAgo: 8, refer: { needs: 'legal,translation', urgency: 'routine', accept: true } },
  { by: P.ckpsOfficer, age: '18-24', accepted: 'yes', area: 'Chatham', language: 'en', hoursAgo: 6 },
  { by: P.wpsOfficer, age: '45plus', accepted: 'no', area: 'Sandwich Town', language: 'en', hoursAgo: 4 },
  { by: P.ckpsOfficer, age: '25-34', accepted: 'yes', area: 'Tilbury', language: 'en', hoursAgo: 2 },
];

export const SEED_CHARGES = [
  { by: P.wpsOfficer, offences: '279.01,286.2' },
  { by: P.ckpsOfficer, offences: '286.3' },
] as const;

/** The figures the seed leaves behind, for anyone checking what the digest shows. */
export const SEED_FIGURES = {
  engaged: SEED_ENGAGEMENTS.length,
  referrals: SEED_ENGAGEMENTS.filter((e) => e.refer).length,
  acceptedReferrals: SEED_ENGAGEMENTS.filter((e) => e.refer?.accept).length,
  chargedPeople: SEED_CHARGES.length,
};

/** The start of Liaison's answer to a person over the command rate (the seed's people read English). */
const RATE_LIMITED = messagesFor('en').errors.rateLimited(1).split(' 1 s')[0]!.slice(0, 40);

/** How long a seeding step waits for Liaison's follow-up (a card, an update) to reach the workspace. */
const FOLLOW_UP_TIMEOUT_MS = 10_000;

export async function seedWorkspace(dispatcher: Dispatcher, ws: Workspace, timezone: string, logger: Logger): Promise<void> {
  const now = Date.now();
  const today = toLocal(now, timezone).date;
  const start = addDays(today, -1);
  const end = addDays(today, 5);

  const run = async (person: Person, command: string, text: string): Promise<string> => {
    // The admin sets up more than one burst of commands: like any careful script, wait when told to.
    for (let attempt = 0; ; attempt++) {
      const answer = await dispatcher.command(person.id, CHANNELS.general.id, `${command} ${text}`, { quiet: true });
      if (answer?.status !== 200) throw new Error(`seeding stopped: Liaison did not answer ${command} from ${person.handle}`);
      const reply = String(answer.json?.text ?? answer.text);
      if (!reply.startsWith(RATE_LIMITED) || attempt >= 60) return reply;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };
  const reference = (reply: string, kind: 'E' | 'R', step: string): string => {
    const ref = new RegExp(`\\b${kind}-\\d+\\b`).exec(reply)?.[0];
    if (!ref) throw new Error(`seeding stopped: ${step} was refused: ${reply.split('\n')[0]}`);
    return ref;
  };

  // Agencies, then each agency's people, registered by whoever may register them.
  for (const a of SEED_AGENCIES) {
    await run(P.admin, '/agency', `add ${a.code} "${a.name}" kind=${a.kind}${'intake' in a ? ` intake=${channelLink(a.intake)}` : ''}${'lang' in a ? ` lang=${a.lang}` : ''}`);
  }
  await run(P.admin, '/agency', `member ${mention(P.oppCoordinator)} OPP role=coordinator`);
  await run(P.admin, '/agency', `member ${mention(P.wpsCoordinator)} WPS role=coordinator`);
  await run(P.admin, '/agency', `member ${mention(P.wefightCoordinator)} WEFIGHT role=coordinator`);
  await run(P.admin, '/agency', `member ${mention(P.ckpsOfficer)} CKPS role=officer`);
  await run(P.wpsCoordinator, '/agency', `member ${mention(P.wpsOfficer)} WPS role=officer`);
  await run(P.admin, '/agency', `member ${mention(P.sqOfficer)} SQ role=officer`);
  await run(P.admin, '/agency', `member ${mention(P.cavacIntake)} CAVAC role=intake`);
  await run(P.wefightCoordinator, '/agency', `member ${mention(P.intakeWorker)} WEFIGHT role=intake`);

  // The provincial operation led by the OPP, with its digest channel, and the local one under it.
  await run(
    P.oppCoordinator,
    '/op',
    `create ONS-ON "Northern Spotlight Ontario" start=${start} end=${end} lead=OPP digest=${channelLink(CHANNELS.onsDigest)} digest_time=08:00`,
  );
  // Under the provincial operation: its lead's right, held here by the admin.
  await run(P.admin, '/op', `create ONS-WE "Northern Spotlight Windsor-Essex" start=${start} end=${end} lead=WPS parent=ONS-ON`);
  await run(P.wpsCoordinator, '/op', 'invite ONS-WE WEFIGHT');
  await run(P.oppCoordinator, '/op', 'join ONS-ON OPP officers=40 support_staff=10 victim_services=5');
  await run(P.wpsCoordinator, '/op', 'join ONS-WE WPS officers=12 support_staff=2 victim_services=1');
  await run(P.admin, '/op', 'join ONS-WE CKPS officers=8 support_staff=2');
  await run(P.admin, '/op', 'join ONS-WE OPP-ESSEX officers=8');
  await run(P.admin, '/op', 'join ONS-WE APS officers=4');
  await run(P.admin, '/op', 'join ONS-WE LPS officers=4');
  await run(P.wefightCoordinator, '/op', 'join ONS-WE WEFIGHT victim_services=3');
  // A Québec operation, with its digest in French then English, for trying Liaison in French.
  await run(P.admin, '/op', `create ONS-QC "Northern Spotlight Québec" start=${start} end=${end} lead=SQ digest=${channelLink(CHANNELS.onsDigest)} lang=fr+en`);
  await run(P.admin, '/op', 'join ONS-QC SQ officers=10');
  await run(P.admin, '/op', 'join ONS-QC CAVAC victim_services=2');

  // The day's work: engagements at the times they happened, referrals, the intake worker's answers.
  for (const e of SEED_ENGAGEMENTS) {
    const at = toLocal(now - e.hoursAgo * 3_600_000, timezone);
    const text = [
      'ONS-WE',
      `age=${e.age}`,
      'gender=female',
      'offered=yes',
      `accepted=${e.accepted}`,
      e.safety ? `safety_ensured=${e.safety}` : '',
      e.agency ? `agency=${e.agency}` : '',
      `area="${e.area}"`,
      `language=${e.language}`,
      `at=${at.date}T${at.time}`,
    ].filter(Boolean);
    const engagement = reference(await run(e.by, '/engage', text.join(' ')), 'E', `/engage by ${e.by.handle}`);
    if (!e.refer) continue;
    const referral = reference(
      await run(e.by, '/refer', `${engagement} to=WEFIGHT needs=${e.refer.needs} urgency=${e.refer.urgency} consent=yes`),
      'R',
      `/refer ${engagement}`,
    );
    const card = await waitFor(() => cardWithButton(ws, referral, 'Accept'), `the card of ${referral}`);
    if (!e.refer.accept) continue;
    const button = buttonOf(card, 'Accept')!;
    const clicked = await dispatcher.click(P.intakeWorker.id, { surface: 'message', channel: card.channel, ts: card.ts, ...button });
    if (clicked !== 'sent') throw new Error(`seeding stopped: the Accept click on ${referral} was not delivered`);
    await waitFor(() => cardWithButton(ws, referral, 'Close'), `${referral} accepted`);
  }
  for (const c of SEED_CHARGES) await run(c.by, '/charge', `ONS-WE offences=${c.offences}`);

  // The lead coordinator posts today's digest, so the digest channel has one to read. A digest that
  // does not arrive leaves the channel empty; the rest of the workspace is still worth opening.
  await run(P.oppCoordinator, '/digest', 'ONS-ON post');
  await waitFor(() => ws.messagesFor(P.oppCoordinator.id, CHANNELS.onsDigest.id).at(-1), 'the first digest').catch((error: unknown) =>
    logger.warn('the seeded digest was not posted', { source: 'sandbox', error }),
  );
  logger.info('sandbox seeded', { source: 'sandbox', engagements: SEED_FIGURES.engaged, referrals: SEED_FIGURES.referrals });
}

/** The referral card in the intake channel that names `ref` and carries a button labelled `label`. */
function cardWithButton(ws: Workspace, ref: string, label: string): Message | undefined {
  const mentions = new RegExp(`\\b${ref}\\b`);
  return ws
    .messagesFor(P.intakeWorker.id, CHANNELS.wefightIntake.id)
    .find((m) => mentions.test(m.text) && buttonOf(m, label) !== undefined);
}

function buttonOf(message: Message, label: string): { blockId: string; actionId: string } | undefined {
  for (const block of message.blocks) {
    const button = elementsOf(block).find((e) => e.type === 'button' && (e.text as { text?: string } | undefined)?.text === label);
    if (button) return { blockId: String(block.block_id), actionId: String(button.action_id) };
  }
  return undefined;
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + FOLLOW_UP_TIMEOUT_MS;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`seeding stopped: waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
