import { DynamicModule, Module } from '@nestjs/common';
import { EdsRuntime } from '@hub/eds';
import { MessageLog, MessageLogModule } from '@hub/message-log';
import { EDS_RUNTIME } from '@hub/ndip';
import { HubConfig, MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { EdsEnvelopeVerifier, EdsStatusSigner, INBOUND_ENVELOPE_VERIFIER, PROJECTS_MESSAGE_LOG, STATUS_EVENT_SIGNER } from './envelope.ports';
import { GroundFeedsConsumer } from './ground-feeds.consumer';
import { LIFECYCLE_DEPS, ProjectLifecycle } from './project-lifecycle.usecase';
import { loadLifecycleDeps } from './projects.config';
import { ProjectEventsConsumer } from './projects.consumer';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsTickScheduler } from './projects-tick.scheduler';
import { StatusPublisher } from './status.publisher';

export const PROJECTS_MIGRATIONS: readonly MigrationSet[] = [Stores.projects];

/**
 * Investment projects (NDIP one-stop-shop): signed facts in, the lifecycle, signed status events
 * out, §33 grounds from the feeds, monitoring. `ndip` is the deployable's one NdipModule instance
 * (its EDS runtime: the hub's key, trust anchors, revocation).
 */
@Module({})
export class ProjectsModule {
  static forRoot(config: HubConfig, ndip: DynamicModule): DynamicModule {
    const policy = { allowedSenders: new Set(config.NDIP_SENDER_BINS), windowMs: config.NDIP_MESSAGE_WINDOW_SECONDS * 1000 };
    return {
      module: ProjectsModule,
      imports: [ndip, MessageLogModule],
      controllers: [ProjectEventsConsumer, ProjectsController],
      providers: [
        moduleDatabase(Stores.projects), ProjectsRepository, ProjectLifecycle, StatusPublisher, ProjectsTickScheduler, GroundFeedsConsumer,
        { provide: LIFECYCLE_DEPS, useFactory: loadLifecycleDeps },
        { provide: INBOUND_ENVELOPE_VERIFIER, inject: [EDS_RUNTIME], useFactory: (rt: EdsRuntime) => new EdsEnvelopeVerifier(rt.documentVerifier(), policy) },
        {
          provide: STATUS_EVENT_SIGNER, inject: [EDS_RUNTIME],
          useFactory: (rt: EdsRuntime) => {
            if (!rt.identity.bin) throw new Error('the hub\'s EDS key must be an organisation certificate with a BIN');
            return new EdsStatusSigner(rt.documentSigner, rt.identity.bin);
          },
        },
        { provide: PROJECTS_MESSAGE_LOG, useExisting: MessageLog },
      ],
      exports: [ProjectsRepository, ProjectLifecycle, StatusPublisher],
    };
  }
}
