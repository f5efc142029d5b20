import type { TaxFacts, TaxFinancials, TaxList, TaxListMembership, TaxPayrollDeductionKind, TaxRegime, TaxRiskCategory } from '@hub/contracts';
import { Random, seededRandom } from '@hub/identity';
import { Topics } from '@hub/platform';
import type { FeedGenerator, SyntheticEntity } from '../population';
import { sectorEconomics, worldOf, worldTraits } from '../world';

const DAY_MS = 86_400_000;
const TIYN = 100;

/** Annual income range in tenge by size class (micro .. large), drawn log-uniformly. */
const INCOME_KZT: ReadonlyArray<readonly [number, number]> = [[3e6, 8e7], [8e7, 2e9], [2e9, 2e10], [2e10, 4e11]];
const STAFF: ReadonlyArray<readonly [number, number]> = [[1, 15], [16, 100], [101, 250], [251, 5000]];

const between = (random: Random, [lo, hi]: readonly [number, number]): number => lo + random() * (hi - lo);
const logBetween = (random: Random, [lo, hi]: readonly [number, number]): number => Math.exp(between(random, [Math.log(lo), Math.log(hi)]));
const tiyn = (kzt: number): number => Math.max(0, Math.round(kzt * TIYN));
const epochDays = (ms: number): number => Math.floor(ms / DAY_MS);

function hashId(text: string, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The last three closed fiscal years, oldest first. */
export const taxFiscalYears = (now: Date): number[] => [3, 2, 1].map((back) => now.getUTCFullYear() - back);

interface TaxYear {
  fiscalYear: number;
  incomeKzt: number;
  staff: number;
  /** Taxes paid over income; what the tax authority publishes as the tax-burden coefficient. */
  burden: number;
  vatKzt: number;
  vatRefundKzt: number;
  assetsKzt: number;
  liabilitiesKzt: number;
}

/**
 * The entity's tax-relevant economics, drawn from a stream keyed by its id alone, so the facts,
 * financials and lists generators agree with each other (taxes paid in the facts equal the sum
 * of taxes by type in the financials) whatever order they run in. The hidden propensities shape it:
 * fictitious invoicing means turnover without people or taxes (low burden, few staff, VAT refunds
 * out of proportion); insolvency means liabilities growing faster than assets.
 */
function economics(entity: SyntheticEntity, now: Date): TaxYear[] {
  const random = seededRandom(hashId(entity.id, 0x7a11));
  const { fictitiousInvoicing: fi, insolvency } = entity.risk;
  // Issue 13: in a heterogeneous world a trader turns over more per employee at a thinner margin.
  const sector = sectorEconomics(worldOf(entity), entity.okedPrimary);
  const baseIncome = logBetween(random, INCOME_KZT[entity.sizeClass]) * sector.turnoverPerStaff;
  const baseStaff = Math.round(between(random, STAFF[entity.sizeClass]));
  const baseBurden = (0.05 + random() * 0.07) * sector.burden;
  const leverage = 0.25 + random() * 0.3 + 0.45 * insolvency;
  return taxFiscalYears(now).map((fiscalYear, t) => {
    // Healthy companies grow a little; insolvent ones shrink.
    const incomeKzt = baseIncome * (1 + (0.08 - 0.25 * insolvency) * t) * (0.9 + 0.2 * random());
    const staff = Math.max(1, Math.round(baseStaff * (1 - 0.85 * fi) * (0.9 + 0.2 * random())));
    const burden = Math.max(0.001, baseBurden * (1 - 0.85 * fi) * (0.85 + 0.3 * random()));
    const vatKzt = incomeKzt * 0.12 * (0.25 + 0.15 * random()) * (1 - 0.7 * fi);
    // Exporters get small refunds honestly; a fictitious-invoicing scheme claims credit it never paid.
    const vatRefundKzt = incomeKzt * (random() < 0.1 ? 0.01 * random() : 0) + incomeKzt * 0.12 * fi * fi * (0.3 + 0.5 * random());
    const assetsKzt = incomeKzt * (0.4 + 0.6 * random()) * (1 - 0.6 * fi);
    const liabilitiesKzt = assetsKzt * (leverage + 0.3 * insolvency * t) * (0.9 + 0.2 * random());
    return { fiscalYear, incomeKzt, staff, burden, vatKzt, vatRefundKzt, assetsKzt, liabilitiesKzt };
  });
}

/** Taxes paid in a year, split by budget classification code; the facts publish only the total. */
function taxesByType(year: TaxYear, entity: SyntheticEntity): Array<{ typeCode: string; amount: number }> {
  const total = year.incomeKzt * year.burden;
  const shares: Array<readonly [string, number]> = entity.kind === 'INDIVIDUAL_ENTREPRENEUR'
    ? [['101202', 0.7], ['103101', 0.3]]
    : [['101101', 0.3], ['105101', 0.35], ['101201', 0.2], ['103101', 0.1], ['104101', 0.05]];
  return shares.map(([typeCode, share]) => ({ typeCode, amount: tiyn(total * share) }));
}

const taxesPaidTiyn = (year: TaxYear, entity: SyntheticEntity): number => taxesByType(year, entity).reduce((s, t) => s + t.amount, 0);

/** Tax debt at the end of the window: mostly zero, large and likely for insolvent entities and for bad payers. */
function taxDebtTiyn(entity: SyntheticEntity, last: TaxYear): number {
  const random = seededRandom(hashId(entity.id, 0xdeb7));
  const traits = worldTraits(entity);
  // A firm closing by choice settles with the budget first (a liquidation audit needs it).
  if (traits.voluntaryLiquidation) return 0;
  // Issue 13: a small penalty balance (a late filing, rounding) says nothing about distress.
  const technical = tiyn(traits.technicalDebtKzt);
  const p = 0.05 + 0.7 * entity.risk.insolvency + 0.3 * entity.risk.paymentDefault + (entity.outcomes.bankrupt ? 0.2 : 0);
  if (random() >= p) return technical;
  return technical + tiyn(last.incomeKzt * last.burden * (0.05 + entity.risk.insolvency * (0.3 + random())));
}

function regime(entity: SyntheticEntity, random: Random): TaxRegime {
  if (entity.kind === 'INDIVIDUAL_ENTREPRENEUR') return random() < 0.15 ? 'PATENT' : random() < 0.1 ? 'SPECIAL_MOBILE_APP' : 'SIMPLIFIED_DECLARATION';
  if (entity.okedPrimary.startsWith('01')) return random() < 0.5 ? 'AGRICULTURAL_PRODUCER' : 'GENERAL';
  return entity.sizeClass === 0 && random() < 0.6 ? 'SIMPLIFIED_DECLARATION' : 'GENERAL';
}

function riskCategory(entity: SyntheticEntity, random: Random): TaxRiskCategory {
  const score = 0.6 * entity.risk.fictitiousInvoicing + 0.4 * entity.risk.insolvency + 0.25 * (random() - 0.5);
  return score > 0.55 ? 'HIGH' : score > 0.3 ? 'MEDIUM' : 'LOW';
}

/** A date between `from` and `to` (epoch days), never after `to`. */
const dayBetween = (random: Random, from: number, to: number): number => Math.min(to, from + Math.floor(random() * Math.max(1, to - from)));

/** Public facts (BPR §24.1, first list): one snapshot per entity. */
export const taxFactsFeed: FeedGenerator<TaxFacts> = {
  topic: Topics.taxFacts.name,
  records(entity, random, now) {
    const years = economics(entity, now);
    const last = years[years.length - 1];
    const today = epochDays(now.getTime());
    const registered = Math.min(epochDays(entity.registeredOn.getTime()), today - 1);
    const { fictitiousInvoicing: fi, insolvency } = entity.risk;
    const currentYear = now.getUTCFullYear();
    const windowStart = Math.max(registered, epochDays(Date.UTC(currentYear - 3, 0, 1)));

    const suspensions = random() < 0.03 + 0.15 * insolvency
      ? [((start: number) => ({ startDate: start, endDate: random() < 0.6 ? dayBetween(random, start, today) : null }))(dayBetween(random, windowStart, today))]
      : [];
    const riskAudits = random() < 0.02 + 0.5 * fi ? [{ year: currentYear, half: now.getUTCMonth() < 6 ? 1 : 2 }] : [];
    const nonFilings = years
      .filter(() => random() < 0.02 + 0.3 * fi + 0.2 * insolvency)
      .map((y) => ({ form: entity.kind === 'INDIVIDUAL_ENTREPRENEUR' ? '910.00' : '100.00', fiscalYear: y.fiscalYear, dueDate: epochDays(Date.UTC(y.fiscalYear + 1, 2, 31)) }))
      .filter((n) => n.dueDate <= today);
    const bankruptcyStart = dayBetween(random, Math.max(windowStart, today - 700), today - 30);
    const insolvencyProceedings = entity.outcomes.bankrupt && random() < 0.5
      ? [{ kind: 'BANKRUPTCY' as const, startDate: bankruptcyStart, endDate: null }]
      : insolvency > 0.6 && random() < 0.2 ? [{ kind: 'REHABILITATION' as const, startDate: bankruptcyStart, endDate: null }] : [];
    const sanctions = random() < 0.03 + 0.4 * fi
      ? [{ kind: random() < 0.5 ? 'FINE' as const : 'ACCOUNT_SUSPENSION' as const, appliedOn: dayBetween(random, windowStart, today), amountTiyn: tiyn(50_000 + random() * 2_000_000) }]
      : [];
    const liquidating = (insolvencyProceedings.length === 0 && random() < 0.01 + 0.05 * insolvency) || worldTraits(entity).voluntaryLiquidation;
    const nonResident = entity.id[4] === '5';
    const office = `${entity.region.kato.slice(0, 2)}${String(Math.floor(random() * 20) + 1).padStart(2, '0')}`;
    const value: TaxFacts = {
      id: entity.id,
      registrationDate: registered,
      deregistrationDate: null,
      deregistrationReason: null,
      suspensions,
      residence: nonResident ? 'NON_RESIDENT' : 'RESIDENT',
      taxOfficeCode: office,
      taxOfficeName: `State Revenue Department of ${entity.region.name}`,
      taxRegime: regime(entity, random),
      riskAudits,
      nonFilings,
      insolvencyProceedings,
      yearly: years.map((y) => ({
        fiscalYear: y.fiscalYear,
        // The published coefficient is rounded; the exact ratio stays inside the perimeter.
        taxBurdenCoefficient: Math.round(y.burden * 10_000) / 10_000,
        taxesPaidTiyn: taxesPaidTiyn(y, entity),
      })),
      riskCategory: riskCategory(entity, random),
      taxDebtTiyn: taxDebtTiyn(entity, last),
      taxDebtAsOf: today - 1,
      liquidationAuditApplicationDate: liquidating ? dayBetween(random, Math.max(registered, today - 120), today) : null,
      sanctions,
      nonResidentRegistration: nonResident ? 'PERMANENT_ESTABLISHMENT' : null,
      eventTime: now.getTime() - Math.floor(random() * 7 * DAY_MS),
      entrepreneurName: entity.kind === 'INDIVIDUAL_ENTREPRENEUR' && entity.head ? entrepreneurName(entity.head.fullName) : null,
    };
    return [{ key: entity.id, value }];
  },
};

const PAYROLL: ReadonlyArray<readonly [TaxPayrollDeductionKind, number]> = [
  ['INDIVIDUAL_INCOME_TAX', 0.1], ['SOCIAL_TAX', 0.095], ['SOCIAL_CONTRIBUTIONS', 0.035], ['PENSION_CONTRIBUTIONS', 0.1], ['HEALTH_INSURANCE', 0.03],
];

/** CONFIDENTIAL financials (BPR §24.1, second list): one record per closed fiscal year of the window. */
export const taxFinancialsFeed: FeedGenerator<TaxFinancials> = {
  topic: Topics.taxFinancials.name,
  records(entity, random, now) {
    const registeredYear = entity.registeredOn.getUTCFullYear();
    return economics(entity, now).filter((y) => y.fiscalYear >= registeredYear).map((y) => {
      const byType = taxesByType(y, entity);
      const cit = byType.find((t) => t.typeCode === '101101')?.amount ?? 0;
      const wageFundKzt = y.staff * 12 * (150_000 + 250_000 * random());
      const fixedAssetsKzt = y.assetsKzt * (0.2 + 0.4 * random());
      const value: TaxFinancials = {
        id: entity.id,
        fiscalYear: y.fiscalYear,
        authorizedCapital: tiyn(entity.sizeClass === 0 ? 100_000 + random() * 1e6 : y.incomeKzt * 0.02 * (0.5 + random())),
        totalCapital: Math.round((y.assetsKzt - y.liabilitiesKzt) * TIYN),
        totalAssets: tiyn(y.assetsKzt),
        totalLiabilities: tiyn(y.liabilitiesKzt),
        fixedAssets: tiyn(fixedAssetsKzt),
        taxesByType: byType,
        annualIncome: tiyn(y.incomeKzt),
        taxableIncome: Math.round(y.incomeKzt * (0.05 + 0.1 * random() - 0.15 * entity.risk.insolvency) * TIYN),
        totalDeductions: tiyn(y.incomeKzt * (0.8 + 0.15 * random())),
        corporateIncomeTax: cit,
        valueAddedTax: tiyn(y.vatKzt),
        vatRefund: tiyn(y.vatRefundKzt),
        propertyTax: tiyn(fixedAssetsKzt * 0.015),
        transportTax: tiyn(Math.min(y.staff, 50) * (20_000 + 30_000 * random())),
        staffCount: y.staff,
        payrollDeductions: PAYROLL.map(([kind, rate]) => ({ kind, amount: tiyn(wageFundKzt * rate) })),
        eventTime: Math.min(now.getTime(), Date.UTC(y.fiscalYear + 1, 3, 15) + Math.floor(random() * 60 * DAY_MS)),
      };
      return { key: entity.id, value };
    });
  },
};

/** List memberships (BPR §24.1 lists). Some pseudo-enterprises and bankrupts are not listed yet: scoring should find them. */
export const taxListsFeed: FeedGenerator<TaxListMembership> = {
  topic: Topics.taxLists.name,
  records(entity, random, now) {
    const today = epochDays(now.getTime());
    const registered = Math.min(epochDays(entity.registeredOn.getTime()), today - 1);
    const since = Math.max(registered, today - 3 * 365);
    const { fictitiousInvoicing: fi } = entity.risk;
    const lists: TaxList[] = [];
    if (entity.outcomes.pseudoEnterprise && random() < 0.45) lists.push('PSEUDO_ENTERPRISE');
    if (entity.outcomes.pseudoEnterprise && random() < 0.1) lists.push('REGISTRATION_INVALID');
    if (random() < 0.01 + 0.35 * fi) lists.push('ABSENT_AT_LEGAL_ADDRESS');
    if (random() < 0.01 + 0.25 * fi) lists.push('INACTIVE');
    if (random() < 0.005 + 0.1 * fi) lists.push('DECLARED_INACTIVE');
    if (random() < 0.003 + 0.03 * fi) lists.push('REORGANIZED_IN_VIOLATION');
    if (entity.outcomes.bankrupt && random() < 0.5) lists.push('BANKRUPT');
    const last = economics(entity, now).at(-1);
    if (last && taxDebtTiyn(entity, last) > 150_000 * TIYN) lists.push('TAX_DEBTOR');
    return lists.map((list) => {
      const includedOn = dayBetween(random, since, today);
      // Some memberships ended (debt paid, address confirmed); a pseudo-enterprise or bankrupt one stays.
      const canEnd = list === 'TAX_DEBTOR' || list === 'ABSENT_AT_LEGAL_ADDRESS' || list === 'INACTIVE';
      const excludedOn = canEnd && random() < 0.3 ? dayBetween(random, includedOn, today) : null;
      return {
        key: entity.id,
        value: {
          id: entity.id,
          list,
          includedOn,
          excludedOn,
          basis: random() < 0.5 ? `Order No. ${1 + Math.floor(random() * 9000)}` : null,
          eventTime: Math.min(now.getTime(), (excludedOn ?? includedOn) * DAY_MS + Math.floor(random() * DAY_MS)),
        },
      };
    });
  },
};

/** The tax authority's three generators, in the order a run publishes them. */
export const TAX_FEED_GENERATORS = [taxFactsFeed, taxFinancialsFeed, taxListsFeed] as const;

function entrepreneurName(fullName: string): TaxFacts['entrepreneurName'] {
  const [surname, givenName, ...rest] = fullName.split(' ');
  return { surname, givenName: givenName ?? null, patronymic: rest.length ? rest.join(' ') : null };
}
