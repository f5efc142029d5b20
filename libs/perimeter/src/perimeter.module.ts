import path from 'node:path';
import { Module } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import { projectRoot } from '@hub/platform';
import { PreliminaryIndexPublisher } from './preliminary-index.publisher';
import { PublicFactsPublisher } from './public-facts.publisher';
import { DEFAULT_RECOMPUTE_QUEUE_OPTIONS, RECOMPUTE_QUEUE_OPTIONS, RecomputeQueue } from './recompute-queue';

export const ALGORITHMS_DIR = (): string => path.join(projectRoot(), 'algorithms');

/**
 * Shared perimeter plumbing: one algorithm registry (hot-reloaded from <repo>/algorithms) and
 * the preliminary-index publisher. Each source module imports it; Nest keeps one instance.
 */
@Module({
  providers: [
    { provide: AlgorithmRegistry, useFactory: () => new AlgorithmRegistry(ALGORITHMS_DIR()) },
    PreliminaryIndexPublisher,
    PublicFactsPublisher,
    { provide: RECOMPUTE_QUEUE_OPTIONS, useValue: DEFAULT_RECOMPUTE_QUEUE_OPTIONS },
    RecomputeQueue,
  ],
  exports: [AlgorithmRegistry, PreliminaryIndexPublisher, PublicFactsPublisher, RecomputeQueue],
})
export class PerimeterModule {}
