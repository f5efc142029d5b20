import { Module } from '@nestjs/common';
import { Database, MigrationSet, moduleDatabase, Stores } from '@hub/platform';
import { MessageLog } from './message-log';
import { PgReplayStore } from './pg-replay-store';

/** Schema message_log: the hash-chained log (entries) and the shared replay store (seen_messages). */
export const MESSAGE_LOG_MIGRATIONS: readonly MigrationSet[] = [Stores.messageLog];

/**
 * The message log and the PostgreSQL replay store, for any deployable that sends or receives
 * signed messages (hub, ndip-gateway). Needs PlatformModule's Database and MESSAGE_LOG_MIGRATIONS
 * among the deployable's migrations.
 */
@Module({
  providers: [
    moduleDatabase(Stores.messageLog),
    { provide: MessageLog, inject: [Database], useFactory: (d: Database) => new MessageLog(d) },
    { provide: PgReplayStore, inject: [Database], useFactory: (d: Database) => new PgReplayStore(d) },
  ],
  exports: [MessageLog, PgReplayStore],
})
export class MessageLogModule {}
