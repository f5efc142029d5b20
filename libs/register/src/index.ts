/**
 * The business partners register's read model (BPR §23-§37), fed only by `bpr.facts.v1`.
 *
 * In-process API for other domains (NDIP KYC, reports): import `RegisterModule` and inject
 * `RegisterReader`:
 *
 *   const profile = await reader.profile('180340012345');   // RegisterProfile | null
 *   profile.registration?.status, .legalForm, .nameRu, .headFullName, .founders, .parentOrganization
 *   profile.lists.pseudoEnterprise / .inactive / .bankrupt / .taxDebtor   (current tax-list memberships)
 *   profile.tax?.taxDebtKzt, .riskCategory, .insolvencyProceedings
 *   profile.statistics, profile.courtCases, profile.utilityArrears
 *
 * `RegisterProfile.registration.founders[].iin` is a natural person's IIN (personal data, BPR §30):
 * it is there so KYC can screen founders and must not reach a user; the HTTP API drops it
 * (`publicProfile`). `SearchService` answers BPR §32 searches the same way the HTTP API does.
 */
export * from './register.module';
export { RegisterReader } from './register-reader';
export type {
  ArrearsFact, CourtCasesView, ListFlags, PublicFounder, RegisterProfile, RegistrationView, StatisticsView, TaxListView, TaxView, UtilityArrearsView,
} from './profile';
export { publicProfile } from './profile';
export type { BasicCard } from './card';
export { SearchService } from './search/search.service';
/** For the search bench's floor (bench/search-floor.ts), which runs SearchService without Nest; not for other domains. */
export { RegisterRepository } from './register.repository';
export { searchKey, subjectKeys } from './search/search-key';
export type { MatchField, MatchHow, SearchPage, SearchResult } from './search/search.rules';
