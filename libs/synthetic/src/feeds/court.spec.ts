import { seededRandom } from '@hub/identity';
import { validateCivilCase } from '@hub/source-court';
import { courtFeed } from './court';
import { correlation, testEntities } from './feed-test-entities';

const now = new Date(Date.UTC(2026, 10, 22, 12));

describe('courtFeed', () => {
  const entities = testEntities(3000, 88);
  const records = entities.map((e, i) => courtFeed.records(e, seededRandom(2000 + i), now));
  const debtAsDefendant = records.map((rs) => rs.filter((r) => r.value.partyRole === 'DEFENDANT' && r.value.caseCategory === 'DEBT_COLLECTION').length);

  it('publishes only records the court rules accept, keyed by the party, one per case number', () => {
    let total = 0;
    records.forEach((rs, i) => {
      for (const r of rs) {
        expect(r.key).toBe(entities[i].id);
        expect(validateCivilCase(r.value, r.key, now)).toMatchObject({ ok: true });
      }
      expect(new Set(rs.map((r) => r.value.caseNumber)).size).toBe(rs.length);
      total += rs.length;
    });
    expect(total).toBeGreaterThan(1000);
  });

  it('is deterministic for a given random source', () => {
    expect(courtFeed.records(entities[3], seededRandom(9), now)).toEqual(courtFeed.records(entities[3], seededRandom(9), now));
  });

  it('sues entities prone to payment default for debt more often, and insolvent ones more weakly', () => {
    const byDefault = correlation(entities.map((e) => e.risk.paymentDefault), debtAsDefendant);
    const byInsolvency = correlation(entities.map((e) => e.risk.insolvency), debtAsDefendant);
    expect(byDefault).toBeGreaterThan(0.3);
    expect(byInsolvency).toBeGreaterThan(0.05);
    expect(byInsolvency).toBeLessThan(byDefault);
    // Fictitious invoicing is not a driver of court cases here.
    expect(Math.abs(correlation(entities.map((e) => e.risk.fictitiousInvoicing), debtAsDefendant))).toBeLessThan(0.1);
  });
});
