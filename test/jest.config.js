/** Browser end-to-end tests: the whole system as `npm start` runs it, driven in Debian's Chromium. */
const swc = {
  swcrc: false,
  module: { type: 'commonjs' },
  jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
};
export default {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/e2e/support/global-setup.cjs',
  globalTeardown: '<rootDir>/e2e/support/global-teardown.cjs',
  testTimeout: 180000,
  maxWorkers: 1,
  forceExit: true,
};
