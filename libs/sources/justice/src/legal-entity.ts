import type { EntityStatus, LegalEntityRegistration, LegalForm } from '@hub/contracts';

/** The Avro record as avsc decodes it (dates as epoch days, timestamps as epoch ms). */
export type LegalEntityRegistrationRecord = LegalEntityRegistration;
export type { EntityStatus, LegalForm };

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
  eventTime: Date;
}
