// The free-text guard: what officers type into notes, areas, referral notes and decline reasons.
// Every refused text names the exact kind found; every passing text is realistic operation wording
// that must not raise a false alarm (section numbers, times, operation dates, highways, counts,
// coarse areas, references, agency codes, "called back" / "called the shelter").
import { describe, expect, it } from 'vitest';
import { findPersonalData, PERSONAL_DATA_KINDS, type PersonalDataKind } from '../../src/domain/data-guard.js';

// --- tables: refuse ---
const REFUSE: ReadonlyArray<readonly [string, PersonalDataKind]> = [
  // phone
  ['call her at 519-555-0134', 'phone'],
  ['(519) 555-0134', 'phone'],
  ['519.555.0134', 'phone'],
  ['her cell 519 555 0134, texts only', 'phone'],
  ['+1 519 555 0134', 'phone'],
  ['1-519-555-0134', 'phone'],
  ['+15195550134', 'phone'],
  ['reach at 5195550134 after 6pm', 'phone'],
  ['her number is +44 20 7946 0958', 'phone'],
  ['numéro +33 6 12 34 56 78', 'phone'],
  ['011 44 20 7946 0958', 'phone'],
  ['5 1 9 5 5 5 0 1 3 4', 'phone'],
  ['06 12 34 56 78', 'phone'],
  ['five one nine five five five zero one three four', 'phone'],
  ['cinq un neuf cinq cinq cinq zéro un', 'phone'],
  ['local number 555-0134', 'phone'],
  ['text her: 555 0134', 'phone'],
  ['tel. (226)555-0199', 'phone'],
  ['numéro de téléphone 519 555-0134', 'phone'],
  // email
  ['jane.doe@gmail.com', 'email'],
  ['email: JANE_D99@Hotmail.CA', 'email'],
  ['reach her at jane at gmail dot com', 'email'],
  ['jane(at)yahoo(dot)ca', 'email'],
  ['jane [at] outlook [dot] com', 'email'],
  ['j.doe @ gmail . com', 'email'],
  ['courriel : marie.t@videotron.ca', 'email'],
  ['<mailto:jane@example.org|jane@example.org>', 'email'],
  ['contact is jane99 at hotmail', 'email'],
  // street_address
  ['123 Main St', 'street_address'],
  ['lives at 3120 Dougall Ave', 'street_address'],
  ['staying at 4110 Tecumseh Rd E with a friend', 'street_address'],
  ['2-450 Wyandotte Street East', 'street_address'],
  ['1 Martin Luther King Blvd', 'street_address'],
  ['55 riverside dr w', 'street_address'],
  ['45 rue Ouellette', 'street_address'],
  ['1200 boul. Saint-Laurent', 'street_address'],
  ['1200 boulevard Saint-Laurent, Montréal', 'street_address'],
  ['12 chemin des Pins', 'street_address'],
  ['77, avenue du Parc', 'street_address'],
  ['apt 4', 'street_address'],
  ['Unit 12 in the back building', 'street_address'],
  ['she stays in apt. 4B', 'street_address'],
  ['suite 300', 'street_address'],
  ['appartement 12, au 2e étage', 'street_address'],
  ['motel room 214', 'street_address'],
  ['PO Box 123', 'street_address'],
  // postal_code
  ['N9A 6T3', 'postal_code'],
  ['n9a6t3', 'postal_code'],
  ['Windsor, ON N8X-1K5', 'postal_code'],
  ['code postal H2X 1Y4', 'postal_code'],
  ['postal code: K1A 0B1', 'postal_code'],
  // date_of_birth
  ['born 1999-04-02', 'date_of_birth'],
  ['DOB 04/02/1999', 'date_of_birth'],
  ['d.o.b. 2/4/99', 'date_of_birth'],
  ['date of birth: April 2, 1999', 'date_of_birth'],
  ['birthday is April 2', 'date_of_birth'],
  ['her bday is 2 April', 'date_of_birth'],
  ['says she was born in 2007', 'date_of_birth'],
  ['born on the 2nd of April', 'date_of_birth'],
  ['born 19 years ago', 'date_of_birth'],
  ['turns 18 on May 3', 'date_of_birth'],
  ['née le 2 avril 1999', 'date_of_birth'],
  ['né en 2005', 'date_of_birth'],
  ['date de naissance : 02/04/1999', 'date_of_birth'],
  ['DDN 1999-04-02', 'date_of_birth'],
  ['birthdate 1999/04/02', 'date_of_birth'],
  ['b-day 4/2', 'date_of_birth'],
  ["DOB: Apr. 2nd '99", 'date_of_birth'],
  // government_id
  ['SIN 046 454 286', 'government_id'],
  ['SIN: 046-454-286', 'government_id'],
  ['NAS 123 456 789', 'government_id'],
  ['046454286', 'government_id'],
  ['passport AB123456', 'government_id'],
  ['passeport no. GA 123456', 'government_id'],
  ['GA123456', 'government_id'],
  ["driver's licence number: B5432-10987-65432", 'government_id'],
  ['A1234-56789-01234', 'government_id'],
  ['health card 1234-567-890', 'government_id'],
  ['OHIP 1234 567 890 AB', 'government_id'],
  ['1234567890', 'government_id'],
  ['carte RAMQ TREM 9901 0212', 'government_id'],
  ['status card 5195550134', 'government_id'],
  // social_handle
  ['@jane_doe99', 'social_handle'],
  ['insta @candy.x', 'social_handle'],
  ['instagram.com/jane.doe', 'social_handle'],
  ['https://www.facebook.com/jane.doe.77', 'social_handle'],
  ['tiktok.com/@janey', 'social_handle'],
  ['onlyfans.com/janey', 'social_handle'],
  ['ad at https://leolist.cc/personals/female-escorts/windsor/123', 'social_handle'],
  ['fb.me/jane', 'social_handle'],
  ['t.me/janey', 'social_handle'],
  ['linktr.ee/janey', 'social_handle'],
  ['IG: janey_x', 'social_handle'],
  ['snap: candygirl22', 'social_handle'],
  ['her snapchat is candy_22', 'social_handle'],
  ['tiktok handle: sweet.jen', 'social_handle'],
  // personal_name
  ['her name is Jane', 'personal_name'],
  ['name is jane', 'personal_name'],
  ["her name's Maria", 'personal_name'],
  ['Name: Jane Doe', 'personal_name'],
  ['real name: Jessica Smith', 'personal_name'],
  ['called Ashley', 'personal_name'],
  ['she is called Maria', 'personal_name'],
  ["she's called maria", 'personal_name'],
  ['was called Destiny by the others', 'personal_name'],
  ['a woman called ashley', 'personal_name'],
  ['a girl named jessica', 'personal_name'],
  ['named Jessica', 'personal_name'],
  ['goes by Candy', 'personal_name'],
  ['goes by the name of candy', 'personal_name'],
  ["known as 'Candy'", 'personal_name'],
  ['introduced herself as Tanya', 'personal_name'],
  ['calls herself Star', 'personal_name'],
  ['aka Bella', 'personal_name'],
  ["s'appelle Marie", 'personal_name'],
  ["elle s'appelle marie", 'personal_name'],
  ['elle se nomme Sophie', 'personal_name'],
  ['se fait appeler Candy', 'personal_name'],
  ['son nom est Julie', 'personal_name'],
  ['prénom : Julie', 'personal_name'],
  ['une fille appelée Chantal', 'personal_name'],
];

// --- tables: pass ---
const PASS: readonly string[] = [
  // Criminal Code sections
  '279.01',
  'charged under 279.011 and 286.1',
  'offences: 279.01(1), 279.02, 286.3(1)',
  's. 279.01 CC, 286.2(1), 212(1)(j)',
  // times
  'met at 10:30',
  'around 9pm',
  'vers 22h15 rue Ouellette',
  'vers 22 h 15 rue Ouellette',
  'hand-over at WPS HQ 15:30',
  '@ 10pm near the casino',
  // operation dates
  'operation 2017-10-12',
  'Oct 12',
  '12/10/2017 shift',
  '2017-10-10 to 2017-10-13',
  'Oct 10–13, five police services plus an advocacy group',
  'court date 2017-11-02',
  // highways
  'Hwy 401',
  'Highway 3 near Leamington',
  'QEW',
  '401 eastbound',
  'truck stop off Hwy 401 exit 48',
  'Hwy 3 at County Rd 20',
  '401/402 interchange',
  // counts
  '3 people',
  '2 of 13',
  'age 19-24 band',
  '13 engaged, 11 accepted',
  '3 under 18, CAS notified',
  '46 police services; 331 officers, support staff and victim-services staff',
  '198 people engaged; 12 people charged with 21 offences',
  '5 women, 2 men',
  'ages 17 19 22 24 25',
  '2 people on Ouellette Ave, 1 on Wyandotte St',
  '3 blocks from Ouellette Ave',
  '15 min walk to Dougall Ave',
  // coarse areas
  'Windsor downtown',
  'Chatham-Kent',
  'near the casino',
  'Ouellette Ave area',
  'Tecumseh Rd area',
  'between Ouellette and Goyeau',
  'motel strip on Huron Church Rd',
  'Leamington, near the port',
  'rue Ouellette, secteur centre-ville',
  'secteur centre-ville de Windsor',
  'Windsor-Essex',
  // references and agency codes
  'E-12',
  'R-3 referred to WEFIGHT',
  'C-7',
  'WPS',
  'OPP-ESSEX',
  'agency name: WEFIGHT',
  'operation name: Northern Spotlight',
  'shelter name: Hiatus House',
  // languages
  'Spanish',
  'French and English',
  'Tagalog interpreter needed',
  'agence : WEFIGHT, langue : français',
  // plain outreach notes
  'accepted shelter info, follow up tomorrow',
  'declined, seemed scared',
  'called back at 14:00',
  'called 911',
  'called the shelter',
  'Called the shelter at 9pm',
  'was called in',
  'officer was called in at 22:00',
  'was called to the scene by dispatch',
  'called back twice, no answer',
  'she called her worker',
  'I called WPS dispatch',
  'called Victim Services',
  'Sgt called Hiatus House at 14:00',
  'called CAS per child-protection protocol',
  'a girl called back later',
  'the so-called boyfriend drove her',
  'goes by bus to Detroit',
  'known as a regular at the truck stop',
  'named in the occurrence report',
  'elle a appelé le refuge',
  'a refusé, semblait avoir peur',
  // privacy-conscious wording that mentions a field without its value
  'no name given',
  'name withheld',
  'name: unknown',
  'declined to give her name',
  'DOB unknown',
  'birthday coming up, needs winter clothes',
  'born in Windsor',
  'passport held by boyfriend',
  'no ID on her',
  'SIN not provided',
  'health card: none',
  'licence plate partial, passed to WPS',
  'phone number not recorded',
  'IG: none',
  'her instagram is private',
  'recruited via Instagram',
  'ad on LeoList, no contact info kept',
  'met @ the casino',
  'interview room 2 at HQ',
  'room for 3 at the shelter',
  'K9 unit on scene',
  'follow up with <@U024BE7LH> tomorrow',
  'info sheet https://www.canada.ca/en/public-safety-canada/campaigns/human-trafficking.html',
  'needs: housing, medical, legal',
  'urgent: needs shelter tonight',
  'declined: outside our catchment (Chatham-Kent)',
  'reason: language not supported (Tigrinya)',
  '15 min call, follow up in 48h',
  'agency declined: no capacity until 2017-10-20',
];

describe('findPersonalData', () => {
  it('has at least 60 refused and 60 passing texts, covering every kind', () => {
    expect(REFUSE.length).toBeGreaterThanOrEqual(60);
    expect(PASS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(REFUSE.map(([, kind]) => kind))).toEqual(new Set(PERSONAL_DATA_KINDS));
  });

  it.each(REFUSE)('refuses %j as %s', (text, kind) => {
    expect(findPersonalData(text)).toBe(kind);
  });

  it.each(PASS)('passes %j', (text) => {
    expect(findPersonalData(text)).toBeNull();
  });

  it('is case-insensitive for shapes and keywords', () => {
    expect(findPersonalData('BORN 1999-04-02')).toBe('date_of_birth');
    expect(findPersonalData('HER NAME IS JANE')).toBe('personal_name');
    expect(findPersonalData('JANE.DOE@GMAIL.COM')).toBe('email');
  });

  it('finds personal data inside a longer note, and reports the most specific rule first', () => {
    expect(findPersonalData('accepted shelter info; her name is Jane, follow up tomorrow')).toBe('personal_name');
    expect(findPersonalData('email jane.doe@gmail.com or @janey')).toBe('email');
    expect(findPersonalData('DOB 04/02/1999, operation 2017-10-12')).toBe('date_of_birth');
  });

  it('sees through invisible characters and full-width digits', () => {
    expect(findPersonalData('519\u200B-555-0134')).toBe('phone');
    expect(findPersonalData('５１９-５５５-０１３４')).toBe('phone');
  });

  it('passes empty and whitespace-only text', () => {
    expect(findPersonalData('')).toBeNull();
    expect(findPersonalData('   ')).toBeNull();
  });
});
