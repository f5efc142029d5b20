import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';
import { IngestUtilityArrears } from './ingest-utility-arrears.usecase';
import { UtilityArrearsConsumer } from './utility-arrears.consumer';
import { UtilityArrearsProfileSection } from './utility-arrears.profile-section';
import { UtilityArrearsRepository } from './utility-arrears.repository';

export const UTILITY_MIGRATIONS: readonly MigrationSet[] = [{ schema: 'src_utility', dir: 'libs/sources/utility/migrations' }];

@Module({
  controllers: [UtilityArrearsConsumer],
  providers: [UtilityArrearsRepository, IngestUtilityArrears, UtilityArrearsProfileSection],
  exports: [UtilityArrearsRepository, UtilityArrearsProfileSection],
})
export class UtilityModule {}
