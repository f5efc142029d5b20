import type { Random } from '@hub/identity';
import type { Region } from './regions';
import type { World } from './world';

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
  /** Position in the population: entity i is the same for a seed whatever the batch size. */
  index?: number;
  /** Legal form for legal entities and branches (justice vocabulary); absent for entrepreneurs. */
  legalForm?: SyntheticLegalForm;
  /** Trade name without the legal-form wrapper, e.g. "Altyn Agro". */
  name?: string;
  head?: SyntheticPerson;
  /** Legal entities only: natural persons and (sometimes) a parent company as founders. */
  founders?: SyntheticFounder[];
  /** Branches only: BIN of the head office. */
  parentId?: string;
  /** The world the entity was drawn in (issue 13); absent means the base world. */
  world?: World;
}

export type SyntheticLegalForm = 'LLP' | 'JSC' | 'STATE_ENTERPRISE' | 'PRODUCTION_COOPERATIVE' | 'BRANCH' | 'NON_COMMERCIAL';

export interface SyntheticPerson { iin: string; fullName: string }

export type SyntheticFounder =
  | { kind: 'PERSON'; iin: string; fullName: string; sharePercent: number }
  | { kind: 'LEGAL_ENTITY'; bin: string; name: string; sharePercent: number };

/** A feed generator turns an entity into the records its source would publish (already Avro-shaped). */
export interface FeedGenerator<R> {
  /** Logical topic name from the catalog. */
  topic: string;
  records(entity: SyntheticEntity, random: Random, now: Date): Array<{ key: string; value: R }>;
}
