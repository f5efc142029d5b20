// Pure: the investment project lifecycle of the one-stop-shop rules (NDIP chapters 3–4), emmett style:
// decide(fact, state, now) -> events | refusal, evolve(state, event) -> state, tick(state, now) -> events.
// No Nest, no I/O. Every event carries the paragraph that caused it. Deadlines are computed from the
// date of the act a fact reports (not from when the hub saw it), so a replay yields the same events.
import { createHash } from 'node:crypto';
import { IsoDate, WorkingCalendar, addCalendarDays, addYears, kzDate, toEpochDay } from './calendar';
import {
  Economy, GreenCorridorScore, HighTechLevel, Money, PoolDecision, classifyPool, greenCorridorScore, taskForceRouting,
} from './classification';

export type Paragraph = `NDIP §${string}` | `BPR §${string}`;

// ---- inbound facts (what people did in NDIP) ----------------------------------------------------

interface FactBase { factId: string; projectId: string; occurredOn: IsoDate }

export interface InitiativeRegistered extends FactBase {
  type: 'InitiativeRegistered';
  initiator: string;
  regionKato: string;
  companyBin: string | null;
  investment: Money;
  jobs: number;
  global2000: boolean;
  highTech: HighTechLevel;
  investmentContract: boolean;
}
/** NDIP §42.2 extension, §42.3 redirect to another local executive body. */
export interface InitiativeDecision extends FactBase { type: 'InitiativeDecision'; decision: 'EXTEND' | 'REDIRECT'; newRegionKato?: string }
/** NDIP §42.1, §47: the project passport; its estimated cost and BIN supersede the initiative's. */
export interface PassportCreated extends FactBase {
  type: 'PassportCreated';
  companyBin: string | null;
  regionKato: string;
  estimatedCost: Money;
  companyRegisteredOn: IsoDate | null;
  industry: string;
}
export interface RoadmapSubmitted extends FactBase { type: 'RoadmapSubmitted' }
export interface RoadmapReturned extends FactBase { type: 'RoadmapReturned'; remarks: string }
export interface RoadmapRemarksFixed extends FactBase { type: 'RoadmapRemarksFixed' }
export interface RoadmapApproved extends FactBase { type: 'RoadmapApproved' }
export interface TaskScheduled extends FactBase { type: 'TaskScheduled'; taskId: string; stage: 1 | 2 | 3; dueOn: IsoDate }
export interface TaskCompleted extends FactBase { type: 'TaskCompleted'; taskId: string }
export interface ProjectValidated extends FactBase { type: 'ProjectValidated' }
export interface InvestmentContractTerm extends FactBase { type: 'InvestmentContractTerm'; contractNumber: string; endsOn: IsoDate }
export interface ExclusionRequested extends FactBase { type: 'ExclusionRequested'; requestedBy: 'INVESTOR' | 'INITIATING_BODY'; justification: string }
/** NDIP §35: the authorized body's decision on a §34 request or a ground. */
export interface AuthorizedBodyDecision extends FactBase { type: 'AuthorizedBodyDecision'; decision: 'SUSPEND' | 'EXCLUDE' | 'REJECT' | 'RESUME' }
/** A §33 ground the hub found in its own feeds (not from NDIP): the evidence names the record. */
export interface GroundObserved extends FactBase { type: 'GroundObserved'; ground: SuspensionGround; evidence: Evidence }

export type ProjectFact =
  | InitiativeRegistered | InitiativeDecision | PassportCreated | RoadmapSubmitted | RoadmapReturned | RoadmapRemarksFixed
  | RoadmapApproved | TaskScheduled | TaskCompleted | ProjectValidated | InvestmentContractTerm | ExclusionRequested
  | AuthorizedBodyDecision | GroundObserved;

export type FactType = ProjectFact['type'];

/** NDIP §33 grounds, by their item number. */
export type SuspensionGround = 'TECHNICAL_VIOLATIONS' | 'FINANCIAL_PROBLEMS' | 'BANKRUPTCY_OR_LIQUIDATION' | 'PERMITS_UNOBTAINABLE' | 'JUDICIAL_RESTRICTION' | 'EXCLUSION_APPEAL';
export const GROUND_PARAGRAPH: Record<SuspensionGround, Paragraph> = {
  TECHNICAL_VIOLATIONS: 'NDIP §33.1',
  FINANCIAL_PROBLEMS: 'NDIP §33.2',
  BANKRUPTCY_OR_LIQUIDATION: 'NDIP §33.3',
  PERMITS_UNOBTAINABLE: 'NDIP §33.4',
  JUDICIAL_RESTRICTION: 'NDIP §33.5',
  EXCLUSION_APPEAL: 'NDIP §33.6',
};

export interface Evidence {
  /** Stable id of the record (e.g. topic:partition:offset or source record key), dedupes the ground. */
  id: string;
  topic: string;
  partition: number | null;
  offset: string | null;
  record: string;
  recordDate: IsoDate;
  detail: string;
}

// ---- state ----------------------------------------------------------------------------------------

export type Module = 'M1_ATTRACTION' | 'M2_IMPLEMENTATION' | 'M3_POST_INVESTMENT' | 'CLOSED';
export type Stage =
  | 'INITIATIVE' | 'REDIRECTED'
  | 'WITHOUT_ROADMAP' | 'ROADMAP_ON_APPROVAL' | 'ROADMAP_RETURNED' | 'WITH_ROADMAP' | 'AWAITING_VALIDATION'
  | 'POST_INVESTMENT' | 'EXCLUDED' | 'SUPPORT_COMPLETED';

export type DeadlineKind = 'INITIATIVE_DECISION' | 'ROADMAP_FORMATION' | 'ROADMAP_REMARKS' | 'VALIDATION' | 'EXCLUSION_DECISION' | 'POST_INVESTMENT_END';

export interface Deadline { kind: DeadlineKind; dueOn: IsoDate; paragraph: Paragraph; status: 'OPEN' | 'MET' | 'EXPIRED' }

export interface Task { taskId: string; stage: 1 | 2 | 3; dueOn: IsoDate; completedOn: IsoDate | null }

export interface OpenGround { ground: SuspensionGround; paragraph: Paragraph; raisedOn: IsoDate; evidence: Evidence | null }

export interface Classification {
  pool: PoolDecision;
  greenCorridor: GreenCorridorScore;
  taskForce: { routed: boolean; paragraph: 'NDIP §31'; amountMci: string; thresholdMci: string };
}

export interface ProjectState {
  projectId: string;
  version: number;
  module: Module | null;
  stage: Stage | null;
  suspended: boolean;
  regionKato: string | null;
  companyBin: string | null;
  initiator: string | null;
  investment: Money | null;
  jobs: number;
  global2000: boolean;
  highTech: HighTechLevel;
  investmentContract: { contractNumber: string; endsOn: IsoDate } | null;
  declaredContract: boolean;
  extensionUsed: boolean;
  classification: Classification | null;
  deadlines: Deadline[];
  tasks: Task[];
  grounds: OpenGround[];
  /** Evidence ids already raised, so the same record never raises twice. */
  evidenceSeen: string[];
  module3EnteredOn: IsoDate | null;
}

export const initialState = (projectId: string): ProjectState => ({
  projectId, version: 0, module: null, stage: null, suspended: false, regionKato: null, companyBin: null, initiator: null,
  investment: null, jobs: 0, global2000: false, highTech: 'NOT_MANUFACTURING', investmentContract: null, declaredContract: false,
  extensionUsed: false, classification: null, deadlines: [], tasks: [], grounds: [], evidenceSeen: [], module3EnteredOn: null,
});

// ---- outbound status events ---------------------------------------------------------------------------

export type StatusEventType =
  | 'InitiativeRegistered' | 'InitiativeExtended' | 'InitiativeRedirected' | 'MovedToImplementation' | 'Classified'
  | 'RoadmapSubmitted' | 'RoadmapReturned' | 'RoadmapResubmitted' | 'RoadmapApproved' | 'TaskScheduled' | 'TaskCompleted'
  | 'AwaitingValidation' | 'MovedToPostInvestment' | 'InvestmentContractRecorded' | 'GroundRaised' | 'GroundClosed'
  | 'Suspended' | 'Resumed' | 'Excluded' | 'SupportCompleted' | 'DeadlineExpired'
  /** Emitted by the daily color tick in SQL (projects.repository.ts), NDIP §55; changes no lifecycle state. */
  | 'TaskColorChanged';

export interface StatusEvent {
  /** Deterministic: the same cause in the same project yields the same id (replay-safe). */
  eventId: string;
  projectId: string;
  /** Position in the project's stream, 1-based; orders the project's events. */
  version: number;
  type: StatusEventType;
  paragraph: Paragraph;
  /** The date the change takes effect (the act's date, or the tick's date). */
  effectiveOn: IsoDate;
  /** The inbound fact id, or `tick:<kind>:<date>` for changes time alone made. */
  causedBy: string;
  data: Record<string, unknown>;
}

export enum Refusal {
  UNKNOWN_PROJECT = 'UNKNOWN_PROJECT',
  ALREADY_REGISTERED = 'ALREADY_REGISTERED',
  WRONG_STAGE = 'WRONG_STAGE',
  EXTENSION_ALREADY_USED = 'EXTENSION_ALREADY_USED',
  UNKNOWN_TASK = 'UNKNOWN_TASK',
  TASK_ALREADY_COMPLETED = 'TASK_ALREADY_COMPLETED',
  TASKS_OPEN = 'TASKS_OPEN',
  PROJECT_CLOSED = 'PROJECT_CLOSED',
  FACT_FROM_FUTURE = 'FACT_FROM_FUTURE',
  DATE_ORDER = 'DATE_ORDER',
  NOTHING_TO_DECIDE = 'NOTHING_TO_DECIDE',
  DUPLICATE_EVIDENCE = 'DUPLICATE_EVIDENCE',
  CONFIG_MISSING = 'CONFIG_MISSING',
  BAD_FACT = 'BAD_FACT',
}

export type Decision = { ok: true; events: StatusEvent[] } | { ok: false; code: Refusal; reason: string; paragraph?: Paragraph };

export interface LifecycleDeps { calendar: WorkingCalendar; economy: Economy }

// ---- decide ----------------------------------------------------------------------------------------------

type Draft = Omit<StatusEvent, 'eventId' | 'projectId' | 'version' | 'causedBy'>;

export function eventId(projectId: string, causedBy: string, index: number): string {
  const h = createHash('sha256').update(`${projectId}\u0000${causedBy}\u0000${index}`).digest('hex');
  // UUID layout (version nibble 5-like "8" variant), deterministic.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function stamp(state: ProjectState, causedBy: string, drafts: Draft[]): StatusEvent[] {
  return drafts.map((d, i) => ({ ...d, eventId: eventId(state.projectId, causedBy, i), projectId: state.projectId, version: state.version + i + 1, causedBy }));
}

const refuse = (code: Refusal, reason: string, paragraph?: Paragraph): Decision => ({ ok: false, code, reason, paragraph });

const openDeadline = (state: ProjectState, kind: DeadlineKind): Deadline | undefined => state.deadlines.find((d) => d.kind === kind && d.status !== 'MET');

/** A deadline met: the same event notes whether it was met late (after its due day). */
const lateness = (state: ProjectState, kind: DeadlineKind, on: IsoDate): Record<string, unknown> => {
  const d = openDeadline(state, kind);
  return d ? { deadlineMet: kind, dueOn: d.dueOn, late: toEpochDay(on) > toEpochDay(d.dueOn) } : {};
};

function classify(deps: LifecycleDeps, investment: Money, year: number, contract: boolean, jobs: number, global2000: boolean, highTech: HighTechLevel): Classification {
  const pool = classifyPool(deps.economy, investment, year, contract);
  const greenCorridor = greenCorridorScore(deps.economy, { investment, year, global2000, highTech, jobs }, pool.pool);
  const taskForce = taskForceRouting(deps.economy, investment, year, greenCorridor.included);
  return { pool, greenCorridor, taskForce };
}

const classifiedDraft = (c: Classification, on: IsoDate): Draft => ({
  type: 'Classified', paragraph: c.taskForce.routed ? 'NDIP §31' : c.greenCorridor.included ? 'NDIP §30' : c.pool.paragraph, effectiveOn: on,
  data: { classification: c },
});

/** The fact is judged against the state; "now" only refuses facts dated in the future. */
export function decide(fact: ProjectFact, state: ProjectState, now: Date, deps: LifecycleDeps): Decision {
  try {
    return decideUnsafe(fact, state, now, deps);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== undefined && /MISSING$/.test(code)) return refuse(Refusal.CONFIG_MISSING, (e as Error).message);
    if (code !== undefined) return refuse(Refusal.BAD_FACT, (e as Error).message);
    throw e;
  }
}

function decideUnsafe(fact: ProjectFact, state: ProjectState, now: Date, deps: LifecycleDeps): Decision {
  const on = fact.occurredOn;
  if (toEpochDay(on) > toEpochDay(kzDate(now))) return refuse(Refusal.FACT_FROM_FUTURE, `occurredOn ${on} is after today ${kzDate(now)}`);
  const ok = (drafts: Draft[]): Decision => ({ ok: true, events: stamp(state, fact.factId, drafts) });

  if (fact.type === 'InitiativeRegistered') {
    if (state.module !== null) return refuse(Refusal.ALREADY_REGISTERED, 'the project already exists');
    const year = Number(on.slice(0, 4));
    const c = classify(deps, fact.investment, year, fact.investmentContract, fact.jobs, fact.global2000, fact.highTech);
    return ok([
      {
        type: 'InitiativeRegistered', paragraph: 'NDIP §42', effectiveOn: on,
        data: {
          initiator: fact.initiator, regionKato: fact.regionKato, companyBin: fact.companyBin, investment: fact.investment, jobs: fact.jobs,
          global2000: fact.global2000, highTech: fact.highTech, investmentContract: fact.investmentContract,
          // NDIP §42: the local executive body acts "within 30 (thirty) calendar days" of receiving the initiative.
          deadline: { kind: 'INITIATIVE_DECISION', dueOn: addCalendarDays(on, 30), paragraph: 'NDIP §42' },
        },
      },
      classifiedDraft(c, on),
    ]);
  }
  if (state.module === null) return refuse(Refusal.UNKNOWN_PROJECT, `no initiative registered for project ${fact.projectId}`);

  // Grounds from the hub's own feeds are recorded whatever the stage, even once closed: they are evidence.
  if (fact.type === 'GroundObserved') {
    if (state.evidenceSeen.includes(fact.evidence.id)) return refuse(Refusal.DUPLICATE_EVIDENCE, `evidence ${fact.evidence.id} already raised`);
    return ok([{ type: 'GroundRaised', paragraph: GROUND_PARAGRAPH[fact.ground], effectiveOn: on, data: { ground: fact.ground, evidence: fact.evidence } }]);
  }
  if (state.module === 'CLOSED') return refuse(Refusal.PROJECT_CLOSED, `the project is ${state.stage}`);

  switch (fact.type) {
    case 'InitiativeDecision': {
      if (state.module !== 'M1_ATTRACTION') return refuse(Refusal.WRONG_STAGE, 'only an initiative in Module 1 can be extended or redirected', 'NDIP §42');
      const d = openDeadline(state, 'INITIATIVE_DECISION');
      if (fact.decision === 'EXTEND') {
        // NDIP §42.2: extend "not more than for 30 (thirty) calendar days", once: the new due day is 30 days after the old one.
        if (state.extensionUsed) return refuse(Refusal.EXTENSION_ALREADY_USED, 'the initiative was already extended once', 'NDIP §42.2');
        const base = d ? d.dueOn : on;
        return ok([{ type: 'InitiativeExtended', paragraph: 'NDIP §42.2', effectiveOn: on, data: { deadline: { kind: 'INITIATIVE_DECISION', dueOn: addCalendarDays(base, 30), paragraph: 'NDIP §42.2' } } }]);
      }
      if (!fact.newRegionKato) return refuse(Refusal.BAD_FACT, 'a redirect names the new region', 'NDIP §42.3');
      // NDIP §42.3: redirected to another local executive body; reading: that body gets its own §42
      // 30 days from the redirect, and the single extension is not renewed.
      return ok([{
        type: 'InitiativeRedirected', paragraph: 'NDIP §42.3', effectiveOn: on,
        data: { fromRegionKato: state.regionKato, regionKato: fact.newRegionKato, deadline: { kind: 'INITIATIVE_DECISION', dueOn: addCalendarDays(on, 30), paragraph: 'NDIP §42' } },
      }]);
    }
    case 'PassportCreated': {
      if (state.module !== 'M1_ATTRACTION') return refuse(Refusal.WRONG_STAGE, 'a passport moves an initiative from Module 1', 'NDIP §42.1');
      const year = Number(on.slice(0, 4));
      const c = classify(deps, fact.estimatedCost, year, state.declaredContract || state.investmentContract !== null, state.jobs, state.global2000, state.highTech);
      return ok([
        {
          type: 'MovedToImplementation', paragraph: 'NDIP §42.1', effectiveOn: on,
          data: {
            ...lateness(state, 'INITIATIVE_DECISION', on), companyBin: fact.companyBin, regionKato: fact.regionKato, estimatedCost: fact.estimatedCost,
            industry: fact.industry, companyRegisteredOn: fact.companyRegisteredOn,
            // NDIP §48: the responsible local executive body forms and agrees the roadmap within 30 calendar days.
            deadline: { kind: 'ROADMAP_FORMATION', dueOn: addCalendarDays(on, 30), paragraph: 'NDIP §48' },
          },
        },
        // NDIP §48 says a passport puts the project in the nationwide pool; read together with §25/§28
        // (and SPEC §4): the pool still follows the amount/contract thresholds, recomputed here.
        classifiedDraft(c, on),
      ]);
    }
    case 'RoadmapSubmitted':
      // NDIP §50: the local executive body sends the formed roadmap to the National Company. Reading:
      // the §48 "forms and agrees" duty is met on this submission.
      if (state.stage !== 'WITHOUT_ROADMAP') return refuse(Refusal.WRONG_STAGE, `a roadmap is submitted once, from WITHOUT_ROADMAP (now ${state.stage})`, 'NDIP §50');
      return ok([{ type: 'RoadmapSubmitted', paragraph: 'NDIP §50', effectiveOn: on, data: lateness(state, 'ROADMAP_FORMATION', on) }]);
    case 'RoadmapReturned':
      if (state.stage !== 'ROADMAP_ON_APPROVAL') return refuse(Refusal.WRONG_STAGE, 'only a roadmap on approval can be returned', 'NDIP §51');
      // NDIP §51: remarks eliminated "within 5 (five) working days".
      return ok([{ type: 'RoadmapReturned', paragraph: 'NDIP §51', effectiveOn: on, data: { remarks: fact.remarks, deadline: { kind: 'ROADMAP_REMARKS', dueOn: deps.calendar.addWorkingDays(on, 5), paragraph: 'NDIP §51' } } }]);
    case 'RoadmapRemarksFixed':
      if (state.stage !== 'ROADMAP_RETURNED') return refuse(Refusal.WRONG_STAGE, 'no returned roadmap to fix', 'NDIP §51');
      return ok([{ type: 'RoadmapResubmitted', paragraph: 'NDIP §51', effectiveOn: on, data: lateness(state, 'ROADMAP_REMARKS', on) }]);
    case 'RoadmapApproved': {
      if (state.stage !== 'ROADMAP_ON_APPROVAL') return refuse(Refusal.WRONG_STAGE, 'only a roadmap on approval can be approved', 'NDIP §52');
      const drafts: Draft[] = [{ type: 'RoadmapApproved', paragraph: 'NDIP §52', effectiveOn: on, data: { from: 'WITHOUT_ROADMAP', to: 'WITH_ROADMAP' } }];
      const v = validationDraft(state.tasks, deps);
      return ok(v ? [...drafts, v] : drafts);
    }
    case 'TaskScheduled': {
      if (state.module !== 'M2_IMPLEMENTATION') return refuse(Refusal.WRONG_STAGE, 'roadmap tasks belong to Module 2', 'NDIP §49');
      const existing = state.tasks.find((t) => t.taskId === fact.taskId);
      if (existing?.completedOn) return refuse(Refusal.TASK_ALREADY_COMPLETED, `task ${fact.taskId} is completed`);
      // NDIP §49 stages; a new due date for a known task is a roadmap amendment (NDIP §57).
      return ok([{ type: 'TaskScheduled', paragraph: existing ? 'NDIP §57' : 'NDIP §49', effectiveOn: on, data: { taskId: fact.taskId, stage: fact.stage, dueOn: fact.dueOn, previousDueOn: existing?.dueOn ?? null } }]);
    }
    case 'TaskCompleted': {
      if (state.module !== 'M2_IMPLEMENTATION') return refuse(Refusal.WRONG_STAGE, 'roadmap tasks belong to Module 2', 'NDIP §53');
      const task = state.tasks.find((t) => t.taskId === fact.taskId);
      if (!task) return refuse(Refusal.UNKNOWN_TASK, `no task ${fact.taskId}`);
      if (task.completedOn) return refuse(Refusal.TASK_ALREADY_COMPLETED, `task ${fact.taskId} completed on ${task.completedOn}`);
      const tasks = state.tasks.map((t) => (t.taskId === fact.taskId ? { ...t, completedOn: on } : t));
      const drafts: Draft[] = [{ type: 'TaskCompleted', paragraph: 'NDIP §53', effectiveOn: on, data: { taskId: fact.taskId, dueOn: task.dueOn, daysLate: Math.max(0, toEpochDay(on) - toEpochDay(task.dueOn)) } }];
      const v = state.stage === 'WITH_ROADMAP' ? validationDraft(tasks, deps) : null;
      return ok(v ? [...drafts, v] : drafts);
    }
    case 'ProjectValidated': {
      if (state.stage !== 'AWAITING_VALIDATION') return refuse(Refusal.TASKS_OPEN, 'validation follows the completion of every roadmap task of an approved roadmap', 'NDIP §60');
      return ok([{ type: 'MovedToPostInvestment', paragraph: 'NDIP §60', effectiveOn: on, data: { ...lateness(state, 'VALIDATION', on), deadline: postInvestmentEnd(on, state.investmentContract) } }]);
    }
    case 'InvestmentContractTerm': {
      if (toEpochDay(fact.endsOn) < toEpochDay(on)) return refuse(Refusal.DATE_ORDER, 'the contract ends before it is recorded');
      const drafts: Draft[] = [{ type: 'InvestmentContractRecorded', paragraph: 'NDIP §61', effectiveOn: on, data: { contractNumber: fact.contractNumber, endsOn: fact.endsOn } }];
      // NDIP §28: a project under an investment contract is in the nationwide pool whatever its amount.
      if (state.investment && state.classification && state.classification.pool.pool !== 'NATIONWIDE') {
        const c = classify(deps, state.investment, state.classification.pool.year, true, state.jobs, state.global2000, state.highTech);
        drafts.push(classifiedDraft(c, on));
      }
      if (state.module === 'M3_POST_INVESTMENT' && state.module3EnteredOn) {
        drafts.push({ type: 'InvestmentContractRecorded', paragraph: 'NDIP §36', effectiveOn: on, data: { deadline: postInvestmentEnd(state.module3EnteredOn, { contractNumber: fact.contractNumber, endsOn: fact.endsOn }) } });
      }
      return ok(drafts);
    }
    case 'ExclusionRequested':
      // NDIP §33.6 ground; §34 the request goes to the authorized body, which decides "within 5 (five) working days" (§35).
      return ok([{
        type: 'GroundRaised', paragraph: 'NDIP §33.6', effectiveOn: on,
        data: { ground: 'EXCLUSION_APPEAL', requestedBy: fact.requestedBy, justification: fact.justification, deadline: { kind: 'EXCLUSION_DECISION', dueOn: deps.calendar.addWorkingDays(on, 5), paragraph: 'NDIP §35' } },
      }]);
    case 'AuthorizedBodyDecision': {
      const met = lateness(state, 'EXCLUSION_DECISION', on);
      if (fact.decision === 'EXCLUDE') return ok([{ type: 'Excluded', paragraph: 'NDIP §35', effectiveOn: on, data: { ...met, grounds: state.grounds.map((g) => g.ground) } }]);
      if (fact.decision === 'SUSPEND') {
        if (state.suspended) return refuse(Refusal.NOTHING_TO_DECIDE, 'already suspended', 'NDIP §35');
        return ok([{ type: 'Suspended', paragraph: 'NDIP §35', effectiveOn: on, data: { ...met, grounds: state.grounds.map((g) => g.ground) } }]);
      }
      if (fact.decision === 'RESUME') {
        if (!state.suspended) return refuse(Refusal.NOTHING_TO_DECIDE, 'not suspended', 'NDIP §35');
        return ok([{ type: 'Resumed', paragraph: 'NDIP §35', effectiveOn: on, data: {} }]);
      }
      if (state.grounds.length === 0) return refuse(Refusal.NOTHING_TO_DECIDE, 'no open ground to reject', 'NDIP §35');
      return ok([{ type: 'GroundClosed', paragraph: 'NDIP §35', effectiveOn: on, data: { ...met, grounds: state.grounds.map((g) => g.ground), decision: 'REJECT' } }]);
    }
  }
}

/** NDIP §60: once an approved roadmap's last task is done, validation is due within 5 working days of that completion. */
function validationDraft(tasks: readonly Task[], deps: LifecycleDeps): Draft | null {
  if (tasks.length === 0 || tasks.some((t) => t.completedOn === null)) return null;
  const last = tasks.map((t) => t.completedOn as IsoDate).sort().at(-1) as IsoDate;
  return { type: 'AwaitingValidation', paragraph: 'NDIP §60', effectiveOn: last, data: { lastTaskCompletedOn: last, deadline: { kind: 'VALIDATION', dueOn: deps.calendar.addWorkingDays(last, 5), paragraph: 'NDIP §60' } } };
}

/**
 * NDIP §61/§36: Module 3 lasts three years from the transition, or the investment contract's term.
 * dueOn is the day the exclusion happens: the third anniversary (3 years "after" the transition), or
 * the day after the contract's last day ("upon the expiration"). Reading: the contract term replaces
 * the three years even when shorter.
 */
function postInvestmentEnd(enteredOn: IsoDate, contract: ProjectState['investmentContract']): Record<string, unknown> {
  return contract
    ? { kind: 'POST_INVESTMENT_END', dueOn: addCalendarDays(contract.endsOn, 1), paragraph: 'NDIP §36' }
    : { kind: 'POST_INVESTMENT_END', dueOn: addYears(enteredOn, 3), paragraph: 'NDIP §36' };
}

// ---- tick: what time alone changes ------------------------------------------------------------------------

/**
 * Deadlines whose due day has passed expire (once each); Module 3's end excludes the project
 * (nationwide pool, NDIP §36) or completes its support (regional pool, NDIP §61).
 */
export function tick(state: ProjectState, now: Date): StatusEvent[] {
  if (state.module === null || state.module === 'CLOSED') return [];
  const today = toEpochDay(kzDate(now));
  const drafts: Array<Draft & { cause: string }> = [];
  for (const d of state.deadlines) {
    if (d.status !== 'OPEN') continue;
    if (d.kind === 'POST_INVESTMENT_END') {
      if (today >= toEpochDay(d.dueOn)) {
        const nationwide = state.classification?.pool.pool === 'NATIONWIDE';
        drafts.push({
          cause: `tick:${d.kind}:${d.dueOn}`, type: nationwide ? 'Excluded' : 'SupportCompleted', paragraph: nationwide ? 'NDIP §36' : 'NDIP §61', effectiveOn: d.dueOn,
          data: { automatic: true, reason: state.investmentContract ? 'investment contract expired' : 'three years in Module 3' },
        });
      }
    } else if (today > toEpochDay(d.dueOn)) {
      drafts.push({ cause: `tick:${d.kind}:${d.dueOn}`, type: 'DeadlineExpired', paragraph: d.paragraph, effectiveOn: addCalendarDays(d.dueOn, 1), data: { kind: d.kind, dueOn: d.dueOn } });
    }
  }
  return drafts.map(({ cause, ...d }, i) => ({ ...d, eventId: eventId(state.projectId, cause, 0), projectId: state.projectId, version: state.version + i + 1, causedBy: cause }));
}

// ---- evolve --------------------------------------------------------------------------------------------

type DeadlineData = { kind: DeadlineKind; dueOn: IsoDate; paragraph: Paragraph };

function withDeadline(deadlines: Deadline[], d: DeadlineData | undefined): Deadline[] {
  if (!d) return deadlines;
  return [...deadlines.filter((x) => x.kind !== d.kind || x.status === 'MET'), { ...d, status: 'OPEN' }];
}

const meet = (deadlines: Deadline[], kind: unknown): Deadline[] =>
  kind ? deadlines.map((d) => (d.kind === kind && d.status !== 'MET' ? { ...d, status: 'MET' as const } : d)) : deadlines;

export function evolve(state: ProjectState, event: StatusEvent): ProjectState {
  const s: ProjectState = { ...state, version: event.version };
  const data = event.data as Record<string, unknown> & { deadline?: DeadlineData; deadlineMet?: DeadlineKind };
  s.deadlines = withDeadline(meet(s.deadlines, data.deadlineMet), data.deadline);
  switch (event.type) {
    case 'InitiativeRegistered':
      return {
        ...s, module: 'M1_ATTRACTION', stage: 'INITIATIVE', initiator: data.initiator as string, regionKato: data.regionKato as string,
        companyBin: data.companyBin as string | null, investment: data.investment as Money, jobs: data.jobs as number, global2000: data.global2000 as boolean,
        highTech: data.highTech as HighTechLevel, declaredContract: data.investmentContract as boolean,
      };
    case 'Classified':
      return { ...s, classification: data.classification as Classification };
    case 'InitiativeExtended':
      return { ...s, extensionUsed: true };
    case 'InitiativeRedirected':
      return { ...s, stage: 'REDIRECTED', regionKato: data.regionKato as string };
    case 'MovedToImplementation':
      return {
        ...s, module: 'M2_IMPLEMENTATION', stage: 'WITHOUT_ROADMAP', companyBin: (data.companyBin as string | null) ?? s.companyBin,
        regionKato: data.regionKato as string, investment: data.estimatedCost as Money,
      };
    case 'RoadmapSubmitted':
    case 'RoadmapResubmitted':
      return { ...s, stage: 'ROADMAP_ON_APPROVAL' };
    case 'RoadmapReturned':
      return { ...s, stage: 'ROADMAP_RETURNED' };
    case 'RoadmapApproved':
      return { ...s, stage: 'WITH_ROADMAP' };
    case 'TaskScheduled': {
      const t: Task = { taskId: data.taskId as string, stage: data.stage as 1 | 2 | 3, dueOn: data.dueOn as IsoDate, completedOn: null };
      return { ...s, tasks: [...s.tasks.filter((x) => x.taskId !== t.taskId), t] };
    }
    case 'TaskCompleted':
      return { ...s, tasks: s.tasks.map((t) => (t.taskId === data.taskId ? { ...t, completedOn: event.effectiveOn } : t)) };
    case 'AwaitingValidation':
      return { ...s, stage: 'AWAITING_VALIDATION' };
    case 'MovedToPostInvestment':
      return { ...s, module: 'M3_POST_INVESTMENT', stage: 'POST_INVESTMENT', module3EnteredOn: event.effectiveOn };
    case 'InvestmentContractRecorded':
      return data.contractNumber ? { ...s, investmentContract: { contractNumber: data.contractNumber as string, endsOn: data.endsOn as IsoDate } } : s;
    case 'GroundRaised': {
      const evidence = (data.evidence as Evidence | undefined) ?? null;
      const g: OpenGround = { ground: data.ground as SuspensionGround, paragraph: event.paragraph, raisedOn: event.effectiveOn, evidence };
      return { ...s, grounds: [...s.grounds, g], evidenceSeen: evidence ? [...s.evidenceSeen, evidence.id] : s.evidenceSeen };
    }
    case 'GroundClosed':
      return { ...s, grounds: [] };
    case 'Suspended':
      return { ...s, suspended: true };
    case 'Resumed':
      return { ...s, suspended: false };
    case 'Excluded':
      return { ...s, module: 'CLOSED', stage: 'EXCLUDED', deadlines: s.deadlines.map((d) => (d.status === 'OPEN' ? { ...d, status: 'MET' as const } : d)) };
    case 'SupportCompleted':
      return { ...s, module: 'CLOSED', stage: 'SUPPORT_COMPLETED', deadlines: s.deadlines.map((d) => (d.status === 'OPEN' ? { ...d, status: 'MET' as const } : d)) };
    case 'TaskColorChanged':
      return s;
    case 'DeadlineExpired':
      return { ...s, deadlines: s.deadlines.map((d) => (d.kind === data.kind && d.dueOn === data.dueOn && d.status === 'OPEN' ? { ...d, status: 'EXPIRED' as const } : d)) };
  }
}

export const fold = (state: ProjectState, events: readonly StatusEvent[]): ProjectState => events.reduce(evolve, state);
