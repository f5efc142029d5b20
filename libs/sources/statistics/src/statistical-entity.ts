import type { StatisticalEntity as StatisticalEntityRecord, StatisticsSecondaryActivity } from '@hub/contracts';

/** The Avro record as avsc decodes it (timestamps as epoch ms). */
export type { StatisticalEntityRecord, StatisticsSecondaryActivity };

/** A validated statistical-register entry, ready to store. */
export interface StatisticalEntry {
  id: string;
  katoCode: string;
  okedPrimary: string;
  okedPrimaryName: string;
  okedSecondary: Array<{ code: string; name: string }>;
  sizeClassCode: string;
  sizeClassName: string;
  eventTime: Date;
}

export interface SourcePosition { topic: string; partition: number; offset: string }
