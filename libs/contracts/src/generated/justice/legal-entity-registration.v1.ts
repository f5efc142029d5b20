// Generated from schemas/justice/legal-entity-registration.v1.avsc by `npm run schemas:types`. Do not edit.

export type EntityStatus = 'REGISTERED' | 'ACTIVE' | 'SUSPENDED' | 'IN_LIQUIDATION' | 'LIQUIDATED' | 'REORGANIZED';
export const EntityStatusValues = ['REGISTERED', 'ACTIVE', 'SUSPENDED', 'IN_LIQUIDATION', 'LIQUIDATED', 'REORGANIZED'] as const;

export type LegalForm = 'LLP' | 'JSC' | 'STATE_ENTERPRISE' | 'PRODUCTION_COOPERATIVE' | 'BRANCH' | 'REPRESENTATIVE_OFFICE' | 'NON_COMMERCIAL' | 'OTHER';
export const LegalFormValues = ['LLP', 'JSC', 'STATE_ENTERPRISE', 'PRODUCTION_COOPERATIVE', 'BRANCH', 'REPRESENTATIVE_OFFICE', 'NON_COMMERCIAL', 'OTHER'] as const;

export type FounderKind = 'NATURAL_PERSON' | 'LEGAL_ENTITY';
export const FounderKindValues = ['NATURAL_PERSON', 'LEGAL_ENTITY'] as const;

/** A founder (participant) of the legal entity, BPR §24.3: a natural person or a legal entity, with its share. */
export interface Founder {
  /** Natural person or legal entity. */
  kind: FounderKind;
  /** Natural person: IIN, if any (personal data; residents only). */
  iin: null | string;
  /** Natural person: surname. */
  surname: null | string;
  /** Natural person: name. */
  givenName: null | string;
  /** Natural person: patronymic, if any. */
  patronymic: null | string;
  /** Natural person: country of citizenship, ISO 3166-1 alpha-2. */
  citizenshipCountry: null | string;
  /** Legal entity: BIN, if any (residents). */
  bin: null | string;
  /** Legal entity: full name in the state language. */
  nameKk: null | string;
  /** Legal entity: full name in Russian. */
  nameRu: null | string;
  /** Legal entity: country of incorporation, ISO 3166-1 alpha-2. */
  incorporationCountry: null | string;
  /** Non-resident: registration (or tax) number in the country of incorporation. */
  foreignRegistrationNumber: null | string;
  /** Share in the charter capital, percent (0-100], if the registry holds it. */
  sharePercent: null | number;
}

/** The parent organization of a branch or representative office, BPR §24.3. */
export interface ParentOrganization {
  /** BIN, if any (residents). */
  bin: null | string;
  /** Country of incorporation, ISO 3166-1 alpha-2. */
  incorporationCountry: null | string;
  /** Registration number in the country of incorporation (non-residents). */
  foreignRegistrationNumber: null | string;
  /** Full name in the state language. */
  nameKk: null | string;
  /** Full name in Russian. */
  nameRu: null | string;
}

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
  /** Founders (participants): natural persons and legal entities with their shares; empty when the registry sends none (records of the first version). */
  founders: Array<Founder>;
  /** Parent organization of a branch or representative office; null for a head office. */
  parentOrganization: null | ParentOrganization;
}
