import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { CivilCase, SourcePosition } from './civil-case';

/** A stored act as the profile reads it: the text cut to an excerpt in the database, never loaded whole. */
export interface CivilCaseSummary extends Omit<CivilCase, 'actText'> {
  actTextExcerpt: string;
  actTextLength: number;
}

export interface PartyCaseCounts { total: number; asDefendant: number; asPlaintiff: number; asThirdParty: number }

const COLUMNS = [
  'party_id', 'case_number', 'party_role', 'instance', 'region', 'region_kato', 'court', 'proceeding_kind', 'case_category',
  'case_registered_on', 'act_date', 'act_type', 'act_text', 'outcome', 'claim_amount_tiyn',
  'event_time', 'source_topic', 'source_partition', 'source_offset',
] as const;
const TYPES = [
  'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
  'date', 'date', 'text', 'text', 'text', 'bigint',
  'timestamptz', 'text', 'int', 'bigint',
];
const KEY = new Set<string>(['party_id', 'case_number']);

// One statement per batch. A row changes only when the incoming event is strictly newer:
// redelivery and out-of-order arrival are both no-ops.
const UPSERT = `
  INSERT INTO src_court.civil_cases (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
  ON CONFLICT (party_id, case_number) DO UPDATE SET
    ${COLUMNS.filter((c) => !KEY.has(c)).map((c) => `${c} = excluded.${c}`).join(',\n    ')},
    updated_at = now()
  WHERE src_court.civil_cases.event_time < excluded.event_time`;

@Injectable()
export class CivilCaseRepository {
  constructor(private readonly database: Database) {}

  /** Returns how many rows were inserted or changed. */
  async upsert(items: ReadonlyArray<{ civilCase: CivilCase; position: SourcePosition }>): Promise<number> {
    if (items.length === 0) return 0;
    const columns: unknown[][] = COLUMNS.map(() => []);
    for (const { civilCase: c, position: p } of items) {
      const row = [
        c.partyId, c.caseNumber, c.partyRole, c.instance, c.region, c.regionKato, c.court, c.proceedingKind, c.caseCategory,
        c.caseRegisteredOn, c.actDate, c.actType, c.actText, c.outcome, c.claimAmountTiyn,
        c.eventTime.toISOString(), p.topic, p.partition, p.offset,
      ];
      row.forEach((v, i) => columns[i].push(v));
    }
    const result = await this.database.pool.query(UPSERT, columns);
    return result.rowCount ?? 0;
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
