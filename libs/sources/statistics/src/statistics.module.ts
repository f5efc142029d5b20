import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';

// Placeholder wired into the hub; the statistics feed work (issue 3) fills it in.
export const STATISTICS_MIGRATIONS: readonly MigrationSet[] = [];

@Module({})
export class StatisticsModule {}
