import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { BinAttribute, BinEntityType, seededRandom } from '@hub/identity';
import { AvroRegistry, Database, HubConfig, KAFKA_ADMIN, KAFKA_PRODUCER, OWNER_ROLE, Stores, Topics, deadLetterName, physicalName, roleUrl, runtimeRoles, valueSubject } from '@hub/platform';
import type { LegalEntityRegistrationRecord } from '@hub/source-justice';
import type { TaxFactsRecord, TaxFinancialsRecord, TaxListMembershipRecord } from '@hub/source-tax';
import { syntheticLegalEntity } from '@hub/synthetic';
import { getJson, loginCookie, registerSection, testBin, testConfig, waitFor, inspectDatabase } from '@hub/test-support';
import { Admin, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const DAY_MS = 86_400_000;
const now = new Date();
const today = Math.floor(now.getTime() / DAY_MS);
const year = now.getUTCFullYear();
const random = seededRandom(Date.now() % 1_000_000);

/** Confidential field names come from the schema itself, so a field added there is checked here too. */
const financialsSchema = JSON.parse(readFileSync(path.join(__dirname, '../schemas/tax/tax-financials.v1.avsc'), 'utf8')) as { fields: Array<{ name: string }> };
const CONFIDENTIAL_FIELDS = financialsSchema.fields.map((f) => f.name).filter((n) => !['id', 'fiscalYear', 'eventTime'].includes(n));
const normalize = (name: string) => name.replace(/_/g, '').toLowerCase();
const looksConfidential = (name: string) => CONFIDENTIAL_FIELDS.some((c) => normalize(name).includes(normalize(c)));

/** A 13-15 digit amount in tiyn that nothing else in the run could produce by chance. */
const distinctive = () => 1_000_000_000_000 + Math.floor(random() * 900_000_000_000_000);

/** Avro's zigzag varint of a long: how the value sits inside another Avro record's bytes. */
function avroLong(value: number): Buffer {
  let n = BigInt(value) >= 0n ? BigInt(value) * 2n : -BigInt(value) * 2n - 1n;
  const out: number[] = [];
  do {
    let byte = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) byte |= 0x80;
    out.push(byte);
  } while (n > 0n);
  return Buffer.from(out);
}

/** Every way a confidential amount could show up: Avro binary, tiyn digits, tenge digits. */
const patterns = (values: number[]): Buffer[] =>
  values.flatMap((v) => [avroLong(v), Buffer.from(String(v)), Buffer.from(String(v / 100))]);

function collectKeys(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectKeys(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { into.push(k); collectKeys(v, into); }
  }
  return into;
}

async function readWholeTopic(kafka: Kafka, admin: Admin, topic: string): Promise<KafkaMessage[]> {
  const ends = await admin.fetchTopicOffsets(topic);
  const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  if (remaining.size === 0) return [];
  const consumer = kafka.consumer({ groupId: `scan-${Math.floor(random() * 1e9)}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        messages.push(message);
        if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
      },
    });
    await waitFor(async () => remaining.size === 0, `all of ${topic}`);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

const messageBytes = (m: KafkaMessage): Buffer =>
  Buffer.concat([m.key ?? Buffer.alloc(0), m.value ?? Buffer.alloc(0), ...Object.values(m.headers ?? {}).map((h) => Buffer.from(String(h)))]);

describe('confidentiality by construction: tax financials stay inside the tax perimeter', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let cookie: string;
  let producer: Producer;
  let registry: AvroRegistry;
  let kafka: Kafka;
  let admin: Admin;
  let db: Database;
  const bin = testBin(random, { year: 2018, month: 3 }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);
  let secretValues: number[];

  const produce = async (logical: string, key: string, value: unknown) => {
    const topic = physicalName(config.TOPIC_PREFIX, logical);
    const id = await registry.latestId(valueSubject(topic));
    await producer.send({ topic, acks: -1, messages: [{ key, value: await registry.encode(id, value) }] });
  };

  beforeAll(async () => {
    config = testConfig();
    app = await startHub(config);
    base = await app.getUrl();
    cookie = await loginCookie(base);
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    kafka = app.get(Kafka);
    admin = app.get(KAFKA_ADMIN);
    db = inspectDatabase();

    const financials = (fiscalYear: number): TaxFinancialsRecord => {
      const record: TaxFinancialsRecord = {
        id: bin, fiscalYear, authorizedCapital: distinctive(), totalCapital: distinctive(), totalAssets: distinctive(), totalLiabilities: distinctive(),
        fixedAssets: distinctive(), taxesByType: [{ typeCode: '101101', amount: distinctive() }], annualIncome: distinctive(), taxableIncome: distinctive(),
        totalDeductions: distinctive(), corporateIncomeTax: distinctive(), valueAddedTax: distinctive(), vatRefund: distinctive(), propertyTax: distinctive(),
        transportTax: distinctive(), staffCount: 1_000_000 + Math.floor(random() * 1_000_000_000), payrollDeductions: [{ kind: 'SOCIAL_TAX', amount: distinctive() }],
        eventTime: now.getTime() - 60_000,
      };
      return record;
    };
    // Three years in the window, and one the perimeter refuses (it goes to the financials' own dead-letter topic).
    const records = [financials(year - 1), financials(year - 2), financials(year - 3), financials(year)];
    secretValues = records.flatMap((r) => [
      r.authorizedCapital, r.totalCapital, r.totalAssets, r.totalLiabilities, r.fixedAssets, r.annualIncome, r.taxableIncome, r.totalDeductions,
      r.corporateIncomeTax, r.valueAddedTax, r.vatRefund, r.propertyTax, r.transportTax, r.staffCount,
      ...r.taxesByType.map((t) => t.amount), ...r.payrollDeductions.map((d) => d.amount),
    ]);
    for (const r of records) await produce(Topics.taxFinancials.name, bin, r);

    const registration: LegalEntityRegistrationRecord = { ...syntheticLegalEntity(random, now), bin };
    const facts: TaxFactsRecord = {
      id: bin, registrationDate: today - 2000, deregistrationDate: null, deregistrationReason: null, suspensions: [], residence: 'RESIDENT',
      taxOfficeCode: '6205', taxOfficeName: 'State Revenue Department of Almaty', taxRegime: 'GENERAL', riskAudits: [], nonFilings: [],
      insolvencyProceedings: [], yearly: [{ fiscalYear: year - 1, taxBurdenCoefficient: 0.061, taxesPaidTiyn: 123_456_00 }], riskCategory: 'MEDIUM',
      taxDebtTiyn: 0, taxDebtAsOf: today - 1, liquidationAuditApplicationDate: null, sanctions: [], nonResidentRegistration: null, eventTime: now.getTime() - 60_000,
    };
    const listed: TaxListMembershipRecord = { id: bin, list: 'ABSENT_AT_LEGAL_ADDRESS', includedOn: today - 30, excludedOn: null, basis: null, eventTime: now.getTime() - 60_000 };
    await produce(Topics.justiceLegalEntities.name, bin, registration);
    await produce(Topics.taxFacts.name, bin, facts);
    await produce(Topics.taxLists.name, bin, listed);

    const hubTax = new Database(roleUrl(config, Stores.tax.role), 1);
    try {
      await waitFor(async () => Number((await hubTax.query<{ n: string }>('SELECT count(*) AS n FROM src_tax.financials WHERE id = $1', [bin]))[0].n) === 3, 'financials stored');
    } finally {
      await hubTax.close();
    }
    await waitFor(async () => (await getJson(`${base}/entities/${bin}`, cookie)).status === 200, 'the register profile');
    await waitFor(async () => (await db.query('SELECT 1 FROM src_tax.list_memberships WHERE id = $1', [bin])).length > 0, 'tax lists stored');
    await waitFor(async () => (await db.query('SELECT 1 FROM src_tax.facts WHERE id = $1', [bin])).length > 0, 'tax facts stored');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('GET /entities/:bin carries no confidential field name or value', async () => {
    const { status, body } = await getJson(`${base}/entities/${bin}`, cookie);
    expect(status).toBe(200);
    // The tax section is really in the profile, so the checks below cannot pass by its absence.
    expect(body).toHaveProperty('tax.taxOffice.code', '6205');
    expect(body).toHaveProperty('tax.lists.0.list', 'ABSENT_AT_LEGAL_ADDRESS');
    const text = JSON.stringify(body);
    expect(collectKeys(body).filter(looksConfidential)).toEqual([]);
    for (const v of secretValues) {
      expect(text).not.toContain(String(v));
      expect(text).not.toContain(String(v / 100));
    }
  });

  it('the register\'s tax section shows public facts and list memberships, and nothing confidential', async () => {
    const tax = await registerSection(app, bin, 'tax', (v) => v.lists.length > 0);
    expect(tax).toMatchObject({
      taxOffice: { code: '6205' }, riskCategory: 'MEDIUM', yearly: [{ fiscalYear: year - 1, taxBurdenCoefficient: 0.061, taxesPaidKzt: 123_456 }],
      lists: [{ list: 'ABSENT_AT_LEGAL_ADDRESS', current: true, excludedOn: null }],
    });
    expect(collectKeys(tax).filter(looksConfidential)).toEqual([]);
    const text = JSON.stringify(tax);
    for (const v of secretValues) expect(text).not.toContain(String(v));
  });

  it('no column outside src_tax is named like a confidential field', async () => {
    const columns = await db.query<{ table_schema: string; table_name: string; column_name: string }>(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
       WHERE table_schema NOT IN ('src_tax', 'pg_catalog', 'information_schema')`);
    expect(columns.length).toBeGreaterThan(0);
    expect(columns.filter((c) => looksConfidential(c.column_name)).map((c) => `${c.table_schema}.${c.table_name}.${c.column_name}`)).toEqual([]);
    // The scan itself must be able to see a confidential column: it does, inside src_tax.
    const inside = await db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_schema = 'src_tax' AND table_name = 'financials'");
    expect(inside.filter((c) => looksConfidential(c.column_name)).length).toBe(CONFIDENTIAL_FIELDS.length);
  });

  it('only hub_tax may read the financials: every other role is refused, the migration owner included', async () => {
    const grantees = await db.query<{ grantee: string }>(
      "SELECT DISTINCT grantee FROM information_schema.role_table_grants WHERE table_schema = 'src_tax' AND table_name = 'financials'");
    expect(grantees.map((g) => g.grantee)).toEqual(['hub_tax']);
    // The owner is the migration role, which runs no service and gave up its own privileges on the secrets.
    const owner = (await db.query<{ tableowner: string }>("SELECT tableowner FROM pg_tables WHERE schemaname = 'src_tax' AND tablename = 'financials'"))[0].tableowner;
    expect(owner).toBe(OWNER_ROLE);
    const roles = await db.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcanlogin: boolean }>(
      'SELECT rolname, rolsuper, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname', [[OWNER_ROLE, ...runtimeRoles()]]);
    expect(roles.length).toBe(1 + runtimeRoles().length);
    expect(roles.filter((r) => r.rolsuper || r.rolcreaterole || !r.rolcanlogin)).toEqual([]);

    const hubTax = new Database(roleUrl(config, Stores.tax.role), 1);
    try {
      expect((await hubTax.query('SELECT fiscal_year FROM src_tax.financials WHERE id = $1', [bin])).length).toBe(3);
    } finally {
      await hubTax.close();
    }
    for (const role of [OWNER_ROLE, ...runtimeRoles().filter((r) => r !== Stores.tax.role)]) {
      const other = new Database(roleUrl(config, role), 1);
      try {
        await expect(other.query('SELECT * FROM src_tax.financials LIMIT 1')).rejects.toThrow(/permission denied/);
        await expect(other.query('SELECT annual_income FROM src_tax.financials WHERE id = $1', [bin])).rejects.toThrow(/permission denied/);
        if (role !== OWNER_ROLE) {
          // The public projection too: other modules read it from the topics, never from src_tax.
          await expect(other.query('SELECT tax_office_code FROM src_tax.facts WHERE id = $1', [bin])).rejects.toThrow(/permission denied/);
        }
      } finally {
        await other.close();
      }
    }
  });

  it('no topic but the financials feed and its dead-letter twin carries a confidential value', async () => {
    const financialsTopic = physicalName(config.TOPIC_PREFIX, Topics.taxFinancials.name);
    const allowed = new Set([financialsTopic, deadLetterName(financialsTopic)]);
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(config.TOPIC_PREFIX));
    expect(topics.length).toBeGreaterThan(allowed.size);
    const needles = patterns(secretValues);
    const leaks: string[] = [];
    let scanned = 0;
    for (const topic of topics.filter((t) => !allowed.has(t))) {
      for (const m of await readWholeTopic(kafka, admin, topic)) {
        scanned++;
        const bytes = messageBytes(m);
        if (needles.some((n) => bytes.includes(n))) leaks.push(`${topic}@${m.offset}`);
      }
    }
    expect(scanned).toBeGreaterThanOrEqual(3);
    expect(leaks).toEqual([]);
    // bpr.facts.v1 was among the scanned topics and carries this subject's tax facts: the public columns only.
    const factsTopic = physicalName(config.TOPIC_PREFIX, Topics.publicFacts.name);
    expect(topics).toContain(factsTopic);
    const taxFacts = (await readWholeTopic(kafka, admin, factsTopic)).filter((m) => m.key?.toString() === bin);
    const decoded = await Promise.all(taxFacts.map(async (m) => await registry.decode(m.value) as { kind: string; facts: string }));
    const kinds = decoded.map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['REGISTRATION', 'TAX_FACTS', 'TAX_LIST_MEMBERSHIP']));
    for (const d of decoded) expect(collectKeys(JSON.parse(d.facts)).filter(looksConfidential)).toEqual([]);
    // The same scan does find the values where they are allowed to be, so a leak could not go unseen.
    const own = await readWholeTopic(kafka, admin, financialsTopic);
    expect(own.filter((m) => needles.some((n) => messageBytes(m).includes(n))).length).toBe(4);
    const letters = await waitFor(async () => { const l = await readWholeTopic(kafka, admin, deadLetterName(financialsTopic)); return l.length > 0 && l; }, 'the refused year');
    expect(letters.every((m) => needles.some((n) => messageBytes(m).includes(n)))).toBe(true);
  });
});
