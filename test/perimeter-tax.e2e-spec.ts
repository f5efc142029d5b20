import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import type { BprPreliminaryIndex } from '@hub/contracts';
import { BinAttribute, BinEntityType, seededRandom } from '@hub/identity';
import { AvroRegistry, HubConfig, KAFKA_PRODUCER, Topics, physicalName, projectRoot, valueSubject } from '@hub/platform';
import { TAX_CONFIDENTIAL_FEATURES } from '@hub/source-tax';
import type { TaxFactsRecord, TaxFinancialsRecord, TaxListMembershipRecord } from '@hub/source-tax';
import { testBin, testConfig, waitFor } from '@hub/test-support';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const DAY_MS = 86_400_000;
const now = new Date();
const today = Math.floor(now.getTime() / DAY_MS);
const year = now.getUTCFullYear();
const random = seededRandom(Date.now() % 2_147_483_647);
const newBin = () => testBin(random, { year: 2016, month: 1 + Math.floor(random() * 12) }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);

// Distinctive confidential figures: if any of them shows up outside the perimeter, it leaked.
const SECRET = {
  authorizedCapital: 31_415_926_53, totalCapital: 27_182_818_28, totalAssets: 98_765_432_109, totalLiabilities: 71_582_613_81,
  fixedAssets: 16_180_339_88, annualIncome: 123_456_789_012, taxableIncome: 11_235_813_21, totalDeductions: 112_221_975_791,
  corporateIncomeTax: 2_246_913_57, valueAddedTax: 4_815_162_342, vatRefund: 1_357_924_68, propertyTax: 24_271_828, transportTax: 3_141_593,
  staffCount: 4_217, taxAmount: 6_543_210_987, payrollAmount: 5_432_198_765,
};

function facts(id: string): TaxFactsRecord {
  return {
    id, registrationDate: today - 3000, deregistrationDate: null, deregistrationReason: null, suspensions: [], residence: 'RESIDENT',
    taxOfficeCode: '6205', taxOfficeName: 'State Revenue Department of Almaty', taxRegime: 'GENERAL', riskAudits: [], nonFilings: [], insolvencyProceedings: [],
    yearly: [1, 2, 3].map((back) => ({ fiscalYear: year - back, taxBurdenCoefficient: 0.06, taxesPaidTiyn: SECRET.taxAmount })),
    riskCategory: 'LOW', taxDebtTiyn: 0, taxDebtAsOf: today - 1, liquidationAuditApplicationDate: null, sanctions: [], nonResidentRegistration: null,
    eventTime: now.getTime() - 60_000,
  };
}

function financials(id: string, fiscalYear: number): TaxFinancialsRecord {
  const { taxAmount, payrollAmount, ...figures } = SECRET;
  return {
    id, fiscalYear, ...figures, taxesByType: [{ typeCode: '101101', amount: taxAmount }],
    payrollDeductions: [{ kind: 'SOCIAL_TAX', amount: payrollAmount }], eventTime: now.getTime() - 60_000,
  };
}

const listEntry = (id: string): TaxListMembershipRecord =>
  ({ id, list: 'PSEUDO_ENTERPRISE', includedOn: today - 10, excludedOn: null, basis: 'Order No. 4711', eventTime: now.getTime() - 30_000 });

/** Avro's zigzag varint of a long: how a figure would sit in the bytes if a record carried it. */
function zigzag(value: number): Buffer {
  let n = BigInt(value) >= 0n ? BigInt(value) * 2n : -BigInt(value) * 2n - 1n;
  const bytes: number[] = [];
  do {
    let b = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) b |= 0x80;
    bytes.push(b);
  } while (n > 0n);
  return Buffer.from(bytes);
}

describe('preliminary indexes computed inside the tax perimeter', () => {
  let config: HubConfig;
  let app: INestApplication;
  let producer: Producer;
  let registry: AvroRegistry;
  let consumer: Consumer;
  const received: Array<{ key: string; raw: Buffer; value: BprPreliminaryIndex }> = [];
  const bin = newBin();

  beforeAll(async () => {
    config = testConfig();
    app = await startHub(config);
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    consumer = app.get(Kafka).consumer({ groupId: `${config.KAFKA_GROUP_ID}-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: physicalName(config.TOPIC_PREFIX, Topics.preliminaryIndexes.name), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({ key: message.key?.toString() ?? '', raw: message.value!, value: (await registry.decode(message.value)) as BprPreliminaryIndex });
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await app?.close();
  });

  const send = async (spec: { name: string }, key: string, value: unknown) => {
    const topic = physicalName(config.TOPIC_PREFIX, spec.name);
    const schemaId = await registry.latestId(valueSubject(topic));
    await producer.send({ topic, acks: -1, messages: [{ key, value: await registry.encode(schemaId, value) }] });
  };
  const latest = (kind: BprPreliminaryIndex['indexKind']) => received.filter((r) => r.value.subjectId === bin && r.value.indexKind === kind).at(-1)?.value;

  it('publishes all three tax indexes, keyed by BIN, from the financials and facts, with version, window and category', async () => {
    await send(Topics.taxFacts, bin, facts(bin));
    for (const back of [1, 2, 3]) await send(Topics.taxFinancials, bin, financials(bin, year - back));
    // The last financials batch sees the facts and all three years.
    const withFinancials = await waitFor(async () => {
      const c = latest('CONSCIENTIOUSNESS');
      return c && c.factors.some((f) => TAX_CONFIDENTIAL_FEATURES.has(f.code)) && latest('FINANCIAL_STABILITY')?.factors.some((f) => f.code === 'LEVERAGE') ? c : undefined;
    }, 'tax indexes computed from the financials');
    for (const kind of ['CONSCIENTIOUSNESS', 'FINANCIAL_STABILITY', 'PAYMENT_DISCIPLINE'] as const) {
      const index = latest(kind)!;
      expect(index).toMatchObject({
        subjectId: bin, source: 'TAX', indexKind: kind, algorithm: `tax.${kind.toLowerCase().replace(/_/g, '-')}`,
        algorithmVersion: new AlgorithmRegistry(path.join(projectRoot(), 'algorithms')).inForce(`tax.${kind.toLowerCase().replace(/_/g, '-')}`).version,
        windowFrom: Math.floor(Date.UTC(year - 3, 0, 1) / DAY_MS), windowTo: today,
      });
      expect(index.riskValue).toBeGreaterThanOrEqual(0);
      expect(index.riskValue).toBeLessThanOrEqual(1);
      expect(['LOW', 'MEDIUM', 'HIGH']).toContain(index.category);
      expect(Math.abs(index.computedAt - Date.now())).toBeLessThan(120_000);
      for (const f of index.factors) expect(f.explanation.length).toBeGreaterThan(5);
    }
    expect(received.filter((r) => r.value.subjectId === bin).every((r) => r.key === bin)).toBe(true);

    // A pseudo-enterprise listing moves the conscientiousness index up, to HIGH.
    await send(Topics.taxLists, bin, listEntry(bin));
    const listed = await waitFor(async () => {
      const c = latest('CONSCIENTIOUSNESS');
      return c?.factors.some((f) => f.code === 'PSEUDO_ENTERPRISE_LISTED') ? c : undefined;
    }, 'conscientiousness recomputed after the listing');
    expect(listed.riskValue).toBeGreaterThan(withFinancials.riskValue);
    expect(listed.category).toBe('HIGH');
    expect(listed.factors[0].code).toBe('PSEUDO_ENTERPRISE_LISTED');
  });

  it('lets no confidential field name or value out on the preliminary-index topic', async () => {
    await waitFor(async () => received.some((r) => r.value.subjectId === bin), 'preliminary indexes of the test BIN');
    const schema = JSON.parse(readFileSync(path.join(projectRoot(), 'schemas/tax/tax-financials.v1.avsc'), 'utf8')) as { fields: Array<{ name: string; type: unknown }> };
    const names = new Set<string>();
    const collect = (fields: Array<{ name: string; type: unknown }>) => {
      for (const f of fields) {
        names.add(f.name);
        const t = f.type as { items?: { fields?: Array<{ name: string; type: unknown }> } };
        if (t?.items?.fields) collect(t.items.fields);
      }
    };
    collect(schema.fields);
    // Identity and bookkeeping fields are not secrets; everything else in the schema is.
    for (const common of ['id', 'fiscalYear', 'eventTime']) names.delete(common);
    expect(names.size).toBeGreaterThan(15);
    const values = Object.values(SECRET);
    for (const r of received) {
      const text = `${r.key} ${JSON.stringify(r.value)} ${r.raw.toString('latin1')}`;
      for (const name of names) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
      for (const v of values) {
        // As a number of its own: staff count 4217 is also the digits of a risk value 0.421794.
        expect(text).not.toMatch(new RegExp(`(?<![0-9.])${v}(?![0-9])`));
        if (v > 1_000_000) expect(r.raw.includes(zigzag(v))).toBe(false);
      }
    }
  });
});
