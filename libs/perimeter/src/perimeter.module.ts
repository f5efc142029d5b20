import path from 'node:path';
import { Module } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import { HUB_CONFIG, HubConfig, projectRoot } from '@hub/platform';
import { PreliminaryIndexPublisher } from './preliminary-index.publisher';
import { PublicFactsPublisher } from './public-facts.publisher';
import { RECOMPUTE_OUTBOX_OPTIONS, RecomputeOutbox, recomputeOutboxOptions } from './recompute-outbox';

export const ALGORITHMS_DIR = (): string => path.join(projectRoot(), 'algorithms');

/**
 * Shared perimeter plumbing: one algorithm registry (hot-reloaded from <repo>/algorithms), the
 * preliminary-index and public-fact publishers, and the drainer of every source's recompute
 * outbox. Each source module imports it; Nest keeps one instance.
 */
@Module({
  providers: [
    { provide: AlgorithmRegistry, useFactory: () => new AlgorithmRegistry(ALGORITHMS_DIR()) },
    PreliminaryIndexPublisher,
    PublicFactsPublisher,
    { provide: RECOMPUTE_OUTBOX_OPTIONS, inject: [HUB_CONFIG], useFactory: (config: HubConfig) => recomputeOutboxOptions(config) },
    RecomputeOutbox,
  ],
  exports: [AlgorithmRegistry, PreliminaryIndexPublisher, PublicFactsPublisher, RecomputeOutbox],
})
export class PerimeterModule {}
