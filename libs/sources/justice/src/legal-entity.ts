import type { EntityStatus, Founder, FounderKind, LegalEntityRegistration, LegalForm, ParentOrganization, RegistrationFacts } from '@hub/contracts';

/**
 * The Avro record as avsc decodes it (dates as epoch days, timestamps as epoch ms). Values are
 * decoded with the writer's schema, so a record produced with the first version of the schema has
 * no `founders` or `parentOrganization` at all: both are optional here and default in the rules.
 */
export type LegalEntityRegistrationRecord = Omit<LegalEntityRegistration, 'founders' | 'parentOrganization'>
  & Partial<Pick<LegalEntityRegistration, 'founders' | 'parentOrganization'>>;
export type { EntityStatus, Founder, FounderKind, LegalForm, ParentOrganization };

/**
 * A validated registration, ready to store: exactly the public registration facts it becomes on
 * `bpr.facts.v1` (one shape, so the two cannot drift), plus its key and event time.
 */
export interface LegalEntity extends RegistrationFacts {
  bin: string;
  eventTime: Date;
}
