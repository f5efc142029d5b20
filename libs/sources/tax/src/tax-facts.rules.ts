import { Validation } from '@hub/platform';
import { TaxFactsRecord, TaxPublicFacts } from './tax-records';
import {
  TaxRejection, WINDOW_YEARS, checkAmount, checkEventTime, checkId, checkNotFuture, checkOrder, checkRequired, currentYear, fail,
  isoDate, isoDateOrNull, runRules,
} from './tax.rules';

const TAX_OFFICE = /^\d{4}$/;

/**
 * Pure: every rule a public-facts snapshot must pass, "now" passed in. Yearly figures older than
 * the three-year window are dropped, not refused: the rest of the snapshot is valid and the
 * rules only publish three years (BPR §24.1).
 */
export function validateTaxFacts(r: TaxFactsRecord, key: string | null, now: Date): Validation<TaxPublicFacts> {
  return runRules(() => {
    checkId(r.id, key);
    checkEventTime(r.eventTime, now);
    checkRequired('taxOfficeName', r.taxOfficeName);
    if (!TAX_OFFICE.test(r.taxOfficeCode)) fail(TaxRejection.TAX_OFFICE_FORMAT, 'taxOfficeCode must be 4 digits');

    checkNotFuture('registrationDate', r.registrationDate, now);
    checkNotFuture('deregistrationDate', r.deregistrationDate, now);
    checkOrder('registrationDate', r.registrationDate, 'deregistrationDate', r.deregistrationDate);
    if ((r.deregistrationDate === null) !== (r.deregistrationReason === null)) {
      fail(TaxRejection.DEREGISTRATION_INCOMPLETE, 'deregistrationDate and deregistrationReason come together');
    }
    r.suspensions.forEach((s, i) => {
      checkNotFuture(`suspensions[${i}].startDate`, s.startDate, now);
      checkNotFuture(`suspensions[${i}].endDate`, s.endDate, now);
      checkOrder(`suspensions[${i}].startDate`, s.startDate, `suspensions[${i}].endDate`, s.endDate);
    });
    r.insolvencyProceedings.forEach((p, i) => {
      checkNotFuture(`insolvencyProceedings[${i}].startDate`, p.startDate, now);
      checkNotFuture(`insolvencyProceedings[${i}].endDate`, p.endDate, now);
      checkOrder(`insolvencyProceedings[${i}].startDate`, p.startDate, `insolvencyProceedings[${i}].endDate`, p.endDate);
    });
    // The audit schedule is published ahead, but not beyond next year.
    r.riskAudits.forEach((a, i) => {
      if (a.half !== 1 && a.half !== 2) fail(TaxRejection.ENUM_VALUE, `riskAudits[${i}].half must be 1 or 2`);
      if (a.year > currentYear(now) + 1) fail(TaxRejection.FISCAL_YEAR_IN_FUTURE, `riskAudits[${i}].year is too far ahead`);
    });
    r.nonFilings.forEach((n, i) => {
      checkRequired(`nonFilings[${i}].form`, n.form);
      checkNotFuture(`nonFilings[${i}].dueDate`, n.dueDate, now);
      if (n.fiscalYear > currentYear(now)) fail(TaxRejection.FISCAL_YEAR_IN_FUTURE, `nonFilings[${i}].fiscalYear is in the future`);
    });
    const years = new Set<number>();
    r.yearly.forEach((y, i) => {
      if (y.fiscalYear > currentYear(now)) fail(TaxRejection.FISCAL_YEAR_IN_FUTURE, `yearly[${i}].fiscalYear is in the future`);
      if (years.has(y.fiscalYear)) fail(TaxRejection.DUPLICATE_FISCAL_YEAR, `yearly has fiscal year ${y.fiscalYear} twice`);
      years.add(y.fiscalYear);
      checkAmount(`yearly[${i}].taxBurdenCoefficient`, y.taxBurdenCoefficient);
      checkAmount(`yearly[${i}].taxesPaidTiyn`, y.taxesPaidTiyn);
    });
    checkAmount('taxDebtTiyn', r.taxDebtTiyn);
    checkNotFuture('taxDebtAsOf', r.taxDebtAsOf, now);
    checkNotFuture('liquidationAuditApplicationDate', r.liquidationAuditApplicationDate, now);
    checkOrder('registrationDate', r.registrationDate, 'liquidationAuditApplicationDate', r.liquidationAuditApplicationDate);
    r.sanctions.forEach((s, i) => {
      checkNotFuture(`sanctions[${i}].appliedOn`, s.appliedOn, now);
      checkAmount(`sanctions[${i}].amountTiyn`, s.amountTiyn);
    });

    const oldestYear = currentYear(now) - WINDOW_YEARS;
    return {
      id: r.id,
      registrationDate: isoDate(r.registrationDate),
      deregistrationDate: isoDateOrNull(r.deregistrationDate),
      deregistrationReason: r.deregistrationReason,
      suspensions: r.suspensions.map((s) => ({ startDate: isoDate(s.startDate), endDate: isoDateOrNull(s.endDate) })),
      residence: r.residence,
      taxOfficeCode: r.taxOfficeCode,
      taxOfficeName: r.taxOfficeName,
      taxRegime: r.taxRegime,
      riskAudits: r.riskAudits.map((a) => ({ year: a.year, half: a.half })),
      nonFilings: r.nonFilings.map((n) => ({ form: n.form, fiscalYear: n.fiscalYear, dueDate: isoDate(n.dueDate) })),
      insolvencyProceedings: r.insolvencyProceedings.map((p) => ({ kind: p.kind, startDate: isoDate(p.startDate), endDate: isoDateOrNull(p.endDate) })),
      yearly: r.yearly
        .filter((y) => y.fiscalYear >= oldestYear)
        .map((y) => ({ fiscalYear: y.fiscalYear, taxBurdenCoefficient: y.taxBurdenCoefficient, taxesPaidTiyn: y.taxesPaidTiyn })),
      riskCategory: r.riskCategory,
      taxDebtTiyn: r.taxDebtTiyn,
      taxDebtAsOf: isoDate(r.taxDebtAsOf),
      liquidationAuditApplicationDate: isoDateOrNull(r.liquidationAuditApplicationDate),
      sanctions: r.sanctions.map((s) => ({ kind: s.kind, appliedOn: isoDate(s.appliedOn), amountTiyn: s.amountTiyn })),
      nonResidentRegistration: r.nonResidentRegistration,
      entrepreneurName: r.entrepreneurName?.surname.trim() ? r.entrepreneurName : null,
      eventTime: new Date(r.eventTime),
    };
  });
}
