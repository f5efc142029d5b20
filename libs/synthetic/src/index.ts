export * from './legal-entities';
export * from './regions';
export * from './population';
