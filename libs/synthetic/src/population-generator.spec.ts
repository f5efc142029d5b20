import { parseBin, parseNationalId, isKato, isOked } from '@hub/identity';
import { validateLegalEntity } from '@hub/source-justice';
import type { LegalEntityRegistration } from '@hub/contracts';
import { REGIONS } from './regions';
import { FEED_GENERATORS, justiceFeed } from './feeds';
import { entityFeedRecords, feedRandom, outcomeLine } from './population-feeds';
import { generatePopulation, populationStream, syntheticEntityAt } from './population-generator';
import type { SyntheticEntity } from './population';

const now = new Date('2026-03-15T10:00:00Z');

function correlation(xs: number[], ys: number[]): number {
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0, dx = 0, dy = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    dx += (xs[i] - mx) ** 2;
    dy += (ys[i] - my) ** 2;
  }
  return num / Math.sqrt(dx * dy);
}

function identifierProblem(e: SyntheticEntity, kind: 'IIN' | 'BIN'): string | null {
  if (e.kind === 'INDIVIDUAL_ENTREPRENEUR') return kind === 'IIN' ? null : 'an entrepreneur needs an IIN';
  if (!parseBin(e.id).ok) return 'not a BIN';
  // 5th digit: resident legal entity; 6th: head office 0, branch 1; first four: registration YYMM.
  if (e.id[4] !== '4') return 'entity type digit';
  if (e.id[5] !== (e.kind === 'BRANCH' ? '1' : '0')) return 'attribute digit';
  const yymm = `${String(e.registeredOn.getUTCFullYear() % 100).padStart(2, '0')}${String(e.registeredOn.getUTCMonth() + 1).padStart(2, '0')}`;
  if (e.id.slice(0, 4) !== yymm) return 'BIN does not start with the registration year and month';
  if (e.kind === 'BRANCH' && !(e.parentId && parseBin(e.parentId).ok && e.parentId[5] === '0')) return 'branch without a head office BIN';
  return null;
}

describe('synthetic population', () => {
  it('is deterministic by seed and entity i does not depend on where a batch starts', () => {
    const whole = [...populationStream(500, 7)];
    const slice = [...populationStream(100, 7, 400)];
    expect(slice).toEqual(whole.slice(400));
    expect(syntheticEntityAt(7, 123)).toEqual(whole[123]);
    expect([...generatePopulation(50, 8)].map((e) => e.id)).not.toEqual(whole.slice(0, 50).map((e) => e.id));
  });

  it('gives 200,000 entities unique, structurally valid identifiers of the right kind', () => {
    const ids = new Set<string>();
    const kinds: Record<string, number> = {};
    const regions = new Set<string>();
    for (const e of populationStream(200_000, 42)) {
      ids.add(e.id);
      kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
      regions.add(e.region.kato);
      const parsed = parseNationalId(e.id);
      if (!parsed.ok) throw new Error(`invalid id for entity ${e.index}: ${parsed.message}`);
      // Plain checks inside the loop: 200,000 expect() calls would dominate the run time.
      const problem = identifierProblem(e, parsed.kind);
      if (problem) throw new Error(`entity ${e.index}: ${problem}`);
      if (!isOked(e.okedPrimary) || !isKato(e.region.kato)) throw new Error('classifier code format');
    }
    expect(ids.size).toBe(200_000);
    expect(regions.size).toBe(REGIONS.length);
    expect(kinds.INDIVIDUAL_ENTREPRENEUR / 200_000).toBeGreaterThan(0.45);
    expect(kinds.BRANCH).toBeGreaterThan(5_000);
    expect(kinds.LEGAL_ENTITY).toBeGreaterThan(60_000);
  });

  it('draws correlated hidden risks and outcomes that follow them', () => {
    const entities: SyntheticEntity[] = [...populationStream(50_000, 3)];
    const fict = entities.map((e) => e.risk.fictitiousInvoicing);
    const insolv = entities.map((e) => e.risk.insolvency);
    const dflt = entities.map((e) => e.risk.paymentDefault);
    expect(correlation(fict, insolv)).toBeGreaterThan(0.2);
    expect(correlation(insolv, dflt)).toBeGreaterThan(0.2);
    const rate = (f: (e: SyntheticEntity) => boolean) => entities.filter(f).length / entities.length;
    expect(rate((e) => e.outcomes.pseudoEnterprise)).toBeGreaterThan(0.01);
    expect(rate((e) => e.outcomes.pseudoEnterprise)).toBeLessThan(0.08);
    expect(rate((e) => e.outcomes.bankrupt)).toBeGreaterThan(0.005);
    expect(rate((e) => e.outcomes.bankrupt)).toBeLessThan(0.06);
    expect(rate((e) => e.outcomes.paymentDefault)).toBeGreaterThan(0.04);
    expect(rate((e) => e.outcomes.paymentDefault)).toBeLessThan(0.2);
    // Outcomes come from the propensities: those that went bad had visibly higher risk.
    const meanRisk = (list: SyntheticEntity[], k: keyof SyntheticEntity['risk']) => list.reduce((s, e) => s + e.risk[k], 0) / list.length;
    const pseudo = entities.filter((e) => e.outcomes.pseudoEnterprise);
    const clean = entities.filter((e) => !e.outcomes.pseudoEnterprise);
    expect(meanRisk(pseudo, 'fictitiousInvoicing')).toBeGreaterThan(2 * meanRisk(clean, 'fictitiousInvoicing'));
    const bankrupt = entities.filter((e) => e.outcomes.bankrupt);
    expect(bankrupt.filter((e) => e.outcomes.paymentDefault).length / bankrupt.length).toBeGreaterThan(0.5);
    expect(JSON.parse(outcomeLine(entities[0]))).toEqual({
      id: entities[0].id, kind: entities[0].kind, outcomes: entities[0].outcomes, risk: entities[0].risk,
      world: 'base', sector: entities[0].okedPrimary.slice(0, 2), sizeClass: entities[0].sizeClass,
    });
  });
});

describe('justice feed generator', () => {
  it('produces valid registrations consistent with the entity, and none for entrepreneurs', () => {
    let legal = 0;
    for (const e of populationStream(20_000, 11)) {
      const records = justiceFeed.records(e, feedRandom(11, e, justiceFeed.topic), now);
      if (e.kind === 'INDIVIDUAL_ENTREPRENEUR') {
        expect(records).toEqual([]);
        continue;
      }
      legal++;
      expect(records).toHaveLength(1);
      const { key, value } = records[0];
      expect(key).toBe(e.id);
      expect(value).toMatchObject({ bin: e.id, katoCode: e.region.kato, okedPrimary: e.okedPrimary, headFullName: e.head?.fullName });
      expect(value.legalForm).toBe(e.kind === 'BRANCH' ? 'BRANCH' : e.legalForm);
      const verdict = validateLegalEntity(value, key, now);
      if (!verdict.ok) throw new Error(`${verdict.code}: ${verdict.reason}`);
    }
    expect(legal).toBeGreaterThan(7_000);
  });

  it('is deterministic per entity and feed, whatever else runs', () => {
    const e = syntheticEntityAt(5, 77) ;
    const entity = e.kind === 'INDIVIDUAL_ENTREPRENEUR' ? [...populationStream(50, 5)].find((x) => x.kind !== 'INDIVIDUAL_ENTREPRENEUR')! : e;
    const a = entityFeedRecords(entity, FEED_GENERATORS, 5, now);
    const b = entityFeedRecords(entity, [justiceFeed], 5, now);
    expect(a.filter((r) => r.topic === justiceFeed.topic)).toEqual(b);
    expect((b[0].value as LegalEntityRegistration).bin).toBe(entity.id);
  });
});
