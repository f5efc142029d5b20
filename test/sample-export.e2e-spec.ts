import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { AlgorithmRegistry } from '@hub/algorithms';
import { seededRandom } from '@hub/identity';
import { PreliminaryIndexer } from '@hub/perimeter';
import { AvroRegistry, Database, HubConfig, KAFKA_PRODUCER, OWNER_ROLE, Stores, physicalName, projectRoot, roleUrl, runtimeRoles, valueSubject } from '@hub/platform';
import { SampleListRepository } from '@hub/source-tax';
import { FEED_GENERATORS, GeneratedRecord, REGIONS, SyntheticEntity, entityFeedRecords, outcomeLine } from '@hub/synthetic';
import { testBin, testConfig, testIin, waitFor, inspectDatabase } from '@hub/test-support';
import { Producer } from 'kafkajs';
import { PERIMETERS, PERIMETER_NAMES } from '../apps/perimeter/src/perimeter-app.module';
import { startHub } from '../apps/hub/src/hub.app';
import { SampleManifest, exportSample } from '../tools/sampling/export-sample';

const now = new Date();
const random = seededRandom(Date.now() % 2_147_483_647);
const tag = `t${Date.now().toString(36)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const SOURCE_FILES = PERIMETER_NAMES.map((p) => `${p}.jsonl`);

/** Legal entities with heads and founders (a person and a parent company), and entrepreneurs; every name unmistakable. */
function entity(i: number): SyntheticEntity {
  const region = REGIONS[i % REGIONS.length];
  const base = {
    region, okedPrimary: '46900', sizeClass: (i % 2) as 0 | 1,
    risk: { fictitiousInvoicing: 0.6, insolvency: 0.5, paymentDefault: 0.6 },
    outcomes: { pseudoEnterprise: i % 2 === 0, bankrupt: i % 3 === 0, paymentDefault: i % 2 === 1 },
  };
  if (i % 3 === 2) {
    const iin = testIin(random, new Date(Date.UTC(1980 + i, i % 12, 3)), 'male');
    const head = { iin, fullName: `Zhaksylykov${tag}${i} Ruslan` };
    return { ...base, id: iin, kind: 'INDIVIDUAL_ENTREPRENEUR', registeredOn: new Date(Date.UTC(2015, i % 12, 10)), head, name: `IE ${head.fullName}` };
  }
  const registeredOn = new Date(Date.UTC(2019, i % 12, 5));
  const head = { iin: testIin(random, new Date(Date.UTC(1975, i % 12, 7)), 'female'), fullName: `Headova${tag}${i} Aigerim` };
  return {
    ...base, id: testBin(random, { year: 2019, month: 1 + (i % 12) }), kind: 'LEGAL_ENTITY', registeredOn, legalForm: 'LLP', name: `Sampleco${tag}${i} Trade`, head,
    founders: [
      { kind: 'PERSON', iin: testIin(random, new Date(Date.UTC(1970, i % 12, 9)), 'male'), fullName: `Founderov${tag}${i} Nurlan`, sharePercent: 60 },
      { kind: 'LEGAL_ENTITY', bin: testBin(random, { year: 2005, month: 1 + (i % 12) }), name: `Parentco${tag}${i}`, sharePercent: 40 },
    ],
  };
}

/** Every string in a record that names or locates someone: ids, names, addresses, case numbers, KATO codes. */
function identifyingStrings(e: SyntheticEntity, records: readonly GeneratedRecord[]): string[] {
  const out = [e.id, e.name ?? '', e.head?.iin ?? '', e.head?.fullName ?? ''];
  for (const f of e.founders ?? []) out.push(...(f.kind === 'PERSON' ? [f.iin, f.fullName] : [f.bin, f.name]));
  const fields = ['bin', 'id', 'partyId', 'supplierBin', 'supplierName', 'nameKk', 'nameRu', 'nameEn', 'shortNameRu', 'headFullName', 'address', 'katoCode', 'regionKato', 'caseNumber', 'court'];
  for (const r of records) {
    const value = r.value as Record<string, unknown>;
    for (const f of fields) if (typeof value[f] === 'string') out.push(value[f]);
  }
  return [...new Set(out.filter((s) => s.length >= 6))];
}

const lines = (file: string): Array<Record<string, unknown>> =>
  readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('depersonalized samples (BPR §21): random ids from the tax side, every source exports under them only', () => {
  let config: HubConfig;
  let app: INestApplication;
  let taxDb: Database;
  let list: SampleListRepository;
  let sources: Array<{ indexer: PreliminaryIndexer; registry: AlgorithmRegistry }>;
  const entities = Array.from({ length: 9 }, (_, i) => entity(i));
  const ids = entities.map((e) => e.id);
  const records = new Map(entities.map((e) => [e.id, entityFeedRecords(e, FEED_GENERATORS, 7, now)]));
  const secrets = [...new Set(entities.flatMap((e) => identifyingStrings(e, records.get(e.id)!)))];
  const sampleName = `${tag}-sample`;
  let outDir: string;
  let manifest: SampleManifest;
  let mapping: Map<string, string>;

  /** Fails with the leaked strings' kinds, never prints more than needed to find the culprit. */
  function leaksIn(dir: string): string[] {
    const found: string[] = [];
    for (const file of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const s of secrets) if (text.includes(s)) found.push(`${file}: ${s}`);
      const twelveDigits = text.replace(UUID_ANYWHERE, '').match(/\d{12}/g);
      if (twelveDigits) found.push(...twelveDigits.map((d) => `${file}: 12-digit number ${d}`));
    }
    return found;
  }

  beforeAll(async () => {
    config = testConfig();
    app = await startHub(config);
    const producer = app.get<Producer>(KAFKA_PRODUCER);
    const registry = app.get(AvroRegistry);
    const byTopic = new Map<string, GeneratedRecord[]>();
    for (const r of [...records.values()].flat()) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    for (const [topic, recs] of byTopic) {
      const physical = physicalName(config.TOPIC_PREFIX, topic);
      const schemaId = await registry.latestId(valueSubject(physical));
      await producer.send({ topic: physical, acks: -1, messages: await Promise.all(recs.map(async (r) => ({ key: r.key, value: await registry.encode(schemaId, r.value) }))) });
    }
    sources = PERIMETER_NAMES.map((p) => ({ indexer: app.get(PERIMETERS[p].indexer, { strict: false }), registry: app.get(AlgorithmRegistry, { strict: false }) }));
    // Every source holds each subject it was sent records about before anything is drawn.
    for (const p of PERIMETER_NAMES) {
      const topics = new Set(PERIMETERS[p].topics.map((t) => t.name));
      const expected = ids.filter((id) => records.get(id)!.some((r) => topics.has(r.topic)));
      const indexer = sources[PERIMETER_NAMES.indexOf(p)].indexer;
      await waitFor(async () => (await indexer.features(expected, now)).length === expected.length, `${p} holding ${expected.length} test subjects`, 60_000);
    }
    taxDb = new Database(roleUrl(config, Stores.tax.role), 2);
    list = new SampleListRepository(taxDb);

    const outcomesFile = path.join(mkdtempSync(path.join(tmpdir(), 'outcomes-')), 'hidden-outcomes.jsonl');
    writeFileSync(outcomesFile, `${entities.map(outcomeLine).join('\n')}\n`);
    outDir = path.join(mkdtempSync(path.join(tmpdir(), 'sample-')), 'out');
    // Drawn among the test's own subjects: the shared database holds other taxpayers too. One is left out.
    manifest = await exportSample({ list, sources, draw: { name: sampleName, size: ids.length - 1, among: ids }, outDir, now, outcomesFile, batchSize: 4 });
    const rows = await taxDb.query<{ subject_id: string; sample_id: string }>('SELECT subject_id, sample_id FROM src_tax.sample_subjects WHERE sample_name = $1', [sampleName]);
    mapping = new Map(rows.map((r) => [r.subject_id, r.sample_id]));
  }, 180_000);

  afterAll(async () => {
    await taxDb?.query('DELETE FROM src_tax.sample_subjects WHERE sample_name LIKE $1', [`${tag}%`]);
    await taxDb?.close();
    await app?.close();
  });

  it('draws the requested number of subjects on the tax side and keeps the mapping there', () => {
    expect(manifest.size).toBe(ids.length - 1);
    expect(mapping.size).toBe(ids.length - 1);
    for (const subject of mapping.keys()) expect(ids).toContain(subject);
    for (const sampleId of mapping.values()) expect(sampleId).toMatch(UUID);
    expect(new Set(mapping.values()).size).toBe(mapping.size);
  });

  it('writes one file per source, keyed by sample ids only, in the agreed shape', () => {
    expect(readdirSync(outDir).sort()).toEqual([...SOURCE_FILES, 'manifest.json', 'outcomes.jsonl'].sort());
    const sampleIds = new Set(mapping.values());
    for (const p of PERIMETER_NAMES) {
      const rows = lines(path.join(outDir, `${p}.jsonl`));
      expect(manifest.rows[p]).toBe(rows.length);
      // Every source sent records about the test subjects, so no shape check below passes on an empty file.
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(['sampleId', 'source', 'window', 'features', 'indexes']);
        expect(row.sampleId).toMatch(UUID);
        expect(sampleIds.has(row.sampleId as string)).toBe(true);
        expect(row.source).toBe(PERIMETERS[p].source);
        // A window may start at the subject's own date (registration): only its month leaves.
        expect(new Date((row.window as { from: number }).from * 86_400_000).getUTCDate()).toBe(1);
        for (const v of Object.values(row.features as Record<string, unknown>)) expect(typeof v).toBe('number');
        const indexes = row.indexes as Record<string, Record<string, unknown>>;
        expect(Object.keys(indexes).sort()).toEqual([...sources[PERIMETER_NAMES.indexOf(p)].indexer.kinds].sort());
        for (const i of Object.values(indexes)) {
          expect(Object.keys(i)).toEqual(['riskValue', 'category', 'algorithm', 'algorithmVersion']);
          expect(['LOW', 'MEDIUM', 'HIGH']).toContain(i.category);
        }
      }
      expect(new Set(rows.map((r) => r.sampleId)).size).toBe(rows.length);
    }
    // The tax authority holds every drawn subject; the justice registry every drawn legal entity.
    expect(manifest.rows.tax).toBe(mapping.size);
    expect(manifest.rows.justice).toBe([...mapping.keys()].filter((id) => entities.find((e) => e.id === id)!.kind === 'LEGAL_ENTITY').length);
    expect(manifest.algorithms.TAX).toEqual({
      CONSCIENTIOUSNESS: expect.stringMatching(/^tax\.conscientiousness@\d{4}\.\d+$/), FINANCIAL_STABILITY: expect.stringMatching(/^tax\.financial-stability@/),
      PAYMENT_DISCIPLINE: expect.stringMatching(/^tax\.payment-discipline@/),
    });
  });

  it('lets no BIN, IIN, name, address, case number or any 12-digit number out', () => {
    expect(secrets.length).toBeGreaterThan(ids.length * 4);
    expect(leaksIn(outDir)).toEqual([]);
    // The scan sees what it looks for: the records the sources were sent would fail it on every count.
    const control = mkdtempSync(path.join(tmpdir(), 'sample-control-'));
    writeFileSync(path.join(control, 'raw.jsonl'), JSON.stringify([...records.values()].flat().map((r) => r.value)));
    const found = leaksIn(control);
    for (const id of ids) expect(found).toContain(`raw.jsonl: ${id}`);
    expect(found.some((f) => f.includes(': Sampleco'))).toBe(true);
    expect(found.some((f) => f.includes('12-digit number'))).toBe(true);
  });

  it('re-keys the hidden outcomes through the mapping: an outcome of subject X sits under X\'s sample id, without the risk', () => {
    const rows = lines(path.join(outDir, 'outcomes.jsonl'));
    expect(rows.length).toBe(mapping.size);
    expect(manifest.outcomes).toBe(mapping.size);
    const bySample = new Map([...mapping].map(([subject, sampleId]) => [sampleId, entities.find((e) => e.id === subject)!]));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['sampleId', 'pseudoEnterprise', 'bankrupt', 'paymentDefault']);
      const e = bySample.get(row.sampleId as string)!;
      expect(e).toBeDefined();
      expect(row).toEqual({ sampleId: row.sampleId, ...e.outcomes });
    }
    // Both values of each outcome occur, so a constant could not pass for a correct re-keying.
    expect(new Set(rows.map((r) => r.pseudoEnterprise)).size).toBe(2);
    expect(new Set(rows.map((r) => r.bankrupt)).size).toBe(2);
  });

  it('keeps the mapping readable by hub_tax alone: every other role, the owner included, is refused', async () => {
    const db = inspectDatabase();
    const grantees = await db.query<{ grantee: string }>(
      "SELECT DISTINCT grantee FROM information_schema.role_table_grants WHERE table_schema = 'src_tax' AND table_name = 'sample_subjects'");
    expect(grantees.map((g) => g.grantee)).toEqual(['hub_tax']);
    const others = [OWNER_ROLE, ...runtimeRoles().filter((r) => r !== Stores.tax.role)];
    expect(others.length).toBeGreaterThan(5);
    for (const role of others) {
      const other = new Database(roleUrl(config, role), 1);
      try {
        await expect(other.query('SELECT sample_id FROM src_tax.sample_subjects WHERE sample_name = $1', [sampleName])).rejects.toThrow(/permission denied/);
      } finally {
        await other.close();
      }
    }
    expect((await taxDb.query('SELECT 1 FROM src_tax.sample_subjects WHERE sample_name = $1', [sampleName])).length).toBeGreaterThan(0);
  });

  it('reproduces a seeded draw with fresh random ids, and refuses to redraw a name', async () => {
    const a = await list.draw({ name: `${tag}-seeded-a`, size: 3, seed: 'calibration-2026', among: ids });
    const b = await list.draw({ name: `${tag}-seeded-b`, size: 3, seed: 'calibration-2026', among: ids });
    expect(b.members.map((m) => m.subjectId)).toEqual(a.members.map((m) => m.subjectId));
    expect(new Set([...a.members, ...b.members].map((m) => m.sampleId)).size).toBe(6);
    await expect(list.draw({ name: `${tag}-seeded-a`, size: 3, among: ids })).rejects.toThrow(/already drawn/);
  });

  it('npm run sample:export writes the same kind of directory from the built tool', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sample-cli-')), 'out');
    const name = `${tag}-cli`;
    const tool = path.join(projectRoot(), 'dist/tools/sample-export.js');
    expect(existsSync(tool)).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [tool, '--size', '2', '--out', dir, '--name', name, '--now', now.toISOString()], { env: process.env, timeout: 120_000 });
    expect(JSON.parse(stdout.trim())).toMatchObject({ name, size: 2, rows: { tax: 2 }, outcomes: null, out: dir });
    expect(readdirSync(dir).sort()).toEqual([...SOURCE_FILES, 'manifest.json'].sort());
    const drawn = await taxDb.query<{ subject_id: string; sample_id: string }>('SELECT subject_id, sample_id FROM src_tax.sample_subjects WHERE sample_name = $1', [name]);
    expect(drawn.length).toBe(2);
    expect(lines(path.join(dir, 'tax.jsonl')).map((r) => r.sampleId).sort()).toEqual(drawn.map((d) => d.sample_id).sort());
    // Whoever was drawn from the shared table, their ids are not in the directory.
    for (const file of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const d of drawn) expect(text).not.toContain(d.subject_id);
      expect(text.replace(UUID_ANYWHERE, '')).not.toMatch(/\d{12}/);
    }
  }, 150_000);
});
