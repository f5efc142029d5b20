import { INestApplication } from '@nestjs/common';
import type { ParticipantPlannedInterruption } from '@hub/contracts';
import { FeedActivityMonitor } from '@hub/feed-status';
import { seededRandom } from '@hub/identity';
import { AvroPublisher, AvroRegistry, DLQ_HEADERS, Database, HubConfig, Topics, deadLetterName, physicalName } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';
import { getJson, loginCookie, header, readTopic, testConfig, waitFor, inspectDatabase } from '@hub/test-support';
import { Kafka } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

interface SourceView { source: string; status: string; reason: string; lastDataAt: string | null; activeInterruptions: Array<{ noticeId: string }>; upcomingInterruptions: Array<{ noticeId: string; lateNotice: boolean }> }
interface Report { sources: SourceView[]; lateNotices: Array<{ noticeId: string; noticeHours: number; noticeHoursAtArrival: number; receivedAt: string; announcedAt: string; lateNotice: boolean }>; minNoticeHours: number }

const HOUR = 3_600_000;

describe('feed freshness and planned interruptions, end to end through the real broker', () => {
  let config: HubConfig;
  let app: INestApplication;
  let base: string;
  let cookie: string;
  let publisher: AvroPublisher;
  let database: Database;
  const now = Date.now();
  // Notice ids are unique per run: the store outlives a test run and ids are the participant's key.
  const run = now.toString(36);
  const id = (name: string) => `${name}-${run}`;

  beforeAll(async () => {
    // The test drives observation itself instead of waiting for the poller.
    config = testConfig({ FEED_ACTIVITY_POLL_MS: '0' });
    app = await startHub(config);
    base = await app.getUrl();
    cookie = await loginCookie(base);
    publisher = app.get(AvroPublisher);
    database = inspectDatabase();
  });

  afterAll(async () => {
    await app?.close();
  });

  const notice = (over: Partial<ParticipantPlannedInterruption>): ParticipantPlannedInterruption => ({
    noticeId: `n-${Math.random().toString(36).slice(2)}`, participant: 'KGD', affectedSource: 'TAX', affectedFeed: null,
    plannedStart: now + 48 * HOUR, plannedEnd: now + 52 * HOUR, announcedAt: now - HOUR, cancelled: false, reason: 'planned DB upgrade',
    eventTime: now - HOUR, ...over,
  });
  const send = (list: ParticipantPlannedInterruption[]) => publisher.publish(Topics.participantInterruptions, list.map((n) => ({ key: n.participant, value: n })));
  const report = async () => (await getJson(`${base}/feeds/status`, cookie)).body as Report;
  const source = (r: Report, name: string) => r.sources.find((s) => s.source === name)!;
  const row = async (participant: string, noticeId: string) =>
    (await database.query<{ xmin: string; reason: string; late_notice: boolean }>(
      'SELECT xmin::text, reason, late_notice FROM src_feed_status.interruptions WHERE participant = $1 AND notice_id = $2 AND source_topic = $3',
      [participant, noticeId, physicalName(config.TOPIC_PREFIX, Topics.participantInterruptions.name)]))[0];

  // The exact 36-hour boundary is a unit test (freshness.rules.spec.ts): here arrival is the broker's clock.
  it('flags a notice that arrives less than 36 hours ahead and not one that arrives 37 hours ahead', async () => {
    const short = notice({ noticeId: id('tax-short'), plannedStart: now + 10 * HOUR, plannedEnd: now + 12 * HOUR, announcedAt: now - HOUR });
    const exact = notice({ noticeId: id('tax-exact'), plannedStart: now + 37 * HOUR, plannedEnd: now + 38 * HOUR, announcedAt: now - HOUR });
    await send([short, exact]);
    const r = await waitFor(async () => { const x = await report(); return source(x, 'tax').upcomingInterruptions.length === 2 && x; }, 'both notices');
    expect(r.minNoticeHours).toBe(36);
    expect(r.lateNotices.map((n) => n.noticeId)).toEqual([id('tax-short')]);
    expect(r.lateNotices[0].noticeHours).toBe(11);
    expect(Object.fromEntries(source(r, 'tax').upcomingInterruptions.map((n) => [n.noticeId, n.lateNotice]))).toEqual({ [id('tax-short')]: true, [id('tax-exact')]: false });
  });

  it('flags a backdated notice: arrival, not the declared announcedAt, decides (BPR §9), and the declared time is shown', async () => {
    const backdated = notice({ noticeId: id('tax-backdated'), plannedStart: now + 10 * HOUR, plannedEnd: now + 12 * HOUR, announcedAt: now - 100 * HOUR });
    await send([backdated]);
    const r = await waitFor(async () => { const x = await report(); return x.lateNotices.some((n) => n.noticeId === id('tax-backdated')) && x; }, 'backdated notice flagged');
    const shown = r.lateNotices.find((n) => n.noticeId === id('tax-backdated'))!;
    expect(shown).toMatchObject({ lateNotice: true, announcedAt: new Date(now - 100 * HOUR).toISOString(), noticeHours: 110 });
    expect(shown.noticeHoursAtArrival).toBeLessThan(10.01);
    expect(Date.parse(shown.receivedAt)).toBeGreaterThanOrEqual(now - 60_000);
    expect((await row('KGD', id('tax-backdated'))).late_notice).toBe(true);
  });

  it('records a notice once, whatever the redeliveries, and keeps the newest version by event time', async () => {
    const first = notice({ noticeId: id('tax-dup'), participant: 'KGD' });
    await send([first]);
    const stored = await waitFor(() => row('KGD', id('tax-dup')), 'stored notice');
    const older = { ...first, reason: 'stale version', eventTime: first.eventTime - 60_000 };
    await send([first, older, first]);
    const marker = notice({ noticeId: id('tax-marker'), participant: 'KGD' });
    await send([marker]);
    await waitFor(() => row('KGD', id('tax-marker')), 'marker on the same partition');
    expect(await row('KGD', id('tax-dup'))).toEqual(stored);
    await send([{ ...first, reason: 'newer version', eventTime: first.eventTime + 60_000 }]);
    await waitFor(async () => (await row('KGD', id('tax-dup'))).reason === 'newer version', 'newer version applied');
  });

  it('dead-letters an inconsistent notice with its reason code and keeps consuming', async () => {
    const bad = notice({ noticeId: id('bad-period'), plannedEnd: now + 40 * HOUR, plannedStart: now + 41 * HOUR });
    await send([bad]);
    const topic = physicalName(config.TOPIC_PREFIX, Topics.participantInterruptions.name);
    const [letter] = await readTopic(app.get(Kafka), deadLetterName(topic), 1);
    expect(header(letter, DLQ_HEADERS.code)).toBe('PERIOD_ORDER');
    expect(await app.get(AvroRegistry).decode(letter.value)).toMatchObject({ noticeId: id('bad-period') });
  });

  it('tells a planned outage from a late feed, using the last record time seen on the broker', async () => {
    const outage = notice({ noticeId: id('moj-now'), participant: 'MOJ', affectedSource: 'JUSTICE', plannedStart: now - HOUR, plannedEnd: now + 2 * HOUR, announcedAt: now - 72 * HOUR, eventTime: now - 72 * HOUR });
    await send([outage]);
    const record = syntheticLegalEntity(seededRandom(99), new Date());
    const sentAt = Date.now();
    await publisher.publish(Topics.justiceLegalEntities, [{ key: record.bin, value: record }]);
    await app.get(FeedActivityMonitor).observe();

    const during = await waitFor(async () => { const x = await report(); return source(x, 'justice').activeInterruptions.length === 1 && x; }, 'active outage');
    const justice = source(during, 'justice');
    expect(justice.status).toBe('PLANNED_OUTAGE');
    expect(Math.abs(Date.parse(justice.lastDataAt!) - sentAt)).toBeLessThan(5_000);
    // Nothing ever arrived on statistics: late, and the reason says why.
    expect(source(during, 'statistics')).toMatchObject({ status: 'LATE', reason: 'no record received yet', lastDataAt: null });

    // The ministry withdraws the notice: the source is judged on its data again, which is fresh.
    await send([{ ...outage, cancelled: true, eventTime: now }]);
    const after = await waitFor(async () => { const x = await report(); return source(x, 'justice').activeInterruptions.length === 0 && x; }, 'cancellation applied');
    expect(source(after, 'justice').status).toBe('FRESH');
  });
});
