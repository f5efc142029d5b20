export * from './legal-entities';
export * from './regions';
export * from './population';
export * from './population-generator';
export * from './population-feeds';
export * from './feeds';
export * from './world';
