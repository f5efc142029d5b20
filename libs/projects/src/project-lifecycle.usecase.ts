import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, Logger, Queryable } from '@hub/platform';
import { IsoDate, addCalendarDays, kzDate, toEpochDay } from './core/calendar';
import { GroundObserved, LifecycleDeps, ProjectFact, ProjectState, StatusEvent, decide, evolve, tick } from './core/lifecycle';
import { EvidenceRow, FactOutcome, ProjectsRepository } from './projects.repository';

export const LIFECYCLE_DEPS = Symbol('LIFECYCLE_DEPS');

export interface SourcedFact { fact: ProjectFact; source: string }

/** Noon in Kazakhstan on a day: the instant a tick "for that day" runs at. */
export const dayInstant = (day: IsoDate): Date => new Date(`${day}T12:00:00+05:00`);

/**
 * Applies facts to projects: load states (locked), run the pure decide/evolve, write state,
 * history and outcomes in one transaction. Redelivered facts are skipped by id; a project's BIN
 * appearing pulls in the §33 evidence already stored for it.
 */
@Injectable()
export class ProjectLifecycle {
  constructor(
    private readonly repo: ProjectsRepository,
    @Inject(LIFECYCLE_DEPS) private readonly deps: LifecycleDeps,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async apply(facts: readonly SourcedFact[], now: Date): Promise<{ outcomes: FactOutcome[]; events: StatusEvent[] }> {
    if (facts.length === 0) return { outcomes: [], events: [] };
    return this.repo.transaction(async (q) => {
      const taken = await this.repo.takenFacts(facts.map((f) => f.fact.factId), q);
      const fresh = facts.filter((f) => !taken.has(f.fact.factId) && (taken.add(f.fact.factId), true));
      const states = await this.repo.loadStates([...new Set(fresh.map((f) => f.fact.projectId))], q);
      const outcomes: FactOutcome[] = [];
      const events: StatusEvent[] = [];
      const binLinked = new Map<string, IsoDate>();
      for (const { fact, source } of fresh) {
        const state = states.get(fact.projectId) as ProjectState;
        const decision = decide(fact, state, now, this.deps);
        if (!decision.ok) {
          outcomes.push({ factId: fact.factId, projectId: fact.projectId, factType: fact.type, outcome: 'REFUSED', code: decision.code, reason: decision.reason, source });
          continue;
        }
        const next = decision.events.reduce(evolve, state);
        states.set(fact.projectId, next);
        events.push(...decision.events);
        outcomes.push({ factId: fact.factId, projectId: fact.projectId, factType: fact.type, outcome: 'APPLIED', code: null, reason: null, source });
        if (next.companyBin && next.companyBin !== state.companyBin) binLinked.set(fact.projectId, fact.occurredOn);
      }
      // NDIP §33: grounds found before the project had this BIN count as soon as it has it.
      if (binLinked.size > 0) {
        const bins = [...binLinked.keys()].map((id) => (states.get(id) as ProjectState).companyBin as string);
        const evidence = await this.repo.evidenceForBins(bins, q);
        for (const [projectId, linkedOn] of binLinked) {
          const state = states.get(projectId) as ProjectState;
          const mine = evidence.filter((e) => e.bin === state.companyBin);
          const r = this.raise(state, mine, linkedOn, now);
          states.set(projectId, r.state);
          events.push(...r.events);
          outcomes.push(...r.outcomes);
        }
      }
      const touched = [...states.values()].filter((s) => s.version > 0 && (events.some((e) => e.projectId === s.projectId)));
      await this.repo.save(outcomes, events, touched, q);
      return { outcomes, events };
    });
  }

  /** Evidence from the hub's feeds (NDIP §33.3, §33.5): stored by BIN, raised on every project with that BIN. */
  async observeGrounds(rows: readonly EvidenceRow[], now: Date): Promise<StatusEvent[]> {
    if (rows.length === 0) return [];
    return this.repo.transaction(async (q) => {
      const fresh = await this.repo.storeEvidence(rows, q);
      const links = await this.repo.projectsByBins([...new Set(fresh.map((r) => r.bin))], q);
      if (links.length === 0) return [];
      const states = await this.repo.loadStates([...new Set(links.map((l) => l.projectId))], q);
      const events: StatusEvent[] = [];
      const outcomes: FactOutcome[] = [];
      for (const [projectId, state] of states) {
        const r = this.raise(state, fresh.filter((e) => e.bin === state.companyBin), null, now);
        states.set(projectId, r.state);
        events.push(...r.events);
        outcomes.push(...r.outcomes);
      }
      await this.repo.save(outcomes, events, [...states.values()].filter((s) => events.some((e) => e.projectId === s.projectId)), q);
      return events;
    });
  }

  private raise(state: ProjectState, evidence: readonly EvidenceRow[], linkedOn: IsoDate | null, now: Date): { state: ProjectState; events: StatusEvent[]; outcomes: FactOutcome[] } {
    const events: StatusEvent[] = [];
    const outcomes: FactOutcome[] = [];
    const today = kzDate(now);
    for (const e of evidence) {
      if (state.evidenceSeen.includes(e.id)) continue;
      // The ground takes effect on the later of the record's date and the day the project got the BIN
      // (never after today): a deterministic date, so a replay raises it identically.
      let on = linkedOn && toEpochDay(linkedOn) > toEpochDay(e.recordDate) ? linkedOn : e.recordDate;
      if (toEpochDay(on) > toEpochDay(today)) on = today;
      const fact: GroundObserved = {
        type: 'GroundObserved', factId: `ground:${e.id}:${state.projectId}`, projectId: state.projectId, occurredOn: on, ground: e.ground,
        evidence: { id: e.id, topic: e.topic, partition: e.partition, offset: e.offset, record: e.record, recordDate: e.recordDate, detail: e.detail },
      };
      const d = decide(fact, state, now, this.deps);
      if (!d.ok) continue;
      state = d.events.reduce(evolve, state);
      events.push(...d.events);
      outcomes.push({ factId: fact.factId, projectId: state.projectId, factType: fact.type, outcome: 'APPLIED', code: null, reason: null, source: e.topic });
    }
    return { state, events, outcomes };
  }

  /** What time alone changes on `day`: deadline expiries and Module 3's end (pure tick), then task colors (set-based). */
  async tickDay(day: IsoDate): Promise<{ deadlineEvents: number; colorEvents: number }> {
    const now = dayInstant(day);
    const due = await this.repo.projectsWithDueDeadlines(day);
    let deadlineEvents = 0;
    for (let i = 0; i < due.length; i += 500) {
      const chunk = due.slice(i, i + 500);
      deadlineEvents += await this.repo.transaction(async (q: Queryable) => {
        const states = await this.repo.loadStates(chunk, q);
        const events: StatusEvent[] = [];
        const touched: ProjectState[] = [];
        for (const s of states.values()) {
          const ev = tick(s, now);
          if (ev.length === 0) continue;
          events.push(...ev);
          touched.push(ev.reduce(evolve, s));
        }
        await this.repo.save([], events, touched, q);
        return events.length;
      });
    }
    const colorEvents = await this.repo.transaction((q) => this.repo.recolor(day, q), true);
    await this.repo.recordTick(day, deadlineEvents + colorEvents);
    this.log.info({ day, deadlineEvents, colorEvents }, 'projects tick');
    return { deadlineEvents, colorEvents };
  }

  /** Start-up catch-up: every day since the last tick (at most `maxDays`), oldest first, then today. */
  async catchUp(now: Date, maxDays = 370): Promise<IsoDate[]> {
    const today = kzDate(now);
    const last = await this.repo.lastTick();
    const first = last === null ? today : addCalendarDays(last, 1);
    const start = toEpochDay(today) - toEpochDay(first) > maxDays ? addCalendarDays(today, -maxDays) : first;
    const days: IsoDate[] = [];
    for (let d = start; toEpochDay(d) <= toEpochDay(today); d = addCalendarDays(d, 1)) days.push(d);
    for (const d of days) await this.tickDay(d);
    return days;
  }
}
