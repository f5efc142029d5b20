import type { PublicFact, PublicFactKind } from '@hub/contracts';
import { SizeBand, sizeBand } from '@hub/identity';
import { PublicClassification, publicClassifications } from '@hub/perimeter';

export type SubjectSize = PublicClassification<SizeBand>;

const SIZE_KINDS: ReadonlySet<PublicFactKind> = new Set(['STATISTICS']);

/** Pure: the size bands a batch of bpr.facts.v1 records states (the statistics facts' size class), latest per subject. */
export const subjectSizes = (facts: readonly PublicFact[]): SubjectSize[] =>
  publicClassifications(facts, SIZE_KINDS, (doc) => (typeof doc.sizeClassCode === 'string' ? sizeBand(doc.sizeClassCode) : null));
