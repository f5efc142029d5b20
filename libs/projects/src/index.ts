// Investment projects: the one-stop-shop lifecycle (NDIP §16–§61, Annex 1), pools, monitoring, status events.
export * from './core/calendar';
export * from './core/classification';
export * from './core/lifecycle';
export * from './core/monitoring';
export * from './projects.config';
