import { defineConfig } from 'vitest/config';

/**
 * Test files that stub AWS SDK clients (aws-sdk-client-mock, directly or through their fixtures):
 * a stub patches a client class that every file in the worker shares, so these files keep their own
 * modules. Every other file shares its worker's loaded modules (aws-cdk-lib, the policy engine, the
 * configuration schema) instead of loading them again: that loading was about half the suite's time.
 */
const STUBBING_SDK_CLIENTS = [
  'test/break-glass/**/*.test.ts',
  'test/doctor/**/*.test.ts',
  'test/drill/**/*.test.ts',
  'test/alerting/freshness.test.ts',
  'test/restore-testing/overdue.test.ts',
  'test/restore-testing/validate.test.ts',
  'test/seal/opening.test.ts',
];

const shared = {
  globals: true,
  pool: 'threads',
  // A synthesis with CloudFormation validation, or a real CDK CLI run, takes seconds on a busy machine.
  testTimeout: 60_000,
  setupFiles: ['test/support/checkout-guard.ts', 'test/support/matchers.ts', 'test/support/cleanup.ts'],
} as const;

export default defineConfig({
  test: {
    // Dots while running, then failures in full and the counts: nothing to scroll past when all pass.
    reporters: ['dot', './test/support/summary-reporter.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'shared-modules',
          include: ['test/**/*.test.ts'],
          exclude: STUBBING_SDK_CLIENTS,
          // Vitest still resets mocks and `vi.setConfig` after every file; the modules the files
          // share keep no state between them but caches of pure functions.
          isolate: false,
        },
      },
      { test: { ...shared, name: 'own-modules', include: STUBBING_SDK_CLIENTS, isolate: true } },
    ],
  },
});
