export * from './justice.module';
export * from './legal-entity';
export { LegalEntityRejection, validateLegalEntity } from './legal-entity.rules';
export { LegalEntityRepository } from './legal-entity.repository';
export type { StoredLegalEntity } from './legal-entity.repository';
export { JusticePreliminaryIndexer } from './preliminary/justice-preliminary.indexer';
