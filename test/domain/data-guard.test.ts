// The free-text guard: what officers type into notes, areas, referral notes and decline reasons.
// Every refused text names the exact kind found; every passing text is realistic operation wording
// that must not raise a false alarm. The rows live in data-guard.cases.ts; the figures over them are
// printed, so a change that trades recall for false alarms shows in the log as well as in the rows.
import { describe, expect, it } from 'vitest';
import { findPersonalData, foldText, PERSONAL_DATA_KINDS, type PersonalDataKind } from '../../src/domain/data-guard.js';
import { KNOWN_NAME_CASES, KNOWN_NAMES, type Lang, PASSING, REFUSED, type Rows } from './data-guard.cases.js';

const LANGS: readonly Lang[] = ['en', 'fr'];
const rowsOf = <K extends string>(table: Readonly<Record<K, Rows>>) =>
  (Object.entries(table) as Array<[K, Rows]>).flatMap(([group, rows]) => LANGS.flatMap((lang) => rows[lang].map((text) => ({ text, group, lang }))));
const refused = rowsOf(REFUSED);
const passing = rowsOf(PASSING);

/** "a/b" over the rows kept by `keep`, where `ok` says a row came out right. */
function figure<R>(rows: readonly R[], ok: (row: R) => boolean, keep: (row: R) => boolean = () => true): string {
  const kept = rows.filter(keep);
  return `${kept.filter(ok).length}/${kept.length}`;
}

describe('findPersonalData', () => {
  it('has at least 250 refused and 250 passing texts in both languages, covering every kind, and reports its figures', () => {
    const refusedOk = (r: (typeof refused)[number]) => findPersonalData(r.text) === r.group;
    const passingOk = (r: (typeof passing)[number]) => findPersonalData(r.text) === null;
    const byKind = Object.fromEntries(PERSONAL_DATA_KINDS.map((kind) => [kind, figure(refused, refusedOk, (r) => r.group === kind)]));
    const byLang = LANGS.map((lang) => `${lang.toUpperCase()} ${figure(refused, refusedOk, (r) => r.lang === lang)} refused, ${figure(passing, passingOk, (r) => r.lang === lang)} passed`);
    console.log(`data guard: ${figure(refused, refusedOk)} refused, ${figure(passing, passingOk)} passed (${byLang.join('; ')}) by kind ${JSON.stringify(byKind)}`);

    expect(refused.length).toBeGreaterThanOrEqual(250);
    expect(passing.length).toBeGreaterThanOrEqual(250);
    for (const lang of LANGS) {
      expect(refused.filter((r) => r.lang === lang).length).toBeGreaterThanOrEqual(60);
      expect(passing.filter((r) => r.lang === lang).length).toBeGreaterThanOrEqual(60);
    }
    expect(new Set(refused.map((r) => r.group))).toEqual(new Set(PERSONAL_DATA_KINDS));
  });

  it.each(refused)('refuses $text as $group ($lang)', ({ text, group }) => {
    expect(findPersonalData(text)).toBe(group satisfies PersonalDataKind);
  });

  it.each(passing)('passes $text ($group, $lang)', ({ text }) => {
    expect(findPersonalData(text)).toBeNull();
  });

  it('is case-insensitive for shapes and keywords', () => {
    expect(findPersonalData('BORN 1999-04-02')).toBe('date_of_birth');
    expect(findPersonalData('HER NAME IS JANE')).toBe('personal_name');
    expect(findPersonalData('JANE.DOE@GMAIL.COM')).toBe('email');
    expect(findPersonalData('PLAQUE 123 ABC')).toBe('licence_plate');
  });

  it('finds personal data inside a longer note, and reports the most specific rule first', () => {
    expect(findPersonalData('accepted shelter info; her name is Jane, follow up tomorrow')).toBe('personal_name');
    expect(findPersonalData('email jane.doe@gmail.com or @janey')).toBe('email');
    expect(findPersonalData('DOB 04/02/1999, operation 2017-10-12')).toBe('date_of_birth');
    expect(findPersonalData('status card 5195550134')).toBe('government_id');
  });

  it('sees through invisible characters and full-width digits', () => {
    expect(findPersonalData('519\u200B-555-0134')).toBe('phone');
    expect(findPersonalData('５１９-５５５-０１３４')).toBe('phone');
  });

  // The cost of these is measured in the bench notes, not asserted here: a timed test fails on a
  // loaded machine for reasons that are not the guard's.
  it.each([
    ['1'.repeat(500), null],
    ['1 '.repeat(250), 'phone'],
    ['1-'.repeat(250), 'phone'],
    ['12 '.repeat(166), null],
    ['a'.repeat(500), null],
    ['a '.repeat(250), null],
    ['@'.repeat(500), null],
    ['a.'.repeat(250), null],
    ['name is '.repeat(62), null],
    ['1a1 '.repeat(125), null],
    ['<'.repeat(250) + '>'.repeat(250), null],
    ['&amp;'.repeat(100), null],
  ] as const)('answers on 500 adversarial characters (%#)', (text, kind) => {
    expect(findPersonalData(text.slice(0, 500))).toBe(kind);
  });

  it('passes empty and whitespace-only text', () => {
    expect(findPersonalData('')).toBeNull();
    expect(findPersonalData('   ')).toBeNull();
    expect(findPersonalData('\u200B\u200E\uFEFF')).toBeNull();
  });
});

describe('knownNames', () => {
  it.each(KNOWN_NAME_CASES)('passes %j only as a registered name (without: %s)', (text, without) => {
    expect(findPersonalData(text)).toBe(without);
    expect(findPersonalData(text, { knownNames: KNOWN_NAMES })).toBeNull();
  });

  it('never makes a person’s name, or other data, pass', () => {
    expect(findPersonalData('known as Ashley, referred to Hiatus House', { knownNames: KNOWN_NAMES })).toBe('personal_name');
    expect(findPersonalData('WEFiGHT intake: call her at 519-555-0134', { knownNames: KNOWN_NAMES })).toBe('phone');
  });

  it('gives the same answers when the same list object is passed again, and reads a new list', () => {
    const names = ['Rose Haven'];
    expect(findPersonalData('called Rose Haven for a bed', { knownNames: names })).toBeNull();
    expect(findPersonalData('called Rose Haven for a bed', { knownNames: names })).toBeNull();
    expect(findPersonalData('called Rose Haven for a bed', { knownNames: new Set(['WEFiGHT']) })).toBe('personal_name');
    expect(findPersonalData('called Rose Haven for a bed', { knownNames: [] })).toBe('personal_name');
  });
});

describe('foldText', () => {
  it('drops Slack mentions of officers and channels but reads links, mailto: and tel:', () => {
    expect(foldText('see <@U024BE7LH> in <#C0INTAKE|wefight-intake>')).toBe('see in');
    expect(foldText('<mailto:jane@example.org|her email>')).toBe('mailto jane@example.org her email');
    expect(foldText('<tel:+15195550134|call>')).toBe('tel +15195550134 call');
    expect(foldText('&lt;!here&gt; &amp;lt;b&amp;gt;')).toBe('<!here> <b>');
  });

  it('makes digits ASCII, dashes plain, look-alikes Latin, and removes format characters and accents', () => {
    expect(foldText('٥١٩–٥٥٥−٠١٣٤')).toBe('519-555-0134');
    expect(foldText('5l9-555-Ol34')).toBe('519-555-0134');
    expect(foldText('nаme\u200E is Jéss')).toBe('name is Jess');
    expect(foldText('d.o.b. 2/4/99')).toBe('dob 2/4/99');
    expect(foldText('five one nine, 555')).toBe('5 1 9 555');
  });

  it('leaves ordinary words alone', () => {
    expect(foldText('10 oz, lol, I am OK, 2 boys')).toBe('10 oz, lol, I am OK, 2 boys');
  });
});
