import type { PublicFact, PublicFactKind } from '@hub/contracts';
import { okedSection } from '@hub/identity';
import { PublicClassification, publicClassifications } from '@hub/perimeter';

/** A subject's OKED section as one public projection states it. */
export type PeerSector = PublicClassification<string>;

/** The public facts that carry the entity's primary activity (BPR §24.3 registration, §24.4 statistics). */
const SECTOR_KINDS: ReadonlySet<PublicFactKind> = new Set(['REGISTRATION', 'STATISTICS']);

/** Pure: the OKED sections a batch of bpr.facts.v1 records states, latest per subject and kind. */
export const peerSectors = (facts: readonly PublicFact[]): PeerSector[] =>
  publicClassifications(facts, SECTOR_KINDS, (doc) => (typeof doc.okedPrimary === 'string' ? okedSection(doc.okedPrimary) : null));
