import { Module } from '@nestjs/common';
import { MigrationSet } from '@hub/platform';

// Placeholder wired into the hub; feed freshness and planned interruptions (issue 3) fill it in.
export const FEED_STATUS_MIGRATIONS: readonly MigrationSet[] = [];

@Module({})
export class FeedStatusModule {}
