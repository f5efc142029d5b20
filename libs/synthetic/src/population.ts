import type { Random } from '@hub/identity';
import type { Region } from './regions';

export type SyntheticEntityKind = 'LEGAL_ENTITY' | 'BRANCH' | 'INDIVIDUAL_ENTREPRENEUR';

/**
 * One member of the synthetic population. `risk` is the hidden profile: latent propensities in
 * [0, 1] that every feed generator uses to draw correlated signals; `outcomes` are what later
 * "happened", drawn from the same propensities, so scoring quality can be measured against them.
 */
export interface SyntheticEntity {
  /** BIN for legal entities and branches, IIN for individual entrepreneurs. */
  id: string;
  kind: SyntheticEntityKind;
  region: Region;
  /** Registration (or, for an entrepreneur, start of activity) date. */
  registeredOn: Date;
  okedPrimary: string;
  /** 0 = micro ... 3 = large. */
  sizeClass: 0 | 1 | 2 | 3;
  risk: { fictitiousInvoicing: number; insolvency: number; paymentDefault: number };
  outcomes: { pseudoEnterprise: boolean; bankrupt: boolean; paymentDefault: boolean };
}

/** A feed generator turns an entity into the records its source would publish (already Avro-shaped). */
export interface FeedGenerator<R> {
  /** Logical topic name from the catalog. */
  topic: string;
  records(entity: SyntheticEntity, random: Random, now: Date): Array<{ key: string; value: R }>;
}
