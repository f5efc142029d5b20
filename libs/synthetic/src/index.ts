export * from './legal-entities';
export * from './regions';
