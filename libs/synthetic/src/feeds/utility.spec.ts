import { seededRandom } from '@hub/identity';
import { isNonPayment, validateUtilityArrears } from '@hub/source-utility';
import { correlation, testEntities } from './feed-test-entities';
import { UTILITY_HISTORY_MONTHS, supplierFor, utilityFeed } from './utility';

const now = new Date(Date.UTC(2026, 10, 3, 12));

describe('utilityFeed', () => {
  const entities = testEntities(3000, 99);
  const records = entities.map((e, i) => utilityFeed.records(e, seededRandom(3000 + i), now));
  const nonPaymentMonths = records.map((rs) => rs.filter((r) => isNonPayment(r.value.monthsOverdue)).length);

  it('publishes only records the utility rules accept, for past months, one per supplier, service and month', () => {
    records.forEach((rs, i) => {
      const keys = new Set<string>();
      for (const r of rs) {
        expect(r.key).toBe(entities[i].id);
        expect(validateUtilityArrears(r.value, r.key, now)).toMatchObject({ ok: true });
        expect(r.value.billingPeriod < '2026-11').toBe(true);
        expect(r.value.billingPeriod >= '2025-11').toBe(true);
        keys.add(`${r.value.supplierBin}|${r.value.serviceKind}|${r.value.billingPeriod}`);
      }
      expect(keys.size).toBe(rs.length);
    });
    expect(UTILITY_HISTORY_MONTHS).toBe(12);
  });

  it('names one natural monopoly per region and service line, with a valid BIN', () => {
    const [a, b] = [supplierFor(entities[0].region, 'Vodokanal'), supplierFor(entities[0].region, 'Vodokanal')];
    expect(a).toEqual(b);
    expect(supplierFor(entities[1].region, 'Vodokanal').bin).not.toBe(a.bin);
  });

  it('is deterministic for a given random source', () => {
    expect(utilityFeed.records(entities[5], seededRandom(11), now)).toEqual(utilityFeed.records(entities[5], seededRandom(11), now));
  });

  it('reports more months of non-payment for entities prone to payment default, and insolvent ones more weakly', () => {
    const byDefault = correlation(entities.map((e) => e.risk.paymentDefault), nonPaymentMonths);
    const byInsolvency = correlation(entities.map((e) => e.risk.insolvency), nonPaymentMonths);
    expect(byDefault).toBeGreaterThan(0.4);
    expect(byInsolvency).toBeGreaterThan(0.05);
    expect(byInsolvency).toBeLessThan(byDefault);
    expect(Math.abs(correlation(entities.map((e) => e.risk.fictitiousInvoicing), nonPaymentMonths))).toBeLessThan(0.1);
  });
});
