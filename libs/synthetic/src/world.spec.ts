import { Topics } from '@hub/platform';
import { validateLegalEntity } from '@hub/source-justice';
import { FEED_GENERATORS, justiceFeed } from './feeds';
import { courtRates } from './feeds/court';
import { taxFactsFeed, taxFinancialsFeed } from './feeds/tax';
import { entityFeedRecords } from './population-feeds';
import { populationStream } from './population-generator';
import type { SyntheticEntity } from './population';
import { feedRandom } from './population-feeds';
import { WORLDS, covered, nominee, sectorEconomics, worldNamed, worldTraits } from './world';

const NOW = new Date('2026-11-20T10:00:00Z');
const SEED = 4242;
const N = 3000;
const base = [...populationStream(N, SEED)];
const het = [...populationStream(N, SEED, 0, WORLDS.heterogeneous)];

describe('worlds (issue 13)', () => {
  it('draws the same entities, risks and outcomes in every world: only what the registers show differs', () => {
    for (let i = 0; i < N; i += 97) {
      expect({ ...het[i], world: undefined }).toEqual({ ...base[i], world: undefined });
    }
  });

  it('leaves the base world exactly as it was, with or without naming it', () => {
    const named = [...populationStream(50, SEED, 0, worldNamed('base'))];
    for (let i = 0; i < 50; i++) expect(entityFeedRecords(named[i], FEED_GENERATORS, SEED, NOW)).toEqual(entityFeedRecords(base[i], FEED_GENERATORS, SEED, NOW));
    expect(base.some((e) => {
      const t = worldTraits(e);
      return t.voluntaryLiquidation || t.technicalDebtKzt > 0 || t.massAddress !== null || t.nomineeFounder !== null || t.nomineeHead !== null || t.group !== null || t.reregistrations > 0;
    })).toBe(false);
  });

  it('closes some solvent legal entities by choice: in liquidation, applied for the audit, no tax debt', () => {
    const voluntary = het.filter((e) => worldTraits(e).voluntaryLiquidation);
    expect(voluntary.length).toBeGreaterThan(10);
    for (const e of voluntary) {
      expect(e.kind).toBe('LEGAL_ENTITY');
      expect(e.outcomes.bankrupt).toBe(false);
      const registration = justiceFeed.records(e, () => 0.5, NOW)[0].value;
      expect(registration.status).toBe('IN_LIQUIDATION');
      const facts = taxFactsFeed.records(e, () => 0.5, NOW)[0].value;
      expect(facts.liquidationAuditApplicationDate).not.toBeNull();
      expect(facts.taxDebtTiyn).toBe(0);
    }
  });

  it('gives some taxpayers a small technical debt whatever their risk', () => {
    const technical = het.filter((e) => worldTraits(e).technicalDebtKzt > 0);
    expect(technical.length / N).toBeGreaterThan(0.1);
    expect(Math.max(...technical.map((e) => worldTraits(e).technicalDebtKzt))).toBeLessThanOrEqual(30_000);
  });

  it('makes traders turn over more per employee at a thinner margin than medical practices', () => {
    const perStaff = (oked: string) => {
      const firms = het.filter((e) => e.okedPrimary === oked && e.sizeClass === 0 && e.risk.fictitiousInvoicing < 0.02);
      const years = firms.flatMap((e) => taxFinancialsFeed.records(e, () => 0.5, NOW).map((r) => r.value));
      return years.reduce((s, y) => s + y.annualIncome / Math.max(1, y.staffCount), 0) / years.length;
    };
    expect(perStaff('46900')).toBeGreaterThan(3 * perStaff('86230'));
    expect(sectorEconomics(WORLDS.heterogeneous, '46900').burden).toBeLessThan(sectorEconomics(WORLDS.heterogeneous, '86230').burden);
    expect(sectorEconomics(WORLDS.base, '46900')).toEqual({ turnoverPerStaff: 1, burden: 1 });
  });

  it('has large firms litigate far more than small ones, and registers that miss some entities', () => {
    const large = het.find((e) => e.sizeClass === 3)!;
    expect(courtRates(large).asPlaintiff / courtRates({ ...large, sizeClass: 0 }).asPlaintiff).toBeCloseTo(20, 6);
    const share = het.filter((e) => covered(e, Topics.utilityArrears.name)).length / N;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.75);
    expect(base.every((e) => covered(e, Topics.utilityArrears.name))).toBe(true);
  });

  it('registers high-invoicing-risk firms at a few shared addresses, written in varying ways', () => {
    const legal = het.filter((e) => e.kind === 'LEGAL_ENTITY');
    const rate = (xs: typeof legal) => xs.filter((e) => worldTraits(e).massAddress !== null).length / Math.max(1, xs.length);
    expect(rate(legal.filter((e) => e.risk.fictitiousInvoicing > 0.1))).toBeGreaterThan(2 * rate(legal.filter((e) => e.risk.fictitiousInvoicing < 0.02)));
    const mass = legal.find((e) => worldTraits(e).massAddress !== null)!;
    const address = (justiceFeed.records(mass, () => 0.9, NOW)[0].value).address;
    expect(address.toLowerCase()).toContain(mass.region.centre.toLowerCase());
  });

  describe('nominees, groups and re-registrations (mass founder, mass director, frequent re-registration)', () => {
    const legal = het.filter((e) => e.kind === 'LEGAL_ENTITY');
    const registrations = new Map(legal.map((e) => [e.id, justiceFeed.records(e, feedRandom(SEED, e, justiceFeed.topic), NOW).map((r) => r.value)]));
    const current = (e: SyntheticEntity) => registrations.get(e.id)!.at(-1)!;
    const firmsByFounder = new Map<string, number>();
    for (const e of legal) for (const iin of new Set(current(e).founders.map((f) => f.iin).filter((x): x is string => x !== null))) firmsByFounder.set(iin, (firmsByFounder.get(iin) ?? 0) + 1);
    /** Other firms sharing a founder IIN with the firm (the most for any of its founders). */
    const coFounded = (e: SyntheticEntity) => Math.max(0, ...current(e).founders.map((f) => (f.iin ? firmsByFounder.get(f.iin)! - 1 : 0)));
    const sham = legal.filter((e) => e.risk.fictitiousInvoicing > 0.1);
    const honest = legal.filter((e) => e.risk.fictitiousInvoicing < 0.02);
    const share = (xs: SyntheticEntity[], f: (e: SyntheticEntity) => boolean) => xs.filter(f).length / xs.length;

    it('has sham firms share a few nominee founders and heads per region, while honest owners found at most a few firms', () => {
      expect(share(sham, (e) => coFounded(e) >= 2)).toBeGreaterThan(0.2);
      expect(share(sham, (e) => coFounded(e) >= 2)).toBeGreaterThan(5 * share(honest, (e) => coFounded(e) >= 2));
      // Ordinary groups: some honest founders hold a second or third firm, so a shared founder is not a label.
      expect(honest.filter((e) => worldTraits(e).group !== null && coFounded(e) >= 1).length).toBeGreaterThan(5);
      const headed = legal.filter((e) => worldTraits(e).nomineeHead !== null);
      expect(headed.length).toBeGreaterThan(10);
      const a = headed[0];
      const b = headed.find((e) => e !== a && e.region.kato === a.region.kato && worldTraits(e).nomineeBlock === worldTraits(a).nomineeBlock && worldTraits(e).nomineeHead === worldTraits(a).nomineeHead);
      if (b) expect(current(b).headFullName!.toLowerCase().replace(/\s+/g, ' ')).toBe(current(a).headFullName!.toLowerCase().replace(/\s+/g, ' '));
      expect(current(a).headFullName!.toLowerCase().replace(/\s+/g, ' ')).toBe(nominee(a.region.kato, worldTraits(a).nomineeBlock, worldTraits(a).nomineeHead!).fullName.toLowerCase());
    });

    it('publishes each re-registration as its own valid record, oldest first, sham firms often and honest ones rarely', () => {
      const many = (e: SyntheticEntity) => registrations.get(e.id)!.length >= 3;
      expect(share(sham, many)).toBeGreaterThan(0.15);
      expect(share(sham, many)).toBeGreaterThan(5 * share(honest, many));
      const churned = legal.filter(many);
      for (const e of churned) {
        const records = registrations.get(e.id)!;
        for (let i = 1; i < records.length; i++) {
          expect(records[i].eventTime).toBeGreaterThan(records[i - 1].eventTime);
          expect(records[i].lastReregistrationDate!).toBeGreaterThan(records[i - 1].lastReregistrationDate!);
        }
        for (const r of records) {
          const verdict = validateLegalEntity(r, e.id, NOW);
          if (!verdict.ok) throw new Error(`${verdict.code}: ${verdict.reason}`);
        }
      }
    });
  });
});
