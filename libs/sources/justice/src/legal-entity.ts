/** The Avro record as avsc decodes it (dates as epoch days, timestamps as epoch ms). */
export interface LegalEntityRegistrationRecord {
  bin: string;
  status: EntityStatus;
  registrationAuthority: string;
  initialRegistrationDate: number;
  lastReregistrationDate: number | null;
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
  eventTime: number;
}

export type EntityStatus = 'REGISTERED' | 'ACTIVE' | 'SUSPENDED' | 'IN_LIQUIDATION' | 'LIQUIDATED' | 'REORGANIZED';
export type LegalForm = 'LLP' | 'JSC' | 'STATE_ENTERPRISE' | 'PRODUCTION_COOPERATIVE' | 'BRANCH' | 'REPRESENTATIVE_OFFICE' | 'NON_COMMERCIAL' | 'OTHER';

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
