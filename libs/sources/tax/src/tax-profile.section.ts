import { Inject, Injectable } from '@nestjs/common';
import { Database, ProfileSection } from '@hub/platform';
import { TAX_DATABASE } from './tax-database';
import { TaxList } from './tax-records';
import { WINDOW_YEARS } from './tax.rules';

/** The "tax" section of GET /entities/:bin: money in tenge (2 decimals), dates ISO. */
export interface TaxProfile {
  registrationDate: string;
  deregistrationDate: string | null;
  deregistrationReason: string | null;
  suspensions: Array<{ startDate: string; endDate: string | null }>;
  residence: string;
  taxOffice: { code: string; name: string };
  taxRegime: string;
  riskAudits: Array<{ year: number; half: number }>;
  nonFilings: Array<{ form: string; fiscalYear: number; dueDate: string }>;
  insolvencyProceedings: Array<{ kind: string; startDate: string; endDate: string | null }>;
  yearly: Array<{ fiscalYear: number; taxBurdenCoefficient: number | null; taxesPaidKzt: number | null }>;
  riskCategory: string | null;
  taxDebtKzt: number;
  taxDebtAsOf: string;
  liquidationAuditApplicationDate: string | null;
  sanctions: Array<{ kind: string; appliedOn: string; amountKzt: number | null }>;
  nonResidentRegistration: string | null;
  lists: Array<{ list: TaxList; includedOn: string; excludedOn: string | null; current: boolean; basis: string | null }>;
  eventTime: string;
}

const kzt = (tiyn: number | string | null): number | null => (tiyn === null ? null : Number(tiyn) / 100);

/**
 * Reads only the public projection (facts, yearly facts, lists), through the perimeter's own login
 * (no other role is granted src_tax; the register gets these facts from bpr.facts.v1). The class
 * never names the financials table.
 */
@Injectable()
export class TaxProfileSection implements ProfileSection {
  readonly section = 'tax';

  constructor(@Inject(TAX_DATABASE) private readonly database: Database) {}

  async find(id: string): Promise<TaxProfile | Pick<TaxProfile, 'lists'> | null> {
    const [facts, yearly, lists] = await Promise.all([
      this.database.query<Record<string, unknown>>(
        `SELECT *, to_char(registration_date, 'YYYY-MM-DD') AS reg_d, to_char(deregistration_date, 'YYYY-MM-DD') AS dereg_d,
                to_char(tax_debt_as_of, 'YYYY-MM-DD') AS debt_d, to_char(liquidation_audit_application_date, 'YYYY-MM-DD') AS liq_d
         FROM src_tax.facts WHERE id = $1`, [id]),
      this.database.query<{ fiscal_year: number; tax_burden_coefficient: number | null; taxes_paid_tiyn: string | null }>(
        `SELECT fiscal_year, tax_burden_coefficient, taxes_paid_tiyn FROM src_tax.yearly_facts
         WHERE id = $1 AND fiscal_year >= extract(year FROM now())::int - $2 ORDER BY fiscal_year DESC`, [id, WINDOW_YEARS]),
      this.database.query<{ list: TaxList; included_d: string; excluded_d: string | null; basis: string | null }>(
        `SELECT list, to_char(included_on, 'YYYY-MM-DD') AS included_d, to_char(excluded_on, 'YYYY-MM-DD') AS excluded_d, basis
         FROM src_tax.list_memberships WHERE id = $1 ORDER BY included_on DESC, list`, [id]),
    ]);
    const f = facts[0];
    if (!f) return lists.length ? this.listsOnly(lists) : null;
    return {
      registrationDate: f.reg_d as string,
      deregistrationDate: f.dereg_d as string | null,
      deregistrationReason: f.deregistration_reason as string | null,
      suspensions: f.suspensions as TaxProfile['suspensions'],
      residence: f.residence as string,
      taxOffice: { code: f.tax_office_code as string, name: f.tax_office_name as string },
      taxRegime: f.tax_regime as string,
      riskAudits: f.risk_audits as TaxProfile['riskAudits'],
      nonFilings: f.non_filings as TaxProfile['nonFilings'],
      insolvencyProceedings: f.insolvency_proceedings as TaxProfile['insolvencyProceedings'],
      yearly: yearly.map((y) => ({ fiscalYear: y.fiscal_year, taxBurdenCoefficient: y.tax_burden_coefficient, taxesPaidKzt: kzt(y.taxes_paid_tiyn) })),
      riskCategory: f.risk_category as string | null,
      taxDebtKzt: kzt(f.tax_debt_tiyn as string) ?? 0,
      taxDebtAsOf: f.debt_d as string,
      liquidationAuditApplicationDate: f.liq_d as string | null,
      sanctions: (f.sanctions as Array<{ kind: string; appliedOn: string; amountTiyn: number | null }>)
        .map((s) => ({ kind: s.kind, appliedOn: s.appliedOn, amountKzt: kzt(s.amountTiyn) })),
      nonResidentRegistration: f.non_resident_registration as string | null,
      lists: lists.map(toListView),
      eventTime: (f.event_time as Date).toISOString(),
    };
  }

  /** List memberships can arrive before the facts snapshot; they are public on their own. */
  private listsOnly(lists: Array<{ list: TaxList; included_d: string; excluded_d: string | null; basis: string | null }>): Pick<TaxProfile, 'lists'> {
    return { lists: lists.map(toListView) };
  }
}

const toListView = (l: { list: TaxList; included_d: string; excluded_d: string | null; basis: string | null }): TaxProfile['lists'][number] => ({
  list: l.list, includedOn: l.included_d, excludedOn: l.excluded_d, current: l.excluded_d === null, basis: l.basis,
});
