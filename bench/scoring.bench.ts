import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AlgorithmRegistry } from '@hub/algorithms';
import { computeCheckDigit } from '@hub/identity';
import { Database, PlatformModule, Provisioner, Topics, loadConfig } from '@hub/platform';
import { PreliminaryIndexRepository, SCORING_ALGORITHMS, SCORING_MIGRATIONS, ScoringModule, ScoringService, rescoreAll } from '@hub/scoring';
import { BenchRow } from './bench-support';

const BENCH_TOPIC = 'bench.scoring';
const DAY_MS = 86_400_000;
const INPUTS: Array<[string, string, string]> = [
  ['TAX', 'CONSCIENTIOUSNESS', 'tax.conscientiousness'], ['TAX', 'FINANCIAL_STABILITY', 'tax.financial-stability'],
  ['STATISTICS', 'FINANCIAL_STABILITY', 'statistics.financial-stability'], ['COURT', 'PAYMENT_DISCIPLINE', 'court.payment-discipline'],
  ['UTILITY', 'PAYMENT_DISCIPLINE', 'utility.payment-discipline'],
];

/** Valid BINs registered in 1998 (a range no test and, in practice, no synthetic population uses), serials from 0. */
function benchBins(count: number): string[] {
  const out: string[] = [];
  for (let month = 1; month <= 12 && out.length < count; month++) {
    const prefix = `98${String(month).padStart(2, '0')}40`;
    for (let serial = 0; serial < 100_000 && out.length < count; serial++) {
      const body = prefix + String(serial).padStart(5, '0');
      const check = computeCheckDigit(body);
      if (check !== null) out.push(body + String(check));
    }
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function latencies(urls: readonly string[], expectStatus = 200): Promise<number[]> {
  const out: number[] = [];
  for (const url of urls) {
    const started = process.hrtime.bigint();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== expectStatus) throw new Error(`${url} answered ${response.status}`);
    out.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

async function seed(database: Database, bins: readonly string[], log: (m: string) => void): Promise<void> {
  await database.query(`DELETE FROM scoring.preliminary_indexes WHERE source_topic = $1`, [BENCH_TOPIC]);
  const computedAt = new Date(Date.now() - DAY_MS).toISOString();
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * DAY_MS).toISOString().slice(0, 10);
  let rnd = 12345;
  const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648);
  const chunk = 4000;
  for (let i = 0; i < bins.length; i += chunk) {
    const cols: unknown[][] = [[], [], [], [], [], [], [], []];
    for (const bin of bins.slice(i, i + chunk)) {
      for (const [source, kind, algorithm] of INPUTS) {
        const risk = random() ** 2;
        cols[0].push(bin); cols[1].push(source); cols[2].push(kind); cols[3].push(risk);
        cols[4].push(risk >= 0.6 ? 'HIGH' : risk >= 0.3 ? 'MEDIUM' : 'LOW'); cols[5].push(algorithm);
        cols[6].push(JSON.stringify([{ code: 'SYNTHETIC_FACTOR', contribution: risk, explanation: 'A synthetic factor for the benchmark' }]));
        cols[7].push(i);
      }
    }
    await database.query(
      `INSERT INTO scoring.preliminary_indexes (subject_id, source, index_kind, risk_value, category, algorithm, factors, source_offset,
         algorithm_version, computed_at, window_from, window_to, source_topic, source_partition)
       SELECT s, src, k, r, c, a, f, o, '2026.1', $9::timestamptz, $10::date, $11::date, $12, 0
       FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::text[], $7::jsonb[], $8::bigint[]) AS t(s, src, k, r, c, a, f, o)
       ON CONFLICT DO NOTHING`,
      [...cols, computedAt, yearAgo, today, BENCH_TOPIC],
    );
    if ((i / chunk) % 5 === 0) log(`  seeded ${Math.min(i + chunk, bins.length).toLocaleString('en-US')} of ${bins.length.toLocaleString('en-US')} ids`);
  }
  await database.query('ANALYZE scoring.preliminary_indexes');
}

/**
 * Score on request (HTTP, warm data) against GET /health in the same process, and a full re-score
 * against a read-only pass over the same inputs. Synthetic preliminary indexes (5 per id) are
 * inserted directly and removed afterwards.
 */
export async function runScoringBench(log: (m: string) => void): Promise<BenchRow[]> {
  const entities = Number(process.env.BENCH_SCORING_ENTITIES ?? 100_000);
  const requests = Number(process.env.BENCH_SCORING_REQUESTS ?? 2_000);
  const run = `bs${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const config = loadConfig({ ...process.env, TOPIC_PREFIX: `${run}.`, KAFKA_GROUP_ID: `${run}-hub`, HTTP_PORT: '0', LOG_LEVEL: 'warn' });

  @Module({ imports: [PlatformModule.forRoot({ config, topics: [Topics.preliminaryIndexes], migrations: SCORING_MIGRATIONS }), ScoringModule] })
  class ScoringBenchModule {}

  const app = await NestFactory.create(ScoringBenchModule, { logger: false });
  const bins = benchBins(entities);
  // The scoring module's own pool (role hub_scoring): the bench writes only the scoring schema.
  const database = app.select(ScoringModule).get(Database, { strict: true });
  try {
    await app.get(Provisioner).run([Topics.preliminaryIndexes], SCORING_MIGRATIONS);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    log(`scoring: seeding ${bins.length.toLocaleString('en-US')} ids x ${INPUTS.length} preliminary indexes`);
    await seed(database, bins, log);

    const pick = Array.from({ length: requests }, (_, i) => bins[Math.floor((i * 7919) % bins.length)]);
    const scoreUrls = pick.map((b) => `${base}/api/v1/entities/${b}/scores`);
    log(`scoring: 200 warm-up requests, then ${requests} computed and ${requests} cached score requests, ${requests} refused ones and ${Math.min(200, requests)} GET /health`);
    // Warm-up as of now: computed, never cached, so the measured ids are all first requests.
    await latencies(scoreUrls.slice(0, 200).map((u) => `${u}?asOf=${encodeURIComponent(new Date().toISOString())}`));
    const service = app.get(ScoringService);
    const missesBefore = service.stats.misses;
    // Each id once: every answer is computed (a cache miss), then the same ids again from the cache.
    const misses = await latencies(scoreUrls);
    const cached = await latencies(scoreUrls);
    // GET /health probes Kafka, the registry and PostgreSQL (~0.2 s each): 200 of them are enough for a reference.
    const health = await latencies(Array.from({ length: Math.min(200, requests) }, () => `${base}/health`));
    // Same HTTP stack and controller, refused by validation before any database work: the framework's own cost.
    const refused = await latencies(Array.from({ length: requests }, () => `${base}/api/v1/entities/123/scores`), 400);
    log(`  computed ${service.stats.misses - missesBefore} answers, then ${service.stats.hits} cache hits`);

    log('scoring: full re-score of every id with preliminary indexes');
    const registry = app.get<AlgorithmRegistry>(SCORING_ALGORITHMS);
    const repository = app.get(PreliminaryIndexRepository);
    const readStarted = process.hrtime.bigint();
    let read = 0;
    for (let after = ''; ;) {
      const ids = await repository.nextSubjects(after, 5000);
      if (ids.length === 0) break;
      read += (await repository.inputsOfMany(ids, new Date())).length;
      after = ids[ids.length - 1];
    }
    const readRate = read / (Number(process.hrtime.bigint() - readStarted) / 1e9);
    const rescored = await rescoreAll(database, registry, {
      onProgress: (p) => { if (p.subjects % 50_000 < 5000) log(`  re-scored ${p.scored.toLocaleString('en-US')} (${Math.round(p.ratePerSecond).toLocaleString('en-US')}/s)`); },
    });
    log(`  ${rescored.scored.toLocaleString('en-US')} ids in ${rescored.seconds.toFixed(1)} s: 1,000,000 would take ~${Math.round(1_000_000 / rescored.ratePerSecond)} s at this rate (linear extrapolation)`);

    const p99 = percentile(misses, 99);
    const p99Hit = percentile(cached, 99);
    const p99Health = percentile(health, 99);
    const p99Refused = percentile(refused, 99);
    log(`  p50 computed ${percentile(misses, 50).toFixed(2)} ms, cached ${percentile(cached, 50).toFixed(2)} ms; GET /health p50 ${percentile(health, 50).toFixed(2)} ms, p99 ${p99Health.toFixed(2)} ms (it probes Kafka, the registry and PostgreSQL)`);
    return [
      { name: `score on request p99 (computed, ${requests} req)`, value: p99, unit: 'ms', reference: 'GET refused by validation (400) p99', referenceValue: p99Refused, ratio: p99 / p99Refused, target: '< 50 ms' },
      { name: `score on request p99 (cached, ${requests} req)`, value: p99Hit, unit: 'ms', reference: `GET /health p99 (${health.length} req)`, referenceValue: p99Health, ratio: p99Hit / p99Health, target: '< 50 ms' },
      { name: `full re-score, ${rescored.scored.toLocaleString('en-US')} ids`, value: rescored.ratePerSecond, unit: 'ids/s', reference: 'read-only pass over the same inputs', referenceValue: readRate, ratio: rescored.ratePerSecond / readRate, target: '>= 3,334/s (1M in 5 min)' },
    ];
  } finally {
    await database.query('DELETE FROM scoring.score_checks WHERE subject_id = ANY($1::char(12)[])', [bins]).catch(() => undefined);
    await database.query('DELETE FROM scoring.final_scores WHERE subject_id = ANY($1::char(12)[])', [bins]).catch(() => undefined);
    await database.query('DELETE FROM scoring.preliminary_indexes WHERE source_topic = $1', [BENCH_TOPIC]).catch(() => undefined);
    await app.close();
  }
}

if (require.main === module) {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { printRows } = require('./bench-support') as typeof import('./bench-support');
  runScoringBench(log).then((rows) => { printRows(rows); process.exit(0); }, (error: unknown) => {
    process.stderr.write(`scoring bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
