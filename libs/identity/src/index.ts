export * from './national-id';
export * from './national-id.generator';
export * from './classifiers';
export * from './mask';
export { computeCheckDigit } from './check-digit';
