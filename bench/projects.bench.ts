import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Database, createLogger, loadConfig, runMigrations } from '@hub/platform';
import { PROJECTS_MIGRATIONS, ProjectLifecycle, ProjectsRepository, addCalendarDays, loadLifecycleDeps } from '@hub/projects';
import { BenchRow, timed } from './bench-support';
import { lifecycleThroughput } from './projects-throughput';

const DAY = '2026-11-30';

export async function runProjectsBench(log: (m: string) => void): Promise<BenchRow[]> {
  const projects = Number(process.env.BENCH_PROJECTS ?? 100_000);
  const tickProjects = Number(process.env.BENCH_TICK_PROJECTS ?? 100_000);
  const tasksPerProject = Number(process.env.BENCH_TICK_TASKS_PER_PROJECT ?? 20);
  const rows: BenchRow[] = [];
  // BENCH_PROJECTS=0 measures the tick alone (PostgreSQL only).
  if (projects > 0) rows.push(...(await lifecycleThroughput(log)));
  // BENCH_TICK_PROJECTS=0 measures the throughput alone.
  if (tickProjects === 0) return rows;
  const run = `bproj${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const base = loadConfig();
  const adminPool = new Pool({ connectionString: base.DATABASE_URL, max: 1 });
  await adminPool.query(`CREATE DATABASE "hub_${run}"`);
  const u = new URL(base.DATABASE_URL);
  u.pathname = `/hub_${run}`;
  await runMigrations(u.toString(), PROJECTS_MIGRATIONS);
  const db = new Database(u.toString(), 6);
  const repo = new ProjectsRepository(db);
  const lifecycle = new ProjectLifecycle(repo, loadLifecycleDeps(), createLogger('warn'));
  try {
    // ---- the daily tick over many projects and tasks ----
    log(`projects: tick over ${tickProjects.toLocaleString('en-US')} projects × ${tasksPerProject} tasks (BENCH_TICK_PROJECTS)`);
    await db.query('TRUNCATE projects.project, projects.task, projects.event, projects.deadline, projects.applied_fact');
    await db.query(
      `INSERT INTO projects.project (project_id, version, module, stage, region_kato, pool, state)
       SELECT 'T-' || g, 1, 'M2_IMPLEMENTATION', 'WITH_ROADMAP', (710 + g % 17)::text || '000000', 'NATIONWIDE', '{}'::jsonb FROM generate_series(1, $1::int) g`, [tickProjects]);
    await db.query(
      `INSERT INTO projects.task (project_id, task_id, region_kato, stage, due_on, completed_on)
       SELECT 'T-' || p, 't' || t, (710 + p % 17)::text || '000000', 1 + t % 3, $2::date + ((p * 7 + t * 13) % 400 - 100), CASE WHEN (p + t) % 5 = 0 THEN $2::date - 30 END
         FROM generate_series(1, $1::int) p, generate_series(1, $3::int) t`, [tickProjects, DAY, tasksPerProject]);
    await db.query('ANALYZE projects.task');
    // The first tick gives every task its first color (silently); the measured one is a day later.
    const firstTick = await timed(() => lifecycle.tickDay(addCalendarDays(DAY, -1)));
    log(`projects: first tick (every task's first color) ${firstTick.seconds.toFixed(2)} s`);
    const { result, seconds } = await timed(() => lifecycle.tickDay(DAY));
    log(`projects: tick emitted ${result.colorEvents.toLocaleString('en-US')} color changes in ${seconds.toFixed(2)} s`);
    const readTime = await timed(() => db.query('SELECT count(*) FROM projects.task WHERE completed_on IS NULL'));
    rows.push({ name: `projects daily tick (${tickProjects} proj, ${tickProjects * tasksPerProject} tasks)`, value: seconds, unit: 's', reference: 'one scan counting the open tasks', referenceValue: readTime.seconds, ratio: seconds / readTime.seconds, target: '< 10 s' });
    return rows;
  } finally {
    await db.close();
    await adminPool.query(`DROP DATABASE IF EXISTS "hub_${run}" WITH (FORCE)`);
    await adminPool.end();
  }
}
