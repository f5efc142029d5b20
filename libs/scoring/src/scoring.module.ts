import path from 'node:path';
import { Module } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import { MigrationSet, moduleDatabase, projectRoot, Stores } from '@hub/platform';
import { PreliminaryIndexConsumer } from './preliminary-index.consumer';
import { PreliminaryIndexRepository } from './preliminary-index.repository';
import { LegacyScoresRoute, ScoresController } from './scores.controller';
import { SCORING_ALGORITHMS, ScoringService } from './scoring.service';

export const SCORING_MIGRATIONS: readonly MigrationSet[] = [Stores.scoring];

/** Where algorithm files are read from: SCORING_ALGORITHMS_DIR, else algorithms/ at the repository root. */
export const algorithmsDir = (env: NodeJS.ProcessEnv = process.env): string => env.SCORING_ALGORITHMS_DIR ?? path.join(projectRoot(), 'algorithms');

@Module({
  controllers: [PreliminaryIndexConsumer, ScoresController, LegacyScoresRoute],
  providers: [
    moduleDatabase(Stores.scoring),
    PreliminaryIndexRepository,
    ScoringService,
    { provide: SCORING_ALGORITHMS, useFactory: () => new AlgorithmRegistry(algorithmsDir()) },
  ],
  exports: [PreliminaryIndexRepository, ScoringService, SCORING_ALGORITHMS],
})
export class ScoringModule {}
