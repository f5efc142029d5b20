export * from './court.module';
export * from './civil-case';
export { CourtRejection, validateCivilCase } from './civil-case.rules';
export { CivilCaseRepository } from './civil-case.repository';
export type { CivilCaseSummary, PartyCaseCounts } from './civil-case.repository';
export { CourtPreliminaryIndexer } from './preliminary/court-preliminary.indexer';
export { courtFeatures, courtWindow, debtCaseRates } from './preliminary/court.features';
export type { CourtCaseFact } from './preliminary/court.features';
