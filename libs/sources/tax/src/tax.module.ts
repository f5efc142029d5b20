import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';

// Placeholder wired into the hub; the tax feed work (issue 3) fills it in.
export const TAX_MIGRATIONS: readonly MigrationSet[] = [];

@Module({})
export class TaxModule {}
