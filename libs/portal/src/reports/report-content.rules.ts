import type { FactRecord, ReportContent, ReportIndex } from '@hub/reports';

/** The scoring answer as far as a report reads it (ScoresAnswer). */
export interface IndexesLike {
  indexes: Array<{ index: string; value: number; category: string; algorithm: string; algorithmVersion: string; computedAt: string; topFactors: Array<{ code: string; explanation: string; source?: string }> }>;
}

const MAX_ITEMS = 50;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** Scalars only, the named keys if given: nested objects and long texts do not go into a report line. */
function scalars(o: unknown, keys?: readonly string[]): FactRecord {
  const out: FactRecord = {};
  if (!isObj(o)) return out;
  for (const [k, v] of Object.entries(o)) {
    if (keys && !keys.includes(k)) continue;
    if (typeof v === 'string' ? v.length <= 200 : typeof v === 'number' || typeof v === 'boolean') out[k] = v as string | number | boolean;
  }
  return out;
}
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, MAX_ITEMS) : []);

const COURT_CASE_FIELDS = ['caseNumber', 'partyRole', 'instance', 'court', 'proceedingKind', 'caseCategory', 'caseRegisteredOn', 'actDate', 'actType', 'outcome', 'claimAmountTiyn'] as const;

/**
 * Pure: the content of a counterparty report (BPR §28) from the register's public profile (the
 * same projection the API serves: no natural person's IIN) and the four final indexes. Reasons
 * are the factors' plain words and codes only, never a contribution or a confidential value, so
 * the report cannot be inverted into a perimeter's ratios (BPR §20, issue 13).
 * Null when the register knows nothing of the subject.
 */
export function reportContent(id: string, profile: Record<string, unknown> | null, scores: IndexesLike | null): ReportContent | null {
  if (!profile && !scores) return null;
  const p = profile ?? {};
  const reg = isObj(p.registration) ? p.registration : null;
  const tax = isObj(p.tax) ? p.tax : null;
  const stat = isObj(p.statistics) ? p.statistics : null;
  const court = isObj(p.courtCases) ? p.courtCases : null;
  const util = isObj(p.utilityArrears) ? p.utilityArrears : null;
  const oked = stat && isObj(stat.okedPrimary) ? `${str(stat.okedPrimary.code) ?? ''} ${str(stat.okedPrimary.name) ?? ''}`.trim() : str(reg?.okedPrimary);
  const indexes: ReportIndex[] = (scores?.indexes ?? []).map((i) => ({
    name: i.index, value: i.value, category: i.category, algorithmVersion: `${i.algorithm}@${i.algorithmVersion}`, computedAt: i.computedAt,
    reasons: i.topFactors.map((f) => ({ code: f.code, text: f.explanation, ...(f.source ? { source: f.source } : {}) })),
  }));
  const idKind = p.idKind === 'IIN' || (!reg && str(p.entrepreneurName)) ? 'IIN' : 'BIN';
  return {
    subject: {
      id,
      idKind,
      name: str(reg?.nameRu) ?? str(reg?.nameKk) ?? str(reg?.nameEn) ?? str(p.entrepreneurName),
      status: str(reg?.status) ?? (tax ? (str(tax.deregistrationDate) ? 'DEREGISTERED' : 'REGISTERED') : null),
      legalForm: str(reg?.legalForm) ?? (idKind === 'IIN' ? 'INDIVIDUAL_ENTREPRENEUR' : null),
      registeredOn: str(reg?.initialRegistrationDate) ?? str(tax?.registrationDate),
      // an entrepreneur's address is where a person lives (BPR §30): legal entities only
      address: idKind === 'BIN' ? str(reg?.address) : null,
      head: str(reg?.headFullName),
      primaryActivity: oked || null,
    },
    indexes,
    lists: list(tax?.lists).filter((l) => isObj(l) && l.current !== false).map((l) => scalars(l, ['list', 'includedOn', 'basis'])),
    taxes: tax && ('taxDebtKzt' in tax || 'yearly' in tax)
      ? { debtKzt: num(tax.taxDebtKzt), debtAsOf: str(tax.taxDebtAsOf), paid: list(tax.yearly).map((y) => scalars(y, ['fiscalYear', 'taxesPaidKzt'])) }
      : null,
    courtCases: court
      ? { summary: scalars(court, ['total', 'asDefendant', 'asPlaintiff', 'asThirdParty', 'truncated']), cases: list(court.cases).map((c) => scalars(c, COURT_CASE_FIELDS)) }
      : null,
    utilityArrears: util
      ? { summary: { ...scalars(util, ['nonPaymentCount', 'outstandingTotalTiyn']), ...(isObj(util.window) ? { windowFrom: str(util.window.from), windowTo: str(util.window.to) } : {}) }, outstanding: list(util.outstanding).map((a) => scalars(a)) }
      : null,
    factsAsOf: str(p.asOf),
  };
}

/** The index values a check records: name -> value and category. */
export const indexValues = (content: Pick<ReportContent, 'indexes'>): Record<string, { value: number; category: string }> =>
  Object.fromEntries(content.indexes.map((i) => [i.name, { value: i.value, category: i.category }]));
