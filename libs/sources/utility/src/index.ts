export * from './utility.module';
export * from './utility-arrears';
export { NON_PAYMENT_MIN_MONTHS, UtilityRejection, isNonPayment, periodOf, validateUtilityArrears } from './utility-arrears.rules';
export { UtilityArrearsRepository } from './utility-arrears.repository';
export { summariseArrears } from './utility-arrears.profile';
export type { ArrearsFact, UtilityArrearsProfile } from './utility-arrears.profile';
export { UtilityPreliminaryIndexer } from './preliminary/utility-preliminary.indexer';
