export * from './justice.module';
export * from './legal-entity';
export { LegalEntityRejection, validateLegalEntity } from './legal-entity.rules';
export { LegalEntityRepository } from './legal-entity.repository';
export type { StoredLegalEntity } from './legal-entity.repository';
export { RegistrationProfileSection } from './registration.profile-section';
export { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';
