import { INestApplication } from '@nestjs/common';
import type { ParticipantPlannedInterruption } from '@hub/contracts';
import { InterruptionRepository, REPLAY_HEADERS, replayDeadLetters } from '@hub/feed-status';
import { AvroPublisher, DLQ_HEADERS, HubConfig, KAFKA_PRODUCER, Topics, deadLetterName, physicalName } from '@hub/platform';
import { header, readTopic, testConfig, waitFor, inspectDatabase } from '@hub/test-support';
import { Kafka, Producer } from 'kafkajs';
import { startHub } from '../apps/hub/src/hub.app';

const HOUR = 3_600_000;

describe('dead-letter replay after a fix, through the real broker', () => {
  let config: HubConfig;
  let app: INestApplication;
  let kafka: Kafka;
  let producer: Producer;
  let topic: string;

  beforeAll(async () => {
    config = testConfig({ FEED_ACTIVITY_POLL_MS: '0' });
    app = await startHub(config);
    kafka = app.get(Kafka);
    producer = app.get(KAFKA_PRODUCER);
    topic = physicalName(config.TOPIC_PREFIX, Topics.participantInterruptions.name);
  });

  afterAll(async () => {
    await app?.close();
  });

  const now = Date.now();
  const notice = (over: Partial<ParticipantPlannedInterruption>): ParticipantPlannedInterruption => ({
    noticeId: 'n', participant: 'KGD', affectedSource: 'UTILITY', affectedFeed: null, plannedStart: now + 48 * HOUR, plannedEnd: now + 50 * HOUR,
    announcedAt: now, cancelled: false, reason: 'billing system migration', eventTime: now, ...over,
  });
  const stored = async (participant: string, noticeId: string) =>
    (await inspectDatabase().query('SELECT 1 FROM src_feed_status.interruptions WHERE participant = $1 AND notice_id = $2 AND source_topic = $3', [participant, noticeId, topic])).length > 0;

  it('re-publishes the original bytes of the chosen dead letters once, and the fixed record is ingested', async () => {
    // A new utility company announces before operators registered it as a participant.
    // Unique per run: the participant register outlives a test run.
    const newcomer = `ALMATY_ENERGO_${Date.now().toString(36).toUpperCase()}`;
    const unknown = notice({ participant: newcomer, noticeId: 'ae-1' });
    const broken = notice({ participant: 'KGD', noticeId: 'kgd-broken', plannedEnd: now + 47 * HOUR });
    await app.get(AvroPublisher).publish(Topics.participantInterruptions, [unknown, broken].map((n) => ({ key: n.participant, value: n })));
    const letters = await readTopic(kafka, deadLetterName(topic), 2);
    expect(letters.map((m) => header(m, DLQ_HEADERS.code)).sort()).toEqual(['PERIOD_ORDER', 'UNKNOWN_PARTICIPANT']);
    const original = letters.find((m) => header(m, DLQ_HEADERS.code) === 'UNKNOWN_PARTICIPANT')!;

    // The fix: register the participant. Then replay only that reason code.
    await app.get(InterruptionRepository).registerParticipant(newcomer, 'Almaty power distribution (natural monopoly)');
    const first = await replayDeadLetters({ kafka, producer, sourceTopic: topic, code: 'UNKNOWN_PARTICIPANT' });
    expect(first).toMatchObject({ scanned: 2, replayed: 1, skipped: 1 });
    await waitFor(() => stored(newcomer, 'ae-1'), 'replayed notice ingested');
    expect(await stored('KGD', 'kgd-broken')).toBe(false);

    const onSource = await readTopic(kafka, topic, 3);
    const replayed = onSource.filter((m) => header(m, REPLAY_HEADERS.of));
    expect(replayed).toHaveLength(1);
    expect(replayed[0].value).toEqual(original.value);
    expect(replayed[0].key?.toString()).toBe(newcomer);
    expect(header(replayed[0], REPLAY_HEADERS.of)).toBe(`${topic}[${header(original, DLQ_HEADERS.partition)}]@${header(original, DLQ_HEADERS.offset)}`);
    expect(header(replayed[0], REPLAY_HEADERS.code)).toBe('UNKNOWN_PARTICIPANT');
    expect(header(replayed[0], DLQ_HEADERS.code)).toBeUndefined();

    // A second run of the same replay finds nothing left: its group committed past both letters.
    const second = await replayDeadLetters({ kafka, producer, sourceTopic: topic, code: 'UNKNOWN_PARTICIPANT' });
    expect(second).toMatchObject({ scanned: 0, replayed: 0 });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await readTopic(kafka, topic, 3)).filter((m) => header(m, REPLAY_HEADERS.of))).toHaveLength(1);
  });
});
