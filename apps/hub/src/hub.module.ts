import { DynamicModule, Module } from '@nestjs/common';
import { ALL_TOPICS, HubConfig, MigrationSet, PlatformModule } from '@hub/platform';
import { RegisterModule } from '@hub/register';
import { JUSTICE_MIGRATIONS, JusticeModule } from '@hub/source-justice';

export const HUB_MIGRATIONS: readonly MigrationSet[] = [JUSTICE_MIGRATIONS];

/** Every module in one process: the default deployment on one machine. */
@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [PlatformModule.forRoot({ config, topics: ALL_TOPICS, migrations: HUB_MIGRATIONS }), JusticeModule, RegisterModule],
    };
  }
}
