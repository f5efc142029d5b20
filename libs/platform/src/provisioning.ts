import { MigrationSet, grantStores, runMigrations } from './database/migrations';
import { AvroRegistry } from './messaging/avro-registry';
import { TopicAdmin } from './messaging/topic-admin';
import { TopicSpec, physicalName, valueSubject } from './messaging/topic-catalog';
import { Logger } from './observability/logger';

/**
 * Everything a deployable needs before it serves: its topics, its schemas, its tables. Idempotent,
 * so every start may run it; production can run it once per release instead (PROVISION_ON_START).
 */
export class Provisioner {
  constructor(
    private readonly admin: TopicAdmin,
    private readonly registry: AvroRegistry,
    /** The migration owner's login (never a service's). */
    private readonly ownerDatabaseUrl: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  async run(topics: readonly TopicSpec[], migrations: readonly MigrationSet[]): Promise<void> {
    const created = await this.admin.ensure(topics);
    if (created.length) this.log.info({ created }, 'topics created');
    for (const spec of topics) {
      if (!spec.valueSchema) continue;
      const subject = valueSubject(physicalName(this.prefix, spec.name));
      const id = await this.registry.register(subject, AvroRegistry.readSchemaFile(spec.valueSchema));
      this.log.info({ subject, id }, 'schema registered');
    }
    await runMigrations(this.ownerDatabaseUrl, migrations, (msg) => this.log.debug(msg));
    await grantStores(this.ownerDatabaseUrl, migrations);
  }
}
