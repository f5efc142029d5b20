import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { computeCheckDigit } from '@hub/identity';
import { projectRoot } from '@hub/platform';
import { FINAL_INDEXES, FinalIndexName, assembleFeatures, computeFinalIndexes, latestInputs } from './final-scores';
import { BprPreliminaryIndex, PreliminaryIndex } from './preliminary-index';
import { ScoringRejection, validatePreliminaryIndex } from './preliminary-index.rules';
import { algorithmsAt } from './scoring.service';

const DAY_MS = 86_400_000;
const now = new Date('2026-11-20T12:00:00Z');
const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
const algorithms = algorithmsAt(registry, now);

const input = (over: Partial<PreliminaryIndex> = {}): PreliminaryIndex => ({
  subjectId: '120140900012', source: 'TAX', indexKind: 'CONSCIENTIOUSNESS', riskValue: 0.2, category: 'LOW',
  algorithm: 'tax.conscientiousness', algorithmVersion: '2026.1', windowFrom: '2025-11-01', windowTo: '2026-10-31',
  computedAt: new Date('2026-11-01T00:00:00Z'),
  factors: [{ code: 'LOW_TAX_BURDEN', contribution: 0.8, explanation: 'Taxes paid are low for the declared turnover', band: 'MEDIUM', direction: 'RAISES_RISK' }],
  ...over,
});
const valueOf = (indexes: ReturnType<typeof computeFinalIndexes>, name: FinalIndexName) => indexes.find((i) => i.index === name)!.value;

describe('feature assembly', () => {
  it('takes the latest input per source and kind known at the moment, ties to the higher version', () => {
    const inputs = [
      input({ riskValue: 0.1, computedAt: new Date('2026-10-01T00:00:00Z') }),
      input({ riskValue: 0.3, computedAt: new Date('2026-11-01T00:00:00Z') }),
      input({ riskValue: 0.4, computedAt: new Date('2026-11-01T00:00:00Z'), algorithmVersion: '2026.10' }),
      input({ riskValue: 0.9, computedAt: new Date('2026-12-01T00:00:00Z') }),
      input({ source: 'COURT', indexKind: 'PAYMENT_DISCIPLINE', riskValue: 0.7 }),
    ];
    // No utility input: the missing-evidence features repeat the tax and court inputs (missing-evidence.spec).
    expect(assembleFeatures(latestInputs(inputs, now))).toEqual({
      TAX_CONSCIENTIOUSNESS: 0.4, COURT_PAYMENT_DISCIPLINE: 0.7, NO_UTILITY_REPORT: 1,
      TAX_CONSCIENTIOUSNESS_WITHOUT_UTILITY_REPORT: 0.4, COURT_PAYMENT_DISCIPLINE_WITHOUT_UTILITY_REPORT: 0.7,
    });
    expect(assembleFeatures(latestInputs([...inputs, input({ source: 'UTILITY', indexKind: 'PAYMENT_DISCIPLINE', riskValue: 0.2, computedAt: new Date('2026-10-01T00:00:00Z') })], new Date('2026-10-15T00:00:00Z'))))
      .toEqual({ TAX_CONSCIENTIOUSNESS: 0.1, UTILITY_PAYMENT_DISCIPLINE: 0.2 });
  });

  it('every final algorithm reads only features that preliminary indexes can supply', () => {
    for (const { algorithm } of FINAL_INDEXES) {
      for (const f of registry.inForce(algorithm, now).model.features) expect(f.code).toMatch(/^((TAX|JUSTICE|STATISTICS|COURT|UTILITY)_(CONSCIENTIOUSNESS|FINANCIAL_STABILITY|PAYMENT_DISCIPLINE)|(TAX|COURT)_(CONSCIENTIOUSNESS|FINANCIAL_STABILITY|PAYMENT_DISCIPLINE)_WITHOUT_UTILITY_REPORT|NO_UTILITY_REPORT)$/);
    }
  });
});

describe('final indexes', () => {
  it('each index rises when its driving preliminary index rises, and the others stay put', () => {
    const drivers: Array<[FinalIndexName, PreliminaryIndex['indexKind']]> = [
      ['TAXPAYER_CONSCIENTIOUSNESS', 'CONSCIENTIOUSNESS'], ['FINANCIAL_STABILITY', 'FINANCIAL_STABILITY'], ['PAYMENT_DISCIPLINE', 'PAYMENT_DISCIPLINE'],
    ];
    for (const [name, kind] of drivers) {
      const base = [input({ indexKind: kind, riskValue: 0.1 }), input({ source: 'UTILITY', indexKind: 'PAYMENT_DISCIPLINE', riskValue: 0.2 })];
      const risen = [input({ indexKind: kind, riskValue: 0.9 }), base[1]];
      const before = computeFinalIndexes(latestInputs(base, now), algorithms, now);
      const after = computeFinalIndexes(latestInputs(risen, now), algorithms, now);
      expect(valueOf(after, name)).toBeGreaterThan(valueOf(before, name));
      expect(valueOf(after, 'BUSINESS_REPUTATION')).toBeGreaterThan(valueOf(before, 'BUSINESS_REPUTATION'));
      for (const [other] of drivers.filter(([n]) => n !== name)) expect(valueOf(after, other)).toBe(valueOf(before, other));
    }
  });

  it('a high tax conscientiousness risk makes the index HIGH and explains it in the perimeter\'s own words', () => {
    const [conscientiousness] = computeFinalIndexes(latestInputs([input({ riskValue: 1 })], now), algorithms, now);
    expect(conscientiousness).toMatchObject({ index: 'TAXPAYER_CONSCIENTIOUSNESS', category: 'HIGH', algorithm: 'final.conscientiousness', computedAt: now.toISOString() });
    expect(conscientiousness.topFactors[0].code).toBe('TAX_CONSCIENTIOUSNESS');
    expect(conscientiousness.topFactors[1]).toEqual({ code: 'LOW_TAX_BURDEN', explanation: 'Taxes paid are low for the declared turnover', contribution: 0.8, band: 'MEDIUM', direction: 'RAISES_RISK', source: 'TAX' });
  });
});

describe('preliminary index validation', () => {
  const bin = (): string => { for (let s = 90000; ; s++) { const c = computeCheckDigit(`120140${s}`); if (c !== null) return `120140${s}${c}`; } };
  const record = (over: Partial<BprPreliminaryIndex> = {}): BprPreliminaryIndex => ({
    subjectId: bin(), source: 'TAX', indexKind: 'CONSCIENTIOUSNESS', riskValue: 0.5, category: 'MEDIUM', algorithm: 'tax.conscientiousness',
    algorithmVersion: '2026.1', windowFrom: Math.floor(now.getTime() / DAY_MS) - 365, windowTo: Math.floor(now.getTime() / DAY_MS) - 1,
    computedAt: now.getTime() - 60_000, factors: [{ code: 'A', contribution: 1, explanation: 'a', band: null, direction: null }], confidentialInputs: false, ...over,
  });
  const code = (r: BprPreliminaryIndex, key: string | null = r.subjectId) => { const v = validatePreliminaryIndex(r, key, now); return v.ok ? 'OK' : v.code; };

  it('accepts a valid record and gives each broken rule its reason code', () => {
    const good = record();
    expect(code(good)).toBe('OK');
    expect(code(record({ subjectId: good.subjectId.slice(0, 11) + ((Number(good.subjectId[11]) + 1) % 10) }))).toBe(ScoringRejection.ID_CHECK_DIGIT);
    expect(code(record({ subjectId: '12345' }))).toBe(ScoringRejection.ID_FORMAT);
    expect(code(good, '000000000000')).toBe(ScoringRejection.KEY_MISMATCH);
    expect(code(record({ riskValue: 1.5 }))).toBe(ScoringRejection.RISK_VALUE_RANGE);
    expect(code(record({ riskValue: Number.NaN }))).toBe(ScoringRejection.RISK_VALUE_RANGE);
    expect(code(record({ algorithmVersion: 'v2' }))).toBe(ScoringRejection.VERSION_FORMAT);
    expect(code(record({ algorithm: 'Tax Model' }))).toBe(ScoringRejection.ALGORITHM_FORMAT);
    expect(code(record({ computedAt: now.getTime() + DAY_MS }))).toBe(ScoringRejection.DATE_IN_FUTURE);
    expect(code(record({ windowFrom: 20000, windowTo: 19000 }))).toBe(ScoringRejection.DATE_ORDER);
    expect(code(record({ factors: [{ code: 'a b', contribution: 1, explanation: 'x', band: null, direction: null }] }))).toBe(ScoringRejection.FACTOR_INVALID);
    expect(code(record({ source: 'CUSTOMS' as BprPreliminaryIndex['source'] }))).toBe(ScoringRejection.ENUM_UNKNOWN);
  });

  it('shows a factor resting on a confidential input as a band, never a contribution, and so the index built on it', () => {
    const secret = input({ riskValue: 0.9, category: 'HIGH', factors: [{ code: 'LEVERAGE', contribution: null, explanation: 'Liabilities are high against assets', band: 'HIGH', direction: 'RAISES_RISK' }] });
    const [conscientiousness] = computeFinalIndexes([secret], algorithms, now);
    const tax = conscientiousness.topFactors.find((f) => f.code === 'TAX_CONSCIENTIOUSNESS')!;
    expect(tax).toMatchObject({ contribution: null, band: expect.stringMatching(/^(LOW|MEDIUM|HIGH)$/), direction: 'RAISES_RISK' });
    expect(conscientiousness.topFactors.find((f) => f.code === 'LEVERAGE')).toEqual({
      code: 'LEVERAGE', explanation: 'Liabilities are high against assets', contribution: null, band: 'HIGH', direction: 'RAISES_RISK', source: 'TAX',
    });
  });
});
