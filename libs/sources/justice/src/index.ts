export * from './justice.module';
export * from './legal-entity';
export { LegalEntityRejection, validateLegalEntity } from './legal-entity.rules';
export { LegalEntityRepository } from './legal-entity.repository';
export type { StoredLegalEntity } from './legal-entity.repository';
export { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';
export { justiceFeatures, justiceWindow } from './preliminary/justice.features';
export type { RegistrationFacts } from './preliminary/justice.features';
