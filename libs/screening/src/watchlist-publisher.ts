import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { AvroPublisher, AvroRegistry, Topics, physicalName } from '@hub/platform';
import { ListSnapshot, delistings } from './parsing/list-snapshot';
import { WatchlistEntryRecord } from './watchlist-entry';

export interface WatchlistPublishing {
  kafka: Kafka;
  registry: AvroRegistry;
  publisher: AvroPublisher;
  topicPrefix: string;
}

export interface PublishReport {
  list: string;
  listVersion: string;
  published: number;
  delisted: string[];
  problems: ListSnapshot['problems'];
}

/**
 * The latest record per entry on feed.watchlists.v1, read from the beginning to the end offsets
 * as they were when the read started. The topic is the list's history: the publisher compares a
 * new snapshot with it to tell de-listings (NDIP-NOTES §1).
 */
export async function readPublishedEntries(kafka: Kafka, registry: AvroRegistry, topic: string, timeoutMs = 60_000): Promise<WatchlistEntryRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const pending = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high) - 1]));
  const latest = new Map<string, WatchlistEntryRecord>();
  if (pending.size === 0) return [];
  const consumer = kafka.consumer({ groupId: `watchlists-publisher-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} took longer than ${timeoutMs} ms`)), timeoutMs);
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          try {
            const value = (await registry.decode(message.value)) as WatchlistEntryRecord;
            const seen = latest.get(value.entryId);
            if (!seen || seen.eventTime <= value.eventTime) latest.set(value.entryId, value);
          } catch {
            // A record the registry cannot decode was dead-lettered by the hub; it is no list state.
          }
          const last = pending.get(partition);
          if (last !== undefined && Number(message.offset) >= last) pending.delete(partition);
          if (pending.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return [...latest.values()];
}

/**
 * Publishes each snapshot: every entry it holds, plus a de-listed record for each entry in force
 * on the topic that the snapshot no longer holds. Keyed by entry id.
 */
export async function publishWatchlistSnapshots(target: WatchlistPublishing, snapshots: readonly ListSnapshot[]): Promise<PublishReport[]> {
  const topic = physicalName(target.topicPrefix, Topics.watchlists.name);
  const current = await readPublishedEntries(target.kafka, target.registry, topic);
  const reports: PublishReport[] = [];
  for (const snapshot of snapshots) {
    const gone = delistings(current, snapshot);
    const records = [...snapshot.entries, ...gone];
    for (let i = 0; i < records.length; i += 500) {
      await target.publisher.publish(Topics.watchlists, records.slice(i, i + 500).map((r) => ({ key: r.entryId, value: r })));
    }
    reports.push({ list: snapshot.list, listVersion: snapshot.listVersion, published: snapshot.entries.length, delisted: gone.map((g) => g.entryId), problems: snapshot.problems });
  }
  return reports;
}
