// Integration and end-to-end tests talk to the real broker, registry and PostgreSQL.
// globalSetup brings the local stack up (or reuses it) and fails the run loudly if it cannot.
module.exports = {
  ...require('./jest.base'),
  displayName: 'int',
  testRegex: '\\.(int|e2e)-spec\\.ts$',
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 60000,
  maxWorkers: 1,
  // Every test passed and jest still did not exit (2026-12-03, after this session's changes: an open
  // handle not yet found; the transport's admin connection and the session-revocation client were
  // ruled out). Until it is found, the run ends when its tests do, so CI reports instead of hanging.
  forceExit: true,
};
