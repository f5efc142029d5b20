module.exports = { ...require('./jest.base'), displayName: 'unit', testRegex: '\\.spec\\.ts$' };
