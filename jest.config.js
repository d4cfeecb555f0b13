// Jest on Node 20 with pure-ESM @nestjs/* packages: the recipe of reference/nest-stack.md §B5
// (swc to CommonJS, @nestjs transformed, dynamic import kept, run under --experimental-vm-modules).
process.env.TZ = 'UTC';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs', ignoreDynamic: true },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleNameMapper: {
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@app/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  // PGlite costs ~800 MB and a few seconds per instance: one per test file, two files at a time.
  maxWorkers: 2,
  testTimeout: 60_000,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // The INDI suite needs indiserver in a private network namespace: only test/integration/indi-namespace.sh runs it.
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.SKYGATE_INDI_NAMESPACE === '1' ? [] : ['/test/e2e/equipment-indi(-[a-z]+)?\\.e2e-spec\\.ts$'])],
};
