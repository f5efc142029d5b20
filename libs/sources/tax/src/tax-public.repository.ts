import { Inject, Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { SourcePosition, TaxListEntry, TaxPublicFacts } from './tax-records';
import { TAX_DATABASE, TAX_OUTBOX } from './tax-database';

const FACT_COLUMNS: readonly Column[] = [
  ['id', 'text'], ['registration_date', 'date'], ['deregistration_date', 'date'], ['deregistration_reason', 'text'], ['suspensions', 'jsonb'],
  ['residence', 'text'], ['tax_office_code', 'text'], ['tax_office_name', 'text'], ['tax_regime', 'text'], ['risk_audits', 'jsonb'],
  ['non_filings', 'jsonb'], ['insolvency_proceedings', 'jsonb'], ['risk_category', 'text'], ['tax_debt_tiyn', 'bigint'],
  ['tax_debt_as_of', 'date'], ['liquidation_audit_application_date', 'date'], ['sanctions', 'jsonb'], ['non_resident_registration', 'text'],
  ['event_time', 'timestamptz'], ['source_topic', 'text'], ['source_partition', 'int'], ['source_offset', 'bigint'],
];
const YEARLY_COLUMNS: readonly Column[] = [
  ['id', 'text'], ['fiscal_year', 'int'], ['tax_burden_coefficient', 'float8'], ['taxes_paid_tiyn', 'bigint'], ['event_time', 'timestamptz'],
];
const LIST_COLUMNS: readonly Column[] = [
  ['id', 'text'], ['list', 'text'], ['included_on', 'date'], ['excluded_on', 'date'], ['basis', 'text'],
  ['event_time', 'timestamptz'], ['source_topic', 'text'], ['source_partition', 'int'], ['source_offset', 'bigint'],
];
const UPSERT_FACTS = unnestUpsert('src_tax.facts', FACT_COLUMNS, ['id'], TAX_OUTBOX);
const UPSERT_YEARLY = unnestUpsert('src_tax.yearly_facts', YEARLY_COLUMNS, ['id', 'fiscal_year']);
const UPSERT_LISTS = unnestUpsert('src_tax.list_memberships', LIST_COLUMNS, ['id', 'list', 'included_on'], TAX_OUTBOX);

/** Writes the public projection (facts, yearly facts, list memberships) through the tax perimeter's own login. */
@Injectable()
export class TaxPublicRepository {
  constructor(@Inject(TAX_DATABASE) private readonly database: Database) {}

  async upsertFacts(items: ReadonlyArray<{ facts: TaxPublicFacts; position: SourcePosition }>): Promise<number> {
    if (items.length === 0) return 0;
    const factRows = items.map(({ facts: f, position: p }) => [
      f.id, f.registrationDate, f.deregistrationDate, f.deregistrationReason, JSON.stringify(f.suspensions), f.residence, f.taxOfficeCode,
      f.taxOfficeName, f.taxRegime, JSON.stringify(f.riskAudits), JSON.stringify(f.nonFilings), JSON.stringify(f.insolvencyProceedings),
      f.riskCategory, f.taxDebtTiyn, f.taxDebtAsOf, f.liquidationAuditApplicationDate, JSON.stringify(f.sanctions), f.nonResidentRegistration,
      f.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]);
    // Each year is kept by its own event time, so an older snapshot never overwrites a newer year's figure.
    const yearlyRows = items.flatMap(({ facts: f }) => f.yearly.map((y) => [
      f.id, y.fiscalYear, y.taxBurdenCoefficient, y.taxesPaidTiyn, f.eventTime.toISOString(),
    ]));
    return this.database.transaction(async (client) => {
      const changed = await runUpsert(client, UPSERT_FACTS, FACT_COLUMNS.length, factRows);
      await runUpsert(client, UPSERT_YEARLY, YEARLY_COLUMNS.length, yearlyRows);
      return changed;
    });
  }

  async upsertLists(items: ReadonlyArray<{ entry: TaxListEntry; position: SourcePosition }>): Promise<number> {
    return runUpsert(this.database.pool, UPSERT_LISTS, LIST_COLUMNS.length, items.map(({ entry: e, position: p }) => [
      e.id, e.list, e.includedOn, e.excludedOn, e.basis, e.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]));
  }
}
