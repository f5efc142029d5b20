// 30 s per test: a few unit tests build a real development PKI (RSA key generation, seconds on a
// busy 2-core machine; CI once timed out at jest's default 5 s). A hung test still fails.
module.exports = { ...require('./jest.base'), displayName: 'unit', testRegex: '\\.spec\\.ts$', testTimeout: 30_000 };
