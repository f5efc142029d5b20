import { Inject, Injectable } from '@nestjs/common';
import { Database, Queryable } from '@hub/platform';
import { IsoDate } from './core/calendar';
import { Evidence, ProjectState, StatusEvent, SuspensionGround, initialState } from './core/lifecycle';
import { RegionTasks, TaskColor, YELLOW_DAYS } from './core/monitoring';

export interface FactOutcome {
  factId: string;
  projectId: string;
  factType: string;
  outcome: 'APPLIED' | 'REFUSED';
  code: string | null;
  reason: string | null;
  source: string;
}

export interface StoredEvent extends StatusEvent { seq: string; recordedAt: Date; publishedAt: Date | null }

export interface TaskView { projectId: string; taskId: string; regionKato: string; stage: number; dueOn: IsoDate; completedOn: IsoDate | null; color: TaskColor | null }

export interface EvidenceRow extends Evidence { bin: string; ground: SuspensionGround }

/** Advisory lock key of the lifecycle writers (arbitrary, fixed). */
const LIFECYCLE_LOCK = 7_311_011;

const iso = (d: Date | string | null): IsoDate | null => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10));

/**
 * The color of a task as SQL, the same rule as taskColor() in core/monitoring.ts (NDIP §55):
 * completed none, overdue red, fewer than 10 days left yellow, else green. $1 is today.
 */
const COLOR_SQL = `CASE WHEN completed_on IS NOT NULL THEN NULL WHEN due_on < $1::date THEN 'RED' WHEN due_on - $1::date < ${YELLOW_DAYS} THEN 'YELLOW' ELSE 'GREEN' END`;

/** The projects schema: state + history, written in one transaction per batch of facts. */
@Injectable()
export class ProjectsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Current states (with the stored version) of these projects; unknown ones start empty. */
  async loadStates(projectIds: readonly string[], q: Queryable = this.db.pool): Promise<Map<string, ProjectState>> {
    const out = new Map<string, ProjectState>();
    if (projectIds.length === 0) return out;
    const { rows } = await q.query<{ project_id: string; version: number; state: ProjectState }>(
      // In a transaction, the row locks (taken in id order, so two writers never deadlock) keep the
      // feed-ground writer and the fact consumer from interleaving on one project.
      'SELECT project_id, version, state FROM projects.project WHERE project_id = ANY($1::text[]) ORDER BY project_id FOR UPDATE', [projectIds]);
    for (const r of rows) out.set(r.project_id, { ...r.state, version: r.version });
    for (const id of projectIds) if (!out.has(id)) out.set(id, initialState(id));
    return out;
  }

  async takenFacts(factIds: readonly string[], q: Queryable = this.db.pool): Promise<Set<string>> {
    if (factIds.length === 0) return new Set();
    const { rows } = await q.query<{ fact_id: string }>('SELECT fact_id FROM projects.applied_fact WHERE fact_id = ANY($1::text[])', [factIds]);
    return new Set(rows.map((r) => r.fact_id));
  }

  /**
   * Writes a batch: fact outcomes, new events, final states, their tasks and open deadlines. A fact
   * already taken is skipped by its primary key, and an event by its id, so a redelivered batch
   * changes nothing. Serialises per project with the row lock of the upsert.
   */
  async save(facts: readonly FactOutcome[], events: readonly StatusEvent[], states: readonly ProjectState[], q: Queryable): Promise<void> {
    if (facts.length > 0) {
      await q.query(
        `INSERT INTO projects.applied_fact (fact_id, project_id, fact_type, outcome, code, reason, source)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) ON CONFLICT (fact_id) DO NOTHING`,
        [facts.map((f) => f.factId), facts.map((f) => f.projectId), facts.map((f) => f.factType), facts.map((f) => f.outcome), facts.map((f) => f.code), facts.map((f) => f.reason), facts.map((f) => f.source)],
      );
    }
    if (events.length > 0) {
      await q.query(
        `INSERT INTO projects.event (event_id, project_id, version, type, paragraph, effective_on, caused_by, data)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::date[], $7::text[], $8::jsonb[]) ON CONFLICT (event_id) DO NOTHING`,
        [events.map((e) => e.eventId), events.map((e) => e.projectId), events.map((e) => e.version), events.map((e) => e.type), events.map((e) => e.paragraph),
          events.map((e) => e.effectiveOn), events.map((e) => e.causedBy), events.map((e) => JSON.stringify(e.data))],
      );
    }
    if (states.length === 0) return;
    const ids = states.map((s) => s.projectId);
    await q.query(
      `INSERT INTO projects.project (project_id, version, module, stage, region_kato, company_bin, pool, state)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
       ON CONFLICT (project_id) DO UPDATE SET version = excluded.version, module = excluded.module, stage = excluded.stage, region_kato = excluded.region_kato,
         company_bin = excluded.company_bin, pool = excluded.pool, state = excluded.state, updated_at = now()
       WHERE projects.project.version < excluded.version`,
      [ids, states.map((s) => s.version), states.map((s) => s.module), states.map((s) => s.stage), states.map((s) => s.regionKato), states.map((s) => s.companyBin),
        states.map((s) => s.classification?.pool.pool ?? null), states.map((s) => JSON.stringify(s))],
    );
    // Tasks and deadlines mirror the state of the touched projects; a closed project leaves monitoring.
    const live = states.filter((s) => s.module !== 'CLOSED');
    const tasks = live.flatMap((s) => s.tasks.map((t) => ({ ...t, projectId: s.projectId, regionKato: s.regionKato ?? '' })));
    await q.query(
      `DELETE FROM projects.task t WHERE t.project_id = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) k(p, id) WHERE k.p = t.project_id AND k.id = t.task_id)`,
      [ids, tasks.map((t) => t.projectId), tasks.map((t) => t.taskId)]);
    if (tasks.length > 0) {
      await q.query(
        `INSERT INTO projects.task (project_id, task_id, region_kato, stage, due_on, completed_on)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::date[], $6::date[])
         ON CONFLICT (project_id, task_id) DO UPDATE SET region_kato = excluded.region_kato, stage = excluded.stage, due_on = excluded.due_on, completed_on = excluded.completed_on`,
        [tasks.map((t) => t.projectId), tasks.map((t) => t.taskId), tasks.map((t) => t.regionKato), tasks.map((t) => t.stage), tasks.map((t) => t.dueOn), tasks.map((t) => t.completedOn)],
      );
    }
    const deadlines = live.flatMap((s) => s.deadlines.filter((d) => d.status === 'OPEN').map((d) => ({ ...d, projectId: s.projectId })));
    await q.query('DELETE FROM projects.deadline WHERE project_id = ANY($1::text[])', [ids]);
    if (deadlines.length > 0) {
      await q.query('INSERT INTO projects.deadline (project_id, kind, due_on) SELECT * FROM unnest($1::text[], $2::text[], $3::date[])',
        [deadlines.map((d) => d.projectId), deadlines.map((d) => d.kind), deadlines.map((d) => d.dueOn)]);
    }
  }

  /**
   * Fact writers share the lifecycle lock; the tick takes it alone, because its set-based color pass
   * bumps versions of many projects at once.
   */
  transaction<T>(work: (q: Queryable) => Promise<T>, exclusive = false): Promise<T> {
    return this.db.transaction(async (q) => {
      await q.query(exclusive ? 'SELECT pg_advisory_xact_lock($1)' : 'SELECT pg_advisory_xact_lock_shared($1)', [LIFECYCLE_LOCK]);
      return work(q);
    });
  }

  /** Projects with a deadline the tick of `today` may expire (due before today; Module 3's end on it). */
  async projectsWithDueDeadlines(today: IsoDate): Promise<string[]> {
    const rows = await this.db.query<{ project_id: string }>(
      `SELECT DISTINCT project_id FROM projects.deadline WHERE due_on < $1::date OR (kind = 'POST_INVESTMENT_END' AND due_on <= $1::date)`, [today]);
    return rows.map((r) => r.project_id);
  }

  /**
   * NDIP §55, set-based: recolor every open task for `today` and append a TaskColorChanged event
   * for each change between two colors (a task's first color and a completed task's clearing are
   * silent: the TaskScheduled / TaskCompleted events already say so). Event ids are md5 of the
   * project, task, day and color, so running the same day twice adds nothing.
   */
  async recolor(today: IsoDate, q: Queryable): Promise<number> {
    const { rows } = await q.query<{ n: string }>(
      `WITH cur AS (
         SELECT project_id, task_id, due_on, color AS old, ${COLOR_SQL} AS new FROM projects.task
       ), changed AS (
         UPDATE projects.task t SET color = cur.new FROM cur
          WHERE t.project_id = cur.project_id AND t.task_id = cur.task_id AND cur.old IS DISTINCT FROM cur.new
         RETURNING t.project_id, t.task_id, t.due_on, cur.old, cur.new
       ), emitted AS (
         SELECT c.*, row_number() OVER (PARTITION BY c.project_id ORDER BY c.task_id) AS rn, count(*) OVER (PARTITION BY c.project_id) AS cnt
           FROM changed c WHERE c.old IS NOT NULL AND c.new IS NOT NULL
       ), bumped AS (
         UPDATE projects.project p SET version = p.version + e.cnt, updated_at = now()
           FROM (SELECT DISTINCT project_id, cnt FROM emitted) e WHERE p.project_id = e.project_id
         RETURNING p.project_id, p.version - e.cnt AS base
       ), inserted AS (
         INSERT INTO projects.event (event_id, project_id, version, type, paragraph, effective_on, caused_by, data)
         SELECT md5(e.project_id || '|' || 'tick:color:' || $1 || ':' || e.task_id || ':' || e.new)::uuid, e.project_id, b.base + e.rn, 'TaskColorChanged', 'NDIP §55', $1::date,
                'tick:color:' || $1 || ':' || e.task_id, jsonb_build_object('taskId', e.task_id, 'from', e.old, 'to', e.new, 'dueOn', e.due_on)
           FROM emitted e JOIN bumped b USING (project_id)
         ON CONFLICT (event_id) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::text AS n FROM inserted`, [today]);
    return Number(rows[0].n);
  }

  async lastTick(): Promise<IsoDate | null> {
    const rows = await this.db.query<{ tick_on: string | null }>("SELECT max(tick_on)::text AS tick_on FROM projects.tick_log");
    return rows[0].tick_on;
  }

  async recordTick(day: IsoDate, events: number): Promise<void> {
    await this.db.query('INSERT INTO projects.tick_log (tick_on, events) VALUES ($1, $2) ON CONFLICT (tick_on) DO UPDATE SET events = projects.tick_log.events + excluded.events, finished_at = now()', [day, events]);
  }

  // ---- reads ----

  async history(projectId: string): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(`${EVENT_SELECT} WHERE project_id = $1 ORDER BY version`, [projectId]);
    return rows.map(toEvent);
  }

  /** Whether any status event waits to be published: one index probe (event_unpublished). */
  async hasUnpublished(): Promise<boolean> {
    const rows = await this.db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM projects.event WHERE published_at IS NULL) AS any');
    return rows[0].any;
  }

  /** The oldest unpublished events by seq, and each of their projects' highest published version. */
  async unpublished(limit: number): Promise<{ events: StoredEvent[]; publishedUpTo: Map<string, number> }> {
    const rows = await this.db.query<EventRow>(`${EVENT_SELECT} WHERE published_at IS NULL ORDER BY seq LIMIT $1`, [limit]);
    const projects = [...new Set(rows.map((r) => r.project_id))];
    const upTo = projects.length === 0 ? [] : await this.db.query<{ project_id: string; version: number }>(
      'SELECT project_id, max(version) AS version FROM projects.event WHERE project_id = ANY($1::text[]) AND published_at IS NOT NULL GROUP BY project_id', [projects]);
    return { events: rows.map(toEvent), publishedUpTo: new Map(upTo.map((r) => [r.project_id, Number(r.version)])) };
  }

  async markPublished(seqs: readonly string[]): Promise<void> {
    if (seqs.length > 0) await this.db.query('UPDATE projects.event SET published_at = now() WHERE seq = ANY($1::bigint[])', [seqs]);
  }

  async tasks(projectId: string): Promise<TaskView[]> {
    const rows = await this.db.query<TaskRow>('SELECT project_id, task_id, region_kato, stage, due_on::text, completed_on::text, color FROM projects.task WHERE project_id = $1 ORDER BY due_on, task_id', [projectId]);
    return rows.map(toTask);
  }

  /** Open tasks of live projects by today's color (NDIP §55), computed on read so it is right even before today's tick. */
  async tasksByColor(today: IsoDate, color: TaskColor | null, limit: number, regionKato: string | null): Promise<TaskView[]> {
    const rows = await this.db.query<TaskRow>(
      `SELECT project_id, task_id, region_kato, stage, due_on::text, completed_on::text, ${COLOR_SQL} AS color
         FROM projects.task WHERE completed_on IS NULL AND ($2::text IS NULL OR ${COLOR_SQL} = $2) AND ($4::text IS NULL OR region_kato = $4)
        ORDER BY due_on, project_id, task_id LIMIT $3`, [today, color, limit, regionKato]);
    return rows.map(toTask);
  }

  /**
   * NDIP §56 inputs per region: live projects in Modules 2–3 and the sum of their tasks' delinquency
   * points (open tasks until today, completed ones until completion), the bands of delinquencyPoints().
   */
  async regionTotals(today: IsoDate): Promise<RegionTasks[]> {
    const rows = await this.db.query<{ region_kato: string; projects: string; points: string }>(
      `WITH p AS (
         SELECT project_id, region_kato FROM projects.project WHERE module IN ('M2_IMPLEMENTATION', 'M3_POST_INVESTMENT') AND region_kato IS NOT NULL
       ), d AS (
         SELECT t.project_id, COALESCE(t.completed_on, $1::date) - t.due_on AS days FROM projects.task t
       )
       SELECT p.region_kato, count(DISTINCT p.project_id)::text AS projects,
              COALESCE(sum(CASE WHEN d.days <= 0 THEN 0 WHEN d.days <= 5 THEN 0.5 WHEN d.days <= 15 THEN 1 ELSE 1.5 END), 0)::text AS points
         FROM p LEFT JOIN d ON d.project_id = p.project_id
        GROUP BY p.region_kato`, [today]);
    return rows.map((r) => ({ regionKato: r.region_kato, projects: Number(r.projects), points: Number(r.points) }));
  }

  // ---- ground evidence (NDIP §33) ----

  /** Keeps evidence by BIN (whether or not a project has that BIN yet); returns the rows new to the store. */
  async storeEvidence(rows: readonly EvidenceRow[], q: Queryable = this.db.pool): Promise<EvidenceRow[]> {
    if (rows.length === 0) return [];
    const { rows: inserted } = await q.query<{ evidence_id: string }>(
      `INSERT INTO projects.ground_evidence (evidence_id, bin, ground, topic, source_partition, source_offset, record, record_date, detail)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::date[], $9::text[])
       ON CONFLICT (evidence_id) DO NOTHING RETURNING evidence_id`,
      [rows.map((r) => r.id), rows.map((r) => r.bin), rows.map((r) => r.ground), rows.map((r) => r.topic), rows.map((r) => r.partition), rows.map((r) => r.offset),
        rows.map((r) => r.record), rows.map((r) => r.recordDate), rows.map((r) => r.detail)],
    );
    const fresh = new Set(inserted.map((r) => r.evidence_id));
    return rows.filter((r) => fresh.has(r.id));
  }

  async evidenceForBins(bins: readonly string[], q: Queryable = this.db.pool): Promise<EvidenceRow[]> {
    if (bins.length === 0) return [];
    const { rows } = await q.query<{ evidence_id: string; bin: string; ground: SuspensionGround; topic: string; source_partition: number | null; source_offset: string | null; record: string; record_date: string; detail: string }>(
      `SELECT evidence_id, bin, ground, topic, source_partition, source_offset::text, record, record_date::text, detail FROM projects.ground_evidence WHERE bin = ANY($1::text[]) ORDER BY observed_at, evidence_id`, [bins]);
    return rows.map((r) => ({ id: r.evidence_id, bin: r.bin, ground: r.ground, topic: r.topic, partition: r.source_partition, offset: r.source_offset, record: r.record, recordDate: r.record_date, detail: r.detail }));
  }

  async projectsByBins(bins: readonly string[], q: Queryable = this.db.pool): Promise<Array<{ projectId: string; bin: string }>> {
    if (bins.length === 0) return [];
    const { rows } = await q.query<{ project_id: string; company_bin: string }>('SELECT project_id, company_bin FROM projects.project WHERE company_bin = ANY($1::text[])', [bins]);
    return rows.map((r) => ({ projectId: r.project_id, bin: r.company_bin }));
  }
}

interface EventRow { seq: string; event_id: string; project_id: string; version: number; type: StatusEvent['type']; paragraph: StatusEvent['paragraph']; effective_on: string; caused_by: string; data: Record<string, unknown>; recorded_at: Date; published_at: Date | null }
const EVENT_SELECT = 'SELECT seq::text, event_id::text, project_id, version, type, paragraph, effective_on::text, caused_by, data, recorded_at, published_at FROM projects.event';
const toEvent = (r: EventRow): StoredEvent => ({
  seq: r.seq, eventId: r.event_id, projectId: r.project_id, version: r.version, type: r.type, paragraph: r.paragraph, effectiveOn: r.effective_on,
  causedBy: r.caused_by, data: r.data, recordedAt: r.recorded_at, publishedAt: r.published_at,
});

interface TaskRow { project_id: string; task_id: string; region_kato: string; stage: number; due_on: string; completed_on: string | null; color: TaskColor | null }
const toTask = (r: TaskRow): TaskView => ({ projectId: r.project_id, taskId: r.task_id, regionKato: r.region_kato, stage: r.stage, dueOn: r.due_on, completedOn: iso(r.completed_on), color: r.color });
