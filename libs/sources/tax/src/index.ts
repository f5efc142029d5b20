export * from './tax.module';
export type {
  TaxFactsRecord, TaxFinancialsRecord, TaxListMembershipRecord, TaxList, TaxPublicFacts, TaxListEntry, TaxRegime, TaxRiskCategory,
} from './tax-records';
export { TaxRejection } from './tax.rules';
export { validateTaxFacts } from './tax-facts.rules';
export { validateTaxFinancials, financialsWindow } from './tax-financials.rules';
export { validateTaxListMembership } from './tax-lists.rules';
export { TaxPreliminaryIndexer } from './preliminary/tax-preliminary.indexer';
export { SampleListRepository } from './sample-list.repository';
export type { DrawnSample, SampleDraw } from './sample-list.repository';
export { TAX_CONFIDENTIAL_FEATURES } from './preliminary/tax.features';
export { taxFeatures, taxWindow } from './preliminary/tax.features';
export type { TaxSubject } from './preliminary/tax.features';
export { sectorPeers } from './preliminary/sector-peers';
export type { SectorPeers, FinancialTotals } from './preliminary/sector-peers';
