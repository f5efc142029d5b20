import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';

// Placeholder wired into the hub; the utility feed work (issue 3) fills it in.
export const UTILITY_MIGRATIONS: readonly MigrationSet[] = [];

@Module({})
export class UtilityModule {}
