import { DynamicModule, Module, Type } from '@nestjs/common';
import type { BprSource } from '@hub/contracts';
import { PreliminaryIndexer } from '@hub/perimeter';
import { HubConfig, MigrationSet, PlatformModule, TopicSpec, Topics } from '@hub/platform';
import { COURT_MIGRATIONS, CourtModule, CourtPreliminaryIndexer } from '@hub/source-court';
import { JUSTICE_MIGRATIONS, JusticeModule, JusticePreliminaryIndexer } from '@hub/source-justice';
import { STATISTICS_MIGRATIONS, StatisticsModule, StatisticsPreliminaryIndexer } from '@hub/source-statistics';
import { TAX_MIGRATIONS, TaxModule, TaxPreliminaryIndexer } from '@hub/source-tax';
import { UTILITY_MIGRATIONS, UtilityModule, UtilityPreliminaryIndexer } from '@hub/source-utility';

export type PerimeterName = 'tax' | 'justice' | 'statistics' | 'court' | 'utility';
export const PERIMETER_NAMES: readonly PerimeterName[] = ['tax', 'justice', 'statistics', 'court', 'utility'];

export interface PerimeterDefinition {
  source: BprSource;
  module: Type<unknown>;
  indexer: Type<PreliminaryIndexer>;
  /** Feed topics the perimeter consumes, plus the preliminary-index and public-fact topics it publishes on. */
  topics: readonly TopicSpec[];
  migrations: readonly MigrationSet[];
}

/** Each perimeter hosts one source module, only its own feeds, its own schema, and the index topic. */
export const PERIMETERS: Readonly<Record<PerimeterName, PerimeterDefinition>> = {
  tax: {
    source: 'TAX', module: TaxModule, indexer: TaxPreliminaryIndexer, migrations: TAX_MIGRATIONS,
    topics: [Topics.taxFacts, Topics.taxFinancials, Topics.taxLists, Topics.preliminaryIndexes, Topics.publicFacts],
  },
  justice: {
    source: 'JUSTICE', module: JusticeModule, indexer: JusticePreliminaryIndexer, migrations: [JUSTICE_MIGRATIONS],
    topics: [Topics.justiceLegalEntities, Topics.preliminaryIndexes, Topics.publicFacts],
  },
  statistics: {
    source: 'STATISTICS', module: StatisticsModule, indexer: StatisticsPreliminaryIndexer, migrations: STATISTICS_MIGRATIONS,
    topics: [Topics.statisticsEntities, Topics.preliminaryIndexes, Topics.publicFacts],
  },
  court: {
    source: 'COURT', module: CourtModule, indexer: CourtPreliminaryIndexer, migrations: COURT_MIGRATIONS,
    topics: [Topics.courtCivilCases, Topics.preliminaryIndexes, Topics.publicFacts],
  },
  utility: {
    source: 'UTILITY', module: UtilityModule, indexer: UtilityPreliminaryIndexer, migrations: UTILITY_MIGRATIONS,
    topics: [Topics.utilityArrears, Topics.preliminaryIndexes, Topics.publicFacts],
  },
};

export function perimeterNamed(name: string | undefined): PerimeterName {
  if (!name || !(PERIMETER_NAMES as readonly string[]).includes(name)) {
    throw new Error(`SOURCE must be one of ${PERIMETER_NAMES.join('|')}, got ${name === undefined ? 'nothing' : `"${name}"`}`);
  }
  return name as PerimeterName;
}

/**
 * One source's perimeter as its own deployable: a state body can run it inside its own network
 * with its own database role and broker credentials. It stores that source's feeds and lets out
 * only preliminary indexes.
 */
@Module({})
export class PerimeterAppModule {
  static forRoot(config: HubConfig, name: PerimeterName): DynamicModule {
    const p = PERIMETERS[name];
    return {
      module: PerimeterAppModule,
      imports: [PlatformModule.forRoot({ config, topics: p.topics, migrations: p.migrations }), p.module],
    };
  }
}
