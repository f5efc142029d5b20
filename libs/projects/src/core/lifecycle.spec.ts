import { ProjectFact, Refusal, StatusEvent, decide, evolve, fold, initialState, tick } from './lifecycle';
import { BIN, PROJECT, apply, applyAll, deps, fact, initiative } from './test-kit';

// One timeline (2026) whose dates put the working-day deadlines across holidays.
const T = {
  initiative: '2026-02-16', passport: '2026-03-02', submitted: '2026-03-16', returned: '2026-03-19', fixed: '2026-03-30', approved: '2026-04-06',
  lastTask: '2026-05-08', validated: '2026-05-15',
};
const m1 = (): ProjectFact[] => [initiative(T.initiative)];
const passport = (occurredOn = T.passport, amount = '20000000'): ProjectFact => fact({
  type: 'PassportCreated', occurredOn, companyBin: BIN, regionKato: '750000000', estimatedCost: { amount, currency: 'USD' }, companyRegisteredOn: '2025-11-01', industry: 'food',
});
const m2 = (): ProjectFact[] => [...m1(), passport()];
const onApproval = (): ProjectFact[] => [...m2(), fact({ type: 'RoadmapSubmitted', occurredOn: T.submitted })];
const returned = (): ProjectFact[] => [...onApproval(), fact({ type: 'RoadmapReturned', occurredOn: T.returned, remarks: 'stage 2 dates' })];
const tasks = (): ProjectFact[] => [
  fact({ type: 'TaskScheduled', occurredOn: T.submitted, taskId: 't1', stage: 1, dueOn: '2026-04-30' }),
  fact({ type: 'TaskScheduled', occurredOn: T.submitted, taskId: 't2', stage: 2, dueOn: '2026-05-05' }),
];
const withRoadmap = (): ProjectFact[] => [...onApproval(), ...tasks(), fact({ type: 'RoadmapApproved', occurredOn: T.approved })];
const allDone = (): ProjectFact[] => [...withRoadmap(), fact({ type: 'TaskCompleted', occurredOn: '2026-04-28', taskId: 't1' }), fact({ type: 'TaskCompleted', occurredOn: T.lastTask, taskId: 't2' })];
const m3 = (): ProjectFact[] => [...allDone(), fact({ type: 'ProjectValidated', occurredOn: T.validated })];

const deadlineOf = (e: StatusEvent) => (e.data as { deadline?: { kind: string; dueOn: string; paragraph: string } }).deadline;

describe('lifecycle transitions, each with its paragraph', () => {
  it.each<[string, () => ProjectFact[], () => ProjectFact, string[], string[], string | null]>([
    ['initiative registered (Module 1)', () => [], () => initiative(T.initiative), ['InitiativeRegistered', 'Classified'], ['NDIP §42', 'NDIP §28'], 'INITIATIVE'],
    ['initiative extended once', m1, () => fact({ type: 'InitiativeDecision', occurredOn: '2026-03-10', decision: 'EXTEND' }), ['InitiativeExtended'], ['NDIP §42.2'], 'INITIATIVE'],
    ['initiative redirected', m1, () => fact({ type: 'InitiativeDecision', occurredOn: '2026-03-10', decision: 'REDIRECT', newRegionKato: '710000000' }), ['InitiativeRedirected'], ['NDIP §42.3'], 'REDIRECTED'],
    ['passport moves to Module 2 without a roadmap', m1, () => passport(), ['MovedToImplementation', 'Classified'], ['NDIP §42.1', 'NDIP §28'], 'WITHOUT_ROADMAP'],
    ['roadmap sent to the National Company', m2, () => fact({ type: 'RoadmapSubmitted', occurredOn: T.submitted }), ['RoadmapSubmitted'], ['NDIP §50'], 'ROADMAP_ON_APPROVAL'],
    ['roadmap returned with remarks', onApproval, () => fact({ type: 'RoadmapReturned', occurredOn: T.returned, remarks: 'x' }), ['RoadmapReturned'], ['NDIP §51'], 'ROADMAP_RETURNED'],
    ['remarks fixed, sent for re-approval', returned, () => fact({ type: 'RoadmapRemarksFixed', occurredOn: T.fixed }), ['RoadmapResubmitted'], ['NDIP §51'], 'ROADMAP_ON_APPROVAL'],
    ['roadmap approved: "without" -> "with roadmap"', onApproval, () => fact({ type: 'RoadmapApproved', occurredOn: T.approved }), ['RoadmapApproved'], ['NDIP §52'], 'WITH_ROADMAP'],
    ['task scheduled (roadmap stage)', m2, () => fact({ type: 'TaskScheduled', occurredOn: T.passport, taskId: 'a', stage: 1, dueOn: '2026-06-01' }), ['TaskScheduled'], ['NDIP §49'], 'WITHOUT_ROADMAP'],
    ['task due date amended', () => [...m2(), fact({ type: 'TaskScheduled', occurredOn: T.passport, taskId: 'a', stage: 1, dueOn: '2026-06-01' })], () => fact({ type: 'TaskScheduled', occurredOn: T.submitted, taskId: 'a', stage: 1, dueOn: '2026-07-01' }), ['TaskScheduled'], ['NDIP §57'], 'WITHOUT_ROADMAP'],
    ['a task completed', withRoadmap, () => fact({ type: 'TaskCompleted', occurredOn: '2026-04-28', taskId: 't1' }), ['TaskCompleted'], ['NDIP §53'], 'WITH_ROADMAP'],
    ['last task completed: awaiting validation', () => [...withRoadmap(), fact({ type: 'TaskCompleted', occurredOn: '2026-04-28', taskId: 't1' })], () => fact({ type: 'TaskCompleted', occurredOn: T.lastTask, taskId: 't2' }), ['TaskCompleted', 'AwaitingValidation'], ['NDIP §53', 'NDIP §60'], 'AWAITING_VALIDATION'],
    ['validated: Module 3', allDone, () => fact({ type: 'ProjectValidated', occurredOn: T.validated }), ['MovedToPostInvestment'], ['NDIP §60'], 'POST_INVESTMENT'],
    ['investment contract term recorded in Module 3', m3, () => fact({ type: 'InvestmentContractTerm', occurredOn: '2026-06-01', contractNumber: 'IC-1', endsOn: '2028-12-31' }), ['InvestmentContractRecorded', 'InvestmentContractRecorded'], ['NDIP §61', 'NDIP §36'], 'POST_INVESTMENT'],
    ['exclusion requested by the investor', m2, () => fact({ type: 'ExclusionRequested', occurredOn: '2026-05-06', requestedBy: 'INVESTOR', justification: 'funding withdrawn' }), ['GroundRaised'], ['NDIP §33.6'], 'WITHOUT_ROADMAP'],
    ['bankruptcy ground from the hub\'s feeds', m2, () => fact({ type: 'GroundObserved', occurredOn: '2026-05-06', ground: 'BANKRUPTCY_OR_LIQUIDATION', evidence: { id: 'feed.tax.lists.v1:0:42', topic: 'feed.tax.lists.v1', partition: 0, offset: '42', record: BIN, recordDate: '2026-05-05', detail: 'BANKRUPT' } }), ['GroundRaised'], ['NDIP §33.3'], 'WITHOUT_ROADMAP'],
    ['court ground from the hub\'s feeds', m2, () => fact({ type: 'GroundObserved', occurredOn: '2026-05-06', ground: 'JUDICIAL_RESTRICTION', evidence: { id: 'court:2-123/2026', topic: 'feed.court.civil-cases.v1', partition: 1, offset: '7', record: '2-123/2026', recordDate: '2026-05-04', detail: 'defendant' } }), ['GroundRaised'], ['NDIP §33.5'], 'WITHOUT_ROADMAP'],
    ['authorized body suspends', m2, () => fact({ type: 'AuthorizedBodyDecision', occurredOn: '2026-05-07', decision: 'SUSPEND' }), ['Suspended'], ['NDIP §35'], 'WITHOUT_ROADMAP'],
    ['authorized body excludes', m2, () => fact({ type: 'AuthorizedBodyDecision', occurredOn: '2026-05-07', decision: 'EXCLUDE' }), ['Excluded'], ['NDIP §35'], 'EXCLUDED'],
    ['authorized body rejects the request', () => [...m2(), fact({ type: 'ExclusionRequested', occurredOn: '2026-05-06', requestedBy: 'INITIATING_BODY', justification: 'x' })], () => fact({ type: 'AuthorizedBodyDecision', occurredOn: '2026-05-08', decision: 'REJECT' }), ['GroundClosed'], ['NDIP §35'], 'WITHOUT_ROADMAP'],
  ])('%s', (_label, prefix, next, types, paragraphs, stage) => {
    const { state } = applyAll(prefix());
    const r = apply(state, next());
    expect(r.decision).toMatchObject({ ok: true });
    expect(r.events.map((e) => e.type)).toEqual(types);
    expect(r.events.map((e) => e.paragraph)).toEqual(paragraphs);
    expect(r.state.stage).toBe(stage);
    for (const e of r.events) expect(e.paragraph).toMatch(/^NDIP §\d+/);
  });
});

describe('deadlines, each with its paragraph', () => {
  it.each<[string, () => ProjectFact[], string, string, string]>([
    ['§42: akimat acts within 30 calendar days of the initiative', m1, 'INITIATIVE_DECISION', '2026-03-18', 'NDIP §42'],
    ['§42.2: one extension of 30 calendar days', () => [...m1(), fact({ type: 'InitiativeDecision', occurredOn: '2026-03-10', decision: 'EXTEND' })], 'INITIATIVE_DECISION', '2026-04-17', 'NDIP §42.2'],
    ['§48: roadmap within 30 calendar days of the passport', m2, 'ROADMAP_FORMATION', '2026-04-01', 'NDIP §48'],
    ['§51: remarks within 5 working days (across Nauryz and its transferred days)', returned, 'ROADMAP_REMARKS', '2026-03-31', 'NDIP §51'],
    ['§60: validation within 5 working days of the last task (across transferred 11 May)', allDone, 'VALIDATION', '2026-05-18', 'NDIP §60'],
    ['§35: decision on a request within 5 working days (across 7 and 11 May)', () => [...m2(), fact({ type: 'ExclusionRequested', occurredOn: '2026-05-06', requestedBy: 'INVESTOR', justification: 'x' })], 'EXCLUSION_DECISION', '2026-05-15', 'NDIP §35'],
    ['§36/§61: Module 3 ends 3 years after the transition', m3, 'POST_INVESTMENT_END', '2029-05-15', 'NDIP §36'],
    ['§36/§61: or when the investment contract expires', () => [...m3(), fact({ type: 'InvestmentContractTerm', occurredOn: '2026-06-01', contractNumber: 'IC-1', endsOn: '2028-12-31' })], 'POST_INVESTMENT_END', '2029-01-01', 'NDIP §36'],
  ])('%s', (_label, facts, kind, dueOn, paragraph) => {
    const { state } = applyAll(facts());
    expect(state.deadlines.filter((d) => d.status === 'OPEN' && d.kind === kind)).toEqual([{ kind, dueOn, paragraph, status: 'OPEN' }]);
  });

  it('a met deadline says whether it was late', () => {
    const late = applyAll([...m1(), fact({ type: 'PassportCreated', occurredOn: '2026-03-20', companyBin: BIN, regionKato: '750000000', estimatedCost: { amount: '20000000', currency: 'USD' }, companyRegisteredOn: null, industry: 'x' })]);
    expect(late.events[2].data).toMatchObject({ deadlineMet: 'INITIATIVE_DECISION', dueOn: '2026-03-18', late: true });
    expect(late.state.deadlines.find((d) => d.kind === 'INITIATIVE_DECISION')?.status).toBe('MET');
  });

  it('publishes each new deadline inside the event that opens it', () => {
    const { events } = applyAll(returned());
    expect(deadlineOf(events.at(-1) as StatusEvent)).toEqual({ kind: 'ROADMAP_REMARKS', dueOn: '2026-03-31', paragraph: 'NDIP §51' });
  });
});

describe('refusals', () => {
  it.each<[string, () => ProjectFact[], () => ProjectFact, Refusal]>([
    ['a fact for an unknown project', () => [], () => passport(), Refusal.UNKNOWN_PROJECT],
    ['a second initiative', m1, () => initiative(T.passport), Refusal.ALREADY_REGISTERED],
    ['a second extension (§42.2)', () => [...m1(), fact({ type: 'InitiativeDecision', occurredOn: '2026-03-10', decision: 'EXTEND' })], () => fact({ type: 'InitiativeDecision', occurredOn: '2026-03-11', decision: 'EXTEND' }), Refusal.EXTENSION_ALREADY_USED],
    ['approval of a roadmap never submitted', m2, () => fact({ type: 'RoadmapApproved', occurredOn: T.approved }), Refusal.WRONG_STAGE],
    ['remarks fixed with nothing returned', onApproval, () => fact({ type: 'RoadmapRemarksFixed', occurredOn: T.fixed }), Refusal.WRONG_STAGE],
    ['validation with a task open (§60)', withRoadmap, () => fact({ type: 'ProjectValidated', occurredOn: T.validated }), Refusal.TASKS_OPEN],
    ['completion of an unknown task', withRoadmap, () => fact({ type: 'TaskCompleted', occurredOn: T.lastTask, taskId: 'zz' }), Refusal.UNKNOWN_TASK],
    ['a task completed twice', () => [...withRoadmap(), fact({ type: 'TaskCompleted', occurredOn: '2026-04-28', taskId: 't1' })], () => fact({ type: 'TaskCompleted', occurredOn: '2026-04-29', taskId: 't1' }), Refusal.TASK_ALREADY_COMPLETED],
    ['anything after exclusion', () => [...m2(), fact({ type: 'AuthorizedBodyDecision', occurredOn: '2026-05-07', decision: 'EXCLUDE' })], () => fact({ type: 'RoadmapSubmitted', occurredOn: '2026-05-08' }), Refusal.PROJECT_CLOSED],
    ['a fact dated tomorrow', () => [], () => initiative('2026-12-01'), Refusal.FACT_FROM_FUTURE],
    ['the same evidence twice', () => [...m2(), fact({ type: 'GroundObserved', occurredOn: '2026-05-06', ground: 'BANKRUPTCY_OR_LIQUIDATION', evidence: { id: 'e1', topic: 't', partition: 0, offset: '1', record: BIN, recordDate: '2026-05-05', detail: '' } })], () => fact({ type: 'GroundObserved', occurredOn: '2026-05-07', ground: 'BANKRUPTCY_OR_LIQUIDATION', evidence: { id: 'e1', topic: 't', partition: 0, offset: '1', record: BIN, recordDate: '2026-05-05', detail: '' } }), Refusal.DUPLICATE_EVIDENCE],
    ['an amount in a year with no MCI configured', () => [], () => initiative('2024-05-02'), Refusal.CONFIG_MISSING],
  ])('refuses %s', (_label, prefix, next, code) => {
    const { state } = applyAll(prefix());
    const r = apply(state, next());
    expect(r.decision).toMatchObject({ ok: false, code });
    expect(r.state).toBe(state);
  });
});

describe('pools, green corridor and Task Force in the status', () => {
  it('shows the score parts and routes a large green-corridor project to the Task Force (§31)', () => {
    const { state } = applyAll([initiative(T.initiative, { investment: { amount: '32437500000', currency: 'KZT' }, global2000: true, highTech: 'HIGH', jobs: 600 })]);
    expect(state.classification?.pool.pool).toBe('NATIONWIDE');
    expect(state.classification?.greenCorridor.parts.map((p) => [p.criterion, p.score])).toEqual([['INVESTMENT_AMOUNT', 3], ['GLOBAL_2000', 2], ['HIGH_TECH', 3], ['JOBS', 2]]);
    expect(state.classification?.greenCorridor.included).toBe(true);
    expect(state.classification?.taskForce.routed).toBe(true);
  });
  it('an investment contract moves a regional project to the nationwide pool (§28)', () => {
    const { state, events } = applyAll([initiative(T.initiative, { investment: { amount: '1000000', currency: 'KZT' } }), fact({ type: 'InvestmentContractTerm', occurredOn: '2026-03-01', contractNumber: 'IC-9', endsOn: '2030-12-31' })]);
    expect(events.map((e) => e.type)).toEqual(['InitiativeRegistered', 'Classified', 'InvestmentContractRecorded', 'Classified']);
    expect(state.classification?.pool).toMatchObject({ pool: 'NATIONWIDE', paragraph: 'NDIP §28', investmentContract: true });
  });
});

describe('tick: what time alone changes', () => {
  it.each<[string, () => ProjectFact[], string, string, string | null]>([
    ['§42 expires the day after its due day', m1, '2026-03-18T12:00:00Z', '2026-03-19T12:00:00Z', 'NDIP §42'],
    ['§48 roadmap formation', m2, '2026-04-01T12:00:00Z', '2026-04-02T12:00:00Z', 'NDIP §48'],
    ['§51 remarks', returned, '2026-03-31T12:00:00Z', '2026-04-01T12:00:00Z', 'NDIP §51'],
    ['§60 validation', allDone, '2026-05-18T12:00:00Z', '2026-05-19T12:00:00Z', 'NDIP §60'],
  ])('%s', (_label, facts, onDue, after, paragraph) => {
    const { state } = applyAll(facts());
    expect(tick(state, new Date(onDue))).toEqual([]);
    const expired = tick(state, new Date(after));
    expect(expired.map((e) => [e.type, e.paragraph])).toEqual([['DeadlineExpired', paragraph]]);
    const next = fold(state, expired);
    expect(tick(next, new Date(after))).toEqual([]);
    expect(tick(state, new Date(after))[0].eventId).toBe(expired[0].eventId);
  });

  it('excludes a nationwide project 3 years after Module 3 (§36), not a day earlier', () => {
    const { state } = applyAll(m3());
    expect(tick(state, new Date('2029-05-14T12:00:00Z'))).toEqual([]);
    const ev = tick(state, new Date('2029-05-15T12:00:00Z'));
    expect(ev.map((e) => [e.type, e.paragraph])).toEqual([['Excluded', 'NDIP §36']]);
    expect(fold(state, ev)).toMatchObject({ module: 'CLOSED', stage: 'EXCLUDED' });
  });

  it('completes support of a regional project after 3 years (§61)', () => {
    const small = (): ProjectFact[] => [initiative(T.initiative, { investment: { amount: '1000000', currency: 'USD' } }), passport(T.passport, '1000000'),
      fact({ type: 'RoadmapSubmitted', occurredOn: T.submitted }), ...tasks(), fact({ type: 'RoadmapApproved', occurredOn: T.approved }),
      fact({ type: 'TaskCompleted', occurredOn: '2026-04-28', taskId: 't1' }), fact({ type: 'TaskCompleted', occurredOn: T.lastTask, taskId: 't2' }),
      fact({ type: 'ProjectValidated', occurredOn: T.validated })];
    const { state } = applyAll(small());
    expect(state.classification?.pool.pool).toBe('REGIONAL');
    expect(tick(state, new Date('2029-05-15T12:00:00Z')).map((e) => [e.type, e.paragraph])).toEqual([['SupportCompleted', 'NDIP §61']]);
  });

  it('excludes on the contract\'s expiry instead (§36)', () => {
    const { state } = applyAll([...m3(), fact({ type: 'InvestmentContractTerm', occurredOn: '2026-06-01', contractNumber: 'IC-1', endsOn: '2028-12-31' })]);
    expect(tick(state, new Date('2028-12-31T12:00:00Z'))).toEqual([]);
    expect(tick(state, new Date('2029-01-01T12:00:00Z')).map((e) => e.paragraph)).toEqual(['NDIP §36']);
  });
});

describe('determinism', () => {
  it('the same facts give the same events with the same ids, versions in order', () => {
    const facts = m3();
    const a = applyAll(facts).events;
    const b = applyAll(facts).events;
    expect(b).toEqual(a);
    expect(a.map((e) => e.version)).toEqual(a.map((_, i) => i + 1));
    expect(new Set(a.map((e) => e.eventId)).size).toBe(a.length);
  });
  it('decide does not mutate the state', () => {
    const s = initialState(PROJECT);
    const frozen = JSON.stringify(s);
    const d = decide(initiative(T.initiative), s, new Date('2026-11-30T00:00:00Z'), deps);
    expect(JSON.stringify(s)).toBe(frozen);
    expect(d.ok && d.events.reduce(evolve, s).version).toBe(2);
  });
});
