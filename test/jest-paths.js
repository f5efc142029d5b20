// Maps tsconfig "paths" to jest's moduleNameMapper so tests resolve libs exactly as tsc does.
const { compilerOptions } = require('../tsconfig.json');
exports.pathsToModuleNameMapper = () =>
  Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${alias.replace(/[/@-]/g, (c) => `\\${c}`)}$`,
      `<rootDir>/${target}`,
    ]),
  );
