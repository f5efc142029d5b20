import { INestApplication } from '@nestjs/common';
import { seededRandom } from '@hub/identity';
import { AvroRegistry, HubConfig, KAFKA_PRODUCER, Topics, physicalName, valueSubject } from '@hub/platform';
import { searchKey } from '@hub/register';
import type { BasicCard, SearchPage } from '@hub/register';
import type { LegalEntityRegistrationRecord } from '@hub/source-justice';
import type { TaxFactsRecord } from '@hub/source-tax';
import { syntheticLegalEntity } from '@hub/synthetic';
import { getJson, loginCookie, testBin, testConfig, testIin, uniqueWord, waitFor } from '@hub/test-support';
import { Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const DAY_MS = 86_400_000;
const now = new Date();
const today = Math.floor(now.getTime() / DAY_MS);
const random = seededRandom(Date.now() % 2_147_483_647);

describe('register search (BPR §32) and the free card (§37), from the register\'s own store', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let cookie: string;
  let producer: Producer;
  let registry: AvroRegistry;
  const token = uniqueWord(random, 5);
  const surname = uniqueWord(random, 4);
  const llp = testBin(random);
  const jsc = testBin(random);
  const ie = testIin(random, new Date(Date.UTC(1988, 4, 12)), 'female');

  const produce = async (logical: string, key: string, value: unknown) => {
    const topic = physicalName(config.TOPIC_PREFIX, logical);
    const id = await registry.latestId(valueSubject(topic));
    await producer.send({ topic, acks: -1, messages: [{ key, value: await registry.encode(id, value) }] });
  };
  const search = async (params: string) => getJson(`${base}/api/v1/search?${params}`, cookie) as Promise<{ status: number; body: SearchPage & { code?: string } }>;

  beforeAll(async () => {
    config = testConfig();
    app = await startHub(config);
    base = await app.getUrl();
    cookie = await loginCookie(base);
    producer = app.get(KAFKA_PRODUCER);
    registry = app.get(AvroRegistry);
    const registration = (bin: string, legalForm: 'LLP' | 'JSC', names: Partial<LegalEntityRegistrationRecord>): LegalEntityRegistrationRecord =>
      ({ ...syntheticLegalEntity(random, now), bin, legalForm, eventTime: now.getTime() - 1000, ...names });
    // The LLP is registered in Cyrillic only: a Latin query can find it only through transliteration.
    await produce(Topics.justiceLegalEntities.name, llp, registration(llp, 'LLP', { nameRu: `ТОО «${token.cyr}»`, nameKk: `«${token.cyr}» ЖШС`, nameEn: null, shortNameRu: null }));
    await produce(Topics.justiceLegalEntities.name, jsc, registration(jsc, 'JSC', { nameRu: `АО «${token.cyr} Агро»`, nameKk: `«${token.cyr} Агро» АҚ`, nameEn: `${token.lat} Agro JSC` }));
    const facts: TaxFactsRecord = {
      id: ie, registrationDate: today - 900, deregistrationDate: null, deregistrationReason: null, suspensions: [], residence: 'RESIDENT',
      taxOfficeCode: '6205', taxOfficeName: 'State Revenue Department of Almaty', taxRegime: 'SIMPLIFIED_DECLARATION', riskAudits: [], nonFilings: [],
      insolvencyProceedings: [], yearly: [], riskCategory: null, taxDebtTiyn: 0, taxDebtAsOf: today - 1, liquidationAuditApplicationDate: null,
      sanctions: [], nonResidentRegistration: null, eventTime: now.getTime() - 1000,
      entrepreneurName: { surname: `${surname.cyr}ова`, givenName: 'Айгерим', patronymic: 'Маратовна' },
    };
    await produce(Topics.taxFacts.name, ie, facts);
    await waitFor(async () => (await search(`q=${jsc}`)).body.results.length === 1 && (await search(`q=${ie}`)).body.results.length === 1
      && (await search(`q=${llp}`)).body.results.length === 1, 'the three subjects in the register');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('finds a BIN exactly and says so', async () => {
    const { status, body } = await search(`q=${llp}`);
    expect(status).toBe(200);
    expect(body.results).toEqual([expect.objectContaining({ id: llp, idKind: 'BIN', legalForm: 'LLP', match: expect.objectContaining({ field: 'id', how: 'EXACT_ID' }) })]);
  });

  it('finds a Cyrillic-only name from its Latin transliteration', async () => {
    const { body } = await search(`q=${encodeURIComponent(token.lat)}`);
    const hit = body.results.find((r) => r.id === llp);
    expect(hit).toMatchObject({ match: { transliterated: true, field: expect.stringMatching(/^name(Ru|Kk)$/) } });
    expect(body.results.map((r) => r.id)).toEqual(expect.arrayContaining([llp, jsc]));
  });

  it('tolerates a typo', async () => {
    // Two neighbouring letters swapped, after the first three, where the swap is a typo of the
    // search key too: in «Баеммал» swapping the equal letters types the name itself, and the key's
    // folds (doubled letters, digraphs) can undo other swaps; either is an exact match.
    const swapped = (i: number) => `${token.cyr.slice(0, i)}${token.cyr[i + 1]}${token.cyr[i]}${token.cyr.slice(i + 2)}`;
    const at = Array.from({ length: token.cyr.length - 1 }, (_, i) => i).find((i) => i >= 3 && searchKey(swapped(i)) !== searchKey(token.cyr));
    const typo = swapped(at!);
    const { body } = await search(`q=${encodeURIComponent(typo)}`);
    const hit = body.results.find((r) => r.id === llp);
    expect(hit).toMatchObject({ match: { how: 'SIMILAR_NAME', transliterated: false } });
    expect(hit!.score).toBeLessThan(1);
  });

  it('filters by legal form', async () => {
    const onlyJsc = await search(`q=${encodeURIComponent(token.lat)}&legalForm=JSC`);
    expect(onlyJsc.body.results.map((r) => r.id)).toContain(jsc);
    expect(onlyJsc.body.results.map((r) => r.id)).not.toContain(llp);
    expect(onlyJsc.body.results.every((r) => r.legalForm === 'JSC')).toBe(true);
    const onlyLlp = await search(`q=${encodeURIComponent(token.lat)}&legalForm=LLP`);
    expect(onlyLlp.body.results.map((r) => r.id)).toContain(llp);
    expect(onlyLlp.body.results.map((r) => r.id)).not.toContain(jsc);
  });

  it('finds an individual entrepreneur by surname, name and patronymic, in either script', async () => {
    const latin = await search(`q=${encodeURIComponent(`${surname.lat}ova Aigerim`)}`);
    expect(latin.body.results[0]).toMatchObject({ id: ie, idKind: 'IIN', legalForm: 'INDIVIDUAL_ENTREPRENEUR', match: { field: 'entrepreneurName', transliterated: true } });
    const full = await search(`q=${encodeURIComponent(`${surname.cyr}ова Айгерим Маратовна`)}&legalForm=INDIVIDUAL_ENTREPRENEUR`);
    expect(full.body.results[0]).toMatchObject({ id: ie, match: { how: 'EXACT_NAME' } });
  });

  it('pages and ranks: the exact name first, page 2 holds the rest', async () => {
    const first = await search(`q=${encodeURIComponent(`${token.cyr} Агро`)}`);
    expect(first.body.results[0].id).toBe(jsc);
    expect(first.body).toMatchObject({ page: 1, pageSize: 20 });
    const scores = first.body.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Walk the pages of the Latin query until one says nothing follows; the next one is empty.
    let page = 1;
    for (; (await search(`q=${encodeURIComponent(token.lat)}&page=${page}`)).body.hasMore; page++);
    const beyond = await search(`q=${encodeURIComponent(token.lat)}&page=${page + 1}`);
    expect(beyond.body.results).toEqual([]);
  });

  it('answers 400 for a repeated parameter, an unknown legal form, a bad page and a too short query', async () => {
    expect((await search('q[]=a&q[]=b')).body).toMatchObject({ code: 'PARAM_NOT_SINGLE' });
    expect((await search('q=abc&q=def')).status).toBe(400);
    expect((await search(`q=${token.lat}&legalForm=GMBH`)).body).toMatchObject({ code: 'LEGAL_FORM_UNKNOWN' });
    expect((await search(`q=${token.lat}&page=0`)).body).toMatchObject({ code: 'PAGE_FORMAT' });
    expect((await search('q=ТОО')).body).toMatchObject({ code: 'QUERY_TOO_SHORT' });
  });

  describe('the free basic card (BPR §37)', () => {
    const card = async (id: string) => getJson(`${base}/api/v1/entities/${id}/card`, cookie) as Promise<{ status: number; body: BasicCard }>;

    it('shows a legal entity\'s registration, activities, lists, taxes, permits status and conscientiousness index', async () => {
      const { body } = await waitFor(async () => { const r = await card(jsc); return r.status === 200 && r.body.conscientiousnessIndex !== null && r; }, 'a card with the index', 45_000);
      expect(body).toMatchObject({
        id: jsc, idKind: 'BIN',
        registration: { source: 'JUSTICE', legalForm: 'JSC', names: { en: `${token.lat} Agro JSC` }, founderCounts: { total: 1, naturalPersons: 1 } },
        activities: { primary: { code: expect.stringMatching(/^\d{5}$/) } },
        stateLists: { current: [], flags: { pseudoEnterprise: false } },
        licensesAndPermits: { available: false },
        conscientiousnessIndex: { category: expect.stringMatching(/^(LOW|MEDIUM|HIGH)$/), algorithmVersion: expect.any(String) },
      });
      expect(Object.keys(body).sort()).toEqual(['activities', 'conscientiousnessIndex', 'id', 'idKind', 'licensesAndPermits', 'registration', 'stateLists', 'taxes'].sort());
    });

    it('shows an entrepreneur only what §37 and SPEC allow: no address, no birth date or sex, no founders', async () => {
      const { status, body } = await card(ie);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: ie, idKind: 'IIN',
        registration: { source: 'TAX', legalForm: 'INDIVIDUAL_ENTREPRENEUR', names: { ru: `${surname.cyr}ова Айгерим Маратовна` }, address: null, head: null, founderCounts: null },
        taxes: { debtKzt: 0 },
      });
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/birth|sex|1988-05-12/i);
    });

    it('redirects the old profile route to /api/v1', async () => {
      const response = await fetch(`${base}/entities/${llp}`, { redirect: 'manual', headers: { cookie } });
      expect(response.status).toBe(308);
      expect(response.headers.get('location')).toBe(`/api/v1/entities/${llp}`);
    });
  });
});
