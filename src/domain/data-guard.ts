// The free-text guard (BRIEF, "Data rules"): notes, areas, referral notes and decline reasons must
// never carry the name, birth date, phone, email, address, ID number or profile of a person engaged.
// Pure: no I/O. Standard-library regular expressions only. Rules run in order, most specific shape
// first (an email before a bare "@handle", a birth context before a bare date, an ID keyword before
// a bare digit run), and the first rule that matches names the kind. Everything is case-insensitive
// except where a rule says a Capitalised word is what makes it a name ("called Ashley").

export const PERSONAL_DATA_KINDS = [
  'phone',
  'email',
  'street_address',
  'postal_code',
  'date_of_birth',
  'government_id',
  'social_handle',
  'personal_name',
] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

interface Rule {
  kind: PersonalDataKind;
  re: RegExp;
  /** Second look at a match the pattern alone cannot decide (digit counts, stop words, capitals). */
  accept?: (m: RegExpMatchArray) => boolean;
}

const rx = (source: string): RegExp => new RegExp(source, 'giu');
const digits = (s: string | undefined): number => (s ?? '').replace(/\D/g, '').length;
const isNumericDate = (s: string): boolean => /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/.test(s.trim());

// Words that follow "called", "named", "name is", "IG:" … without being a name or a handle.
const NOT_A_NAME = new Set(
  `the a an this that these those her his him them they she he it me us you we my our their its
  back in out off on up down over away to into for at by about again from with as and or but not no
  none nobody unknown unk withheld private refused declined redacted undisclosed unclear given
  provided recorded anonymous twice once later now then today tonight yesterday tomorrow immediately
  when after before while because since so if who which what where how why upon ahead around one two
  three several some any all many is was are were be been being has had have there here also only
  just still never pending deleted gone blocked public active closed used shared well unavailable
  le la les l un une des de du d pas inconnu inconnue refusé refusée non ni à au aux en par pour sur
  plus tard lui elle eux y que qui ce cette son sa ses leur mon ma`.split(/\s+/),
);
// A Capitalised word followed by (or being) one of these is an organisation or a role, not a person:
// "called Hiatus House", "called Victim Services", "called Windsor Police", "called Dispatch".
const ORG_WORDS = new Set(
  `house services service centre center shelter stoppers society police dispatch hospital clinic
  hotline line office unit hq headquarters station aid victim crime children's children family legal
  sgt cst det officer constable detective sergeant staff mom mum dad mother father`.split(/\s+/),
);

/** Accepts a captured name `n` unless it is a function word; when `capitalised`, it must also look
 * like a given name (Xxxx, not an ALL-CAPS agency code) and not be part of an organisation. A
 * quoted capture (`q`) counts as a name whatever its case ("goes by 'candy'"). */
const nameCheck =
  (capitalised: boolean) =>
  (m: RegExpMatchArray): boolean => {
    const word = m.groups?.n ?? '';
    if (NOT_A_NAME.has(word.toLowerCase())) return false;
    if (!capitalised || m.groups?.q) return true;
    const next = (m.groups?.next ?? '').toLowerCase();
    return /^\p{Lu}\p{Ll}/u.test(word) && !ORG_WORDS.has(word.toLowerCase()) && !ORG_WORDS.has(next);
  };
// The captured name: optional opening quote, the word, and (without consuming it) the next word.
const NAME = String.raw`(?<q>["'])?(?<n>\p{L}[\p{L}'-]*)(?=(?:\s+(?<next>[\p{L}']+))?)`;

const MONTH = '(?:jan(?:uary|vier)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|d[ée]c(?:ember|embre)?)';
const DIGIT_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|z[ée]ro|un|deux|trois|quatre|cinq|sept|huit|neuf)';
const STREET_TYPE = '(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|crescent|cres|place|pl|way|terrace|parkway|pkwy|circle|cir|trail|trl|close|grove)';
// Words that cannot be part of a street name, so "3 people on Ouellette Ave" (a count and a coarse
// area) is not read as a civic number: prepositions, counted nouns, units of distance and time.
const NOT_STREET = '(?:on|at|near|in|by|of|off|along|from|to|and|or|the|with|around|behind|between|outside|inside|past|across|towards?|people|persons?|women|woman|men|man|girls?|boys?|youth|females?|males?|officers?|adults?|minors?|victims?|individuals?|clients?|more|min|mins|minutes?|hours?|hrs?|km|blocks?|exit|eastbound|westbound|northbound|southbound|sur|près|au|aux|de|du|des|la|le|les|et|dans|vers|coin|personnes?|femmes?|hommes?|filles?)';
const SOCIAL_SITES = String.raw`(?:instagram\.com|instagr\.am|facebook\.com|fb\.com|fb\.me|m\.me|messenger\.com|tiktok\.com|snapchat\.com|twitter\.com|x\.com|threads\.net|onlyfans\.com|fansly\.com|linkedin\.com|youtube\.com|youtu\.be|reddit\.com|t\.me|telegram\.me|wa\.me|whatsapp\.com|pinterest\.com|tumblr\.com|kik\.me|vk\.com|discord\.gg|twitch\.tv|linktr\.ee|allmylinks\.com|beacons\.ai|cash\.app|leolist\.cc|skipthegames\.com|megapersonals\.eu|tryst\.link|eros\.com|listcrawler\.\w+|backpage\.\w+|craigslist\.\w+|pof\.com|tinder\.com|seeking\.com)`;

const RULES: readonly Rule[] = [
  // EMAIL. A literal address; then the obfuscated "jane at gmail dot com" / "jane(at)yahoo(dot)ca",
  // limited to common top-level domains so "met at 10. Then…" is not an address; then a local
  // part "at" a webmail provider with the domain left off ("jane99 at hotmail").
  { kind: 'email', re: rx(String.raw`[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}`) },
  {
    kind: 'email',
    re: rx(String.raw`[\w.%+-]+\s*(?:@|[([{]\s*at\s*[)\]}]|\bat\b)\s*[\w-]+(?:\s*(?:\.|[([{]\s*dot\s*[)\]}]|\bdot\b)\s*[\w-]+)*?\s*(?:\.|[([{]\s*dot\s*[)\]}]|\bdot\b)\s*(?:com|ca|net|org|fr|info|edu)\b`),
  },
  { kind: 'email', re: rx(String.raw`[\w.%+-]+\s*(?:@|\bat\b)\s*(?:gmail|hotmail|yahoo|outlook|icloud|videotron|sympatico|proton(?:mail)?)\b`) },
  // SOCIAL LINK. Any URL to a social, messaging, link-in-bio or escort-ad site points at a person's
  // profile. A bare mention of the platform ("recruited via Instagram") is method, not identity.
  { kind: 'social_handle', re: rx(String.raw`(?<![\w-])(?:https?:\/\/)?(?:[\w-]+\.)*${SOCIAL_SITES}(?![\w-])`) },
  // DATE OF BIRTH. A birth keyword (EN/FR), up to four filler words, then a full or short date, a
  // day and month, a year, or "born N years ago". A date on its own is the operation's date and passes.
  {
    kind: 'date_of_birth',
    re: rx(
      String.raw`(?:\b(?:born|dob|d\.\s?o\.\s?b\.?|date\s+of\s+birth|birth\s*date|birthday|b-?day|date\s+de\s+naissance|ddn|anniversaire)|\bn[ée]e?s?(?=\s+(?:le|en|in|on)\b)|\bturn(?:s|ing)\s+\d{1,2}(?=\s+(?:on|in|le)\b))` +
        String.raw`(?:[\s:,.-]+(?:is|was|on|in|the|of|she|says|said|claims|her|his|approx|around|about|circa|early|late|mid|le|la|l'|en|est|vers|environ|elle|dit)){0,4}[\s:,.-]+` +
        String.raw`(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b|\d{1,2}\/\d{1,2}\b|(?:19|20)\d{2}\b|\d{1,2}(?:st|nd|rd|th|er)?(?:\s+of)?\s+${MONTH}\b|${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th|er)?\b|\d{1,2}\s+(?:years?|yrs?)\s+ago)`,
    ),
  },
  // GOVERNMENT ID WITH A KEYWORD. SIN/NAS, passport, licence/permis, health card/OHIP/RAMQ, status
  // card, "ID": any value of six or more digits after it (with optional letter prefix/version code).
  {
    kind: 'government_id',
    re: rx(
      String.raw`\b(?:sin|s\.i\.n\.?|nas|social\s+insurance(?:\s+number)?|assurance\s+sociale|passport|passeport|driver'?s?\s+licen[cs]e|licen[cs]e|permis(?:\s+de\s+conduire)?|health\s+card|carte\s+(?:sant[ée]|soleil|d'assurance\s+maladie)|ohip|ramq|status\s+card|carte\s+de\s+statut|id|i\.d\.)(?![\p{L}])` +
        String.raw`(?:\s*(?:number|no\.?|num[ée]ro|#|n°|is|est|:|=))*\s*(?<v>[a-z]{0,4}[\s-]?\d[\d\s-]{3,}\d(?:[\s-]?[a-z]{1,2}\b)?)`,
    ),
    accept: (m) => digits(m.groups?.v) >= 6 && !isNumericDate(m.groups?.v ?? ''),
  },
  // PHONE, international: "+44 20 7946 0958", "011 44 …", "0033 …" with 8 to 15 digits.
  {
    kind: 'phone',
    re: rx(String.raw`(?<![\w.+])(?:\+|00\s?|011[\s.-]?)\d{1,3}(?:[\s.()-]{0,2}\d{1,4}){2,6}(?![\w])`),
    accept: (m) => digits(m[0]) >= 8 && digits(m[0]) <= 15,
  },
  // PHONE, North American: optional +1, area code (in parentheses or separated), 3 + 4 digits; or
  // ten bare digits whose area code starts 2-9 (ten digits starting 0/1 fall to the health card).
  { kind: 'phone', re: rx(String.raw`(?<![\w.+/-])(?:\+?1[\s.-]?)?(?:\(\s*\d{3}\s*\)\s?|\d{3}[\s.-])\d{3}[\s.-]?\d{4}(?![\w-])`) },
  { kind: 'phone', re: rx(String.raw`(?<![\w.+/-])(?:\+?1)?[2-9]\d{9}(?![\w-])`) },
  // PHONE, local seven digits written as a phone number is: "555-0134", "555.0134".
  { kind: 'phone', re: rx(String.raw`(?<![\w.+/-])\d{3}[.-]\d{4}(?![\w-])`) },
  // PHONE after a phone word in any grouping ("cell 555 0134", "text her: 5550134"), not a date.
  {
    kind: 'phone',
    re: rx(String.raw`\b(?:phone|cell(?:phone)?|mobile|tel|t[ée]l[ée]phone|t[ée]l|num[ée]ro|number|text(?:ed)?|texto|whatsapp|call(?:ed)?\s+(?:her|him|them)\s+(?:at|on))\b[^\d\n]{0,15}?(?<v>\d(?:[\s.()-]{0,2}\d){6,14})`),
    accept: (m) => digits(m.groups?.v) >= 7 && !isNumericDate(m.groups?.v ?? ''),
  },
  // PHONE spelled out to dodge the rules above: spaced single digits (7+), French-style pairs
  // starting with 0 ("06 12 34 56 78"; a list of ages never starts with 0), or digit words
  // ("five one nine …", "cinq un neuf …").
  {
    kind: 'phone',
    re: rx(String.raw`(?<![\w.])\d{1,2}(?:[ \t-]+\d{1,2}){4,}(?![\w.])`),
    accept: (m) => (/\d\d/.test(m[0]) ? m[0].startsWith('0') && digits(m[0]) >= 10 : digits(m[0]) >= 7),
  },
  { kind: 'phone', re: rx(String.raw`\b${DIGIT_WORD}(?:[\s,.-]+(?:${DIGIT_WORD}|\d)){6,}\b`) },
  // GOVERNMENT ID BY SHAPE (no keyword): Ontario driver's licence A1234-56789-01234, Quebec RAMQ
  // ABCD 1234 5678, health card 1234-567-890 (+ version code) or ten bare digits, SIN 123-456-789
  // or nine bare digits, Canadian passport AB123456. Dotted numbers (279.011) never match.
  { kind: 'government_id', re: rx(String.raw`(?<![\w.-])[a-z]\d{4}[\s-]?\d{5}[\s-]?\d{5}(?![\w-])`) },
  { kind: 'government_id', re: rx(String.raw`(?<![\w.-])[a-z]{4}[\s-]?\d{4}[\s-]?\d{4}(?![\w-])`) },
  { kind: 'government_id', re: rx(String.raw`(?<![\w.-])(?:\d{4}[\s-]\d{3}[\s-]\d{3}|\d{10})(?:[\s-]?[a-z]{2})?(?![\w.-])`) },
  { kind: 'government_id', re: rx(String.raw`(?<![\w.-])\d{3}[\s-]?\d{3}[\s-]?\d{3}(?![\w.-])`) },
  { kind: 'government_id', re: rx(String.raw`(?<![\w.-])[a-z]{2}[\s-]?\d{6}(?![\w.-])`) },
  // POSTAL CODE: Canadian A1A 1A1 (letters D F I O Q U never appear; W and Z never lead).
  { kind: 'postal_code', re: rx(String.raw`(?<![\p{L}\d])[abceghj-nprstvxy]\d[abceghj-nprstv-z][\s-]?\d[abceghj-nprstv-z]\d(?![\p{L}\d])`) },
  // STREET ADDRESS, English: civic number (optionally "2-450"), one to three street-name words that
  // are not counts or prepositions, a street type. A street without a civic number is a coarse area.
  {
    kind: 'street_address',
    re: rx(String.raw`(?<![\w:.,/-])(?<!\d\s?h\s)\d{1,6}[a-z]?(?:-\d{1,6})?,?\s+(?:(?!${NOT_STREET}(?![\p{L}]))\p{L}[\p{L}'.-]*\s+){1,3}${STREET_TYPE}\.?(?![\p{L}])`),
  },
  // STREET ADDRESS, French: civic number, street type first, then the name ("45 rue Ouellette",
  // "1200 boul. Saint-Laurent", "12 chemin des Pins"). "22h15 rue …" is a time, not a number.
  {
    kind: 'street_address',
    re: rx(String.raw`(?<![\w:.,/-])(?<!\d\s?h\s)\d{1,6}[a-z]?,?\s+(?:rue|avenue|av|boulevard|boul|bd|blvd|chemin|ch|route|rte|rang|place|pl|all[ée]e|impasse|mont[ée]e|c[ôo]te|promenade|croissant|terrasse|ruelle|sentier|carr[ée])\.?\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?\p{L}`),
  },
  // STREET ADDRESS, the unit inside a building ("apt 4", "unit 12", "suite 300", "appartement 12"),
  // a hotel/motel room (three or four digits, so "interview room 2" passes), a PO box.
  { kind: 'street_address', re: rx(String.raw`\b(?:apt|apartment|appt|appartement|unit|suite|ste|logement)\.?\s*(?:#|no\.?|n°)?\s*\d{1,5}[a-z]?(?![\p{L}\d])`) },
  { kind: 'street_address', re: rx(String.raw`\b(?:room|rm|chambre)\.?\s*#?\s*\d{3,4}(?![\p{L}\d])`) },
  { kind: 'street_address', re: rx(String.raw`\b(?:p\.?\s*o\.?\s*box|case\s+postale)\s*\d+`) },
  // SOCIAL HANDLE: "@name" (not an email, not a Slack mention, not "@10pm"), or a platform label
  // followed by a value: "IG: janey_x", "snap: candy22", "her snapchat is candy_22".
  { kind: 'social_handle', re: rx(String.raw`(?<![\w.@<])@(?!\d{1,2}(?::\d{2})?\s*(?:am|pm|h)\b)(?=[\w.]*\p{L})[\w.]{2,30}`) },
  {
    kind: 'social_handle',
    re: rx(
      String.raw`\b(?:ig|insta(?:gram)?|snap(?:chat)?|sc|tik\s?tok|fb|facebook|messenger|twitter|kik|telegram|onlyfans|fansly|threads|whatsapp|discord|user\s?name|handle)` +
        String.raw`\s*(?:handle|account|username|user|name|id|page)?\s*(?:is|:|=|@)\s*@?(?<n>[\w.]{2,30})`,
    ),
    accept: (m) => !NOT_A_NAME.has((m.groups?.n ?? '').toLowerCase()),
  },
  // PERSONAL NAME introduced as one. "(her) name is / name's / name:" (not "agency name:"), with
  // the French "(son) nom est / prénom :"; then "is/was called X" (not "was called in/back").
  {
    kind: 'personal_name',
    re: rx(String.raw`(?<!\b(?:agency|operation|op|shelter|hotel|motel|business|company|program|team|unit|file|officer|site|app)\s+)\b(?:(?:first|last|real|full|given|legal|working|nick|sur)\s*)?(?:name|nom|pr[ée]nom)(?:\s+(?:is|was|est)|'s|\s*[:=])\s*${NAME}`),
    accept: nameCheck(false),
  },
  { kind: 'personal_name', re: rx(String.raw`(?:\b(?:is|was|are|were|be|been|being)|'s)\s+called\s+${NAME}`), accept: nameCheck(false) },
  // "a girl called ashley", "a woman named jessica": an indefinite person noun then the name.
  {
    kind: 'personal_name',
    re: rx(String.raw`\b(?:a|an|one|some)\s+(?:young\s+)?(?:girl|woman|lady|guy|man|boy|person|friend|female|male|youth|minor|client)\s+(?:called|named)\s+${NAME}`),
    accept: nameCheck(false),
  },
  // Words that always introduce a name, in any case: "named", "aka", "alias", "calls herself",
  // "introduced herself as", "goes by the name of", and the French "s'appelle", "se nomme",
  // "se fait appeler".
  {
    kind: 'personal_name',
    re: rx(
      String.raw`(?:\bnamed|\baka|\ba\.k\.a\.?|\balias|\bnicknamed?|\b(?:calls|called|introduced|identified)\s+(?:herself|himself|themselves|themself)(?:\s+as)?|\bgo(?:es|ing)?\s+by\s+the\s+name(?:\s+of)?|\bwent\s+by\s+the\s+name(?:\s+of)?|\bs'\s*appel(?:le|ait|lerait)|\bse\s+(?:nomm(?:e|ait)|pr[ée]nomm(?:e|ait)|fai(?:t|sait)\s+appeler))` +
        String.raw`\s*:?\s+${NAME}`,
    ),
    accept: nameCheck(false),
  },
  // Words that introduce a name only when a Capitalised name (or a quoted one) follows: "called
  // Ashley" but not "called back", "called 911", "called WPS", "called Hiatus House"; likewise
  // "goes by Candy" (not "goes by bus"), "known as 'Candy'", French "appelée Marie", "dite Candy".
  {
    kind: 'personal_name',
    re: rx(String.raw`(?<!so-)(?:\bcalled|\bgo(?:es|ing)?\s+by|\bwent\s+by|\bknown\s+as|\bappel[ée]e?s?|\bnomm[ée]e?s?|\bsurnomm[ée]e?s?|\bdite)\s+${NAME}`),
    accept: nameCheck(true),
  },
];

/** Text as the rules expect it: compatibility forms folded (full-width digits), invisible characters
 * dropped (they would split a number), curly quotes straightened, and Slack's own mention tokens
 * (<@U…>, <#C…|name>, <!here>) removed, since those point at officers and channels, not people engaged. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u00AB\u00BB]/g, '"')
    .replace(/<[@#!][^>]*>/g, ' ');
}

/** The first kind of personal data found in `text`, or null when the text is clean. */
export function findPersonalData(text: string): PersonalDataKind | null {
  const clean = normalise(text);
  for (const rule of RULES) {
    for (const m of clean.matchAll(rule.re)) {
      if (!rule.accept || rule.accept(m)) return rule.kind;
    }
  }
  return null;
}
