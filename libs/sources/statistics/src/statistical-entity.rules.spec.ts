import { generateBin, seededRandom } from '@hub/identity';
import { StatisticalEntityRecord } from './statistical-entity';
import { StatisticsRejection, latestPerId, validateStatisticalEntity } from './statistical-entity.rules';

const now = new Date(Date.UTC(2026, 10, 22, 10));
const id = generateBin(seededRandom(4), { year: 2019, month: 2 });
const record = (patch: Partial<StatisticalEntityRecord> = {}): StatisticalEntityRecord => ({
  id, katoCode: '711000000', okedPrimary: '46900', okedPrimaryName: 'Wholesale', okedSecondary: [], sizeClassCode: '105', sizeClassName: 'Small', eventTime: now.getTime(), ...patch,
});
const code = (r: StatisticalEntityRecord) => {
  const v = validateStatisticalEntity(r, r.id, now);
  return v.ok ? 'OK' : v.code;
};

describe('statistical entity rules', () => {
  it('accepts an entity without secondary activities', () => {
    expect(code(record())).toBe('OK');
  });

  it('rejects secondary codes that repeat each other or the primary, and blank secondary names', () => {
    const a = { code: '62010', name: 'IT' };
    expect(code(record({ okedSecondary: [a, a] }))).toBe(StatisticsRejection.OKED_SECONDARY_DUPLICATE);
    expect(code(record({ okedSecondary: [{ code: '46900', name: 'Wholesale' }] }))).toBe(StatisticsRejection.OKED_SECONDARY_DUPLICATE);
    expect(code(record({ okedSecondary: [{ code: '62010', name: '' }] }))).toBe(StatisticsRejection.REQUIRED_FIELD_MISSING);
  });

  it('keeps the latest entry per id within a batch, the first on a tie', () => {
    const v = (r: StatisticalEntityRecord) => { const x = validateStatisticalEntity(r, null, now); if (!x.ok) throw new Error(x.code); return { entry: x.value }; };
    const kept = latestPerId([v(record({ sizeClassCode: '110' })), v(record({ sizeClassCode: '115' })), v(record({ sizeClassCode: '105', eventTime: now.getTime() - 1 }))]);
    expect(kept.map((k) => k.entry.sizeClassCode)).toEqual(['110']);
  });
});
