import { Injectable } from '@nestjs/common';
import { Database } from '@hub/platform';
import { InterruptionNotice } from './interruption.rules';

export interface SourcePosition { topic: string; partition: number; offset: string }
export interface StoredInterruption extends InterruptionNotice { updatedAt: Date }

const COLUMNS = [
  'participant', 'notice_id', 'affected_source', 'affected_feed', 'planned_start', 'planned_end', 'announced_at', 'cancelled',
  'reason', 'late_notice', 'event_time', 'source_topic', 'source_partition', 'source_offset', 'received_at',
] as const;
const TYPES = ['text', 'text', 'text', 'text', 'timestamptz', 'timestamptz', 'timestamptz', 'bool', 'text', 'bool', 'timestamptz', 'text', 'int', 'bigint', 'timestamptz'];

// One statement per batch; a notice changes only when the incoming version is strictly newer.
const UPSERT = `
  INSERT INTO src_feed_status.interruptions (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
  ON CONFLICT (participant, notice_id) DO UPDATE SET
    ${COLUMNS.filter((c) => c !== 'participant' && c !== 'notice_id').map((c) => `${c} = excluded.${c}`).join(',\n    ')},
    updated_at = now()
  WHERE src_feed_status.interruptions.event_time < excluded.event_time`;

@Injectable()
export class InterruptionRepository {
  constructor(private readonly database: Database) {}

  async upsert(items: ReadonlyArray<{ notice: InterruptionNotice; position: SourcePosition }>): Promise<number> {
    if (items.length === 0) return 0;
    const columns: unknown[][] = COLUMNS.map(() => []);
    for (const { notice: n, position: p } of items) {
      [
        n.participant, n.noticeId, n.source, n.feed, n.plannedStart.toISOString(), n.plannedEnd.toISOString(), n.announcedAt.toISOString(),
        n.cancelled, n.reason, n.lateNotice, n.eventTime.toISOString(), p.topic, p.partition, p.offset, n.receivedAt.toISOString(),
      ].forEach((v, i) => columns[i].push(v));
    }
    return (await this.database.pool.query(UPSERT, columns)).rowCount ?? 0;
  }

  async knownParticipants(): Promise<Set<string>> {
    const rows = await this.database.query<{ code: string }>('SELECT code FROM src_feed_status.participants');
    return new Set(rows.map((r) => r.code));
  }

  /** Operators register a participant (then replay its dead-lettered notices). */
  async registerParticipant(code: string, name: string): Promise<void> {
    await this.database.query('INSERT INTO src_feed_status.participants (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = excluded.name', [code, name]);
  }

  /** Notices received on `topic` (this deployment's physical topic) that had not ended by `since`. */
  async relevant(since: Date, topic: string): Promise<StoredInterruption[]> {
    const rows = await this.database.query<Record<string, unknown>>(
      'SELECT * FROM src_feed_status.interruptions WHERE planned_end >= $1 AND source_topic = $2 ORDER BY planned_start, participant, notice_id',
      [since.toISOString(), topic],
    );
    return rows.map((r) => ({
      participant: r.participant as string,
      noticeId: r.notice_id as string,
      source: r.affected_source as InterruptionNotice['source'],
      feed: r.affected_feed as string | null,
      plannedStart: r.planned_start as Date,
      plannedEnd: r.planned_end as Date,
      announcedAt: r.announced_at as Date,
      // Rows stored before arrival times were kept were judged by their declared time.
      receivedAt: (r.received_at ?? r.announced_at) as Date,
      cancelled: r.cancelled as boolean,
      reason: r.reason as string,
      lateNotice: r.late_notice as boolean,
      eventTime: r.event_time as Date,
      updatedAt: r.updated_at as Date,
    }));
  }
}
