// Generated from schemas/utility/utility-arrears.v1.avsc by `npm run schemas:types`. Do not edit.

export type UtilityServiceKind = 'ELECTRICITY' | 'HEAT' | 'WATER' | 'SEWAGE' | 'GAS' | 'OTHER';
export const UtilityServiceKindValues = ['ELECTRICITY', 'HEAT', 'WATER', 'SEWAGE', 'GAS', 'OTHER'] as const;

/** A natural monopoly's monthly report of a customer's unpaid utility bills, BPR §24.10. Keyed by the customer's BIN/IIN; one record per customer, supplier, service and billing period. Reported monthly, by the 30th of the month following the billing period; a later record (by eventTime) for the same customer, supplier, service and period replaces the earlier one (e.g. a debt paid off reports monthsOverdue 0). */
export interface UtilityArrears {
  /** BIN of the legal entity or IIN of the individual entrepreneur who owes: 12 digits with a check digit. */
  id: string;
  /** BIN of the supplier, an entity of natural monopoly (ENM): 12 digits with a check digit. */
  supplierBin: string;
  /** Name of the supplier. */
  supplierName: string;
  /** Kind of utility service billed. */
  serviceKind: UtilityServiceKind;
  /** Reporting (billing) month, 'YYYY-MM'; not after the current month. */
  billingPeriod: string;
  /** Whole months the oldest unpaid bill is overdue at the end of the billing period; more than 1 is a fact of non-payment under §24.10; never negative. */
  monthsOverdue: number;
  /** Amount owed at the end of the billing period, in tiyn (1/100 tenge); never negative. */
  amountOwedTiyn: number;
  /** When the supplier recorded this state (ms since epoch, UTC); the later event time wins, whatever the arrival order. */
  eventTime: number;
}
