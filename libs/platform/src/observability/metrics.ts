import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Metric names other modules rely on (dashboards, alerts, the NDIP gateway, the recompute outbox). */
export const METRIC_NAMES = {
  recordsStored: 'hub_records_stored_total',
  deadLetters: 'hub_dead_letters_total',
  consumerLag: 'hub_consumer_lag',
  consumerPausedPartitions: 'hub_consumer_paused_partitions',
  infrastructureErrors: 'hub_consumer_infrastructure_errors_total',
  lastBatch: 'hub_consumer_last_batch_timestamp_seconds',
  recomputeBacklog: 'hub_recompute_backlog',
  httpDuration: 'hub_http_request_duration_seconds',
  edsVerificationFailures: 'hub_eds_verification_failures_total',
  laneAge: 'hub_lane_age_seconds',
  laneBatchLag: 'hub_lane_batch_lag_seconds',
  feedBackoff: 'hub_feed_backoff',
  feedBackoffChanges: 'hub_feed_backoff_changes_total',
} as const;

export interface PartitionLag { topic: string; partition: number; lag: number }
type Provider<T> = () => Promise<T> | T;

/**
 * The hub's metrics in a registry of its own (not prom-client's global one), so every Nest app
 * and test has its own counters. Modules get this instance injected and touch only the named
 * metrics; a gauge whose value lives elsewhere (lag, backlog) is read at scrape time from a
 * provider the owning module sets.
 */
export class HubMetrics {
  readonly registry = new Registry();
  readonly recordsStored: Counter<'topic'>;
  readonly deadLetters: Counter<'topic' | 'code'>;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  readonly pausedPartitions: Gauge<'topic' | 'partition'>;
  readonly infrastructureErrors: Counter<'topic' | 'code'>;
  readonly lastBatch: Gauge<'topic'>;
  /** Entities waiting for a derived recompute, by source; set directly or through `observeRecomputeBacklog`. */
  readonly recomputeBacklog: Gauge<'source'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** EDS signatures refused, by the verifier's reason code (the NDIP gateway increments it). */
  readonly edsVerificationFailures: Counter<'code'>;
  /** Age of the oldest record a watched lane (TopicSpec.freshness) has not taken in: the projection lag. */
  readonly laneAge: Gauge<'lane'>;
  /** From a watched lane's record produced to its batch taken in (the change visible), per batch's oldest record. */
  readonly laneBatchLag: Histogram<'topic'>;
  /** 1 while this instance's feeds back off for a lane that is behind. */
  readonly feedBackoff: Gauge;
  readonly feedBackoffChanges: Counter<'reason'>;
  private lagProvider?: Provider<PartitionLag[]>;
  private backlogProvider?: Provider<Record<string, number>>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.recordsStored = new Counter({ name: METRIC_NAMES.recordsStored, help: 'Feed records taken into the stores', labelNames: ['topic'], registers });
    this.deadLetters = new Counter({ name: METRIC_NAMES.deadLetters, help: 'Records sent to a dead-letter topic, by reason code', labelNames: ['topic', 'code'], registers });
    this.consumerLag = new Gauge({
      name: METRIC_NAMES.consumerLag, help: 'Records on the broker not yet committed by the hub consumer group', labelNames: ['topic', 'partition'], registers,
      async collect() {
        if (!self.lagProvider) return;
        const lags = await Promise.resolve(self.lagProvider()).catch(() => undefined);
        if (!lags) return; // Kafka not answering: keep the last values rather than report zero
        this.reset();
        for (const l of lags) this.set({ topic: l.topic, partition: String(l.partition) }, l.lag);
      },
    });
    this.pausedPartitions = new Gauge({ name: METRIC_NAMES.consumerPausedPartitions, help: 'Partitions paused because a dependency failed (1 = paused)', labelNames: ['topic', 'partition'], registers });
    this.infrastructureErrors = new Counter({ name: METRIC_NAMES.infrastructureErrors, help: 'Batches held back by an infrastructure or permission error, by code', labelNames: ['topic', 'code'], registers });
    this.lastBatch = new Gauge({ name: METRIC_NAMES.lastBatch, help: 'When the consumer last finished a batch (unix seconds)', labelNames: ['topic'], registers });
    this.recomputeBacklog = new Gauge({
      name: METRIC_NAMES.recomputeBacklog, help: 'Entities waiting for a derived recompute', labelNames: ['source'], registers,
      async collect() {
        if (!self.backlogProvider) return;
        const backlog = await Promise.resolve(self.backlogProvider()).catch(() => undefined);
        if (!backlog) return;
        for (const [source, count] of Object.entries(backlog)) this.set({ source }, count);
      },
    });
    this.httpDuration = new Histogram({
      name: METRIC_NAMES.httpDuration, help: 'HTTP request duration by route', labelNames: ['method', 'route', 'status'], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    this.laneAge = new Gauge({ name: METRIC_NAMES.laneAge, help: 'Age of the oldest record a projection lane has not taken in yet', labelNames: ['lane'], registers });
    this.laneBatchLag = new Histogram({
      name: METRIC_NAMES.laneBatchLag, help: 'From the oldest record of a projection lane batch produced to the batch taken in', labelNames: ['topic'], registers,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    });
    this.feedBackoff = new Gauge({ name: METRIC_NAMES.feedBackoff, help: 'Feeds paused because a projection lane is behind (1 = paused)', registers });
    this.feedBackoff.set(0);
    this.feedBackoffChanges = new Counter({ name: METRIC_NAMES.feedBackoffChanges, help: 'Feed back-offs begun and ended, by reason', labelNames: ['reason'], registers });
    this.edsVerificationFailures = new Counter({ name: METRIC_NAMES.edsVerificationFailures, help: 'EDS signatures that failed verification, by reason code', labelNames: ['code'], registers });
  }

  observeConsumerLag(provider: Provider<PartitionLag[]>): void {
    this.lagProvider = provider;
  }

  observeRecomputeBacklog(provider: Provider<Record<string, number>>): void {
    this.backlogProvider = provider;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
