import { INestApplication } from '@nestjs/common';
import { BinAttribute, BinEntityType, computeCheckDigit, seededRandom } from '@hub/identity';
import { AvroRegistry, DLQ_HEADERS, Database, HubConfig, KAFKA_PRODUCER, Topics, deadLetterName, physicalName, valueSubject } from '@hub/platform';
import type { TaxFactsRecord, TaxFinancialsRecord, TaxListMembershipRecord } from '@hub/source-tax';
import { header, readTopic, testBin, testConfig, waitFor, inspectDatabase } from '@hub/test-support';
import { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const DAY_MS = 86_400_000;
const now = new Date();
const today = Math.floor(now.getTime() / DAY_MS);
const year = now.getUTCFullYear();
// A fresh seed per run: rows left by earlier runs must never satisfy this run's assertions.
const random = seededRandom(Date.now() % 2_147_483_647);
const newBin = () => testBin(random, { year: 2015, month: 1 + Math.floor(random() * 12) }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);

function facts(id: string, overrides: Partial<TaxFactsRecord> = {}): TaxFactsRecord {
  return {
    id, registrationDate: today - 3000, deregistrationDate: null, deregistrationReason: null,
    suspensions: [{ startDate: today - 400, endDate: today - 300 }], residence: 'RESIDENT', taxOfficeCode: '6205', taxOfficeName: 'State Revenue Department of Almaty',
    taxRegime: 'GENERAL', riskAudits: [{ year, half: 1 }], nonFilings: [], insolvencyProceedings: [],
    yearly: [1, 2, 3].map((back) => ({ fiscalYear: year - back, taxBurdenCoefficient: 0.07, taxesPaidTiyn: 1_000_000_00 * back })),
    riskCategory: 'LOW', taxDebtTiyn: 0, taxDebtAsOf: today - 1, liquidationAuditApplicationDate: null, sanctions: [], nonResidentRegistration: null,
    eventTime: now.getTime() - 60_000, ...overrides,
  };
}

function financials(id: string, fiscalYear: number, overrides: Partial<TaxFinancialsRecord> = {}): TaxFinancialsRecord {
  return {
    id, fiscalYear, authorizedCapital: 100_000_00, totalCapital: 5_000_000_00, totalAssets: 20_000_000_00, totalLiabilities: 15_000_000_00,
    fixedAssets: 3_000_000_00, taxesByType: [{ typeCode: '101101', amount: 900_000_00 }], annualIncome: 50_000_000_00, taxableIncome: 4_000_000_00,
    totalDeductions: 46_000_000_00, corporateIncomeTax: 800_000_00, valueAddedTax: 1_200_000_00, vatRefund: 0, propertyTax: 45_000_00, transportTax: 30_000_00,
    staffCount: 12, payrollDeductions: [{ kind: 'SOCIAL_TAX', amount: 400_000_00 }], eventTime: now.getTime() - 60_000, ...overrides,
  };
}

function listEntry(id: string, overrides: Partial<TaxListMembershipRecord> = {}): TaxListMembershipRecord {
  return { id, list: 'TAX_DEBTOR', includedOn: today - 100, excludedOn: null, basis: 'Order No. 17', eventTime: now.getTime() - 60_000, ...overrides };
}

describe('tax feeds, end to end through the real broker, registry and PostgreSQL', () => {
  let config: HubConfig;
  let app: INestApplication;
  let producer: Producer;
  let registry: AvroRegistry;
  let kafka: Kafka;
  let db: Database;
  const topic = { facts: '', financials: '', lists: '' };
  const schema = { facts: 0, financials: 0, lists: 0 };

  beforeAll(async () => {
    config = testConfig();
    app = await startHub(config);
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    kafka = app.get(Kafka);
    db = inspectDatabase();
    topic.facts = physicalName(config.TOPIC_PREFIX, Topics.taxFacts.name);
    topic.financials = physicalName(config.TOPIC_PREFIX, Topics.taxFinancials.name);
    topic.lists = physicalName(config.TOPIC_PREFIX, Topics.taxLists.name);
    for (const k of ['facts', 'financials', 'lists'] as const) schema[k] = await registry.latestId(valueSubject(topic[k]));
  });

  afterAll(async () => {
    await app?.close();
  });

  const send = async (feed: keyof typeof topic, messages: Array<{ key: string; value: Buffer }>) => producer.send({ topic: topic[feed], acks: -1, messages });
  const encode = (feed: keyof typeof topic, value: unknown) => registry.encode(schema[feed], value);

  it('dead-letters at least one record per validation rule with its reason code, original bytes and position', async () => {
    const bin = newBin();
    const factsCases: Array<[string, string, TaxFactsRecord]> = [
      ['ID_FORMAT', '12345', facts('12345')],
      ['ID_CHECK_DIGIT', bin.slice(0, 11) + ((Number(bin[11]) + 1) % 10).toString(), facts(bin.slice(0, 11) + ((Number(bin[11]) + 1) % 10).toString())],
      ['KEY_MISMATCH', newBin(), facts(bin)],
      ['REQUIRED_FIELD', bin, facts(bin, { taxOfficeName: '  ' })],
      ['DATE_IN_FUTURE', bin, facts(bin, { registrationDate: today + 2 })],
      ['DATE_ORDER', bin, facts(bin, { deregistrationDate: today - 4000, deregistrationReason: 'LIQUIDATION' })],
      ['DATE_ORDER', bin, facts(bin, { suspensions: [{ startDate: today - 10, endDate: today - 20 }] })],
      ['DEREGISTRATION_INCOMPLETE', bin, facts(bin, { deregistrationDate: today - 5 })],
      ['TAX_OFFICE_FORMAT', bin, facts(bin, { taxOfficeCode: '62A5' })],
      ['ENUM_VALUE', bin, facts(bin, { riskAudits: [{ year, half: 3 }] })],
      ['NEGATIVE_AMOUNT', bin, facts(bin, { taxDebtTiyn: -1 })],
      ['AMOUNT_NOT_FINITE', bin, facts(bin, { yearly: [{ fiscalYear: year - 1, taxBurdenCoefficient: Number.NaN, taxesPaidTiyn: 1 }] })],
      ['DUPLICATE_FISCAL_YEAR', bin, facts(bin, { yearly: [{ fiscalYear: year - 1, taxBurdenCoefficient: 0.1, taxesPaidTiyn: 1 }, { fiscalYear: year - 1, taxBurdenCoefficient: 0.1, taxesPaidTiyn: 2 }] })],
      ['FISCAL_YEAR_IN_FUTURE', bin, facts(bin, { yearly: [{ fiscalYear: year + 1, taxBurdenCoefficient: 0.1, taxesPaidTiyn: 1 }] })],
    ];
    // 12 digits with a correct check digit that are neither kind: month 13 for a BIN, day 45 for an IIN.
    const badStructure = (() => {
      for (let serial = 10_000; ; serial++) {
        const check = computeCheckDigit(`991345${serial}`);
        if (check !== null) return `991345${serial}${check}`;
      }
    })();
    factsCases.push(['ID_STRUCTURE', badStructure, facts(badStructure)]);
    const financialsCases: Array<[string, string, TaxFinancialsRecord]> = [
      ['FISCAL_YEAR_NOT_CLOSED', bin, financials(bin, year)],
      ['FISCAL_YEAR_OUTSIDE_WINDOW', bin, financials(bin, year - 4)],
      ['BUDGET_CODE_FORMAT', bin, financials(bin, year - 1, { taxesByType: [{ typeCode: '1011', amount: 1 }] })],
      ['NEGATIVE_AMOUNT', bin, financials(bin, year - 1, { vatRefund: -5 })],
      ['DATE_IN_FUTURE', bin, financials(bin, year - 1, { eventTime: now.getTime() + DAY_MS })],
    ];
    const listCases: Array<[string, string, TaxListMembershipRecord]> = [
      ['DATE_ORDER', bin, listEntry(bin, { excludedOn: today - 200 })],
      ['DATE_IN_FUTURE', bin, listEntry(bin, { includedOn: today + 1 })],
    ];
    const expected = new Map<string, string>();
    const encodeAll = async <T>(feed: keyof typeof topic, cases: Array<[string, string, T]>) =>
      Promise.all(cases.map(async ([code, key, value]) => {
        const bytes = await encode(feed, value);
        expected.set(bytes.toString('base64'), code);
        return { key, value: bytes };
      }));
    // A list record whose enum index is out of range: Avro itself refuses it.
    const badEnum = Buffer.from(await encode('lists', listEntry(bin)));
    badEnum[5 + 1 + 12] = 2 * 40;
    expected.set(badEnum.toString('base64'), 'AVRO_MALFORMED');
    const validAfter = newBin();

    // The valid record sent on the same key after the bad ones proves the partition never stalls.
    await send('facts', [...await encodeAll('facts', factsCases), { key: bin, value: await encode('facts', facts(bin)) }, { key: validAfter, value: await encode('facts', facts(validAfter)) }]);
    await send('financials', await encodeAll('financials', financialsCases));
    await send('lists', [...await encodeAll('lists', listCases), { key: bin, value: badEnum }]);

    const letters: KafkaMessage[] = [
      ...await readTopic(kafka, deadLetterName(topic.facts), factsCases.length),
      ...await readTopic(kafka, deadLetterName(topic.financials), financialsCases.length),
      ...await readTopic(kafka, deadLetterName(topic.lists), listCases.length + 1),
    ];
    const seen = letters.map((m) => [expected.get(m.value?.toString('base64') ?? ''), header(m, DLQ_HEADERS.code)]);
    for (const [want, got] of seen) expect(got).toBe(want);
    expect(new Set(seen.map(([, got]) => got))).toEqual(new Set(expected.values()));
    for (const m of letters) {
      expect(header(m, DLQ_HEADERS.offset)).toMatch(/^\d+$/);
      expect(Number(header(m, DLQ_HEADERS.partition))).toBeGreaterThanOrEqual(0);
      expect(header(m, DLQ_HEADERS.reason)?.length).toBeGreaterThan(5);
    }
    await waitFor(async () => (await db.query('SELECT 1 FROM src_tax.facts WHERE id = $1', [validAfter])).length === 1, 'valid facts after the bad ones');
  });

  const factsRow = async (id: string) =>
    (await db.query<{ xmin: string; tax_office_name: string; event_time: Date }>('SELECT xmin::text, tax_office_name, event_time FROM src_tax.facts WHERE id = $1', [id]))[0];
  const yearly = async (id: string) =>
    db.query<{ fiscal_year: number; taxes_paid_tiyn: string }>('SELECT fiscal_year, taxes_paid_tiyn FROM src_tax.yearly_facts WHERE id = $1 ORDER BY fiscal_year', [id]);

  it('changes nothing when the same facts, financials and list records are delivered again', async () => {
    const bin = newBin();
    const f = await encode('facts', facts(bin));
    const fin = await encode('financials', financials(bin, year - 1));
    const l = await encode('lists', listEntry(bin));
    await send('facts', [{ key: bin, value: f }]);
    await send('financials', [{ key: bin, value: fin }]);
    await send('lists', [{ key: bin, value: l }]);
    // The public tables are read as the superuser here; the financials row through the count only.
    const snapshot = async () => ({
      facts: await factsRow(bin),
      yearly: await db.query('SELECT xmin::text, * FROM src_tax.yearly_facts WHERE id = $1 ORDER BY fiscal_year', [bin]),
      lists: await db.query('SELECT xmin::text, * FROM src_tax.list_memberships WHERE id = $1', [bin]),
      financials: await db.query('SELECT xmin::text, fiscal_year FROM src_tax.financials WHERE id = $1', [bin]),
    });
    const first = await waitFor(async () => { const s = await snapshot(); return s.facts && s.lists.length === 1 && s.financials.length === 1 && s; }, 'first delivery');
    await send('facts', [{ key: bin, value: f }, { key: bin, value: f }]);
    await send('financials', [{ key: bin, value: fin }, { key: bin, value: fin }]);
    await send('lists', [{ key: bin, value: l }, { key: bin, value: l }]);
    // Markers on the same keys (partitions), older than what is stored, prove the redeliveries were processed.
    await send('facts', [{ key: bin, value: await encode('facts', facts(bin, { taxOfficeName: 'marker', eventTime: now.getTime() - 120_000 })) }]);
    await send('lists', [{ key: bin, value: await encode('lists', listEntry(bin, { basis: 'marker', eventTime: now.getTime() - 120_000 })) }]);
    await send('financials', [{ key: bin, value: await encode('financials', financials(bin, year - 1, { eventTime: now.getTime() - 120_000 })) }]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await snapshot()).toEqual(first);
  });

  it('resolves out-of-order facts by event time and keeps each fiscal year by its own event time', async () => {
    const bin = newBin();
    const newer = facts(bin, { taxOfficeName: 'Newer office', eventTime: now.getTime() - 10_000 });
    const older = facts(bin, { taxOfficeName: 'Older office', eventTime: now.getTime() - 20_000 });
    await send('facts', [{ key: bin, value: await encode('facts', newer) }, { key: bin, value: await encode('facts', older) }]);
    await waitFor(() => factsRow(bin), 'facts row');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await factsRow(bin)).tax_office_name).toBe('Newer office');

    // A later snapshot carrying only last year updates that year and leaves the two before it alone.
    const latest = facts(bin, { taxOfficeName: 'Latest office', yearly: [{ fiscalYear: year - 1, taxBurdenCoefficient: 0.09, taxesPaidTiyn: 777 }], eventTime: now.getTime() - 5_000 });
    await send('facts', [{ key: bin, value: await encode('facts', latest) }]);
    await waitFor(async () => (await factsRow(bin)).tax_office_name === 'Latest office', 'latest facts applied');
    expect((await yearly(bin)).map((y) => [y.fiscal_year, Number(y.taxes_paid_tiyn)])).toEqual([
      [year - 3, 300_000_000], [year - 2, 200_000_000], [year - 1, 777],
    ]);
  });

  it('keeps financials per fiscal year, the latest by event time, three years at most', async () => {
    const bin = newBin();
    const rows = () => db.query<{ fiscal_year: number; n: string }>('SELECT fiscal_year, count(*) AS n FROM src_tax.financials WHERE id = $1 GROUP BY 1 ORDER BY 1', [bin]);
    const marker = (fy: number, t: number, staffCount: number) => encode('financials', financials(bin, fy, { staffCount, eventTime: now.getTime() - t }));
    await send('financials', [
      { key: bin, value: await marker(year - 1, 10_000, 20) },
      { key: bin, value: await marker(year - 1, 20_000, 10) },
      { key: bin, value: await marker(year - 2, 20_000, 7) },
      { key: bin, value: await marker(year - 3, 20_000, 5) },
    ]);
    await waitFor(async () => (await rows()).length === 3, 'three fiscal years');
    const staff = await db.query<{ fiscal_year: number; staff_count: number }>('SELECT fiscal_year, staff_count FROM src_tax.financials WHERE id = $1 ORDER BY 1', [bin]);
    expect(staff.map((s) => [s.fiscal_year, s.staff_count])).toEqual([[year - 3, 5], [year - 2, 7], [year - 1, 20]]);
  });

  it('keeps list memberships per list and inclusion date; an exclusion with a later event time closes one', async () => {
    const bin = newBin();
    const memberships = () => db.query<{ list: string; excluded_on: string | null }>(
      "SELECT list, to_char(excluded_on, 'YYYY-MM-DD') AS excluded_on FROM src_tax.list_memberships WHERE id = $1 ORDER BY list", [bin]);
    await send('lists', [
      { key: bin, value: await encode('lists', listEntry(bin, { list: 'TAX_DEBTOR', excludedOn: today - 10, eventTime: now.getTime() - 1000 })) },
      { key: bin, value: await encode('lists', listEntry(bin, { list: 'TAX_DEBTOR', eventTime: now.getTime() - 5000 })) },
      { key: bin, value: await encode('lists', listEntry(bin, { list: 'PSEUDO_ENTERPRISE', includedOn: today - 50 })) },
    ]);
    await waitFor(async () => (await memberships()).length === 2, 'two memberships');
    expect(await memberships()).toEqual([
      { list: 'PSEUDO_ENTERPRISE', excluded_on: null },
      { list: 'TAX_DEBTOR', excluded_on: new Date((today - 10) * DAY_MS).toISOString().slice(0, 10) },
    ]);
  });
});
