// The free-text data guard (BRIEF, "Data rules"): decides whether a note, area, referral note or
// decline reason carries something that could identify a person engaged, and names the kind found.
//
// Pure: no I/O, standard-library regular expressions only. Two stages:
// 1. `foldText` reads the text as a person would see it: Slack's markup read (links, mailto:, tel:),
//    HTML escapes decoded, invisible and format characters dropped, accents and other combining
//    marks stripped, every decimal digit made ASCII, Cyrillic/Greek look-alikes made Latin, dashes,
//    quotes and spaces made plain, spelled and spaced-out numbers and words joined back.
// 2. Detectors run in a fixed order, most specific shape first (an email before a bare "@handle", a
//    birth keyword before a bare date, an ID keyword before a bare digit run), and the first that
//    matches names the kind. Shape rules for numbers read a copy in which dates, times, Criminal
//    Code sections, money, highways and references are masked, so those never look like a phone.
// Every regular expression starts at a token boundary, and no two of its repetitions can take the
// same characters, so a text costs a few passes over its length (no catastrophic backtracking).

export const PERSONAL_DATA_KINDS = [
  'phone',
  'email',
  'street_address',
  'postal_code',
  'date_of_birth',
  'government_id',
  'social_handle',
  'personal_name',
  'licence_plate',
] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface DataGuardOptions {
  /** Names and codes of the agencies and operations registered in Liaison: never a person's name. */
  knownNames?: Iterable<string>;
}

const rx = (source: string, flags = 'giu'): RegExp => new RegExp(source, flags);
const words = (list: string): string[] => list.trim().split(/\s+/);
const wordSet = (...lists: string[]): ReadonlySet<string> => new Set(lists.flatMap(words));
/** One alternation of words; `_` in a list stands for a space inside a phrase. */
const alt = (list: string): string => `(?:${words(list).map((w) => w.replace(/_/g, '\\s+')).join('|')})`;
const digitCount = (s: string | undefined): number => (s ?? '').replace(/\D/g, '').length;

// ---------------------------------------------------------------------------------------------------
// Stage 1: folding
// ---------------------------------------------------------------------------------------------------

// Slack sends <@U…> and <#C…|name> for people and channels (officers, not the person engaged: they
// are dropped), <!here|label> and <!date^…|fallback> (the label is read), and <target|label> for
// links, mailto: and tel: (both target and label are read: the guard used to delete them).
function readSlackMarkup(text: string): string {
  return text.replace(/<([^<>]{1,2000})>/g, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? '' : inner.slice(bar + 1);
    if (/^(?:@[UWB][A-Z0-9]{2,}|#[CGD][A-Z0-9]{2,}|!subteam\^[A-Z0-9]+)$/.test(target)) return ' ';
    if (target.startsWith('!')) return ` ${label} `;
    return ` ${target.replace(/^(mailto|tel|sms|callto):/i, '$1 ')} ${label} `;
  });
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
/** HTML escapes as Slack sends them, decoded until stable so "&amp;lt;" cannot hide a "<". */
function decodeEntities(text: string): string {
  let current = text;
  for (let i = 0; i < 3; i++) {
    const next = current.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|(lt|gt|amp|quot|apos|nbsp));/gi, (whole, dec?: string, hex?: string, name?: string) => {
      if (name) return ENTITIES[name.toLowerCase()] ?? whole;
      const cp = dec ? Number(dec) : Number.parseInt(hex ?? '', 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    });
    if (next === current) break;
    current = next;
  }
  return current;
}

// Format characters (\p{Cf}: zero-width spaces and joiners, LRM/RLM and bidi controls, invisible
// operators, tag characters, soft hyphen) and the blank letters some keyboards offer as "spaces".
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;
const MARKS = /\p{M}/gu;

// Decimal digits of every script (Arabic-Indic, Devanagari, full-width, …) to ASCII. Unicode lays
// each script's digits out as runs of ten from zero (checked for every \p{Nd} run), so a digit's
// value is its distance from the start of its run, modulo ten.
const DIGIT = /\p{Nd}/u;
const digitValues = new Map<string, string>();
function asciiDigit(ch: string): string {
  if (ch >= '0' && ch <= '9') return ch;
  let value = digitValues.get(ch);
  if (value === undefined) {
    const cp = ch.codePointAt(0) ?? 0;
    let start = cp;
    while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = String((cp - start) % 10);
    digitValues.set(ch, value);
  }
  return value;
}

// Cyrillic, Greek and Armenian letters that look like Latin ones, as used to slip "jаne@gmаil.com"
// or "nаme is" past a Latin pattern.
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w', ӏ: 'l', к: 'k', м: 'm', т: 't', в: 'b', н: 'h', п: 'n', г: 'r', ь: 'b',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Ӏ: 'I',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', ο: 'o', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ε: 'e', ϲ: 'c', ϳ: 'j',
  օ: 'o', ս: 'u', ց: 'g', ı: 'i', ɡ: 'g', ɑ: 'a',
};
const HOMOGLYPH = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'gu');
// Hyphens, dashes and minus signs of every kind read as "-"; quotes and primes as ' and ".
const DASHES = /[\p{Pd}\u2212\u2043\u02D7\u2796\uFE63\uFF0D]/gu;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u02B9\u00B4`\uFF07]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u300C\u300D]/g;

// Letters joined by dots or hyphens are one word: "d.o.b." → "dob", "a.k.a." → "aka", "J-e-s-s" →
// "Jess". A chain ends where a longer word starts ("T-shirt", "E-12" stay as they are).
const LETTER_CHAIN = /(?<![\p{L}\d])\p{L}(?:[.-]\p{L}(?![\p{L}\d]))+\.?/gu;
// In a token made of digits and l/I/O/o, the letters are digits: "5l9-555-Ol34" is a phone number.
const DIGIT_LOOKALIKES = /(?<![\p{L}\d])[\dOolI]*[OolI][\dOolI]*(?![\p{L}\d])/gu;
const LOOKALIKE_VALUE: Record<string, string> = { O: '0', o: '0', l: '1', I: '1' };

const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  un: '1', une: '1', deux: '2', trois: '3', quatre: '4', cinq: '5', sept: '7', huit: '8', neuf: '9',
};
const DIGIT_WORD = `(?:${Object.keys(DIGIT_WORDS).join('|')})`;
// Three or more digits and digit words in a row, two of them words: "five one nine 555 oh one…".
const DIGIT_WORD_RUN = rx(String.raw`(?<![\p{L}\d])(?:${DIGIT_WORD}|\d{1,4})(?![\p{L}\d])(?:[ ,.\/-]{1,3}(?:${DIGIT_WORD}|\d{1,4})(?![\p{L}\d])){2,}`);
// "519 [dot] 555 dash 0134": a separator spelled out between two digits is a separator.
const SEPARATOR_WORDS = /(?<=\d)\s?[([]?\s?(?:dot|dash|point|tiret|period|slash|hyphen)\s?[)\]]?\s?(?=\d)/giu;
// "five19": a digit word glued to digits ("sept" and "o" are left alone: "Sept12", "o2").
const GLUED_DIGIT_WORDS = rx(String.raw`(?<![\p{L}])(?:zero|one|two|three|four|five|six|seven|eight|nine|deux|trois|quatre|cinq|huit|neuf)(?=\d)|(?<=\d)(?:zero|one|two|three|four|five|six|seven|eight|nine|deux|trois|quatre|cinq|huit|neuf)(?![\p{L}])`);
// Four or more single characters with one space between ("j a n e @ g m a i l . c o m", "A B C D
// 1 2 3"), at least one a letter or "@": the spaces are removed. Runs of single digits alone are
// left for the phone rules, which read them as they are.
const SPACED_CHARS = /(?<![^ "'(])(?:[\p{L}\d@.] ){3,}[\p{L}\d@.](?![^ "').,;:!?])/gu;

const NOT_ASCII = /[\u0080-\u{10FFFF}]/u;
// Any space but a single plain one between words (most texts have none: the replace is skipped).
const UNUSUAL_SPACE = /[^\S ]|\p{Cc}| {2}|^ | $/u;
// V8 keeps a string in two bytes a character once a step such as normalize() produced it, even when
// every character left is Latin-1, and its regular expressions run several times slower on such a
// string: the folded text is rebuilt from its character codes, which V8 stores one byte each.
function asOneByte(t: string): string {
  if (/[\u0100-\u{10FFFF}]/u.test(t)) return t;
  let out = '';
  for (let i = 0; i < t.length; i += 1024) {
    const codes: number[] = [];
    for (let j = i; j < Math.min(t.length, i + 1024); j++) codes.push(t.charCodeAt(j));
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** The text as the rules read it (see the file's header). Exported for tests and for callers that
 * want to show what the guard saw. */
export function foldText(text: string): string {
  let t = decodeEntities(readSlackMarkup(text));
  if (NOT_ASCII.test(t)) {
    t = t.normalize('NFKC').replace(INVISIBLE, '');
    t = t.normalize('NFD').replace(MARKS, '');
    t = t.replace(/\p{Nd}/gu, asciiDigit);
    t = t.replace(HOMOGLYPH, (c) => HOMOGLYPHS[c] ?? c);
    t = t.replace(DASHES, '-').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
    t = asOneByte(t);
  }
  if (UNUSUAL_SPACE.test(t)) t = t.replace(/[\s\p{Z}\p{Cc}]+/gu, ' ').trim();
  t = t.replace(LETTER_CHAIN, (chain) => chain.replace(/[.-]/g, ''));
  t = t.replace(DIGIT_LOOKALIKES, (token) => (digitCount(token) >= 2 ? token.replace(/[OolI]/g, (c) => LOOKALIKE_VALUE[c] ?? c) : token));
  t = t.replace(SEPARATOR_WORDS, '-').replace(GLUED_DIGIT_WORDS, (w) => DIGIT_WORDS[w.toLowerCase()] ?? w);
  t = t.replace(DIGIT_WORD_RUN, (run) => {
    const tokens = run.split(/([ ,./-]{1,3})/);
    if (tokens.filter((x) => DIGIT_WORDS[x.toLowerCase()] !== undefined).length < 2) return run;
    return tokens.map((x) => DIGIT_WORDS[x.toLowerCase()] ?? (x.includes(',') ? ' ' : x)).join('');
  });
  t = t.replace(SPACED_CHARS, (run) => (/[\p{L}@]/u.test(run) ? run.replace(/ /g, '') : run));
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Vocabularies (folded: lower case, no accents)
// ---------------------------------------------------------------------------------------------------

// Words that follow "called", "known as", "name:", "IG:" … without being a name or a handle:
// function words, placeholders for a withheld value, roles, everyday nouns and adverbs (EN, FR).
const NOT_A_NAME = wordSet(
  `the a an this that these those her his him them they she he it me us you we my our their its i im
  back in out off on up down over away to into for at by about again from with as and or but not no nor
  yes none nobody noone someone somebody anyone everyone something anything nothing everything whatever
  unknown unk unkn na nil null tbd tba nd withheld private refused refuse refuses declined declines
  redacted undisclosed unclear unsure uncertain given provided recorded anonymous anon confidential
  twice once later now then today tonight yesterday tomorrow soon immediately right when after before
  while because since so if who which what where how why whom whose upon ahead around several some any
  all many much more most less few is was are were be been being has had have having do does did done
  there here also only just still never always often sometimes pending deleted gone blocked public
  active inactive closed used shared well unavailable same idem other another different various multiple
  either neither each every both such very too quite really same usual first last real full only
  starts start starting begins ending ends withheld on_file file see check ask tba unknown
  police cops cop security dispatch intake mom mum mother dad father parents parent sister brother aunt
  uncle cousin friend friends boyfriend girlfriend bf gf pimp john johns client clients worker workers
  caseworker staff officer officers detective sergeant constable nurse doctor ambulance ems fire crown
  court probation parole ident patrol backup supervisor paramedics emerg er shift team unit uber lyft
  taxi cab bus car foot train plane truck walking regular regulars minor minors adult adults victim
  victims witness suspect subject person people girl girls woman women lady ladies guy guys man men kid
  kids child children youth teen teenager family home house shelter hotel motel place area street strip
  corner downtown high risk missing runaway trafficked exploited vulnerable homeless safe scared afraid
  nervous intoxicated involved known names name nickname alias sweetheart baby babe hun sis mama momma
  bro boss daddy dear hon love honey handle account page profile number phone cell texts text
  dispatcher agency agencies services service hospital clinic mission centre center help hotline line
  le la les l un une des de du d pas inconnu inconnue inconnus refusee refuses non ni a au aux en par
  pour sur plus tard lui elle eux y que qui quoi ce cette ces son sa ses leur leurs mon ma mes ton ta tes
  notre votre nous vous il ils elles on comment confidentiel confidentielle anonyme aucun aucune
  personne rien prive privee secret seulement uniquement juste aussi encore deja toujours jamais souvent
  policiers policier agent agente agents enqueteur enqueteuse intervenante intervenant travailleuse
  travailleur refuge maison rue coin secteur ville urgence urgences maman papa mere pere soeur frere ami
  amie amis chum blonde copain copine proxenete fille filles femme femmes gars homme hommes jeune jeunes
  mineure mineur victime temoin suspecte meme autre differente plusieurs beaucoup madame monsieur
  non-divulgue nondivulgue divulgue fourni fournie donne donnee inscrit note voir dossier connu connue faux
  fausse absent manquant illisible listed noted kept held stored protected available blank illegible
  fake false similar spelled written unreadable misspelled changed different shown`,
);

// Words people write with a capital that are not names: services and institutions ("called
// Detox", "called Transit Windsor"), peoples, identities and languages ("identified as Indigenous",
// "dite Autochtone"), and parts of place names ("known as Little Italy").
const COMMON_CAPITALISED = wordSet(
  `transit detox crisis mobile housing immigration legal tow truck emergency mental addiction addictions
  counselling counseling welfare works border customs interpreter interpreters translator translation
  duty command control communications comms records forensics forensic senior community social private
  courts corrections jail detention sexual assault domestic violence drop-in dropin food bank clothing
  medical nursing pharmacy icu paramedic coroner greyhound airport admin administration reception front
  desk management manager guard guards operator operators chat online website ontario quebec canada
  downtown uptown midtown little old new north south east west upper lower central greater
  indigenous aboriginal first nations nation metis inuit black white asian latina latino latinx hispanic
  arab middle eastern filipino filipina francophone anglophone allophone trans transgender nonbinary
  non-binary two-spirit queer lesbian gay bisexual canadian american mexican haitian jamaican somali
  eritrean ethiopian syrian chinese korean vietnamese indian punjabi ukrainian russian romanian
  brazilian colombian venezuelan moldovan international foreign undocumented refugee newcomer immigrant
  citizen resident english french spanish tagalog arabic tigrinya amharic hindi mandarin cantonese
  portuguese creole swahili farsi persian urdu autochtone autochtones noire noir blanche blanc asiatique
  mineure majeure sante securite hebergement interprete quebecoise quebecois canadienne canadien
  haitienne haitien etrangere etranger immigrante refugiee espagnol anglais francais arabe creole
  monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi
  dimanche january february march july september october november december janvier fevrier mars
  juillet septembre octobre novembre decembre benz bmw audi`,
);

const FUNCTION_WORDS = wordSet(`the a an this that her his him them they she he it its my our their le la les l un une des de du
  d sa son ses leur mon ma`);

// A Capitalised word followed by one of these is an organisation, a place or a road, not a person:
// "called Hiatus House", "known as Grace Hospital", "Howard Ave", "Maison Marguerite" (FR order below).
const ORG_WORDS = wordSet(
  `house services service centre center shelter stoppers society police dispatch hospital clinic hotline
  helpline line phone office unit hq headquarters station aid crime family legal mission inn motel hotel
  lodge suites resort casino mall plaza park school college university church chapel hall manor
  residence villa tower towers court square bridge tunnel street st avenue ave av road rd boulevard blvd
  drive dr lane way place crescent cres terrace parkway highway hwy bay beach creek lake river county
  township village city town heights gardens estates project program programme foundation association
  institute network coalition alliance inc ltd corp group club bar lounge spa massage health healthcare
  care support outreach help ministries ministry department dept agency authority board commission
  council restaurant cafe diner store shop market depot theatre arena stadium airport terminal metro
  express international regional general memorial public youth women's womens children's childrens
  victim victims alert collegiate secondary elementary academy sound bank meth`,
);
// A word right before a Capitalised word that makes it a place or an organisation ("Saint-Denis",
// "rue Walker", "Chez Doris", "Maison Marguerite", "Villa-Maria", "Dr Patel", "Me Tremblay").
const PLACE_BEFORE = wordSet(
  `saint st ste sainte s san santa mont mt mount ville port fort lac lake pointe pte chez maison villa casa
  hotel motel auberge rue av ave avenue boul boulevard bd blvd chemin ch place pl coin angle square parc
  park metro station hopital hospital ecole school college pavillon centre center cegep universite
  university lord sir dr me hotel-dieu fondation projet refuge residence foyer clsc carrefour queen king
  reine roi prince princesse`,
);
// Ranks and roles: a name right after one is an officer's or a worker's, not the person engaged's.
const ROLE_BEFORE = wordSet(
  `cst const constable sgt sergeant ssgt det detective dc pc insp inspector officer ofc cpl corporal capt
  captain lt lieutenant chief supt superintendent agent agente sergent sergente enqueteur enqueteuse
  capitaine commandant dr doctor nurse worker caseworker intake advocate counsellor counselor coordinator
  coordonnatrice coordonnateur navigator intervenante intervenant travailleuse travailleur crown
  prosecutor judge juge councillor mayor supervisor manager director directrice directeur staff
  colleague partner me`,
);
// Single words that are places, apps or brands, never a person's name.
const NOT_A_PERSON = wordSet(
  `windsor chatham leamington kingsville amherstburg lasalle tecumseh essex lakeshore tilbury wallaceburg
  sarnia london toronto ottawa detroit montreal laval longueuil quebec gatineau sherbrooke brossard
  terrebonne repentigny ontario canada michigan ohio uber lyft tinder bumble grindr instagram snapchat
  facebook whatsapp telegram kik leolist craigslist backpage onlyfans fansly twitter tiktok discord signal
  skype cashapp paypal interac google amazon walmart tims timmies mcdonalds caesars hiatus wefight
  crimestoppers talk4healing dispatch intake security crown ident patrol`,
);
// Agency codes that appear in notes as words ("called WPS", "@SPVM", "CKPS 123"), with knownNames.
const AGENCY_CODES = wordSet(
  `wps ckps opp opp-essex sq spvm grc rcmp cbsa asfc cas dpj cavac vs vsu lps tps prp yrp drps nrps wrps
  ops hrps spl spal sps wefight ons ht htu clsc ciusss chum ivac ems cmha acsm ircc cic`,
);

// Given names. Tier 1: a Capitalised one is a name even with nothing introducing it ("met Jessica
// outside Super 8"). Tier 2: also a word, a month, a local street or a place ("Crystal", "April",
// "Howard", "Victoria"), or a working name ("Candy"): a name only once something introduces it.
const GIVEN_NAMES = wordSet(
  `ashley jessica brittany britney amanda samantha stephanie jennifer sarah sara emily hannah kayla
  megan meghan lauren rachel rachael nicole danielle courtney tiffany chelsea kelsey alyssa brianna
  kaitlyn caitlin katelyn kristen melissa michelle amy tanya tonya tamara tara tina trina krista kim
  kimberly lisa laura linda maria monica natalie nathalie natasha nadia olivia emma ava mia isabella
  isabelle sophia sophie abigail chloe zoe ella paige jenna jenny jess jessie becky rebecca shannon sabrina
  desiree alexis mackenzie makayla mikayla hailey haley hayley riley bailey kylie kendra keisha shanice
  tasha aaliyah jasmine jasmin imani kiara candace chantelle chantal shania amira fatima aisha leila
  yasmin priya anjali maya ana anna ashlee katie kate katherine kathryn karen kari carly carla cassandra
  kassandra cassie cindy dana diana donna elena elizabeth erica erin eva gina julia justine kara
  kathleen kristina christina christine leah lindsay lindsey lucy mandy marissa melanie miranda molly
  nancy nina pamela renee roxanne samira selena shawna stacey stacy tammy tracy valerie vanessa veronica
  veronique wendy whitney yvonne alicia alexa angela angelina annie ariel barbara bianca bonnie bethany
  cheyenne deanna delilah felicia gabriella gabrielle jacqueline janelle janet jane janice jocelyn
  krystal lacey latoya lexi liliana mikaela naomi nevaeh rihanna sasha serena shayla skylar sofia talia
  vicky yolanda zara marie julie genevieve stephanie emilie audrey caroline karine josee manon sylvie
  johanne josiane marie-eve maude melissa camille lea oceane rosalie noemie laurie alexandra ariane
  cynthia amelie lise lucie nicole francine ginette claudia andree marilyn myriam elodie frederique
  helene isabeau jeanne louise mireille nadine pascale sandrine severine solange suzanne therese
  valerie virginie yasmine anais clara eloise juliette lina maeva margaux romane brielle kenzie jayda
  aliyah mya tatiana esmeralda guadalupe xiomara daniela gabriela valeria camila mariana lucia andrea
  carolina alejandra fernanda ximena yesenia marisol jazmin shaniqua tameka lakisha ebony destinee
  kiana kiara makenna mckenna brooklynn aubrey avery harper addison peyton jocelyne
  kassidy kaylee kayley kailey kaitlin katelynn brianne breanne shelby shayna shawnee tanisha tiana
  trista krystle krysta danika chantale nancy-ann marie-pier marie-claude marie-josee marie-soleil
  sarah-jane anne-marie mary maryse myriame noemi oriane rosemarie sabrina sonia stephany tania tracey
  vicki wanda yvette zoey zoe-lee alysha alisha alexia alessia arianne audree catherine cassidy cloe
  elisabeth eliane emy florence-ann gabrielle-anne kelly kristy kristin kirsten leanne leann lauryn
  madeleine magalie maryline megane melodie micheline nadia-rose raphaelle sara-maude vanessa-lee
  mike michael chris christopher matt matthew josh joshua daniel dan david dave james jim john johnny joe
  joseph justin kevin kyle brandon tyler ryan jason jeremy eric andrew anthony tony steve steven brian
  jeff scott adam nick nicholas marcus malik tyrone deshawn jamal andre carlos jose luis omar ahmed
  mohammed mohamed ali hassan derek travis trevor cody dylan zach shawn sean darnell terrence dwayne rick
  ricky richard bobby tommy jake jacob ethan noah liam logan lucas luc marc alexandre mathieu maxime
  olivier philippe guillaume nicolas sebastien yannick etienne benoit francois patrick stephane sylvain
  mario hugo felix gabriel samuel raphael zachary dominic jean-philippe jean-francois pierre-luc
  marc-andre jayden jaden tristan brayden kaden austin mason jackson carter connor owen wyatt colton
  dominique-jean jean-sebastien jean-michel jean-luc pierre-olivier louis-philippe`,
);
const WORKING_NAMES = wordSet(
  `candy star angel diamond cherry bambi barbie princess sugar cinnamon mocha spice kitty passion cocoa
  peaches sapphire ruby jewel chanel gucci paris mercedes lexus destiny trinity unique precious heaven
  misty sunshine dream fantasy velvet silk stormy raven coco lola foxy jade amber crystal brandy champagne
  bubbles cookie bunny bella dolly roxy tank king prince chance dash ace boss`,
);
const AMBIGUOUS_NAMES = wordSet(
  `april may june summer autumn dawn hope faith joy grace charity patience holly ivy daisy lily rose iris
  heather sandy victoria jordan sierra georgia virginia carolina florence brooklyn madison savannah
  sydney sidney london regina charlotte will bill mark pat rob sue art guy jack frank bob ray drew chase
  hunter lance gene grant don al max jean pierre michel denis laurent hubert dominique antoine jacques
  louis paul thomas martin howard walker elliott lincoln jefferson giles crawford marion bernard
  josephine lillian janette marguerite claire constance france noel eve ambre taylor morgan`,
);
// Of those, the ones that a Capitalised surname after them makes a name ("Crystal Gagnon", "Jordan
// Smith"); months, virtues and verbs ("May Day", "Will Follow", "Victoria Day") are left out.
const NAMES_THAT_ARE_WORDS = wordSet(
  `jordan taylor morgan sierra madison savannah sydney sidney brooklyn georgia virginia carolina charlotte
  regina holly ivy daisy lily rose iris heather sandy crystal amber destiny jade ruby mercedes chanel
  paris candy star angel diamond cherry princess precious trinity misty raven coco lola roxy bella`,
);
const isGivenName = (w: string): boolean => GIVEN_NAMES.has(w);
const isAnyName = (w: string): boolean => GIVEN_NAMES.has(w) || WORKING_NAMES.has(w) || AMBIGUOUS_NAMES.has(w);

// Streets of Windsor-Essex and Montréal that officers write without a street type ("3120 Dougall",
// "au 1500 Ste-Catherine"). Generic words (Park, Church, University) are left out on purpose.
const LOCAL_STREETS = alt(
  `ouellette wyandotte tecumseh huron_church dougall howard walker drouillard erie pelissier goyeau
  glengarry riverside sandwich lauzon seminole giles jefferson pillette banwell dominion dorchester
  crawford mcdougall marentette elliott pitt caron cabana grand_marais devonshire malden matchette
  lesperance dieppe mercer langlois aylmer janette josephine chilver kildare gladstone
  sainte-catherine ste-catherine st-catherine saint-denis st-denis saint-laurent st-laurent sherbrooke
  rene-levesque saint-hubert st-hubert berri papineau de_lorimier pie-ix jean-talon cremazie
  henri-bourassa notre-dame hochelaga mont-royal rachel amherst wolfe beaubien belanger saint-michel
  lacordaire decarie cote-des-neiges van_horne saint-zotique masson viau langelier atwater saint-jacques
  saint-antoine saint-urbain st-urbain bleury saint-dominique de_maisonneuve maisonneuve jarry fleury
  lajeunesse christophe-colomb frontenac parthenais beaudry fullum ontario`,
);
// Institutions and places whose names contain given names or capitalised words ("Hotel-Dieu Grace",
// "Chez Doris", "Howard Johnson", "Maison de Marthe"): inside one of these nothing is a person's name.
// Agencies (shelters, services, helplines, police, hospitals) also make a name next to them a
// worker's ("Sarah from Hiatus House"); hotels and places do not ("met Tanya at Super 8").
const BUILT_IN_AGENCIES = [
  'Hiatus House', 'WEFiGHT', 'Welcome Centre', 'Downtown Mission', 'Windsor Regional Hospital', 'Hotel-Dieu Grace',
  'Sexual Assault Crisis Centre', 'Victim Services', 'Crime Stoppers', 'Legal Assistance of Windsor', 'Family Services',
  "Children's Aid Society", 'House of Sophrosyne', 'Salvation Army', 'Street Help', 'Canadian Mental Health Association',
  'Teen Health Centre', 'Pozitive Pathways', 'Erie Shores HealthCare', 'Chatham-Kent Health Alliance', 'Northern Spotlight',
  'Kids Help Phone', "Assaulted Women's Helpline", 'Talk4Healing', 'Canadian Human Trafficking Hotline', 'Victim Support Line',
  'Maison de Marthe', 'La Maison de Marthe', 'Maison Marguerite', 'Chez Doris', 'Le Chainon', 'La rue des Femmes', 'Maison Passages',
  'CAVAC', 'La Sortie', 'Stella', "Stella, l'amie de Maimie", 'Le Phare des AffranchiEs', 'Dans la rue', 'Mission Old Brewery',
  'Mission Bon Accueil', 'Welcome Hall Mission', 'Maison du Pere', 'Refuge des jeunes', 'Auberge Madeleine', 'Maison Flora Tristan',
  'Accueil Bonneau', 'Foyer pour femmes autochtones', "Fem'aide", 'SOS violence conjugale', 'Info-aide violence sexuelle',
  'Tel-jeunes', "Jeunesse J'ecoute", 'Hopital Sainte-Justine', 'Sainte-Justine', 'Royal Victoria', 'La Maison',
];
const BUILT_IN_PLACES = [
  'Caesars Windsor', 'Ambassador Bridge', 'Devonshire Mall', 'Tecumseh Mall', 'St. Clair College', 'St Clair College',
  'University of Windsor', 'Super 8', 'Motel 6', 'Days Inn', 'Comfort Inn', 'Quality Inn', 'Holiday Inn', 'Best Western',
  'Travelodge', 'Econo Lodge', 'Knights Inn', 'Red Roof Inn', 'Howard Johnson', 'Ramada', 'Hampton Inn', 'Fairfield Inn',
  'Residence Inn', 'Four Points', 'Sandman', 'Royal Marquis', 'Hilton', 'Marriott', 'Sheraton', 'Radisson', 'Holiday Inn Express',
  'Place Emilie-Gamelin', 'Reine Elizabeth', 'Chateau Champlain', 'Lionel-Groulx', 'Guy-Concordia', 'Georges-Vanier',
  'Lucien-LAllier', 'Ville-Marie', 'Marie-Victorin', 'Jean-Talon', 'Henri-Bourassa', 'Rene-Levesque', 'Jean-Drapeau',
  'Honore-Beaugrand', 'Edouard-Montpetit', 'Villa-Maria', 'Hotel Gouverneur', 'Auberge Royal', 'Motel Raphael', 'Hotel Universel',
];
// Hotel words and chains: "room 12 at the Super 8", "#7 au Motel Raphael".
const HOTEL = String.raw`(?:motel|hotel|inn|lodge|auberge|super\s*8|motel\s*6|days\s+inn|travelodge|ramada|hilton|marriott|sheraton|radisson|sandman|howard\s+johnson|best\s+western|econo\s+lodge|knights\s+inn|red\s+roof|comfort\s+inn|quality\s+inn|holiday\s+inn|hampton)`;

// ---------------------------------------------------------------------------------------------------
// What the detectors share about one text
// ---------------------------------------------------------------------------------------------------

interface Scan {
  /** The folded text. */
  text: string;
  /** The folded text with dates, times, sections, money, highways and references replaced by "¤"
   * (same length, so positions line up). */
  masked: string;
  /** Mostly capitals: capitalisation says nothing about names or plates. */
  shouting: boolean;
  /** Spans of the folded text that are a registered agency or a built-in institution or place. */
  covered: ReadonlyArray<readonly [number, number]>;
  /** The spans of `covered` that are agencies (registered or built in), not hotels or places. */
  agencies: ReadonlyArray<readonly [number, number]>;
  /** Lower-case words of the registered names and codes ("wefight", "wps", "hiatus", …). */
  knownWords: ReadonlySet<string>;
  /** What the digit runs of the masked text are, read once. */
  runs: RunKind;
}
type Detector = (scan: Scan) => boolean;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function phrasesRegex(phrases: readonly string[]): RegExp | null {
  const folded = [...new Set(phrases.map((p) => foldText(p)).filter((p) => p.length >= 2))].sort((a, b) => b.length - a.length);
  if (folded.length === 0) return null;
  return rx(`(?<![\\p{L}\\d])(?:${folded.map((p) => escapeRe(p).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\d])`);
}
const BUILT_IN_AGENCIES_RE = phrasesRegex(BUILT_IN_AGENCIES);
const BUILT_IN_PLACES_RE = phrasesRegex(BUILT_IN_PLACES);

interface KnownNames {
  re: RegExp | null;
  words: ReadonlySet<string>;
}
const EMPTY_KNOWN: KnownNames = { re: null, words: new Set() };
// Callers pass the same array of registered names with every text: its regular expression is built
// once per array object (a new array, or a changed registry, builds a new one).
const knownCache = new WeakMap<object, KnownNames>();
function knownNamesOf(names: Iterable<string> | undefined): KnownNames {
  if (!names) return EMPTY_KNOWN;
  const cached = knownCache.get(names);
  if (cached) return cached;
  const list = [...names].filter((n) => typeof n === 'string' && n.trim() !== '');
  const built: KnownNames = {
    re: phrasesRegex(list),
    words: new Set(list.flatMap((n) => foldText(n).toLowerCase().split(/[^\p{L}\d'-]+/u)).filter((w) => w.length >= 2)),
  };
  knownCache.set(names, built);
  return built;
}

function spansOf(re: RegExp | null, text: string, into: Array<readonly [number, number]>): void {
  if (!re) return;
  someMatch(re, text, (m) => {
    into.push([m.index, m.index + m[0].length]);
    return false;
  });
}
const within = (spans: Scan['covered'], at: number): boolean => spans.some(([s, e]) => at >= s && at < e);
const isCovered = (scan: Scan, at: number): boolean => within(scan.covered, at);

// --- masking ---------------------------------------------------------------------------------------

const MONTH = '(?:jan(?:uary|vier)?|feb(?:ruary)?|fev(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|aout|sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember|embre)?)';
const plausibleDate = (a: number, b: number): boolean => (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
const plausibleTime = (hhmm: string): boolean => Number(hhmm.slice(0, -2)) < 24 && Number(hhmm.slice(-2)) < 60;

// Each entry: a pattern and, where the shape alone is not enough, a check on the match.
const MASKS: ReadonlyArray<readonly [RegExp, ((m: RegExpExecArray) => boolean)?]> = [
  // ISO dates and date-times: 2017-10-11, 2017/10/11 22:40.
  [rx(String.raw`(?<![\d.-])(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?(?![\d])`)],
  // dd/mm/yyyy, mm-dd-yy (a plausible day and month either way round).
  [rx(String.raw`(?<![\d.-])(\d{1,2})([-/.])(\d{1,2})\2(?:\d{4}|\d{2})(?![\d]|[-/.]\d)`), (m) => plausibleDate(Number(m[1]), Number(m[3]))],
  // Compact dates: 20171011.
  [rx(String.raw`(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)`)],
  // Times: 10:30, 22h15, 23 h 40, 23h, 2340hrs, @2340, 9pm, 9 p.m., and ranges 2200-0400.
  [rx(String.raw`(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?`)],
  [rx(String.raw`(?<!\d)\d{1,2}\s?h\s?(?:\d{2})?(?![\p{L}\d])`)],
  [rx(String.raw`(?<!\d)\d{3,4}\s?(?:hrs?|hours|h)(?![\p{L}])`)],
  [rx(String.raw`(?<![\d])\d{1,2}(?:\s?[ap]\.?m)(?![\p{L}])\.?`)],
  [rx(String.raw`(?<=@\s?)\d{4}(?!\d)`), (m) => plausibleTime(m[0])],
  [rx(String.raw`(?<![\d-])(\d{4})\s?-\s?(\d{4})(?![\d-])`), (m) => plausibleTime(m[1] ?? '') && plausibleTime(m[2] ?? '')],
  // Day and month, with ranges: "Oct 10-13", "10-13 oct", "12 octobre 2017", "Oct. 12, 2017".
  [rx(String.raw`(?<![\p{L}])${MONTH}\.?\s?\d{1,2}(?:\s?-\s?\d{1,2})?(?:(?:st|nd|rd|th)(?![\p{L}]))?(?:,?\s(?:19|20)\d{2})?(?![\d])`)],
  [rx(String.raw`(?<![\d])\d{1,2}(?:er|st|nd|rd|th)?(?:\s?-\s?\d{1,2})?\s?${MONTH}(?![\p{L}])\.?(?:\s(?:19|20)\d{2})?`)],
  // Money: $300-1000, $ 40, 300$, 250 dollars, 2k.
  [rx(String.raw`\$\s?\d[\d,.]*(?:\s?k(?![\p{L}]))?(?:\s?-\s?\$?\s?\d[\d,.]*(?:\s?k(?![\p{L}]))?)?`)],
  [rx(String.raw`(?<![\d.,])\d[\d,.]*(?:\s?-\s?\d[\d,.]*)?\s?(?:\$|dollars?|bucks|cad|usd)(?![\p{L}])`)],
  // Criminal Code sections: 279.01, 279.011(1), 286.2(1)(a), 212(1)(j), s. 163.1.
  [rx(String.raw`(?<![\d.])\d{2,3}\.\d{1,3}(?:\s?\(\d{1,2}\))*(?:\s?\([a-z]\))?(?![\d.])`)],
  [rx(String.raw`(?<![\d.])\d{3}(?:\(\d{1,2}\))+(?:\([a-z]\))?`)],
  // Highways and exits: Hwy 401, Highway 3, County Rd 20, exit 48, A-20, 401/402, 401 eastbound.
  [rx(String.raw`(?<![\p{L}])(?:hwy|highway|hiway|autoroute|aut|route|rte|county\s+(?:rd|road)|cr|exit|sortie)\.?[\s-]?\d{1,3}(?!\d)`)],
  [rx(String.raw`(?<![\p{L}\d])A-\d{1,3}(?!\d)`, 'gu')],
  [rx(String.raw`(?<![\d])4\d{2}(?:\s?\/\s?4\d{2})+(?!\d)`)],
  [rx(String.raw`(?<![\d])\d{1,3}\s?(?:eastbound|westbound|northbound|southbound|e\/b|w\/b|n\/b|s\/b|eb|wb|nb|sb)(?![\p{L}])`)],
  // Liaison's references (E-12, R-3, C-4) and age bands (19-24).
  [rx(String.raw`(?<![\p{L}\d])[erc]-\d{1,6}(?![\d]|-\d)`)],
  [rx(String.raw`(?<![\d-])(\d{2})\s?-\s?(\d{2})(?![\d]|\s?-\s?\d)`), (m) => Number(m[1]) < Number(m[2])],
  // Percentages.
  [rx(String.raw`(?<![\d])\d{1,3}\s?%`)],
];

function maskText(text: string): string {
  let out = text;
  for (const [re, check] of MASKS) {
    const hide = (m: RegExpExecArray): boolean => {
      if (!check || check(m)) out = out.slice(0, m.index) + '¤'.repeat(m[0].length) + out.slice(m.index + m[0].length);
      return false;
    };
    someMatch(re, out, hide);
  }
  return out;
}

// --- small helpers for detectors --------------------------------------------------------------------

/** Runs `visit` on each match of the global `re` in `text` until it returns true. An exec loop on
 * the shared pattern: `matchAll` would copy the pattern for every text. */
function someMatch(re: RegExp, text: string, visit?: (m: RegExpExecArray) => boolean): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!visit || visit(m)) {
      re.lastIndex = 0;
      return true;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return false;
}
/** The word before `at` in `text` (lower case), skipping spaces and punctuation but not digits. */
function wordBefore(text: string, at: number, skip = 0): string {
  const before = text.slice(Math.max(0, at - 60), at).toLowerCase();
  const ws = before.split(/[^\p{L}\d'/]+/u).filter(Boolean);
  return ws[ws.length - 1 - skip] ?? '';
}
function wordAfter(text: string, at: number): string {
  const m = /^[\s,]*([\p{L}][\p{L}'-]*)/u.exec(text.slice(at, at + 60));
  return (m?.[1] ?? '').toLowerCase();
}
const isCapitalised = (w: string): boolean => /^\p{Lu}\p{Ll}/u.test(w);
const isAllCaps = (w: string): boolean => /^\p{Lu}[\p{Lu}\d-]+$/u.test(w);

// ---------------------------------------------------------------------------------------------------
// Stage 2: detectors, by kind
// ---------------------------------------------------------------------------------------------------

// --- email ---
const TLD = '(?:com|ca|net|org|fr|info|edu|io|co|me|us|be|ch|biz|gouv\\.qc\\.ca|qc\\.ca|gc\\.ca|on\\.ca)';
const WEBMAIL = '(?:gmail|hotmail|yahoo|outlook|icloud|live|msn|aol|videotron|sympatico|bell|rogers|shaw|telus|cogeco|proton(?:mail)?|gmx|mail|ymail|me)';
const AT_WORD = '(?:at|arobase|arobas|chez)';
const AT_TOKEN = String.raw`(?:\s?@\s?|\s?[([{<]\s?(?:${AT_WORD}|@)\s?[)\]}>]\s?|\s${AT_WORD}\s)`;
const DOT_TOKEN = String.raw`(?:\s?\.\s?|\s?[([{<]\s?(?:dot|point|pt|\.)\s?[)\]}>]\s?|\s(?:dot|point)\s)`;
const LOCAL = String.raw`(?<![\p{L}\d._%+-])[\p{L}\d._%+-]{1,64}`;
const EMAIL_LITERAL = rx(String.raw`${LOCAL}@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}`);
const EMAIL_OBFUSCATED = rx(String.raw`${LOCAL}(?<at>${AT_TOKEN})(?<dom>[\p{L}\d-]{2,40})(?:${DOT_TOKEN}[\p{L}\d-]{1,40}){0,3}?(?<dot>${DOT_TOKEN})${TLD}(?![\p{L}\d])`);
const WEBMAIL_ONLY = rx(`^${WEBMAIL}$`, 'iu');
const EMAIL_WEBMAIL_NO_TLD = rx(String.raw`${LOCAL}${AT_TOKEN}${WEBMAIL}(?![\p{L}\d])`);
const detectEmail: Detector = ({ text }) =>
  someMatch(EMAIL_LITERAL, text) ||
  // Obfuscated: "jane at gmail dot com", "jane(at)yahoo(dot)ca", "marie arobase videotron point ca",
  // "jane [@] gmail [.] com". With the bare word "at" and a spaced full stop ("met at casino. ca
  // va"), only a webmail domain counts.
  someMatch(EMAIL_OBFUSCATED, text, (m) => {
    const plainAt = /^\s\p{L}+\s$/u.test(m.groups?.at ?? '');
    const plainDot = /^\s?\.\s?$/.test(m.groups?.dot ?? '') && /\s/.test(m.groups?.dot ?? '');
    return !(plainAt && plainDot && !WEBMAIL_ONLY.test(m.groups?.dom ?? ''));
  }) ||
  // A local part "at" a webmail provider, the domain's ending left off: "jane99 at hotmail".
  someMatch(EMAIL_WEBMAIL_NO_TLD, text, (m) => !NOT_A_NAME.has((/^[^\s@([{<]+/.exec(m[0])?.[0] ?? '').toLowerCase()) && !/^(?:met|seen|found|stayed|was|is)$/i.test(/^[^\s@([{<]+/.exec(m[0])?.[0] ?? ''));

// --- social links and handles ---
const SOCIAL_SITES = String.raw`(?:instagram\.com|instagr\.am|facebook\.com|fb\.com|fb\.me|m\.me|messenger\.com|tiktok\.com|snapchat\.com|twitter\.com|x\.com|threads\.net|onlyfans\.com|fansly\.com|linkedin\.com|youtube\.com|youtu\.be|reddit\.com|t\.me|telegram\.me|wa\.me|whatsapp\.com|pinterest\.com|tumblr\.com|kik\.me|vk\.com|discord\.gg|twitch\.tv|linktr\.ee|allmylinks\.com|beacons\.ai|cash\.app|leolist\.cc|skipthegames\.com|megapersonals\.eu|tryst\.link|eros\.com|listcrawler\.\w+|backpage\.\w+|craigslist\.\w+|pof\.com|tinder\.com|seeking\.com)`;
// A bare mention of a platform ("recruited via Instagram") is how, not who; a link to one is a profile.
const SOCIAL_LINK = rx(String.raw`(?<![\w.-])(?:https?:\/\/)?(?:[\w-]+\.)*${SOCIAL_SITES}(?![\w-])`);
const detectSocialLink: Detector = ({ text }) => someMatch(SOCIAL_LINK, text);

const PLATFORM = String.raw`(?:ig|insta(?:gram)?|snap(?:chat)?|tik\s?tok|fb|facebook|messenger|twitter|kik|telegram|onlyfans|fansly|threads|whatsapp|discord|wechat|reddit|tinder|bumble|grindr|skype|user\s?name|handle|pseudo)`;
const NOT_A_HANDLE = wordSet(`here channel everyone home casino hq motel hotel shelter station scene work school hospital
  the night noon midnight`);
const handleValue = (scan: Scan, value: string, loose: boolean): boolean => {
  const v = value.toLowerCase().replace(/\.+$/, '');
  if (v.length < 2 || NOT_A_NAME.has(v) || NOT_A_HANDLE.has(v) || scan.knownWords.has(v) || AGENCY_CODES.has(v)) return false;
  if (/^\d+(?:hrs?|h|am|pm|ish)?$/.test(v)) return false;
  return loose || /[._\d]/.test(v);
};
const HANDLE_AT = rx(String.raw`(?<![\w.@<])@(?<h>[\p{L}\d_.]{2,30})`);
const HANDLE_LABELLED = rx(String.raw`(?<![\p{L}])${PLATFORM}\s?(?:handle|account|acct|username|user|name|id|page|profile|compte|profil)?\s?(?:is|est|:|=|@|-)\s?@?(?<h>[\p{L}\d_.]{2,30})`);
const HANDLE_AS = rx(String.raw`(?<![\p{L}])${PLATFORM}\s(?:as|comme|under|sous)\s@?(?<h>[\p{L}\d_.]{2,30})`);
const HANDLE_BARE = rx(String.raw`(?<![\p{L}])${PLATFORM}\s[([]?@?(?<h>[\p{L}\d_.]{4,30})`);
const detectHandle: Detector = (scan) =>
  // "@name": not an email (handled above), not a Slack mention (dropped), not "@10pm" or "@2340hrs".
  someMatch(HANDLE_AT, scan.text, (m) => /\p{L}/u.test(m.groups?.h ?? '') && handleValue(scan, m.groups?.h ?? '', true)) ||
  // "IG: janey_x", "snap: candygirl22", "her snapchat is candy_22", "tiktok handle: sweet.jen".
  someMatch(
    HANDLE_LABELLED,
    scan.text,
    (m) => handleValue(scan, m.groups?.h ?? '', !/\s(?:is|est)\s/i.test(m[0])),
  ) ||
  // "on OnlyFans as candyx", "sur IG comme sophie": what follows "as" is the account's name.
  someMatch(HANDLE_AS, scan.text, (m) => handleValue(scan, m.groups?.h ?? '', true)) ||
  // "IG candy.x22", "snap sweetcandy_22", "her snap (candy.wsor)": a value that looks like a handle.
  someMatch(HANDLE_BARE, scan.text, (m) => {
    const h = m.groups?.h ?? '';
    return /\p{L}/u.test(h) && /[._\d]/.test(h.replace(/\.$/, '')) && handleValue(scan, h, false);
  });

// --- date of birth ---
const BIRTH_KEY = String.raw`(?:born|dob|date\s+of\s+birth|birth\s?date|birthday|bday|b-day|date\s+de\s+naiss(?:ance|\.)?|ddn|dn|anniversaire|yob|year\s+of\s+birth|birth\s?year|annee\s+de\s+naissance|naissance|nee?s?(?=\s(?:le|en|in|on|the|vers)\b)|ne\(?e\)?(?=\s)|b\.(?=\s?(?:19|20)\d{2}))`;
const BIRTH_FILLER = String.raw`(?:'s)?(?:[\s:,.=#-]+(?:is|was|on|in|the|of|as|at|given|listed|she|says|said|claims|her|his|approx|approximately|around|about|circa|ca|early|late|mid|le|la|l'|en|est|vers|environ|elle|dit|serait|maybe|possibly|prob|probably|would\s+be|supposedly)){0,4}[\s:,.=#-]*`;
const BIRTH_DATE = String.raw`(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)|\d{8}(?!\d)|\d{1,2}\/\d{1,2}(?![\d/])|(?:19|20)\d{2}(?!\d)|'\d{2}(?!\d)|\d{1,2}(?:st|nd|rd|th|er)?(?:\s+of)?\s?${MONTH}(?![\p{L}])\.?(?:,?\s?'?\d{2,4})?|${MONTH}\.?,?\s?(?:19|20)\d{2}(?!\d)|${MONTH}\.?\s?\d{1,2}(?:st|nd|rd|th|er)?(?!\d)|\d{1,2}\s+(?:years?|yrs?|ans)\s+ago)`;
const BIRTH_WITH_DATE = rx(String.raw`(?<![\p{L}])${BIRTH_KEY}(?![\p{L}])${BIRTH_FILLER}${BIRTH_DATE}`);
const BIRTH_TWO_DIGIT_YEAR = rx(String.raw`(?<![\p{L}])(?:yob|year\s+of\s+birth|birth\s?year|annee\s+de\s+naissance|born(?:\s+in)?|nee?s?\s+en|ne\s+en)[\s:=#-]*\d{2}(?![\d\p{L}'/])`);
const BIRTH_TURNING = rx(String.raw`(?<![\p{L}])turn(?:s|ing)\s+\d{1,2}\s+(?:on|in|le)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+)?${MONTH}`);
const BIRTH_RELATIVE_DAY = rx(String.raw`(?<![\p{L}])(?:birthday|bday|b-day|anniversaire)\s(?:is\s|est\s|was\s|etait\s|c'est\s)?(?:today|tomorrow|tmrw|tmr|yesterday|tonight|demain|aujourd'hui|hier|ce\s+soir)(?![\p{L}])`);
const detectBirth: Detector = ({ text }) =>
  someMatch(BIRTH_WITH_DATE, text) ||
  // A bare two-digit year only after a year-of-birth keyword ("YOB 99", "born in 01", "née en 03").
  someMatch(BIRTH_TWO_DIGIT_YEAR, text) ||
  someMatch(BIRTH_TURNING, text) ||
  // "her birthday is tomorrow": the record's own date then gives the day and month of birth.
  someMatch(BIRTH_RELATIVE_DAY, text);

// --- licence plates ---
const PLATE_KEY = String.raw`(?:licen[cs]e\s?plates?|lic\.?\s?plates?|plates?|plaques?(?:\s+d'\s?immatriculation)?|immatriculation|immat\.?|lp)`;
const PLATE_FILLER = String.raw`(?:[\s:#=-]+|\s(?:no\.?|number|numero|n°|is|was|est|etait|of|de|reads?|reading|shows?|on|ont(?:ario)?|qc|que(?:bec)?|mi|mich(?:igan)?|ny|oh|us|usa|starts?\s+with|starting\s+with|ends?\s+(?:in|with)|ending\s+in|commence\s+par|commencant\s+par|se\s+termine\s+par|finit\s+par|partial|partielle|maybe|possibly|approx)(?![\p{L}]))*`;
const COMMON_SHORT = wordSet(`the and was in on at for with seen not no car van red blue grey gray black white silver truck suv
  jeep ford dodge seen only also near from then left dark new old two one and de la le du des et sur pas vu une un`);
const plateGroup = (g: string): boolean => /\d/.test(g) ? g.length <= 8 : g.length <= 4 && !COMMON_SHORT.has(g.toLowerCase());
const PLATE_WITH_KEY = rx(String.raw`(?<![\p{L}])${PLATE_KEY}(?![\p{L}])${PLATE_FILLER}(?<v>[\p{L}\d]{1,8}(?:[\s-][\p{L}\d]{1,8}){0,3})`);
const detectPlateKeyword: Detector = ({ text }) =>
  someMatch(PLATE_WITH_KEY, text, (m) => {
    // Groups are read left to right; a word that cannot be part of a plate starts the value over
    // ("plate starts with CBX 4", "plaques ontariennes CBXT 442").
    let value = '';
    for (const g of (m.groups?.v ?? '').split(/[\s-]/)) {
      value = plateGroup(g) && value.length + g.length <= 8 ? value + g : plateGroup(g) ? g : '';
      if (value.length >= 2 && /\d/.test(value) && /\p{L}/u.test(value)) return true;
    }
    return false;
  });
// Plate shapes with no keyword, in capitals in a text that is not all capitals: Ontario ABCD 123,
// Québec 123 ABC / ABC 123, older and US ABC 1234, glued ABC1234. Agency codes and the usual
// abbreviations before a number ("HWY 401", "OPP 331", "RM 214") are not plates.
const NOT_PLATE_LETTERS = wordSet(`hwy rte apt rm exit unit room suite team code age ages case file occ ref dob yob sin nas uci iuc
  id po box ohip ramq qew dvp ttc stm via am pm er icu usd cad eur est hrs min mins km tel cell no num note
  cc ccc sos cpic niche rms pro bus car van apt det sgt cst`);
const PLATE_SHAPE = rx(String.raw`(?<![\p{L}\d¤'-])(?:(?<l1>[A-Z]{4})[ -]?\d{3}|(?<l2>[A-Z]{3})[ -]?\d{3,4}|\d{3}[ -]?(?<l3>[A-Z]{3}))(?![\p{L}\d¤])`, 'gu');
const detectPlateShape: Detector = (scan) =>
  !scan.shouting &&
  someMatch(PLATE_SHAPE, scan.masked, (m) => {
    const letters = (m.groups?.l1 ?? m.groups?.l2 ?? m.groups?.l3 ?? '').toLowerCase();
    return !NOT_PLATE_LETTERS.has(letters) && !AGENCY_CODES.has(letters) && !scan.knownWords.has(letters) && !/^(?:19|20)\d{2}$/.test(m[0].replace(/\D/g, ''));
  });

// --- government IDs ---
const ID_KEY = String.raw`(?:sin|nas|social\s+insurance(?:\s+(?:number|no|#))?|assurance\s+sociale|passport|passeport|driver'?s?\s+licen[cs]e|dl|licen[cs]e(?!\s?plate)|permis(?:\s+de\s+(?:conduire|travail|sejour)|\s+d'etudes?)?|(?:work|study)\s+permit|permit|health\s+card|carte\s+(?:sante|soleil|d'assurance\s+maladie)|ohip|ramq|nam|status\s+card|carte\s+de\s+statut|uci|iuc|client\s+id|(?:no|numero)\s+de\s+client|pr\s+card|carte\s+de\s+residen(?:t|ce)\s+permanente?|birth\s+certificate|certificat\s+de\s+naissance|id|piece\s+d'identite)`;
// "incident ID", "occurrence ID", "case ID" … number an event, not a person.
const ID_NOT_PERSON_BEFORE = wordSet(`incident occurrence occ case file report event call op operation message ticket record referral dossier evenement cad rms niche`);
const ID_WITH_KEY = rx(String.raw`(?<![\p{L}])${ID_KEY}(?![\p{L}])(?:\s?(?:number|no\.?|num|numero|#|n°|is|est|was|:|=|-))*\s?(?<v>[\p{L}]{0,4}[\s-]?\d[\d\s.-]{3,22}\d(?:[\s-]?[\p{L}]{1,2}(?![\p{L}]))?)`);
const detectIdKeyword: Detector = ({ text }) =>
  someMatch(
    ID_WITH_KEY,
    text,
    (m) => {
      const v = m.groups?.v ?? '';
      const keyAt = m.index;
      if (/^id$/i.test(/^[\p{L}]+/u.exec(m[0])?.[0] ?? '') && ID_NOT_PERSON_BEFORE.has(wordBefore(text, keyAt))) return false;
      if (/^(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(v.trim())) return false;
      return digitCount(v) >= (/^(?:uci|iuc|client)/i.test(m[0]) ? 8 : 6);
    },
  );
const ONTARIO_DRIVER_LICENCE = rx(String.raw`(?<![\p{L}\d.-])[a-z]\d{4}[\s-]?\d{5}[\s-]?\d{5}(?![\p{L}\d-])`);
const QUEBEC_DRIVER_LICENCE = rx(String.raw`(?<![\p{L}\d.-])[a-z]\d{4}[\s-]?\d{6}[\s-]?\d{2}(?![\p{L}\d-])`);
const QUEBEC_HEALTH_CARD = rx(String.raw`(?<![\p{L}\d.-])[a-z]{4}[\s-]?\d{4}[\s-]?\d{4}(?![\p{L}\d-])`);
const PERMIT_NUMBER = rx(String.raw`(?<![\p{L}\d.-])[a-z]\d{8,10}(?![\p{L}\d-])`);
const PASSPORT_NUMBER = rx(String.raw`(?<![\p{L}\d.-])[a-z]{2}[\s-]?\d{6}(?![\p{L}\d.-])`);
const detectIdShape: Detector = ({ masked }) =>
  // Ontario driver's licence A1234-56789-01234; Québec driver's licence, a letter and 12 digits.
  someMatch(ONTARIO_DRIVER_LICENCE, masked) ||
  someMatch(QUEBEC_DRIVER_LICENCE, masked) ||
  // Québec health card ABCD 1234 5678; immigration permit U123456789; passport AB123456.
  someMatch(QUEBEC_HEALTH_CARD, masked) ||
  someMatch(PERMIT_NUMBER, masked) ||
  someMatch(PASSPORT_NUMBER, masked);

// --- phone numbers (and bare SIN / health-card digit runs) ---
// A run of digit groups joined by separators as people type them: spaces, dots, dashes, slashes,
// brackets, and Slack's own *bold* _italic_ ~strike~ marks.
const DIGIT_RUN = /(?<!\d)(?<plus>\+\s?)?\d+(?:(?:\s?[-./()_*~|\\]{1,2}\s?|\s)\d+)*/g;
const PHONE_WORDS = rx(String.raw`(?:^|[^\p{L}])(?:phone|ph|cell|cel|cellphone|mobile|mob|tel|telephone|num|numero|number|nbr|no|#|text|txt|texts|texted|texting|sms|whatsapp|wa|signal|call|calls|called|reach|reached|contact|joindre|rejoindre|appeler|texto|cellulaire|portable|poste|ext)(?![\p{L}])[^\p{L}\d¤]{0,6}(?:(?:her|him|them|me|at|on|au|is|est|la|le|:)[^\p{L}\d¤]{0,4}){0,3}$`, 'iu');
// "case #", "occurrence no.", "file number", "dossier no": the number that follows is a record's.
const RECORD_NUMBER_BEFORE = rx(String.raw`(?<![\p{L}])(?:incident|occurrence|occ|case|file|report|dossier|evenement|ticket|ref|reference|badge|unit|event|cad|rms|niche)\s?(?:no\.?|#|number|num|numero|n°)?[^\p{L}\d]*$`, 'iu');
// Toll-free area codes are helplines and businesses, never a person's cell.
const TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);

type RunKind = 'phone' | 'government_id' | 'helpline' | null;

/** Whether digit groups split a North American number only where people split one: 3-3-4 (with
 * any of those merged, the last four in pairs), or digit by digit. "2017-123456" (an occurrence
 * number) splits after four and is not a phone number. `offset` is 1 when a leading 1 is typed. */
function nanpGrouping(lengths: readonly number[], offset: number): boolean {
  let at = 0;
  for (let k = 0; k < lengths.length - 1; k++) {
    const here = lengths[k] ?? 0;
    at += here;
    const b = at - offset;
    if (b === 0 || b === 3 || b >= 6 || here === 1 || lengths[k + 1] === 1) continue;
    return false;
  }
  return true;
}
function classifyWindow(groups: readonly string[], seps: readonly string[], phoneContext: boolean): RunKind {
  const d = groups.join('');
  const lengths = groups.map((g) => g.length);
  const shape = lengths.join();
  const singles = lengths.every((l) => l === 1);
  const shortGroups = lengths.every((l) => l <= 2);
  const nanp = d.length === 10 ? d : d.length === 11 && d.startsWith('1') ? d.slice(1) : '';
  if (/^[2-9]/.test(nanp)) {
    if (TOLL_FREE.has(nanp.slice(0, 3))) return 'helpline';
    if (shape === '4,3,3') return 'government_id';
    if (singles || phoneContext) return 'phone';
    // Pairs with no leading zero are a list of ages ("ages 22 24 25 19 21"), not a number.
    if (!shortGroups && nanpGrouping(lengths, d.length - nanp.length)) return 'phone';
  }
  if (phoneContext && d.length >= 7 && d.length <= 15) return 'phone';
  if (singles) return d.length >= 7 ? 'phone' : null;
  if (d.length === 10 && shortGroups && lengths.length === 5 && d.startsWith('0')) return 'phone';
  if (d.length === 10 && (shape === '4,3,3' || shape === '10')) return 'government_id';
  if (d.length === 9 && (shape === '9' || shape === '3,3,3')) return 'government_id';
  if (shape === '3,4' && /^[2-9]/.test(d) && /^[-.]$/.test(seps[0] ?? '')) {
    // "$300-1000"-like ranges (both ends multiples of 50) are prices, not "555-0134".
    return Number(groups[0]) % 50 === 0 && Number(groups[1]) % 50 === 0 ? null : 'phone';
  }
  return null;
}
/** Phone numbers, SINs and health-card numbers among the digit runs of the masked text. */
function classifyRuns(masked: string): RunKind {
  let found: RunKind = null;
  someMatch(DIGIT_RUN, masked, (m) => {
    const run = m[0];
    const start = m.index;
    // Every kind below needs seven digits or more: most runs (counts, ages, room numbers) stop here.
    if (digitCount(run) < 7) return false;
    const groups = run.match(/\d+/g) ?? [];
    const seps = run.split(/\d+/).slice(1, -1).map((s) => s.trim() || ' ');
    const plus = Boolean(m.groups?.plus);
    // International: "+44 20 7946 0958", "011 44 …", "0033 …" with 8 to 15 digits after the prefix.
    const intlFrom = plus && !/^\+\s?1/.test(run) ? 0 : /^(?:00|011)$/.test(groups[0] ?? '') && groups.length > 1 ? 1 : -1;
    if (intlFrom >= 0) {
      const n = digitCount(groups.slice(intlFrom).join(''));
      if (n >= 8 && n <= 15) {
        found = 'phone';
        return true;
      }
    }
    const before = masked.slice(Math.max(0, start - 40), start);
    const phoneContext = PHONE_WORDS.test(before) && !RECORD_NUMBER_BEFORE.test(before);
    // The whole run, then its prefixes and suffixes, longest first: a count or a room number typed
    // next to a phone number ("age 19 519-555-0134") does not hide it, and a helpline's last seven
    // digits ("1-833-900-1010") are not read as a local number.
    const windows: Array<readonly [number, number, number]> = [];
    for (let i = 0; i < groups.length; i++) {
      let digits = 0;
      for (let j = i; j < groups.length; j++) {
        digits += (groups[j] ?? '').length;
        if (digits > 15) break;
        if (i === 0 || j === groups.length - 1) windows.push([i, j, digits]);
      }
    }
    windows.sort((x, y) => y[2] - x[2] || x[0] - y[0]);
    for (const [i, j] of windows) {
      const kind = classifyWindow(groups.slice(i, j + 1), seps.slice(i, j), phoneContext && i === 0);
      if (kind === 'helpline') return false;
      if (kind) {
        found = kind;
        return true;
      }
    }
    return false;
  });
  return found;
}
const SPELLED_PHONE = rx(String.raw`(?<![\p{L}])${DIGIT_WORD}(?:[\s,.-]+(?:${DIGIT_WORD}(?![\p{L}])|\d)){6,}`);
const detectSpelledPhone: Detector = ({ text }) =>
  // Digit words that survived folding (one word between digits is not folded): "five one nine…".
  someMatch(SPELLED_PHONE, text);

// --- postal codes ---
// Canadian A1A 1A1 (D F I O Q U never appear; W and Z never lead); digits may be typed as O or l.
const POSTAL_CODE = rx(String.raw`(?<![\p{L}\d])[abceghj-nprstvxy][\dOlI][abceghj-nprstv-z][\s-]?[\dOlI][abceghj-nprstv-z][\dOlI](?![\p{L}\d])`);
const detectPostal: Detector = ({ text }) =>
  someMatch(POSTAL_CODE, text, (m) => digitCount(m[0]) >= 2);

// --- street addresses, units and rooms ---
const STREET_TYPE = '(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|crescent|cres|place|pl|way|terrace|ter|parkway|pkwy|circle|cir|trail|trl|close|grove|gate|row|mews)';
const FR_STREET_TYPE = '(?:rue|avenue|av|boulevard|boul|bd|blvd|chemin|ch|route|rte|rang|place|pl|allee|impasse|montee|cote|promenade|croissant|terrasse|ruelle|sentier|carre|square)';
// Words that cannot be part of a street name, so "3 people on Ouellette Ave" (a count and a coarse
// area) is not read as a civic number: prepositions, counted nouns, units of distance and time.
const NOT_STREET = alt(
  `on at near in by of off along from to and or the a an with around behind between outside inside past
  across toward towards people persons person women woman men man girls girl boys boy youth females female
  males male officers officer adults adult minors minor victims victim individuals individual clients
  client kids children johns guys cars vehicles units calls times days nights weeks months hours hrs hr
  min mins minutes km blocks block doors exit eastbound westbound northbound southbound more other
  different separate am pm yo yrs years ans sur pres au aux de du des la le les et dans vers coin
  personnes personne femmes homme hommes filles fille jeunes policiers agents fois jours nuits heures
  minutes rues voitures`,
);
// A number right after one of these is not a civic number: "Super 8 Huron Church Rd", "Motel 6
// Tecumseh Rd", "Hwy 3 …", "E-12 …".
const NOT_CIVIC_AFTER = wordSet(`super motel studio hwy highway route rte exit sortie county unit room rm suite apt chambre e r c
  ch no number numero age ages aged`);
const civicOk = (text: string, at: number): boolean => {
  const adjacent = /([\p{L}\d]+)\s?#?$/u.exec(text.slice(Math.max(0, at - 20), at));
  return !NOT_CIVIC_AFTER.has((adjacent?.[1] ?? '').toLowerCase());
};
const CIVIC = String.raw`(?<![\p{L}\d:.,/$¤'-])(?:\d{1,6}[a-z]?(?:-\d{1,6})?|\d(?: \d){2,5})`;
const ADDRESS_EN = rx(String.raw`${CIVIC},?\s(?:(?!${NOT_STREET}(?![\p{L}]))\p{L}[\p{L}'.-]*\s){1,3}${STREET_TYPE}\.?(?![\p{L}])`);
const ADDRESS_FR = rx(String.raw`${CIVIC},?\s(?<t>${FR_STREET_TYPE})\.?\s(?<a>de\sla\s|de\sl'|du\s|des\s|de\s|d')?(?<w>\p{L})`);
const ADDRESS_NO_TYPE = rx(String.raw`${CIVIC},?\s(?:${LOCAL_STREETS}|(?:saint|sainte|st|ste)[\s.-]+\p{L}{3,})(?![\p{L}])`);
const ADDRESS_AFTER_LIVING_VERB = rx(String.raw`(?<![\p{L}])(?:lives?|living|lived|stay(?:s|ing|ed)?|resid(?:es|ing|ed|e)|crash(?:es|ing)|sleep(?:s|ing)|address|addr|adresse|habite|habitait|demeure|reste|restait|vit|vivait|loge|heberg\p{L}*|domicile|domiciled)(?![\p{L}])(?:\s(?:at|on|in|au|a|sur|chez))?\s?[:-]?\s?(?<n>\d{1,6}[a-z]?)\s(?<w>\p{L}[\p{L}'-]*)`);
const NOT_STREET_WORD = rx(`^${NOT_STREET}$`, 'iu');
const LOCAL_STREET_WORD = rx(`^${LOCAL_STREETS}$`, 'iu');
const ADDRESS_FR_NUMBER_AFTER = rx(String.raw`(?<![\p{L}])${FR_STREET_TYPE}\.?\s(?:de\s|du\s|des\s|d')?\p{Lu}[\p{L}'-]*(?:\s\p{L}[\p{L}'-]*){0,2},?\s(?:au|no\.?|n°|numero|#)\s?\d{1,6}(?![\p{L}\d])`, 'gu');
const UNIT_NUMBER = rx(String.raw`(?<![\p{L}])(?:apt|apartment|appt|appartement|app|unit|suite|ste|logement)\.?\s?(?:#|no\.?|n°|number|numero)?\s?\d{1,5}[a-z]?(?![\p{L}\d])`);
const PO_BOX = rx(String.raw`(?<![\p{L}])(?:p\.?\s?o\.?\s?box|case\s+postale|c\.p\.)\s?\d+`);
const ROOM_NUMBER = rx(String.raw`(?<![\p{L}])(?:room|rm|chambre|chbr|chb|ch\.)\.?\s?(?:#|no\.?|n°|number|numero)?\s?\d{1,4}[a-z]?(?![\p{L}\d])`);
const HOTEL_THEN_ROOM = rx(String.raw`(?<![\p{L}])${HOTEL},?\s?(?:#\s?\d{1,4}|\d{3,4})(?![\p{L}\d])`);
const ADDRESS_WITH_DIRECTION = rx(String.raw`${CIVIC}\s(?<w>\p{L}+)\s(?:e|w|n|s|east|west|north|south|est|ouest|nord|sud)\.?(?![\p{L}\d])`);
const HOTEL_ROOM_IN = rx(String.raw`(?<![\p{L}])(?:in|dans(?:\sla)?|#|no\.?)\s?\d{1,4}\s(?:at|@|au|a|du|de)\s(?:the\s|le\s|l')?${HOTEL}`);
const detectAddress: Detector = ({ masked, shouting, knownWords }) =>
  // English: civic number, one to three street-name words, a street type ("3120 Dougall Ave").
  someMatch(ADDRESS_EN, masked, (m) => civicOk(masked, m.index)) ||
  // French: civic number, street type first ("45 rue Ouellette", "1200 boul. Saint-Laurent").
  // "place", "côte", "route", "carré" are also words ("1 place only"): their name must be Capitalised.
  someMatch(ADDRESS_FR, masked, (m) => {
    const plainWord = /^(?:place|pl|cote|route|rte|carre|square|rang|ch|promenade|sentier|terrasse|croissant)$/i.test(m.groups?.t ?? '');
    return civicOk(masked, m.index) && (!plainWord || shouting || Boolean(m.groups?.a) || /\p{Lu}/u.test(m.groups?.w ?? ''));
  }) ||
  // No street type: a local street or a saint's name ("3120 Dougall", "au 1500 Ste-Catherine Est").
  someMatch(ADDRESS_NO_TYPE, masked, (m) => civicOk(masked, m.index)) ||
  // "lives at 3120 Dougall", "reste au 12 Oak": a living verb, a number and a street-like word.
  someMatch(
    ADDRESS_AFTER_LIVING_VERB,
    masked,
    (m) => {
      const w = m.groups?.w ?? '';
      return !NOT_STREET_WORD.test(w) && (shouting || isCapitalised(w) || LOCAL_STREET_WORD.test(w));
    },
  ) ||
  // French, the number after the street: "rue Ontario au 2220", "boul. Décarie, no 4500".
  someMatch(ADDRESS_FR_NUMBER_AFTER, masked) ||
  // A unit in a building ("apt 4", "unit 12", "suite 300", "appartement 12"), a PO box.
  someMatch(UNIT_NUMBER, masked, (m) => {
    const before = wordBefore(masked, m.index);
    // A unit that acts ("Unit 12 responded") is a police crew, not a dwelling.
    const next = wordAfter(masked, (m.index) + m[0].length);
    if (/^(?:responded|responding|attended|attending|arrived|on|cleared|dispatched|assisted|assisting|en|sur|arrive|arrivee)$/.test(next)) return false;
    return !/^(?:k9|canine|patrol|police|traffic|tactical)$/.test(before) && !AGENCY_CODES.has(before) && !knownWords.has(before);
  }) ||
  someMatch(PO_BOX, masked) ||
  // A hotel or motel room, with or without the hotel's name ("rm 3", "chambre 7", "room 12 at the
  // Super 8"); rooms of the station, the court or the hospital ward ("interview room 2") pass.
  someMatch(ROOM_NUMBER, masked, (m) => {
    const at = m.index;
    if (/^(?:interview|meeting|waiting|conference|board|break|court|training|briefing|staff|community|family|quiet|soft|observation|exam|examination|salle|reunion|entrevue|attente|hq|station|detachment|division|precinct|office|poste|quartier)$/.test(wordBefore(masked, at))) return false;
    return !/^\s?(?:at|@|au|a|du)\s(?:the\s)?(?:[\p{L}-]+\s)?(?:hq|station|detachment|office|courthouse|poste|quartier|centre)(?![\p{L}])/iu.test(masked.slice(at + m[0].length, at + m[0].length + 30));
  }) ||
  someMatch(HOTEL_ROOM_IN, masked) ||
  // A hotel's name then its room: "Days Inn 214", "Super 8 #12", "Motel 6, rm 3" (rm is above).
  someMatch(HOTEL_THEN_ROOM, masked) ||
  // A civic number, a Capitalised street and a direction, street type left off: "3120 Baker E".
  someMatch(ADDRESS_WITH_DIRECTION, masked, (m) => civicOk(masked, m.index) && isCapitalised(m.groups?.w ?? '') && !NOT_STREET_WORD.test(m.groups?.w ?? ''));

// --- personal names ---
// Introducers, strongest first. STRONG ones introduce a name whatever its case ("name is jane",
// "s'appelle marie"); MEDIUM ones introduce a name only when what follows looks like one: a
// Capitalised word that is not an organisation, a known given or working name, or a quoted word
// ("called Ashley" but not "called back", "called WPS", "called Victim Services").
const ORG_NAME_BEFORE = String.raw`(?<!(?:agency|operation|op|shelter|hotel|motel|business|company|program|programme|team|unit|file|officer|site|app|street|road|bar|club|group|org|organi[sz]ation|service|platform|account|user|worker|staff|project|place|venue|spa|parlou?r|event|school|hospital|clinic|contact|operation's|agency's)\s)`;
const STRONG_INTRODUCERS = [
  String.raw`(?<![\p{L}])(?:first|last|real|full|given|legal|working|street|stage|nick|sur|maiden|family|middle|christian)[\s-]?names?(?![\p{L}])(?:\s?(?:is|was|are|=|:|-|of)(?![\p{L}]))?`,
  String.raw`${ORG_NAME_BEFORE}(?<![\p{L}])name(?:'s|\s(?:is|was)(?![\p{L}])|\s?[:=]|\s-)`,
  String.raw`(?<![\p{L}])(?:named|aka|alias|nicknamed?)(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:calls?|called)\s(?:herself|himself|themselves|themself)(?:\sas)?(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:introduced|introduces|identified|identifies|refers\sto|referred\sto|presents?|presented)\s(?:herself|himself|themselves|themself)\sas(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:go(?:es|ing)?|went)\sby\sthe\sname(?:\sof)?(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:by|under|uses|used|using|answers\sto|answered\sto)\sthe\sname(?:\sof)?(?![\p{L}])`,
  String.raw`(?:(?<![\p{L}])(?:is|was|are|were|be|been|being)|'s)\scalled(?![\p{L}])`,
  String.raw`(?<![\p{L}])s'\s?appel(?:le|lait|lerait|ler)(?![\p{L}])`,
  String.raw`(?<![\p{L}])se\s(?:nomm|prenomm)(?:e|ait)(?![\p{L}])`,
  String.raw`(?<![\p{L}])se\sfai(?:t|sait)\sappeler(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:on|il|elle|ils|elles|tout\sle\smonde)\sl'appel(?:le|lent|ait|aient)(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:connue?s?\s)?sous\sle\snom(?:\sde|\sd')?(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:du|au|repond\sau|repondait\sau)\snom\sde(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:son\s|sa\s)?(?:nom|prenom|surnom)(?:\sde\sfamille)?(?:\s?(?:est|etait|:|=)|\s-)`,
  String.raw`(?<![\p{L}])nom\s(?:de\sfamille|d'artiste|de\sscene|de\srue|de\stravail|de\sguerre|d'emprunt)(?![\p{L}])\s?[:=-]?`,
  String.raw`(?<![\p{L}])(?:prenommee?s?|surnommee?s?)(?![\p{L}])`,
];
const MEDIUM_INTRODUCERS = [
  String.raw`(?<![\p{L}-])called(?![\p{L}])`,
  String.raw`(?<![\p{L}])calls\s(?:her|him|them)(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:go(?:es|ing)?|went)\sby(?![\p{L}])`,
  String.raw`(?<![\p{L}])known\sas(?![\p{L}])`,
  String.raw`(?<![\p{L}])answers?\sto(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:introduced|identified|presented)\sas(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:appelee?s?|nommee?s?|dite?)(?![\p{L}])`,
  String.raw`(?<![\p{L}])se\spresente\scomme(?![\p{L}])`,
];
// The name itself: optional opening quote, then the word.
const NAME_VALUE = String.raw`\s?(?<q>["'])?\s?(?<n>\p{L}[\p{L}\d'-]*)`;
const STRONG_RE = rx(`(?:${STRONG_INTRODUCERS.join('|')})${NAME_VALUE}`, 'gdiu');
const MEDIUM_RE = rx(`(?:${MEDIUM_INTRODUCERS.join('|')})${NAME_VALUE}`, 'gdiu');
// Nouns before "called/named/known as": a person ("a girl called ashley": what follows is a name
// whatever its case) or a thing ("a motel called the Imperial", "an app called Tinder": never).
const PERSON_NOUNS = wordSet(`girl woman lady guy man boy person friend female male youth minor client bf boyfriend gf girlfriend
  pimp driver john sister cousin roommate brother mother father daughter son fille femme gars homme amie ami chum copain
  copine proxenete soeur cousine colocataire`);
const THING_NOUNS = wordSet(`motel hotel inn bar club place app site website group gang company business spa parlour parlor
  restaurant shelter program programme agency helpline hotline line street road area town building strip show brand
  game drug pill car boat account page channel chat website endroit bar club application groupe gang entreprise
  salon refuge programme organisme ligne rue quartier batiment immeuble`);

/** Whether `word`, found at `start` of the folded text by a rule of the given `mode`, is a person's
 * name there: not a function word, an institution, a place, a role, or a worker's name. */
function looksLikeName(scan: Scan, start: number, word: string, mode: 'strong' | 'medium' | 'bare' | 'title', quoted = false): boolean {
  const { text } = scan;
  const w = word.toLowerCase().replace(/'s$/, '');
  const parts = w.split('-');
  // A quoted word after an introducer is the name given ("goes by 'Honey'"), unless it is a
  // function word ("known as 'the Strip'").
  if (quoted && mode !== 'bare') return w.length >= 2 && !FUNCTION_WORDS.has(w) && !isCovered(scan, start) && !scan.knownWords.has(w);
  if (w.length < 2 || NOT_A_NAME.has(w) || NOT_A_PERSON.has(w) || COMMON_CAPITALISED.has(w) || ROLE_BEFORE.has(w) || AGENCY_CODES.has(w) || scan.knownWords.has(w)) return false;
  if (isCovered(scan, start)) return false;
  const before = wordBefore(text, start);
  if (PLACE_BEFORE.has(before) && mode !== 'strong') return false;
  if (/[-.]$/.test(text.slice(Math.max(0, start - 1), start)) && PLACE_BEFORE.has(wordBefore(text, start))) return false;
  // Hyphenated: "Marie-Eve" (two given names) is a person, "Jean-Talon" or "Emilie-Gamelin" a place.
  if (parts.length > 1 && !parts.every(isAnyName) && mode !== 'strong') return false;
  const after = wordAfter(text, start + word.length);
  if (ORG_WORDS.has(after) && mode !== 'strong') return false;
  if (mode !== 'strong' && mode !== 'bare' && !scan.shouting && isAllCaps(word) && word.length <= 8) return false;
  if (mode === 'strong') return true;
  if (mode === 'medium') return isAnyName(parts[0] ?? w) || (!scan.shouting && isCapitalised(word));
  // "Tony's Pizza", "Jenny's Nails": a possessive before a Capitalised word names a business.
  if (mode === 'bare' && /^'s\s\p{Lu}/u.test(text.slice(start + word.length, start + word.length + 4))) return false;
  // Bare and title modes: a worker or an officer ("Cst Morris", "Sarah from Hiatus House", "Julie
  // (CAVAC)", "intake worker Sarah") is not the person engaged.
  if (mode === 'bare' && (ROLE_BEFORE.has(before) || ROLE_BEFORE.has(wordBefore(text, start, 1)))) return false;
  // Right after an agency ("intake at WEFiGHT (Sarah)", "CAVAC, Julie"): the agency's worker.
  if (mode === 'bare' && (AGENCY_CODES.has(before) || scan.knownWords.has(before) || within(scan.agencies, text.slice(0, start).search(/[\p{L}\d][^\p{L}\d]*$/u)))) return false;
  const rest = text.slice(start + word.length, start + word.length + 60);
  const org = /^\s?(?:\(|,?\s(?:from|of|at|@|with|w\/|de|du|des|chez|de\sla|de\sl'|at\sthe|from\sthe)\s?|,\s)(?:la\s|le\s|l'|the\s)?(?<o>[\p{L}][\p{L}'\d-]*)/u.exec(rest);
  if (org?.groups?.o) {
    const o = org.groups.o;
    const oAt = start + word.length + (org.index ?? 0) + org[0].length - o.length;
    if (within(scan.agencies, oAt) || AGENCY_CODES.has(o.toLowerCase()) || scan.knownWords.has(o.toLowerCase()) || ROLE_BEFORE.has(o.toLowerCase()) || (isAllCaps(o) && !scan.shouting)) return false;
  }
  if (mode === 'title') return scan.shouting || isCapitalised(word) || isAnyName(w);
  return (scan.shouting || isCapitalised(word) || (isAllCaps(word) && word.length >= 4)) && isGivenName(parts[0] ?? w) && (parts.length === 1 || parts.every(isAnyName));
}

const RELATION_THEN_NAME = rx(
  String.raw`(?<![\p{L}])(?:her|his|their|the|a|an|sa|son|ses|une?|le|la)\s(?:bf|boyfriend|pimp|friend|sister|brother|cousin|mom|mother|dad|father|roommate|girlfriend|gf|daughter|son|aunt|uncle|driver|girl|woman|guy|man|chum|amie?|soeur|frere|mere|pere|copain|copine|cousine|tante|oncle|fille|femme|gars|homme|proxenete)(?<comma>,)?\s(?<q>["'])?(?<n>\p{L}[\p{L}'-]*)`,
  'gdiu',
);
// "Miss" and "M." only with their capital: "miss her appointment", "F/M." are not titles.
const HONORIFICS = [
  rx(String.raw`(?<![\p{L}])(?:mr|mrs|ms|mx|mme|mlle|madame|monsieur|mademoiselle)\.?\s(?<n>\p{L}[\p{L}'-]*)`, 'gdiu'),
  rx(String.raw`(?<![\p{L}])(?:Miss|M\.)\s(?<n>\p{L}[\p{L}'-]*)`, 'gdu'),
];
const INITIALS = rx(String.raw`(?<![\p{L}])initial(?:e)?s?\s?(?:are|is|sont|:|-|=)?\s?\p{Lu}{2,3}(?![\p{L}])`, 'giu');
/** Whether a Capitalised word that could be a surname follows `at` ("Crystal Gagnon", not "Amber
 * Alert", "Victoria Ave", "Jordan River"). */
function surnameFollows(scan: Scan, at: number): boolean {
  const m = /^\s(\p{Lu}\p{Ll}[\p{L}'-]*)/u.exec(scan.text.slice(at, at + 40));
  const w = (m?.[1] ?? '').toLowerCase();
  return w !== '' && !ORG_WORDS.has(w) && !NOT_A_NAME.has(w) && !COMMON_CAPITALISED.has(w) && !NOT_A_PERSON.has(w) && !isCovered(scan, at + 1);
}
// A word, hyphenated parts kept together ("Marie-Eve", "Jean-Talon").
const WORD = /(?<![\p{L}\d'-])\p{L}+(?:-\p{L}+)*/gu;
const nameAt = (m: RegExpExecArray): number => m.indices?.groups?.n?.[0] ?? 0;
const detectName: Detector = (scan) => {
  const { text } = scan;
  return (
    someMatch(STRONG_RE, text, (m) => looksLikeName(scan, nameAt(m), m.groups?.n ?? '', 'strong', Boolean(m.groups?.q))) ||
    someMatch(MEDIUM_RE, text, (m) => {
      const introducedAt = m.index;
      const nouns = [wordBefore(text, introducedAt), wordBefore(text, introducedAt, 1)];
      if (nouns.some((n) => THING_NOUNS.has(n))) return false;
      const mode = nouns.some((n) => PERSON_NOUNS.has(n)) ? 'strong' : 'medium';
      return looksLikeName(scan, nameAt(m), m.groups?.n ?? '', mode, Boolean(m.groups?.q));
    }) ||
    // A relation then a name: "her bf Tyler", "son chum Marc"; with a comma only a known given or
    // working name ("met a girl, Destiny, at casino"; not "a woman, Spanish-speaking").
    someMatch(RELATION_THEN_NAME, text, (m) => {
      const n = m.groups?.n ?? '';
      if (!isCapitalised(n) && !scan.shouting) return false;
      if (m.groups?.q) return looksLikeName(scan, nameAt(m), n, 'medium', true);
      return (!m.groups?.comma || isAnyName(n.toLowerCase())) && looksLikeName(scan, nameAt(m), n, 'medium');
    }) ||
    // Honorific and surname: "Ms. Tremblay", "Mrs Smith", "Mme Gagnon", "Mlle Roy", "M. Cote".
    HONORIFICS.some((re) => someMatch(re, text, (m) => looksLikeName(scan, nameAt(m), m.groups?.n ?? '', 'title'))) ||
    // Initials: "initials J.T." (folded to "JT"), "initiales : MT".
    someMatch(INITIALS, text) ||
    // A given name with nothing introducing it: "met Jessica outside Super 8", "Jess (20s) accepted";
    // a name that is also a word ("Crystal", "Jordan") when a surname follows ("Crystal Gagnon").
    someMatch(WORD, text, (m) => {
      const w = m[0];
      if (!scan.shouting && !isCapitalised(w) && !(isAllCaps(w) && w.length >= 4)) return false;
      const first = w.split('-')[0]?.toLowerCase() ?? '';
      if (isGivenName(first)) return looksLikeName(scan, m.index, w, 'bare');
      return !scan.shouting && NAMES_THAT_ARE_WORDS.has(first) && looksLikeName(scan, m.index, w, 'medium') && surnameFollows(scan, m.index + w.length);
    })
  );
};

// ---------------------------------------------------------------------------------------------------
// The guard
// ---------------------------------------------------------------------------------------------------

// In order: the first detector that fires names the kind.
const DETECTORS: ReadonlyArray<readonly [PersonalDataKind, Detector]> = [
  ['email', detectEmail],
  ['social_handle', detectSocialLink],
  ['date_of_birth', detectBirth],
  ['licence_plate', detectPlateKeyword],
  ['government_id', detectIdKeyword],
  ['government_id', detectIdShape],
  ['phone', (scan) => scan.runs === 'phone' || detectSpelledPhone(scan)],
  ['government_id', (scan) => scan.runs === 'government_id'],
  ['postal_code', detectPostal],
  ['street_address', detectAddress],
  ['licence_plate', detectPlateShape],
  ['social_handle', detectHandle],
  ['personal_name', detectName],
];

function scanOf(text: string, known: KnownNames): Scan {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const capitals = letters.replace(/[^\p{Lu}]/gu, '');
  const agencies: Array<readonly [number, number]> = [];
  spansOf(BUILT_IN_AGENCIES_RE, text, agencies);
  spansOf(known.re, text, agencies);
  const covered = [...agencies];
  spansOf(BUILT_IN_PLACES_RE, text, covered);
  // Masks and digit runs are about numbers: a text without a digit has nothing to mask.
  const hasDigit = /\d/.test(text);
  const masked = hasDigit ? maskText(text) : text;
  return { text, masked, runs: hasDigit ? classifyRuns(masked) : null, shouting: letters.length >= 8 && capitals.length / letters.length > 0.7, covered, agencies, knownWords: known.words };
}

/** The first kind of personal data found in `text`, or null when the text is clean. `knownNames`
 * (registered agencies and operations) are never taken for a person's name. */
export function findPersonalData(text: string, options?: DataGuardOptions): PersonalDataKind | null {
  const folded = foldText(text);
  if (!/[\p{L}\d@]/u.test(folded)) return null;
  const scan = scanOf(folded, knownNamesOf(options?.knownNames));
  for (const [kind, detect] of DETECTORS) if (detect(scan)) return kind;
  return null;
}
