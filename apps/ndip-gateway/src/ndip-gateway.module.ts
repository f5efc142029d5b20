import { DynamicModule, Module } from '@nestjs/common';
import { MESSAGE_LOG_MIGRATIONS } from '@hub/message-log';
import { NDIP_MIGRATIONS, NdipModule } from '@hub/ndip';
import { HubConfig, MigrationSet, PlatformModule, TopicSpec, Topics } from '@hub/platform';
import { REGISTER_MIGRATIONS } from '@hub/register';
import { SCORING_MIGRATIONS } from '@hub/scoring';
import { SCREENING_MIGRATIONS } from '@hub/screening';

// The register and scoring answer KYC about a BIN; the gateway keeps their read models from their topics.
export const NDIP_GATEWAY_TOPICS: readonly TopicSpec[] = [Topics.kycRequests, Topics.kycResults, Topics.watchlists, Topics.publicFacts, Topics.preliminaryIndexes];
export const NDIP_GATEWAY_MIGRATIONS: readonly MigrationSet[] = [...NDIP_MIGRATIONS, ...MESSAGE_LOG_MIGRATIONS, ...SCREENING_MIGRATIONS, ...REGISTER_MIGRATIONS, ...SCORING_MIGRATIONS];

/** The NDIP gateway alone: KYC requests in (Kafka and SOAP), signed verdicts out. */
@Module({})
export class NdipGatewayModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: NdipGatewayModule,
      imports: [PlatformModule.forRoot({ config, topics: NDIP_GATEWAY_TOPICS, migrations: NDIP_GATEWAY_MIGRATIONS }), NdipModule.forRoot(config)],
    };
  }
}
