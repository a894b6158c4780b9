/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // One worker per core (Jest's default keeps one core for itself, which on two cores means one worker).
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
};
