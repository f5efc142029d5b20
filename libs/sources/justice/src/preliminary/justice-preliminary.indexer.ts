import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { BprRiskKind, PreliminaryIndexer, RecomputeOutbox, SubjectFeatures } from '@hub/perimeter';
import { EntityStatus } from '../legal-entity';
import { justiceFeatures, justiceWindow } from './justice.features';

/** The justice registry's perimeter: age, re-registration and status of a legal entity. */
@Injectable()
export class JusticePreliminaryIndexer implements PreliminaryIndexer {
  readonly source = 'JUSTICE' as const;
  readonly kinds: readonly BprRiskKind[] = ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY'];

  constructor(private readonly database: Database, outbox: RecomputeOutbox) {
    // Ids wait in the source's own outbox, written with the feed rows (see RecomputeOutbox).
    outbox.register({ indexer: this, database, table: 'src_justice.recompute_outbox' });
  }

  async ids(after: string | null, limit: number): Promise<string[]> {
    const rows = await this.database.query<{ id: string }>('SELECT bin AS id FROM src_justice.legal_entities WHERE bin > $1::bpchar ORDER BY bin LIMIT $2', [after ?? '', limit]);
    return rows.map((r) => r.id);
  }

  async features(ids: readonly string[], now: Date): Promise<SubjectFeatures[]> {
    const rows = await this.database.query<{ bin: string; status: EntityStatus; initial_d: string; last_d: string | null }>(
      `SELECT bin, status, to_char(initial_registration_date, 'YYYY-MM-DD') AS initial_d, to_char(last_reregistration_date, 'YYYY-MM-DD') AS last_d
       FROM src_justice.legal_entities WHERE bin = ANY($1::bpchar[])`, [[...ids]]);
    return rows.map((r) => {
      const facts = { status: r.status, initialRegistrationDate: r.initial_d, lastReregistrationDate: r.last_d };
      return { subjectId: r.bin, features: justiceFeatures(facts, now), window: justiceWindow(facts, now) };
    });
  }
}
