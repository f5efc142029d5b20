import { Economy, GreenCorridorInput, HighTechLevel, classifyPool, greenCorridorScore, taskForceRouting } from './classification';
import { deps } from './test-kit';

const economy: Economy = deps.economy;

describe('pools (NDIP §25, §28) with the MCI of the year (4,325 KZT in 2026)', () => {
  it.each([
    ['648750000', 'KZT', 2026, false, 'NATIONWIDE', 'NDIP §28', '150,000 × 4,325 exactly'],
    ['648749999.99', 'KZT', 2026, false, 'REGIONAL', 'NDIP §25', 'a tiyn below'],
    ['1247596.16', 'USD', 2026, false, 'NATIONWIDE', 'NDIP §28', 'USD just above at 520 KZT'],
    ['1247596.15', 'USD', 2026, false, 'REGIONAL', 'NDIP §25', 'USD just below'],
    ['589800000', 'KZT', 2025, false, 'NATIONWIDE', 'NDIP §28', '2025 MCI 3,932'],
    ['589799999', 'KZT', 2025, false, 'REGIONAL', 'NDIP §25', '2025 below'],
    ['1', 'KZT', 2026, true, 'NATIONWIDE', 'NDIP §28', 'any amount under an investment contract'],
  ])('%s %s in %i contract=%s -> %s (%s; %s)', (amount, currency, year, contract, pool, paragraph) => {
    const d = classifyPool(economy, { amount, currency }, year, contract);
    expect(d.pool).toBe(pool);
    expect(d.paragraph).toBe(paragraph);
  });

  it('refuses a year with no MCI configured', () => {
    expect(() => classifyPool(economy, { amount: '1', currency: 'KZT' }, 2031, false)).toThrow(/no MCI configured for 2031/);
  });
});

const base: GreenCorridorInput = { investment: { amount: '10000000', currency: 'USD' }, year: 2026, global2000: true, highTech: 'MANUFACTURING_UNLISTED', jobs: 300 };

describe('green corridor score (NDIP §30, Annex 1: 25/30/30/15, included at 1.3)', () => {
  it.each([
    ['9999999.99', 0], ['10000000', 1], ['14999999.99', 1], ['15000000', 2], ['29999999.99', 2], ['30000000', 3],
  ])('investment %s USD scores %i', (amount, score) => {
    const s = greenCorridorScore(economy, { ...base, investment: { amount, currency: 'USD' } }, 'NATIONWIDE');
    expect(s.parts.find((p) => p.criterion === 'INVESTMENT_AMOUNT')?.score).toBe(score);
  });

  it.each([[0, 0.5], [299, 0.5], [300, 1], [499, 1], [500, 2]])('%i jobs score %d', (jobs, score) => {
    expect(greenCorridorScore(economy, { ...base, jobs }, 'NATIONWIDE').parts.find((p) => p.criterion === 'JOBS')?.score).toBe(score);
  });

  it.each<[HighTechLevel, number]>([['NOT_MANUFACTURING', 0], ['MANUFACTURING_UNLISTED', 1], ['MEDIUM', 2], ['HIGH', 3]])('high-tech %s scores %i', (highTech, score) => {
    expect(greenCorridorScore(economy, { ...base, highTech }, 'NATIONWIDE').parts.find((p) => p.criterion === 'HIGH_TECH')?.score).toBe(score);
  });

  it.each([
    ['exactly 1.3: 10 M USD (1), Global 2000 (2), manufacturing (1), 300 jobs (1)', base, 1.3, true],
    ['1.225 below: same with 299 jobs (0.5)', { ...base, jobs: 299 }, 1.225, false],
    ['1.35: 30 M USD, unlisted, manufacturing, 500 jobs', { ...base, investment: { amount: '30000000', currency: 'USD' }, global2000: false, jobs: 500 }, 1.35, true],
  ])('%s', (_label, input, average, included) => {
    const s = greenCorridorScore(economy, input, 'NATIONWIDE');
    expect(s.weightedAverage).toBeCloseTo(average, 10);
    expect(s.included).toBe(included);
    expect(s.parts.map((p) => p.weightPercent)).toEqual([25, 30, 30, 15]);
  });

  it('is only applied at inclusion in the nationwide pool (§30)', () => {
    expect(greenCorridorScore(economy, base, 'REGIONAL').included).toBe(false);
  });

  it('converts a KZT amount to USD by the year\'s rate', () => {
    const s = greenCorridorScore(economy, { ...base, investment: { amount: '7800000000', currency: 'KZT' } }, 'NATIONWIDE');
    expect(s.amountUsd).toBe('15000000.00');
    expect(s.parts[0].score).toBe(2);
  });
});

describe('Task Force (NDIP §31): green corridor and 7,500,000 MCI (32,437,500,000 KZT in 2026)', () => {
  it.each([
    ['32437500000', true, true],
    ['32437499999.99', true, false],
    ['32437500000', false, false],
  ])('%s KZT, green corridor %s -> routed %s', (amount, green, routed) => {
    expect(taskForceRouting(economy, { amount, currency: 'KZT' }, 2026, green).routed).toBe(routed);
  });
});
