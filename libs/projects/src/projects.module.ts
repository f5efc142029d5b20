import { Module } from '@nestjs/common';
import { LOGGER, Logger, MigrationSet } from '@hub/platform';
import {
  DevSealSigner, DevSealVerifier, INBOUND_ENVELOPE_VERIFIER, LoggerMessageLog, PROJECTS_MESSAGE_LOG, STATUS_EVENT_SIGNER,
} from './envelope.ports';
import { GroundFeedsConsumer } from './ground-feeds.consumer';
import { LIFECYCLE_DEPS, ProjectLifecycle } from './project-lifecycle.usecase';
import { loadLifecycleDeps } from './projects.config';
import { ProjectEventsConsumer } from './projects.consumer';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsTickScheduler } from './projects-tick.scheduler';
import { StatusPublisher } from './status.publisher';

export const PROJECTS_MIGRATIONS: readonly MigrationSet[] = [{ schema: 'projects', dir: 'libs/projects/migrations' }];

/** Placeholder sender BIN of the hub's dev seal, until the EDS signer (libs/ndip) with the hub's key is wired. */
export const DEV_HUB_SENDER_BIN = '000000000000';

/**
 * Investment projects (NDIP one-stop-shop): inbound facts, the lifecycle, status events out,
 * monitoring. The envelope ports default to the DEV seal (see envelope.ports.ts) until the EDS
 * verifier and signer from libs/ndip replace them.
 */
@Module({
  controllers: [ProjectEventsConsumer, ProjectsController],
  providers: [
    ProjectsRepository, ProjectLifecycle, StatusPublisher, ProjectsTickScheduler, GroundFeedsConsumer,
    { provide: LIFECYCLE_DEPS, useFactory: loadLifecycleDeps },
    { provide: INBOUND_ENVELOPE_VERIFIER, useFactory: () => new DevSealVerifier() },
    { provide: STATUS_EVENT_SIGNER, useFactory: () => new DevSealSigner(DEV_HUB_SENDER_BIN) },
    {
      provide: PROJECTS_MESSAGE_LOG, inject: [LOGGER],
      useFactory: (log: Logger) => new LoggerMessageLog((entry) => (entry.outcome === 'REFUSED' ? log.warn(entry, 'signed message refused') : log.debug(entry, 'signed message'))),
    },
  ],
  exports: [ProjectsRepository, ProjectLifecycle, StatusPublisher],
})
export class ProjectsModule {}
