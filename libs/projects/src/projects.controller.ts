import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { kzDate } from './core/calendar';
import { ProjectState } from './core/lifecycle';
import { RegionRank, TaskColor, rankRegions, taskColor } from './core/monitoring';
import { ProjectsRepository } from './projects.repository';

const COLORS: readonly TaskColor[] = ['RED', 'YELLOW', 'GREEN'];

@Controller()
export class ProjectsController {
  constructor(private readonly repo: ProjectsRepository) {}

  /** State, history with paragraphs, pool, green-corridor score parts, Task Force, open grounds, deadlines, tasks with today's colors. */
  @Get('projects/:id')
  async project(@Param('id') id: string) {
    const state = (await this.repo.loadStates([id])).get(id) as ProjectState;
    if (state.version === 0) throw new NotFoundException(`no project ${id}`);
    const today = kzDate(new Date());
    const [history, tasks] = await Promise.all([this.repo.history(id), this.repo.tasks(id)]);
    const c = state.classification;
    return {
      projectId: id, version: state.version, module: state.module, stage: state.stage, suspended: state.suspended,
      regionKato: state.regionKato, companyBin: state.companyBin, investment: state.investment, investmentContract: state.investmentContract,
      pool: c?.pool ?? null,
      greenCorridor: c ? { included: c.greenCorridor.included, weightedAverage: c.greenCorridor.weightedAverage, threshold: c.greenCorridor.threshold, parts: c.greenCorridor.parts, paragraph: c.greenCorridor.paragraph } : null,
      taskForce: c?.taskForce ?? null,
      openGrounds: state.grounds,
      deadlines: state.deadlines,
      tasks: (tasks.length > 0 ? tasks : state.tasks.map((t) => ({ ...t, projectId: id }))).map((t) => ({ ...t, color: taskColor(t.dueOn, t.completedOn, today) })),
      history: history.map((e) => ({ version: e.version, eventId: e.eventId, type: e.type, paragraph: e.paragraph, effectiveOn: e.effectiveOn, causedBy: e.causedBy, data: e.data, published: e.publishedAt !== null })),
    };
  }

  /** NDIP §55: open tasks with today's color, optionally one color / one region. */
  @Get('monitoring/tasks')
  async tasks(@Query('color') color?: string, @Query('region') region?: string, @Query('limit') limit?: string) {
    const c = color ? color.toUpperCase() : null;
    if (c !== null && !COLORS.includes(c as TaskColor)) throw new BadRequestException(`color must be one of ${COLORS.join(', ')}`);
    const n = limit ? Number(limit) : 500;
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new BadRequestException('limit must be 1..10000');
    const today = kzDate(new Date());
    return { today, color: c, tasks: await this.repo.tasksByColor(today, c as TaskColor | null, n, region ?? null) };
  }

  /** NDIP §56: regions ranked by delinquency points, ties to the region with more projects. */
  @Get('monitoring/regions')
  async regions(): Promise<{ today: string; paragraph: 'NDIP §56'; ranking: RegionRank[] }> {
    const today = kzDate(new Date());
    return { today, paragraph: 'NDIP §56', ranking: rankRegions(await this.repo.regionTotals(today)) };
  }
}
