export * from './court.module';
export * from './civil-case';
export { CourtRejection, validateCivilCase } from './civil-case.rules';
export { CivilCaseRepository } from './civil-case.repository';
export type { CivilCaseSummary, PartyCaseCounts } from './civil-case.repository';
export { CourtCasesProfileSection, EXCERPT_CHARS, PROFILE_CASE_LIMIT } from './court-cases.profile-section';
export type { CourtCasesProfile } from './court-cases.profile-section';
export { CourtPreliminaryIndexer } from './preliminary/court-preliminary.indexer';
