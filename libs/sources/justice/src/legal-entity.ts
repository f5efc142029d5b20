import type { EntityStatus, Founder, FounderKind, LegalEntityRegistration, LegalForm, ParentOrganization } from '@hub/contracts';

/**
 * The Avro record as avsc decodes it (dates as epoch days, timestamps as epoch ms). Values are
 * decoded with the writer's schema, so a record produced with the first version of the schema has
 * no `founders` or `parentOrganization` at all: both are optional here and default in the rules.
 */
export type LegalEntityRegistrationRecord = Omit<LegalEntityRegistration, 'founders' | 'parentOrganization'>
  & Partial<Pick<LegalEntityRegistration, 'founders' | 'parentOrganization'>>;
export type { EntityStatus, Founder, FounderKind, LegalForm, ParentOrganization };

/** A validated registration, ready to store. */
export interface LegalEntity {
  bin: string;
  status: EntityStatus;
  registrationAuthority: string;
  initialRegistrationDate: string;
  lastReregistrationDate: string | null;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  shortNameRu: string | null;
  legalForm: LegalForm;
  headFullName: string | null;
  headPosition: string | null;
  okedPrimary: string;
  katoCode: string;
  address: string;
  /** BPR §24.3 founders, natural persons and legal entities with their shares ([] when not sent). */
  founders: Founder[];
  /** BPR §24.3 parent organization of a branch or representative office. */
  parentOrganization: ParentOrganization | null;
  eventTime: Date;
}
