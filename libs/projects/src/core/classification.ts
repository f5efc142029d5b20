// Pure: pools (NDIP §25, §28), the green-corridor score (NDIP §30, Annex 1) and Task Force routing (NDIP §31).
// Money is exact: decimals are parsed into scaled bigints, so a boundary is never missed by a rounding error.

export interface EconomyConfig {
  /** MCI in KZT by the budget law in force on 1 January of the year (NDIP §25, §28, §31). */
  mciKzt: Record<string, string>;
  /** KZT per one unit of a currency, per year: converts that year's amounts. */
  kztPerUnit: Record<string, Record<string, string>>;
}

export enum ClassificationError {
  MCI_YEAR_MISSING = 'MCI_YEAR_MISSING',
  RATE_MISSING = 'RATE_MISSING',
  BAD_AMOUNT = 'BAD_AMOUNT',
}

export class ClassificationFailure extends Error {
  constructor(readonly code: ClassificationError, message: string) { super(message); }
}

const SCALE_DIGITS = 6;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
const DECIMAL = /^\d+(\.\d+)?$/;

/** A non-negative decimal string as an integer scaled by 10^6 (digits beyond 6 places are refused). */
export function parseDecimal(text: string): bigint {
  if (!DECIMAL.test(text)) throw new ClassificationFailure(ClassificationError.BAD_AMOUNT, `not a non-negative decimal: ${text}`);
  const [whole, frac = ''] = text.split('.');
  if (frac.length > SCALE_DIGITS) throw new ClassificationFailure(ClassificationError.BAD_AMOUNT, `more than ${SCALE_DIGITS} decimal places: ${text}`);
  return BigInt(whole) * SCALE + BigInt(frac.padEnd(SCALE_DIGITS, '0'));
}

export function formatDecimal(scaled: bigint, places = 2): string {
  const unit = 10n ** BigInt(SCALE_DIGITS - places);
  const rounded = (scaled + unit / 2n) / unit;
  const p = 10n ** BigInt(places);
  return places === 0 ? `${rounded}` : `${rounded / p}.${(rounded % p).toString().padStart(places, '0')}`;
}

export interface Money { amount: string; currency: string }

export type Pool = 'NATIONWIDE' | 'REGIONAL';

/** NDIP §28: 150,000-fold MCI or more, or an investment contract; NDIP §25: below that, regional. */
export const NATIONWIDE_POOL_MCI = 150_000n;
/** NDIP §31: green-corridor projects of 7,500,000-fold MCI go to the Task Force. */
export const TASK_FORCE_MCI = 7_500_000n;

export class Economy {
  constructor(private readonly config: EconomyConfig) {}

  mci(year: number): bigint {
    const v = this.config.mciKzt[String(year)];
    if (v === undefined) throw new ClassificationFailure(ClassificationError.MCI_YEAR_MISSING, `no MCI configured for ${year}`);
    return parseDecimal(v);
  }

  rate(year: number, currency: string): bigint {
    if (currency === 'KZT') return SCALE;
    const v = this.config.kztPerUnit[String(year)]?.[currency];
    if (v === undefined) throw new ClassificationFailure(ClassificationError.RATE_MISSING, `no ${currency} rate configured for ${year}`);
    return parseDecimal(v);
  }

  /** KZT scaled by 10^6. */
  toKzt(money: Money, year: number): bigint {
    return (parseDecimal(money.amount) * this.rate(year, money.currency)) / SCALE;
  }
}

export interface PoolDecision {
  pool: Pool;
  paragraph: 'NDIP §28' | 'NDIP §25';
  year: number;
  amountKzt: string;
  /** The amount in MCI of the year (two decimals), and the threshold it was compared with. */
  amountMci: string;
  thresholdMci: string;
  investmentContract: boolean;
}

/**
 * NDIP §25/§28. Reading: §25 says "up to" 150,000 MCI and §28 "of" 150,000 MCI; the exact value
 * goes to the nationwide pool (>=), the regional pool is strictly below. The MCI is the one in force
 * on 1 January of the year of the amount (the passport's or initiative's year).
 */
export function classifyPool(economy: Economy, investment: Money, year: number, investmentContract: boolean): PoolDecision {
  const kzt = economy.toKzt(investment, year);
  const mci = economy.mci(year);
  const nationwide = investmentContract || kzt >= NATIONWIDE_POOL_MCI * mci;
  return {
    pool: nationwide ? 'NATIONWIDE' : 'REGIONAL',
    paragraph: nationwide ? 'NDIP §28' : 'NDIP §25',
    year,
    amountKzt: formatDecimal(kzt),
    amountMci: formatDecimal((kzt * SCALE) / mci),
    thresholdMci: NATIONWIDE_POOL_MCI.toString(),
    investmentContract,
  };
}

export type HighTechLevel = 'NOT_MANUFACTURING' | 'MANUFACTURING_UNLISTED' | 'MEDIUM' | 'HIGH';

export interface GreenCorridorInput {
  investment: Money;
  year: number;
  global2000: boolean;
  highTech: HighTechLevel;
  jobs: number;
}

export interface ScorePart {
  criterion: 'INVESTMENT_AMOUNT' | 'GLOBAL_2000' | 'HIGH_TECH' | 'JOBS';
  /** Weight in percent (Annex 1: 25 / 30 / 30 / 15). */
  weightPercent: number;
  score: number;
  maxScore: number;
  /** score × weight, the part's contribution to the weighted average. */
  weighted: number;
  basis: string;
}

export interface GreenCorridorScore {
  paragraph: 'NDIP §30';
  parts: ScorePart[];
  weightedAverage: number;
  threshold: number;
  included: boolean;
  amountUsd: string;
}

const MILLION_USD = 1_000_000n * SCALE;

/**
 * Annex 1, investment amount (25%). Reading of the touching bands "from 10 to 15", "from 15 to 30",
 * "from 30 million and more": each band includes its lower bound ("from") and excludes its upper,
 * so 15 M scores 2 and 30 M scores 3, consistent with the last band. Below 10 M scores 0 (Annex 1
 * names no band for it).
 */
function amountScore(usd: bigint): number {
  if (usd >= 30n * MILLION_USD) return 3;
  if (usd >= 15n * MILLION_USD) return 2;
  if (usd >= 10n * MILLION_USD) return 1;
  return 0;
}

/**
 * Annex 1, social orientation (15%): "up to 300" 0.5, "from 300 to 500" 1, "from 500 and more" 2.
 * Same reading: 300 scores 1, 500 scores 2; any number below 300 (zero included) scores 0.5.
 */
function jobsScore(jobs: number): number {
  if (jobs >= 500) return 2;
  if (jobs >= 300) return 1;
  return 0.5;
}

const HIGH_TECH_SCORE: Record<HighTechLevel, number> = { NOT_MANUFACTURING: 0, MANUFACTURING_UNLISTED: 1, MEDIUM: 2, HIGH: 3 };

/** Inclusion at a weighted average of 1.3 or more (Annex 1 footnote). Compared in integer half-points × percent. */
const THRESHOLD_HALF_POINT_PERCENT = 260;

/** NDIP §30, Annex 1: the score with its parts. Inclusion needs the nationwide pool too (§30: "at the stage of inclusion in the nationwide pool"). */
export function greenCorridorScore(economy: Economy, input: GreenCorridorInput, pool: Pool): GreenCorridorScore {
  const usd = input.investment.currency === 'USD'
    ? parseDecimal(input.investment.amount)
    : (economy.toKzt(input.investment, input.year) * SCALE) / economy.rate(input.year, 'USD');
  const raw: Array<Omit<ScorePart, 'weighted'>> = [
    { criterion: 'INVESTMENT_AMOUNT', weightPercent: 25, score: amountScore(usd), maxScore: 3, basis: `${formatDecimal(usd)} USD` },
    { criterion: 'GLOBAL_2000', weightPercent: 30, score: input.global2000 ? 2 : 0, maxScore: 2, basis: input.global2000 ? 'listed' : 'unlisted' },
    { criterion: 'HIGH_TECH', weightPercent: 30, score: HIGH_TECH_SCORE[input.highTech], maxScore: 3, basis: input.highTech },
    { criterion: 'JOBS', weightPercent: 15, score: jobsScore(input.jobs), maxScore: 2, basis: `${input.jobs} jobs` },
  ];
  const halfPointPercent = raw.reduce((sum, p) => sum + p.score * 2 * p.weightPercent, 0);
  return {
    paragraph: 'NDIP §30',
    parts: raw.map((p) => ({ ...p, weighted: (p.score * p.weightPercent) / 100 })),
    weightedAverage: halfPointPercent / 200,
    threshold: 1.3,
    included: pool === 'NATIONWIDE' && halfPointPercent >= THRESHOLD_HALF_POINT_PERCENT,
    amountUsd: formatDecimal(usd),
  };
}

/**
 * NDIP §31: a green-corridor project "with an investment volume of seven and a half million-fold"
 * MCI goes to the Task Force. Read as "at least" (SPEC §4 says so too). The issue adds "with an
 * investment agreement"; §31 has no such condition, and the rule text wins, so it is not required.
 */
export function taskForceRouting(economy: Economy, investment: Money, year: number, greenCorridor: boolean): { routed: boolean; paragraph: 'NDIP §31'; amountMci: string; thresholdMci: string } {
  const kzt = economy.toKzt(investment, year);
  const mci = economy.mci(year);
  const mciAmount = (kzt * SCALE) / mci;
  return { routed: greenCorridor && kzt >= TASK_FORCE_MCI * mci, paragraph: 'NDIP §31', amountMci: formatDecimal(mciAmount), thresholdMci: TASK_FORCE_MCI.toString() };
}
