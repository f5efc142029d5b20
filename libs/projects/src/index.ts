// Investment projects: the one-stop-shop lifecycle (NDIP chapters 3–4, NDIP Annex 1), pools, monitoring, status events.
export * from './core/calendar';
export * from './core/classification';
export * from './core/lifecycle';
export * from './core/monitoring';
export * from './projects.config';
