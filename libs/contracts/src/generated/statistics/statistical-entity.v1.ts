// Generated from schemas/statistics/statistical-entity.v1.avsc by `npm run schemas:types`. Do not edit.

/** A secondary type of economic activity: the code and its name. */
export interface StatisticsSecondaryActivity {
  /** Secondary OKED code, 5 digits without dots. */
  code: string;
  /** Name of the secondary type of economic activity. */
  name: string;
}

/** A business entity as the statistical business register describes it, BPR §24.4. Keyed by BIN/IIN. A later record for the same BIN/IIN (by eventTime) replaces the earlier one. */
export interface StatisticalEntity {
  /** BIN of a legal entity, branch or representative office, or IIN of an individual entrepreneur: 12 digits with a check digit. */
  id: string;
  /** Location code (KATO, 'CATO' in the rules), 9 digits. */
  katoCode: string;
  /** Primary type of economic activity (OKED, 'CCEA' in the rules), 5 digits without dots. */
  okedPrimary: string;
  /** Name of the primary type of economic activity. */
  okedPrimaryName: string;
  /** Secondary types of economic activity, if any (empty when none). */
  okedSecondary: Array<StatisticsSecondaryActivity>;
  /** Code of the size class by headcount (KRP, 'СВO' in the rules), 3 digits. */
  sizeClassCode: string;
  /** Name of the size class by headcount, e.g. 'Small enterprises (<= 5)'. */
  sizeClassName: string;
  /** When the statistical register recorded this state (ms since epoch, UTC); the later event time wins, whatever the arrival order. */
  eventTime: number;
}
