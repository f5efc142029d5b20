import path from 'node:path';
import { Module } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import { HUB_CONFIG, HubConfig, projectRoot } from '@hub/platform';
import { PreliminaryIndexPublisher } from './preliminary-index.publisher';
import { PublicFactsPublisher } from './public-facts.publisher';
import { RECOMPUTE_OUTBOX_OPTIONS, RecomputeOutbox, recomputeOutboxOptions } from './recompute-outbox';

/**
 * The algorithm files a perimeter reads: SCORING_ALGORITHMS_DIR as the scoring service does (so an
 * evaluation of a candidate set scores preliminary and final indexes with the same files), else
 * algorithms/ at the repository root.
 */
export const ALGORITHMS_DIR = (config?: Pick<HubConfig, 'SCORING_ALGORITHMS_DIR'>): string => config?.SCORING_ALGORITHMS_DIR ?? path.join(projectRoot(), 'algorithms');

/**
 * Shared perimeter plumbing: one algorithm registry (hot-reloaded from ALGORITHMS_DIR), the
 * preliminary-index and public-fact publishers, and the drainer of every source's recompute
 * outbox. Each source module imports it; Nest keeps one instance.
 */
@Module({
  providers: [
    { provide: AlgorithmRegistry, inject: [HUB_CONFIG], useFactory: (config: HubConfig) => new AlgorithmRegistry(ALGORITHMS_DIR(config)) },
    PreliminaryIndexPublisher,
    PublicFactsPublisher,
    { provide: RECOMPUTE_OUTBOX_OPTIONS, inject: [HUB_CONFIG], useFactory: (config: HubConfig) => recomputeOutboxOptions(config) },
    RecomputeOutbox,
  ],
  exports: [AlgorithmRegistry, PreliminaryIndexPublisher, PublicFactsPublisher, RecomputeOutbox],
})
export class PerimeterModule {}
