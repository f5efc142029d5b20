/**
 * Country names as the lists and callers write them, to ISO 3166-1 alpha-2. The UN list writes
 * countries as free text ("USSR (until 1991)", "Sudan/South Sudan", NDIP-NOTES §1): a name this
 * table does not know stays unresolved, and an unresolved country never counts as a mismatch.
 */
const NAMES: ReadonlyArray<[string, readonly string[]]> = [
  ['KZ', ['kazakhstan', 'republic of kazakhstan', 'казахстан', 'қазақстан', 'qazaqstan', 'kazakstan']],
  ['RU', ['russia', 'russian federation', 'россия', 'российская федерация', 'ресей']],
  ['UZ', ['uzbekistan', 'узбекистан', 'өзбекстан']], ['KG', ['kyrgyzstan', 'kyrgyz republic', 'кыргызстан', 'киргизия', 'қырғызстан']],
  ['TJ', ['tajikistan', 'таджикистан', 'тәжікстан']], ['TM', ['turkmenistan', 'туркменистан', 'түрікменстан']],
  ['AZ', ['azerbaijan', 'азербайджан']], ['GE', ['georgia', 'грузия']], ['AM', ['armenia', 'армения']], ['UA', ['ukraine', 'украина']],
  ['BY', ['belarus', 'беларусь']], ['MD', ['moldova', 'republic of moldova']], ['LT', ['lithuania']], ['LV', ['latvia']], ['EE', ['estonia']],
  ['AF', ['afghanistan', 'афганистан']], ['PK', ['pakistan', 'пакистан']], ['IQ', ['iraq', 'ирак']], ['SY', ['syria', 'syrian arab republic', 'сирия']],
  ['IR', ['iran', 'iran (islamic republic of)', 'islamic republic of iran', 'иран']], ['YE', ['yemen', 'йемен']], ['SO', ['somalia', 'сомали']],
  ['SD', ['sudan', 'судан']], ['SS', ['south sudan', 'южный судан']], ['LY', ['libya', 'libyan arab jamahiriya', 'ливия']],
  ['CD', ['democratic republic of the congo', 'drc', 'congo, democratic republic of the']], ['CG', ['congo', 'republic of the congo']],
  ['CF', ['central african republic', 'car']], ['HT', ['haiti']], ['ML', ['mali']], ['NE', ['niger']], ['NG', ['nigeria']], ['TD', ['chad']],
  ['KP', ['democratic people\'s republic of korea', 'dprk', 'north korea', 'кндр']], ['KR', ['republic of korea', 'south korea']],
  ['SA', ['saudi arabia', 'саудовская аравия']], ['AE', ['united arab emirates', 'uae', 'оаэ']], ['KW', ['kuwait']], ['QA', ['qatar']], ['BH', ['bahrain']],
  ['OM', ['oman']], ['JO', ['jordan']], ['LB', ['lebanon']], ['EG', ['egypt']], ['PS', ['state of palestine', 'palestine', 'occupied palestinian territory']],
  ['IL', ['israel']], ['TR', ['turkey', 'türkiye', 'turkiye', 'турция']], ['DZ', ['algeria']], ['MA', ['morocco']], ['TN', ['tunisia']], ['MR', ['mauritania']],
  ['ID', ['indonesia']], ['PH', ['philippines']], ['MY', ['malaysia']], ['IN', ['india']], ['BD', ['bangladesh']], ['LK', ['sri lanka']], ['CN', ['china', 'китай']],
  ['US', ['united states', 'united states of america', 'usa', 'сша']], ['GB', ['united kingdom', 'united kingdom of great britain and northern ireland', 'uk', 'great britain']],
  ['DE', ['germany', 'германия']], ['FR', ['france', 'франция']], ['IT', ['italy']], ['ES', ['spain']], ['NL', ['netherlands']], ['BE', ['belgium']],
  ['CH', ['switzerland']], ['AT', ['austria']], ['SE', ['sweden']], ['NO', ['norway']], ['DK', ['denmark']], ['FI', ['finland']], ['PL', ['poland']],
  ['CA', ['canada']], ['AU', ['australia']], ['JP', ['japan']], ['ER', ['eritrea']], ['ET', ['ethiopia']], ['KE', ['kenya']], ['BA', ['bosnia and herzegovina']],
  ['SU', ['ussr', 'soviet union', 'ссср']],
];

/** The Soviet Union's successor states: "USSR (until 1991)" is compatible with any of them. */
const FORMER_USSR = new Set(['RU', 'KZ', 'UZ', 'KG', 'TJ', 'TM', 'AZ', 'GE', 'AM', 'UA', 'BY', 'MD', 'LT', 'LV', 'EE']);

const BY_NAME = new Map<string, string>(NAMES.flatMap(([code, names]) => names.map((n) => [n, code] as [string, string])));
const CODES = new Set(NAMES.map(([code]) => code));

const clean = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[.\s]+/g, ' ').trim();

/** ISO codes a free-text country stands for ("Sudan/South Sudan" → SD, SS); [] when unknown. */
export function resolveCountries(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(/\s*[/,;]\s*/)) {
    const raw = part.trim();
    if (/^[A-Za-z]{2}$/.test(raw) && CODES.has(raw.toUpperCase())) { out.add(raw.toUpperCase()); continue; }
    const code = BY_NAME.get(clean(raw)) ?? BY_NAME.get(clean(part.replace(/^the\s+/i, '')));
    if (code) out.add(code);
  }
  return [...out];
}

/** Whether two resolved country codes may denote the same country (SU covers its successors). */
export function countriesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  return (a === 'SU' && FORMER_USSR.has(b)) || (b === 'SU' && FORMER_USSR.has(a));
}
