/**
 * Partitions bound the parallelism of a consumer group:
 * scaling out means more partitions and more instances, never a code change.
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Avro schema file under schemas/; its subject is `<physical topic>-value`. */
  valueSchema?: string;
  /** What the record key holds; every producer must key by it so one entity stays in order. */
  key: string;
  retentionMs?: number;
  /**
   * `LogAppendTime`: the broker stamps each record on arrival, so its timestamp is when the hub was
   * informed and no producer can set it (BPR §9 lateness). Default: the producer's CreateTime.
   */
  timestampType?: 'LogAppendTime';
  /** Feed topics get a `<topic>.dlq` twin for records that cannot be taken in. */
  deadLetter: boolean;
  /**
   * Read by a consumer and group of its own in each instance (`<KAFKA_GROUP_ID>.<lane>`). kafkajs
   * asks for every assigned partition in one fixed order and the broker fills each fetch in that
   * order: behind a feed backlog a topic in the shared consumer waited until the backlog drained.
   */
  lane?: string;
  /**
   * Only with a lane: request topics answered record by record (NDIP KYC). A fetched batch is handed
   * over without holding the next fetch, and offsets commit per partition, in offset order, once
   * every record up to them is taken in (PipelinedLane): a request no longer waits for the batch
   * fetched before it, nor for that batch's commit, before it is even fetched.
   */
  pipelined?: boolean;
  /**
   * Only with a lane: freshness before throughput. When the lane's oldest record not yet taken in
   * is older than FRESHNESS_PAUSE_ABOVE_MS, the instance stops fetching its feeds until the lane is
   * under FRESHNESS_RESUME_BELOW_MS (KafkaBatchServer, freshness.rules.ts).
   */
  freshness?: boolean;
  /**
   * Derived work a back-off holds as it holds the feeds (not a lane of its own): records the hub
   * makes from the feeds and takes in on the same event loop and database as the watched lane, so
   * taking them in during a back-off would keep the lane from catching up.
   */
  heldByBackoff?: boolean;
  /**
   * Only with a lane: bytes fetched per partition at once (default 1 MiB). A batch is taken in as a
   * whole, so its first record waits for all of it: a lane read for its latency fetches less.
   */
  fetchBytesPerPartition?: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
