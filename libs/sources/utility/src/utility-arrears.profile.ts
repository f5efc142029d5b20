import { ArrearsReport } from './utility-arrears';
import { isNonPayment } from './utility-arrears.rules';

export interface ArrearsFact {
  supplierBin: string;
  supplierName: string;
  serviceKind: ArrearsReport['serviceKind'];
  billingPeriod: string;
  monthsOverdue: number;
  amountOwedTiyn: number;
}

export interface UtilityArrearsProfile {
  /** First and last month the section looks at. */
  window: { from: string; to: string };
  /** Months, per supplier and service, reported as non-payment (more than one month overdue). */
  nonPaymentCount: number;
  /** Per supplier and service, the latest report when it is still non-payment. */
  outstanding: ArrearsFact[];
  outstandingTotalTiyn: number;
  /** Every non-payment fact in the window, newest period first. */
  facts: ArrearsFact[];
}

const fact = (r: ArrearsReport): ArrearsFact => ({
  supplierBin: r.supplierBin,
  supplierName: r.supplierName,
  serviceKind: r.serviceKind,
  billingPeriod: r.billingPeriod,
  monthsOverdue: r.monthsOverdue,
  amountOwedTiyn: r.amountOwedTiyn,
});

/** 'YYYY-MM' `months` months before `period`. */
export function periodMinus(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - months, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Pure: the public view of a customer's reports (newest period first). A later report that is no
 * longer overdue (debt paid) clears the supplier/service from `outstanding` but leaves history.
 */
export function summariseArrears(reports: readonly ArrearsReport[], window: { from: string; to: string }): UtilityArrearsProfile | null {
  if (reports.length === 0) return null;
  const latest = new Map<string, ArrearsReport>();
  for (const r of reports) {
    const k = `${r.supplierBin}|${r.serviceKind}`;
    const seen = latest.get(k);
    if (!seen || r.billingPeriod > seen.billingPeriod) latest.set(k, r);
  }
  const outstanding = [...latest.values()].filter((r) => isNonPayment(r.monthsOverdue)).map(fact);
  const facts = reports.filter((r) => isNonPayment(r.monthsOverdue)).map(fact);
  return {
    window,
    nonPaymentCount: facts.length,
    outstanding,
    outstandingTotalTiyn: outstanding.reduce((sum, f) => sum + f.amountOwedTiyn, 0),
    facts,
  };
}
