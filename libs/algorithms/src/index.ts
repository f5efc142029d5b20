export * from './algorithm';
export * from './algorithm-registry';
export * from './evaluation';
