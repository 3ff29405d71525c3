// The French catalogue: every leaf there and not empty, none left in English (but for the words listed
// below), French typography in every output, French plurals, and the button labels the contract fixes.
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/domain/digest.js';
import type { Operation } from '../../src/domain/operations.js';
import type { Referral } from '../../src/domain/referrals.js';
import type { ReferableEngagement } from '../../src/domain/referrals.js';
import { en } from '../../src/i18n/en.js';
import { fr, plural, pluralOf } from '../../src/i18n/fr.js';
import { referral, T0 } from '../helpers/sample-referral.js';

type Leaf = string | ((...args: never[]) => string);
type Tree = { readonly [key: string]: Leaf | Tree };

/** Every leaf of a catalogue, by its path (keys joined with `/`: some keys hold dots). */
function leaves(tree: Tree, path: string[] = []): Array<[string, Leaf]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? leaves(value, [...path, key]) : [[[...path, key].join('/'), value] as [string, Leaf]],
  );
}
const at = (tree: Tree, path: string): Leaf => path.split('/').reduce<Leaf | Tree>((node, key) => (node as Tree)[key]!, tree) as Leaf;

// ---------------------------------------------------------------------------------------------
// Sample arguments, like the ones the commands, blocks and jobs pass.

const actor = { teamId: 'T0TEAM', userId: 'U0INTAKE' };
const REFERRALS: Referral[] = [
  referral(),
  referral({ status: 'accepted', actor, urgency: 'routine' }),
  referral({ status: 'declined', actor, declineReason: 'Aucune place cette semaine', urgency: 'immediate' }),
  referral({ status: 'closed', actor, closeOutcome: 'connected' }),
  referral({ status: 'withdrawn', actor, withdrawalReason: 'duplicate', cardError: null, intakeChannelId: null }),
];
const operation = (over: Partial<Operation> = {}): Operation => ({
  id: 1,
  code: 'NS17',
  name: 'Northern Spotlight 2017',
  startDate: '2017-10-10',
  endDate: '2017-10-16',
  leadAgencyId: 1,
  leadAgencyCode: 'GRC',
  parentId: null,
  parentCode: null,
  timezone: 'America/Toronto',
  digestChannelId: 'C0DIGEST',
  digestTeamId: 'T0TEAM',
  digestTime: '08:00',
  lang: 'fr',
  hideBelow: 5,
  closedAt: null,
  ...over,
});
const OPERATIONS = [operation(), operation({ parentCode: 'NS', parentId: 9, digestChannelId: null, closedAt: T0 })];
const figures = (n: number) => ({
  engaged: 1200 * n,
  offered: 900 * n,
  accepted: 1 * n,
  minors: 0,
  safetyEnsured: 2 * n,
  referrals: { pending: 1 * n, accepted: 2 * n, declined: 0, closed: 3 * n, withdrawn: 1 },
  chargedPeople: 1 * n,
  offences: 2 * n,
});
const DIGESTS: Digest[] = [1, 2].map((n) => ({
  operation: { id: 1, code: 'NS17', name: 'Northern Spotlight 2017', timezone: 'America/Toronto', startDate: '2017-10-10', endDate: '2017-10-16' },
  operationCodes: n === 1 ? ['NS17'] : ['NS17', 'NS17-ON', 'NS17-QC'],
  agencies: 46 * n,
  policeAgencies: n,
  personnel: 1000 * n,
  totals: figures(n),
  last24h: figures(n - 1),
  byAgency: [{ agencyId: 1, agency: 'SPVM', name: 'SPVM', engaged: 12, accepted: 1, referrals: 3, chargedPeople: 1, offences: 2 }],
  overdue: [{ agency: 'CAVAC', pending: 2 }],
}));
const ENGAGEMENT: ReferableEngagement = {
  id: 12,
  operationCode: 'NS17',
  timezone: 'America/Toronto',
  ageBand: 'under18',
  area: 'Centre-ville',
  occurredAt: T0,
  referrals: [],
};
const HIDDEN = [
  { withheld: false, leftOut: 'nothing' },
  { withheld: true, leftOut: 'referralsColumn' },
  { withheld: true, leftOut: 'lists' },
] as const;
const agency = { id: 1, code: 'SPVM', name: 'Service de police de la Ville de Montréal', kind: 'police', intakeChannelId: 'C0INTAKE', intakeTeamId: 'T0TEAM', lang: 'fr' } as const;
const FALLBACK = { engaged: '1200', engagedToday: '3', accepted: '1', minors: '<5', pending: '0', chargedPeople: 'x', offences: '2', agencies: 46, personnel: 1000 };
const own = ['SPVM'];

/** Argument lists for every function of the catalogue, enough to take each branch. */
const SAMPLES: Record<string, unknown[][]> = {
  'agency/unknown': [['SPVM']],
  'agency/exists': [['SPVM']],
  'agency/added': [[agency], [{ ...agency, intakeChannelId: null, kind: 'victim_services' }]],
  'agency/list': [[[]], [[{ ...agency, members: 1 }, { ...agency, code: 'CAVAC', kind: 'advocacy', members: 12, intakeChannelId: null }]]],
  'agency/show': [
    [{ agency, membersByRole: { officer: 3, intake: 1, coordinator: 0, admin: 2 }, operations: ['NS17'] }],
    [{ agency, membersByRole: { officer: 0, intake: 0, coordinator: 1, admin: 0 }, operations: [] }],
  ],
  'agency/memberSet': [
    ['U0AAA', 'SPVM', 'coordinator', 'officer'],
    ['U0AAA', 'SPVM', 'intake', null],
  ],
  'agency/membersSet': [[['<@U0AAA> a maintenant le rôle *agent* au sein de *SPVM*.', 'Inscription de <@U0BBB>.']]],
  'agency/tooManyMembers': [[20]],
  'agency/memberElsewhere': [['U0AAA', 'SPVM']],
  'op/unknown': [['NS17']],
  'op/exists': [['NS17']],
  'op/closed': [['NS17']],
  'op/unknownId': [[999]],
  'op/created': OPERATIONS.map((o) => [o]),
  'op/joined': [
    ['SPVM', 'NS17', { officers: 1, supportStaff: 0, victimServices: 2 }, false],
    ['SPVM', 'NS17', { officers: 1200, supportStaff: 3, victimServices: 1 }, true],
  ],
  'op/list': [[[]], [OPERATIONS.map((o) => ({ ...o, agencies: 1 }))], [[{ ...operation(), agencies: 46 }]]],
  'op/show': [
    [OPERATIONS[0], DIGESTS[0]],
    [OPERATIONS[1], DIGESTS[1]],
  ],
  'op/closedNow': [['NS17']],
  'op/invited': [
    ['CAVAC', 'NS17', true],
    ['CAVAC', 'NS17', false],
  ],
  'op/notInvited': [['CAVAC', 'NS17', 'GRC']],
  'record/notJoined': [['CAVAC', 'NS17']],
  'engage/logged': [
    ['E-12', 'NS17', 'SPVM'],
    ['E-12', 'NS17', null],
  ],
  'engage/notRecentEngagement': [['E-12']],
  'engage/atOutsideDates': [['NS17', '2017-10-10', '2017-10-16']],
  'engage/nowOutsideDates': [['NS17', '2017-10-10', '2017-10-16']],
  'charge/logged': [
    ['C-3', ['279.01']],
    ['C-3', ['279.01', '286.2']],
  ],
  'referral/unknown': [['R-5']],
  'referral/unknownEngagement': [['E-12']],
  'referral/noIntake': [['CAVAC']],
  'referral/duplicate': [['E-12', 'CAVAC', 'R-5', 'pending']],
  'referral/withdrawn': [[REFERRALS[4]]],
  'referral/withdrawnNotice': [[REFERRALS[4]]],
  'referral/created': REFERRALS.map((r) => [r]),
  'referral/cardQueued': ['not_in_channel', 'is_archived', 'token_revoked', 'ratelimited'].map((e) => [REFERRALS[0], e]),
  'referral/cardUndeliverable': [
    [REFERRALS[0], null],
    [REFERRALS[4], 'channel_not_found'],
  ],
  'referral/overdueWithoutCard': [
    [REFERRALS[0], 24],
    [REFERRALS[4], 1],
  ],
  'referral/alreadyHandled': REFERRALS.map((r) => [r]),
  'referral/dm': REFERRALS.map((r) => [r]),
  'referral/card/title': [
    ['R-5', 'routine'],
    ['R-5', 'immediate'],
  ],
  'referral/card/contact': [['SPVM', 'U0OFFICER']],
  'referral/card/note': [['Parle surtout espagnol']],
  'referral/card/status': REFERRALS.map((r) => [r]),
  'referral/card/fallback': REFERRALS.map((r) => [r]),
  'referral/card/arriving': REFERRALS.map((r) => [r]),
  'referral/declineModal/title': [['R-5']],
  'referral/closeModal/title': [['R-5']],
  'referral/withdrawModal/title': [['R-5']],
  'referral/referModal/engagementOption': [
    [ENGAGEMENT],
    [{ ...ENGAGEMENT, area: null, ageBand: 'unknown', referrals: [{ toAgencyCode: 'CAVAC', status: 'accepted' }] }],
  ],
  'referral/reminderPending': [[REFERRALS[0], 4]],
  'referral/reminderAccepted': [
    [REFERRALS[1], 7],
    [REFERRALS[1], 1],
  ],
  'digest/title': [['NS17', '2017-10-12']],
  'digest/chargedValue': [
    ['1', '0'],
    ['<5', 'x'],
    ['12', '1200'],
  ],
  'digest/agenciesValue': [
    [46, 1, 1000],
    [46, 12, 1],
  ],
  'digest/referralStates': [[{ pending: '1', accepted: '<5', declined: '0', closed: 'x', withdrawn: '12' }], [{}]],
  'digest/overdueLine': [['CAVAC', '<5']],
  'digest/overdueRest': [
    [1, '2'],
    [3, '1200'],
  ],
  'digest/otherAgencies': [[3]],
  'digest/footer': [[['NS17']], [['NS17', 'NS17-ON']]],
  'digest/smallNumbersNote': HIDDEN.map((h) => ['NS17', 5, h]),
  'digest/previewNote': HIDDEN.map((h) => ['†', 5, h]),
  'digest/fallback': [['NS17', '2017-10-12', FALLBACK]],
  'digest/noChannel': [['NS17']],
  'digest/posting': [['NS17']],
  'digest/posted': [['NS17', 'C0DIGEST']],
  'digest/postFailed': [
    ['NS17', 'not_in_channel'],
    ['NS17', 'ratelimited'],
  ],
  'digest/outcomeUnknown': [['NS17', '2017-10-12', 'C0DIGEST']],
  'cli/migrated': [
    ['data/liaison.db', 1],
    ['data/liaison.db', 12],
  ],
  'cli/unknownOperation': [['ns17']],
  'cli/digestText': DIGESTS.map((d) => [d]),
  'cli/backedUp': [
    ['backup.db', 'sqlite'],
    ['backup.dump', 'pg'],
  ],
  'cli/backupBroken': [['backup.db', 'page 4 malformée']],
  'cli/backupFailed': [['backup.db', 'EACCES']],
  'cli/auditOk': [[1], [1200]],
  'cli/auditBroken': [[12, 'empreinte inattendue']],
  'home/whoYouAre': [
    ['coordinator', 'SPVM', 'Service de police de la Ville de Montréal'],
    ['officer', 'SPVM', null],
    ['admin', null, null],
  ],
  'home/operationLine': [
    [{ code: 'NS17', name: 'Northern Spotlight', startDate: '2017-10-10', endDate: '2017-10-16', closed: false, engaged: 1200, accepted: 1, pendingReferrals: 0, chargedPeople: 2 }],
    [{ code: 'NS17', name: 'Northern Spotlight', startDate: '2017-10-10', endDate: '2017-10-16', closed: true, engaged: 0, accepted: 0, pendingReferrals: 0, chargedPeople: 0 }],
  ],
  'home/referralLine': REFERRALS.map((r) => [r]),
  'home/yourReferralLine': REFERRALS.map((r) => [r]),
  'home/engagementLine': [[ENGAGEMENT], [{ ...ENGAGEMENT, area: null, ageBand: '45plus' }]],
  'install/done': [['Opération Nord'], ['']],
  'dataGuard/refused': [
    ['note', 'phone'],
    ['area', 'street_address'],
    ['reason', 'personal_name'],
  ],
  'dataGuard/tooLong': [
    ['note', 500],
    ['area', 60],
  ],
  'dataGuard/listed': [
    ['`note=`', 'too_long', 500],
    ['`area=`', 'email', 60],
  ],
  'forbidden/help': [[]],
  'forbidden/agency.add': [[]],
  'forbidden/read': [[]],
  'forbidden/agency.member': [own],
  'forbidden/op.create': [own],
  'forbidden/op.close': [own],
  'forbidden/op.join': [own],
  'forbidden/op.invite': [own],
  'forbidden/record': [own],
  'forbidden/referral.act': [own],
  'forbidden/referral.withdraw': [own],
  'forbidden/digest': [own],
  'parse/unknownSubcommand': [['/agency', 'ajouter', '*/agency* — organismes partenaires']],
  'parse/repeatedKey': [['age']],
  'parse/unexpected': [['bonjour']],
  'parse/unknownKey': [['couleur']],
  'parse/missing': [['`age=`']],
  'parse/badValue': [['`age=`', 'doit être under18 ou 18-24']],
  ...Object.fromEntries(
    ['yesNo', 'code', 'count', 'channel', 'person', 'team', 'date', 'timeZone', 'clockTime', 'hideBelow', 'languageCode', 'dateTime', 'realDateTime', 'engagementRef', 'referralRef', 'onlyPost'].map((k) => [`parse/reasons/${k}`, [[]]]),
  ),
  'parse/reasons/oneOf': [['under18, 18-24']],
  'parse/reasons/listOf': [['shelter, medical']],
  'parse/reasons/listAtLeastOne': [['shelter, medical']],
  'parse/reasons/atLeastCharacters': [['2']],
  'parse/reasons/atMostCharacters': [['80']],
  'parse/notOneLine': [['`<name>`']],
  'parse/problems': [[['il manque `age=`', 'clé inconnue'], '*/engage* — consigner']],
  'errors/rateLimited': [[30]],
};

/**
 * Leaves whose French is, rightly, the English text: the same word in both languages, or a name.
 * Any other leaf equal to its English one is a string left untranslated.
 */
const SAME_AS_ENGLISH: Record<string, string> = {
  'common/ok': '« OK » is ordinary Canadian French for an acknowledgement button (OQLF)',
  'labels/need/immigration': 'the same word in French',
  'agency/membersSet': 'markup only: a bullet before each line, the lines themselves come from memberSet',
  'engage/modal/note': 'the same word in French (« Note »)',
  'referral/referModal/note': 'the same word in French (« Note »)',
  'home/title': 'the product’s name',
};

/** Every text fr produces: its strings, and each function's result for each sample. */
function outputs(tree: Tree): Array<{ path: string; text: unknown }> {
  return leaves(tree).flatMap(([path, leaf]) =>
    typeof leaf === 'string' ? [{ path, text: leaf }] : (SAMPLES[path] ?? []).map((args) => ({ path, text: (leaf as (...a: unknown[]) => unknown)(...args) })),
  );
}
const FR = outputs(fr as unknown as Tree);

/** What is French prose in a text: not code spans, Slack's tokens (`<@U…>`, `<#C…>`, `<!date^…>`) or emoji codes. */
const prose = (text: string) =>
  text
    .replace(/`[^`]*`/g, 'CODE')
    .replace(/<[@#!][^<>]*>/g, 'SLACK')
    .replace(/:[a-z0-9_+-]+:/g, 'EMOJI');

describe('the French catalogue', () => {
  it('has sample arguments for every function, and no sample for a key that is not one', () => {
    const functions = leaves(fr as unknown as Tree)
      .filter(([, leaf]) => typeof leaf === 'function')
      .map(([path]) => path);
    expect(functions.filter((p) => !(p in SAMPLES))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((p) => !functions.includes(p))).toEqual([]);
  });

  it('has exactly the English keys', () => {
    expect(leaves(fr as unknown as Tree).map(([p]) => p)).toEqual(leaves(en as unknown as Tree).map(([p]) => p));
  });

  it('gives a non-empty string for every leaf and every sample', () => {
    for (const { path, text } of FR) {
      expect(typeof text, path).toBe('string');
      expect((text as string).trim().length, path).toBeGreaterThan(0);
    }
  });

  it('leaves no leaf in English, but for the listed exceptions', () => {
    const same: string[] = [];
    for (const [path, leaf] of leaves(fr as unknown as Tree)) {
      const english = at(en as unknown as Tree, path);
      if (typeof leaf === 'string') {
        if (leaf === english) same.push(path);
      } else {
        for (const args of SAMPLES[path] ?? []) {
          const call = (f: Leaf) => (f as (...a: unknown[]) => unknown)(...args);
          if (call(leaf) === call(english) && !same.includes(path)) same.push(path);
        }
      }
    }
    expect(same).toEqual(Object.keys(SAME_AS_ENGLISH));
  });

  it('sets French typography in every output', () => {
    const problems: string[] = [];
    for (const { path, text } of FR) {
      const p = prose(text as string);
      const found = (what: string, pattern: RegExp) => {
        const m = pattern.exec(p);
        if (m) problems.push(`${path}: ${what} at …${p.slice(Math.max(0, m.index - 20), m.index + 10)}…`);
      };
      found('an ASCII space before : ; ! ?', / [:;!?]/);
      found('a narrow space before :', /\u202F:/);
      found('a no-break space before ; ! ? (the narrow one is the choice)', /\u00A0[;!?]/);
      found('« without a no-break space after it', /«(?!\u00A0)/);
      found('» without a no-break space before it', /(?<!\u00A0)»/);
      found('straight double quotes', /"/);
      found('a space before . or ,', /[ \u00A0\u202F][.,](?!\.)/);
    }
    expect(problems).toEqual([]);
  });

  it('writes figures in sentences the fr-CA way', () => {
    expect(fr.cli.auditOk(1200)).toContain('1\u00A0200 lignes');
    expect(fr.digest.agenciesValue(46, 1, 1000)).toBe('46 (dont 1 service de police) · effectif\u00A0: 1\u00A0000');
    expect(fr.digest.title('NS17', '2017-10-12')).toBe('Sommaire NS17 · 12\u00A0oct.\u00A02017');
    expect(fr.referral.referModal.engagementOption(ENGAGEMENT)).toContain('12\u00A0oct. à 19\u00A0h\u00A040');
    expect(fr.op.created(operation())).toContain('à 8\u00A0h\u00A000');
  });

  it('keeps Slack’s date tokens, with a French fallback', () => {
    const text = fr.referral.card.status(REFERRALS[1]!);
    expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} à \{time\}\|13\u00A0oct\.\u00A02017 à 0\u00A0h\u00A040 UTC>/);
  });
});

describe('French plurals', () => {
  it('are singular for 0 and 1, plural from 2', () => {
    expect(plural(0, 'orientation')).toBe('0 orientation');
    expect(plural(1, 'personne')).toBe('1 personne');
    expect(plural(2, 'personne')).toBe('2 personnes');
    expect(plural(1000, 'personne accusée', 'personnes accusées')).toBe('1\u00A0000 personnes accusées');
    expect(pluralOf('0', 'infraction')).toBe('0 infraction');
    expect(pluralOf('1', 'infraction')).toBe('1 infraction');
    expect(pluralOf('<5', 'infraction')).toBe('<5 infractions');
    expect(pluralOf('1200', 'infraction')).toBe('1\u00A0200 infractions');
  });

  it('are used in sentences', () => {
    expect(fr.charge.logged('C-3', ['279.01'])).toContain('accusée de 1 infraction (');
    expect(fr.agency.list([{ ...agency, members: 0 }])).toContain('0 membre');
    expect(fr.digest.chargedValue('0', '1')).toBe('0 personne, 1 infraction');
  });
});

describe('the buttons', () => {
  it('say what the contract fixes', () => {
    expect(fr.referral.card.accept).toBe('Accepter');
    expect(fr.referral.card.decline).toBe('Refuser');
    expect(fr.referral.card.close).toBe('Clore');
    expect(fr.referral.card.withdraw).toBe('Retirer');
    expect(fr.engage.refer).toBe('Orienter');
    expect(fr.referral.referModal.submit).toBe('Orienter');
    expect(fr.referral.declineModal.submit).toBe('Refuser');
    expect(fr.referral.withdrawModal.submit).toBe('Retirer');
  });
});
