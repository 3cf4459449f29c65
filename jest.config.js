'use strict';
// Unit specs beside the code; end-to-end tests in test/ that start the built apps as processes
// against the real Postgres and Redis; and the labs' own checks (datasets, solutions, templates).
const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@wb/common(|/.*)$': '<rootDir>/libs/common/src$1',
    '^@wb/judge(|/.*)$': '<rootDir>/libs/judge/src$1',
  },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    { ...shared, displayName: 'labs', testMatch: ['<rootDir>/test/labs/**/*.spec.ts'] },
    // Figures, not pass/fail: `npm run bench`, never part of `npm test`.
    { ...shared, displayName: 'bench', testMatch: ['<rootDir>/test/bench/**/*.bench.ts'] },
  ],
};
