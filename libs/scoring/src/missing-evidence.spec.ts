import path from 'node:path';
import { AlgorithmRegistry, score } from '@hub/algorithms';
import { projectRoot } from '@hub/platform';
import { computeFinalIndexes, latestInputs } from './final-scores';
import { NO_UTILITY_REPORT, missingEvidenceExplanation, withMissingUtilityEvidence } from './missing-evidence';
import { PreliminaryIndex } from './preliminary-index';
import { algorithmsAt } from './scoring.service';

const later = new Date('2027-06-01T00:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const algorithms = algorithmsAt(registry, later);

/** A firm's other evidence: ordinary tax and statistics indexes, and the courts' payment index given. */
const others = (court: number): Record<string, number> => ({
  TAX_CONSCIENTIOUSNESS: 0.02, TAX_FINANCIAL_STABILITY: 0.03, TAX_PAYMENT_DISCIPLINE: 0.05, COURT_PAYMENT_DISCIPLINE: court, COURT_FINANCIAL_STABILITY: 0.02,
  STATISTICS_CONSCIENTIOUSNESS: 0.05, STATISTICS_FINANCIAL_STABILITY: 0.03, STATISTICS_PAYMENT_DISCIPLINE: 0.1,
});
/** The utility perimeter's index for a customer reported on with no arrears in the window (its cleanest value). */
const cleanUtility = score(registry.inForce('utility.payment-discipline', later), {
  NON_PAYMENT_MONTHS: 0, LONGEST_ARREARS: 0, OUTSTANDING_NON_PAYMENT: 0, RECENT_NON_PAYMENT: 0, REPEATED_ARREARS: 0,
}).riskValue;
const withUtility = (f: Record<string, number>, utility: number) => ({ ...f, UTILITY_PAYMENT_DISCIPLINE: utility, UTILITY_FINANCIAL_STABILITY: 0.02 });

describe('a firm no utility provider reported on (issue 13: registers that do not cover every firm)', () => {
  it('gets an indicator and its tax and court evidence again "without a utility report"; a reported firm gets neither', () => {
    expect(withMissingUtilityEvidence(others(0.3))).toMatchObject({
      [NO_UTILITY_REPORT]: 1, COURT_PAYMENT_DISCIPLINE_WITHOUT_UTILITY_REPORT: 0.3, TAX_FINANCIAL_STABILITY_WITHOUT_UTILITY_REPORT: 0.03,
    });
    // Statistics and justice are not payment evidence, and may themselves be unknown.
    expect(Object.keys(withMissingUtilityEvidence(others(0.3))).filter((c) => c.startsWith('STATISTICS_') && c.endsWith('_WITHOUT_UTILITY_REPORT'))).toEqual([]);
    expect(withMissingUtilityEvidence(withUtility(others(0.3), 0.1))).toEqual(withUtility(others(0.3), 0.1));
  });

  for (const name of ['final.payment-discipline', 'final.business-reputation'] as const) {
    const algorithm = registry.inForce(name, later);
    const risk = (f: Record<string, number>) => score(algorithm, withMissingUtilityEvidence(f)).riskValue;

    it(`${name}: is scored neither as a perfect payer nor as a defaulter, but by its other payment evidence`, () => {
      // The courts' payment index (court.payment-discipline 2026.2, size-relative): 0.06 without debt
      // cases, 0.19 / 0.31 / 0.50 for one / two / four debt cases well above the size class's rate.
      for (const court of [0.05, 0.2, 0.3, 0.7]) {
        const unknown = risk(others(court));
        const defaulter = risk(withUtility(others(court), 0.6));
        // Never near a firm the monopolies report as a defaulter with the same court record; with a
        // court record as heavy as 0.7 the courts alone say default, yet still below the reported defaulter...
        if (court <= 0.3) expect(unknown).toBeLessThan(defaulter / 2);
        else expect(unknown).toBeLessThan(defaulter);
        // ...and, with debt cases in court, riskier than the same firm with a clean utility record.
        if (court >= 0.2) expect(unknown).toBeGreaterThan(risk(withUtility(others(court), cleanUtility)));
      }
    });

    it(`${name}: the courts' payment evidence weighs more when there is no utility report (the missing input's weight redistributed)`, () => {
      const rise = (utility?: number) => {
        const at = (court: number) => risk(utility === undefined ? others(court) : withUtility(others(court), utility));
        return Math.log(at(0.7) / (1 - at(0.7))) - Math.log(at(0.05) / (1 - at(0.05)));
      };
      expect(rise()).toBeGreaterThan(1.5 * rise(cleanUtility));
    });
  }

  it('explains the derived factor in plain words, through the input it repeats', () => {
    const input = (source: PreliminaryIndex['source'], indexKind: PreliminaryIndex['indexKind'], riskValue: number): PreliminaryIndex => ({
      subjectId: '120140012345', source, indexKind, riskValue, category: 'HIGH', algorithm: `${source.toLowerCase()}.x`, algorithmVersion: '2026.1',
      windowFrom: '2025-11-01', windowTo: '2026-10-31', computedAt: new Date('2027-01-01T00:00:00Z'),
      factors: [{ code: 'DEBT_CASES_FOR_SIZE', explanation: 'Sued over unpaid debts more often than firms of its size', contribution: 1.2, band: 'HIGH', direction: 'RAISES_RISK' }],
    });
    const pd = computeFinalIndexes(latestInputs([input('COURT', 'PAYMENT_DISCIPLINE', 0.9), input('TAX', 'FINANCIAL_STABILITY', 0.03)], later), algorithms, later)
      .find((i) => i.index === 'PAYMENT_DISCIPLINE')!;
    const derived = pd.topFactors.find((f) => f.code === 'COURT_PAYMENT_DISCIPLINE_WITHOUT_UTILITY_REPORT')!;
    expect(derived.explanation).toMatch(/courts.*no utility provider reporting on the firm's bills/);
    expect(pd.topFactors.some((f) => f.source === 'COURT' && f.code === 'DEBT_CASES_FOR_SIZE')).toBe(true);
    expect(missingEvidenceExplanation(NO_UTILITY_REPORT)).toMatch(/unknown/);
  });
});
