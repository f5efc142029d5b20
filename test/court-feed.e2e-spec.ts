import { BinAttribute, BinEntityType, seededRandom } from '@hub/identity';
import { AvroRegistry, Topics, valueSubject } from '@hub/platform';
import { COURT_EXCERPT_CHARS } from '@hub/contracts';
import { CivilCaseRecord, CourtRejection } from '@hub/source-court';
import { expectDeadLetterCodes, testBin, testIin, registerSection, registerSectionNow, validCheckDigitImpossibleStructure, waitFor, inspectDatabase, FeedHub } from '@hub/test-support';
import { startHub } from '../apps/hub/src/hub.app';

const DAY_MS = 86_400_000;

describe('court civil-case feed (BPR §24.8), end to end through the real broker, registry and PostgreSQL', () => {
  const feed = new FeedHub<CivilCaseRecord>(Topics.courtCivilCases, startHub);
  const { encode, send } = feed;
  // The database outlives a run: a fresh seed keeps ids from colliding with earlier runs.
  const random = seededRandom(Date.now() % 2_147_483_647);
  const now = new Date();
  const today = Math.floor(now.getTime() / DAY_MS);
  let serial = 0;

  const newBin = () => testBin(random, { year: 2012, month: 1 + Math.floor(random() * 12) }, BinEntityType.RESIDENT_LEGAL_ENTITY, BinAttribute.HEAD_OFFICE);
  const valid = (partyId = newBin()): CivilCaseRecord => ({
    partyId,
    partyRole: 'DEFENDANT',
    instance: 'FIRST',
    region: 'Almaty',
    regionKato: '751000000',
    court: 'Specialized Inter-District Economic Court of Almaty',
    proceedingKind: 'CLAIM',
    caseCategory: 'DEBT_COLLECTION',
    caseNumber: `7594-26-00-2/${++serial}`,
    caseRegisteredOn: today - 40,
    actDate: today - 5,
    actType: 'DECISION',
    actText: 'The claim for recovery of debt under a supply contract is satisfied in full.',
    outcome: 'SATISFIED',
    claimAmountTiyn: 125_000_00,
    eventTime: now.getTime() - 3_600_000,
  });
  const row = async (partyId: string, caseNumber: string) =>
    (await inspectDatabase().query<{ xmin: string; act_type: string; outcome: string | null; event_time: Date; updated_at: Date }>(
      'SELECT xmin::text, act_type, outcome, event_time, updated_at FROM src_court.civil_cases WHERE party_id = $1 AND case_number = $2',
      [partyId, caseNumber]))[0];
  /** A writer schema newer than the hub's code: one more party role, which BACKWARD compatibility allows. */
  const registerNewerSchema = async (): Promise<number> => {
    const schema = JSON.parse(AvroRegistry.readSchemaFile(Topics.courtCivilCases.valueSchema)) as { fields: Array<{ name: string; type: { symbols?: string[] } }> };
    const role = schema.fields.find((f) => f.name === 'partyRole');
    role?.type.symbols?.push('MEDIATOR');
    return feed.registry.register(valueSubject(feed.topic), JSON.stringify(schema));
  };

  it('dead-letters one record per validation rule with its reason code and original bytes, and keeps consuming', async () => {
    const wrongCheckDigit = valid();
    wrongCheckDigit.partyId = wrongCheckDigit.partyId.slice(0, 11) + ((Number(wrongCheckDigit.partyId[11]) + 1) % 10).toString();
    const cases: Array<[CourtRejection, CivilCaseRecord, string?]> = [
      [CourtRejection.ID_FORMAT, { ...valid(), partyId: '1234567890' }],
      [CourtRejection.ID_CHECK_DIGIT, wrongCheckDigit],
      [CourtRejection.ID_STRUCTURE, { ...valid(), partyId: validCheckDigitImpossibleStructure() }],
      [CourtRejection.KEY_MISMATCH, valid(), newBin()],
      [CourtRejection.REQUIRED_FIELD_MISSING, { ...valid(), caseNumber: '' }],
      [CourtRejection.REQUIRED_FIELD_MISSING, { ...valid(), actText: ' ' }],
      [CourtRejection.KATO_FORMAT, { ...valid(), regionKato: '75-1000' }],
      [CourtRejection.DATE_IN_FUTURE, { ...valid(), actDate: today + 3 }],
      [CourtRejection.DATE_IN_FUTURE, { ...valid(), eventTime: now.getTime() + DAY_MS }],
      [CourtRejection.DATE_ORDER, { ...valid(), caseRegisteredOn: today - 2, actDate: today - 10 }],
      [CourtRejection.NEGATIVE_AMOUNT, { ...valid(), claimAmountTiyn: -1 }],
    ];
    const expected = new Map<string, string>();
    const messages = [];
    for (const [code, record, key] of cases) {
      const value = await encode(record);
      expected.set(value.toString('hex'), code);
      messages.push({ key: key ?? record.partyId, value });
    }
    const newerSchemaId = await registerNewerSchema();
    const unknownRole = { ...valid(), partyRole: 'MEDIATOR' } as unknown as CivilCaseRecord;
    const unknownRoleBytes = await feed.registry.encode(newerSchemaId, unknownRole);
    expected.set(unknownRoleBytes.toString('hex'), CourtRejection.ENUM_UNKNOWN);
    messages.push({ key: unknownRole.partyId, value: unknownRoleBytes });
    // Every reason code the rules define is exercised here.
    expect(new Set(expected.values())).toEqual(new Set(Object.values(CourtRejection)));

    const after = valid();
    await send(messages);
    await send([{ key: after.partyId, value: await encode(after) }]);
    await expectDeadLetterCodes(feed.kafka, feed.topic, expected);
    await waitFor(() => row(after.partyId, after.caseNumber), 'the valid record sent after the bad ones');
  });

  it('stores both parties of a case and serves counts, metadata and a short excerpt, never the whole text', async () => {
    const company = newBin();
    const entrepreneur = testIin(random, new Date(Date.UTC(1979, 2, 8)), 'male');
    const longText = `${'The court established the circumstances of the case. '.repeat(60)}FINAL-SENTENCE-NOT-IN-EXCERPT`;
    const asDefendant = { ...valid(company), actText: longText };
    const asPlaintiff = { ...valid(entrepreneur), caseNumber: asDefendant.caseNumber, partyRole: 'PLAINTIFF' as const };
    const writ = { ...valid(company), proceedingKind: 'WRIT' as const, actType: 'COURT_ORDER' as const, actDate: today - 1, caseRegisteredOn: null, outcome: null, regionKato: null };
    await send([
      { key: company, value: await encode(asDefendant) },
      { key: entrepreneur, value: await encode(asPlaintiff) },
      { key: company, value: await encode(writ) },
    ]);
    await waitFor(async () => (await row(company, writ.caseNumber)) && (await row(entrepreneur, asPlaintiff.caseNumber)), 'rows');
    // What a user reads: the register's section, built from the facts this perimeter published.
    const profile = await registerSection(feed.app, company, 'courtCases', (v) => v.total === 2);
    expect(profile).toMatchObject({ total: 2, asDefendant: 2, asPlaintiff: 0, asThirdParty: 0, truncated: false });
    expect(profile?.cases.map((c) => c.caseNumber)).toEqual([writ.caseNumber, asDefendant.caseNumber]);
    expect(profile?.cases[0]).toMatchObject({
      partyRole: 'DEFENDANT', instance: 'FIRST', region: 'Almaty', regionKato: null, proceedingKind: 'WRIT', actType: 'COURT_ORDER',
      actDate: new Date((today - 1) * DAY_MS).toISOString().slice(0, 10), caseRegisteredOn: null, outcome: null, claimAmountTiyn: 125_000_00,
    });
    const long = profile?.cases[1];
    expect(long?.actTextLength).toBe(longText.length);
    expect(long?.actTextExcerpt.length).toBeLessThanOrEqual(COURT_EXCERPT_CHARS + 1);
    expect(JSON.stringify(profile)).not.toContain('FINAL-SENTENCE-NOT-IN-EXCERPT');
    expect(await registerSection(feed.app, entrepreneur, 'courtCases')).toMatchObject({ total: 1, asPlaintiff: 1 });
    // A subject no one ever wrote (registered in 1996, before any synthetic or test population): a random
    // BIN can meet a row an earlier run left in the shared database.
    expect(await registerSectionNow(feed.app, testBin(random, { year: 1996, month: 1 }), 'courtCases')).toBeNull();
  });

  it('changes nothing when the same record is delivered again', async () => {
    const record = valid();
    const bytes = await encode(record);
    await send([{ key: record.partyId, value: bytes }]);
    const first = await waitFor(() => row(record.partyId, record.caseNumber), 'first delivery');
    // A new case on the same key (same partition) behind the redeliveries proves they were processed.
    const marker = valid(record.partyId);
    await send([{ key: record.partyId, value: bytes }, { key: record.partyId, value: bytes }, { key: record.partyId, value: await encode(marker) }]);
    await waitFor(() => row(marker.partyId, marker.caseNumber), 'marker');
    expect(await row(record.partyId, record.caseNumber)).toEqual(first);
  });

  it('keeps the latest act by event time when records arrive out of order', async () => {
    const appeal = { ...valid(), instance: 'APPEAL' as const, actType: 'RESOLUTION' as const, outcome: 'PARTIALLY_SATISFIED' as const };
    const firstInstance = { ...appeal, instance: 'FIRST' as const, actType: 'DECISION' as const, outcome: 'SATISFIED' as const, eventTime: appeal.eventTime - DAY_MS };
    await send([{ key: appeal.partyId, value: await encode(appeal) }, { key: appeal.partyId, value: await encode(firstInstance) }]);
    await waitFor(() => row(appeal.partyId, appeal.caseNumber), 'row');
    const marker = valid(appeal.partyId);
    await send([{ key: appeal.partyId, value: await encode({ ...firstInstance, outcome: 'DENIED' }) }, { key: appeal.partyId, value: await encode(marker) }]);
    await waitFor(() => row(marker.partyId, marker.caseNumber), 'marker');
    expect(await row(appeal.partyId, appeal.caseNumber)).toMatchObject({ act_type: 'RESOLUTION', outcome: 'PARTIALLY_SATISFIED' });
    const cassation = { ...appeal, instance: 'CASSATION' as const, outcome: 'DENIED' as const, eventTime: appeal.eventTime + 60_000 };
    await send([{ key: appeal.partyId, value: await encode(cassation) }]);
    await waitFor(async () => (await row(appeal.partyId, appeal.caseNumber))?.outcome === 'DENIED', 'newer act applied');
  });
});
