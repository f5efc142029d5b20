import { BinAttribute, BinEntityType, generateBin, seededRandom } from '@hub/identity';
import { AvroRegistry, Topics, valueSubject } from '@hub/platform';
import { UtilityArrearsRecord, UtilityArrearsRepository, UtilityRejection, periodOf } from '@hub/source-utility';
import { expectDeadLetterCodes, testBin, testIin, registerSection, registerSectionNow, validCheckDigitImpossibleStructure, waitFor, inspectDatabase, FeedHub } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';

const DAY_MS = 86_400_000;
const monthsBefore = (at: Date, months: number): string => periodOf(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - months, 1)));

describe('utility non-payment feed (BPR §24.10), end to end through the real broker, registry and PostgreSQL', () => {
  const feed = new FeedHub<UtilityArrearsRecord>(Topics.utilityArrears, startHub);
  const { encode, send } = feed;
  // The database outlives a run: a fresh seed keeps ids from colliding with earlier runs.
  const random = seededRandom(Date.now() % 2_147_483_647);
  const now = new Date();
  const lastMonth = monthsBefore(now, 1);
  const supplierBin = generateBin(seededRandom(7), { year: 2001, month: 3 });

  const newBin = () => testBin(random, { year: 2018, month: 1 + Math.floor(random() * 12) }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);
  const valid = (id = newBin(), billingPeriod = lastMonth): UtilityArrearsRecord => ({
    id,
    supplierBin,
    supplierName: 'Energy Distribution Company of Almaty',
    serviceKind: 'ELECTRICITY',
    billingPeriod,
    monthsOverdue: 2,
    amountOwedTiyn: 180_000_00,
    eventTime: now.getTime() - 3_600_000,
  });
  const row = async (r: Pick<UtilityArrearsRecord, 'id' | 'supplierBin' | 'serviceKind' | 'billingPeriod'>) =>
    (await inspectDatabase().query<{ xmin: string; months_overdue: number; amount_owed_tiyn: string; event_time: Date; updated_at: Date }>(
      `SELECT xmin::text, months_overdue, amount_owed_tiyn, event_time, updated_at FROM src_utility.arrears
       WHERE id = $1 AND supplier_bin = $2 AND service_kind = $3 AND billing_period = $4`,
      [r.id, r.supplierBin, r.serviceKind, r.billingPeriod]))[0];
  const breakCheckDigit = (id: string): string => id.slice(0, 11) + ((Number(id[11]) + 1) % 10).toString();
  /** A writer schema newer than the hub's code: one more service kind, which BACKWARD compatibility allows. */
  const registerNewerSchema = async (): Promise<number> => {
    const schema = JSON.parse(AvroRegistry.readSchemaFile(Topics.utilityArrears.valueSchema)) as { fields: Array<{ name: string; type: { symbols?: string[] } }> };
    schema.fields.find((f) => f.name === 'serviceKind')?.type.symbols?.push('TELECOM');
    return feed.registry.register(valueSubject(feed.topic), JSON.stringify(schema));
  };

  it('dead-letters one record per validation rule with its reason code and original bytes, and keeps consuming', async () => {
    const thisMonthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const cases: Array<[UtilityRejection, UtilityArrearsRecord, string?]> = [
      [UtilityRejection.ID_FORMAT, { ...valid(), id: '12345678901X' }],
      [UtilityRejection.ID_CHECK_DIGIT, { ...valid(), id: breakCheckDigit(newBin()) }],
      [UtilityRejection.ID_STRUCTURE, { ...valid(), id: validCheckDigitImpossibleStructure() }],
      [UtilityRejection.KEY_MISMATCH, valid(), newBin()],
      [UtilityRejection.SUPPLIER_BIN_FORMAT, { ...valid(), supplierBin: '' }],
      [UtilityRejection.SUPPLIER_BIN_CHECK_DIGIT, { ...valid(), supplierBin: breakCheckDigit(supplierBin) }],
      [UtilityRejection.SUPPLIER_BIN_STRUCTURE, { ...valid(), supplierBin: testIin(random, new Date(Date.UTC(1970, 0, 5)), 'male') }],
      [UtilityRejection.REQUIRED_FIELD_MISSING, { ...valid(), supplierName: '' }],
      [UtilityRejection.PERIOD_FORMAT, { ...valid(), billingPeriod: '2026-13' }],
      [UtilityRejection.PERIOD_FORMAT, { ...valid(), billingPeriod: '10.2026' }],
      [UtilityRejection.PERIOD_IN_FUTURE, { ...valid(), billingPeriod: monthsBefore(now, -1) }],
      [UtilityRejection.NEGATIVE_MONTHS_OVERDUE, { ...valid(), monthsOverdue: -1 }],
      [UtilityRejection.NEGATIVE_AMOUNT, { ...valid(), amountOwedTiyn: -100 }],
      [UtilityRejection.DATE_IN_FUTURE, { ...valid(), eventTime: now.getTime() + DAY_MS }],
      [UtilityRejection.DATE_ORDER, { ...valid(undefined, periodOf(now)), eventTime: thisMonthStart - 1 }],
    ];
    const expected = new Map<string, string>();
    const messages = [];
    for (const [code, record, key] of cases) {
      const value = await encode(record);
      expected.set(value.toString('hex'), code);
      messages.push({ key: key ?? record.id, value });
    }
    const newerSchemaId = await registerNewerSchema();
    const telecom = { ...valid(), serviceKind: 'TELECOM' } as unknown as UtilityArrearsRecord;
    const telecomBytes = await feed.registry.encode(newerSchemaId, telecom);
    expected.set(telecomBytes.toString('hex'), UtilityRejection.ENUM_UNKNOWN);
    messages.push({ key: telecom.id, value: telecomBytes });
    // Every reason code the rules define is exercised here.
    expect(new Set(expected.values())).toEqual(new Set(Object.values(UtilityRejection)));

    const after = valid();
    await send(messages);
    await send([{ key: after.id, value: await encode(after) }]);
    await expectDeadLetterCodes(feed.kafka, feed.topic, expected);
    await waitFor(() => row(after), 'the valid record sent after the bad ones');
  });

  it('keeps one row per supplier, service and month, serves non-payment facts, and reports the newest period', async () => {
    const id = newBin();
    const reports = [
      { ...valid(id, monthsBefore(now, 3)), monthsOverdue: 1, amountOwedTiyn: 90_000_00 },
      { ...valid(id, monthsBefore(now, 2)), monthsOverdue: 2, amountOwedTiyn: 180_000_00 },
      { ...valid(id, monthsBefore(now, 1)), monthsOverdue: 3, amountOwedTiyn: 270_000_00 },
      // Heat was overdue and then paid: history stays, nothing outstanding.
      { ...valid(id, monthsBefore(now, 2)), serviceKind: 'HEAT' as const, monthsOverdue: 2, amountOwedTiyn: 50_000_00 },
      { ...valid(id, monthsBefore(now, 1)), serviceKind: 'HEAT' as const, monthsOverdue: 0, amountOwedTiyn: 0 },
      // The current month may be reported early by a supplier.
      { ...valid(newBin(), periodOf(now)), eventTime: now.getTime() - 1000 },
    ];
    await send(await Promise.all(reports.map(async (r) => ({ key: r.id, value: await encode(r) }))));
    await waitFor(async () => (await Promise.all(reports.map(row))).every(Boolean), 'all rows');
    expect(await feed.app.get(UtilityArrearsRepository).latestPeriod()).toBe(periodOf(now));

    // What a user reads: the register's section, built from the facts this perimeter published.
    const profile = await registerSection(feed.app, id, 'utilityArrears', (v) => v.facts.length === 3);
    expect(profile).toMatchObject({
      window: { to: periodOf(now) },
      nonPaymentCount: 3,
      outstanding: [{ supplierBin, serviceKind: 'ELECTRICITY', billingPeriod: monthsBefore(now, 1), monthsOverdue: 3, amountOwedTiyn: 270_000_00 }],
      outstandingTotalTiyn: 270_000_00,
    });
    expect(profile?.facts.map((f) => `${f.serviceKind} ${f.billingPeriod}`)).toEqual([
      `ELECTRICITY ${monthsBefore(now, 1)}`, `ELECTRICITY ${monthsBefore(now, 2)}`, `HEAT ${monthsBefore(now, 2)}`,
    ]);
    // A subject no one ever wrote (registered in 1997, before any synthetic or test population): a random
    // BIN can meet a row an earlier run left in the shared database.
    expect(await registerSectionNow(feed.app, testBin(random, { year: 1997, month: 1 }), 'utilityArrears')).toBeNull();
  });

  it('changes nothing when the same record is delivered again', async () => {
    const record = valid();
    const bytes = await encode(record);
    await send([{ key: record.id, value: bytes }]);
    const first = await waitFor(() => row(record), 'first delivery');
    // Another month on the same key (same partition) behind the redeliveries proves they were processed.
    const marker = valid(record.id, monthsBefore(now, 2));
    await send([{ key: record.id, value: bytes }, { key: record.id, value: bytes }, { key: record.id, value: await encode(marker) }]);
    await waitFor(() => row(marker), 'marker');
    expect(await row(record)).toEqual(first);
  });

  it('keeps the latest report by event time when records arrive out of order', async () => {
    const newer = { ...valid(), monthsOverdue: 0, amountOwedTiyn: 0 };
    const older = { ...newer, monthsOverdue: 2, amountOwedTiyn: 180_000_00, eventTime: newer.eventTime - DAY_MS };
    await send([{ key: newer.id, value: await encode(newer) }, { key: newer.id, value: await encode(older) }]);
    await waitFor(() => row(newer), 'row');
    const marker = valid(newer.id, monthsBefore(now, 3));
    await send([{ key: newer.id, value: await encode({ ...older, amountOwedTiyn: 1 }) }, { key: newer.id, value: await encode(marker) }]);
    await waitFor(() => row(marker), 'marker');
    expect(await row(newer)).toMatchObject({ months_overdue: 0, amount_owed_tiyn: '0' });
    const correction = { ...newer, monthsOverdue: 4, amountOwedTiyn: 400_000_00, eventTime: newer.eventTime + 60_000 };
    await send([{ key: newer.id, value: await encode(correction) }]);
    await waitFor(async () => (await row(newer))?.months_overdue === 4, 'newer report applied');
  });
});
