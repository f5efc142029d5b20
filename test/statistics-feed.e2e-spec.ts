import { randomBytes } from 'node:crypto';
import { BinAttribute, BinEntityType, seededRandom } from '@hub/identity';
import { Topics, deadLetterName } from '@hub/platform';
import { StatisticalEntityRecord, StatisticsRejection } from '@hub/source-statistics';
import { expectDeadLetterCodes, testBin, testIin, registerSection, registerSectionNow, validCheckDigitImpossibleStructure, waitFor, inspectDatabase, FeedHub } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';

describe('statistics feed (BPR §24.4), end to end through the real broker, registry and PostgreSQL', () => {
  const feed = new FeedHub<StatisticalEntityRecord>(Topics.statisticsEntities, startHub);
  const { encode, send } = feed;
  // The database outlives a run: a fresh seed keeps ids from colliding with earlier runs.
  const random = seededRandom(Date.now() % 2_147_483_647);
  const now = new Date();

  const newBin = () => testBin(random, { year: 2015, month: 1 + Math.floor(random() * 12) }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);
  const valid = (id = newBin()): StatisticalEntityRecord => ({
    id,
    katoCode: '751000000',
    okedPrimary: '62010',
    okedPrimaryName: 'Computer programming activities',
    okedSecondary: [{ code: '62020', name: 'Computer consultancy activities' }],
    sizeClassCode: '105',
    sizeClassName: 'Small enterprises (<= 5)',
    eventTime: now.getTime() - 3_600_000,
  });
  const row = async (id: string) =>
    (await inspectDatabase().query<{ xmin: string; oked_primary: string; size_class_code: string; event_time: Date; updated_at: Date }>(
      'SELECT xmin::text, oked_primary, size_class_code, event_time, updated_at FROM src_stat.entities WHERE id = $1', [id]))[0];
  /** Resolves once `value` is on the dead-letter topic: everything before it on its partition was processed. */
  const awaitDeadLetter = async (value: Buffer): Promise<void> => {
    const consumer = feed.kafka.consumer({ groupId: `marker-${randomBytes(4).toString('hex')}` });
    let seen = false;
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: deadLetterName(feed.topic), fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => { if (message.value?.equals(value)) seen = true; } });
      await waitFor(async () => seen, 'marker dead letter');
    } finally {
      await consumer.disconnect();
    }
  };

  it('dead-letters one record per validation rule with its reason code and original bytes, and keeps consuming', async () => {
    const wrongCheckDigit = valid();
    wrongCheckDigit.id = wrongCheckDigit.id.slice(0, 11) + ((Number(wrongCheckDigit.id[11]) + 1) % 10).toString();
    const cases: Array<[StatisticsRejection, StatisticalEntityRecord, string?]> = [
      [StatisticsRejection.ID_FORMAT, { ...valid(), id: '12345' }],
      [StatisticsRejection.ID_CHECK_DIGIT, wrongCheckDigit],
      [StatisticsRejection.ID_STRUCTURE, { ...valid(), id: validCheckDigitImpossibleStructure() }],
      [StatisticsRejection.KEY_MISMATCH, valid(), newBin()],
      [StatisticsRejection.REQUIRED_FIELD_MISSING, { ...valid(), okedPrimaryName: '  ' }],
      [StatisticsRejection.KATO_FORMAT, { ...valid(), katoCode: '7510000' }],
      [StatisticsRejection.OKED_FORMAT, { ...valid(), okedPrimary: '62.01.0' }],
      [StatisticsRejection.OKED_SECONDARY_FORMAT, { ...valid(), okedSecondary: [{ code: '6202', name: 'Consultancy' }] }],
      [StatisticsRejection.OKED_SECONDARY_DUPLICATE, { ...valid(), okedSecondary: [{ code: '62010', name: 'Computer programming activities' }] }],
      [StatisticsRejection.SIZE_CLASS_FORMAT, { ...valid(), sizeClassCode: 'S1' }],
      [StatisticsRejection.DATE_IN_FUTURE, { ...valid(), eventTime: now.getTime() + 86_400_000 }],
    ];
    // Every reason code the rules define is exercised here.
    expect(new Set(cases.map(([code]) => code))).toEqual(new Set(Object.values(StatisticsRejection)));
    const expected = new Map<string, string>();
    const messages = [];
    for (const [code, record, key] of cases) {
      const value = await encode(record);
      expected.set(value.toString('hex'), code);
      messages.push({ key: key ?? record.id, value });
    }
    const after = valid();
    await send(messages);
    await send([{ key: after.id, value: await encode(after) }]);

    await expectDeadLetterCodes(feed.kafka, feed.topic, expected);
    await waitFor(() => row(after.id), 'the valid record sent after the bad ones');
    for (const [, record] of cases.slice(4)) expect(await row(record.id)).toBeUndefined();
  });

  it('stores a valid entry with secondary activities and an IIN-keyed entrepreneur, and serves the public section', async () => {
    const iin = testIin(random, new Date(Date.UTC(1985, 4, 17)), 'female');
    const entrepreneur = { ...valid(iin), okedPrimary: '96020', okedPrimaryName: 'Hairdressing', okedSecondary: [] };
    const company = { ...valid(), okedSecondary: [{ code: '62020', name: 'Consultancy' }, { code: '63110', name: 'Data processing' }] };
    await send([{ key: iin, value: await encode(entrepreneur) }, { key: company.id, value: await encode(company) }]);
    await waitFor(async () => (await row(iin)) && (await row(company.id)), 'both rows');
    // What a user reads: the register's section, built from the facts this perimeter published.
    expect(await registerSection(feed.app, company.id, 'statistics')).toEqual({
      katoCode: '751000000',
      okedPrimary: { code: '62010', name: 'Computer programming activities' },
      okedSecondary: [{ code: '62020', name: 'Consultancy' }, { code: '63110', name: 'Data processing' }],
      sizeClass: { code: '105', name: 'Small enterprises (<= 5)' },
      asOf: new Date(company.eventTime).toISOString(),
    });
    expect(await registerSection(feed.app, iin, 'statistics')).toMatchObject({ okedPrimary: { code: '96020' }, okedSecondary: [] });
    // A subject no one ever wrote: registered in 1998, before any synthetic or test population (a
    // random 2015 BIN once met a row an earlier run had left in the shared database).
    const unknown = testBin(random, { year: 1998, month: 1 });
    expect(await registerSectionNow(feed.app, unknown, 'statistics')).toBeNull();
  });

  it('changes nothing when the same record is delivered again', async () => {
    const record = valid();
    const bytes = await encode(record);
    await send([{ key: record.id, value: bytes }]);
    const first = await waitFor(() => row(record.id), 'first delivery');
    // A bad record on the same key (same partition) behind the redeliveries: once its dead letter
    // is out, the redeliveries before it have been processed.
    const marker = await encode({ ...record, katoCode: 'marker' });
    await send([{ key: record.id, value: bytes }, { key: record.id, value: bytes }, { key: record.id, value: marker }]);
    await awaitDeadLetter(marker);
    expect(await row(record.id)).toEqual(first);
  });

  it('keeps the latest state by event time when records arrive out of order', async () => {
    const newer = { ...valid(), sizeClassCode: '110', sizeClassName: 'Small enterprises (6-10)' };
    const older = { ...newer, sizeClassCode: '105', eventTime: newer.eventTime - 60_000 };
    // Older after newer, in the same batch and again in a later one.
    await send([{ key: newer.id, value: await encode(newer) }, { key: newer.id, value: await encode(older) }]);
    await waitFor(() => row(newer.id), 'row');
    const marker = await encode({ ...older, katoCode: 'marker-2' });
    await send([{ key: newer.id, value: await encode({ ...older, okedPrimary: '01110' }) }, { key: newer.id, value: marker }]);
    await awaitDeadLetter(marker);
    expect(await row(newer.id)).toMatchObject({ oked_primary: '62010', size_class_code: '110' });
    const newest = { ...newer, okedPrimary: '47111', eventTime: newer.eventTime + 60_000 };
    await send([{ key: newer.id, value: await encode(newest) }]);
    const stored = await waitFor(async () => { const r = await row(newer.id); return r?.oked_primary === '47111' && r; }, 'newest applied');
    expect(stored.size_class_code).toBe('110');
    expect(stored.event_time.getTime()).toBe(newest.eventTime);
  });
});
