import type { Features, IndexWindow } from '@hub/perimeter';
import { isNonPayment } from '../utility-arrears.rules';

const DAY_MS = 86_400_000;
/** Months of reports the index looks at, ending with the last complete month. */
export const UTILITY_INDEX_WINDOW_MONTHS = 36;

export interface ArrearsMonth { supplierBin: string; serviceKind: string; billingPeriod: string; monthsOverdue: number }

const period = (d: Date): string => d.toISOString().slice(0, 7);

/** First and last billing period ('YYYY-MM') of the window, and the same as epoch days. */
export function utilityWindow(now: Date): { fromPeriod: string; toPeriod: string; days: IndexWindow } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - UTILITY_INDEX_WINDOW_MONTHS, 1));
  const toEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { fromPeriod: period(from), toPeriod: period(to), days: { from: Math.floor(from.getTime() / DAY_MS), to: Math.floor(toEnd.getTime() / DAY_MS) } };
}

const previousPeriod = (p: string): string => {
  const [y, m] = p.split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};

/**
 * Pure: how many times the customer fell behind on a bill in the window: a spell of arrears starts
 * at a month overdue whose previous month, for the same supplier and service, was not reported
 * overdue. Issue 13: payment discipline is how often bills go unpaid, not only how long a debt
 * lasts; a firm late every few months is a worse payer than one that was late once for as long.
 */
export function arrearsSpells(reports: readonly ArrearsMonth[]): number {
  const overdue = new Set(reports.filter((r) => r.monthsOverdue > 0).map((r) => `${r.supplierBin}|${r.serviceKind}|${r.billingPeriod}`));
  let spells = 0;
  for (const r of reports) {
    if (r.monthsOverdue > 0 && !overdue.has(`${r.supplierBin}|${r.serviceKind}|${previousPeriod(r.billingPeriod)}`)) spells++;
  }
  return spells;
}

/** Pure: features of one customer's monthly arrears reports in the window ending at `now`. */
export function utilityFeatures(reports: readonly ArrearsMonth[], now: Date): Features {
  const w = utilityWindow(now);
  const recentFrom = period(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)));
  const inWindow = reports.filter((r) => r.billingPeriod >= w.fromPeriod && r.billingPeriod <= w.toPeriod);
  const nonPayment = inWindow.filter((r) => isNonPayment(r.monthsOverdue));
  const latest = new Map<string, ArrearsMonth>();
  for (const r of inWindow) {
    const k = `${r.supplierBin}|${r.serviceKind}`;
    const seen = latest.get(k);
    if (!seen || r.billingPeriod > seen.billingPeriod) latest.set(k, r);
  }
  return {
    NON_PAYMENT_MONTHS: Math.min(6, Math.log2(1 + nonPayment.length)),
    LONGEST_ARREARS: Math.min(12, inWindow.reduce((m, r) => Math.max(m, r.monthsOverdue), 0)) / 3,
    OUTSTANDING_NON_PAYMENT: Math.min(3, [...latest.values()].filter((r) => isNonPayment(r.monthsOverdue)).length),
    RECENT_NON_PAYMENT: nonPayment.some((r) => r.billingPeriod >= recentFrom) ? 1 : 0,
    // 0 for a customer behind once or never: the other features already read a single spell.
    REPEATED_ARREARS: Math.min(6, Math.log2(Math.max(1, arrearsSpells(inWindow)))),
  };
}
