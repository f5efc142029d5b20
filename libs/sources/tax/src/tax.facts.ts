import type { OutgoingPublicFact } from '@hub/contracts';
import { TaxListEntry, TaxPublicFacts } from './tax-records';

/**
 * Pure: what the tax perimeter lets out on bpr.facts.v1 — the public columns of BPR §24.1 (SPEC §1)
 * and the public lists. It takes the validated public facts only; the financials type
 * (TaxYearFinancials) cannot reach this file, so no confidential figure can be sent.
 */
export function taxFacts(items: ReadonlyArray<{ facts: TaxPublicFacts }>): Array<OutgoingPublicFact<'TAX_FACTS'>> {
  return items.map(({ facts: f }) => ({
    subjectId: f.id, kind: 'TAX_FACTS', itemKey: '', eventTime: f.eventTime,
    facts: {
      registrationDate: f.registrationDate, deregistrationDate: f.deregistrationDate, deregistrationReason: f.deregistrationReason,
      suspensions: f.suspensions, residence: f.residence, taxOfficeCode: f.taxOfficeCode, taxOfficeName: f.taxOfficeName, taxRegime: f.taxRegime,
      riskAudits: f.riskAudits, nonFilings: f.nonFilings, insolvencyProceedings: f.insolvencyProceedings, yearly: f.yearly,
      riskCategory: f.riskCategory, taxDebtTiyn: f.taxDebtTiyn, taxDebtAsOf: f.taxDebtAsOf,
      liquidationAuditApplicationDate: f.liquidationAuditApplicationDate, sanctions: f.sanctions, nonResidentRegistration: f.nonResidentRegistration,
      entrepreneurName: f.entrepreneurName,
    },
  }));
}

export function taxListFacts(items: ReadonlyArray<{ entry: TaxListEntry }>): Array<OutgoingPublicFact<'TAX_LIST_MEMBERSHIP'>> {
  return items.map(({ entry: e }) => ({
    subjectId: e.id, kind: 'TAX_LIST_MEMBERSHIP', itemKey: `${e.list}|${e.includedOn}`, eventTime: e.eventTime,
    facts: { list: e.list, includedOn: e.includedOn, excludedOn: e.excludedOn, basis: e.basis },
  }));
}
