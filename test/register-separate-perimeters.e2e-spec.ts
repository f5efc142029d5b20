import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import type { CivilCaseAct, StatisticalEntity, UtilityArrears } from '@hub/contracts';
import { seededRandom } from '@hub/identity';
import { AvroRegistry, Database, HubConfig, KAFKA_PRODUCER, Stores, Topics, physicalName, roleUrl, valueSubject } from '@hub/platform';
import { RegisterReader, SearchPage } from '@hub/register';
import type { LegalEntityRegistrationRecord } from '@hub/source-justice';
import type { TaxFactsRecord, TaxListMembershipRecord } from '@hub/source-tax';
import { syntheticLegalEntity } from '@hub/synthetic';
import { getJson, loginCookie, inspectDatabase, testBin, testConfig, uniqueWord, waitFor } from '@hub/test-support';
import { Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const PERIMETER_MAIN = path.join(__dirname, '..', 'dist', 'apps', 'perimeter', 'src', 'main.js');
const SOURCES = ['justice', 'tax', 'statistics', 'court', 'utility'] as const;
const DAY_MS = 86_400_000;
const now = new Date();
const today = Math.floor(now.getTime() / DAY_MS);
const random = seededRandom(Date.now() % 2_147_483_647);

interface Perimeter { name: string; child: ChildProcess; output: () => string }

function startPerimeterProcess(config: HubConfig, name: string): Perimeter {
  const env = {
    ...process.env, SOURCE: name, TOPIC_PREFIX: config.TOPIC_PREFIX, KAFKA_GROUP_ID: `${config.KAFKA_GROUP_ID}-perimeter-${name}`,
    KAFKA_CLIENT_ID: `${config.KAFKA_CLIENT_ID}-${name}`, HTTP_PORT: '0', LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, ['--max-old-space-size=256', PERIMETER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  return { name, child, output: () => output };
}

/**
 * BPR §14-§15: each source's perimeter runs as its own process (apps/perimeter, as a state body
 * would host it), and the hub runs only the register and scoring. The register sees the sources
 * through bpr.facts.v1 alone: its database role cannot read any src_* schema.
 */
describe('the register beside perimeters that run as separate processes', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let cookie: string;
  let producer: Producer;
  let registry: AvroRegistry;
  const perimeters: Perimeter[] = [];
  const bin = testBin(random);
  const supplier = testBin(random);
  // A name this run alone uses: synthetic names repeat across the shared database's earlier runs.
  const name = uniqueWord(random, 5).cyr;
  const registration: LegalEntityRegistrationRecord = {
    ...syntheticLegalEntity(random, now), bin, status: 'ACTIVE', nameRu: `ТОО «${name}»`, nameKk: `«${name}» ЖШС`, eventTime: now.getTime() - 1000,
  };

  const produce = async (logical: string, key: string, value: unknown) => {
    const topic = physicalName(config.TOPIC_PREFIX, logical);
    const id = await registry.latestId(valueSubject(topic));
    await producer.send({ topic, acks: -1, messages: [{ key, value: await registry.encode(id, value) }] });
  };

  beforeAll(async () => {
    config = testConfig({ HUB_PERIMETERS: 'external' });
    app = await startHub(config);
    base = await app.getUrl();
    cookie = await loginCookie(base);
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    // One at a time, and again when a start lost the race for the database's migration lock
    // (node-pg-migrate refuses rather than waits while another process migrates the shared database).
    for (const name of SOURCES) {
      for (let attempt = 1; ; attempt++) {
        const p = startPerimeterProcess(config, name);
        const state = await waitFor(async () => (p.output().includes('perimeter listening') ? 'up' : p.child.exitCode !== null ? 'exited' : undefined),
          `the ${name} perimeter process`, 90_000);
        if (state === 'up') { perimeters.push(p); break; }
        if (attempt === 5 || !p.output().includes('Another migration is already running')) throw new Error(`the ${name} perimeter did not start: ${p.output().slice(-1500)}`);
      }
    }

    const tax: TaxFactsRecord = {
      id: bin, registrationDate: today - 2000, deregistrationDate: null, deregistrationReason: null, suspensions: [], residence: 'RESIDENT',
      taxOfficeCode: '6205', taxOfficeName: 'State Revenue Department of Almaty', taxRegime: 'GENERAL', riskAudits: [], nonFilings: [],
      insolvencyProceedings: [], yearly: [{ fiscalYear: now.getUTCFullYear() - 1, taxBurdenCoefficient: 0.05, taxesPaidTiyn: 7_000_000_00 }],
      riskCategory: 'LOW', taxDebtTiyn: 12_345_00, taxDebtAsOf: today - 1, liquidationAuditApplicationDate: null, sanctions: [],
      nonResidentRegistration: null, eventTime: now.getTime() - 1000,
    };
    const listed: TaxListMembershipRecord = { id: bin, list: 'TAX_DEBTOR', includedOn: today - 20, excludedOn: null, basis: null, eventTime: now.getTime() - 1000 };
    const stat: StatisticalEntity = {
      id: bin, katoCode: registration.katoCode, okedPrimary: '62010', okedPrimaryName: 'Computer programming', okedSecondary: [],
      sizeClassCode: '110', sizeClassName: 'Small enterprises (<= 5)', eventTime: now.getTime() - 1000,
    };
    const act: CivilCaseAct = {
      partyId: bin, caseNumber: `2-${Math.floor(random() * 1e6)}/2026`, partyRole: 'DEFENDANT', instance: 'FIRST', region: 'Almaty', regionKato: null,
      court: 'Specialized inter-district economic court of Almaty', proceedingKind: 'CLAIM', caseCategory: null, caseRegisteredOn: today - 60,
      actDate: today - 10, actType: 'DECISION', actText: 'The claim is satisfied in full.', outcome: null, claimAmountTiyn: 1_000_000_00, eventTime: now.getTime() - 1000,
    };
    const arrears: UtilityArrears = {
      id: bin, supplierBin: supplier, supplierName: 'Almaty Su', serviceKind: 'WATER', billingPeriod: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7),
      monthsOverdue: 3, amountOwedTiyn: 90_000_00, eventTime: now.getTime() - 1000,
    };
    await produce(Topics.justiceLegalEntities.name, bin, registration);
    await produce(Topics.taxFacts.name, bin, tax);
    await produce(Topics.taxLists.name, bin, listed);
    await produce(Topics.statisticsEntities.name, bin, stat);
    await produce(Topics.courtCivilCases.name, bin, act);
    await produce(Topics.utilityArrears.name, bin, arrears);
  }, 150_000);

  afterAll(async () => {
    await Promise.all(perimeters.map((p) => new Promise<void>((resolve) => {
      if (p.child.exitCode !== null) return resolve();
      p.child.once('exit', () => resolve());
      p.child.kill('SIGTERM');
    })));
    await app?.close();
  });

  it('serves the whole profile from facts the five perimeter processes published', async () => {
    const { body } = await waitFor(async () => {
      const r = await getJson(`${base}/entities/${bin}`, cookie);
      const b = r.body as { sections?: string[]; tax?: { lists?: unknown[] } };
      // Six facts from five processes arrive in any order: the list membership is its own fact.
      return r.status === 200 && (b.sections?.length ?? 0) === 5 && (b.tax?.lists?.length ?? 0) === 1 && r;
    }, 'a profile with all five sections and the tax-list membership', 60_000);
    expect(body).toMatchObject({
      id: bin,
      registration: { nameRu: registration.nameRu, status: 'ACTIVE', founders: [{ kind: 'NATURAL_PERSON', surname: registration.founders![0].surname, sharePercent: 100 }] },
      tax: { taxOffice: { code: '6205' }, taxDebtKzt: 12_345, lists: [{ list: 'TAX_DEBTOR', current: true }] },
      listFlags: { taxDebtor: true, pseudoEnterprise: false },
      statistics: { okedPrimary: { code: '62010' } },
      courtCases: { total: 1, asDefendant: 1 },
      utilityArrears: { nonPaymentCount: 1, outstandingTotalTiyn: 90_000_00 },
    });
    // A natural person's IIN never reaches the public answer.
    expect(JSON.stringify(body)).not.toContain(registration.founders![0].iin!);
  });

  it('gives other domains a typed profile in-process, with founders to screen', async () => {
    const profile = await app.get(RegisterReader).profile(bin);
    expect(profile).toMatchObject({ id: bin, idKind: 'BIN', registration: { legalForm: registration.legalForm, headFullName: registration.headFullName }, lists: { taxDebtor: true } });
    expect(profile!.registration!.founders[0].iin).toBe(registration.founders![0].iin);
  });

  it('finds the entity by name and by BIN', async () => {
    const byName = await getJson(`${base}/api/v1/search?q=${encodeURIComponent(registration.nameRu)}`, cookie) as { body: SearchPage };
    expect(byName.body.results.map((r) => r.id)).toContain(bin);
    const byBin = await getJson(`${base}/api/v1/search?q=${bin}`, cookie) as { body: SearchPage };
    expect(byBin.body.results).toEqual([expect.objectContaining({ id: bin, match: expect.objectContaining({ how: 'EXACT_ID' }) })]);
  });

  it("gives the register's database role no grant on any src_* schema", async () => {
    const db = inspectDatabase();
    const schemas = await db.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'src\\_%' AND has_schema_privilege('hub_register', oid, 'USAGE')");
    expect(schemas).toEqual([]);
    const tables = await db.query<{ t: string }>(
      "SELECT schemaname || '.' || tablename AS t FROM pg_tables WHERE schemaname LIKE 'src\\_%' AND has_table_privilege('hub_register', format('%I.%I', schemaname, tablename), 'SELECT')");
    expect(tables).toEqual([]);
    expect((await db.query("SELECT 1 FROM pg_namespace WHERE nspname LIKE 'src\\_%'")).length).toBeGreaterThan(0);
    const asRegister = new Database(roleUrl(config, Stores.register.role), 1);
    try {
      await expect(asRegister.query('SELECT 1 FROM src_justice.legal_entities LIMIT 1')).rejects.toThrow(/permission denied/);
      expect((await asRegister.query('SELECT 1 FROM register.facts WHERE subject_id = $1', [bin])).length).toBeGreaterThan(0);
    } finally {
      await asRegister.close();
    }
  });
});
