/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // One worker per core (Jest's default keeps one core for itself, which on two cores means one worker).
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // --detectOpenHandles finds no handle left open; a worker that has loaded aws-cdk-lib can still take
  // longer than Jest's default 500 ms to exit on a busy machine, and is then force-exited with a
  // misleading "failed to exit gracefully" warning.
  workerGracefulExitTimeout: 5000,
  setupFiles: ['<rootDir>/test/support/checkout-guard.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/cdk-autoclean.ts'],
};
