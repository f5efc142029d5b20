import path from 'node:path';
import type { TaxFacts, TaxFinancials, TaxListMembership } from '@hub/contracts';
import { AlgorithmRegistry, auc } from '@hub/algorithms';
import { seededRandom } from '@hub/identity';
import { preliminaryIndexes } from '@hub/perimeter';
import { projectRoot } from '@hub/platform';
import { TAX_FEED_GENERATORS, populationStream } from '@hub/synthetic';
import { TaxSubject, taxFeatures, taxWindow } from './tax.features';

const [taxFactsFeed, taxFinancialsFeed, taxListsFeed] = TAX_FEED_GENERATORS;
const iso = (days: number | null): string | null => (days === null ? null : new Date(days * 86_400_000).toISOString().slice(0, 10));

/** The generator's Avro records as the perimeter reads them back from its store. */
function subjectOf(facts: TaxFacts | undefined, financials: TaxFinancials[], lists: TaxListMembership[], id: string): TaxSubject {
  return {
    id,
    facts: facts ? {
      registrationDate: iso(facts.registrationDate)!, deregistrationDate: iso(facts.deregistrationDate),
      suspensions: facts.suspensions.map((s) => ({ startDate: iso(s.startDate)!, endDate: iso(s.endDate) })),
      riskAudits: facts.riskAudits, nonFilings: facts.nonFilings.map((n) => ({ ...n, dueDate: iso(n.dueDate)! })),
      insolvencyProceedings: facts.insolvencyProceedings.map((p) => ({ kind: p.kind, startDate: iso(p.startDate)!, endDate: iso(p.endDate) })),
      riskCategory: facts.riskCategory, taxDebtTiyn: facts.taxDebtTiyn, liquidationAuditApplicationDate: iso(facts.liquidationAuditApplicationDate),
      sanctions: facts.sanctions.map((s) => ({ kind: s.kind, appliedOn: iso(s.appliedOn)! })),
    } : null,
    yearly: facts?.yearly ?? [],
    lists: lists.map((l) => ({ list: l.list, includedOn: iso(l.includedOn)!, excludedOn: iso(l.excludedOn) })),
    financials: [...financials].sort((a, b) => b.fiscalYear - a.fiscalYear).map((f) => ({
      fiscalYear: f.fiscalYear, totalAssets: f.totalAssets, totalLiabilities: f.totalLiabilities, totalCapital: f.totalCapital, annualIncome: f.annualIncome,
      taxableIncome: f.taxableIncome, vatRefund: f.vatRefund, staffCount: f.staffCount, taxesPaid: f.taxesByType.reduce((s, t) => s + t.amount, 0),
    })),
  };
}

describe('tax preliminary indexes on the synthetic population', () => {
  it('rank entities by their hidden outcomes (AUC well above chance)', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
    const random = seededRandom(4242);
    const values: Record<'CONSCIENTIOUSNESS' | 'FINANCIAL_STABILITY' | 'PAYMENT_DISCIPLINE', number[]> = { CONSCIENTIOUSNESS: [], FINANCIAL_STABILITY: [], PAYMENT_DISCIPLINE: [] };
    const outcomes = { pseudo: [] as boolean[], bankrupt: [] as boolean[], default: [] as boolean[] };
    for (const entity of populationStream(6000, 97)) {
      const facts = taxFactsFeed.records(entity, random, now)[0]?.value;
      const subject = subjectOf(facts, taxFinancialsFeed.records(entity, random, now).map((r) => r.value), taxListsFeed.records(entity, random, now).map((r) => r.value), entity.id);
      const indexes = preliminaryIndexes(registry, 'TAX', ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'],
        { subjectId: entity.id, features: taxFeatures(subject, now), window: taxWindow(now) }, now);
      for (const i of indexes) values[i.indexKind].push(i.riskValue);
      outcomes.pseudo.push(entity.outcomes.pseudoEnterprise);
      outcomes.bankrupt.push(entity.outcomes.bankrupt);
      outcomes.default.push(entity.outcomes.paymentDefault);
    }
    const measured = {
      conscientiousness: auc(values.CONSCIENTIOUSNESS, outcomes.pseudo),
      financialStability: auc(values.FINANCIAL_STABILITY, outcomes.bankrupt),
      paymentDiscipline: auc(values.PAYMENT_DISCIPLINE, outcomes.default),
    };
    process.stdout.write(`tax preliminary AUC ${JSON.stringify(measured)}\n`);
    expect(measured.conscientiousness).toBeGreaterThan(0.8);
    expect(measured.financialStability).toBeGreaterThan(0.75);
    expect(measured.paymentDiscipline).toBeGreaterThan(0.6);
  });
});
