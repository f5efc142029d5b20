// Generated from schemas/justice/legal-entity-registration.v1.avsc by `npm run schemas:types`. Do not edit.

export type EntityStatus = 'REGISTERED' | 'ACTIVE' | 'SUSPENDED' | 'IN_LIQUIDATION' | 'LIQUIDATED' | 'REORGANIZED';
export const EntityStatusValues = ['REGISTERED', 'ACTIVE', 'SUSPENDED', 'IN_LIQUIDATION', 'LIQUIDATED', 'REORGANIZED'] as const;

export type LegalForm = 'LLP' | 'JSC' | 'STATE_ENTERPRISE' | 'PRODUCTION_COOPERATIVE' | 'BRANCH' | 'REPRESENTATIVE_OFFICE' | 'NON_COMMERCIAL' | 'OTHER';
export const LegalFormValues = ['LLP', 'JSC', 'STATE_ENTERPRISE', 'PRODUCTION_COOPERATIVE', 'BRANCH', 'REPRESENTATIVE_OFFICE', 'NON_COMMERCIAL', 'OTHER'] as const;

/** A legal entity's registration record from the justice (state registration) feed, BPR §24.3. Keyed by BIN. */
export interface LegalEntityRegistration {
  /** Business identification number: 12 digits with a check digit. */
  bin: string;
  /** Status of the subject. */
  status: EntityStatus;
  /** Registration authority that registered the organization. */
  registrationAuthority: string;
  /** Date of initial registration (days since 1970-01-01). */
  initialRegistrationDate: number;
  /** Date of the last re-registration, if any. */
  lastReregistrationDate: null | number;
  /** Name in the state language (Kazakh). */
  nameKk: string;
  /** Name in Russian. */
  nameRu: string;
  /** Name in English, if any. */
  nameEn: null | string;
  /** Abbreviated name in Russian, if any. */
  shortNameRu: null | string;
  /** Legal form of the organization. */
  legalForm: LegalForm;
  /** Full name of the head (supervisor), if any. */
  headFullName: null | string;
  /** Position of the head, if any. */
  headPosition: null | string;
  /** Primary economic activity code (OKED), 5 digits. */
  okedPrimary: string;
  /** Address locality code (KATO), 9 digits. */
  katoCode: string;
  /** Legal address. */
  address: string;
  /** When the registry recorded this state (ms since epoch, UTC); later event time wins, whatever the arrival order. */
  eventTime: number;
}
