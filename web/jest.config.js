/** Web component tests: jest + jsdom + Testing Library, compiled by @swc/jest to CommonJS. */
const swc = {
  swcrc: false,
  module: { type: 'commonjs' },
  jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } },
};
export default {
  testEnvironment: '<rootDir>/jest.environment.cjs',
  rootDir: '.',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.tsx', '**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(openapi-fetch|@ant-design|@rc-component|rc-[a-z-]+|@babel/runtime)/)'],
  moduleNameMapper: { '\\.(css|less|svg|png)$': '<rootDir>/src/test-utils/file-stub.cjs' },
  setupFiles: ['<rootDir>/jest.polyfills.cjs'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
};
