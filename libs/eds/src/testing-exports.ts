// Test-only re-exports: the public index plus the key-usage flags fixtures need.
export * from './index';
export { KeyUsageFlags as KeyUsageFlagsForTests } from './pki/certificate';
