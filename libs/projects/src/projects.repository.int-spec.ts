import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Database, createLogger, loadConfig, runMigrations } from '@hub/platform';
import { addCalendarDays } from './core/calendar';
import { ProjectFact } from './core/lifecycle';
import { rankRegions, taskColor } from './core/monitoring';
import { PROJECTS_MIGRATIONS } from './projects.module';
import { ProjectLifecycle, dayInstant } from './project-lifecycle.usecase';
import { loadLifecycleDeps } from './projects.config';
import { ProjectsRepository } from './projects.repository';

const withDatabase = (url: string, name: string): string => { const u = new URL(url); u.pathname = `/${name}`; return u.toString(); };

/** The projects schema on a database of its own (created and dropped here), through the real PostgreSQL. */
describe('projects repository and lifecycle use case on PostgreSQL', () => {
  const adminUrl = loadConfig().DATABASE_URL;
  const name = `projects_t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  let db: Database;
  let repo: ProjectsRepository;
  let lifecycle: ProjectLifecycle;
  const deps = loadLifecycleDeps();
  const NOW = dayInstant('2026-11-30');
  let n = 0;
  const f = (projectId: string, x: Record<string, unknown>): ProjectFact => ({ factId: `${projectId}-f${++n}`, projectId, ...x }) as unknown as ProjectFact;
  const initiative = (projectId: string, on: string, region = '750000000', bin: string | null = null): ProjectFact => f(projectId, {
    type: 'InitiativeRegistered', occurredOn: on, initiator: 'akimat', regionKato: region, companyBin: bin, investment: { amount: '20000000', currency: 'USD' },
    jobs: 100, global2000: false, highTech: 'MEDIUM', investmentContract: false,
  });
  const passport = (projectId: string, on: string, region = '750000000', bin: string | null = null): ProjectFact => f(projectId, {
    type: 'PassportCreated', occurredOn: on, companyBin: bin, regionKato: region, estimatedCost: { amount: '20000000', currency: 'USD' }, companyRegisteredOn: null, industry: 'x',
  });
  const task = (projectId: string, taskId: string, dueOn: string): ProjectFact => f(projectId, { type: 'TaskScheduled', occurredOn: '2026-06-01', taskId, stage: 1, dueOn });
  const apply = (facts: ProjectFact[], now = NOW) => lifecycle.apply(facts.map((fact) => ({ fact, source: 'test' })), now);
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(sql, params))[0].n);

  beforeAll(async () => {
    const admin = new Pool({ connectionString: adminUrl, max: 1 });
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = withDatabase(adminUrl, name);
    await runMigrations(url, PROJECTS_MIGRATIONS);
    db = new Database(url, 4);
    repo = new ProjectsRepository(db);
    lifecycle = new ProjectLifecycle(repo, deps, createLogger('silent'));
  });

  afterAll(async () => {
    await db?.close();
    const admin = new Pool({ connectionString: adminUrl, max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('applies facts once: a redelivered batch changes nothing', async () => {
    const facts = [initiative('A', '2026-05-04'), passport('A', '2026-05-20'), task('A', 't1', '2026-12-20'), f('A', { type: 'RoadmapSubmitted', occurredOn: '2026-06-02' })];
    const first = await apply(facts);
    expect(first.events.map((e) => e.type)).toEqual(['InitiativeRegistered', 'Classified', 'MovedToImplementation', 'Classified', 'TaskScheduled', 'RoadmapSubmitted']);
    const before = await db.query('SELECT version, state FROM projects.project WHERE project_id = $1', ['A']);
    const again = await apply(facts);
    expect(again.events).toEqual([]);
    expect(again.outcomes).toEqual([]);
    expect(await db.query('SELECT version, state FROM projects.project WHERE project_id = $1', ['A'])).toEqual(before);
    expect(await count("SELECT count(*)::text n FROM projects.event WHERE project_id = 'A'")).toBe(6);
    const history = await repo.history('A');
    expect(history.map((e) => e.paragraph)).toEqual(['NDIP §42', 'NDIP §28', 'NDIP §42.1', 'NDIP §28', 'NDIP §49', 'NDIP §50']);
  });

  it('records a refused fact with its code, and it stays refused when redelivered', async () => {
    const approve = f('A', { type: 'RoadmapApproved', occurredOn: '2026-06-03' });
    const again = f('A', { type: 'RoadmapApproved', occurredOn: '2026-06-04' });
    const extend = f('A', { type: 'InitiativeDecision', occurredOn: '2026-06-03', decision: 'EXTEND' });
    const r = await apply([extend, approve, again]);
    expect(r.outcomes.map((o) => [o.outcome, o.code])).toEqual([['REFUSED', 'WRONG_STAGE'], ['APPLIED', null], ['REFUSED', 'WRONG_STAGE']]);
    expect((await apply([extend, again])).outcomes).toEqual([]);
    expect(await count("SELECT count(*)::text n FROM projects.applied_fact WHERE project_id = 'A' AND outcome = 'REFUSED'")).toBe(2);
  });

  it('colors tasks in SQL exactly as taskColor() does, and a day later emits the changes time alone made (NDIP §55)', async () => {
    const day = '2026-11-30';
    const dues = [-3, -1, 0, 1, 9, 10, 11, 30].map((d) => addCalendarDays(day, d));
    await apply([initiative('C', '2026-05-04', '710000000'), passport('C', '2026-05-20', '710000000'), ...dues.map((d, i) => task('C', `c${i}`, d))]);
    const firstDay = await lifecycle.tickDay(day);
    expect(firstDay.colorEvents).toBe(0); // first colors are silent
    const rows = await repo.tasks('C');
    for (const t of rows) expect(t.color).toBe(taskColor(t.dueOn, null, day));
    const next = await lifecycle.tickDay(addCalendarDays(day, 1));
    const changes = (await repo.history('C')).filter((e) => e.type === 'TaskColorChanged').map((e) => [e.data.dueOn, e.data.from, e.data.to, e.paragraph]);
    expect(changes).toEqual([
      ['2026-11-30', 'YELLOW', 'RED', 'NDIP §55'],
      ['2026-12-10', 'GREEN', 'YELLOW', 'NDIP §55'],
    ]);
    expect(next.colorEvents).toBe(2);
    expect((await lifecycle.tickDay(addCalendarDays(day, 1))).colorEvents).toBe(0);
    const versions = (await repo.history('C')).map((e) => e.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    const red = await repo.tasksByColor(addCalendarDays(day, 1), 'RED', 100, '710000000');
    expect(red.map((t) => t.dueOn)).toEqual([dues[0], dues[1], dues[2]]);
  });

  it('expires a deadline once in the tick (NDIP §48)', async () => {
    await apply([initiative('D', '2026-10-01'), passport('D', '2026-10-05')]);
    expect((await lifecycle.tickDay('2026-11-04')).deadlineEvents).toBe(0);
    expect((await lifecycle.tickDay('2026-11-05')).deadlineEvents).toBe(1);
    expect((await lifecycle.tickDay('2026-11-06')).deadlineEvents).toBe(0);
    const expired = (await repo.history('D')).filter((e) => e.type === 'DeadlineExpired');
    expect(expired.map((e) => [e.paragraph, e.data.kind, e.effectiveOn])).toEqual([['NDIP §48', 'ROADMAP_FORMATION', '2026-11-05']]);
  });

  it('ranks regions by delinquency points and breaks a tie by the number of projects (NDIP §56)', async () => {
    const today = '2026-11-30';
    // Region X: 2 projects, one task 3 days overdue (0.5) + one 10 days late at completion (1) = 1.5
    // Region Y: 1 project, one task 20 days overdue (1.5) = 1.5 -> tie, X has more projects
    // Region Z: 1 project, nothing overdue = 0
    await apply([
      initiative('X1', '2026-05-04', '111000000'), passport('X1', '2026-05-05', '111000000'), task('X1', 'a', addCalendarDays(today, -3)),
      initiative('X2', '2026-05-04', '111000000'), passport('X2', '2026-05-05', '111000000'), task('X2', 'b', '2026-09-01'), f('X2', { type: 'TaskCompleted', occurredOn: '2026-09-11', taskId: 'b' }),
      initiative('Y1', '2026-05-04', '222000000'), passport('Y1', '2026-05-05', '222000000'), task('Y1', 'c', addCalendarDays(today, -20)),
      initiative('Z1', '2026-05-04', '333000000'), passport('Z1', '2026-05-05', '333000000'), task('Z1', 'd', addCalendarDays(today, 40)),
    ]);
    const ranking = rankRegions((await repo.regionTotals(today)).filter((r) => ['111000000', '222000000', '333000000'].includes(r.regionKato)));
    expect(ranking.map((r) => [r.regionKato, r.points, r.projects])).toEqual([['333000000', 0, 1], ['111000000', 1.5, 2], ['222000000', 1.5, 1]]);
  });

  it('keeps ground evidence by BIN before the project exists and raises it when the BIN appears (NDIP §33.3)', async () => {
    const bin = '180340099991';
    const evidence = { id: 'feed.tax.lists.v1:0:77', bin, ground: 'BANKRUPTCY_OR_LIQUIDATION' as const, topic: 'feed.tax.lists.v1', partition: 0, offset: '77', record: `${bin}/BANKRUPT`, recordDate: '2026-09-01', detail: 'BANKRUPT list' };
    expect(await lifecycle.observeGrounds([evidence], NOW)).toEqual([]);
    const r = await apply([initiative('G', '2026-10-01', '750000000', bin)]);
    const raised = r.events.filter((e) => e.type === 'GroundRaised');
    expect(raised.map((e) => [e.paragraph, e.effectiveOn, (e.data.evidence as { id: string }).id])).toEqual([['NDIP §33.3', '2026-10-01', 'feed.tax.lists.v1:0:77']]);
    // The same record again raises nothing; a new one on a known project raises at once.
    expect(await lifecycle.observeGrounds([evidence], NOW)).toEqual([]);
    const court = { ...evidence, id: 'feed.court.civil-cases.v1:2:5', ground: 'JUDICIAL_RESTRICTION' as const, topic: 'feed.court.civil-cases.v1', partition: 2, offset: '5', record: '2-55/2026', recordDate: '2026-11-20', detail: 'defendant' };
    expect((await lifecycle.observeGrounds([court], NOW)).map((e) => [e.projectId, e.paragraph])).toEqual([['G', 'NDIP §33.5']]);
  });
});
