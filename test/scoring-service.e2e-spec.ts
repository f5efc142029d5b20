import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Algorithm, AlgorithmRegistry, nextVersion } from '@hub/algorithms';
import { seededRandom } from '@hub/identity';
import { AvroPublisher, DLQ_HEADERS, HubConfig, Topics, deadLetterName, physicalName, projectRoot } from '@hub/platform';
import { BprPreliminaryIndex, FINAL_INDEXES, ScoresAnswer, ScoringRejection, ScoringService, inputOfDerived } from '@hub/scoring';
import { getJson, header, loginCookie, readTopic, testBin, testConfig, testIin, waitFor } from '@hub/test-support';
import { Kafka } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const DAY_MS = 86_400_000;

describe('final scoring service (BPR §11-§13, §18), end to end through the real broker, registry and PostgreSQL', () => {
  let config: HubConfig;
  let app: INestApplication;
  let publisher: AvroPublisher;
  let scoring: ScoringService;
  let base: string;
  let cookie: string;
  let algorithmsDir: string;
  const random = seededRandom(Date.now() % 2_147_483_647);

  beforeAll(async () => {
    // The service reads its own copy of the final algorithms, so a test can roll out a version.
    algorithmsDir = mkdtempSync(path.join(tmpdir(), 'scoring-algorithms-'));
    for (const name of readdirSync(path.join(projectRoot(), 'algorithms')).filter((n) => n.startsWith('final.'))) {
      cpSync(path.join(projectRoot(), 'algorithms', name), path.join(algorithmsDir, name), { recursive: true });
    }
    config = testConfig({ SCORING_ALGORITHMS_DIR: algorithmsDir });
    app = await startHub(config);
    publisher = app.get(AvroPublisher);
    scoring = app.get(ScoringService);
    base = await app.getUrl();
    cookie = await loginCookie(base);
  });

  afterAll(async () => {
    await app?.close();
  });

  const newBin = () => testBin(random);
  const preliminary = (subjectId: string, over: Partial<BprPreliminaryIndex> = {}): BprPreliminaryIndex => {
    const now = Date.now();
    return {
      subjectId, source: 'TAX', indexKind: 'CONSCIENTIOUSNESS', riskValue: 0.2, category: 'LOW', algorithm: 'tax.conscientiousness',
      algorithmVersion: '2026.1', windowFrom: Math.floor(now / DAY_MS) - 365, windowTo: Math.floor(now / DAY_MS) - 1, computedAt: now - 1000,
      factors: [{ code: 'LOW_TAX_BURDEN', contribution: 0.9, explanation: 'Taxes paid are low for the declared turnover', band: null, direction: null }],
      confidentialInputs: false, ...over,
    };
  };
  const publish = (records: BprPreliminaryIndex[], keys: Array<string | undefined> = []) =>
    publisher.publish(Topics.preliminaryIndexes, records.map((value, i) => ({ key: keys[i] ?? value.subjectId, value })));
  const scores = async (bin: string, asOf?: string) =>
    getJson(`${base}/api/v1/entities/${bin}/scores${asOf === undefined ? '' : `?asOf=${encodeURIComponent(asOf)}`}`, cookie) as Promise<{ status: number; body: ScoresAnswer & { code?: string; message?: string } }>;
  const indexValue = (a: ScoresAnswer, name: string) => a.indexes.find((i) => i.index === name)!;
  /** Waits until the answer for `bin` satisfies `ready`. */
  const scoresWhen = (bin: string, ready: (a: ScoresAnswer) => boolean, what: string) =>
    waitFor(async () => { const r = await scores(bin); return r.status === 200 && ready(r.body) ? r.body : undefined; }, what);

  it('answers the four indexes of §11 from published preliminary indexes, with versions and plain-word factors', async () => {
    const bin = newBin();
    await publish([
      preliminary(bin, { riskValue: 0.95, category: 'HIGH' }),
      preliminary(bin, { source: 'COURT', indexKind: 'PAYMENT_DISCIPLINE', riskValue: 0.3, category: 'MEDIUM', algorithm: 'court.payment-discipline',
        factors: [{ code: 'DEBT_CLAIMS_LOST', contribution: 0.5, explanation: 'Lost debt-collection claims in the last year', band: null, direction: null }] }),
    ]);
    const answer = await scoresWhen(bin, (a) => a.inputs.length === 2, 'both preliminary indexes scored');
    expect(answer.subjectId).toBe(bin);
    expect(answer.indexes.map((i) => i.index)).toEqual(['TAXPAYER_CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE', 'BUSINESS_REPUTATION']);
    for (const index of answer.indexes) {
      expect(index.value).toBeGreaterThan(0);
      expect(index.value).toBeLessThan(1);
      expect(index.algorithmVersion).toBe(new AlgorithmRegistry(algorithmsDir).inForce(index.algorithm).version);
      expect(index.computedAt).toBe(answer.computedAt);
    }
    const conscientiousness = indexValue(answer, 'TAXPAYER_CONSCIENTIOUSNESS');
    expect(conscientiousness).toMatchObject({ algorithm: 'final.conscientiousness', category: 'HIGH' });
    expect(conscientiousness.topFactors.map((f) => f.explanation)).toContain('Taxes paid are low for the declared turnover');
    // The court's payment input and, right after it, its own strongest factor explain payment discipline.
    // No utility report here: the court input may be read as the evidence "without a utility report"
    // too (missing-evidence.ts), the first of the two carries the court's own factor, shown once.
    const payment = indexValue(answer, 'PAYMENT_DISCIPLINE').topFactors.map((f) => f.code);
    const court = payment.findIndex((c) => c === 'COURT_PAYMENT_DISCIPLINE' || c === 'COURT_PAYMENT_DISCIPLINE_WITHOUT_UTILITY_REPORT');
    expect(court).toBeGreaterThanOrEqual(0);
    expect(payment.indexOf('DEBT_CLAIMS_LOST')).toBe(court + 1);
    expect(payment.filter((c) => c === 'DEBT_CLAIMS_LOST')).toHaveLength(1);
    // Only inputs the algorithm in force weighs show as factors, each followed by its perimeter's own.
    const stability = indexValue(answer, 'FINANCIAL_STABILITY');
    const weighed = new AlgorithmRegistry(algorithmsDir).inForce('final.financial-stability').model.features.map((f) => f.code);
    for (const f of stability.topFactors) expect(f.source ? ['LOW_TAX_BURDEN', 'DEBT_CLAIMS_LOST'] : weighed).toContain(f.code);
    expect(stability.topFactors.some((f) => f.code === 'TAX_CONSCIENTIOUSNESS')).toBe(weighed.includes('TAX_CONSCIENTIOUSNESS'));
  });

  it('serves a repeated request from the cache, and a new input changes the answer (the index moves with its driver)', async () => {
    const bin = newBin();
    await publish([preliminary(bin, { riskValue: 0.1, computedAt: Date.now() - 60_000 })]);
    const first = await scoresWhen(bin, () => true, 'the first input scored');
    const hits = scoring.stats.hits;
    const repeated = await scores(bin);
    expect(scoring.stats.hits).toBe(hits + 1);
    expect({ ...repeated.body, computedAt: first.computedAt, indexes: repeated.body.indexes.map((i) => ({ ...i, computedAt: first.computedAt })) }).toEqual(first);

    await publish([preliminary(bin, { riskValue: 0.8, category: 'HIGH' })]);
    const second = await scoresWhen(bin, (a) => a.inputs[0].riskValue === 0.8, 'the newer input in the answer');
    // Every index whose algorithm in force weighs the tax conscientiousness input rises (itself, or
    // again "without a utility report": this firm has none); the others stay put.
    const registry = new AlgorithmRegistry(algorithmsDir);
    const readsIt = (code: string) => code === 'TAX_CONSCIENTIOUSNESS' || inputOfDerived(code) === 'TAX_CONSCIENTIOUSNESS';
    const driven = FINAL_INDEXES.filter(({ algorithm }) => registry.inForce(algorithm).model.features.some((f) => readsIt(f.code) && f.weight > 0));
    expect(driven.map((d) => d.index)).toContain('TAXPAYER_CONSCIENTIOUSNESS');
    expect(driven.length).toBeLessThan(FINAL_INDEXES.length);
    for (const { index } of FINAL_INDEXES) {
      if (driven.some((d) => d.index === index)) expect(indexValue(second, index).value).toBeGreaterThan(indexValue(first, index).value);
      else expect(indexValue(second, index).value).toBe(indexValue(first, index).value);
    }
    const misses = scoring.stats.misses;
    await scores(bin);
    expect(scoring.stats.misses).toBe(misses);

    // Redelivery of a stored value is a no-op: history is append-only and idempotent.
    await publish([preliminary(bin, { riskValue: 0.1, computedAt: first.inputs[0] ? Date.parse(first.inputs[0].computedAt) : 0 })]);
    await publish([preliminary(bin, { source: 'UTILITY', indexKind: 'PAYMENT_DISCIPLINE', riskValue: 0.5, algorithm: 'utility.payment-discipline' })]);
    const third = await scoresWhen(bin, (a) => a.inputs.length === 2, 'the utility input');
    expect(third.inputs.find((i) => i.source === 'TAX')?.riskValue).toBe(0.8);
  });

  it('"as of" a past moment reproduces exactly the answer shown then, after new inputs and a new algorithm version', async () => {
    const bin = newBin();
    await publish([
      preliminary(bin, { riskValue: 0.4, category: 'MEDIUM', computedAt: Date.now() - 120_000 }),
      preliminary(bin, { source: 'STATISTICS', indexKind: 'FINANCIAL_STABILITY', riskValue: 0.6, algorithm: 'statistics.financial-stability' }),
    ]);
    const shown = await scoresWhen(bin, (a) => a.inputs.length === 2, 'both inputs scored');
    const [check] = (await scoring.shown(bin)).filter((c) => c.answer.computedAt === shown.computedAt);
    expect(check.answer).toEqual(shown);

    // Later: a newer input arrives, and a new version of an algorithm comes into force.
    await new Promise((r) => setTimeout(r, 20));
    await publish([preliminary(bin, { riskValue: 0.9, category: 'HIGH' })]);
    const registry = new AlgorithmRegistry(algorithmsDir);
    const current = registry.inForce('final.conscientiousness');
    const version = nextVersion(registry.all('final.conscientiousness').map((a) => a.version), new Date().getUTCFullYear());
    const next: Algorithm = { ...current, version, effectiveFrom: new Date().toISOString(), model: { ...current.model, intercept: current.model.intercept - 1 } };
    writeFileSync(path.join(algorithmsDir, 'final.conscientiousness', `${version}.json`), JSON.stringify(next));
    const now = await scoresWhen(bin, (a) => a.inputs.some((i) => i.riskValue === 0.9) && indexValue(a, 'TAXPAYER_CONSCIENTIOUSNESS').algorithmVersion === version,
      'the new input and the new version in force');
    expect(indexValue(now, 'TAXPAYER_CONSCIENTIOUSNESS').value).not.toBe(indexValue(shown, 'TAXPAYER_CONSCIENTIOUSNESS').value);

    const reproduced = await scores(bin, shown.computedAt);
    expect(reproduced.status).toBe(200);
    expect(reproduced.body).toEqual(check.answer);
    // Before anything arrived there is nothing to show.
    const before = await scores(bin, new Date(Date.parse(shown.inputs[0].computedAt) - 60_000).toISOString());
    expect(before.status).toBe(404);
  });

  it('refuses a bad BIN or asOf with a message, and answers 404 for an entity nothing is known about', async () => {
    const bad = await scores('12345');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/12 digits/);
    const bin = newBin();
    for (const asOf of ['yesterday', '2026-13-45', new Date(Date.now() + DAY_MS).toISOString()]) {
      const r = await scores(bin, asOf);
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/asOf/);
    }
    const unknown = await scores(bin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOTHING_KNOWN');
  });

  it('dead-letters invalid preliminary indexes with their reason codes and keeps consuming', async () => {
    const good = newBin();
    const wrongDigit = newBin();
    const cases: Array<[ScoringRejection, BprPreliminaryIndex, string?]> = [
      [ScoringRejection.ID_CHECK_DIGIT, preliminary(wrongDigit.slice(0, 11) + ((Number(wrongDigit[11]) + 1) % 10))],
      [ScoringRejection.KEY_MISMATCH, preliminary(newBin()), newBin()],
      [ScoringRejection.RISK_VALUE_RANGE, preliminary(newBin(), { riskValue: 1.2 })],
      [ScoringRejection.VERSION_FORMAT, preliminary(newBin(), { algorithmVersion: 'latest' })],
      [ScoringRejection.DATE_IN_FUTURE, preliminary(newBin(), { computedAt: Date.now() + DAY_MS })],
      [ScoringRejection.DATE_ORDER, preliminary(newBin(), { windowFrom: 20_400, windowTo: 20_000 })],
      [ScoringRejection.FACTOR_INVALID, preliminary(testIin(random, new Date('1985-04-12'), 'female'), { factors: [{ code: 'X', contribution: 1, explanation: ' ', band: null, direction: null }] })],
    ];
    await publish(cases.map(([, r]) => r), cases.map(([, , key]) => key));
    await publish([preliminary(good)]);
    const topic = physicalName(config.TOPIC_PREFIX, Topics.preliminaryIndexes.name);
    const letters = await readTopic(app.get(Kafka), deadLetterName(topic), cases.length);
    expect(letters.map((l) => header(l, DLQ_HEADERS.code)).sort()).toEqual(cases.map(([code]) => code).sort());
    await scoresWhen(good, () => true, 'the valid record after the bad ones');
    for (const [, record] of cases) expect((await scores(record.subjectId)).status).not.toBe(200);
  });
});
