import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { INestApplication } from '@nestjs/common';
import {
  AvroPublisher, AvroRegistry, DLQ_HEADERS, HubConfig, KAFKA_PRODUCER, Topics, deadLetterName, physicalName, projectRoot, valueSubject,
} from '@hub/platform';
import {
  ListSnapshot, WatchlistEntryRecord, WatchlistRepository, WatchlistScreening, parseUnConsolidatedList, publishWatchlistSnapshots,
} from '@hub/screening';
import { header, inspectDatabase, readTopic, testConfig, waitFor } from '@hub/test-support';
import { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../libs/screening/test/fixtures', name), 'utf8');

/**
 * The fixtures' dateGenerated, moved to this run's clock: the shared database may hold the same
 * entry ids from earlier runs, and a record only replaces a stored one when it is newer.
 */
function snapshotAt(name: string, at: Date): ListSnapshot {
  return parseUnConsolidatedList(fixture(name).replace(/dateGenerated="[^"]+"/, `dateGenerated="${at.toISOString()}"`));
}

describe('watchlists feed, end to end: publish the UN list through the real broker, ingest, screen', () => {
  let config: HubConfig;
  let app: INestApplication;
  let kafka: Kafka;
  let registry: AvroRegistry;
  let producer: Producer;
  let screening: WatchlistScreening;
  let topic: string;
  // Later than any earlier run's snapshots (the second one too), and within the rules' clock skew.
  const first = new Date();
  const second = new Date(first.getTime() + 1000);

  beforeAll(async () => {
    config = testConfig();
    app = await startHub(config);
    kafka = app.get(Kafka);
    registry = app.get(AvroRegistry);
    producer = app.get(KAFKA_PRODUCER);
    screening = app.get(WatchlistScreening);
    topic = physicalName(config.TOPIC_PREFIX, Topics.watchlists.name);
  });

  afterAll(async () => {
    await app?.close();
  });

  const publish = (snapshot: ListSnapshot) => publishWatchlistSnapshots({ kafka, registry, publisher: app.get(AvroPublisher), topicPrefix: config.TOPIC_PREFIX }, [snapshot]);
  const storedRow = async (entryId: string) =>
    (await inspectDatabase().query<{ delisted: boolean; list_version: string }>('SELECT delisted, list_version FROM screening.watchlist_entries WHERE entry_id = $1', [entryId]))[0];

  it('ingests the UN list and screens a transliterated, misspelt name to its entry with the features that matched', async () => {
    const [report] = await publish(snapshotAt('un-consolidated.xml', first));
    expect(report).toMatchObject({ list: 'UN_SC', published: 6, delisted: [], problems: [] });
    await waitFor(async () => (await storedRow('UN_SC:920002'))?.list_version === first.toISOString(), 'the UN entries stored');

    // Cyrillic, Russian spelling of the Kazakh letters, one letter wrong in the family name.
    const subject = { kind: 'PERSON' as const, name: 'Жанболат Серикулы Мухамеджанофф', birthDate: '1979-04-03', country: 'KZ' };
    const result = await waitFor(async () => { const r = await screening.screen(subject); return r.hits.length > 0 && r; }, 'a hit');
    expect(result.configVersion).toBe('2026.1');
    expect(result.listVersions.UN_SC).toBeDefined();
    // The screening store is shared with other test runs and the demo lists (entries 810xxx name the
    // same people): look for this fixture's entry among the hits.
    const hit = result.hits.find((h) => h.entryId === 'UN_SC:910001')!;
    expect(hit).toMatchObject({ list: 'UN_SC', entryId: 'UN_SC:910001', referenceNumber: 'QDi.901', kind: 'PERSON' });
    expect(hit.score).toBeGreaterThanOrEqual(0.7);
    expect(hit.features.map((f) => f.name)).toEqual(['name_jaro_winkler', 'dob_match']);
    expect(hit.features[0].detail).toMatch(/muhamejanof~muhamejanov/);

    // Another instance (a fresh index over the same schema) finds the same entry from the table.
    const other = new WatchlistScreening(app.get(WatchlistRepository));
    expect((await other.screen(subject)).hits.find((h) => h.entryId === 'UN_SC:910001')).toMatchObject({ score: hit.score });
  });

  it('dead-letters an invalid list record with its reason and keeps consuming', async () => {
    const schemaId = await registry.latestId(valueSubject(topic));
    const valid = snapshotAt('un-consolidated.xml', first).entries[0];
    const badIin: WatchlistEntryRecord = {
      ...valid, list: 'KZ_AFM', entryId: 'KZ_AFM:1-850312390009', identifiers: [{ type: 'IIN', value: '850312390009', country: 'KZ' }],
    };
    const badBytes = await registry.encode(schemaId, badIin);
    const keyMismatch = await registry.encode(schemaId, valid);
    await producer.send({ topic, acks: -1, messages: [{ key: badIin.entryId, value: badBytes }, { key: 'UN_SC:1', value: keyMismatch }] });
    const letters = await readTopic(kafka, deadLetterName(topic), 2);
    const byCode: Record<string, KafkaMessage> = Object.fromEntries(letters.map((m) => [header(m, DLQ_HEADERS.code) ?? '', m]));
    expect(Object.keys(byCode).sort()).toEqual(['IDENTIFIER_INVALID', 'KEY_MISMATCH']);
    expect(byCode.IDENTIFIER_INVALID.value).toEqual(badBytes);
    expect(header(byCode.IDENTIFIER_INVALID, DLQ_HEADERS.reason)).toMatch(/IIN/);
    expect(header(byCode.KEY_MISMATCH, DLQ_HEADERS.topic)).toBe(topic);
    expect(await storedRow('KZ_AFM:1-850312390009')).toBeUndefined();
  });

  it('de-lists an entry a newer snapshot no longer holds: it never hits again', async () => {
    const subject = { kind: 'PERSON' as const, name: 'Qahirullah' };
    const ids = async (q: Parameters<WatchlistScreening['screen']>[0]) => (await screening.screen(q)).hits.map((h) => h.entryId);
    expect(await ids(subject)).toContain('UN_SC:910003');
    const [report] = await publish(snapshotAt('un-consolidated-next.xml', second));
    expect(report).toMatchObject({ published: 5, delisted: ['UN_SC:910003'] });
    await waitFor(async () => (await storedRow('UN_SC:910003'))?.delisted === true, 'the de-listing stored');
    expect((await storedRow('UN_SC:910003')).list_version).toBe(second.toISOString());
    const after = await screening.screen(subject);
    expect(after.hits.map((h) => h.entryId)).not.toContain('UN_SC:910003');
    expect(after.listVersions.UN_SC >= second.toISOString()).toBe(true);
    // Still listed entries keep hitting at the new version.
    expect(await ids({ kind: 'PERSON', name: 'Iurii Khoroshev' })).toContain('UN_SC:910002');
  });

  it('publishes the AFM lists with the built tool (npm run watchlists:publish) and screens a Latin spelling of a Cyrillic name', async () => {
    const tool = path.join(projectRoot(), 'dist/tools/watchlists-publish.js');
    const fixtures = path.join(projectRoot(), 'libs/screening/test/fixtures');
    const { stdout } = await promisify(execFile)(process.execPath, [
      tool, '--afm', path.join(fixtures, 'afm-category-1.xml'), '--afm2', path.join(fixtures, 'afm-category-2.xml'), '--afm-date', new Date().toISOString(),
    ], { env: { ...process.env, TOPIC_PREFIX: config.TOPIC_PREFIX, LOG_LEVEL: 'warn' }, timeout: 120_000 });
    expect(stdout).toMatch(/KZ_AFM .*: 4 entries published, 0 de-listed/);
    expect(stdout).toMatch(/skipped \(no id\): NAME_MISSING/);
    // ЖАНБУЛАТОВ ЕРЛАН КАЙРАТОВИЧ on the list; the old MVD spelling, Dzh for Ж, given name first.
    const subject = { kind: 'PERSON' as const, name: 'Yerlan Dzhanbulatov', birthDate: '1985-03-12' };
    // The screening store is the database's, shared with earlier runs and the demo's own AFM excerpt
    // (the same person under another entry id): pick this fixture's entry among the hits.
    const mine = (r: { hits: Array<{ entryId: string }> }, entryId: string) => r.hits.find((h) => h.entryId === entryId);
    const result = await waitFor(async () => { const r = await screening.screen(subject); return mine(r, 'KZ_AFM:1-850312390008') && r; }, 'an AFM hit');
    const hit = mine(result, 'KZ_AFM:1-850312390008') as (typeof result.hits)[number];
    expect(hit).toMatchObject({ list: 'KZ_AFM', entryId: 'KZ_AFM:1-850312390008', matchedName: 'ЖАНБУЛАТОВ ЕРЛАН КАЙРАТОВИЧ' });
    expect(hit.features.map((f) => f.name)).toEqual(['name_jaro_winkler', 'dob_match']);
    expect(result.listVersions.KZ_AFM).toBeDefined();
    const participant = await waitFor(async () => {
      const r = await screening.screen({ kind: 'PERSON', name: 'Dauren Mukhamedzhanov', identifiers: ['990215390009'] });
      return mine(r, 'KZ_AFM:2-990215390009') && r;
    }, 'the category-2 participant');
    expect(mine(participant, 'KZ_AFM:2-990215390009')).toMatchObject({ entryId: 'KZ_AFM:2-990215390009' });
    expect(mine(participant, 'KZ_AFM:2-990215390009') as (typeof participant.hits)[number]).toMatchObject({ features: expect.arrayContaining([expect.objectContaining({ name: 'identifier_match' })]) });
  });
});
