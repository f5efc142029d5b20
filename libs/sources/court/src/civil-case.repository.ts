import { Injectable } from '@nestjs/common';
import { Column, Database, runUpsert, unnestUpsert } from '@hub/platform';
import { CivilCase, SourcePosition } from './civil-case';

/** A stored act as the profile reads it: the text cut to an excerpt in the database, never loaded whole. */
export interface CivilCaseSummary extends Omit<CivilCase, 'actText'> {
  actTextExcerpt: string;
  actTextLength: number;
}

export interface PartyCaseCounts { total: number; asDefendant: number; asPlaintiff: number; asThirdParty: number }

const COLUMNS: readonly Column[] = [
  ['party_id', 'text'], ['case_number', 'text'], ['party_role', 'text'], ['instance', 'text'], ['region', 'text'],
  ['region_kato', 'text'], ['court', 'text'], ['proceeding_kind', 'text'], ['case_category', 'text'],
  ['case_registered_on', 'date'], ['act_date', 'date'], ['act_type', 'text'], ['act_text', 'text'], ['outcome', 'text'],
  ['claim_amount_tiyn', 'bigint'], ['event_time', 'timestamptz'], ['source_topic', 'text'], ['source_partition', 'int'],
  ['source_offset', 'bigint'],
];
// Redelivery and out-of-order arrival are both no-ops: a row changes only for a newer event.
const UPSERT = unnestUpsert('src_court.civil_cases', COLUMNS, ['party_id', 'case_number'], { table: 'src_court.recompute_outbox', idColumn: 'party_id' });

@Injectable()
export class CivilCaseRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. */
  async upsert(items: ReadonlyArray<{ civilCase: CivilCase; position: SourcePosition }>): Promise<number> {
    return runUpsert(this.database.pool, UPSERT, COLUMNS.length, items.map(({ civilCase: c, position: p }) => [
      c.partyId, c.caseNumber, c.partyRole, c.instance, c.region, c.regionKato, c.court, c.proceedingKind, c.caseCategory,
      c.caseRegisteredOn, c.actDate, c.actType, c.actText, c.outcome, c.claimAmountTiyn,
      c.eventTime.toISOString(), p.topic, p.partition, p.offset,
    ]));
  }

  async countsForParty(partyId: string): Promise<PartyCaseCounts> {
    const [r] = await this.database.query<{ total: string; defendant: string; plaintiff: string; third: string }>(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE party_role = 'DEFENDANT') AS defendant,
              count(*) FILTER (WHERE party_role = 'PLAINTIFF') AS plaintiff,
              count(*) FILTER (WHERE party_role = 'THIRD_PARTY') AS third
       FROM src_court.civil_cases WHERE party_id = $1`,
      [partyId],
    );
    return { total: Number(r.total), asDefendant: Number(r.defendant), asPlaintiff: Number(r.plaintiff), asThirdParty: Number(r.third) };
  }

  /** The party's newest acts first, each with its text cut to `excerptChars`. */
  async latestForParty(partyId: string, limit: number, excerptChars: number): Promise<CivilCaseSummary[]> {
    const rows = await this.database.query<Record<string, unknown>>(
      `SELECT party_id, case_number, party_role, instance, region, region_kato, court, proceeding_kind, case_category,
              to_char(case_registered_on, 'YYYY-MM-DD') AS registered_d, to_char(act_date, 'YYYY-MM-DD') AS act_d, act_type,
              left(act_text, $3) AS excerpt, length(act_text) AS text_length, outcome, claim_amount_tiyn, event_time
       FROM src_court.civil_cases WHERE party_id = $1
       ORDER BY act_date DESC, case_number LIMIT $2`,
      [partyId, limit, excerptChars],
    );
    return rows.map((r) => ({
      partyId: r.party_id as string,
      caseNumber: r.case_number as string,
      partyRole: r.party_role as CivilCase['partyRole'],
      instance: r.instance as CivilCase['instance'],
      region: r.region as string,
      regionKato: (r.region_kato as string | null) ?? null,
      court: r.court as string,
      proceedingKind: r.proceeding_kind as CivilCase['proceedingKind'],
      caseCategory: (r.case_category as CivilCase['caseCategory']) ?? null,
      caseRegisteredOn: (r.registered_d as string | null) ?? null,
      actDate: r.act_d as string,
      actType: r.act_type as CivilCase['actType'],
      actTextExcerpt: r.excerpt as string,
      actTextLength: Number(r.text_length),
      outcome: (r.outcome as CivilCase['outcome']) ?? null,
      claimAmountTiyn: r.claim_amount_tiyn === null ? null : Number(r.claim_amount_tiyn),
      eventTime: r.event_time as Date,
    }));
  }
}
