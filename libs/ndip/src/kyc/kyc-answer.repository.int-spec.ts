import { Database, runMigrations } from '@hub/platform';
import { dropPrivateDatabase, privateDatabase } from '@hub/test-support';
import { NDIP_MIGRATIONS } from '../ndip.module';
import { KycAnswerRepository, type StoredAnswer } from './kyc-answer.repository';

/** The KYC answer store on a database of its own, shared by two instances as two hub processes would. */
describe('KycAnswerRepository on PostgreSQL', () => {
  let url: string | undefined;
  const databases: Database[] = [];
  let one: KycAnswerRepository;
  let two: KycAnswerRepository;
  const SENDER = '123456789021';
  const answer = (id: string, verdict = 'CLEAR'): StoredAnswer => ({
    requestSha256: Buffer.alloc(32, 7), requestPosition: null, requestIssuedAt: new Date('2026-12-02T09:00:00Z'),
    answerMessageId: `answer-${id}`, answerType: 'KycResult', verdict, document: `<KycResult id="${id}"/>`,
  });

  beforeAll(async () => {
    url = (await privateDatabase('ndip')).DATABASE_URL;
    await runMigrations(url, NDIP_MIGRATIONS);
    databases.push(new Database(url, 4), new Database(url, 4));
    [one, two] = databases.map((d) => new KycAnswerRepository(d));
  });

  afterAll(async () => {
    await Promise.all(databases.map((d) => d.close()));
    if (url) await dropPrivateDatabase(url);
  });

  it('stores answers saved at once, each resolved with its own row', async () => {
    const saved = await Promise.all(Array.from({ length: 30 }, (_, i) => one.saveFirst(SENDER, `m${i}`, 'SOAP', answer(`m${i}`))));
    expect(saved.map((s) => s.answerMessageId)).toEqual(Array.from({ length: 30 }, (_, i) => `answer-m${i}`));
    const found = await two.findMany(Array.from({ length: 30 }, (_, i) => ({ senderBin: SENDER, messageId: `m${i}` })));
    expect(found.size).toBe(30);
    expect(found.get(`${SENDER}/m29`)?.document).toBe('<KycResult id="m29"/>');
  });

  it('keeps the first answer to a request: racing saves, in one batch or on two instances, all get the stored one', async () => {
    const racing = await Promise.all([
      one.saveFirst(SENDER, 'race', 'KAFKA', answer('first')),
      one.saveFirst(SENDER, 'race', 'KAFKA', answer('second', 'REVIEW')),
      two.saveFirst(SENDER, 'race', 'KAFKA', answer('third', 'REJECT')),
      one.saveFirst(SENDER, 'other', 'KAFKA', answer('other')),
    ]);
    const stored = await one.find(SENDER, 'race');
    expect(stored).not.toBeNull();
    expect(racing.slice(0, 3).map((r) => r.answerMessageId)).toEqual(Array(3).fill(stored!.answerMessageId));
    expect(racing.slice(0, 3).map((r) => r.document)).toEqual(Array(3).fill(stored!.document));
    expect(racing[3].answerMessageId).toBe('answer-other');
    // later saves never replace it
    await expect(two.saveFirst(SENDER, 'race', 'SOAP', answer('late'))).resolves.toMatchObject({ answerMessageId: stored!.answerMessageId });
  });
});
