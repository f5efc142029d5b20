import path from 'node:path';
import { AlgorithmRegistry } from '@hub/algorithms';
import { seededRandom } from '@hub/identity';
import { Database, HubConfig, migrateAsOwner, projectRoot } from '@hub/platform';
import {
  FINAL_INDEXES, PreliminaryIndex, PreliminaryIndexRepository, SCORING_MIGRATIONS, ScoringService, rescoreAll,
} from '@hub/scoring';
import { testBin, testConfig } from '@hub/test-support';

describe('full re-score (tools/rescore-all.ts) against the real PostgreSQL', () => {
  let config: HubConfig;
  let database: Database;
  const registry = new AlgorithmRegistry(path.join(projectRoot(), 'algorithms'));
  const random = seededRandom(Date.now() % 2_147_483_647);

  beforeAll(async () => {
    config = testConfig();
    database = new Database(config.DATABASE_URL, 2);
    await migrateAsOwner(config.DATABASE_URL, config, SCORING_MIGRATIONS);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('scores every subject of the slice in batches, exactly as a request at the same moment would', async () => {
    // Test BINs registered in 2003-07: one slice of the id space, (030740899999, 030740999999].
    const ids = [...new Set(Array.from({ length: 40 }, () => testBin(random, { year: 2003, month: 7 })))];
    expect(ids.every((id) => id > '030740899999' && id <= '030740999999')).toBe(true);
    const computedAt = new Date(Date.now() - 60_000);
    const repository = new PreliminaryIndexRepository(database);
    const input = (subjectId: string, riskValue: number, over: Partial<PreliminaryIndex> = {}): { index: PreliminaryIndex; position: { topic: string; partition: number; offset: string } } => ({
      index: {
        subjectId, source: 'TAX', indexKind: 'CONSCIENTIOUSNESS', riskValue, category: 'LOW', algorithm: 'tax.conscientiousness', algorithmVersion: '2026.1',
        windowFrom: '2025-11-01', windowTo: '2026-10-31', computedAt, factors: [], ...over,
      },
      position: { topic: 'test.rescore', partition: 0, offset: '0' },
    });
    await repository.append(ids.flatMap((id, i) => [
      input(id, (i % 10) / 10),
      input(id, 0.5, { source: 'UTILITY', indexKind: 'PAYMENT_DISCIPLINE', algorithm: 'utility.payment-discipline' }),
    ]));
    const at = new Date();
    const progress: number[] = [];
    const result = await rescoreAll(database, registry, { at, batchSize: 7, after: '030740899999', until: '030740999999', onProgress: (p) => progress.push(p.subjects) });
    expect(result.scored).toBeGreaterThanOrEqual(ids.length);
    expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(ids.length / 7));
    const rows = await database.query<{ subject_id: string; computed_at: Date; algorithms: string; indexes: Array<{ index: string; value: number }> }>(
      'SELECT subject_id, computed_at, algorithms, indexes FROM scoring.final_scores WHERE subject_id = ANY($1::char(12)[])', [ids],
    );
    expect(rows).toHaveLength(ids.length);
    const service = new ScoringService(repository, database, registry);
    for (const row of rows.slice(0, 5)) {
      expect(row.computed_at.getTime()).toBe(at.getTime());
      expect(row.algorithms).toBe(FINAL_INDEXES.map((f) => `${f.algorithm}@${registry.inForce(f.algorithm, at).version}`).join(','));
      const asked = await service.scores(row.subject_id, at);
      if (!asked.ok) throw new Error(asked.message);
      expect(row.indexes.map((i) => i.value)).toEqual(asked.answer.indexes.map((i) => i.value));
    }
  });
});
