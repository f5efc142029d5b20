import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Database, createLogger, loadConfig, runMigrations } from '@hub/platform';
import {
  PROJECTS_MIGRATIONS, ProjectFact, ProjectLifecycle, ProjectsRepository, addCalendarDays, dayInstant, loadLifecycleDeps, rankRegions, toEpochDay,
} from '@hub/projects';

/**
 * A handful of investment projects through their one-stop-shop lifecycles on a simulated clock
 * (1 March -> 30 November 2026, one day at a time): each day's facts go through the same use case the
 * Kafka consumer calls, then the day's tick runs (deadlines, §36, task colors). Every status event
 * is printed with its paragraph, then the region ranking (NDIP §56). Uses a database of its own,
 * dropped at the end (`--keep` keeps it).
 */
type Plan = Array<[string, Omit<ProjectFact, 'factId' | 'projectId'> & Record<string, unknown>]>;

const REGIONS: Record<string, string> = { '750000000': 'Almaty', '710000000': 'Astana', '631000000': 'Ust-Kamenogorsk (East Kazakhstan)' };

function plans(): Record<string, Plan> {
  const initiative = (on: string, region: string, amount: string, currency: string, extra: Record<string, unknown> = {}) =>
    [on, { type: 'InitiativeRegistered', occurredOn: on, initiator: 'MFA foreign mission', regionKato: region, companyBin: null, investment: { amount, currency }, jobs: 350, global2000: false, highTech: 'MEDIUM', investmentContract: false, ...extra }] as Plan[number];
  const passport = (on: string, region: string, amount: string, currency: string) =>
    [on, { type: 'PassportCreated', occurredOn: on, companyBin: null, regionKato: region, estimatedCost: { amount, currency }, companyRegisteredOn: null, industry: 'manufacturing' }] as Plan[number];
  const f = (on: string, type: string, extra: Record<string, unknown> = {}) => [on, { type, occurredOn: on, ...extra }] as Plan[number];
  const task = (on: string, id: string, stage: number, dueOn: string) => f(on, 'TaskScheduled', { taskId: id, stage, dueOn });
  return {
    // A green-corridor chemicals plant that reaches Module 3 after one round of remarks.
    'KZ-ALM-001': [
      initiative('2026-03-02', '750000000', '45000000', 'USD', { global2000: true, highTech: 'HIGH', jobs: 600 }),
      passport('2026-03-20', '750000000', '45000000', 'USD'),
      task('2026-03-25', 'feasibility', 1, '2026-05-15'), task('2026-03-25', 'land-plot', 1, '2026-06-01'), task('2026-03-25', 'construction', 2, '2026-08-31'),
      f('2026-04-10', 'RoadmapSubmitted'), f('2026-04-14', 'RoadmapReturned', { remarks: 'construction stage lacks permits' }), f('2026-04-20', 'RoadmapRemarksFixed'), f('2026-04-27', 'RoadmapApproved'),
      f('2026-05-12', 'TaskCompleted', { taskId: 'feasibility' }), f('2026-06-09', 'TaskCompleted', { taskId: 'land-plot' }), f('2026-09-04', 'TaskCompleted', { taskId: 'construction' }),
      f('2026-09-10', 'ProjectValidated'),
    ],
    // A regional logistics hub whose akimat uses its one extension and then runs late on tasks.
    'KZ-AST-002': [
      initiative('2026-03-05', '710000000', '350000000', 'KZT'),
      f('2026-03-30', 'InitiativeDecision', { decision: 'EXTEND' }),
      passport('2026-04-28', '710000000', '350000000', 'KZT'),
      task('2026-05-05', 'design', 1, '2026-07-01'), task('2026-05-05', 'financing', 1, '2026-11-20'),
      f('2026-05-20', 'RoadmapSubmitted'), f('2026-05-25', 'RoadmapApproved'),
      f('2026-07-20', 'TaskCompleted', { taskId: 'design' }),
    ],
    // A project under an investment contract (nationwide pool whatever its size), excluded at the investor's request.
    'KZ-EKZ-003': [
      initiative('2026-04-01', '631000000', '2000000', 'EUR', { investmentContract: true }),
      passport('2026-04-15', '631000000', '2000000', 'EUR'),
      task('2026-04-20', 'permits', 1, '2026-06-10'),
      f('2026-06-25', 'ExclusionRequested', { requestedBy: 'INVESTOR', justification: 'financing withdrawn' }),
      f('2026-07-01', 'AuthorizedBodyDecision', { decision: 'EXCLUDE' }),
    ],
    // An Almaty project whose akimat misses the §48 roadmap deadline and whose tasks run late.
    'KZ-ALM-004': [
      initiative('2026-06-01', '750000000', '12000000', 'USD'),
      passport('2026-06-15', '750000000', '12000000', 'USD'),
      task('2026-07-01', 'tech-conditions', 1, '2026-10-20'), task('2026-07-01', 'design-estimates', 1, '2026-12-05'),
      f('2026-08-03', 'RoadmapSubmitted'), f('2026-08-07', 'RoadmapApproved'),
    ],
    // An Astana initiative nobody acts on: the §42 deadline expires.
    'KZ-AST-005': [initiative('2026-10-01', '710000000', '80000000', 'USD')],
  };
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const adminUrl = loadConfig().DATABASE_URL;
  const name = `hub_projects_demo_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const admin = new Pool({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  await runMigrations(u.toString(), PROJECTS_MIGRATIONS);
  const db = new Database(u.toString(), 2);
  const repo = new ProjectsRepository(db);
  const lifecycle = new ProjectLifecycle(repo, loadLifecycleDeps(), createLogger('warn'));
  try {
    const byDay = new Map<string, ProjectFact[]>();
    let n = 0;
    for (const [projectId, plan] of Object.entries(plans())) {
      for (const [day, fact] of plan) byDay.set(day, [...(byDay.get(day) ?? []), { ...fact, projectId, factId: `demo-${++n}` } as ProjectFact]);
    }
    const first = '2026-03-01';
    const last = '2026-11-30';
    let seen = 0;
    console.log(`simulated clock ${first} -> ${last}; database ${name}\n`);
    for (let day = first; toEpochDay(day) <= toEpochDay(last); day = addCalendarDays(day, 1)) {
      const facts = byDay.get(day) ?? [];
      const { outcomes } = await lifecycle.apply(facts.map((fact) => ({ fact, source: 'demo' })), dayInstant(day));
      for (const o of outcomes.filter((x) => x.outcome === 'REFUSED')) console.log(`${day}  ${o.projectId}  REFUSED ${o.factType}: ${o.code} ${o.reason}`);
      await lifecycle.tickDay(day);
      const events = await db.query<{ project_id: string; version: number; type: string; paragraph: string; data: Record<string, unknown>; effective_on: string; seq: string }>(
        'SELECT project_id, version, type, paragraph, data, effective_on::text, seq::text FROM projects.event WHERE seq > $1 ORDER BY seq', [seen]);
      for (const e of events) {
        seen = Math.max(seen, Number(e.seq));
        console.log(`${day}  ${e.project_id.padEnd(10)} v${String(e.version).padEnd(3)} ${e.type.padEnd(26)} ${e.paragraph.padEnd(11)} ${summary(e.type, e.data)}`);
      }
    }
    console.log('\nregion ranking (NDIP §56) on', last);
    for (const r of rankRegions(await repo.regionTotals(last))) {
      console.log(`  #${r.rank}  ${REGIONS[r.regionKato] ?? r.regionKato}  ${r.points} delinquency points, ${r.projects} project(s)`);
    }
  } finally {
    await db.close();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

function summary(type: string, d: Record<string, unknown>): string {
  const deadline = d.deadline as { kind: string; dueOn: string } | undefined;
  const due = deadline ? ` -> ${deadline.kind} due ${deadline.dueOn}` : '';
  if (type === 'Classified') {
    const c = d.classification as { pool: { pool: string; amountMci: string }; greenCorridor: { weightedAverage: number; included: boolean }; taskForce: { routed: boolean } };
    return `${c.pool.pool} pool (${c.pool.amountMci} MCI), green-corridor score ${c.greenCorridor.weightedAverage}${c.greenCorridor.included ? ' INCLUDED' : ''}${c.taskForce.routed ? ', Task Force' : ''}`;
  }
  if (type === 'TaskColorChanged') return `task ${String(d.taskId)} ${String(d.from)} -> ${String(d.to)} (due ${String(d.dueOn)})`;
  if (type === 'DeadlineExpired') return `${String(d.kind)} was due ${String(d.dueOn)}`;
  if (type === 'TaskScheduled' || type === 'TaskCompleted') return `task ${String(d.taskId)} due ${String(d.dueOn)}${typeof d.daysLate === "number" && d.daysLate > 0 ? `, ${d.daysLate} days late` : "" }`;
  if ('late' in d) return `${d.late ? 'LATE, ' : ''}met ${String(d.deadlineMet)} due ${String(d.dueOn)}${due}`;
  return due.trim();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
