import type {
  CourtCaseFacts, Founder, PublicFactKind, RegistrationFacts, StatisticsFacts, TaxList, TaxListMembershipFacts, TaxPublicFactsDoc, UtilityArrearsFacts,
} from '@hub/contracts';

/** Tax figures cover the last three fiscal years (BPR §24.1). */
export const TAX_WINDOW_YEARS = 3;
/** How many judicial acts the profile lists, newest first; the counts always cover all of them. */
export const PROFILE_CASE_LIMIT = 50;
/** Three years of monthly utility history, like the other feeds' windows. */
export const ARREARS_WINDOW_MONTHS = 36;
/** BPR §24.10: non-payment for more than one month. */
export const NON_PAYMENT_MIN_MONTHS = 2;

export interface RegistrationView extends Omit<RegistrationFacts, 'founders'> {
  /** Founders with their shares. A natural person's `iin` is personal data: present in-process only, never on a public response. */
  founders: Founder[];
  founderCounts: { total: number; naturalPersons: number; legalEntities: number };
  eventTime: string;
  updatedAt: string;
}

export interface TaxView {
  registrationDate: string;
  deregistrationDate: string | null;
  deregistrationReason: string | null;
  suspensions: Array<{ startDate: string; endDate: string | null }>;
  residence: string;
  taxOffice: { code: string; name: string };
  taxRegime: string;
  riskAudits: Array<{ year: number; half: number }>;
  nonFilings: Array<{ form: string; fiscalYear: number; dueDate: string }>;
  insolvencyProceedings: Array<{ kind: string; startDate: string; endDate: string | null }>;
  yearly: Array<{ fiscalYear: number; taxBurdenCoefficient: number | null; taxesPaidKzt: number | null }>;
  riskCategory: string | null;
  taxDebtKzt: number;
  taxDebtAsOf: string;
  liquidationAuditApplicationDate: string | null;
  sanctions: Array<{ kind: string; appliedOn: string; amountKzt: number | null }>;
  nonResidentRegistration: string | null;
  lists: TaxListView[];
  eventTime: string;
}
export interface TaxListView { list: TaxList; includedOn: string; excludedOn: string | null; current: boolean; basis: string | null }

export interface StatisticsView {
  katoCode: string;
  okedPrimary: { code: string; name: string };
  okedSecondary: Array<{ code: string; name: string }>;
  sizeClass: { code: string; name: string };
  asOf: string;
}

export interface CourtCasesView {
  total: number;
  asDefendant: number;
  asPlaintiff: number;
  asThirdParty: number;
  truncated: boolean;
  cases: Array<Omit<CourtCaseFacts, 'partyRole'> & { partyRole: CourtCaseFacts['partyRole']; recordedAt: string }>;
}

export type ArrearsFact = UtilityArrearsFacts;
export interface UtilityArrearsView {
  window: { from: string; to: string };
  nonPaymentCount: number;
  outstanding: ArrearsFact[];
  outstandingTotalTiyn: number;
  facts: ArrearsFact[];
}

/** Current memberships of the tax authority's public lists, as flags a KYC rule can read directly. */
export interface ListFlags {
  current: TaxList[];
  pseudoEnterprise: boolean;
  inactive: boolean;
  bankrupt: boolean;
  taxDebtor: boolean;
  absentAtLegalAddress: boolean;
  registrationInvalid: boolean;
}

/**
 * Everything the register knows about one BIN/IIN, typed: what `RegisterReader.profile(id)` returns.
 * Sections are null when no perimeter has published that kind of fact for the subject.
 */
export interface RegisterProfile {
  id: string;
  idKind: 'BIN' | 'IIN';
  registration: RegistrationView | null;
  /** Individual entrepreneurs: surname, name and patronymic from the tax facts (a §32 search ground). */
  entrepreneurName: string | null;
  tax: TaxView | null;
  /** Current list memberships as flags (pseudo-enterprise, inactive, bankrupt, debtor, ...). */
  lists: ListFlags;
  /** Every list membership, current and past, newest first; known even before the tax facts snapshot arrives. */
  taxLists: TaxListView[];
  statistics: StatisticsView | null;
  courtCases: CourtCasesView | null;
  utilityArrears: UtilityArrearsView | null;
  /** Latest source event time among the facts, ISO. */
  asOf: string;
}

export interface FactRow { kind: PublicFactKind; itemKey: string; eventTime: Date; updatedAt: Date; facts: unknown }

const kzt = (tiyn: number | null): number | null => (tiyn === null ? null : tiyn / 100);

export function periodMinus(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - months, 1)).toISOString().slice(0, 7);
}

/** Pure: the profile from a subject's stored facts, with "now" passed in (windows move with the calendar). */
export function buildProfile(id: string, idKind: 'BIN' | 'IIN', rows: readonly FactRow[], now: Date): RegisterProfile | null {
  if (rows.length === 0) return null;
  const of = <K extends PublicFactKind>(kind: K) => rows.filter((r) => r.kind === kind);
  const reg = of('REGISTRATION')[0];
  const taxFacts = of('TAX_FACTS')[0];
  const lists = of('TAX_LIST_MEMBERSHIP').map((r) => r.facts as TaxListMembershipFacts)
    .sort((a, b) => (a.includedOn === b.includedOn ? a.list.localeCompare(b.list) : b.includedOn.localeCompare(a.includedOn)))
    .map((l): TaxListView => ({ list: l.list, includedOn: l.includedOn, excludedOn: l.excludedOn, current: l.excludedOn === null, basis: l.basis }));
  const stat = of('STATISTICS')[0];
  const asOf = new Date(Math.max(...rows.map((r) => r.eventTime.getTime()))).toISOString();
  return {
    id,
    idKind,
    registration: reg ? registrationView(reg) : null,
    entrepreneurName: entrepreneurNameOf(taxFacts),
    tax: taxFacts ? taxView(taxFacts, lists, now) : null,
    lists: listFlags(lists),
    taxLists: lists,
    statistics: stat ? statisticsView(stat) : null,
    courtCases: courtView(of('COURT_CASE')),
    utilityArrears: arrearsView(of('UTILITY_ARREARS').map((r) => r.facts as UtilityArrearsFacts), now),
    asOf,
  };
}

function entrepreneurNameOf(row: FactRow | undefined): string | null {
  const n = row && (row.facts as TaxPublicFactsDoc).entrepreneurName;
  return n ? [n.surname, n.givenName, n.patronymic].filter(Boolean).join(' ') : null;
}

function registrationView(row: FactRow): RegistrationView {
  const f = row.facts as RegistrationFacts;
  const founders = f.founders ?? [];
  return {
    ...f,
    founders,
    parentOrganization: f.parentOrganization ?? null,
    founderCounts: {
      total: founders.length,
      naturalPersons: founders.filter((x) => x.kind === 'NATURAL_PERSON').length,
      legalEntities: founders.filter((x) => x.kind === 'LEGAL_ENTITY').length,
    },
    eventTime: row.eventTime.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function taxView(row: FactRow, lists: TaxListView[], now: Date): TaxView {
  const f = row.facts as TaxPublicFactsDoc;
  const oldest = now.getUTCFullYear() - TAX_WINDOW_YEARS;
  return {
    registrationDate: f.registrationDate,
    deregistrationDate: f.deregistrationDate,
    deregistrationReason: f.deregistrationReason,
    suspensions: f.suspensions,
    residence: f.residence,
    taxOffice: { code: f.taxOfficeCode, name: f.taxOfficeName },
    taxRegime: f.taxRegime,
    riskAudits: f.riskAudits,
    nonFilings: f.nonFilings,
    insolvencyProceedings: f.insolvencyProceedings,
    yearly: f.yearly.filter((y) => y.fiscalYear >= oldest).sort((a, b) => b.fiscalYear - a.fiscalYear)
      .map((y) => ({ fiscalYear: y.fiscalYear, taxBurdenCoefficient: y.taxBurdenCoefficient, taxesPaidKzt: kzt(y.taxesPaidTiyn) })),
    riskCategory: f.riskCategory,
    taxDebtKzt: kzt(f.taxDebtTiyn) ?? 0,
    taxDebtAsOf: f.taxDebtAsOf,
    liquidationAuditApplicationDate: f.liquidationAuditApplicationDate,
    sanctions: f.sanctions.map((s) => ({ kind: s.kind, appliedOn: s.appliedOn, amountKzt: kzt(s.amountTiyn) })),
    nonResidentRegistration: f.nonResidentRegistration,
    lists,
    eventTime: row.eventTime.toISOString(),
  };
}

function listFlags(lists: readonly TaxListView[]): ListFlags {
  const current = [...new Set(lists.filter((l) => l.current).map((l) => l.list))];
  const has = (l: TaxList) => current.includes(l);
  return {
    current,
    pseudoEnterprise: has('PSEUDO_ENTERPRISE'),
    inactive: has('INACTIVE') || has('DECLARED_INACTIVE'),
    bankrupt: has('BANKRUPT'),
    taxDebtor: has('TAX_DEBTOR'),
    absentAtLegalAddress: has('ABSENT_AT_LEGAL_ADDRESS'),
    registrationInvalid: has('REGISTRATION_INVALID'),
  };
}

function statisticsView(row: FactRow): StatisticsView {
  const f = row.facts as StatisticsFacts;
  return {
    katoCode: f.katoCode,
    okedPrimary: { code: f.okedPrimary, name: f.okedPrimaryName },
    okedSecondary: f.okedSecondary,
    sizeClass: { code: f.sizeClassCode, name: f.sizeClassName },
    asOf: row.eventTime.toISOString(),
  };
}

function courtView(rows: readonly FactRow[]): CourtCasesView | null {
  if (rows.length === 0) return null;
  const cases = rows.map((r) => ({ ...(r.facts as CourtCaseFacts), recordedAt: r.eventTime.toISOString() }))
    .sort((a, b) => (a.actDate === b.actDate ? a.caseNumber.localeCompare(b.caseNumber) : b.actDate.localeCompare(a.actDate)));
  const role = (r: CourtCaseFacts['partyRole']) => cases.filter((c) => c.partyRole === r).length;
  return {
    total: cases.length, asDefendant: role('DEFENDANT'), asPlaintiff: role('PLAINTIFF'), asThirdParty: role('THIRD_PARTY'),
    truncated: cases.length > PROFILE_CASE_LIMIT,
    cases: cases.slice(0, PROFILE_CASE_LIMIT),
  };
}

/**
 * A later report that is no longer overdue (debt paid) clears the supplier/service from
 * `outstanding` but leaves history (the same rule the utility perimeter applies to its own store).
 */
function arrearsView(all: readonly UtilityArrearsFacts[], now: Date): UtilityArrearsView | null {
  const to = now.toISOString().slice(0, 7);
  const from = periodMinus(to, ARREARS_WINDOW_MONTHS - 1);
  const reports = all.filter((r) => r.billingPeriod >= from && r.billingPeriod <= to)
    .sort((a, b) => (a.billingPeriod === b.billingPeriod ? a.supplierBin.localeCompare(b.supplierBin) : b.billingPeriod.localeCompare(a.billingPeriod)));
  if (reports.length === 0) return null;
  const latest = new Map<string, UtilityArrearsFacts>();
  for (const r of reports) {
    const k = `${r.supplierBin}|${r.serviceKind}`;
    const seen = latest.get(k);
    if (!seen || r.billingPeriod > seen.billingPeriod) latest.set(k, r);
  }
  const nonPayment = (r: UtilityArrearsFacts) => r.monthsOverdue >= NON_PAYMENT_MIN_MONTHS;
  const outstanding = [...latest.values()].filter(nonPayment);
  const facts = reports.filter(nonPayment);
  return { window: { from, to }, nonPaymentCount: facts.length, outstanding, outstandingTotalTiyn: outstanding.reduce((s, f) => s + f.amountOwedTiyn, 0), facts };
}

/** What the public sees of a founder (BPR §30 personal data): names and shares, never a natural person's IIN. */
export type PublicFounder = Omit<Founder, 'iin'>;

/**
 * Pure: the public view of a profile, as GET /api/v1/entities/:id serves it. Natural persons' IINs
 * (founders) are dropped; the head's name and founders' names stay, as the registry publishes them.
 */
export function publicProfile(p: RegisterProfile): Record<string, unknown> {
  const sections: string[] = (['registration', 'tax', 'statistics', 'courtCases', 'utilityArrears'] as const).filter((s) => p[s] !== null);
  const registration = p.registration && { ...p.registration, founders: p.registration.founders.map(({ iin: _iin, ...rest }): PublicFounder => rest) };
  // List memberships can arrive before the facts snapshot; they are public on their own.
  const tax = p.tax ?? (p.taxLists.length ? { lists: p.taxLists } : null);
  const present: Record<string, unknown> = { registration, tax, statistics: p.statistics, courtCases: p.courtCases, utilityArrears: p.utilityArrears };
  if (!p.tax && tax) sections.push('tax');
  return {
    id: p.id, bin: p.id, idKind: p.idKind, asOf: p.asOf, sections, listFlags: p.lists,
    ...(p.entrepreneurName ? { entrepreneurName: p.entrepreneurName } : {}),
    ...Object.fromEntries(Object.entries(present).filter(([, v]) => v !== null)),
  };
}
