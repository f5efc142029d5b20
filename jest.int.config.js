// Integration and end-to-end tests talk to the real broker, registry and PostgreSQL.
// globalSetup brings the local stack up (or reuses it) and fails the run loudly if it cannot.
module.exports = {
  ...require('./jest.base'),
  displayName: 'int',
  testRegex: '\\.(int|e2e)-spec\\.ts$',
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 60000,
  maxWorkers: 1,
};
