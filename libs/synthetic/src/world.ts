import { Random, seededRandom } from '@hub/identity';
import { Topics } from '@hub/platform';
import type { SyntheticEntity } from './population';

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
    coverage: {},
  },
  heterogeneous: {
    name: 'heterogeneous',
    assumes: 'sectors differ (wholesale/retail/fuel: 4x turnover per employee at half the tax burden; medicine, education, IT, consulting: '
      + '0.5x turnover at 1.4x the burden; construction and transport in between), litigation grows steeply with size (x1, x3, x8, x20), '
      + '4 % of legal entities liquidate voluntarily while solvent, 15 % of taxpayers carry a small technical debt (1,000-30,000 KZT), '
      + 'high-invoicing-risk firms cluster at mass registration addresses, and registers cover 85 % (statistics), 70 % (utilities) '
      + 'and 80 % (confidential financials) of entities',
    sectorEconomics: true,
    litigationBySize: [1, 3, 8, 20],
    voluntaryLiquidation: 0.04,
    technicalDebt: 0.15,
    massAddress: 0.5,
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
}

export const MASS_ADDRESSES = 6;

export function worldTraits(entity: SyntheticEntity): WorldTraits {
  const world = worldOf(entity);
  const random: Random = seededRandom(hash(entity.id, 0x3017d));
  const legal = entity.kind === 'LEGAL_ENTITY';
  const healthy = entity.risk.insolvency < 0.05 && entity.risk.paymentDefault < 0.2 && !entity.outcomes.bankrupt;
  const voluntaryLiquidation = legal && healthy && random() < world.voluntaryLiquidation;
  const technicalDebtKzt = random() < world.technicalDebt ? Math.round(1_000 + random() * 29_000) : 0;
  // Sham firms buy a registration at a mass address; a few honest ones rent in the same business centres.
  const mass = legal && random() < world.massAddress * Math.min(1, 0.1 + 4 * entity.risk.fictitiousInvoicing);
  return { voluntaryLiquidation, technicalDebtKzt, massAddress: mass ? Math.floor(random() * MASS_ADDRESSES) : null };
}

/** Whether a register holds the entity at all (incomplete coverage), decided once per entity and topic. */
export function covered(entity: SyntheticEntity, topic: string): boolean {
  const share = worldOf(entity).coverage[topic];
  if (share === undefined || share >= 1) return true;
  return seededRandom(hash(`${entity.id}|${topic}`, 0xc0e7))() < share;
}
