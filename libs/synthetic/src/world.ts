import { Random, seededRandom } from '@hub/identity';
import { Topics } from '@hub/platform';
import type { SyntheticEntity, SyntheticPerson } from './population';
import { syntheticPerson } from './population-generator';

/**
 * A world is a set of domain assumptions the generator draws a population under (issue 13 item 4).
 * The hidden propensities and outcomes are drawn the same way in every world; what differs is how
 * the registers show them, so a score that learned one world's quirks is caught out in the other.
 */
export type WorldName = 'base' | 'heterogeneous';
export const WORLD_NAMES: readonly WorldName[] = ['base', 'heterogeneous'];

export interface World {
  name: WorldName;
  /** Plain words: what this world assumes (printed by evaluate, quoted in the note). */
  assumes: string;
  /** Sector-specific turnover per employee and tax burden (trade: high turnover, thin margins; services: the reverse). */
  sectorEconomics: boolean;
  /** Expected court cases per size class, every role (micro .. large): large firms sue and get sued more. */
  litigationBySize: readonly [number, number, number, number];
  /** Share of legal entities closing by the owner's choice: solvent, no debt, IN_LIQUIDATION. */
  voluntaryLiquidation: number;
  /** Share of taxpayers with a small penalty balance (1,000-30,000 KZT) whatever their risk. */
  technicalDebt: number;
  /** Share of high-invoicing-risk legal entities registered at a mass address; honest ones sit at one with 1/10 of that. */
  massAddress: number;
  /** Share of sham legal entities (invoicing propensity 0.15 or more; none below 0.05, linear between) run by a region's nominees. */
  nominees: number;
  /** Share of honest legal entities founded by the owner of a small ordinary group (2-3 firms share a founder). */
  groupOwners: number;
  /** Share of sham legal entities (as for nominees) re-registered several times in the last three years. */
  frequentReregistration: number;
  /** Share of the other legal entities re-registered twice in their life (the rest: 0-1 times, as in base). */
  twiceReregistered: number;
  /** Probability an entity appears in each register, by logical topic (absent: always). */
  coverage: Readonly<Record<string, number>>;
}

export const WORLDS: Readonly<Record<WorldName, World>> = {
  base: {
    name: 'base',
    assumes: 'the generator as calibrated so far: one economy for every sector (same turnover per employee and tax burden), '
      + 'court cases grow mildly with size (x1.6 per class), liquidation only from distress, tax debt only from distress or bad payment, '
      + 'every address unique, every register covers every entity',
    sectorEconomics: false,
    litigationBySize: [1, 1.6, 2.2, 2.8],
    voluntaryLiquidation: 0,
    technicalDebt: 0,
    massAddress: 0,
    nominees: 0,
    groupOwners: 0,
    frequentReregistration: 0,
    twiceReregistered: 0,
    coverage: {},
  },
  heterogeneous: {
    name: 'heterogeneous',
    assumes: 'sectors differ (wholesale/retail/fuel: 4x turnover per employee at half the tax burden; medicine, education, IT, consulting: '
      + '0.5x turnover at 1.4x the burden; construction and transport in between), litigation grows steeply with size (x1, x3, x8, x20), '
      + '4 % of legal entities liquidate voluntarily while solvent, 15 % of taxpayers carry a small technical debt (1,000-30,000 KZT), '
      + 'high-invoicing-risk firms cluster at mass registration addresses and share a few nominee founders and heads per region '
      + '(some honest owners found 2-3 firms), a share of them re-register several times in three years (honest firms 0-1 times, a few twice), '
      + 'and registers cover 85 % (statistics), 70 % (utilities) '
      + 'and 80 % (confidential financials) of entities',
    sectorEconomics: true,
    litigationBySize: [1, 3, 8, 20],
    voluntaryLiquidation: 0.04,
    technicalDebt: 0.15,
    massAddress: 0.5,
    nominees: 0.8,
    groupOwners: 0.08,
    frequentReregistration: 0.4,
    twiceReregistered: 0.04,
    coverage: { [Topics.statisticsEntities.name]: 0.85, [Topics.utilityArrears.name]: 0.7, [Topics.taxFinancials.name]: 0.8 },
  },
};

export function worldNamed(name: string): World {
  if (!(WORLD_NAMES as readonly string[]).includes(name)) throw new Error(`unknown world ${name}: one of ${WORLD_NAMES.join(', ')}`);
  return WORLDS[name as WorldName];
}

/** The world an entity was drawn in; entities built without one belong to the base world. */
export const worldOf = (entity: SyntheticEntity): World => entity.world ?? WORLDS.base;

/** Sector economics: multipliers on turnover per employee and on the tax burden, by OKED division. */
export function sectorEconomics(world: World, oked: string): { turnoverPerStaff: number; burden: number } {
  if (!world.sectorEconomics) return { turnoverPerStaff: 1, burden: 1 };
  const division = oked.slice(0, 2);
  if (['45', '46', '47'].includes(division)) return { turnoverPerStaff: 4, burden: 0.5 };
  if (['86', '85', '62', '69', '70', '71', '96'].includes(division)) return { turnoverPerStaff: 0.5, burden: 1.4 };
  if (['41', '43', '49', '52'].includes(division)) return { turnoverPerStaff: 1.5, burden: 0.8 };
  return { turnoverPerStaff: 1, burden: 1 };
}

function hash(text: string, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * World-only traits of an entity, from a stream of their own keyed by its id: the base world's draws
 * stay exactly as they were, so its cohorts (and the calibration round on them) are reproducible.
 */
export interface WorldTraits {
  voluntaryLiquidation: boolean;
  technicalDebtKzt: number;
  /** Index of the mass address (0..MASS_ADDRESSES-1) in the entity's city, or null. */
  massAddress: number | null;
  /** The entity's block of NOMINEE_BLOCK entities: with the region, whose nominees it may name. */
  nomineeBlock: number;
  /** Index of the region's nominee (always 0: the founding one) registered as the firm's sole founder, or null. */
  nomineeFounder: number | null;
  /** Index of the region's nominee registered as the firm's head, or null. */
  nomineeHead: number | null;
  /** Ordinary group: the group whose owner is among the firm's founders (groupOwner gives the person), or null. */
  group: number | null;
  /** Re-registrations the register shows, each its own record: 0 means the base world's 0-1, drawn by the feed. */
  reregistrations: number;
  /** Whether the re-registrations are recent (the last three years: a sham firm's churn) or spread over the firm's life. */
  recentReregistrations: boolean;
}

export const MASS_ADDRESSES = 6;
/**
 * Nominee persons per region for every NOMINEE_BLOCK entities: the first signs as founder (and
 * sometimes as head), the second only as head. The pool grows with the population, so a nominee signs
 * for about as many firms in a cohort of 6,000 as of 1,000,000 (per 10,000 entities about 35 in Almaty,
 * 10 in an average region, 2 in the smallest).
 */
export const NOMINEES_PER_REGION = 2;
export const NOMINEE_BLOCK = 10_000;
/** Entities per group block: a group owner founds the block's honest firms that drew a group (about 1.2 legal entities). */
export const GROUP_BLOCK = 40;

/**
 * A region's nominee: a person paid to sign as founder or head of firms he does not run. Drawn from
 * the region and the nominee's number only, so every firm naming nominee k of a region names the same
 * IIN and full name (a namesake elsewhere is as likely as for anyone).
 */
export function nominee(kato: string, block: number, k: number): SyntheticPerson {
  return syntheticPerson(seededRandom(hash(`nominee|${kato}|${block}|${k}`, 0x90e1)));
}

/** The owner of an ordinary group (a holding of two or three firms): one person per group. */
export function groupOwner(group: number): SyntheticPerson {
  return syntheticPerson(seededRandom(hash(`group|${group}`, 0x6a0d)));
}

export function worldTraits(entity: SyntheticEntity): WorldTraits {
  const world = worldOf(entity);
  const random: Random = seededRandom(hash(entity.id, 0x3017d));
  const legal = entity.kind === 'LEGAL_ENTITY';
  const healthy = entity.risk.insolvency < 0.05 && entity.risk.paymentDefault < 0.2 && !entity.outcomes.bankrupt;
  const voluntaryLiquidation = legal && healthy && random() < world.voluntaryLiquidation;
  const technicalDebtKzt = random() < world.technicalDebt ? Math.round(1_000 + random() * 29_000) : 0;
  // Sham firms buy a registration at a mass address; a few honest ones rent in the same business centres.
  const mass = legal && random() < world.massAddress * Math.min(1, 0.1 + 4 * entity.risk.fictitiousInvoicing);
  const massAddress = mass ? Math.floor(random() * MASS_ADDRESSES) : null;
  // Drawn after the traits above, so those stay as they were. A sham firm (one set up to sell invoices:
  // a high invoicing propensity, not merely a risky one) is usually run through nominees the organiser
  // hires locally, each signing for several firms: the same IIN and name recur.
  const sham = Math.min(1, Math.max(0, (entity.risk.fictitiousInvoicing - 0.05) / 0.1));
  const nominated = legal && random() < world.nominees * sham;
  // The region's first nominee signs as founder; as head either he or a second one who signs only as head.
  const nomineeFounder = nominated && random() < 0.8 ? 0 : null;
  const headToo = nominated && (nomineeFounder === null || random() < 0.7);
  const nomineeHead = headToo ? Math.floor(random() * NOMINEES_PER_REGION) : null;
  // Honest owners also hold two or three firms (a holding, a second line of business): a shared founder is not a label.
  const position = entity.index ?? hash(entity.id, 1) % 100_000;
  const group = legal && !nominated && random() < world.groupOwners ? Math.floor(position / GROUP_BLOCK) : null;
  // Sham firms churn: re-registered (new founder, head or address on paper) several times in a few years.
  const frequent = legal && random() < world.frequentReregistration * sham;
  const twice = legal && !frequent && random() < world.twiceReregistered;
  const reregistrations = frequent ? 2 + Math.floor(random() * 4) : twice ? 2 : 0;
  return { voluntaryLiquidation, technicalDebtKzt, massAddress, nomineeBlock: Math.floor(position / NOMINEE_BLOCK), nomineeFounder, nomineeHead, group, reregistrations, recentReregistrations: frequent };
}

/** Whether a register holds the entity at all (incomplete coverage), decided once per entity and topic. */
export function covered(entity: SyntheticEntity, topic: string): boolean {
  const share = worldOf(entity).coverage[topic];
  if (share === undefined || share >= 1) return true;
  return seededRandom(hash(`${entity.id}|${topic}`, 0xc0e7))() < share;
}
