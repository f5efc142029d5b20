import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { BprRiskKind, PreliminaryIndexer, RecomputeOutbox, SubjectFeatures } from '@hub/perimeter';
import { EntityStatus } from '../legal-entity';
import { LIVE_STATUSES } from '../registration-address.rules';
import { justiceFeatures, justiceWindow } from './justice.features';

/** The justice registry's perimeter: age, re-registration and status of a legal entity, and the firms registered at its address. */
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

  /**
   * One set-based read: the batch's rows, and per address key among them the live firms the store
   * holds there (each key counted once, from the address-key index). A firm does not count itself.
   */
  async features(ids: readonly string[], now: Date): Promise<SubjectFeatures[]> {
    const rows = await this.database.query<{ bin: string; status: EntityStatus; initial_d: string; last_d: string | null; others: number }>(
      `WITH batch AS (
         SELECT bin, status, address_key, initial_registration_date, last_reregistration_date FROM src_justice.legal_entities WHERE bin = ANY($1::bpchar[])
       ), at_address AS (
         SELECT address_key, count(*)::int AS live FROM src_justice.legal_entities
         WHERE address_key IN (SELECT address_key FROM batch) AND status = ANY($2::text[]) GROUP BY address_key
       )
       SELECT b.bin, b.status, to_char(b.initial_registration_date, 'YYYY-MM-DD') AS initial_d, to_char(b.last_reregistration_date, 'YYYY-MM-DD') AS last_d,
         greatest(0, coalesce(a.live, 0) - (b.status = ANY($2::text[]))::int) AS others
       FROM batch b LEFT JOIN at_address a USING (address_key)`, [[...ids], LIVE_STATUSES]);
    return rows.map((r) => {
      const facts = { status: r.status, initialRegistrationDate: r.initial_d, lastReregistrationDate: r.last_d, otherLiveFirmsAtAddress: r.others };
      return { subjectId: r.bin, features: justiceFeatures(facts, now), window: justiceWindow(facts, now) };
    });
  }
}
