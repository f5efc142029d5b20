import { ArgumentsHost, Catch, Controller, INestApplication, RpcExceptionFilter, UseFilters, applyDecorators } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { Observable, isObservable, lastValueFrom, throwError } from 'rxjs';
import { Logger } from '../observability/logger';
import { HubMetrics, PartitionLag } from '../observability/metrics';
import { AvroRegistry, DecodeError } from './avro-registry';
import { ConsumerHealth, ConsumerLiveness, LivenessThresholds, consumerVerdict, partitionLags } from './consumer-liveness';
import { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { BatchOutcome, FeedBatch, FeedRecord } from './feed-record';
import { ALL_TOPICS, FEED_TOPICS, physicalName, valueSubject } from './topic-catalog';
import { PipelinedLane } from './pipelined-lane';
import { LaneWatch } from './lane-watch';
import { FailureKind, classifyFailure } from './transient-error';
import { BackoffState, FreshnessPolicy, INITIAL_BACKOFF, LanePartition, decideBackoff, laneAge } from './freshness.rules';

export interface KafkaBatchServerOptions {
  groupId: string;
  topicPrefix: string;
  /** Partitions processed at once in this instance; more instances scale further. */
  partitionsConcurrently?: number;
  fromBeginning?: boolean;
  metrics?: HubMetrics;
  /**
   * Asked when a failure's type says neither "infrastructure" nor "record": true when the
   * dependencies answer (so the record is at fault).
   */
  dependenciesUp?: () => Promise<boolean>;
  /** Attempts of a failing record on its own before it is dead-lettered (default 3). */
  recordAttempts?: number;
  /** Backoff of a partition paused by an infrastructure error: first and longest wait (ms). */
  pauseBackoffMs?: { initial: number; max: number };
  liveness?: Partial<LivenessThresholds>;
  /**
   * Freshness before throughput: when a watched lane (TopicSpec.freshness) is older than
   * pauseAboveMs, this instance stops fetching its feeds (FEED_TOPICS) until the lane is back under
   * resumeBelowMs. Without it (or with pauseAboveMs 0) the feeds never back off.
   */
  freshness?: FreshnessPolicy;
  /**
   * The KAFKA_GROUP_ID of the hub whose freshness lanes run in another process (apps/perimeter next
   * to the register's hub): this instance's feeds then yield to those lanes as read on the broker
   * (LaneWatch). A lane this instance runs itself is always watched both ways.
   */
  watchLanesOf?: string;
  /**
   * Records of a held batch (a feed, or what waits with the feeds) taken in at once: a larger fetched
   * batch is stored, published and committed slice by slice, and a back-off stops it between two
   * slices. Unset: a batch is taken in whole.
   */
  heldSliceRecords?: number;
}

export enum HandlerFailure {
  HANDLER_REJECTED = 'HANDLER_REJECTED',
}

const DEFAULT_LIVENESS: LivenessThresholds = { maxLag: 100_000, stallMs: 120_000, joinGraceMs: 60_000 };
const LAG_CACHE_MS = 2000;
/** Longest fetch wait of a consumer whose feeds back off (see start()). */
const FEED_FETCH_WAIT_MS = 500;
/** How often the watched lanes' age is judged (also after each of their batches). */
const FRESHNESS_TICK_MS = 100;
const FEED_TOPIC_NAMES = new Set(FEED_TOPICS.map((t) => t.name));
/** What a feeds' back-off pauses: the feeds, and the derived topics that yield to a lane's freshness (TopicSpec.heldByBackoff). */
const HELD_BY_BACKOFF = new Set([...FEED_TOPIC_NAMES, ...ALL_TOPICS.filter((t) => t.heldByBackoff).map((t) => t.name)]);
/** The catalog by logical name: looked up on every batch of a watched lane. */
const TOPIC_BY_NAME = new Map(ALL_TOPICS.map((t) => [t.name, t]));

/**
 * A Nest transport that consumes feed topics a batch at a time: decode (Avro via the registry),
 * hand the batch to the @EventPattern handler for the topic, dead-letter what cannot be taken in,
 * then commit. Offsets move only after both the store and the dead-letter topic have the records,
 * so a crash means redelivery (handled idempotently), never loss.
 *
 * Failures are sorted by type (transient-error.ts): an infrastructure or permission error pauses
 * the partition, alerts (log + metric) and retries it with backoff, never dead-letters and never
 * commits; a record's own failure is retried a bounded number of times, then dead-lettered.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private consumers: Array<{ consumer: Consumer; groupId: string; topics: string[]; pipeline?: PipelinedLane }> = [];
  /** One admin connection, shared by every caller: a promise, so two first callers cannot each open one. */
  private admin?: Promise<Admin>;
  private topics: string[] = [];
  /** Every handler of a topic, in registration order, each called once per batch (see addHandler). */
  private readonly handlersByTopic = new Map<string, MessageHandler[]>();
  private readonly liveness = new ConsumerLiveness();
  private readonly thresholds: LivenessThresholds;
  private readonly pauses = new Map<string, { failures: number; timer?: NodeJS.Timeout }>();
  private probe?: { at: number; up: Promise<boolean> };
  private lagCache?: { at: number; lags: Promise<PartitionLag[]> };
  /** The watched lanes' partitions (`topic/partition`), by lane name. */
  private readonly watched = new Map<string, Map<string, LanePartition>>();
  /** The feed partitions assigned to this instance, by consumer (GROUP_JOIN): what a back-off pauses. */
  private readonly feedAssignments = new Map<Consumer, Array<{ topic: string; partitions: number[] }>>();
  /** The freshness lanes as the broker sees them (end offsets against the lane group's commits). */
  private readonly laneWatches: LaneWatch[] = [];
  private backoff: BackoffState = INITIAL_BACKOFF;
  private closed = false;
  private freshnessTimer?: NodeJS.Timeout;
  private lateLaneBatches = 0;
  private lateLoggedAt = 0;
  /**
   * When this instance last took in a batch of a state body's feed (FEED_TOPICS; epoch ms, 0 before
   * the first): the recompute outboxes wait while feeds flow. Derived topics read here (public
   * facts, preliminary indexes, KYC, project facts) do not count: the recompute itself makes them
   * flow, and counting them held a drain off for as long as the last drain's output arrived.
   */
  lastBatchAt = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: AvroRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly log: Logger,
    private readonly options: KafkaBatchServerOptions,
  ) {
    super();
    this.thresholds = { ...DEFAULT_LIVENESS, ...options.liveness };
    options.metrics?.observeConsumerLag(() => this.lags());
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async start(): Promise<void> {
    const logicalTopics = [...this.messageHandlers.keys()];
    if (logicalTopics.length === 0) return;
    const physical = new Map(logicalTopics.map((t) => [physicalName(this.options.topicPrefix, t), t]));
    this.topics = [...physical.keys()];
    // One consumer for the group, and one more per lane (TopicSpec.lane), each with its own fetches.
    const byGroup = new Map<string, string[]>();
    for (const [name, logical] of physical) {
      const group = laneGroupId(this.options.groupId, logical);
      const names = byGroup.get(group) ?? [];
      names.push(name);
      byGroup.set(group, names);
    }
    for (const [groupId, topics] of byGroup) {
      const pipelined = topics.every((t) => isPipelined(physical.get(t) ?? t));
      const backsOff = Boolean(this.options.freshness && this.options.freshness.pauseAboveMs > 0) && topics.some((t) => HELD_BY_BACKOFF.has(physical.get(t) ?? t));
      const consumer = this.kafka.consumer({
        groupId,
        // kafkajs sleeps this long before fetching again when every assigned partition is paused:
        // at its default (5 s) a feed back-off's end waited up to 5 s to be noticed.
        ...(backsOff ? { maxWaitTimeInMs: FEED_FETCH_WAIT_MS } : {}),
        sessionTimeout: 30000,
        heartbeatInterval: 3000,
        // Bounds what is fetched and decoded at once: with dozens of assigned partitions a larger window
        // held hundreds of MB of buffers and decoded records (the hub ran out of a 256 MB heap).
        maxBytesPerPartition: laneFetchBytes(topics.map((t) => physical.get(t) ?? t)) ?? 1024 * 1024,
        maxBytes: 5 * 1024 * 1024,
        retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 30000 },
      });
      // Liveness watches the group's own consumer (the feeds); a lane's lag is in lags() and the metrics.
      if (groupId === this.options.groupId || byGroup.size === 1) this.liveness.attach(consumer);
      const pipeline = pipelined
        ? new PipelinedLane(consumer, {
            take: ({ batch }) => this.takeIn(physical.get(batch.topic) ?? batch.topic, batch.topic, batch.partition, batch.messages),
            hold: (payload, error) => this.holdPartition(payload, error),
          }, this.log)
        : undefined;
      this.consumers.push({ consumer, groupId, topics, pipeline });
      this.watchFreshness(consumer, topics.map((t) => physical.get(t) ?? t), groupId);
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      if (pipeline) {
        // Offsets are committed by the lane, in offset order, as its batches are taken in.
        await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => pipeline.accept(payload) });
      } else {
        await consumer.run({
          eachBatchAutoResolve: false,
          // Commit at the end of every batch: an interval would leave processed offsets uncommitted
          // at shutdown and the next instance would redo them.
          autoCommitThreshold: 1,
          partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 3,
          eachBatch: (payload) => this.processBatch(physical.get(payload.batch.topic) ?? payload.batch.topic, payload),
        });
      }
      this.log.info({ topics, groupId, pipelined }, 'feed consumer running');
    }
    this.watchLanesOnBroker(byGroup, physical);
    if (this.options.freshness && this.options.freshness.pauseAboveMs > 0 && (this.watched.size > 0 || this.laneWatches.length > 0) && this.feedAssignments.size > 0) {
      this.freshnessTimer = setInterval(() => this.judgeFreshness(), FRESHNESS_TICK_MS);
      this.freshnessTimer.unref();
    }
  }

  /**
   * Follows a consumer's assignment: the partitions of a watched lane (their age is judged), and
   * the feed partitions (what a back-off pauses; a partition assigned during a back-off is paused
   * at once). The lane's figures restart with each assignment: a partition taken over from another
   * instance is judged from its first batch here.
   */
  private watchFreshness(consumer: Consumer, logicalTopics: string[], groupId: string): void {
    if (!this.options.freshness) return;
    const lane = logicalTopics.map((t) => TOPIC_BY_NAME.get(t)).find((s) => s?.freshness && s.lane)?.lane;
    const feeds = logicalTopics.some((t) => HELD_BY_BACKOFF.has(t));
    if (lane) this.watched.set(lane, new Map());
    if (feeds) this.feedAssignments.set(consumer, []);
    if (!lane && !feeds) return;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      if (lane) this.watched.set(lane, new Map());
      if (!feeds) return;
      const assigned = Object.entries(e.payload.memberAssignment)
        .filter(([topic]) => HELD_BY_BACKOFF.has(this.logicalOf(topic)))
        .map(([topic, partitions]) => ({ topic, partitions: [...partitions] }));
      this.feedAssignments.set(consumer, assigned);
      if (this.backoff.paused && assigned.length > 0) consumer.pause(assigned);
      this.log.debug({ groupId, assigned }, 'feed partitions assigned');
    });
  }

  /**
   * Each freshness lane run here, and with watchLanesOf each freshness lane of that hub, is also
   * judged from the broker (LaneWatch): records the lane has fetched but not started, or not yet
   * fetched, count too. Only where this instance has feeds to hold back.
   */
  private watchLanesOnBroker(byGroup: Map<string, string[]>, physical: Map<string, string>): void {
    if (!this.options.freshness || this.options.freshness.pauseAboveMs <= 0 || this.feedAssignments.size === 0) return;
    const admin = () => this.lagAdmin();
    for (const [groupId, topics] of byGroup) {
      for (const topic of topics) {
        if (TOPIC_BY_NAME.get(physical.get(topic) ?? topic)?.freshness) this.laneWatches.push(new LaneWatch(admin, TOPIC_BY_NAME.get(physical.get(topic) ?? topic)?.lane ?? topic, groupId, topic, this.log));
      }
    }
    const remote = this.options.watchLanesOf;
    if (!remote) return;
    for (const spec of ALL_TOPICS) {
      // A lane of the same name this process runs itself (the tax and court perimeters read the facts
      // too) is watched above; the hub's is another group and is watched here as well.
      if (!spec.freshness || !spec.lane || remote === this.options.groupId) continue;
      this.laneWatches.push(new LaneWatch(admin, spec.lane, laneGroupId(remote, spec.name), physicalName(this.options.topicPrefix, spec.name), this.log));
    }
  }

  private logicalOf(physicalTopic: string): string {
    const prefix = this.options.topicPrefix;
    return prefix && physicalTopic.startsWith(prefix) ? physicalTopic.slice(prefix.length) : physicalTopic;
  }

  /** The watched lanes' age now, and the back-off it calls for (decideBackoff), applied to the feed consumers. */
  private judgeFreshness(now = Date.now()): void {
    const policy = this.options.freshness;
    if (!policy || this.closed) return;
    // Each lane as old as the older of its two views: its own batches, and the broker's offsets.
    const ages = new Map<string, number>();
    for (const [lane, partitions] of this.watched) ages.set(lane, laneAge(partitions.values(), now));
    for (const watch of this.laneWatches) {
      watch.poll();
      ages.set(watch.lane, Math.max(ages.get(watch.lane) ?? 0, watch.ageMs(now)));
    }
    let age = 0;
    for (const [lane, laneAgeMs] of ages) {
      this.options.metrics?.laneAge.set({ lane }, laneAgeMs / 1000);
      age = Math.max(age, laneAgeMs);
    }
    const before = this.backoff;
    this.backoff = decideBackoff(before, age, now, policy);
    // A held-back feed is still a flowing one: the recompute outboxes keep waiting (lastBatchAt), as
    // they would if the feeds were being read. Recomputing in every pause would take the loop from
    // the very lane the pause is for.
    if (this.backoff.paused) this.lastBatchAt = now;
    if (this.backoff.paused === before.paused) return;
    const m = this.options.metrics;
    m?.feedBackoff.set(this.backoff.paused ? 1 : 0);
    m?.feedBackoffChanges.inc({ reason: this.backoff.reason });
    for (const [consumer, assigned] of this.feedAssignments) {
      if (this.backoff.paused) {
        if (assigned.length > 0) consumer.pause(assigned);
        continue;
      }
      // A partition held by an infrastructure failure stays paused until its own backoff ends.
      const free = assigned
        .map(({ topic, partitions }) => ({ topic, partitions: partitions.filter((p) => !this.pauses.get(`${topic}/${p}`)?.timer) }))
        .filter((a) => a.partitions.length > 0);
      if (free.length > 0) consumer.resume(free);
    }
    this.log.info({ paused: this.backoff.paused, reason: this.backoff.reason, laneAgeMs: age }, this.backoff.paused
      ? 'feeds backing off: a projection lane is behind (freshness before throughput)'
      : 'feeds resumed');
  }

  /** The state of the feeds' back-off (tests, health). */
  backoffState(): BackoffState {
    return this.backoff;
  }

  private laneOf(logicalTopic: string): Map<string, LanePartition> | undefined {
    if (this.watched.size === 0) return undefined;
    const spec = TOPIC_BY_NAME.get(logicalTopic);
    return spec?.lane ? this.watched.get(spec.lane) : undefined;
  }

  private async processBatch(logicalTopic: string, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    if (HELD_BY_BACKOFF.has(logicalTopic)) return this.processHeldBatch(logicalTopic, payload);
    const lane = this.laneOf(logicalTopic);
    const key = `${batch.topic}/${batch.partition}`;
    const track = lane ? (lane.get(key) ?? { behind: false }) : undefined;
    const startedAt = Date.now();
    if (lane && track) {
      track.inFlightSince = Number(batch.messages[0].timestamp);
      lane.set(key, track);
    }
    try {
      await this.takeIn(logicalTopic, batch.topic, batch.partition, batch.messages);
    } catch (error) {
      // Only infrastructure failures get here: nothing resolved, nothing committed, nothing dead-lettered.
      // A lane held by its own failure is not judged: backing the feeds off cannot bring its database back.
      lane?.delete(key);
      this.holdPartition(payload, error);
      return;
    }
    if (track) {
      const now = Date.now();
      const oldest = track.inFlightSince ?? now;
      this.options.metrics?.laneBatchLag.observe({ topic: batch.topic }, Math.max(0, now - oldest) / 1000);
      // Where a late projection's time went: waiting to be fetched and started, or being taken in.
      // (At most one line every 10 s, with how many were late since the last.)
      if (this.options.freshness?.pauseAboveMs && now - oldest > this.options.freshness.pauseAboveMs) {
        this.lateLaneBatches += 1;
        if (now - this.lateLoggedAt > 10_000) {
          this.log.warn({
            topic: batch.topic, partition: batch.partition, records: batch.messages.length, waitedMs: startedAt - oldest, takeInMs: now - startedAt, lateBatches: this.lateLaneBatches,
          }, 'projection lane batches later than the freshness threshold');
          this.lateLoggedAt = now;
          this.lateLaneBatches = 0;
        }
      }
      track.inFlightSince = undefined;
      track.lastTaken = Number(batch.messages[batch.messages.length - 1].timestamp);
      track.behind = batch.offsetLag() !== '0';
      this.judgeFreshness(now);
    }
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
    await heartbeat();
    this.liveness.batchDone();
  }

  /**
   * A batch of a topic held by the back-off (a feed, or derived records that wait with the feeds),
   * taken in slice by slice (heldSliceRecords): each slice stored, its facts published, its offset
   * resolved and committed before the next. A feed record's public facts leave with its slice, not
   * after a whole fetched batch, so the register's lane gets them in bursts of a slice's size (a
   * 1 MiB justice batch published ~10,000 facts at one instant, which the lane took 0.5–1.5 s to
   * absorb: issue #12). A back-off that began meanwhile stops the batch between two slices; what is
   * not resolved is fetched again after the resume. So does one that began before the batch: a
   * fetch brings up to KAFKA maxBytes of feed records, seconds of work under load.
   */
  private async processHeldBatch(logicalTopic: string, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const size = this.options.heldSliceRecords ?? batch.messages.length;
    for (let from = 0; from < batch.messages.length; from += size) {
      if (!isRunning() || isStale() || this.backoff.paused) return;
      const messages = batch.messages.slice(from, from + size);
      try {
        await this.takeIn(logicalTopic, batch.topic, batch.partition, messages);
      } catch (error) {
        // An infrastructure failure: this slice is not resolved, committed or dead-lettered (earlier ones are done).
        this.holdPartition(payload, error);
        return;
      }
      resolveOffset(messages[messages.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
      this.liveness.batchDone();
    }
  }

  /**
   * Decode, hand to the handler, dead-letter what cannot be taken in. Throws only on an
   * infrastructure failure, and then has dead-lettered nothing; the caller moves the offset.
   */
  private async takeIn(logicalTopic: string, topic: string, partition: number, messages: KafkaMessage[]): Promise<void> {
    const batch = { topic, partition };
    if (FEED_TOPIC_NAMES.has(logicalTopic)) this.lastBatchAt = Date.now();
    const decoded = await this.decode(topic, partition, messages);
    const letters = decoded.letters;
    const feedBatch: FeedBatch = { topic, partition, records: decoded.records };
    const outcome = decoded.records.length > 0 ? await this.handle(logicalTopic, feedBatch) : { rejected: [] };
    letters.push(...outcome.rejected.map((r) => toDeadLetter(r.record, r.code, r.reason)));
    const stored = decoded.records.length - outcome.rejected.length;
    await this.deadLetters.publish(letters);
    this.releasePartition(batch.topic, batch.partition);
    if (letters.length > 0) {
      this.log.warn({ topic: batch.topic, partition: batch.partition, count: letters.length, codes: countCodes(letters) }, 'records dead-lettered');
    }
    const m = this.options.metrics;
    if (m) {
      if (stored > 0) m.recordsStored.inc({ topic: batch.topic }, stored);
      for (const [code, n] of Object.entries(countCodes(letters))) m.deadLetters.inc({ topic: batch.topic, code }, n);
      m.lastBatch.set({ topic: batch.topic }, Date.now() / 1000);
    }
  }

  /** Pauses the partition and resumes it after a backoff that doubles per failure; the same records come again. */
  private holdPartition(payload: EachBatchPayload, error: unknown): void {
    const { topic, partition } = payload.batch;
    const key = `${topic}/${partition}`;
    const { code } = classifyFailure(error);
    const state = this.pauses.get(key) ?? { failures: 0 };
    state.failures += 1;
    const { initial, max } = this.options.pauseBackoffMs ?? { initial: 1000, max: 60_000 };
    const waitMs = Math.min(max, initial * 2 ** (state.failures - 1));
    const resume = payload.pause();
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      // During a back-off the feed partition stays paused; the back-off's end resumes it.
      if (!(this.backoff.paused && HELD_BY_BACKOFF.has(this.logicalOf(topic)))) resume();
    }, waitMs);
    state.timer.unref();
    this.pauses.set(key, state);
    this.liveness.setPaused(topic, partition, true);
    this.options.metrics?.infrastructureErrors.inc({ topic, code });
    this.options.metrics?.pausedPartitions.set({ topic, partition: String(partition) }, 1);
    this.log.error(
      { topic, partition, code, failures: state.failures, retryInMs: waitMs, err: { message: (error as Error)?.message, name: (error as Error)?.name } },
      'ALERT: partition paused by an infrastructure error; nothing dead-lettered or committed, retrying',
    );
  }

  private releasePartition(topic: string, partition: number): void {
    const key = `${topic}/${partition}`;
    const state = this.pauses.get(key);
    if (!state) return;
    clearTimeout(state.timer);
    this.pauses.delete(key);
    this.liveness.setPaused(topic, partition, false);
    this.options.metrics?.pausedPartitions.set({ topic, partition: String(partition) }, 0);
    this.log.info({ topic, partition, failures: state.failures }, 'partition resumed: its dependency answers again');
  }

  private async decode(topic: string, partition: number, messages: KafkaMessage[]) {
    const records: FeedRecord[] = [];
    const letters: DeadLetter[] = [];
    const context = { subject: valueSubject(topic), producedAt: 0, refreshed: new Set<string>() };
    for (const m of messages) {
      const base = {
        topic, partition, offset: m.offset, key: m.key ? m.key.toString() : null, timestamp: m.timestamp,
        raw: m.value ?? Buffer.alloc(0), headers: stringHeaders(m.headers),
      };
      try {
        context.producedAt = Number(m.timestamp);
        records.push({ ...base, value: await this.registry.decode(m.value, context) });
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error;
        letters.push({ sourceTopic: topic, partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers, code: error.code, reason: error.message });
      }
    }
    return { records, letters };
  }

  /**
   * An infrastructure failure is thrown, so the partition pauses. Any other failure is about some
   * record: retry one by one, each a bounded number of times, and dead-letter only the ones that
   * keep failing, so a single poison record never stalls its partition.
   */
  private async handle(logicalTopic: string, batch: FeedBatch): Promise<BatchOutcome> {
    try {
      return await this.invoke(logicalTopic, batch);
    } catch (error) {
      await this.throwIfInfrastructure(error);
      const rejected: BatchOutcome['rejected'] = [];
      const attempts = Math.max(1, this.options.recordAttempts ?? 3);
      for (const record of batch.records) {
        for (let attempt = 1; ; attempt++) {
          try {
            rejected.push(...(await this.invoke(logicalTopic, { ...batch, records: [record] })).rejected);
            break;
          } catch (single) {
            await this.throwIfInfrastructure(single);
            if (attempt >= attempts) {
              rejected.push({ record, code: HandlerFailure.HANDLER_REJECTED, reason: `${(single as Error)?.message ?? String(single)} (after ${attempts} attempts)` });
              break;
            }
            await new Promise((r) => setTimeout(r, 50 * attempt));
          }
        }
      }
      return { rejected };
    }
  }

  private async throwIfInfrastructure(error: unknown): Promise<void> {
    const { kind } = classifyFailure(error);
    if (kind === FailureKind.INFRASTRUCTURE) throw error;
    if (kind === FailureKind.UNKNOWN && !(await this.dependenciesUp())) throw error;
  }

  /** One probe a second at most: a burst of failing records does not become a burst of pings. */
  private dependenciesUp(): Promise<boolean> {
    const check = this.options.dependenciesUp;
    if (!check) return Promise.resolve(true);
    if (!this.probe || Date.now() - this.probe.at > 1000) this.probe = { at: Date.now(), up: check().catch(() => false) };
    return this.probe.up;
  }

  /**
   * Nest's Server chains a second event handler for a pattern as the first one's `next`, and Nest's
   * own wrapper of an @EventPattern method calls its `next` on every call (fork-join). Calling each
   * handler of such a chain, as invoke does, then ran the second handler twice and the third three
   * times, side by side: three register upserts of the same facts waited on each other's row locks
   * in a load (bpr.facts.v1 has three handlers). Here handlers are kept in a list and never chained,
   * so each runs exactly once; the first is still registered for getHandlerByPattern.
   */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    const key = this.normalizePattern(pattern as string);
    const handlers = this.handlersByTopic.get(key);
    if (handlers && isEventHandler) {
      callback.isEventHandler = isEventHandler;
      callback.extras = extras;
      handlers.push(callback);
      return;
    }
    this.handlersByTopic.set(key, [callback]);
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  /**
   * Every module that takes a topic in gets the batch, each handler once (in the hub, the register
   * and the tax and court perimeters' projections all read bpr.facts.v1). Side by side: each writes
   * its own store through its own pool, and the batch is taken in when the slowest is done, not
   * after the sum of them (the register's change waited for the tax and court projections' writes). A failure of any retries
   * them all, once every one has settled (handlers are idempotent); a record refused by several is
   * dead-lettered once, with the first handler's reason.
   */
  private async invoke(logicalTopic: string, batch: FeedBatch): Promise<BatchOutcome> {
    const handlers = this.handlersByTopic.get(this.normalizePattern(logicalTopic));
    if (!handlers) throw new Error(`no handler for ${logicalTopic}`);
    const settled = await Promise.allSettled(handlers.map(async (handler) => {
      const result: unknown = await handler(batch);
      return (isObservable(result) ? await lastValueFrom(result) : result) as BatchOutcome | undefined;
    }));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const rejected = new Map<FeedRecord, BatchOutcome['rejected'][number]>();
    for (const s of settled as Array<PromiseFulfilledResult<BatchOutcome | undefined>>) {
      for (const r of s.value?.rejected ?? []) if (!rejected.has(r.record)) rejected.set(r.record, r);
    }
    return { rejected: [...rejected.values()] };
  }

  /** Lag per topic-partition of this instance's groups on their topics (cached briefly: metrics and health both ask). */
  lags(): Promise<PartitionLag[]> {
    if (this.topics.length === 0) return Promise.resolve([]);
    if (!this.lagCache || Date.now() - this.lagCache.at > LAG_CACHE_MS) {
      const groups = this.consumers.length > 0
        ? this.consumers.map((c) => ({ groupId: c.groupId, topics: c.topics }))
        : [{ groupId: this.options.groupId, topics: this.topics }];
      const lags = this.lagAdmin().then((admin) => Promise.all(groups.map((g) => partitionLags(admin, g.groupId, g.topics)))).then((all) => all.flat());
      lags.catch(() => { this.lagCache = undefined; });
      this.lagCache = { at: Date.now(), lags };
    }
    return this.lagCache.lags;
  }

  private async lagAdmin(): Promise<Admin> {
    // After close(), a lane batch finishing or a lag read in flight must not open a new admin
    // connection nobody would close (it kept a test process alive after its last test).
    // One connection for all callers, held as a promise from the first call on: health's lag read
    // and the lane watch asked together at startup, each opened one, and the one overwritten was
    // never closed (the full int run's jest did not exit). close() awaits it and disconnects it.
    if (this.closed) throw new Error('KafkaBatchServer is closed');
    if (!this.admin) {
      const admin = this.kafka.admin();
      const connected = admin.connect().then(() => admin);
      connected.catch(() => { if (this.admin === connected) this.admin = undefined; admin.disconnect().catch(() => undefined); });
      this.admin = connected;
    }
    return this.admin;
  }

  /** Group membership, last batch, lag against the threshold: `down` when the consumer is dead or stalled. */
  async health(): Promise<ConsumerHealth> {
    const observed = this.liveness.observations();
    let lag: number | null = null;
    if (observed.started) {
      const lags = await Promise.race([this.lags(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000).unref())]).catch(() => undefined);
      lag = lags ? lags.reduce((n, l) => n + l.lag, 0) : null;
    }
    return consumerVerdict(observed, lag, Date.now(), this.thresholds);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.freshnessTimer);
    for (const state of this.pauses.values()) clearTimeout(state.timer);
    this.pauses.clear();
    // disconnect() waits for the batch in flight and commits its resolved offsets; batches fetched
    // but not started are skipped (isRunning) and redelivered to whoever takes the partition.
    const consumers = this.consumers;
    this.consumers = [];
    // A pipelined lane's batches run past eachBatch: stop fetching, let them finish and commit.
    await Promise.all(consumers.map(async (c) => {
      if (!c.pipeline) return;
      c.consumer.pause(c.topics.map((topic) => ({ topic })));
      await c.pipeline.drain(20_000);
    }));
    await Promise.all(consumers.map((c) => c.consumer.disconnect()));
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  on(): never {
    throw new Error('KafkaBatchServer does not expose transport events');
  }

  /** The consumer of the instance's own group (the feeds). */
  unwrap<T>(): T {
    return (this.consumers.find((c) => c.groupId === this.options.groupId) ?? this.consumers[0])?.consumer as T;
  }
}

/** True for a topic whose lane hands batches over without holding the next fetch (TopicSpec.pipelined). */
export function isPipelined(logicalTopic: string): boolean {
  const spec = TOPIC_BY_NAME.get(logicalTopic);
  return Boolean(spec?.lane && spec.pipelined);
}

/** The smallest fetch size asked by a lane's topics (TopicSpec.fetchBytesPerPartition), if any. */
function laneFetchBytes(logicalTopics: string[]): number | undefined {
  const asked = logicalTopics.map((t) => TOPIC_BY_NAME.get(t)).filter((s) => s?.lane && s.fetchBytesPerPartition).map((s) => s!.fetchBytesPerPartition!);
  return asked.length > 0 ? Math.min(...asked) : undefined;
}

/** The consumer group a topic is read in: the instance's own, or `<group>.<lane>` for a topic with a lane. */
export function laneGroupId(groupId: string, logicalTopic: string): string {
  const lane = TOPIC_BY_NAME.get(logicalTopic)?.lane;
  return lane ? `${groupId}.${lane}` : groupId;
}

function toDeadLetter(record: FeedRecord, code: string, reason: string): DeadLetter {
  return {
    sourceTopic: record.topic, partition: record.partition, offset: record.offset, key: record.key,
    value: record.raw, headers: record.headers, code, reason,
  };
}

function stringHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return out;
}

function countCodes(letters: DeadLetter[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const l of letters) counts[l.code] = (counts[l.code] ?? 0) + 1;
  return counts;
}

/** Nest's default RPC filter turns errors into plain objects; the transport needs the real error to tell transient from permanent. */
@Catch()
export class PassThroughRpcFilter implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Marks a class of @EventPattern feed handlers; errors reach the transport unchanged. */
export const FeedConsumer = () => applyDecorators(Controller(), UseFilters(PassThroughRpcFilter));

export async function connectFeedTransport(app: INestApplication, server: KafkaBatchServer): Promise<void> {
  app.connectMicroservice({ strategy: server });
  await app.startAllMicroservices();
}
