import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, Logger } from '@hub/platform';
import { kzDate } from './core/calendar';
import { ProjectLifecycle } from './project-lifecycle.usecase';
import { ProjectsRepository } from './projects.repository';

/**
 * The daily tick (NDIP §36, §55, deadlines): at start-up every missed day is caught up, then an
 * hourly check runs the tick once the Kazakhstan date has moved on.
 */
@Injectable()
export class ProjectsTickScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly lifecycle: ProjectLifecycle,
    private readonly repo: ProjectsRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.catchUp();
    this.timer = setInterval(() => {
      void (async () => {
        await this.running;
        if ((await this.repo.lastTick()) !== kzDate(new Date())) this.running = this.catchUp();
      })().catch((error: unknown) => this.log.warn({ err: error }, 'projects tick check failed'));
    }, 3_600_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private catchUp(): Promise<unknown> {
    return this.lifecycle.catchUp(new Date()).catch((error: unknown) => this.log.warn({ err: error }, 'projects tick failed; retried within the hour'));
  }
}
