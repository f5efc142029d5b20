import { Random, seededRandom } from '@hub/identity';
import {
  ScreeningSubject, TransliterationScheme, WatchlistEntry, WatchlistIndex, loadScreeningConfig, nameTokens, organisationTypeSet, russianSpelling, screenSubject, transliterate,
} from '@hub/screening';
import { BenchRow } from './bench-support';

// A synthetic list shaped like the real ones: AFM-style persons in Cyrillic (family, given, patronymic),
// UN-style persons in Latin (Central Asian names transliterated, with the Cyrillic original; Arabic-origin
// names in three parts), and organisations. Names are built from roots so that surnames are many.
const MALE = ['Ерлан', 'Нурлан', 'Серик', 'Кайрат', 'Асхат', 'Бауыржан', 'Даурен', 'Ерболат', 'Жанболат', 'Мурат', 'Нурсултан', 'Арман', 'Айдос', 'Алибек',
  'Бекзат', 'Данияр', 'Ержан', 'Ерік', 'Жандос', 'Қанат', 'Мақсат', 'Нұрлыбек', 'Олжас', 'Руслан', 'Самат', 'Талгат', 'Тимур', 'Ұлан', 'Әділет', 'Ғалым',
  'Азамат', 'Асқар', 'Бақытжан', 'Берик', 'Габит', 'Дамир', 'Ельдар', 'Женис', 'Кенжебек', 'Марат', 'Мейрам', 'Нурбол', 'Рахат', 'Сакен', 'Санжар',
  'Темирлан', 'Уалихан', 'Шынгыс', 'Ильяс', 'Юрий', 'Александр', 'Алексей', 'Дмитрий', 'Евгений', 'Сергей', 'Андрей', 'Владимир', 'Николай', 'Михаил',
  'Игорь', 'Виктор', 'Павел', 'Олег', 'Максим', 'Роман', 'Константин', 'Геннадий', 'Вячеслав', 'Хасан', 'Шамиль'];
const FEMALE = ['Айгерим', 'Гулнар', 'Жанар', 'Динара', 'Сауле', 'Асель', 'Айжан', 'Меруерт', 'Гүлмира', 'Әсем', 'Аружан', 'Балжан', 'Ботагөз', 'Жадыра',
  'Зарина', 'Камила', 'Ләззат', 'Мадина', 'Назерке', 'Перизат', 'Салтанат', 'Томирис', 'Ұлжан', 'Шынар', 'Мария', 'Елена', 'Наталья', 'Ольга', 'Татьяна',
  'Ирина', 'Светлана', 'Юлия', 'Анна', 'Екатерина', 'Анастасия', 'Людмила', 'Галина', 'Валентина', 'Оксана', 'Жұлдыз'];
const ROOTS = ['Абил', 'Бек', 'Жан', 'Нур', 'Серик', 'Кайр', 'Даул', 'Ер', 'Мухамед', 'Ахмет', 'Байм', 'Тохт', 'Сулейм', 'Есен', 'Жаксыб', 'Кул', 'Сагинт',
  'Омар', 'Усен', 'Исмаил', 'Калм', 'Тлеу', 'Шалаб', 'Искак', 'Сейт', 'Рыск', 'Кожах', 'Жумаб', 'Ораз', 'Мамыр', 'Турс', 'Аман', 'Балт', 'Дюсен',
  'Жолдас', 'Иман', 'Карж', 'Мусаб', 'Нигмет', 'Оспан', 'Пазыл', 'Рахим', 'Смагул', 'Тажиб', 'Уразб', 'Хамит', 'Шайх', 'Ыдырыс', 'Әбдір', 'Қасым',
  'Ғабдул', 'Өмірз', 'Құдайб', 'Сәрсен', 'Бөкей', 'Түгел', 'Мыңб', 'Жүнісб', 'Тоқт', 'Әлімж', 'Петр', 'Иван', 'Сидор', 'Кузнец', 'Морозк', 'Волк',
  'Соколь', 'Лебед', 'Ковал', 'Зайц'];
const ENDINGS: Array<[string, string]> = [['ов', 'ова'], ['беков', 'бекова'], ['баев', 'баева'], ['галиев', 'галиева'], ['жанов', 'жанова'], ['кулов', 'кулова'], ['таев', 'таева'], ['ин', 'ина'], ['енко', 'енко']];
const ARABIC_GIVEN = ['Abdul', 'Ahmad', 'Mohammed', 'Omar', 'Khalid', 'Yusuf', 'Ibrahim', 'Hamza', 'Bilal', 'Tariq', 'Rashid', 'Saeed', 'Faisal', 'Karim',
  'Nasir', 'Jamal', 'Hassan', 'Hussein', 'Mustafa', 'Salim', 'Zaid', 'Anwar', 'Idris', 'Ismail', 'Qasim', 'Walid', 'Yasin', 'Harun', 'Musa', 'Sulaiman'];
const ARABIC_ROOTS = ['Rahman', 'Hakim', 'Zahir', 'Qadir', 'Jabbar', 'Latif', 'Majid', 'Nasser', 'Salam', 'Wahid', 'Aziz', 'Hamid', 'Malik', 'Sattar', 'Ghani',
  'Basit', 'Razzaq', 'Mansur', 'Shakur', 'Wadud', 'Fattah', 'Halim', 'Jalil', 'Karam', 'Munir', 'Nur', 'Quddus', 'Rauf', 'Samad', 'Tawwab'];
const ARABIC_SUFFIX = ['', 'i', 'zai', 'ullah', 'khel', 'yar', 'uddin', 'abadi'];
const ORG_A = ['Altyn', 'Kaspiy', 'Steppe', 'Sary', 'Aksu', 'Nomad', 'Silk Road', 'Eurasia', 'Tengri', 'Baikonur', 'Zhetysu', 'Alatau', 'Irtysh', 'Ural',
  'Turan', 'Saryarka', 'Aral', 'Khan Tengri', 'Balkhash', 'Emba', 'Tobol', 'Ishim', 'Karatau', 'Mangystau', 'Atyrau', 'Kokshe', 'Burabay', 'Shymkent',
  'Astana', 'Orda', 'Kyran', 'Samruk', 'Berkut', 'Sunkar', 'Arlan', 'Barys', 'Tulpar', 'Kazyna', 'Nomad Star', 'Golden Horde', 'Blue Sky', 'Desert Rose',
  'Crescent', 'Oasis', 'Falcon', 'Horizon', 'Meridian', 'Pinnacle', 'Summit', 'Vector', 'Atlas', 'Orion', 'Phoenix', 'Zenith', 'Nova', 'Delta',
  'Sigma', 'Titan', 'Aurora', 'Polaris'];
const ORG_B = ['Trading', 'Logistics', 'Construction', 'Invest', 'Energy', 'Holding', 'Services', 'Relief', 'Charity', 'Mining', 'Agro', 'Petroleum',
  'Shipping', 'Textiles', 'Pharma', 'Capital', 'Finance', 'Exchange', 'Development', 'Foundation', 'Transit', 'Metals', 'Chemicals', 'Security',
  'Consulting', 'Engineering', 'Telecom', 'Media', 'Aviation', 'Export'];
const ORG_C = ['', '', '', 'Group', 'Partners', 'International', 'Association', 'Center', 'Alliance'];
const LEGAL = ['LLP', 'JSC', 'LLC', 'Ltd', 'Limited', 'Inc', 'ТОО', ''];
const COUNTRIES = ['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Russian Federation', 'Afghanistan', 'Pakistan', 'Iraq', 'Syria', 'Yemen', 'Somalia', 'Turkey'];
const SCHEMES: TransliterationScheme[] = ['ICAO_9303', 'MVD_1997', 'KAZAKH_LATIN_2021'];

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const titleCase = (s: string) => s.split(' ').map((w) => (w ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w)).join(' ');
const pad = (n: number) => String(n).padStart(2, '0');

function surname(r: Random, female: boolean): string {
  const [m, f] = pick(r, ENDINGS);
  return pick(r, ROOTS) + (female ? f : m);
}

function patronymic(r: Random, female: boolean): string {
  const father = pick(r, MALE);
  if (r() < 0.5) return father + (female ? 'қызы' : 'ұлы');
  const stem = father.replace(/[йь]$/, '');
  return stem + (/[ийь]$/.test(father) ? (female ? 'евна' : 'евич') : (female ? 'овна' : 'ович'));
}

function randomDate(r: Random): string {
  const y = 1950 + Math.floor(r() * 50);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${pad(m)}-${pad(d)}`;
}

interface Synthetic { entries: WatchlistEntry[]; persons: Map<string, string> }

function entry(i: number, list: WatchlistEntry['list'], patch: Partial<WatchlistEntry>): WatchlistEntry {
  return {
    list, entryId: `${list}:b${i}`, referenceNumber: null, versionNum: 1, program: null,
    kind: 'PERSON', wholeName: '', givenName: null, middleNames: [], familyName: null, nameOriginalScript: null, aliases: [], birthDates: [],
    nationalities: [], countries: [], identifiers: [], listedOn: null, remarks: null, listVersion: '2026-09-03T23:00:00.818Z', delisted: false,
    eventTime: new Date('2026-09-03T23:00:00.818Z'), ...patch,
  };
}

/** 10,000 entries with unique (given, family) pairs, so that a true match is unambiguous. */
function syntheticList(r: Random, size: number): Synthetic {
  const entries: WatchlistEntry[] = [];
  const used = new Set<string>();
  const persons = new Map<string, string>();
  const unique = (key: string) => (used.has(key) ? false : (used.add(key), true));
  while (entries.length < size) {
    const i = entries.length;
    const roll = r();
    const dobRoll = r();
    const dob = randomDate(r);
    const birthDates: WatchlistEntry['birthDates'] = dobRoll < 0.6 ? [{ precision: 'DAY', date: dob, fromYear: null, toYear: null, approximate: false }]
      : dobRoll < 0.85 ? [{ precision: 'YEAR', date: dob.slice(0, 4), fromYear: null, toYear: null, approximate: r() < 0.5 }]
        : dobRoll < 0.95 ? [{ precision: 'YEAR_RANGE', date: null, fromYear: Number(dob.slice(0, 4)), toYear: Number(dob.slice(0, 4)) + 2, approximate: false }] : [];
    const nationality = roll < 0.45 ? 'Kazakhstan' : pick(r, COUNTRIES);
    if (roll < 0.8) {
      const female = r() < 0.35;
      const given = roll < 0.6 ? pick(r, female ? FEMALE : MALE) : pick(r, ARABIC_GIVEN);
      const family = roll < 0.6 ? surname(r, female) : `${r() < 0.4 ? 'Al-' : ''}${pick(r, ARABIC_ROOTS)}${pick(r, ARABIC_SUFFIX)}`;
      if (!unique(`${given}|${family}`)) continue;
      let wholeName: string;
      let original: string | null = null;
      let middle: string[] = [];
      if (roll < 0.45) {
        // AFM: Cyrillic, family name first, upper case.
        middle = r() < 0.8 ? [patronymic(r, female)] : [];
        wholeName = [family, given, ...middle].join(' ').toUpperCase();
      } else if (roll < 0.6) {
        // UN: a Central Asian name in ICAO Latin, the Cyrillic original beside it.
        middle = r() < 0.7 ? [patronymic(r, female)] : [];
        original = [given, ...middle, family].join(' ');
        wholeName = transliterate(original, 'ICAO_9303').toUpperCase();
      } else {
        middle = [pick(r, ARABIC_GIVEN)];
        wholeName = [given, ...middle, family].join(' ').toUpperCase();
      }
      const e = entry(i, roll < 0.45 ? 'KZ_AFM' : 'UN_SC', { wholeName, nameOriginalScript: original, givenName: given, familyName: family, middleNames: middle, birthDates, nationalities: [nationality] });
      entries.push(e);
      persons.set(e.entryId, `${given}|${family}`);
    } else {
      const name = [pick(r, ORG_A), pick(r, ORG_B), pick(r, ORG_C)].filter(Boolean).join(' ');
      if (!unique(name.toLowerCase())) continue;
      const legal = pick(r, LEGAL);
      entries.push(entry(i, r() < 0.5 ? 'KZ_AFM' : 'UN_SC', { kind: 'ORGANISATION', wholeName: legal === 'ТОО' ? `ТОО «${name}»` : `${name} ${legal}`.trim(), countries: [nationality] }));
    }
  }
  return { entries, persons };
}

function typo(r: Random, word: string): string {
  if (word.length < 4) return word;
  const chars = [...word];
  const at = 1 + Math.floor(r() * (chars.length - 2));
  const kind = r();
  const letters = /[а-яәғқңөұүһі]/i.test(word) ? 'аеиоуклмнрст' : 'aeioklmnrst';
  if (kind < 0.3) chars[at] = pick(r, [...letters]);
  else if (kind < 0.55) chars.splice(at, 1);
  else if (kind < 0.8) chars.splice(at, 0, pick(r, [...letters]));
  else [chars[at], chars[at - 1]] = [chars[at - 1], chars[at]];
  return chars.join('');
}

function render(r: Random, name: string): string {
  // As a person would type it: the list's script, or one of the Latin spellings, or Russian spelling of Kazakh letters.
  const roll = r();
  if (roll < 0.25) return russianSpelling(name);
  if (roll < 0.85) return titleCase(transliterate(name, pick(r, SCHEMES)));
  return name;
}

interface Query { subject: ScreeningSubject; expected: string | null }

function positiveQuery(r: Random, e: WatchlistEntry): Query {
  if (e.kind === 'ORGANISATION') {
    let tokens = nameTokens(e.wholeName).filter((t) => !/^(LLP|JSC|LLC|Ltd|Limited|Inc|ТОО)$/.test(t));
    if (r() < 0.5) tokens = tokens.map((t, i) => (i === Math.floor(r() * tokens.length) ? typo(r, t) : t));
    const form = pick(r, ['', 'LLP', 'Ltd', 'JSC', 'ТОО']);
    const name = render(r, tokens.join(' '));
    return { subject: { kind: 'ORGANISATION', name: form === 'ТОО' ? `ТОО "${name}"` : `${name} ${form}`.trim(), country: r() < 0.5 ? e.countries[0] : undefined }, expected: e.entryId };
  }
  const source = e.nameOriginalScript ?? e.wholeName;
  let tokens = nameTokens(source);
  if (tokens.length === 3 && r() < 0.4) tokens = e.list === 'KZ_AFM' ? [tokens[0], tokens[1]] : [tokens[0], tokens[2]]; // patronymic left out
  if (r() < 0.35) tokens = [...tokens.slice(1), tokens[0]]; // another order
  const typos = r() < 0.5 ? (r() < 0.2 ? 2 : 1) : 0;
  const order = [...tokens.keys()].sort(() => r() - 0.5);
  for (let k = 0; k < typos; k++) tokens[order[k % order.length]] = typo(r, tokens[order[k % order.length]]);
  const d = e.birthDates[0];
  let birthDate: string | undefined;
  if (d && r() < 0.7) {
    const year = d.precision === 'YEAR_RANGE' ? (d.fromYear ?? 1970) + Math.floor(r() * 3) : Number(d.date!.slice(0, 4));
    birthDate = d.precision === 'DAY' ? d.date! : `${year}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
  }
  return { subject: { kind: 'PERSON', name: render(r, tokens.join(' ')), birthDate, country: r() < 0.5 ? e.nationalities[0] : undefined }, expected: e.entryId };
}

function negativeQuery(r: Random, listed: ReadonlySet<string>): Query {
  if (r() < 0.2) {
    const name = `${pick(r, ORG_A)} ${pick(r, ORG_B)} ${pick(r, ['Corporation', 'Trust', 'Works', 'Bureau', 'Studio'])}`;
    return { subject: { kind: 'ORGANISATION', name, country: r() < 0.5 ? pick(r, COUNTRIES) : undefined }, expected: null };
  }
  for (;;) {
    const female = r() < 0.35;
    const cyrillic = r() < 0.7;
    const given = cyrillic ? pick(r, female ? FEMALE : MALE) : pick(r, ARABIC_GIVEN);
    const family = cyrillic ? surname(r, female) : `${pick(r, ARABIC_ROOTS)}${pick(r, ARABIC_SUFFIX)}`;
    if (listed.has(`${given}|${family}`)) continue;
    const name = render(r, r() < 0.5 ? `${family} ${given}` : `${given} ${family}`);
    return { subject: { kind: 'PERSON', name, birthDate: r() < 0.7 ? randomDate(r) : undefined, country: r() < 0.5 ? pick(r, COUNTRIES) : undefined }, expected: null };
  }
}

/**
 * Screening quality and speed on a synthetic 10,000-entry list: 1,000 listed names queried with
 * typos, other transliterations, reordered or missing parts, plus 500 names not on the list.
 * Precision = hits on the right entry / all hits at the configured threshold; recall = listed
 * names whose entry is among the hits. The in-run reference is an exact normalised-name lookup
 * over the same list: what screening without transliteration or typo tolerance finds, and how fast.
 */
export async function runScreeningBench(log: (m: string) => void, size = Number(process.env.BENCH_WATCHLIST_SIZE ?? 10_000)): Promise<BenchRow[]> {
  const r = seededRandom(20261201);
  const config = loadScreeningConfig();
  const { entries, persons } = syntheticList(r, size);
  const built = process.hrtime.bigint();
  const index = new WatchlistIndex();
  for (const e of entries) index.upsert(e);
  const buildMs = Number(process.hrtime.bigint() - built) / 1e6;
  const listed = new Set(persons.values());
  const queries: Query[] = [
    ...Array.from({ length: 1000 }, () => positiveQuery(r, entries[Math.floor(r() * entries.length)])),
    ...Array.from({ length: 500 }, () => negativeQuery(r, listed)),
  ];
  log(`Screening: ${entries.length} entries indexed in ${buildMs.toFixed(0)} ms; ${queries.length} queries, config ${config.version} (threshold ${config.threshold})`);

  const orgTypes = organisationTypeSet(config);
  for (const q of queries.slice(0, 50)) screenSubject(index, q.subject, config, orgTypes); // warm-up
  const started = process.hrtime.bigint();
  const results = queries.map((q) => screenSubject(index, q.subject, config, orgTypes));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  // Reference: exact lookup of the lower-cased, punctuation-free name among every listed name.
  const exact = new Map<string, string[]>();
  const norm = (s: string) => nameTokens(s).map((t) => t.toLowerCase()).join(' ');
  for (const e of entries) for (const n of [e.wholeName, e.nameOriginalScript, ...e.aliases.map((a) => a.name)]) {
    if (n) exact.set(norm(n), [...(exact.get(norm(n)) ?? []), e.entryId]);
  }
  const refStarted = process.hrtime.bigint();
  let refRounds = 0;
  let refResults: string[][] = [];
  while (Number(process.hrtime.bigint() - refStarted) < 2e8) {
    refResults = queries.map((q) => exact.get(norm(q.subject.name)) ?? []);
    refRounds++;
  }
  const refSeconds = Number(process.hrtime.bigint() - refStarted) / 1e9;

  const quality = (hitsOf: (i: number) => string[]) => {
    let correct = 0;
    let all = 0;
    let found = 0;
    let positives = 0;
    queries.forEach((q, i) => {
      const hits = hitsOf(i);
      all += hits.length;
      if (q.expected === null) return;
      positives++;
      if (hits.includes(q.expected)) { found++; correct++; }
    });
    return { precision: all === 0 ? 1 : correct / all, recall: found / positives, all };
  };
  const ours = quality((i) => results[i].hits.map((h) => h.entryId));
  const ref = quality((i) => refResults[i]);
  const missed = queries.filter((q, i) => q.expected && !results[i].hits.some((h) => h.entryId === q.expected)).slice(0, 5);
  for (const q of missed) log(`  missed: ${q.subject.name} (${q.subject.birthDate ?? 'no DOB'}, ${q.subject.country ?? 'no country'}) -> ${entries.find((e) => e.entryId === q.expected)?.wholeName}`);
  const wrong = queries.flatMap((q, i) => results[i].hits.filter((h) => h.entryId !== q.expected).map((h) => `${q.expected ? 'P' : 'N'} ${q.subject.name} [${q.subject.birthDate ?? '-'}] -> ${h.matchedName} ${h.score} ${h.features.map((f) => `${f.name}:${f.score}`).join(',')}`)).slice(0, Number(process.env.BENCH_SHOW ?? 5));
  for (const w of wrong) log(`  false hit: ${w}`);
  log(`  ${ours.all} hits in all; exact lookup: ${ref.all}`);

  const rate = queries.length / seconds;
  const refRate = (queries.length * refRounds) / refSeconds;
  return [
    { name: `screening recall (${entries.length} entries, @${config.threshold})`, value: ours.recall, unit: 'share', reference: 'exact normalised-name lookup', referenceValue: ref.recall, ratio: ref.recall === 0 ? 0 : ours.recall / ref.recall, target: '≥ 0.95' },
    { name: `screening precision (${entries.length} entries, @${config.threshold})`, value: ours.precision, unit: 'share', reference: 'exact normalised-name lookup', referenceValue: ref.precision, ratio: ours.precision / ref.precision, target: '≥ 0.90' },
    { name: 'screening rate', value: rate, unit: 'names/s', reference: 'exact normalised-name lookup', referenceValue: refRate, ratio: rate / refRate },
  ];
}
