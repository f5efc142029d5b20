import type { OutgoingPublicFact } from '@hub/contracts';
import { ArrearsReport } from './utility-arrears';

/** Pure: a monthly arrears report let out on bpr.facts.v1 (§24.10 non-payment facts are public). */
export function arrearsFacts(items: ReadonlyArray<{ report: ArrearsReport }>): Array<OutgoingPublicFact<'UTILITY_ARREARS'>> {
  return items.map(({ report: { id, eventTime, ...facts } }) => ({
    subjectId: id, kind: 'UTILITY_ARREARS', itemKey: `${facts.supplierBin}|${facts.serviceKind}|${facts.billingPeriod}`, eventTime, facts,
  }));
}
