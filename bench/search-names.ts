/**
 * Company names for the search bench's seeded register, in Latin (the bench writes the Russian name
 * in Cyrillic from them). Each name starts with a made-up word of two or three syllables, which the
 * bench's probes mistype (letters 2 and 3 swapped), so the first word has at least four letters.
 *
 * v2 (the default) is a register's shape: a made-up word, then words from Kazakh, Russian and
 * English vocabularies and a trade word, the vocabularies drawn with a skew (a few words such as
 * "Trade" or "Altyn" common, a long tail of rare ones). At 1,000,000 subjects nearly every name is
 * distinct, as in the real register of ~2 million legal entities and entrepreneurs, where a name is
 * registered once. v1 is the generator before (20 syllables, 16 words, 12 trades: 503,750 distinct
 * names in 1,000,000, each made-up word held by ~120 subjects), kept to measure a database seeded
 * with it again (BENCH_SEARCH_NAMES=v1).
 */
export type NameGenerator = (random: () => number) => string;

/** Only letters the bench's Cyrillic rendering maps (toCyrillic): the ru name must be all Cyrillic. */
export const LATIN_LETTERS = /^[abdefghiklmnoprstuvyz]+$/;

const V1_NAMES = ['Altyn', 'Dala', 'Kazyna', 'Samruk', 'Nur', 'Tenge', 'Zhuldyz', 'Aral', 'Baiterek', 'Steppe', 'Orda', 'Kok', 'Astana', 'Shymkent', 'Taraz', 'Karagandy'];
const V1_TRADES = ['Trade', 'Stroy', 'Agro', 'Logistics', 'Consulting', 'Energy', 'IT', 'Service', 'Invest', 'Group', 'Motors', 'Med'];
const V1_SYLLABLES = ['ba', 'ku', 'zhan', 'shy', 'kho', 'ter', 'mal', 'dos', 'rin', 'gul', 'nur', 'pek', 'sau', 'ak', 'tas', 'bek', 'ai', 'ly', 'sar', 'kem'];

const SYLLABLES = [...V1_SYLLABLES, 'ar', 'bo', 'da', 'er', 'zhe', 'ka', 'le', 'mu', 'na', 'ol', 'ra', 'se', 'tu', 'ul', 'ye', 'bai', 'kul', 'tai', 'zha', 'shan'];
const KAZAKH = `altyn dala kazyna samruk nur tenge zhuldyz aral baiterek orda kok ak sary kara zhas bereke yrys arman umit saule aruana aigerim alem
  ulan zhetysu altai ertis tulpar samal shuak kun ai zhol kemel tabys sapa senim dostyk birlik yntymak atameken kazak elim otan keremet zhebe
  sunkar burkit kyran arlan bars botagoz tumar dombyra kobyz zhaiyk syr ile balkash kaspi ustirt mangystau turan sarbaz batyr shanyrak kerege
  uly kiyk arna aksu koksu karatau alatau ulytau bayan nura esil tobyl talas emba zhuz meken bolashak ortalyk kuat zher su tau bulak shugyla
  nurly zharyk asyl gauhar marzhan inzhu kumis temir bolat agash tas tuma kainar zhailau kystau aul kala dastan erlan aidos ainur dana`;
const RUSSIAN = `stroi prom tekh snab torg servis resurs kapital standart region alyans vektor impuls garant optima lider progress perspektiva kontinent
  profi master sibir vostok zapad sever yug ural neft gaz metall les khleb moloko avto trans energo elektro teplo mebel dom gorod mir rassvet
  zarya rodnik kristall almaz granit monolit fundament arsenal bastion avangard etalon format rezerv stimul triumf favorit partner soyuz druzhba
  nadezhda uspekh razvitie budushee istok most put bereg sad ogonek polyus orbita kometa zenit meridian parus mayak start atlant titan oazis
  sokol berkut orel yakhont yantar rubin izumrud sapfir palitra raduga spektr signal kontakt resurs dialog lotos`;
const ENGLISH = `global eurasia prime smart green silk road nova terra delta alpha omega sigma unity vista horizon summit pioneer frontier harbor bridge
  garden star sky stone river valley eagle lion titan atlas orbit pulse spark boost bright first true best united royal grand magnum ekspert
  trust union standard premier golden silver blue red ivory north east sunset south sun moon marine lake forest mountain steppe desert`;
const TRADES = `trade stroi agro group servis invest energy motors med it pharm trans oil gas mining build tekh neft avto snab prom holding partners
  systems solutions development engineering konsalting audit finans market media print food furniture tour travel hotel resort estate
  realty lab studio design digital soft net telekom safety logistik kargo ekspress import eksport industri metal plast agroprom`;

const words = (text: string) => text.trim().split(/\s+/);
const VOCABULARY = [...words(KAZAKH), ...words(RUSSIAN), ...words(ENGLISH)];
const TRADE_WORDS = words(TRADES);

const capital = (w: string) => `${w[0].toUpperCase()}${w.slice(1)}`;
const pickFrom = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];
/** Skewed: index ~ length * r^skew, so the first words of a list are the common ones (Zipf-like). */
const skewed = <T>(random: () => number, list: readonly T[], skew: number): T => list[Math.floor(random() ** skew * list.length)];

const madeUp = (random: () => number, syllables: readonly string[]): string =>
  capital(Array.from({ length: 2 + Math.floor(random() * 2) }, () => pickFrom(random, syllables)).join(''));

/** The generator before v2 (see the file comment); its draws are unchanged, so a v1 database is seeded the same. */
export const v1Names: NameGenerator = (random) => `${madeUp(random, V1_SYLLABLES)} ${pickFrom(random, V1_NAMES)} ${pickFrom(random, V1_TRADES)}`;

/** A register's shape (see the file comment): made-up word, one or two vocabulary words, mostly a trade word. */
export const v2Names: NameGenerator = (random) => {
  const first = madeUp(random, SYLLABLES);
  const shape = random();
  const word = () => capital(skewed(random, VOCABULARY, 2));
  const trade = () => capital(skewed(random, TRADE_WORDS, 2));
  if (shape < 0.08) return `${first} ${trade()}`;
  if (shape < 0.25) return `${first} ${word()} ${word()} ${trade()}`;
  if (shape < 0.35) return `${first} ${word()}`;
  return `${first} ${word()} ${trade()}`;
};

export const NAME_GENERATORS: Readonly<Record<string, NameGenerator>> = { v1: v1Names, v2: v2Names };

/** Every word v2 draws from, to check that each renders in Cyrillic (search-names.spec). */
export const V2_WORDS: readonly string[] = [...SYLLABLES, ...VOCABULARY, ...TRADE_WORDS];
