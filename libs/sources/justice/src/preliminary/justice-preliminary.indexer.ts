import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { BprRiskKind, PreliminaryIndexer, RecomputeOutbox, SubjectFeatures } from '@hub/perimeter';
import { EntityStatus } from '../legal-entity';
import { LIVE_STATUSES } from '../registration-address.rules';
import { justiceFeatures, justiceWindow } from './justice.features';

/** The justice registry's perimeter: age, re-registrations and status of a legal entity, and the firms sharing its address, a founder or its head's name. */
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
   * One set-based read: the batch's rows and, per row, the live firms the store holds at its
   * address key and at its head-name key (each a b-tree lookup), the live firms sharing any founder
   * key (the GIN index on the key array), and the re-registration dates seen. A firm does not count
   * itself. Counting per row keeps to the indexes whatever the table's statistics: a grouped count
   * over `address_key IN (SELECT ...)` on a table never analysed (autovacuum is off on the CI
   * server, and a bulk load outruns it anywhere) read the whole table for every batch, 170 ms at
   * 36,000 firms and growing with the register.
   */
  async features(ids: readonly string[], now: Date): Promise<SubjectFeatures[]> {
    const rows = await this.database.query<{
      bin: string; status: EntityStatus; initial_d: string; last_d: string | null; others: number; head_others: number; founder_others: number; rereg: string[];
    }>(
      `WITH batch AS (
         SELECT bin, status, address_key, head_key, founder_keys, initial_registration_date, last_reregistration_date
         FROM src_justice.legal_entities WHERE bin = ANY($1::bpchar[])
       )
       SELECT b.bin, b.status, to_char(b.initial_registration_date, 'YYYY-MM-DD') AS initial_d, to_char(b.last_reregistration_date, 'YYYY-MM-DD') AS last_d,
         greatest(0, (SELECT count(*)::int FROM src_justice.legal_entities e WHERE e.address_key = b.address_key AND e.status = ANY($2::text[])) - (b.status = ANY($2::text[]))::int) AS others,
         greatest(0, (SELECT count(*)::int FROM src_justice.legal_entities e WHERE e.head_key = b.head_key AND e.status = ANY($2::text[])) - (b.status = ANY($2::text[]))::int) AS head_others,
         (SELECT count(*)::int FROM src_justice.legal_entities e
           WHERE string_to_array(e.founder_keys, ' ') && string_to_array(b.founder_keys, ' ') AND e.bin <> b.bin AND e.status = ANY($2::text[])) AS founder_others,
         ARRAY(SELECT to_char(r.reregistration_date, 'YYYY-MM-DD') FROM src_justice.reregistrations r WHERE r.bin = b.bin ORDER BY 1) AS rereg
       FROM batch b`, [[...ids], LIVE_STATUSES]);
    return rows.map((r) => {
      const facts = {
        status: r.status, initialRegistrationDate: r.initial_d, lastReregistrationDate: r.last_d, otherLiveFirmsAtAddress: r.others,
        otherLiveFirmsSharingFounder: r.founder_others, otherLiveFirmsWithHeadName: r.head_others, reregistrationDates: r.rereg,
      };
      return { subjectId: r.bin, features: justiceFeatures(facts, now), window: justiceWindow(facts, now) };
    });
  }
}
