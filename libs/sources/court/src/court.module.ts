import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';

// Placeholder wired into the hub; the court feed work (issue 3) fills it in.
export const COURT_MIGRATIONS: readonly MigrationSet[] = [];

@Module({})
export class CourtModule {}
