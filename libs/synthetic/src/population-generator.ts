import { BinAttribute, BinEntityType, Random, computeCheckDigit, generateIin, seededRandom } from '@hub/identity';
import { REGIONS, Region } from './regions';
import type { SyntheticEntity, SyntheticEntityKind, SyntheticFounder, SyntheticLegalForm, SyntheticPerson } from './population';
import type { World } from './world';

const DAY_MS = 86_400_000;
/** Registration months span 2000-01 .. 2024-12: the month is derived from the index so BINs never collide. */
const FIRST_YEAR = 2000;
const MONTHS = 25 * 12;
/** Entrepreneurs' birth dates span 1955-01-01 .. 2002-12-31, one slot per index for unique IINs. */
const BIRTH_FROM = Date.UTC(1955, 0, 1);
const BIRTH_DAYS = Math.floor((Date.UTC(2003, 0, 1) - BIRTH_FROM) / DAY_MS);

/** FNV-1a + avalanche: turns (seed, index, ...) into an independent 32-bit seed. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
    // Indexes above 2^32 would alias; a population is far smaller.
    h = Math.imul(h ^ Math.floor(part / 4294967296), 0x01000193);
  }
  return h >>> 0;
}

export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

function weighted<T>(random: Random, table: Weighted<T>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1][0];
}

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

// Business density roughly follows population: the three cities and the southern regions lead.
const REGION_WEIGHTS: Record<string, number> = {
  Astana: 11, Almaty: 17, Shymkent: 7, 'Abai Region': 3, 'Akmola Region': 3.5, 'Aktobe Region': 4.5, 'Almaty Region': 6,
  'Atyrau Region': 3.5, 'East Kazakhstan Region': 4, 'Jambyl Region': 4, 'Jetisu Region': 3, 'Karaganda Region': 6.5,
  'Kostanay Region': 4, 'Kyzylorda Region': 3, 'Mangystau Region': 3.5, 'North Kazakhstan Region': 2.5, 'Pavlodar Region': 4,
  'Turkistan Region': 6, 'Ulytau Region': 1, 'West Kazakhstan Region': 3,
};
const REGION_TABLE: Weighted<Region> = REGIONS.map((r) => [r, REGION_WEIGHTS[r.name] ?? 1] as const);

/** OKED codes (5 digits) with rough shares; trade and construction carry more invoicing risk. */
const OKED_TABLE: Weighted<string> = [
  ['47111', 16], ['46900', 14], ['41201', 7], ['43210', 4], ['49410', 7], ['62010', 4], ['68201', 5], ['69201', 3],
  ['56101', 5], ['01110', 6], ['01410', 3], ['10710', 2], ['25110', 2], ['45200', 4], ['85590', 3], ['86230', 2],
  ['96020', 4], ['71121', 3], ['70220', 4], ['52290', 2],
];
const RISKY_OKED = new Set(['46900', '41201', '43210', '70220']);

const KIND_TABLE: Weighted<SyntheticEntityKind> = [['INDIVIDUAL_ENTREPRENEUR', 55], ['LEGAL_ENTITY', 38], ['BRANCH', 7]];
const FORM_TABLE: Weighted<SyntheticLegalForm> = [['LLP', 88], ['JSC', 3], ['PRODUCTION_COOPERATIVE', 3], ['NON_COMMERCIAL', 4], ['STATE_ENTERPRISE', 2]];
const SIZE_TABLE: Record<SyntheticEntityKind, Weighted<0 | 1 | 2 | 3>> = {
  INDIVIDUAL_ENTREPRENEUR: [[0, 97], [1, 3]],
  LEGAL_ENTITY: [[0, 80], [1, 15], [2, 4], [3, 1]],
  BRANCH: [[0, 60], [1, 28], [2, 9], [3, 3]],
};

const NAMES = ['Altyn', 'Dala', 'Kazyna', 'Samruk', 'Nur', 'Tenge', 'Zhuldyz', 'Aral', 'Baiterek', 'Steppe', 'Orda', 'Kok', 'Tulpar', 'Saryarka', 'Zhetisu', 'Ak Bulak', 'Kaspi', 'Emir', 'Yrys', 'Sunkar'];
const TRADES = ['Trade', 'Stroy', 'Agro', 'Logistics', 'Consulting', 'Energy', 'IT', 'Service', 'Invest', 'Group', 'Market', 'Tech', 'Med', 'Food'];
const SURNAMES_M = ['Akhmetov', 'Dzhaksybekov', 'Ibraimov', 'Nurlanov', 'Seitkali', 'Tokayev', 'Zhunusov', 'Abenov', 'Ivanov', 'Kim', 'Serikbayev', 'Omarov'];
const GIVEN_M = ['Aidar', 'Bauyrzhan', 'Yerlan', 'Nursultan', 'Timur', 'Daulet', 'Arman', 'Sergei', 'Askar', 'Marat'];
const GIVEN_F = ['Aigerim', 'Dana', 'Madina', 'Saule', 'Zhanna', 'Aliya', 'Gulnara', 'Olga', 'Assel', 'Dinara'];
const PATRONYMIC_ROOTS = ['Serik', 'Bolat', 'Nurlan', 'Yerlan', 'Kairat', 'Marat', 'Askar'];

function femaleSurname(surname: string): string {
  if (surname.endsWith('ov') || surname.endsWith('ev') || surname.endsWith('in')) return `${surname}a`;
  return surname;
}

function person(random: Random, minAge = 25, maxAge = 65): SyntheticPerson {
  const sex = random() < 0.55 ? 'male' : 'female';
  const age = minAge + random() * (maxAge - minAge);
  const birth = new Date(Date.UTC(2025 - Math.floor(age), Math.floor(random() * 12), 1 + Math.floor(random() * 28)));
  const surname = pick(random, SURNAMES_M);
  const fullName = sex === 'male'
    ? `${surname} ${pick(random, GIVEN_M)} ${pick(random, PATRONYMIC_ROOTS)}ovich`
    : `${femaleSurname(surname)} ${pick(random, GIVEN_F)} ${pick(random, PATRONYMIC_ROOTS)}ovna`;
  return { iin: generateIin(random, birth, sex), fullName };
}

/** A natural person (IIN and full name) from a random stream: the world's nominees and group owners are drawn like any founder. */
export const syntheticPerson = (random: Random): SyntheticPerson => person(random);

/** The 12th digit for 11 digits, trying the next serial when a prefix admits none (the two never both fail). */
function withCheck(prefix: string, serialPair: number, serialLength: number): string {
  for (let j = 0; j < 2; j++) {
    const first11 = prefix + String(serialPair * 2 + j).padStart(serialLength, '0');
    const check = computeCheckDigit(first11);
    if (check !== null) return first11 + check.toString();
  }
  throw new Error(`no check digit for ${prefix}`);
}

function registrationMonth(index: number): { year: number; month: number } {
  const m = index % MONTHS;
  return { year: FIRST_YEAR + Math.floor(m / 12), month: 1 + (m % 12) };
}

/** A legal entity's or branch's BIN depends on its index only, so a branch can name its head office. */
export function syntheticBin(index: number, kind: 'LEGAL_ENTITY' | 'BRANCH'): string {
  const { year, month } = registrationMonth(index);
  const attribute = kind === 'BRANCH' ? BinAttribute.BRANCH : BinAttribute.HEAD_OFFICE;
  const prefix = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${BinEntityType.RESIDENT_LEGAL_ENTITY}${attribute}`;
  return withCheck(prefix, Math.floor(index / MONTHS), 5);
}

function entrepreneurIin(index: number, female: boolean): string {
  const birth = new Date(BIRTH_FROM + (index % BIRTH_DAYS) * DAY_MS);
  const year = birth.getUTCFullYear();
  const century = (year < 2000 ? 3 : 5) + (female ? 1 : 0);
  const yymmdd = `${String(year % 100).padStart(2, '0')}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  return withCheck(`${yymmdd}${century}`, Math.floor(index / BIRTH_DAYS), 4);
}

const entityRandom = (seed: number, index: number): Random => seededRandom(mixSeed(seed, index));

/** The first draw of an entity's stream decides its kind: others can ask without building it. */
function drawnKind(seed: number, index: number): SyntheticEntityKind {
  return weighted(entityRandom(seed, index), KIND_TABLE);
}

/** A head office among earlier entities, or none (then the entity is a head office itself). */
function findHeadOffice(seed: number, index: number, random: Random): string | undefined {
  for (let attempt = 0; attempt < 4 && index > 0; attempt++) {
    const j = Math.floor(random() * index);
    if (drawnKind(seed, j) === 'LEGAL_ENTITY') return syntheticBin(j, 'LEGAL_ENTITY');
  }
  return undefined;
}

/**
 * Entity `index` of the population for `seed`: a pure function of (seed, index), so any slice of a
 * population can be rebuilt alone and a streaming run never holds more than one entity.
 */
export function syntheticEntityAt(seed: number, index: number, world?: World): SyntheticEntity {
  const random = entityRandom(seed, index);
  let kind = weighted(random, KIND_TABLE);
  const parentId = kind === 'BRANCH' ? findHeadOffice(seed, index, random) : undefined;
  if (kind === 'BRANCH' && !parentId) kind = 'LEGAL_ENTITY';
  const region = weighted(random, REGION_TABLE);
  const okedPrimary = weighted(random, OKED_TABLE);
  const sizeClass = weighted(random, SIZE_TABLE[kind]);

  let id: string;
  let registeredOn: Date;
  let head: SyntheticPerson;
  let legalForm: SyntheticLegalForm | undefined;
  let founders: SyntheticFounder[] | undefined;
  let name: string;
  if (kind === 'INDIVIDUAL_ENTREPRENEUR') {
    const female = random() < 0.45;
    id = entrepreneurIin(index, female);
    const birth = BIRTH_FROM + (index % BIRTH_DAYS) * DAY_MS;
    const adult = Math.max(birth + 18 * 365 * DAY_MS, Date.UTC(FIRST_YEAR, 0, 1));
    registeredOn = new Date(adult + Math.floor(random() * Math.max(1, (Date.UTC(2025, 0, 1) - adult) / DAY_MS)) * DAY_MS);
    const surname = pick(random, SURNAMES_M);
    head = {
      iin: id,
      fullName: female ? `${femaleSurname(surname)} ${pick(random, GIVEN_F)}` : `${surname} ${pick(random, GIVEN_M)}`,
    };
    name = `IE ${head.fullName}`;
  } else {
    id = syntheticBin(index, kind);
    const { year, month } = registrationMonth(index);
    registeredOn = new Date(Date.UTC(year, month - 1, 1 + Math.floor(random() * 28)));
    legalForm = kind === 'BRANCH' ? 'BRANCH' : weighted(random, FORM_TABLE);
    name = `${pick(random, NAMES)} ${pick(random, TRADES)}`;
    head = person(random);
    if (kind === 'LEGAL_ENTITY') {
      const people = 1 + Math.floor(random() * random() * 4);
      founders = [];
      const corporate = legalForm === 'JSC' || random() < 0.05 ? findHeadOffice(seed, index, random) : undefined;
      let remaining = 100;
      if (corporate) {
        const share = 30 + Math.floor(random() * 50);
        founders.push({ kind: 'LEGAL_ENTITY', bin: corporate, name: `${pick(random, NAMES)} ${pick(random, TRADES)}`, sharePercent: share });
        remaining -= share;
      }
      for (let f = 0; f < people; f++) {
        const share = f === people - 1 ? remaining : Math.max(1, Math.floor(remaining * (0.3 + random() * 0.4)));
        remaining -= share;
        const p = f === 0 && random() < 0.6 ? head : person(random);
        founders.push({ kind: 'PERSON', iin: p.iin, fullName: p.fullName, sharePercent: share });
      }
    }
  }

  const risk = drawRisk(random, { kind, sizeClass, okedPrimary, registeredOn });
  const bankrupt = random() < risk.insolvency;
  const outcomes = {
    pseudoEnterprise: random() < risk.fictitiousInvoicing,
    bankrupt,
    // Insolvent companies mostly stop paying too: keeps the outcomes correlated, not just the risks.
    paymentDefault: bankrupt ? random() < 0.7 : random() < risk.paymentDefault,
  };
  // The world changes only how the registers show an entity, never who it is or what happens to it.
  return { id, kind, region, registeredOn, okedPrimary, sizeClass, risk, outcomes, index, legalForm, name, head, founders, parentId, ...(world && world.name !== 'base' ? { world } : {}) };
}

/**
 * Hidden propensities: one shared latent "bad actor" factor plus an own factor each, so the three
 * risks correlate (about 0.5) while each keeps its own drivers. Base rates: about 3 % fictitious
 * invoicing, 3.5 % insolvency, 12.5 % payment default (insolvency included).
 */
function drawRisk(
  random: Random,
  e: { kind: SyntheticEntityKind; sizeClass: number; okedPrimary: string; registeredOn: Date },
): SyntheticEntity['risk'] {
  const shared = normal(random);
  const young = e.registeredOn.getUTCFullYear() >= 2022 ? 0.6 : 0;
  const micro = e.sizeClass === 0 ? 0.3 : 0;
  const large = e.sizeClass >= 2 ? -0.9 : 0;
  const trade = RISKY_OKED.has(e.okedPrimary) ? 0.5 : 0;
  const entrepreneur = e.kind === 'INDIVIDUAL_ENTREPRENEUR' ? -0.5 : 0;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    fictitiousInvoicing: round(sigmoid(-4.4 + 1.1 * shared + 0.8 * normal(random) + young + micro + trade + entrepreneur + large)),
    insolvency: round(sigmoid(-4.3 + 0.9 * shared + 0.8 * normal(random) + young * 0.5 + micro + large)),
    // Payment behaviour varies more between firms than the other two risks (an own factor of 1.5, not
    // 0.7): with the narrower spread, even a model knowing each entity's true propensity reached only
    // AUC 0.77, so no scorer could be told apart from another on payment default.
    paymentDefault: round(sigmoid(-3.5 + 1.2 * shared + 1.5 * normal(random) + micro + large * 0.5)),
  };
}

/** Streams entities start..start+count-1; memory stays flat whatever the count. */
export function* populationStream(count: number, seed: number, start = 0, world?: World): Generator<SyntheticEntity> {
  for (let i = start; i < start + count; i++) yield syntheticEntityAt(seed, i, world);
}

/**
 * The population for a seed, as a lazy iterator (1,000,000 entities fit because none is kept).
 * `now` is accepted for symmetry with the feed generators; entities themselves do not depend on it,
 * so the same seed names the same entities on any day.
 */
export function generatePopulation(count: number, seed: number, _now?: Date): Generator<SyntheticEntity> {
  return populationStream(count, seed);
}
