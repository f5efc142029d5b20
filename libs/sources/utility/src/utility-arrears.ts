import type { UtilityArrears as UtilityArrearsRecord, UtilityServiceKind } from '@hub/contracts';

/** The Avro record as avsc decodes it (timestamps as epoch ms). */
export type { UtilityArrearsRecord, UtilityServiceKind };

/** A validated monthly arrears report, ready to store. */
export interface ArrearsReport {
  id: string;
  supplierBin: string;
  supplierName: string;
  serviceKind: UtilityServiceKind;
  /** 'YYYY-MM'. */
  billingPeriod: string;
  monthsOverdue: number;
  amountOwedTiyn: number;
  eventTime: Date;
}

export interface SourcePosition { topic: string; partition: number; offset: string }
