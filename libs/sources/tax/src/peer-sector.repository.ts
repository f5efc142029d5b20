import { Inject, Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { PeerSector } from './peer-sector.rules';
import { TAX_DATABASE, TAX_OUTBOX } from './tax-database';

const COLUMNS: readonly Column[] = [['id', 'text'], ['kind', 'text'], ['oked_section', 'text'], ['event_time', 'timestamptz']];
// A changed sector changes the taxpayer's sector-relative features: queued for recompute with the row.
const UPSERT = unnestUpsert('src_tax.peer_sectors', COLUMNS, ['id', 'kind'], TAX_OUTBOX);

/** The tax perimeter's own projection of the public sector facts (see the migration). */
@Injectable()
export class PeerSectorRepository {
  constructor(@Inject(TAX_DATABASE) private readonly database: Database) {}

  async upsert(sectors: readonly PeerSector[]): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, sectors.map((s) => [s.id, s.kind, s.value, s.eventTime.toISOString()]));
  }
}
