// fast-check arbitraries for the fuzzer: what people (and forgers) can put in a slash command, a
// button's payload or a modal's submission. Hostile on purpose: quotes and curly quotes, huge
// strings, control characters, lone surrogates, SQL metacharacters, Slack escapes, other agencies'
// references. Sentinel strings mark free text that must never reach a log line.
import fc from 'fast-check';
import type { TestUser } from '../helpers/harness.js';

export const SENTINEL_PREFIX = 'SENTINEL-';

export const NEEDS = ['shelter', 'medical', 'legal', 'immigration', 'counselling', 'addiction', 'financial', 'translation', 'other'] as const;
export const AGES = ['under18', '18-24', '25-34', '35-44', '45plus', 'unknown'] as const;
export const GENDERS = ['female', 'male', 'nonbinary', 'unknown'] as const;
export const URGENCIES = ['routine', 'urgent', 'immediate'] as const;
export const OUTCOMES = ['connected', 'could_not_contact', 'not_eligible', 'no_capacity', 'person_withdrew', 'referred_elsewhere', 'other'] as const;
export const OFFENCES = ['279.01', '279.011', '279.02', '279.03', '286.1', '286.2', '286.3', '286.4', 'other'] as const;

export const NASTY = [
  "'; DROP TABLE agencies; --",
  "Robert'); DROP TABLE referrals;--",
  '" OR 1=1 --',
  "' OR ''='",
  '%',
  '_%_',
  '\\',
  '\\"',
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31m',
  '\r\n',
  '\t',
  '\u202Eevil',
  '\uFEFF',
  '\u200B',
  '\uD800',
  '\uDFFF',
  'a\uDC00b',
  '\uD83D',
  '😀',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'ﷺ',
  '<@U0ADMIN|admin>',
  '<@U0ADMIN>',
  '<@W0ABC|x>',
  '<#C0WEFIGHTIN|wefight-intake>',
  '<#C0VSINTAKE>',
  '<#CXYZ|y>',
  '<!here>',
  '<!channel>',
  '<https://example.org|link>',
  '&lt;&gt;&amp;',
  '&amp;lt;',
  '“curly”',
  '”',
  '“',
  '«x»',
  '″',
  '\u00A0',
  '\u2003',
  '=',
  '==',
  '""',
  '"',
  'key=',
  '=value',
  'a=b=c',
  'E-1',
  'R-1',
  'C-1',
  'E-999999999',
  'E-9999999999',
  'E-0',
  'E--1',
  'e1',
  'E 1',
  'R-2',
  '1e9',
  'NaN',
  'Infinity',
  '-1',
  '0x10',
  '9007199254740993',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'toString',
  '{"referral":1}',
  '[]',
  '{}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  'help',
  '?',
] as const;

export const sentinel = fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((n) => `${SENTINEL_PREFIX}${n.toString(36)}-liaison`);

/** Free text with a sentinel in it: sometimes clean (stored), sometimes with data the guard refuses. */
export const sentinelText = fc
  .tuple(sentinel, fc.constantFrom('', ' call 519-555-0101', ' her name is Tina', ' email a@b.example', ' at 123 Main Street', ' prefers afternoon', ' 😀', '\u0000'))
  .map(([s, tail]) => `${s}${tail}`);

export const huge = fc
  .tuple(fc.integer({ min: 2_000, max: 20_000 }), fc.constantFrom('A', 'é', '😀', 'x ', "'", '"', '\\', '<@U0ADMIN> ', `${SENTINEL_PREFIX}huge `, '\u0000', '='))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

const randomText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
);

export const ref = (kind: 'E' | 'R' | 'C', maxId: () => number) =>
  fc.tuple(fc.integer({ min: 0, max: 1_000 }), fc.constantFrom('-', '', ' ', '--')).map(([n, sep]) => `${kind}${sep}${n % (maxId() + 3)}`);

export const CODES = ['WPS', 'CKPS', 'OPP', 'WEFIGHT', 'VS', 'ONS-WE', 'ONS-ON', 'wps', 'ons-we', 'Wefight', 'NOPE', 'A', 'X'.repeat(31), 'ONS-X'] as const;
export const USERS_AS_TEXT = ['<@U0FUZZ1|fuzz>', 'U0FUZZ2', 'W0FUZZ3', '<@U0FUZZ4>', 'u0fuzz5', 'U', '<@|x>', '@someone'] as const;
export const CHANNELS_AS_TEXT = ['<#C0NEWIN|new-intake>', 'C0NEWIN2', 'G0PRIV', '<#C0DIGEST|digest>', '#intake', 'C', 'c0lower'] as const;

/** Values that make sense for a key (so some commands succeed), by key. */
export const VALID: Record<string, readonly string[]> = {
  kind: ['police', 'advocacy', 'victim_services', 'health', 'government', 'other', 'POLICE', 'spy'],
  intake: CHANNELS_AS_TEXT,
  role: ['officer', 'intake', 'coordinator', 'admin', 'Officer', 'boss'],
  start: ['2017-10-09', '2017-10-10', '2017-02-30', '2017-13-01', '17-10-10', '2017-10-10T00:00'],
  end: ['2017-10-13', '2017-10-15', '2017-10-01', '9999-12-31'],
  lead: ['WPS', 'OPP', 'CKPS', 'WEFIGHT', 'NOPE'],
  parent: ['ONS-ON', 'ONS-WE', 'NOPE'],
  tz: ['America/Toronto', 'UTC', 'Europe/Paris', 'Mars/Olympus', 'america/toronto', 'EST'],
  digest: CHANNELS_AS_TEXT,
  digest_time: ['08:00', '23:59', '24:00', '8:00', '07:60'],
  officers: ['0', '1', '12', '999999', '1000000', '-1', '1.5', 'ten'],
  support_staff: ['0', '2', '999999', 'x'],
  victim_services: ['0', '3', '999999', '-0'],
  age: [...AGES, 'UNDER18', '17', 'adult'],
  gender: [...GENDERS, 'Female', 'other'],
  offered: ['yes', 'no', 'y', 'n', 'true', 'false', 'YES', 'maybe'],
  accepted: ['yes', 'no', 'y', 'n', 'true', 'false', 'maybe'],
  safety_ensured: ['yes', 'no', 'perhaps'],
  agency: ['WPS', 'CKPS', 'OPP', 'WEFIGHT', 'VS', 'NOPE', 'wps'],
  area: ['Windsor downtown', 'Chatham', 'West end', '123 Main Street', 'N9A 1A1', 'x'.repeat(61)],
  language: ['en', 'fr', 'es', 'pt-BR', 'EN', 'english', 'zh-Hant-TW', '1'],
  at: ['2017-10-11T20:00', '2017-10-09T00:00', '2017-10-20T10:00', '2017-10-11T25:00', '2017-10-11 20:00', '2099-01-01T00:00'],
  note: ['prefers afternoon', 'call her at 519-555-0101', 'x'.repeat(501), 'DOB 1999-01-01'],
  to: ['WEFIGHT', 'VS', 'CKPS', 'WPS', 'NOPE', 'wefight'],
  needs: ['shelter', 'shelter,counselling', 'medical,legal,immigration', 'spa', '', ',', 'shelter,,shelter', NEEDS.join(',')],
  urgency: [...URGENCIES, 'URGENT', 'now'],
  consent: ['yes', 'no', 'y', 'maybe', ''],
  offences: ['279.01', '279.01,286.2', 'other', '999', '279.01,279.01', ''],
};

const quoteStyles = ['none', 'none', 'straight', 'straight', 'curly', 'open', 'guillemet', 'single'] as const;
function quote(value: string, style: (typeof quoteStyles)[number]): string {
  switch (style) {
    case 'none':
      return value;
    case 'straight':
      return `"${value}"`;
    case 'curly':
      return `“${value}”`;
    case 'open':
      return `"${value}`;
    case 'guillemet':
      return `«${value}»`;
    case 'single':
      return `'${value}'`;
  }
}

const space = fc.constantFrom(' ', ' ', ' ', ' ', '  ', '\t', '\n', '\u00A0', '\u2003', '\u3000');

const COMMAND_KEYS: Record<string, readonly string[]> = {
  '/agency': ['kind', 'intake', 'role'],
  '/op': ['start', 'end', 'lead', 'parent', 'tz', 'digest', 'digest_time', 'officers', 'support_staff', 'victim_services'],
  '/engage': ['age', 'gender', 'offered', 'accepted', 'safety_ensured', 'agency', 'area', 'language', 'at', 'note'],
  '/refer': ['to', 'needs', 'urgency', 'consent', 'note'],
  '/charge': ['offences', 'agency', 'note'],
  '/digest': [],
};
const STRANGE_KEYS = ['foo', 'NOTE', 'Age', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a_b', '_', 'x'.repeat(300), 'valueOf'];

export function valueArb(key: string | null, maxIds: { e: () => number; r: () => number }): fc.Arbitrary<string> {
  // Object.hasOwn: keys such as `constructor` are generated too, and must not find Object.prototype's.
  const valid = key && Object.hasOwn(VALID, key) ? fc.constantFrom(...VALID[key]!) : fc.constantFrom(...CODES);
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: sentinelText },
    { weight: 2, arbitrary: randomText },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: ref('E', maxIds.e) },
    { weight: 1, arbitrary: ref('R', maxIds.r) },
    { weight: 1, arbitrary: fc.constantFrom(...USERS_AS_TEXT, ...CHANNELS_AS_TEXT) },
  );
}

function optionArb(command: string, maxIds: { e: () => number; r: () => number }): fc.Arbitrary<string> {
  const keys = COMMAND_KEYS[command]!;
  const key = fc.oneof({ weight: 6, arbitrary: keys.length ? fc.constantFrom(...keys) : fc.constantFrom(...STRANGE_KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...STRANGE_KEYS) });
  return key.chain((k) =>
    fc.tuple(valueArb(k, maxIds), fc.constantFrom(...quoteStyles)).map(([v, q]) => `${k}=${quote(v, q === 'none' && /\s/.test(v) ? 'straight' : q)}`),
  );
}

const positional = (maxIds: { e: () => number; r: () => number }) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...CODES) },
    { weight: 2, arbitrary: fc.constantFrom('"Windsor Police Service"', '“Curly Name Agency”', '"A"', `"${'N'.repeat(81)}"`, '"Ünïcødé Äğency"', '"\'; DROP TABLE agencies; --"') },
    { weight: 2, arbitrary: fc.constantFrom(...USERS_AS_TEXT) },
    { weight: 2, arbitrary: ref('E', maxIds.e) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 1, arbitrary: sentinelText.map((s) => `"${s}"`) },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: randomText },
  );

const SUBCOMMANDS: Record<string, readonly string[]> = {
  '/agency': ['add', 'list', 'show', 'member', 'ADD', 'Member', 'remove', 'help', '?', ''],
  '/op': ['create', 'join', 'list', 'show', 'close', 'CREATE', 'delete', 'help', ''],
  '/engage': ['ONS-WE', 'ons-we', 'ONS-ON', 'ONS-X', 'NOPE', 'help', ''],
  '/refer': ['help', ''],
  '/charge': ['ONS-WE', 'ONS-ON', 'NOPE', 'help', ''],
  '/digest': ['ONS-WE', 'ONS-ON', 'ons-we', 'NOPE', 'help', ''],
};

/** A structured but hostile command text: a subcommand, positionals and key=value options. */
function structuredText(command: string, maxIds: { e: () => number; r: () => number }): fc.Arbitrary<string> {
  const first = command === '/refer' ? fc.oneof(ref('E', maxIds.e), fc.constantFrom(...SUBCOMMANDS[command]!)) : fc.constantFrom(...SUBCOMMANDS[command]!);
  return fc
    .tuple(
      first,
      fc.array(positional(maxIds), { maxLength: 3 }),
      fc.array(optionArb(command, maxIds), { maxLength: 9 }),
      fc.array(space, { minLength: 12, maxLength: 12 }),
      command === '/digest' ? fc.constantFrom('', 'post', 'POST', 'post now') : fc.constant(''),
    )
    .map(([sub, positionals, options, spaces, tail]) => {
      const tokens = [sub, ...positionals, ...options, tail].filter((t) => t !== '');
      return tokens.map((t, i) => `${t}${spaces[i % spaces.length]}`).join('');
    });
}

/** Commands that are valid or nearly so, so the fuzz also walks the paths that store things. */
export function templateText(command: string, maxIds: { e: () => number; r: () => number }): fc.Arbitrary<string> {
  const pickFrom = (values: readonly string[]) => fc.constantFrom(...values);
  const optional = (key: string, values: fc.Arbitrary<string>) =>
    fc.option(values.map((v) => ` ${key}="${v.replace(/"/g, '')}"`), { nil: '' });
  switch (command) {
    case '/engage':
      return fc
        .tuple(
          pickFrom(['ONS-WE', 'ONS-WE', 'ons-we', 'ONS-ON']),
          pickFrom(AGES),
          pickFrom(GENDERS),
          fc.boolean(),
          fc.boolean(),
          optional('agency', pickFrom(['WPS', 'CKPS', 'WEFIGHT'])),
          optional('area', fc.oneof(pickFrom(VALID.area!), sentinelText)),
          optional('language', pickFrom(['en', 'fr', 'es'])),
          optional('at', pickFrom(VALID.at!)),
          optional('note', fc.oneof(pickFrom(VALID.note!), sentinelText, huge)),
          optional('safety_ensured', pickFrom(['yes', 'no'])),
        )
        .map(
          ([op, age, gender, offered, accepted, agency, area, language, at, note, safety]) =>
            `${op} age=${age} gender=${gender} offered=${offered || accepted ? 'yes' : 'no'} accepted=${accepted ? 'yes' : 'no'}${agency}${area}${language}${at}${note}${safety}`,
        );
    case '/refer':
      return fc
        .tuple(
          ref('E', maxIds.e),
          pickFrom(['WEFIGHT', 'WEFIGHT', 'VS', 'CKPS', 'NOPE']),
          fc.subarray([...NEEDS], { minLength: 1 }),
          pickFrom(URGENCIES),
          pickFrom(['yes', 'yes', 'yes', 'no']),
          optional('note', fc.oneof(pickFrom(VALID.note!), sentinelText)),
        )
        .map(([e, to, needs, urgency, consent, note]) => `${e} to=${to} needs=${needs.join(',')} urgency=${urgency} consent=${consent}${note}`);
    case '/charge':
      return fc
        .tuple(pickFrom(['ONS-WE', 'ONS-ON']), fc.subarray([...OFFENCES], { minLength: 1 }), optional('agency', pickFrom(['WPS', 'CKPS'])), optional('note', sentinelText))
        .map(([op, offences, agency, note]) => `${op} offences=${offences.join(',')}${agency}${note}`);
    case '/agency':
      return fc.oneof(
        fc
          .tuple(fc.stringMatching(/^[A-Z][A-Z0-9-]{1,8}$/), pickFrom(VALID.kind!), fc.option(pickFrom(CHANNELS_AS_TEXT), { nil: undefined }))
          .map(([code, kind, intake]) => `add ${code} "Agency ${code}" kind=${kind}${intake ? ` intake=${intake}` : ''}`),
        fc.tuple(pickFrom(USERS_AS_TEXT), pickFrom(['WPS', 'CKPS', 'WEFIGHT', 'VS', 'OPP']), pickFrom(VALID.role!)).map(([u, code, role]) => `member ${u} ${code} role=${role}`),
        pickFrom(['list', 'show WPS', 'show wefight', 'show NOPE']),
      );
    case '/op':
      return fc.oneof(
        fc
          .tuple(fc.stringMatching(/^OP-[A-Z0-9]{1,6}$/), pickFrom(VALID.lead!), pickFrom(['', ' parent=ONS-ON', ' parent=ONS-WE']), pickFrom(['', ' tz=UTC', ' tz=Mars/Olympus']))
          .map(([code, lead, parent, tz]) => `create ${code} "Op ${code}" start=2017-10-10 end=2017-10-12 lead=${lead}${parent}${tz}`),
        fc.tuple(pickFrom(['ONS-WE', 'ONS-ON', 'ONS-X']), pickFrom(['WPS', 'CKPS', 'WEFIGHT', 'VS', 'OPP']), pickFrom(VALID.officers!)).map(([op, a, n]) => `join ${op} ${a} officers=${n}`),
        pickFrom(['list', 'show ONS-WE', 'show ons-on', 'close ONS-X', 'show NOPE']),
      );
    default:
      return fc.constantFrom('ONS-WE', 'ONS-ON', 'ONS-WE post', 'ons-on post', 'NOPE', 'ONS-WE preview');
  }
}

export function commandTextArb(command: string, maxIds: { e: () => number; r: () => number }): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: templateText(command, maxIds) },
    { weight: 5, arbitrary: structuredText(command, maxIds) },
    { weight: 1, arbitrary: randomText },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' ')) },
    { weight: 1, arbitrary: huge },
  );
}

export const COMMAND_NAMES = ['/agency', '/op', '/engage', '/refer', '/charge', '/digest'] as const;

/** The cast's people: their IDs must not be re-registered by the fuzz, or the world drifts away. */
export function keepWorldStable(command: string, text: string, castIds: readonly string[]): string {
  let out = text;
  if (command === '/agency' && /member/i.test(out)) for (const id of castIds) out = out.split(id).join('U0FUZZ9');
  if (command === '/op' && /close/i.test(out)) out = out.replace(/ons-(we|on)/gi, 'ONS-X');
  return out;
}

/** People a well-formed command of this kind is meant for, so that template commands often succeed. */
export function fittingUserArb(command: string, cast: Record<string, TestUser>): fc.Arbitrary<TestUser> {
  switch (command) {
    case '/engage':
    case '/refer':
    case '/charge':
      return fc.constantFrom(cast.wpsOfficer!, cast.ckpsOfficer!, cast.wpsOfficer!, cast.wpsCoordinator!, cast.admin!);
    case '/agency':
      return fc.constantFrom(cast.admin!, cast.wpsCoordinator!, cast.wefightCoordinator!);
    case '/op':
      return fc.constantFrom(cast.admin!, cast.wpsCoordinator!, cast.ckpsCoordinator!);
    default:
      return fc.constantFrom(cast.admin!, cast.wpsCoordinator!, cast.wefightCoordinator!, cast.wpsOfficer!);
  }
}

/** A command, its text and who types it: a third well-formed from the right person, the rest anything from anyone. */
export function commandCaseArb(cast: Record<string, TestUser>, maxIds: { e: () => number; r: () => number }) {
  return fc.constantFrom(...COMMAND_NAMES).chain((command) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.record({ command: fc.constant(command), user: fittingUserArb(command, cast), text: templateText(command, maxIds) }) },
      { weight: 2, arbitrary: fc.record({ command: fc.constant(command), user: userArb(cast), text: commandTextArb(command, maxIds) }) },
    ),
  );
}

/** The cast, as weighted choices. */
export function userArb(cast: Record<string, TestUser>): fc.Arbitrary<TestUser> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(cast.admin!) },
    { weight: 3, arbitrary: fc.constantFrom(cast.wpsOfficer!, cast.ckpsOfficer!) },
    { weight: 2, arbitrary: fc.constantFrom(cast.wpsCoordinator!, cast.ckpsCoordinator!, cast.wefightCoordinator!) },
    { weight: 2, arbitrary: fc.constantFrom(cast.intakeWorker!, cast.vsIntake!) },
    { weight: 1, arbitrary: fc.constant(cast.stranger!) },
  );
}

/** A button's `value`: well-formed for real and other agencies' referrals, forged, or of the wrong type. */
export function buttonValueArb(maxReferral: () => number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 1, max: 10_000 }).map((n) => JSON.stringify({ referral: (n % (maxReferral() + 2)) + 1 })) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '{"referral":"1"}',
        '{"referral":1.5}',
        '{"referral":-1}',
        '{"referral":0}',
        '{"referral":1e308}',
        '{"referral":9007199254740993}',
        '{"referral":null}',
        '{"referral":[1]}',
        '{"referral":{"id":1}}',
        '{"referral":1,"extra":"x","__proto__":{"admin":true}}',
        '{"__proto__":{"referral":1}}',
        '{"constructor":{"prototype":{"referral":1}}}',
        '{"Referral":1}',
        '"1"',
        '1',
        'null',
        '',
        'not json',
        '{"referral":1',
        `{"referral":1,"pad":"${'x'.repeat(3000)}"}`,
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(7, 1, null, true, { referral: 1 }, [1], -5) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.oneof(randomText, sentinelText, fc.constantFrom(...NASTY)) },
  );
}

export const KNOWN_ACTIONS = ['referral_accept', 'referral_decline', 'referral_close'] as const;
/** Action IDs no listener takes: Bolt answers them only after its 3 s timeout. */
export const UNKNOWN_ACTIONS = ['referral_accept ', 'REFERRAL_ACCEPT', 'referral_acceptx', 'unknown_action', '', 'referral_*', '.*', 'referral_accept\u0000'] as const;

export const ENVELOPES = ['plain', 'plain', 'plain', 'plain', 'plain', 'plain', 'home', 'home', 'no-container', 'enterprise', 'team-missing', 'extra-actions'] as const;
export type Envelope = (typeof ENVELOPES)[number];

/** Element states for a modal field: the right shape, a wrong one, or junk. */
export function elementArb(kind: 'select' | 'radio' | 'multi' | 'checkbox' | 'text', good: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const right = (() => {
    switch (kind) {
      case 'select':
        return good.map((v) => ({ type: 'static_select', selected_option: { value: v } }));
      case 'radio':
        return good.map((v) => ({ type: 'radio_buttons', selected_option: { value: v } }));
      case 'multi':
        return fc.array(good, { minLength: 0, maxLength: 4 }).map((vs) => ({ type: 'multi_static_select', selected_options: vs.map((v) => ({ value: v })) }));
      case 'checkbox':
        return fc.array(good, { minLength: 0, maxLength: 2 }).map((vs) => ({ type: 'checkboxes', selected_options: vs.map((v) => ({ value: v })) }));
      case 'text':
        return fc.option(good, { nil: null }).map((v) => ({ type: 'plain_text_input', value: v }));
    }
  })();
  const junkValue = fc.oneof(fc.constantFrom(...NASTY), sentinelText, huge, randomText);
  const wrong = fc.oneof(
    junkValue.map((v) => ({ type: 'static_select', selected_option: { value: v } })),
    junkValue.map((v) => ({ type: 'plain_text_input', value: v })),
    fc.constantFrom<unknown>(
      { selected_option: 'shelter' },
      { selected_option: { value: 7 } },
      { selected_option: null },
      { selected_options: { value: 'yes' } },
      { selected_options: [{ value: 'yes' }, 7] },
      { selected_options: Array.from({ length: 60 }, () => ({ value: 'yes' })) },
      { value: 42 },
      { value: ['a'] },
      { value: { toString: 'x' } },
      { selected_date: '2017-10-11' },
      { selected_time: '25:99' },
      {},
      null,
      'yes',
      7,
      [],
    ),
  );
  return fc.oneof({ weight: 6, arbitrary: right }, { weight: 2, arbitrary: wrong });
}

/** A modal's `state.values` from field specs: each field present (under its own block and action ID), misplaced, or missing. */
export function stateArb(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const entries = Object.entries(fields).map(([id, element]) =>
    fc
      .tuple(fc.constantFrom('own', 'own', 'own', 'own', 'own', 'missing', 'wrong-action', 'wrong-block'), element)
      .map(([placement, value]) => ({ id, placement, value })),
  );
  const structured = fc.tuple(...entries).map((list) => {
    const values: Record<string, Record<string, unknown>> = {};
    for (const { id, placement, value } of list) {
      if (placement === 'missing') continue;
      const block = placement === 'wrong-block' ? `${id}_x` : id;
      const action = placement === 'wrong-action' ? 'x' : id;
      values[block] = { ...(values[block] ?? {}), [action]: value };
    }
    return values;
  });
  return fc.oneof(
    { weight: 12, arbitrary: structured },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'values', 7, [], { a: null }, { a: { b: 'c' } }, { [`${'k'.repeat(300)}`]: {} }) },
  );
}
