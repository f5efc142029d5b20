export * from './statistics.module';
export * from './statistical-entity';
export { StatisticsRejection, validateStatisticalEntity } from './statistical-entity.rules';
export { StatisticalEntityRepository } from './statistical-entity.repository';
export type { StoredStatisticalEntry } from './statistical-entity.repository';
export { StatisticsPreliminaryIndexer } from './preliminary/statistics-preliminary.indexer';
export { statisticsFeatures, statisticsWindow } from './preliminary/statistics.features';
export type { StatisticsFacts } from './preliminary/statistics.features';
