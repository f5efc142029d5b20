// Investment projects: the one-stop-shop lifecycle (NDIP chapters 3–4, NDIP Annex 1), pools, monitoring, status events.
export * from './core/calendar';
export * from './core/classification';
export * from './core/lifecycle';
export * from './core/monitoring';
export * from './core/grounds';
export * from './ground-feeds.consumer';
export * from './projects.config';
export * from './envelope.ports';
export * from './project-document';
export * from './project-lifecycle.usecase';
export * from './projects.consumer';
export * from './projects.controller';
export * from './projects.module';
export * from './projects.repository';
export * from './projects-tick.scheduler';
export * from './status.publisher';
