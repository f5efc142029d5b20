import { readFileSync } from 'node:fs';
import path from 'node:path';
import { taxFacts, taxListFacts } from './tax.facts';
import { TaxPublicFacts } from './tax-records';

const financials = JSON.parse(readFileSync(path.join(__dirname, '../../../../schemas/tax/tax-financials.v1.avsc'), 'utf8')) as { fields: Array<{ name: string }> };
const CONFIDENTIAL = financials.fields.map((f) => f.name.toLowerCase()).filter((n) => !['id', 'fiscalyear', 'eventtime'].includes(n));
const keys = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(keys) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keys(x)]) : []);

describe('tax public facts on bpr.facts.v1', () => {
  const facts: TaxPublicFacts = {
    id: '180340012345', registrationDate: '2018-03-01', deregistrationDate: null, deregistrationReason: null, suspensions: [], residence: 'RESIDENT',
    taxOfficeCode: '6205', taxOfficeName: 'SRD Almaty', taxRegime: 'GENERAL', riskAudits: [], nonFilings: [], insolvencyProceedings: [],
    yearly: [{ fiscalYear: 2025, taxBurdenCoefficient: 0.06, taxesPaidTiyn: 100 }], riskCategory: 'LOW', taxDebtTiyn: 0, taxDebtAsOf: '2026-11-01',
    liquidationAuditApplicationDate: null, sanctions: [], nonResidentRegistration: null, entrepreneurName: null, eventTime: new Date('2026-11-01T00:00:00Z'),
  };

  it('carries the public columns of §24.1, keyed by BIN/IIN, and no confidential field name', () => {
    const [fact] = taxFacts([{ facts }]);
    expect(fact).toMatchObject({ subjectId: facts.id, kind: 'TAX_FACTS', itemKey: '', eventTime: facts.eventTime, facts: { taxOfficeCode: '6205', riskCategory: 'LOW' } });
    expect(keys(fact.facts).filter((k) => CONFIDENTIAL.some((c) => k.toLowerCase().includes(c)))).toEqual([]);
    expect(Object.keys(fact.facts)).not.toContain('id');
  });

  it('identifies a list membership by list and inclusion date', () => {
    const [fact] = taxListFacts([{ entry: { id: facts.id, list: 'TAX_DEBTOR', includedOn: '2026-01-01', excludedOn: null, basis: null, eventTime: facts.eventTime } }]);
    expect(fact).toMatchObject({ kind: 'TAX_LIST_MEMBERSHIP', itemKey: 'TAX_DEBTOR|2026-01-01', facts: { list: 'TAX_DEBTOR', excludedOn: null } });
  });
});
