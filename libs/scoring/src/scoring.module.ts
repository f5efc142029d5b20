import path from 'node:path';
import { Module } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import { HUB_CONFIG, HubConfig, MigrationSet, loadConfig, moduleDatabase, projectRoot, Stores } from '@hub/platform';
import { PreliminaryIndexConsumer } from './preliminary-index.consumer';
import { PreliminaryIndexRepository } from './preliminary-index.repository';
import { LegacyScoresRoute, ScoresController } from './scores.controller';
import { SCORING_ALGORITHMS, ScoringService } from './scoring.service';

export const SCORING_MIGRATIONS: readonly MigrationSet[] = [Stores.scoring];

/** Where algorithm files are read from: SCORING_ALGORITHMS_DIR, else algorithms/ at the repository root. */
export const algorithmsDir = (config: Pick<HubConfig, 'SCORING_ALGORITHMS_DIR'> = loadConfig()): string => config.SCORING_ALGORITHMS_DIR ?? path.join(projectRoot(), 'algorithms');

@Module({
  controllers: [PreliminaryIndexConsumer, ScoresController, LegacyScoresRoute],
  providers: [
    moduleDatabase(Stores.scoring),
    PreliminaryIndexRepository,
    ScoringService,
    { provide: SCORING_ALGORITHMS, useFactory: (config: HubConfig) => new AlgorithmRegistry(algorithmsDir(config)), inject: [HUB_CONFIG] },
  ],
  exports: [PreliminaryIndexRepository, ScoringService, SCORING_ALGORITHMS],
})
export class ScoringModule {}
